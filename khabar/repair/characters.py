"""Character-level damage (kind ``unicode``) and irregular spacing (kind ``whitespace``).

>>> from khabar import repair
>>> repair("ﻻ ﺗﻨﺴﻰ").text
'لا تنسى'
>>> repair("مـــصـــر").text
'مصر'
>>> repair("کتاب\u200f جدید").text
'كتاب جديد'
>>> repair("قال  الوزير\u00a0إن").text
'قال الوزير إن'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from khabar.repair.edits import Change
from khabar.text import LONE_SURROGATE

#: Arabic presentation forms (contextual glyphs stored as characters); FDF0–FDFF word ligatures stay
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdcf\ufe70-\ufefc]+")
#: tatweel between letters stretches a word; after a prefix before a quote or digit (لـ"الوطن") it is a convention
_LETTER = "\u0621-\u063a\u0641-\u064a\u066e-\u06d3\ufb50-\ufdff\ufe70-\ufefc"
TATWEEL = re.compile(f"(?<=[{_LETTER}\u064b-\u0652])\u0640+(?=[{_LETTER}])")
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u061c\u00ad]+")
CONTROL = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]+")
#: letters of Persian and Urdu that stand for Arabic ones, in words with no letter only those languages have
PERSIAN_WORD = re.compile("[\u0621-\u064a\u066e-\u06d3\u06cc\u06a9\u06c1\u06be\u06d5]+")
_PERSIAN_ONLY = re.compile("[\u067e\u0686\u0698\u06af\u0688\u0679\u06ba\u06d2]")
_LETTER_MAP = {"\u06a9": "ك", "\u06c1": "ه", "\u06be": "ه", "\u06d5": "ه"}
PERSIAN_DIGITS = re.compile("[\u06f0-\u06f9]+")

#: odd spaces inside a line (at a line's edge they are layout, and stay)
_ODD = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
ODD_SPACE = re.compile(f"(?<=\\S)[ \t{_ODD}]*[{_ODD}][ \t{_ODD}]*(?=\\S)")
CARRIAGE_RETURN = re.compile("\r\n?")
SPACE_RUN = re.compile("(?<=\\S)[ \t]{2,}(?=\\S)")
BLANK_LINES = re.compile("\n[ \t]*\n(?:[ \t]*\n)+")


def find_unicode_damage(text: str, words: dict[str, int]) -> Iterator[Change]:
    """Presentation forms, tatweel, invisible and control characters, Persian letters."""
    for match in PRESENTATION_FORMS.finditer(text):
        fixed = unicodedata.normalize("NFKC", match.group())
        if fixed != match.group():
            yield Change(*match.span(), fixed, "unicode", 0.99, "Arabic presentation forms (glyphs) stored as text")
    for match in TATWEEL.finditer(text):
        yield Change(*match.span(), "", "unicode", 0.99, "tatweel (ـ) stretches a word and hides it from search")
    for match in INVISIBLE.finditer(text):
        yield Change(*match.span(), "", "unicode", 0.99, "invisible zero-width or direction control character")
    for match in CONTROL.finditer(text):
        yield Change(*match.span(), "", "unicode", 0.99, "stray control character")
    for match in LONE_SURROGATE.finditer(text):
        yield Change(*match.span(), "\ufffd", "unicode", 0.99,
                     "a lone surrogate (half of a broken character) that no encoding can write; marked with �")
    for match in PERSIAN_DIGITS.finditer(text):
        fixed = "".join(chr(ord(c) - 0x06F0 + 0x0660) for c in match.group())
        yield Change(*match.span(), fixed, "unicode", 0.9, "Persian digits in Arabic text")
    if "\u06cc" in text or any(c in text for c in _LETTER_MAP):
        yield from _persian_letters(text, words)


def _persian_letters(text: str, words: dict[str, int]) -> Iterator[Change]:
    for match in PERSIAN_WORD.finditer(text):
        word = match.group()
        if _PERSIAN_ONLY.search(word) or not any(c in word for c in "\u06cc\u06a9\u06c1\u06be\u06d5"):
            continue
        fixed = "".join(_LETTER_MAP.get(c, c) for c in word).replace("\u06cc", "ي")
        if fixed.endswith("ي") and words.get(fixed[:-1] + "ى", 0) > words.get(fixed, 0):
            fixed = fixed[:-1] + "ى"
        for offset, (was, now) in enumerate(zip(word, fixed, strict=True)):
            if was != now:
                yield Change(match.start() + offset, match.start() + offset + 1, now, "unicode", 0.95,
                             f"Persian/Urdu letter {was} used for Arabic {now}")


def find_whitespace_damage(text: str) -> Iterator[Change]:
    """Carriage returns, odd spaces, runs of spaces, spaces at line edges, piles of blank lines."""
    changes: list[Change] = []
    for match in CARRIAGE_RETURN.finditer(text):
        changes.append(Change(*match.span(), "\n", "whitespace", 0.99, "Windows/Mac line break"))
    for match in ODD_SPACE.finditer(text):
        changes.append(Change(*match.span(), " ", "whitespace", 0.99, "non-breaking or typographic space(s)"))
    yield from changes


def find_spacing_runs(text: str) -> Iterator[Change]:
    """Second pass, after odd spaces became plain ones: collapse runs of spaces and blank lines.

    Indentation and spaces at line ends are layout, not damage, and stay.
    """
    for match in BLANK_LINES.finditer(text):
        yield Change(*match.span(), "\n\n", "whitespace", 0.99, "several blank lines")
    taken = [m.span() for m in BLANK_LINES.finditer(text)]
    for match in SPACE_RUN.finditer(text):
        if not any(start < match.end() and match.start() < end for start, end in taken):
            yield Change(*match.span(), " ", "whitespace", 0.99, "several spaces in a row")
