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
from collections.abc import Callable, Iterator
from itertools import islice

from khabar.repair.edits import Change
from khabar.repair.names import names_a_thing
from khabar.repair.orthography import WORD_WITH_MARKS, skeleton
from khabar.repair.resources import QuoteEnds

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
#: a quoted name or title ends at a sentence mark at the latest, and mostly at a clause mark
_SENTENCE_MARKS = frozenset(".:؛;!؟?()\n")
_CLAUSE_MARKS = frozenset("،,")
#: the chance that a short quote ends at a comma (lists are quoted too: فئة «أ، ب»)
AT_COMMA = 0.8
#: the least chance that a quote is a name where a name is expected: after حركة، شركة، حملة … or glued
#: to a proclitic by tatweel (لـ«الوطن»)
IN_NAME_SLOT = 0.9
#: a quote that is not speech is looked at for this many words at most
MAX_QUOTED_WORDS = 12


def find_broken_quotes(text: str, style: str = "«»",
                       load_ends: Callable[[], QuoteEnds] | None = None) -> Iterator[Change]:
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
            yield from _close_unpaired(text, open_at, closing_mark, load_ends=load_ends)
            open_at = {}
            newline = text.find("\n", position)
            paragraph_end = len(text) if newline < 0 else newline
        if role == "open":
            if symbol in open_at:
                yield from _close_unpaired(text, {symbol: open_at.pop(symbol)}, closing_mark, before=position,
                                            load_ends=load_ends)
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
    yield from _close_unpaired(text, open_at, closing_mark, load_ends=load_ends)


def _close_unpaired(
    text: str, open_at: dict[str, int], closing_mark: str, before: int | None = None,
    load_ends: Callable[[], QuoteEnds] | None = None,
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
        # ends where clean news close such quotes (before الذي, خلال, a comma …)
        speech = SPEECH_BEFORE.search(text[max(0, start - 40) : start]) is not None
        ends = load_ends() if load_ends is not None and not speech else None
        first = WORD_WITH_MARKS.match(text, start + 1)
        name_chance = 1.0
        if ends is not None and first is not None:
            name_chance = ends.name_chance(skeleton(first.group()))
            if _in_name_slot(text, start):
                name_chance = max(name_chance, IN_NAME_SLOT)
        if name_chance < 0.5:
            speech = True  # «نحن …», «إن …»: speech, which runs to the end of its sentence
        elif ends is not None:
            found = _short_quote_end(text, start, at, ends)
            if found is not None:
                end, chance, following = found
                chance *= name_chance
                yield Change(end, end, closing_mark, "quote", chance,
                             "the closing quotation mark was lost; a quoted name or title ends here"
                             + (f" (clean news close such quotes before «{following}»)" if following else ""))
                continue
        yield Change(at, at, closing_mark, "quote", 0.6 if speech else 0.3,
                     "the closing quotation mark was lost; the quote ends with its sentence")


def _in_name_slot(text: str, start: int) -> bool:
    """Whether a quote opened at ``start`` stands where a name is expected (شركة «…», لـ«…»)."""
    if start and text[start - 1] == "\u0640":
        return True
    previous = WORD_WITH_MARKS.findall(text, max(0, start - 30), start)
    return bool(previous) and text[start - 1 : start].isspace() and names_a_thing(previous[-1])


def _short_quote_end(text: str, start: int, limit: int, ends: QuoteEnds) -> tuple[int, float, str] | None:
    """The likeliest end of a quote that is not speech, opened at ``start`` and not running past ``limit``.

    Before each word after the first, the quote ends with the chance clean news give that word (see
    :class:`khabar.repair.resources.QuoteEnds`), with AT_COMMA at a comma, and surely at a sentence mark:
    the end whose probability is highest wins. Returns its offset, probability and the word it stands before
    ('' at a mark).
    """
    words = list(islice(WORD_WITH_MARKS.finditer(text, start + 1, limit), MAX_QUOTED_WORDS))
    if not words:
        return None
    still_open = 1.0
    best: tuple[int, float, str] = (words[-1].end(), 0.0, "")
    for previous, word in zip(words, words[1:]):
        gap = text[previous.end() : word.start()]
        if any(char in _SENTENCE_MARKS for char in gap):
            chance, following = 1.0, ""
        elif any(char in _CLAUSE_MARKS for char in gap):
            chance, following = AT_COMMA, ""
        else:
            chance, following = ends.chance(skeleton(word.group())), word.group()
        if still_open * chance > best[1]:
            best = (previous.end(), still_open * chance, following)
        still_open *= 1.0 - chance
        if still_open <= best[1]:
            return best
    if len(words) < MAX_QUOTED_WORDS and still_open > best[1]:
        best = (words[-1].end(), still_open, "")  # open up to the end of its sentence
    return best
