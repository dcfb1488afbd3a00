"""Dates, times, money, percentages and quantities (khabar.expressions).

The sentences are written for these tests in the style of Arabic news; none is copied from an article.
"""

from __future__ import annotations

import random
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khabar.expressions import LABELS, Expression, find_expressions


def found(text: str) -> list[tuple[str, str, str | None]]:
    return [(e.label, e.text, e.value) for e in find_expressions(text)]


CASES = [
    # --- DATE
    ("وقّع الطرفان الاتفاق في 14 يوليو 2015 في فيينا", [("DATE", "14 يوليو 2015", "2015-07-14")]),
    ("صدر القرار بتاريخ 14/7/2015 عن المحكمة", [("DATE", "14/7/2015", "2015-07-14")]),
    ("نشرت الوزارة البيان في 2015-07-14 على موقعها", [("DATE", "2015-07-14", "2015-07-14")]),
    ("تأسست الشركة عام 1998 في دبي", [("DATE", "عام 1998", "1998")]),
    ("ارتفعت الصادرات خلال العام 2017 بشكل ملحوظ", [("DATE", "العام 2017", "2017")]),
    ("تراجعت الأسعار في سنة 2009 بسبب الأزمة", [("DATE", "سنة 2009", "2009")]),
    ("بدأت الأزمة في 2011.", [("DATE", "2011", "2011")]),
    ("التقى الرئيسان في كانون الثاني 2016 في بيروت", [("DATE", "كانون الثاني 2016", "2016-01")]),
    ("جرت الانتخابات في 7 أيار/مايو 2018 وسط إقبال ضعيف", [("DATE", "7 أيار/مايو 2018", "2018-05-07")]),
    ("تعقد القمة في يوليو/تموز المقبل في الرياض", [("DATE", "يوليو/تموز المقبل", None)]),
    ("وصل الوفد يوم الخميس الماضي إلى القاهرة", [("DATE", "يوم الخميس الماضي", None)]),
    ("أعلنت الحكومة الأحد، 5 مارس 2017، حزمة إجراءات", [("DATE", "الأحد، 5 مارس 2017", "2017-03-05")]),
    ("قال المتحدث أمس إن المفاوضات مستمرة", [("DATE", "أمس", None)]),
    ("تستأنف الجلسات غدا الأربعاء في جنيف", [("DATE", "غدا الأربعاء", None)]),
    ("قتل ثلاثة جنود الأسبوع الماضي في هجوم", [("DATE", "الأسبوع الماضي", None)]),
    ("يتوقع أن يرتفع النمو العام المقبل", [("DATE", "العام المقبل", None)]),
    ("يحل شهر رمضان في 15 رمضان 1436 هـ", [("DATE", "15 رمضان 1436 هـ", None)]),
    ("وصلت الطائرة مساء أمس إلى مطار جدة", [("DATE", "مساء أمس", None)]),
    ("انتشرت الظاهرة في الثمانينيات من القرن الماضي", [("DATE", "الثمانينيات من القرن الماضي", None)]),
    ("تذكر العالم هجمات الحادي عشر من سبتمبر 2001", [("DATE", "الحادي عشر من سبتمبر 2001", "2001-09-11")]),
    ("أطلق المشروع مطلع العام الجاري بدعم حكومي", [("DATE", "مطلع العام الجاري", None)]),
    # --- TIME
    ("يبدأ الحظر الساعة الثالثة عصرا بتوقيت مكة المكرمة",
     [("TIME", "الساعة الثالثة عصرا بتوقيت مكة المكرمة", "15:00")]),
    ("انطلقت المباراة في الساعة 10:30 صباحا", [("TIME", "الساعة 10:30 صباحا", "10:30")]),
    ("وقع الانفجار 21:15 بتوقيت غرينتش قرب الميناء", [("TIME", "21:15 بتوقيت غرينتش", "21:15")]),
    ("تغلق المحلات العاشرة والنصف ليلا", [("TIME", "العاشرة والنصف ليلا", "22:30")]),
    ("خرجت مسيرات ظهر اليوم في المدينة", [("TIME", "ظهر اليوم", "12:00")]),
    ("يسري حظر التجول من منتصف الليل", [("TIME", "منتصف الليل", "00:00")]),
    ("سقطت القذيفة الساعة الثامنة من مساء الخميس", [("TIME", "الساعة الثامنة من مساء الخميس", "20:00")]),
    # --- MONEY
    ("خصص البنك 5 ملايين دولار للمشروع", [("MONEY", "5 ملايين دولار", "5000000 USD")]),
    ("بلغت قيمة الصفقة مليار دولار", [("MONEY", "مليار دولار", "1000000000 USD")]),
    ("رصدت الحكومة ثلاثة مليارات يورو لدعم المزارعين", [("MONEY", "ثلاثة مليارات يورو", "3000000000 EUR")]),
    ("سجلت الشركة أرباحا بلغت 1.5 مليار ريال سعودي", [("MONEY", "1.5 مليار ريال سعودي", "1500000000 SAR")]),
    ("تبرع رجل الأعمال بخمسة وعشرين ألف دولار", [("MONEY", "خمسة وعشرين ألف دولار", "25000 USD")]),
    ("ارتفع سعر الأوقية إلى $1200 في التعاملات", [("MONEY", "$1200", "1200 USD")]),
    ("بيعت اللوحة بمبلغ 4 ملايين جنيه إسترليني", [("MONEY", "4 ملايين جنيه إسترليني", "4000000 GBP")]),
    ("تكلف المشروع مئات الملايين من الدولارات", [("MONEY", "مئات الملايين من الدولارات", None)]),
    ("قدم القرض بقيمة 2 مليون و500 ألف دينار كويتي", [("MONEY", "2 مليون و500 ألف دينار كويتي", "2500000 KWD")]),
    # --- PERCENT
    ("نما الاقتصاد 3.5 في المئة خلال الربع الأول", [("PERCENT", "3.5 في المئة", "3.5")]),
    ("تراجعت البطالة إلى 5% في المدن", [("PERCENT", "5%", "5")]),
    ("ارتفع التضخم بنسبة ٪7 الشهر الماضي", [("PERCENT", "٪7", "7"), ("DATE", "الشهر الماضي", None)]),
    ("زادت المبيعات خمسة بالمئة مقارنة بالعام السابق",
     [("PERCENT", "خمسة بالمئة", "5"), ("DATE", "العام السابق", None)]),
    ("انخفض المؤشر 2,5 بالمائة", [("PERCENT", "2,5 بالمائة", "2.5")]),
    # --- QUANTITY
    ("يمتد الخط مسافة 200 كيلومتر عبر الصحراء", [("QUANTITY", "200 كيلومتر", "200 km")]),
    ("ينتج الحقل 1.5 مليون برميل يوميا", [("QUANTITY", "1.5 مليون برميل يوميا", "1500000 bbl/d")]),
    ("سجلت الحرارة 48 درجة مئوية في البصرة", [("QUANTITY", "48 درجة مئوية", "48 °C")]),
    ("ضرب زلزال بقوة 6.2 درجة على مقياس ريختر", [("QUANTITY", "6.2 درجة على مقياس ريختر", "6.2 Richter")]),
    ("صادرت السلطات ثلاثة أطنان من المخدرات", [("QUANTITY", "ثلاثة أطنان", "3 t")]),
    ("تبلغ قدرة المحطة 500 ميغاواط", [("QUANTITY", "500 ميغاواط", "500 MW")]),
    # --- Arabic-Indic and Persian digits
    ("أعلنت الوزارة في ١٤ يوليو ٢٠١٥ إنفاق ٣٫٥ مليار دولار",
     [("DATE", "١٤ يوليو ٢٠١٥", "2015-07-14"), ("MONEY", "٣٫٥ مليار دولار", "3500000000 USD")]),
    ("بلغ العجز ۱۲ في المئة", [("PERCENT", "۱۲ في المئة", "12")]),
    ("قدرت الخسائر بـ١٬٢٠٠ دولار", [("MONEY", "١٬٢٠٠ دولار", "1200 USD")]),
    # --- negatives: nothing to find
    ("اتصلوا على الرقم 0123456789 أو +966 50 123 4567", []),
    ("تابعوا التغطية على www.example.com/2015/07/14/news و#مصر2015 وCOVID19", []),
    ("فاز الفريق بنتيجة 3 صفر على ضيفه", []),
    ("استقبل رجب طيب أردوغان الوفد في أنقرة", []),
    ("وصل عدد المشاركين إلى 40 شخصا ونسبة 40 منهم نساء", []),
    ("أكد الرأي العام أن عام الرمادة لن يتكرر", []),
    ("احتفل العالم باليوم العالمي للمرأة وبثت روسيا اليوم تقريرا", []),
    ("مارس الضغط على الحكومة وسافر مع أب العائلة", []),
    ("أظهرت الأرقام نموا في شهر رمضان", []),
    ("بين الاثنين خلاف قديم", []),
    ("", []),
    ("The price rose 5% to $20 on 14/7/2015", [("PERCENT", "5%", "5"), ("MONEY", "$20", "20 USD"),
                                             ("DATE", "14/7/2015", "2015-07-14")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_cases(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert found(text) == expected


def test_clitic_is_outside_the_span() -> None:
    text = "وصل الوفد والخميس كان يوم عطلة"
    (expr,) = find_expressions(text)
    assert (expr.label, expr.text, expr.start) == ("DATE", "الخميس", text.index("والخميس") + 1)
    (expr,) = find_expressions("سلّم المبلغ بخمسة ملايين دولار")
    assert expr.text == "خمسة ملايين دولار"
    (expr,) = find_expressions("وقع ذلك وأمس أيضا")
    assert expr.text == "أمس"
    (expr,) = find_expressions("وفي الموازنة لعام 2016 عجز")
    assert expr.text == "عام 2016"


def test_diacritics_and_tatweel() -> None:
    assert found("وصلت الحرارة إلى 45 درجةً مئويةً مساءً") == [("QUANTITY", "45 درجةً مئويةً", "45 °C")]
    assert found("ارتفع 3 بالمـئة") == [("PERCENT", "3 بالمـئة", "3")]


def test_longest_match_wins_and_no_overlap() -> None:
    text = "يوم الخميس 14 يوليو 2015 الساعة 10:30 صباحا دفع 5 ملايين و300 ألف دولار"
    assert found(text) == [
        ("DATE", "يوم الخميس 14 يوليو 2015", "2015-07-14"),
        ("TIME", "الساعة 10:30 صباحا", "10:30"),
        ("MONEY", "5 ملايين و300 ألف دولار", "5300000 USD"),
    ]
    # "3 و5 ملايين" is a range, not 3 + 5 000 000
    assert found("بين 3 و5 ملايين دولار") == [("MONEY", "5 ملايين دولار", "5000000 USD")]


def test_time_beats_date_when_a_clock_time_is_present() -> None:
    assert found("مساء الخميس") == [("DATE", "مساء الخميس", None)]
    assert found("الساعة التاسعة مساء الخميس") == [("TIME", "الساعة التاسعة مساء الخميس", "21:00")]


def test_hijri_months_need_a_day_or_year() -> None:
    assert found("في رمضان") == []
    assert found("3 صفر") == []
    assert found("3 صفر 1437 هـ") == [("DATE", "3 صفر 1437 هـ", None)]
    assert found("27 رجب") == [("DATE", "27 رجب", None)]


def test_odd_input_does_not_raise() -> None:
    for text in ["😀" * 50, "\x00\ufffd", "٪", "%", "$", "US$", "و", "ال", "الـ", "1/2/", "99:99", "32/13/2015",
                 "ـــ", " \n\t ", "a" * 1000, "٣" * 1000, "0.0.0.0", "١٬", "5 ملايين و", "الساعة", "بتوقيت"]:
        for expr in find_expressions(text):
            assert text[expr.start : expr.end] == expr.text


def test_expression_is_frozen() -> None:
    expr = find_expressions("5%")[0]
    assert expr == Expression(0, 2, "PERCENT", "5%", "5")
    with pytest.raises(AttributeError):
        expr.start = 1  # type: ignore[misc]


ARABIC = st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويىةأإآؤئء"))
PIECES = st.sampled_from(
    ["5", "١٤", "2015", "3.5", "٣٫٥", "10:30", "14/7/2015", "%", "٪", "$", "€", "US$", " ", "  ", "\n", "،", ".", "/",
     "-", "(", ")", "و", "ال", "الـ", "ب", "يوليو", "تموز", "كانون", "الثاني", "رمضان", "صفر", "رجب", "هـ", "م", "عام",
     "العام", "في", "من", "الخميس", "يوم", "أمس", "اليوم", "غدا", "الماضي", "الساعة", "الثالثة", "عشرة", "عصرا",
     "صباحا", "بتوقيت", "غرينتش", "خمسة", "وعشرين", "ثلاث", "مئة", "ألف", "مليون", "مليار", "ملايين", "دولار",
     "الدولارات", "يورو", "ريال", "سعودي", "المئة", "بالمئة", "كيلومتر", "برميل", "يوميا", "درجة", "مئوية", "ونصف",
     "مساء", "منتصف", "الليل", "😀", "abc", "#", "@", "+", "http://x.y/1", "ـ", "\u064b", "\x00"]
)
TEXT = st.lists(st.one_of(PIECES, ARABIC, st.text(max_size=3)), max_size=80).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_any_text_gives_valid_sorted_spans(text: str) -> None:
    exprs = find_expressions(text)
    last_end = 0
    for expr in exprs:
        assert 0 <= expr.start < expr.end <= len(text)
        assert expr.start >= last_end
        assert text[expr.start : expr.end] == expr.text
        assert expr.label in LABELS
        assert expr.value is None or isinstance(expr.value, str)
        last_end = expr.end


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_unicode_text(text: str) -> None:
    for expr in find_expressions(text):
        assert text[expr.start : expr.end] == expr.text


def test_large_text_is_fast() -> None:
    rng = random.Random(7)
    sentences = [text for text, _ in CASES if text]
    text = "\n".join(rng.choice(sentences) for _ in range(20_000))[:1_000_000]
    started = time.process_time()
    exprs = find_expressions(text)
    elapsed = time.process_time() - started
    assert len(exprs) > 10_000
    assert elapsed < 5.0  # about 0.5 s on a laptop; generous for loaded CI machines
