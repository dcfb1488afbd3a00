"""Arabic commas that were turned into periods.

Legacy conversions often map the Arabic comma ``،`` to ``.``, so a sentence
like ``قال وزير الخارجية. سامح شكري. إن`` is cut into pieces. A linear model,
trained on clean news where every ``،`` and ``.`` between words is a labelled
example, scores each period between two Arabic words; a document-level prior
(does this text have any Arabic commas at all?) turns that score into the
probability that the period was a comma.

>>> from khabar import repair
>>> repair("قال وزير الخارجية. سامح شكري. إن مصر لن تتراجع.", only=["comma"]).text
'قال وزير الخارجية، سامح شكري، إن مصر لن تتراجع.'
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Iterator, Mapping

from khabar.repair.edits import Change
from khabar.repair.orthography import ARABIC_LETTERS, skeleton, strip_marks

#: a period or Arabic comma between two Arabic words (after a letter or closing quote, before a space and a letter)
BOUNDARY = re.compile(f"(?<=[{ARABIC_LETTERS}»\"”)])[.،](?=[ \u00a0]+[{ARABIC_LETTERS}])")
_WORDS_BEFORE = re.compile(f"[{ARABIC_LETTERS}]+")
_STOP = re.compile(r"[.،!?؟:;؛\n]")


def _bucket(count: int) -> str:
    return str(count) if count < 6 else ("6-9" if count < 10 else ("10-19" if count < 20 else "20+"))


def boundary_features(text: str, at: int) -> list[str]:
    """Features of the punctuation mark at ``text[at]`` (a ``.`` or ``،``).

    Both marks are treated as boundaries when counting distances, which is what
    a model sees when every comma of a text became a period.
    """
    start = max(0, at - 300)
    left = text[start:at]
    stop = max((m.end() for m in _STOP.finditer(left)), default=0)
    before = _WORDS_BEFORE.findall(left[stop:])
    right_end = min(len(text), at + 300)
    right = text[at + 1 : right_end]
    stop_match = _STOP.search(right)
    after_span = right[: stop_match.start()] if stop_match else right
    after = _WORDS_BEFORE.findall(after_span)
    next_mark = stop_match.group() if stop_match else "end"
    if next_mark == "،":
        next_mark = "."
    prev_word = skeleton(before[-1]) if before else ""
    next_word = skeleton(after[0]) if after else ""
    second = skeleton(after[1]) if len(after) > 1 else ""
    features = [
        "bias",
        f"p={prev_word}",
        f"n={next_word}",
        f"n2={next_word} {second}",
        f"ps={prev_word[-2:]}",
        f"nb={next_word[:1]}",
        f"nb2={next_word[:2]}",
        f"since={_bucket(len(before))}",
        f"till={_bucket(len(after))}",
        f"next={next_mark}",
        f"since_till={_bucket(len(before))}|{_bucket(len(after))}",
    ]
    if len(before) > 1:
        features.append(f"p2={skeleton(before[-2])} {prev_word}")
    return features


def comma_score(weights: Mapping[str, float], text: str, at: int) -> float:
    """Log-odds, before any document prior, that the mark at ``at`` is a comma."""
    return sum(weights.get(feature, 0.0) for feature in boundary_features(text, at))


def lost_comma_rate(observed_commas: int, comma_odds: list[float]) -> float:
    """Estimate, by EM, the share of this text's commas that became periods.

    ``comma_odds`` are the model's odds that each period between words was
    written as a comma in clean news. A text that kept its commas gets a rate
    near 0; one with no comma left and many comma-like periods gets a rate near 1.
    """
    rate = 0.5
    for _ in range(20):
        expected = sum(rate * odds / (rate * odds + 1.0) for odds in comma_odds)
        updated = (expected + PRIOR_LOST) / (observed_commas + expected + PRIOR_LOST + PRIOR_KEPT)
        if abs(updated - rate) < 1e-4:
            return updated
        rate = updated
    return rate


#: clean Arabic news has a comma every ~20 words; a text with at least one per 50 words kept its commas. (40 turned
#: the periods of opinion pieces written in short sentences into commas: on 1,000 untouched dev articles 113
#: comma edits, half of them harmful in a hand audit; 50 makes 88, at a cost of dev comma F1 0.883 → 0.871,
#: all of it in texts that lost only some of their commas)
KEPT_COMMAS_WORDS = 50
WORDS = re.compile(f"[{ARABIC_LETTERS}]+")
#: Beta prior on the lost-comma rate (pseudo-counts): clean text is the default
PRIOR_LOST = 0.1
PRIOR_KEPT = 10.0
#: the lost-comma rate assumed for a text that kept its commas: a period changes only when the model's odds
#: of a comma there are ~100:1 or more (`. مشيرا إلى أن`، `. حيث`)
KEPT_TEXT_RATE = 0.01


#: one to three words after a mark, up to the next period or comma
_PHRASE = f"((?:[{ARABIC_LETTERS}\u064b-\u0652]+ ){{0,2}}[{ARABIC_LETTERS}\u064b-\u0652]+)"
_SHORT_SPAN = re.compile(f"[ \u00a0]+{_PHRASE}[ \u00a0]*[.،]")


def _before_opener(text: str, at: int, openers: Collection[str]) -> bool:
    """Whether the period at ``at`` stands before a sentence-opening phrase that takes a comma
    (``تتراجع. من جهته. قال``): that period ends a sentence."""
    span = _SHORT_SPAN.match(text, at + 1)
    return span is not None and skeleton(strip_marks(span.group(1))) in openers


_WORDS_UP_TO = re.compile(f"(?:^|[.!؟\n])[ \u00a0]*{_PHRASE}$")
#: the probability that a period right after a sentence-opening phrase is a lost comma (clean news write a
#: comma after such a phrase in at least 90% of the places it stands alone: scripts/build_comma_openers.py)
AFTER_OPENER = 0.9


def _after_opener(text: str, at: int, openers: Collection[str]) -> bool:
    """Whether the period at ``at`` closes a sentence-opening phrase (``. من جهته. قال``)."""
    span = _WORDS_UP_TO.search(text, max(0, at - 60), at)
    return span is not None and skeleton(strip_marks(span.group(1))) in openers


def find_lost_commas(text: str, load_weights: Callable[[], Mapping[str, float]],
                     load_openers: Callable[[], Collection[str]] = frozenset) -> Iterator[Change]:
    """Periods between Arabic words that the model judges to be lost commas."""
    periods = [m.start() for m in BOUNDARY.finditer(text) if m.group() == "."]
    if not periods:
        return
    observed = text.count("،")
    kept = observed and observed * KEPT_COMMAS_WORDS >= len(WORDS.findall(text))
    weights = load_weights()
    odds = [math.exp(min(30.0, comma_score(weights, text, at))) for at in periods]
    # a text that kept its commas may still have lost a few: only a period the model is sure of is changed
    rate = KEPT_TEXT_RATE if kept else lost_comma_rate(observed, odds)
    openers = load_openers()
    for at, comma_odds in zip(periods, odds, strict=True):
        probability = rate * comma_odds / (rate * comma_odds + 1.0)
        if _before_opener(text, at, openers):
            continue
        reason = "a period inside a clause where Arabic news has a comma"
        if probability < AFTER_OPENER and _after_opener(text, at, openers):
            probability = AFTER_OPENER
            reason = "a period after a phrase that opens a sentence and takes a comma (من جهته، في غضون ذلك،)"
        if probability < 0.05:
            continue
        yield Change(
            at,
            at + 1,
            "،",
            "comma",
            probability,
            reason,
        )
