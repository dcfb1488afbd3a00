"""Topic of a news article: its subject (what it is about) and its region (where it happens), kept apart.

News sections mix the two: one outlet files a football match in Riyadh under *middleEast*, another under
*sport*; one has no *middleEast* section at all and files Yemen under *internationalNews*. So khabar gives both,
separately:

* ``subject``: one of :data:`SUBJECTS`, from a linear classifier over the article's words (folded, clitic
  prefixes stripped, TF-IDF), trained on the topic sections of the ANT corpus (AlArabiya, BBC Arabic, Sky News
  Arabia, JawharaFM) mapped to subjects by :data:`SECTION_SUBJECTS`, with probabilities calibrated by a
  temperature fitted on predictions for outlets the model had not seen (``training/train_topic.py``);
* ``region``: ``"middle_east"``, ``"north_africa"`` or ``"world"``, from the places the analysis linked
  (:data:`MIDDLE_EAST`, :data:`NORTH_AFRICA`); ``None`` when no place is linked.

>>> topic = classify("فاز فريق الهلال على النصر بهدفين مقابل هدف في مباراة الدوري التي أقيمت مساء الجمعة، "
...                  "وسجل المهاجم الهدف الثاني في الدقيقة الأخيرة من الشوط الثاني.")
>>> topic.subject, topic.probability > 0.8
('sport', True)
>>> round(sum(topic.probabilities.values()), 6)
1.0
>>> classify("ارتفعت أسعار النفط وتراجع الدولار في البورصة بعد قرار البنك المركزي رفع أسعار الفائدة").subject
'economy'
>>> classify("").subject is None          # no word the model knows: no subject, no probabilities
True

A plain ``str`` is classified from its words only, so it has no region; give a ``Doc`` from
:func:`khabar.analyze` for the region (its entities' ``span._.link``), or :func:`region_of` the links yourself:

>>> region_of([{"kind": "city", "country": "LB"}, {"kind": "country", "country": "US"},
...            {"kind": "country", "country": "LB"}])
('middle_east', (('LB', 2), ('US', 1)))
>>> region_of([{"kind": "city", "country": "TN"}])[0], region_of([])[0]
('north_africa', None)

Measured by leaving one outlet out (``bench/topic_bench.py``, results in ``bench/results/topic.json``): accuracy
0.92-0.94 on AlArabiya, Sky News and JawharaFM held out, 0.87 on BBC Arabic (whose own sections are the least
separable: 0.89 even when trained on BBC itself). Classifying an analyzed article costs about half a millisecond,
about 2 % of :func:`khabar.analyze`; the model (57k words × 5 subjects, 1.1 MB) is read once, on first use, from
``data/model.tsv.gz`` (built by ``training/train_topic.py``; ANT corpus, Apache-2.0).
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np

from khabar.errors import ResourceError
from khabar.text import doc_text, fold_for_topic

__all__ = [
    "MIDDLE_EAST",
    "MODEL_FILE",
    "NORTH_AFRICA",
    "REGIONS",
    "SECTION_SUBJECTS",
    "SUBJECTS",
    "Topic",
    "TopicModel",
    "TopicResourceError",
    "classify",
    "load_model",
    "region_of",
    "region_of_place",
    "words",
]

MODEL_FILE = Path(__file__).resolve().parent / "data" / "model.tsv.gz"
#: first field of the model file's first line (the rest of that line is JSON metadata)
MAGIC = "#khabar-topic-v1"

#: subjects, in the order of the model's columns. ``politics`` is politics, conflict and general current
#: affairs (the outlets' news sections); ``technology`` includes science and health, as the sections do.
SUBJECTS = ("culture", "economy", "politics", "sport", "technology")
#: ANT section label → subject. JawharaFM's ``localNews``, ``society`` and ``diverse`` mix every subject
#: (weather, prices, crime, odd news) and are left out of training and scoring.
SECTION_SUBJECTS: Mapping[str, str] = {
    "internationalNews": "politics",
    "middleEast": "politics",
    "politic": "politics",
    "economy": "economy",
    "sport": "sport",
    "technology": "technology",
    "culture": "culture",
}

REGIONS = ("middle_east", "north_africa", "world")
#: Mashriq and the Gulf, Iraq, Iran, Turkey, Israel/Palestine, and Egypt: Egypt is African by geography but the
#: outlets (and most Arabic news sites) file it with the Middle East, and so do we.
MIDDLE_EAST = frozenset({"LB", "SY", "JO", "IQ", "PS", "IL", "SA", "AE", "QA", "BH", "KW", "OM", "YE", "IR", "TR",
                         "EG"})
#: the Maghreb (Morocco, Western Sahara, Algeria, Tunisia, Libya, Mauritania) and Sudan. The Arab League's other
#: African members (Somalia, Djibouti, Comoros) count as ``world``.
NORTH_AFRICA = frozenset({"MA", "EH", "DZ", "TN", "LY", "MR", "SD"})
#: links to whole regions (no country code) that still say which region an article is about
_REGION_IDS = {"khabar:middle-east": "middle_east", "M49:145": "middle_east", "M49:015": "north_africa"}

#: only the first characters are read: the subject is settled long before, and huge inputs stay cheap
MAX_CHARS = 20_000
#: a word: Arabic letters (with the marks inside it, dropped later) or 2+ Latin letters
_WORD = re.compile("[\u0621-\u064a\u0610-\u061a\u064b-\u065f\u0670\u0671\u06a9\u06cc\u200b-\u200f]+|[a-z]{2,}")


def _stem(word: str) -> str:
    """Strip a conjunction (و ف), then ``لل`` / ``بال كال لال`` / ``ال`` when enough of the word is left."""
    if len(word) > 3 and word[0] in "وف":
        word = word[1:]
    if len(word) > 4:
        if word.startswith("لل"):
            word = word[2:]
        elif word[0] in "بلك" and word[1:3] == "ال":
            word = word[3:]
        elif word.startswith("ال"):
            word = word[2:]
    return word


#: memo: a word as written → its feature ("" for a run of marks alone). A dict lookup per word is several times
#: cheaper than folding the whole text and stemming every word; cleared when it grows too big.
_FEATURES: dict[str, str] = {}
_FEATURES_MAX = 200_000


def _feature(word: str) -> str:
    return _stem(fold_for_topic(word))


def words(text: str) -> list[str]:
    """The classifier's features of ``text``: its Arabic words (diacritics and tatweel dropped, folded, prefixes
    stripped) and its Latin words (lower-cased).

    Training (``training/train_topic.py``) and :func:`classify` both use exactly this.

    >>> words("وقالت الحكومةُ للصحفيين إن #الاقتصاد_السعودي ينمو، بحسب Reuters")
    ['قالت', 'حكومه', 'صحفيين', 'ان', 'اقتصاد', 'سعودي', 'ينمو', 'بحسب', 'reuters']
    """
    found = _WORD.findall(text[:MAX_CHARS].lower())
    features = list(map(_FEATURES.get, found))  # C-speed lookups; None where the word is new
    if None in features:
        if len(_FEATURES) >= _FEATURES_MAX:
            _FEATURES.clear()
        for i, feature in enumerate(features):
            if feature is None:
                features[i] = _FEATURES.setdefault(found[i], _feature(found[i]))
    return [feature for feature in features if feature]


@dataclass(frozen=True)
class TopicModel:
    """A linear classifier over TF-IDF word features (``(1 + ln tf) · idf``, L2-normalized), softmax at a
    temperature. ``table`` maps a word to ``(idf, weights by label)``."""

    labels: tuple[str, ...]
    table: Mapping[str, tuple[float, tuple[float, ...]]]
    intercept: tuple[float, ...]
    temperature: float
    meta: Mapping[str, Any] = field(default_factory=dict)
    # the table as arrays, for speed: word → row, idf by row, weights (rows × labels)
    _rows: dict[str, int] = field(init=False, repr=False, compare=False)
    _idf: np.ndarray = field(init=False, repr=False, compare=False)
    _weights: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # one extra all-zero row at the end stands for every unknown word: lookups need no filtering
        rows = {word: i for i, word in enumerate(self.table)}
        idf = np.array([entry[0] for entry in self.table.values()] + [0.0], dtype=np.float64)
        weights = np.array([w for entry in self.table.values() for w in entry[1]] + [0.0] * len(self.labels),
                           dtype=np.float64)
        object.__setattr__(self, "_rows", rows)
        object.__setattr__(self, "_idf", idf)
        object.__setattr__(self, "_weights", weights.reshape(len(rows) + 1, len(self.labels)))

    def logits(self, counts: Mapping[str, int]) -> list[float] | None:
        """Raw scores per label for a bag of words, or None when no word is in the table."""
        if not counts:
            return None
        unknown = len(self._rows)
        rows = np.fromiter(map(self._rows.get, counts, repeat(unknown)), dtype=np.intp, count=len(counts))
        values = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * self._idf[rows]
        norm = float(values @ values)
        if norm == 0.0:
            return None
        scores = values @ self._weights[rows] / math.sqrt(norm)
        return [float(z) + bias for z, bias in zip(scores, self.intercept)]

    def probabilities(self, counts: Mapping[str, int]) -> dict[str, float]:
        """Calibrated probability of each label (empty when no word is known)."""
        logits = self.logits(counts)
        if logits is None:
            return {}
        scaled = [z / self.temperature for z in logits]
        top = max(scaled)
        exps = [math.exp(z - top) for z in scaled]  # shifted: no overflow
        total = sum(exps)
        return {label: e / total for label, e in zip(self.labels, exps)}

    def predict_text(self, text: str) -> dict[str, float]:
        """:meth:`probabilities` of the :func:`words` of ``text``."""
        return self.probabilities(Counter(words(text)))


def write_model(model: TopicModel, path: Path) -> None:
    """Write ``model`` as gzip'd TSV: a metadata line, then ``word idf w_label1 … w_labelK`` per word."""
    meta = {**model.meta, "labels": list(model.labels), "intercept": list(model.intercept),
            "temperature": model.temperature}
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"{MAGIC}\t{json.dumps(meta, ensure_ascii=False, sort_keys=True)}"]
    for word in sorted(model.table):
        idf, weights = model.table[word]
        lines.append("\t".join([word, f"{idf:.5g}", *(f"{w:.4g}" for w in weights)]))
    # no file name and mtime 0 in the gzip header: the same model gives the same bytes
    with path.open("wb") as handle, gzip.GzipFile(filename="", mode="wb", fileobj=handle, mtime=0) as raw:
        raw.write(("\n".join(lines) + "\n").encode("utf-8"))


def read_model(path: Path) -> TopicModel:
    """Read a model written by :func:`write_model`."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        magic, _, meta_json = handle.readline().rstrip("\n").partition("\t")
        if magic != MAGIC:
            raise ValueError(f"{path} is not a khabar topic model")
        meta = json.loads(meta_json)
        table: dict[str, tuple[float, tuple[float, ...]]] = {}
        for line in handle:
            word, idf, *weights = line.rstrip("\n").split("\t")
            table[word] = (float(idf), tuple(float(w) for w in weights))
    labels = tuple(meta.pop("labels"))
    intercept = tuple(meta.pop("intercept"))
    temperature = float(meta.pop("temperature"))
    return TopicModel(labels, table, intercept, temperature, meta)


class TopicResourceError(ResourceError):
    """The topic model shipped with khabar (``khabar/topic/data/model.tsv.gz``) is missing or damaged."""


@lru_cache(maxsize=1)
def load_model() -> TopicModel:
    """The shipped model (read once, on first use); :class:`TopicResourceError` when it cannot be read."""
    try:
        return read_model(MODEL_FILE)
    except (OSError, EOFError, ValueError, KeyError, TypeError) as error:
        raise TopicResourceError(f"khabar topic model {MODEL_FILE} is missing or damaged ({error}); reinstall "
                                 "khabar or rebuild it with `python training/train_topic.py`") from None


def region_of_place(link: Mapping[str, Any]) -> tuple[str, str] | None:
    """``(evidence code, region)`` of one linked place: its ISO country code, or a region id such as
    ``M49:015`` for a whole region; None for a link that places nothing (``Europe`` is not counted).

    >>> region_of_place({"kind": "city", "id": "geonames:2464470", "country": "TN"})
    ('TN', 'north_africa')
    >>> region_of_place({"kind": "territory", "id": "khabar:middle-east", "country": ""})
    ('khabar:middle-east', 'middle_east')
    >>> region_of_place({"kind": "organization", "id": "khabar:org/hezbollah", "country": "LB"}) is None
    True
    """
    if link.get("kind") in ("organization", "person"):
        return None  # the region comes from places, not from an organisation's or a person's country
    country = str(link.get("country") or "").upper()
    if country:
        if country in MIDDLE_EAST:
            return country, "middle_east"
        return country, "north_africa" if country in NORTH_AFRICA else "world"
    place_id = str(link.get("id") or "")
    region = _REGION_IDS.get(place_id)
    return (place_id, region) if region else None


def region_of(links: Iterable[Mapping[str, Any] | None]) -> tuple[str | None, tuple[tuple[str, int], ...]]:
    """The region of an article from its linked places, in text order, and the evidence (code, mentions).

    Each mention counts once; the region with the most mentions wins, a tie going to the region mentioned first
    (often the dateline). No placed link: ``(None, ())``.
    """
    counts: Counter[str] = Counter()
    region_mentions: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for link in links:
        if not link:
            continue
        placed = region_of_place(link)
        if placed is None:
            continue
        code, region = placed
        counts[code] += 1
        region_mentions[region] += 1
        first_seen.setdefault(region, len(first_seen))
    if not region_mentions:
        return None, ()
    region = max(region_mentions, key=lambda r: (region_mentions[r], -first_seen[r]))
    evidence = tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
    return region, evidence


@dataclass(frozen=True, slots=True)
class Topic:
    """Subject and region of one article.

    ``subject`` is None (``probability`` 0, ``probabilities`` empty) when the text has no word the model knows:
    empty, emoji, a language it was not trained on.
    """

    subject: str | None
    probability: float
    probabilities: dict[str, float] = field(hash=False)
    region: str | None
    region_evidence: tuple[tuple[str, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "subject": self.subject,
            "probability": round(self.probability, 4),
            "probabilities": {label: round(p, 4) for label, p in self.probabilities.items()},
            "region": self.region,
            "region_evidence": [
                {"code": code, "mentions": n, "region": (region_of_place(_code_link(code)) or ("", None))[1]}
                for code, n in self.region_evidence
            ],
        }


def _code_link(code: str) -> dict[str, str]:
    """A minimal link for an evidence code (country code or region id), to look its region up again."""
    return {"id": code} if ":" in code else {"country": code}


def _entity_links(doc: Any) -> list[Mapping[str, Any] | None]:
    """The ``span._.link`` of the doc's entities, in text order (empty when the extension is absent)."""
    links: list[Mapping[str, Any] | None] = []
    for ent in doc.ents:
        try:
            links.append(ent._.link)
        except AttributeError:  # a Doc not made by khabar's pipeline
            return []
    return links


def classify(doc: Any, model: TopicModel | None = None) -> Topic:
    """The :class:`Topic` of ``doc``: a spaCy ``Doc`` from :func:`khabar.analyze` (subject from ``doc.text``,
    region from its linked places) or a plain ``str`` (subject only, ``region`` None)."""
    model = model or load_model()
    text = doc if isinstance(doc, str) else doc_text(doc)
    probabilities = model.probabilities(Counter(words(text)))
    if probabilities:
        subject = max(probabilities, key=probabilities.__getitem__)
        probability = probabilities[subject]
    else:
        subject, probability = None, 0.0
    region, evidence = (None, ()) if isinstance(doc, str) else region_of(_entity_links(doc))
    return Topic(subject, probability, probabilities, region, evidence)

