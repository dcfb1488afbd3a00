"""Quotes built from reporting verbs, attributions and quotation marks: :func:`find_quotes`."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any

from khabar.quotes.cues import (
    ACT_OF,
    ACT_PREPOSITIONS,
    ATTRIBUTIONS,
    IMPERSONAL,
    MASDARS,
    OBJECT_FIRST,
    PARTICIPLES,
    SPEECH_ACT_VERBS,
    act_of,
    fold,
    is_title,
    may_report,
)
from khabar.quotes.lexicon import (
    _JOINERS,
    _MARKS,
    _PAIRS,
    _PASSIVES,
    _RELATIVES,
    _SENTENCE_END,
    _TIME_WORDS,
    _TRAILING,
    ATTRIBUTED_CLAUSE_WORDS,
    MASDAR_WINDOW,
    NAME_IN_MARKS_WORDS,
    SHORT_FRAGMENT_WORDS,
    STANDALONE_QUOTE_WORDS,
    VERB_WINDOW,
)
from khabar.quotes.marks import _inner, _mark_pairs
from khabar.quotes.model import Quote
from khabar.quotes.ranker import choose, load_model
from khabar.quotes.speakers import _aside_end, _Speaker, _speaker_after, _speaker_name, _verb_speaker
from khabar.quotes.view import _View

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
                     text[sp_start:sp_end] if sp_start is not None else None, name, self.act(view))

    def act(self, view: _View) -> str:
        """What the speaker did, from the cue's verb (and, after أعرب/عبر عن, the noun it names)."""
        following = None
        if self.cue is not None and ACT_OF.get(self.verb or "") == "concern":
            last = min(view.n - 1, view.token_at(self.start) + 1)
            about = next((k for k in range(self.cue[1], last) if view.folded[k] == _ABOUT), None)
            if about is not None and about + 1 < view.n:
                following = view.folded[about + 1]
            elif self.verb == _SHOW:
                following = view.folded[view.token_at(self.start)]  # أبدى الوزير قلقه
        act = act_of(self.verb, following)
        if act == "statement":  # أكد على ضرورة …، قال إنه يجب …: a statement of necessity is a demand
            k = view.token_at(self.start)
            while k < view.n and view.folded[k] in ("علي", "ب", "ان", "انه"):
                k += 1
            opening = {view.folded[m] for m in range(k, min(view.n, k + 3))}
            if view.folded[min(k, view.n - 1)] in _NECESSITY or opening & _MUST:
                return "demand"
        return act


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

    # only tokens that can open a quotation are looked at (most tokens cannot: a set lookup rules them out)
    firsts = _ATTRIBUTION_FIRSTS | MASDARS.keys() | _CHARGE_VERBS | _ACT_MASDARS.keys()
    candidates = [v for v in range(view.n)
                  if view.folded[v] in firsts or may_report(view.folded[v], view.lemmas[v])]
    for v in candidates:
        if v <= used_until:
            continue
        lemma = view.verb(v)
        if lemma is None and view.folded[v] in MASDARS and view.pos[v] == "NOUN":
            lemma = MASDARS[view.folded[v]]  # مع الإشارة إلى أن، توضيح التقرير أن
        if (lemma is not None or view.folded[v] in _ATTRIBUTION_FIRSTS) and quoted(v):
            continue
        if lemma is None and view.folded[v] in _ACT_MASDARS and not quoted(v):
            act = _masdar_act(view, v)  # بعد اتهام المسؤولة الدولية الفلبين بالتعامل بعنف …
            if act is not None:
                drafts.append(act)
            continue
        if lemma is None and view.folded[v] in _CHARGE_VERBS and view.pos[v] == "VERB" and not quoted(v):
            as_verb = _light_verb_act(view, v)
            if as_verb is not None:  # ووجهت الحكومة الاتهام لامرأة روسية، ووجهت الوزارة انتقادات لاذعة
                act = _speech_act(view, v, as_verb)
                if act is not None:
                    drafts.append(act)
            continue
        if lemma is not None:
            draft = _indirect_verb(view, v, lemma)
            if draft is not None:
                drafts.append(draft)
                used_until = view.token_at(draft.start)
            elif lemma in SPEECH_ACT_VERBS and view.verb(v) is not None:
                act = _speech_act(view, v, lemma)
                if act is not None:
                    drafts.append(act)
            continue
        size = _attribution_at(view, v)
        if size:
            draft = _indirect_attribution(view, v, size)
            if draft is not None:
                drafts.append(draft)
                used_until = v + size
    return drafts


def _writer_reasoning(view: _View, v: int) -> bool:
    """``وهذا يؤكد أن``، ``وهو ما يؤكد أن``، ``الأمر الذي يشير إلى أن``، ``مما يعني أن``: the verb's subject is a
    thing just said, so the clause is the writer's reasoning, not someone's words."""
    k = v - 1
    if k < 0:
        return False
    word = view.folded[k]
    if word in _THIS or word == _MIMMA:
        return True
    if word in (_MA, _ALLADHI) and k > 0:
        return view.folded[k - 1] in _THIS or view.folded[k - 1] in _IT or view.folded[k - 1] == _THE_MATTER
    return False


def _cut_reasoning(view: _View, draft: _Draft) -> None:
    """End ``draft`` before a clause of the writer's reasoning inside it (``، وهو ما يؤكد أن``)."""
    first, last = view.token_at(draft.start), view.token_at(max(draft.start, draft.end - 1))
    for k in range(first + 1, last + 1):
        if view.verb(k) is None or not _writer_reasoning(view, k):
            continue
        cut = k - 1
        while cut - 1 > first and (view.folded[cut - 1] in _REASONING_WORDS or view.is_punct(cut - 1)):
            cut -= 1
        end = view.starts[cut]
        while end > draft.start and view.text[end - 1] in _TRAILING:
            end -= 1
        if end > draft.start:
            draft.end = end
        return


_THIS = frozenset(fold(w) for w in ("هذا", "هذه", "ذلك", "تلك"))
_IT = frozenset(fold(w) for w in ("هو", "هي"))
_MA, _MIMMA, _ALLADHI, _THE_MATTER = fold("ما"), fold("مما"), fold("الذي"), fold("الأمر")
_REASONING_WORDS = frozenset(fold(w) for w in ("و", "هو", "هي", "ما", "هذا", "هذه", "ذلك", "الأمر", "الذي", "مما"))


def _indirect_verb(view: _View, v: int, lemma: str) -> _Draft | None:
    if view.folded[v] in IMPERSONAL or _writer_reasoning(view, v):
        return None  # يذكر أن، يشار إلى أن، وهذا يؤكد أن: the writer's aside or reasoning
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




#: statement verbs count as speech acts only with a speaker of their own (أعلن الجيش مقتل …), not inherited
_STATEMENT_ACT_VERBS = frozenset(fold(v) for v in ("أعلن", "أكد", "كشف", "أقر", "اعترف", "تعهد", "توقع", "أشار",
                                                   "شدد", "أوضح", "ذكر", "روى"))
_ABOUT = fold("عن")
#: a content that opens with a necessity (ضرورة …، يجب …) demands rather than states
_NECESSITY = frozenset(fold(w) for w in ("ضرورة", "بضرورة", "وجوب", "بوجوب"))
_MUST = frozenset(fold(w) for w in ("يجب", "يتعين", "ينبغي", "لابد"))
_SHOW = fold("أبدى")  # أبدى names its act by its object (قلقه، استعداده)
_SOURCE_LABELS = frozenset({"PER", "ORG", "LOC", "MISC"})
#: words that open a described source: هؤلاء الأعضاء، عدد من الناشطين، بعض المسؤولين، أحد المستخدمين
_QUANTIFIERS = frozenset(fold(w) for w in ("هؤلاء", "عدد", "بعض", "أحد", "إحدى", "عشرات", "مئات", "كثيرون"))
#: light verbs whose object names the act: ``وجه (إليه) الاتهام`` (an accusation), ``وجه انتقادات`` (a
#: condemnation), ``حمل الحكومة مسؤولية`` and ``ألقى باللائمة على`` (accusations)
_LIGHT_VERBS = {fold(w): kind for kind, words in (
    ("direct", "وجه وجهت يوجه توجه وجهوا وجهها وجهه"),
    ("blame", "حمل حملت حملوا يحملون ألقى ألقت ألقوا يلقي"),
) for w in words.split()}
_CHARGE_VERBS = frozenset(_LIGHT_VERBS)
_LIGHT_OBJECTS = {fold(w): fold(verb) for verb, words in (
    ("اتهم", "الاتهام اتهاما اتهامات الاتهامات تهمة تهما التهمة التهم تهم مسؤولية المسؤولية باللائمة باللوم "
             "اللوم"),
    ("انتقد", "انتقادات انتقادا الانتقادات انتقاد"),
    ("حذر", "تحذيرا تحذيرات التحذير"),
    ("ناشد", "نداء دعوة مناشدة"),
) for w in words.split()}
#: objects a blaming verb (حمل، ألقى) must have: anything else is carrying or throwing
_BLAME_OBJECTS = frozenset(fold(w) for w in ("مسؤولية", "المسؤولية", "باللائمة", "باللوم", "اللوم"))


#: verbal nouns of speech acts, as told after بعد/مع/عقب/إثر (``بعد اتهام المسؤولة الفلبين ب…``، ``مع دعوة اللجنة
#: إلى…``، ``بعد انتقادها لحربه``) → the verb whose act they perform
_ACT_MASDARS = {fold(noun): fold(verb) for verb, nouns in (
    ("اتهم", "اتهام"), ("دعا", "دعوة دعوته دعوتها دعوتهم"), ("انتقد", "انتقاد انتقاده انتقادها انتقادهم"),
    ("حذر", "تحذير تحذيره تحذيرها"), ("طالب", "مطالبة مطالبته مطالبتها مطالبتهم"),
    ("رحب", "ترحيب ترحيبه ترحيبها"), ("أدان", "إدانة إدانته إدانتها"), ("نفى", "نفي نفيه نفيها"),
    ("هدد", "تهديد تهديده تهديدها"), ("تعهد", "التعهد"),
) for noun in nouns.split()}
_MASDAR_GOVERNORS = frozenset(fold(w) for w in ("بعد", "مع", "عقب", "إثر", "وسط", "رغم", "اثر"))


def _masdar_act(view: _View, k: int) -> _Draft | None:
    """A speech act told by its verbal noun after ``بعد``/``مع``/``عقب``/``إثر``: the speaker is the genitive
    after it (``اتهام المسؤولة الدولية``) or, for a pronoun (``انتقادها``), the previous speaker; the content
    runs from there to the end of the sentence."""
    if view.pos[k] != "NOUN" or k == 0 or view.folded[k - 1] not in _MASDAR_GOVERNORS:
        return None
    sent_end = view.sent_end[k]
    first, speaker = k + 1, None
    while first < sent_end and view.attached(first) and view.pos[first] == "PRON":
        first += 1  # انتقادها: the agent is a pronoun
    if first == k + 1:
        after = _act_speaker(view, k, sent_end)
        if after is not None and after[1] < sent_end:
            speaker, first = (after[0], after[1], _speaker_name(view, *after)), after[1]
    if first >= sent_end or view.complementizer(first):
        return None
    start, end = view.starts[first], _content_end(view, first)
    if end - start < 3:
        return None
    return _Draft("speech_act", start, end, (k, k + 1), speaker, _ACT_MASDARS[view.folded[k]],
                  inherit=speaker is None)


def _light_verb_act(view: _View, v: int) -> str | None:
    """The speech-act verb a light verb stands for, from its object within a few words, or None."""
    kind = _LIGHT_VERBS.get(view.folded[v])
    for k in range(v + 1, min(view.sent_end[v], v + 8)):
        found = _LIGHT_OBJECTS.get(view.folded[k]) or _LIGHT_OBJECTS.get(view.folded[k][2:] if view.folded[k]
                                                                          .startswith("ال") else "")
        if found is not None and (kind != "blame" or view.folded[k] in _BLAME_OBJECTS):
            return found
    return None


def _act_speaker(view: _View, v: int, sent_end: int) -> tuple[int, int] | None:
    """The source right after a speech-act verb (VSO): a name, or a title with its adjectives, genitives and
    name (``الأمين العام``، ``وزير الخارجية الأمريكي مايك بومبيو``). It stops where the complement starts: a
    preposition, or a second definite noun (``اتهم الوزير المعارضة``: the object)."""
    i = v + 1
    while i < sent_end and view.attached(i) and view.pos[i] == "PRON":
        i += 1  # وصفه الوزير: the object pronoun comes first
    if i >= sent_end:
        return None
    ent = view.ent[i]
    if view.folded[i] in _QUANTIFIERS and i + 1 < sent_end and (
            view.pos[i + 1] in ("NOUN", "PROPN", "ADJ", "DET") or view.folded[i + 1] == "من"):
        k = i + 1  # هؤلاء الأعضاء، عدد من أهالي المنطقة، بعض المسؤولين: the described source
        if view.folded[k] == "من" and k + 1 < sent_end:
            k += 1
        k += 1
        while k < sent_end and k - i < 6 and not view.attached(k) and (
                view.pos[k] == "ADJ" or (view.pos[k] == "NOUN" and view.pos[k - 1] == "NOUN")):
            k += 1  # its adjectives and one genitive (أهالي المنطقة)
    elif ent is not None and ent.label_ in _SOURCE_LABELS and ent.start == i:
        k = i + (ent.end - ent.start)
        while k < sent_end and view.pos[k] == "ADJ" and view.ent[k] is None:
            k += 1  # البنك المركزي المصري: the adjective the name left out
    elif view.pos[i] in ("PROPN", "X") and view.texts[i][:1].isalpha():
        k = i + 1  # a name the tagger missed (JPMorgan، رودسكوي)
        while k < sent_end and view.pos[k] in ("PROPN", "X") and view.texts[k][:1].isalpha():
            k += 1
    elif is_title(view.norms[i]):
        k = i + 1
        while k < sent_end:
            word, pos = view.folded[k], view.pos[k]
            inside = view.ent[k] is not None and view.ent[k] is view.ent[k - 1]
            if view.ent[k] is not None and view.ent[k].label_ == "PER" and not inside:
                k += view.ent[k].end - view.ent[k].start  # الرئيس الأمريكي دونالد ترامب
                break
            if inside or pos == "ADJ" or (pos in ("NOUN", "PROPN") and not view.folded[k - 1].startswith("ال")
                                          and view.pos[k - 1] in ("NOUN", "PROPN")) or (
                    word == "ب" and k + 1 < sent_end and view.folded[k + 1] == "اسم"):
                k += 2 if word == "ب" else 1  # المتحدث باسم …
                continue
            break
    else:
        return None
    return i, min(k, sent_end)


def _when(view: _View, i: int) -> bool:
    """Whether token ``i`` is part of a date or time expression."""
    return view.ent[i] is not None and view.ent[i].label_ in ("DATE", "TIME")


def _speech_act(view: _View, v: int, lemma: str) -> _Draft | None:
    """A reporting verb whose complement is a noun phrase, a prepositional phrase or a directive, not an
    أن clause: ``وطالب الوزير الحكومة بالإفراج عن المعتقلين``، ``وحذرت المنظمة من تفاقم الأزمة``،
    ``وأعرب الأمين العام عن قلقه``. The content runs from the complement (after the speaker when the speaker
    follows the verb) to the end of the sentence; a bare ``وطالب`` takes the previous speaker."""
    if view.folded[v] in IMPERSONAL or view.folded[v] in _PASSIVES:
        return None
    sent_start, sent_end = view.sent_start[v], view.sent_end[v]
    after = _act_speaker(view, v, sent_end)
    first = after[1] if after is not None else v + 1
    while first < sent_end and view.texts[first] not in _MARKS and (
            view.attached(first) or view.is_punct(first) or _when(view, first)):
        first += 1  # وصفه: the object pronoun; دعت الأمم المتحدة، أمس الخميس، إلى …: the date; then the complement
    if first >= sent_end or view.complementizer(first) or view.texts[first] == ":":
        return None  # an أن clause or speech after a colon is a quotation of its own kind
    continuing = v > sent_start and view.folded[v - 1] in _CONTINUING
    participle = view.folded[v] in PARTICIPLES  # …، مشيرا إلى ارتفاع التكاليف: the sentence's subject speaks
    preps = ACT_PREPOSITIONS.get(lemma)
    # the speaker phrase may run on to the preposition: not when the noun after the verb is its object
    # (دعا الوزير الأطراف إلى، وطالب الحكومة ب… with the speaker named before)
    object_first = lemma in OBJECT_FIRST and (after is not None or continuing)
    if preps and not participle and not object_first and view.folded[first] not in preps:
        prep = _complement_at(view, v, preps, sent_end)
        if prep is not None and lemma in OBJECT_FIRST and prep - v > OBJECT_FIRST_SPEAKER_WORDS + 1:
            prep = None  # طالب مصور المقطع من زميله منحه إجازة بطريقة …: an object and more, not a speaker
        if prep is not None and not _names_a_source(view, v + 1, prep):
            prep = None  # دعت الحاجة إلى …: no one speaks
        if prep is not None:  # أعرب مدير التعليم بمحافظة الطائف الدكتور محمد الشمراني عن سعادته
            end = prep
            while end - 1 > v + 1 and view.is_punct(end - 1):
                end -= 1
            after, first = (v + 1, end), prep
    if ACT_OF.get(lemma) == "concern" and lemma != _SHOW and view.folded[first] != _ABOUT:
        return None  # أعرب/عبر without عن: not an expression of something
    start, end = view.starts[first], _content_end(view, first)
    if end - start < 3:
        return None  # nothing said
    # the speaker's name is looked up only now, for a speech act that holds (it may search the whole article)
    speaker: _Speaker | None = (after[0], after[1], _speaker_name(view, *after)) if after is not None else None
    if speaker is None and not continuing and not participle:
        speaker = _described_by(view, v, sent_start)  # مشروع قرار يدعو إلى …
    if speaker is None:  # SVO: الوزير طالب …
        before = _verb_speaker(view, v, min(sent_end, v + VERB_WINDOW), sent_start)
        if before is not None and before[1] <= v:
            speaker = before
    if speaker is None and not participle and (lemma in _STATEMENT_ACT_VERBS or not continuing):
        return None  # no source: دعت الحاجة إلى …
    return _Draft("speech_act", start, end, (v, v + 1), speaker, lemma, inherit=speaker is None)


_CONTINUING = frozenset(fold(w) for w in ("و", "ف", "كما"))
#: verbs of plain saying: a short passage in marks right after one is a quotation (وأضاف «لن أستقيل أبدا»)
_SAY_VERBS = frozenset(fold(w) for w in ("قال", "أضاف", "تابع", "أردف", "استطرد", "ختم", "اختتم"))


def _closing_participle(view: _View, v: int) -> bool:
    """``إن الفجوة تزداد، مؤكدة على اتساع …``: a participle after a comma closes the indirect content before it
    and opens a speech act of the same speaker."""
    return view.folded[v] in PARTICIPLES and v > 0 and view.texts[v - 1] in ("،", ",")
#: how far after a speech-act verb its complement's preposition is looked for (past a long speaker phrase)
COMPLEMENT_WINDOW = 16
#: the longest speaker phrase taken up to the preposition of a verb that may have an object (طالب، دعا …)
OBJECT_FIRST_SPEAKER_WORDS = 5


def _names_a_source(view: _View, i: int, j: int) -> bool:
    """Whether tokens ``i:j`` name someone who can speak: a named entity, a title, or a name the tagger missed."""
    return any((view.ent[k] is not None and view.ent[k].label_ in _SOURCE_LABELS) or is_title(view.norms[k])
               or view.pos[k] == "PROPN" for k in range(i, j))


def _complement_at(view: _View, v: int, preps: frozenset[str], sent_end: int) -> int | None:
    """The preposition that opens the complement of speech-act verb ``v`` after a speaker phrase the rules
    could not delimit (one right after a comma first: ``أشاد الإعلامي بتال القوس، بالمشروع``), or None when
    another clause, a quotation or an أن comes first."""
    found = None
    for k in range(v + 2, min(sent_end, v + COMPLEMENT_WINDOW)):
        if view.complementizer(k) or view.texts[k] in _MARKS or view.texts[k] in (":", "؛") or (
                view.pos[k] == "VERB" and view.verb(k) is None):
            break
        if view.folded[k] in preps:
            if view.is_punct(k - 1):
                return k
            if found is None:
                found = k
    return found


#: the head of an indefinite noun phrase that a verb right after it describes (``مشروع قرار يدعو إلى``)
def _described_by(view: _View, v: int, lo: int) -> _Speaker | None:
    """The indefinite noun phrase that speech-act verb ``v`` describes as a relative clause (``بيان يدعو``،
    ``مشروع قرار يطالب``، ``رسالة تحذر``): nouns and adjectives right before it, none with the article."""
    k = v - 1
    if k < lo or view.attached(v) or view.pos[k] not in ("NOUN", "ADJ") or view.folded[k].startswith("ال") \
            or view.ent[k] is not None or is_title(view.norms[k]):
        return None
    while k - 1 >= lo and v - k < 5 and view.pos[k - 1] in ("NOUN", "ADJ") and not view.attached(k - 1) \
            and not view.folded[k - 1].startswith("ال"):
        k -= 1
    if view.pos[k] != "NOUN":
        return None
    return k, v, view.text[view.starts[k]:view.ends[v - 1]]


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
        if not colon and words <= SHORT_FRAGMENT_WORDS and lemma not in ("وصف", "اعتبر") and not (
                v == open_tok - 1 and lemma in _SAY_VERBS and words >= 2):
            break  # a short fragment in marks is a name or a title, unless «قال/أضاف» opens it right there
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


def find_quotes(doc: Any, *, trace: list[dict[str, Any]] | None = None, learned: bool = True) -> list[Quote]:
    """The direct, indirect and mixed quotations of an analyzed ``doc``, sorted by ``content_start``.

    >>> import khabar
    >>> doc = khabar.analyze("«سنواصل العمل»، قال الرئيس عبد الفتاح السيسي. وأكدت مصادر مطلعة أن الاجتماع تأجل.")
    >>> [(q.type, q.content, q.speaker, q.speaker_name) for q in find_quotes(doc)]  # doctest: +NORMALIZE_WHITESPACE
    [('direct', 'سنواصل العمل', 'الرئيس عبد الفتاح السيسي', 'عبد الفتاح السيسي'),
     ('indirect', 'الاجتماع تأجل', 'مصادر مطلعة', 'مصادر مطلعة')]
    >>> find_quotes(khabar.analyze(""))
    []

    Speakers are chosen by the learned resolver of :mod:`.ranker` (``learned=False``: by the hand rules
    alone). ``trace``, a list, receives one record per quotation with what the resolver saw (for training).
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

    spans = [(d.start, d.end, d.type) for d in drafts if d.type != "speech_act"]
    drafts = [d for d in drafts if d.type != "speech_act" or not any(  # a speech act told inside a quotation
        s <= view.starts[d.cue[0]] < e and not (kind == "indirect" and _closing_participle(view, d.cue[0]))
        for s, e, kind in spans)]
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
    for draft in drafts:  # …، وهو ما يؤكد أن …: the writer's reasoning is not part of the words reported
        if draft.type in ("indirect", "speech_act"):
            _cut_reasoning(view, draft)
    quotes: list[Quote] = []
    previous: str | None = None
    history: list[tuple[str, int]] = []  # (speaker name, cue token) of the quotations so far
    learned = learned and load_model() is not None
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
        anchor = draft.cue[0] if draft.cue else view.token_at(draft.start)
        cue = draft.cue[0] if draft.cue and draft.verb else None
        content = (view.token_at(draft.start), view.token_at(draft.end - 1) + 1)
        if trace is not None:
            trace.append({"index": len(quotes), "anchor": anchor, "cue": cue, "content": content,
                          "rule": draft.speaker, "rule_name": name, "inherit": draft.inherit, "kind": draft.type,
                          "history": list(history)})
        if learned and (draft.speaker or draft.inherit):
            name = choose(view, anchor, cue, content, draft.speaker, history, draft.type) or name
        quotes.append(draft.build(view, name))
        previous = name
        if name:
            history.append((name, anchor))
    if trace is not None:
        for record in trace:
            record["view"] = view
    return quotes
