"""Encoding damage: mojibake, wrongly decoded legacy bytes and HTML entities.

Three kinds of damage, each found as a run of tell-tale characters and fixed
locally so that clean text around it is never touched:

- UTF-8 bytes read as cp1252/latin-1 (``Ø§Ù„`` for ``ال``), fixed with ftfy;
- Windows-1256 (Arabic legacy) bytes read as cp1252/latin-1 (``ÇáÓáÇã`` for ``السلام``);
- HTML character references (``&quot;``, ``&#1575;``).

>>> from khabar import repair
>>> repair("Ø§Ù„Ø³Ù„Ø§Ù… Ø¹Ù„ÙŠÙƒÙ…").text
'السلام عليكم'
>>> repair("ÇáÓáÇã Úáíßã").text
'السلام عليكم'
>>> repair("قال &quot;نعم&quot;").text
'قال "نعم"'
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from khabar.repair.edits import Change

_CONTINUATION = sorted(
    {bytes([b]).decode("cp1252", errors="ignore") for b in range(0x80, 0xC0)} | {chr(b) for b in range(0x80, 0xC0)}
    - {""}
)
_CONT_CLASS = "".join(re.escape(c) for c in _CONTINUATION if c)
#: a UTF-8 multi-byte character as cp1252/latin-1 shows it: a lead byte, then 1–3 continuation bytes
_SEQUENCE = (
    f"(?:[\u00c2-\u00df][{_CONT_CLASS}]|[\u00e0-\u00ef][{_CONT_CLASS}]{{2}}|[\u00f0-\u00f4][{_CONT_CLASS}]{{3}})"
)
_ARABIC_PAIR = f"[ØÙÚÛ][{_CONT_CLASS}]"
#: runs of such characters (at least one Arabic letter among them), with the ASCII that survives between them
UTF8_MOJIBAKE = re.compile(f"(?:{_SEQUENCE}(?:[ -~]{{0,4}}?{_SEQUENCE})*)")
#: words made only of the Latin-1 letters that cp1256 Arabic bytes turn into when read as cp1252
_LEGACY_LETTER = "\u00c0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
#: cp1256 punctuation as cp1252 shows it: ، ؛ ؟ « » become ¡ º ¿ « »
_LEGACY_PUNCT = "\u00a1\u00ba\u00bf\u00ab\u00bb"
_LEGACY_WORD = f"[{_LEGACY_LETTER}]{{2,}}"
CP1256_MOJIBAKE = re.compile(
    f"{_LEGACY_WORD}(?:[ ,.:;!?()\"'\\-\\d{_LEGACY_PUNCT}]{{1,6}}[{_LEGACY_LETTER}]+)*[{_LEGACY_PUNCT}]?"
)
HTML_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ARABIC = re.compile("[\u0600-\u06ff]")


def _mostly_arabic(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(1 for c in letters if _ARABIC.match(c)) >= 0.8 * len(letters)


def find_encoding_damage(text: str) -> Iterator[Change]:
    """Changes that undo mojibake and HTML entities in ``text``."""
    taken: list[tuple[int, int]] = []
    for match in UTF8_MOJIBAKE.finditer(text):
        if not re.search(_ARABIC_PAIR, match.group()):
            continue
        import ftfy  # imported on first use: most texts have no mojibake, and it costs a tenth of a second

        fixed = ftfy.fix_encoding(match.group())
        if fixed != match.group() and _mostly_arabic(fixed):
            taken.append(match.span())
            yield Change(match.start(), match.end(), fixed, "encoding", 0.99,
                         "UTF-8 Arabic that was decoded as Windows-1252 (mojibake)")
    for match in CP1256_MOJIBAKE.finditer(text):
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        try:
            fixed = match.group().encode("cp1252").decode("cp1256")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if _mostly_arabic(fixed):
            taken.append(match.span())
            yield Change(match.start(), match.end(), fixed, "encoding", 0.95,
                         "Windows-1256 Arabic bytes that were decoded as Windows-1252")
    for match in HTML_ENTITY.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        fixed = html.unescape(match.group())
        if fixed != match.group():
            yield Change(match.start(), match.end(), fixed, "encoding", 0.99, "HTML character reference")
