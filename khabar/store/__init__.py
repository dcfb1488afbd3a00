"""A searchable corpus in one SQLite file: analyzed articles, full-text search, facets.

:class:`Store` keeps every article's raw text, its repaired text and its analysis (entities, quotes,
facts, events, summary, keywords, topic), and indexes the repaired text for full-text search (SQLite FTS5)
in an Arabic-aware form: each token's normalized form (clitics split off by the analyzer), folded
(no diacritics; أ إ آ → ا, ى → ي, ة → ه) and without its article ال. A search for ``الامم المتحدة``
therefore finds ``الأمم المتحدة``, ``للأمم المتحدة`` and text that repair fixed from ``الأممالمتحدة``.

>>> import tempfile, pathlib
>>> from khabar.batch import Document
>>> store = Store(pathlib.Path(tempfile.mkdtemp()) / "corpus.db")
>>> [r.status for r in store.ingest([Document("a1", "قالت الأمم المتحدة إن المساعدات وصلت إلى غزة.", "a1"),
...                                   Document("a2", "اجتماع للأممالمتحدة في جنيف.", "a2"),
...                                   Document("a1-again", "قالت الأمم المتحدة إن المساعدات وصلت إلى غزة.", "x")])]
['stored', 'stored', 'duplicate']
>>> found = store.search("الامم المتحدة")
>>> found["total"], sorted(hit["doc_id"] for hit in found["results"])
(2, ['a1', 'a2'])
>>> {hit["doc_id"]: hit["snippet"] for hit in found["results"]}["a2"]
'اجتماع ل[لأمم المتحدة] في جنيف.'

Ingestion commits each article in its own transaction (WAL mode) and reports it as stored only after the
commit, so a run killed at any point loses nothing it reported and leaves no half-written article; a rerun
skips what is stored (by a hash of the raw text) and goes on.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import sqlite3
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from khabar.analyze import load
from khabar.batch import BadInput, Document, analyzed
from khabar.facts.lexicon import fold
from khabar.repair import repair
from khabar.schema import EVENT_COUNT_COLUMNS, event_count_totals
from khabar.text import dumps_json, without_surrogates

__all__ = ["IngestResult", "Store", "StoreError", "index_terms", "query_terms"]

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL,
    source TEXT,
    hash TEXT NOT NULL UNIQUE,
    title TEXT,
    published TEXT,
    topic TEXT,
    region TEXT,
    headline TEXT,
    original TEXT NOT NULL,
    text TEXT NOT NULL,
    analysis BLOB NOT NULL,
    terms TEXT NOT NULL,
    positions BLOB NOT NULL,
    added TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX IF NOT EXISTS articles_doc_id ON articles(doc_id);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE TABLE IF NOT EXISTS mentions (
    article INTEGER NOT NULL REFERENCES articles(id),
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    label TEXT,
    link TEXT,
    count INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_kind_key ON mentions(kind, key);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article);
CREATE TABLE IF NOT EXISTS failures (source TEXT PRIMARY KEY, doc_id TEXT, hash TEXT, error TEXT,
                                     added TEXT NOT NULL DEFAULT (datetime('now')));
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(terms, content='');
CREATE TABLE IF NOT EXISTS events (
    article INTEGER NOT NULL REFERENCES articles(id),
    type TEXT NOT NULL,
    place TEXT,
    place_key TEXT,
    link TEXT,
    lat REAL,
    lon REAL,
    country TEXT,
    precision TEXT,
    killed INTEGER NOT NULL DEFAULT 0,
    injured INTEGER NOT NULL DEFAULT 0,
    arrested INTEGER NOT NULL DEFAULT 0,
    displaced INTEGER NOT NULL DEFAULT 0,
    missing INTEGER NOT NULL DEFAULT 0,
    date TEXT,
    actor TEXT
);
CREATE INDEX IF NOT EXISTS events_article ON events(article);
CREATE INDEX IF NOT EXISTS events_place ON events(place_key);
"""
_INSERT_EVENT = f"INSERT INTO events VALUES ({', '.join('?' * 16)})"
_EVENT_COUNTS = EVENT_COUNT_COLUMNS

_WORD = re.compile(r"\w", re.U)
_FACET_KINDS = ("entity", "speaker", "place", "topic", "act", "event")
#: entity/speaker/place/topic facets count the best-ranked matches up to this many
FACET_LIMIT = 500


class StoreError(RuntimeError):
    """The database cannot be opened, is not a khabar corpus, is damaged, or cannot be written (read-only,
    disk full): the message is one line naming the file."""


def database_error(path: Path, error: sqlite3.Error, writing: bool) -> StoreError:
    """One line for what SQLite refused: damaged, read-only, full or not a corpus."""
    text = str(error)
    if isinstance(error, sqlite3.OperationalError):  # read-only, disk full, cannot open, locked
        what = "cannot write to" if writing else "cannot read"
        return StoreError(f"{path}: {what} the corpus database ({text})")
    if "malformed" in text or "corrupt" in text:
        return StoreError(f"{path}: the corpus database is damaged ({text}); restore it from a copy or ingest "
                          "again into a new file")
    return StoreError(f"{path}: not a khabar corpus database ({text})")


def _fold(text: str) -> str:
    return fold(text).lower()  # the facts lexicon's folding: diacritics off, أ إ آ ٱ → ا, ى → ي, ة → ه


def _term(norm: str) -> str | None:
    """The index form of one token's normalized form, or None for clitics and punctuation."""
    folded = _fold(norm)
    if not _WORD.search(folded) or (len(folded) == 1 and not folded.isdigit()):
        return None
    if folded.startswith("ال") and len(folded) > 4:
        folded = folded[2:]
    return folded


def index_terms(tokens: Iterable[dict[str, Any]]) -> tuple[list[str], list[tuple[int, int]]]:
    """Index terms of analyzed tokens (``to_dict(doc)["tokens"]``) and the character span of each.

    >>> from khabar.analyze import analyze, to_dict
    >>> index_terms(to_dict(analyze("وللأمم المتحدة"))["tokens"])[0]
    ['امم', 'متحده']
    """
    terms: list[str] = []
    spans: list[tuple[int, int]] = []
    for token in tokens:
        term = _term(token.get("norm") or token["text"])
        if term is None:
            continue
        for part in term.split():
            terms.append(part)
            spans.append((token["start"], token["end"]))
    return terms, spans


def query_terms(query: str) -> list[str]:
    """The index terms of a search query: repaired (``الأممالمتحدة`` → two words), split into tokens
    with their clitics, normalized and folded as the articles were.

    >>> query_terms("الأممالمتحدة"), query_terms("للامم  المتحدة"), query_terms("")
    (['امم', 'متحده'], ['امم', 'متحده'], [])
    """
    text = repair(query).text if query.strip() else ""
    doc = load().make_doc(text)
    return [term for t in doc if not t.is_space and (term := _term(t.norm_ or t.text)) is not None]


def _fts_query(terms: list[str]) -> str:
    # each term quoted: FTS5 syntax characters in user input are then plain text
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What happened to one input document: ``stored`` (with its article number), ``duplicate`` (the same
    raw text is stored already) or ``failed`` (with the error)."""

    doc_id: str
    source: str
    status: str
    article: int | None = None
    error: str | None = None


def _key(name: str) -> str:
    return " ".join(_fold(name).split())


def _mentions(analysis: dict[str, Any]) -> list[tuple[str, str, str, str | None, str | None, int]]:
    """(kind, key, display name, label, link id, count) rows for the facets of one article."""
    counts: dict[tuple[str, str], list[Any]] = {}

    def add(kind: str, name: str | None, label: str | None = None, link: str | None = None) -> None:
        if not name or not name.strip():
            return
        row = counts.setdefault((kind, _key(name)), [name.strip(), label, link, 0])
        row[3] += 1

    for entity in analysis.get("entities", []):
        if entity["label"] in ("PER", "ORG", "LOC", "MISC"):
            name = entity.get("canonical") or entity["text"]
            link = entity.get("link") or {}
            add("entity", name, entity["label"], link.get("id"))
            if entity["label"] == "LOC":
                add("place", name, "LOC", link.get("id"))
    for quote in analysis.get("quotes", []):  # labelled PER/ORG when the speaker is a named entity
        add("speaker", quote.get("speaker_name"), (quote.get("speaker_entity") or {}).get("label"))
        add("act", quote.get("act"))  # statement, demand, warning, condemnation …
    for event in analysis.get("events", []):
        add("event", event.get("type"))  # airstrike, shelling, explosion, arrest …
    topic = analysis.get("topic") or {}
    add("topic", topic.get("subject"))
    return [(kind, key, *row) for (kind, key), row in counts.items()]


def _event_rows(analysis: dict[str, Any]) -> list[tuple[Any, ...]]:
    """One row per event of one article for the events table: type, place (name, key, link id, lat, lon,
    country, precision), the counts summed by category (the low end of a range, the number when open-ended),
    the date value and the first actor."""
    rows = []
    for event in analysis.get("events", []):
        where = event.get("location") or {}
        link = where.get("link") or {}
        name = where.get("canonical") or where.get("text")
        totals = event_count_totals(event)
        actor = next((a.get("canonical") or a.get("text") for a in event.get("actors", []) if a.get("role") == "actor"),
                     None)
        rows.append((event.get("type"), name, link.get("id") or (_key(name) if name else None), link.get("id"),
                     link.get("lat"), link.get("lon"), link.get("country"), where.get("precision"),
                     *totals.values(), (event.get("date") or {}).get("value"), actor))
    return rows


class Store:
    """A khabar corpus database (created when missing). Safe to read while another process ingests."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        if readonly and not self.path.exists():
            raise StoreError(f"{self.path}: no such database (create it with khabar ingest)")
        try:
            uri = f"file:{self.path}?mode=ro" if readonly else str(self.path)
            self.db = sqlite3.connect(uri, uri=readonly, timeout=30, check_same_thread=False)
            self.db.execute("PRAGMA busy_timeout = 30000")
            if not readonly:
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")
                self.db.executescript(_SCHEMA)
                self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
                self.db.commit()
                self._fill_events()
            # a damaged file is found now (not after an hour of analysis, nor as a silently empty search); the
            # check reads the whole file once
            problems = [row[0] for row in self.db.execute("PRAGMA quick_check(3)")]
            if problems != ["ok"]:
                raise sqlite3.DatabaseError("database disk image is malformed: " + "; ".join(problems)[:200])
            self.db.execute("SELECT count(*) FROM articles").fetchone()
        except sqlite3.Error as error:
            with contextlib.suppress(sqlite3.Error, AttributeError):
                self.db.close()
            raise database_error(self.path, error, writing=not readonly) from None

    def _fill_events(self) -> None:
        """Fill the events table from the stored analyses once, for a database written before it existed (the
        types are then those of the khabar version that analyzed each article)."""
        if self.db.execute("SELECT 1 FROM meta WHERE key = 'events'").fetchone() is not None:
            return
        with self.db:
            for article, blob in self.db.execute("SELECT id, analysis FROM articles WHERE id NOT IN "
                                                 "(SELECT article FROM events)").fetchall():
                analysis = json.loads(zlib.decompress(blob))
                self.db.executemany(_INSERT_EVENT,
                                    [(article, *e) for e in _event_rows(analysis)])
            self.db.execute("INSERT OR IGNORE INTO meta VALUES ('events', '1')")

    def close(self) -> None:
        if not self.readonly:
            with contextlib.suppress(sqlite3.Error):  # fold the write-ahead log back into the database file
                self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ writing

    def has(self, text: str) -> bool:
        """Whether this raw text is stored already."""
        return self.db.execute("SELECT 1 FROM articles WHERE hash = ?", (_hash(text),)).fetchone() is not None

    def add(self, row: dict[str, Any], raw: str | None = None) -> IngestResult:
        """Store one :func:`khabar.batch.analyze_document` row (one transaction)."""
        doc_id, source = str(row.get("id")), str(row.get("source") or "")
        if not row.get("ok"):
            try:
                with self.db:
                    self.db.execute("INSERT OR REPLACE INTO failures (doc_id, source, hash, error) VALUES "
                                    "(?, ?, ?, ?)", (doc_id, source, _hash(raw) if raw is not None else None,
                                                     row.get("error")))
            except sqlite3.Error as error:
                raise database_error(self.path, error, writing=True) from None
            return IngestResult(doc_id, source, "failed", error=row.get("error"))
        analysis = dict(row["analysis"])
        original = analysis.pop("original")  # the digest is of the raw text; SQLite holds no lone surrogate:
        digest = _hash(original)
        original = without_surrogates(original)  # … it is stored marked with U+FFFD
        terms, spans = index_terms(analysis.pop("tokens"))
        positions = array("I", [n for span in spans for n in span]).tobytes()
        text = without_surrogates(analysis.pop("text"))
        meta = row.get("meta") or {}
        topic = analysis.get("topic") or {}
        headline = (analysis.get("headline") or {}).get("text")
        analysis["meta"] = meta
        try:
            with self.db:
                cursor = self.db.execute(
                    "INSERT INTO articles (doc_id, source, hash, title, published, topic, region, headline, "
                    "original, text, analysis, terms, positions) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (doc_id, source, digest, meta.get("title"), analysis.get("published"), topic.get("subject"),
                     topic.get("region"), headline, original, text,
                     zlib.compress(dumps_json(analysis).encode("utf-8")), " ".join(terms),
                     positions))
                article = cursor.lastrowid
                self.db.execute("INSERT INTO search (rowid, terms) VALUES (?, ?)", (article, " ".join(terms)))
                self.db.executemany("INSERT INTO mentions VALUES (?,?,?,?,?,?,?)",
                                    [(article, *m) for m in _mentions(analysis)])
                self.db.executemany(_INSERT_EVENT,
                                    [(article, *e) for e in _event_rows(analysis)])
        except sqlite3.IntegrityError:
            return IngestResult(doc_id, source, "duplicate")
        except sqlite3.Error as error:  # read-only, disk full, damaged: the transaction is rolled back whole
            raise StoreError(f"{database_error(self.path, error, writing=True)}; {doc_id} was not stored") from None
        return IngestResult(doc_id, source, "stored", article=article)

    def ingest(self, documents: Iterable[Document | BadInput], *, jobs: int = 1,
               on_result: Callable[[IngestResult], None] | None = None) -> Iterator[IngestResult]:
        """Analyze and store ``documents`` (``jobs`` processes analyze, this one writes). Texts stored
        already are not analyzed again. Yields one :class:`IngestResult` per document, after its commit.
        """
        seen: set[str] = set()

        def todo() -> Iterator[Document | BadInput]:
            for document in documents:
                if isinstance(document, Document):
                    digest = _hash(document.text)
                    if digest in seen or self.has(document.text):
                        result = IngestResult(document.id, document.source, "duplicate")
                        pending.append(result)
                        continue
                    seen.add(digest)
                yield document

        pending: list[IngestResult] = []

        def finish(result: IngestResult) -> IngestResult:
            if on_result is not None:
                on_result(result)
            return result

        with analyzed(todo(), jobs=jobs) as rows:
            for row in rows:
                while pending:
                    yield finish(pending.pop(0))
                yield finish(self.add(row))
            while pending:
                yield finish(pending.pop(0))

    # ------------------------------------------------------------ reading

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def _filters(self, entity: str | None, speaker: str | None, place: str | None, topic: str | None,
                 since: str | None, until: str | None, act: str | None = None,
                 event: str | None = None) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        args: list[Any] = []
        for kind, value in (("entity", entity), ("speaker", speaker), ("place", place), ("topic", topic),
                            ("act", act), ("event", event)):
            if value:
                key = _key(value)
                where.append("a.id IN (SELECT article FROM mentions WHERE kind = ? AND "
                             "(key = ? OR key LIKE ? OR key LIKE ? OR link = ?))")
                args += [kind, key, f"{key} %", f"% {key}", value]
        if since:
            where.append("a.published >= ?")
            args.append(since)
        if until:
            where.append("a.published <= ?")
            args.append(until + "\uffff")
        return where, args

    def _matching(self, query: str, entity: str | None, speaker: str | None, place: str | None,
                  topic: str | None, since: str | None, until: str | None, act: str | None,
                  event: str | None = None) -> tuple[list[str], str, list[Any], str]:
        """(query terms, ``FROM … WHERE …`` of the matching articles as ``a``, its arguments, ``ORDER BY``)."""
        query = without_surrogates(query)  # a lone surrogate (a non-UTF-8 argument) cannot reach SQLite
        entity, speaker, place, topic, act, event = (without_surrogates(v) if v else v
                                                     for v in (entity, speaker, place, topic, act, event))
        terms = query_terms(query) if query.strip() else []
        where, args = self._filters(entity, speaker, place, topic, since, until, act, event)
        if terms:
            base = "FROM search JOIN articles a ON a.id = search.rowid WHERE search MATCH ?"
            args = [_fts_query(terms), *args]
            order = "ORDER BY bm25(search), a.id"
        else:
            base = "FROM articles a WHERE 1"
            order = "ORDER BY a.published DESC, a.id DESC"
        if where:
            base += " AND " + " AND ".join(where)
        return terms, base, args, order

    def search(self, query: str = "", *, entity: str | None = None, speaker: str | None = None,
               place: str | None = None, topic: str | None = None, since: str | None = None,
               until: str | None = None, limit: int = 20, offset: int = 0, facets: bool = True,
               act: str | None = None, event: str | None = None) -> dict[str, Any]:
        """Articles matching ``query`` (all its words, in any form; ranked by BM25) and the filters, with a
        highlighted snippet each (``[`` ``]`` around matches; ``spans`` gives their offsets in ``text``),
        the total, and facet counts: months over all matches, entities, speakers, places, topics, the acts
        of the quotes (``act``: statement, demand, warning, condemnation …; also a filter) and the types of the
        events (``event``: airstrike, explosion, arrest …; also a filter) over the best-ranked
        :data:`FACET_LIMIT` matches (``facets_over`` says how many).
        """
        terms, base, args, order = self._matching(query, entity, speaker, place, topic, since, until, act, event)
        if query.strip() and not terms:
            return {"query": query, "terms": [], "total": 0, "results": [], "facets": self._empty_facets(),
                    "facets_over": 0}
        total = self.db.execute(f"SELECT count(*) {base}", args).fetchone()[0]
        rows = self.db.execute(
            f"SELECT a.id, a.doc_id, a.title, a.headline, a.published, a.topic, a.region, a.text, a.terms, "
            f"a.positions {base} {order} LIMIT ? OFFSET ?", [*args, max(0, limit), max(0, offset)]).fetchall()
        results = []
        for n, (article, doc_id, title, headline, published, subject, region, text, article_terms,
                positions) in enumerate(rows):
            snippet, spans = _snippet(text, article_terms, positions, terms)
            results.append({"id": article, "doc_id": doc_id, "title": title, "headline": headline,
                            "published": published, "topic": subject, "region": region, "rank": offset + n + 1,
                            "snippet": snippet, "spans": spans})
        out = {"query": query, "terms": terms, "total": total, "results": results}
        out["facets"] = self._facets(base, args, order) if facets else self._empty_facets()
        out["facets_over"] = min(total, FACET_LIMIT) if facets else 0
        return out

    @staticmethod
    def _empty_facets() -> dict[str, list[dict[str, Any]]]:
        return {kind: [] for kind in (*_FACET_KINDS, "month")}

    def _facets(self, base: str, args: list[Any], order: str, size: int = 10) -> dict[str, list[dict[str, Any]]]:
        # names are counted over the best-ranked FACET_LIMIT matches, looked up by article (a scan of every
        # mention of a kind took seconds on a 64k-article corpus); months are counted over all matches
        ids = [row[0] for row in self.db.execute(f"SELECT a.id {base} {order} LIMIT ?", [*args, FACET_LIMIT])]
        grouped: dict[str, list[tuple[int, str, str, str | None]]] = {kind: [] for kind in _FACET_KINDS}
        listed = ",".join(str(int(n)) for n in ids)  # integers from the database itself
        for kind, key, name, n, label in self.db.execute(  # one pass over the mentions of those articles
                "SELECT kind, key, min(name), count(DISTINCT article), max(label) FROM mentions "
                f"WHERE article IN ({listed}) GROUP BY kind, key"):
            grouped[kind].append((-n, key, name, label))
        out: dict[str, list[dict[str, Any]]] = {}
        for kind, rows in grouped.items():
            out[kind] = [{"value": name, "count": -n, **({"label": label} if kind == "entity" else {})}
                         for n, _key, name, label in sorted(rows)[:size]]
        rows = self.db.execute(
            f"SELECT substr(a.published, 1, 7) AS month, count(*) {base} AND a.published IS NOT NULL "
            f"GROUP BY month ORDER BY month", args).fetchall()
        out["month"] = [{"value": month, "count": n} for month, n in rows]
        return out

    def events(self, query: str = "", *, type: str | None = None, entity: str | None = None,
               speaker: str | None = None, place: str | None = None, topic: str | None = None,
               since: str | None = None, until: str | None = None, act: str | None = None,
               limit: int = 100) -> dict[str, Any]:
        """Where the events of the matching articles happened (the same query and filters as :meth:`search`;
        ``type`` keeps one event type): one row per place (by its gazetteer link, else its name) with its
        coordinates when linked, how many events and articles, the counts reported there summed by category
        (``killed``, ``injured``, ``arrested``, ``displaced``, ``missing``: sums of what articles report, so one
        incident told by several articles counts once per article) and the event types; most events first.
        Also the totals, the event types over all matches, and how many events have no place (``unplaced``).
        """
        terms, base, args, _order = self._matching(query, entity, speaker, place, topic, since, until, act)
        type = without_surrogates(type) if type else type
        empty = {"query": query, "terms": terms, "events": 0, "articles": 0, "unplaced": 0,
                 "totals": dict.fromkeys(_EVENT_COUNTS.values(), 0), "types": [], "places": []}
        if query.strip() and not terms:
            return empty
        cond = f"e.article IN (SELECT a.id {base})"
        if type:
            cond += " AND e.type = ?"
            args = [*args, type]
        sums = "sum(e.killed), sum(e.injured), sum(e.arrested), sum(e.displaced), sum(e.missing)"
        try:
            n, articles, unplaced, *totals = self.db.execute(
                f"SELECT count(*), count(DISTINCT e.article), sum(e.place_key IS NULL), {sums} FROM events e "
                f"WHERE {cond}", args).fetchone()
            types = self.db.execute(f"SELECT e.type, count(*) AS n FROM events e WHERE {cond} GROUP BY e.type "
                                    f"ORDER BY n DESC, e.type", args).fetchall()
            rows = self.db.execute(
                f"SELECT min(e.place), max(e.link), avg(e.lat), avg(e.lon), max(e.country), min(e.precision), "
                f"count(*) AS n, count(DISTINCT e.article), {sums}, group_concat(e.type, ' ') FROM events e "
                f"WHERE {cond} AND e.place_key IS NOT NULL GROUP BY e.place_key "
                f"ORDER BY n DESC, sum(e.killed) DESC, min(e.place) LIMIT ?", [*args, max(0, limit)]).fetchall()
        except sqlite3.OperationalError:  # a database written before events were stored, opened read-only
            return empty
        if not n:
            return empty
        places = []
        for name, link, lat, lon, country, precision, count, in_articles, *rest in rows:
            kinds: dict[str, int] = {}
            for kind in (rest[-1] or "").split():
                kinds[kind] = kinds.get(kind, 0) + 1
            places.append({"place": name, "link": link, "lat": lat, "lon": lon, "country": country,
                           "precision": precision, "events": count, "articles": in_articles,
                           **dict(zip(_EVENT_COUNTS.values(), rest[:5], strict=True)),
                           "types": dict(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))})
        return {"query": query, "terms": terms, "events": n, "articles": articles, "unplaced": unplaced or 0,
                "totals": dict(zip(_EVENT_COUNTS.values(), (t or 0 for t in totals), strict=True)),
                "types": [{"value": kind, "count": c} for kind, c in types], "places": places}

    def article(self, article: int) -> dict[str, Any] | None:
        """One stored article: raw and repaired text and its whole analysis (without tokens); None when there
        is no such article (also for an id no SQLite integer can hold)."""
        if not isinstance(article, int) or not 0 < article < 2**63:
            return None
        row = self.db.execute(
            "SELECT id, doc_id, source, title, published, topic, region, headline, original, text, analysis, added "
            "FROM articles WHERE id = ?", (article,)).fetchone()
        if row is None:
            return None
        keys = ("id", "doc_id", "source", "title", "published", "topic", "region", "headline", "original", "text")
        out = dict(zip(keys, row[:10]))
        out["analysis"] = json.loads(zlib.decompress(row[10]))
        out["added"] = row[11]
        return out

    def top(self, kind: str, *, label: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
        """The most frequent names of one kind (``entity``, ``speaker``, ``place``, ``topic``): the number of
        articles and of mentions (for speakers: quotes) each."""
        if kind not in _FACET_KINDS:
            raise ValueError(f"kind must be one of {', '.join(_FACET_KINDS)}")
        where, args = "kind = ?", [kind]
        if label:
            where += " AND label = ?"
            args.append(label)
        rows = self.db.execute(
            f"SELECT key, min(name), max(label), max(link), count(DISTINCT article) AS n, sum(count) FROM mentions "
            f"WHERE {where} GROUP BY key ORDER BY n DESC, key LIMIT ?", [*args, limit]).fetchall()
        return [{"name": name, "label": lab, "link": link, "articles": n, "mentions": total}
                for _k, name, lab, link, n, total in rows]

    def stats(self) -> dict[str, Any]:
        """Counts of articles, failures, and the database size in bytes."""
        articles = self.count()
        failures = self.db.execute("SELECT count(*) FROM failures").fetchone()[0]
        size = sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*") if p.is_file())
        return {"articles": articles, "failures": failures, "bytes": size}

    def check(self) -> bool:
        """SQLite's integrity check and the search index agree with the articles."""
        ok = self.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        indexed = self.db.execute("SELECT count(*) FROM search").fetchone()[0]
        return ok and indexed == self.count()


def _snippet(text: str, terms_text: str, positions: bytes, query: list[str], width: int = 200
             ) -> tuple[str, list[tuple[int, int]]]:
    """A window of ``text`` around the densest run of query terms, matches in ``[`` ``]``, and the
    matches' spans in ``text``."""
    if not query:
        cut = text[:width]
        return cut + ("…" if len(text) > width else ""), []
    spans_flat = array("I")
    spans_flat.frombytes(positions)
    wanted = set(query)
    hits = [(spans_flat[2 * n], spans_flat[2 * n + 1]) for n, term in enumerate(terms_text.split())
            if term in wanted]
    if not hits:
        return text[:width], []
    best = max(range(len(hits)), key=lambda i: sum(1 for s, _ in hits[i:] if s - hits[i][0] < width))
    start = max(0, hits[best][0] - width // 4)
    start = text.rfind(" ", 0, start) + 1 if start > 0 else 0
    end = min(len(text), start + width)
    if end < len(text):
        end = max(text.find(" ", end) if text.find(" ", end) != -1 else len(text), end)
    merged: list[list[int]] = []
    for s, e in hits:
        if start <= s and e <= end:
            if merged and text[merged[-1][1]:s].strip() == "":
                merged[-1][1] = e
            else:
                merged.append([s, e])
    out, cursor = [], start
    for s, e in merged:
        out += [text[cursor:s], "[", text[s:e], "]"]
        cursor = e
    out.append(text[cursor:end])
    snippet = ("…" if start > 0 else "") + "".join(out) + ("…" if end < len(text) else "")
    return snippet, [(s, e) for s, e in merged]
