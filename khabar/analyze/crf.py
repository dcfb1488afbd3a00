"""Feature extraction for the CRF entity tagger (shared by training and the pipeline component).

Each token is described by its normalized form and affixes, its shape, whether it is a proclitic piece,
a word-vector cluster (k-means over the floret news vectors: words used alike share a cluster), which
gazetteer lists the token or a multi-word name through it belongs to, and the same for two tokens on
each side. Two name lexicons add evidence the 130k training tokens cannot give: how often the word is
part of a person's name in Wikidata (transliterated foreign names above all) or an Arabic Wikipedia name
pair, and which multi-word names of Arabic Wikipedia (WikiFANE Gold) run through it, with their type.
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

from khabar.errors import ResourceError
from khabar.link import demonym_country, normalize_name
from khabar.link.names import name_entries
from khabar.repair.resources import load_resources
from khabar.text import fold_letters


class AnalyzeResourceError(ResourceError):
    """The shipped analysis pipeline (spaCy model, entity model or its tables) is missing or damaged."""


DATA = Path(__file__).with_name("data")
PROCLITIC_PIECES = frozenset({"و", "ف", "ب", "ل", "ك", "س"})
_ARABIC = re.compile("[\u0621-\u064a]")
_LATIN = re.compile("[A-Za-z]")
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Spelling-insensitive key: alef forms → ا, ى → ي, ة → ه.

    >>> fold("أميرة")
    'اميره'
    """
    return fold_letters(text)


def _read_pairs(path: Path) -> dict[str, str]:
    """A ``key<TAB>value`` table (empty when the file is absent)."""
    pairs: dict[str, str] = {}
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                key, _, value = line.rstrip("\n").partition("\t")
                pairs[key] = value
    return pairs


def _read_names(path: Path) -> dict[tuple[str, ...], str]:
    """A ``name<TAB>label`` table of folded multi-word names, keyed by their words."""
    return {tuple(name.split()): label for name, label in _read_pairs(path).items()}


@lru_cache(maxsize=1)
def load_lexicons(folder: Path = DATA) -> tuple[dict[str, str], dict[tuple[str, ...], str], int]:
    """(folded word → person-name evidence such as ``"3t"``, Wikipedia name tuple → label, longest name).

    The evidence is the order of magnitude of the word's count in Wikidata person names (``0``–``4``)
    followed by ``t`` when the word is one of the Arabic Wikipedia name-pair words.
    """
    words = _read_pairs(folder / "name_words.tsv.gz")
    names = _read_names(folder / "wiki_names.tsv.gz")
    return words, names, max((len(k) for k in names), default=1)


@lru_cache(maxsize=1)
def load_tables(folder: Path = DATA) -> tuple[dict[str, str], dict[tuple[str, ...], str], int]:
    """(cluster of a folded word, gazetteer name tuple → list label, longest name length)."""
    clusters = _read_pairs(folder / "clusters.tsv.gz")
    names = _read_names(folder / "gazetteer.tsv.gz")
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
        sizes = firsts.get(keys[i])
        if sizes is None:
            i += 1
            continue
        for size in sizes:
            if size > len(keys) - i:
                continue
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


_FIRSTS: dict[int, tuple[dict[tuple[str, ...], str], dict[str, tuple[int, ...]]]] = {}


def _first_words(names: dict[tuple[str, ...], str]) -> dict[str, tuple[int, ...]]:
    """Each word that begins some name → the lengths of those names, longest first (cached per table)."""
    found = _FIRSTS.get(id(names))
    if found is None or found[0] is not names:
        if len(_FIRSTS) > 64:
            _FIRSTS.clear()
        lengths: dict[str, set[int]] = {}
        for key in names:
            if key:
                lengths.setdefault(key[0], set()).add(len(key))
        found = _FIRSTS[id(names)] = (names, {w: tuple(sorted(n, reverse=True)) for w, n in lengths.items()})
    return found[1]


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
    person = load_lexicons()[0].get(key, "0")
    feats = [f"pw={person[0]}", *(["tw"] if person.endswith("t") else []),
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
_NEIGHBOUR_CACHE: dict[tuple[str, str, str, str | None, str], tuple[list[str], ...]] = {}


def _neighbour_features(key: str, cluster: str, gaz: str, tag: str | None, wiki: str = "O"
                        ) -> tuple[list[str], ...]:
    """A token's features as seen from each of the four neighbour offsets (the lexicons' only at ±1)."""
    cache_key = (key, cluster, gaz, tag, wiki)
    found = _NEIGHBOUR_CACHE.get(cache_key)
    if found is None:
        person = load_lexicons()[0].get(key, "0")[0]
        found = tuple(
            [f"{d}:n={key}", f"{d}:c={cluster}", f"{d}:g={gaz}"] + ([f"{d}:t={tag}"] if tag is not None else [])
            + ([f"{d}:w={wiki}", f"{d}:pw={person}"] if d in (-1, 1) else [])
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
    _, wiki_names, wiki_longest = load_lexicons()
    keys = [fold(n) for n in norms]
    gaz = gazetteer_tags(keys, names, longest)
    wiki = gazetteer_tags(keys, wiki_names, wiki_longest)
    own: list[list[str]] = []
    for i, (text, key) in enumerate(zip(texts, keys)):
        feats = [*_own_features(text, norms[i], key, tags[i] if tags is not None else None), f"g={gaz[i]}",
                 f"w={wiki[i]}"]
        if text in PROCLITIC_PIECES and glued[i]:
            feats.append("proclitic")
        if i > 0 and texts[i - 1] in PROCLITIC_PIECES and glued[i - 1]:
            feats.append(f"after_clitic={texts[i - 1]}")
        own.append(feats)
    out: list[list[str]] = []
    n = len(keys)
    # what each token tells its neighbours at distance -2, -1, +1, +2 (cached: the same words recur)
    seen_as = [_neighbour_features(keys[j], clusters.get(keys[j], "?"), gaz[j], tags[j] if tags is not None else None,
                                   wiki[j]) for j in range(n)]
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


#: the tables the CRF's features are read from (built by ``training/train_crf_ner.py``)
FEATURE_TABLES = ("clusters.tsv.gz", "gazetteer.tsv.gz", "name_words.tsv.gz", "wiki_names.tsv.gz")


class CrfTagger:
    """The trained CRF over one Doc's sentences: BIO tags → ``doc.ents`` (PER, LOC, ORG, MISC)."""

    def __init__(self, path: Path = DATA / "ner.crfsuite", use_tags: bool = True, propagate: bool = True,
                 known_names: bool = True) -> None:
        import pycrfsuite

        if not path.exists():
            raise AnalyzeResourceError(f"the entity model is missing: {path}")
        # the model was trained with these tables' features: without one it would still run, but tag worse
        missing = [name for name in FEATURE_TABLES if not (DATA / name).exists()]
        if missing:
            raise AnalyzeResourceError(f"the entity model's feature tables are missing in {DATA}: {', '.join(missing)}")
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(path))
        self.use_tags = use_tags
        self.propagate = propagate
        self.known_names = known_names

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
        if self.known_names:
            spans = known_names(doc, spans, texts, norms, glued)
        if self.propagate:
            spans = propagate(doc, spans, [fold(n) for n in norms])
        doc.ents = spans
        return doc


@lru_cache(maxsize=50_000)
def _name_key(norm: str) -> str:
    """A token's form as the name table keys it (:func:`khabar.link.normalize_name`)."""
    return normalize_name(norm) if norm else ""


def _written_words(texts: Sequence[str], norms: Sequence[str], glued: Sequence[bool]
                   ) -> list[tuple[int, int, str, str]]:
    """The Arabic words of ``doc`` as written, each ``(first token of its host, end token, key of the whole
    word, key of the host)``: clitic pieces stay with their word (``لحقوق`` is one word of ``لحقوق الإنسان``),
    and a name may begin at the host (``للأمم`` → ``الأمم``, by its normalized form)."""
    out = []
    arabic = [_is_arabic(text) for text in texts]
    i, n = 0, len(texts)
    while i < n:
        end = i + 1
        if not arabic[i]:  # punctuation, numbers, Latin, line breaks: a name never runs across them
            out.append((i, end, "", ""))
            i = end
            continue
        while end < n and glued[end - 1] and arabic[end]:
            end += 1
        host = i
        while host < end - 1 and texts[host] in PROCLITIC_PIECES:
            host += 1
        whole = _name_key("".join(texts[i:end])) if end - i > 1 else _name_key(texts[i])
        out.append((host, end, whole, _name_key(norms[host] + "".join(texts[host + 1:end]))))
        i = end
    return out


@lru_cache(maxsize=50_000)
def _is_arabic(text: str) -> bool:
    return bool(_ARABIC.search(text))


#: words news puts before a name without making them part of it (as ANERcorp annotates): ``حركة حماس``,
#: ``وكالة رويترز``, ``الشيخ تميم``; folded as :func:`khabar.link.normalize_name` folds
DESCRIPTORS = frozenset([
    "حركه", "وكاله", "صحيفه", "قناه", "شبكه", "شركه", "جماعه", "تنظيم", "ميليشيا", "ميليشيات", "مليشيا",
    "الشيخ", "الرئيس", "الملك", "الامير", "السيد", "اذاعه", "مجله", "موقع",
])


def _widens_name(norms: Sequence[str], start: int, end: int, found_start: int, found_end: int) -> bool:
    """Whether the alias ``norms[start:end]`` adds more to the tagger's name ``norms[found_start:found_end]``
    than leading descriptors (``حركة``) and trailing demonyms (``اللبناني``): ``مفوضية الأمم المتحدة لحقوق
    الإنسان`` widens ``الأمم المتحدة``, ``حزب الله اللبناني`` does not widen ``حزب الله``."""
    if any(_name_key(norms[i]) not in DESCRIPTORS for i in range(start, found_start)):
        return True
    return any(demonym_country(norms[i]) is None for i in range(found_end, end))


@lru_cache(maxsize=1)
def _known_name_table() -> tuple[dict[tuple[str, ...], str], frozenset[str], int]:
    """(alias words → PER/ORG, first words, longest alias) from the shipped organisation/person table."""
    labels = {"organization": "ORG", "person": "PER"}
    table = {tuple(key.split()): labels[link.kind] for key, link in name_entries().items() if link.kind in labels}
    return table, frozenset(k[0] for k in table), max((len(k) for k in table), default=1)


def known_names(doc: Doc, spans: list[Span], texts: Sequence[str], norms: Sequence[str], glued: Sequence[bool]
                ) -> list[Span]:
    """Give the names of :mod:`khabar.link.names` their whole extent and type.

    Where an alias of a known organisation or person (``هيئة تحرير الشام``, ``مجلس الأمن الدولي``) occurs
    in the text, the tagger's spans inside it are replaced by one span over the whole alias with the
    entry's label (the tagger found ``الشام`` as a place inside the group's name, ``قوات سوريا`` inside
    ``قوات سوريا الديمقراطية``). A longer name the tagger found around an alias is kept, and so is a name of
    the entry's type that the alias only widens by a title or a demonym (``حماس`` in ``حركة حماس``,
    ``حزب الله`` in ``حزب الله اللبناني``: ANERcorp leaves those out). An alias of one word only corrects the
    type of a span the tagger found there, never adds one (``بحماس`` is "with enthusiasm" as often as
    "with Hamas").
    """
    table, firsts, longest = _known_name_table()
    if not table:
        return spans
    words = _written_words(texts, norms, glued)
    covered: dict[int, Span] = {}
    for span in spans:
        for i in range(span.start, span.end):
            covered[i] = span
    found: list[Span] = []
    w, n = 0, len(words)
    while w < n:
        if words[w][3] not in firsts:
            w += 1
            continue
        for size in range(min(longest, n - w), 0, -1):
            label = table.get((words[w][3], *(word[2] for word in words[w + 1: w + size])))
            if label is None:
                continue
            i, end = words[w][0], words[w + size - 1][1]
            overlapping = [covered[j] for j in range(i, end) if j in covered]
            if size == 1 and not overlapping:
                continue
            if any(s.start < i or s.end > end for s in overlapping):
                continue  # inside a longer name the tagger found: keep it
            if overlapping and all(s.label_ == label for s in overlapping) and not _widens_name(
                    norms, i, end, min(s.start for s in overlapping), max(s.end for s in overlapping)):
                continue  # the tagger has the type right and the alias only adds a title or a demonym
            found.append(Span(doc, i, end, label=label))
            w += size
            break
        else:
            w += 1
    if not found:
        return spans
    kept = [s for s in spans if not any(s.start < f.end and f.start < s.end for f in found)]
    return sorted(kept + found, key=lambda span: span.start)


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
