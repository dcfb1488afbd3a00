"""Rule-based sentence splitting for Arabic news text (run it on text that :func:`khabar.repair` has repaired).

:func:`split_sentences` returns ``(start, end)`` character spans: in order, non-overlapping, each stripped of
surrounding whitespace, and together covering every non-whitespace character of the input exactly once. It
takes any string and runs in linear time (10 MB of news in about a second); besides a few characters around
each terminator it keeps only which quotations and brackets are open in the current paragraph.

Where a sentence ends:

* after a terminator ``.`` ``!`` ``?`` ``؟`` ``…`` (also ``۔ ‼ ⁇ ⁈ ⁉``) or a run of them (``?!``, ``..``, ``...``,
  and spaced runs such as ``؟ !`` or ``. . .``), together with any closing quotes and brackets right after it
  (``قال «انتهى الأمر.» ثم`` breaks after ``»``): a sentence never ends between a terminator and its closing
  quote, and never consists of a closing quote, a bracket or punctuation alone (such a piece joins the
  sentence before it; a piece of opening quotes joins the sentence after it);
* at every line break: paragraphs, headlines without a final period, bullets and list items end at the end of
  their line.

Where it does not end:

* inside numbers, decimals and dates written with points (``3.5``, ``1.000.000``, ``14.7.2015``, ``١٤.٧``), in
  web addresses and e-mail addresses, and at a point glued between Latin letters or digits (``cnn.com``,
  ``v1.2``);
* after an abbreviation: a single Arabic or Latin letter and a point (initials and titles ``د.`` ``م.`` ``أ.``
  ``ج.``, ``أ.ف.ب``, ``ص.ب``, ``U.S.``, ``e.g.``), a Latin letter spelt in Arabic (``جون إف. كينيدي``,
  ``إس. إم. تي``), or a Latin title or short form (``Dr. Mr. Prof. St. vs.``); but ``م.`` / ``هـ.`` /
  ``ق.م.`` after a number is an era (``عام 1950 م.``) and may end the sentence;
* after a list number at the start of a line (``1. البند الأول``);
* when what follows the terminator continues the sentence: a comma (``،`` ``,``), a semicolon (``؛`` ``;``), a
  colon or a lowercase Latin letter (``إلخ.، و`` or ``approx. ten``); ``إلخ.`` and ``etc.`` otherwise end a
  sentence like any word, except right before a closing bracket;
* at an ellipsis inside an open quotation that goes on (``قال «لا أعرف... ربما غدا» ثم``); at a terminator
  with no letter or digit before it in its sentence (``...وبعد``, ``«… ثم``: it goes with what follows), or
  right after an opening bracket (``(...)``, ``(!)``);
* never at a comma, a semicolon or a dash, so news datelines stay at the start of their first sentence:
  ``دبي، الإمارات (CNN) -- قال ...``, ``القاهرة - (رويترز) - ...``, ``واشنطن (أ.ف.ب) - ...``.

A point glued between Arabic words (``الاجتماع.وقال``) does end a sentence, and a quotation holding several
sentences is split inside at its terminators like any other text. Quotation state: ``« »`` and ``“ ”`` nest,
an ASCII ``"`` opens or closes by parity, and all of it is forgotten at a line break. A ``"`` right after a
terminator closes the sentence's quotation when one is open, or when a space or punctuation follows it.

>>> text = "قال الوزير «انتهى الأمر.» ثم غادر القاعة. وارتفع المؤشر 3.5 في المئة!"
>>> [text[start:end] for start, end in split_sentences(text)]
['قال الوزير «انتهى الأمر.»', 'ثم غادر القاعة.', 'وارتفع المؤشر 3.5 في المئة!']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["split_sentences"]

#: characters that end a sentence, alone or in runs
TERMINATORS = frozenset(".!?؟…۔‼⁇⁈⁉")
#: characters that end a line (those of :meth:`str.splitlines`)
LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
#: opening quotes and brackets
OPENERS = frozenset("«“‹‘([{")
#: closing quotes and brackets that stay with the terminator before them (``"`` is handled apart)
CLOSERS = frozenset("»”›’)]}")
#: punctuation after a terminator that shows the sentence goes on
CONTINUATION = frozenset("،,؛;:")
#: Latin abbreviations (lowercased, without the point) that never end a sentence
LATIN_ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm",
        "gov", "sen", "rep", "rev", "hon", "pres", "vs", "no", "nos", "vol", "fig", "figs", "approx", "dept", "est",
        "ca", "cf", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    }
)
#: Latin letters spelt in Arabic, used as initials (``جون إف. كينيدي``, ``إس. إم. تي``); none ends a sentence
LETTER_NAMES = frozenset(
    {"إيه", "بي", "سي", "دي", "إي", "إف", "جي", "إتش", "آي", "جيه", "كيه", "كي", "إل", "إم", "إن", "أو", "كيو",
     "آر", "إس", "تي", "يو", "في", "دبليو", "إكس", "واي", "زد"}
)
#: abbreviations that may end a sentence, except before a closing bracket or a continuation
SOFT_ABBREVIATIONS = frozenset({"إلخ", "الخ", "etc", "inc", "ltd", "co", "corp"})
#: single letters that, after a number, mark an era (``1950 م.``, ``1420 هـ.``) rather than an abbreviation
ERA_LETTERS = frozenset("مه")

_TERM = "[.!?؟…۔‼⁇⁈⁉]"
_HSPACE = r"[^\S\n\r\v\f\x1c-\x1e\x85\u2028\u2029]"
_AR = "\u0621-\u063f\u0641-\u064a"  # Arabic letters, tatweel left out
_NOT_AFTER_LETTER_NAME = "".join(f"(?<!{name}.)" for name in sorted(LETTER_NAMES))
#: where anything may happen: terminators, line breaks, quotes and brackets, and ``:`` / ``.`` of web addresses
_CANDIDATE = re.compile(r'[.!?؟…۔‼⁇⁈⁉:\n\r\v\f\x1c-\x1e\x85\u2028\u2029«»“”"‹›‘’()\[\]{}]')
#: what happens there (matched at a candidate)
_SCAN = re.compile(
    # the common cases, decided at once. A terminator after an Arabic word (or after a word and a space, as in
    # tokenized text), before a space and a new word or glued to an Arabic word: a break
    rf"(?P<plain>[.!?؟](?<=[{_AR}][{_AR}].|[{_AR}\d] .){_NOT_AFTER_LETTER_NAME}(?=[ \t]+[{_AR}\d«(]|[{_AR}]))"
    # a point glued between Latin letters or digits (3.5, cnn.com), or the point of a single letter that is not
    # an era letter after a number: no break
    rf"|(?P<skip>[.?](?<=[A-Za-z\d].)(?=[A-Za-z\d])"
    rf"|\.(?<=[{_AR}A-Za-z]\.)(?<![مه]\.)(?<![^\W\d_]..)(?<![\u064b-\u0652\u0670]..))"
    rf"|(?P<term>{_TERM}+(?:{_HSPACE}+{_TERM}+)*)"
    r"|(?P<nl>[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]\s*)"
    r'|(?P<quote>[«»“”"‹›‘’()\[\]{}]+)'
)
_HSPACES = re.compile(f"{_HSPACE}*")
_NON_SPACES = re.compile(r"\S*")
#: a word read backwards (letters, tatweel, Arabic diacritics)
_LETTERS = re.compile(r"(?:[^\W\d_]|[\u064b-\u0652\u0670])*")
_WORD = re.compile(r"[^\W_]")
_ONLY_OPENERS = re.compile(r"[\s«“‹‘(\[{]*")
_URL_TRAILER = frozenset(".,;:!?؟،؛)]}»\"'”’>")
_TATWEEL = "\u0640"


@dataclass(slots=True)
class _Quotes:
    """Which quotations and brackets are open in the current paragraph."""

    guillemets: int = 0
    curly: int = 0
    brackets: int = 0
    double: bool = False  # an ASCII ``"`` (or an unmatched ``”``) is open

    def update(self, char: str) -> None:
        """Take one quote or bracket character into account.

        >>> quotes = _Quotes()
        >>> quotes.update("«"); quotes.update('"'); quotes.inside()
        True
        >>> quotes.update("»"); quotes.update('"'); quotes.inside()
        False
        """
        if char == "«":
            self.guillemets += 1
        elif char == "»":
            self.guillemets = max(0, self.guillemets - 1)
        elif char == "“":
            self.curly += 1
        elif char == "”":
            if self.curly:
                self.curly -= 1
            else:
                self.double = not self.double
        elif char == '"':
            self.double = not self.double
        elif char in "([{":
            self.brackets += 1
        elif char in ")]}":
            self.brackets = max(0, self.brackets - 1)

    def inside(self) -> bool:
        """Whether a quotation is open."""
        return bool(self.guillemets or self.curly or self.double)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences; return their ``(start, end)`` spans (see the module docstring).

    >>> split_sentences("")
    []
    >>> text = "واشنطن (أ.ف.ب) - التقى د. أحمد نظيره؟! ثم عاد.\\nعنوان بلا نقطة"
    >>> [text[start:end] for start, end in split_sentences(text)]
    ['واشنطن (أ.ف.ب) - التقى د. أحمد نظيره؟!', 'ثم عاد.', 'عنوان بلا نقطة']
    >>> split_sentences("  نص.  ")
    [(2, 5)]
    """
    cuts = _cuts(text)
    return _spans(text, cuts)


def _cuts(text: str) -> list[int]:
    """Offsets where one sentence stops and the next may start, in increasing order."""
    cuts: list[int] = []
    quotes = _Quotes()
    url_end = -1
    pos = 0
    scanned, has_word = 0, False  # how far the current sentence was searched for a letter or digit
    while (candidate := _CANDIDATE.search(text, pos)) is not None:
        start = candidate.start()
        url = _url_end(text, start)
        if url:
            url_end = pos = url
            continue
        match = _SCAN.match(text, start)
        if match is None:
            pos = start + 1
            continue
        kind = match.lastgroup
        end = match.end()
        if kind == "plain":
            cuts.append(end)
            pos = scanned = end
            has_word = False
        elif kind == "skip":
            pos = end
        elif kind == "nl":
            cuts.append(start)
            scanned, has_word = end, False
            if quotes.guillemets or quotes.curly or quotes.brackets or quotes.double:
                quotes = _Quotes()
            pos = end
        elif kind == "quote":
            for char in match.group():
                quotes.update(char)
            pos = end
        else:
            if not has_word:
                has_word = _WORD.search(text, scanned, start) is not None
                scanned = start
            cut = _terminator_cut(text, start, end, quotes, after_url=start == url_end) if has_word else None
            if cut is None:  # (with no letter or digit before it, a terminator goes with the next sentence)
                pos = end
            else:
                for char in text[end:cut]:
                    quotes.update(char)
                cuts.append(cut)
                pos = scanned = cut
                has_word = False
    return cuts


def _url_end(text: str, index: int) -> int:
    """The end of the web address whose ``://`` or ``www.`` has its ``:`` or point at ``index``, else 0.

    A trailing point, comma, bracket or quote is left out of the address.

    >>> text = "راجع https://khabar.org/a.b. ثم"
    >>> text[5 : _url_end(text, 10)]
    'https://khabar.org/a.b'
    """
    char = text[index]
    if char == ":":
        if text[index + 1 : index + 3] != "//" or not (
            text[max(0, index - 5) : index].lower() == "https"
            or text[max(0, index - 4) : index].lower() == "http"
            or text[max(0, index - 3) : index].lower() == "ftp"
        ):
            return 0
    elif char != "." or index < 3 or text[index - 3 : index].lower() != "www":
        return 0
    end = _NON_SPACES.match(text, index).end()
    while end > index + 1 and text[end - 1] in _URL_TRAILER:
        end -= 1
    return end if end > index + 1 else 0


def _terminator_cut(text: str, start: int, end: int, quotes: _Quotes, *, after_url: bool) -> int | None:
    """Where the sentence ends for the terminator run ``text[start:end]``, or ``None`` when it goes on.

    >>> _terminator_cut("نسبة 3.5 بالمئة", 6, 7, _Quotes(), after_url=False) is None
    True
    >>> _terminator_cut("قال «انتهى.» ثم", 10, 11, _Quotes(guillemets=1), after_url=False)
    12
    """
    run = text[start] if end - start == 1 else "".join(text[start:end].split())
    previous = text[start - 1] if start else ""
    following = text[end] if end < len(text) else ""
    glued = bool(following) and not following.isspace() and following not in CLOSERS and following != '"'
    if glued and run in {".", "?"} and _latin_or_digit(previous) and _latin_or_digit(following):
        return None  # 3.5, 14.7.2015, cnn.com, U.S, v1.2, ?id=
    if run == ".":
        word = "" if after_url else _word_before(text, start)
        if _is_abbreviation(text, start, word):
            return None
        if word in SOFT_ABBREVIATIONS and following in CLOSERS:
            return None
        if not word and _is_list_number(text, start):
            return None
    if ("…" in run or ".." in run) and quotes.inside():
        after = _skip_spaces(text, end)
        if after < len(text) and text[after] not in CLOSERS and text[after] != '"':
            return None  # an ellipsis inside a quotation that goes on
    before = _skip_spaces_back(text, start)
    if before and text[before - 1] in "([{":
        return None  # an omission mark (...) or an aside (!) in brackets
    cut = _extend(text, end, quotes)
    after = _skip_spaces(text, cut)
    if after < len(text) and (text[after] in CONTINUATION or "a" <= text[after] <= "z"):
        return None
    return cut


def _extend(text: str, end: int, quotes: _Quotes) -> int:
    """The end of a terminator run together with the closing quotes, brackets and terminators after it.

    A closer separated from the terminator by spaces is taken only when its quotation or bracket is open.
    ``quotes`` is left as it is (a copy follows the closers taken).

    >>> _extend('قال "انتهى." ثم', 11, _Quotes(double=True))
    12
    >>> _extend("انتهى. » ثم", 6, _Quotes(guillemets=1))
    8
    >>> _extend("انتهى. » ثم", 6, _Quotes())
    6
    """
    length = len(text)
    copied = False
    while True:
        nxt = _skip_spaces(text, end)
        if nxt >= length:
            return end
        char = text[nxt]
        glued = nxt == end
        if char in TERMINATORS:
            end = nxt + 1
            continue
        if char == "»":
            take = glued or quotes.guillemets > 0
        elif char == "”":
            take = glued or quotes.curly > 0 or quotes.double
        elif char == '"':  # open, or glued to the terminator and followed by a space or punctuation
            after = text[nxt + 1] if nxt + 1 < length else " "
            take = quotes.double or (glued and (after.isspace() or not after.isalnum()))
        elif char in ")]}":
            take = glued or quotes.brackets > 0
        else:
            take = glued and char in CLOSERS
        if not take:
            return end
        if not copied:
            quotes, copied = _Quotes(quotes.guillemets, quotes.curly, quotes.brackets, quotes.double), True
        quotes.update(char)
        end = nxt + 1


def _word_before(text: str, start: int) -> str:
    """The letters right before ``start`` (at most 12, tatweel and diacritics left out); ``""`` if longer.

    >>> _word_before("قال د.", 5)
    'د'
    >>> _word_before("عام 1420 هـ.", 11)
    'ه'
    """
    if not start or not _is_letter(text[start - 1]):
        return ""
    backwards = text[max(0, start - 14) : start][::-1]
    size = _LETTERS.match(backwards).end()
    if size > 13:
        return ""
    word = backwards[:size][::-1]
    if word.isalpha() and _TATWEEL not in word:
        return word
    return "".join(char for char in word if char.isalpha() and char != _TATWEEL)


def _is_abbreviation(text: str, start: int, word: str) -> bool:
    """Whether the point at ``start`` closes an abbreviation that never ends a sentence.

    >>> _is_abbreviation("التقى د. أحمد", 7, "د")
    True
    >>> _is_abbreviation("ولد عام 1950 م. وقال", 14, "م")
    False
    """
    if len(word) == 1:
        return not (word in ERA_LETTERS and _after_number(text, start))
    return word in LETTER_NAMES or (word.isascii() and word.lower() in LATIN_ABBREVIATIONS)


def _after_number(text: str, start: int) -> bool:
    """Whether the letter before ``start`` (or ``ق.م`` ending there) follows a number: an era marker."""
    index = start
    while index > 0 and _is_letter(text[index - 1]):
        index -= 1
    if index >= 2 and text[index - 1] == "." and text[index - 2] == "ق":
        index -= 2
    index = _skip_spaces_back(text, index)
    return index > 0 and text[index - 1].isdigit()


def _is_list_number(text: str, start: int) -> bool:
    """Whether the point at ``start`` follows a list number (at most 3 digits) at the start of a line.

    >>> _is_list_number("مقدمة\\n2. البند الثاني", 7)
    True
    >>> _is_list_number("في عام 2015. وقال", 11)
    False
    """
    index = start
    while index > 0 and text[index - 1].isdigit():
        index -= 1
    if not 1 <= start - index <= 3:
        return False
    while index > 0 and start - index <= 8 and (text[index - 1] in "-•*·–—(" or _is_hspace(text[index - 1])):
        index -= 1
    return index == 0 or text[index - 1] in LINE_BREAKS


def _spans(text: str, cuts: list[int]) -> list[tuple[int, int]]:
    """Stripped spans between the cuts; a piece without a letter or digit joins its neighbour.

    >>> _spans("قال «لا.»\\n»", [9])
    [(0, 11)]
    """
    spans: list[tuple[int, int]] = []
    pending: int | None = None  # start of opening quotes waiting for their sentence
    start = 0
    for stop in [*cuts, len(text)]:
        piece = text[start:stop]
        stripped = piece.strip()
        if not stripped:
            start = stop
            continue
        begin = start + len(piece) - len(piece.lstrip())
        end = begin + len(stripped)
        start = stop
        if not stripped[0].isalnum() and _WORD.search(stripped) is None:
            if pending is None and _ONLY_OPENERS.fullmatch(text, begin, end) is not None:
                pending = begin
            elif pending is None and spans:
                spans[-1] = (spans[-1][0], end)
            elif pending is None:
                pending = begin
            continue
        if pending is not None:
            begin, pending = pending, None
        spans.append((begin, end))
    if pending is not None:  # opening quotes with no sentence after them
        end = _strip(text, pending, len(text))[1]
        spans[-1:] = [(spans[-1][0], end)] if spans else [(pending, end)]
    return spans


def _strip(text: str, begin: int, end: int) -> tuple[int, int]:
    """``begin`` and ``end`` moved past the whitespace at either edge of ``text[begin:end]``."""
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    return begin, end


def _skip_spaces(text: str, index: int) -> int:
    """The first offset at or after ``index`` that is not a space or tab (line breaks stop it)."""
    return _HSPACES.match(text, index).end()


def _skip_spaces_back(text: str, index: int) -> int:
    """The offset after the last character before ``index`` that is not a space or tab."""
    while index > 0 and _is_hspace(text[index - 1]):
        index -= 1
    return index


def _is_hspace(char: str) -> bool:
    """Whether ``char`` is whitespace within a line."""
    return char.isspace() and char not in LINE_BREAKS


def _is_letter(char: str) -> bool:
    """Whether ``char`` is a letter, tatweel or Arabic diacritic (part of a written word)."""
    return char.isalpha() or "\u064b" <= char <= "\u0652" or char == "\u0670"


def _latin_or_digit(char: str) -> bool:
    """Whether ``char`` is a Latin letter or a digit of any script."""
    return char.isdigit() or (char.isascii() and char.isalpha())
