"""Normalize a DATE expression to an ISO date, relative to the article's publication date.

:func:`resolve_date` takes the expression as written and the value :mod:`khabar.expressions` gave it
(``span._.value``: ``"2015-07-14"``, ``"2015-07"``, ``"2015"`` or None) and returns, most precise first:

* an absolute value as it is (``"2015-07-14"``, ``"2015-07"``, ``"2015"``); a day and month without a year
  (``14 يوليو``) take the year that puts them nearest the publication date;
* ``اليوم``، ``الليلة``، ``هذا الصباح``، ``مساء اليوم`` → the publication date; ``أمس``، ``البارحة``،
  ``ليلة أمس``، ``الليلة الماضية`` → the day before; ``أول أمس`` → two days before; ``غدا`` → the day after,
  ``بعد غد`` → two days after;
* a weekday (``الأحد``، ``يوم الأحد``) → the most recent such day on or before the publication date;
  ``الأحد الماضي`` → the most recent one strictly before; ``الأحد المقبل``/``القادم`` → the next one after;
* ``الشهر الماضي``/``الجاري``/``المقبل`` and ``مطلع``/``نهاية``/``أواخر`` … of them → ``YYYY-MM`` (month
  precision); ``منتصف``/``أواسط الشهر الماضي`` → the 15th of that month (``YYYY-MM-15``), a choice: the
  middle of the month as a day; a month name with ``الماضي``/``المقبل`` (``مارس الماضي``) → ``YYYY-MM``;
* a month name alone (``في أكتوبر``) → the most recent such month on or before the publication date;
* ``العام الماضي``/``الجاري``/``المقبل`` (``السنة``) → ``YYYY``;
* ``الأسبوع الماضي``/``الجاري``/``المقبل`` → the ISO week, ``YYYY-Www`` (ISO 8601 week precision);
* None when the expression cannot be placed (no publication date for a relative one, Hijri dates, decades).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from khabar.dates import parse_date
from khabar.facts.lexicon import bare, fold, folded

__all__ = ["parse_published", "resolve_date"]

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u0640\u064b-\u065f]+|\d+|[٠-٩]+")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")

_WEEKDAYS = {fold(w): i for i, words in enumerate(
    ("الاثنين الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")) for w in words.split()}
_PAST = folded("الماضي الماضية المنصرم المنصرمة الفائت الفائتة السابق السابقة المنقضي")
_NEXT = folded("المقبل المقبلة القادم القادمة")
_THIS = folded("الجاري الجارية الحالي الحالية هذا هذه")
_MID = folded("منتصف أواسط")
_TODAY = folded("اليوم الليلة الصباح")
_YESTERDAY = folded("أمس الأمس البارحة")
_TOMORROW = folded("غدا الغد غد")
_MONTHS: dict[str, int] = {}
for _m, _forms in enumerate(
    ("يناير جانفي كانون_الثاني", "فبراير فيفري شباط", "مارس آذار", "أبريل إبريل افريل أفريل نيسان", "مايو أيار ماي",
     "يونيو يونيه جوان حزيران", "يوليو يوليه جويلية تموز", "أغسطس آب أوت", "سبتمبر أيلول",
     "أكتوبر تشرين_الأول", "نوفمبر تشرين_الثاني", "ديسمبر كانون_الأول"), start=1):
    for _w in _forms.split():
        _MONTHS[fold(_w).replace("_", " ")] = _m
_HIJRI = folded("محرم صفر ربيع جمادى رجب شعبان رمضان شوال القعدة الحجة هـ هجري هجرية للهجرة")


def parse_published(published: object) -> date | None:
    """A publication date from a ``date``/``datetime`` or a string (:func:`khabar.dates.parse_date`); else None.

    >>> parse_published("2018-06-28"), parse_published("Thu, 28 Jun 2018 17:29:14 +0400")
    (datetime.date(2018, 6, 28), datetime.date(2018, 6, 28))
    >>> parse_published("soon") is None
    True
    """
    return parse_date(published)


def _month_shift(year: int, month: int, by: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + by
    return k // 12, k % 12 + 1


def _weekday(words: list[str], pub: date) -> date | None:
    for i, w in enumerate(words):
        day = _WEEKDAYS.get(w)
        if day is None:
            continue
        rest = set(words[i + 1:i + 2])
        back = (pub.weekday() - day) % 7
        if rest & _NEXT:
            return pub + timedelta(days=(day - pub.weekday()) % 7 or 7)
        if rest & _PAST and back == 0:
            back = 7
        return pub - timedelta(days=back)
    return None


def _valid_iso(value: str) -> str | None:
    m = _ISO.match(value)
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        if day:
            date(int(year), int(month), int(day))
        elif month and not 1 <= int(month) <= 12:
            return None
    except ValueError:
        return None
    return value


def resolve_date(text: str, value: str | None, published: object = None) -> str | None:
    """The ISO date (or ``YYYY-MM``, ``YYYY``, ``YYYY-Www``) a DATE expression names, or None.

    ``value`` is the expression's normalized value when it has one; ``published`` the publication date
    (``datetime.date``, ISO string, RFC 2822 string or None).

    >>> resolve_date("أمس الأحد", None, "2018-06-25")
    '2018-06-24'
    >>> resolve_date("منتصف الشهر الماضي", None, "2018-06-25"), resolve_date("العام الماضي", None, "2018-06-25")
    ('2018-05-15', '2017')
    >>> resolve_date("14 يوليو 2015", "2015-07-14", None), resolve_date("أمس", None, None)
    ('2015-07-14', None)
    """
    try:
        return _resolve(text if isinstance(text, str) else "", value if isinstance(value, str) else None,
                        parse_published(published))
    except (ValueError, OverflowError):  # a date out of range: nothing to say
        return None


def _resolve(text: str, value: str | None, pub: date | None) -> str | None:
    if value:
        found = _valid_iso(value.strip())
        if found:
            return found
    raw = [fold(w).translate(_DIGITS) for w in _WORD.findall(text[:200])]
    words = [_strip_clitic(w) for w in raw]
    if not words or any(w in _HIJRI for w in words):
        return None
    joined = " ".join(words)
    month = _month_name(joined)
    day = next((int(w) for w in words if w.isdigit() and len(w) <= 2 and 1 <= int(w) <= 31), None)
    year = next((int(w) for w in words if w.isdigit() and len(w) == 4 and 1000 <= int(w) <= 2100), None)
    if month and year:
        return (_valid_iso(f"{year:04d}-{month:02d}-{day:02d}") if day else f"{year:04d}-{month:02d}")
    if pub is None:
        return None
    if month and day:
        best = min((date(y, month, day) for y in (pub.year - 1, pub.year, pub.year + 1) if _day_ok(y, month, day)),
                   key=lambda d: abs((d - pub).days), default=None)
        return best.isoformat() if best else None
    if "اول امس" in joined or "اول من امس" in joined:
        return (pub - timedelta(days=2)).isoformat()
    if "بعد غد" in joined:
        return (pub + timedelta(days=2)).isoformat()
    if any(w in _YESTERDAY for w in words) or ("الليله" in words and any(w in _PAST for w in words)):
        return (pub - timedelta(days=1)).isoformat()
    if any(w in _TOMORROW for w in words):
        return (pub + timedelta(days=1)).isoformat()
    found = _weekday(words, pub)
    if found is not None:
        return found.isoformat()
    if any(w in _TODAY for w in words):
        return pub.isoformat()
    shift = -1 if any(w in _PAST for w in words) else 1 if any(w in _NEXT for w in words) else \
        0 if any(w in _THIS for w in words) else None
    if month and shift is not None:
        y = pub.year + (shift if (shift < 0 and month >= pub.month) or (shift > 0 and month <= pub.month) else 0)
        return f"{y:04d}-{month:02d}"
    if month and not any(w in ("شهر", "عام", "سنه", "اسبوع") for w in words):
        # a month name alone: the most recent such month on or before publication (news reports the past)
        return f"{pub.year - (month > pub.month):04d}-{month:02d}"
    if shift is None:
        return None
    if "شهر" in words:
        y, m = _month_shift(pub.year, pub.month, shift)
        return f"{y:04d}-{m:02d}-15" if any(w in _MID for w in words) else f"{y:04d}-{m:02d}"
    if "عام" in words or "سنه" in words:
        return f"{pub.year + shift:04d}"
    if "اسبوع" in words:
        iso = (pub + timedelta(days=7 * shift)).isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    return None


def _strip_clitic(w: str) -> str:
    """``وأمس`` → ``امس``, ``بالأمس`` → ``الامس``; nouns lose their article (``الشهر`` → ``شهر``)."""
    if w in _YESTERDAY or w in _WEEKDAYS or w in _PAST or w in _NEXT or w in _THIS:
        return w
    if len(w) > 3 and w[0] in "وفب" and (w[1:] in _YESTERDAY or w[1:] in _WEEKDAYS or w[1:] in _TODAY):
        return w[1:]
    if w in ("الشهر", "العام", "السنه", "الاسبوع"):
        return bare(w)
    return w


def _month_name(joined: str) -> int | None:
    for name, m in _MONTHS.items():
        if " " in name and name in joined:
            return m
    for w in joined.split():
        if w in _MONTHS:
            return _MONTHS[w]
    return None


def _day_ok(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True
