"""The corpus routes: search, one article, the most mentioned entities and the most quoted speakers, over a
database made by ``khabar ingest`` (opened read-only, one connection per worker thread)."""

from __future__ import annotations

import logging
import re
import threading
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request

from khabar.serve.shapes import _CORPUS_ERRORS, NO_DB, ApiError, ErrorBody
from khabar.store import Store

log = logging.getLogger("khabar.serve")
router = APIRouter(tags=["corpus"])
_DAY = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _check_day(value: str | None, name: str) -> str | None:
    """``value`` if it is YYYY, YYYY-MM or YYYY-MM-DD (a real date), else a 422 :class:`ApiError`."""
    if value is None or value == "":
        return None
    value = value.strip()
    ok = _DAY.fullmatch(value) is not None
    if ok:
        year, month, day = ([*value.split("-"), "01", "01"])[:3]
        try:
            date(int(year), int(month), int(day))
        except ValueError:
            ok = False
    if not ok:
        raise ApiError(422, f"{name} must be a date: YYYY-MM-DD, YYYY-MM or YYYY")
    return value


def snippet_parts(snippet: str, spans: list[Any]) -> list[dict[str, Any]]:
    """A search snippet as pieces ``{"text", "match"}``: the ``[`` ``]`` markers taken out.

    The markers are found from the match spans (their lengths and the gaps between them), so brackets in
    the article text itself stay text.

    >>> parts = snippet_parts("قال [الوزير] إن [x] ل[بيروت]", [(4, 10), (19, 24)])
    >>> [(p["text"], p["match"]) for p in parts]  # doctest: +NORMALIZE_WHITESPACE
    [('قال ', False), ('الوزير', True), (' إن [x] ل', False), ('بيروت', True)]
    >>> snippet_parts("[a] b", [])
    [{'text': '[a] b', 'match': False}]
    """
    spans = [(int(s), int(e)) for s, e in spans]
    if not spans:
        return [{"text": snippet, "match": False}] if snippet else []
    lengths = [e - s for s, e in spans]
    gaps = [spans[i + 1][0] - spans[i][1] for i in range(len(spans) - 1)]

    def layout(first: int) -> list[int] | None:
        starts, at = [], first
        for i, length in enumerate(lengths):
            if snippet[at:at + 1] != "[" or snippet[at + 1 + length:at + 2 + length] != "]":
                return None
            starts.append(at)
            at += length + 2 + (gaps[i] if i < len(gaps) else 0)
        return starts

    for first in (i for i, c in enumerate(snippet) if c == "["):
        starts = layout(first)
        if starts is not None:
            break
    else:
        return [{"text": snippet, "match": False}]
    parts: list[dict[str, Any]] = []
    cursor = 0
    for at, length in zip(starts, lengths):
        if at > cursor:
            parts.append({"text": snippet[cursor:at], "match": False})
        parts.append({"text": snippet[at + 1:at + 1 + length], "match": True})
        cursor = at + 2 + length
    if cursor < len(snippet):
        parts.append({"text": snippet[cursor:], "match": False})
    return parts


class _Corpus:
    """The corpus database, opened read-only once per worker thread (SQLite connections are not shared)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        Store(path, readonly=True).close()  # fail now, with StoreError, if it is missing or not a corpus
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[Any] = []

    def get(self) -> Any:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.path, readonly=True)
            with self._lock:
                self._open.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            for store in self._open:
                try:
                    store.close()
                except Exception:  # another thread's connection: closing it may be refused
                    log.debug("could not close a corpus connection", exc_info=True)
            self._open.clear()


def _store(request: Request) -> Any:
    corpus = request.app.state.corpus
    if corpus is None:
        raise ApiError(503, NO_DB)
    return corpus.get()


@router.get("/api/search", tags=["corpus"], summary="Search the corpus", responses=_CORPUS_ERRORS)
def search(
    request: Request,
    q: Annotated[str, Query(max_length=1000, description="Words to find, in any form.")] = "",
    entity: Annotated[str | None, Query(max_length=200)] = None,
    speaker: Annotated[str | None, Query(max_length=200)] = None,
    place: Annotated[str | None, Query(max_length=200)] = None,
    topic: Annotated[str | None, Query(max_length=200)] = None,
    act: Annotated[str | None, Query(max_length=40, description="Only articles with a quote of this act: "
                                     "statement, demand, warning, condemnation, denial, welcome, "
                                     "accusation, concern, description.")] = None,
    event: Annotated[str | None, Query(max_length=40, description="Only articles reporting an event of this "
                                       "type: airstrike, shelling, explosion, armed_attack, clash, execution, "
                                       "arrest, displacement, evacuation, accident, disaster, vote, other.")] = None,
    since: Annotated[str | None, Query(description="YYYY-MM-DD, YYYY-MM or YYYY")] = None,
    until: Annotated[str | None, Query(description="YYYY-MM-DD, YYYY-MM or YYYY (inclusive)")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> dict[str, Any]:
    """Articles matching every word of ``q`` (ranked by BM25) and the filters, each with a snippet
    (matches in ``[`` ``]``; ``snippet_parts`` gives the same as pieces), the total, and facet counts
    (entity, speaker, place, topic, act, event, month). An empty ``q`` lists the newest articles."""
    since, until = _check_day(since, "since"), _check_day(until, "until")
    found = _store(request).search(q, entity=entity or None, speaker=speaker or None, place=place or None,
                           topic=topic or None, since=since, until=until, limit=limit, offset=offset,
                           act=act or None, event=event or None)
    for hit in found["results"]:
        hit["snippet_parts"] = snippet_parts(hit["snippet"], hit["spans"])
    return found


@router.get("/api/events", tags=["corpus"], summary="Where the events happened", responses=_CORPUS_ERRORS)
def events(
    request: Request,
    q: Annotated[str, Query(max_length=1000, description="Words the articles must contain, in any form.")] = "",
    type: Annotated[str | None, Query(max_length=40, description="Only events of this type (airstrike, "
                                      "shelling, explosion, armed_attack, clash, execution, arrest, …).")] = None,
    entity: Annotated[str | None, Query(max_length=200)] = None,
    speaker: Annotated[str | None, Query(max_length=200)] = None,
    place: Annotated[str | None, Query(max_length=200)] = None,
    topic: Annotated[str | None, Query(max_length=200)] = None,
    act: Annotated[str | None, Query(max_length=40)] = None,
    since: Annotated[str | None, Query(description="YYYY-MM-DD, YYYY-MM or YYYY")] = None,
    until: Annotated[str | None, Query(description="YYYY-MM-DD, YYYY-MM or YYYY (inclusive)")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> dict[str, Any]:
    """The places where the events of the matching articles happened (same query and filters as
    ``/api/search``): per place its coordinates when linked, events, articles, the counts reported there summed
    by category (killed, injured, arrested, displaced, missing) and the event types; the totals, the types, and
    how many events have no place."""
    since, until = _check_day(since, "since"), _check_day(until, "until")
    return _store(request).events(q, type=type or None, entity=entity or None, speaker=speaker or None,
                                  place=place or None, topic=topic or None, since=since, until=until,
                                  act=act or None, limit=limit)


@router.get("/api/articles/{article}", tags=["corpus"], summary="One article",
         responses={**_CORPUS_ERRORS, 404: {"model": ErrorBody, "description": "No such article"}})
def article(request: Request, article: int) -> dict[str, Any]:
    """One stored article: raw and repaired text and its whole analysis (without tokens)."""
    found = _store(request).article(article)
    if found is None:
        raise ApiError(404, f"no article {article}")
    return found


@router.get("/api/entities", tags=["corpus"], summary="Most mentioned entities", responses=_CORPUS_ERRORS)
def entities(request: Request, label: Annotated[Literal["PER", "ORG", "LOC", "MISC"] | None, Query()] = None,
             limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> list[dict[str, Any]]:
    """The most mentioned named entities (of one ``label``): articles and mentions each."""
    return _store(request).top("entity", label=label, limit=limit)


@router.get("/api/speakers", tags=["corpus"], summary="Most quoted speakers", responses=_CORPUS_ERRORS)
def speakers(request: Request, label: Annotated[Literal["PER", "ORG"] | None, Query()] = None,
             limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> list[dict[str, Any]]:
    """The most quoted speakers: articles they are quoted in and quotes (``mentions``); with ``label``,
    only speakers that are named people (PER) or organisations (ORG), not ``البيان`` or ``مصدر``."""
    return _store(request).top("speaker", label=label, limit=limit)

