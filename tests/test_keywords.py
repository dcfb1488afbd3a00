"""Behaviour of khabar.keywords on short Arabic texts written for these tests."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

import khabar
from khabar import keywords as kw
from khabar.keywords import Keyword, KeywordsResourceError, fold, keywords

ROOT = Path(__file__).resolve().parents[1]

PERSON_ARTICLE = (
    "الرباط - استقبل العاهل المغربي الملك محمد السادس اليوم الثلاثاء في القصر الملكي بالرباط وفدا من رجال "
    "الأعمال الإسبان. وبحث الملك محمد السادس مع الوفد مشاريع الطاقة الشمسية في جنوب المغرب. وقال بيان للديوان "
    "الملكي إن محمد السادس دعا إلى مضاعفة الاستثمارات في الطاقة الشمسية خلال السنوات المقبلة."
)
GOVERNMENT = (
    "انتقد النواب الحكومة بشدة. وقال نائب إن بالحكومة وزراء لا يعملون، وإن على الحكومة أن تستقيل. "
    "ودعا النائب إلى سحب الثقة من الحكومة، وقدم وللحكومة مهلة أسبوع."
)
STOPWORDS = ("التي", "وقد", "على", "الذي", "في", "من", "إلى", "أن", "إن", "هذا", "كان")


@pytest.fixture(scope="module")
def person_doc():
    return khabar.analyze(PERSON_ARTICLE)


def test_named_person_and_place_rank_high(person_doc) -> None:
    found = keywords(person_doc)
    top3 = [k.text for k in found[:3]]
    assert any("محمد السادس" in text for text in top3), top3
    entity = next(k for k in found if "محمد السادس" in k.text)
    assert entity.kind == "entity" and entity.label == "PER"
    assert entity.count >= 3
    assert any(k.kind == "entity" and k.label == "LOC" for k in found)


def test_stopwords_never_keywords() -> None:
    text = ("وقد قال الوزير إن الخطة التي أعلنها على الطاولة، وقد أكد أن الخطة التي وضعتها الوزارة على "
            "رأس الأولويات التي وقد على التي على وقد. وكان هذا في الاجتماع الذي عقد من أجل الخطة.")
    stop = {fold(w) for w in STOPWORDS}
    for k in keywords(khabar.analyze(text), top=50):
        assert fold(k.text) not in stop and k.lemma not in stop, k
        for word in k.text.split():
            assert fold(word) not in {"التي", "وقد", "علي", "على"}, k


def test_clitic_forms_are_one_lemma_with_all_mentions() -> None:
    doc = khabar.analyze(GOVERNMENT)
    found = keywords(doc, top=20)
    government = [k for k in found if k.lemma == "حكومة"]
    assert len(government) == 1, [(k.text, k.lemma) for k in found]
    k = government[0]
    assert k.kind == "term" and k.text == "الحكومة"
    assert k.count == 5 and len(k.mentions) == 5
    # every written form is a mention: الحكومة, بالحكومة (ب + الحكومة), وللحكومة (و + ل + لحكومة)
    for start, end in k.mentions:
        assert doc.text[start:end] in {"الحكومة", "لحكومة"}
    assert found[0].lemma == "حكومة"


def test_offsets_point_into_doc_text(person_doc) -> None:
    for k in keywords(person_doc, top=20):
        assert k.mentions and k.count == len(k.mentions)
        for start, end in k.mentions:
            assert 0 <= start < end <= len(person_doc.text)
            span = person_doc.char_span(start, end)
            assert span is not None, (k, person_doc.text[start:end])  # mentions fall on token boundaries
        if k.kind == "entity":
            assert any(fold(person_doc.text[s:e]) in fold(k.text) for s, e in k.mentions)


def test_top_is_respected(person_doc) -> None:
    assert keywords(person_doc, top=0) == []
    assert len(keywords(person_doc, top=1)) == 1
    assert len(keywords(person_doc, top=3)) == 3
    many = keywords(person_doc, top=500)
    assert 3 < len(many) < 500
    assert [k.lemma for k in many[:3]] == [k.lemma for k in keywords(person_doc, top=3)]
    scores = [k.score for k in many]
    assert scores == sorted(scores, reverse=True)
    assert len({(k.kind, k.lemma) for k in many}) == len(many)


def test_pipeline_stage_gives_the_top_ten(person_doc) -> None:
    assert person_doc._.keywords == keywords(person_doc, top=10)
    assert khabar.analyze(PERSON_ARTICLE, disable=["keywords"])._.keywords is None


@pytest.mark.parametrize("text", ["", " ", "\n\n", "😀🎉🔥", "Hello world, this is English only.", "123 456 ٧٨٩",
                                  "...،،؟!", "ا", "\u200f\u200e"])
def test_odd_input_does_not_crash(text: str) -> None:
    found = keywords(khabar.analyze(text))
    assert isinstance(found, list)
    assert all(isinstance(k, Keyword) for k in found)
    if not any("\u0621" <= c <= "\u064a" for c in text):
        assert all(k.kind == "entity" for k in found)  # no Arabic: no Arabic terms or phrases


def test_huge_input() -> None:
    text = "\n".join([PERSON_ARTICLE, GOVERNMENT] * 150)  # about 80,000 characters: analyzed in chunks
    doc = khabar.analyze(text)
    found = keywords(doc, top=10)
    assert len(found) == 10
    for k in found:
        for start, end in k.mentions[:5]:
            assert doc.char_span(start, end) is not None


def test_to_dict_is_json_ready(person_doc) -> None:
    found = keywords(person_doc)
    dumped = json.loads(json.dumps([k.to_dict() for k in found], ensure_ascii=False))
    assert dumped[0]["text"] == found[0].text
    assert set(dumped[0]) == {"text", "lemma", "kind", "label", "score", "count", "mentions"}
    assert all(isinstance(m, list) and len(m) == 2 for d in dumped for m in d["mentions"])


def test_keyword_is_frozen() -> None:
    k = Keyword("بيروت", "بيروت", "entity", "LOC", 1.0, 1, [(0, 5)])
    with pytest.raises(AttributeError):
        k.score = 2.0  # type: ignore[misc]


def test_recurring_phrase_is_one_keyword() -> None:
    text = ("ارتفعت أسعار النفط في الأسواق العالمية اليوم. وقال محللون إن أسعار النفط قد تواصل الصعود، "
            "بينما تراجعت أسعار الذهب. ويتوقع التجار أن تبقى أسعار النفط مرتفعة.")
    found = keywords(khabar.analyze(text), top=5)
    phrase = next(k for k in found if k.kind == "phrase")
    assert phrase.text == "أسعار النفط" and phrase.count == 3
    # the phrase's words are not listed again on their own
    assert not any(k.kind == "term" and k.lemma in phrase.lemma.split() for k in found)


def test_missing_table_gives_a_clear_error(monkeypatch, tmp_path: Path) -> None:
    doc = khabar.analyze("قال الوزير في بيروت إن الحكومة ستجتمع", disable=["keywords"])
    monkeypatch.setattr(kw, "DATA_FILE", tmp_path / "absent.tsv.gz")
    with pytest.raises(KeywordsResourceError, match="missing or damaged"):
        keywords(doc)


def test_a_finder_never_runs_the_analyzer() -> None:
    with pytest.raises(TypeError, match=r"khabar.analyze\(text\)"):
        keywords("قال الوزير في بيروت إن الحكومة ستجتمع")


def test_damaged_table_gives_a_clear_error(monkeypatch, tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv.gz"
    bad.write_bytes(gzip.compress(b"not a table\n"))
    monkeypatch.setattr(kw, "DATA_FILE", bad)
    with pytest.raises(KeywordsResourceError, match="header"):
        kw.load_df()
    bad.write_bytes(b"not gzip at all")
    kw._load.cache_clear()
    with pytest.raises(KeywordsResourceError):
        kw.load_df()
    kw._load.cache_clear()


def test_shipped_table_is_vocabulary_counts() -> None:
    documents, df = kw.load_df()
    assert documents >= 1000
    assert kw.DATA_FILE.stat().st_size <= 2_000_000
    assert all(2 <= n <= documents for n in list(df.values())[:1000])
    assert "التي" not in df and "على" not in df  # stopwords are never counted


def test_real_news_keywords(shared_data: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from build_keyword_df import iter_articles, split

    assert split("ALA_1") == split("ALA_1")
    articles = []
    for article in iter_articles(shared_data, "test"):
        articles.append(article)
        if len(articles) == 5:
            break
    assert all(split(a.id) == "test" for a in articles)
    stop = kw._stopwords()
    for doc in khabar.analyze.pipe(a.text for a in articles):
        found = keywords(doc)
        assert found
        assert all(fold(k.text) not in stop for k in found)


def test_two_names_of_one_linked_place_are_one_keyword() -> None:
    doc = khabar.analyze("زار الوزير السعودية أمس. وقال إن المملكة العربية السعودية ستدعم الاتفاق مع السعودية.")
    places = [k for k in keywords(doc) if k.label == "LOC"]
    assert len(places) == 1 and places[0].count == 3
