"""The quote finder's word sets and limits (the speech verbs, titles and attributions are in :mod:`.cues`)."""

from __future__ import annotations

from spacy.parts_of_speech import IDS as _POS_IDS

from khabar.quotes.cues import fold, folded_set

_PAIRS = {"«": "»", "“": "”"}
_CLOSERS = {"»": "«", "”": "“"}
_MARKS = frozenset('«»“”"')
_SPEAKER_LABELS = frozenset({"PER", "ORG"})
_NP_POS = frozenset({"NOUN", "ADJ", "PROPN", "X", "NUM"})
_SENTENCE_END = frozenset(".!?؟")
_TRAILING = ".!?؟:؛;،, \t\n"
#: words before إن/أن that make it something other than reported content (بعد أن، إلا أن، لأن، …)
_NOT_REPORT_BEFORE = frozenset(fold(w) for w in ("بعد", "قبل", "منذ", "دون", "إلا", "لا", "حيث", "يجب", "يمكن",
                                                  "ما", "رغم", "ل", "حتى", "كما", "غير", "بد", "مجرد"))
_TIME_WORDS = frozenset(fold(w) for w in ("اليوم", "أمس", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس",
                                          "الجمعة", "السبت", "مساء", "صباح", "الليلة", "لاحقا", "أيضا", "كذلك"))
_RELATIVES = frozenset(fold(w) for w in ("الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي"))
_NAME_LABELS = frozenset({"PER", "ORG", "LOC", "MISC"})
_POS_NAMES = {number: name for name, number in _POS_IDS.items()}
_PHRASE_BRACKETS = frozenset('«“"(')
#: words that join a second statement to the first (…، مع الإشارة إلى أن)
_JOINERS = folded_set("مع و ف ثم كما بعد عقب إثر اثر وسط")
#: passive reporting verbs: the speaker is unknown, not the previous one (يقال إن)
_PASSIVES = folded_set("يقال قيل")
#: words that point back without naming (المصدر ذاته، الوزير نفسه، المسؤول المذكور)
_ANAPHORIC = folded_set("ذات ذاته ذاتها نفس نفسه نفسها مذكور مذكورة أخير أخيرة")
_NO_MARKS = str.maketrans(dict.fromkeys('«»“”"'))
#: prepositions that may continue a speaker's phrase (مسؤول في الوزارة، المتحدث باسم، رئيس لجنة من …)
_PHRASE_PREPOSITIONS = frozenset({"ل", "في", "ب", "من", "عن", "لدي"})
#: nouns that open the setting of a statement, not part of the speaker (في بيان، خلال مؤتمر صحفي)
_SPEECH_SETTINGS = folded_set(
    "بيان بيانه بيانها تصريح تصريحات تصريحه تصريحها مؤتمر مقابلة حديث حديثه كلمة كلمته خطاب خطابه تغريدة "
    "تغريدات تغريدته حساب حسابه حسابها رسالة اتصال لقاء اجتماع جلسة إفادة منشور صفحة صفحته تسجيل فيديو ختام "
    "افتتاح أعقاب وقت ساعة يوم مناسبة سياق إطار رد ردا معرض حوار برنامج رئاسة قيادة")
#: who a statement is made to (قال لوكالة …، صرح للصحفيين)
_MEDIA = folded_set(
    "وكالة قناة صحيفة موقع صحفيين صحافيين صحافة وسائل تلفزيون إذاعة شبكة مجلة مراسل مراسلي نواب حضور مشاركين")
#: a name in quote marks between a verb and its إن/أن (وقال موقع "آير بي ان بي" إنه) has at most this many words
NAME_IN_MARKS_WORDS = 6
#: fragments of this many words or fewer with no cue are names or terms in quote marks, not quotations
SHORT_FRAGMENT_WORDS = 3
#: a reporting noun (الإشارة إلى أن) stands at most this many tokens from its أن
MASDAR_WINDOW = 5
#: an attributed statement (بحسب، وفقا لـ) has at least this many words
ATTRIBUTED_CLAUSE_WORDS = 5
#: a quotation with no cue at all is kept only when it opens a sentence and has at least this many words
STANDALONE_QUOTE_WORDS = 6
#: how many tokens a reporting verb may stand from its إن/أن (the speaker and a few words lie between)
VERB_WINDOW = 24


def _bare(word: str) -> str:
    """A folded word without its article (``الوزير`` → ``وزير``)."""
    return word[2:] if word.startswith("ال") and len(word) > 3 else word
