"""Repair damaged Arabic news text, recording every change.

>>> from khabar import repair
>>> result = repair("قال وزير الخارجية. سامح شكري. ان مصر لن تتراجع الي الوراء.")
>>> result.text
'قال وزير الخارجية، سامح شكري، إن مصر لن تتراجع إلى الوراء.'
>>> [edit.kind for edit in result.edits]
['comma', 'comma', 'hamza', 'hamza', 'alef_maksura']
>>> result.undo() == result.original
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from khabar.errors import ResourceError
from khabar.repair.characters import find_spacing_runs, find_unicode_damage, find_whitespace_damage
from khabar.repair.commas import find_lost_commas
from khabar.repair.edits import Change, Edit, EditTrail, undo
from khabar.repair.encoding import find_encoding_damage
from khabar.repair.lexical import LexicalRepairer
from khabar.repair.quotes import QUOTE_STYLES, find_broken_quotes
from khabar.repair.realword import find_real_word_errors
from khabar.repair.resources import RepairResourceError, Resources, load_resources
from khabar.repair.spaces import find_lost_spaces
from khabar.repair.spelling import find_typos

__all__ = ["KINDS", "Edit", "Repair", "RepairResourceError", "ResourceError", "repair", "undo"]

#: every kind of repair (commas are fixed before the word-level kinds, whose context stops at a period)
KINDS = (
    "encoding",
    "unicode",
    "whitespace",
    "quote",
    "space",
    "alef_maksura",
    "hamza",
    "teh_marbuta",
    "comma",
    "spelling",
)

#: texts longer than this are repaired in pieces cut at line breaks, to bound memory
CHUNK_CHARS = 200_000


@dataclass
class Repair:
    """The result of :func:`repair`: the repaired text and how it was made."""

    original: str
    text: str
    edits: list[Edit]
    #: changes judged too uncertain to apply (below ``min_confidence``), offsets into the original
    suggestions: list[Edit] = field(default_factory=list)

    def __str__(self) -> str:
        return self.text

    def undo(self) -> str:
        """The original text, rebuilt from the repaired text and the edits."""
        return undo(self.text, self.edits)

    def _trail(self) -> EditTrail:
        trail = self.__dict__.get("_cached_trail")
        if trail is None or trail.text is not self.text:
            trail = self.__dict__["_cached_trail"] = EditTrail(self.original, self.text, self.edits)
        return trail

    def to_original(self, position: int) -> int:
        """Map an offset in the repaired text to the original text."""
        return self._trail().to_original(position)

    def to_repaired(self, position: int) -> int:
        """Map an offset in the original text to the repaired text."""
        return self._trail().to_repaired(position)

    def counts(self) -> dict[str, int]:
        """Number of edits per kind."""
        out: dict[str, int] = {}
        for edit in self.edits:
            out[edit.kind] = out.get(edit.kind, 0) + 1
        return out

    def explain(self) -> str:
        """A readable account of every edit, one per line."""
        if not self.edits and not self.suggestions:
            return "No changes."
        lines = [f"{len(self.edits)} change(s): " + ", ".join(f"{k} {n}" for k, n in self.counts().items())]
        for edit in self.edits:
            lines.append(
                f"  [{edit.start}:{edit.end}] {edit.kind:<12} {_show(edit.before)} → {_show(edit.after)}"
                f"  ({edit.confidence:.2f}) {edit.reason}"
            )
        if self.suggestions:
            lines.append(f"{len(self.suggestions)} suggestion(s), not applied:")
            for edit in self.suggestions:
                lines.append(
                    f"  [{edit.start}:{edit.end}] {edit.kind:<12} {_show(edit.before)} → {_show(edit.after)}"
                    f"  ({edit.confidence:.2f}) {edit.reason}"
                )
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "edits": [edit.to_dict() for edit in self.edits],
            "suggestions": [edit.to_dict() for edit in self.suggestions],
        }


def _show(text: str) -> str:
    if not text:
        return "∅"
    visible = text.replace("\n", "⏎").replace(" ", "␣")
    return "".join(c if c.isprintable() else f"U+{ord(c):04X}" for c in visible)


def _kinds(only: Iterable[str] | None, skip: Iterable[str] | None) -> frozenset[str]:
    chosen = set(KINDS if only is None else only)
    chosen -= set(skip or ())
    unknown = (set(only or ()) | set(skip or ())) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown repair kind(s) {sorted(unknown)}; choose from {', '.join(KINDS)}")
    return frozenset(chosen)


def repair(
    text: str,
    *,
    only: Iterable[str] | None = None,
    skip: Iterable[str] | None = None,
    min_confidence: float = 0.5,
    quotes: str = "«»",
    resources: Resources | None = None,
) -> Repair:
    """Repair damaged Arabic text.

    ``only``/``skip`` choose the kinds (see :data:`KINDS`); changes less
    confident than ``min_confidence`` (0–1) become suggestions; ``quotes`` is
    the style of the quotation marks that are restored: ``«»``, ``""`` or ``“”``.
    """
    if not isinstance(text, str):
        raise TypeError(f"repair() needs a str, not {type(text).__name__}")
    if quotes not in QUOTE_STYLES:
        raise ValueError(f"quotes must be one of {', '.join(QUOTE_STYLES)}")
    if not 0.0 <= min_confidence <= 1.0:
        raise ValueError("min_confidence must be between 0 and 1")
    kinds = _kinds(only, skip)
    resources = resources or load_resources()
    if len(text) <= CHUNK_CHARS:
        return _repair_piece(text, kinds, min_confidence, quotes, resources)
    edits: list[Edit] = []
    suggestions: list[Edit] = []
    pieces: list[str] = []
    offset = repaired_offset = 0
    for piece in _pieces(text):
        result = _repair_piece(piece, kinds, min_confidence, quotes, resources)
        edits += [_shifted(e, offset, repaired_offset) for e in result.edits]
        suggestions += [_shifted(e, offset, repaired_offset) for e in result.suggestions]
        pieces.append(result.text)
        offset += len(piece)
        repaired_offset += len(result.text)
    return Repair(text, "".join(pieces), edits, suggestions)


def _pieces(text: str) -> Iterable[str]:
    start = 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n", start + CHUNK_CHARS // 2, end)
            if cut < 0:
                cut = text.rfind(" ", start + CHUNK_CHARS // 2, end)
            end = cut + 1 if cut >= 0 else end
        yield text[start:end]
        start = end


def _shifted(edit: Edit, offset: int, repaired_offset: int) -> Edit:
    return Edit(edit.start + offset, edit.end + offset, edit.before, edit.after, edit.kind, edit.confidence,
                edit.reason, edit.repaired_start + repaired_offset, edit.repaired_end + repaired_offset)


def _repair_piece(text: str, kinds: frozenset[str], threshold: float, quotes: str, res: Resources) -> Repair:
    trail = EditTrail(text)
    suggested: list[Edit] = []

    def run(kind_set: Iterable[str], finder: Callable[[str], object]) -> object:
        if not any(k in kinds for k in kind_set):
            return None
        found = finder(trail.text)
        if isinstance(found, tuple):
            apply, maybe = found
        else:
            changes = list(found)  # type: ignore[arg-type,call-overload]
            apply = [c for c in changes if c.confidence >= threshold]
            maybe = [c for c in changes if c.confidence < threshold]
        for change in maybe:
            suggested.append(_as_suggestion(trail, change))
        trail.apply(c for c in apply if c.kind in kinds)
        return found

    for _ in range(3):  # a removed control character can reveal mojibake, decoded mojibake can hold tatweel
        before = trail.text
        run(("encoding",), find_encoding_damage)
        run(("unicode",), lambda t: find_unicode_damage(t, res.words))
        if trail.text == before:
            break
    run(("whitespace",), find_whitespace_damage)
    run(("whitespace",), find_spacing_runs)
    run(("quote",), lambda t: find_broken_quotes(t, quotes, lambda: res.quote_ends))
    run(("space",), lambda t: find_lost_spaces(t, res, threshold))
    run(("comma",), lambda t: find_lost_commas(t, lambda: res.comma_weights, lambda: res.comma_openers))
    for _ in range(LEXICAL_ROUNDS):
        # a fix changes what the text shows of itself (its damage rates, which spelling it writes more often),
        # which can tip a word judged before it: judge again until nothing changes, as a second repair would
        before = trail.text
        found = run(("alef_maksura", "hamza", "teh_marbuta"), lambda t: _lexical(res).find(t, kinds, threshold))
        if trail.text == before or getattr(found, "settled", True):
            break
    run(("spelling",), lambda t: find_typos(t, res, threshold))
    run(("spelling",), lambda t: find_real_word_errors(t, res, threshold, _lexical(res).known))
    # the loops may find a suggestion twice, or apply it in a later round
    edited = {(e.start, e.end) for e in trail.edits}
    unique = {(s.start, s.end, s.after, s.kind): s for s in suggested if (s.start, s.end) not in edited}
    final = [
        Edit(s.start, s.end, s.before, s.after, s.kind, s.confidence, s.reason,
             trail.to_repaired(s.start), trail.to_repaired(s.end))
        for s in unique.values()
    ]
    return Repair(text, trail.text, trail.edits, final)


#: at most this many rounds of the word-level fixers (ى, hamza, ة)
LEXICAL_ROUNDS = 4


def _as_suggestion(trail: EditTrail, change: Change) -> Edit:
    start, end = trail.to_original(change.start), trail.to_original(change.end)
    return Edit(start, end, trail.text[change.start : change.end], change.after, change.kind, change.confidence,
                change.reason)


_LEXICAL: dict[int, LexicalRepairer] = {}


def _lexical(res: Resources) -> LexicalRepairer:
    repairer = _LEXICAL.get(id(res))
    if repairer is None or repairer.resources is not res:
        repairer = _LEXICAL[id(res)] = LexicalRepairer(res)
    return repairer
