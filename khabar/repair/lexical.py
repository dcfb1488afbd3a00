"""Lost hamzas, final ى written as ي, final ة written as ه, and the reverse: final ه written as ة.

Each word is looked up by its skeleton (see :mod:`khabar.repair.orthography`),
which yields every spelling of it seen in clean news. A spelling is a candidate
only if the word as written could be a damaged copy of it (damage drops a
hamza, it never adds one). Candidates are scored by how often clean news
writes them after the previous word and before the next one, and by how much
damage of that kind this document shows elsewhere: a text that never writes
``على`` probably lost all its final ى, while in a clean text ``علي`` is the
name Ali. The two directions of ة↔ه are both repaired as ``teh_marbuta``, but
each has its own rate: a text that writes ``المدرسه`` has not written ``علية``.

>>> from khabar import repair
>>> repair("وصل الوفد الي اسرائيل").text
'وصل الوفد إلى إسرائيل'
>>> repair("وقال انه لن يحضر").text
'وقال إنه لن يحضر'
>>> repair("التقى الرئيس علي عبد الله صالح").text
'التقى الرئيس علي عبد الله صالح'
>>> repair("وسجل الهدف الذي شاهدة الجميع، وقال إن لة دورا كبيرا فية").text
'وسجل الهدف الذي شاهده الجميع، وقال إن له دورا كبيرا فيه'
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import lru_cache

from khabar.repair.edits import Change
from khabar.repair.names import NameContext, load_name_words, name_may_follow
from khabar.repair.orthography import (
    PUBLIC_KIND,
    WORD_WITH_MARKS,
    Protected,
    damage_kinds,
    skeleton,
    strip_marks,
)
from khabar.repair.resources import Resources

LEXICAL_KINDS = ("alef_maksura", "hamza", "teh_marbuta")
#: the kinds of damage whose rate is estimated per document: teh_marbuta is ة written as ه, final_heh the
#: reverse (ه written as ة), both repaired as teh_marbuta
RATE_KINDS = ("alef_maksura", "hamza", "teh_marbuta", "final_heh")
_CLEAN_SITES = {"أ": "hamza", "إ": "hamza", "آ": "hamza", "ؤ": "hamza", "ئ": "hamza"}
_FINAL_SITES = {"ى": "alef_maksura", "ة": "teh_marbuta", "ه": "final_heh"}
_ONLY_SPACE = frozenset(" \u00a0\t")
#: pseudo-word standing before the first word of a sentence, quotation or paragraph (in context counts)
CLAUSE_START = "^"
#: punctuation after which a new clause starts
CLAUSE_OPENERS = frozenset(".!?؟:«\"“\n")
#: a document is either clean, where a few sites look damaged anyway (the name علي, a stray الى),
#: or damaged at some unknown rate (uniform prior); prior odds of the two, and the clean rate
PRIOR_DAMAGED_DOCUMENT = 0.3
CLEAN_RATE = 0.02
#: ... per kind where it differs: a final ه written as ة (هذة، علية) is rarer than a lost ة, and a clean text has
#: many ة words (منة grace, قصرة a village): on 1,000 untouched dev articles 0.02 made 10 such edits, 3 wrong;
#: 0.01 made 6, 1 wrong (a typo إلة for إلى), and missed 1 more of 292 such damages on the dev benchmark
CLEAN_RATES = {"final_heh": 0.01}
#: a written word this many times more likely than any candidate is kept without looking at context
CLEARLY_RIGHT = 300
#: a word the same text writes more often in another spelling is judged as if the document had lost this
#: share of those sites at least (one انه among ten أنه)
SAME_TEXT_RATE = 0.3
#: ... when clean news write the other spelling at least this many times more often (بدا/بدأ are both words)
SAME_TEXT_RATIO = 5.0
#: a hamza-less word that clean news write this many times less often than its hamza spelling has no
#: other reading (بانه، اسرائيل): it is judged as if the text had lost at least this share of its hamzas
NO_OTHER_READING_RATIO = 10
NO_OTHER_READING_RATE = 0.3
#: pseudo-count added to observed and expected pair counts when comparing them
SMOOTHING = 1.0
#: odds against changing a word that is a name in its context (see :mod:`khabar.repair.names`)
NAME_PENALTY = 1e-3
#: a word rarer than this (per billion) is unknown to the lexicon: a name after علي is likely
KNOWN_WORD = 2000
#: a word ending in ه whose stem is at least this common (per billion) may be the stem + "his" (كتابه)
PRONOUN_STEM = 1000
#: ... and is changed only when its neighbours make the ة reading likelier, or when the document has
#: clearly lost (nearly) all its final ة (a rate this high needs five damaged sites out of five)
PRONOUN_RATE = 0.85
#: ... unless clean news write the ة word this many times more often than the ه word (خمسة, not خمسه)
PRONOUN_RATIO = 5
#: a word ending in ي that clean news write this often as it is (ذكري male, أولي initial, تبقي keeps, علي)
#: is changed to ى in a text whose ى damage looks this low only when its neighbours favour ى by the margin
REAL_WORD_COUNT = 20
REAL_WORD_CLEAN_RATE = 0.2
REAL_WORD_MARGIN = 1.0
#: in a text whose ة damage looks this low, the words around a pronoun-able ه word must favour the ة
#: reading by this many log-odds (بمنطقه, مطلعه, عده نصرا are "his/its …" in clean news)
PRONOUN_CLEAN_RATE = 0.2
PRONOUN_MARGIN = 1.0
#: a word ending in ة is a word in its own right (كتابة writing, شاهدة a witness, وجهة a destination) unless
#: clean news write its ه spelling (كتابه his book) this many times more often (فية is damage, فيه "in it"):
#: such a word becomes the ه word only as the pronoun-able ه word above becomes the ة word (PRONOUN_RATE,
#: PRONOUN_CLEAN_RATE and PRONOUN_MARGIN, with the document's rate of ه written as ة)
REAL_TEH_RATIO = 5
#: a word ending in ه whose skeleton clean news write in one spelling only is a site of final_heh damage, and
#: its ة spelling a candidate for the ه one, when its frequency (per billion) is at least this, and this share of
#: the two spellings' (حياته 102,329 against حياتة 1,072: the web text behind the frequencies holds some damage)
LONE_HEH = 1000
LONE_HEH_SHARE = 0.95
#: a ة-final word clean news write this many times may be a woman's name (منة، هبة), not "his/its …"
TEH_NAME_COUNT = 10


class Found(tuple):  # type: ignore[type-arg]
    """(changes to apply, suggestions), and whether every other word's verdict is far from tipping: when it is
    (``settled``), applying the changes cannot make a second look at the text change anything more."""

    settled: bool


def _found(applied: list[Change], suggested: list[Change], settled: bool) -> Found:
    result = Found((applied, suggested))
    result.settled = settled
    return result


@dataclass(frozen=True, slots=True)
class _Entry:
    """What the resources say about one written word (cached per word)."""

    count: int
    #: (spelling, count, [(position, kind), ...]) for each spelling this word may be damaged from
    candidates: tuple[tuple[str, int, tuple[tuple[int, str], ...]], ...]
    #: (kind, damaged?) for each site where the word's usual spelling has a hamza, final ى or ة
    sites: tuple[tuple[str, bool], ...]


class LexicalRepairer:
    def __init__(self, resources: Resources) -> None:
        self.resources = resources
        self.names = load_name_words()
        self._cache: dict[str, _Entry | None] = {}

    def known(self, word: str) -> bool:
        """Whether the lexicon knows the word, in any of its spellings."""
        words = self.resources.words
        if words.get(word, 0) >= KNOWN_WORD:
            return True
        group = self.resources.spellings(skeleton(word))
        return group is not None and words.get(group[0][0], 0) >= KNOWN_WORD

    def entry(self, word: str) -> _Entry | None:
        cached = self._cache.get(word, False)
        if cached is not False:
            return cached  # type: ignore[return-value]
        if len(self._cache) > 300_000:
            self._cache.clear()
        result = self._lookup(word)
        self._cache[word] = result
        return result

    def _lookup(self, word: str) -> _Entry | None:
        group = self.resources.spellings(skeleton(word))
        if group is None:
            return self._lone_heh(word)
        own = 0
        candidates = []
        for spelling, count in group:
            if spelling == word:
                own = count
                continue
            changes = damage_kinds(word, spelling)
            if changes:
                candidates.append((spelling, count, tuple(changes)))
        sites: list[tuple[str, bool]] = []
        top, top_count = group[0]
        total = sum(count for _, count in group)
        if top_count >= 20 and top_count >= 0.9 * total and (top == word or damage_kinds(word, top)):
            last = len(top) - 1
            for index, char in enumerate(top):
                kind = _CLEAN_SITES.get(char) or (_FINAL_SITES.get(char) if index == last else None)
                if kind:
                    sites.append((kind, word[index] != char))
        if not candidates and not sites:
            return None
        return _Entry(own, tuple(candidates), tuple(sites))

    def _lone_heh(self, word: str) -> _Entry | None:
        """A word ending in ه or ة whose skeleton clean news write in one spelling only (حياته، never حياتة):
        its ه spelling is judged by the word frequencies, when they make it the usual one."""
        if len(word) < 2 or word[-1] not in "هة":
            return None
        words = self.resources.words
        heh, teh = words.get(word[:-1] + "ه", 0), words.get(word[:-1] + "ة", 0)
        if heh < LONE_HEH or heh < LONE_HEH_SHARE * (heh + teh):
            return None
        scale = self.resources.total / 1e9  # frequencies per billion words, as counts in the clean news
        sites = (("final_heh", word[-1] == "ة"),)
        if word[-1] == "ه":
            return _Entry(round(heh * scale), (), sites)
        return _Entry(round(teh * scale), ((word[:-1] + "ه", round(heh * scale), ((len(word) - 1, "final_heh"),)),),
                      sites)

    def damage_rates(self, words: list[str], entries: list[_Entry | None] | None = None) -> dict[str, float]:
        """Estimated share of damaged sites per kind in this document."""
        damaged = dict.fromkeys(RATE_KINDS, 0)
        seen = dict.fromkeys(RATE_KINDS, 0)
        for entry in entries if entries is not None else map(self.entry, words):
            if entry is None:
                continue
            for kind, is_damaged in entry.sites:
                seen[kind] += 1
                damaged[kind] += is_damaged
        return {kind: damage_rate(damaged[kind], seen[kind], CLEAN_RATES.get(kind, CLEAN_RATE)) for kind in RATE_KINDS}

    @staticmethod
    def _site_counts(entries: list[_Entry | None]) -> tuple[dict[str, int], dict[str, int]]:
        damaged = dict.fromkeys(RATE_KINDS, 0)
        seen = dict.fromkeys(RATE_KINDS, 0)
        for entry in entries:
            if entry is not None:
                for kind, is_damaged in entry.sites:
                    seen[kind] += 1
                    damaged[kind] += is_damaged
        return damaged, seen

    def _name_like_next(self, text: str, tokens: list[tuple[int, str]], index: int) -> bool:
        following = _neighbour(text, tokens, index, +1)
        if not following or following == CLAUSE_START:
            return False
        word = strip_marks(tokens[index + 1][1])
        return word in self.names or not self.known(word)

    def find(self, text: str, kinds: Collection[str], threshold: float) -> Found:
        """Changes to apply, and low-confidence suggestions, for the text (see :class:`Found`)."""
        tokens = [(m.start(), m.group()) for m in WORD_WITH_MARKS.finditer(text)]
        if not tokens:
            return _found([], [], True)
        settled = True
        protected = Protected(text)
        cache = self._cache
        entries = [cache[w] if w in cache else self.entry(w) for _, w in tokens]
        names = self.names
        context = NameContext(text, tokens, names, self.known, self.resources.has_pair)
        # a name (علي after أبو) is not a damaged site: it must not raise the damage rate
        # nor is a name word before a name or a word the lexicon does not know (علي الشعيلان): clean news write
        # على there a few times in a hundred, the name Ali far more often
        counted = [
            None if entry is not None and entry.sites and word in names
            and (_as_name(context, index, entry) or self._name_like_next(text, tokens, index))
            else entry
            for index, ((_, word), entry) in enumerate(zip(tokens, entries, strict=True))
        ]
        damaged_sites, seen_sites = self._site_counts(counted)
        all_rates = {kind: _rate(damaged_sites[kind], seen_sites[kind], kind) for kind in RATE_KINDS}
        # the ى damage of words other than على/إلى/حتى, counted only where it is not in doubt (a written ي form
        # that is a word too, ذكري or أولي, may be right): an outlet that writes الى out of habit has not lost
        # the ى of its other words
        content: list[bool | None] = []  # worked out when a word first needs it (few do)
        content_totals = [0, 0]  # damaged, seen

        def content_rate(index: int) -> float | None:
            """The ى damage rate of the words other than على/إلى and this one, where it is not in doubt (None:
            fewer than CONTENT_MIN_SITES such words)."""
            if not content:
                content.extend(_content_alef_site(w, e) for (_, w), e in zip(tokens, counted, strict=True))
                content_totals[:] = [content.count(True), len(content) - content.count(None)]
            damaged = content_totals[0] - (content[index] is True)
            seen = content_totals[1] - (content[index] is not None)
            return _rate(damaged, seen, "alef_maksura") if seen >= CONTENT_MIN_SITES else None
        in_text: dict[str, int] = {}
        for _, written in tokens:
            in_text[written] = in_text.get(written, 0) + 1
        res = self.resources
        total = res.total
        applied: list[Change] = []
        suggested: list[Change] = []
        for index, entry in enumerate(entries):
            if entry is None or not entry.candidates:
                continue
            rates = all_rates
            own = counted[index]
            if LEAVE_ONE_OUT and own is not None and own.sites:
                # the word's own sites are what is being judged: the rate comes from the rest of the text
                rates = dict(all_rates)
                for kind in {kind for kind, _ in own.sites}:
                    rates[kind] = _rate(damaged_sites[kind] - sum(d for k, d in own.sites if k == kind),
                                        seen_sites[kind] - sum(1 for k, _ in own.sites if k == kind), kind)
            start, word = tokens[index]
            if protected and protected.covers(start, start + len(word)):
                continue
            if _letter_name(word) and _neighbour(text, tokens, index, +1) in LETTER_NAMES:
                continue  # spelled-out initials: لبي بي سي is "to the BBC", not لبى
            options = [
                (spelling, count, changes)
                for spelling, count, changes in entry.candidates
                if all(PUBLIC_KIND.get(kind, kind) in kinds for _, kind in changes)
            ]
            if options and _before_punctuation(text, start + len(word)):
                # a preposition (على، إلى، لدى) never ends a clause: علي، here is "on me" or the name Ali
                options = [o for o in options if strip_marks(o[0]) not in _PREPOSITIONS]
            if options and skeleton(word) in ("علي", "وعلي") and index > 0 \
                    and skeleton(_bare_previous(text, tokens, index)) in OBLIGATION_WORDS \
                    and _neighbour(text, tokens, index, +1) == "ان":
                # يجب علي أن: "I must" (يجب على الحكومة أن names who must, and is still fixed)
                options = [o for o in options if strip_marks(o[0]) not in _PREPOSITIONS]
            if not options:
                continue
            # the written word is far more common than any candidate could become: no context can
            # tip the balance (a shortcut that leaves the result unchanged, measured on the benchmark)
            if entry.count > CLEARLY_RIGHT * max(c * min(rates[k] for _, k in ch) for _, c, ch in options):
                continue
            # context counts were kept only for spellings that compete (two or more seen 3+ times)
            competing = (entry.count >= 3) + sum(1 for _, count, _ in options if count >= 3) >= 2
            previous = _neighbour(text, tokens, index, -1) if competing else ""
            if competing and skeleton(word) in INNA_FORMS:
                # أن or إن: the verb that governs it decides, even when its subject comes between (قال → إن,
                # أكد/علم → أن: وأكد القميشي ان، قال مسؤول لـ"رويترز" ان)
                previous = _governor(res, text, tokens, index) or previous
            following = _neighbour(text, tokens, index, +1) if competing else ""
            if competing:
                spellings = [word] + [o[0] for o in options]
                if previous:
                    previous = _class_if_unseen(res, previous, tokens[index - 1][1], spellings, False, self.known)
                if following:
                    following = _class_if_unseen(res, following, tokens[index + 1][1], spellings, True, self.known)
            previous_count = res.skeletons.get(previous, 1) if previous else 0
            following_count = res.skeletons.get(following, 1) if following else 0
            after_name = index > 0 and name_may_follow(_bare_previous(text, tokens, index), names)
            scores = []
            contexts = []
            for spelling, count, changes in [(word, entry.count, ())] + options:
                # unigram prior times how much more (or less) often than chance the neighbours occur with it
                in_context = 0.0  # the evidence of neighbouring words (not of a clause start)
                score = math.log(count + 0.5)
                if previous:
                    expected = previous_count * count / total
                    evidence = math.log((res.left.get(f"{previous} {spelling}", 0) + SMOOTHING)
                                        / (expected + SMOOTHING))
                    score += evidence
                    in_context += evidence if previous != CLAUSE_START else 0.0
                if following:
                    expected = count * following_count / total
                    pairs = res.right.get(f"{spelling} {following}", 0)
                    evidence = math.log((pairs + SMOOTHING) / (expected + SMOOTHING))
                    score += evidence
                    in_context += evidence
                if changes:
                    rate = min(rates[kind] for _, kind in changes)
                    if in_text.get(spelling, 0) > in_text.get(word, 0) \
                            and count >= SAME_TEXT_RATIO * (entry.count + 1) \
                            and all(kind == "hamza" for _, kind in changes):
                        # the text writes أنه elsewhere, and clean news rarely write انه: this one lost its hamza
                        # (hamza only: every text writes على while علي is a name, and صوره may be "his pictures")
                        rate = max(rate, SAME_TEXT_RATE)
                    if count >= NO_OTHER_READING_RATIO * (entry.count + 1) and len(word) >= 4 \
                            and all(kind == "hamza" for _, kind in changes) and not after_name:
                        # بانه، اسرائيل: clean news hardly ever write the word so; it is damage at any rate
                        # (not a short word or one after a first name: بان كي مون، محمد الفايز are names)
                        rate = max(rate, NO_OTHER_READING_RATE)
                    score += math.log(rate)
                scores.append(score)
                contexts.append(in_context)
            best = max(range(len(scores)), key=scores.__getitem__)
            if best == 0:
                # kept; another fix may still tip it (the text then writes its other spelling more often, or
                # shows a lower rate of a competing kind of damage) when it was kept by a small margin
                settled = settled and scores[0] - max(scores[1:]) >= SETTLED_MARGIN
                continue
            note = ""
            if (rates["teh_marbuta"] < PRONOUN_RATE and contexts[best] <= contexts[0]
                    and options[best - 1][1] < PRONOUN_RATIO * (entry.count + 1)
                    and _maybe_pronoun(word, options[best - 1][2], res.words)):
                continue  # كتابه may be كتاب + "his": only the words around it can tell it is كتابة
            if (rates["teh_marbuta"] < PRONOUN_CLEAN_RATE and contexts[best] < contexts[0] + PRONOUN_MARGIN
                    and _maybe_pronoun(word, options[best - 1][2], res.words)):
                continue  # a text that keeps its ة elsewhere wrote منطقه (his logic) on purpose, unless context insists
            heh_rate = rates["final_heh"]
            writes_heh = any(kind == "final_heh" for _, kind in options[best - 1][2])
            if writes_heh and options[best - 1][1] < REAL_TEH_RATIO * (entry.count + 1) and (
                    (heh_rate < PRONOUN_RATE and contexts[best] <= contexts[0])
                    or (heh_rate < PRONOUN_CLEAN_RATE and contexts[best] < contexts[0] + PRONOUN_MARGIN)):
                continue  # كتابة (writing) may be كتابه (his book) with ة: only context or much damage tells
            if (contexts[best] < contexts[0] + REAL_WORD_MARGIN
                    and all(kind == "alef_maksura" for _, kind in options[best - 1][2])
                    and ((entry.count >= REAL_WORD_COUNT and rates["alef_maksura"] < REAL_WORD_CLEAN_RATE)
                         or (entry.count >= CONTENT_WORD_COUNT
                             and entry.count >= CONTENT_WORD_SHARE * options[best - 1][1]
                             and skeleton(word) not in FUNCTION_SKELETONS
                             and (content_rate(index) or 1.0) < REAL_WORD_CLEAN_RATE))):
                # ذكري، أولي، تبقي، علي are words too: in a text that keeps its ى (in its words other than على and
                # إلى, for a word that is not one of them), only context can tell
                continue
            name = _as_name(context, index, entry)
            if not name and writes_heh and entry.count >= TEH_NAME_COUNT:
                # a ة-final word clean news write after a first name or a title, or before a name, may be a woman's
                # name (الممثلة منة شلبي): the name list does not hold every one of them
                if after_name:
                    name = f"after «{_bare_previous(text, tokens, index)}»"
                elif self._name_like_next(text, tokens, index):
                    name = f"before «{tokens[index + 1][1]}»"
            if name:
                # names are sacred: only overwhelming evidence changes one
                scores = [scores[0]] + [s + math.log(NAME_PENALTY) for s in scores[1:]]
                best = max(range(len(scores)), key=scores.__getitem__)
                if best == 0:
                    settled = False  # a name is seen from its neighbours, which another fix may change
                    continue
                note = f" (though it looks like a name: {name})"
            top = scores[best]
            confidence = 1.0 / sum(math.exp(s - top) for s in scores)
            spelling, count, changes = options[best - 1]
            target = applied if confidence >= threshold else suggested
            settled = settled and target is applied
            for position, kind in changes:
                target.append(
                    Change(start + position, start + position + 1, spelling[position], PUBLIC_KIND.get(kind, kind),
                           confidence, _REASONS[kind].format(word=word, spelling=spelling) + note)
                )
        return _found(applied, suggested, settled)


#: a neighbour rarer than this (per billion) is in a class of its own in the context tables
RAREST_WORD = 200


def neighbour_class(word: str, known: Callable[[str], bool], words: dict[str, int]) -> str | None:
    """The class of a word the lexicon does not know (None for a known word).

    Pair counts cannot judge a rare neighbour; its class can (``علي`` precedes an unknown definite
    word, a family name, eight times as often as ``على`` does in clean news).
    """
    if known(word):
        return None
    bare = strip_marks(word)
    definite = bare.startswith(_DEFINITE)
    nisba = bare.endswith(("ي", "ان", "اوي")) and len(bare) > 4
    return f"<unk{'-al' if definite else ''}{'-y' if nisba else ''}{'-0' if words.get(bare, 0) < RAREST_WORD else ''}>"


def _class_if_unseen(res: Resources, neighbour: str, word: str, spellings: list[str], right: bool,
                     known: Callable[[str], bool]) -> str:
    """The neighbour's skeleton, or its class when clean news never write it next to any spelling."""
    if not neighbour or neighbour == CLAUSE_START:
        return neighbour
    table = res.right if right else res.left
    for spelling in spellings:
        if (f"{spelling} {neighbour}" if right else f"{neighbour} {spelling}") in table:
            return neighbour
    return neighbour_class(word, known, res.words) or neighbour


def _as_name(context: NameContext, index: int, entry: _Entry) -> str | None:
    """Name evidence for a word, unless one of its other spellings is a name too (ايمانويل → إيمانويل
    respells a name, علي → على turns it into a preposition)."""
    names = context.names
    if any(spelling in names for spelling, _, _ in entry.candidates):
        return None
    found = context.evidence(index)
    if found is None and all(kind == "alef_maksura" for _, _, changes in entry.candidates for _, kind in changes):
        found = context.family_name(index)
    return found


_DEFINITE = ("ال", "وال", "بال", "فال", "كال", "لل", "ولل", "فلل")
#: prepositions ending in ى, with the clitics they take: they need an object, so none ends a clause
_PREPOSITIONS = frozenset(prefix + word for word in ("على", "إلى", "الى", "لدى", "حتى") for prefix in ("", "و", "ف"))
_CLAUSE_END = frozenset(".،,:؛;!?؟)\n")  # not quote marks: an ASCII " may open the object


def _before_punctuation(text: str, end: int) -> bool:
    """Whether only spaces stand between ``end`` and a punctuation mark or the end of the text."""
    while end < len(text) and text[end] in " \u00a0\t":
        end += 1
    return end >= len(text) or text[end] in _CLAUSE_END


def _maybe_pronoun(word: str, changes: tuple[tuple[int, str], ...], words: dict[str, int]) -> bool:
    """Whether a final ه that would become ة may be the pronoun "his" on a common word (كتابه = his book).

    A definite word cannot carry the pronoun (المدرسه is المدرسة).
    """
    if changes[-1] != (len(word) - 1, "teh_marbuta") or not word.endswith("ه"):
        return False
    bare = strip_marks(word)
    if bare.startswith(_DEFINITE):
        return False
    stem = bare[:-1]
    return words.get(stem, 0) >= PRONOUN_STEM or (stem[:1] in "وفبل" and words.get(stem[1:], 0) >= PRONOUN_STEM)


#: a word kept by this many log-odds cannot be tipped by another fix in the same text: the largest change a fix
#: can make to a word's evidence is a rate moving between the clean rate (0.01) and SAME_TEXT_RATE, log 30 ≈ 3.4
SETTLED_MARGIN = 3.5


#: the function words ending in ى, with و/ف, as skeletons (an outlet may write الى and keep every other ى)
FUNCTION_SKELETONS = frozenset(skeleton(word) for word in _PREPOSITIONS) | frozenset(
    skeleton(prefix + word) for word in ("متى", "سوى") for prefix in ("", "و", "ف"))
#: in a text that keeps the ى of its words other than these (they look clean where it is not in doubt), a ي form
#: that clean news write at least this often, absolutely and beside its ى form, is a word too (الأسري family 13:62,
#: الدعوي 2:124, أنهي 9:152; typos stay under it: المستشفي 5:542, أخري 33:4644), changed only when context
#: insists. Dev (bench/ya_habit_bench.py): on 1,000 articles whose على/إلى all became علي/إلي (an outlet's habit),
#: ى edits on the other words (wrong unless the outlet wrote them wrong) 103 → 74; ى F1* on the benchmark's damage
#: unchanged (0.973; one edit fewer)
CONTENT_WORD_COUNT = 2
CONTENT_WORD_SHARE = 0.015
#: ... when that many other words show it (one clean التقى says little about مصطفي)
CONTENT_MIN_SITES = 3


def _content_alef_site(word: str, entry: _Entry | None) -> bool | None:
    """Whether the word is a damaged ى site (True), a kept one (False), or no site that tells (None): not one of
    the function words, and not a ي form the news write as a word too."""
    if entry is None or not any(kind == "alef_maksura" for kind, _ in entry.sites):
        return None
    if skeleton(word) in FUNCTION_SKELETONS:
        return None
    damaged = any(is_damaged for kind, is_damaged in entry.sites if kind == "alef_maksura")
    if damaged and entry.count >= REAL_WORD_COUNT:
        return None
    return damaged


#: judge each word by the damage rate of the rest of the text (its own sites are what is in question)
LEAVE_ONE_OUT = True


@lru_cache(maxsize=4096)
def _rate(damaged: int, seen: int, kind: str) -> float:
    return damage_rate(damaged, seen, CLEAN_RATES.get(kind, CLEAN_RATE))


def damage_rate(damaged: int, seen: int, clean_rate: float = CLEAN_RATE) -> float:
    """Expected damage rate given ``damaged`` of ``seen`` sites, under the clean/damaged mixture.

    >>> round(damage_rate(0, 20), 3), round(damage_rate(2, 2), 2)
    (0.021, 0.75)
    """
    kept = seen - damaged
    log_clean = damaged * math.log(clean_rate) + kept * math.log1p(-clean_rate)
    log_damaged = math.lgamma(damaged + 1) + math.lgamma(kept + 1) - math.lgamma(seen + 2)  # Beta(x+1, n-x+1)
    prior = math.log(PRIOR_DAMAGED_DOCUMENT / (1 - PRIOR_DAMAGED_DOCUMENT))
    log_odds = max(-50.0, min(50.0, log_damaged - log_clean + prior))
    p_damaged = 1.0 / (1.0 + math.exp(-log_odds))
    return (1 - p_damaged) * clean_rate + p_damaged * (damaged + 1) / (seen + 2)


#: names of Latin letters, as initials are spelled out (بي بي سي, سي إن إن), as skeletons
LETTER_NAMES = ("بي", "سي", "دي", "تي", "جي", "اس", "اف", "ام", "اكس", "ايه", "كيو", "ان")


def _letter_name(word: str) -> bool:
    """Whether the word is the name of a Latin letter, with at most one proclitic (لبي in لبي بي سي); not any
    word ending like one (واضاف before أن is وأضاف, not the letter F)."""
    skel = skeleton(word)
    return skel in LETTER_NAMES or (len(skel) > 2 and skel[0] in "وفبلك" and skel[1:] in LETTER_NAMES)


#: words of obligation after which علي before أن is "on me" (يجب علي أن), as skeletons
OBLIGATION_WORDS = frozenset(skeleton(word) for word in (
    "يجب", "ويجب", "فيجب", "يتعين", "ويتعين", "سيتعين", "فسيتعين", "يتوجب", "ويتوجب", "ينبغي", "وينبغي", "لزاما",
    "واجب", "وجب", "فرض", "يتحتم", "يستحيل", "يصعب", "يسهل", "عز", "يعز", "حق"))
#: forms of إن/أن whose hamza depends on a preceding قال
INNA_FORMS = frozenset({"ان", "انه", "انها", "انهم", "انهما", "اننا", "انني", "انك", "انكم", "انهن"})
#: forms of the verb قال (say), as skeletons
QALA_FORMS = frozenset({"قال", "وقال", "فقال", "قالت", "وقالت", "فقالت", "قالوا", "وقالوا", "يقول", "ويقول",
                        "تقول", "وتقول", "يقولون", "ويقولون", "اقول", "نقول", "قلت", "وقلت", "قالا", "وقالا"})
_CLAUSE_GAP = frozenset(" \u00a0\t،")


#: a word governs أن/إن when clean news write one of them after it this often, and this share of the time
GOVERNOR_SEEN = 10
GOVERNOR_SHARE = 0.85
#: what may stand between a verb and its أن/إن besides words: spaces, commas, quotation marks, brackets, tatweel
_GOVERNOR_GAP = _CLAUSE_GAP | frozenset("\"«»“”()\u0640")


def _governor(res: Resources, text: str, tokens: list[tuple[int, str]], index: int, window: int = 8) -> str | None:
    """A form of قال within ``window`` words before, in the same clause (as قال); else the nearest word there
    after which clean news write either أن or إن, as a skeleton; None when there is neither."""
    nearest = None
    for back in range(index - 1, max(-1, index - 1 - window), -1):
        gap = text[tokens[back][0] + len(tokens[back][1]) : tokens[back + 1][0]]
        if any(char not in _GOVERNOR_GAP for char in gap):
            break
        skel = skeleton(strip_marks(tokens[back][1]))
        if skel in QALA_FORMS:
            return "قال"
        if nearest is None:
            anna, inna = res.left.get(f"{skel} أن", 0), res.left.get(f"{skel} إن", 0)
            if anna + inna >= GOVERNOR_SEEN and max(anna, inna) >= GOVERNOR_SHARE * (anna + inna):
                nearest = skel
    return nearest


_REASONS = {
    "alef_maksura": "final ى written as ي: clean news writes «{spelling}» here, not «{word}»",
    "hamza": "dropped hamza: clean news writes «{spelling}» here, not «{word}»",
    "teh_marbuta": "final ة written as ه: clean news writes «{spelling}» here, not «{word}»",
    "final_heh": "final ه written as ة: clean news writes «{spelling}» here, not «{word}»",
}


def _bare_previous(text: str, tokens: list[tuple[int, str]], index: int) -> str:
    """The previous word without diacritics, when only spaces separate it from this one ('' otherwise)."""
    start, word = tokens[index - 1]
    gap = text[start + len(word) : tokens[index][0]]
    return strip_marks(word) if gap and all(char in _ONLY_SPACE for char in gap) else ""


def _neighbour(text: str, tokens: list[tuple[int, str]], index: int, step: int) -> str:
    """Skeleton of the adjacent word when only spaces separate them; CLAUSE_START before a word
    that opens a sentence, quotation or paragraph; else ''."""
    other = index + step
    if other < 0:
        return CLAUSE_START
    if other >= len(tokens):
        return ""
    if step < 0:
        gap = text[tokens[other][0] + len(tokens[other][1]) : tokens[index][0]]
    else:
        gap = text[tokens[index][0] + len(tokens[index][1]) : tokens[other][0]]
    if not gap:
        return ""
    if any(char not in _ONLY_SPACE for char in gap):
        return CLAUSE_START if step < 0 and any(char in CLAUSE_OPENERS for char in gap) else ""
    return skeleton(tokens[other][1])
