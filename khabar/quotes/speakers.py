"""Who said it: the speaker before or after a reporting verb or a quote, and their fullest name."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any

from khabar.quotes.cues import MASDARS, PARTICIPLES, PERSON_TITLES, is_title
from khabar.quotes.lexicon import (
    _ANAPHORIC,
    _MARKS,
    _MEDIA,
    _NAME_LABELS,
    _NO_MARKS,
    _NP_POS,
    _PHRASE_BRACKETS,
    _PHRASE_PREPOSITIONS,
    _RELATIVES,
    _SPEAKER_LABELS,
    _SPEECH_SETTINGS,
    _TIME_WORDS,
    NAME_IN_MARKS_WORDS,
    SHORT_FRAGMENT_WORDS,
    _bare,
)
from khabar.quotes.view import _View

# ---------------------------------------------------------------- speakers

_Speaker = tuple[int, int, str]  # first token, token after the last, speaker_name


def _entity_mention(view: _View, ent: Any) -> _Speaker:
    """An entity as a speaker, cut before a stray preposition it swallowed (``شكري للصحفيين``)."""
    end = ent.start + 1
    while end < ent.end and view.pos[end] != "ADP" and not view.is_punct(end):
        end += 1
    if end == ent.end:
        name = view.person(ent) if ent.label_ == "PER" else (ent._.canonical or ent.text)
        return ent.start, end, view.name_of(name) if ent.label_ == "PER" else name
    text = view.text[view.starts[ent.start]:view.ends[end - 1]]
    return ent.start, end, view.name_of(text) if ent.label_ == "PER" else text




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
    """:func:`_phrase_end_at`, remembered per view: the antecedent search asks for the same phrases again for
    every short mention (``الوزير``), which made a text with thousands of quotes quadratic in practice."""
    key = (i, limit)
    found = view.phrase_ends.get(key)
    if found is None:
        found = view.phrase_ends[key] = _phrase_end_at(view, i, limit)
    return found


def _phrase_end_at(view: _View, i: int, limit: int) -> int:
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
        if k > i and step and view.ent[k] is None and _object_word(view, k, _bare(view.folded[i]) in PERSON_TITLES):
            break  # رفع البنك توقعاته، نقلت عن مصادر قولها، طالبت المفوضية موقع …: the verb's object
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


def _object_word(view: _View, k: int, titled: bool) -> bool:
    """Whether token ``k`` (after the first word of a speaker phrase) starts the verb's object instead: a noun
    with a pronoun suffix (``توقعاته``، ``قولها``), a reporting noun (``قول``), or an indefinite noun after a
    definite word (``المفوضية الأوروبية موقع …``) that is no name, title or number (after a person's title,
    ``titled``, an indefinite word may be the name: ``مدير مستشفى العيص عبيد مسلم``)."""
    if view.folded[k] in MASDARS:
        return True
    if _bare(view.folded[k]) in _ANAPHORIC:
        return False  # المصدر ذاته: the same source
    if k + 1 < view.n and view.attached(k + 1) and view.pos[k + 1] == "PRON" and view.pos[k] == "NOUN":
        return True
    return (not titled and view.pos[k] == "NOUN" and not view.folded[k].startswith("ال")
            and view.folded[k - 1].startswith("ال") and view.pos[k - 1] in ("NOUN", "ADJ")
            and not is_title(view.norms[k]) and view.folded[k] != "ب"
            and not view.attached(k) and not _family_name(view, k + 1))


def _family_name(view: _View, k: int) -> bool:
    """Whether token ``k`` may close a person's name (``مراد الصبيح``): a definite noun or name that is
    neither a title nor followed by an adjective."""
    return k < view.n and view.folded[k].startswith("ال") and view.pos[k] in ("NOUN", "PROPN", "X") \
        and not is_title(view.norms[k]) and (k + 1 >= view.n or view.pos[k + 1] != "ADJ")


def _speaker_name(view: _View, i: int, k: int) -> str:
    """The fullest name for the phrase ``i:k``: a person's full name, a titled person's name, or the phrase."""
    for j in range(i, k):
        ent = view.ent[j]
        if ent is not None and ent.label_ == "PER":
            return view.name_of(view.person(ent))
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
        end, words, heads_of_phrase, named = _phrase_info(view, j)
        if end - j <= k - i or not wanted <= words:
            continue
        if not named and not heads_of_phrase <= wanted:
            continue  # without a name, only adjectives may be added (البنك المركزي → البنك المركزي التركي)
        rank = (j < i, named, end - j)
        if best is None or rank > best:
            best, found = rank, _strip_marks(view.text[view.starts[j]:view.ends[end - 1]])
    return found


def _phrase_info(view: _View, j: int) -> tuple[int, frozenset[str], frozenset[str], bool]:
    """For the noun phrase at ``j`` (remembered per view): its end, its bare words, its words that are not
    adjectives, and whether it holds a name."""
    found = view.phrase_info.get(j)
    if found is None:
        end = _phrase_end(view, j, view.sent_end[j])
        span = range(j, end)
        found = view.phrase_info[j] = (
            end, frozenset(_bare(view.folded[m]) for m in span),
            frozenset(_bare(view.folded[m]) for m in span if view.pos[m] != "ADJ"),
            any(view.ent[m] is not None or view.pos[m] in ("PROPN", "X") or view.texts[m] in _MARKS for m in span))
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
