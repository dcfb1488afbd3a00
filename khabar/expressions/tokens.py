"""The expression scanner's tokenizer (one compiled regular expression, linear in the text) and number values."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from khabar.expressions.words import (
    _DIGIT_TABLE,
    _MARK_RANGES,
    _SIGNS,
    _TRIGGERS,
    _readings,
)

# --------------------------------------------------------------------------------------------- tokenization

_D = "0-9\u0660-\u0669\u06f0-\u06f9"
_AR = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff"
_MK = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
_PIECE_RE = re.compile(
    r"((?:[Hh][Tt][Tt][Pp][Ss]?://|[Ww][Ww][Ww]\.)\S+"
    r"|[#@][\w\u0640]+"
    r"|US\$"
    rf"|[{_D}]{{1,4}}/[{_D}]{{1,2}}/[{_D}]{{1,4}}(?![{_D}])"
    rf"|[{_D}]{{1,4}}-[{_D}]{{1,2}}-[{_D}]{{1,4}}(?![{_D}])"
    rf"|[{_D}]{{1,4}}\.[{_D}]{{1,2}}\.[{_D}]{{1,4}}(?![{_D}])"
    rf"|[{_D}]{{1,2}}:[{_D}]{{2}}(?![{_D}])"
    rf"|[{_D}]+(?:[.,\u066b\u066c][{_D}]+)*(?:[A-Za-z_](?:[A-Za-z0-9_]*[A-Za-z_])?)?"
    r"|[A-Za-z_][A-Za-z0-9_]*"
    rf"|[{_AR}{_MK}]+"
    r"|[^\s\w\u0600-\u06ff$€£¥%/\-().,:;!?«»\"'“”…–—\[\]{}+#@=&\\]+"  # a run of other symbols: emoji …
    r"|\S)(\s*)"
)
_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
_DIGIT_CHARS = frozenset("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")
_FIRST_CHAR: dict[str, str] = {ch: "d" for ch in _DIGIT_CHARS}
_FIRST_CHAR.update({ch: "l" for ch in _LATIN})
for _lo, _hi in ((0x0621, 0x063A), (0x0641, 0x064A), (0x0671, 0x06D3), (0x06FA, 0x06FF), *_MARK_RANGES):
    _FIRST_CHAR.update({chr(c): "a" for c in range(_lo, _hi + 1)})
_FIRST_CHAR.update({"#": "t", "@": "t"})
_BLOCK_BEFORE = frozenset("+#@=&?\\")
_NUMERIC = ("num", "dnum", "clock")

# token: (start, end, kind, raw, norm); kind: url tag usd dnum clock num x(blocked number) lat ar other
_Tok = tuple[int, int, str, str, str]


def _blocked(text: str, start: int, end: int) -> bool:
    """A number glued to Latin letters, a path, ``+``, ``#``, ``@`` … (URLs, codes, phone numbers)."""
    if start > 0:
        ch = text[start - 1]
        if ch in _LATIN or ch in _BLOCK_BEFORE:
            return True
        if ch == "/" and not (start > 1 and text[start - 2].isdigit()):
            return True
    if end < len(text):
        ch = text[end]
        if ch in _LATIN or ch in "@\\":
            return True
        if ch == "/" and not (end + 1 < len(text) and text[end + 1].isdigit()):
            return True
    return False


def _digit_kind(raw: str) -> str:
    if raw[-1] in _LATIN:
        return "x"  # digits glued to Latin letters: a code, not a number
    if ":" in raw:
        return "clock"
    if "/" in raw or "-" in raw:
        return "dnum"
    if raw.count(".") == 2:
        a, b, c = raw.split(".")
        if len(a) <= 4 and len(b) <= 2 and len(c) <= 4:
            return "dnum"
    return "num"


@lru_cache(maxsize=1 << 17)
def _word_info(raw: str) -> tuple[str, tuple[tuple[int, str], ...]]:
    """Normalized form of an Arabic word and its readings that can start an expression (usually none)."""
    read = _readings(raw)
    return (read[0][1] if read else ""), tuple(r for r in read if r[1] in _TRIGGERS)


def _tokenize(text: str) -> tuple[list[_Tok], list[tuple[int, tuple[tuple[int, str], ...]]], list[int]]:
    """Tokens of ``text`` (one C-level ``findall``, then one cheap pass), the trigger words, the other starts.

    Each piece of the ``findall`` is a token and the whitespace after it, so offsets are running sums.
    """
    toks: list[_Tok] = []
    words: list[tuple[int, tuple[tuple[int, str], ...]]] = []
    others: list[int] = []
    append = toks.append
    first_char = _FIRST_CHAR.get
    pos = len(text) - len(text.lstrip())
    for raw, space in _PIECE_RE.findall(text, pos):
        start = pos
        end = pos + len(raw)
        pos = end + len(space)
        cls = first_char(raw[0])
        if cls == "a":
            norm, trig = _word_info(raw)
            if trig:
                words.append((len(toks), trig))
            append((start, end, "ar", raw, norm) if norm else (start, end, "other", raw, raw))
        elif cls == "d":
            kind = _digit_kind(raw)
            if kind != "x" and _blocked(text, start, end):
                kind = "x"
            others.append(len(toks))
            append((start, end, kind, raw, ""))
        elif cls == "l":
            if raw == "US$":
                others.append(len(toks))
                append((start, end, "usd", raw, ""))
            else:
                append((start, end, "url" if ":" in raw or "." in raw else "lat", raw, ""))
        elif cls == "t" and len(raw) > 1:
            append((start, end, "tag", raw, ""))
        else:
            if raw in _SIGNS:
                others.append(len(toks))
            append((start, end, "other", raw, raw))
    _block_phone_runs(text, toks, others)
    return toks, words, others


def _block_phone_runs(text: str, toks: list[_Tok], numbers: list[int]) -> None:
    """Block runs of three or more digit groups split by single spaces or hyphens (phone numbers)."""
    run: list[int] = []
    for i in numbers:
        tok = toks[i]
        if tok[2] in ("num", "x") and tok[3].translate(_DIGIT_TABLE).isdigit():
            gap = text[toks[run[-1]][1] : tok[0]] if run else ""
            spaced = gap == " " and i == run[-1] + 1
            if run and (spaced or (gap.strip() == "-" and len(gap) <= 3 and i == run[-1] + 2)):
                run.append(i)
            else:
                _flush_run(toks, run)
                run = [i]
    _flush_run(toks, run)


def _flush_run(toks: list[_Tok], run: list[int]) -> None:
    if len(run) >= 3 or (len(run) == 2 and any(toks[j][2] == "x" for j in run)):
        for j in run:
            s, e, _, raw, norm = toks[j]
            toks[j] = (s, e, "x", raw, norm)


@lru_cache(maxsize=4096)
def _number_value(raw: str) -> Decimal | None:
    """Value of a digit token, or None when malformed or when it has a leading zero (``05``, a code)."""
    s = raw.translate(_DIGIT_TABLE)
    if len(s) > 24:
        return None
    if "_" in s:
        if "." in s or "," in s:
            return None
        s = s.replace("_", "")
    if "," in s and "." in s:
        s = s.replace(".", "").replace(",", ".") if s.rfind(",") > s.rfind(".") else s.replace(",", "")
    elif "," in s:
        parts = s.split(",")
        if len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:]):
            s = "".join(parts)
        elif len(parts) == 2:
            s = ".".join(parts)
        else:
            return None
    elif s.count(".") > 1:
        parts = s.split(".")
        if not (len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])):
            return None
        s = "".join(parts)
    whole = s.split(".")[0]
    if len(whole) > 1 and whole[0] == "0":
        return None
    try:
        return Decimal(s)
    except InvalidOperation:  # pragma: no cover - the token pattern only lets digits through
        return None


def _int_value(raw: str) -> int | None:
    s = raw.translate(_DIGIT_TABLE)
    return int(s) if s.isdigit() and len(s) <= 4 else None


def _fmt(d: Decimal) -> str:
    if d == d.to_integral_value():
        return str(int(d))
    return format(d.normalize(), "f")


def _iso(year: int, month: int, day: int | None = None) -> str | None:
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None



def _plain(d: Decimal | None) -> int | float | None:
    """A value as a plain ``int`` (integral) or ``float``."""
    if d is None:
        return None
    return int(d) if d == d.to_integral_value() else float(d)
