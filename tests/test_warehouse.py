"""The Parquet warehouse: flat tables keyed by article, partitioned by month and outlet, resumable, and loaded
into the corpus without analyzing again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytest.importorskip("pyarrow")

import pyarrow.dataset as ds
from golden_cases import sample_cases

from khabar.batch import BadInput, Document, analyze_document
from khabar.cli import app
from khabar.store import Store
from khabar.warehouse import TABLES, Writer, done_ids, iter_rows, write_tables

DOCS: list[Document | BadInput] = [
    *(Document(name, text, name, {"date": date, "outlet": "samples"} if date else {})
      for name, text, date in sample_cases()),
    Document("surrogate", "قال الوزير" + chr(0xD800) + " في بيروت إن 4 أشخاص قتلوا.", "surrogate",
             {"date": "2019-03-02", "outlet": "x/y z"}),
    BadInput("broken.bin", "binary data"),
]


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return [analyze_document(d) for d in DOCS]


def _table(root: Path, name: str) -> list[dict]:
    return ds.dataset(root / name, format="parquet", partitioning="hive").to_table().to_pylist()


def test_rows_come_back_exactly_and_tables_are_keyed_by_article(tmp_path: Path, rows: list[dict]) -> None:
    with Writer(tmp_path, batch=3) as out:
        for row in rows:
            out.write(row)
    back = {row["id"]: row for row in iter_rows(tmp_path)}
    assert back == {row["id"]: {"meta": {}, **row} for row in rows}  # the whole analysis, lone surrogate included
    articles = {a["id"]: a for a in _table(tmp_path, "articles")}
    assert not articles["broken.bin"]["ok"] and articles["broken.bin"]["error"] == "binary data"
    for name in TABLES:
        if name == "articles":
            continue
        found = sorted((r["article_id"], r["index"]) for r in _table(tmp_path, name))
        expected = sorted((row["id"], n) for row in rows for n, _ in enumerate((row.get("analysis") or {})
                                                                                 .get(name, [])))
        assert found == expected, name
    entities = [e for e in _table(tmp_path, "entities") if e["article_id"] == "feed-1"]
    source = next(r for r in rows if r["id"] == "feed-1")["analysis"]["entities"]
    assert [(e["text"], e["label"], e["link_id"]) for e in sorted(entities, key=lambda e: e["index"])] == [
        (e["text"], e["label"], (e["link"] or {}).get("id")) for e in source]
    assert {(a["month"], a["outlet"]) for a in articles.values()} >= {("2026-11", "samples"), ("unknown", "unknown"),
                                                                     ("2019-03", "x/y z")}


def test_duckdb_reads_the_tables(tmp_path: Path, rows: list[dict]) -> None:
    duckdb = pytest.importorskip("duckdb")
    with Writer(tmp_path) as out:
        for row in rows:
            out.write(row)
    killed = duckdb.sql(f"select sum(killed) from read_parquet('{tmp_path}/events/*/*/*.parquet', "
                        "hive_partitioning=true) where month = '2019-03'").fetchall()[0][0]
    surrogate = next(r for r in rows if r["id"] == "surrogate")["analysis"]["events"]
    assert killed == sum(c["low"] for e in surrogate for c in e["counts"] if c["event"] == "killed")


def test_a_batch_that_never_committed_is_removed_and_redone(tmp_path: Path, rows: list[dict]) -> None:
    with Writer(tmp_path) as out:
        out.write(rows[0])
    written = write_tables(rows[1:3], tmp_path, "khabar-0000aaaa-deadbeef")  # killed before its commit
    assert written and all(path.exists() for path in written)
    assert done_ids(tmp_path) == {rows[0]["id"]}
    assert not any(path.exists() for path in written)
    assert sorted(r["article_id"] for r in _table(tmp_path, "entities")) == sorted(
        [rows[0]["id"]] * len(rows[0]["analysis"]["entities"]))


def test_cli_warehouse_resume_and_ingest_without_analysis(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join([*(json.dumps({"id": n, "text": t, "date": d}, ensure_ascii=False)
                                 for n, t, d in sample_cases()[2:]), "{broken"]) + "\n", encoding="utf-8")
    warehouse = tmp_path / "wh"
    runner = CliRunner()
    first = runner.invoke(app, ["analyze", str(feed), "--warehouse", str(warehouse)])
    assert first.exit_code == 0, first.output
    assert "5 analyzed, 1 failed" in first.output
    again = runner.invoke(app, ["analyze", str(feed), "--warehouse", str(warehouse)])
    assert "0 analyzed, 0 failed, 6 already done" in again.output
    import khabar.batch

    def no_analysis(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("ingest of a warehouse must not analyze")

    monkeypatch.setattr(khabar.batch, "analyze_document", no_analysis)
    db = tmp_path / "c.db"
    result = runner.invoke(app, ["ingest", str(warehouse), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "5 stored, 0 already there, 1 failed" in result.output
    with Store(db, readonly=True) as store:
        found = store.search("الأمم المتحدة")
        assert "feed-1" in {hit["doc_id"] for hit in found["results"]}


def test_a_damaged_warehouse_gives_one_line_and_exit_2(tmp_path: Path, rows: list[dict]) -> None:
    root = tmp_path / "w"
    with Writer(root) as writer:
        for row in rows:
            writer.write(row)
    next((root / "articles").rglob("*.parquet")).write_bytes(b"not parquet at all")
    for command in (["ingest", str(root), "--db", str(tmp_path / "c.db")],
                    ["analyze", str(tmp_path / "none.txt"), "--warehouse", str(root)]):
        (tmp_path / "none.txt").write_text("قال الوزير إن الوضع هادئ.", encoding="utf-8")
        result = CliRunner().invoke(app, command)
        assert result.exit_code == 2, result.output
        assert "cannot be read" in " ".join(result.output.split())  # rich wraps long lines
        assert "Traceback" not in result.output


def test_a_warehouse_that_cannot_be_written_fails_before_any_analysis(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    (tmp_path / "a.txt").write_text("قال الوزير إن الوضع هادئ.", encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(tmp_path / "a.txt"), "--warehouse", str(blocker / "w")])
    assert result.exit_code == 2
    assert "cannot be written" in " ".join(result.output.split())
