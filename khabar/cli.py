"""The ``khabar`` command line: one verb per capability, thin over the Python API."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.text import Text

from khabar import __version__
from khabar.render import clip, render_diff, render_report
from khabar.repair import KINDS, ResourceError, repair
from khabar.repair.quotes import QUOTE_STYLES
from khabar.text import dumps_json
from khabar.textio import DecodeError, read_text

app = typer.Typer(
    name="khabar",
    help="Repair and understand Arabic news text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
_err = Console(stderr=True)


def _kind_list(value: str | None) -> list[str] | None:
    if value is None:
        return None
    kinds = [k.strip() for k in value.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise typer.BadParameter(f"unknown kind(s) {', '.join(unknown)}; choose from {', '.join(KINDS)}")
    return kinds


#: the stages ``--skip`` takes (those of :data:`khabar.analyze.STAGES`; kept here so --help needs no spaCy)
_STAGE_NAMES = ("quotes", "facts", "events", "dateline", "keywords", "summary", "topic")


def _stage_list(value: str | None) -> list[str]:
    stages = [k.strip() for k in (value or "").split(",") if k.strip()]
    unknown = [k for k in stages if k not in _STAGE_NAMES]
    if unknown:
        raise typer.BadParameter(f"unknown stage(s) {', '.join(unknown)}; choose from {', '.join(_STAGE_NAMES)}",
                                 param_hint="--skip")
    return stages


def _fail(message: str, code: int = 2) -> None:
    _err.print(f"[bold red]khabar:[/] {message}", highlight=False)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"khabar {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = None,
) -> None:
    """Repair and understand Arabic news text."""


@app.command("repair")
def repair_command(
    file: Annotated[str, typer.Argument(help="A text file (UTF-8, UTF-16 or Windows-1256), or - for stdin.")] = "-",
    as_json: Annotated[bool, typer.Option("--json", help="Print the text and every edit as JSON.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Show the text with each change marked.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="List every change with its reason.")] = False,
    only: Annotated[Optional[str], typer.Option(help=f"Only these kinds, comma-separated: {', '.join(KINDS)}.")] = None,
    skip: Annotated[Optional[str], typer.Option(help="Skip these kinds, comma-separated.")] = None,
    min_confidence: Annotated[
        float, typer.Option("--min-confidence", min=0.0, max=1.0, help="Changes less sure than this are suggestions.")
    ] = 0.5,
    quotes: Annotated[str, typer.Option(help="Style of restored quotation marks: «» or \"\" or “”.")] = "«»",
) -> None:
    """Repair damaged Arabic text: lost spaces, broken quotes, ى/ي, hamza, ة/ه, commas, mojibake."""
    if quotes not in QUOTE_STYLES:
        raise typer.BadParameter(f"choose one of {' '.join(QUOTE_STYLES)}", param_hint="--quotes")
    try:
        text, _encoding = read_text(file)
        result = repair(
            text, only=_kind_list(only), skip=_kind_list(skip), min_confidence=min_confidence, quotes=quotes
        )
    except DecodeError as error:
        _fail(f"{file}: {error}")
        return
    except ResourceError as error:
        _fail(str(error), 3)
        return
    if as_json:
        sys.stdout.write(dumps_json(result.to_dict(), indent=1) + "\n")
    elif diff:
        Console(highlight=False).print(render_diff(result), soft_wrap=True)
    else:
        sys.stdout.write(result.text)
        if result.text and not result.text.endswith("\n"):
            sys.stdout.write("\n")
    if explain:
        _err.print(result.explain(), highlight=False, markup=False)


_FORMATS = ("report", "json", "conllu", "html")


_BATCH_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".tsv", ".zip")


@app.command("analyze")
def analyze_command(
    paths: Annotated[
        Optional[list[str]],
        typer.Argument(help="A text file or - (stdin); or several files, folders, JSONL/CSV files or zip archives "
                       "(a batch: one JSON line per document)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the analysis as JSON (as --format json).")] = False,
    output_format: Annotated[
        str, typer.Option("--format", help="report (terminal), json, conllu or html (right-to-left entity view).")
    ] = "report",
    no_repair: Annotated[bool, typer.Option("--no-repair", help="Analyze the text as it is, without repair.")] = False,
    published: Annotated[
        str | None, typer.Option("--date", help="Publication date (YYYY-MM-DD): resolves أمس، الأحد … in events.")
    ] = None,
    output: Annotated[
        Optional[str], typer.Option("-o", "--output", help="Batch: write JSON lines here (rerun to resume); "
                                    "a name ending in .parquet also writes Parquet.")
    ] = None,
    jobs: Annotated[int, typer.Option("-j", "--jobs", min=1, max=64, help="Batch: processes to use.")] = 1,
    text_field: Annotated[str, typer.Option("--text-field", help="JSONL/CSV: the field holding the text.")] = "text",
    id_field: Annotated[str, typer.Option("--id-field", help="JSONL/CSV: the field holding the id.")] = "id",
    skip: Annotated[
        Optional[str], typer.Option("--skip", help="Stages to leave out, comma-separated: quotes, facts, events, "
                                    "dateline, keywords, summary, topic (their fields are then absent).")
    ] = None,
    engine: Annotated[
        str, typer.Option("--engine", help="Batch: local (processes, -j) or spark (Apache Spark; -o names the "
                          "warehouse folder; pip install 'khabar[spark]').")
    ] = "local",
    master: Annotated[
        str, typer.Option("--master", help="--engine spark: local[*], local[N], spark://host:7077 or yarn.")
    ] = "local[*]",
    warehouse: Annotated[
        Optional[str], typer.Option("--warehouse", help="Batch: also write the Parquet warehouse (articles, "
                                    "entities, quotes, facts, events, edits) to this folder (rerun to resume).")
    ] = None,
) -> None:
    """Tokens, sentences, POS, lemmas, named entities, quotes with speakers, counted facts, events, summary,
    keywords and topic — of one text, or of many (a batch)."""
    disable = _stage_list(skip)
    from pathlib import Path

    if engine not in ("local", "spark"):
        raise typer.BadParameter("choose local or spark", param_hint="--engine")
    paths = paths or ["-"]
    batch = output is not None or warehouse is not None or engine == "spark" or len(paths) > 1 or any(
        p != "-" and (Path(p).is_dir() or Path(p).suffix.lower() in _BATCH_SUFFIXES) for p in paths)
    if batch and engine == "spark":
        _analyze_spark(paths, output or warehouse, master, text_field, id_field, disable)
        return
    if batch:
        _analyze_batch(paths, output, jobs, text_field, id_field, disable, warehouse)
        return
    file = paths[0]
    fmt = "json" if as_json else output_format
    if fmt not in _FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(_FORMATS)}", param_hint="--format")
    # lazy: spaCy, the models and the server load only for the commands that use them
    from khabar.analyze import analyze, publication_date, to_conllu, to_html, write_json

    try:
        publication_date(published)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--date") from None
    try:
        text, _encoding = read_text(file)
        if fmt == "json":
            write_json(text, sys.stdout, repair=not no_repair, published=published, disable=disable)
            return
        if len(text) > WHOLE_DOC_CHARS:
            # the report, CoNLL-U and HTML hold the whole analysis in memory (gigabytes for 20 MB): refuse
            # clearly instead of running for many minutes; --json streams in bounded memory
            _fail(f"{file}: {len(text):,} characters is more than the --format {fmt} output takes "
                  f"({WHOLE_DOC_CHARS:,}); use --json, which streams any size in bounded memory")
            return
        doc = analyze(text, repair=not no_repair, published=published, disable=disable)
    except DecodeError as error:
        _fail(f"{file}: {error}")
        return
    except ResourceError as error:  # any file shipped with khabar, missing or damaged
        _fail(str(error), 3)
        return
    if fmt == "conllu":
        sys.stdout.write(to_conllu(doc))
    elif fmt == "html":
        sys.stdout.write(to_html(doc))
    else:
        try:
            render_report(doc, Console(highlight=False))
        except ResourceError as error:
            _fail(str(error), 3)


#: failed documents whose error a batch or an ingest prints (the rest are counted; the rows keep every error)
_SHOWN_FAILURES = 20

#: the largest text the report, CoNLL-U and HTML formats analyze in one piece (--json streams any size); the
#: same limit as a batch's or an ingest's documents (khabar.batch.MAX_DOC_CHARS)
WHOLE_DOC_CHARS = 2_000_000


def _progress() -> object:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[rate]:.1f} docs/s"), TimeElapsedColumn(), TextColumn("ETA"),
                    TimeRemainingColumn(), console=_err, transient=False)


def _count_documents(paths: list[str], text_field: str, id_field: str, skip: set[str]) -> int:
    """How many documents a run will analyze (a first, cheap pass over the inputs, for the ETA)."""
    # lazy: spaCy, the models and the server load only for the commands that use them
    from khabar.batch import iter_documents

    return sum(1 for d in iter_documents(paths, text_field=text_field, id_field=id_field) if d.id not in skip)


def _check_resources() -> None:
    """Load every shipped model and table once, or exit 3 with its message: a batch, an ingest or a server
    must not start (and record every document as failed) when a file of the installation is missing."""
    # lazy: spaCy, the models and the server load only for the commands that use them
    from khabar.analyze import load
    from khabar.keywords import load_df
    from khabar.link.names import name_entries
    from khabar.repair.resources import load_resources
    from khabar.topic import load_model

    try:
        load_resources()
        load()
        name_entries()
        load_df()
        load_model()
    except ResourceError as error:
        _fail(str(error), 3)


class _Discard:
    """A text sink that keeps nothing (the JSON lines of a run that writes only the warehouse)."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


def _analyze_spark(paths: list[str], output: str | None, master: str, text_field: str, id_field: str,
                   disable: list[str]) -> None:
    """Many documents → the Parquet warehouse ``output`` on Apache Spark (resumable)."""
    import time

    if output is None:
        raise typer.BadParameter("--engine spark writes a warehouse folder: name it with -o", param_hint="-o")
    if "-" in paths:
        raise typer.BadParameter("stdin (-) cannot be part of a batch", param_hint="PATHS")
    try:
        # lazy: pyspark and Java are needed only by this engine
        from khabar.spark import run as spark_run
    except ImportError as error:
        _fail(f"--engine spark needs pyspark: pip install 'khabar[spark]' ({error})", 3)
        return
    started = time.monotonic()
    try:
        counts = spark_run(paths, output, master=master, text_field=text_field, id_field=id_field, disable=disable)
    except ImportError as error:
        _fail(f"--engine spark needs pyspark, pyarrow and pandas: pip install 'khabar[spark]' ({error})", 3)
        return
    except Exception as error:  # no Java, a master that cannot be reached: one line, not a JVM stack trace
        if type(error).__name__ not in ("PySparkRuntimeError", "Py4JError", "Py4JJavaError", "PySparkException",
                                        "RuntimeError", "IllegalArgumentException"):
            raise
        _fail(f"spark: {str(error).splitlines()[0] if str(error) else type(error).__name__}", 3)
        return
    _err.print(f"khabar: {counts['ok']} analyzed, {counts['failed']} failed, {counts['skipped']} already done "
               f"→ {output} (spark {master}, {time.monotonic() - started:.1f} s)", highlight=False)


def _analyze_batch(paths: list[str], output: str | None, jobs: int, text_field: str, id_field: str,
                   disable: list[str], warehouse: str | None = None) -> None:
    """Many documents → one JSON line each (stdout, or ``output``, resumable), with a progress bar; with
    ``warehouse``, also the Parquet warehouse there."""
    import time
    from contextlib import nullcontext
    from pathlib import Path

    # lazy: spaCy, the models and the server load only for the commands that use them
    from khabar.batch import done_ids, iter_documents, run, to_parquet

    if "-" in paths:
        raise typer.BadParameter("stdin (-) cannot be part of a batch", param_hint="PATHS")
    _check_resources()
    writer = None
    if warehouse is not None:
        try:
            # lazy: pyarrow is an optional dependency
            from khabar.warehouse import Writer
            from khabar.warehouse import done_ids as warehouse_ids
        except ImportError as error:
            _fail(f"--warehouse needs pyarrow: pip install 'khabar[parquet]' ({error})", 3)
            return
    parquet = None
    if output is not None and output.lower().endswith(".parquet"):
        parquet, output = Path(output), output + ".jsonl"
    target = Path(output) if output else None
    skip = done_ids(target) if target is not None else set()
    if warehouse is not None:  # an id is done when every output named has it
        try:
            in_warehouse = warehouse_ids(warehouse)
            writer = Writer(warehouse)
        except RuntimeError as error:  # WarehouseError: damaged, or a folder that cannot be written
            _fail(str(error), 2)
            return
        skip = skip & in_warehouse if target is not None else in_warehouse
    total = _count_documents(paths, text_field, id_field, skip)
    started = time.monotonic()
    sink = (target.open("a", encoding="utf-8") if target else
            nullcontext(_Discard()) if writer is not None else nullcontext(sys.stdout))
    with sink as out, _progress() as progress:  # type: ignore[attr-defined]
        task = progress.add_task("analyze", total=total, rate=0.0)
        done = 0
        failures = [0]

        def tick(row: dict[str, Any]) -> None:
            nonlocal done
            done += 1
            if writer is not None:
                writer.write(row)
            if not row.get("ok"):
                failures[0] += 1
                if failures[0] <= _SHOWN_FAILURES:
                    _err.print(f"khabar: {row.get('id')}: {row.get('error')}", highlight=False, soft_wrap=True)
            progress.update(task, advance=1, rate=done / max(time.monotonic() - started, 1e-9))

        documents = iter_documents(paths, text_field=text_field, id_field=id_field)
        counts = run(documents, out, jobs=jobs, skip=skip, on_result=tick, disable=disable)
        if writer is not None:
            writer.close()
        progress.update(task, completed=total)
    _err.print(f"khabar: {counts['ok']} analyzed, {counts['failed']} failed, {counts['skipped']} already done"
               + (f" → {target}" if target else "") + (f" → {warehouse}" if warehouse else ""), highlight=False)
    if parquet is not None and target is not None:
        try:
            rows = to_parquet(target, parquet)
        except RuntimeError as error:
            _fail(str(error), 3)
            return
        _err.print(f"khabar: {rows} rows → {parquet}", highlight=False)


def _dedupe_inputs(
    paths: list[str], text_field: str, id_field: str, skipped: list[dict[str, object]]
) -> list[tuple[str, str]]:
    """``(id, text)`` of every document under ``paths``; what cannot be read is added to ``skipped``."""
    from pathlib import Path

    files: list[Path] = []
    for path in paths:
        folder = Path(path)
        if folder.is_dir():
            files.extend(sorted(p for p in folder.rglob("*.txt") if p.is_file()))
        else:
            files.append(folder)
    docs: list[tuple[str, str]] = []
    for file in files:
        try:
            text, _encoding = read_text(file)
        except DecodeError as error:
            skipped.append({"path": str(file), "reason": str(error)})
            continue
        if file.suffix.lower() != ".jsonl":
            docs.append((str(file), text))
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as error:
                skipped.append({"path": str(file), "line": number, "reason": f"bad JSON: {error}"})
                continue
            body = record.get(text_field) if isinstance(record, dict) else None
            if not isinstance(body, str):
                skipped.append({"path": str(file), "line": number, "reason": f"no text in field {text_field!r}"})
                continue
            doc_id = record.get(id_field)
            docs.append((str(doc_id) if doc_id is not None else f"{file}:{number}", body))
    return docs


@app.command("dedupe")
def dedupe_command(
    paths: Annotated[list[str], typer.Argument(help="Text files, folders (every *.txt inside) or JSONL files.")],
    threshold: Annotated[
        Optional[float], typer.Option(min=0.01, max=1.0, help="Estimated Jaccard similarity that makes a duplicate.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the groups as JSON.")] = False,
    text_field: Annotated[str, typer.Option("--text-field", help="JSONL: the field holding the text.")] = "text",
    id_field: Annotated[
        str, typer.Option("--id-field", help="JSONL: the field holding the id (else file:line).")
    ] = "id",
) -> None:
    """Groups of near-duplicate articles (the same story re-filed, re-dated, trimmed or damaged)."""
    # lazy: spaCy, the models and the server load only for the commands that use them
    from khabar.dedupe import DEFAULT_THRESHOLD, find_duplicates

    skipped: list[dict[str, object]] = []
    docs = _dedupe_inputs(paths, text_field, id_field, skipped)
    for item in skipped:
        where = f"{item['path']}:{item['line']}" if "line" in item else item["path"]
        _err.print(f"[bold yellow]khabar: skipped[/] {where}: {item['reason']}", highlight=False)
    groups = find_duplicates(docs, threshold=threshold or DEFAULT_THRESHOLD)
    if as_json:
        out = {"groups": [g.to_dict() for g in groups], "documents": len(docs), "skipped": skipped}
        sys.stdout.write(dumps_json(out, indent=1) + "\n")
        return
    from rich.table import Table

    console = Console(highlight=False)
    table = Table(title=f"{len(groups)} group(s) of near-duplicates among {len(docs)} document(s)")
    for column in ("#", "representative", "members", "lowest similarity"):
        table.add_column(column)
    for number, group in enumerate(groups, 1):
        others = [m for m in group.members if m != group.representative]
        lowest = min(p.similarity for p in group.pairs)
        table.add_row(str(number), group.representative, "\n".join(others), f"{lowest:.2f}")
    console.print(table)


_DEFAULT_DB = "khabar.db"


@app.command("ingest")
def ingest_command(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, JSONL/CSV files or zip archives.")],
    db: Annotated[str, typer.Option("--db", help="The corpus database (created when missing).")] = _DEFAULT_DB,
    jobs: Annotated[int, typer.Option("-j", "--jobs", min=1, max=64, help="Processes that analyze.")] = 1,
    text_field: Annotated[str, typer.Option("--text-field", help="JSONL/CSV: the field holding the text.")] = "text",
    id_field: Annotated[str, typer.Option("--id-field", help="JSONL/CSV: the field holding the id.")] = "id",
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Print a line per document once it is committed.")
    ] = False,
) -> None:
    """Analyze documents and store them in a searchable corpus (idempotent; rerun to resume). A warehouse
    folder (khabar analyze --warehouse, --engine spark) is stored as it is, without analyzing again."""
    import itertools
    import time

    # lazy: spaCy, the models and the server load only for the commands that use them
    from khabar.batch import iter_documents
    from khabar.store import Store, StoreError
    from khabar.warehouse import WarehouseError, is_warehouse

    _check_resources()
    missing = [path for path in paths if path != "-" and not Path(path).exists()]
    if missing:  # before the database is created: a typo in a path must not leave an empty corpus behind
        _fail(f"{missing[0]}: no such file or folder", 2)
        return
    try:
        store = Store(db)
    except StoreError as error:
        _fail(str(error), 2)
        return
    warehouses = [path for path in paths if is_warehouse(path)]
    paths = [path for path in paths if path not in warehouses]
    total = _count_documents(paths, text_field, id_field, set()) if paths else 0
    counts = {"stored": 0, "duplicate": 0, "failed": 0}
    started = time.monotonic()
    with store, _progress() as progress:  # type: ignore[attr-defined]
        task = progress.add_task("ingest", total=total or None, rate=0.0)
        try:
            results = itertools.chain(_ingest_warehouses(store, warehouses),
                                      store.ingest(iter_documents(paths, text_field=text_field, id_field=id_field),
                                                   jobs=jobs) if paths else ())
            for result in results:
                counts[result.status] += 1
                if result.status == "failed" and not verbose and counts["failed"] <= _SHOWN_FAILURES:
                    _err.print(f"khabar: {result.doc_id}: {result.error}", highlight=False, soft_wrap=True)
                if verbose:
                    detail = result.error or (str(result.article) if result.article is not None else "")
                    sys.stdout.write(f"{result.status}\t{result.doc_id}\t{detail}\n")
                    sys.stdout.flush()
                done = sum(counts.values())
                progress.update(task, advance=1, rate=done / max(time.monotonic() - started, 1e-9))
        except (StoreError, WarehouseError) as error:  # read-only, disk full, damaged: nothing half-written
            _fail(str(error), 2)
            return
        stats = store.stats()
    _err.print(f"khabar: {counts['stored']} stored, {counts['duplicate']} already there, {counts['failed']} failed; "
               f"{stats['articles']} articles in {db} ({stats['bytes'] / 1e6:.1f} MB)", highlight=False)


def _ingest_warehouses(store: Any, roots: list[str]) -> Any:
    """Store the analyzed articles of warehouse folders (no analysis: their rows hold it)."""
    try:
        # lazy: pyarrow is an optional dependency
        from khabar.warehouse import iter_rows
    except ImportError as error:
        _fail(f"reading a warehouse needs pyarrow: pip install 'khabar[parquet]' ({error})", 3)
        return
    for root in roots:
        for row in iter_rows(root):
            yield store.add(row)


@contextlib.contextmanager
def _damaged(db: str) -> Iterator[None]:
    """A database error while reading the corpus (a damaged file): one line and exit 2, not a traceback."""
    import sqlite3

    # lazy: the store (and SQLite) load only for the corpus commands
    from khabar.store import database_error

    try:
        yield
    except sqlite3.DatabaseError as error:
        _fail(str(database_error(Path(db), error, writing=False)), 2)


def _read_corpus(db: str, since: str | None, until: str | None) -> Any:
    """The corpus at ``db`` opened read-only, after checking the ``--since``/``--until`` dates (exit 2 on a
    bad date or database)."""
    # lazy: spaCy, the models and the server load only for the commands that use them
    from khabar.analyze import publication_date
    from khabar.store import Store, StoreError

    for name, value in (("--since", since), ("--until", until)):
        try:
            publication_date(value)
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint=name) from None
    try:
        return Store(db, readonly=True)
    except StoreError as error:
        _fail(str(error), 2)
        raise  # unreachable: _fail exits


@app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help="Words to find, in any spelling or form (empty: every article).")] = "",
    db: Annotated[str, typer.Option("--db", help="The corpus database.")] = _DEFAULT_DB,
    entity: Annotated[Optional[str], typer.Option(help="Only articles naming this entity.")] = None,
    speaker: Annotated[Optional[str], typer.Option(help="Only articles quoting this speaker.")] = None,
    place: Annotated[Optional[str], typer.Option(help="Only articles naming this place (or its ISO code).")] = None,
    topic: Annotated[Optional[str], typer.Option(help="Only articles of this topic.")] = None,
    act: Annotated[Optional[str], typer.Option(help="Only articles with a quote of this act (demand, warning, "
                                               "condemnation, denial, welcome, accusation, concern, …).")] = None,
    event: Annotated[Optional[str], typer.Option(help="Only articles reporting an event of this type (airstrike, "
                                                 "shelling, explosion, armed_attack, clash, arrest, …).")] = None,
    since: Annotated[Optional[str], typer.Option(help="Only articles published on or after YYYY-MM-DD.")] = None,
    until: Annotated[Optional[str], typer.Option(help="Only articles published on or before YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="Results to show.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print results and facets as JSON.")] = False,
) -> None:
    """Search a corpus made by khabar ingest: ranked results with highlighted snippets, and facets."""
    with _read_corpus(db, since, until) as store, _damaged(db):
        found = store.search(query, entity=entity, speaker=speaker, place=place, topic=topic, since=since,
                             until=until, limit=limit, act=act, event=event)
    if as_json:
        sys.stdout.write(dumps_json(found, indent=1) + "\n")
        return
    console = Console(highlight=False)
    console.print(f"{found['total']} article(s)", style="bold")
    for hit in found["results"]:
        title = hit["title"] or hit["headline"] or hit["doc_id"]
        console.print(Text.assemble((f"{hit['rank']}. ", "bold"), (clip(title, 100), "bold"),
                                    (f"  {hit['published'] or ''} {hit['topic'] or ''} #{hit['id']}", "dim")))
        snippet = Text()
        for n, part in enumerate(hit["snippet"].replace("]", "[").split("[")):
            snippet.append(part, style="bold yellow" if n % 2 else "")
        console.print(snippet, soft_wrap=True)
    for kind, values in found["facets"].items():
        if values:
            shown = ", ".join(f"{v['value']} ({v['count']})" for v in values[:8])
            console.print(f"{kind}: {shown}", style="dim")


@app.command("events")
def events_command(
    query: Annotated[str, typer.Argument(help="Words the articles must contain (empty: every article).")] = "",
    db: Annotated[str, typer.Option("--db", help="The corpus database.")] = _DEFAULT_DB,
    event_type: Annotated[Optional[str], typer.Option("--type", help="Only events of this type (airstrike, "
                                                      "shelling, explosion, armed_attack, clash, execution, arrest, "
                                                      "displacement, evacuation, accident, disaster, …).")] = None,
    entity: Annotated[Optional[str], typer.Option(help="Only articles naming this entity.")] = None,
    place: Annotated[Optional[str], typer.Option(help="Only articles naming this place (or its ISO code).")] = None,
    since: Annotated[Optional[str], typer.Option(help="Only articles published on or after YYYY-MM-DD.")] = None,
    until: Annotated[Optional[str], typer.Option(help="Only articles published on or before YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10000, help="Places to show.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print the places as JSON (with coordinates).")] = False,
) -> None:
    """Where the events of a corpus happened: places with their events, the counts reported there and the
    event types, most events first (coordinates with --json, for a map)."""
    # lazy: rich's tables load only for the commands that print them
    from rich.table import Table

    with _read_corpus(db, since, until) as store, _damaged(db):
        found = store.events(query, type=event_type, entity=entity, place=place, since=since, until=until,
                             limit=limit)
    if as_json:
        sys.stdout.write(dumps_json(found, indent=1) + "\n")
        return
    console = Console(highlight=False)
    totals = ", ".join(f"{k} {v}" for k, v in found["totals"].items() if v)
    console.print(f"{found['events']} event(s) in {found['articles']} article(s); {found['unplaced']} without a "
                  f"place. Reported: {totals or 'no counts'}", style="bold")
    if found["types"]:
        console.print("types: " + ", ".join(f"{t['value']} ({t['count']})" for t in found["types"]), style="dim")
    table = Table()
    for column in ("place", "country", "events", "articles", "killed", "injured", "arrested", "displaced", "types"):
        table.add_column(column)
    for row in found["places"]:
        table.add_row(row["place"], row["country"] or "", str(row["events"]), str(row["articles"]),
                      str(row["killed"]), str(row["injured"]), str(row["arrested"]), str(row["displaced"]),
                      ", ".join(f"{k} {n}" for k, n in row["types"].items()))
    if found["places"]:
        console.print(table)


@app.command("serve")
def serve_command(
    db: Annotated[Optional[str], typer.Option("--db", help="A corpus database to search and browse.")] = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port.")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Analysis worker processes (each analyzes one text at a time, with "
                                               "its own model; up to one per core).")
    ] = 1,
    analysis_timeout: Annotated[float, typer.Option(
        "--analysis-timeout", min=0.1, max=86_400, help="Seconds an analysis or repair may run; past it the "
                                                        "worker is stopped and replaced and the answer is 504.")
    ] = 120.0,
    max_queue: Annotated[int, typer.Option(
        "--max-queue", min=0, max=10_000, help="Analyses that may wait for a worker; beyond, 503 (busy).")] = 16,
    max_bytes: Annotated[int, typer.Option(
        "--max-bytes", min=1_000, max=100_000_000, help="Largest request body; beyond, 413.")] = 1_000_000,
    token: Annotated[Optional[str], typer.Option(
        envvar="KHABAR_TOKEN", help="Access token: every endpoint but health and the web app's files then needs "
                                    "'Authorization: Bearer TOKEN'. Required when --host is not loopback.")] = None,
    open_corpus: Annotated[bool, typer.Option(
        "--open-corpus", help="With --token: leave the read-only corpus endpoints (search, articles, …) open.")]
    = False,
    rate_limit: Annotated[Optional[int], typer.Option(
        "--rate-limit", min=1, max=100_000, envvar="KHABAR_RATE_LIMIT",
        help="Analyses and repairs a minute per client address (429 beyond); default: no limit.")] = None,
) -> None:
    """The HTTP API (/api, OpenAPI docs at /docs) and the web app (/) over the same Python API."""
    # lazy: spaCy, the models and the server load only for the commands that use them
    from khabar.serve import run as run_server
    from khabar.store import Store, StoreError

    if db is not None:
        try:
            Store(db, readonly=True).close()
        except StoreError as error:
            _fail(str(error), 2)
            return
    _check_resources()
    try:
        run_server(db, host=host, port=port, workers=workers, token=token or None, open_corpus=open_corpus,
                   rate_limit=rate_limit, analysis_timeout=analysis_timeout, max_queue=max_queue,
                   max_bytes=max_bytes)
    except ValueError as error:
        _fail(str(error), 2)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        _err.print("interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
