"""The dateline: the place an article was filed from (``بيروت - ``)."""

from __future__ import annotations

import re
from typing import Any

from khabar.facts import lexicon as lx
from khabar.link import link_place
from khabar.text import doc_text

# ------------------------------------------------------------------------------------------------ dateline

_LEAD = re.compile(r"(?:[\s\u00a0«\"'“]|Next|Previous)*")
_DATELINE_SEP = re.compile(r"\s*(?:-{1,2}|[–—]|ـ{2,}|:|\|)\s*|\s+ـ\s+")
_AGENCY = re.compile(r"\s*\([^()\n]{0,40}\)\s*")
_SUBPLACE = re.compile(r"\s*[،,/]\s*")
#: words after a city name that belong to it in a dateline (``القدس المحتلة``)
_PLACE_ADJ = lx.folded("المحتلة المحتل المكرمة المنورة العاصمة")
#: a dateline line at most this long is a byline (``عين اليوم – الرياض``): any of its parts may be the place
_BYLINE_CHARS = 70


def find_dateline(doc: Any) -> dict[str, Any] | None:
    """The place of the article's dateline (``بيروت - ``، ``الرياض – واس``، ``دبي، الإمارات (CNN) --``), or None.

    The dateline is the start of the first line, before a dash or colon (``بيروت - قال…``), or any part of a short
    first line such as ``عين اليوم – الرياض`` or ``أحمد علي – جدة``. A part is a place when the gazetteer knows it
    (a person tagged PER is not, even when a village has the name). Returns ``{"start", "end", "text", "link"}``:
    the place as written (with its country when the dateline gives one) and the link of the first place.

    >>> import khabar
    >>> d = find_dateline(khabar.analyze("بيروت - أعلن الجيش اللبناني توقيف 5 أشخاص."))
    >>> d["text"], d["link"]["name_en"]
    ('بيروت', 'Beirut')
    >>> find_dateline(khabar.analyze("دبي، الإمارات (CNN) -- أعلنت الشركة أرباحها."))["text"]
    'دبي، الإمارات'
    >>> find_dateline(khabar.analyze("أعلن الجيش توقيف 5 أشخاص.")) is None
    True
    """
    # a spaCy Doc rebuilds .text token by token (hasattr too): take the kept string when it is the same
    text = doc_text(doc) if hasattr(doc, "vocab") else getattr(doc, "text", "")
    people = [(e.start_char, e.end_char) for e in getattr(doc, "ents", ()) if e.label_ == "PER"]
    return _dateline(text, people)


def _dateline(text: str, people: list[tuple[int, int]]) -> dict[str, Any] | None:
    base = _LEAD.match(text).end()  # type: ignore[union-attr]
    stop = text.find("\n", base, base + 240)
    line_end = stop if stop >= 0 else min(len(text), base + 240)
    byline = line_end - base <= _BYLINE_CHARS
    if not byline:  # واس- جدة: وصل … — the part before an early colon is the byline
        colon = text.find(":", base, min(line_end, base + 40))
        if colon > base:
            line_end, byline = colon, True
    cuts = [(m.start(), m.end()) for m in _DATELINE_SEP.finditer(text, base, line_end)]
    pieces, at = [], base
    for a, b in cuts:
        pieces.append((at, a))
        at = b
    pieces.append((at, line_end))
    if not cuts:
        digit = _FIRST_DIGIT.search(text, base, min(line_end, base + 30))
        if not byline or digit is None:
            return None
        pieces = [(base, digit.start())]  # جدة 25 شوال 1436هـ … واس
    for start, end in (pieces if byline else pieces[:1]):
        found = _dateline_place(text, start, end, people)
        if found is not None:
            return found
    return None


_FIRST_DIGIT = re.compile(r"\s[0-9٠-٩]")


def _dateline_place(text: str, start: int, end: int, people: list[tuple[int, int]]) -> dict[str, Any] | None:
    agency = _AGENCY.search(text, start, end)
    if agency is not None:
        end = agency.start()
    piece = text[start:end]
    if not piece.strip() or len(piece.split()) > 6:
        return None
    parts = [(m.start(), m.end()) for m in re.finditer(r"[^،,/]+", piece) if m.group().strip()]
    if not parts:
        return None  # only commas and slashes: "، 9 قتلى …" has no place before its number
    s0, e0 = parts[0]
    main = piece[s0:e0].strip()
    s0 = start + s0 + (len(piece[s0:e0]) - len(piece[s0:e0].lstrip()))
    if any(a < s0 + len(main) and s0 < b for a, b in people):
        return None  # a reporter's name
    words = main.split()
    link = link_place(main)
    if link is None and len(words) > 1 and all(lx.fold(w) in _PLACE_ADJ for w in words[1:]):
        link = link_place(words[0])
    if link is None:
        return None
    e = s0 + len(main)
    if len(parts) > 1:
        second = piece[parts[1][0]:parts[1][1]].strip()
        if second and link_place(second) is not None:
            e = start + parts[1][0] + piece[parts[1][0]:parts[1][1]].index(second) + len(second)
    return {"start": s0, "end": e, "text": text[s0:e], "link": link.to_dict()}
