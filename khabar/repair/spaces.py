"""Lost spaces: two or three words glued into one.

A word the lexicon does not know is split where every piece is a common word
and the split explains the text far better than an unknown word would. A word
the lexicon knows, such as ``والسلام`` or ``بالمناسبة``, is never split, and a
ة or ى inside a word (where Arabic never writes them) is strong evidence.

>>> from khabar import repair
>>> repair("زار وزارةالخارجية في المملكةالعربية السعودية").text
'زار وزارة الخارجية في المملكة العربية السعودية'
>>> repair("والسلام بالمناسبة").text
'والسلام بالمناسبة'
"""

from __future__ import annotations

import math
import re

from khabar.repair.edits import Change
from khabar.repair.names import load_name_words
from khabar.repair.orthography import WORD_WITH_MARKS, Protected, strip_marks
from khabar.repair.resources import Resources

#: prior log-probability that a space was lost at a given place inside a word
LOG_LOST_SPACE = math.log(0.005)
#: log-probability of an unknown word: a base, less a cost per letter
LOG_UNKNOWN_BASE = math.log(1e-5)
LOG_UNKNOWN_PER_LETTER = 1.6
#: an unknown "word" longer than this many letters is rarer still (Arabic words with clitics rarely pass 9):
#: each letter beyond costs this much more, so a chain of glued words can beat it
LONG_WORD = 9
LONG_WORD_PER_LETTER = 2.0
LONG_WORD_PIECES = 3
#: log-probability cost of each clitic used to explain a word (و+ال+stem+ها)
LOG_CLITIC = math.log(0.1)
MIN_PIECE_FREQUENCY = 300  # per billion words: pieces rarer than this are not trusted
#: short pieces must be common words: the lexicon also holds clitic fragments such as ها or وال
MIN_SHORT_PIECE_FREQUENCY = {2: 100_000, 3: 20_000}
MAX_WORD = 40
#: words this common (per billion) are never split
COMMON_WORD = 20_000
_BILLION = math.log(1e9)
PREFIXES = ("", "و", "ف", "ب", "ل", "ك", "س", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل",
            "وب", "فب", "ول", "فل", "وك", "وس", "فس")
SUFFIXES = ("", "ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "نا", "ني", "ي",
            "ان", "ين", "ون", "ات", "ا", "وا", "تان", "تين",
            # relative adjectives and adverbs (إردوغانيا، الإنشادية، المونتينيجري)
            "يا", "ية", "يه", "يين", "يون", "يان", "اوي", "اوية", "اويه",
            # plural with a pronoun (لاستفهاماتهم)
            "اته", "اتها", "اتهم", "اتهما", "اتنا", "اتك", "اتكم")
#: a last piece that is a pronoun or adverb ending (تويتر يا، لاستفهامات هم) is far likelier a suffix
#: than a word glued on: a split that leaves one loses this many log-odds
SUFFIX_PIECES = frozenset({"يا", "هم", "ها", "هما", "كم", "هن"})
SUFFIX_PIECE_PENALTY = -4.0
#: derived verb forms whose participle the lexicon may lack: منبعثة، مندفع (from انبعث، اندفع)
PARTICIPLE_PREFIXES = (("من", "ان"), ("مست", "است"), ("مت", "ت"))
_PREFIX_SET = frozenset(PREFIXES)
_SUFFIX_SET = frozenset(SUFFIXES)
_LONGEST_PREFIX = max(map(len, PREFIXES))
_LONGEST_SUFFIX = max(map(len, SUFFIXES))
#: log-odds added when clean news has the pieces side by side
PAIR_BONUS = 5.0
#: a word that starts with في may be ف + a verb in يـ (فيحق، فيبني): when clean news write that verb this
#: often (per billion), the split into في + … loses this much log-odds
VERB_READING_FREQUENCY = 3000
VERB_READING_PENALTY = -6.0


def _piece_score(words: dict[str, int], piece: str) -> float | None:
    frequency = words.get(piece, 0)
    if frequency < MIN_SHORT_PIECE_FREQUENCY.get(len(piece), MIN_PIECE_FREQUENCY) or len(piece) < 2:
        return None
    if piece in _PREFIX_SET:
        return None  # a lost space never leaves a bare article or clitic (ال بروميثيوسية)
    if "ة" in piece[:-1] or "ى" in piece[:-1]:
        return None
    return math.log(frequency) - _BILLION


def _inflected_piece_score(words: dict[str, int], piece: str) -> float | None:
    """A piece the lexicon lacks but that is a common stem with clitics (ولأمير = و + ل + أمير)."""
    if "ة" in piece[:-1] or "ى" in piece[:-1]:
        return None
    score = whole_word_score(piece, words)
    return score if score > math.log(MIN_PIECE_FREQUENCY) - _BILLION + 2 * LOG_CLITIC else None


def _valid_after(prefix: str, stem: str) -> bool:
    """Whether a stem can follow these proclitics: conjunctions come first, prepositions do not stack."""
    if not prefix:
        return True
    if stem[0] in "وف":
        return False
    if prefix[-1] in "بلك" and stem[0] in "بلك":
        return False
    return not (prefix[-1] == "س" and stem[0] not in "يتنأ")


#: a stem this common (per billion) under clitics makes the whole word a word: بالمناصحة is بال + مناصحة (the
#: pieces of a split need MIN_PIECE_FREQUENCY; keeping a word needs less)
WHOLE_STEM_FREQUENCY = 30
#: a word the lexicon has seen this often (per billion) is not split just because its document has glued words
ATTESTED = 50


def whole_word_score(word: str, words: dict[str, int]) -> float:
    """Log-probability of ``word`` as one word: known, a known stem with clitics, or unknown."""
    best = LOG_UNKNOWN_BASE - LOG_UNKNOWN_PER_LETTER * len(word)
    frequency = words.get(word, 0)
    if frequency:
        best = max(best, math.log(frequency) - _BILLION)
    for participle, verb in PARTICIPLE_PREFIXES:
        if word.startswith(participle) and len(word) > len(participle) + 2:
            base = verb + word[len(participle) :]
            found = max(words.get(base, 0), words.get(base[:-1], 0) if base.endswith(("ة", "ه")) else 0)
            if found >= MIN_PIECE_FREQUENCY:
                best = max(best, math.log(found) - _BILLION + LOG_CLITIC)
    prefixes = [word[:k] for k in range(_LONGEST_PREFIX + 1) if word[:k] in _PREFIX_SET]
    suffixes = [word[len(word) - k :] if k else "" for k in range(_LONGEST_SUFFIX + 1)
                if (word[len(word) - k :] if k else "") in _SUFFIX_SET]
    for prefix in prefixes:
        for suffix in suffixes:
            if not prefix and not suffix:
                continue
            stem = word[len(prefix) : len(word) - len(suffix)]
            if len(stem) < 2 or not _valid_after(prefix, stem):
                continue
            stems = [stem]
            if prefix.endswith("لل"):
                stems.append("ال" + stem)
            if suffix and stem.endswith("ت"):
                stems.append(stem[:-1] + "ة")
            if suffix and stem.endswith("و"):
                stems.append(stem + "ا")
            found = max(words.get(s, 0) for s in stems)
            if found >= WHOLE_STEM_FREQUENCY:
                cost = LOG_CLITIC * ((prefix != "") + (suffix != ""))
                best = max(best, math.log(found) - _BILLION + cost)
    return best


def best_split(word: str, words: dict[str, int], has_pair=None) -> tuple[list[str], float] | None:  # type: ignore[no-untyped-def]
    """The best way to cut ``word`` into 2–3 known words, with its log-odds against keeping it."""
    n = len(word)
    if n < 4 or n > MAX_WORD:
        return None
    best: tuple[list[str], float] | None = None
    for i in range(2, n - 1):
        left = _piece_score(words, word[:i])
        if left is None and i >= 4:
            left = _inflected_piece_score(words, word[:i])
        if left is None:
            continue
        right = _piece_score(words, word[i:])
        if right is None and n - i >= 4:
            right = _inflected_piece_score(words, word[i:])
        if right is not None:
            score = left + right + LOG_LOST_SPACE
            if word[:i] == "في" and words.get("ي" + word[i:], 0) >= VERB_READING_FREQUENCY:
                score += VERB_READING_PENALTY  # فيحق، فيبني: ف + يحق/يبني reads as well as في + حق/بني
            if has_pair is not None and has_pair(word[:i], word[i:]):
                score += PAIR_BONUS
            if word[i:] in SUFFIX_PIECES:
                score += SUFFIX_PIECE_PENALTY
            if best is None or score > best[1]:
                best = ([word[:i], word[i:]], score)
        for j in range(i + 2, n - 1):
            middle = _piece_score(words, word[i:j])
            if middle is None:
                continue
            last = _piece_score(words, word[j:])
            if last is not None:
                score = left + middle + last + 2 * LOG_LOST_SPACE
                if has_pair is not None:
                    score += PAIR_BONUS * (has_pair(word[:i], word[i:j]) + has_pair(word[i:j], word[j:])) / 2
                if best is None or score > best[1]:
                    best = ([word[:i], word[i:j], word[j:]], score)
    if n >= CHAIN_MIN_LETTERS:
        chain = _chain_split(word, words, has_pair)
        if chain is not None and (best is None or chain[1] > best[1]):
            best = chain
    if best is None:
        return None
    if "ة" in word[:-1] or "ى" in word[:-1]:  # never inside an Arabic word
        whole = LOG_UNKNOWN_BASE - LOG_UNKNOWN_PER_LETTER * n + math.log(1e-4)
    else:
        whole = whole_word_score(word, words)
    if len(best[0]) >= LONG_WORD_PIECES:
        # three words or more glued into one long "word": no Arabic word is that long (a long word such as
        # الفوتوجرافيين splits, if at all, in two)
        whole -= LONG_WORD_PER_LETTER * max(0, n - LONG_WORD)
    return best[0], best[1] - whole


#: a word this long may be four words or more glued together (ألفزائرمنمحافظةينبع)
CHAIN_MIN_LETTERS = 10
MAX_CHAIN = 8


def _chain_split(word: str, words: dict[str, int], has_pair=None) -> tuple[list[str], float] | None:  # type: ignore[no-untyped-def]
    """The best cut of ``word`` into 4 to MAX_CHAIN pieces (dynamic programming over the last piece), scored as
    :func:`best_split` scores 2–3 pieces: piece log-frequencies, a lost-space cost per cut, and half the pair
    bonus for each pair of neighbouring pieces clean news write together."""
    n = len(word)
    piece: dict[tuple[int, int], float] = {}
    for start in range(n - 1):
        for end in range(start + 2, n + 1):
            score = _piece_score(words, word[start:end])
            if score is None and end - start >= 4:
                score = _inflected_piece_score(words, word[start:end])
            if score is not None:
                piece[(start, end)] = score
    # best[(start, end, count)] = (score, previous start) for word[:end] whose last piece is word[start:end]
    best: dict[tuple[int, int, int], tuple[float, int]] = {}
    for (start, end), score in sorted(piece.items()):
        if start == 0:
            best[(0, end, 1)] = (score, -1)
            continue
        for (first, last, count), (before, _) in list(best.items()):
            if last != start or count >= MAX_CHAIN:
                continue
            total = before + score + LOG_LOST_SPACE
            if word[start:end] in SUFFIX_PIECES:
                total += SUFFIX_PIECE_PENALTY
            if has_pair is not None and has_pair(word[first:start], word[start:end]):
                total += PAIR_BONUS / 2
            key = (start, end, count + 1)
            if key not in best or total > best[key][0]:
                best[key] = (total, first)
    finals = [(value[0], key) for key, value in best.items() if key[1] == n and key[2] >= 4]
    if not finals:
        return None
    total, (start, end, count) = max(finals)
    pieces = []
    while count >= 1:
        pieces.append(word[start:end])
        previous = best[(start, end, count)][1]
        start, end, count = previous, start, count - 1
    return pieces[::-1], total


#: best splits already worked out, per lexicon and word
_SPLITS: dict[int, dict[str, tuple[list[str], float] | None]] = {}
#: a split this sure is evidence that the document lost spaces elsewhere too
SURE_SPLIT = 4.0
#: log-odds added to every split in a document with (without) such evidence
DOCUMENT_EVIDENCE_BONUS = 4.0
DOCUMENT_NO_EVIDENCE_PENALTY = -1.0


def find_lost_spaces(text: str, resources: Resources, threshold: float) -> tuple[list[Change], list[Change]]:
    words = resources.words
    applied: list[Change] = []
    suggested: list[Change] = []
    found_splits = []
    protected = Protected(text)
    cache = _SPLITS.setdefault(id(words), {})
    marked = _DIACRITIC.search(text) is not None
    for match in WORD_WITH_MARKS.finditer(text):
        # a shadda inside a glued word must not hide the glue
        word = strip_marks(match.group()) if marked else match.group()
        if protected and protected.covers(*match.span()):
            continue
        if len(word) < 4 or word in resources.news_words or words.get(word, 0) >= COMMON_WORD:
            continue
        found = cache.get(word, False)
        if found is False:
            if len(cache) > 200_000:
                cache.clear()
            found = cache[word] = best_split(word, words, resources.has_pair)
        if found is not None:
            found_splits.append((match, found))
    if found_splits:
        found_splits = [(match, _after_name(text, match.start(), split)) for match, split in found_splits]
    sure = sum(1 for _, (_, log_odds) in found_splits if log_odds >= SURE_SPLIT)
    shift = DOCUMENT_EVIDENCE_BONUS if sure >= 2 else (0.0 if sure else DOCUMENT_NO_EVIDENCE_PENALTY)
    for match, (pieces, log_odds) in found_splits:
        written = match.group()
        word = strip_marks(written)
        # offsets of the letters in the written word (diacritics sit after their letter)
        letters = [i for i, char in enumerate(written) if strip_marks(char)] if written != word else None
        # a document's other glued words raise every split, but not that of a word the lexicon knows
        log_odds += min(shift, 0.0) if words.get(word, 0) >= ATTESTED else shift
        confidence = 1.0 / (1.0 + math.exp(-log_odds)) if log_odds > -30 else 0.0
        if confidence < 0.2:
            continue
        target = applied if confidence >= threshold else suggested
        cut = 0
        for piece in pieces[:-1]:
            cut += len(piece)
            offset = match.start() + (letters[cut] if letters is not None else cut)
            target.append(Change(offset, offset, " ", "space", confidence,
                                 f"«{word}» is not a word; «{' '.join(pieces)}» are common words"))
    return applied, suggested


_DIACRITIC = re.compile("[\u064b-\u0652\u0670]")
#: log-odds added to a split of the word after a first name (أحمد التيهاني is not التي هاني)
NAME_SPLIT_PENALTY = -3.0
#: first pieces that name particles are written glued to (عبدالمهدي، أبوراشد): splitting them stays cheap
_NAME_PARTICLES = frozenset({"عبد", "أبو", "ابو", "بن", "ابن", "آل", "أم"})
_PREVIOUS_WORD = re.compile(r"(\w+)[ \u00a0]+$")


def _after_name(text: str, start: int, split: tuple[list[str], float]) -> tuple[list[str], float]:
    """The split, with less confidence when the word follows a first name (it may be a family name)."""
    pieces, log_odds = split
    if pieces[0] in _NAME_PARTICLES:
        return split
    previous = _PREVIOUS_WORD.search(text, max(0, start - 40), start)
    if previous is None:
        return split
    word = strip_marks(previous.group(1))
    if word in load_name_words():
        return pieces, log_odds + NAME_SPLIT_PENALTY
    return split
