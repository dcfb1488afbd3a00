"""The entity tagger's name lexicons and what they are for: names the 130k training tokens never showed."""

from __future__ import annotations

import pytest

import khabar
from khabar.analyze.crf import fold, load_lexicons, sentence_features
from khabar.errors import ResourceError


def test_person_name_words_come_with_their_evidence() -> None:
    words, _, _ = load_lexicons()
    assert words[fold("جونسون")].endswith("t") and int(words[fold("جونسون")][0]) >= 3  # Wikidata and Wikipedia
    assert words[fold("محمد")][0] == "4"
    assert fold("الذي") not in words and fold("قال") not in words


def test_wikipedia_names_keep_their_type_and_length_limit() -> None:
    _, names, longest = load_lexicons()
    assert names[("الامم", "المتحده")] == "ORG"
    assert names[("مجلس", "الامن")] == "ORG"
    assert longest <= 8


def test_features_carry_the_lexicons_for_the_token_and_its_neighbours() -> None:
    texts = ["قال", "جونسون", "إن", "الأمم", "المتحدة", "ترفض"]
    feats = sentence_features(texts, texts, [False] * len(texts), None)
    assert "pw=4" in feats[1] and "tw" in feats[1] and "-1:pw=4" in feats[2] and "1:pw=4" in feats[0]
    assert "w=B-ORG" in feats[3] and "w=I-ORG" in feats[4] and "1:w=B-ORG" in feats[2]
    assert "pw=0" in feats[0] and "w=O" in feats[0]


@pytest.mark.parametrize(("text", "names"), [
    ("التقى وزير الخارجية الإيطالي لويجي دي مايو نظيره الفرنسي جان إيف لودريان في روما أمس.",
     {("لويجي دي مايو", "PER"), ("جان إيف لودريان", "PER"), ("روما", "LOC")}),
    ("قال المدرب الألماني يورغن كلوب إن فريقه لن يتراجع عن المنافسة على اللقب.", {("يورغن كلوب", "PER")}),
    ("دعا الأمين العام للأمم المتحدة إلى وقف إطلاق النار في اليمن.", {("الأمم المتحدة", "ORG"), ("اليمن", "LOC")}),
])
def test_foreign_and_wikipedia_names_are_found(text: str, names: set[tuple[str, str]]) -> None:
    found = {(e._.canonical, e.label_) for e in khabar.analyze(text).ents}
    assert names <= found, found


def test_a_missing_feature_table_is_a_clear_error(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import shutil

    import khabar.analyze.crf as crf

    for name in crf.FEATURE_TABLES:
        if name != "wiki_names.tsv.gz":
            shutil.copy(crf.DATA / name, tmp_path / name)
    monkeypatch.setattr(crf, "DATA", tmp_path)
    with pytest.raises(ResourceError, match=r"feature tables are missing .*wiki_names\.tsv\.gz"):
        crf.CrfTagger()
