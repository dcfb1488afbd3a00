import json
import subprocess
import sys

import pytest

from khabar.dedupe import find_duplicates, normalize, signature

# short made-up articles (not corpus text)
STORY = (
    "القاهرة، مصر (خبر) - أعلنت وزارة الصحة المصرية اليوم الأحد تسجيل ثلاثين إصابة جديدة بالفيروس في محافظة الجيزة.\n"
    "وقالت الوزارة في بيان إن فرقها الطبية انتقلت إلى القرى المتضررة لفحص السكان وتوزيع الأدوية مجانا على الأسر.\n"
    "وأضاف البيان أن المستشفيات مستعدة لاستقبال الحالات الحرجة خلال الأيام المقبلة، وأن الوزارة ستنشر أرقاما "
    "يومية عن عدد الإصابات والوفيات حتى انتهاء الأزمة.\n"
    "ودعا وزير الصحة المواطنين إلى غسل الأيدي وتجنب التجمعات الكبيرة وارتداء الكمامات في وسائل النقل العامة."
)
OTHER = (
    "الرياض (خبر) - فاز فريق الهلال على النصر بثلاثة أهداف مقابل هدف في مباراة القمة التي أقيمت مساء الجمعة على "
    "ملعب الملك فهد الدولي وسط حضور جماهيري كبير.\n"
    "وقال مدرب الفريق في المؤتمر الصحفي بعد اللقاء إن اللاعبين قدموا أداء ممتازا رغم غياب ثلاثة من الأساسيين بسبب "
    "الإصابة، وإن الفريق يستعد الآن لمواجهة صعبة في البطولة الآسيوية الأسبوع المقبل.\n"
    "ويتصدر الهلال الترتيب برصيد أربعين نقطة بفارق خمس نقاط عن أقرب منافسيه."
)


def grouped(a: str, b: str) -> bool:
    groups = find_duplicates([("a", a), ("b", b)])
    return any({"a", "b"} <= set(g.members) for g in groups)


@pytest.mark.parametrize(
    "variant",
    [
        STORY,
        STORY.replace("وزارة الصحة", "وزارةالصحة").replace("في بيان", "فيبيان"),  # lost spaces
        STORY.replace("أ", "ا").replace("إ", "ا"),  # hamzas dropped
        STORY.replace("القاهرة، مصر (خبر) -", "الجيزة - وكالات"),  # another dateline
        "\n".join(STORY.split("\n")[1:]),  # first line (with the dateline) gone... the rest remains
        STORY[: int(len(STORY) * 0.78)],  # ending trimmed
        STORY.replace("ى", "ي").replace("ة ", "ه ").replace("،", "."),  # repair differences
    ],
    ids=["exact", "lost-space", "hamza", "dateline", "first-line", "trimmed", "repair"],
)
def test_altered_copy_is_grouped(variant: str) -> None:
    assert grouped(STORY, variant)


def test_a_different_article_is_not_grouped() -> None:
    assert not grouped(STORY, OTHER)
    assert find_duplicates([("a", STORY), ("b", OTHER)]) == []


def test_group_has_the_longest_member_as_representative_and_pairs() -> None:
    groups = find_duplicates([("short", STORY[:400]), ("full", STORY), ("other", OTHER), ("again", STORY)])
    assert len(groups) == 1
    group = groups[0]
    assert sorted(group.members) == ["again", "full", "short"]
    assert group.representative == "full"
    assert group.pairs and all(0.4 <= p.similarity <= 1.0 for p in group.pairs)


def test_empty_and_odd_input_is_never_grouped() -> None:
    assert signature("") is None
    assert signature("  ... ،؛ «» ") is None
    assert find_duplicates([("a", ""), ("b", ""), ("c", "   ")]) == []
    assert find_duplicates([]) == []
    with pytest.raises(ValueError):
        find_duplicates([("a", STORY)], threshold=0)


def test_repeated_ids_and_a_huge_text() -> None:
    huge = STORY * 2000
    groups = find_duplicates([("x", huge), ("x", huge), ("y", OTHER)])
    assert [g.members for g in groups] == [["x", "x"]]


def test_normalize_folds_and_undoes_mojibake() -> None:
    assert normalize("أُعلِنَت الهُدنة إلى الغـــد ٣", skip_words=0) == ["اعلنت", "الهدنه", "الي", "الغد", "3"]
    mojibake = "وزارة الخارجية".encode("cp1256").decode("cp1252")
    assert normalize(mojibake, skip_words=0) == ["وزاره", "الخارجيه"]


def khabar(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "khabar", *args], capture_output=True, timeout=120)


def test_cli_dedupe_folder_and_jsonl(tmp_path) -> None:
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    (folder / "one.txt").write_text(STORY, encoding="utf-8")
    (folder / "sub" / "two.txt").write_bytes(STORY.replace("أ", "ا").encode("cp1256"))
    (folder / "three.txt").write_text(OTHER, encoding="utf-8")
    (folder / "junk.txt").write_bytes(bytes(range(256)) * 4)
    feed = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "j1", "text": STORY[: int(len(STORY) * 0.8)]}, ensure_ascii=False),
        "{not json",
        json.dumps({"body": OTHER}, ensure_ascii=False),
        json.dumps({"text": OTHER}, ensure_ascii=False),
    ]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = khabar("dedupe", str(folder), str(feed), "--json")
    assert run.returncode == 0, run.stderr.decode()
    assert "Traceback" not in run.stderr.decode()
    data = json.loads(run.stdout)
    assert data["documents"] == 5
    reasons = {(s["path"].rsplit("/", 1)[-1], s.get("line")) for s in data["skipped"]}
    assert reasons == {("junk.txt", None), ("feed.jsonl", 2), ("feed.jsonl", 3)}
    members = sorted(sorted(m.rsplit("/", 1)[-1] for m in g["members"]) for g in data["groups"])
    assert members == [["feed.jsonl:4", "three.txt"], ["j1", "one.txt", "two.txt"]]
    assert "skipped" in run.stderr.decode()


def test_cli_dedupe_table_fields_and_threshold(tmp_path) -> None:
    feed = tmp_path / "feed.jsonl"
    rows = [{"key": "k1", "body": STORY}, {"key": "k2", "body": STORY.replace("أ", "ا")}, {"key": "k3", "body": OTHER}]
    feed.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    run = khabar("dedupe", str(feed), "--text-field", "body", "--id-field", "key", "--threshold", "0.9")
    assert run.returncode == 0, run.stderr.decode()
    out = run.stdout.decode()
    assert "1 group(s)" in out and "k1" in out and "k2" in out and "k3" not in out
    run = khabar("dedupe", str(tmp_path / "missing.txt"), "--json")
    assert run.returncode == 0
    assert json.loads(run.stdout)["skipped"][0]["reason"].startswith("cannot read")


def test_containment_keeps_a_heavily_trimmed_copy() -> None:
    half = STORY[: int(len(STORY) * 0.6)]
    assert find_duplicates([("a", STORY), ("b", half)])
    assert not find_duplicates([("a", STORY), ("b", half)], containment=None)
