"""Counted numbers: which numbers of a Doc count something, their value, unit and event label."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from khabar.expressions import NumberMention, find_numbers
from khabar.facts import lexicon as lx
from khabar.facts.model import (
    _CASUALTY_NOUNS,
    _NAME_LABELS,
    _NOUNISH,
    _TIME_LABELS,
    _UNIT_POS,
    TRIGGER_WINDOW,
    Fact,
    Mention,
)
from khabar.facts.view import _View
from khabar.text import fold_letters

# ------------------------------------------------------------------------------------------------ bounds



def _phrase_re(phrases: list[str]) -> str:
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True))


_BOUND_KIND: dict[str, str] = {}
for _kind, _phrases in lx.BOUNDS.items():
    for _p in _phrases.split():
        _BOUND_KIND[fold_letters(lx.fold(_p.replace("_", " ")))] = _kind
for _p in ("بين", "ما بين"):
    _BOUND_KIND[_p] = "between"
_BOUND_KIND["من"] = "from"
_BOUND_RE = re.compile(r"(?:^|(?<=[\s(«\"'“]))(?:[وفبلك]{1,2})?(" + _phrase_re(list(_BOUND_KIND)) + r")\s*$")
_BOUND_WINDOW = 32
_SPACES = re.compile(r"\s+")


def _bound_before(text: str, start: int) -> tuple[int, str] | None:
    """(start offset, kind) of an approximator or bound right before ``start`` (``نحو``، ``أكثر من`` …)."""
    lo = max(0, start - _BOUND_WINDOW)
    window = fold_letters(text[lo:start])  # one character for one: offsets stay valid
    m = _BOUND_RE.search(window)
    if m is None:
        return None
    return lo + m.start(1), _BOUND_KIND.get(_SPACES.sub(" ", m.group(1)), "~")


# ------------------------------------------------------------------------------------------------- facts

_RANGE_GAPS = {"و": "and", "-": "dash", "–": "dash", "—": "dash", "الي": "to", "حتي": "to", "او": "or",
               "ولغايه": "to", "لغايه": "to"}
_YEAR_WORDS = lx.folded("عام العام سنة السنة في منذ حتى قبل بعد خلال بحلول عامي مطلع نهاية")
_ONE_TWO = lx.folded("اثنان اثنين اثنتان اثنتين")
_MONTHS = lx.folded("يناير فبراير مارس أبريل إبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر كانون "
    "شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين الشهر الجاري رمضان شوال محرم")
_SKIP_BEFORE = lx.folded("إلى الى ب عند نحو حوالي الي")
_PER_UNIT_TAIL = lx.folded("مربع مربعا مربعة مكعب مكعبا مكعبة بحري مئوية")
_AT_LEAST = (lx.fold("على"), lx.fold("الأقل"))
_ROUGHLY = lx.fold("تقريبا")
_DAY_WORDS = lx.folded("يوم اليوم ليلة صباح مساء")


@dataclass(slots=True)
class _Cand:
    """A number being turned into a fact."""

    m: NumberMention
    start: int
    end: int
    low: int | float | None
    high: int | float | None
    kind: str | None  # bound kind before it
    label: str | None
    currency: str | None
    last: NumberMention  # the second number of a range (else ``m``)
    drop: bool = False


_SPA_DECIMAL = re.compile(r"ر[0-9٠-٩]")
_SPA_FRACTION = re.compile(r"(?<![0-9٠-٩])([0-9٠-٩]{1,3})ر$")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_DAY_RANGE_GAP = re.compile(r"\s*(?:-|–|إلى|الى|حتى|و)\s*")


def _candidates(v: _View) -> list[_Cand]:
    text = v.text
    blocked = sorted((e.start_char, e.end_char) for e in v.ents if e.label_ in _TIME_LABELS)
    bstarts = [s for s, _ in blocked]
    out: list[_Cand] = []
    for m in find_numbers(text):
        if m.low is None and m.high is None:
            continue
        k = bisect_right(bstarts, m.start) - 1
        if m.label is None and any(0 <= j < len(blocked) and blocked[j][0] < m.end and m.start < blocked[j][1]
                                   for j in (k, k + 1)):
            continue  # a day, a year or an hour inside a date or time
        if m.label is None and k + 1 < len(blocked) and _DAY_RANGE_GAP.fullmatch(text, m.end, blocked[k + 1][0]):
            continue  # من 11 إلى 15 سبتمبر: the first day of a date range
        low, high, first = m.low, m.high, m.start
        if m.end < len(text) and text[m.end] == "ر" and _SPA_DECIMAL.match(text, m.end):
            continue  # 01ر108: the fraction of a decimal the Saudi Press Agency writes backwards …
        spa = _SPA_FRACTION.search(text, max(0, m.start - 12), m.start) if m.start and text[m.start - 1] == "ر" \
            else None
        if spa is not None and isinstance(m.low, int) and m.low == m.high:
            frac = spa.group(1).translate(_DIGITS)  # … read with its integer part: 108.01 (1ر22 مليار: 22.1e9)
            low = high = float(f"{m.low // m.scale}.{frac}") * m.scale
            low = high = int(low) if m.scale > 1 and low == int(low) else low
            first = spa.start()
        bound = _bound_before(text, first)
        start, kind = (bound if bound else (first, None))
        out.append(_Cand(m, start, m.end, low, high, kind, m.label, m.currency, m))
    _merge_ranges(v, out)
    return [c for c in out if not c.drop]


def _merge_ranges(v: _View, cands: list[_Cand]) -> None:
    """``بين 10 و20``، ``10 إلى 20``، ``3 أو 4``، ``10-20`` → one candidate; ``3-1`` scores are dropped."""
    text = v.text
    for a, b in zip(cands, cands[1:]):
        if a.drop or b.drop or a.m.vague or b.m.vague or a.low is None or b.low is None:
            continue
        gap = lx.fold(text[a.end:b.m.start].strip())
        how = _RANGE_GAPS.get(gap)
        if how is None or b.kind not in (None, "from") or (b.start != b.m.start and how != "and"):
            continue
        if how in ("to", "dash") and _year_like(a.m) and _year_like(b.m) and not _has_noun_after(v, b.end):
            a.drop = b.drop = True  # من 1279 إلى 1213 قبل الميلاد، 2014-2015: years
            continue
        if how == "and" and a.kind != "between":
            continue
        if a.label is not None and a.label != b.label:
            continue  # 1.7 في المئة إلى 14.67 دولار: two numbers
        if how == "to" and a.kind == "from" and _change_before(v, a.start):
            continue  # ارتفع من 10 إلى 20: a change, two numbers
        if how == "dash" and "\n" in text[a.end:b.m.start]:
            continue
        low = a.low
        if a.m.scale == 1 and b.m.scale > 1 and a.label is None and float(a.low) * b.m.scale <= float(b.high or 0):
            low = a.low * b.m.scale  # بين 2 و3 مليارات: the scale is shared
        if not low <= b.low:
            continue
        if how == "dash" and a.label is None and b.label is None and isinstance(a.low, int) and b.low <= 20 \
                and not _has_noun_after(v, b.end):
            a.drop = b.drop = True  # a score (3-1 is caught by low <= high; 1-3 by this)
            continue
        b.start = a.start if a.kind in ("between", "from", "~") else a.m.start
        b.kind = "~" if a.kind == "~" else None
        b.low = low
        b.label = b.label or a.label
        b.currency = b.currency or a.currency
        a.drop = True
    for a, b in zip(cands, cands[1:]):
        if a.drop or b.drop or a.label or b.label or a.low is None or b.low is None:
            continue
        if text[a.end:b.m.start].strip() in ("-", "–", ":", "/") and isinstance(a.low, int) and a.low <= 20 \
                and isinstance(b.low, int) and b.low <= 20 and a.low > b.low and not _has_noun_after(v, b.end):
            a.drop = b.drop = True  # a score: فاز 3-1
    for c in cands:
        if not c.drop and c.label is None and isinstance(c.low, int) and c.low <= 20 and _is_score(text, c.m.start,
                                                                                                    c.m.end):
            c.drop = True
        if c.kind in ("between", "from"):
            c.start, c.kind = c.m.start, None  # a lone بين/من is not part of the number


_SCORE_AFTER_RE = re.compile(r"\s*[-–:/]\s*(?:صفر|0)(?![0-9])")
_SCORE_BEFORE_RE = re.compile(r"(?:صفر|(?<![0-9])0)\s*[-–:/]\s*$")


def _is_score(text: str, start: int, end: int) -> bool:
    """``2 - صفر``، ``صفر-3``: a sport score (other scores are caught as ranges that go down)."""
    return bool(_SCORE_AFTER_RE.match(text, end)) or bool(_SCORE_BEFORE_RE.search(text[max(0, start - 8):start]))


def _year_like(m: NumberMention) -> bool:
    return not m.words and m.label is None and len(m.text) == 4 and isinstance(m.low, int) and 1000 <= m.low <= 2100


def _change_before(v: _View, char: int) -> bool:
    i = v.tok_at(char)
    s, _ = v.sent_of(i)
    return any(v.bare[k] in lx.CHANGE_WORDS or v.folded[k] in lx.CHANGE_WORDS for k in range(max(s, i - 5), i))


def _has_noun_after(v: _View, char: int) -> bool:
    j = v.tok_after(char)
    return j < v.n and v.pos[j] in _NOUNISH and lx.noun_class(v.folded[j]) != "time"




#: the last doc seen and its facts, as one tuple (replaced whole, so threads never see a mix):
#: find_events(doc, find_facts(doc)) reads the doc once
_LAST: list[tuple[Any, _View, list[tuple[Fact, int | None]]] | None] = [None]


def _analyzed(doc: Any) -> tuple[_View, list[tuple[Fact, int | None]]]:
    last = _LAST[0]
    if last is not None and last[0] is doc and last[1].n == len(doc):
        return last[1], last[2]
    v = _View(doc)
    detailed = _facts(v)
    _LAST[0] = (doc, v, detailed)
    return v, detailed


def find_facts(doc: Any) -> list[Fact]:
    """Every counted number of ``doc`` (a :func:`khabar.analyze` Doc) as a :class:`Fact`, in text order.

    >>> import khabar
    >>> [(f.surface, f.low, f.high, f.unit.text if f.unit else None, f.event)
    ...  for f in find_facts(khabar.analyze("نزح أكثر من 3 آلاف شخص منذ 3 سنوات، وبلغت الخسائر 2 مليار دولار."))]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('أكثر من 3 آلاف', 3000, None, 'شخص', 'displaced_or_evacuated'),
     ('2 مليار دولار', 2000000000, 2000000000, 'دولار', 'money')]
    """
    return [f for f, _ in _analyzed(doc)[1]]


def _facts(v: _View) -> list[tuple[Fact, int | None]]:
    """Facts with the token index of their trigger (None when the event came from the unit or nowhere)."""
    if not v.n:
        return []
    out: list[tuple[Fact, int | None]] = []
    for c in _candidates(v):
        made = _fact(v, c, out[-1] if out else None)
        if made is not None:
            out.append(made)
    return out


def _fact(v: _View, c: _Cand, previous: tuple[Fact, int | None] | None) -> tuple[Fact, int | None] | None:
    text, m, last = v.text, c.m, c.last
    first = v.tok_at(c.m.start)
    after = v.tok_after(c.end if c.label != "QUANTITY" else last.end)
    before = v.tok_after(c.start) - 1
    definite = before >= 0 and v.folded[before] == "ال"  # الـ27, الـ 70
    if definite:
        before -= 1
    if before >= 0 and v.folded[before] == "(" and c.kind is None:
        before -= 1  # كيلو (16)
    prev = v.bare[before] if before >= 0 else ""
    # ---- exclusions
    if m.end - m.start > 40 or (c.low is not None and c.low > 10**15):
        return None
    if _glued_identifier(text, m.start, last.end) or _list_marker(text, m.start, m.end) or _glued_code(text, c):
        return None
    if c.kind is None and c.label is None and before >= 0 and (_identifier_head(v, before) or (
            before > 0 and v.pos[before] == "ADJ" and v.bare[before - 1] in _LEGAL_HEADS)):
        return None  # القرار 2254، القرار الأممي 2216، Stc 635031
    if _DIMENSION.match(text, last.end) or _DIMENSION_BEFORE.search(text, max(0, m.start - 3), m.start) or any(
            d.start() <= m.start and m.end <= d.end()
            for d in _SPACED_DATE.finditer(text, max(0, m.start - 12), min(len(text), m.end + 12))):
        return None  # 4×6، 3 / 6 / 2012
    listed = _NUMBER_LIST.search(text, max(0, m.start - 12), m.start)
    if listed is not None and c.kind is None and _identifier_head(v, v.tok_at(listed.start()) - 1):
        return None  # المادتين 143 و144
    if m.start and text[m.start - 1] == "(" and text[m.end:m.end + 1] == ")" and after + 1 < v.n \
            and v.folded[after + (v.folded[after] == ")")].startswith("ال"):
        return None  # (1) الشهادة الثانوية: a list number
    if c.label is None and before >= 0 and v.bare[before] in _PLURAL_TIME:
        return None  # السنوات الـ15 الماضية، الساعات 24
    if definite and (prev in lx.ORDINAL_HEADS or (c.label is None and prev in _YEAR_WORDS)):
        return None
    if m.words and before >= 0 and v.folded[before] in _ORDINALS:
        return None  # الرابعة عشرة: an ordinal; دور الستة عشر: a name
    if any(v.ent[k] is not None and v.ent[k].label_ in _NAME_LABELS for k in range(first, min(after, v.n))):
        return None  # a number inside a name: مجموعة العشرين، إم إتش 17
    unit, unit_next = _unit_after(v, c, after)
    unit_cls = _unit_class(v, unit, unit_next)
    if c.label is None:
        if unit_cls == "time":
            return None  # a duration, an age or a rank
        if unit is not None and v.bare[unit[0]] in lx.SPORT_UNITS and (v.bare[unit[0]] in lx.GOALS or any(
                v.bare[k] in lx.SPORT_WORDS for k in range(*v.sent_of(first)))):
            return None  # goals, and points in a match (not points of a stock index)
        if _is_year(v, c, unit, prev):
            return None
        if _is_day(v, c, after, prev):
            return None
        if m.words and not m.vague and c.low in (1, 2) and last is m and " " not in m.text:
            if lx.fold(m.text) not in _ONE_TWO:
                return None
            if after + 1 < v.n and v.folded[after] == "من" and v.pos[after + 1] in _NOUNISH:
                unit, unit_next = (after + 1, after + 2), after + 2  # اثنان من المحامين: an explicit count
            elif before < 0 or v.pos[before] not in ("NOUN", "ADJ") or c.kind or (
                    after < v.n and v.folded[after] == "من"):
                return None  # اثنين alone: "two" is the noun's number, not a count
            else:
                unit, unit_next = (before, before + 1), before + 1  # جنديان اثنان
            unit_cls = _unit_class(v, unit, unit_next)
        elif unit is None and m.vague and m.scale == 1 and m.low == 3 and before >= 0 and v.pos[before] == "NOUN":
            unit, unit_next = (before, before + 1), before + 1  # دول عدة: "several" after its noun
            unit_cls = _unit_class(v, unit, unit_next)
    if unit is None and c.label is None:
        unit = _unit_before(v, before)
        unit_cls = _unit_class(v, unit, unit[1] if unit else None)
    # ---- value
    low, high, approximate = c.low, c.high, c.kind == "~"
    if c.label is None and last is m and _THOUSANDS.fullmatch(m.text) and (unit is not None or m.text.endswith("000")):
        low = high = int(m.text.translate(_DIGITS).replace(".", ""))  # 562.344 إصدار: a thousands separator
    label = c.label
    if label is None and unit is None and before >= 0:
        if prev in _MONEY_CUES:
            label = "MONEY"  # بمبلغ 48 مليونا: an amount whose currency was named earlier
        elif prev in _PERCENT_CUES:
            label = "PERCENT"  # بنسبة 23.9
    if c.kind == ">=":
        high = None
    elif c.kind == "<=":
        low = None
    tail = (unit[1] if unit else after)
    if tail + 1 < v.n and (v.folded[tail], v.folded[tail + 1]) == _AT_LEAST:
        high = None
    elif tail < v.n and v.folded[tail] == _ROUGHLY:
        approximate = True
    # ---- event
    trigger: int | None = None
    if label == "MONEY" or unit_cls == "money":
        event = "money"
    elif label == "PERCENT":
        event = "percentage"
    elif unit_cls in ("killed", "injured", "arrested", "displaced_or_evacuated", "missing", "votes"):
        event = unit_cls
        found = _trigger(v, first, tail, before + 1)
        trigger = found[1] if found and found[0] == unit_cls else None
    elif previous is not None and _among(v, before) and previous[0].event in _CASUALTY_NOUNS | {"people_other"} \
            and v.sent_of(first) == v.sent_of(v.tok_at(previous[0].start)) and unit_cls in ("people", None):
        event, trigger = previous[0].event, previous[1]  # قتل 28 شخصا، بينهم 17 من الحوثيين
    else:
        found = _trigger(v, first, tail, before + 1) if c.label != "QUANTITY" else None
        if found is not None and (unit_cls == "people" or unit is None or (
                found[0] == "votes" and v.bare[unit[0]] in _VOTERS and v.pos[found[1]] == "VERB") or (
                found[0] in ("killed", "injured") and unit_cls is None  # بمقتل 25 متطرفا: only people die
                and v.bare[unit[0]] not in lx.ATTACK_NOUNS and v.bare[unit[0]] not in lx.WEAPON_NOUNS)):
            event, trigger = found
        else:
            event = "people_other" if unit_cls == "people" or (unit is None and _plural_verb_after(v, after)) \
                else "other"
    if c.label == "MONEY" and m.unit_start is not None:
        unit_mention = Mention(last.unit_start, last.unit_end, text[last.unit_start:last.unit_end]) \
            if last.unit_start is not None else None
    else:
        unit_mention = v.mention(unit[0], unit[1]) if unit else None
    fact = Fact(c.start, c.end, text[c.start:c.end], low, high, approximate, unit_mention, event,
                c.currency if c.label == "MONEY" else None,
                v.mention(trigger, trigger + 1) if trigger is not None else None)
    return fact, trigger


def _plural_verb_after(v: _View, j: int) -> bool:
    """``عشرات الآلاف تجمعوا``: a number with no noun, followed by a plural verb, counts people."""
    return j < v.n and v.pos[j] == "VERB" and v.folded[j].endswith(("وا", "ون"))


_ORDINALS = lx.folded("الحادي الحادية الثاني الثانية الثالث الثالثة الرابع الرابعة الخامس "
    "الخامسة السادس السادسة السابع السابعة الثامن الثامنة التاسع التاسعة الاثني الاثنا الاحد الثلاثة الاربعة "
    "الخمسة الستة السبعة الثمانية التسعة")
_AMONG = lx.folded("بينهم بينهن بينها منهم منهن منها")
_AMONG_HEADS = lx.folded("بين من")


def _among(v: _View, k: int) -> bool:
    """``بينهم``/``منهم`` (one token, or preposition + pronoun) ends at token ``k``."""
    if k < 0:
        return False
    return v.folded[k] in _AMONG or (k > 0 and v.pos[k] == "PRON" and v.attached(k) and v.folded[k - 1] in _AMONG_HEADS)

_THOUSANDS = re.compile(r"[0-9٠-٩]{1,3}\.[0-9٠-٩]{3}")
_MONEY_CUES = frozenset(lx.bare(w) for w in lx.folded(
    "مبلغ بمبلغ المبلغ قيمة بقيمة قيمته قيمتها غرامة بغرامة تكلفة بتكلفة كلفة ميزانية رأسمال ثروة ثروته أرباح "
    "إيرادات خسائر قرض بقرض تمويل بتمويل سعر بسعر"))
_PERCENT_CUES = frozenset(lx.bare(w) for w in lx.folded("نسبة بنسبة نسبته نسبتها معدل بمعدل"))
_VOTERS = frozenset(lx.bare(w) for w in lx.folded("دولة دول عضو أعضاء عضوا نائب نائبا نواب"))


_LIST_AFTER = re.compile(r"[ \t]*(?:[.)\-–]|ـ)[ \t]")


_PLURAL_TIME = frozenset(lx.bare(w) for w in lx.folded(
    "السنوات الأعوام الأيام الساعات الأشهر الشهور الأسابيع العقود الدقائق الثواني السنين الليالي"))
_LEGAL_HEADS = frozenset(lx.bare(w) for w in lx.folded("القرار قرار المادة مادة القانون قانون الفصل البند المرسوم"))
_NUMBER_LIST = re.compile(r"[0-9٠-٩]+\s*(?:و|،|,)\s*$")
_DIMENSION = re.compile(r"\s?[×xX*]\s?[0-9٠-٩]")
_DIMENSION_BEFORE = re.compile(r"[0-9٠-٩]\s?[×xX*]\s?$")
_SPACED_DATE = re.compile(r"[0-9٠-٩]{1,4}\s*/\s*[0-9٠-٩]{1,2}\s*/\s*[0-9٠-٩]{2,4}")


def _identifier_head(v: _View, k: int) -> bool:
    f = v.folded[k]
    return v.bare[k] in lx.IDENTIFIER_HEADS or f in lx.IDENTIFIER_HEADS or (f[:1].isascii() and f[:1].isalpha())


def _list_marker(text: str, start: int, end: int) -> bool:
    """``2 - عدم …``، ``8. مرسيدس``: a number that opens a list item (at a line start or after ``)``/``.``)."""
    if end - start > 3 or not _LIST_AFTER.match(text, end):
        return False
    k = start - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k < 0 or text[k] in "\n).:؛"


def _glued_code(text: str, c: _Cand) -> bool:
    """``كدا2»``: a digit glued to the end of a word, with nothing counted after it, is part of a name."""
    s, e = c.m.start, c.m.end
    if c.m.words or c.label or s < 2 or not (text[s - 1].isalpha() and text[s - 2].isalpha()) or e - s > 2:
        return False
    return e >= len(text) or not (text[e].isalpha() or text[e].isspace())


def _glued_identifier(text: str, start: int, end: int) -> bool:
    """``كوفيد-19``، ``إف-16``، ``5+1``، ``19-كوفيد``: a number glued to a word by a hyphen or a plus."""
    if start >= 2 and text[start - 1] in "-+/" and text[start - 2].isalpha():
        return True
    if start >= 1 and text[start - 1] == "+":
        return True
    if end + 1 < len(text) and text[end] in "-+" and text[end + 1].isalpha():
        return True
    return end < len(text) and text[end] == "+"


def _unit_after(v: _View, c: _Cand, after: int) -> tuple[tuple[int, int] | None, int | None]:
    """(token range of the counted noun after the number, the token after it) — or (None, None)."""
    last = c.last
    if c.label == "QUANTITY" and last.unit_start is not None:
        i = v.tok_at(last.unit_start)
        j = i + 1
        if j < v.n and v.folded[j] in _PER_UNIT_TAIL:
            j += 1
        return (i, j), j
    if c.label in ("MONEY", "PERCENT"):
        return None, None
    j = after
    if j >= v.n:
        return None, None
    if v.folded[j] == "من" and j + 1 < v.n and v.pos[j + 1] in _NOUNISH and (
            last.vague or last.scale > 1 or lx.noun_class(v.folded[j + 1]) is not None):
        j += 1  # آلاف من اللاجئين، 5 من المتظاهرين
    if j == after and v.folded[j] == ")" and j + 1 < v.n:
        j += 1  # (253.000) متر مربع
    if v.ent[j] is not None and v.ent[j].label_ in _NAME_LABELS | _TIME_LABELS:
        return None, None
    if j == after and v.folded[j].startswith("ال") and not last.vague and lx.noun_class(v.folded[j]) is None:
        return None, None  # كأس العالم 2018 المنتخب: a counted noun is never definite (عشرات الآلاف is)
    # a noun the lexicon knows whatever its tag (the tagger reads some accusatives, فردا، as adverbs)
    if (v.pos[j] not in _UNIT_POS and lx.noun_class(v.folded[j]) is None) or v.bare[j] in lx.ADVERBS:
        return None, None
    if v.text[v.ends[j - 1] if j else 0:v.starts[j]].strip(" \t") not in ("",) and j == after:
        return None, None  # punctuation or a line break between: not its noun
    k = j + 1
    while k < v.n and v.attached(k) and v.pos[k] == "PRON":
        k += 1  # مقاتليها: the pronoun suffix is part of the written noun
    return (j, k), k


def _unit_before(v: _View, before: int) -> tuple[int, int] | None:
    """A counted noun of people or casualties just before the number: ``عدد القتلى إلى 50``."""
    k, skipped = before, 0
    while k >= 0 and skipped < 2 and (v.folded[k] in _SKIP_BEFORE or v.pos[k] == "VERB"):
        k, skipped = k - 1, skipped + 1
    if k < 0 or v.pos[k] not in _NOUNISH:
        return None
    cls = lx.noun_class(v.folded[k])
    return (k, k + 1) if cls not in (None, "time") else None


def _unit_class(v: _View, unit: tuple[int, int] | None, unit_next: int | None) -> str | None:
    if unit is None:
        return None
    i = unit[0]
    if unit_next is not None and unit_next < v.n:
        case = lx.case_class(v.folded[i], v.folded[unit_next])
        if case is not None:
            return case
    return lx.noun_class(v.folded[i])


def _is_year(v: _View, c: _Cand, unit: tuple[int, int] | None, prev: str) -> bool:
    """A year, not a count: ``عام 605``، ``683هـ``، ``في 2009``، ``2015`` with no noun, ``بين 1392-1897``."""
    m, text = c.m, v.text
    if c.kind not in (None, "between", "from") or m.words or not isinstance(c.low, int):
        return False
    if _ERA_AFTER.match(text, c.last.end):
        return True
    if not isinstance(c.high, int) or c.high > 2100:
        return False
    if c.low == c.high and prev in _YEAR_NOUNS:
        return True
    if len(m.text) != 4 or (c.low != c.high and len(c.last.text) != 4) or c.low < 1000:
        return False
    if prev in _YEAR_WORDS and c.low >= 1900:
        return unit is None or lx.noun_class(v.folded[unit[0]]) is None
    return unit is None and (prev in _YEAR_WORDS or c.low >= 1900 or c.low != c.high)


_ERA_AFTER = re.compile(
    r"\s?(?:هـ|ه|م|هجري|هجرية|هجريا|ميلادي|ميلادية|ميلاديا|للهجرة|للميلاد|قبل الميلاد|ق\.\s?م)(?![\u0621-\u064a])")
_YEAR_NOUNS = frozenset(lx.bare(w) for w in lx.folded("عام العام سنة السنة عامي"))


def _is_day(v: _View, c: _Cand, after: int, prev: str) -> bool:
    """``14 من الشهر الجاري``، ``يوم 14``: a day of the month."""
    if c.kind or not isinstance(c.low, int) or not 1 <= c.low <= 31 or c.m.words:
        return False
    if prev in _DAY_WORDS:
        return True
    if after < v.n and v.folded[after] == "من" and after + 1 < v.n:
        return v.bare[after + 1] in _MONTHS or v.folded[after + 1] in _MONTHS
    return False


def _trigger(v: _View, first: int, tail: int, lead: int | None = None) -> tuple[str, int] | None:
    """(event, token) of the word that says what happened to the counted people, or None.

    In order: a verb right after the counted noun (``5 أشخاص قتلوا``, over ``على الأقل`` or a quote mark); the
    nearest trigger before the number in the same sentence, within :data:`TRIGGER_WINDOW` tokens and not past
    another verb (a clause boundary); a trigger a few words after the noun (``أجبروا على الهروب``), not past
    ``و`` or punctuation.
    """
    s, e = v.sent_of(first)
    k = _skip_fillers(v, tail, e)
    if k < e and v.pos[k] == "VERB":
        found = _trigger_at(v, k, e)
        if found is not None:
            return found, k
    lead = first if lead is None else lead  # the surface start: ما لا يقل عن is not a clause boundary
    for k in range(lead - 1, max(s, lead - TRIGGER_WINDOW) - 1, -1):
        found = _trigger_at(v, k, e)
        if found is not None:
            return found, k
        if (v.folded[k] == "قد" and k == first - 1 and k > 0 and v.folded[k - 1] == "ف" and v.attached(k)
                and (tail >= e or v.pos[tail] != "NOUN")):
            return "missing", k  # فقد 5 أشخاص (the segmenter reads ف + قد)
        if v.pos[k] == "VERB":
            break  # another verb: another clause
    k = _skip_fillers(v, tail, e)
    for j in range(k, min(e, k + 4)):
        if v.pos[j] in ("CCONJ", "PUNCT", "NUM", "SCONJ"):
            break
        found = _trigger_at(v, j, e)
        if found is None and v.pos[j] in _NOUNISH:  # 7 صيادين مفقودون
            found = lx.noun_class(v.folded[j])
            found = found if found in _CASUALTY_NOUNS else None
        if found is not None:
            return found, j
    return None


_BOUND_WORDS = lx.folded("نحو حوالي قرابة زهاء أكثر أقل ما")
_TAMMA = lx.fold("تم")
_FILLERS = frozenset(lx.fold(w) for w in ("على", "الأقل", "تقريبا", "قد", "«", "»", '"', "“", "”", "'"))


def _skip_fillers(v: _View, k: int, end: int) -> int:
    """The first token from ``k`` that is not ``على الأقل``, ``تقريبا``, ``قد`` or a quote mark."""
    while k < end and v.folded[k] in _FILLERS:
        k += 1
    return k


#: how many tokens after ``لقي``/``أودى``/``راح`` its partner (``مصرعهم``، ``بحياة``، ``ضحية``) may come
PARTNER_WINDOW = 12


def _trigger_at(v: _View, k: int, end: int) -> str | None:
    f = v.folded[k]
    if f in lx.NEEDS_PARTNER:
        for j in range(k + 1, min(end, k + PARTNER_WINDOW)):  # لقي 21 شخصا على الأقل بينهم نساء وأطفال مصرعهم
            cls = lx.PARTNERS.get(v.folded[j]) or lx.PARTNERS.get(v.bare[j])
            if cls:
                return cls
        if f in lx.KILLING_WITHOUT_PARTNER and any(
                lx.noun_class(v.folded[j]) == "people" for j in range(k + 1, min(end, k + 4))):
            return "killed"  # حصدت أربعة مدنيين
        return None
    cls = lx.trigger_class(f)
    if cls is None:
        if f.startswith("ال") and v.pos[k] in _NOUNISH:
            cls = lx.noun_class(f)  # عدد القتلى … 390 عنصرا
            return cls if cls in _CASUALTY_NOUNS else None
        return None
    if f in lx.VERB_ONLY and v.pos[k] != "VERB" and not (k + 1 < v.n and (
            v.pos[k + 1] == "NUM" or v.folded[k + 1] in _BOUND_WORDS)) and not (k > 0 and v.folded[k - 1] == _TAMMA):
        return None  # صوت "voice", أسر "families" — but صوت 120 نائبا, تم أسر أكثر من 50 are the act
    if cls == "missing" and f.startswith("فقد") and v.pos[k] != "VERB":
        return None
    return cls
