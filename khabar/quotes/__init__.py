"""khabar quotes: who said what, found by rules over an analyzed document.

:func:`find_quotes` takes the spaCy ``Doc`` that :func:`khabar.analyze` returns and gives one :class:`Quote`
per quotation, sorted by where its content starts (offsets into ``doc.text``, the repaired text):

* **direct** — text between ``« »``, ``“ ”`` or a pair of ASCII ``"`` (paired within one paragraph; a
  quote may run over several sentences). A mark left open at the end of its paragraph, or a closing mark
  with no opening one, gives no quote (it is skipped, nothing raises). Its cue and speaker come from a
  reporting verb before the opening mark (``قال الوزير: «…»``, ``الوزير قال: «…»``) or right after the
  closing one (``«…»، قال شكري``, ``«…»، بحسب البيان``). A short fragment (three words or fewer) with no
  cue is taken for a name or a term in quote marks (``صحيفة «الأهرام»``) and left out.
* **indirect** — a reporting verb (any person or tense, clitics split: ``وأكدت``، ``فأضاف``، ``يقول``)
  followed within a few tokens, after its speaker, by ``إن``/``أن``/``بأن`` (``أشار إلى أن``،
  ``حذر من أن``); the content runs from the word after ``إن``/``أن`` to the end of the sentence. A source
  attribution (``بحسب``، ``حسب``، ``وفقا لـ``، ``نقلا عن``، ``على لسان``) whose noun phrase is a person, an
  organisation or a title gives an indirect quote too: the content is the rest of the sentence after
  the attribution's comma, or else the sentence before the attribution.
* **mixed** — an indirect quote whose content holds a quoted fragment (``أكد أن «…»``); the fragment is
  not reported again as a direct quote.

The speaker is the PER/ORG entity or the noun phrase headed by a title (``المتحدث باسم الخارجية``،
``مصادر مطلعة``، ``الوزير``) right after the verb (VSO) or right before it (SVO); ``speaker_name`` is the
entity's canonical form (the fullest name in the article) or the description's text. A reporting verb
with no subject of its own (``وأضاف``، ``وقال``) takes ``speaker_name`` from the previous quote, else from the
person or organisation named just before it; a passive one (``يقال``) has none.

>>> import khabar
>>> doc = khabar.analyze("قال وزير الخارجية سامح شكري إن مصر ترفض التدخل. وأضاف: «لن نقبل بذلك».")
>>> [(q.type, q.content, q.cue, q.speaker_name) for q in find_quotes(doc)]
[('indirect', 'مصر ترفض التدخل', 'قال', 'سامح شكري'), ('direct', 'لن نقبل بذلك', 'أضاف', 'سامح شكري')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import asdict, dataclass
from typing import Any

from spacy.attrs import IDX, LEMMA, LENGTH, NORM, POS
from spacy.parts_of_speech import IDS as _POS_IDS

from khabar.quotes.cues import (
    ATTRIBUTIONS,
    COMPLEMENTIZERS,
    IMPERSONAL,
    MASDARS,
    PARTICIPLES,
    PERSON_TITLES,
    fold,
    folded_set,
    is_title,
    reporting_lemma,
)

__all__ = ["Quote", "find_quotes"]

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
_JOINERS = folded_set("مع و ف ثم كما")
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


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation: its content, the reporting cue and the speaker (offsets into ``doc.text``).

    ``type`` is ``"direct"``, ``"indirect"`` or ``"mixed"``; the content excludes the quote marks. ``speaker``
    is the mention in the quote's own sentence (None when there is none); ``speaker_name`` the fullest name
    in the article (or a description such as ``المتحدث باسم الخارجية``), inherited by a bare ``وأضاف``.

    >>> Quote("direct", 0, 2, "نعم", None, None, None, None, None, None, None).to_dict()["type"]
    'direct'
    """

    type: str
    content_start: int
    content_end: int
    content: str
    cue_start: int | None
    cue_end: int | None
    cue: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker: str | None
    speaker_name: str | None

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready fields of this quote."""
        return asdict(self)


# ---------------------------------------------------------------- document views


class _View:
    """Per-token lookups over one doc, computed once."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.text: str = doc.text
        self.n = len(doc)
        # token attributes as arrays: spaCy builds a Token object at every doc[i], which is slow in bulk
        columns = doc.to_array([IDX, LENGTH, NORM, LEMMA, POS]).tolist() if self.n else []
        strings = doc.vocab.strings
        self.starts: list[int] = [row[0] for row in columns]
        self.ends: list[int] = [row[0] + row[1] for row in columns]
        self.texts: list[str] = [self.text[row[0]:row[0] + row[1]] for row in columns]
        self.norms: list[str] = [strings[row[2]] for row in columns]
        self.lemmas: list[str] = [strings[row[3]] if row[3] else "" for row in columns]
        self.pos: list[str] = [_POS_NAMES.get(row[4], "") for row in columns]
        self.folded = [fold(norm) for norm in self.norms]
        self.ent: list[Any] = [None] * self.n
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.ent[i] = ent
        self.sent_start = [0] * self.n
        self.sent_end = [self.n] * self.n
        self.sent_index = [0] * self.n
        for number, sent in enumerate(doc.sents):
            start, end = sent.start, sent.end
            for i in range(start, end):
                self.sent_start[i] = start
                self.sent_end[i] = end
                self.sent_index[i] = number
        self.people = sorted({fold(e._.canonical or e.text): e._.canonical or e.text
                              for e in doc.ents if e.label_ == "PER"}.items(), key=lambda kv: -len(kv[0]))
        self._verbs: dict[int, str | None] = {}
        self._titled: list[tuple[int, frozenset[str], str]] | None = None
        #: nouns by folded form without the article (heads of منظمة أوكسفام، البنك المركزي التركي)
        self.heads: dict[str, list[int]] = {}
        for i, word in enumerate(self.folded):
            if self.pos[i] in ("NOUN", "PROPN"):
                self.heads.setdefault(_bare(word), []).append(i)

    def titled_people(self) -> list[tuple[int, frozenset[str], str]]:
        """(token, words of the title, full name) for each person named with a title beside the name.

        ``وزير الخارجية الأمريكي مايك بومبيو`` and ``محرم إنجة مرشح الحزب الجمهوري`` both count.
        """
        if self._titled is None:
            found = []
            for ent in self.doc.ents:
                if ent.label_ != "PER":
                    continue
                name = self.name_of(ent._.canonical or ent.text)
                before = [k for k in range(max(self.sent_start[ent.start], ent.start - 6), ent.start)]
                after = list(range(ent.end, min(self.sent_end[ent.start], ent.end + 5)))
                for window in (before, after):
                    titles = [k for k in window if _bare(self.folded[k]) in PERSON_TITLES]
                    if titles:
                        words = frozenset(_bare(self.folded[k]) for k in window if k >= titles[0])
                        found.append((ent.start, words, name))
            self._titled = found
        return self._titled

    def titled_person(self, i: int, k: int) -> str | None:
        """The person a bare title phrase (``الوزير``، ``وزير الخارجية``) at ``i:k`` refers to, or None.

        The title words must all appear beside the person's name; the latest such person before ``i`` wins,
        else the first one after it.
        """
        words = {_bare(self.folded[j]) for j in range(i, k) if self.pos[j] != "ADP"} - _ANAPHORIC
        matches = [(at, name) for at, title, name in self.titled_people() if words <= title]
        before = [m for m in matches if m[0] < i]
        if before:
            return before[-1][1]
        return matches[0][1] if matches else None

    def recent_subject(self, v: int) -> str | None:
        """The last person or organisation named in the sentence of ``v`` or the one before, before ``v``."""
        for ent in reversed(self.doc.ents):
            if ent.end > v:
                continue
            if self.sent_index[ent.start] < self.sent_index[v] - 1:
                return None
            if ent.label_ in _SPEAKER_LABELS:
                return self.name_of(ent._.canonical or ent.text) if ent.label_ == "PER" else \
                    (ent._.canonical or ent.text)
        return None

    def token_at(self, char: int) -> int:
        """The first token that ends after ``char``."""
        lo, hi = 0, self.n
        while lo < hi:
            mid = (lo + hi) // 2
            if self.ends[mid] <= char:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def attached(self, i: int) -> bool:
        """Whether token ``i`` is glued to the token before it (a clitic piece of the same word)."""
        return i > 0 and self.starts[i] == self.ends[i - 1]

    def is_punct(self, i: int) -> bool:
        return self.pos[i] == "PUNCT" or self.texts[i] in _MARKS

    def verb(self, i: int) -> str | None:
        if i not in self._verbs:
            self._verbs[i] = reporting_lemma(self.norms[i], self.lemmas[i], self.pos[i])
        return self._verbs[i]

    def complementizer(self, i: int) -> bool:
        """``إن``/``أن`` opening reported content (not ``لأن``، ``بعد أن``، ``إلا أن``)."""
        if self.folded[i] not in COMPLEMENTIZERS:
            return False
        return i == 0 or self.folded[i - 1] not in _NOT_REPORT_BEFORE

    def name_of(self, mention: str) -> str:
        """The fullest PER name in the doc that ends with ``mention`` (its own text when none)."""
        key = fold(mention)
        for folded, name in self.people:
            if folded == key or folded.endswith(" " + key):
                return name
        return mention


# ---------------------------------------------------------------- speakers

_Speaker = tuple[int, int, str]  # first token, token after the last, speaker_name


def _entity_mention(view: _View, ent: Any) -> _Speaker:
    """An entity as a speaker, cut before a stray preposition it swallowed (``شكري للصحفيين``)."""
    end = ent.start + 1
    while end < ent.end and view.pos[end] != "ADP" and not view.is_punct(end):
        end += 1
    if end == ent.end:
        name = ent._.canonical or ent.text
        return ent.start, end, view.name_of(name) if ent.label_ == "PER" else name
    text = view.text[view.starts[ent.start]:view.ends[end - 1]]
    return ent.start, end, view.name_of(text) if ent.label_ == "PER" else text


def _bare(word: str) -> str:
    """A folded word without its article (``الوزير`` → ``وزير``)."""
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def _np_token(view: _View, k: int) -> int:
    """How many tokens from ``k`` continue a speaker noun phrase (0: none)."""
    if view.folded[k] == "ب" and k + 1 < view.n and view.folded[k + 1] == "اسم":
        return 2  # المتحدث باسم …
    if view.ent[k] is not None and view.ent[k].label_ in ("DATE", "TIME"):
        return 0
    if view.pos[k] in _NP_POS and not view.complementizer(k) and view.folded[k] not in _TIME_WORDS \
            and view.verb(k) is None and not view.is_punct(k):
        return 1
    return 0


def _phrase_end(view: _View, i: int, limit: int) -> int:
    """The token after the noun phrase that starts at ``i`` (``i`` when none starts there).

    The phrase takes nouns, adjectives, names and entities, ``باسم``, and a preposition followed by a noun or a
    name (``مسؤولون في وزارة الصحة``، ``الرئيس التنفيذي لمجموعة واندا``), but not a preposition that opens the
    setting of the speech (``في بيان``، ``لوكالة الأنباء``، ``للصحفيين``), and ends with an apposed name
    (``…، وانغ جيانلين،``).
    """
    k = i
    while k < limit and k - i < 14:
        ent = view.ent[k]
        if ent is not None and ent.start == k and ent.label_ in _NAME_LABELS:
            k = min(ent.end, limit)
            continue
        word = view.folded[k]
        if k > i and view.texts[k] in _PHRASE_BRACKETS:
            closing = _aside_end(view, k, limit)
            if closing:
                k = closing + 1  # منظمة "أوكسفام"، منظمة (بلاند بيرنتهود)
                continue
            break
        if k > i and word in _PHRASE_PREPOSITIONS and k + 1 < limit:
            if view.ent[k - 1] is not None and view.ent[k - 1].label_ == "PER":
                break  # a person's name ends the phrase: شكري في القاهرة is where he spoke
            if word == "ب" and view.folded[k + 1] == "اسم":
                k += 2
                continue
            following, bare = view.folded[k + 1], _bare(view.folded[k + 1])
            if bare in _SPEECH_SETTINGS or (word == "ل" and bare in _MEDIA) or view.texts[k + 1] in _MARKS:
                break
            named = view.ent[k + 1] is not None and view.ent[k + 1].label_ in _NAME_LABELS
            if named or (view.pos[k + 1] in ("NOUN", "PROPN", "X") and following not in _TIME_WORDS):
                k += 1
                continue
            break
        step = _np_token(view, k)
        if not step or (k > i and view.pos[k] == "NOUN" and view.folded[k].startswith("ال")
                        and view.folded[k - 1].startswith("ال")
                        and view.ent[k] is None and view.pos[k - 1] != "ADP" and not is_title(view.norms[k])
                        and not (k > i + 1 and view.pos[k - 2] == "ADP")):
            break  # الوزير الهجوم: a second definite noun starts the object, not the speaker's phrase
        k += step
    while k > i and view.pos[k - 1] == "ADP":
        k -= 1
    if i < k < limit - 1 and view.texts[k] in "،," and view.ent[k + 1] is not None \
            and view.ent[k + 1].start == k + 1 and view.ent[k + 1].label_ == "PER":
        k = min(view.ent[k + 1].end, limit)  # apposition: الرئيس التنفيذي للشركة، فلان،
    return k


def _speaker_name(view: _View, i: int, k: int) -> str:
    """The fullest name for the phrase ``i:k``: a person's full name, a titled person's name, or the phrase."""
    for j in range(i, k):
        ent = view.ent[j]
        if ent is not None and ent.label_ == "PER":
            return view.name_of(ent._.canonical or ent.text)
    text = view.text[view.starts[i]:view.ends[k - 1]]
    if k - i == 1 and view.ent[i] is not None and view.ent[i].label_ == "ORG":
        return view.ent[i]._.canonical or text
    if k - i <= 8 and _bare(view.folded[i]) in PERSON_TITLES:
        person = view.titled_person(i, k)
        if person is not None:
            return person
    if k - i <= 3 and (view.folded[i].startswith("ال") or is_title(view.norms[i])):
        fuller = _antecedent(view, i, k)
        if fuller is not None:
            return fuller
    return text


#: how many tokens before and after a short phrase its fuller description is looked for (a long article)
ANTECEDENT_REACH = 3000


def _antecedent(view: _View, i: int, k: int) -> str | None:
    """The fuller description a short phrase (``المنظمة``، ``البنك المركزي``) refers back to.

    Candidates are longer phrases headed by the same noun (``منظمة أوكسفام``، ``البنك المركزي التركي``) that
    contain every word of the short phrase; one that holds a name beats one that does not, then the longer
    one; candidates before ``i`` beat those after it.
    """
    head = _bare(view.folded[i])
    everything = {_bare(view.folded[j]) for j in range(i, k)}
    wanted = everything - _ANAPHORIC
    # only mentions within an article's reach: a long text (a 10 MB file is one doc) made this quadratic
    mentions = view.heads.get(head, [])
    mentions = mentions[bisect_left(mentions, i - ANTECEDENT_REACH):bisect_right(mentions, k + ANTECEDENT_REACH)]
    if wanted != everything:  # المصدر ذاته: the same source as the last one named with that noun
        for j in reversed(mentions):
            if j < i:
                end = _phrase_end(view, j, view.sent_end[j])
                if end - j > 1 and not {_bare(view.folded[m]) for m in range(j, end)} & _ANAPHORIC:
                    return _strip_marks(view.text[view.starts[j]:view.ends[end - 1]])
    best: tuple[bool, bool, int] | None = None
    found: str | None = None
    for j in mentions:
        if i <= j < k:
            continue
        end = _phrase_end(view, j, view.sent_end[j])
        if end - j <= k - i or not wanted <= {_bare(view.folded[m]) for m in range(j, end)}:
            continue
        named = any(view.ent[m] is not None or view.pos[m] in ("PROPN", "X") or view.texts[m] in _MARKS
                    for m in range(j, end))
        if not named and any(view.pos[m] != "ADJ" and _bare(view.folded[m]) not in wanted
                             for m in range(j, end)):
            continue  # without a name, only adjectives may be added (البنك المركزي → البنك المركزي التركي)
        rank = (j < i, named, end - j)
        if best is None or rank > best:
            best, found = rank, _strip_marks(view.text[view.starts[j]:view.ends[end - 1]])
    return found


def _strip_marks(text: str) -> str:
    return " ".join(text.translate(_NO_MARKS).split())


def _speaker_after(view: _View, i: int, limit: int, source: bool = False) -> _Speaker | None:
    """The speaker starting at token ``i`` (after a verb or an attribution): an entity or a noun phrase.

    With ``source`` (after بحسب، وفقا لـ) the phrase must name a source: a person, an organisation or a
    title (``وفقا للخطة`` is no attribution).
    """
    if i < limit and view.texts[i] in _MARKS:
        closing = _aside_end(view, i, limit)
        following = closing + 1
        if closing and closing - i <= SHORT_FRAGMENT_WORDS + 1 and (
                following >= limit or view.complementizer(following) or view.folded[following] == "عبر" or (
                    view.pos[following] == "ADP" and following + 1 < view.n
                    and _bare(view.folded[following + 1]) in _SPEECH_SETTINGS)):
            name = _strip_marks(view.text[view.starts[i]:view.ends[closing]])  # وقال "القوس" عبر حسابه
            return i, closing + 1, view.name_of(name)
    if i >= limit or view.is_punct(i) or view.complementizer(i) or view.pos[i] == "ADP":
        return None
    if source:
        ent = view.ent[i]
        named = ent is not None and ent.start == i and ent.label_ in _SPEAKER_LABELS
        if not named and not is_title(view.norms[i]):
            return None
    k = _phrase_end(view, i, limit)
    if k <= i:
        return None
    return i, k, _speaker_name(view, i, k)


def _speaker_before(view: _View, v: int, lo: int) -> _Speaker | None:
    """The subject standing right before verb ``v`` (SVO): an entity, or a phrase that opens with a title."""
    k = v - 1
    if k < lo or view.attached(v) or view.is_punct(k):
        return None
    ent = view.ent[k]
    person: _Speaker | None = None
    if ent is not None and ent.end == v and ent.label_ in _SPEAKER_LABELS:
        person = _entity_mention(view, ent)
        if person[1] != v:
            person = None
        else:
            k = ent.start - 1
    start = k + 1
    while k >= lo and v - k < 12 and (_np_token(view, k) or view.folded[k] == "اسم") \
            and (not view.attached(k) or view.folded[k] == "اسم"):
        if is_title(view.norms[k]):
            start = k
        k -= 1
    if start < v and is_title(view.norms[start]):
        name = person[2] if person else _speaker_name(view, start, v)
        return start, v, name
    return person


def _verb_speaker(view: _View, v: int, limit: int, lo: int) -> _Speaker | None:
    """The speaker of reporting verb ``v``: after it (VSO) up to ``limit``, else before it (SVO) from ``lo``.

    A participle (``قائلا``، ``مشيرة``) has no subject of its own: its speaker is the subject of the verb
    that governs it earlier in the sentence (``وكتب المتحدث … قائلا إن``).
    """
    if view.folded[v] in PARTICIPLES:
        window = range(v - 1, max(lo, v - 40) - 1, -1)
        governing = next((u for u in window if view.verb(u) is not None and view.folded[u] not in PARTICIPLES),
                         None)  # ذكر مصدر عسكري أن …، مؤكدا أن: the reporting verb, not a verb of its content
        if governing is None:
            governing = next((u for u in window if view.pos[u] == "VERB"), None)
        if governing is None:
            return None
        return _speaker_after(view, governing + 1, v) or _speaker_before(view, governing, lo)
    if v > lo and view.folded[v - 1] in _RELATIVES:  # فلان الذي أكد أن
        return _speaker_before(view, v - 1, lo)
    before = _speaker_before(view, v, lo)
    if before is not None and view.ent[v - 1] is not None:  # الجعفري أبلغ وفدا تركيا أن: the subject comes first
        return before
    return _speaker_after(view, v + 1, limit) or before


# ---------------------------------------------------------------- direct quotes


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"\n", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _mark_pairs(text: str) -> list[tuple[int, int]]:
    """(opening mark, closing mark) character positions, paired within a paragraph (« and “ also with the next).

    >>> _mark_pairs('أ «ب» "ج" «د')
    [(2, 4), (6, 8)]
    >>> _mark_pairs('قال: «أ\\nب» و«ج\\nد\\nه»')
    [(5, 9)]
    """
    pairs: list[tuple[int, int]] = []
    carried: dict[str, int] = {}
    for start, end in _paragraphs(text):
        # a « or “ left open at the end of a paragraph may close in the next one (a quote over two
        # paragraphs), never later; an ASCII " never carries over, it is too often stray
        open_at: dict[str, int] = dict(carried)
        for pos in range(start, end):
            char = text[pos]
            if char in _PAIRS:
                open_at[char] = pos  # a second opener before the closer: the first one was stray
            elif char in _CLOSERS and _CLOSERS[char] in open_at:
                pairs.append((open_at.pop(_CLOSERS[char]), pos))
            elif char == '"':
                if '"' in open_at:
                    pairs.append((open_at.pop('"'), pos))
                else:
                    open_at['"'] = pos
        carried = {ch: pos for ch, pos in open_at.items() if ch in _PAIRS and pos >= start}
    pairs.sort()
    kept: list[tuple[int, int]] = []
    for pair in pairs:  # a pair nested in another belongs to the outer quote
        if kept and pair[0] < kept[-1][1]:
            continue
        kept.append(pair)
    return kept


def _inner(text: str, open_pos: int, close_pos: int) -> tuple[int, int]:
    start, end = open_pos + 1, close_pos
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# ---------------------------------------------------------------- builders


@dataclass(slots=True)
class _Draft:
    type: str
    start: int
    end: int
    cue: tuple[int, int] | None = None  # token range
    speaker: _Speaker | None = None
    verb: str | None = None
    inherit: bool = False

    def build(self, view: _View, name: str | None) -> Quote:
        text = view.text
        cue_start = view.starts[self.cue[0]] if self.cue else None
        cue_end = view.ends[self.cue[1] - 1] if self.cue else None
        sp_start = view.starts[self.speaker[0]] if self.speaker else None
        sp_end = view.ends[self.speaker[1] - 1] if self.speaker else None
        return Quote(self.type, self.start, self.end, text[self.start:self.end], cue_start, cue_end,
                     text[cue_start:cue_end] if cue_start is not None else None, sp_start, sp_end,
                     text[sp_start:sp_end] if sp_start is not None else None, name)


def _content_end(view: _View, last_token: int) -> int:
    """The end of the content that runs to the end of the sentence holding ``last_token``."""
    end = view.ends[view.sent_end[last_token] - 1]
    while end > 0 and view.text[end - 1] in _TRAILING:
        end -= 1
    return end


_ATTRIBUTION_FIRSTS = frozenset(phrase[0] for phrase in ATTRIBUTIONS)


def _attribution_at(view: _View, i: int) -> int:
    """How many tokens an attribution phrase (بحسب، نقلا عن، …) starting at ``i`` takes (0: none)."""
    if view.folded[i] not in _ATTRIBUTION_FIRSTS:
        return 0
    for phrase in ATTRIBUTIONS:
        if tuple(view.folded[i:i + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def _indirect(view: _View, inside: list[tuple[int, int]]) -> list[_Draft]:
    """Reporting verbs followed by إن/أن, and source attributions."""
    drafts: list[_Draft] = []
    used_until = -1

    merged: list[list[int]] = []  # the quoted spans as disjoint sorted intervals, searched by bisection
    for start, end in sorted(inside):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    merged_starts = [start for start, _ in merged]

    def quoted(i: int) -> bool:
        n = bisect_right(merged_starts, view.starts[i]) - 1
        return n >= 0 and view.starts[i] < merged[n][1]

    for v in range(view.n):
        if v <= used_until:
            continue
        lemma = view.verb(v)
        if lemma is None and view.folded[v] in MASDARS and view.pos[v] == "NOUN":
            lemma = MASDARS[view.folded[v]]  # مع الإشارة إلى أن، توضيح التقرير أن
        if (lemma is not None or view.folded[v] in _ATTRIBUTION_FIRSTS) and quoted(v):
            continue
        if lemma is not None:
            draft = _indirect_verb(view, v, lemma)
            if draft is not None:
                drafts.append(draft)
                used_until = view.token_at(draft.start)
            continue
        size = _attribution_at(view, v)
        if size:
            draft = _indirect_attribution(view, v, size)
            if draft is not None:
                drafts.append(draft)
                used_until = v + size
    return drafts


def _indirect_verb(view: _View, v: int, lemma: str) -> _Draft | None:
    if view.folded[v] in IMPERSONAL:
        return None  # يذكر أن، يشار إلى أن: the writer's aside
    window = MASDAR_WINDOW if view.verb(v) is None else VERB_WINDOW
    limit = min(view.sent_end[v], v + window)
    relative = False
    j = v
    while j + 1 < limit:
        j += 1
        token_text = view.texts[j]
        if token_text == ":" and j + 1 < view.sent_end[v] and view.texts[j + 1] not in _MARKS:
            return _colon_speech(view, v, j, lemma)
        skip = _aside_end(view, j, limit)
        if skip:
            j = skip
            continue
        if view.complementizer(j):
            start_tok = j + 1
            while start_tok < view.n and view.attached(start_tok):
                start_tok += 1
            if start_tok >= view.sent_end[v] and not (start_tok < view.n and view.texts[start_tok] in _MARKS):
                return None
            start = view.starts[start_tok] if start_tok < view.n else view.ends[j]
            end = _content_end(view, j)
            if end <= start:
                return None
            speaker = _verb_speaker(view, v, j, view.sent_start[v])
            if lemma == "نقل":  # نقلت رويترز عن مصدر مطلع أن: the source after عن speaks
                source = next((k for k in range(v + 1, j) if view.folded[k] == "عن"), None)
                speaker = _speaker_after(view, source + 1, j) if source is not None else None
            return _Draft("indirect", start, end, (v, v + 1), speaker, lemma,
                          inherit=speaker is None and view.folded[v] not in _PASSIVES)
        if token_text in _MARKS or token_text in (":", ".", "؟", "!", "?") or view.verb(j) is not None:
            return None
        if view.folded[j] in _TIME_WORDS:
            continue  # صرح لـ"وات" مساء امس أن: امس may be tagged as a verb
        if view.folded[j] in _RELATIVES:
            relative = True
        if view.pos[j] == "VERB" and not relative:
            return None
    return None


def _aside_end(view: _View, j: int, limit: int) -> int:
    """The last token of an aside opening at ``j`` that a verb may have before its إن/أن (0: none).

    Asides are a name in quote marks (``وقالت "أوكسفام" إن``، ``لمراسل "الجوهرة أف أم"``) of at most
    :data:`NAME_IN_MARKS_WORDS` words, and a parenthesis between dashes or brackets.
    """
    text = view.texts[j]
    closer = {"«": "»", "“": "”", '"': '"', "-": "-", "–": "–", "(": ")"}.get(text)
    if closer is None:
        return 0
    longest = NAME_IN_MARKS_WORDS + 1 if text in _MARKS else 20
    for k in range(j + 1, min(limit, j + 1 + longest)):
        if view.texts[k] == closer:
            return k
        if k == j + 1 and text in _MARKS and view.complementizer(k):
            return 0  # قال "إن …": a quotation, not a name
    return 0


def _colon_speech(view: _View, v: int, colon: int, lemma: str) -> _Draft | None:
    """``وقال الوزير: الحكومة لن تتراجع.`` — speech after a colon without quote marks (a direct quote)."""
    first = colon + 1
    while first < view.n and view.is_punct(first):
        first += 1
    if first >= view.sent_end[v]:
        return None
    start, end = view.starts[first], _content_end(view, first)
    if len(view.text[start:end].split()) < 2:
        return None
    speaker = _verb_speaker(view, v, colon, view.sent_start[v])
    return _Draft("direct", start, end, (v, v + 1), speaker, lemma, inherit=speaker is None)


def _indirect_attribution(view: _View, a: int, size: int) -> _Draft | None:
    cue_end = a + size
    sent_start, sent_end = view.sent_start[a], view.sent_end[a]
    speaker_at = cue_end
    if speaker_at < sent_end and view.folded[speaker_at] == "ما" and speaker_at + 1 < sent_end \
            and view.verb(speaker_at + 1) is not None:  # بحسب ما ذكرت الوكالة
        cue_end = speaker_at + 2
        speaker_at = cue_end
    speaker = _speaker_after(view, speaker_at, sent_end, source=True)
    if speaker is None:
        return None
    after = speaker[1]
    while after < sent_end and view.is_punct(after) and view.texts[after] not in _MARKS:
        after += 1
    while after < sent_end and view.folded[after] in ("ف", "ان", "و"):
        after += 1
    relative_after = after < sent_end and (view.folded[after] in _RELATIVES or (
        view.folded[after] == "و" and after + 1 < sent_end and view.folded[after + 1] in _RELATIVES))
    if speaker[1] < sent_end and view.complementizer(speaker[1]):  # وجاء في التقرير أن …
        after = speaker[1] + 1
        while after < sent_end and view.attached(after):
            after += 1
        if after >= sent_end:
            return None
        start, end = view.starts[after], _content_end(view, after)
    elif view.starts[after if after < view.n else view.n - 1] > view.ends[speaker[1] - 1] and after < sent_end \
            and view.texts[speaker[1]] in "،," and not relative_after:
        start, end = view.starts[after], _content_end(view, after)
    else:
        first = sent_start
        while first < a and (view.is_punct(first) or view.folded[first] in ("و", "ف")):
            first += 1
        start = view.starts[first]
        end = view.starts[a] if a > first else start
        while end > start and view.text[end - 1] in _TRAILING:
            end -= 1
    if end <= start:
        return None
    first = view.token_at(start)
    if first < a and len(view.text[start:end].split()) < ATTRIBUTED_CLAUSE_WORDS and not any(
            view.pos[t] == "VERB" and view.folded[t - 1] not in _RELATIVES for t in range(first + 1, a)):
        return None  # التصريحات التي جاءت على لسان …: a noun phrase before it, not a statement
    return _Draft("indirect", start, end, (a, cue_end), speaker, None)


def _names_speaker(view: _View, close_tok: int) -> bool:
    """Whether a quoted fragment closing at ``close_tok`` is followed by إن/أن (it named the speaker)."""
    k = close_tok + 1
    while k < view.n and k - close_tok <= 4 and not view.complementizer(k):
        k += 1
    return k < view.n and view.complementizer(k)


def _direct_cue(view: _View, open_tok: int, close_tok: int, lo: int, words: int) -> _Draft | None:
    """Cue and speaker of a direct quote: a verb before its opening mark, or right after its closing one."""
    text = view.text
    before = view.starts[open_tok] - 1
    while before >= 0 and text[before].isspace():
        before -= 1
    colon = before >= 0 and text[before] == ":"
    first = view.sent_start[open_tok]
    if colon and first == open_tok and first > 0:
        first = view.sent_start[first - 1]
    first = max(first, lo, open_tok - (20 if words <= STANDALONE_QUOTE_WORDS else 60))
    draft = _Draft("direct", 0, 0)
    for v in range(open_tok - 1, first - 1, -1):
        lemma = view.verb(v)
        if lemma is None:
            continue
        if not colon and words <= NAME_IN_MARKS_WORDS and _names_speaker(view, close_tok):
            break  # وقال "آير بي ان بي" إنه …: the marks hold the speaker's name
        if not colon and words <= SHORT_FRAGMENT_WORDS and lemma not in ("وصف", "اعتبر"):
            break
        speaker = _verb_speaker(view, v, open_tok, first)
        draft.cue, draft.speaker, draft.verb = (v, v + 1), speaker, lemma
        draft.inherit = speaker is None
        return draft
    k = close_tok + 1
    while k < view.n and k - close_tok <= 3 and view.is_punct(k) and view.texts[k] not in _MARKS \
            and view.texts[k] not in _SENTENCE_END:
        k += 1
    if k >= view.n:
        return None
    end = view.sent_end[k]
    lemma = view.verb(k)
    if lemma is not None:
        speaker = _speaker_after(view, k + 1, end)
        draft.cue, draft.speaker, draft.verb = (k, k + 1), speaker, lemma
        draft.inherit = speaker is None
        return draft
    size = _attribution_at(view, k)
    if size:
        speaker = _speaker_after(view, k + size, end, source=True)
        if speaker is not None:
            draft.cue, draft.speaker = (k, k + size), speaker
            return draft
    return None


def _opens_sentence(text: str, mark: int) -> bool:
    """Whether the quote mark at ``mark`` starts a sentence or a paragraph (or follows a colon)."""
    before = text[:mark].rstrip(" \t")
    return not before or before[-1] in "\n.!?؟:"


def find_quotes(doc: Any) -> list[Quote]:
    """The direct, indirect and mixed quotations of an analyzed ``doc``, sorted by ``content_start``.

    >>> import khabar
    >>> doc = khabar.analyze("«سنواصل العمل»، قال الرئيس عبد الفتاح السيسي. وأكدت مصادر مطلعة أن الاجتماع تأجل.")
    >>> [(q.type, q.content, q.speaker, q.speaker_name) for q in find_quotes(doc)]  # doctest: +NORMALIZE_WHITESPACE
    [('direct', 'سنواصل العمل', 'الرئيس عبد الفتاح السيسي', 'عبد الفتاح السيسي'),
     ('indirect', 'الاجتماع تأجل', 'مصادر مطلعة', 'مصادر مطلعة')]
    >>> find_quotes(khabar.analyze(""))
    []
    """
    view = _View(doc)
    if view.n == 0:
        return []
    text = view.text
    pairs = [(o, c, *_inner(text, o, c)) for o, c in _mark_pairs(text)]
    pairs = [p for p in pairs if p[3] > p[2]]
    drafts = _indirect(view, [(o, c) for o, c, _, _ in pairs])

    # mixed: an indirect content that holds a quoted fragment takes the fragment in (and its whole extent)
    absorbed: set[int] = set()
    opens = [o for o, _, _, _ in pairs]  # in text order: only the marks inside a draft are looked at
    for draft in drafts:
        for n in range(bisect_left(opens, draft.start), len(pairs)):
            o, c, start, end = pairs[n]
            if o >= draft.end:
                break
            if n in absorbed:
                continue
            if any(view.verb(t) is not None for t in range(view.token_at(draft.start), view.token_at(o))):
                continue  # أكد أن …، وقال: «…»: the quote has its own cue, it is not a fragment of this one
            absorbed.add(n)
            draft.type = "mixed"
            if c < view.ends[view.sent_end[view.token_at(draft.end - 1)] - 1]:
                draft.end = max(draft.end, c + 1)  # a closing mark beyond the sentence is not followed
            if o == draft.start and not text[c + 1:draft.end].strip(_TRAILING):
                # the whole content is one quoted passage: verbatim words, a direct quote, marks off
                draft.start, draft.end, draft.type = start, end, "direct"

    lo = 0
    for n, (o, c, start, end) in enumerate(pairs):
        if n in absorbed:
            lo = view.token_at(c) + 1
            continue
        open_tok, close_tok = view.token_at(o), view.token_at(c)
        words = len(text[start:end].split())
        found = _direct_cue(view, open_tok, close_tok, lo, words)
        if found is None:
            # no cue: a slogan or a title in marks, unless it is a passage of speech standing alone
            # (a sentence of its own that continues the previous speaker)
            if words < STANDALONE_QUOTE_WORDS or not _opens_sentence(text, o) or _names_speaker(view, close_tok):
                continue
            found = _Draft("direct", 0, 0, inherit=True)
        found.start, found.end = start, end
        drafts.append(found)
        lo = close_tok + 1  # a later quote's cue lies after this one (a name in marks does not count)

    drafts.sort(key=lambda d: d.start)
    drafts = [d for d in drafts
              if not (d.verb is None and d.cue is not None and any(
                  o is not d and o.start < d.end and d.start < o.end and o.verb is not None for o in drafts))]
    for draft, following in zip(drafts, drafts[1:]):  # «…»، مضيفة أن …: the next cue ends this content
        if following.cue is not None and draft.start < view.starts[following.cue[0]] < draft.end:
            cut = following.cue[0]
            while cut - 1 > view.token_at(draft.start) and (
                    view.folded[cut - 1] in _JOINERS or (view.is_punct(cut - 1) and view.texts[cut - 1] not in _MARKS)):
                cut -= 1  # …، مع الإشارة إلى أن: the joining word belongs to neither content
            end = view.starts[cut]
            while end > draft.start and text[end - 1] in _TRAILING:
                end -= 1
            draft.end = end
    quotes: list[Quote] = []
    previous: str | None = None
    for draft in drafts:
        if draft.end <= draft.start:
            continue
        if draft.type == "mixed" and text[draft.start] in _PAIRS and text[draft.end - 1] == _PAIRS[text[draft.start]] \
                and not any(ch in _MARKS for ch in text[draft.start + 1:draft.end - 1]):
            draft.start, draft.end = _inner(text, draft.start, draft.end - 1)  # only one quoted passage
            draft.type = "direct"
        if draft.speaker:
            name = draft.speaker[2]
        elif draft.inherit:
            name = previous or (view.recent_subject(draft.cue[0]) if draft.cue else None)
        else:
            name = None
        quotes.append(draft.build(view, name))
        previous = name
    return quotes
