"""Clitic segmentation of written Arabic words in the Universal Dependencies (PADT) convention.

Proclitic conjunctions, prepositions and particles (``و ف ب ل ك س``) and enclitic personal pronouns
(``ه ها هم نا ي`` …) are split from the host; the article ``ال`` stays on its word. Every segment is a
substring of the word (the segments concatenate back to it) and carries a normalized UD form where the
spelling changes at the join::

    >>> segment("وبالمدرسة")
    ['و', 'ب', 'المدرسة']
    >>> segment_ud("للسيطرة")
    ['ل', 'السيطرة']
    >>> segment_ud("مدرستها")
    ['مدرسة', 'ها']

How a word is split: every candidate (a proclitic sequence from a fixed list × an optional enclitic
pronoun × a host of at least two letters, with its spelling variants) is scored by a small log-linear
model over lexicon frequencies, clitic identities and host shape (``model.tsv``, written by
``training/train_segmenter.py``); a short table of training words the model gets wrong overrides it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from khabar.repair.resources import load_resources

__all__ = [
    "Candidate",
    "Piece",
    "analyze",
    "candidates",
    "clear_cache",
    "features",
    "load_model",
    "segment",
    "segment_ud",
]

MODEL_PATH = Path(__file__).with_name("model.tsv")

#: proclitic sequences, outermost first: an optional conjunction, then an optional preposition/particle
PROCLITICS: tuple[tuple[str, ...], ...] = (
    (),
    ("و",), ("ف",), ("ب",), ("ل",), ("ك",), ("س",),
    ("و", "ب"), ("و", "ل"), ("و", "ك"), ("و", "س"),
    ("ف", "ب"), ("ف", "ل"), ("ف", "ك"), ("ف", "س"),
)
#: enclitic personal pronouns (genitive/accusative)
ENCLITICS: tuple[str, ...] = ("", "ه", "ها", "هما", "هم", "هن", "ك", "كما", "كم", "كن", "ني", "نا", "ي")
#: prepositions that take a pronoun directly (``له`` → ``ل`` + ``ه``)
PREPOSITIONS = frozenset({"ب", "ل", "ك"})
ARABIC_WORD = re.compile("^[\u0621-\u064a]+$")
ARABIC_LETTER = re.compile("[\u0621-\u064a]")


@dataclass(frozen=True, slots=True)
class Piece:
    """One segment: its text in the written word and its normalized (UD) form."""

    text: str
    norm: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """One way to split a word: proclitics, host (as written and normalized), enclitic (``""`` if none)."""

    prefixes: tuple[str, ...]
    stem: str
    stem_norm: str
    suffix: str
    norm_kind: str = ""

    def pieces(self) -> list[Piece]:
        """The segments of this split, in order; an empty host is left out."""
        out = [Piece(p, p) for p in self.prefixes]
        if self.stem:
            out.append(Piece(self.stem, self.stem_norm))
        if self.suffix:
            out.append(Piece(self.suffix, self.suffix))
        return out

    def key(self) -> tuple[str, ...]:
        """The normalized forms, the shape the UD gold has."""
        return tuple(piece.norm for piece in self.pieces())


def _host_variants(rest: str, prefixes: tuple[str, ...], suffix: str) -> Iterable[tuple[str, str]]:
    """(normalized host, kind) for a written host ``rest``: spelling restored at the joins."""
    starts: list[tuple[str, str]] = [(rest, "")]
    if prefixes and prefixes[-1] == "ل" and rest.startswith("ل"):
        starts = [("ا" + rest, "lam_alef"), ("ال" + rest, "lam_al"), (rest, "lam_plain")]
    for host, kind in starts:
        yield host, kind
        if not suffix or len(host) < 2:
            continue
        if host.endswith("ت"):
            yield host[:-1] + "ة", kind + "+ta"
        elif host.endswith("ا"):
            yield host[:-1] + "ى", kind + "+alef_maksura"
        elif host.endswith("و"):
            yield host + "ا", kind + "+waw_alef"
        elif host[-1] in "ئؤ":
            yield host[:-1] + "ء", kind + "+hamza"


def candidates(word: str) -> list[Candidate]:
    """Every split of ``word`` allowed by the clitic lists (the unsplit word first)."""
    out = [Candidate((), word, word, "")]
    if len(word) < 2 or not ARABIC_LETTER.match(word[0]):
        return out
    for prefixes in PROCLITICS:
        head = "".join(prefixes)
        if not word.startswith(head):
            continue
        for suffix in ENCLITICS:
            if not prefixes and not suffix:
                continue
            if suffix and not (word.endswith(suffix) and ARABIC_WORD.match(word)):
                continue
            rest = word[len(head): len(word) - len(suffix)]
            if rest and not (ARABIC_LETTER.match(rest[0]) or rest.isdigit()):
                continue
            if not rest:
                if suffix and prefixes and prefixes[-1] in PREPOSITIONS:
                    out.append(Candidate(prefixes, "", "", suffix, "bare"))
                continue
            if len(rest) < 2 and not rest.isdigit():
                continue
            for host, kind in _host_variants(rest, prefixes, suffix):
                out.append(Candidate(prefixes, rest, host, suffix, kind))
    return out


def _lf(words: dict[str, int], form: str) -> float:
    return math.log10(1 + words.get(form, 0))


def features(word: str, cand: Candidate, hosts: dict[str, int] | None = None) -> dict[str, float]:
    """The model's features for one candidate split of ``word``.

    ``hosts`` maps normalized hosts seen in the training gold to how many training words had them.
    """
    res = load_resources()
    words = res.words
    pre = "+".join(cand.prefixes)
    suf = cand.suffix
    if not pre and not suf:
        lf_word = _lf(words, word)
        return {"unsplit": 1.0, "unsplit_lf": lf_word, f"unsplit_lfb={min(int(lf_word * 2), 14)}": 1.0,
                f"unsplit_len={min(len(word), 9)}": 1.0, f"unsplit_news={word in res.news_words}": 1.0}
    host = cand.stem_norm
    lf_word = _lf(words, word)
    lf_host = _lf(words, host) if host else 3.0
    head = "".join(cand.prefixes)
    lf_nosuf = _lf(words, word[: len(word) - len(suf)]) if suf else lf_word
    lf_nopre = _lf(words, word[len(head):]) if head else lf_word
    art = host.startswith("ال")
    f: dict[str, float] = {
        f"p={pre}": 1.0,
        f"s={suf}": 1.0,
        f"ps={pre}|{suf}": 1.0,
        f"kind={cand.norm_kind}": 1.0,
        "lf_host": lf_host,
        "lf_word": lf_word,
        "lf_diff": lf_host - lf_word,
        "lf_nosuf": lf_nosuf,
        "lf_nopre": lf_nopre,
        f"lfb={min(int(lf_host * 2), 14)}": 1.0,
        f"dfb={max(-6, min(round(lf_host - lf_word), 6))}": 1.0,
        f"news={host in res.news_words}": 1.0,
        f"len={min(len(host), 9)}": 1.0,
        f"pl={min(len(host), 9)}|{pre}": 1.0,
        f"art={art}|{pre[-1:]}|{bool(suf)}": 1.0,
    }
    if host:
        f[f"first={pre[-1:]}|{host[0]}"] = 1.0
        f[f"last={host[-1]}|{suf}"] = 1.0
        f[f"last2={host[-2:]}|{bool(suf)}"] = 1.0
    if hosts is not None:
        count = hosts.get(host, 0)
        f[f"host_seen={min(count, 3)}"] = 1.0
        f[f"host_seen={min(count, 3)}|{bool(suf)}|{bool(pre)}"] = 1.0
    if host.isdigit():
        f[f"digit_host={pre}"] = 1.0
    elif not ARABIC_WORD.match(host or "ا"):
        f["nonarabic_host"] = 1.0
    return f


@dataclass(frozen=True, slots=True)
class Model:
    """Feature weights, the normalized hosts seen in training, and the override table."""

    weights: dict[str, float]
    hosts: dict[str, int]
    overrides: dict[str, tuple[tuple[str, str], ...]]


def parse_model(lines: Iterable[str]) -> Model:
    """Read ``model.tsv``: ``w<TAB>feature<TAB>weight``, ``h<TAB>host<TAB>count``, ``o<TAB>word<TAB>text=norm …``."""
    weights: dict[str, float] = {}
    hosts: dict[str, int] = {}
    overrides: dict[str, tuple[tuple[str, str], ...]] = {}
    for line in lines:
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 3:
            continue
        kind, key, value = parts
        if kind == "w":
            weights[key] = float(value)
        elif kind == "h":
            hosts[key] = int(value)
        elif kind == "o":
            overrides[key] = tuple(tuple(p.split("=", 1)) for p in value.split(" "))  # type: ignore[misc]
    return Model(weights, hosts, overrides)


@lru_cache(maxsize=2)
def load_model(path: Path = MODEL_PATH) -> Model:
    """The shipped model (empty weights if the file is missing: then nothing is split)."""
    if not path.exists():
        return Model({}, {}, {})
    with open(path, encoding="utf-8") as handle:
        return parse_model(handle)


def score(weights: dict[str, float], feats: dict[str, float]) -> float:
    """Linear score of one candidate."""
    return sum(weights.get(name, 0.0) * value for name, value in feats.items())


def best_candidate(word: str, model: Model) -> Candidate:
    """The highest-scoring split of ``word`` (the unsplit word on ties)."""
    cands = candidates(word)
    if len(cands) == 1 or not model.weights:
        return cands[0]
    best, best_score = cands[0], score(model.weights, features(word, cands[0], model.hosts))
    for cand in cands[1:]:
        value = score(model.weights, features(word, cand, model.hosts))
        if value > best_score:
            best, best_score = cand, value
    return best


@lru_cache(maxsize=200_000)
def _analyze(word: str) -> tuple[Piece, ...]:
    model = load_model()
    override = model.overrides.get(word)
    if override is not None:
        return tuple(Piece(text, norm) for text, norm in override)
    return tuple(best_candidate(word, model).pieces())


def analyze(word: str) -> list[Piece]:
    """Segment one written word into :class:`Piece` objects (text in the word, normalized UD form)."""
    if not word:
        return []
    if not ARABIC_LETTER.search(word):
        return [Piece(word, word)]
    return list(_analyze(word))


def segment(word: str) -> list[str]:
    """UD clitic segments of ``word`` as substrings: ``"".join(segment(w)) == w``.

    >>> segment("كتابها")
    ['كتاب', 'ها']
    """
    return [piece.text for piece in analyze(word)]


def segment_ud(word: str) -> list[str]:
    """UD clitic segments of ``word`` in normalized form (``للسيطرة`` → ``ل``, ``السيطرة``)."""
    return [piece.norm for piece in analyze(word)]


def clear_cache() -> None:
    """Forget cached analyses (for timing cold runs)."""
    _analyze.cache_clear()


def segment_many(words: Sequence[str]) -> list[list[str]]:
    """:func:`segment_ud` for many words."""
    return [segment_ud(word) for word in words]
