"""The analysis as data: :func:`to_dict` (the :class:`khabar.schema.Analysis` shape), the streamed
:func:`write_json` for texts of any size, CoNLL-U and displaCy HTML. Everything here reads the ``Doc`` the
pipeline filled (:mod:`khabar.analyze.stages`); nothing is computed twice."""

from __future__ import annotations

import html
import json
import tempfile
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from spacy import displacy
from spacy.tokens import Doc

from khabar.analyze.pipeline import iter_chunk_docs, load, publication_date
from khabar.quotes.cues import fold as fold_speaker
from khabar.repair import repair as run_repair
from khabar.schema import SCHEMA_VERSION
from khabar.text import dumps_json

__all__ = ["article_views", "speakers", "to_conllu", "to_dict", "to_html", "views", "write_json"]

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
        self.fold = fold_speaker
        self.found = [(n, e) for n, e in enumerate(ents) if e.label_ in ("PER", "ORG")]
        self.starts = [e.start_char for _, e in self.found]
        self.by_name: dict[str, tuple[int, Any]] = {}
        for n, ent in self.found:
            self.by_name.setdefault(fold_speaker(ent._.canonical or ent.text), (n, ent))


def _speaker_entity(quote: Any, speakers: _Speakers, first: int) -> dict[str, Any] | None:
    """The person or organisation a quote's speaker is: an entity inside the speaker mention, else one
    whose canonical form is the speaker's name. ``index`` counts in the document's ``entities`` list."""
    if quote.speaker_name is None:
        return None

    def entry(n: int, ent: Any) -> dict[str, Any]:
        return {"index": first + n, "text": ent.text, "label": ent.label_, "canonical": ent._.canonical,
                "link": ent._.link}

    if quote.speaker_start is not None:
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
    calibrated probabilities, and region from the linked places); offsets into ``doc.text``. A view whose
    stage did not run is left out. See :mod:`khabar.summarize`, :mod:`khabar.keywords` and :mod:`khabar.topic`.
    """
    out: dict[str, Any] = {}
    if doc._.summary is not None:
        pick = doc._.headline
        out["headline"] = pick.to_dict() if pick is not None else None
        out["summary"] = [s.to_dict() for s in doc._.summary]
    if doc._.keywords is not None:
        out["keywords"] = [k.to_dict() for k in doc._.keywords]
    if doc._.topic is not None:
        out["topic"] = doc._.topic.to_dict()
    return out


def views(doc: Doc, entity_base: int = 0, article: bool = True) -> dict[str, Any]:
    """Quotes, counted facts, events and the dateline of an analyzed ``doc`` (offsets into ``doc.text``),
    and with ``article`` the article-level views of :func:`article_views`; a view whose stage did not run
    is left out.

    ``quotes`` follow :class:`khabar.schema.Quote` (``type``, ``content``, ``cue``, ``speaker``,
    ``speaker_name``, ``speaker_entity``, whose ``index`` counts from ``entity_base``);
    ``facts``/``events``/``dateline`` :mod:`khabar.facts`.

    >>> from khabar.analyze import analyze
    >>> v = views(analyze("وقال وزير الصحة إن 12 شخصا قتلوا في الانفجار."))
    >>> [(q["type"], q["content"]["text"], q["speaker_name"]) for q in v["quotes"]]
    [('indirect', '12 شخصا قتلوا في الانفجار', 'وزير الصحة')]
    >>> [(f["surface"], f["low"], f["event"]) for f in v["facts"]]
    [('12', 12, 'killed')]
    """
    out: dict[str, Any] = {}
    if doc._.quotes is not None:
        text = doc.text
        speakers_index = _Speakers(list(doc.ents))
        out["quotes"] = [{
            "type": q.type,
            "act": q.act,
            "content": _span(q.content_start, q.content_end, text),
            "cue": _span(q.cue_start, q.cue_end, text),
            "speaker": _span(q.speaker_start, q.speaker_end, text),
            "speaker_name": q.speaker_name,
            "speaker_entity": _speaker_entity(q, speakers_index, entity_base),
        } for q in doc._.quotes]
    if doc._.facts is not None:
        out["facts"] = [f.to_dict() for f in doc._.facts]
    if doc._.events is not None:
        out["events"] = [e.to_dict() for e in doc._.events]
    if "dateline" in (doc._.stages or ()):
        out["dateline"] = doc._.dateline
    if article:
        out.update(article_views(doc))
    return out


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


#: the keys of the views, in the order of the output
_VIEW_KEYS = ("quotes", "speakers", "facts", "events", "dateline", "headline", "summary", "keywords", "topic")


def to_dict(doc: Doc) -> dict[str, Any]:
    """The JSON-ready shape of one analyzed document (:class:`khabar.schema.Analysis`; offsets into ``text``,
    the repaired text). The views of stages that did not run are left out.

    >>> from khabar.analyze import analyze
    >>> d = to_dict(analyze("زار الوزير بيروت."))
    >>> list(d)  # doctest: +NORMALIZE_WHITESPACE
    ['schema_version', 'text', 'original', 'published', 'edits', 'sentences', 'tokens', 'entities', 'quotes',
     'speakers', 'facts', 'events', 'dateline', 'headline', 'summary', 'keywords', 'topic']
    >>> list(to_dict(analyze("زار الوزير بيروت.", disable=["quotes", "keywords"])))[8:]
    ['facts', 'events', 'dateline', 'headline', 'summary', 'topic']
    """
    fixed = doc._.repair
    extra = views(doc)
    if "quotes" in extra:
        extra["speakers"] = speakers(extra["quotes"])
    return {
        "schema_version": SCHEMA_VERSION,
        "text": doc.text,
        "original": doc._.original if doc._.original is not None else doc.text,
        "published": doc._.published,
        "edits": [edit.to_dict() for edit in fixed.edits] if fixed is not None else [],
        "sentences": [{"start": s.start_char, "end": s.end_char} for s in doc.sents if s.text.strip()],
        "tokens": [_token_dict(t) for t in _content_tokens(doc)],
        "entities": [_entity_dict(e) for e in doc.ents],
        **{key: extra[key] for key in _VIEW_KEYS if key in extra},
    }


def write_json(text: str, out: IO[str], *, repair: bool = True, published: str | date | None = None,
               disable: Iterable[str] = (), **repair_options: Any) -> None:
    """Analyze ``text`` and write :func:`to_dict`'s JSON to ``out``, chunk by chunk, in bounded memory.

    The sentences, tokens, entities, quotes, facts and events of each chunk are written to temporary files
    as they come, then copied into one JSON object, so a 10 MB text never holds more than one chunk's
    analysis at a time (a quote's previous speaker is looked for within its chunk). The article-level
    views (headline, summary, keywords, topic) are those of the first chunk (20,000 characters): a news
    article fits in it; a longer text is summarized and classified by its beginning.
    """
    day = publication_date(published)
    nlp = load(disable)
    fixed = run_repair(text, **repair_options) if repair else None
    repaired = fixed.text if fixed is not None else text
    streamed = ("sentences", "tokens", "entities", "quotes", "facts", "events")
    with tempfile.TemporaryDirectory(prefix="khabar-") as tmp:
        files = {name: open(Path(tmp) / name, "w+", encoding="utf-8")  # noqa: SIM115 - closed below
                 for name in streamed}
        said: list[dict[str, Any]] = []  # speaker name and entity of each quote, for the speakers view
        first: dict[str, Any] = {}
        entity_count = 0
        try:
            firsts = dict.fromkeys(files, True)

            def emit(name: str, items: Iterable[dict[str, Any]]) -> None:
                for item in items:
                    files[name].write(("" if firsts[name] else ",\n") + dumps_json(item))
                    firsts[name] = False

            for offset, doc in iter_chunk_docs(nlp, repaired, day):
                emit("sentences", ({"start": s.start_char + offset, "end": s.end_char + offset}
                                   for s in doc.sents if s.text.strip()))
                emit("tokens", ({**_token_dict(t), "start": t.idx + offset, "end": t.idx + offset + len(t.text)}
                                for t in _content_tokens(doc)))
                emit("entities", ({**_entity_dict(e), "start": e.start_char + offset, "end": e.end_char + offset}
                                  for e in doc.ents))
                extra = _shift(views(doc, entity_base=entity_count, article=offset == 0), offset)
                entity_count += len(doc.ents)
                for name in ("quotes", "facts", "events"):
                    emit(name, extra.get(name, ()))
                said.extend({"speaker_name": q["speaker_name"], "speaker_entity": q["speaker_entity"]}
                            for q in extra.get("quotes", ()))
                if offset == 0:
                    first = extra
            head = {"schema_version": SCHEMA_VERSION, "text": repaired, "original": text, "published": day,
                    "edits": [edit.to_dict() for edit in fixed.edits] if fixed is not None else []}
            out.write("{" + ",\n".join(f"{json.dumps(k)}: {dumps_json(v)}"
                                        for k, v in head.items()))
            for name, handle in files.items():
                if name in ("quotes", "facts", "events") and name not in first:
                    continue  # its stage did not run
                handle.seek(0)
                out.write(f',\n"{name}": [\n')
                while block := handle.read(1 << 20):
                    out.write(block)
                out.write("\n]")
                if name == "quotes":
                    out.write(f',\n"speakers": {dumps_json(speakers(said))}')
            for name in ("dateline", "headline", "summary", "keywords", "topic"):
                if name in first:
                    out.write(f',\n"{name}": {dumps_json(first[name])}')
            out.write("}\n")
        finally:
            for handle in files.values():
                handle.close()


def to_conllu(doc: Doc) -> str:
    """CoNLL-U: one block per sentence, one line per token (ID FORM LEMMA UPOS _ _ _ _ _ MISC).

    MISC holds ``Norm=`` when the normalized form differs, ``SpaceAfter=No`` and the entity in BIO form.

    >>> from khabar.analyze import analyze
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
    """displaCy's entity view, right to left, with each entity's canonical form and link as a tooltip, and a
    table of the entities."""
    ents = []
    for span in doc.ents:
        tip = " · ".join(part for part in (span._.canonical, _link_text(span._.link)) if part)
        ents.append({"start": span.start_char, "end": span.end_char, "label": span.label_,
                     "params": {"tooltip": html.escape(tip, quote=True)}})
    data = {"text": doc.text, "ents": ents, "title": None, "settings": {"lang": "ar", "direction": "rtl"}}
    body = displacy.render(data, style="ent", manual=True, page=False,
                           options={"colors": _COLORS, "ents": list(_COLORS), "template": _ENTITY_TEMPLATE})
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


#: displaCy's right-to-left entity template with a tooltip (``title``)
_ENTITY_TEMPLATE = """
<mark class="entity" title="{tooltip}" style="background: {bg}; padding: 0.45em 0.6em; margin: 0 0.25em; \
line-height: 1; border-radius: 0.35em">
    {text}
    <span style="font-size: 0.8em; font-weight: bold; line-height: 1; border-radius: 0.35em; vertical-align: middle; \
margin-right: 0.5rem">{label}{kb_link}</span>
</mark>
"""


def _link_text(link: dict[str, Any] | None) -> str:
    if not link:
        return ""
    where = f" ({link['lat']:.2f}, {link['lon']:.2f})" if link.get("lat") is not None else ""
    return f"{link.get('name_en', '')} {link.get('id', '')}{where}".strip()
