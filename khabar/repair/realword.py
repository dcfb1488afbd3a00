"""Real-word errors: a common word that is one typo away from the word its context wants.

``وتم إنزال العمل التركي`` writes «العمل» (the work) for «العلم» (the flag): both are words, so the
lexicon alone cannot tell. The neighbours can: clean news write «إنزال العلم» and «العلم التركي», never
«إنزال العمل» nor «العمل التركي».

Only *confusable* words are looked at: common words (seen 10+ times in the clean news, four letters
or more) with a common word one swapped, dropped or doubled letter away. Their confusion sets and the
counts of their left and right neighbours in the clean news are in ``data/realword.tsv.gz``
(``scripts/build_realword.py``, 1 MB), loaded the first time repair looks for spelling errors.

Each candidate is scored as a noisy channel: its news count, times how much more often than chance
the clean news write it beside these neighbours, times the probability of a typo (the written word
gets the complement). A change is applied only when frequency and context agree overwhelmingly: both
neighbours are seen with the candidate in clean news, neither with the written word, and the
candidate's probability is at least :data:`APPLY_AT`. A likely but less certain candidate is a
suggestion. Names and protected spans (URLs, hashtags) are never touched.

>>> from khabar import repair
>>> repair("وتم إنزال العمل التركي عن المبنى").text
'وتم إنزال العلم التركي عن المبنى'
>>> repair("وقال إن العمل فوق طاقة الموظفين").text
'وقال إن العمل فوق طاقة الموظفين'
"""

from __future__ import annotations

import gzip
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from khabar.repair.edits import Change
from khabar.repair.names import NameContext, load_name_words
from khabar.repair.orthography import WORD, Protected, skeleton
from khabar.repair.resources import RepairResourceError, Resources
from khabar.repair.spelling import one_letter_edits

REALWORD_FILE = Path(__file__).resolve().parent / "data" / "realword.tsv.gz"
#: a word must be seen this many times in the clean news to be a confusable word or a candidate
MIN_COUNT = 10
MIN_LENGTH = 4
#: a word with or without one of these at its start is grammar, not spelling (وزير/ووزير، بيان/ببيان)
_CLITICS = "وفبلكا"
#: probability that a written common word is a typo for one particular neighbour one letter away
TYPO_PRIOR = 1e-3
#: weight of the neighbour's overall share in the smoothed share of the neighbour beside a word
PRIOR_WEIGHT = 300.0
#: probability at which a change with full context agreement is applied
APPLY_AT = 0.99
#: probability at which a candidate is suggested
SUGGEST_AT = 0.5
#: pair count at which clean news are said to write two words together
SEEN = 2
_CLAUSE_START = "^"
_ONLY_SPACE = frozenset(" \u00a0\t")
_CLAUSE_OPENERS = frozenset(".!?؟:«\"“\n")


def realword_candidates(word: str) -> set[str]:
    """Strings one swapped, dropped or doubled letter away from ``word``, at any position.

    >>> sorted(c for c in realword_candidates("العمل") if c in {"العلم", "العامل", "لعمل"})
    ['العامل', 'العلم']
    """
    out = one_letter_edits(word)
    # a clitic more or less (وزير/ووزير، بيان/ببيان، لكرة/الكرة) is a choice of grammar, not a typo;
    # الأمريكي/الأميركي، السبعينات/السبعينيات are two spellings of one word
    return {c for c in out if not _clitic_apart(word, c) and not _free_variants(word, c)}


#: pieces of words written either way in good news
FREE_VARIANTS = (("مريك", "ميرك"), ("ينات", "ينيات"), ("مئة", "مائة"), ("مئات", "مائات"))


def _free_variants(a: str, b: str) -> bool:
    return any((x in a and a.replace(x, y) == b) or (y in a and a.replace(y, x) == b) for x, y in FREE_VARIANTS)


def _clitic_apart(a: str, b: str) -> bool:
    if len(a) > len(b):
        a, b = b, a
    return len(b) == len(a) + 1 and b[0] in _CLITICS and b[1:] == a


@dataclass(frozen=True, slots=True)
class RealWordTables:
    #: word → its count in the clean news (confusable words and their candidates)
    counts: dict[str, int]
    #: confusable word → its candidates
    candidates: dict[str, tuple[str, ...]]
    #: "previous-skeleton word" → count
    left: dict[str, int]
    #: "word next-skeleton" → count
    right: dict[str, int]


@lru_cache(maxsize=2)
def load_realword(path: Path = REALWORD_FILE) -> RealWordTables:
    """The confusion sets and their context counts (loaded once, when first needed)."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            cells = handle.read().replace("\n", "\t").split("\t")
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise RepairResourceError(
            f"khabar resource {path} is missing or damaged ({error}); reinstall khabar "
            "or rebuild it with scripts/build_realword.py") from error
    if cells and cells[-1] == "":
        cells.pop()
    if len(cells) % 3:
        raise RepairResourceError(f"khabar resource {path} is damaged (ragged rows)")
    tables: dict[str, dict[str, int]] = {"count": {}, "left": {}, "right": {}}
    candidates: dict[str, tuple[str, ...]] = {}
    try:
        for table, key, value in zip(cells[0::3], cells[1::3], cells[2::3], strict=True):
            if table == "confusable":
                candidates[key] = tuple(value.split(" "))
            else:
                tables[table][key] = int(value)
    except (KeyError, ValueError) as error:
        raise RepairResourceError(f"khabar resource {path} is damaged ({error!r})") from error
    return RealWordTables(tables["count"], candidates, tables["left"], tables["right"])


def _neighbour(text: str, matches: list, index: int, step: int, skeletons: str | None = None) -> str:
    """Skeleton of the adjacent word when only spaces separate them; ^ before a word that opens a
    sentence, quotation or paragraph; else ''. ``skeletons``: the whole text folded by :func:`skeleton`
    (one letter for one letter), to slice instead of folding each word."""
    other = index + step
    if other < 0:
        return _CLAUSE_START
    if other >= len(matches):
        return ""
    gap = text[matches[other].end() : matches[index].start()] if step < 0 \
        else text[matches[index].end() : matches[other].start()]
    if gap != " ":
        if not gap:
            return ""
        if any(char not in _ONLY_SPACE for char in gap):
            return _CLAUSE_START if step < 0 and any(char in _CLAUSE_OPENERS for char in gap) else ""
    found = matches[other]
    return skeletons[found.start() : found.end()] if skeletons is not None else skeleton(found.group())


@dataclass(frozen=True, slots=True)
class Verdict:
    candidate: str
    probability: float
    #: clean news write the candidate beside both neighbours, and the written word beside neither
    agreed: bool


_VERDICTS: dict[tuple[str, str, str], Verdict | None] = {}


def _side(pairs: int, count: int, neighbour_count: int, total: int) -> float:
    """log P(neighbour | word) / P(neighbour): the pair count smoothed towards the neighbour's share."""
    share = neighbour_count / total
    return math.log((pairs + PRIOR_WEIGHT * share) / (count + PRIOR_WEIGHT) / share)


def judge(word: str, previous: str, following: str, tables: RealWordTables,
          skeleton_counts: dict[str, int], total: int) -> Verdict | None:
    """The best candidate for ``word`` between these neighbour skeletons (cached), or None."""
    key = (previous, word, following)
    if key in _VERDICTS:
        return _VERDICTS[key]
    if len(_VERDICTS) > 200_000:
        _VERDICTS.clear()
    counts, left, right = tables.counts, tables.left, tables.right
    if (previous and left.get(f"{previous} {word}", 0) >= SEEN) \
            or (following and right.get(f"{word} {following}", 0) >= SEEN):
        # clean news write the word itself beside one of its neighbours: not applied there anyway (see
        # Verdict.agreed); on 1,000 untouched dev articles such places were 62% of the checks and gave 5 of
        # the 31 suggestions, so they are skipped for speed
        _VERDICTS[key] = None
        return None
    previous_count = skeleton_counts.get(previous, 1) if previous else 0
    following_count = skeleton_counts.get(following, 1) if following else 0
    scores = []
    sides = []
    options = (word, *tables.candidates[word])
    for option in options:
        count = counts.get(option, 1)
        score = math.log(count) + (math.log(TYPO_PRIOR) if option != word else 0.0)
        before = _side(left.get(f"{previous} {option}", 0), count, previous_count, total) if previous else 0.0
        after = _side(right.get(f"{option} {following}", 0), count, following_count, total) if following else 0.0
        scores.append(score + before + after)
        sides.append((before, after))
    best = max(range(len(scores)), key=scores.__getitem__)
    verdict = None
    if best:
        top = scores[best]
        probability = 1.0 / sum(math.exp(s - top) for s in scores)
        candidate = options[best]
        agreed = bool(previous and following and previous != _CLAUSE_START
                      and left.get(f"{previous} {candidate}", 0) >= SEEN
                      and right.get(f"{candidate} {following}", 0) >= SEEN
                      and left.get(f"{previous} {word}", 0) < SEEN and right.get(f"{word} {following}", 0) < SEEN)
        verdict = Verdict(candidate, probability, agreed)
    _VERDICTS[key] = verdict
    return verdict


def _triples_in_text(text: str, matches: list) -> Counter[tuple[str, str, str]]:
    """How often each (previous skeleton, word, next skeleton) occurs in the text."""
    return Counter((_neighbour(text, matches, index, -1), match.group(), _neighbour(text, matches, index, +1))
                   for index, match in enumerate(matches))


def find_real_word_errors(text: str, resources: Resources, threshold: float,
                          known: Callable[[str], bool] | None = None) -> tuple[list[Change], list[Change]]:
    """Real-word typos to apply (context and frequency agree overwhelmingly) and to suggest."""
    applied: list[Change] = []
    suggested: list[Change] = []
    matches = list(WORD.finditer(text))
    protected = Protected(text)
    context: NameContext | None = None
    names = load_name_words()
    in_text: Counter[tuple[str, str, str]] | None = None
    tables = load_realword() if matches else None
    confusable = tables.candidates if tables is not None else {}
    skeletons: str | None = None
    for index, match in enumerate(matches):
        word = match.group()
        if word not in confusable:
            continue
        if protected and protected.covers(*match.span()):
            continue
        if skeletons is None:
            skeletons = skeleton(text)
        previous = _neighbour(text, matches, index, -1, skeletons)
        following = _neighbour(text, matches, index, +1, skeletons)
        verdict = judge(word, previous, following, tables, resources.skeletons, resources.total)
        if verdict is None or verdict.probability < SUGGEST_AT:
            continue
        if context is None:
            context = NameContext(text, [(m.start(), m.group()) for m in matches], names,
                                  known or (lambda w: resources.words.get(w, 0) >= 2000), resources.has_pair)
        if word in names or verdict.candidate in names or context.rare_word_evidence(index) \
                or context.evidence(index):
            continue  # names are never changed, nor suggested
        shown = [w for w in (matches[index - 1].group() if previous and previous != _CLAUSE_START else "",
                             matches[index + 1].group() if following else "") if w]
        reason = (f"«{word}» is a word, but wrong in this context: clean news write «{verdict.candidate}», one "
                  f"letter away, beside «{' … '.join(shown)}»")
        if verdict.agreed:
            reason += f", and never «{word}»"
        agreed = verdict.agreed
        if agreed:
            if in_text is None:
                in_text = _triples_in_text(text, matches)
            if in_text[(previous, word, following)] > 1:
                # a typo is a slip: the same word between the same neighbours twice is how this text says it
                agreed = False
                reason += f"; but this text writes «{word}» so more than once"
        change = Change(*match.span(), verdict.candidate, "spelling", verdict.probability, reason)
        if agreed and verdict.probability >= max(threshold, APPLY_AT):
            applied.append(change)
        else:
            suggested.append(change)
    return applied, suggested
