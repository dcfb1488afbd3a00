"""Feature extraction for the CRF entity tagger (shared by training and the pipeline component).

Each token is described by its normalized form and affixes, its shape, whether it is a proclitic piece,
a word-vector cluster (k-means over the floret news vectors: words used alike share a cluster), which
gazetteer lists the token or a multi-word name through it belongs to, and the same for two tokens on
each side.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from spacy.attrs import IS_SPACE, NORM, ORTH, SENT_START, SPACY, TAG
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from khabar.repair.resources import load_resources

DATA = Path(__file__).with_name("data")
PROCLITIC_PIECES = frozenset({"و", "ف", "ب", "ل", "ك", "س"})
_ARABIC = re.compile("[\u0621-\u064a]")
_LATIN = re.compile("[A-Za-z]")
_DIGIT = re.compile(r"\d")
_ALEFS = str.maketrans("أإآٱى", "ااااي")


def fold(text: str) -> str:
    """Spelling-insensitive key: alef forms → ا, ى → ي, ة → ه.

    >>> fold("أميرة")
    'اميره'
    """
    return text.translate(_ALEFS).replace("ة", "ه")


@lru_cache(maxsize=1)
def load_tables(folder: Path = DATA) -> tuple[dict[str, str], dict[tuple[str, ...], str], int]:
    """(cluster of a folded word, gazetteer name tuple → list label, longest name length)."""
    clusters: dict[str, str] = {}
    path = folder / "clusters.tsv.gz"
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                word, _, cluster = line.rstrip("\n").partition("\t")
                clusters[word] = cluster
    names: dict[tuple[str, ...], str] = {}
    path = folder / "gazetteer.tsv.gz"
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                name, _, label = line.rstrip("\n").partition("\t")
                names[tuple(name.split())] = label
    longest = max((len(k) for k in names), default=1)
    return clusters, names, longest


def shape(text: str) -> str:
    """Coarse shape: ar / num / lat / punct / mixed."""
    if _ARABIC.search(text):
        return "ar" if not _DIGIT.search(text) else "mixed"
    if _DIGIT.search(text):
        return "num"
    if _LATIN.search(text):
        return "lat"
    return "punct"


def gazetteer_tags(keys: Sequence[str], names: dict[tuple[str, ...], str], longest: int) -> list[str]:
    """B-/I-label of the longest gazetteer names found over ``keys`` (folded norms), else ``O``.

    >>> gazetteer_tags(["زار", "باراك", "اوباما"], {("باراك", "اوباما"): "PER"}, 2)
    ['O', 'B-PER', 'I-PER']
    """
    tags = ["O"] * len(keys)
    firsts = _first_words(names)
    i = 0
    while i < len(keys):
        if keys[i] not in firsts:
            i += 1
            continue
        for size in range(min(longest, len(keys) - i), 0, -1):
            label = names.get(tuple(keys[i: i + size]))
            if label:
                tags[i] = f"B-{label}"
                for j in range(i + 1, i + size):
                    tags[j] = f"I-{label}"
                i += size
                break
        else:
            i += 1
    return tags


_FIRSTS: dict[int, frozenset[str]] = {}


def _first_words(names: dict[tuple[str, ...], str]) -> frozenset[str]:
    """The words that begin some name (cached per table)."""
    found = _FIRSTS.get(id(names))
    if found is None or len(_FIRSTS) > 64:
        found = _FIRSTS[id(names)] = frozenset(k[0] for k in names if k)
    return found


_OWN_CACHE: dict[tuple[str, str, str | None], list[str]] = {}


def _own_features(text: str, norm: str, key: str, tag: str | None) -> list[str]:
    """The features of a token that do not depend on its neighbours (cached: most tokens recur)."""
    cache_key = (text, norm, tag)
    feats = _OWN_CACHE.get(cache_key)
    if feats is not None:
        return feats
    clusters = load_tables()[0]
    words = load_resources().words
    cl = clusters.get(key, "?")
    feats = [
        f"n={key}", f"p2={key[:2]}", f"p3={key[:3]}", f"s2={key[-2:]}", f"s3={key[-3:]}",
        f"sh={shape(text)}", f"c={cl}", f"c4={cl[:-1]}", f"len={min(len(key), 8)}",
    ]
    if tag is not None:
        feats.append(f"t={tag}")
    if _ARABIC.search(norm):
        # names are rare words, and rarely written with the article
        freq = words.get(norm, 0)
        feats.append(f"f={len(str(freq)) if freq else 0}")
        if not norm.startswith("ال"):
            feats.append(f"fal={len(str(words.get('ال' + norm, 0)))}")
    if key.startswith("ال"):
        feats.append("al")
        feats.append(f"nal={key[2:]}")
    if len(_OWN_CACHE) > 50_000:
        _OWN_CACHE.clear()
    _OWN_CACHE[cache_key] = feats
    return feats


_EDGE = ("-2:edge", "-1:edge", "1:edge", "2:edge")
_NEIGHBOUR_CACHE: dict[tuple[str, str, str, str | None], tuple[list[str], ...]] = {}


def _neighbour_features(key: str, cluster: str, gaz: str, tag: str | None) -> tuple[list[str], ...]:
    """A token's features as seen from each of the four neighbour offsets."""
    cache_key = (key, cluster, gaz, tag)
    found = _NEIGHBOUR_CACHE.get(cache_key)
    if found is None:
        found = tuple(
            [f"{d}:n={key}", f"{d}:c={cluster}", f"{d}:g={gaz}"] + ([f"{d}:t={tag}"] if tag is not None else [])
            for d in (-2, -1, 1, 2)
        )
        if len(_NEIGHBOUR_CACHE) > 50_000:
            _NEIGHBOUR_CACHE.clear()
        _NEIGHBOUR_CACHE[cache_key] = found
    return found


def sentence_features(
    texts: Sequence[str], norms: Sequence[str], glued: Sequence[bool], tags: Sequence[str] | None = None
) -> list[list[str]]:
    """CRF feature strings for each token of one sentence.

    ``glued[i]`` is True when token ``i`` has no space after it (a proclitic piece glued to its host);
    ``tags`` are the tagger's UPOS tags, when given.
    """
    clusters, names, longest = load_tables()
    keys = [fold(n) for n in norms]
    gaz = gazetteer_tags(keys, names, longest)
    own: list[list[str]] = []
    for i, (text, key) in enumerate(zip(texts, keys)):
        feats = [*_own_features(text, norms[i], key, tags[i] if tags is not None else None), f"g={gaz[i]}"]
        if text in PROCLITIC_PIECES and glued[i]:
            feats.append("proclitic")
        if i > 0 and texts[i - 1] in PROCLITIC_PIECES and glued[i - 1]:
            feats.append(f"after_clitic={texts[i - 1]}")
        own.append(feats)
    out: list[list[str]] = []
    n = len(keys)
    # what each token tells its neighbours at distance -2, -1, +1, +2 (cached: the same words recur)
    seen_as = [_neighbour_features(keys[j], clusters.get(keys[j], "?"), gaz[j], tags[j] if tags is not None else None)
               for j in range(n)]
    for i in range(n):
        feats = ["bias", *own[i]]
        for slot, d in enumerate((-2, -1, 1, 2)):
            j = i + d
            if 0 <= j < n:
                feats += seen_as[j][slot]
            else:
                feats.append(_EDGE[slot])
        if i > 0:
            feats.append(f"bi={keys[i - 1]}|{keys[i]}")
        if i < n - 1:
            feats.append(f"bi+={keys[i]}|{keys[i + 1]}")
        if i == 0:
            feats.append("first")
        out.append(feats)
    return out


class CrfTagger:
    """The trained CRF over one Doc's sentences: BIO tags → ``doc.ents`` (PER, LOC, ORG, MISC)."""

    def __init__(self, path: Path = DATA / "ner.crfsuite", use_tags: bool = True, propagate: bool = True) -> None:
        import pycrfsuite

        if not path.exists():
            raise FileNotFoundError(f"the entity model is missing: {path}")
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(path))
        self.use_tags = use_tags
        self.propagate = propagate

    def __call__(self, doc: Doc) -> Doc:
        """Tag each sentence of ``doc`` and set ``doc.ents``."""
        spans = []
        # read every token attribute once (spaCy's per-token properties are slow in loops)
        strings = doc.vocab.strings
        table = doc.to_array([ORTH, NORM, TAG, SPACY, IS_SPACE]).tolist()
        texts = [strings[row[0]] for row in table]
        norms = [strings[row[1]] for row in table]
        glued = [not row[3] for row in table]
        spaces = [bool(row[4]) for row in table]
        all_tags = [strings[row[2]] or "X" if row[2] else "X" for row in table] if self.use_tags else None
        # sentence starts from the array (iterating doc.sents builds a Token object per token)
        if not len(doc):
            bounds = []
        elif doc.has_annotation("SENT_START"):
            flags = doc.to_array([SENT_START]).tolist()
            bounds = [i for i, flag in enumerate(flags) if flag == 1 or i == 0] + [len(doc)]
        else:
            bounds = [0, len(doc)]
        for lo, hi in zip(bounds, bounds[1:]):
            idx = [i for i in range(lo, hi) if not spaces[i]]
            if not idx:
                continue
            tags = [all_tags[i] for i in idx] if all_tags is not None else None
            labels = self.tagger.tag(sentence_features([texts[i] for i in idx], [norms[i] for i in idx],
                                                       [glued[i] for i in idx], tags))
            start = None
            for k, label in enumerate(labels):
                inside = label.startswith("I-") and start is not None and labels[k - 1][2:] == label[2:]
                if start is not None and not inside:
                    spans.append(Span(doc, idx[start], idx[k - 1] + 1, label=labels[start][2:]))
                    start = None
                if label != "O" and not inside:
                    start = k
            if start is not None:
                spans.append(Span(doc, idx[start], idx[-1] + 1, label=labels[start][2:]))
        spans = filter_spans(spans)
        if self.propagate:
            spans = propagate(doc, spans, [fold(n) for n in norms])
        doc.ents = spans
        return doc


#: names longer than this many tokens are not spread to other occurrences
MAX_SPREAD_TOKENS = 8


def propagate(doc: Doc, spans: list[Span], keys: list[str] | None = None) -> list[Span]:
    """Tag the other occurrences of a name found once in the same document with the same label.

    A name is matched by its tokens' folded forms (``لبنان`` after ``ب``, ``وزارة`` or ``وزاره``); an
    occurrence that overlaps an entity already found is left alone. Names of one token must be at least
    three letters long, so that short ambiguous words are not spread.
    """
    keys = keys if keys is not None else [fold(t.norm_) for t in doc]
    names: dict[tuple[str, ...], str] = {}
    for span in spans:
        if span.end - span.start > MAX_SPREAD_TOKENS:
            continue  # a run the tagger took for one long name (e.g. 2,000 numbers) is not spread
        key = tuple(keys[span.start: span.end])
        if len(key) > 1 or len(key[0]) >= 3:
            names.setdefault(key, span.label_)
        if span.label_ == "PER" and len(key) > 1 and len(key[-1]) >= 3:
            names.setdefault(key[-1:], "PER")  # the surname alone, as a later mention
    if not names:
        return spans
    taken = [False] * len(doc)
    for span in spans:
        for i in range(span.start, span.end):
            taken[i] = True
    sizes = sorted({len(k) for k in names}, reverse=True)
    firsts = frozenset(k[0] for k in names)
    added = []
    i = 0
    while i < len(doc):
        if keys[i] not in firsts:
            i += 1
            continue
        for size in sizes:
            if i + size > len(doc):
                continue
            label = names.get(tuple(keys[i: i + size]))
            if label and not any(taken[i: i + size]):
                added.append(Span(doc, i, i + size, label=label))
                i += size
                break
        else:
            i += 1
    return sorted(spans + added, key=lambda span: span.start)
