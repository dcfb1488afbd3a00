"""Who said it, learned: each quotation's candidate speakers ranked by a small logistic model (issue 14).

The hand rules of :mod:`.speakers` still find the mention the cue points at (the *rule* candidate). Beside
it stand the people and institutions named around the cue (entity mentions in its sentence and the
:data:`WINDOW_SENTENCES` before it, at most :data:`WINDOW_TOKENS` tokens back and :data:`WINDOW_AFTER`
ahead) and the last :data:`HISTORY` speakers of the article. Mentions of one name make one candidate.
Each candidate gets a few features (where it comes from, distance, entity label, the syntax around it,
gender and number agreement with the cue's verb, a title beside it, how often it is named) and the
candidate with the highest linear score wins. The weights come from ``training/train_speakers.py``
(logistic regression on the dev gold and silver speakers hidden in news articles) and are read from
``data/speaker_ranker.json`` with plain Python; without that file the rules decide alone.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left, bisect_right
from functools import lru_cache
from pathlib import Path
from typing import Any

from khabar.quotes.cues import PARTICIPLES, PERSON_TITLES, fold
from khabar.quotes.lexicon import _MARKS, _SPEAKER_LABELS, _bare
from khabar.quotes.speakers import _entity_mention
from khabar.quotes.view import _View

WEIGHTS = Path(__file__).resolve().parent / "data" / "speaker_ranker.json"
#: candidates are named in the cue's sentence or in this many sentences before it …
WINDOW_SENTENCES = 2
#: … and at most this many tokens before the cue, or this many after it (a bounded window: any input)
WINDOW_TOKENS = 160
WINDOW_AFTER = 40
#: how many of the article's previous speakers are candidates
HISTORY = 3
#: at most this many candidates per quotation (the nearest mentions first)
MAX_CANDIDATES = 16
_CANDIDATE_LABELS = ("PER", "ORG", "LOC", "MISC")
#: plural endings of a candidate's head word (مسؤولون، الخبراء is not caught: the model weighs what is)
_PLURAL_ENDINGS = ("ون", "ين", "ات")
_BROKEN_PLURALS = frozenset(fold(w) for w in (
    "مصادر", "خبراء", "نشطاء", "ناشطون", "مسؤولون", "محققون", "مشاركون", "سكان", "مواطنون", "شهود", "علماء",
    "قادة", "زعماء", "وزراء", "نواب", "أعضاء", "مسؤولين", "باحثون", "أطباء", "مراقبون", "محللون"))
_NAME_PUNCT = str.maketrans(dict.fromkeys('«»“”"()[]،,.:؛;!؟?#_-–—', " "))


def name_key(name: str) -> tuple[str, ...]:
    """A speaker name folded for merging candidates (punctuation and quote marks off)."""
    return tuple(fold(word) for word in name.translate(_NAME_PUNCT).split())


@lru_cache(maxsize=1)
def load_model(path: str = str(WEIGHTS)) -> dict[str, Any] | None:
    """The shipped weights (``{"weights": {feature: weight}, "female_names": [...]}``), or None."""
    try:
        with open(path, encoding="utf-8") as handle:
            model: dict[str, Any] = json.load(handle)
    except (OSError, ValueError):
        return None
    model["female"] = frozenset(model.get("female_names", ()))
    return model


def verb_shape(view: _View, v: int | None) -> tuple[bool, bool]:
    """(feminine, plural) as the cue word ``v`` shows them: ``قالت``، ``تقول``، ``مضيفة``، ``قالوا``."""
    if v is None:
        return False, False
    word = view.folded[v]
    if len(word) > 3 and word[0] in "وف":
        word = word[1:]
    lemma = fold(view.lemmas[v] or "")
    plural = word.endswith(("وا", "ون")) or (word in PARTICIPLES and word.endswith("ين"))
    if word in PARTICIPLES:
        return word.endswith("ه"), plural
    feminine = (word.endswith("ت") and not lemma.endswith("ت")) or (
        word[:1] == "ت" and view.pos[v] == "VERB" and not lemma.startswith("ت"))
    return feminine and not plural, plural


def _candidate_shape(view: _View, start: int, end: int, label: str, female: frozenset[str]) -> tuple[bool, bool]:
    """(feminine, plural) of a candidate mention: a woman's first name, a feminine head noun, a plural."""
    head = _bare(view.folded[start])
    if label == "PER":
        return head in female, False
    plural = head.endswith(_PLURAL_ENDINGS) or head in _BROKEN_PLURALS
    return label == "LOC" or (head.endswith("ه") and not plural), plural


class _Mentions:
    """The speaker-like entities of a view in text order, searched by bisection (built once per view)."""

    def __init__(self, view: _View) -> None:
        self.spans = [(e.start, e.end, e.label_, e) for e in view.doc.ents if e.label_ in _CANDIDATE_LABELS]
        self.starts = [s[0] for s in self.spans]
        self.view = view
        self._names: dict[int, str] = {}
        #: how many mentions end with each (folded) word: how often a name's bearer is named
        self.counts: dict[str, int] = {}
        for _, _, _, ent in self.spans:
            key = name_key(ent.text)
            if key:
                self.counts[key[-1]] = self.counts.get(key[-1], 0) + 1

    def name(self, m: int) -> str:
        """The speaker name of mention ``m`` (the fullest name of a person), looked up on first use."""
        found = self._names.get(m)
        if found is None:
            _, _, label, ent = self.spans[m]
            view = self.view
            found = _entity_mention(view, ent)[2] if label in _SPEAKER_LABELS else (ent._.canonical or ent.text)
            self._names[m] = found
        return found


def _mentions(view: _View) -> _Mentions:
    found = getattr(view, "_mentions", None)
    if found is None:
        found = _Mentions(view)
        view._mentions = found  # type: ignore[attr-defined]
    return found


def _titled(view: _View, start: int, end: int) -> bool:
    lo, hi = max(view.sent_start[start], start - 4), min(view.sent_end[start], end + 3)
    return any(_bare(view.folded[k]) in PERSON_TITLES for k in range(lo, hi))


def _context(view: _View, start: int, end: int) -> dict[str, float]:
    """Syntax around a mention: in a prepositional phrase, the subject after or before a verb, first words."""
    out: dict[str, float] = {}
    before = start - 1
    while before >= view.sent_start[start] and view.folded[before] in ("و", "ف"):
        before -= 1
    if before >= view.sent_start[start]:
        if view.pos[before] == "ADP" or view.folded[before] in ("ل", "ب", "عن", "مع", "الي", "علي", "من", "في"):
            out["in_pp"] = 1.0
        elif view.pos[before] in ("VERB", "AUX"):
            out["after_verb"] = 1.0
            if view.verb(before) is not None:
                out["after_cue_verb"] = 1.0
        elif view.pos[before] == "NOUN":
            out["after_noun"] = 1.0
    if start - view.sent_start[start] <= 1:
        out["sent_initial"] = 1.0
    if end < view.sent_end[start] and view.pos[end] == "VERB":
        out["before_verb"] = 1.0
    return out


def candidates(view: _View, anchor: int, cue: int | None, content: tuple[int, int],
               rule: tuple[int, int, str] | None, history: list[tuple[str, int]],
               hidden: tuple[int, int] | None = None, female: frozenset[str] | None = None,
               ) -> list[tuple[str, dict[str, float]]]:
    """The candidate speakers (name, features) of the quotation whose cue (or first token) is ``anchor``.

    ``content`` is the quotation's token range (mentions inside it are not candidates); ``rule`` the hand
    rules' speaker (first token, end, name) or None; ``history`` the article's earlier (speaker name, cue
    token), latest last; ``hidden`` a token range left out (the explicit speaker, for silver training data);
    ``female`` the women's first names (default: the shipped model's).
    """
    if female is None:
        model = load_model()
        female = model["female"] if model else frozenset()
    found: dict[tuple[str, ...], tuple[str, dict[str, float]]] = {}
    verb_fem, verb_pl = verb_shape(view, cue)
    sentence = view.sent_index[anchor]

    def add(name: str, feats: dict[str, float], start: int | None, end: int | None, label: str) -> None:
        key = name_key(name)
        if not key:
            return
        if start is not None and end is not None:
            distance = anchor - end if end <= anchor else start - anchor
            back = sentence - view.sent_index[start]
            feats.setdefault("log_dist", min(math.log1p(max(distance, 0)) / 5, 1.5))
            feats.setdefault("after_anchor", float(start > anchor))
            feats.setdefault(f"sent_back_{min(max(back, -1), 3)}", 1.0)
            feats.setdefault(f"label_{label}", 1.0)
            if _titled(view, start, end):
                feats.setdefault("titled", 1.0)
            where = f"sb{min(max(back, -1), 3)}"
            feats.setdefault(f"{where}_{label}", 1.0)
            for f, value in _context(view, start, end).items():
                feats.setdefault(f, value)
                feats.setdefault(f"{where}_{f}", value)  # the subject of this sentence, or of the one before
            fem, plural = _candidate_shape(view, start, end, label, female)
            feats.setdefault(f"agree_{'f' if verb_fem else 'm'}{'f' if fem else 'm'}", 1.0)
            feats.setdefault(f"number_{'p' if verb_pl else 's'}{'p' if plural else 's'}", 1.0)
        if key in found:
            old = found[key][1]
            for f, value in feats.items():
                old.setdefault(f, value)
            return
        if len(found) >= MAX_CANDIDATES:
            return
        found[key] = (name, feats)

    if rule is not None:
        label = "NP"
        for j in range(rule[0], rule[1]):
            if view.ent[j] is not None and view.ent[j].label_ in _SPEAKER_LABELS:
                label = view.ent[j].label_
                break
        add(rule[2], {"rule": 1.0, "rule_len": min((rule[1] - rule[0]) / 5, 2.0)}, rule[0], rule[1], label)
    seen: set[str] = set()
    mentions = _mentions(view)
    for name, at in reversed(history):
        if name in seen or len(seen) >= HISTORY:
            continue
        seen.add(name)
        gap = sentence - view.sent_index[min(at, view.n - 1)]
        key = name_key(name)
        named = bool(key) and key[-1] in mentions.counts  # a name the article tags, not a phrase (التقرير)
        feats = {f"prev{len(seen)}": 1.0, "prev_gap": min(math.log1p(max(gap, 0)) / 2, 2.0)}
        feats[f"prev{len(seen)}_{'named' if named else 'phrase'}"] = 1.0
        add(name, feats, None, None, "")
    lo = max(0, anchor - WINDOW_TOKENS)
    first_sentence = max(0, sentence - WINDOW_SENTENCES)
    hi = min(view.sent_end[anchor], anchor + WINDOW_AFTER)
    a, b = bisect_left(mentions.starts, lo), bisect_right(mentions.starts, hi - 1)
    near = sorted(range(a, b), key=lambda m: abs(mentions.starts[m] - anchor))
    for m in near:
        start, end, label, _ = mentions.spans[m]
        if view.sent_index[start] < first_sentence or content[0] <= start < content[1]:
            continue
        if hidden is not None and hidden[0] <= start < hidden[1]:
            continue
        if start < view.n and view.texts[start] in _MARKS:
            continue
        name = mentions.name(m)
        key = name_key(name)
        count = mentions.counts.get(key[-1], 1) if key else 1
        feats = {"ent": 1.0, "log_count": min(math.log1p(count) / 2, 2.0)}
        add(name, feats, start, end, label)
    return list(found.values())


def score(features: dict[str, float], weights: dict[str, float]) -> float:
    """The linear score of one candidate (features crossed with whether the rules found a speaker)."""
    return sum(weights.get(f, 0.0) * v for f, v in features.items())


def rule_state(view: _View, rule: tuple[int, int, str] | None) -> str:
    """What the hand rules found: nothing (``none``), a name (``name``: a person or organisation entity in
    the phrase), a person's title they could not resolve to a name (``title``: ``المندوب العام``), or another
    phrase (``phrase``: ``التقرير``، ``مصادر مطلعة``)."""
    if rule is None:
        return "none"
    if any(view.ent[j] is not None and view.ent[j].label_ in _SPEAKER_LABELS for j in range(rule[0], rule[1])):
        return "name"
    words = name_key(rule[2])
    if words and _bare(words[0]) in PERSON_TITLES:
        return "title"
    return "phrase"


def context_features(features: dict[str, float], state: str, kind: str) -> dict[str, float]:
    """A candidate's features, each also crossed with what the rules found (:func:`rule_state`), and its
    source crossed with the quotation's kind (direct, indirect, mixed, speech act)."""
    out = dict(features)
    for f, v in features.items():
        out[f"{state}:{f}"] = v
    if "ent" in features:
        for f in ("prev1", "prev2", "rule"):
            if f in features:
                out[f"{f}&ent"] = 1.0  # named nearby as well
    out[f"{kind}:rule"] = features.get("rule", 0.0)
    out[f"{kind}:prev1"] = features.get("prev1", 0.0)
    return out


def choose(view: _View, anchor: int, cue: int | None, content: tuple[int, int], rule: tuple[int, int, str] | None,
           history: list[tuple[str, int]], kind: str) -> str | None:
    """The best-scored candidate's name; None when there is no model or no candidate, or when the model does
    not decide for what the rules found (``states`` in the weights file: it decides only where it beat the
    rules in the dev cross-validation)."""
    model = load_model()
    if model is None:
        return None
    state = rule_state(view, rule)
    if state not in model.get("states", ()):
        return None  # where the rules did as well on the dev gold, they decide
    weights = model["weights"]
    best, best_score = None, -math.inf
    for name, feats in candidates(view, anchor, cue, content, rule, history):
        value = score(context_features(feats, state, kind), weights)
        if value > best_score:
            best, best_score = name, value
    return best
