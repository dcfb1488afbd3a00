"""The word tables of the expression scanner: numbers, scales, currencies, units, months, weekdays and time
words, compared in one normalized form (:func:`_n`)."""

from __future__ import annotations

from decimal import Decimal
from functools import cache, lru_cache

# --------------------------------------------------------------------------------------------- normalization

_MARK_RANGES = ((0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED), (0x0640, 0x0640))
_MARKS = frozenset(chr(c) for lo, hi in _MARK_RANGES for c in range(lo, hi + 1))
_NORM_TABLE: dict[int, str | None] = {ord(ch): None for ch in _MARKS}
_NORM_TABLE.update({ord(a): b for a, b in zip("أإآٱىةکیۀہ", "اااايهكيهه", strict=True)})
_DIGIT_TABLE = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789._")


@cache
def _n(word: str) -> str:
    """Normalized form of an Arabic word (for the lexicons below and for the literals in the matchers)."""
    return word.translate(_NORM_TABLE)


def _nset(words: str) -> frozenset[str]:
    return frozenset(_n(w) for w in words.split())


def _nmap(pairs: dict[str, object]) -> dict:
    return {_n(k): v for k, v in pairs.items()}


@lru_cache(maxsize=1 << 17)
def _norm_word(raw: str) -> str:
    return raw.translate(_NORM_TABLE)


@lru_cache(maxsize=1 << 17)
def _readings(raw: str) -> tuple[tuple[int, str], ...]:
    """(offset into ``raw``, normalized word) for ``raw`` and for it without a leading proclitic."""
    bare = _norm_word(raw)
    if len(bare) < 3:
        return ((0, bare),) if bare else ()
    out = [(0, bare)]
    first = bare[0]
    if first not in "وفبلك":
        return tuple(out)
    idx = range(len(raw)) if len(bare) == len(raw) else [k for k, ch in enumerate(raw) if ch not in _MARKS]

    def add(k: int, rest: str) -> None:
        if len(rest) >= 2:
            out.append((idx[k], rest))

    if first in "وف":
        rest = bare[1:]
        add(1, rest)
        if rest.startswith("لل") and len(rest) > 3:
            add(2, "ال" + rest[2:])
        elif rest[:1] in "بلك":
            add(2, rest[1:])
    elif bare.startswith("لل") and len(bare) > 3:
        add(1, "ال" + bare[2:])
    else:
        add(1, bare[1:])
    return tuple(out)


# ------------------------------------------------------------------------------------------------- lexicons

_SIGNS = frozenset("$€£¥%٪")
_UNIT_WORDS = _nmap(
    {"واحد": 1, "واحدة": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "اثنا": 2, "اثني": 2, "اثنتا": 2,
     "اثنتي": 2, "ثلاث": 3, "ثلاثة": 3, "أربع": 4, "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6, "سبع": 7,
     "سبعة": 7, "ثمان": 8, "ثماني": 8, "ثمانية": 8, "تسع": 9, "تسعة": 9}
)
_AHAD = _nset("أحد إحدى")
_TEN = _nset("عشر عشرة")
_TENS_WORDS = _nmap(
    {"عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "أربعون": 40, "أربعين": 40, "خمسون": 50, "خمسين": 50,
     "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70, "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90}
)
_HUNDRED = _nset("مئة مائة مية")
_HUNDREDS: dict[str, int] = {w: 100 for w in _HUNDRED}
_HUNDREDS.update({w: 200 for w in _nset("مئتان مئتين مئتا مئتي مائتان مائتين مائتا مائتي")})
for _stem, _v in (("ثلاث", 3), ("أربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7), ("ثمان", 8), ("ثماني", 8), ("تسع", 9)):
    for _h in ("مئة", "مائة"):
        _HUNDREDS[_n(_stem + _h)] = _v * 100

_K, _M, _G, _T = Decimal(1000), Decimal(10**6), Decimal(10**9), Decimal(10**12)
# normalized scale word -> (scale, multiplier, is a plural)
_SCALES: dict[str, tuple[Decimal, int, bool]] = {}
for _words, _scale, _mult, _plural in (
    ("ألف ألفا", _K, 1, False), ("آلاف ألوف", _K, 1, True), ("ألفان ألفين ألفي", _K, 2, False),
    ("مليون مليونا", _M, 1, False), ("ملايين", _M, 1, True), ("مليونان مليونين مليوني", _M, 2, False),
    ("مليار مليارا بليون بليونا", _G, 1, False), ("مليارات بلايين", _G, 1, True),
    ("ملياران مليارين ملياري", _G, 2, False),
    ("تريليون تريليونا ترليون تريلليون ترليونا", _T, 1, False), ("تريليونات ترليونات", _T, 1, True),
):
    for _w in _nset(_words):
        _SCALES[_w] = (_scale, _mult, _plural)
_DEF_SCALES = _nmap({"الآلاف": _K, "الألوف": _K, "الألف": _K, "الملايين": _M, "المليون": _M, "المليارات": _G,
                     "المليار": _G, "البلايين": _G})
_VAGUE = _nset("عشرات مئات العشرات المئات")
_FRACTIONS = _nmap({"نصف": Decimal("0.5"), "ربع": Decimal("0.25")})

# currency form -> (lemma, default code, definite plural)
_CURRENCY: dict[str, tuple[str, str | None, bool]] = {}
for _lemma, _code, _forms, _def in (
    ("دولار", "USD", "دولار دولارا دولارات", "الدولارات"),
    ("يورو", "EUR", "يورو", "اليورو اليوروهات"),
    ("جنيه", "EGP", "جنيه جنيها جنيهات", "الجنيهات"),
    ("ريال", "SAR", "ريال ريالا ريالات", "الريالات"),
    ("درهم", "AED", "درهم درهما دراهم", "الدراهم"),
    ("دينار", None, "دينار دينارا دنانير", "الدنانير"),
    ("ليرة", None, "ليرة ليرات", "الليرات"),
    ("روبل", "RUB", "روبل روبلا روبلات", "الروبلات"),
    ("ين", "JPY", "ين", ""),
    ("يوان", "CNY", "يوان", ""),
    ("روبية", "INR", "روبية روبيات", "الروبيات"),
    ("فرنك", None, "فرنك فرنكا فرنكات", "الفرنكات"),
    ("شيكل", "ILS", "شيكل شيكلا شيكلات شواكل", "الشواكل"),
    ("إسترليني", "GBP", "إسترليني استرليني إسترلينيا استرلينيا", ""),
):
    for _w in _nset(_forms):
        _CURRENCY[_w] = (_n(_lemma), _code, False)
    for _w in _nset(_def):
        _CURRENCY[_w] = (_n(_lemma), _code, True)
_CUR_ADJ: dict[tuple[str, str], str] = {}
for _lemma, _pairs in (
    ("دولار", "أمريكي:USD أميركي:USD امريكي:USD كندي:CAD أسترالي:AUD استرالي:AUD سنغافوري:SGD نيوزيلندي:NZD"),
    ("جنيه", "مصري:EGP إسترليني:GBP استرليني:GBP سوداني:SDG"),
    ("ريال", "سعودي:SAR قطري:QAR عماني:OMR يمني:YER إيراني:IRR برازيلي:BRL"),
    ("درهم", "إماراتي:AED اماراتي:AED مغربي:MAD"),
    ("دينار", "كويتي:KWD أردني:JOD اردني:JOD عراقي:IQD بحريني:BHD تونسي:TND ليبي:LYD جزائري:DZD"),
    ("ليرة", "تركي:TRY سوري:SYP لبناني:LBP"),
    ("فرنك", "سويسري:CHF"),
    ("روبية", "هندي:INR باكستاني:PKR"),
):
    for _pair in _pairs.split():
        _adj, _code = _pair.split(":")
        _CUR_ADJ[(_n(_lemma), _n(_adj))] = _code
        _CUR_ADJ[(_n(_lemma), _n(_adj) + "ه")] = _code
_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_CODES = frozenset(["USD", "EUR", "GBP", "SAR", "AED", "EGP", "KWD", "QAR", "JOD", "JPY", "CNY", "CHF", "TRY"])

# unit form -> (code, definite plural)
_UNITS: dict[str, tuple[str, bool]] = {}
for _code, _forms, _def in (
    ("km", "كيلومتر كيلومترا كيلومترات كلم كم", "الكيلومترات"),
    ("m", "متر مترا أمتار مترات", "الأمتار"),
    ("cm", "سنتيمتر سنتيمترا سنتيمترات سنتم سم", ""),
    ("mm", "مليمتر مليمترا مليمترات ملم", ""),
    ("mi", "ميل ميلا أميال", "الأميال"),
    ("kg", "كيلوغرام كيلوغراما كيلوغرامات كيلوجرام كيلوجراما كيلوجرامات كغ كلغ كجم كيلو", "الكيلوغرامات"),
    ("g", "غرام غراما غرامات جرام جراما جرامات", ""),
    ("t", "طن طنا أطنان", "الأطنان"),
    ("l", "لتر لترا لترات ليتر ليترا ليترات", "اللترات"),
    ("bbl", "برميل برميلا براميل", "البراميل"),
    ("MW", "ميغاواط ميغاوات ميجاوات ميجاواط", ""),
    ("kW", "كيلوواط كيلووات", ""),
    ("GW", "غيغاواط غيغاوات جيجاوات جيجاواط", ""),
    ("deg", "درجة درجات", ""),
    ("ha", "هكتار هكتارا هكتارات", "الهكتارات"),
    ("feddan", "فدان فدانا أفدنة", "الأفدنة"),
    ("ft", "قدم أقدام", ""),
    ("in", "بوصة بوصات إنش", ""),
    ("MB", "ميغابايت ميجابايت", ""),
    ("GB", "غيغابايت جيجابايت", ""),
    ("TB", "تيرابايت", ""),
):
    for _w in _nset(_forms):
        _UNITS[_w] = (_code, False)
    for _w in _nset(_def):
        _UNITS[_w] = (_code, True)
_KILO_PARTS = _nmap({"متر": "km", "مترا": "km", "مترات": "km", "غرام": "kg", "غراما": "kg", "جرام": "kg"})
_SQUARE, _CUBE = _nset("مربع مربعا مربعة"), _nset("مكعب مكعبا مكعبة")
_PER_DAY = _nset("يوميا باليوم")
_PERCENT_WORDS = _nset("بالمئة بالمائة بالمية")
_HUNDRED_DEF = _nset("المئة المائة المية")

_GMONTHS: dict[str, tuple[int, bool]] = {}
for _m, _forms in enumerate(
    ("يناير جانفي", "فبراير فيفري شباط", "آذار", "أبريل إبريل افريل أفريل نيسان:", "مايو أيار ماي:",
     "يونيو يونيه جوان حزيران", "يوليو يوليه جويلية تموز", "أغسطس آب: أوت:", "سبتمبر أيلول", "أكتوبر",
     "نوفمبر", "ديسمبر"),
    start=1,
):
    for _w in _forms.split():
        _GMONTHS[_n(_w.rstrip(":"))] = (_m, _w.endswith(":"))
_GMONTHS[_n("مارس")] = (3, True)
_GMONTH2 = {_n("كانون"): {"الثاني": 1, "ثاني": 1, "الاول": 12, "اول": 12},
            _n("تشرين"): {"الاول": 10, "اول": 10, "الثاني": 11, "ثاني": 11}}
# Hijri month -> (number, ambiguity: 0 none, 1 needs a day or year, 2 needs a year)
_HMONTHS = _nmap({"محرم": (1, 1), "صفر": (2, 2), "رجب": (7, 1), "شعبان": (8, 0), "رمضان": (9, 0), "شوال": (10, 0)})
_HMONTH2 = {
    _n("ربيع"): _nmap({"الأول": 3, "أول": 3, "الآخر": 4, "الثاني": 4}),
    _n("جمادى"): _nmap({"الأولى": 5, "الأول": 5, "الآخرة": 6, "الآخر": 6, "الثانية": 6}),
    _n("ذو"): _nmap({"القعدة": 11, "الحجة": 12}),
    _n("ذي"): _nmap({"القعدة": 11, "الحجة": 12}),
}
_YEAR_SUFFIX = _nmap({"م": "g", "ميلادي": "g", "ميلادية": "g", "للميلاد": "g",
                      "هـ": "h", "ه": "h", "هجري": "h", "هجرية": "h", "للهجرة": "h"})
_YEAR_WORDS = _nset("عام العام سنة السنة")
_YEAR_PREPS = _nset("في منذ حتى قبل بعد خلال بحلول")
_MONTH_CONTEXT = _nset("في شهر منذ حتى خلال مطلع أوائل أواخر منتصف نهاية بداية قبل بعد أواسط مستهل")
_WEEKDAYS = _nset("السبت الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة")
_NOT_MONDAY = _nset("بين كلا هذين لهذين")
_NOT_TODAY = _nset("روسيا في")
_COMPASS = _nset("شرق غرب وسط شمال جنوب")
_PERIOD_NOUNS = _nset(
    "الأسبوع الشهر العام السنة الأسابيع الأشهر الشهور الأعوام السنوات السنين الأيام العقد العقود القرن الصيف "
    "الشتاء الربيع الخريف الموسم الأسبوعين الشهرين العامين السنتين اليومين العقدين"
)
_REL = _nset(
    "الماضي الماضية الماضيين الماضيتين المقبل المقبلة المقبلين المقبلتين القادم القادمة القادمين القادمتين "
    "الحالي الحالية الجاري الجارية المنصرم المنصرمة الفائت الفائتة السابق السابقة الأخير الأخيرة الأخيرين "
    "المنقضي المنقضية"
)
_PREFIXES = _nset("مطلع مستهل أوائل أواخر منتصف أواسط نهاية بداية")
_DECADE_STEMS = ("عشرين", "ثلاثين", "أربعين", "خمسين", "ستين", "سبعين", "ثمانين", "تسعين")
_DECADES = frozenset(_n(s + e) for s in _DECADE_STEMS for e in ("يات", "ات"))
_CENTURY_ADJ = _nset("الماضي المنصرم العشرين الحالي")
_DATE_PARTS = _nset("صباح مساء عصر فجر ليل ليلة ضحى صبيحة")
_NOON = _nset("ظهر ظهيرة")
_DAYREF_WORDS = _nset("اليوم أمس الأمس غد")
_ORD_HOURS = _nmap({"الواحدة": 1, "الأولى": 1, "الثانية": 2, "الثالثة": 3, "الرابعة": 4, "الخامسة": 5,
                    "السادسة": 6, "السابعة": 7, "الثامنة": 8, "التاسعة": 9, "العاشرة": 10, "الحادية": 11})
_PERIOD_ADV = _nmap({"صباحا": "am", "مساء": "pm", "مساءا": "pm", "ظهرا": "noon", "عصرا": "pm", "ليلا": "night",
                     "فجرا": "am", "ضحى": "am"})
_PERIOD_CONSTRUCT = _nmap({"صباح": "am", "مساء": "pm", "عصر": "pm", "ظهر": "noon", "فجر": "am", "ليل": "night",
                           "ليلة": "night"})
_CLOCK_ABBR = {"ص": "am", "م": "pm"}
_ORD_DAYS = _nmap({"الأول": 1, "الحادي": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5, "السادس": 6,
                   "السابع": 7, "الثامن": 8, "التاسع": 9, "العاشر": 10})
_ORD_TENS = _nmap({"العشرين": 20, "الثلاثين": 30})
_MINUTE_WORDS = _nmap({"والنصف": 30, "والربع": 15, "والثلث": 20})
_MINUTES_BEFORE = _nmap({"ربعا": 15, "ربع": 15, "الربع": 15, "ثلثا": 20, "ثلث": 20, "الثلث": 20})
_MINUTE_UNITS = _nset("دقيقة دقائق دقيقه")
_PUNCT = frozenset(".,،؛;:!?)]}»\"”'…-–—؟")

#: vague quantity words -> (low, high) before any scale: عشرات 20–99, مئات 200–999, بضعة/عدة 3–9
_VAGUE_RANGE = _nmap({"عشرات": (20, 99), "مئات": (200, 999), "العشرات": (20, 99), "المئات": (200, 999)})
_FEW = _nmap({"بضع": (3, 9), "بضعة": (3, 9), "عدة": (3, 9)})
_ALAF, _MIYA = _n("آلاف"), _n("مية")
_FEW_FORMS: dict[str, tuple[int, str]] = {}  # the form as written (proclitic included) -> (offset, bare form)
for _w in _FEW:
    for _pre in ("", "و", "ف", "ب", "ل", "وب", "ول", "فب"):
        _FEW_FORMS[_pre + _w] = (len(_pre), _w)
_NUMBER_START = (
    set(_UNIT_WORDS) | _AHAD | _TEN | set(_TENS_WORDS) | set(_HUNDREDS) | set(_SCALES) | _VAGUE | set(_FRACTIONS)
)
_TRIGGERS = frozenset(
    _NUMBER_START | set(_GMONTHS) | set(_GMONTH2) | set(_HMONTHS) | set(_HMONTH2) | _WEEKDAYS | _YEAR_WORDS
    | _YEAR_PREPS | _PERIOD_NOUNS | _PREFIXES | _DECADES | {"ال" + d for d in _DECADES} | _DATE_PARTS | _NOON
    | set(_ORD_HOURS) | set(_ORD_DAYS) | set(_ORD_TENS)
    | _nset("يوم أمس الأمس اليوم غدا بعد أول هذا هذه شهر عامي منتصف الساعة ال")
    | _nset("بضع بضعة عدة")  # no matcher: listed so that :func:`find_numbers` visits them
)

_WEEKDAY_START = _WEEKDAYS | {_n("يوم")}
_MONTH_START = frozenset(set(_GMONTHS) | set(_GMONTH2) | set(_HMONTHS) | set(_HMONTH2))
_YEARW_START = _YEAR_WORDS | {_n("عامي")}
_REL_START = _PERIOD_NOUNS | _DECADES | {"ال" + d for d in _DECADES} | _nset("أمس الأمس اليوم غدا يوم بعد أول هذا هذه")
_TIME_START = _nset("الساعة منتصف") | set(_ORD_HOURS) | _NOON | _DATE_PARTS
_SHAHR = _n("شهر")
_AFTER_NUMBER = frozenset(
    set(_SCALES) | set(_CURRENCY) | set(_UNITS) | _PERCENT_WORDS | _SIGNS | _nset("في كيلو نقطة نقاط")
)
_AFTER_HOUR = frozenset(set(_PERIOD_ADV) | set(_PERIOD_CONSTRUCT) | set(_CLOCK_ABBR) | _nset("من بعد إلا"))
_SCALE_WORDS, _TOMORROW, _NOON_DEF, _NIGHT_DEF = _nset("مقياس سلم"), _nset("غد الغد"), _nset("الظهر الظهيرة"), _nset(
    "الليل الليلة"
)


@lru_cache(maxsize=1 << 17)
def _trigger_readings(raw: str) -> tuple[tuple[int, str], ...]:
    """The readings of an Arabic word that can start an expression (usually none)."""
    return tuple(r for r in _readings(raw) if r[1] in _TRIGGERS)
