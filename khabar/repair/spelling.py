"""Letter typos: a doubled, dropped or swapped letter.

Only rare words that clean news never write are considered. Candidates one typo away
are looked up; a candidate is applied only when it is common, the only
plausible one, clean news write it beside one of the word's neighbours, and the
written word is long enough not to be a rare name. Everything else is returned
as a suggestion, never applied.

>>> from khabar import repair
>>> [(s.before, s.after) for s in repair("قتل عشرات المدنين في القصف").suggestions]
[('المدنين', 'المدنيين')]
"""

from __future__ import annotations

import re

from khabar.repair.edits import Change
from khabar.repair.names import NameContext, load_name_words
from khabar.repair.orthography import WORD, Protected
from khabar.repair.resources import Resources

#: letters most often dropped when typing Arabic
_DROPPED = "يوان"
_PROCLITICS = "وفبلك"
MIN_FREQUENCY = 1000  # per billion words
#: words rarer than this (per billion) that the news never write may be typos (wordfreq holds common typos)
RARE = 2000
#: weight (per billion) given to "the word is right and simply rare"
UNKNOWN_MASS = 3000
APPLY_AT = 0.95
#: the doubt left in a correction when clean news write it beside the same neighbours (a share of 1 - p)
CONTEXT_DOUBT = 0.25
#: the highest confidence of a correction to a word that looks like a name
NAME_CONFIDENCE = 0.3
MIN_LENGTH = 6
#: the highest confidence of a correction clean news never write beside the word's neighbours (below APPLY_AT:
#: a suggestion). On 1,000 untouched dev articles 9 of the 17 applied corrections were harmful (عميلات → عمليات,
#: the town الدوير → الدوري); needing the context left 6, and on dev text with injected typos cost recall
#: 0.464 → 0.368 at precision 0.980 → 0.990 (the rest are suggested)
NO_CONTEXT_CONFIDENCE = 0.9
#: longer "words" are run-together junk, not one typo away from a word (and their n² candidates would
#: take gigabytes: a 20,000-letter run needed 4.4 GB before this bound)
MAX_LENGTH = 25


def one_letter_edits(word: str) -> set[str]:
    """Strings one letter from ``word``, at any position: a doubled letter written once, two neighbouring letters
    swapped, or a letter added (one of those most often dropped, or the one before it again)."""
    out: set[str] = set()
    n = len(word)
    for i in range(n - 1):
        if word[i] == word[i + 1]:
            out.add(word[:i] + word[i + 1 :])
        out.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
    for i in range(1, n):
        for letter in set(_DROPPED) | {word[i - 1]}:
            out.add(word[:i] + letter + word[i:])
    out.discard(word)
    return out


def typo_candidates(word: str) -> set[str]:
    """Words one doubled, dropped or swapped letter away from ``word``."""
    out = one_letter_edits(word)
    # a doubled letter that is grammar: a clitic before a word starting with it (ببعدها = بـ + بعدها), or the ي
    # of a plural nisba in construct (سعوديي الجنسية)
    if len(word) > 2 and word[0] == word[1] != word[2] and word[0] in _PROCLITICS:
        out.discard(word[1:])  # (a tripled letter is still a typo: لللغة → للغة)
    if word.endswith("يي"):
        out.discard(word[:-1])
    if word.startswith("ل"):
        out.add("ا" + word)  # the article's alef lost at the word's start: لمركزي → المركزي
    return out


#: corrections already worked out, per lexicon and word
_CACHE: dict[int, dict[str, tuple[str, float] | None]] = {}


def best_correction(word: str, words: dict[str, int]) -> tuple[str, float] | None:
    """The most likely intended word one typo away, with its probability (cached per word)."""
    cache = _CACHE.setdefault(id(words), {})
    if word in cache:
        return cache[word]
    if len(cache) > 100_000:
        cache.clear()
    own = words.get(word, 0)
    floor = max(MIN_FREQUENCY, 100 * own)
    scored = sorted(((words[c], c) for c in typo_candidates(word) if words.get(c, 0) >= floor), reverse=True)
    found = None
    if scored:
        frequency, best = scored[0]
        found = best, frequency / (sum(f for f, _ in scored) + UNKNOWN_MASS + 100 * own)
    cache[word] = found
    return found


def _adjacent(text: str, first: re.Match[str], second: re.Match[str]) -> bool:
    """Whether only spaces separate two words."""
    return not text[first.end():second.start()].strip(" \u00a0")


def find_typos(text: str, resources: Resources, threshold: float) -> tuple[list[Change], list[Change]]:
    words = resources.words
    applied: list[Change] = []
    suggested: list[Change] = []
    protected = Protected(text)
    matches = list(WORD.finditer(text))
    context: NameContext | None = None
    for index, match in enumerate(matches):
        word = match.group()
        if protected and protected.covers(*match.span()):
            continue
        if not MIN_LENGTH - 1 <= len(word) <= MAX_LENGTH or words.get(word, 0) >= RARE or word in resources.news_words:
            continue
        found = best_correction(word, words)
        if found is None:
            continue
        best, confidence = found
        if best == "ا" + word and not (index > 0 and _adjacent(text, matches[index - 1], match)
                                       and matches[index - 1].group().lstrip("وفب").startswith("ال")):
            continue  # لمركزي → المركزي only after a definite noun (البنك لمركزي); وأدت لتوترات is ل + noun
        reason = f"«{word}» is not in the lexicon; «{best}» is one letter away and common"
        neighbours = [(matches[index - 1].group(), best)] if index > 0 and _adjacent(text, matches[index - 1], match) \
            else []
        if index + 1 < len(matches) and _adjacent(text, match, matches[index + 1]):
            neighbours.append((best, matches[index + 1].group()))
        if any(resources.has_pair(first, second) for first, second in neighbours):
            # clean news write «best» beside this word's neighbours: the context agrees with the frequency
            confidence = 1 - (1 - confidence) * CONTEXT_DOUBT
            reason += ", and clean news write it beside these words"
        else:
            confidence = min(confidence, NO_CONTEXT_CONFIDENCE)
        if context is None:
            context = NameContext(text, [(m.start(), m.group()) for m in matches], load_name_words(),
                                  lambda w: words.get(w, 0) >= RARE)
        name = context.rare_word_evidence(index)
        if name:  # a rare word in a name's place is a name: suggested at most, never applied
            confidence = min(confidence, NAME_CONFIDENCE)
            reason += f"; but it looks like a name ({name})"
        change = Change(*match.span(), best, "spelling", confidence, reason)
        if confidence >= max(threshold, APPLY_AT) and len(word) >= MIN_LENGTH:
            applied.append(change)
        else:
            suggested.append(change)
    return applied, suggested
