"""The Spark engine in local mode: the same output as the in-process analysis, document by document; bad
documents reported, not fatal; a rerun skips what is written. One small session for the module."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("the Spark engine needs a Java runtime", allow_module_level=True)

import pyarrow as pa
from golden_cases import sample_cases
from test_batch import ARTICLES

from khabar.batch import Document, analyze_document, arrow_row
from khabar.cli import app
from khabar.schema import arrow_schema
from khabar.warehouse import iter_rows, write_rows

CASES = [*sample_cases(), *((f"batch-{n}", text, "2018-07-15") for n, text in enumerate(ARTICLES)),
         ("empty", "", None), ("junk", "\x00\ufffd" * 40, None), ("digits", "٣٤٥ 12 ١٢", "2020-02-29")]


@pytest.fixture(scope="module")
def spark():  # type: ignore[no-untyped-def]
    from khabar.spark import session

    spark = session("local[2]", conf={"spark.driver.memory": "512m"})
    yield spark
    spark.stop()


def test_analyze_equals_the_in_process_analysis(spark) -> None:  # type: ignore[no-untyped-def]
    from khabar.spark import analyze

    rows = [(name, text, date) for name, text, date in CASES] + [("no-text", None, None)]
    df = spark.createDataFrame(rows, "id string, body string, day string")
    got = {row["id"]: row for row in analyze(df, text="body", published="day").toArrow().to_pylist()}
    schema = arrow_schema()
    expected = pa.Table.from_pylist([
        arrow_row(analyze_document(Document(name, text, name, {"published": date} if date else {})), schema.names)
        for name, text, date in CASES], schema=schema).to_pylist()
    assert len(got) == len(CASES) + 1
    for want in expected:
        have = got[want["id"]]
        assert {k: v for k, v in have.items() if k not in ("source", "meta")} == {
            k: v for k, v in want.items() if k not in ("source", "meta")}, want["id"]
    assert got["no-text"]["ok"] is False and "no text" in got["no-text"]["error"]
    assert sum(1 for row in got.values() if row["ok"]) == len(CASES)


def test_run_writes_the_same_warehouse_as_the_local_batch(spark, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from khabar.spark import run

    feed = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": name, "text": text, "date": date, "outlet": "test"}, ensure_ascii=False)
             for name, text, date in CASES]
    feed.write_text("\n".join([*lines[:5], "{not json", *lines[5:], '{"id": "x", "body": "no text"}']) + "\n",
                    encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(bytes(range(256)) * 4)
    inputs = [str(feed), str(tmp_path / "broken.txt")]
    counts = run(inputs, tmp_path / "spark", spark=spark, partitions=3)
    assert counts == {"ok": len(CASES), "failed": 3, "skipped": 0}

    from khabar.batch import iter_documents

    write_rows((analyze_document(d) for d in iter_documents(inputs)), tmp_path / "local")
    spark_rows = sorted(iter_rows(tmp_path / "spark"), key=lambda r: r["id"])
    local_rows = sorted(iter_rows(tmp_path / "local"), key=lambda r: r["id"])
    assert [r["id"] for r in spark_rows] == [r["id"] for r in local_rows]
    for have, want in zip(spark_rows, local_rows):
        assert have == want, have["id"]
    failed = {r["id"]: r["error"] for r in spark_rows if not r["ok"]}
    assert set(failed) == {f"{feed}:6", f"{feed}:{len(CASES) + 2}", str(tmp_path / "broken.txt")}

    again = run(inputs, tmp_path / "spark", spark=spark)
    assert again == {"ok": 0, "failed": 0, "skipped": len(CASES) + 3}
    assert len(list(iter_rows(tmp_path / "spark"))) == len(CASES) + 3


def test_cli_engine_spark(spark, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    samples = Path(__file__).resolve().parents[1] / "samples"
    out = tmp_path / "wh"
    result = CliRunner().invoke(app, ["analyze", str(samples), "-o", str(out), "--engine", "spark",
                                      "--master", "local[2]"])
    assert result.exit_code == 0, result.output
    assert "7 analyzed, 0 failed, 0 already done" in result.output
    assert {r["id"] for r in iter_rows(out)} == {"article.clean.txt", "article.damaged.txt",
                                                 *(f"feed-{n}" for n in range(1, 6))}
