"""Invariants that hold for any string: no crash, exact undo, idempotence (time is measured in bench/)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khabar import repair

ARABIC = st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويىةأإآؤئء"))
PIECES = st.sampled_from(
    ["ال", "الي", "علي", "ان", "اسرائيل", "المدرسه", "وزارةالخارجية", "¢", "?", "«", "»", '"', ".", "،", " ", "  ",
     "\n", "\r\n", "\u00a0", "\u200f", "ـ", "ﻻ", "ی", "Ø§Ù„", "ÇáÓáÇã", "&quot;", "123", "٣", "😀", "abc", "\x00",
     "\ufffd", "\U0001f1f8"]
)
TEXT = st.lists(st.one_of(PIECES, ARABIC, st.text(max_size=3)), max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_any_text_round_trips(text: str) -> None:
    result = repair(text)
    assert result.original == text
    assert result.undo() == text
    for edit in result.edits:
        assert text[edit.start : edit.end] == edit.before
        assert result.text[edit.repaired_start : edit.repaired_end] == edit.after
    starts = [e.start for e in result.edits]
    assert starts == sorted(starts)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_repair_is_idempotent(text: str) -> None:
    once = repair(text).text
    assert repair(once).text == once


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_unicode_never_crashes(text: str) -> None:
    assert repair(text).undo() == text


def test_empty_and_tiny_inputs() -> None:
    for text in ["", " ", "ا", ".", "«", "\n\n\n", "؟؟؟", "😀"]:
        result = repair(text)
        assert result.undo() == text
