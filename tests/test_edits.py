import random

import pytest

from khabar.repair.edits import Change, EditTrail, undo


def _random_changes(rng: random.Random, text: str) -> list[Change]:
    changes, position = [], 0
    while position <= len(text):
        if rng.random() < 0.3:
            end = min(len(text), position + rng.randint(0, 3))
            after = "".join(rng.choice("وىة ") for _ in range(rng.randint(0, 3)))
            changes.append(Change(position, end, after, "unicode", 0.9, "test"))
            position = end + 1
        else:
            position += 1
    return changes


@pytest.mark.parametrize("seed", range(300))
def test_stacked_changes_compose_into_exact_edits(seed: int) -> None:
    rng = random.Random(seed)
    original = "".join(rng.choice("ابت ") for _ in range(rng.randint(0, 15)))
    trail = EditTrail(original)
    for _ in range(4):
        before = trail.text
        changes = _random_changes(rng, before)
        expected = before
        for change in sorted(changes, key=lambda c: -c.start):
            expected = expected[: change.start] + change.after + expected[change.end :]
        trail.apply(changes)
        assert trail.text == expected
        assert undo(trail.text, trail.edits) == original
        edits = trail.edits
        for edit in edits:
            assert original[edit.start : edit.end] == edit.before
            assert trail.text[edit.repaired_start : edit.repaired_end] == edit.after
        for first, second in zip(edits, edits[1:]):
            assert first.end <= second.start and first.repaired_end <= second.repaired_start


def test_overlapping_changes_are_refused() -> None:
    trail = EditTrail("مصر")
    with pytest.raises(ValueError, match="overlapping"):
        trail.apply([Change(0, 2, "x", "unicode", 1, ""), Change(1, 3, "y", "unicode", 1, "")])


def test_undo_detects_a_text_that_does_not_match() -> None:
    trail = EditTrail("الي")
    trail.apply([Change(0, 1, "إ", "hamza", 1, "")])
    with pytest.raises(ValueError):
        undo("غير", trail.edits)
