"""khabar.facts: counted numbers, events, datelines and date resolution.

Every sentence below is written for these tests in the style of Arabic news; none is copied from an article.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import khabar
from khabar.expressions import find_numbers
from khabar.facts import EVENT_TYPES, EVENTS, Event, Fact, find_dateline, find_events, find_facts, resolve_date


def facts(text: str) -> list[Fact]:
    doc = khabar.analyze(text)
    found = find_facts(doc)
    for f in found:  # offsets always point into the repaired text
        assert doc.text[f.start:f.end] == f.surface
        if f.unit is not None:
            assert doc.text[f.unit.start:f.unit.end] == f.unit.text
        assert f.event in EVENTS
        json.dumps(f.to_dict(), ensure_ascii=False)
    assert [f.start for f in found] == sorted(f.start for f in found)
    return found


def one(text: str) -> Fact:
    found = facts(text)
    assert len(found) == 1, [(f.surface, f.event) for f in found]
    return found[0]


def events(text: str, published: object = None) -> list[Event]:
    doc = khabar.analyze(text)
    found = find_events(doc, find_facts(doc), published=published)
    for e in found:
        assert e.type in EVENT_TYPES
        json.dumps(e.to_dict(), ensure_ascii=False)
        if e.trigger is not None:
            assert doc.text[e.trigger.start:e.trigger.end] == e.trigger.text
        for a in e.actors:
            assert doc.text[a.start:a.end] == a.text
    return found


# --------------------------------------------------------------------------------------------- event labels


@pytest.mark.parametrize(("text", "surface", "event", "unit"), [
    ("قتل 12 شخصا في انفجار سيارة مفخخة وسط السوق.", "12", "killed", "شخصا"),
    ("أسفر الهجوم عن سقوط 7 قتلى بين صفوف المدنيين.", "7", "killed", "قتلى"),
    ("أعلنت وزارة الصحة ارتفاع حصيلة القتلى إلى 45 بعد الزلزال.", "45", "killed", "القتلى"),
    ("لقي 4 عمال حتفهم إثر انهيار مبنى قيد الإنشاء.", "4", "killed", "عمال"),
    ("أصيب 23 شخصا بجروح متفاوتة في حادث تصادم على الطريق السريع.", "23", "injured", "شخصا"),
    ("نقلت سيارات الإسعاف 15 جريحا إلى المستشفيات القريبة.", "15", "injured", "جريحا"),
    ("اعتقلت الشرطة 37 متظاهرا خلال مسيرة في وسط العاصمة.", "37", "arrested", "متظاهرا"),
    ("أوقفت السلطات 9 مشتبهين بتهريب الأسلحة عبر الحدود.", "9", "arrested", "مشتبهين"),
    ("نزح 3200 شخص من قراهم بسبب الفيضانات الأخيرة.", "3200", "displaced_or_evacuated", "شخص"),
    ("استقبل المخيم 800 لاجئ خلال الأسبوع الماضي.", "800", "displaced_or_evacuated", "لاجئ"),
    ("أجلت فرق الدفاع المدني 150 عائلة من الحي المتضرر.", "150", "displaced_or_evacuated", "عائلة"),
    ("ولا يزال 14 صيادا في عداد المفقودين بعد غرق القارب.", "14", "missing", "صيادا"),
    ("حصل المرشح المستقل على 15200 صوت في الدائرة الثانية.", "15200", "votes", "صوت"),
    ("فاز الحزب الحاكم ب 62 مقعدا في البرلمان الجديد.", "62", "votes", "مقعدا"),
    ("شارك 2000 طالب في المسابقة الوطنية للقراءة.", "2000", "people_other", "طالب"),
    ("دمرت السيول 40 منزلا في القرية.", "40", "other", "منزلا"),
    ("صادرت الجمارك 500 كيلوغرام من المخدرات في الميناء.", "500", "other", "كيلوغرام"),
])
def test_event_labels(text, surface, event, unit):
    f = one(text)
    assert (f.surface, f.event) == (surface, event)
    assert f.unit is not None and f.unit.text == unit


def test_two_clauses_two_events_with_clitics():
    found = facts("أفادت مصادر طبية بمقتل خمسة مدنيين وإصابة 20 آخرين في قصف على المدينة.")
    assert [(f.surface, f.low, f.event) for f in found] == [("خمسة", 5, "killed"), ("20", 20, "injured")]
    found = facts("قتل 12 شخصا على الأقل وأصيب نحو 30 آخرون.")
    assert [(f.low, f.high, f.approximate, f.event) for f in found] == [
        (12, None, False, "killed"), (30, 30, True, "injured")]


def test_verb_after_its_noun():
    f = one("قالت الشرطة إن 6 أشخاص قتلوا في إطلاق نار داخل مطعم.")
    assert (f.low, f.event, f.trigger.text) == (6, "killed", "قتلوا")


def test_people_without_event_and_things():
    found = facts("زار المعرض أكثر من 12 ألف زائر، وعرضت فيه 300 لوحة.")
    assert [(f.low, f.high, f.event) for f in found] == [(12000, None, "people_other"), (300, 300, "other")]


# --------------------------------------------------------------------------------------------- money, percent


def test_money():
    f = one("خصصت الحكومة 2.5 مليار دولار لإعادة إعمار المدينة.")
    assert (f.surface, f.low, f.high, f.event, f.currency, f.unit.text) == (
        "2.5 مليار دولار", 2_500_000_000, 2_500_000_000, "money", "USD", "دولار")
    f = one("بلغت أرباح الشركة نحو 300 مليون ريال سعودي في الربع الأول.")
    assert (f.surface, f.low, f.approximate, f.currency) == ("نحو 300 مليون ريال سعودي", 300_000_000, True, "SAR")


def test_money_is_money_whatever_it_pays_for():
    f = one("دفعت الحكومة تعويضات بقيمة 5 ملايين دولار لأسر القتلى.")
    assert f.event == "money" and f.low == 5_000_000


@pytest.mark.parametrize(("text", "surface", "value"), [
    ("ارتفع معدل البطالة إلى 12.5% خلال العام الجاري.", "12.5%", 12.5),
    ("تراجعت الصادرات بنسبة 45 في المئة مقارنة بالعام السابق.", "45 في المئة", 45),
    ("نما الاقتصاد ٣٫٥ بالمئة في الربع الثالث.", "٣٫٥ بالمئة", 3.5),
])
def test_percentages(text, surface, value):
    f = one(text)
    assert (f.surface, f.low, f.high, f.event, f.unit) == (surface, value, value, "percentage", None)


def test_percentage_of_casualties_is_a_percentage():
    found = facts("وأشار التقرير إلى أن 60% من القتلى مدنيون.")
    assert [(f.low, f.event) for f in found] == [(60, "percentage")]


# --------------------------------------------------------------------------------------------- values


@pytest.mark.parametrize(("text", "low", "high"), [
    ("شارك عشرات المتطوعين في حملة التنظيف.", 20, 99),
    ("تظاهر مئات الطلاب أمام مبنى الوزارة.", 200, 999),
    ("فر آلاف السكان من المدينة مع اقتراب المعارك.", 2000, 9999),
    ("عاد عشرات الآلاف من النازحين إلى منازلهم.", 20000, 99999),
    ("يعيش مئات الآلاف من اللاجئين في المخيمات.", 200000, 999999),
    ("يحتاج ملايين الأطفال إلى مساعدات غذائية عاجلة.", 2_000_000, 9_999_999),
    ("أصيب بضعة أشخاص بجروح طفيفة.", 3, 9),
    ("اعتقلت الشرطة عدة أشخاص بعد المواجهات.", 3, 9),
])
def test_vague_quantities(text, low, high):
    f = one(text)
    assert (f.low, f.high) == (low, high)
    assert f.unit is not None


@pytest.mark.parametrize(("text", "surface", "low", "high", "approximate"), [
    ("قتل أكثر من 100 شخص في المعارك.", "أكثر من 100", 100, None, False),
    ("نزح ما لا يقل عن 100 ألف شخص.", "ما لا يقل عن 100 ألف", 100_000, None, False),
    ("تقدم أقل من 100 مرشح للانتخابات البلدية.", "أقل من 100", None, 100, False),
    ("قتل نحو 40 مسلحا في الاشتباكات.", "نحو 40", 40, 40, True),
    ("أصيب حوالي 30 شخصا في الحادث.", "حوالي 30", 30, 30, True),
    ("وصل قرابة 500 حاج إلى مطار جدة.", "قرابة 500", 500, 500, True),
    ("ارتفعت الأسعار بأكثر من 20% منذ بداية العام.", "أكثر من 20%", 20, None, False),
])
def test_bounds_and_approximators(text, surface, low, high, approximate):
    f = one(text)
    assert (f.surface, f.low, f.high, f.approximate) == (surface, low, high, approximate)


@pytest.mark.parametrize(("text", "low", "high"), [
    ("قتل بين 10 و20 شخصا في القصف.", 10, 20),
    ("أصيب 10 إلى 15 شخصا في الحادث.", 10, 15),
    ("اعتقل 3 أو 4 أشخاص للتحقيق معهم.", 3, 4),
    ("تتراوح الخسائر بين 2 و3 مليارات دولار.", 2_000_000_000, 3_000_000_000),
    ("يتوقع أن ينمو الاقتصاد بين 3 و5% هذا العام.", 3, 5),
])
def test_ranges_are_one_fact(text, low, high):
    f = one(text)
    assert (f.low, f.high) == (low, high)


def test_a_change_is_two_numbers():
    found = facts("ارتفع عدد المصابين من 10 إلى 25 شخصا خلال يومين.")
    assert [f.low for f in found] == [10, 25]


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("قتل ثلاثة جنود في كمين قرب الحدود.", 3, "جنود"),
    ("أصيب خمسة وعشرون شخصا في انهيار جسر للمشاة.", 25, "شخصا"),
    ("نقل ١٢ مصابا إلى مستشفى المدينة.", 12, "مصابا"),
    ("وصل مليون و200 ألف زائر إلى المدينة خلال الموسم.", 1_200_000, "زائر"),
    ("بلغ عدد سكان المدينة ثلاثة ملايين و500 ألف نسمة.", 3_500_000, "نسمة"),
])
def test_numbers_in_words_and_other_scripts(text, value, unit):
    f = one(text)
    assert (f.low, f.high, f.unit.text) == (value, value, unit)


def test_one_and_two_only_after_their_noun():
    assert facts("التقى وزيرا الخارجية في الرياض.") == []
    assert facts("يعد واحدا من أبرز اللاعبين في القارة.") == []
    f = one("قتل جنديان اثنان في الهجوم.")
    assert (f.low, f.unit.text, f.event) == (2, "جنديان", "killed")


# --------------------------------------------------------------------------------------------- not counts


@pytest.mark.parametrize("text", [
    "وقع الطرفان الاتفاق في 14 يوليو 2015 في فيينا.",
    "تأسست الشركة عام 1998 في دبي.",
    "بدأت الأزمة في 2011 وما زالت مستمرة.",
    "يسري حظر التجول من الساعة 10:30 مساء.",
    "توفي الفنان عن عمر يناهز 82 عاما.",
    "وقال محمد (40 عاما) إنه فقد منزله.",
    "قضى في السجن 3 سنوات قبل الإفراج عنه.",
    "يعيش في المدينة منذ 7 أعوام.",
    "انتظر الركاب 5 ساعات في المطار.",
    "احتفلت البلاد بالذكرى الـ70 لتأسيسها.",
    "دعا المجلس إلى تطبيق القرار 2254 بشكل كامل.",
    "تنص المادة 5 من الدستور على ذلك.",
    "ارتفعت الإصابات بفيروس كوفيد-19 في أوروبا.",
    "طلب الجيش شراء مقاتلات إف-16 الأمريكية.",
    "يمكن التواصل على الرقم 0501234567 طوال اليوم.",
    "استأنفت مجموعة 5+1 المفاوضات مع إيران.",
    "فاز الفريق على ضيفه 3-1 في الجولة الأخيرة.",
    "تغلب المنتخب على منافسه 2 - صفر في المباراة النهائية.",
    "سجل المهاجم 20 هدفا هذا الموسم.",
    "حل الفريق في المركز 4 في ترتيب الدوري.",
    "وصلت الطائرة في الرحلة 370 إلى المطار متأخرة.",
    "بلغ اللاعب سن الرابعة عشرة عندما انضم إلى النادي.",
    "اجتمع قادة مجموعة العشرين في القمة.",
    "توفي الشيخ عام 683هـ في دمشق.",
    "بني المعبد عام 394 ميلاديا على الجزيرة.",
    "حكم الملك من 1279 إلى 1213 قبل الميلاد.",
    "شارك المنتخب في كأس العالم 2018 المقامة في روسيا.",
    "أرسل الرمز 123 إلى الرقم المجاني.",
    "تأهل الفريق إلى دور الستة عشر بعد فوز صعب.",
    "انخفضت الأسعار خلال السنوات الـ15 الماضية.",
    "نصائح للباحثين عن عمل:\n2 - لا تهمل صورتك الشخصية.",
    "خسر الفريق صفر / 1 أمام منافسه.",
])
def test_not_counted(text):
    assert [(f.surface, f.event) for f in facts(text)] == []


def test_among_them_inherits_the_event():
    found = facts("قتل 28 شخصا في المواجهات، بينهم 17 من المسلحين.")
    assert [(f.low, f.event) for f in found] == [(28, "killed"), (17, "killed")]


def test_percent_then_money_is_not_a_range():
    found = facts("صعدت الفضة 1.7 في المئة إلى 14.67 دولار للأوقية.")
    assert [(f.low, f.high, f.event) for f in found] == [(1.7, 1.7, "percentage"), (14.67, 14.67, "money")]


def test_separators_and_cues():
    assert [(f.low, f.event) for f in facts("بلغ عدد الرخص الصادرة 562.344 رخصة.")] == [(562344, "other")]
    assert [(f.low, f.event) for f in facts("سجل المؤشر ارتفاعا بنسبة 92ر0 % أمس.")] == [(0.92, "percentage")]
    assert [(f.low, f.event) for f in facts("أمرت المحكمة برد مبلغ 48 مليونا للخزينة.")] == [(48_000_000, "money")]
    assert [(f.low, f.event) for f in facts("تراجعت المبيعات بنسبة 23.9 خلال الربع.")] == [(23.9, "percentage")]
    assert [(f.low, f.high) for f in facts("قتل مئات آلاف المدنيين في الحرب.")] == [(200_000, 999_999)]


def test_explicit_two_and_counts_after_date_words():
    found = facts("وتقدم اثنان من المحامين ببلاغ، وعبرت قناة السويس اليوم 57 سفينة.")
    assert [(f.low, f.unit.text, f.event) for f in found] == [(2, "المحامين", "people_other"), (57, "سفينة", "other")]
    found = facts("فرضت الحكومة رسوما بموجب قرار 200 ريال شهريا على كل عامل.")
    assert [(f.low, f.event) for f in found] == [(200, "money")]
    found = facts("بلغت الأرباح 1ر22 مليار دولار في العام المالي.")
    assert [(f.low, f.currency) for f in found] == [(22_100_000_000, "USD")]


def test_counts_survive_beside_dates():
    found = facts("قتل 5 أشخاص في 14 يوليو 2015 وأصيب 8 آخرون في اليوم التالي.")
    assert [(f.low, f.event) for f in found] == [(5, "killed"), (8, "injured")]


# --------------------------------------------------------------------------------------------- ugly input


@pytest.mark.parametrize("text", [
    "", " ", "\n\n", "...", "«««", "قتل12شخصا", "12" * 5000, "١" * 10000, "قتل (( 5 «أشخاص", "$%$%$% 5%%%",
    "1,2,3,4,5,6,7,8,9", "بين و و إلى -- 5 - - 6", "0" * 30 + " شخصا", "عشرات عشرات آلاف ملايين", "نحو",
    "🙂 5 🙂 قتيلا", "قتل\u200f 5\u200e أشخاص", "5\n\n\n-\n\n6 أشخاص",
])
def test_ugly_input_never_raises(text):
    doc = khabar.analyze(text)
    found = find_facts(doc)
    for f in found:
        assert doc.text[f.start:f.end] == f.surface
    find_events(doc, found, published="2018-01-01")
    find_dateline(doc)


def test_glued_number_is_read():
    f = one("قتل12شخصا في حلب")
    assert (f.low, f.event) == (12, "killed")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("قتلأصيب ٠١٢٣٤٥0123456789%$-،.«»()نحوآلافعشراتمليون دولار\n")),
               max_size=80))
def test_random_text_never_raises(text):
    doc = khabar.analyze(text)
    for f in find_facts(doc):
        assert doc.text[f.start:f.end] == f.surface
        assert f.low is None or f.high is None or f.low <= f.high
    find_events(doc, published=date(2018, 1, 1))


# --------------------------------------------------------------------------------------------- events


def test_event_record_from_an_airstrike():
    found = events("قتل 12 مدنيا وأصيب 30 آخرون في غارة للتحالف على مدينة إدلب أمس الأحد.",
                   published="2018-03-05")
    assert len(found) == 1
    e = found[0]
    assert e.type == "airstrike"
    assert e.trigger.text == "قتل"
    assert [(f.low, f.event) for f in e.counts] == [(12, "killed"), (30, "injured")]
    roles = {(a.role, a.canonical) for a in e.actors}
    assert ("actor", "التحالف") in roles
    assert ("target", "مدنيا") in roles
    assert e.location["text"] == "مدينة إدلب"  # taken with its place word
    assert e.location["link"]["name_en"] == "Idlib"
    assert e.location["link"]["lat"] == pytest.approx(35.93, abs=0.1)
    assert (e.location["source"], e.location["precision"]) == ("sentence", "place")
    assert e.date["text"] == "أمس الأحد" and e.date["value"] == "2018-03-04" and e.date["precision"] == "day"
    assert (e.sentence_start, e.to_dict()["sentence"]["end"]) == (0, len(khabar.analyze(
        "قتل 12 مدنيا وأصيب 30 آخرون في غارة للتحالف على مدينة إدلب أمس الأحد.").text))


def test_actor_is_the_subject_of_an_active_verb():
    e = events("اعتقلت الشرطة العراقية 15 مشتبها في بغداد يوم الخميس.", published="2018-06-30")[0]
    assert e.type == "arrest"
    assert [(a.role, a.text) for a in e.actors if a.role == "actor"] == [("actor", "الشرطة العراقية")]
    assert e.location["link"]["name_en"] == "Baghdad"
    assert e.date["value"] == "2018-06-28"


def test_location_falls_back_to_the_dateline():
    text = "بيروت - أعلن الجيش اللبناني صباح اليوم توقيف 5 أشخاص.\nوأضاف البيان أن 3 آخرين فروا."
    found = events(text, published="2018-04-02")
    assert [e.type for e in found] == ["arrest", "displacement"]
    assert found[1].location["source"] == "dateline"
    assert found[1].location["link"]["name_en"] == "Beirut"
    assert found[0].date["value"] == "2018-04-02"  # صباح اليوم
    assert found[1].date is None  # its sentence names no date: the publication date is not assumed


def test_event_without_date_or_publication():
    e = events("أسفر انفجار في مصنع للكيماويات عن مقتل 8 عمال.")[0]
    assert e.date is None
    assert e.type == "explosion" and e.trigger.text == "مقتل"


def test_attack_event_and_no_event_for_money():
    found = events("شنت الطائرات الحربية 20 غارة على مواقع المسلحين. وبلغت كلفة الحملة 3 ملايين دولار.")
    assert [(e.type, e.counts[0].low) for e in found] == [("airstrike", 20)]


@pytest.mark.parametrize(("text", "kind"), [
    ("أعدمت السلطات 12 شخصا بتهم إرهاب.", "execution"),
    ("قتل 5 أشخاص في قصف مدفعي على حي الشعار.", "shelling"),
    ("قتل 5 أشخاص في قصف جوي على حي الشعار.", "airstrike"),
    ("قتل 7 جنود في انفجار عبوة ناسفة على طريق المطار.", "explosion"),
    ("قتل 3 أشخاص برصاص مسلحين مجهولين في السوق.", "armed_attack"),
    ("قتل 20 مقاتلا في اشتباكات بين الطرفين.", "clash"),
    ("لقي 9 أشخاص مصرعهم في حادث تصادم على الطريق الصحراوي.", "accident"),
    ("ارتفع عدد ضحايا الزلزال إلى 40 قتيلا.", "disaster"),
    ("تم إجلاء 300 مدني من الحي المحاصر.", "evacuation"),
    ("نزح أكثر من 3 آلاف شخص من القرى الحدودية.", "displacement"),
    ("توفي 4 أشخاص في ظروف غامضة.", "other"),
])
def test_event_types(text, kind):
    assert [e.type for e in events(text)] == [kind]


def test_ceasefire_is_not_a_shooting():
    assert events("قتل 4 أشخاص رغم وقف إطلاق النار.")[0].type == "other"


def test_one_incident_told_over_two_sentences_is_one_event():
    found = events("قتل 5 جنود في غارة جوية على بلدة بيت حانون. وأصيب 3 آخرون في القصف نفسه.")
    assert len(found) == 1
    assert [f.low for f in found[0].counts] == [5, 3]
    assert found[0].type == "airstrike"
    assert found[0].location["text"] == "بلدة بيت حانون"


def test_incidents_in_different_places_stay_apart():
    found = events("قتل 3 أشخاص في قصف على مدينة حلب. وقتل 4 آخرون في غارة على مدينة إدلب.")
    assert [[f.low for f in e.counts] for e in found] == [[3], [4]]


def test_a_clause_that_tells_of_another_place_is_another_incident():
    found = events("حصدت الألغام أربعة مدنيين من سكان قرية الدنين، كما انفجر لغم في قرية المشارفة وأودى بحياة "
                   "ثلاثة أشخاص آخرين.")
    assert [(e.location["text"], [f.low for f in e.counts]) for e in found] == [
        ("قرية الدنين", [4]), ("قرية المشارفة", [3])]
    same = events("قتل 3 أشخاص وأصيب 5 آخرون في قصف على مدينة حلب، كما أصيب 2 في المدينة نفسها.")
    assert len(same) == 1


def test_location_prefers_the_precise_place_and_skips_allies_and_institutions():
    e = events("قتل 8 مدنيين في غارة على قرية كفرنبل بريف إدلب في سوريا.")[0]
    assert e.location["text"] == "قرية كفرنبل" and e.location["precision"] == "place"
    e = events("أعدم المسلحون المتحالفون مع طهران 30 شخصا في مدينة الحديدة.")[0]
    assert e.location["text"] == "مدينة الحديدة"
    e = events("قالت حكومة العراق إن 6 أشخاص قتلوا في انفجار.")[0]
    assert e.location is None or e.location["text"] != "العراق"


def test_location_from_an_earlier_sentence():
    found = events("تشهد مدينة تعز معارك عنيفة منذ أسابيع. وقتل 6 مدنيين في قصف صاروخي.")
    assert found[0].location["source"] == "earlier" and found[0].location["text"] == "مدينة تعز"


def test_perpetrator_written_before_the_verb():
    e = events("وكانت جبهة النصرة قد خطفت ثمانية عناصر قرب مدينة اعزاز.")[0]
    assert [a.text for a in e.actors if a.role == "actor"] == ["جبهة النصرة"]
    e = events("أصيب 3 عناصر من الشرطة في انفجار.")[0]
    assert [a.text for a in e.actors if a.role == "actor"] == []  # the wounded are not who did it


def test_since_date_is_not_the_event_date():
    e = events("قتل أكثر من 40 ألف شخص في الصراع منذ عام 1984.")[0]
    assert e.date is None


def test_vote_event():
    e = events("صوت 120 نائبا لصالح مشروع القانون في جلسة الثلاثاء.")[0]
    assert e.type == "vote" and e.counts[0].event == "votes"


def test_find_events_accepts_a_subset_of_facts():
    doc = khabar.analyze("قتل 3 أشخاص في حلب. واعتقل 7 آخرون في حمص.")
    fs = find_facts(doc)
    assert [e.type for e in find_events(doc, fs[1:])] == ["arrest"]
    assert find_events(doc, []) == []


# --------------------------------------------------------------------------------------------- dateline


@pytest.mark.parametrize(("text", "place", "city"), [
    ("دبي، الإمارات (CNN) -- أعلنت الشركة عن أرباح قياسية.", "دبي، الإمارات", "Dubai"),
    ("الرياض – واس\nأعلنت الوزارة إطلاق البرنامج.", "الرياض", "Riyadh"),
    ("بيروت - قال رئيس الحكومة إن الانتخابات ستجري في موعدها.", "بيروت", "Beirut"),
    ("القاهرة (رويترز) - ارتفعت الأسعار في الأسواق.", "القاهرة", "Cairo"),
    ("عين اليوم – جدة\nافتتح المهرجان أمس.", "جدة", "Jeddah"),
    ("واس- المدينة المنورة: وصل الوفد إلى المدينة.", "المدينة المنورة", "Madinah"),
])
def test_dateline(text, place, city):
    d = find_dateline(khabar.analyze(text))
    assert d is not None and d["text"] == place and d["link"]["name_en"] == city
    assert khabar.analyze(text).text[d["start"]:d["end"]] == place


@pytest.mark.parametrize("text", ["-،", "، 9 قتلى في بيروت أمس.", ", 9 قتلى", "،، ، 3", "/ 5 أشخاص"])
def test_text_opening_with_a_comma_and_a_number_has_no_dateline(text):
    # these raised IndexError in the dateline reader (issue 16: "a crash real news can trigger")
    doc = khabar.analyze(text)
    assert find_dateline(doc) is None
    find_events(doc)


@pytest.mark.parametrize("text", [
    "أعلنت الوزارة إطلاق البرنامج في الرياض.",
    "قال الوزير: إن الوضع مستقر.",
    "سلوى سعد – متابعات\nقالت الصحيفة إن اللاعب سيغادر.",
    "",
])
def test_no_dateline(text):
    assert find_dateline(khabar.analyze(text)) is None


# --------------------------------------------------------------------------------------------- dates

PUB = "2018-06-28"  # a Thursday


@pytest.mark.parametrize(("text", "value", "expected"), [
    ("14 يوليو 2015", "2015-07-14", "2015-07-14"),
    ("يوليو 2015", "2015-07", "2015-07"),
    ("عام 2015", "2015", "2015"),
    ("اليوم", None, "2018-06-28"),
    ("الليلة", None, "2018-06-28"),
    ("هذا الصباح", None, "2018-06-28"),
    ("مساء اليوم", None, "2018-06-28"),
    ("أمس", None, "2018-06-27"),
    ("البارحة", None, "2018-06-27"),
    ("ليلة أمس", None, "2018-06-27"),
    ("أول أمس", None, "2018-06-26"),
    ("الأحد", None, "2018-06-24"),
    ("يوم الخميس", None, "2018-06-28"),
    ("الخميس الماضي", None, "2018-06-21"),
    ("الأحد المقبل", None, "2018-07-01"),
    ("الشهر الماضي", None, "2018-05"),
    ("منتصف الشهر الماضي", None, "2018-05-15"),
    ("مطلع الشهر الجاري", None, "2018-06"),
    ("الأسبوع الماضي", None, "2018-W25"),
    ("العام الماضي", None, "2017"),
    ("مارس الماضي", None, "2018-03"),
    ("14 يوليو", None, "2018-07-14"),
    ("15 رمضان 1436 هـ", None, None),
])
def test_resolve_date(text, value, expected):
    assert resolve_date(text, value, PUB) == expected


def test_resolve_date_needs_a_publication_date_for_relative_dates():
    assert resolve_date("أمس", None, None) is None
    assert resolve_date("أمس", None, "not a date") is None
    assert resolve_date("أمس", None, date(2018, 1, 1)) == "2017-12-31"
    assert resolve_date("أمس", None, "Thu, 28 Jun 2018 17:29:14 +0400") == "2018-06-27"
    assert resolve_date("", "2015-13-45", PUB) is None


# --------------------------------------------------------------------------------------------- the reader


def test_number_reader_and_span_values():
    found = [(m.text, m.low, m.high, m.label) for m in find_numbers("وصل 3 آلاف لاجئ ونحو ٤٥٪ وعشرات الآلاف")]
    assert found == [("3 آلاف", 3000, 3000, None), ("٤٥٪", 45, 45, "PERCENT"), ("عشرات الآلاف", 20000, 99999, None)]
    assert find_numbers("الإف بي آي") == []
    doc = khabar.analyze("وقع الاتفاق الخميس 14 يوليو 2015 بقيمة 5 ملايين دولار.")
    assert [(e.label_, e._.value) for e in doc.ents] == [("DATE", "2015-07-14"), ("MONEY", "5000000 USD")]


def test_definite_vague_quantities_and_up_to() -> None:
    import khabar
    from khabar.facts import find_facts

    injured = find_facts(khabar.analyze("أصيب العشرات بعد خروج قطار عن القضبان."))
    assert [(f.surface, f.low, f.high, f.event) for f in injured] == [("العشرات", 20, 99, "injured")]
    camp = find_facts(khabar.analyze("ويستوعب المخيم حتى 500 لاجئ."))
    assert [(f.surface, f.low, f.high) for f in camp] == [("حتى 500", None, 500)]


def test_decimal_point_thousands_before_a_scale_word_does_not_crash() -> None:
    import khabar
    from khabar.facts import find_facts

    facts = find_facts(khabar.analyze("وبلغت قيمة الصادرات 437.908 مليار وأصدرت الهيئة 562.344 رخصة"))
    assert [(f.surface, f.low) for f in facts] == [("437.908 مليار", 437_908_000_000), ("562.344", 562_344)]
