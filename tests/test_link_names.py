"""Organisations and people linked to the shipped table (khabar.link.names) and its build."""

from __future__ import annotations

import gzip
import importlib.util
import sys
from pathlib import Path

import pytest

import khabar
from khabar.analyze import to_dict
from khabar.link import LinkResourceError, normalize_name
from khabar.link.names import NAMES_FILE, NAMES_HEADER, NameLink, _load, link_name, name_entries

ROOT = Path(__file__).resolve().parents[1]


def _build_module():
    spec = importlib.util.spec_from_file_location("build_name_kb", ROOT / "scripts" / "build_name_kb.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_name_kb"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("text", "label", "ident"), [
    ("الأمم المتحدة", "ORG", "khabar:org/united-nations"),
    ("للأمم المتحدة", "ORG", "khabar:org/united-nations"),
    ("الامم المتحده", "ORG", "khabar:org/united-nations"),
    ("المنظمة الدولية", "ORG", "khabar:org/united-nations"),
    ("مجلس الأمن", "ORG", "khabar:org/un-security-council"),
    ("ومجلس الأمن الدولي", "ORG", "khabar:org/un-security-council"),
    ("هيئة تحرير الشام", "ORG", "khabar:org/hayat-tahrir-al-sham"),
    ("رجب طيب أردوغان", "PER", "khabar:per/recep-tayyip-erdogan"),
])
def test_known_names_link_with_stable_ids(text: str, label: str, ident: str) -> None:
    link = link_name(text, label)
    assert link is not None and link.id == ident


@pytest.mark.parametrize(("text", "label"), [
    ("منظمة لا يعرفها أحد", "ORG"),   # unknown: null, never a guess
    ("الأمم المتحدة", "PER"),          # the label must fit the entry's kind
    ("الحماس", "ORG"),                 # the article is never taken off (enthusiasm, not Hamas)
    ("", "ORG"), ("Hamas", "ORG"), ("الأمم المتحدة", "LOC"),
])
def test_unknown_or_mismatched_names_stay_unlinked(text: str, label: str) -> None:
    assert link_name(text, label) is None


def test_link_dict_shape() -> None:
    d = link_name("حزب الله", "ORG").to_dict()  # type: ignore[union-attr]
    assert d["kind"] == "organization" and d["type"] == "armed_group" and d["country"] == "LB"
    assert d["lat"] is None and d["lon"] is None and d["name_en"] and d["name_ar"] == "حزب الله"


def test_shipped_table_is_what_the_seed_builds() -> None:
    build = _build_module()
    lines, dropped = build.build(build.read_seed())
    with gzip.open(NAMES_FILE, "rt", encoding="utf-8") as handle:
        shipped = handle.read().split("\n")
    assert shipped[0] == NAMES_HEADER and shipped[1:-1] == lines
    assert not dropped


def test_table_entries_are_well_formed() -> None:
    entries = name_entries()
    ids = {link.id: link for link in entries.values()}
    assert len(ids) >= 300
    for link in ids.values():
        assert isinstance(link, NameLink)
        assert link.id.startswith({"organization": "khabar:org/", "person": "khabar:per/"}[link.kind])
        assert (link.kind == "person") == (link.type == "person")
    assert all(key == normalize_name(key) for key in entries)


def test_seed_validation_and_shared_aliases(tmp_path: Path) -> None:
    build = _build_module()
    header = "\t".join(build.SEED_COLUMNS)
    good = (f"{header}\nkhabar:org/a-b\torganization\tmedia\tقناة أ\tA\tEG\t\tالقناة|المشتركة\n"
            "khabar:org/c-d\torganization\tmedia\tقناة ج\tC\t\t\tالمشتركة\n")
    seed = tmp_path / "seed.tsv"
    seed.write_text(good, encoding="utf-8")
    lines, dropped = build.build(build.read_seed(seed))
    assert dropped == {"المشتركه": ["khabar:org/a-b", "khabar:org/c-d"]}  # shared by two: dropped, not guessed
    assert {line.split("\t")[0] for line in lines} == {"قناه ا", "القناه", "قناه ج"}
    for bad in (good.replace("media", "tv", 1), good.replace("khabar:org/a-b", "org/a-b"),
                good.replace("\tEG\t", "\tEGY\t"), good + good.splitlines()[1] + "\n", good.replace("\t\t\t", "\t\t")):
        seed.write_text(bad, encoding="utf-8")
        with pytest.raises(ValueError):
            build.read_seed(seed)


def test_analysis_links_organisations_and_people_and_fixes_their_extent() -> None:
    doc = khabar.analyze("أعلنت هيئة تحرير الشام سيطرتها على بلدة في ريف إدلب، فيما قال الرئيس التركي "
                         "رجب طيب أردوغان إن بلاده لن تسمح بذلك، وطالب مجلس الأمن الدولي بوقف القتال.")
    found = {e.text: (e.label_, (e._.link or {}).get("id")) for e in doc.ents}
    assert found["هيئة تحرير الشام"] == ("ORG", "khabar:org/hayat-tahrir-al-sham")  # not LOC الشام
    assert found["رجب طيب أردوغان"] == ("PER", "khabar:per/recep-tayyip-erdogan")
    assert found["إدلب"][1].startswith("geonames:")
    assert any(label == "ORG" and ident == "khabar:org/un-security-council" for label, ident in found.values())


def test_a_one_word_alias_never_adds_a_name() -> None:
    doc = khabar.analyze("استقبل الجمهور اللاعبين بحماس كبير بعد الفوز.")
    assert not [e for e in doc.ents if e.label_ == "ORG"]


def test_organisation_links_are_not_places() -> None:
    d = to_dict(khabar.analyze("بغداد - قتل 12 شخصا في هجوم تبناه تنظيم داعش في الموصل أمس.",
                               published="2017-03-02"))
    event = next(e for e in d["events"] if any(c["event"] == "killed" for c in e["counts"]))
    assert (event["location"]["link"] or {}).get("kind") in ("city", "territory", "country")
    assert d["topic"]["region"] in ("middle_east", None)
    assert all((e["link"] or {}).get("kind") != "organization" or e["label"] == "ORG" for e in d["entities"])


def test_missing_or_damaged_table_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(LinkResourceError, match="missing or damaged"):
        _load(tmp_path / "names.tsv.gz")
    bad = tmp_path / "bad.tsv.gz"
    bad.write_bytes(gzip.compress(b"#key\tid\n"))
    with pytest.raises(LinkResourceError, match="header"):
        _load(bad)
    short = tmp_path / "short.tsv.gz"
    short.write_bytes(gzip.compress((NAMES_HEADER + "\nkey\tid\n").encode()))
    with pytest.raises(LinkResourceError, match="damaged"):
        _load(short)


@pytest.mark.parametrize("junk", ["\x00\x01binary", "a" * 10_000, "😀😀", "   ", "ال", "و"])
def test_junk_never_links_or_fails(junk: str) -> None:
    assert link_name(junk, "ORG") is None and link_name(junk, "PER") is None


def test_whole_organisation_names_from_the_table() -> None:
    doc = khabar.analyze("طالبت مفوضية الأمم المتحدة لحقوق الإنسان بفتح تحقيق، وقالت قوات سوريا الديمقراطية "
                         "إنها ستتعاون.")
    found = {e.text: (e.label_, (e._.link or {}).get("id")) for e in doc.ents}
    assert found["مفوضية الأمم المتحدة لحقوق الإنسان"] == ("ORG", "khabar:org/ohchr")  # not just الأمم المتحدة
    assert found["قوات سوريا الديمقراطية"] == ("ORG", "khabar:org/syrian-democratic-forces")


def test_titles_and_demonyms_stay_outside_but_help_the_link() -> None:
    doc = khabar.analyze("وقالت قناة الجزيرة إن حركة حماس وحزب الله اللبناني لم يعلقا.")
    found = {e.text: (e._.link or {}).get("id") for e in doc.ents if e.label_ == "ORG"}
    assert found.get("الجزيرة") == "khabar:org/al-jazeera"  # bare الجزيرة is ambiguous; قناة الجزيرة is not
    assert found.get("حماس") == "khabar:org/hamas" and found.get("حزب الله") == "khabar:org/hezbollah"


def test_a_name_never_runs_across_punctuation() -> None:
    doc = khabar.analyze("نفت حركة المقاومة الإسلامية (حماس) الأنباء.")
    assert all("(" not in e.text and ")" not in e.text for e in doc.ents), [e.text for e in doc.ents]


def test_the_word_before_a_name_can_decide_its_link() -> None:
    strip = khabar.analyze("سقطت صواريخ أطلقت من قطاع غزة على جنوب إسرائيل.")
    city = khabar.analyze("وصل الوفد إلى مدينة غزة أمس.")
    assert next(e for e in strip.ents if e.text == "غزة")._.link["id"] == "khabar:gaza-strip"
    assert next(e for e in city.ents if e.text == "غزة")._.link["id"].startswith("geonames:")
    company = khabar.analyze("أعلنت شركة فورد عن طراز جديد.")
    assert {(e.text, (e._.link or {}).get("id")) for e in company.ents} >= {("فورد", "khabar:org/ford")}
    assert link_name("فورد", "ORG") is None  # a surname too (Christine Blasey Ford): only شركة فورد links
