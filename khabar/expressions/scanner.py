"""The matchers that read a DATE, TIME, MONEY, PERCENT or QUANTITY at each token that can start one."""

from __future__ import annotations

from decimal import Decimal

from khabar.expressions.model import (
    Expression,
    NumberMention,
)
from khabar.expressions.tokens import (
    _NUMERIC,
    _fmt,
    _int_value,
    _iso,
    _number_value,
    _plain,
    _tokenize,
    _word_info,
)
from khabar.expressions.words import (
    _AFTER_HOUR,
    _AFTER_NUMBER,
    _AHAD,
    _ALAF,
    _CENTURY_ADJ,
    _CLOCK_ABBR,
    _CODES,
    _COMPASS,
    _CUBE,
    _CUR_ADJ,
    _CURRENCY,
    _DATE_PARTS,
    _DAYREF_WORDS,
    _DECADES,
    _DEF_SCALES,
    _DIGIT_TABLE,
    _FEW,
    _FEW_FORMS,
    _FRACTIONS,
    _GMONTH2,
    _GMONTHS,
    _HMONTH2,
    _HMONTHS,
    _HUNDRED,
    _HUNDRED_DEF,
    _HUNDREDS,
    _KILO_PARTS,
    _MINUTE_UNITS,
    _MINUTE_WORDS,
    _MINUTES_BEFORE,
    _MIYA,
    _MONTH_CONTEXT,
    _MONTH_START,
    _NIGHT_DEF,
    _NOON,
    _NOON_DEF,
    _NOT_MONDAY,
    _NOT_TODAY,
    _NUMBER_START,
    _ORD_DAYS,
    _ORD_HOURS,
    _ORD_TENS,
    _PER_DAY,
    _PERCENT_WORDS,
    _PERIOD_ADV,
    _PERIOD_CONSTRUCT,
    _PERIOD_NOUNS,
    _PREFIXES,
    _PUNCT,
    _REL,
    _REL_START,
    _SCALE_WORDS,
    _SCALES,
    _SHAHR,
    _SQUARE,
    _SYMBOLS,
    _TEN,
    _TENS_WORDS,
    _TIME_START,
    _TOMORROW,
    _UNIT_WORDS,
    _UNITS,
    _VAGUE,
    _VAGUE_RANGE,
    _WEEKDAY_START,
    _WEEKDAYS,
    _YEAR_PREPS,
    _YEAR_SUFFIX,
    _YEAR_WORDS,
    _YEARW_START,
    _n,
    _readings,
)

# ------------------------------------------------------------------------------------------------ matchers

# a match: (end token index, label, value, start token index or -1 for "the trigger token")
_Match = tuple[int, str, str | None, int]
_PRIORITY = {"TIME": 0, "MONEY": 1, "PERCENT": 2, "QUANTITY": 3, "DATE": 4}


class _Scanner:
    """Matchers over the token list; every one looks ahead a bounded number of tokens."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.toks, self.words, self.others = _tokenize(text)
        self.n = len(self.toks)

    # -- token helpers
    def norm(self, j: int) -> str:
        return self.toks[j][4] if 0 <= j < self.n else ""

    def kind(self, j: int) -> str:
        return self.toks[j][2] if 0 <= j < self.n else ""

    def raw(self, j: int) -> str:
        return self.toks[j][3] if 0 <= j < self.n else ""

    def adjacent(self, j: int) -> bool:
        """Token ``j`` follows token ``j - 1`` with no space between."""
        return 0 < j < self.n and self.toks[j - 1][1] == self.toks[j][0]

    def wa(self, j: int) -> tuple[int, str] | None:
        """The conjunction و at token ``j`` (alone or glued): (token index, word after it)."""
        nm = self.norm(j)
        if not nm or self.kind(j) != "ar":
            return None
        if nm == "و":
            return (j + 1, self.norm(j + 1)) if j + 1 < self.n else None
        if nm[0] == "و" and len(nm) > 1:
            return j, nm[1:]
        return None

    # -- numbers
    def sub_thousand(self, i: int, w: str) -> tuple[int, int] | None:
        """A number below 1000 in words starting at token ``i`` (first word ``w``): (end, value)."""

        def cls(x: str) -> tuple[str, int] | None:
            if x in _UNIT_WORDS:
                return "u", _UNIT_WORDS[x]
            if x in _AHAD:
                return "a", 1
            if x in _TEN:
                return "ten", 10
            if x in _TENS_WORDS:
                return "t", _TENS_WORDS[x]
            if x in _HUNDREDS:
                return "h", _HUNDREDS[x]
            return None

        c = cls(w)
        if c is None:
            return None
        kind, val = c
        end = i + 1
        if kind in ("u", "a") and self.norm(end) in _TEN:
            val, kind, end = val + 10, "teen", end + 1
        elif kind == "a":
            return None
        elif kind == "u" and self.norm(end) in _HUNDRED:
            val, kind, end = val * 100, "h", end + 1
        elif kind == "ten":
            kind = "teen"
        while True:
            nxt = self.wa(end)
            if nxt is None:
                break
            k, w2 = nxt
            c2 = cls(w2)
            if c2 is None:
                break
            k2, v2 = c2
            e2 = k + 1
            if kind == "h" and k2 != "h":
                if k2 in ("u", "a") and self.norm(e2) in _TEN:
                    v2, k2, e2 = v2 + 10, "teen", e2 + 1
                elif k2 == "a":
                    break
                elif k2 == "ten":
                    k2 = "teen"
            elif not (kind == "u" and k2 == "t"):
                break
            val, kind, end = val + v2, k2, e2
        return end, val

    def group(self, i: int, w: str) -> tuple[int, Decimal | None, Decimal, bool] | None:
        """One number group: digits or words, with an optional scale word: (end, value, order, vague)."""
        kind = self.kind(i)
        if kind == "num":
            val = _number_value(self.raw(i))
            if val is None:
                return None
            end, order = i + 1, Decimal(1)
            scale = _SCALES.get(self.norm(end))
            if scale:
                val, order, end = val * scale[0], scale[0], end + 1
            return end, val, order, False
        if kind != "ar":
            return None
        if w in _VAGUE or (w in _SCALES and _SCALES[w][2]):
            end = i + 1
            if self.norm(end) in _DEF_SCALES:
                end += 1
            return end, None, Decimal(0), True
        if w in _SCALES:
            scale, mult, _ = _SCALES[w]
            return i + 1, scale * mult, scale, False
        if w in _FRACTIONS:
            scale_info = _SCALES.get(self.norm(i + 1))
            if scale_info and not scale_info[2]:
                return i + 2, _FRACTIONS[w] * scale_info[0], scale_info[0], False
            return None
        sub = self.sub_thousand(i, w)
        if sub is None:
            return None
        end, ival = sub
        val, order = Decimal(ival), Decimal(1)
        scale = _SCALES.get(self.norm(end))
        if scale:
            val, order, end = val * scale[0], scale[0], end + 1
        return end, val, order, False

    def number(self, i: int, w: str) -> tuple[int, Decimal | None, bool] | None:
        """Number groups joined by و with strictly decreasing scales: (end, value, vague)."""
        g = self.group(i, w)
        if g is None:
            return None
        end, value, order, vague = g
        if vague or value is None:
            return end, None, True
        for _ in range(6):
            nxt = self.wa(end)
            if nxt is None:
                break
            k, w2 = nxt
            if w2 in _FRACTIONS and self.kind(k) == "ar":
                value += order * _FRACTIONS[w2]
                end = k + 1
                if _DEF_SCALES.get(self.norm(end)) == order:
                    end += 1
                break
            if order == 1:
                break
            g2 = self.group(k, w2)
            if g2 is None or g2[3] or g2[1] is None or g2[2] >= order or g2[1] >= order:
                break
            if self.raw(g2[0]) in _SYMBOLS and self.adjacent(g2[0]):
                break  # "... و5$": the last group has its own currency sign
            end, value, order = g2[0], value + g2[1], g2[2]
        return end, value, False

    # -- money, percent, quantity
    def percent_tail(self, j: int) -> int | None:
        if self.kind(j) == "other" and self.raw(j) in "%٪":
            return j + 1
        nm = self.norm(j)
        if nm in _PERCENT_WORDS:
            return j + 1
        if nm == "في" and self.norm(j + 1) in _HUNDRED_DEF:
            return j + 2
        return None

    def currency_tail(self, j: int, vague: bool) -> tuple[int, str | None] | None:
        kind, raw = self.kind(j), self.raw(j)
        if kind == "other" and raw in _SYMBOLS:
            return j + 1, _SYMBOLS[raw]
        if kind == "lat" and raw in _CODES:
            return j + 1, raw
        if kind == "usd":
            return j + 1, "USD"
        nm = self.norm(j)
        if nm == "من" and vague and self.norm(j + 1) in _CURRENCY:
            j += 1
            nm = self.norm(j)
            if not _CURRENCY[nm][2]:
                return None
        info = _CURRENCY.get(nm)
        if info is None or (info[2] and not vague):
            return None
        lemma, code, _ = info
        end = j + 1
        adj = _CUR_ADJ.get((lemma, self.norm(end)))
        if adj:
            code, end = adj, end + 1
        elif lemma == _n("جنيه") and self.norm(end) in _CURRENCY and _CURRENCY[self.norm(end)][1] == "GBP":
            code, end = "GBP", end + 1
        return end, code

    def unit_tail(self, j: int, vague: bool) -> tuple[int, str] | None:
        nm = self.norm(j)
        if nm == "من" and vague and _UNITS.get(self.norm(j + 1), ("", False))[1]:
            j += 1
            nm = self.norm(j)
        if nm == _n("كيلو") and self.norm(j + 1) in _KILO_PARTS:
            code, end = _KILO_PARTS[self.norm(j + 1)], j + 2
        elif nm == _n("نقطة") or nm == _n("نقاط"):
            if self.norm(j + 1) != _n("مئوية"):
                return None
            code, end = "pp", j + 2
        elif nm in _UNITS:
            code, definite = _UNITS[nm]
            if definite and not vague:
                return None
            end = j + 1
        else:
            return None
        nxt = self.norm(end)
        if code in ("km", "m", "cm", "mi", "ft") and (nxt in _SQUARE or nxt in _CUBE):
            code, end = code + ("2" if nxt in _SQUARE else "3"), end + 1
        elif code == "mi" and nxt == _n("بحري"):
            code, end = "nmi", end + 1
        elif code == "deg":
            if nxt == _n("مئوية"):
                code, end = "°C", end + 1
            elif nxt == _n("فهرنهايت"):
                code, end = "°F", end + 1
            if self.norm(end) == _n("على") and self.norm(end + 1) in _SCALE_WORDS and self.norm(end + 2) == _n(
                "ريختر"
            ):
                code, end = "Richter", end + 3
            elif self.norm(end) == _n("بمقياس") and self.norm(end + 1) == _n("ريختر"):
                code, end = "Richter", end + 2
        nxt = self.norm(end)
        if nxt in _PER_DAY:
            code, end = code + "/d", end + 1
        elif nxt == "في" and self.norm(end + 1) == _n("اليوم"):
            code, end = code + "/d", end + 2
        elif code in ("km", "mi") and (nxt == _n("بالساعة") or (nxt == "في" and self.norm(end + 1) == _n("الساعة"))):
            code, end = code + "/h", end + (1 if nxt == _n("بالساعة") else 2)
        elif code == "km" and nxt == "/" and self.norm(end + 1) == "س" and self.adjacent(end + 1):
            code, end = "km/h", end + 2
        return end, code

    def numeric(self, i: int, w: str) -> list[_Match]:
        num = self.number(i, w)
        if num is None:
            return []
        end, value, vague = num
        out: list[_Match] = []
        if value is not None:
            p = self.percent_tail(end)
            if p is not None:
                out.append((p, "PERCENT", _fmt(value), -1))
        cur = self.currency_tail(end, vague)
        if cur is not None:
            e, code = cur
            out.append((e, "MONEY", f"{_fmt(value)} {code}" if value is not None and code else None, -1))
        unit = self.unit_tail(end, vague)
        if unit is not None:
            e, code = unit
            out.append((e, "QUANTITY", f"{_fmt(value)} {code}" if value is not None else None, -1))
        return out

    def symbol(self, i: int) -> list[_Match]:
        kind, raw = self.kind(i), self.raw(i)
        prev_num = i > 0 and self.kind(i - 1) == "num"
        if kind == "usd" or raw in _SYMBOLS:
            if self.kind(i + 1) != "num" or (kind != "usd" and not self.adjacent(i + 1)):
                return []
            if prev_num and self.adjacent(i):
                return []
            num = self.number(i + 1, "")
            if num is None or num[1] is None:
                return []
            return [(num[0], "MONEY", f"{_fmt(num[1])} {_SYMBOLS.get(raw, 'USD')}", -1)]
        if raw in "%٪" and kind == "other" and self.kind(i + 1) == "num" and self.adjacent(i + 1) and not prev_num:
            value = _number_value(self.raw(i + 1))
            if value is not None and self.norm(i + 2) not in _SCALES:
                return [(i + 2, "PERCENT", _fmt(value), -1)]
        return []

    # -- dates
    def year(self, k: int) -> tuple[int, int, str | None] | None:
        """A four-digit year 1000–2100 at token ``k``, with an optional era word: (end, year, era)."""
        if self.kind(k) != "num":
            return None
        y = _int_value(self.raw(k))
        if y is None or len(self.raw(k)) != 4 or not 1000 <= y <= 2100:
            return None
        era = _YEAR_SUFFIX.get(self.norm(k + 1))
        return (k + 2, y, era) if era else (k + 1, y, None)

    def year_link(self, k: int) -> tuple[int, int, str | None] | None:
        """A year after a month: ``2015``, ``عام 2015``, ``من العام 2015``."""
        y = self.year(k)
        if y is None:
            if self.norm(k) in _YEAR_WORDS:
                y = self.year(k + 1)
            elif self.norm(k) == "من" and self.norm(k + 1) in _YEAR_WORDS:
                y = self.year(k + 2)
        return y

    def month(self, k: int, w: str, pair: bool = True) -> tuple[int, int, str, int] | None:
        """A month name at ``k``: (end, month, calendar g/h, ambiguity 0/1/2)."""
        nxt = self.norm(k + 1)
        if w in _GMONTHS:
            m, amb = _GMONTHS[w]
            end, cal, level = k + 1, "g", int(amb)
        elif w in _GMONTH2 and nxt in _GMONTH2[w]:
            m, end, cal, level = _GMONTH2[w][nxt], k + 2, "g", 0
        elif w in _HMONTHS:
            m, level = _HMONTHS[w]
            end, cal = k + 1, "h"
        elif w in _HMONTH2 and nxt in _HMONTH2[w]:
            m, end, cal, level = _HMONTH2[w][nxt], k + 2, "h", 0
        else:
            return None
        if cal == "g" and pair:
            sep = self.raw(end)
            if sep in ("/", "-", "(") and self.kind(end) == "other":
                other = self.month(end + 1, self.norm(end + 1), pair=False)
                if other is not None and other[2] == "g":
                    end, level = other[0], 0
                    if sep == "(" and self.raw(end) == ")":
                        end += 1
        return end, m, cal, level

    def day_number(self, i: int, w: str) -> tuple[int, int] | None:
        """A day of the month at ``i``: ``14`` or an ordinal in words (``الحادي عشر``): (end, day)."""
        if self.kind(i) == "num":
            day = _int_value(self.raw(i)) if len(self.raw(i)) <= 2 else None
            return (i + 1, day) if day is not None and 1 <= day <= 31 else None
        if w in _ORD_TENS:
            return i + 1, _ORD_TENS[w]
        if w not in _ORD_DAYS:
            return None
        day, end = _ORD_DAYS[w], i + 1
        if self.norm(end) in _TEN and day < 10:
            return end + 1, day + 10
        nxt = self.wa(end)
        if nxt is not None and nxt[1] in _ORD_TENS and day < 10:
            return nxt[0] + 1, day + _ORD_TENS[nxt[1]]
        return None if w == _n("الحادي") else (end, day)

    def day_month(self, i: int, w: str = "") -> tuple[int, str | None] | None:
        """``14 يوليو 2015``, ``3 من رمضان``, ``الحادي عشر من سبتمبر``: (end, ISO value)."""
        dn = self.day_number(i, w or self.norm(i))
        if dn is None:
            return None
        k, day = dn
        if self.norm(k) == "من":
            k += 1
        elif self.kind(i) != "num":
            return None
        mo = self.month(k, self.norm(k))
        if mo is None:
            return None
        end, m, cal, level = mo
        y = self.year_link(end)
        if cal == "h":
            if level == 2 and (y is None or not (y[2] == "h" or 1300 <= y[1] <= 1500)):
                return None
            return (y[0] if y else end), None
        if y is None:
            if self.norm(end) in _REL:
                end += 1
            return end, None
        return y[0], (None if y[2] == "h" else _iso(y[1], m, day))

    def month_first(self, i: int, w: str) -> tuple[int, str | None] | None:
        """``يوليو 2015``, ``يوليو/تموز``, ``رمضان 1436 هـ``, ``مارس الماضي``."""
        mo = self.month(i, w)
        if mo is None:
            return None
        end, m, cal, level = mo
        y = self.year_link(end)
        if cal == "h":
            if y is None:
                return None
            hijri = y[2] == "h" or 1300 <= y[1] <= 1500
            if not hijri and (level or not 1900 <= y[1] <= 2100):
                return None
            return y[0], None
        if y is not None:
            return y[0], (None if y[2] == "h" else _iso(y[1], m))
        if self.norm(end) in _REL:
            return end + 1, None
        if level and not any(r[1] in _MONTH_CONTEXT for r in _readings(self.raw(i - 1)) if i > 0):
            return None
        return end, None

    def dnum(self, i: int) -> tuple[int, str | None] | None:
        s = self.raw(i).translate(_DIGIT_TABLE)
        sep = "/" if "/" in s else ("-" if "-" in s else ".")
        a, b, c = s.split(sep)
        if len(a) == 4 and len(c) <= 2:
            y, m, d = int(a), int(b), int(c)
        elif len(c) == 4 and len(a) <= 2:
            d, m, y = int(a), int(b), int(c)
            if m > 12 and d <= 12:
                d, m = m, d
        else:
            return None
        era = _YEAR_SUFFIX.get(self.norm(i + 1))
        end = i + 2 if era else i + 1
        if era == "h" or (era is None and 1300 <= y <= 1500):  # a Hijri date: 25/9/1436
            return (end, None) if 1 <= m <= 12 and 1 <= d <= 30 else None
        if not 1600 <= y <= 2100:
            return None
        value = _iso(y, m, d)
        return (end, value) if value else None

    def weekday(self, i: int, w: str) -> tuple[int, str | None] | None:
        """``الخميس``, ``يوم الخميس الماضي``, ``الخميس، 14 يوليو 2015``."""
        k = i
        if w == _n("يوم"):
            k = i + 1
            w = self.norm(k)
        elif w == _n("الاثنين") and self.norm(i - 1) in _NOT_MONDAY:
            return None
        if w not in _WEEKDAYS:
            return None
        end = k + 1
        value = None
        if self.norm(end) in _REL:
            end += 1
        e2 = end
        if self.raw(e2) in ("،", ","):
            e2 += 1
        if self.norm(e2) == _n("الموافق"):
            e2 += 1
        dm = self.dnum(e2) if self.kind(e2) == "dnum" else self.day_month(e2)
        if dm is None and self.norm(e2) == "ال" and self.adjacent(e2 + 1):
            dm = self.day_month(e2 + 1)
        if dm is not None:
            end, value = dm
        return end, value

    def dayref(self, k: int) -> int | None:
        """``اليوم``, ``أمس``, ``غد``, ``يوم الخميس``, ``الخميس الماضي`` after a part of the day."""
        nm = self.norm(k)
        if nm in _DAYREF_WORDS:
            end = k + 1
        elif nm == _n("يوم") and self.norm(k + 1) in _DAYREF_WORDS:
            end = k + 2
        else:
            wd = self.weekday(k, nm)
            return wd[0] if wd else None
        wd = self.weekday(end, self.norm(end)) if self.norm(end) in _WEEKDAYS else None
        return wd[0] if wd else end

    def relative(self, i: int, w: str) -> tuple[int, str | None] | None:
        nxt = self.norm(i + 1)
        if w in (_n("أمس"), _n("الأمس"), _n("اليوم"), _n("غدا")):
            if w == _n("اليوم") and self.norm(i - 1) in _NOT_TODAY:
                return None  # "روسيا اليوم" (a channel), "في اليوم" (per day)
            if nxt in _WEEKDAYS:
                return self.weekday(i + 1, nxt)
            if w in (_n("أمس"), _n("الأمس")):
                return (i + 2 if nxt == _n("الأول") else i + 1), None
            if self.kind(i + 1) == "ar" and nxt.startswith("ال") and len(nxt) > 2:
                return None
            return i + 1, None
        if w == _n("يوم"):
            if nxt in _DAYREF_WORDS or nxt == _n("غدا"):
                wd = self.weekday(i + 2, self.norm(i + 2)) if self.norm(i + 2) in _WEEKDAYS else None
                return wd if wd else (i + 2, None)
            return self.day_month(i + 1, nxt)
        if w == _n("بعد") and nxt in _TOMORROW:
            return i + 2, None
        if w == _n("أول"):
            if nxt == _n("أمس"):
                return i + 2, None
            if nxt == "من" and self.norm(i + 2) == _n("أمس"):
                return i + 3, None
            return None
        if w in _PERIOD_NOUNS:
            k = i + 1
            if nxt.startswith("ال") and self.sub_thousand(k, nxt[2:]) and self.norm(k + 1) in _REL:
                k += 1
            return (k + 1, None) if self.norm(k) in _REL else None
        if w in (_n("هذا"), _n("هذه")) and nxt in _PERIOD_NOUNS:
            return i + 2, None
        if w in _DECADES or (w.startswith("ال") and w[2:] in _DECADES):
            end = i + 1
            if self.norm(end) == "من":
                end += 1
            if self.norm(end) == _n("القرن") and self.norm(end + 1) in _CENTURY_ADJ:
                return end + 2, None
            return (i + 1, None) if w.startswith("ال") else None
        return None

    def year_word(self, i: int, w: str) -> tuple[int, str | None] | None:
        """``عام 2015``, ``العام 2015/2016``, ``سنة 1436 هـ``, ``عامي 2014 و2015``."""
        if w not in _YEAR_WORDS and w != _n("عامي"):
            return None
        y = self.year(i + 1)
        if y is None:
            return None
        end, year, era = y
        value = None if era == "h" else str(year)
        if w == _n("عامي"):
            nxt = self.wa(end)
            y2 = self.year(nxt[0]) if nxt else None
            return (y2[0], None) if y2 else None
        if self.raw(end) in ("/", "-") and self.adjacent(end) and self.adjacent(end + 1):
            y2 = self.year(end + 1)
            if y2 is not None:
                return y2[0], None
        return end, value

    def date_core(self, i: int, w: str) -> list[tuple[int, str | None]]:
        found = []
        if w in _WEEKDAY_START:
            found.append(self.weekday(i, w))
        if w in _MONTH_START:
            found.append(self.month_first(i, w))
        if w in _YEARW_START:
            found.append(self.year_word(i, w))
        if w in _REL_START:
            found.append(self.relative(i, w))
        if w == _SHAHR:
            mo = self.month(i + 1, self.norm(i + 1))
            if mo is not None and mo[2] == "g":
                y = self.year_link(mo[0])
                found.append((y[0], _iso(y[1], mo[1])) if y and y[2] != "h" else (mo[0], None))
        elif w == "ال" and self.adjacent(i + 1):
            found.append(self.day_month(i + 1))
        elif w in _ORD_DAYS or w in _ORD_TENS:
            found.append(self.day_month(i, w))
        return [f for f in found if f is not None]

    # -- times
    def hour(self, k: int) -> tuple[int, int, int, str] | None:
        """An hour at ``k``: (end, hour, minute, kind clock/num/ord)."""
        kind = self.kind(k)
        if kind == "clock":
            h, m = (int(x) for x in self.raw(k).translate(_DIGIT_TABLE).split(":"))
            return (k + 1, h, m, "clock") if h <= 24 and m < 60 else None
        if kind == "num":
            raw = self.raw(k).translate(_DIGIT_TABLE)
            if len(raw) == 5 or (len(raw) == 4 and raw[1] == "."):  # 11.30 صباحا
                h_s, _, m_s = raw.partition(".")
                if m_s.isdigit() and len(m_s) == 2 and h_s.isdigit() and int(h_s) <= 24 and int(m_s) < 60:
                    return k + 1, int(h_s), int(m_s), "dot"
                return None
            h = _int_value(raw)
            return (k + 1, h, 0, "num") if h is not None and len(raw) <= 2 and h <= 24 else None
        w = self.norm(k)
        if w in _ORD_HOURS:
            h = _ORD_HOURS[w]
            if self.norm(k + 1) in _TEN and h in (2, 11):
                return k + 2, (12 if h == 2 else 11), 0, "ord"
            return (k + 1, h, 0, "ord") if h != 11 else None
        return None

    def minutes(self, end: int, hour: int) -> tuple[int, int, int]:
        nm = self.norm(end)
        if nm in _MINUTE_WORDS:
            return end + 1, hour, _MINUTE_WORDS[nm]
        if nm == _n("إلا") and self.norm(end + 1) in _MINUTES_BEFORE:
            return end + 2, (hour - 1) % 24, 60 - _MINUTES_BEFORE[self.norm(end + 1)]
        nxt = self.wa(end)
        if nxt is not None:
            num = self.number(nxt[0], nxt[1])
            if num is not None and num[1] is not None and self.norm(num[0]) in _MINUTE_UNITS and num[1] < 60:
                return num[0] + 1, hour, int(num[1])
        return end, hour, 0

    def period(self, end: int, clock: bool) -> tuple[int, str | None]:
        nm = self.norm(end)
        if nm in _PERIOD_ADV:
            e = end + 1
            ref = self.dayref(e) if nm in _PERIOD_CONSTRUCT else None
            return (ref or e), _PERIOD_ADV[nm]
        if nm in _PERIOD_CONSTRUCT:
            ref = self.dayref(end + 1)
            return (ref, _PERIOD_CONSTRUCT[nm]) if ref else (end, None)
        if nm == "من" and self.norm(end + 1) in _PERIOD_CONSTRUCT:
            ref = self.dayref(end + 2)
            return (ref, _PERIOD_CONSTRUCT[self.norm(end + 1)]) if ref else (end, None)
        if nm == _n("بعد") and self.norm(end + 1) in _NOON_DEF:
            return end + 2, "pm"
        if clock and nm in _CLOCK_ABBR and self.kind(end) == "ar":
            return end + 1, _CLOCK_ABBR[nm]
        return end, None

    def timezone(self, end: int) -> int:
        nm = self.norm(end)
        if nm == _n("بتوقيت") and self.kind(end + 1) == "ar":
            place = self.norm(end + 1)
            if place == _n("مكة") and self.norm(end + 2) == _n("المكرمة"):
                return end + 3
            if place in _COMPASS and self.kind(end + 2) == "ar":  # بتوقيت شرق الولايات المتحدة
                usa = self.norm(end + 2) == _n("الولايات") and self.norm(end + 3) == _n("المتحدة")
                return end + 4 if usa else end + 3
            return end + 2
        if nm == _n("بالتوقيت") and self.norm(end + 1).startswith("ال"):
            return end + 2
        if self.kind(end) == "lat" and self.raw(end) in ("GMT", "UTC"):
            return end + 1
        if nm == "ت" and self.raw(end + 1) == "." and self.norm(end + 2) == "غ":
            return end + 3
        if self.raw(end) == "(":
            e = self.timezone(end + 1)
            if e > end + 1 and self.raw(e) == ")":
                return e + 1
        return end

    def clock_time(self, k: int, require: bool) -> tuple[int, str] | None:
        """A clock time from token ``k``; with ``require`` a period or time zone must follow."""
        h = self.hour(k)
        if h is None:
            return None
        end, hour, minute, kind = h
        if kind in ("num", "ord"):
            end, hour, minute = self.minutes(end, hour)
        end, per = self.period(end, kind == "clock")
        tz_end = self.timezone(end)
        if require and per is None and (tz_end == end or kind != "clock"):
            return None
        if kind in ("num", "dot") and require and not 1 <= hour <= 12:
            return None
        if (per == "pm" and 1 <= hour < 12) or (per == "night" and 6 <= hour < 12):
            hour += 12
        elif per == "night" and hour == 12:
            hour = 0
        elif per == "noon" and 1 <= hour < 6:
            hour += 12
        elif per == "am" and hour == 12:
            hour = 0
        return tz_end, f"{hour % 24:02d}:{minute:02d}"

    def times(self, i: int, w: str) -> list[_Match]:
        out: list[_Match] = []
        if w == _n("الساعة"):
            t = self.clock_time(i + 1, require=False)
            if t is not None:
                out.append((t[0], "TIME", t[1], -1))
        elif w in _ORD_HOURS and w != _n("الأولى") and self.norm(i - 1) != _n("الساعات"):
            t = self.clock_time(i, require=True)
            if t is not None:
                out.append((t[0], "TIME", t[1], -1))
        elif w in _NOON:
            ref = self.dayref(i + 1)
            if ref is not None:
                out.append((ref, "TIME", "12:00", -1))
        elif w == _n("منتصف"):
            nxt = self.norm(i + 1)
            if nxt in _NIGHT_DEF:
                out.append((i + 2, "TIME", "00:00", -1))
            elif nxt == _n("النهار"):
                out.append((i + 2, "TIME", "12:00", -1))
            elif nxt == _n("ليل"):
                ref = self.dayref(i + 2)
                if ref is not None:
                    out.append((ref, "TIME", "00:00", -1))
        if w in _DATE_PARTS:
            ref = self.dayref(i + 1)
            if ref is not None:
                out.append((ref, "DATE", None, -1))
        return out

    # -- dispatch
    def at_word(self, i: int, w: str) -> list[_Match]:
        out: list[_Match] = []
        if w in _NUMBER_START:
            out += self.numeric(i, w)
        out += [(e, "DATE", v, -1) for e, v in self.date_core(i, w)]
        if w in _PREFIXES:
            sub: list[tuple[int, str | None]] = self.date_core(i + 1, self.norm(i + 1))
            y = self.year(i + 1)
            if y is not None and 1900 <= y[1] <= 2099:
                sub.append((y[0], None))
            out += [(e, "DATE", None, -1) for e, _ in sub]
        if w in _YEAR_PREPS:
            y = self.year(i + 1)
            if y is not None and y[2] is None and 1900 <= y[1] <= 2099:
                after = self.raw(y[0])
                if y[0] >= self.n or (self.kind(y[0]) == "other" and after in _PUNCT):
                    out.append((y[0], "DATE", str(y[1]), i + 1))
        if w in _TIME_START:
            out += self.times(i, w)
        return out

    def at_number(self, i: int) -> list[_Match]:
        kind = self.kind(i)
        if kind == "dnum":
            d = self.dnum(i)
            return [(d[0], "DATE", d[1], -1)] if d else []
        if kind == "clock":
            t = self.clock_time(i, require=True)
            return [(t[0], "TIME", t[1], -1)] if t else []
        nkind, nxt = self.kind(i + 1), self.norm(i + 1)
        wa = nxt[:1] == "و"
        out: list[_Match] = []
        if wa or nkind in ("usd", "lat") or nxt in _AFTER_NUMBER:
            out += self.numeric(i, "")
        if nxt in _MONTH_START or nxt == "من":
            dm = self.day_month(i)
            if dm is not None:
                out.append((dm[0], "DATE", dm[1], -1))
        if nxt in _YEAR_SUFFIX:
            y = self.year(i)
            if y is not None and y[2] is not None:
                out.append((y[0], "DATE", str(y[1]) if y[2] == "g" else None, -1))
        if wa or nxt in _AFTER_HOUR:
            t = self.clock_time(i, require=True)
            if t is not None:
                out.append((t[0], "TIME", t[1], -1))
        return out

    def scan(self) -> list[Expression]:
        toks, text = self.toks, self.text
        cands: list[tuple[int, int, int, int, int, str, str | None]] = []
        add = cands.append
        for i, trig in self.words:
            tok_start = toks[i][0]
            for off, w in trig:
                for end, label, value, lo in self.at_word(i, w):
                    start = tok_start + off if lo < 0 else toks[lo][0]
                    add((start, toks[end - 1][1], max(lo, i), end, _PRIORITY[label], label, value))
        for i in self.others:
            tok = toks[i]
            kind = tok[2]
            if kind in _NUMERIC:
                matches = self.at_number(i)
            elif kind == "x":
                continue
            else:
                matches = self.symbol(i)
            for end, label, value, _ in matches:
                add((tok[0], toks[end - 1][1], i, end, _PRIORITY[label], label, value))
        cands.sort(key=lambda c: (c[0] - c[1], c[0], c[4]))
        taken = bytearray(self.n)
        chosen: list[Expression] = []
        for start, end, lo, hi, _, label, value in cands:
            if any(taken[lo:hi]):
                continue
            taken[lo:hi] = b"\x01" * (hi - lo)
            chosen.append(Expression(start, end, label, text[start:end], value))
        chosen.sort(key=lambda e: e.start)
        return chosen

    # -- every number (for counted facts)
    def numbers(self) -> list[NumberMention]:
        """Every number mention, in text order, never overlapping (see :func:`find_numbers`)."""
        out: list[NumberMention] = []
        toks = self.toks
        # only numbers, signs and trigger words can start a number: visit them in text order
        starts = sorted(set(self.others) | {i for i, _ in self.words})
        done = 0
        for i in starts:
            if i < done:
                continue  # inside the previous number (خمسة وعشرين)
            start, _, kind, raw, norm = toks[i]
            found = None
            if kind == "num":
                found = self.number_mention(i, "", start)
            elif kind == "ar":
                few = _FEW_FORMS.get(norm)
                if few is not None and raw[-1] != "ه":  # بعدة "several", not بعده "after him"
                    found = self.few_mention(i, few, start)
                else:
                    for off, w in _word_info(raw)[1]:
                        if (w == _ALAF and raw[off:off + 3] in ("الإ", "الأ")) or (off and w == _MIYA):
                            continue  # الإف بي آي (FBI), not آلاف; كمية, not ك + مية
                        if w in _NUMBER_START:
                            found = self.number_mention(i, w, start + off)
                            if found is not None:
                                break
            elif kind == "usd" or raw in _SYMBOLS or raw in "%٪":
                found = self.sign_mention(i)
            if found is not None:
                out.append(found[0])
                done = found[1]
        return out

    def number_mention(self, i: int, w: str, start: int) -> tuple[NumberMention, int] | None:
        num = self.number(i, w)
        if num is None:
            return None
        end, value, vague = num
        words = self.kind(i) == "ar"
        if vague:
            if w in _VAGUE_RANGE and end == i + 1 and _SCALES.get(self.norm(end), (0, 0, False))[2]:
                end += 1  # مئات آلاف: hundreds of thousands
            low, high, scale = self.vague_range(i, w, end)
        else:
            low = high = value
            scale = self.top_scale(i, end)
        return self.with_tail(start, end, low, high, vague, words, scale)

    def vague_range(self, i: int, w: str, end: int) -> tuple[Decimal, Decimal, int]:
        """The range of a vague quantity word at ``i`` and the scale word after it, up to ``end``
        (``عشرات الآلاف``, ``مئات آلاف``)."""
        if w in _VAGUE_RANGE:
            lo, hi = _VAGUE_RANGE[w]
            scale = Decimal(1)
        else:  # آلاف، ملايين، مليارات: 2–9 of that scale
            lo, hi, scale = 2, 9, _SCALES[w][0]
        if end > i + 1:
            nxt = self.norm(end - 1)
            scale *= _DEF_SCALES.get(nxt) or (_SCALES[nxt][0] if nxt in _SCALES else Decimal(1))
        return Decimal(lo) * scale, Decimal(hi + 1) * scale - 1, int(scale)

    def top_scale(self, i: int, end: int) -> int:
        best = Decimal(1)
        for j in range(i, end):
            sc = _SCALES.get(self.norm(j))
            if sc is not None and sc[0] > best:
                best = sc[0]
        return int(best)

    def few_mention(self, i: int, few: tuple[int, str], start: int) -> tuple[NumberMention, int] | None:
        """``بضعة``/``عدة`` (3–9) before a noun or a scale word (``بضعة آلاف`` 3000–9999)."""
        if self.kind(i + 1) != "ar":
            return None
        lo, hi = _FEW[few[1]]
        end, scale = i + 1, Decimal(1)
        sc = _SCALES.get(self.norm(end))
        if sc is not None:
            scale, end = sc[0], end + 1
        return self.with_tail(start + few[0], end, Decimal(lo) * scale, Decimal(hi + 1) * scale - 1, True, True,
                              int(scale))

    def sign_mention(self, i: int) -> tuple[NumberMention, int] | None:
        """A sign before its number: ``$5``, ``US$ 5 مليون``, ``%40``."""
        for end, label, value, _ in self.symbol(i):
            raw = self.raw(i)
            num = self.number(i + 1, "")
            if num is None or num[1] is None:
                continue
            code = None if label == "PERCENT" else _SYMBOLS.get(raw, "USD")
            unit = (self.toks[i][0], self.toks[i][1]) if code else (None, None)
            low = num[1]
            mention = NumberMention(self.toks[i][0], self.toks[end - 1][1], self.text[self.toks[i][0]:
                                    self.toks[end - 1][1]], _plain(low), _plain(low), False, False,
                                    self.top_scale(i + 1, num[0]), label, code, unit[0], unit[1], value)
            return mention, end
        return None

    def with_tail(self, start: int, end: int, low: Decimal | None, high: Decimal | None, vague: bool, words: bool,
                  scale: int) -> tuple[NumberMention, int]:
        """The mention with its percent, currency or measure-unit tail after token ``end``."""
        label = code = value = None
        stop, unit = end, (None, None)
        if not vague and low is not None:
            p = self.percent_tail(end)
            if p is not None:
                label, stop, value = "PERCENT", p, _fmt(low)
        if label is None:
            cur = self.currency_tail(end, vague)
            if cur is not None:
                label, stop, code = "MONEY", cur[0], cur[1]
                first = end + 1 if self.norm(end) == "من" else end
                unit = (self.toks[first][0], self.toks[stop - 1][1])
                if low is not None and not vague and code:
                    value = f"{_fmt(low)} {code}"
        if label is None:
            qty = self.unit_tail(end, vague)
            if qty is not None:
                label = "QUANTITY"
                first = end + 1 if self.norm(end) == "من" else end
                unit = (self.toks[first][0], self.toks[qty[0] - 1][1])
                if low is not None and not vague:
                    value = f"{_fmt(low)} {qty[1]}"
        last = stop if label in ("PERCENT", "MONEY") else end
        stop_char = max(self.toks[last - 1][1], start)  # never an empty or reversed span
        mention = NumberMention(start, stop_char, self.text[start:stop_char], _plain(low), _plain(high), vague, words,
                                scale, label, code, unit[0], unit[1], value)
        return mention, max(last, end)
