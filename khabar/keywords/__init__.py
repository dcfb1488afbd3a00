"""Keywords and keyphrases of an Arabic news article: lemma-based, entity-aware, scored by tf × idf.

Candidates come from a :func:`khabar.analyze` Doc:

* **entities** — PER, ORG, LOC and MISC names, merged by canonical form (``ماكرون`` later in the text counts
  for ``إيمانويل ماكرون``);
* **terms** — content-word lemmas (NOUN, PROPN, ADJ, X and, at a lower weight, VERB) outside entities and
  number/date expressions, not stopwords (the ``Arabic-Stopwords`` package, checked on both the written form
  and the lemma), not numbers, at least two letters, with an Arabic letter;
* **phrases** — two adjacent content lemmas, a noun followed by a noun or an adjective (``وزير خارجية``),
  kept only when they recur in the article.

Each candidate scores ``weight × (1 + log tf) × √idf``, where idf comes from the document frequencies shipped in
``data/df.tsv.gz`` (built by ``scripts/build_keyword_df.py`` from the ANT news corpora by running khabar's own
pipeline, so its keys are the lemmas seen here), boosted when the candidate occurs in the lead sentence.
Candidates are taken best first; a term inside an already chosen phrase, and a phrase sharing a lemma with an
already chosen term or phrase, are skipped.

>>> import khabar
>>> kws = keywords(khabar.analyze("زار الرئيس الفرنسي إيمانويل ماكرون بيروت أمس لبحث الأزمة الاقتصادية في لبنان. "
...                               "وقال ماكرون في بيروت إن فرنسا ستساعد لبنان على تجاوز الأزمة الاقتصادية."), top=5)
>>> sorted(k.text for k in kws[:3])
['إيمانويل ماكرون', 'بيروت', 'لبنان']
>>> macron = next(k for k in kws if k.lemma == "ايمانويل ماكرون")   # ماكرون alone counts for the full name
>>> macron.kind, macron.label, macron.count
('entity', 'PER', 2)
>>> any(k.kind == "phrase" and k.lemma == "ازمة اقتصادي" for k in kws)
True
>>> keywords(khabar.analyze(""))
[]
"""

from __future__ import annotations

import gzip
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from khabar.errors import ResourceError
from khabar.text import fold_lemma_key

__all__ = [
    "DATA_FILE",
    "ENTITY_LABELS",
    "HEADER",
    "Keyword",
    "KeywordsResourceError",
    "Settings",
    "candidate_keys",
    "fold",
    "keywords",
    "load_df",
]

DATA_FILE = Path(__file__).resolve().parent / "data" / "df.tsv.gz"
#: first field of the table's first line; the second field is the number of documents counted
HEADER = "#documents"
#: entity labels that are keyword candidates (DATE, MONEY … are facts, not topics)
ENTITY_LABELS = frozenset({"PER", "ORG", "LOC", "MISC"})
#: prefix of entity keys in the df table (term keys are bare lemmas, phrase keys two lemmas and a space)
ENTITY_PREFIX = "="
#: UPOS tags whose lemmas are term candidates, with their weight (verbs say less about the topic)
TERM_POS = {"NOUN": 1.0, "PROPN": 1.0, "ADJ": 0.8, "X": 0.8, "VERB": 0.5}
#: phrase = head (noun-like) + modifier (noun or adjective)
PHRASE_HEAD = frozenset({"NOUN", "PROPN", "X"})
PHRASE_MOD = frozenset({"NOUN", "PROPN", "ADJ", "X"})
#: weight of entities and phrases relative to a noun (this and the settings below were chosen on the dev part of
#: bench/keywords_bench.py, a grid over 600 held-out articles; see bench/results/keywords-dev.json)
ENTITY_WEIGHT = 2.0
PHRASE_WEIGHT = 1.5
#: a phrase must occur this often in the article to be a candidate
PHRASE_MIN_COUNT = 2
#: multiplier for a candidate that occurs in the first sentence (the title when the text starts with it, or the lead)
LEAD_BOOST = 1.5
#: keys seen in fewer documents than 2 (phrases 3) are not in the table; an unseen key counts as seen in this many
#: (a smoothed guess: most unseen keys are misspellings and one-off names, not the rarest real words)
UNSEEN_DF = 5
#: idf ** power: below 1, words that are frequent in all news but central to this article (حكومة) lose less to rare
#: words mentioned once
IDF_POWER = 0.5

_ARABIC = re.compile("[\u0621-\u064a\u066e-\u06d3]")
_EXPRESSION_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"})


class KeywordsResourceError(ResourceError):
    """The document-frequency table shipped with khabar (``khabar/keywords/data/df.tsv.gz``) is missing or damaged."""


@dataclass(frozen=True, slots=True)
class Keyword:
    """One keyword of an article.

    ``text`` is what to show (an entity's canonical name, else the commonest written form, clitics off);
    ``lemma`` the key it was counted and scored under; ``kind`` ``"entity"``, ``"term"`` or ``"phrase"``;
    ``label`` the entity label (None for terms and phrases); ``count`` its occurrences; ``mentions`` their
    ``(start, end)`` character offsets into ``doc.text``.

    >>> Keyword("بيروت", "بيروت", "entity", "LOC", 3.2, 1, [(0, 5)]).to_dict()["mentions"]
    [[0, 5]]
    """

    text: str
    lemma: str
    kind: str
    label: str | None
    score: float
    count: int
    mentions: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The keyword as a plain JSON-ready dict."""
        return {"text": self.text, "lemma": self.lemma, "kind": self.kind, "label": self.label,
                "score": round(self.score, 4), "count": self.count,
                "mentions": [[start, end] for start, end in self.mentions]}


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """The key form of a lemma or name: diacritics, tatweel and invisible marks removed, ``أ إ آ ٱ`` → ``ا``.

    ``ة`` and ``ى`` are kept (the lemmatizer writes them consistently; folding them would merge words).

    >>> fold("الإمارات"), fold("مـصـر"), fold("أَزْمَة")
    ('الامارات', 'مصر', 'ازمة')
    """
    return fold_lemma_key(text)


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    # imported lazily: the package (GPL) is only needed when keywords are asked for
    try:
        import arabicstopwords.arabicstopwords as stp
    except ImportError as error:  # pragma: no cover - a declared dependency
        raise KeywordsResourceError("khabar.keywords needs the Arabic-Stopwords package "
                                    "(pip install Arabic-Stopwords)") from error
    words = set(stp.stopwords_list())
    return frozenset(words | {fold(word) for word in words})


@dataclass(frozen=True, slots=True)
class _Table:
    documents: int
    df: dict[str, int]


@lru_cache(maxsize=4)
def _load(path: Path) -> _Table:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            lines = handle.read().split("\n")
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise KeywordsResourceError(f"khabar keyword table {path} is missing or damaged ({error}); reinstall khabar "
                                    "or rebuild it with scripts/build_keyword_df.py") from error
    head = lines[0].split("\t")
    if len(head) != 2 or head[0] != HEADER or not head[1].isdigit() or int(head[1]) < 1:
        raise KeywordsResourceError(f"khabar keyword table {path} has an unexpected header; rebuild it with "
                                    "scripts/build_keyword_df.py")
    df: dict[str, int] = {}
    for number, line in enumerate(lines[1:], start=2):
        if not line:
            continue
        key, tab, count = line.rpartition("\t")
        if not tab or not count.isdigit():
            raise KeywordsResourceError(f"khabar keyword table {path} is damaged (line {number}); rebuild it with "
                                        "scripts/build_keyword_df.py")
        df[key] = int(count)
    return _Table(int(head[1]), df)


def load_df(path: Path | None = None) -> tuple[int, dict[str, int]]:
    """(number of documents, key → document frequency) of the shipped table (read once, then cached).

    >>> documents, df = load_df()
    >>> documents > 1000 and df["حكومة"] > df.get("=ايمانويل ماكرون", 0) > 0
    True
    """
    table = _load(path or DATA_FILE)
    return table.documents, table.df


@dataclass(slots=True)
class _Candidate:
    kind: str
    weight: float
    parts: tuple[str, ...] = ()
    lead: bool = False
    forms: dict[str, int] = field(default_factory=dict)  # display form → count
    labels: dict[str, int] = field(default_factory=dict)  # entity label → count
    mentions: list[tuple[int, int]] = field(default_factory=list)

    def add(self, start: int, end: int, form: str, lead: bool) -> None:
        self.mentions.append((start, end))
        self.forms[form] = self.forms.get(form, 0) + 1
        self.lead = self.lead or lead


def _best(counts: dict[str, int]) -> str:
    """The commonest key (the first seen among equals)."""
    return max(counts.items(), key=lambda item: item[1])[0]


#: (POS, lemma, norm) string ids → (term key, weight), or None for a non-candidate; shared by all docs, so the
#: stopword check and folding run once per word type, not per token
_TERM_CACHE: dict[tuple[int, int, int], tuple[str, float] | None] = {}


def _term(strings: Any, pos_id: int, lemma_id: int, norm_id: int) -> tuple[str, float] | None:
    ids = (pos_id, lemma_id, norm_id)
    if ids in _TERM_CACHE:
        return _TERM_CACHE[ids]
    if len(_TERM_CACHE) > 500_000:  # bounded memory over a long stream of documents
        _TERM_CACHE.clear()
    stop = _stopwords()
    weight = TERM_POS.get(strings[pos_id]) if pos_id else None
    result = None
    if weight is not None:
        norm, lemma = strings[norm_id], fold(strings[lemma_id])
        if (len(lemma) >= 2 and lemma.isalpha() and _ARABIC.search(lemma) and norm not in stop and lemma not in stop
                and fold(norm) not in stop):
            result = (lemma, weight)
    _TERM_CACHE[ids] = result
    return result


@lru_cache(maxsize=1)
def _pos_ids() -> tuple[frozenset[int], frozenset[int]]:
    """spaCy's symbol ids of the phrase head and modifier UPOS tags."""
    from spacy import symbols

    return (frozenset(getattr(symbols, tag) for tag in PHRASE_HEAD),
            frozenset(getattr(symbols, tag) for tag in PHRASE_MOD))


def _collect(doc: Any, min_phrase_count: int = 1) -> dict[str, _Candidate]:
    """Every candidate of ``doc`` by key: entities (``=`` + folded canonical), terms (folded lemma), and the phrases
    seen at least ``min_phrase_count`` times."""
    from spacy.attrs import IDX, LEMMA, LENGTH, NORM, POS

    head_ids, modifier_ids = _pos_ids()
    lead_end = lead_end_char = 0
    for sentence in doc.sents:  # the first sentence with a word in it (skip a leading blank line)
        lead_end, lead_end_char = sentence.end, sentence.end_char
        if any(not t.is_space for t in sentence):
            break
    found: dict[str, _Candidate] = {}
    taken = bytearray(len(doc))  # tokens inside an entity or a number/date expression
    by_link: dict[str, str] = {}  # linked place id → the key of its first name
    for ent in doc.ents:
        label = ent.label_
        taken[ent.start:ent.end] = b"\1" * (ent.end - ent.start)
        if label not in ENTITY_LABELS:
            continue
        # hashtag names (#رامز_جلال) count with the plain name
        canonical = (ent._.canonical or ent.text).lstrip("#").replace("_", " ").strip()
        name = fold(canonical)
        if not any(c.isalpha() for c in name):
            continue
        key = ENTITY_PREFIX + name
        link = (ent._.link or {}).get("id")
        if link:  # السعودية and المملكة العربية السعودية are one place: count them under the first name seen
            key = by_link.setdefault(link, key)
        cand = found.get(key)
        if cand is None:
            cand = found[key] = _Candidate("entity", ENTITY_WEIGHT)
        cand.add(ent.start_char, ent.end_char, canonical, ent.start < lead_end)
        cand.labels[label] = cand.labels.get(label, 0) + 1
    strings = doc.vocab.strings
    pairs: dict[str, list[tuple[int, int, str, str, str]]] = {}  # phrase key → (start, end, form, head, modifier)
    previous: tuple[str, int, str, int] | None = None  # (key, POS id, norm, start) of the last content token
    for i, (pos_id, lemma_id, norm_id, start, length) in enumerate(
            doc.to_array([POS, LEMMA, NORM, IDX, LENGTH]).tolist()):
        term = None if taken[i] else _term(strings, pos_id, lemma_id, norm_id)
        if term is None:
            previous = None
            continue
        key, weight = term
        norm = strings[norm_id]
        end = start + length
        cand = found.get(key)
        if cand is None:
            cand = found[key] = _Candidate("term", weight)
        elif weight > cand.weight:  # a lemma seen as noun and verb weighs as a noun
            cand.weight = weight
        cand.add(start, end, norm, i < lead_end)
        if previous is not None and previous[0] != key and previous[1] in head_ids and pos_id in modifier_ids:
            pairs.setdefault(previous[0] + " " + key, []).append(
                (previous[3], end, previous[2] + " " + norm, previous[0], key))
        previous = (key, pos_id, norm, start)
    for key, seen in pairs.items():
        if len(seen) >= min_phrase_count:
            cand = found[key] = _Candidate("phrase", PHRASE_WEIGHT, parts=(seen[0][3], seen[0][4]))
            for start, end, form, _, _ in seen:
                cand.add(start, end, form, start < lead_end_char)
    return found


def candidate_keys(doc: Any) -> set[str]:
    """The keys of every candidate in ``doc``, as counted in the document-frequency table (one per document).

    >>> import khabar
    >>> sorted(candidate_keys(khabar.analyze("قال وزير الخارجية في بيروت")))
    ['=بيروت', 'خارجية', 'قال', 'وزير', 'وزير خارجية']
    """
    return set(_collect(doc))


@dataclass(frozen=True, slots=True)
class Settings:
    """How candidates are scored (the defaults are what :func:`keywords` uses; benchmarks vary them)."""

    idf: bool = True  # False: raw term frequency
    entities: bool = True
    phrases: bool = True
    entity_weight: float = ENTITY_WEIGHT
    phrase_weight: float = PHRASE_WEIGHT
    lead_boost: float = LEAD_BOOST
    sublinear: bool = True  # 1 + log tf rather than tf: a word said ten times is not ten times as central
    unseen_df: int = UNSEEN_DF
    idf_power: float = IDF_POWER


DEFAULT = Settings()


def keywords(doc: Any, top: int = 10, *, settings: Settings = DEFAULT) -> list[Keyword]:
    """The ``top`` keywords of ``doc`` (a Doc from :func:`khabar.analyze`, whose ``doc._.keywords`` holds the
    top 10 already), best first.

    >>> import khabar
    >>> doc = khabar.analyze("ارتفعت أسعار النفط اليوم. وقالت أوبك إن أسعار النفط سترتفع.")
    >>> [(k.text, k.kind) for k in keywords(doc, top=3)]
    [('أسعار النفط', 'phrase'), ('أوبك', 'entity'), ('ارتفعت', 'term')]
    """
    if isinstance(doc, str):  # a finder reads the Doc; it never runs the analyzer itself
        raise TypeError("keywords() takes the Doc of khabar.analyze(text), not a str (or read doc._.keywords)")
    if top <= 0 or len(doc) == 0:
        return []
    documents, df = load_df()
    return _rank(_collect(doc, PHRASE_MIN_COUNT if settings.phrases else 1 << 30), df, documents, top, settings)


def _rank(found: dict[str, _Candidate], df: dict[str, int], documents: int, top: int,
          settings: Settings) -> list[Keyword]:
    """Score the candidates and pick the ``top`` best, skipping words of chosen phrases (and the reverse)."""
    log_n = math.log(documents + 1)
    weights = {"entity": settings.entity_weight, "phrase": settings.phrase_weight}
    scored: list[tuple[float, str, _Candidate]] = []
    for key, cand in found.items():
        if cand.kind == "entity" and not settings.entities:
            continue
        count = len(cand.mentions)
        tf = 1.0 + math.log(count) if settings.sublinear else float(count)
        idf = 1.0
        if settings.idf:
            idf = max(log_n - math.log(df.get(key, settings.unseen_df) + 1), 0.0) ** settings.idf_power
        score = weights.get(cand.kind, cand.weight) * tf * idf
        if cand.lead:
            score *= settings.lead_boost
        scored.append((score, key, cand))
    scored.sort(key=lambda item: (-item[0], item[1]))
    chosen: list[Keyword] = []
    shown: set[str] = set()  # display forms taken (two lemmas of one written word are one keyword)
    in_phrases: set[str] = set()  # lemmas of the chosen phrases
    chosen_terms: set[str] = set()
    for score, key, cand in scored:
        if cand.kind == "term" and key in in_phrases:
            continue
        if cand.kind == "phrase" and any(p in chosen_terms or p in in_phrases for p in cand.parts):
            continue
        text = _best(cand.forms)
        if fold(text) in shown:
            continue
        label: str | None = None
        lemma = key
        if cand.kind == "entity":
            lemma, label = key[len(ENTITY_PREFIX):], _best(cand.labels)
        elif cand.kind == "phrase":
            in_phrases.update(cand.parts)
        else:
            chosen_terms.add(key)
        shown.add(fold(text))
        chosen.append(Keyword(text, lemma, cand.kind, label, score, len(cand.mentions), list(cand.mentions)))
        if len(chosen) >= top:
            break
    return chosen
