"""Edits with offsets into the original text, composed across the repair fixes.

Each fix reads the text as the previous fixes left it and proposes
:class:`Change` objects in that text's coordinates. :class:`EditTrail` turns
them into :class:`Edit` objects whose ``start``/``end`` point into the
*original* text, merging a change with an earlier edit it touches, so that the
final edits never overlap and undoing them in reverse restores the input
exactly.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import asdict, dataclass


@dataclass(frozen=True, slots=True)
class Change:
    """A change one fix proposes, in the coordinates of the text that fix read."""

    start: int
    end: int
    after: str
    kind: str
    confidence: float
    reason: str


@dataclass(frozen=True, slots=True)
class Edit:
    """One recorded change: ``original[start:end] == before`` became ``after``.

    ``repaired_start``/``repaired_end`` locate ``after`` in the repaired text.
    """

    start: int
    end: int
    before: str
    after: str
    kind: str
    confidence: float
    reason: str
    repaired_start: int = -1
    repaired_end: int = -1

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["confidence"] = round(self.confidence, 4)
        return data


def _touches(start: int, end: int, other_start: int, other_end: int) -> bool:
    """Overlap, or contact where either side is empty (an insertion or deletion)."""
    if start < other_end and other_start < end:
        return True
    if start == end or other_start == other_end:
        return start <= other_end and other_start <= end
    return False


class EditTrail:
    """The original text, the current text and the edits between them."""

    def __init__(self, original: str, text: str | None = None, edits: list[Edit] | None = None) -> None:
        self.original = original
        self.text = original if text is None else text
        self._edits: list[Edit] = list(edits or [])  # repaired_start/end hold positions in self.text
        self._index: tuple[list[int], list[int]] | None = None  # edit starts in current and original text

    @property
    def edits(self) -> list[Edit]:
        return list(self._edits)

    def apply(self, changes: Iterable[Change]) -> None:
        """Apply non-overlapping changes given in the coordinates of ``self.text``."""
        ordered = sorted(changes, key=lambda c: (c.start, c.end))
        if not ordered:
            return
        for first, second in zip(ordered, ordered[1:]):
            if second.start < first.end:
                raise ValueError(f"overlapping changes at {second.start}")
        current = self.text
        old = self._edits
        merged: list[Edit] = []
        shift = 0  # length change from the clusters applied so far
        old_shift = 0  # current minus original length of the old edits passed so far
        index = 0
        position = 0
        while position < len(ordered):
            # one cluster: changes that touch each other through the old edits they touch
            cluster = [ordered[position]]
            region_start, region_end = cluster[0].start, cluster[0].end
            while index < len(old) and old[index].repaired_end <= region_start and not _touches(
                old[index].repaired_start, old[index].repaired_end, region_start, region_end
            ):
                merged.append(_moved(old[index], shift))
                old_shift += _growth(old[index])
                index += 1
            group: list[Edit] = []
            position += 1
            while True:
                if index < len(old) and _touches(old[index].repaired_start, old[index].repaired_end,
                                                 region_start, region_end):
                    group.append(old[index])
                    region_start = min(region_start, old[index].repaired_start)
                    region_end = max(region_end, old[index].repaired_end)
                    index += 1
                elif position < len(ordered) and _touches(ordered[position].start, ordered[position].end,
                                                          region_start, region_end):
                    cluster.append(ordered[position])
                    region_end = max(region_end, ordered[position].end)
                    position += 1
                else:
                    break
            if group and group[0].repaired_start == region_start:
                original_start = group[0].start
            else:
                original_start = region_start - old_shift
            old_shift += sum(_growth(edit) for edit in group)
            if group and group[-1].repaired_end == region_end:
                original_end = group[-1].end
            else:
                original_end = region_end - old_shift
            pieces: list[str] = []
            cursor = region_start
            for change in cluster:
                pieces.append(current[cursor : change.start])
                pieces.append(change.after)
                cursor = change.end
            pieces.append(current[cursor:region_end])
            after = "".join(pieces)
            new_start = region_start + shift
            shift += len(after) - (region_end - region_start)
            before = self.original[original_start:original_end]
            if before == after:
                continue
            reasons = [e.reason for e in group] + [c.reason for c in cluster]
            merged.append(
                Edit(original_start, original_end, before, after, cluster[-1].kind,
                     min([e.confidence for e in group] + [c.confidence for c in cluster]),
                     "; ".join(dict.fromkeys(reasons)), new_start, new_start + len(after))
            )
        while index < len(old):
            merged.append(_moved(old[index], shift))
            index += 1
        pieces = []
        cursor = 0
        for change in ordered:
            pieces.append(current[cursor : change.start])
            pieces.append(change.after)
            cursor = change.end
        pieces.append(current[cursor:])
        self.text = "".join(pieces)
        self._edits = merged
        self._index = None

    def _starts(self) -> tuple[list[int], list[int]]:
        if self._index is None:
            self._index = ([e.repaired_start for e in self._edits], [e.start for e in self._edits])
        return self._index

    def to_original(self, position: int) -> int:
        """The original offset for an offset into the current text.

        A position inside an edited span maps to the start of that span's
        original text (or its end, for the end of the span).
        """
        index = bisect.bisect_right(self._starts()[0], position) - 1
        if index < 0:
            return position
        edit = self._edits[index]
        if position >= edit.repaired_end:
            return edit.end + (position - edit.repaired_end)
        if position == edit.repaired_start:
            return edit.start
        return edit.end if position >= edit.repaired_end else edit.start

    def to_repaired(self, position: int) -> int:
        """The current-text offset for an offset into the original text."""
        index = bisect.bisect_right(self._starts()[1], position) - 1
        if index < 0:
            return position
        edit = self._edits[index]
        if position >= edit.end:
            return edit.repaired_end + (position - edit.end)
        return edit.repaired_start


def _growth(edit: Edit) -> int:
    return (edit.repaired_end - edit.repaired_start) - (edit.end - edit.start)


def _moved(edit: Edit, shift: int) -> Edit:
    if shift == 0:
        return edit
    return Edit(edit.start, edit.end, edit.before, edit.after, edit.kind, edit.confidence, edit.reason,
                edit.repaired_start + shift, edit.repaired_end + shift)


def undo(text: str, edits: Iterable[Edit]) -> str:
    """Undo edits on the repaired text, restoring the original exactly.

    >>> from khabar import repair
    >>> result = repair("قال الوزير ان مصر")
    >>> undo(result.text, result.edits) == result.original
    True
    """
    pieces: list[str] = []
    cursor = 0
    for edit in sorted(edits, key=lambda e: e.repaired_start):
        if text[edit.repaired_start : edit.repaired_end] != edit.after:
            raise ValueError(f"text at {edit.repaired_start} does not match the edit {edit.after!r}")
        pieces.append(text[cursor : edit.repaired_start])
        pieces.append(edit.before)
        cursor = edit.repaired_end
    pieces.append(text[cursor:])
    return "".join(pieces)
