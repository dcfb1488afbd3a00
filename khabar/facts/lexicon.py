"""Word lists for :mod:`khabar.facts`: counted nouns, event triggers, bounds, identifiers, actors.

Every word is kept folded (:func:`fold`: no diacritics or tatweel, ``أ إ آ ٱ`` → ``ا``, ``ى`` → ``ي``,
``ة`` → ``ه``) and, for nouns, without the article (:func:`bare`), so one entry covers ``قتيل``، ``القتلى``،
``قتيلا`` once their forms are listed. Everything is built once, at import, into sets and dicts.

>>> noun_class("القتلى"), noun_class("لاجئا"), noun_class("شخصا"), noun_class("برميل"), noun_class("سنوات")
('killed', 'displaced_or_evacuated', 'people', None, 'time')
>>> trigger_class("وقتلت"), trigger_class("مقتل"), trigger_class("يصابون"), trigger_class("نزحوا")
('killed', 'killed', 'injured', 'displaced_or_evacuated')
"""

from __future__ import annotations

from functools import lru_cache

from khabar.link import demonym_country
from khabar.text import fold_for_lexicon

__all__ = ["ACTOR_CUES", "ACTOR_HEADS", "ADVERBS", "ALLY_WORDS", "ATTACK_NOUNS", "ATTACK_WORDS", "BOUNDS",
           "CHANGE_WORDS", "GENERIC_INCIDENT_WORDS", "GENERIC_PEOPLE", "GOALS", "IDENTIFIER_HEADS", "INCIDENT_WORDS",
           "INSTITUTION_HEADS", "KILLING_WITHOUT_PARTNER", "LOCATIVE", "NEEDS_PARTNER", "ORDINAL_HEADS", "PARTNERS",
           "PLACE_WORDS", "SPORT_UNITS", "SPORT_WORDS", "UNDERGOER_VERBS", "VERB_ONLY", "WEAPON_NOUNS", "bare",
           "case_class", "fold", "folded", "noun_class", "trigger_class"]



def fold(word: str) -> str:
    """``word`` without diacritics or tatweel; alef-hamza, alef maqsura and ta marbuta folded.

    >>> fold("أُصيبَت"), fold("القتلى"), fold("مئة")
    ('اصيبت', 'القتلي', 'مئه')
    """
    return fold_for_lexicon(word)


def bare(folded: str) -> str:
    """A folded noun without its article (``القتلي`` → ``قتلي``); short words are left alone."""
    return folded[2:] if folded.startswith("ال") and len(folded) > 4 else folded


def folded(text: str) -> frozenset[str]:
    """The folded forms of the space-separated words of ``text``."""
    return frozenset(fold(w) for w in text.split())


def _words(text: str) -> frozenset[str]:
    return frozenset(bare(fold(w)) for w in text.split())


# ---------------------------------------------------------------------------------------- counted nouns

#: counted nouns that say what happened to the people counted
_EVENT_NOUNS = {
    "killed": "قتيل قتيلا قتلى قتلاهم شهيد شهيدا شهداء جثة جثث جثمان جثامين ضحية ضحايا وفاة وفيات حالة_وفاة",
    "injured": "جريح جريحا جرحى مصاب مصابا مصابين مصابون مصابة إصابة إصابات حالة_إصابة",
    "arrested": "معتقل معتقلا معتقلين معتقلون موقوف موقوفا موقوفين موقوفون محتجز محتجزا محتجزين محتجزون أسير "
                "أسيرا أسرى مخطوف مخطوفا مخطوفين رهينة رهائن مختطف مختطفا مختطفين حالة_اعتقال",
    "displaced_or_evacuated": "نازح نازحا نازحين نازحون لاجئ لاجئا لاجئين لاجئون لاجئة لاجئات مهجر مهجرا مهجرين "
                              "مهجرون مشرد مشردا مشردين مشردون فار فارين فارون مرحل مرحلين",
    "missing": "مفقود مفقودا مفقودين مفقودون مفقودة",
    "votes": "صوت صوتا أصوات مقعد مقعدا مقاعد ناخب ناخبا ناخبين ناخبون توقيع توقيعا توقيعات",
}
#: counted nouns for people (any other count of people is ``people_other``)
_PEOPLE = (
    "شخص شخصا أشخاص فرد فردا أفراد نسمة مواطن مواطنا مواطنين مواطنون مواطنة مواطنات مدني مدنيا مدنيين مدنيون "
    "طفل طفلا أطفال امرأة نساء سيدة سيدات رجل رجلا رجال جندي جنديا جنود عسكري عسكريا عسكريين عسكريون مسلح مسلحا "
    "مسلحين مسلحون مقاتل مقاتلا مقاتلين مقاتلون عنصر عنصرا عناصر عامل عاملا عمال عاملين عاملة عاملات موظف موظفا "
    "موظفين موظفون موظفة موظفات طالب طالبا طلاب طلبة طالبة طالبات تلميذ تلميذا تلاميذ حاج حاجا حجاج معتمر معتمرا "
    "معتمرين زائر زائرا زوار سائح سائحا سياح مهاجر مهاجرا مهاجرين مهاجرون شرطي شرطيا ضابط ضابطا ضباط متظاهر "
    "متظاهرا متظاهرين متظاهرون محتج محتجا محتجين محتجون ناشط ناشطا ناشطين ناشطون صحفي صحفيا صحفيين صحافي صحافيا "
    "صحافيين مريض مريضا مرضى لاعب لاعبا لاعبين مشارك مشاركا مشاركين متطوع متطوعا متطوعين سجين سجينا سجناء مستوطن "
    "مستوطنا مستوطنين عائلة عائلات أسرة أسر مسافر مسافرا مسافرين راكب راكبا ركاب عضو عضوا أعضاء نائب نائبا نواب "
    "مستخدم مستخدما مستخدمين مشترك مشتركا مشتركين مستفيد مستفيدا مستفيدين مصل مصليا مصلين مسن مسنا مسنين شاب شابا "
    "شبان شباب فتاة فتيات فتى ولد أولاد قاصر قاصرا قاصرين معلم معلما معلمين معلمة معلمات طبيب طبيبا أطباء ممرض "
    "ممرضة ممرضين ممرضات مهندس مهندسا مهندسين خبير خبيرا خبراء مراقب مراقبا مراقبين إرهابي إرهابيا إرهابيين متشدد "
    "متشددا متشددين انتحاري انتحاريا انتحاريين مرشح مرشحا مرشحين مرشحة مرشحات مقيم مقيما مقيمين وافد وافدا "
    "وافدين أجنبي أجنبيا أجانب مشتبه مشتبها مسؤول مسؤولا مسؤولين دبلوماسي دبلوماسيا دبلوماسيين مزارع مزارعا "
    "مزارعين صياد صيادا صيادين بحار بحارا بحارة عامل_إغاثة آخر آخرين آخرون أخرى مهاجم مهاجما مهاجمين قتالي "
    "مجند مجندا مجندين متهم متهما متهمين سكان ساكن مستثمر مستثمرا مستثمرين قاض قاضيا قضاة محام محاميا محامين "
    "إمام إماما أئمة جاسوس جاسوسا جواسيس مهرب مهربا مهربين وزير وزيرا وزراء سفير سفيرا سفراء مندوب مندوبا مندوبين "
    "رئيس رؤساء زعيم زعيما زعماء قائد قائدا قادة مستشار مستشارا مستشارين عالم عالما علماء باحث باحثا باحثين أستاذ "
    "أستاذا أساتذة فنان فنانا فنانين متفرج متفرجا متفرجين مشجع مشجعا مشجعين مدرب مدربا مدربين مسلم مسلما مسلمين "
    "مسيحي مسيحيا مسيحيين يهودي يهوديا يهود أكراد عرب طيار طيارا طيارين مسعف مسعفا مسعفين متدرب متدربا متدربين "
    "خريج خريجا خريجين مبتعث مبتعثا مبتعثين حارس حارسا حراس تاجر تاجرا تجار عميل عميلا عملاء زبون زبونا زبائن "
    "مستهلك مستهلكا مستهلكين مغترب مغتربا مغتربين مولود مولودا مواليد مراهق مراهقا مراهقين رضيع رضيعا رضع ناجي "
    "ناجيا ناجين طفلة طفلات امرأة نسوة مهندسة طبيبة مدرس مدرسا مدرسين مدرسة_معلمة حاجة مصلية زائرة جنديا ضابطة "
    "مرتزق مرتزقة مقيمة عاملا مسلحي عامل_منزلي ممثل ممثلا ممثلين نزيل نزيلا نزلاء جريحة شخصية شخصيات ابن ابنا "
    "أبناء بنت بنات أخ أخا إخوة أخوة أخت أخوات زوجة زوجات زوج حفيد حفيدا أحفاد رياضي رياضيا رياضيين لاعبة "
    "لاعبات حكم حكام إداري إداريا إداريين أمين أمناء مدان مدانا مدانين"
)
#: money words that the expression reader does not know (cents, piastres, halalas)
_MONEY = "سنت سنتا سنتات قرش قرشا قروش هللة هللات فلس فلسا فلوس"
#: ranks: a number before them is a ranking, not a count
_RANK = "مرتبة مراتب"
#: time units: a number before them is a duration or an age, not a count
_TIME = ("ساعة ساعات ساعتين دقيقة دقائق ثانية ثوان يوم يوما أيام أسبوع أسبوعا أسابيع شهر شهرا أشهر شهور سنة سنوات "
         "سنين عام عاما أعوام عقد عقود قرن قرون ليلة ليال مرة مرات عمر")
#: people nouns that say nothing about who was hit (not reported as a target)
GENERIC_PEOPLE = _words("شخص شخصا أشخاص فرد فردا أفراد نسمة آخر آخرين آخرون أخرى حالة حالات ضحية ضحايا مصاب "
                        "مصابا مصابين قتيل قتيلا قتلى جريح جريحا جرحى")

_NOUN_CLASS: dict[str, str] = {}
for _cls, _forms in _EVENT_NOUNS.items():
    for _w in _words(_forms.replace("_", " ")):
        _NOUN_CLASS.setdefault(_w, _cls)
    for _w in _forms.split():
        if "_" in _w:
            _head, _tail = _w.split("_")
            _NOUN_CLASS[bare(fold(_head)) + " " + bare(fold(_tail))] = _cls
for _w in _words(_PEOPLE.replace("_", " ")):
    _NOUN_CLASS.setdefault(_w, "people")
for _w in _words(_TIME) | _words(_RANK):
    _NOUN_CLASS[_w] = "time"
for _w in _words(_MONEY):
    _NOUN_CLASS[_w] = "money"
# construct plurals of the people nouns: مقاتلين → مقاتلي (مقاتلي طالبان)
for _w, _c in list(_NOUN_CLASS.items()):
    if _c in ("people", "killed", "injured", "arrested", "displaced_or_evacuated", "missing") and _w.endswith("ين") \
            and len(_w) > 4:
        _NOUN_CLASS.setdefault(_w[:-1], _c)
# "حالات" alone is a case count, not a time unit or a person: classed by its following word
for _w in _words("حالة حالات"):
    _NOUN_CLASS.pop(_w, None)
# the bare forms of ``صوت`` and ``مقعد`` are votes only when counted: ``صوت`` also means "voice" (fine here)
_NOUN_CLASS[bare(fold("شخصيات"))] = "people"


_SCALE_STEMS = ("مليون", "مليار")
#: adverbs in ـيا that the nisba rule below must not read as people (حاليا، يوميا، رسميا …)
ADVERBS = _words(
    "حاليا يوميا سنويا شهريا أسبوعيا تقريبا فقط أيضا جدا رسميا عالميا محليا دوليا إقليميا عربيا أخيرا مؤخرا سابقا "
    "لاحقا فعليا إجمالا نسبيا تدريجيا نهائيا جزئيا كليا مبدئيا حرفيا عمليا نظريا أساسيا شخصيا ميدانيا مجددا "
    "تلقائيا يدويا مجانيا إضافيا تاريخيا هناك هنا حيث ثم كذلك"
)
_ADVERBS = ADVERBS


@lru_cache(maxsize=1 << 14)
def noun_class(word: str) -> str | None:
    """The class of a counted noun (``killed`` … ``votes``, ``people``, ``money``, ``time``) or None for a thing.

    ``word`` may be written with the article or a clitic-free UD form; demonym plurals (``فلسطينيين``) are
    people.
    """
    b = bare(fold(word))
    found = _NOUN_CLASS.get(b)
    if found is not None:
        return found
    if len(b) > 4 and b.endswith(("ان", "ين", "ون")):  # duals and sound plurals of listed nouns: جنديان
        found = _NOUN_CLASS.get(b[:-2])
        if found is not None and found != "time":
            return found
    if 5 <= len(b) <= 9 and b[0] == "م" and b[2] != "ا" and b.endswith(("ين", "ون")) and b[:5] not in _SCALE_STEMS:
        return "people"  # a participle's sound plural names people (مشتبهين، مهربين), unlike مفاعيل (ميادين)
    if b in _ADVERBS:
        return None
    if len(b) >= 4 and (b.endswith(("يين", "يون")) or (b.endswith("يا") and not b.endswith("ايا"))):
        return "people"  # a nisba noun: مدنيا، حوثيا، إرهابيين (not هدايا، قضايا)
    if len(b) > 3 and b.endswith(("يات", "ي")):
        try:
            if demonym_country(b) is not None:
                return "people"
        except Exception:
            return None
    return None


def case_class(head: str, following: str) -> str | None:
    """``حالات وفاة`` → killed, ``عدد القتلى`` → killed: the class of a count from the word after its head."""
    h = bare(fold(head))
    if h not in _CASE_HEADS:
        return None
    f = bare(fold(following))
    if h in _COUNT_HEADS:
        found = noun_class(following)
        return found if found not in (None, "time") else None
    return _NOUN_CLASS.get(h + " " + f) or _NOUN_CLASS.get("حاله " + f)


_COUNT_HEADS = _words("عدد حصيلة")
_CASE_HEADS = _words("حالة حالات") | _COUNT_HEADS

# ------------------------------------------------------------------------------------------- triggers


def _verb_forms(past: str, present: str | None) -> set[str]:
    """Folded past forms (any person that news uses) and present forms with their person prefixes."""
    p = fold(past)
    forms = {p, p + "ت", p + "وا", p + "ا", p + "تا", p + "ن", p + "نا", p + "تم"}
    if p.endswith("ي"):  # weak final: توفي، توفوا، أجلي، أجلوا
        forms |= {p[:-1] + "وا", p[:-1] + "ت"}
    if present:
        s = fold(present)
        for pre in "يتنا":
            forms |= {pre + s, pre + s + "ون", pre + s + "وا", pre + s + "ان", pre + s + "ين", pre + s + "ن"}
    return forms


_TRIGGER_VERBS = {
    "killed": [("قتل", "قتل"), ("استشهد", "ستشهد"), ("اغتال", "غتال"), ("اغتيل", None), ("أعدم", None),
               ("ذبح", "ذبح"), ("توفي", "توفى"), ("هلك", "هلك"), ("قضى", None), ("لقي", "لقى"),
               ("أودى", "ودي"), ("حصد", None), ("راح", "روح")],
    "injured": [("أصيب", "صاب"), ("أصاب", "صيب"), ("جرح", "جرح")],
    "arrested": [("اعتقل", "عتقل"), ("احتجز", "حتجز"), ("أوقف", None), ("قبض", None), ("ألقى", "لقي"),
                 ("اختطف", "ختطف"), ("خطف", "خطف"), ("أسر", None)],
    "displaced_or_evacuated": [("نزح", "نزح"), ("فر", "فر"), ("هرب", "هرب"), ("أجلي", "جلى"), ("أجلى", "جلي"),
                               ("هجر", None), ("شرد", "شرد"), ("لجأ", "لجأ"), ("أخلى", "خلي"), ("تشرد", None)],
    "missing": [("اختفى", "ختفي"), ("فقد", None)],
    "votes": [("صوت", "صوت"), ("اقترع", "قترع"), ("انتخب", "نتخب"), ("أيد", None)],
}
_TRIGGER_NOUNS = {
    "killed": "مقتل قتل استشهاد وفاة مصرع اغتيال مجزرة مذبحة حتف جثث جثة جثامين",
    "injured": "إصابة إصابات جرح",
    "arrested": "اعتقال اعتقالات احتجاز توقيف اختطاف خطف",
    "displaced_or_evacuated": "نزوح فرار هروب إجلاء تهجير تشريد لجوء إخلاء",
    "missing": "فقدان اختفاء",
    "votes": "تصويت اقتراع",
}
_TRIGGERS: dict[str, str] = {}
for _cls, _pairs in _TRIGGER_VERBS.items():
    for _past, _present in _pairs:
        for _f in _verb_forms(_past, _present):
            _TRIGGERS.setdefault(_f, _cls)
for _cls, _forms in _TRIGGER_NOUNS.items():
    for _w in _words(_forms):
        _TRIGGERS.setdefault(_w, _cls)
for _w in ("اصابه", "اصابات"):  # the noun, not أصاب + ـه
    _TRIGGERS[_w] = "injured"
#: triggers that count only beside a confirming word (``لقي حتفه``, ``أودى بحياة``, ``ألقى القبض``, ``قضى نحبه``):
#: the partner decides the event
NEEDS_PARTNER = frozenset(_verb_forms("لقي", "لقى") | _verb_forms("أودى", "ودي") | _verb_forms("ألقى", "لقي")
                          | _verb_forms("قضى", None) | _verb_forms("حصد", None) | _verb_forms("راح", "روح"))
PARTNERS = {fold(w): cls for cls, words in (
    ("killed", "حتف حتفه حتفهم حتفها حتفهما مصرع مصرعه مصرعهم مصرعها مصرعهما حياة بحياة أرواح نحب نحبه نحبهم "
               "ضحية ضحيته ضحيتها ضحيتهم ضحايا"),
    ("arrested", "القبض"),
) for w in words.split()}
#: verbs whose subject is the one it happened to (``أصيب جنديان``، ``استشهد``): never the perpetrator
UNDERGOER_VERBS = frozenset(
    _verb_forms("أصيب", "صاب") | _verb_forms("استشهد", "ستشهد") | _verb_forms("توفي", "توفى")
    | _verb_forms("لقي", "لقى") | _verb_forms("هلك", "هلك") | _verb_forms("قضى", None) | _verb_forms("نزح", "نزح")
    | _verb_forms("فر", "فر") | _verb_forms("هرب", "هرب") | _verb_forms("لجأ", "لجأ") | _verb_forms("اختفى", "ختفي")
    | _verb_forms("فقد", None) | _verb_forms("أجلي", "جلى") | _verb_forms("اغتيل", None) | _verb_forms("تشرد", None)
    | _verb_forms("غرق", "غرق"))
#: triggers that mean killing also with no partner when people are counted right after (``حصدت أربعة مدنيين``)
KILLING_WITHOUT_PARTNER = frozenset(_verb_forms("حصد", None))
#: ambiguous forms that are triggers only when tagged VERB (أسر "families", أيد "hands", صوت "voice", هجر …)
VERB_ONLY = frozenset(_verb_forms("أسر", None) | _verb_forms("أيد", None) | _verb_forms("صوت", "صوت")
                      | _verb_forms("هجر", None) | _verb_forms("قبض", None) | _verb_forms("فر", "فر"))


@lru_cache(maxsize=1 << 14)
def trigger_class(word: str) -> str | None:
    """The event a verb or noun announces (any person, tense or clitic on the written word), or None."""
    f = fold(word)
    found = _TRIGGERS.get(f) or _TRIGGERS.get(bare(f))
    if found is None and len(f) > 3 and f[0] in "وفب":
        f = f[1:]
        found = _TRIGGERS.get(f) or _TRIGGERS.get(bare(f))
    return found


# -------------------------------------------------------------------------------------- other lists

#: approximators and bounds before a number, folded (longest first when matched): kind ``~``, ``>=``, ``<=``
BOUNDS = {
    "~": "نحو حوالي حوالى قرابة زهاء ما_يقارب يقارب ما_يقرب_من يقرب_من ما_يناهز يناهز قرابة_ال",
    ">=": "أكثر_من ما_لا_يقل_عن لا_يقل_عن ما_يزيد_على ما_يزيد_عن يزيد_على يزيد_عن أزيد_من ما_يربو_على "
          "يربو_على ما_فوق أكثر_قليلا_من ما_لا_يقل_عن_ال",
    "<=": "أقل_من ما_دون ما_لا_يزيد_عن ما_لا_يزيد_على لا_يزيد_عن لا_يزيد_على أقل_قليلا_من حتى",
}
#: words before a number that make it an identifier, a rank or an ordinal (``القرار 2254``، ``المادة 5``)
IDENTIFIER_HEADS = _words(
    "قرار القرار المادة مادة الفصل فصل البند بند الفقرة فقرة رقم الرقم الرحلة رحلة الطريق طريق اللواء الفرقة "
    "الكتيبة الغرفة غرفة الصفحة صفحة الحافلة الإصدار النسخة الجولة الدورة القمة المؤتمر الذكرى القرن الطابق "
    "المبنى الشارع شارع الحلقة سورة الآية آية الموسم المركز المرتبة الترتيب المراكز الكيلو المنصة البوابة "
    "القانون قانون المرسوم مرسوم الأمر أمر الكود كود الخط خط العيد البطولة النسخه المجموعة الفئة الدرجة الجيل "
    "نسخة طراز الطراز موديل بوينغ بوينج إيرباص ايرباص إف اف ميغ ميج سوخوي سو إس اس تي بي إم كوفيد آيفون "
    "ايفون غالاكسي جالاكسي نوت ويندوز إصدار الإصدار الأولمبياد المونديال كأس فيفا مؤتمر الاجتماع المنتدى "
    "المقاطعة الكتلة الساعة الدقيقة الحزمة الربع الإنذار المرة مرة رمز الرمز كود الكود "
    "سن السن أعمار الفصول المواد البنود المادتين الفقرتين البندين القرارين الفصلين"
)
#: nouns before ``الـ N`` that make N an ordinal (``الذكرى الـ70``) — the list above covers them
ORDINAL_HEADS = IDENTIFIER_HEADS | _words("المرة مرة الأسبوع اليوم العام السنة الشهر الدقيقة")
#: words that make small numbers in a sentence sport scores or rankings
SPORT_WORDS = _words(
    "مباراة المباراة مباريات الدوري دوري المنتخب الفريق فريق البطولة بطولة الملعب هدف أهداف هدفا هدفين "
    "بنتيجة نتيجة الشوط شوط تعادل فوز فاز هزيمة جولة الجولة المرمى لقاء رصيده رصيد متصدر الترتيب"
)
SPORT_UNITS = _words("هدف هدفا أهداف نقطة نقاط شوط أشواط")
GOALS = _words("هدف هدفا أهداف")
#: counted things that are attacks (a count of them makes an ``attack`` event)
ATTACK_NOUNS = _words(
    "غارة غارات صاروخ صاروخا صواريخ قذيفة قذائف هجوم هجوما هجمات تفجير تفجيرات انفجار انفجارات عبوة عبوات "
    "طلعة طلعات ضربة ضربات"
)
#: verbs/nouns of attacks whose count (or casualties) make an event; the word after names the actor
ATTACK_WORDS = ATTACK_NOUNS | _words("قصف القصف شن شنت نفذ نفذت استهدف استهدفت اشتباكات معارك معركة هجوم")
#: phrases after which the attacker is named (``على يد``، ``برصاص``، ``بنيران``، ``من قبل``)
ACTOR_CUES = _words("برصاص رصاص بنيران نيران يد قبل شنها نفذها نفذه شنه تبنى تبنت تبناه")
#: heads of noun phrases that name armed or state actors when no entity is found
ACTOR_HEADS = _words(
    "قوات القوات الجيش الشرطة الأمن التحالف مسلحون مسلحين عناصر مقاتلو مقاتلي الطيران طائرات مقاتلات الميليشيات "
    "ميليشيات المعارضة المتمردين المتمردون الحوثيين الحوثيون تنظيم جماعة حركة الفصائل فصائل السلطات الاحتلال "
    "النظام البحرية حرس الحرس مجهولون مجهولين ألوية لواء كتائب كتيبة وحدات المقاومة مقاومة ميليشيا مليشيات "
    "مليشيا جماعات عصابة عصابات"
)
#: words that say what kind of incident it was (ACLED-style types), folded without the article; ``قصف`` is
#: shelling unless an air word (``جوي``، ``الطيران``) is beside it
INCIDENT_WORDS = {bare(fold(w)): kind for kind, words in (
    ("execution", "إعدام إعدامات أعدم أعدمت أعدموا يعدم تعدم بإعدام"),
    ("airstrike", "غارة غارات جوية الجوية جوي الجوي طيران الطيران طائرة طائرات مقاتلات طلعة طلعات مسيرة مسيرات "
                  "درون"),
    ("shelling", "قصف قصفت يقصف تقصف القصف قذيفة قذائف صاروخ صاروخا صواريخ مدفعية المدفعية هاون راجمات مدفعي"),
    ("explosion", "انفجار انفجارات انفجر انفجرت تفجير تفجيرات فجر فجرت عبوة عبوات ناسفة مفخخة مفخخات انتحاري "
                  "انتحارية لغم ألغام الألغام حزام"),
    ("armed_attack", "مسلح مسلحون مسلحين رصاص برصاص الرصاص طعن طعنا اقتحام اقتحم اقتحمت كمين هجوم هجوما هجمات "
                     "النار نار"),
    ("clash", "اشتباك اشتباكات اشتبك اشتبكت معارك معركة مواجهات اقتتال"),
    ("accident", "حادث حادثة حوادث اصطدام اصطدم اصطدمت تصادم تصادمت انقلاب انقلب انقلبت حريق حرائق احترق "
                 "احترقت انهيار انهار انهارت تحطم تحطمت غرق غرقت سير المرور مرور"),
    ("disaster", "فيضان فيضانات سيول زلزال زلازل إعصار عاصفة عواصف أمطار ثلوج وباء كوليرا الحر حرارة جفاف "
                 "انهيارات انزلاقات"),
    ("evacuation", "إجلاء أجلي أجلت أجلى إخلاء أخلت"),
) for w in words.split()}
#: a generic incident word: it gives the type only when no specific one is near
GENERIC_INCIDENT_WORDS = _words("هجوم هجوما هجمات النار نار")
#: weapons and attackers whose genitive names who did it (``ألغام الحوثيين``، ``طائرات التحالف``)
WEAPON_NOUNS = _words("لغم ألغام طائرات طائرة مقاتلات مدفعية قناص قناصة رصاص قذائف صواريخ")
#: place words: a name after one is a place even when the tagger missed it, and says how precise it is
PLACE_WORDS = {bare(fold(w)): precision for precision, words in (
    ("place", "قرية قريتي قرى بلدة بلدتي بلدات مدينة مدينتي حي أحياء مخيم معسكر شارع ميدان مطار ميناء سجن "
              "مستشفى جامعة ضاحية منطقة حدود الحدود معبر حاجز سوق مسجد كنيسة مدرسة "
              "جسر"),
    ("region", "محافظة محافظتي ولاية مديرية ريف إقليم قضاء ناحية معتمدية مقاطعة"),
) for w in words.split()}
#: words before a place that make it an ally or a backer, not where something happened (``المتحالفين مع``)
ALLY_WORDS = _words("مع المتحالفين المتحالفة المتحالف الموالية الموالين الموالي المدعومة المدعومين المدعوم "
                    "حليف حلفاء")
#: heads whose genitive place names an institution or an actor, not where it happened (``حكومة العراق``)
INSTITUTION_HEADS = _words("حكومة وزارة سفارة رئيس وزير جيش برلمان ملك نظام قوات سلطات شرطة أمن خارجية "
                           "داخلية مجلس سفير مندوب ممثل وفد")
#: place prepositions: a place right after one is where something happened
LOCATIVE = _words("في ب قرب قربة بالقرب شمال جنوب شرق غرب وسط داخل مدينة بلدة قرية محافظة ولاية منطقة حي مخيم")
#: verbs and nouns of change: ``ارتفع من 10 إلى 20`` gives two numbers, not a range
CHANGE_WORDS = _words(
    "ارتفع ارتفعت ارتفاع يرتفع ترتفع انخفض انخفضت انخفاض ينخفض تنخفض تراجع تراجعت يتراجع زاد زادت زيادة يزيد "
    "قفز قفزت هبط هبطت هبوط صعد صعدت نما نمت نمو رفع رفعت خفض خفضت تقلص تقلصت ارتفاعا انخفاضا تراجعا"
)
