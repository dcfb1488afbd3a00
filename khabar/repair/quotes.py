"""Quotation marks that a conversion turned into stray symbols.

Legacy systems often replace both ``«`` and ``»`` (or ``"``) by one symbol
such as ``¢``, ``¤``, ``Ž`` or ``?``. Where such a symbol stands tells which
mark it was: before a word it opens a quote, after a word it closes one.
Symbols are paired within a paragraph; a quote left open is closed at the end
of its sentence, with lower confidence.

>>> from khabar import repair
>>> repair("وقال ¢لن نتراجع¢.").text
'وقال «لن نتراجع».'
>>> repair("وقال ?لن نتراجع? وغادر.", quotes='""').text
'وقال "لن نتراجع" وغادر.'
>>> repair("هل ستحضر? نعم.").text
'هل ستحضر? نعم.'
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from khabar.repair.edits import Change

STRAY_SYMBOLS = "¢¤Žž¦¨¬¯´¸\ufffd?"
_WORD_CHAR = "\u0621-\u064a\u0660-\u0669\u064b-\u0652\u0671\\d"
#: before a word, after a space, a bracket, a colon, tatweel (لـ"الوطن") or a one-letter proclitic (و"الأخبار")
_AFTER_OPENING = "(?:(?<=^)|(?<=[\\s(:\\[\u0640])|(?<=^[وفبلك])|(?<=\\s[وفبلك]))"
OPENING = re.compile(f"{_AFTER_OPENING}([{re.escape(STRAY_SYMBOLS)}])(?=[{_WORD_CHAR}])", re.M)
REAL_CLOSING = re.compile("[»”\"]")
SPEECH_BEFORE = re.compile("(?::|\\b[وف]?(?:قال|قالت|قالوا|يقول|تقول|أضاف|وأضاف|تابع|وتابع)\\s*)\\s*$")
CLOSING = re.compile(f"(?<=[{_WORD_CHAR}.!؟،])([{re.escape(STRAY_SYMBOLS)}])(?=$|[\\s.،:؛!؟,)\\]])", re.M)
SENTENCE_END = re.compile("[.!؟](?=\\s|$)|\n|$")
QUOTE_STYLES = {"«»": ("«", "»"), '""': ('"', '"'), "“”": ("“", "”")}


def find_broken_quotes(text: str, style: str = "«»") -> Iterator[Change]:
    """Stray symbols standing for quotation marks, and the missing half of a pair."""
    if not any(symbol in text for symbol in STRAY_SYMBOLS):
        return
    opening_mark, closing_mark = QUOTE_STYLES[style]
    marks = sorted(
        [(m.start(), "open", m.group(1)) for m in OPENING.finditer(text)]
        + [(m.start(), "close", m.group(1)) for m in CLOSING.finditer(text)]
    )
    open_at: dict[str, int] = {}
    paragraph_end = -1
    for position, role, symbol in marks:
        if position > paragraph_end:
            yield from _close_unpaired(text, open_at, closing_mark)
            open_at = {}
            newline = text.find("\n", position)
            paragraph_end = len(text) if newline < 0 else newline
        if role == "open":
            if symbol in open_at:
                yield from _close_unpaired(text, {symbol: open_at.pop(symbol)}, closing_mark, before=position)
            open_at[symbol] = position
        elif symbol in open_at:
            start = open_at.pop(symbol)
            yield Change(start, start + 1, opening_mark, "quote", 0.99,
                         f"{symbol} stands for an opening quotation mark")
            yield Change(position, position + 1, closing_mark, "quote", 0.99,
                         f"{symbol} stands for a closing quotation mark")
        elif symbol != "?":
            yield Change(position, position + 1, closing_mark, "quote", 0.7,
                         f"{symbol} after a word stands for a closing quotation mark (its opening is lost)")
    yield from _close_unpaired(text, open_at, closing_mark)


def _close_unpaired(
    text: str, open_at: dict[str, int], closing_mark: str, before: int | None = None
) -> Iterator[Change]:
    opening_mark = {"»": "«", '"': '"', "”": "“"}[closing_mark]
    for symbol, start in open_at.items():
        yield Change(start, start + 1, opening_mark, "quote", 0.8,
                     f"{symbol} before a word stands for an opening quotation mark")
        newline = text.find("\n", start)
        limit = len(text) if newline < 0 else newline
        if before is not None:
            limit = min(limit, before)
        if REAL_CLOSING.search(text, start + 1, limit):
            continue  # closed by an intact mark (mixed styles, as in ¤داعش")
        end = SENTENCE_END.search(text, start + 1)
        at = end.start() if end else len(text)
        if before is not None:
            at = min(at, before)
        while at > start + 1 and text[at - 1].isspace():
            at -= 1
        # quoted speech (after a colon or قال) runs to the end of its sentence; a quoted name or title
        # could end anywhere, so there the closing mark is only suggested
        speech = SPEECH_BEFORE.search(text[max(0, start - 40) : start]) is not None
        yield Change(at, at, closing_mark, "quote", 0.6 if speech else 0.3,
                     "the closing quotation mark was lost; the quote ends with its sentence")
