"""Extractive summary and headline views of an analyzed Arabic news article.

:func:`summarize` picks ``N`` sentences (or a ratio of them) of ``doc.sents`` and returns them in text order;
:func:`headline` picks the one sentence that best stands for the article. Offsets are into ``doc.text`` (the
repaired text), so they line up with every other khabar view.

How a sentence is scored (every weight is a field of :class:`Params`):

* **Candidates**: boilerplate (photo credits, ``اقرأ أيضا``، ``شاهد``، ``تابعونا``، app promotions, copyright
  lines, bylines, ``نقلا عن`` credits, URL-only lines, separator rules) is never picked; fragments (under
  ``min_words`` words) and short heading-like lines (no verb, no final stop) are picked only when nothing else is
  left. A dateline (``بيروت - ``، ``دبي، الإمارات (CNN) --``) is cut off the front of its sentence.
* **Lead prior**: news puts the story first, so the k-th candidate gets ``1 / (1 + k) ** decay``; the lead is
  exempt from the length penalty (``keep_lead``).
* **Length**: each word beyond ``long_words`` costs ``long_penalty / long_words``: of two sentences the shorter
  one says its point in fewer words.
* **Lead overlap**: the other sentences gain ``lead`` times their cosine with the lead (content words: folded
  lemmas of nouns, verbs, adjectives, names and numbers, stopwords out).
* **Quotes**: a sentence loses ``quote`` times the share of it inside quote marks.
* **No repeats**: picks are greedy (maximal marginal relevance: a candidate loses ``redundancy`` times its
  cosine with the closest pick), and a sentence whose words are nearly those of a pick (word-set Jaccard >= 0.6,
  or containment >= 0.8) is never added.
* Also available, weight 0 by default: **centrality** (cosine of the sentence's idf-weighted content words with
  the rest of the article, linear in its length), **density** of names and numbers, and penalties for a
  **question** and for a sentence that **depends** on the one before (``وأضاف``، ``لكن``، ``كما``).

The weights were chosen by a coordinate search on the dev half of ``bench/summary_bench.py`` (ROUGE-L F1 against
the BBC Arabic abstracts, 2 and 3 sentences); the search set centrality, density and the question and dependence
penalties to 0 (no gain there), and found nothing better than the lead for one sentence. Most of the gain over
Lead-3 comes from choosing shorter sentences after the lead (see the benchmark's length-matched lead).

>>> import khabar
>>> doc = khabar.analyze(
...     "بيروت - أعلن الجيش اللبناني توقيف خمسة أشخاص يشتبه في تهريبهم أسلحة عبر الحدود الشمالية.\\n"
...     "وقال بيان للجيش إن الموقوفين نقلوا إلى التحقيق لدى الشرطة العسكرية.\\n"
...     "اقرأ أيضا: الجيش يعلن خطة جديدة\\n"
...     "وأضاف البيان أن الحدود الشمالية تشهد عمليات تهريب منذ أشهر.")
>>> for s in summarize(doc, 2):
...     print(s.index, s.text)
0 أعلن الجيش اللبناني توقيف خمسة أشخاص يشتبه في تهريبهم أسلحة عبر الحدود الشمالية.
1 وقال بيان للجيش إن الموقوفين نقلوا إلى التحقيق لدى الشرطة العسكرية.
>>> top = headline(doc)
>>> top.index, doc.text[top.start:top.end] == top.text
(0, True)
"""

from __future__ import annotations

import contextlib
import math
import re
import weakref
from dataclasses import dataclass, field
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

import numpy
from spacy import symbols as spacy_symbols

from khabar.facts import find_dateline
from khabar.text import doc_text, fold_skeleton

__all__ = ["DEFAULTS", "HEADLINE", "Params", "SummarySentence", "headline", "summarize"]


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """One picked sentence: ``doc.text[start:end] == text``; ``index`` counts in ``doc.sents``."""

    start: int
    end: int
    text: str
    index: int
    score: float

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict.

        >>> SummarySentence(0, 4, "نص.", 0, 0.5).to_dict()
        {'start': 0, 'end': 4, 'text': 'نص.', 'index': 0, 'score': 0.5}
        """
        return {"start": self.start, "end": self.end, "text": self.text, "index": self.index,
                "score": round(self.score, 4)}


@dataclass(frozen=True, slots=True)
class Params:
    """Weights of the sentence score (see the module docstring)."""

    decay: float = 2.0  # lead prior 1 / (1 + k) ** decay over the k-th candidate
    centrality: float = 0.0  # per cosine with the rest of the article (0 on BBC dev: see the module docstring)
    lead: float = 0.25  # per cosine with the lead (the first candidate), for the other sentences
    keep_lead: bool = True  # the lead is judged by its position only (no length penalty): it carries the story
    density: float = 0.0  # per share of words in names and numbers
    long_words: int = 25  # words beyond this cost ``long_penalty`` per ``long_words`` words
    long_penalty: float = 1.0
    question: float = 0.0
    dependent: float = 0.0  # opens by leaning on the previous sentence (وأضاف، لكن، كما)
    quote: float = 0.3  # per share of the sentence inside quote marks
    redundancy: float = 1.0  # MMR: the score loses this much times its similarity to a picked sentence
    duplicate_jaccard: float = 0.6  # word-set Jaccard at or above which two sentences are near-identical
    duplicate_containment: float = 0.8  # share of the shorter sentence's words found in the other
    min_words: int = 5  # shorter sentences are fragments


#: weights of :func:`summarize` (coordinate search on the dev half of bench/summary_bench.py, 2 and 3 sentences)
DEFAULTS = Params()
#: weights of :func:`headline` (the same search for one sentence found nothing better than these: +0.03 on dev)
HEADLINE = Params()


@dataclass(slots=True)
class _Sentence:
    """What the scorer needs to know about one sentence (built once per doc by :func:`_sentences`)."""

    index: int
    start: int
    end: int
    words: int
    terms: dict[str, float] = field(default_factory=dict)  # content term -> count
    norm: float = 0.0  # Euclidean norm of ``terms``
    wordset: frozenset[str] = frozenset()  # folded words (near-duplicate test)
    density: float = 0.0
    boilerplate: bool = False
    heading: bool = False  # short, no verb, no final stop: a subheading or a caption
    question: bool = False
    dependent: bool = False
    quoted: float = 0.0


# ------------------------------------------------------------------------------------------------ public API


def summarize(doc: Any, sentences: int = 3, ratio: float | None = None,
              params: Params = DEFAULTS) -> list[SummarySentence]:
    """The ``sentences`` best sentences of ``doc`` (or ``ratio`` of its sentences, at least one), in text order.

    ``doc`` is a :func:`khabar.analyze` Doc (whose ``doc._.summary`` holds the 3 best already). No two picked
    sentences are near-identical; boilerplate is never picked; fewer sentences come back when the article has
    fewer.

    >>> import khabar
    >>> doc = khabar.analyze("أعلنت الحكومة المغربية خطة جديدة لدعم المزارعين المتضررين من الجفاف هذا العام.\\n"
    ...                      "أعلنت الحكومة المغربية خطة جديدة لدعم المزارعين المتضررين من الجفاف هذا العام!\\n"
    ...                      "وتشمل الخطة قروضا ميسرة وتوزيع الأعلاف على مربي الماشية في المناطق الريفية.")
    >>> [s.index for s in summarize(doc, 2)]
    [0, 2]
    >>> len(summarize(doc, ratio=0.3)), summarize(khabar.analyze(""))
    (1, [])
    """
    if ratio is not None:
        if not 0 < ratio <= 1:
            raise ValueError(f"ratio must be in (0, 1], not {ratio!r}")
    elif sentences < 0:
        raise ValueError(f"sentences must be >= 0, not {sentences!r}")
    doc = _as_doc(doc)
    text, sents, memo = _features(doc)
    if ratio is not None:
        sentences = max(1, math.ceil(ratio * len(sents)))
    if params not in memo:  # summary and headline of one Doc score its sentences once
        memo[params] = _scores(sents, params)
    picked = _select(sents, sentences, params, memo[params])
    return [SummarySentence(s.start, s.end, text[s.start:s.end], s.index, score) for s, score in picked]


def headline(doc: Any, params: Params = HEADLINE) -> SummarySentence | None:
    """The one sentence that best stands for the article (None when it has no sentence worth picking).

    >>> import khabar
    >>> headline(khabar.analyze("مصدر الصورة Getty Images\\nفاز المنتخب المغربي على نظيره التونسي بهدفين "
    ...                         "مقابل هدف في مباراة ودية أقيمت في الرباط مساء السبت.")).text
    'فاز المنتخب المغربي على نظيره التونسي بهدفين مقابل هدف في مباراة ودية أقيمت في الرباط مساء السبت.'
    >>> headline(khabar.analyze("")) is None
    True
    """
    picked = summarize(doc, 1, params=params)
    return picked[0] if picked else None


# ------------------------------------------------------------------------------------------------ selection


def _as_doc(doc: Any) -> Any:
    if isinstance(doc, str):  # a finder reads the Doc; it never runs the analyzer itself
        raise TypeError("summarize() takes the Doc of khabar.analyze(text), not a str "
                        "(or read doc._.summary / doc._.headline, which the pipeline fills)")
    if not hasattr(doc, "to_array") or not hasattr(doc, "vocab"):  # (not hasattr(doc, "sents"): that walks the doc)
        raise TypeError(f"summarize() takes the Doc of khabar.analyze(text), not {type(doc).__name__}")
    return doc


def _scores(sents: list[_Sentence], params: Params) -> list[tuple[_Sentence, float]]:
    """(sentence, score) of the candidates: the good ones, or the fragments when there is no good one."""
    pool = [s for s in sents if not s.boilerplate and not s.heading and s.words >= params.min_words and s.terms]
    if not pool:  # a one-line text, a list of headings: better a fragment than nothing
        pool = [s for s in sents if not s.boilerplate and s.terms]
    if not pool:
        return []
    central = _centrality(pool) if params.centrality else [0.0] * len(pool)
    out = []
    for k, s in enumerate(pool):
        score = 1.0 / (1 + k) ** params.decay + params.centrality * central[k] + params.density * s.density
        if k and params.lead:
            score += params.lead * _similarity(s, pool[0])
        if s.words > params.long_words and (k or not params.keep_lead):
            score -= params.long_penalty * (s.words - params.long_words) / params.long_words
        score -= params.question * s.question + params.dependent * s.dependent + params.quote * s.quoted
        out.append((s, score))
    return out


def _centrality(pool: list[_Sentence]) -> list[float]:
    """Cosine of each sentence's idf-weighted terms with the rest of the article (linear in its length)."""
    # in-document idf: a term in every sentence says nothing about which sentence matters
    df: dict[str, int] = {}
    for s in pool:
        for t in s.terms:
            df[t] = df.get(t, 0) + 1
    n = len(pool)
    idf = {t: math.log(1 + n / c) for t, c in df.items()}
    vectors = [{t: c * idf[t] for t, c in s.terms.items()} for s in pool]
    total: dict[str, float] = {}
    for v in vectors:
        for t, w in v.items():
            total[t] = total.get(t, 0.0) + w
    total2 = sum(w * w for w in total.values())
    out = []
    for v in vectors:
        # R = total - v: R.v = T.v - |v|^2, |R|^2 = |T|^2 - 2 T.v + |v|^2
        tv = sum(w * total[t] for t, w in v.items())
        v2 = sum(w * w for w in v.values())
        rest2 = total2 - 2 * tv + v2
        out.append((tv - v2) / math.sqrt(v2 * rest2) if v2 > 0 and rest2 > 1e-9 else 0.0)
    return out


def _select(sents: list[_Sentence], count: int, params: Params,
            scored: list[tuple[_Sentence, float]] | None = None) -> list[tuple[_Sentence, float]]:
    """Greedy maximal-marginal-relevance picks, never two near-identical sentences; in text order."""
    if count <= 0:
        return []
    scored = sorted(_scores(sents, params) if scored is None else scored, key=lambda p: (-p[1], p[0].index))
    # only the best few can be picked: MMR moves a pick by at most ``redundancy`` (keeps long texts linear)
    left = scored[: 4 * count + 20] if len(scored) * count > _MMR_BUDGET else scored
    penalty = [0.0] * len(left)  # max similarity of each left sentence to the picks so far
    taken = [False] * len(left)
    picked: list[tuple[_Sentence, float]] = []
    while len(picked) < count:
        best, best_value = -1, -math.inf
        for i, (_, score) in enumerate(left):
            if not taken[i] and score - params.redundancy * penalty[i] > best_value:
                best, best_value = i, score - params.redundancy * penalty[i]
        if best < 0:
            break
        taken[best] = True
        sentence = left[best][0]
        if any(_near_identical(sentence, p, params) for p, _ in picked[-_DUPLICATE_WINDOW:]):
            continue
        picked.append(left[best])
        if len(picked) == count:
            break
        for i, (other, _) in enumerate(left):
            if not taken[i]:
                penalty[i] = max(penalty[i], _similarity(other, sentence))
    return sorted(picked, key=lambda p: p[0].index)


#: above this many (sentence x pick) steps only the best-scored candidates enter the MMR loop
_MMR_BUDGET = 200_000
#: a candidate is checked for near-identity against this many latest picks (all of them for any usual summary)
_DUPLICATE_WINDOW = 500


def _similarity(a: _Sentence, b: _Sentence) -> float:
    """Cosine of the content-term counts of two sentences."""
    if len(a.terms) > len(b.terms):
        a, b = b, a
    other = b.terms
    dot = 0.0
    for t, c in a.terms.items():
        if t in other:
            dot += c * other[t]
    return dot / (a.norm * b.norm) if dot else 0.0


def _near_identical(a: _Sentence, b: _Sentence, params: Params) -> bool:
    x, y = a.wordset, b.wordset
    if not x or not y:
        return False
    common = len(x & y)
    return (common / len(x | y) >= params.duplicate_jaccard
            or common / min(len(x), len(y)) >= params.duplicate_containment)


# ------------------------------------------------------------------------------------------------ features

_WORD = re.compile(r"[^\W_]+")
_TERMINAL = ".!?؟…:\"'»”)"
_QUOTED = re.compile(r"«[^«»]*»|“[^“”]*”|\"[^\"\n]*\"")

#: lines that are furniture of a news page, not part of the story (matched at the start of the sentence)
_BOILERPLATE_START = re.compile(
    r"\W*(?:"
    r"[إا]قر[أا]\s+(?:[أا]يضا|المزيد)|شاهد(?:وا)?(?:\s+[أا]يضا)?\s*[:：]|شاهد\s+(?:[أا]يضا|الفيديو|بالفيديو)|"
    r"للمزيد|لمزيد\s+من\s+(?:المعلومات|الأخبار|التفاصيل)|(?:اضغط|انقر)\s+(?:هنا|على)|"
    r"تابع(?:ونا|وا|نا)\b|اشترك(?:وا)?\s|حم[ّ]?ل(?:وا)?\s+تطبيق|يمكنكم\s+(?:استلام|تسلم|متابعة|الاشتراك|تحميل)|"
    r"مصدر\s+الصورة|حقوق\s+(?:الصورة|النشر|الطبع)|جميع\s+الحقوق|الصورة\s*:|صورة\s*:|تصوير\s*:|"
    r"بقلم\s*:?|كتب(?:ت)?\s*:|إعداد\s*:|تحرير\s*:|ترجمة\s*:|"
    r"\*+\s*نقلا?ً?\s+عن|\*+\s*جميع\s+المقالات|جميع\s+المقالات\s+المنشورة|التوقيت\s*:|"
    r"(?:Getty|AFP|Reuters|EPA|AP)\b|©|copyright"
    r")",
    re.IGNORECASE,
)
_URL_HINT = re.compile(r"[/@#]|www")  # no URL, address or tag without one of these (skips the costly pattern)
_LETTER = re.compile(r"[^\W\d_]")
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|[#@]\w+", re.IGNORECASE)

#: first words of a sentence that lean on the one before it (folded, without و/ف)
_DEPENDENT_WORDS = (
    "اضاف اضافت تابع تابعت تابعوا اشار اشارت اوضح اوضحت لكن لكنه لكنها بيد غير الا كما ايضا ذلك هذا هذه هو هي "
    "هم وبالتالي بالتالي لذلك لذا ثم اكد اكدت"
)
_DEPENDENT = frozenset(_DEPENDENT_WORDS.split())


def _fold(word: str) -> str:
    return fold_skeleton(word)


@lru_cache(maxsize=65536)
def _term(lemma: str) -> str:
    """The folded content term of a lemma, or '' for a stopword."""
    import arabicstopwords.arabicstopwords as stp

    if stp.is_stop(lemma):
        return ""
    folded = _fold(lemma).lower()
    if len(folded) < 2 or stp.is_stop(folded):
        return ""
    return folded


def _dateline_end(doc: Any, text: str, start: int, end: int) -> int:
    """Where the sentence [start, end) really starts when it opens with a dateline (``بيروت - ``)."""
    if not _DATELINE_HINT.match(text, start, end):
        return start  # no dash or colon near the start: no dateline to look up (find_dateline costs more)
    found = find_dateline(SimpleNamespace(text=text, ents=doc.ents))  # the text at hand: doc.text rebuilds it
    if found is None or found["start"] > start + 2 or found["end"] >= end:
        return start
    tail = _DATELINE_TAIL.match(text, found["end"], end)
    if tail is None or tail.end() >= end:
        return start
    return tail.end()


_DATELINE_HINT = re.compile(r"[^\n.!?؟]{2,80}?(?:-{1,2}|[–—]|ـ|:|\|)")
#: what follows the place of a dateline: an agency in brackets, and a dash or colon (``دبي، الإمارات (CNN) --``)
_DATELINE_TAIL = re.compile(r"\s*(?:\([^()\n]{0,40}\)\s*)?(?:-{1,2}|[–—]|ـ+|:|\|)\s*(?:\([^()\n]{0,40}\)\s*)?")


def _sentences(doc: Any) -> list[_Sentence]:
    """The features of every non-empty sentence of ``doc``."""
    return _features(doc)[1]


def _features(doc: Any) -> tuple[str, list[_Sentence], dict[Params, list[tuple[_Sentence, float]]]]:
    """``doc.text`` and the features of its sentences (kept per Doc, so summary and headline share them)."""
    try:
        return _CACHE[doc]
    except (KeyError, TypeError):
        pass
    text = doc_text(doc)
    out = text, _compute(doc, text), {}
    with contextlib.suppress(TypeError):  # a Doc-like object that takes no weak reference
        _CACHE[doc] = out
    return out


#: features of the Docs still alive (a Doc is not changed after khabar.analyze; weak keys free them with it)
_CACHE: weakref.WeakKeyDictionary[Any, tuple[str, list[_Sentence], dict[Params, Any]]] = weakref.WeakKeyDictionary()


def _compute(doc: Any, text: str) -> list[_Sentence]:
    from spacy.attrs import ENT_IOB, IDX, IS_PUNCT, IS_SPACE, LEMMA, LENGTH, LIKE_NUM, NORM, POS, SENT_START

    if not text.strip() or not len(doc):
        return []
    # one array read and numpy counts instead of a Token object per token: this view must cost little
    arr = doc.to_array([SENT_START, IDX, LENGTH, POS, LEMMA, NORM, ENT_IOB, IS_PUNCT, IS_SPACE, LIKE_NUM])
    first = arr[:, 0] == 1
    first[0] = True
    sid = numpy.cumsum(first) - 1
    starts = numpy.flatnonzero(first).tolist()
    idx, length, pos = arr[:, 1], arr[:, 2], arr[:, 3]
    ends = (idx + length)[numpy.append(numpy.array(starts[1:], dtype=numpy.int64) - 1, len(arr) - 1)].tolist()
    keep = (arr[:, 7] == 0) & (arr[:, 8] == 0)
    spans: list[tuple[int, int, int]] = []  # (sentence number, start, end) of the non-empty sentences
    for index, (raw_start, raw_end) in enumerate(zip(idx[starts].tolist(), ends)):
        raw = text[raw_start:raw_end]
        start = raw_start + (len(raw) - len(raw.lstrip()))
        end = raw_end - (len(raw) - len(raw.rstrip()))
        if start >= end:
            continue
        if not spans:
            cut = _dateline_end(doc, text, start, end)
            if cut > start:  # the dateline's words are not the sentence's
                keep &= ~((sid == index) & (idx < cut))
                start = cut
        spans.append((index, start, end))
    n = len(starts)
    words = numpy.bincount(sid[keep], minlength=n).tolist()
    iob = arr[:, 6]
    inside = numpy.bincount(sid[keep & ((iob == 1) | (iob == 3) | (pos == _NUM) | (arr[:, 9] == 1))],
                            minlength=n).tolist()
    verbs = numpy.bincount(sid[keep & numpy.isin(pos, _VERB_IDS)], minlength=n).tolist()
    content = keep & numpy.isin(pos, _CONTENT_IDS)
    keys = numpy.where(arr[:, 4] != 0, arr[:, 4], arr[:, 5])[content].tolist()
    terms: list[dict[str, float]] = [{} for _ in range(n)]
    strings = doc.vocab.strings
    for number, key in zip(sid[content].tolist(), keys):
        term = _TERMS.get(key)
        if term is None:
            if len(_TERMS) > 200_000:
                _TERMS.clear()
            term = _TERMS[key] = _term(strings[key])
        if term:
            bag = terms[number]
            bag[term] = bag.get(term, 0.0) + 1.0
    out: list[_Sentence] = []
    for index, start, end in spans:
        body = text[start:end]
        folded = _WORD.findall(_fold(body).lower())
        bag = terms[index]
        sentence = _Sentence(index=index, start=start, end=end, words=len(folded), terms=bag,
                             norm=math.sqrt(sum(c * c for c in bag.values())), wordset=frozenset(folded),
                             density=inside[index] / words[index] if words[index] else 0.0)
        stripped = _URL.sub("", body) if _URL_HINT.search(body) else body
        sentence.boilerplate = bool(_BOILERPLATE_START.match(body)) or not _LETTER.search(stripped)
        last = body[-1]
        sentence.heading = not verbs[index] and last not in _TERMINAL and len(folded) < 12
        sentence.question = last in "?؟"
        opening = folded[0] if folded else ""
        if opening[:1] in "وف" and opening[1:] in _DEPENDENT:
            opening = opening[1:]
        sentence.dependent = opening in _DEPENDENT
        if '"' in body or "«" in body or "“" in body:
            sentence.quoted = sum(m.end() - m.start() for m in _QUOTED.finditer(body)) / len(body)
        out.append(sentence)
    return out


_NUM = int(spacy_symbols.NUM)
_VERB_IDS = numpy.array([int(spacy_symbols.IDS[p]) for p in ("VERB", "AUX")], dtype=numpy.uint64)
_CONTENT_IDS = numpy.array([int(spacy_symbols.IDS[p]) for p in ("NOUN", "PROPN", "VERB", "ADJ", "NUM", "X")],
                           dtype=numpy.uint64)
#: lemma hash -> content term ('' for a stopword); string hashes are stable, so this holds across Docs
_TERMS: dict[int, str] = {}
