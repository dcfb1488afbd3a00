"""khabar on Apache Spark: the same analysis, document by document, over a cluster's cores.

``pip install 'khabar[spark]'`` (pyspark, pyarrow, pandas < 3) and a Java 17 runtime. Two ways in:

- :func:`analyze` — a DataFrame with a text column in, a DataFrame out: one row per document with
  :func:`khabar.schema.arrow_schema`'s columns (``id``, ``ok``, ``error``, then every field of the analysis,
  nested views as structs). Built on ``mapInArrow``: each Python worker loads the pipeline once (the function
  Spark ships is a reference into this module, never a pickled model) and reuses it for every task.
- :func:`run` — what ``khabar analyze INPUT... -o WAREHOUSE --engine spark`` does: read the inputs as the local
  batch does (:func:`khabar.batch.iter_documents`), skip ids already in the warehouse, analyze on Spark, and
  write the flat tables of :mod:`khabar.warehouse` (committed per chunk of documents, so a killed run resumes).

A document that cannot be read or analyzed gives an ``ok=false`` row with its ``error``; it never fails the job.
A Python worker that dies (killed, out of memory) fails its task, which Spark runs again: local masters get
retries (``local[N]`` becomes ``local[N,4]``), cluster masters have ``spark.task.maxFailures`` (4).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import shutil
import sys
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from khabar.batch import BadInput, Document, analyze_document, arrow_row, iter_documents
from khabar.warehouse import commit, done_ids, new_token, storable, write_tables

__all__ = ["analyze", "local_master", "run", "session"]

#: rows per Arrow batch a worker sends back (bounds a worker's memory whatever the partition size)
OUT_BATCH = 32
#: documents per task, about (more tasks balance the cores; each task costs Spark ~10 ms)
DOCS_PER_TASK = 100


def local_master(master: str, retries: int = 4) -> str:
    """``local``/``local[N]``/``local[*]`` with ``retries`` attempts per task (Spark's local mode runs a failed
    task only once unless the master says ``local[N,F]``); other masters unchanged.

    >>> local_master("local[2]"), local_master("local"), local_master("local[*,2]"), local_master("yarn")
    ('local[2,4]', 'local[1,4]', 'local[*,2]', 'yarn')
    """
    if master == "local":
        return f"local[1,{retries}]"
    found = re.fullmatch(r"local\[(\d+|\*)\]", master)
    return f"local[{found.group(1)},{retries}]" if found else master


def session(master: str = "local[*]", *, app: str = "khabar", conf: dict[str, str] | None = None) -> Any:
    """A SparkSession set up for khabar: Python workers run this interpreter (``PYSPARK_PYTHON`` unless set),
    are reused across tasks (the model loads once per worker), Arrow transfers on, the web UI off."""
    from pyspark.sql import SparkSession

    # the workers run PYSPARK_PYTHON (read when the context starts; else a bare ``python3`` without khabar)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = (SparkSession.builder.master(local_master(master)).appName(app)
               .config("spark.python.worker.reuse", "true")
               .config("spark.sql.execution.arrow.pyspark.enabled", "true")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "8")
               # the driver's JVM only moves bytes: C1 only and a serial GC spare CPU for the Python workers
               .config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
               .config("spark.sql.sources.partitionOverwriteMode", "dynamic"))
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _spark_schema(schema: Any) -> Any:
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(schema)


def _published(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat()[:10] if hasattr(value, "isoformat") else str(value)


# ---------------------------------------------------------------- worker side (module-level: shipped by name)

def _analyze_batches(batches: Iterable[Any], *, text: str, id: str, published: str | None, tokens: bool,
                     disable: tuple[str, ...]) -> Iterator[Any]:
    """mapInArrow body of :func:`analyze`: Arrow batches of documents → batches of analysis rows."""
    import pyarrow as pa

    from khabar.schema import arrow_schema  # lazy: pyarrow loads only where Arrow is used

    schema = arrow_schema(tokens=tokens)
    rows: list[dict[str, Any]] = []
    for batch in batches:
        for item in batch.to_pylist():
            ident = str(item.get(id))
            meta = {"published": _published(item.get(published))} if published and item.get(published) else {}
            body = item.get(text)
            document: Document | BadInput = (Document(ident, body, ident, meta) if isinstance(body, str)
                                             else BadInput(ident, f"no text in column {text!r}"))
            rows.append(_safe_arrow_row(analyze_document(document, disable), schema))
            if len(rows) >= OUT_BATCH:
                yield pa.RecordBatch.from_pylist(rows, schema=schema)
                rows = []
    if rows:
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


def _safe_arrow_row(row: dict[str, Any], schema: Any) -> dict[str, Any]:
    """The Arrow row of ``row``, or an ``ok=false`` row when it does not convert (a lone surrogate …)."""
    import pyarrow as pa

    out = arrow_row(row, schema.names)
    try:
        pa.RecordBatch.from_pylist([out], schema=schema)
    except (pa.ArrowException, TypeError, ValueError, OverflowError) as error:
        return arrow_row({"id": row.get("id"), "source": row.get("source"), "ok": False, "meta": row.get("meta"),
                          "error": f"output not storable: {type(error).__name__}: {error}"}, schema.names)
    return out


def _written_schema() -> Any:
    import pyarrow as pa

    return pa.schema([("partition", pa.int64()), ("attempt", pa.int64()), ("documents", pa.int64()),
                      ("ok", pa.int64()), ("files", pa.list_(pa.string()))])


def _write_batches(batches: Iterable[Any], *, staging: str, disable: tuple[str, ...]) -> Iterator[Any]:
    """mapInArrow body of :func:`run`: analyze a partition's documents and write their rows of every warehouse
    table (:func:`khabar.warehouse.write_tables`) under ``staging``, in files named by partition and attempt;
    yields one row naming them. Only the attempt that succeeds reaches the driver, which moves its files into
    the warehouse, so a retried task leaves neither a gap nor a duplicate."""
    import pyarrow as pa
    from pyspark import TaskContext

    context = TaskContext.get()
    part, attempt = (context.partitionId(), context.attemptNumber()) if context is not None else (0, 0)
    rows = []
    for batch in batches:
        for item in batch.to_pylist():
            meta = json.loads(item["meta"] or "{}")
            document: Document | BadInput = (BadInput(item["source"], item["bad"]) if item["bad"] is not None
                                             else Document(item["id"], item["text"], item["source"], meta))
            row = analyze_document(document, disable)
            if item["bad"] is not None:
                row = {**row, "id": item["id"], "meta": meta}
            rows.append(storable(row))
    files = write_tables(rows, staging, f"p{part:05d}-a{attempt}") if rows else []
    yield pa.RecordBatch.from_pylist([{"partition": part, "attempt": attempt, "documents": len(rows),
                                       "ok": sum(1 for r in rows if r["ok"]),
                                       "files": [str(Path(f).relative_to(staging)) for f in files]}],
                                     schema=_written_schema())


# ---------------------------------------------------------------- driver side

def analyze(df: Any, text: str = "text", id: str = "id", published: str | None = None, *, tokens: bool = False,
            disable: Iterable[str] = ()) -> Any:
    """Analyze the ``text`` column of ``df`` (ids from column ``id``; publication dates from column
    ``published``, a date or ``YYYY-MM-DD`` string, when given): a DataFrame with one row per input row and
    :func:`khabar.schema.arrow_schema`'s columns (``tokens`` only when asked for). A row whose text is missing
    or whose analysis fails has ``ok`` false and its ``error``."""
    from khabar.schema import arrow_schema  # lazy: pyarrow loads only where Arrow is used

    columns = [c for c in (id, text, published) if c]
    body = partial(_analyze_batches, text=text, id=id, published=published, tokens=tokens, disable=tuple(disable))
    return df.select(*columns).mapInArrow(body, _spark_schema(arrow_schema(tokens=tokens)))


def _input_table(items: list[Document | BadInput]) -> Any:
    import pyarrow as pa

    rows = []
    for item in items:
        if isinstance(item, BadInput):
            rows.append({"id": item.id, "source": item.source, "text": None, "meta": "{}", "bad": item.reason})
        else:
            rows.append({"id": item.id, "source": item.source, "text": item.text,
                         "meta": json.dumps(item.meta, ensure_ascii=False), "bad": None})
    schema = pa.schema([("id", pa.string()), ("source", pa.string()), ("text", pa.string()), ("meta", pa.string()),
                        ("bad", pa.string())])
    return pa.Table.from_pylist(rows, schema=schema)


def _chunks(items: Iterable[Document | BadInput], size: int) -> Iterator[list[Document | BadInput]]:
    chunk: list[Document | BadInput] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _surrogate_free(item: Document | BadInput) -> Document | BadInput:
    """Arrow holds UTF-8 only: a text with a lone surrogate goes to Spark as a bad input (the local engine reads it)."""
    from khabar.text import LONE_SURROGATE  # lazy: needed only here (keeps the module's imports short)

    if isinstance(item, Document) and (LONE_SURROGATE.search(item.text) or LONE_SURROGATE.search(item.id)):
        return BadInput(item.id if not LONE_SURROGATE.search(item.id) else item.source,
                        "text holds a lone surrogate, which Spark cannot carry")
    return item


def run(paths: Iterable[str | Path], out: str | Path, *, spark: Any = None, master: str = "local[*]",
        text_field: str = "text", id_field: str = "id", chunk: int = 20_000, partitions: int | None = None,
        disable: Iterable[str] = ()) -> dict[str, int]:
    """Analyze every document under ``paths`` on Spark into the warehouse ``out`` (a local folder); ids already
    there are skipped. Returns counts: ``ok``, ``failed``, ``skipped``.

    Each chunk of ``chunk`` documents is one Spark job: analyzed in ``partitions`` tasks (default: about
    :data:`DOCS_PER_TASK` documents each, at least 4 per core), its rows of every table written to
    ``out/_staging``, then moved into the tables and committed (:func:`khabar.warehouse.commit`)."""
    root = Path(out)
    root.mkdir(parents=True, exist_ok=True)
    done = done_ids(root)
    if spark is None:
        from pyspark.sql import SparkSession

        spark = SparkSession.getActiveSession()  # one this process started already (a notebook, a test) is reused
        own = spark is None
        spark = spark or session(master)
    else:
        own = False
    counts = {"ok": 0, "failed": 0, "skipped": 0}
    try:
        cores = spark.sparkContext.defaultParallelism
        todo: list[Document | BadInput] = []
        for item in iter_documents(paths, text_field=text_field, id_field=id_field):
            if item.id in done:
                counts["skipped"] += 1
                continue
            done.add(item.id)  # a second document with the same id is one article: the first one wins
            todo.append(_surrogate_free(item))
        for items in _chunks(todo, chunk):
            parts = partitions or max(cores * 4, math.ceil(len(items) / DOCS_PER_TASK))
            ok = _run_chunk(spark, items, root, min(parts, len(items)), tuple(disable))
            counts["ok"] += ok
            counts["failed"] += len(items) - ok
    finally:
        if own:
            spark.stop()
    return counts


def _run_chunk(spark: Any, items: list[Document | BadInput], root: Path, parts: int, disable: tuple[str, ...]) -> int:
    token = new_token()
    staging = root / "_staging" / token
    frame = spark.createDataFrame(_input_table(items)).repartition(parts)
    body = partial(_write_batches, staging=str(staging), disable=disable)
    results = frame.mapInArrow(body, _spark_schema(_written_schema())).collect()
    files = [Path(f) for result in results for f in result["files"]]
    files.sort(key=lambda f: f.parts[0] == "articles")  # the articles last
    for number, path in enumerate(files):
        target = root / path.parent
        target.mkdir(parents=True, exist_ok=True)
        os.replace(staging / path, target / f"khabar-{token}-{number}.parquet")
    commit(root, token)
    shutil.rmtree(staging, ignore_errors=True)  # and the files of failed attempts
    with contextlib.suppress(OSError):  # another run may be staging beside this one
        staging.parent.rmdir()
    return sum(result["ok"] for result in results)
