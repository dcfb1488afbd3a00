"""Batch analysis: read many documents from files, folders, JSONL, CSV and zip archives; analyze them in
several processes; write one JSON line per document, resumably.

Inputs are read by :func:`iter_documents`, which yields a :class:`Document` for each text it can read and a
:class:`BadInput` (with the reason) for each file, line or row it cannot — so one bad document never stops
a run:

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("زار الوزير بيروت.", encoding="utf-8")
>>> _ = (folder / "feed.jsonl").write_text('{"id": "n1", "text": "خبر أول"}\\nnot json\\n', encoding="utf-8")
>>> [(type(d).__name__, d.id if isinstance(d, Document) else d.reason[:8])
...  for d in iter_documents([str(folder)])]
[('Document', 'a.txt'), ('Document', 'n1'), ('BadInput', 'bad JSON')]

:func:`run` analyzes what :func:`iter_documents` yields and appends results to a JSONL file; a rerun skips
the ids already in it (a line cut short by a killed run is dropped first), so a stopped run picks up where
it left off.
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import sys
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from khabar.dates import parse_date as read_date
from khabar.text import dumps_json
from khabar.textio import MAX_BYTES, DecodeError, decode_bytes

__all__ = [
    "INPUT_SUFFIXES",
    "MAX_DOC_CHARS",
    "BadInput",
    "Document",
    "analyze_document",
    "analyzed",
    "arrow_row",
    "done_ids",
    "iter_documents",
    "parse_date",
    "run",
    "to_parquet",
]

#: the suffixes read inside folders and zip archives (any other file named on the command line is read as text)
INPUT_SUFFIXES = (".txt", ".jsonl", ".ndjson", ".csv", ".tsv", ".zip")
#: record fields that give a document's publication date (first present wins)
DATE_FIELDS = ("published", "date", "date_extracted", "time")
#: record fields kept in ``meta`` next to the analysis
META_FIELDS = ("title", "url", "source", "author", "category", "outlet", *DATE_FIELDS)


@dataclass(frozen=True, slots=True)
class Document:
    """One text to analyze: a stable ``id``, where it came from (``source``), and fields such as the title."""

    id: str
    text: str
    source: str
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def published(self) -> str | None:
        """The first date field of the record, as written (checked when analyzed)."""
        for name in DATE_FIELDS:
            value = self.meta.get(name)
            if isinstance(value, str) and value.strip():
                return value.strip()
        return None


@dataclass(frozen=True, slots=True)
class BadInput:
    """A file, line or row that could not be read as a document, and why."""

    source: str
    reason: str

    @property
    def id(self) -> str:
        return self.source


def _records_from_text(text: str, source: str, name: str, text_field: str, id_field: str
                       ) -> Iterator[Document | BadInput]:
    suffix = Path(name).suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                yield _from_record(line, f"{source}:{number}", text_field, id_field)
    elif suffix in (".csv", ".tsv"):
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
        try:
            reader = csv.DictReader(io.StringIO(text, newline=""), delimiter="\t" if suffix == ".tsv" else ",")
            for number, row in enumerate(reader, 2):
                yield _from_mapping(row, f"{source}:{number}", text_field, id_field)
        except csv.Error as error:
            yield BadInput(source, f"bad CSV: {error}")
    else:
        yield Document(id=source, text=text, source=source)


def _from_record(line: str, where: str, text_field: str, id_field: str) -> Document | BadInput:
    try:
        record = json.loads(line)
    except ValueError as error:
        return BadInput(where, f"bad JSON: {error}")
    if not isinstance(record, dict):
        return BadInput(where, "bad JSON: a line must hold an object")
    return _from_mapping(record, where, text_field, id_field)


def _from_mapping(record: dict[str, Any], where: str, text_field: str, id_field: str) -> Document | BadInput:
    body = record.get(text_field)
    if not isinstance(body, str):
        return BadInput(where, f"no text in field {text_field!r}")
    ident = record.get(id_field)
    meta = {key: record[key] for key in META_FIELDS if record.get(key) not in (None, "")}
    return Document(id=str(ident) if ident not in (None, "") else where, text=body, source=where, meta=meta)


def _records_from_bytes(data: bytes, source: str, name: str, text_field: str, id_field: str
                        ) -> Iterator[Document | BadInput]:
    if len(data) > MAX_BYTES:
        yield BadInput(source, f"larger than {MAX_BYTES // (1024 * 1024)} MB")
        return
    try:
        text = decode_bytes(data)[0]
    except DecodeError as error:
        yield BadInput(source, str(error))
        return
    yield from _records_from_text(text, source, name, text_field, id_field)


def _iter_zip(path: Path, name: str, text_field: str, id_field: str) -> Iterator[Document | BadInput]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        yield BadInput(name, f"not a readable zip archive: {error}")
        return
    with archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            suffix = Path(info.filename).suffix.lower()
            if info.is_dir() or suffix not in INPUT_SUFFIXES or suffix == ".zip":
                continue
            source = f"{name}!{info.filename}"
            if info.file_size > MAX_BYTES:  # a zip bomb or a huge dump is refused before it is inflated
                yield BadInput(source, f"larger than {MAX_BYTES // (1024 * 1024)} MB")
                continue
            try:
                data = archive.read(info)
            except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as error:
                yield BadInput(source, f"cannot read from the archive: {error}")
                continue
            yield from _records_from_bytes(data, source, info.filename, text_field, id_field)


def _files(paths: Iterable[str | Path]) -> Iterator[tuple[Path, str] | BadInput]:
    """Each file to read with the name that stands for it in ids (relative to the folder named)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                if found.is_file() and found.suffix.lower() in INPUT_SUFFIXES:
                    yield found, found.relative_to(path).as_posix()
        elif path.is_file():
            yield path, str(raw)
        else:
            yield BadInput(str(path), "no such file or folder")


def iter_documents(paths: Iterable[str | Path], *, text_field: str = "text", id_field: str = "id"
                   ) -> Iterator[Document | BadInput]:
    """Every document under ``paths``: text files (one document each; inside folders ``*.txt``), JSONL and
    CSV/TSV files (one per line or row; the text in ``text_field``, the id in ``id_field`` or else
    ``file:line``), and zip archives holding any of these. Ids of plain files are their path relative to the
    folder named (or the path as given).

    >>> import tempfile, pathlib, zipfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with zipfile.ZipFile(folder / "feed.zip", "w") as z:
    ...     z.writestr("news.csv", "id,body\\nx1,خبر عاجل\\nx2,\\n")
    >>> [(d.id, getattr(d, "text", d.reason if isinstance(d, BadInput) else "")) for d in
    ...  iter_documents([folder / "feed.zip"], text_field="body")]
    [('x1', 'خبر عاجل'), ('x2', '')]
    """
    for entry in _files(paths):
        if isinstance(entry, BadInput):
            yield entry
            continue
        item, name = entry
        if item.suffix.lower() == ".zip":
            yield from _iter_zip(item, name, text_field, id_field)
            continue
        try:
            if item.stat().st_size > MAX_BYTES:  # refused before reading it into memory
                yield BadInput(name, f"larger than {MAX_BYTES // (1024 * 1024)} MB")
                continue
            data = item.read_bytes()
        except OSError as error:
            yield BadInput(name, f"cannot read: {error.strerror or error}")
            continue
        yield from _records_from_bytes(data, name, item.name, text_field, id_field)


# ---------------------------------------------------------------- analysis

def parse_date(value: str) -> str | None:
    """A record's date as ``YYYY-MM-DD`` (see :func:`khabar.dates.parse_date`); None when khabar cannot read it.

    >>> parse_date("Sun, 15 Jul 2018 21:56:56 +0400"), parse_date("01/07/2016"), parse_date("أمس")
    ('2018-07-15', '2016-07-01', None)
    """
    day = read_date(value)
    return day.isoformat() if day is not None else None


#: the longest document a batch or ``khabar ingest`` analyzes: each is analyzed and written (or stored) whole,
#: in memory that grows with it (gigabytes for 20 MB); beyond, the document's row is an error naming the limit
#: (``khabar analyze FILE --json`` streams a text of any size in bounded memory)
MAX_DOC_CHARS = 2_000_000


def analyze_document(document: Document | BadInput, disable: Iterable[str] = ()) -> dict[str, Any]:
    """The output line of one document: ``id``, ``source``, ``meta``, ``ok`` and either ``analysis``
    (:func:`khabar.analyze.to_dict`; ``disable`` leaves stages out) or ``error`` (one line: what went wrong).
    Never raises for bad input. A document over :data:`MAX_DOC_CHARS` characters is an error, not analyzed.

    >>> row = analyze_document(Document("d1", "زار الوزير بيروت.", "d1", {"date": "yesterday"}))
    >>> row["ok"], row["analysis"]["entities"][0]["text"], row["warnings"]
    (True, 'بيروت', ["ignored date 'yesterday': not a date khabar reads"])
    >>> analyze_document(BadInput("x.bin", "binary data"))["error"]
    'binary data'
    """
    if isinstance(document, BadInput):
        return {"id": document.id, "source": document.source, "ok": False, "error": document.reason}
    if len(document.text) > MAX_DOC_CHARS:
        return {"id": document.id, "source": document.source, "meta": document.meta, "ok": False,
                "error": f"{len(document.text):,} characters is more than one document may have in a batch or "
                         f"ingest ({MAX_DOC_CHARS:,}): split it, or use khabar analyze FILE --json, which streams "
                         "any size"}
    from khabar.analyze import analyze, to_dict  # lazy: reading documents needs no spaCy

    row: dict[str, Any] = {"id": document.id, "source": document.source, "meta": document.meta}
    warnings: list[str] = []
    published = document.published
    if published is not None:
        day = parse_date(published)
        if day is None:
            warnings.append(f"ignored date {published!r}: not a date khabar reads")
        published = day
    try:
        analysis = to_dict(analyze(document.text, published=published, disable=disable))
    except Exception as error:  # one bad document must not stop a batch
        return {**row, "ok": False, "error": f"{type(error).__name__}: {error}"}
    return {**row, "ok": True, "warnings": warnings, "analysis": analysis}


def done_ids(output: Path) -> set[str]:
    """The ids already written to ``output`` by an earlier run. A last line cut short by a killed run is
    removed from the file first, so that the document is analyzed again.
    """
    if not output.exists():
        return set()
    with output.open("rb+") as handle:
        data = handle.read()
        end = data.rfind(b"\n") + 1
        if end < len(data):  # a partial last line: drop it
            handle.truncate(end)
    ids: set[str] = set()
    for line in data[:end].splitlines():
        try:
            ids.add(str(json.loads(line)["id"]))
        except (ValueError, KeyError, TypeError):
            continue
    return ids


def _init_worker() -> None:
    from khabar.analyze import load  # lazy: spaCy loads only in the processes that analyze

    load()


def run(documents: Iterable[Document | BadInput], out: TextIO, *, jobs: int = 1, skip: set[str] | None = None,
        on_result: Callable[[dict[str, Any]], None] | None = None, disable: Iterable[str] = ()) -> dict[str, int]:
    """Analyze ``documents`` with ``jobs`` processes and write one JSON line each to ``out`` (flushed per
    line, in input order); ids in ``skip`` are passed over; ``disable`` leaves stages out. Returns counts:
    ``ok``, ``failed``, ``skipped``.
    """
    skip = skip or set()
    counts = {"ok": 0, "failed": 0, "skipped": 0}

    def todo() -> Iterator[Document | BadInput]:
        for document in documents:
            if document.id in skip:
                counts["skipped"] += 1
                continue
            yield document

    def write(row: dict[str, Any]) -> None:
        out.write(dumps_json(row) + "\n")
        out.flush()
        counts["ok" if row["ok"] else "failed"] += 1
        if on_result is not None:
            on_result(row)

    with analyzed(todo(), jobs=jobs, disable=disable) as rows:
        for row in rows:
            write(row)
    return counts


@contextmanager
def analyzed(documents: Iterable[Document | BadInput], *, jobs: int = 1,
             disable: Iterable[str] = ()) -> Iterator[Iterator[dict[str, Any]]]:
    """The rows of :func:`analyze_document` for ``documents``, in input order, analyzed by ``jobs`` processes
    (each loads the pipeline once); the one process runner of batch runs and ``khabar ingest``. The
    processes are stopped when the block ends, also when it ends early.

    >>> with analyzed([Document("a", "-", "زار الوزير بيروت.")]) as rows:
    ...     [row["ok"] for row in rows]
    [True]
    """
    one = partial(analyze_document, disable=tuple(disable))
    if jobs <= 1:
        yield (one(d) for d in documents)
        return
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    pool = context.Pool(jobs, initializer=_init_worker)
    try:
        yield pool.imap(one, documents, chunksize=2)
    finally:
        pool.terminate()
        pool.join()


def to_parquet(jsonl: Path, parquet: Path, *, tokens: bool = False) -> int:
    """Convert a batch output file to Parquet (needs ``pip install 'khabar[parquet]'``): one row per document,
    typed by :func:`khabar.schema.arrow_schema` (the id, source, status, warnings and the record's fields,
    then every field of the analysis, nested views as Arrow structs and lists; ``tokens`` only when asked
    for). A line cut short by a killed run is skipped. Returns the number of rows.
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as error:
        raise RuntimeError("Parquet output needs pyarrow: pip install 'khabar[parquet]'") from error
    from khabar.schema import arrow_schema  # lazy: pyarrow is an optional dependency

    schema = arrow_schema(tokens=tokens)
    rows: list[dict[str, Any]] = []
    with jsonl.open(encoding="utf-8") as handle:
        for line in handle:
            try:
                row = json.loads(line)
            except ValueError:
                continue
            rows.append(arrow_row(row, schema.names))
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), parquet)
    return len(rows)


#: the columns of a batch row that are not fields of the analysis
_ROW_FIELDS = ("id", "source", "ok", "error", "warnings", "meta")


def arrow_row(row: dict[str, Any], columns: Iterable[str]) -> dict[str, Any]:
    """One batch row (:func:`analyze_document`) as a row of :func:`khabar.schema.arrow_schema` with these
    ``columns``: the row's fields, ``meta`` as JSON text, then the analysis's fields (None when it failed).

    >>> arrow_row({"id": 7, "ok": False, "error": "binary data"}, ["id", "ok", "error", "meta", "entities"])
    {'id': '7', 'ok': False, 'error': 'binary data', 'meta': '{}', 'entities': None}
    """
    analysis = row.get("analysis") or {}
    top = {"id": str(row.get("id")), "source": row.get("source"), "ok": bool(row.get("ok")), "error": row.get("error"),
           "warnings": row.get("warnings") or [], "meta": dumps_json(row.get("meta") or {})}
    return {name: top[name] if name in _ROW_FIELDS else analysis.get(name) for name in columns}
