"""A news warehouse in Parquet: flat tables of analyzed articles that Spark SQL, DuckDB or pandas query directly.

Six tables, each a folder of Parquet files partitioned Hive-style by publication month and outlet
(``articles/month=2018-07/outlet=bbc/khabar-….parquet``; ``unknown`` when a record gives no date or outlet):

- ``articles``: one row per document (also the failed ones, ``ok`` false with their ``error``), its record's
  fields (title, url, outlet, published), topic, region, headline, counts, the repaired and the raw text, and
  the whole analysis as JSON (``analysis``: what :func:`khabar.analyze.to_dict` gives, less ``text`` and
  ``original``), so ``khabar ingest WAREHOUSE`` stores the articles without analyzing them again;
- ``entities``, ``quotes``, ``facts``, ``events``, ``edits``: one row per item, keyed by ``article_id`` (the
  article's ``id``) and ``index`` (its position in the article's list).

The columns are :data:`TABLES` (documented in ``docs/warehouse.md``); :func:`flatten` turns one batch row
(:func:`khabar.batch.analyze_document`) into the rows of every table, for the local writer here and for the
Spark engine (:mod:`khabar.spark`) alike. Needs ``pyarrow`` (``pip install 'khabar[parquet]'``).

Writes are committed in batches: a batch's files get a name with its token (``khabar-<token>-<n>.parquet``,
written under a dot-name and renamed), and ``_commits/<token>`` is written once all its files are in place.
:func:`done_ids` (called before a rerun) deletes the files of batches that never committed, so a killed run
leaves neither a missing nor a duplicated article once it is resumed.

>>> import tempfile, pathlib
>>> from khabar.batch import BadInput, Document, analyze_document
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> with Writer(root) as out:
...     out.write(analyze_document(Document("a1", "قال وزير الصحة في بيروت إن 3 أشخاص قتلوا.", "a1",
...                                         {"date": "2020-08-05", "outlet": "demo"})))
...     out.write(analyze_document(BadInput("x.bin", "binary data")))
>>> sorted(done_ids(root))
['a1', 'x.bin']
>>> import pyarrow.dataset as ds
>>> ds.dataset(root / "entities", partitioning="hive").to_table(columns=["text", "label", "month"]).to_pylist()[0]
{'text': 'بيروت', 'label': 'LOC', 'month': '2020-08'}
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import time
import urllib.parse
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from khabar.schema import EVENT_COUNT_COLUMNS, event_count_totals
from khabar.text import LONE_SURROGATE, dumps_json, without_surrogates

__all__ = ["PARTITIONS", "TABLES", "WarehouseError", "Writer", "done_ids", "flatten", "is_warehouse", "iter_rows",
           "partition_of", "table_schema"]

#: the partition columns of every table, outermost first
PARTITIONS = ("month", "outlet")
#: the value of a partition column a record does not give
UNKNOWN = "unknown"

_S, _I, _F, _B, _LS = "string", "int64", "double", "bool", "list<string>"
#: every table's columns and their types (the partition columns are in the path, not in the files)
TABLES: dict[str, list[tuple[str, str]]] = {
    "articles": [("id", _S), ("source", _S), ("ok", _B), ("error", _S), ("warnings", _LS), ("title", _S),
                 ("url", _S), ("published", _S), ("schema_version", _S), ("topic", _S), ("topic_probability", _F),
                 ("region", _S), ("headline", _S), ("chars", _I), ("edits", _I), ("entities", _I), ("quotes", _I),
                 ("facts", _I), ("events", _I), ("text", _S), ("original", _S), ("meta", _S), ("analysis", _S)],
    "entities": [("article_id", _S), ("index", _I), ("start", _I), ("end", _I), ("text", _S), ("label", _S),
                 ("canonical", _S), ("link_id", _S), ("link_kind", _S), ("link_type", _S), ("name_en", _S),
                 ("country", _S), ("lat", _F), ("lon", _F)],
    "quotes": [("article_id", _S), ("index", _I), ("type", _S), ("act", _S), ("content_start", _I),
               ("content_end", _I), ("content", _S), ("cue", _S), ("speaker", _S), ("speaker_name", _S),
               ("speaker_entity", _I), ("speaker_label", _S), ("speaker_link_id", _S)],
    "facts": [("article_id", _S), ("index", _I), ("start", _I), ("end", _I), ("surface", _S), ("low", _F),
              ("high", _F), ("approximate", _B), ("unit", _S), ("event", _S), ("currency", _S)],
    "events": [("article_id", _S), ("index", _I), ("type", _S), ("trigger", _S), ("killed", _I), ("injured", _I),
               ("arrested", _I), ("displaced", _I), ("missing", _I), ("actor", _S), ("target", _S), ("place", _S),
               ("place_canonical", _S), ("place_link_id", _S), ("lat", _F), ("lon", _F), ("country", _S),
               ("place_precision", _S), ("place_source", _S), ("date_text", _S), ("date", _S),
               ("date_precision", _S), ("sentence_start", _I), ("sentence_end", _I)],
    "edits": [("article_id", _S), ("index", _I), ("start", _I), ("end", _I), ("before", _S), ("after", _S),
              ("kind", _S), ("confidence", _F), ("reason", _S), ("repaired_start", _I), ("repaired_end", _I)],
}
_EVENT_COUNTS = EVENT_COUNT_COLUMNS
_SAFE = re.compile(r"[^\w.-]", re.ASCII)


def table_schema(name: str, *, partitions: bool = False) -> Any:
    """The Arrow schema of table ``name`` (``partitions`` adds ``month`` and ``outlet`` at the end)."""
    import pyarrow as pa

    types = {_S: pa.string(), _I: pa.int64(), _F: pa.float64(), _B: pa.bool_(), _LS: pa.list_(pa.string())}
    columns = [*TABLES[name], *((p, _S) for p in PARTITIONS if partitions)]
    return pa.schema([pa.field(column, types[kind], nullable=column not in ("id", "article_id", "ok"))
                      for column, kind in columns])


def partition_of(row: dict[str, Any]) -> tuple[str, str]:
    """``(month, outlet)`` of a batch row: the month of the analysis's publication date (or of the record's
    date field), and the record's ``outlet`` or ``source`` field; ``unknown`` for what is not given.

    >>> partition_of({"meta": {"date": "2018-07-15", "outlet": "bbc"}}), partition_of({"id": "x"})
    (('2018-07', 'bbc'), ('unknown', 'unknown'))
    """
    meta = row.get("meta") or {}
    published = (row.get("analysis") or {}).get("published")
    if not published:
        from khabar.batch import parse_date  # lazy: a bad input row has no analysis, only the record's fields

        raw = next((meta[k] for k in ("published", "date", "date_extracted", "time") if isinstance(meta.get(k), str)),
                   None)
        published = parse_date(raw) if raw else None
    outlet = meta.get("outlet") or meta.get("source")
    return (published[:7] if published else UNKNOWN, str(outlet).strip() if outlet and str(outlet).strip() else UNKNOWN)


def _text(span: dict[str, Any] | None) -> str | None:
    return span.get("text") if span else None


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def flatten(row: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table for one batch row (:func:`khabar.batch.analyze_document`), partition columns
    left out (see :func:`partition_of`).

    >>> from khabar.batch import Document, analyze_document
    >>> tables = flatten(analyze_document(Document("d", "قال الوزير إن 5 أشخاص قتلوا في بيروت.", "d")))
    >>> [(n, len(r)) for n, r in tables.items()]
    [('articles', 1), ('entities', 1), ('quotes', 1), ('facts', 1), ('events', 1), ('edits', 0)]
    >>> tables["events"][0]["killed"], tables["events"][0]["place"]
    (5, 'بيروت')
    """
    ident = str(row.get("id"))
    meta = row.get("meta") or {}
    analysis = dict(row.get("analysis") or {})
    text = analysis.pop("text", None)
    original = analysis.pop("original", None)
    topic = analysis.get("topic") or {}
    article = {
        "id": ident, "source": row.get("source"), "ok": bool(row.get("ok")), "error": row.get("error"),
        "warnings": list(row.get("warnings") or []), "title": _str(meta.get("title")), "url": _str(meta.get("url")),
        "published": analysis.get("published"), "schema_version": analysis.get("schema_version"),
        "topic": topic.get("subject"), "topic_probability": topic.get("probability"), "region": topic.get("region"),
        "headline": (analysis.get("headline") or {}).get("text"), "chars": len(text) if text is not None else None,
        **{name: len(analysis[name]) if name in analysis else None
           for name in ("edits", "entities", "quotes", "facts", "events")},
        "text": text, "original": original, "meta": dumps_json(meta), "analysis": None,
    }
    if row.get("ok"):
        for name in ("text", "original"):  # Parquet strings are UTF-8: a lone surrogate is kept exactly in the JSON
            if article[name] is not None and LONE_SURROGATE.search(article[name]):
                analysis[name] = article[name]
                article[name] = without_surrogates(article[name])
        article["analysis"] = dumps_json(analysis)
    out: dict[str, list[dict[str, Any]]] = {"articles": [article]}
    out["entities"] = [{
        "article_id": ident, "index": n, "start": e["start"], "end": e["end"], "text": e["text"],
        "label": e["label"], "canonical": e.get("canonical"), **_link(e.get("link")),
    } for n, e in enumerate(analysis.get("entities", []))]
    out["quotes"] = [{
        "article_id": ident, "index": n, "type": q["type"], "act": q.get("act"),
        "content_start": q["content"]["start"], "content_end": q["content"]["end"], "content": q["content"]["text"],
        "cue": _text(q.get("cue")), "speaker": _text(q.get("speaker")), "speaker_name": q.get("speaker_name"),
        "speaker_entity": (q.get("speaker_entity") or {}).get("index"),
        "speaker_label": (q.get("speaker_entity") or {}).get("label"),
        "speaker_link_id": ((q.get("speaker_entity") or {}).get("link") or {}).get("id"),
    } for n, q in enumerate(analysis.get("quotes", []))]
    out["facts"] = [{
        "article_id": ident, "index": n, "start": f["start"], "end": f["end"], "surface": f["surface"],
        "low": _number(f.get("low")), "high": _number(f.get("high")), "approximate": f.get("approximate"),
        "unit": _text(f.get("unit")), "event": f.get("event"), "currency": f.get("currency"),
    } for n, f in enumerate(analysis.get("facts", []))]
    out["events"] = [_event(ident, n, e) for n, e in enumerate(analysis.get("events", []))]
    out["edits"] = [{"article_id": ident, "index": n, **{k: e.get(k) for k, _ in TABLES["edits"][2:]}}
                    for n, e in enumerate(analysis.get("edits", []))]
    if original is not None and LONE_SURROGATE.search(original):  # only the raw text's pieces can hold one
        for rows in out.values():
            for item in rows:
                for key, value in item.items():
                    if isinstance(value, str) and key != "analysis":
                        item[key] = without_surrogates(value)
    return out


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _link(link: dict[str, Any] | None) -> dict[str, Any]:
    link = link or {}
    return {"link_id": link.get("id"), "link_kind": link.get("kind"), "link_type": link.get("type"),
            "name_en": link.get("name_en"), "country": link.get("country") or None,
            "lat": _number(link.get("lat")), "lon": _number(link.get("lon"))}


def _event(ident: str, n: int, event: dict[str, Any]) -> dict[str, Any]:
    totals = event_count_totals(event)
    where = event.get("location") or {}
    link = where.get("link") or {}
    date = event.get("date") or {}
    sentence = event.get("sentence") or {}

    def role(name: str) -> str | None:
        return next((a.get("canonical") or a.get("text") for a in event.get("actors", []) if a.get("role") == name),
                    None)

    return {"article_id": ident, "index": n, "type": event.get("type"), "trigger": _text(event.get("trigger")),
            **totals, "actor": role("actor"), "target": role("target"), "place": where.get("text"),
            "place_canonical": where.get("canonical"), "place_link_id": link.get("id"),
            "lat": _number(link.get("lat")), "lon": _number(link.get("lon")), "country": link.get("country") or None,
            "place_precision": where.get("precision"), "place_source": where.get("source"),
            "date_text": date.get("text"), "date": date.get("value"), "date_precision": date.get("precision"),
            "sentence_start": sentence.get("start"), "sentence_end": sentence.get("end")}


def _segment(value: str) -> str:
    """A partition value as a path segment (Hive style: unsafe characters %-escaped)."""
    return urllib.parse.quote(value, safe="") if _SAFE.search(value) else value


def new_token() -> str:
    """A batch token: sortable by time, unique across processes and machines."""
    return f"{time.time_ns():x}-{secrets.token_hex(4)}"


def commit(root: Path, token: str) -> None:
    """Mark batch ``token`` as complete (after all its files are in place)."""
    folder = root / "_commits"
    folder.mkdir(parents=True, exist_ok=True)
    temp = folder / f".{token}.tmp"
    temp.write_text(token + "\n", encoding="utf-8")
    os.replace(temp, folder / token)


def write_tables(rows: Iterable[dict[str, Any]], root: str | Path, stem: str) -> list[Path]:
    """Write the rows of every table for batch ``rows`` under ``root`` (``TABLE/month=…/outlet=…/STEM-N.parquet``,
    each file written under a dot-name and renamed; the articles last); the files written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    root = Path(root)
    groups: dict[tuple[str, str], dict[str, list[dict[str, Any]]]] = {}
    for row in rows:
        tables = groups.setdefault(partition_of(row), {name: [] for name in TABLES})
        for name, items in flatten(row).items():
            tables[name].extend(items)
    written = []
    for name in (*(n for n in TABLES if n != "articles"), "articles"):  # the articles last
        for number, ((month, outlet), tables) in enumerate(sorted(groups.items())):
            if not tables[name]:
                continue
            folder = root / name / f"month={_segment(month)}" / f"outlet={_segment(outlet)}"
            folder.mkdir(parents=True, exist_ok=True)
            temp = folder / f".{stem}-{number}.parquet.tmp"
            pq.write_table(pa.Table.from_pylist(tables[name], schema=table_schema(name)), temp, compression="zstd")
            os.replace(temp, folder / f"{stem}-{number}.parquet")
            written.append(folder / f"{stem}-{number}.parquet")
    return written


def storable(row: dict[str, Any]) -> dict[str, Any]:
    """``row``, or an ``ok=false`` row in its place when its tables cannot be written (so one document never
    spoils a file of many)."""
    import pyarrow as pa

    try:
        for name, items in flatten(row).items():
            pa.Table.from_pylist(items, schema=table_schema(name))
        return row
    except Exception as error:  # whatever it is, the article is reported, not the run stopped
        return {"id": row.get("id"), "source": row.get("source"), "meta": row.get("meta") or {}, "ok": False,
                "error": f"output not storable: {type(error).__name__}: {error}"}


class Writer:
    """Appends batch rows to the warehouse at ``root``, committing every ``batch`` rows (and at close)."""

    def __init__(self, root: str | Path, *, batch: int = 500) -> None:
        import pyarrow  # noqa: F401  (fail now, not after the first batch was analyzed)

        self.root = Path(root)
        self.batch = batch
        self.pending: list[dict[str, Any]] = []
        self.rows = 0
        try:  # a folder that cannot be written fails now, not after the first batch was analyzed
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise WarehouseError(f"the warehouse {self.root} cannot be written: {error.strerror or error}") from error

    def write(self, row: dict[str, Any]) -> None:
        self.pending.append(storable(row))
        if len(self.pending) >= self.batch:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        token = new_token()
        write_tables(self.pending, self.root, f"khabar-{token}")
        commit(self.root, token)
        self.rows += len(self.pending)
        self.pending = []

    def close(self) -> None:
        self.flush()

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_FILE = re.compile(r"^khabar-([0-9a-f]+-[0-9a-f]+)-\d+\.parquet$")


def is_warehouse(path: str | Path) -> bool:
    """Whether ``path`` is a khabar warehouse folder (it holds ``articles/`` or ``_commits/``)."""
    path = Path(path)
    return path.is_dir() and ((path / "articles").is_dir() or (path / "_commits").is_dir())


def _clean(root: Path) -> None:
    """Delete what a killed run left: temporary files and the files of batches that never committed."""
    committed = {p.name for p in (root / "_commits").glob("*")} if (root / "_commits").is_dir() else set()
    for name in TABLES:
        if not (root / name).is_dir():
            continue
        for path in (root / name).rglob("*"):
            if not path.is_file():
                continue
            found = _FILE.match(path.name)
            if (path.name.startswith(".khabar-") and path.name.endswith(".tmp")) or (
                    found and found.group(1) not in committed):
                path.unlink()


class WarehouseError(RuntimeError):
    """A warehouse folder that cannot be read (a damaged or foreign Parquet file) or written."""


@contextlib.contextmanager
def _reading(root: Path) -> Iterator[None]:
    """Turn pyarrow's and the file system's errors while reading ``root`` into one :class:`WarehouseError`."""
    import pyarrow as pa

    try:
        yield
    except (pa.ArrowException, OSError) as error:
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise WarehouseError(f"the warehouse {root} cannot be read: {first}") from error


def done_ids(root: str | Path) -> set[str]:
    """The ids of the articles in the warehouse at ``root`` (after deleting what a killed run left)."""
    import pyarrow.dataset as ds

    root = Path(root)
    if not (root / "articles").is_dir():
        return set()
    with _reading(root):
        _clean(root)
        table = ds.dataset(root / "articles", format="parquet", partitioning="hive").to_table(columns=["id"])
    return set(table.column("id").to_pylist())


def iter_rows(root: str | Path, *, batch_size: int = 64) -> Iterator[dict[str, Any]]:
    """The batch rows (:func:`khabar.batch.analyze_document`'s shape) stored in the warehouse at ``root``:
    ``id``, ``source``, ``meta``, ``ok`` and ``analysis`` (with ``text`` and ``original`` put back) or ``error``."""
    import pyarrow.dataset as ds

    root = Path(root)
    if not (root / "articles").is_dir():
        return
    columns = ["id", "source", "ok", "error", "warnings", "text", "original", "meta", "analysis"]
    with _reading(root):
        dataset = ds.dataset(root / "articles", format="parquet", partitioning="hive")
        for record_batch in dataset.to_batches(columns=columns, batch_size=batch_size):
            for item in record_batch.to_pylist():
                yield _row(item)


def _row(item: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {"id": item["id"], "source": item["source"], "meta": json.loads(item["meta"] or "{}"),
                           "ok": bool(item["ok"])}
    if not item["ok"]:
        row["error"] = item["error"]
        return row
    analysis = json.loads(item["analysis"])
    row["warnings"] = list(item["warnings"] or [])
    text, original = analysis.pop("text", item["text"]), analysis.pop("original", item["original"])
    row["analysis"] = {"schema_version": analysis.pop("schema_version", None), "text": text, "original": original,
                       **analysis}
    return row


def write_rows(rows: Iterable[dict[str, Any]], root: str | Path, *, batch: int = 500) -> int:
    """Write batch rows to the warehouse at ``root``; the number written."""
    with Writer(root, batch=batch) as out:
        for row in rows:
            out.write(row)
    return out.rows
