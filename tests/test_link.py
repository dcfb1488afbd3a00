"""Linking Arabic place names as news writes them (khabar.link) and the gazetteer build."""

from __future__ import annotations

import gzip
import importlib.util
import json
import sys
from pathlib import Path

import pytest

from khabar.link import (
    DATA_FILE,
    HEADER,
    Link,
    LinkResourceError,
    _load,
    candidates,
    demonym_country,
    link_place,
    normalize_name,
)

ROOT = Path(__file__).resolve().parents[1]


def _build_module():
    spec = importlib.util.spec_from_file_location("build_gazetteer", ROOT / "scripts" / "build_gazetteer.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the script loads
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("name", "code"), [
    ("مصر", "EG"),
    ("جمهورية مصر العربية", "EG"),
    ("المملكة العربية السعودية", "SA"),
    ("السعودية", "SA"),
    ("الولايات المتحدة", "US"),
    ("الولايات المتحدة الأمريكية", "US"),
    ("الولايات المتحدة الأميركية", "US"),
    ("أمريكا", "US"),
    ("أميركا", "US"),
    ("لبنان", "LB"),
    ("الإمارات العربية المتحدة", "AE"),
    ("الإمارات", "AE"),
    ("سورية", "SY"),
    ("سوريا", "SY"),
    ("بريطانيا", "GB"),
    ("المملكة المتحدة", "GB"),
    ("روسيا", "RU"),
    ("إسرائيل", "IL"),
    ("فلسطين", "PS"),
    ("الصين", "CN"),
    ("كوريا الشمالية", "KP"),
    ("كوريا الجنوبية", "KR"),
    ("إيران", "IR"),
    ("تركيا", "TR"),
    ("العراق", "IQ"),
    ("الأردن", "JO"),
    ("ألمانيا", "DE"),
    ("ميانمار", "MM"),          # pycountry/CLDR "ميانمار (بورما)": the part before the parenthesis
])
def test_countries(name, code):
    link = link_place(name)
    assert link is not None, name
    assert (link.kind, link.id, link.country) == ("country", f"ISO:{code}", code)
    assert link.lat is None and link.lon is None


@pytest.mark.parametrize(("name", "english", "country"), [
    ("القاهرة", "Cairo", "EG"),
    ("بيروت", "Beirut", "LB"),
    ("دبي", "Dubai", "AE"),
    ("الرياض", "Riyadh", "SA"),
    ("حلب", "Aleppo", "SY"),
    ("الموصل", "Mosul", "IQ"),
    ("نيويورك", "New York City", "US"),
    ("لندن", "London", "GB"),            # not London, Ontario
    ("باريس", "Paris", "FR"),            # not Paris, Texas
    ("دمشق", "Damascus", "SY"),
    ("بغداد", "Baghdad", "IQ"),
    ("صنعاء", "Sanaa", "YE"),
    ("الخرطوم", "Khartoum", "SD"),
    ("إسطنبول", "Istanbul", "TR"),
    ("اسطنبول", "Istanbul", "TR"),
    ("رام الله", "Ramallah", "PS"),
    ("غزة", "Gaza", "PS"),
    ("تل أبيب", "Tel Aviv", "IL"),
    ("الدار البيضاء", "Casablanca", "MA"),
    ("واشنطن", "Washington, D.C.", "US"),   # hand-written: GeoNames has no Arabic name for D.C.
    ("بيت لحم", "Bethlehem", "PS"),          # hand-written: not the larger Bethlehem, Pennsylvania
    ("قم", "Qom", "IR"),
])
def test_cities(name, english, country):
    link = link_place(name)
    assert link is not None, name
    assert (link.kind, link.name_en, link.country) == ("city", english, country)
    assert link.id.startswith("geonames:") and link.id.split(":")[1].isdigit()


def test_cairo_coordinates_and_id():
    cairo = link_place("القاهرة")
    assert cairo.id == "geonames:360630"
    assert cairo.lat == pytest.approx(30.06, abs=0.1) and cairo.lon == pytest.approx(31.25, abs=0.1)
    beirut = link_place("بيروت")
    assert beirut.lat == pytest.approx(33.9, abs=0.1) and beirut.lon == pytest.approx(35.5, abs=0.1)


def test_city_coordinates_are_sane():
    seen = 0
    for key, rows in _load(DATA_FILE).places.items():
        for row in rows:
            kind, _, _, country, lat, lon, population = row.split("\t")
            if kind == "city":
                assert -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180, key
                assert len(country) == 2 and (not population or int(population) > 0)
                seen += 1
    assert seen > 20_000


@pytest.mark.parametrize(("name", "expected"), [
    ("وبيروت", "Beirut"),
    ("بالقاهرة", "Cairo"),
    ("للقاهرة", "Cairo"),
    ("والقاهرة", "Cairo"),
    ("فالقاهرة", "Cairo"),
    ("كالقاهرة", "Cairo"),
    ("ولندن", "London"),
    ("بدمشق", "Damascus"),
    ("وبالرياض", "Riyadh"),
    ("للعراق", "Iraq"),
    ("وللعراق", "Iraq"),
    ("والولايات المتحدة", "United States"),
    ("لمصر", "Egypt"),
])
def test_clitics(name, expected):
    link = link_place(name)
    assert link is not None and link.name_en == expected, name


@pytest.mark.parametrize(("name", "code"), [
    ("اسرائيل", "IL"),          # hamza dropped
    ("الامارات", "AE"),
    ("السعوديه", "SA"),         # ة written ه
    ("مِصْرُ", "EG"),            # diacritics
    ("مـــصـــر", "EG"),         # tatweel
    ("  سوريا ", "SY"),
    ("عراق", "IQ"),             # no article: unambiguous, so added by the build
    ("ﻟﺒﻨﺎﻥ", "LB"),              # presentation forms
])
def test_spelling_variants(name, code):
    link = link_place(name)
    assert link is not None and link.id == f"ISO:{code}", name


def test_country_beats_city_of_the_same_name():
    for name, code in (("الجزائر", "DZ"), ("الكويت", "KW"), ("تونس", "TN"), ("سنغافورة", "SG"), ("عمان", "OM")):
        link = link_place(name)
        assert (link.kind, link.country) == ("country", code), name
    # the city stays a candidate after the country
    assert [link.name_en for link in candidates("الجزائر")][:2] == ["Algeria", "Algiers"]


def test_ambiguous_city_picks_the_most_populous():
    # طرابلس: Tripoli, Libya (1.3 M) before Tripoli, Lebanon (0.2 M)
    assert link_place("طرابلس").country == "LY"
    assert [link.country for link in candidates("طرابلس")] == ["LY", "LB"]
    assert link_place("طرابلس الشام").country == "LB"


@pytest.mark.parametrize(("name", "ident", "country"), [
    ("الضفة الغربية", "khabar:west-bank", "PS"),
    ("قطاع غزة", "khabar:gaza-strip", "PS"),
    ("الجولان", "khabar:golan-heights", "SY"),
    ("أفريقيا", "M49:002", ""),
    ("إفريقيا", "M49:002", ""),
    ("أوروبا", "M49:150", ""),
    ("كوسوفو", "CLDR:XK", "XK"),
    ("تكساس", "ISO:US-TX", "US"),       # not Waxahachie, whose GeoNames Arabic name is تكساس
    ("ولاية نيويورك", "ISO:US-NY", "US"),
])
def test_territories(name, ident, country):
    link = link_place(name)
    assert link is not None and (link.kind, link.id, link.country) == ("territory", ident, country), name


@pytest.mark.parametrize("name", [
    "كتاب", "الحكومة", "فيلم", "وكان", "إلى", "الجمعة", "مدينة", "السنة", "بشأن", "المشهد",
    "كوريا",                      # North or South: left out
    "زززززز", "المدينة الفاضلة",
])
def test_unknown_or_ordinary_words(name):
    assert link_place(name) is None, (name, link_place(name))


@pytest.mark.parametrize("text", ["", " ", "Paris", "Cairo", "123", "٣٤٥", "😀", "?!", "\u200f", "ـــ",
                                  "a" * 10_000, "القاهرة" * 100, None, 42])
def test_empty_and_non_arabic_input(text):
    assert link_place(text) is None
    assert candidates(text) == ()
    assert demonym_country(text) is None


@pytest.mark.parametrize(("word", "code"), [
    ("المصري", "EG"), ("المصرية", "EG"), ("المصريون", "EG"), ("مصريين", "EG"),
    ("السعوديون", "SA"), ("الأمريكية", "US"), ("الأميركي", "US"), ("الروسية", "RU"), ("والإسرائيليين", "IL"),
    ("الألمانية", "DE"), ("النمساوي", "AT"), ("الكورية الشمالية", "KP"), ("الفلسطينيات", "PS"),
])
def test_demonyms(word, code):
    link = demonym_country(word)
    assert link is not None and link.id == f"ISO:{code}", word


@pytest.mark.parametrize("word", ["المالية", "الرومانية", "العربي", "الكوري", "الجديد", "القاهرة"])
def test_not_demonyms(word):
    assert demonym_country(word) is None, word


def test_link_place_ignores_demonyms():
    assert link_place("السوري") is None        # not سوري, Surrey
    assert link_place("المصري") is None


def test_to_dict_is_json_ready():
    data = link_place("بيروت").to_dict()
    assert data == {"kind": "city", "id": "geonames:276781", "name_en": "Beirut", "country": "LB",
                    "lat": 33.89332, "lon": 35.50157}
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert isinstance(link_place("مصر"), Link)


def test_normalize_name():
    assert normalize_name("الإمارات العربيّة المتّحدة") == "الامارات العربيه المتحده"
    assert normalize_name("آسيا") == normalize_name("أسيا") == normalize_name("إسيا") == "اسيا"
    assert normalize_name("مستشفى") == "مستشفي"
    assert normalize_name(" غينيا-بيساو ") == "غينيا بيساو"
    assert normalize_name("") == ""


def test_artifact_is_small_sorted_and_reproducible_bytes():
    raw = DATA_FILE.read_bytes()
    assert len(raw) < 2_000_000
    assert raw[4:8] == b"\x00\x00\x00\x00"          # gzip mtime 0
    lines = gzip.decompress(raw).decode("utf-8").split("\n")
    assert lines[0] == HEADER and lines[-1] == ""
    rows = lines[1:-1]
    assert rows == sorted(rows) and len(rows) == len(set(rows))


def test_load_reads_the_whole_table():  # load time is measured by benchmarks, not asserted here
    table = _load.__wrapped__(DATA_FILE)
    assert len(table.places) > 20_000


def test_damaged_or_missing_artifact(tmp_path):
    with pytest.raises(LinkResourceError, match="missing or damaged"):
        _load(tmp_path / "absent.tsv.gz")
    junk = tmp_path / "junk.tsv.gz"
    junk.write_bytes(b"not gzip at all")
    with pytest.raises(LinkResourceError):
        _load(junk)
    wrong = tmp_path / "wrong.tsv.gz"
    wrong.write_bytes(gzip.compress(b"key\tsomething\n"))
    with pytest.raises(LinkResourceError, match="header"):
        _load(wrong)
    short = tmp_path / "short.tsv.gz"
    short.write_bytes(gzip.compress(f"{HEADER}\nمصر\tcountry\n".encode()))
    with pytest.raises(LinkResourceError, match="line 2"):
        _load(short)


def test_build_without_shared_data_says_so(monkeypatch, tmp_path, capsys):
    build = _build_module()
    monkeypatch.setattr(build, "shared_data_dir", lambda: None)
    assert build.main(["--out", str(tmp_path / "places.tsv.gz")]) == 2
    assert "not in" in capsys.readouterr().err
    assert not (tmp_path / "places.tsv.gz").exists()


def test_build_is_byte_identical(shared_data, tmp_path):
    build = _build_module()
    out = tmp_path / "places.tsv.gz"
    assert build.main(["--out", str(out)]) == 0
    assert out.read_bytes() == DATA_FILE.read_bytes(), "rebuild the artifact: python scripts/build_gazetteer.py"
