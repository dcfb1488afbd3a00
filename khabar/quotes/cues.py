"""Word lists for :mod:`khabar.quotes`: reporting verbs, attributions, speaker titles.

Every form is kept in its folded spelling (:func:`fold`: no diacritics or tatweel, ``أ إ آ ٱ`` → ``ا``,
``ى`` → ``ي``, ``ة`` → ``ه``), so ``اكد`` written without its hamza matches ``أكد``.

>>> fold("أكَّدت")
'اكدت'
>>> is_reporting_verb("تؤكد", "أكد") and is_reporting_verb("قالوا", "") and is_reporting_verb("يقول", "")
True
>>> is_title("المتحدثة") and is_title("مصادر") and not is_title("القرار")
True
"""

from __future__ import annotations

from functools import lru_cache

from khabar.text import fold_for_matching

__all__ = ["ACTS", "ACT_OF", "ACT_PREPOSITIONS", "ATTRIBUTIONS", "COMPLEMENTIZERS", "IMPERSONAL", "MASDARS",
           "OBJECT_FIRST", "PARTICIPLES", "PERSON_TITLES", "SPEECH_ACT_VERBS", "act_of", "fold", "folded_set",
           "is_reporting_verb", "is_title", "may_report", "reporting_lemma"]



@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """``word`` without diacritics or tatweel, alef-hamza, alef maqsura and ta marbuta folded."""
    return fold_for_matching(word)


def folded_set(words: str) -> frozenset[str]:
    """The folded forms of a whitespace-separated word list."""
    return frozenset(fold(word) for word in words.split())


# past (3rd person masc.) form -> present stem(s) after the person prefix; weak verbs list extra forms
_VERBS: dict[str, tuple[str, ...]] = {
    "قال": ("قول",), "أضاف": ("ضيف",), "أكد": ("ؤكد",), "أعلن": ("علن",), "أوضح": ("وضح",),
    "أشار": ("شير",), "شدد": ("شدد",), "حذر": ("حذر",), "طالب": ("طالب",), "دعا": ("دعو",),
    "نفى": ("نفي",), "كشف": ("كشف",), "اعتبر": ("عتبر",), "رأى": ("رى",), "لفت": ("لفت",),
    "تابع": ("تابع",), "صرح": ("صرح",), "ذكر": ("ذكر",), "أفاد": ("فيد",), "بين": ("بين",),
    "وصف": ("صف",), "لاحظ": ("لاحظ",), "زعم": ("زعم",), "ادعى": ("دعي",), "أقر": ("قر",),
    "اعترف": ("عترف",), "رجح": ("رجح",), "توقع": ("توقع",), "نبه": ("نبه",), "أبلغ": ("بلغ",),
    "أردف": ("ردف",), "استطرد": ("ستطرد",), "مضى": ("مضي",), "اختتم": ("ختتم",), "استدرك": ("ستدرك",),
    "أعرب": ("عرب",), "شرح": ("شرح",), "أصر": ("صر",),
    "أوصى": ("وصي",), "تساءل": ("تساءل",), "اقترح": ("قترح",), "حث": ("حث",), "ناشد": ("ناشد",),
    "كتب": ("كتب",), "غرد": ("غرد",), "اتهم": ("تهم",), "تعهد": ("تعهد",), "أورد": ("ورد",), "علق": ("علق",),
    "أفصح": ("فصح",), "قدر": ("قدر",), "اعتقد": ("عتقد",), "أظهر": ("ظهر",), "خلص": ("خلص",), "نقل": ("نقل",),
    "ندد": ("ندد",), "أدان": ("دين",), "استنكر": ("ستنكر",), "شجب": ("شجب",), "رحب": ("رحب",), "عبر": ("عبر",),
    "انتقد": ("نتقد",), "أشاد": ("شيد",), "أبدى": ("بدي",), "روى": ("روي",), "هدد": ("هدد",),
}
#: forms that are reporting verbs only when tagged VERB (``بين`` "between", ``ذكر`` "mention", …)
_AMBIGUOUS = frozenset(fold(v) for v in ("بين", "ذكر", "كشف", "رأى", "أفاد", "شرح", "حث", "توقع", "وصف", "نفى",
                                           "أقر", "أصر", "زعم", "دعا", "طالب", "تابع", "لاحظ", "كتب", "علق",
                                           "قدر", "أورد", "اتهم", "تعهد", "اعتقد", "أظهر", "خلص", "نقل",
                                           "أدان", "عبر", "شجب", "رحب", "أشاد", "أبدى", "روى"))
#: reporting nouns (verbal nouns) that open reported content when أن follows closely (مع الإشارة إلى أن)
MASDARS = {fold(noun): fold(verb) for noun, verb in (
    ("الإشارة", "أشار"), ("إشارة", "أشار"), ("توضيح", "أوضح"), ("التأكيد", "أكد"), ("تأكيد", "أكد"),
    ("تأكيده", "أكد"), ("تأكيدها", "أكد"), ("إعلان", "أعلن"), ("إعلانه", "أعلن"), ("تحذير", "حذر"),
    ("تحذيره", "حذر"), ("تصريحه", "صرح"), ("تصريحها", "صرح"), ("قوله", "قال"), ("قولها", "قال"),
    ("القول", "قال"), ("قول", "قال"), ("اعتبار", "اعتبر"))}
#: impersonal forms that introduce the writer's own aside, not someone's words (يذكر أن، يشار إلى أن)
IMPERSONAL = frozenset(fold(w) for w in ("يذكر", "يشار", "يجدر", "يلاحظ", "يبدو"))
#: forms that look like reporting verbs but mostly are other words (نصف "half", نصر "victory", تبين "it turned out")
_NOT_FORMS = frozenset(fold(w) for w in ("نصف", "نصر", "قلت", "نقر", "رأي", "أرى", "نرى", "تبين", "اصف", "نكد"))
_WEAK_PAST = {"دعا": ("دعت", "دعوا", "دعتا", "دعوت"), "نفى": ("نفت", "نفوا", "نفيا", "نفيت"),
              "رأى": ("رأت", "رأوا", "رأيا", "رأيت"), "مضى": ("مضت", "مضوا"), "ادعى": ("ادعت", "ادعوا"),
              "أوصى": ("أوصت", "أوصوا"), "قال": ("قلت", "قلنا", "يقال", "قيل"), "أقر": ("أقرت", "أقروا"),
              "أصر": ("أصرت", "أصروا")}
_PARTICIPLES = {"متسائلا": "تساءل", "متسائلة": "تساءل", "منوها": "نبه", "منوهة": "نبه",
                "مبينا": "بين", "مبينة": "بين", "مشيرين": "أشار", "مؤكدين": "أكد", "مطالبا": "طالب",
                "مطالبة": "طالب", "داعيا": "دعا", "داعية": "دعا", "واصفا": "وصف", "واصفة": "وصف",
                "معربا": "أعرب", "معربة": "أعرب", "كاشفا": "كشف", "كاشفة": "كشف", "قائلا": "قال",
                "قائلة": "قال", "قائلين": "قال", "مضيفا": "أضاف", "مضيفة": "أضاف",
                "مؤكدا": "أكد", "مؤكدة": "أكد", "موضحا": "أوضح", "موضحة": "أوضح", "مشيرا": "أشار",
                "مشيرة": "أشار", "محذرا": "حذر", "محذرة": "حذر", "مشددا": "شدد", "مشددة": "شدد",
                "معتبرا": "اعتبر", "معتبرة": "اعتبر", "لافتا": "لفت", "لافتة": "لفت",
                "منددا": "ندد", "منددة": "ندد", "مرحبا": "رحب", "مرحبة": "رحب", "متهما": "اتهم",
                "متهمة": "اتهم", "نافيا": "نفى", "نافية": "نفى", "محذرين": "حذر", "مطالبين": "طالب",
                "داعين": "دعا", "مستنكرا": "استنكر", "مستنكرة": "استنكر", "منتقدا": "انتقد", "منتقدة": "انتقد",
                "مشيدا": "أشاد", "مشيدة": "أشاد", "معلنا": "أعلن", "معلنة": "أعلن", "متوقعا": "توقع",
                "متوقعة": "توقع", "مبديا": "أبدى", "مبدية": "أبدى", "مرجحا": "رجح", "مرجحة": "رجح",
                "مهددا": "هدد", "مهددة": "هدد"}
#: folded participle forms (قائلا، مشيرة): their speaker is the subject of the sentence's main verb
PARTICIPLES = frozenset(fold(p) for p in _PARTICIPLES)


def _forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    for past, stems in _VERBS.items():
        lemma = fold(past)
        for suffix in ("", "ت", "وا", "ا", "تا", "ن", "نا"):
            forms.setdefault(fold(past + suffix), lemma)
        for extra in _WEAK_PAST.get(past, ()):
            forms.setdefault(fold(extra), lemma)
        for stem in stems:
            for prefix in ("ي", "ت", "ن", "ا"):
                for suffix in ("", "ون", "ان", "ن"):
                    forms.setdefault(fold(prefix + stem + suffix), lemma)
    for word in _NOT_FORMS:
        forms.pop(word, None)
    forms.update({fold(participle): fold(verb) for participle, verb in _PARTICIPLES.items()})
    return forms


_FORMS = _forms()
_LEMMAS = frozenset(fold(v) for v in _VERBS)


def may_report(folded: str, lemma: str) -> bool:
    """A cheap first test: whether a token (its folded form and lemma) can be a reporting verb at all."""
    return folded in _FORMS or (bool(lemma) and fold(lemma) in _LEMMAS)


@lru_cache(maxsize=200_000)
def reporting_lemma(norm: str, lemma: str, pos: str = "VERB") -> str | None:
    """The folded reporting verb that a token (its ``norm_``, ``lemma_``, ``pos_``) is a form of, or None.

    >>> reporting_lemma("قالت", "قال"), reporting_lemma("يشيرون", "")
    ('قال', 'اشار')
    >>> reporting_lemma("بين", "بين", "ADP") is None
    True
    """
    if pos in ("ADP", "PUNCT", "CCONJ", "SCONJ", "PRON", "NUM", "SYM"):
        return None
    found = _FORMS.get(fold(norm))
    if found is None and fold(lemma) in _LEMMAS and pos == "VERB":
        found = fold(lemma)
    if found is not None and found in _AMBIGUOUS and pos != "VERB":
        return None
    return found


def is_reporting_verb(norm: str, lemma: str, pos: str = "VERB") -> bool:
    """Whether a token is a form of a reporting verb (any person or tense)."""
    return reporting_lemma(norm, lemma, pos) is not None


#: the act a reporting verb performs (folded lemma → act); any other reporting verb states
_ACT_VERBS = {
    "demand": "طالب دعا حث ناشد أوصى اقترح", "warning": "حذر نبه هدد", "condemnation": "ندد أدان استنكر شجب انتقد",
    "denial": "نفى", "welcome": "رحب أشاد", "accusation": "اتهم زعم ادعى", "concern": "أعرب عبر أبدى",
    "description": "وصف اعتبر رأى",
}
ACT_OF = {fold(verb): act for act, verbs in _ACT_VERBS.items() for verb in verbs.split()}
ACTS = ("statement", "demand", "warning", "condemnation", "denial", "welcome", "accusation", "concern",
        "description")
#: the nouns after أعرب/عبر عن or أبدى that name the act (أعرب عن ترحيبه is a welcome, أبدى قلقه a concern)
_EXPRESSED = {
    "concern": "قلق أسف انزعاج مخاوف خشية حزن",
    "welcome": "ترحيب ارتياح تقدير سعادة",
    "condemnation": "إدانة استنكار رفض امتعاض غضب سخط استياء",
    "statement": "أمل تفاؤل ثقة تأييد دعم شكر تضامن استعداد دهشة",
    "demand": "رغبة",
}
_CONCERN_NOUNS = {fold(noun + suffix): act for act, nouns in _EXPRESSED.items() for noun in nouns.split()
                  for suffix in ("", "ه", "ها", "هم", "هما", "هن")}
_CONCERN_NOUNS |= {fold(noun.removesuffix("ة") + "ت" + suffix): act for act, nouns in _EXPRESSED.items()
                   for noun in nouns.split() if noun.endswith("ة") for suffix in ("ه", "ها", "هم", "هما")}
#: speech acts that may take a noun phrase instead of an أن clause (أعلن الجيش مقتل 5 جنود, طالب بالإفراج)
SPEECH_ACT_VERBS = frozenset(ACT_OF) | frozenset(fold(v) for v in (
    "أعلن", "أكد", "كشف", "أقر", "اعترف", "تعهد", "توقع", "أشار", "شدد", "أوضح", "ذكر", "روى", "رجح"))
#: the preposition that opens the complement of a speech-act verb (``أعرب … عن``، ``أشاد … ب``): a speaker
#: phrase the rules cannot delimit ends there
ACT_PREPOSITIONS = {fold(verb): frozenset(fold(p) for p in preps.split()) for verb, preps in (
    ("أعرب", "عن"), ("عبر", "عن"), ("أشاد", "ب"), ("حذر", "من"), ("دعا", "إلى ل"), ("ندد", "ب"), ("رحب", "ب"),
    ("طالب", "ب"), ("حث", "على"), ("شدد", "على"), ("اتهم", "ب"), ("هدد", "ب"), ("تعهد", "ب"), ("استنكر", ""),
    ("ناشد", ""),
) if preps}
#: speech-act verbs that take an object before their preposition (``دعا الأطراف إلى``): with no speaker of its
#: own, the noun after such a verb is its object, and the speaker is the previous one
OBJECT_FIRST = frozenset(fold(v) for v in ("دعا", "طالب", "حث", "اتهم", "حذر", "ناشد", "هدد"))


_SHOW = fold("أبدى")


def act_of(lemma: str | None, following: str | None = None) -> str:
    """The act of a quote whose cue is the reporting verb ``lemma`` (folded); ``following`` is the folded
    noun after أعرب/عبر عن, which names the act (``أعرب عن قلقه`` concern, ``عن ترحيبه`` welcome).

    >>> act_of("طالب"), act_of("قال"), act_of(None), act_of("اعرب", "ترحيبه"), act_of("اعرب", "قلقه")
    ('demand', 'statement', 'statement', 'welcome', 'concern')
    """
    act = ACT_OF.get(lemma or "", "statement")
    if act == "concern":  # أبدى names its act by its object; أعرب/عبر عن default to concern
        default = "statement" if lemma == _SHOW else "concern"
        return _CONCERN_NOUNS.get(following, default) if following is not None else default
    return act


#: the words that open reported content after a reporting verb (``إن``، ``أن``، ``بأن`` → ``ب`` + ``أن``)
COMPLEMENTIZERS = frozenset({"ان"})

#: source attributions, as sequences of folded token forms (clitics split as the tokenizer splits them)
ATTRIBUTIONS: tuple[tuple[str, ...], ...] = tuple(sorted({
    tuple(fold(w) for w in phrase.split())
    for phrase in ("ب حسب", "حسب", "وفقا ل", "وفق", "نقلا عن", "على لسان", "طبقا ل", "على حد قول", "جاء في",
                   "ورد في",
                   "على حد تعبير", "حسبما", "بحسب", "وفقا", "طبقا", "استنادا إلى", "نقلا")
}, key=len, reverse=True))

_TITLE_WORDS = """
متحدث متحدثة ناطق ناطقة وزير وزيرة رئيس رئيسة مصدر مصادر مسؤول مسؤولة مسؤولون مسؤولين مسئول مسئولون سفير سفيرة
نائب نائبة أمين مدير مديرة قائد قائدة محافظ عضو عضوة زعيم زعيمة ملك ملكة أمير أميرة شيخ مستشار مستشارة خبير
خبيرة خبراء محلل محللون محللين شاهد شهود مراسل مراسلة ناشط ناشطة نشطاء طبيب أطباء مراقب مراقبون مراقبين محامي
محام قاضي جنرال لواء عميد عقيد دكتور سيناتور بابا مفوض مفوضة منسق منسقة مندوب مندوبة ممثل ممثلة سكرتير مبعوث
مبعوثة مرشح مرشحة رئاسة وزارة حكومة جيش شرطة مكتب هيئة لجنة وكالة منظمة حركة حزب مجلس سفارة نقابة شركة صحيفة
موقع قناة تلفزيون إذاعة بيان تقرير دراسة مسؤولو مصدرا وسائل بعثة قيادة قوات البيت الخارجية الداخلية الكرملين
البنتاغون الرئاسة مديرية المديرية محكمة نيابة النيابة إدارة سلطات السلطات مصلحة مؤسسة جمعية رابطة اتحاد مجموعة تقارير
تقرير استطلاع بيانات إحصاءات أرقام محضر بحث مسح مفوضية المفوضية مرصد المرصد مركز معهد جامعة صندوق بنك
ائتلاف التحالف تحالف الادعاء متحدثون
"""
_TITLES = frozenset(fold(w) for w in _TITLE_WORDS.split())


#: titles held by one person, whose bare mention (``الوزير``) refers back to the titled person in the article
PERSON_TITLES = folded_set(
    "متحدث متحدثة ناطق ناطقة وزير وزيرة رئيس رئيسة سفير سفيرة نائب نائبة أمين مدير مديرة قائد قائدة محافظ "
    "زعيم زعيمة ملك ملكة أمير أميرة مستشار مستشارة مبعوث مبعوثة مرشح مرشحة مندوب مندوبة ممثل ممثلة منسق "
    "منسقة مفوض مفوضة سكرتير جنرال لواء عميد عقيد سيناتور بابا مدرب محافظ")


def is_title(norm: str) -> bool:
    """Whether a word (``norm_``) heads a speaker description: a title, role or institution (``الوزير``)."""
    word = fold(norm)
    return word in _TITLES or (word.startswith("ال") and word[2:] in _TITLES)
