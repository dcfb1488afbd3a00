"""Tests for :mod:`khabar.segment` (UD/PADT clitic segmentation)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from khabar.segment import analyze, candidates, segment, segment_ud

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("وبالمدرسة", ["و", "ب", "المدرسة"]),
        ("الكتاب", ["الكتاب"]),
        ("كتابها", ["كتاب", "ها"]),
        ("والسلام", ["و", "السلام"]),
        ("وزير", ["وزير"]),
        ("سيقول", ["س", "يقول"]),
        ("لهم", ["ل", "هم"]),
        ("فقال", ["ف", "قال"]),
    ],
)
def test_segment_real_words(word: str, expected: list[str]) -> None:
    assert segment(word) == expected


@pytest.mark.parametrize(
    ("word", "surface", "norm"),
    [
        ("للسيطرة", ["ل", "لسيطرة"], ["ل", "السيطرة"]),
        ("مدرستها", ["مدرست", "ها"], ["مدرسة", "ها"]),
        ("وللحكومة", ["و", "ل", "لحكومة"], ["و", "ل", "الحكومة"]),
    ],
)
def test_normalized_forms(word: str, surface: list[str], norm: list[str]) -> None:
    assert segment(word) == surface
    assert segment_ud(word) == norm


def test_empty_and_non_arabic() -> None:
    assert segment("") == []
    assert segment_ud("") == []
    assert segment("2024") == ["2024"]
    assert segment("news") == ["news"]


def test_pieces_are_substrings_in_order() -> None:
    for word in ("وبالمدرسة", "للسيطرة", "مدرستها", "فسيكتبونها"):
        pieces = analyze(word)
        assert "".join(p.text for p in pieces) == word
        assert all(p.text in word for p in pieces)


def test_concatenation_invariant_on_arbitrary_strings() -> None:
    rng = random.Random(7)
    alphabet = "وفبلكسالهمنايةتءئؤى" + "abc 12.،"
    for _ in range(2000):
        word = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 9)))
        parts = segment(word)
        assert "".join(parts) == word
        assert all(parts)
        assert len(segment_ud(word)) == len(parts)


def test_candidates_start_unsplit() -> None:
    cands = candidates("وكتابه")
    assert cands[0].key() == ("وكتابه",)
    assert ("و", "كتاب", "ه") in {c.key() for c in cands}


def test_training_script_reads_only_training_parts(shared_data: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from training.convert_treebanks import read_wikinews, wikinews_split
    from training.train_segmenter import training_words

    words = {w for w, _ in training_words(shared_data)}
    _, held = wikinews_split(read_wikinews(shared_data / "treebanks/Farasa-WikiNews/WikiNews.pos.ref"))
    held_only = {w.text for s in held for w in s} - words
    assert words and held_only
