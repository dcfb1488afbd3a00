"""The pipeline: the shipped spaCy model (tokens, POS, lemmas, sentences, names, expressions, links) followed
by the stages of :mod:`khabar.analyze.stages`, and the functions that run it over texts."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from khabar.analyze import components  # noqa: F401  (registers the tokenizer and components)
from khabar.analyze.crf import AnalyzeResourceError
from khabar.analyze.stages import ARTICLE_STAGES, STAGES
from khabar.dates import publication_date
from khabar.repair import repair as run_repair
from khabar.text import without_surrogates

__all__ = ["CHUNK_CHARS", "MODEL_DIR", "AnalyzeResourceError", "analyze", "is_loaded", "iter_chunks", "load", "pipe",
           "publication_date"]

MODEL_DIR = Path(__file__).with_name("model")
#: texts longer than this are processed in paragraph chunks of about this size
CHUNK_CHARS = 20_000
_PARAGRAPH = re.compile(r"\n\s*\n|\n")
#: the component that must see a whole long text at once (same-article name spreading)
_WHOLE_TEXT = ("khabar_entities", *STAGES.values())


def _component_names(disable: Iterable[str]) -> frozenset[str]:
    """Component names for ``disable`` (short stage names such as ``"topic"`` or component names)."""
    if isinstance(disable, str):
        disable = [disable]
    names = set()
    for name in disable:
        names.add(STAGES.get(name, name))
    return frozenset(names)


def load(disable: Iterable[str] = (), *, enable: Iterable[str] = (), exclude: Iterable[str] = (),
         vocab: Any = True, config: Any = None) -> Language:
    """The shipped pipeline with every stage (loaded once per set of options, offline).

    ``disable`` names components or stages to leave out: the short stage names (``quotes``, ``facts``,
    ``events``, ``dateline``, ``keywords``, ``summary``, ``topic``) or component names; ``enable`` keeps only
    the components named; an unknown name is a ``ValueError`` that lists the known ones. This is also what
    ``spacy.load("khabar")`` calls (``exclude`` is read as ``disable``; other vocab or config overrides are
    refused: the pipeline ships as it was trained).

    >>> load().pipe_names  # doctest: +NORMALIZE_WHITESPACE
    ['tok2vec', 'tagger', 'khabar_upos', 'trainable_lemmatizer', 'khabar_sentences', 'khabar_crf_ner',
     'khabar_expressions', 'khabar_entities', 'khabar_quotes', 'khabar_facts', 'khabar_events', 'khabar_dateline',
     'khabar_keywords', 'khabar_summary', 'khabar_topic']
    >>> load(disable=["keywords", "topic"]).pipe_names[-3:]
    ['khabar_events', 'khabar_dateline', 'khabar_summary']
    """
    if vocab is not True or config:
        raise ValueError("khabar's pipeline takes no vocab or config overrides")
    enabled = _component_names(enable)
    return _load(_component_names(disable) | _component_names(exclude), enabled or None)


@lru_cache(maxsize=4)
def _load(disabled: frozenset[str], enabled: frozenset[str] | None = None) -> Language:
    import spacy

    if not (MODEL_DIR / "config.cfg").exists():
        raise AnalyzeResourceError(f"the analysis model is missing: {MODEL_DIR} (reinstall khabar)")
    try:
        nlp = spacy.load(MODEL_DIR)
    except Exception as error:
        raise AnalyzeResourceError(f"the analysis model at {MODEL_DIR} cannot be loaded: {error}") from error
    for component in STAGES.values():
        nlp.add_pipe(component)
    unknown = (disabled | (enabled or frozenset())) - set(nlp.component_names)
    if unknown:
        raise ValueError(f"no such stage or component: {', '.join(sorted(unknown))} "
                         f"(stages: {', '.join(STAGES)}; components: {', '.join(nlp.component_names)})")
    if enabled is not None:
        disabled = disabled | (frozenset(nlp.component_names) - enabled)
    for name in disabled:
        nlp.disable_pipe(name)
    return nlp


def is_loaded() -> bool:
    """Whether a pipeline has been loaded in this process (the server's health check)."""
    return _load.cache_info().currsize > 0


def iter_chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, chunk) pieces of ``text`` cut after line breaks, each about ``size`` characters or less.

    A chunk holds whole paragraphs when it can; a line longer than ``size`` is cut at a space (or, with no
    space, anywhere). Joining the chunks gives ``text`` back.

    >>> list(iter_chunks("أ\\nب\\nج", size=2))
    [(0, 'أ\\n'), (2, 'ب\\n'), (4, 'ج')]
    """
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + size)
        if end < n:
            cut = max(text.rfind("\n", start, end) + 1, 0)
            if cut <= start:
                cut = text.rfind(" ", start, end) + 1
            end = cut if cut > start else end
        yield start, text[start:end]
        start = end


def _prepared(nlp: Language, text: str, original: str, fixed: Any, day: str | None) -> Doc:
    """The tokenized ``text`` with its raw input, repair record and publication date set, before any
    component runs (so every stage can read them)."""
    doc = nlp.make_doc(text)
    doc._.original = original
    doc._.repair = fixed
    doc._.published = day
    return doc


def _run(nlp: Language, text: str, original: str, fixed: Any, day: str | None) -> Doc:
    """The pipeline over one text, chunked when long; entity canonical forms and the stages over the whole
    text."""
    if len(text) <= CHUNK_CHARS:
        return nlp(_prepared(nlp, text, original, fixed, day))
    whole = [name for name in _WHOLE_TEXT if name in nlp.pipe_names]
    with nlp.select_pipes(disable=whole):
        docs = list(nlp.pipe((chunk for _, chunk in iter_chunks(text)), batch_size=4))
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    doc._.original, doc._.repair, doc._.published = original, fixed, day
    for name in whole:
        doc = nlp.get_pipe(name)(doc)
    return doc


def iter_chunk_docs(nlp: Language, text: str, day: str | None) -> Iterator[tuple[int, Doc]]:
    """(offset, Doc) for each chunk of ``text`` run through the pipeline on its own (bounded memory); the
    article-level stages run on the first chunk only (a news article fits in it)."""
    chunks = list(iter_chunks(text)) if len(text) > CHUNK_CHARS else [(0, text)]
    for n, (offset, chunk) in enumerate(chunks):
        skip = [name for name in ARTICLE_STAGES if name in nlp.pipe_names] if n else []
        with nlp.select_pipes(disable=skip):
            yield offset, nlp(_prepared(nlp, without_surrogates(chunk), chunk, None, day))


def analyze(text: str, *, repair: bool = True, published: str | date | None = None,
            disable: Iterable[str] = (), **repair_options: Any) -> Doc:
    """Repair ``text`` (unless ``repair=False``) and analyze it; any ``str`` is accepted.

    ``published`` (an ISO date or a :class:`datetime.date`) is the article's publication date: relative
    dates in its events (``أمس``، ``الأحد الماضي``) are resolved against it. ``disable`` leaves stages out
    (see :func:`load`). ``repair_options`` go to :func:`khabar.repair` (``only``, ``skip``,
    ``min_confidence``, ``quotes``).

    >>> doc = analyze("وقال الرئيس المصري في القاهرة إن 5 ملايين دولار وصلت.")
    >>> [t.text for t in doc][:4]
    ['و', 'قال', 'الرئيس', 'المصري']
    >>> doc._.original == "وقال الرئيس المصري في القاهرة إن 5 ملايين دولار وصلت."
    True
    >>> [(f.surface, f.event) for f in doc._.facts], doc._.stages[:3]
    ([('5 ملايين دولار', 'money')], ('quotes', 'facts', 'events'))
    """
    if not isinstance(text, str):
        raise TypeError(f"analyze() takes a str, not {type(text).__name__}")
    day = publication_date(published)
    nlp = load(disable)
    fixed = run_repair(text, **repair_options) if repair else None
    # a lone surrogate cannot reach the model (spaCy encodes text as UTF-8): marked with U+FFFD, same offsets
    return _run(nlp, without_surrogates(fixed.text if fixed is not None else text), text, fixed, day)


def pipe(texts: Iterable[str], *, repair: bool = True, batch_size: int = 32, disable: Iterable[str] = (),
         **repair_options: Any) -> Iterator[Doc]:
    """:func:`analyze` for a stream of texts, in order; faster for many texts (each stage runs over a batch).

    Texts longer than the chunk size are analyzed one by one, in chunks, as :func:`analyze` does.

    >>> [len(doc.ents) > 0 for doc in pipe(["زار الوزير بيروت.", "", "قال شكري في القاهرة"])]
    [True, False, True]
    """
    nlp = load(disable)
    batch: list[tuple[str, Any]] = []

    def flush() -> Iterator[Doc]:
        prepared = [_prepared(nlp, without_surrogates(fixed.text if fixed is not None else text), text, fixed, None)
                    if len(fixed.text if fixed is not None else text) <= CHUNK_CHARS else None
                    for text, fixed in batch]
        done = iter(list(nlp.pipe((d for d in prepared if d is not None), batch_size=batch_size)))
        for (text, fixed), doc in zip(batch, prepared):
            if doc is None:
                yield _run(nlp, without_surrogates(fixed.text if fixed is not None else text), text, fixed, None)
            else:
                yield next(done)
        batch.clear()

    for text in texts:
        if not isinstance(text, str):
            raise TypeError(f"pipe() takes str texts, not {type(text).__name__}")
        batch.append((text, run_repair(text, **repair_options) if repair else None))
        if len(batch) >= batch_size:
            yield from flush()
    yield from flush()
