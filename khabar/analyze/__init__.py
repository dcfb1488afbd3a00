"""khabar analyze: tokens, sentences, POS, lemmas and named entities for Arabic news.

:func:`analyze` repairs the text (:func:`khabar.repair`), then runs the shipped spaCy pipeline
(:func:`load`) over the repaired text and returns a spaCy :class:`~spacy.tokens.Doc`:

* ``doc.text`` — the repaired text; ``doc._.original`` the raw input; ``doc._.repair`` the
  :class:`khabar.repair.Repair` with every edit (offsets into the original);
* tokens in the UD Arabic convention (clitics split, each a substring of the text), ``token.norm_`` the
  normalized UD form, ``token.pos_`` UPOS, ``token.lemma_``;
* ``doc.sents``; ``doc.ents`` with PER/LOC/ORG/MISC and DATE/TIME/MONEY/PERCENT/QUANTITY, each with
  ``span._.canonical`` and ``span._.link``.

:func:`to_dict` gives the JSON shape of ``khabar analyze --json``; :func:`to_conllu` and :func:`to_html`
the other views. Long texts are processed paragraph by paragraph (:func:`iter_chunks`).
"""

from __future__ import annotations

import html
import json
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from spacy.language import Language
from spacy.tokens import Doc

from khabar.analyze import components  # noqa: F401  (registers the tokenizer and components)
from khabar.schema import SCHEMA_VERSION

__all__ = ["AnalyzeResourceError", "analyze", "iter_chunks", "load", "pipe", "publication_date", "to_conllu",
           "to_dict", "to_html", "views", "write_json"]

MODEL_DIR = Path(__file__).with_name("model")
#: texts longer than this are processed in paragraph chunks of about this size
CHUNK_CHARS = 20_000
_PARAGRAPH = re.compile(r"\n\s*\n|\n")


class AnalyzeResourceError(RuntimeError):
    """The shipped pipeline is missing or damaged."""


@lru_cache(maxsize=1)
def load() -> Language:
    """The shipped pipeline (loaded once, offline).

    >>> load().pipe_names[:3]
    ['tok2vec', 'tagger', 'khabar_upos']
    """
    import spacy

    if not (MODEL_DIR / "config.cfg").exists():
        raise AnalyzeResourceError(f"the analysis model is missing: {MODEL_DIR} (reinstall khabar)")
    try:
        return spacy.load(MODEL_DIR)
    except Exception as error:
        raise AnalyzeResourceError(f"the analysis model at {MODEL_DIR} cannot be loaded: {error}") from error


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


def _run(nlp: Language, text: str) -> Doc:
    """The pipeline over one text, chunked when long; entity canonical forms over the whole text."""
    if len(text) <= CHUNK_CHARS:
        return nlp(text)
    with nlp.select_pipes(disable=["khabar_entities"]):
        docs = list(nlp.pipe((chunk for _, chunk in iter_chunks(text)), batch_size=4))
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    return nlp.get_pipe("khabar_entities")(doc)


def analyze(text: str, *, repair: bool = True, published: str | date | None = None, **repair_options: Any) -> Doc:
    """Repair ``text`` (unless ``repair=False``) and analyze it; any ``str`` is accepted.

    ``published`` (an ISO date or a :class:`datetime.date`) is the article's publication date: relative
    dates in its events (``أمس``، ``الأحد الماضي``) are resolved against it. ``repair_options`` go to
    :func:`khabar.repair` (``only``, ``skip``, ``min_confidence``, ``quotes``).

    >>> doc = analyze("وقال الرئيس المصري في القاهرة إن 5 ملايين دولار وصلت.")
    >>> [t.text for t in doc][:4]
    ['و', 'قال', 'الرئيس', 'المصري']
    >>> doc._.original == "وقال الرئيس المصري في القاهرة إن 5 ملايين دولار وصلت."
    True
    """
    if not isinstance(text, str):
        raise TypeError(f"analyze() takes a str, not {type(text).__name__}")
    from khabar.repair import repair as run_repair

    day = publication_date(published)
    fixed = run_repair(text, **repair_options) if repair else None
    doc = _run(load(), fixed.text if fixed is not None else text)
    doc._.original = text
    doc._.repair = fixed
    doc._.published = day
    return doc


def publication_date(value: str | date | None) -> str | None:
    """``value`` as an ISO date string (None stays None); a clear ``ValueError`` for anything else.

    >>> publication_date("2018-07-15"), publication_date("2018-07-15T21:56:56+04:00"), publication_date(None)
    ('2018-07-15', '2018-07-15', None)
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10]).isoformat()
        except ValueError:
            raise ValueError(f"the publication date must be an ISO date (YYYY-MM-DD), not {value!r}") from None
    raise TypeError(f"the publication date must be a str or a date, not {type(value).__name__}")


def pipe(texts: Iterable[str], *, repair: bool = True, batch_size: int = 32, **repair_options: Any) -> Iterator[Doc]:
    """:func:`analyze` for a stream of texts, in order; faster for many texts (each stage runs over a batch).

    Texts longer than the chunk size are analyzed one by one, in chunks, as :func:`analyze` does.

    >>> [len(doc.ents) > 0 for doc in pipe(["زار الوزير بيروت.", "", "قال شكري في القاهرة"])]
    [True, False, True]
    """
    from khabar.repair import repair as run_repair

    nlp = load()
    batch: list[tuple[str, Any]] = []

    def flush() -> Iterator[Doc]:
        short = [(i, fixed.text if fixed is not None else text) for i, (text, fixed) in enumerate(batch)]
        done = dict(zip((i for i, t in short if len(t) <= CHUNK_CHARS),
                        nlp.pipe((t for _, t in short if len(t) <= CHUNK_CHARS), batch_size=batch_size)))
        for i, (text, fixed) in enumerate(batch):
            doc = done.get(i)
            if doc is None:
                doc = _run(nlp, short[i][1])
            doc._.original = text
            doc._.repair = fixed
            yield doc
        batch.clear()

    for text in texts:
        if not isinstance(text, str):
            raise TypeError(f"pipe() takes str texts, not {type(text).__name__}")
        batch.append((text, run_repair(text, **repair_options) if repair else None))
        if len(batch) >= batch_size:
            yield from flush()
    yield from flush()


# ---------------------------------------------------------------- views


def _entity_dict(span: Any) -> dict[str, Any]:
    return {"start": span.start_char, "end": span.end_char, "text": span.text, "label": span.label_,
            "canonical": span._.canonical, "link": span._.link}


def _token_dict(token: Any) -> dict[str, Any]:
    return {"start": token.idx, "end": token.idx + len(token.text), "text": token.text, "norm": token.norm_,
            "pos": token.pos_, "lemma": token.lemma_}


def _content_tokens(doc: Doc) -> Iterator[Any]:
    return (t for t in doc if not t.is_space)


def _span(start: int | None, end: int | None, text: str) -> dict[str, Any] | None:
    return None if start is None or end is None else {"start": start, "end": end, "text": text[start:end]}


class _Speakers:
    """The PER/ORG entities of a doc, indexed once so each quote finds its speaker's entity without a pass over
    all of them (a long document has thousands of quotes and entities)."""

    def __init__(self, ents: list[Any]) -> None:
        from khabar.quotes.cues import fold

        self.fold = fold
        self.found = [(n, e) for n, e in enumerate(ents) if e.label_ in ("PER", "ORG")]
        self.starts = [e.start_char for _, e in self.found]
        self.by_name: dict[str, tuple[int, Any]] = {}
        for n, ent in self.found:
            self.by_name.setdefault(fold(ent._.canonical or ent.text), (n, ent))


def _speaker_entity(quote: Any, speakers: _Speakers, first: int) -> dict[str, Any] | None:
    """The person or organisation a quote's speaker is: an entity inside the speaker mention, else one
    whose canonical form is the speaker's name. ``index`` counts in the document's ``entities`` list."""
    if quote.speaker_name is None:
        return None

    def entry(n: int, ent: Any) -> dict[str, Any]:
        return {"index": first + n, "text": ent.text, "label": ent.label_, "canonical": ent._.canonical,
                "link": ent._.link}

    if quote.speaker_start is not None:
        from bisect import bisect_left

        inside = []
        for n, ent in speakers.found[bisect_left(speakers.starts, quote.speaker_start):]:
            if ent.start_char >= quote.speaker_end:
                break
            if ent.end_char <= quote.speaker_end:
                inside.append((n, ent))
        inside.sort(key=lambda ne: ne[1].label_ != "PER")
        if inside:
            return entry(*inside[0])
    match = speakers.by_name.get(speakers.fold(quote.speaker_name))
    return entry(*match) if match is not None else None


def article_views(doc: Doc) -> dict[str, Any]:
    """The article-level views of an analyzed ``doc``: ``headline`` (the one sentence that best stands for
    it), ``summary`` (up to 3 sentences in text order), ``keywords`` (top 10) and ``topic`` (subject with
    calibrated probabilities, and region from the linked places); offsets into ``doc.text``.
    See :mod:`khabar.summarize`, :mod:`khabar.keywords` and :mod:`khabar.topic`.
    """
    from khabar.keywords import keywords
    from khabar.summarize import headline, summarize
    from khabar.topic import classify

    pick = headline(doc)
    return {
        "headline": pick.to_dict() if pick is not None else None,
        "summary": [s.to_dict() for s in summarize(doc, sentences=3)],
        "keywords": [k.to_dict() for k in keywords(doc, top=10)],
        "topic": classify(doc).to_dict(),
    }


def views(doc: Doc, entity_base: int = 0, article: bool = True) -> dict[str, Any]:
    """Quotes, counted facts, events and the dateline of an analyzed ``doc`` (offsets into ``doc.text``),
    and with ``article`` the article-level views of :func:`article_views`.

    ``quotes`` follow :class:`khabar.quotes.Quote` (``type``, ``content``, ``cue``, ``speaker``,
    ``speaker_name``, ``speaker_entity``); ``facts``/``events``/``dateline`` :mod:`khabar.facts`.
    The publication date set by :func:`analyze` (``published``) resolves relative dates in events.

    >>> v = views(analyze("وقال وزير الصحة إن 12 شخصا قتلوا في الانفجار."))
    >>> [(q["type"], q["content"]["text"], q["speaker_name"]) for q in v["quotes"]]
    [('indirect', '12 شخصا قتلوا في الانفجار', 'وزير الصحة')]
    >>> [(f["surface"], f["low"], f["event"]) for f in v["facts"]]
    [('12', 12, 'killed')]
    """
    from khabar.facts import find_dateline, find_events, find_facts
    from khabar.quotes import find_quotes

    ents = list(doc.ents)
    speakers_index = _Speakers(ents)
    text = doc.text
    quotes = []
    for q in find_quotes(doc):
        quotes.append({
            "type": q.type,
            "content": _span(q.content_start, q.content_end, text),
            "cue": _span(q.cue_start, q.cue_end, text),
            "speaker": _span(q.speaker_start, q.speaker_end, text),
            "speaker_name": q.speaker_name,
            "speaker_entity": _speaker_entity(q, speakers_index, entity_base),
        })
    facts = find_facts(doc)
    return {
        "quotes": quotes,
        "facts": [f.to_dict() for f in facts],
        "events": [e.to_dict() for e in find_events(doc, facts, published=doc._.published)],
        "dateline": find_dateline(doc),
        **(article_views(doc) if article else {}),
    }


def speakers(quotes: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quotes grouped by speaker name, most quoted first: ``name``, ``entity``, ``count``, ``quotes`` (indices).

    >>> speakers([{"speaker_name": "أ", "speaker_entity": None}, {"speaker_name": None, "speaker_entity": None},
    ...           {"speaker_name": "أ", "speaker_entity": None}])
    [{'name': 'أ', 'entity': None, 'count': 2, 'quotes': [0, 2]}]
    """
    groups: dict[str, dict[str, Any]] = {}
    for n, quote in enumerate(quotes):
        name = quote["speaker_name"]
        if not name:
            continue
        group = groups.setdefault(name, {"name": name, "entity": None, "count": 0, "quotes": []})
        group["count"] += 1
        group["quotes"].append(n)
        entity = quote["speaker_entity"]
        if group["entity"] is None and entity is not None:
            group["entity"] = {key: entity[key] for key in ("label", "canonical", "link")}
    return sorted(groups.values(), key=lambda g: (-g["count"], g["quotes"][0]))


def _shift(value: Any, offset: int) -> Any:
    """A copy of a JSON-ready value with every ``start``/``end`` moved by ``offset`` (chunked texts)."""
    if isinstance(value, dict):
        return {k: (v + offset if k in ("start", "end") and isinstance(v, int) else _shift(v, offset))
                for k, v in value.items()}
    if isinstance(value, list):
        return [_shift(v, offset) for v in value]
    return value


def to_dict(doc: Doc) -> dict[str, Any]:
    """The JSON-ready shape of one analyzed document (offsets into ``text``, the repaired text).

    >>> d = to_dict(analyze("زار الوزير بيروت."))
    >>> list(d)  # doctest: +NORMALIZE_WHITESPACE
    ['schema_version', 'text', 'original', 'published', 'edits', 'sentences', 'tokens', 'entities', 'quotes',
     'speakers', 'facts', 'events', 'dateline', 'headline', 'summary', 'keywords', 'topic']
    """
    fixed = doc._.repair
    extra = views(doc)
    return {
        "schema_version": SCHEMA_VERSION,
        "text": doc.text,
        "original": doc._.original if doc._.original is not None else doc.text,
        "published": doc._.published,
        "edits": [edit.to_dict() for edit in fixed.edits] if fixed is not None else [],
        "sentences": [{"start": s.start_char, "end": s.end_char} for s in doc.sents if s.text.strip()],
        "tokens": [_token_dict(t) for t in _content_tokens(doc)],
        "entities": [_entity_dict(e) for e in doc.ents],
        "quotes": extra["quotes"],
        "speakers": speakers(extra["quotes"]),
        "facts": extra["facts"],
        "events": extra["events"],
        "dateline": extra["dateline"],
        "headline": extra["headline"],
        "summary": extra["summary"],
        "keywords": extra["keywords"],
        "topic": extra["topic"],
    }


def write_json(text: str, out: IO[str], *, repair: bool = True, published: str | date | None = None,
               **repair_options: Any) -> None:
    """Analyze ``text`` and write :func:`to_dict`'s JSON to ``out``, chunk by chunk, in bounded memory.

    The sentences, tokens, entities, quotes, facts and events of each chunk are written to temporary files
    as they come, then copied into one JSON object, so a 10 MB text never holds more than one chunk's
    analysis at a time (a quote's previous speaker is looked for within its chunk). The article-level
    views (headline, summary, keywords, topic) are those of the first chunk (20,000 characters): a news
    article fits in it; a longer text is summarized and classified by its beginning.
    """
    import tempfile

    from khabar.repair import repair as run_repair

    day = publication_date(published)
    fixed = run_repair(text, **repair_options) if repair else None
    repaired = fixed.text if fixed is not None else text
    nlp = load()
    with tempfile.TemporaryDirectory(prefix="khabar-") as tmp:
        files = {name: open(Path(tmp) / name, "w+", encoding="utf-8")  # noqa: SIM115 - closed below
                 for name in ("sentences", "tokens", "entities", "quotes", "facts", "events")}
        said: list[dict[str, Any]] = []  # speaker name and entity of each quote, for the speakers view
        dateline = None
        article: dict[str, Any] = {"headline": None, "summary": [], "keywords": [], "topic": None}
        entity_count = 0
        try:
            firsts = dict.fromkeys(files, True)

            def emit(name: str, items: Iterable[dict[str, Any]]) -> None:
                for item in items:
                    files[name].write(("" if firsts[name] else ",\n") + json.dumps(item, ensure_ascii=False))
                    firsts[name] = False

            offsets = [offset for offset, _ in iter_chunks(repaired)]
            chunks = (chunk for _, chunk in iter_chunks(repaired))
            for offset, doc in zip(offsets, nlp.pipe(chunks, batch_size=4)):
                emit("sentences", ({"start": s.start_char + offset, "end": s.end_char + offset}
                                   for s in doc.sents if s.text.strip()))
                emit("tokens", ({**_token_dict(t), "start": t.idx + offset, "end": t.idx + offset + len(t.text)}
                                for t in _content_tokens(doc)))
                emit("entities", ({**_entity_dict(e), "start": e.start_char + offset, "end": e.end_char + offset}
                                  for e in doc.ents))
                doc._.published = day
                extra = _shift(views(doc, entity_base=entity_count, article=offset == 0), offset)
                entity_count += len(doc.ents)
                emit("quotes", extra["quotes"])
                emit("facts", extra["facts"])
                emit("events", extra["events"])
                said.extend({"speaker_name": q["speaker_name"], "speaker_entity": q["speaker_entity"]}
                            for q in extra["quotes"])
                if offset == 0:
                    dateline = extra["dateline"]
                    article = {key: extra[key] for key in ("headline", "summary", "keywords", "topic")}
            out.write("{" + f'"schema_version": {json.dumps(SCHEMA_VERSION)},\n')
            out.write(f'"text": {json.dumps(repaired, ensure_ascii=False)},\n')
            out.write(f'"original": {json.dumps(text, ensure_ascii=False)},\n')
            out.write(f'"published": {json.dumps(day)},\n')
            edits = [edit.to_dict() for edit in fixed.edits] if fixed is not None else []
            out.write(f'"edits": {json.dumps(edits, ensure_ascii=False)}')
            for name, handle in files.items():
                handle.seek(0)
                out.write(f',\n"{name}": [\n')
                while block := handle.read(1 << 20):
                    out.write(block)
                out.write("\n]")
                if name == "quotes":
                    out.write(f',\n"speakers": {json.dumps(speakers(said), ensure_ascii=False)}')
            out.write(f',\n"dateline": {json.dumps(dateline, ensure_ascii=False)}')
            for name, value in article.items():
                out.write(f',\n"{name}": {json.dumps(value, ensure_ascii=False)}')
            out.write("}\n")
        finally:
            for handle in files.values():
                handle.close()


def to_conllu(doc: Doc) -> str:
    """CoNLL-U: one block per sentence, one line per token (ID FORM LEMMA UPOS _ _ _ _ _ MISC).

    MISC holds ``Norm=`` when the normalized form differs, ``SpaceAfter=No`` and the entity in BIO form.

    >>> print(to_conllu(analyze("زار بيروت.")).splitlines()[1])
    # text = زار بيروت.
    """
    lines: list[str] = []
    for n, sent in enumerate(doc.sents, 1):
        tokens = [t for t in sent if not t.is_space]
        if not tokens:
            continue
        lines += [f"# sent_id = {n}", f"# text = {' '.join(sent.text.split())}"]
        for i, token in enumerate(tokens, 1):
            misc = []
            if token.norm_ != token.text:
                misc.append(f"Norm={token.norm_}")
            if not token.whitespace_:
                misc.append("SpaceAfter=No")
            if token.ent_type_:
                misc.append(f"Entity={token.ent_iob_}-{token.ent_type_}")
            lines.append("\t".join([str(i), token.text, token.lemma_ or "_", token.pos_ or "X", "_", "_", "_", "_",
                                    "_", "|".join(misc) or "_"]))
        lines.append("")
    return "\n".join(lines) + ("\n" if lines else "")


_COLORS = {"PER": "#f9d5a7", "LOC": "#b5e3b5", "ORG": "#a7c7f9", "MISC": "#e0c3f5", "DATE": "#f5e6a3",
           "TIME": "#f5e6a3", "MONEY": "#c8f0e8", "PERCENT": "#c8f0e8", "QUANTITY": "#c8f0e8"}


def to_html(doc: Doc, page: bool = True) -> str:
    """displaCy's entity view, right to left, with each entity's canonical form and link as a tooltip."""
    from spacy import displacy

    ents = []
    for span in doc.ents:
        ents.append({"start": span.start_char, "end": span.end_char, "label": span.label_})
    data = {"text": doc.text, "ents": ents, "title": None}
    body = displacy.render(data, style="ent", manual=True, page=False,
                           options={"colors": _COLORS, "ents": list(_COLORS)})
    body = f'<div dir="rtl" lang="ar" style="font-size:1.2em;line-height:2.2">{body}</div>'
    rows = "".join(
        f"<tr><td>{html.escape(s.text)}</td><td>{s.label_}</td><td>{html.escape(s._.canonical or '')}</td>"
        f"<td>{html.escape(_link_text(s._.link))}</td></tr>" for s in doc.ents)
    table = ('<table dir="rtl"><tr><th>النص</th><th>النوع</th><th>الصيغة الموحدة</th><th>الرابط</th></tr>'
             f"{rows}</table>")
    if not page:
        return body + table
    return ('<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>khabar</title></head>'
            f'<body style="font-family:sans-serif;max-width:60em;margin:auto">{body}{table}</body></html>')


def _link_text(link: dict[str, Any] | None) -> str:
    if not link:
        return ""
    where = f" ({link['lat']:.2f}, {link['lon']:.2f})" if link.get("lat") is not None else ""
    return f"{link.get('name_en', '')} {link.get('id', '')}{where}".strip()


class _CallableModule(type(json)):  # type: ignore[misc]
    """``khabar.analyze`` is both this subpackage and the function: calling the module calls :func:`analyze`."""

    def __call__(self, text: str, **options: Any) -> Doc:
        return analyze(text, **options)


sys.modules[__name__].__class__ = _CallableModule
