"""NER data readers (training/convert_ner.py) and the entity-level scorer (bench/ner_score.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str, path: Path) -> ModuleType:
    """Import a module from a file that is not in an installed package."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


ner_score = _load("ner_score", ROOT / "bench" / "ner_score.py")
convert = _load("convert_ner", ROOT / "training" / "convert_ner.py")

TAGS = {"O"} | {f"{p}-{t}" for p in "BI" for t in ("PER", "LOC", "ORG", "MISC")}


def micro(gold: list[list[str]], pred: list[list[str]]) -> tuple[float, float, float]:
    """Micro precision, recall and F1."""
    s = ner_score.score(gold, pred).micro
    return s.precision, s.recall, s.f1


# --- chunking -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["O", "O"], []),
        (["B-PER", "I-PER", "O"], [("PER", 0, 2)]),
        (["I-PER", "I-PER", "O"], [("PER", 0, 2)]),  # I- without B- starts a chunk
        (["O", "I-LOC"], [("LOC", 1, 2)]),
        (["B-PER", "B-PER"], [("PER", 0, 1), ("PER", 1, 2)]),  # adjacent, same type
        (["B-PER", "I-LOC", "I-LOC"], [("PER", 0, 1), ("LOC", 1, 3)]),  # I- of another type
        (["B-ORG", "I-ORG", "I-PER", "I-ORG"], [("ORG", 0, 2), ("PER", 2, 3), ("ORG", 3, 4)]),
        (["B-MISC"], [("MISC", 0, 1)]),
    ],
)
def test_chunks(tags: list[str], expected: list[tuple[str, int, int]]) -> None:
    assert ner_score.chunks(tags) == expected


def test_bad_tag_is_refused() -> None:
    with pytest.raises(ValueError):
        ner_score.chunks(["B-PER", "X-PER"])


# --- scores ---------------------------------------------------------------------------------------------------


def test_perfect_and_empty() -> None:
    gold = [["B-PER", "I-PER", "O", "B-LOC"]]
    assert micro(gold, gold) == (1.0, 1.0, 1.0)
    assert micro(gold, [["O"] * 4]) == (0.0, 0.0, 0.0)
    assert micro([["O"]], [["O"]]) == (0.0, 0.0, 0.0)


def test_known_counts() -> None:
    gold = [["B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG"]]
    pred = [["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "B-PER"]]
    result = ner_score.score(gold, pred)
    assert (result.micro.correct, result.micro.gold, result.micro.predicted) == (2, 3, 4)
    assert result.micro.precision == pytest.approx(0.5)
    assert result.micro.recall == pytest.approx(2 / 3)
    assert result.micro.f1 == pytest.approx(4 / 7)
    assert result.per_type["LOC"].f1 == pytest.approx(2 / 3)
    assert result.per_type["ORG"].recall == 0.0
    assert result.per_type["PER"].precision == pytest.approx(0.5)


def test_i_without_b_matches_b_i() -> None:
    assert micro([["I-PER", "I-PER", "O"]], [["B-PER", "I-PER", "O"]]) == (1.0, 1.0, 1.0)


def test_adjacent_same_type_is_two_entities() -> None:
    result = ner_score.score([["B-PER", "B-PER"]], [["B-PER", "I-PER"]])
    assert (result.micro.correct, result.micro.gold, result.micro.predicted) == (0, 2, 1)


def test_type_mismatch_and_confusion() -> None:
    gold = [["B-PER", "I-PER", "O", "B-LOC", "O"]]
    pred = [["B-LOC", "I-LOC", "O", "B-LOC", "B-ORG"]]
    result = ner_score.score(gold, pred)
    assert result.micro.correct == 1
    assert result.confusion == {("PER", "LOC"): 1, ("LOC", "LOC"): 1, ("O", "ORG"): 1}
    assert "| PER | 1 | 0 | 0 | 0 |" in ner_score.markdown_confusion(result)


def test_boundary_miss_counts_on_both_sides() -> None:
    result = ner_score.score([["B-ORG", "I-ORG", "I-ORG"]], [["B-ORG", "I-ORG", "O"]])
    assert result.micro.f1 == 0.0
    assert result.confusion == {("ORG", "O"): 1, ("O", "ORG"): 1}


def test_chunks_do_not_cross_sentences() -> None:
    gold = [["O", "B-PER"], ["I-PER", "O"]]
    pred = [["O", "B-PER"], ["B-PER", "O"]]
    assert micro(gold, pred) == (1.0, 1.0, 1.0)


def test_length_mismatch_is_refused() -> None:
    with pytest.raises(ValueError):
        ner_score.score([["O", "O"]], [["O"]])


# --- readers on synthetic lines -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("B-PERS", "B-PER"),
        ("I-PERS", "I-PER"),
        ("B-LOC", "B-LOC"),
        ("I-MISC", "I-MISC"),
        ("B-MIS0", "B-MISC"),
        ("I-MIS-2", "I-MISC"),
        ("B-MISS1", "B-MISC"),
        ("B-MIS1`", "B-MISC"),
        ("I--ORG", "I-ORG"),
        ("OO", "O"),
        ("IO", "O"),
        ("B-ENGLISH", "O"),
    ],
)
def test_normalise_tag(raw: str, expected: str) -> None:
    assert convert.normalise_tag(raw) == expected


def test_parse_irregular_lines() -> None:
    assert convert.parse_token_line("abc\u200f12 \u200f I-ORG\n") == ("abc12", "I-ORG")
    assert convert.parse_token_line("\u200f.\u200f O") == (".", "O")
    assert convert.parse_token_line(" O") == ("", "O")
    with pytest.raises(ValueError):
        convert.parse_token_line("word B-DATE")


def test_sentences_end_after_a_run_of_periods() -> None:
    pairs = [("a", "O"), (".", "O"), (".", "O"), ("", "O"), ("b", "B-PER"), (".", "O"), ("c", "O")]
    assert convert.group_sentences(pairs) == [
        [("a", "O"), (".", "O"), (".", "O")],
        [("b", "B-PER"), (".", "O")],
        [("c", "O")],
    ]


def test_split_counts_lines_and_reports_boundary() -> None:
    lines = [convert.TokenLine(i + 1, tok, "O") for i, tok in enumerate(["a", "", ".", "b", "c", "."])]
    split = convert.anercorp_split(lines, test_lines=3)
    assert (split.train_lines, split.at_sentence_boundary) == (3, True)
    assert split.train == [[("a", "O"), (".", "O")]]
    assert split.test == [[("b", "O"), ("c", "O"), (".", "O")]]
    split = convert.anercorp_split(lines, test_lines=4)
    assert not split.at_sentence_boundary
    assert split.test[0] == [(".", "O")]


def test_entity_counts_use_chunks() -> None:
    assert convert.entity_counts([[("a", "I-PER"), ("b", "B-PER"), ("c", "I-LOC")]]) == {"PER": 2, "LOC": 1}


# --- the shared corpora ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def anercorp_lines(shared_data: Path) -> list:
    return convert.read_anercorp_lines(shared_data / "ner" / "ANERcorp" / "ANERCorp")


def test_anercorp_split(anercorp_lines: list) -> None:
    assert len(anercorp_lines) == 150_282  # wc -l says 150,281: no final newline
    split = convert.anercorp_split(anercorp_lines)
    assert (split.train_lines, split.test_lines) == (125_274, 25_008)
    assert sum(len(s) for s in split.test) == 25_008  # no empty token in the test part
    # the cut is one line off a sentence boundary: the test part opens with the final "."
    # of the last training sentence
    assert not split.at_sentence_boundary
    assert split.test[0] == [(".", "O")]
    assert convert.entity_counts(split.test) == {"PER": 884, "LOC": 657, "ORG": 450, "MISC": 230}


def test_anercorp_tags_and_tokens(anercorp_lines: list) -> None:
    assert {line.tag for line in anercorp_lines} == TAGS
    empty = [line for line in anercorp_lines if not line.token]
    assert len(empty) == 191
    assert all(line.tag == "O" for line in empty)
    assert all(" " not in line.token and "\u200f" not in line.token for line in anercorp_lines)


def test_anercorp_sentences(shared_data: Path) -> None:
    sentences = convert.read_anercorp(shared_data / "ner" / "ANERcorp" / "ANERCorp")
    assert sum(len(s) for s in sentences) == 150_282 - 191
    assert all(s[-1][0] == "." for s in sentences[:-1])


def test_aqmar(shared_data: Path) -> None:
    articles = convert.read_aqmar_articles(shared_data / "ner" / "AQMAR")
    assert len(articles) == 28
    sentences = [s for article in articles.values() for s in article]
    assert sum(len(s) for s in sentences) == 73_820  # 73,853 lines less 33 tokens that were only U+200F
    assert {tag for s in sentences for _, tag in s} == TAGS


def test_gazetteers(shared_data: Path) -> None:
    gazetteers = convert.read_gazetteers(shared_data / "ner" / "ANERcorp")
    assert sorted(gazetteers) == ["LOC", "ORG", "PER"]
    sizes = {kind: sum(len(group) for group in groups) for kind, groups in gazetteers.items()}
    assert sizes == {"LOC": 1802, "ORG": 385, "PER": 2306}
    entries = convert.gazetteer_entries(gazetteers)
    assert all(entry.strip("=*- ") for entry in entries)


# --- WikiFANE Gold ----------------------------------------------------------------------------------------------


def test_wikifane_reader_strips_bom_crlf_and_marks(tmp_path: Path) -> None:
    lrm = "\u200e"
    lines = [f"\ufeff{lrm}جمهورية\tB-Nation", f"{lrm}مصر\tI-Nation", "،\tO", f"{lrm}و\tO", f"{lrm}العرب\tB-Group", "",
             f"{lrm}نجيب\tB-Artist", f"{lrm}محفوظ\tI-Artist", f"{lrm}طائرة\tB-Air", ""]
    path = tmp_path / "wikifane.txt"
    path.write_bytes("\r\n".join(lines).encode("utf-8"))
    sentences = convert.read_wikifane(path)
    assert sentences == [
        [("جمهورية", "B-LOC"), ("مصر", "I-LOC"), ("،", "O"), ("و", "O"), ("العرب", "O")],
        [("نجيب", "B-PER"), ("محفوظ", "I-PER"), ("طائرة", "O")],
    ]


def test_wikifane_types_cover_every_coarse_type() -> None:
    assert set(convert.WIKIFANE_TYPES.values()) == {"PER", "ORG", "LOC", "MISC"}
    assert convert.wikifane_tag("B-Media") == "B-ORG" and convert.wikifane_tag("I-Airport") == "I-LOC"


def test_wikifane(shared_data: Path) -> None:
    sentences = convert.read_wikifane(shared_data / "ner" / convert.WIKIFANE_FILE)
    assert len(sentences) == 15_763 and sum(map(len, sentences)) == 489_561
    counts = convert.entity_counts(sentences)
    assert counts["PER"] > 8_000 and counts["LOC"] > 15_000 and counts["ORG"] > 4_000
    assert not any("\u200e" in token for sentence in sentences for token, _ in sentence)
