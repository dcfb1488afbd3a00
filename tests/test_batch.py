"""Batch analysis: inputs of every kind, bad documents recorded, resumable output, Parquet."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.batch import BadInput, Document, analyze_document, done_ids, iter_documents, run, to_parquet
from khabar.cli import app

ARTICLES = [
    "قال وزير الخارجية اللبناني في بيروت إن الحكومة ستجتمع غدا لبحث الأزمة.",
    "أعلنت وزارة الصحة المصرية في القاهرة تسجيل 12 إصابة جديدة.",
    "فاز الفريق الأهلي على الزمالك بهدفين في المباراة النهائية للكأس.",
]


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "one.txt").write_text(ARTICLES[0], encoding="utf-8")
    (folder / "sub" / "cp.txt").write_bytes(ARTICLES[1].encode("cp1256"))
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "ignored.bin").write_bytes(b"\x00\x01")
    lines = [json.dumps({"id": "j1", "text": ARTICLES[2], "date": "2018-07-15", "title": "مباراة"}, ensure_ascii=False),
             "{not json", json.dumps({"id": "j2", "body": "لا نص هنا"}, ensure_ascii=False), "",
             json.dumps(["a", "list"])]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with zipfile.ZipFile(folder / "archive.zip", "w") as archive:
        archive.writestr("news.csv", "id,text\nc1," + ARTICLES[0] + "\nc2,\"خبر، مع فاصلة\"\n")
        archive.writestr("notes.md", "ignored")
    (folder / "broken.zip").write_bytes(b"PK not really")
    return folder


def test_every_kind_of_input_is_read_and_bad_ones_are_reported(inputs: Path) -> None:
    items = list(iter_documents([inputs]))
    docs = {d.id: d for d in items if isinstance(d, Document)}
    bad = {b.source: b.reason for b in items if isinstance(b, BadInput)}
    assert set(docs) == {"one.txt", "sub/cp.txt", "j1", "c1", "c2"}
    assert docs["sub/cp.txt"].text == ARTICLES[1]  # Windows-1256 decoded
    assert docs["c2"].text == "خبر، مع فاصلة"
    assert docs["j1"].meta == {"title": "مباراة", "date": "2018-07-15"} and docs["j1"].published == "2018-07-15"
    assert "binary.txt" in bad and "broken.zip" in " ".join(bad)
    assert bad["feed.jsonl:2"].startswith("bad JSON")
    assert bad["feed.jsonl:3"] == "no text in field 'text'"
    assert "feed.jsonl:5" in bad  # a JSON list, not an object
    assert not any("notes.md" in key or "ignored.bin" in key for key in [*docs, *bad])


def test_text_field_and_missing_path(tmp_path: Path) -> None:
    feed = tmp_path / "f.jsonl"
    feed.write_text(json.dumps({"body": "نص"}, ensure_ascii=False) + "\n", encoding="utf-8")
    found = list(iter_documents([feed, tmp_path / "nope.txt"], text_field="body"))
    assert isinstance(found[0], Document) and found[0].id == f"{feed}:1" and found[0].text == "نص"
    assert isinstance(found[1], BadInput) and found[1].reason == "no such file or folder"


def test_analyze_document_never_raises() -> None:
    row = analyze_document(Document("d", ARTICLES[0], "d", {"date": "2018-13-45"}))
    assert row["ok"] and row["warnings"] and row["analysis"]["published"] is None
    assert any(e["text"] == "بيروت" for e in row["analysis"]["entities"])
    assert analyze_document(Document("e", "", "e"))["ok"]
    assert analyze_document(Document("z", "\x00\ufffd" * 50, "z"))["ok"]
    assert analyze_document(BadInput("b", "why"))["error"] == "why"


def test_run_is_resumable_and_drops_a_cut_last_line(tmp_path: Path) -> None:
    docs = [Document(f"d{n}", text, f"d{n}") for n, text in enumerate(ARTICLES)]
    out = tmp_path / "out.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        assert run(docs[:2], handle) == {"ok": 2, "failed": 0, "skipped": 0}
    with out.open("a", encoding="utf-8") as handle:
        handle.write('{"id": "d2", "ok": tr')  # a run killed mid-line
    assert done_ids(out) == {"d0", "d1"}
    with out.open("a", encoding="utf-8") as handle:
        assert run(docs, handle, skip=done_ids(out)) == {"ok": 1, "failed": 0, "skipped": 2}
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["d0", "d1", "d2"]


def test_two_processes_give_the_same_rows_in_order(tmp_path: Path) -> None:
    docs = [Document(f"d{n}", text, f"d{n}") for n, text in enumerate(ARTICLES * 2)]
    one, two = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    with one.open("w", encoding="utf-8") as handle:
        run(docs, handle, jobs=1)
    with two.open("w", encoding="utf-8") as handle:
        run(docs, handle, jobs=2)
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")


def test_cli_batch_writes_jsonl_and_parquet_and_resumes(inputs: Path, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    runner = CliRunner()
    out = tmp_path / "out.parquet"
    result = runner.invoke(app, ["analyze", str(inputs), "-o", str(out), "-j", "2"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in Path(str(out) + ".jsonl").read_text(encoding="utf-8").splitlines()]
    assert sum(r["ok"] for r in rows) == 5 and sum(not r["ok"] for r in rows) >= 5
    table = pq.read_table(out)
    assert table.num_rows == len(rows) and "entities" in table.column_names
    again = runner.invoke(app, ["analyze", str(inputs), "-o", str(out)])
    assert again.exit_code == 0 and f"{len(rows)} already done" in again.output
    assert len(Path(str(out) + ".jsonl").read_text(encoding="utf-8").splitlines()) == len(rows)


def test_cli_batch_to_stdout(tmp_path: Path) -> None:
    feed = tmp_path / "f.jsonl"
    feed.write_text("\n".join(json.dumps({"id": f"n{n}", "text": t}, ensure_ascii=False)
                              for n, t in enumerate(ARTICLES)) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(feed)])
    assert result.exit_code == 0
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines() if line.startswith("{")]
    assert ids == ["n0", "n1", "n2"]


def test_to_parquet_without_rows(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    empty = tmp_path / "e.jsonl"
    empty.write_text("", encoding="utf-8")
    assert to_parquet(empty, tmp_path / "e.parquet") == 0


def test_parquet_columns_are_typed_by_the_schema(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    from khabar.schema import SCHEMA_VERSION, arrow_schema

    feed = tmp_path / "f.jsonl"
    feed.write_text("\n".join(json.dumps({"id": f"n{n}", "text": t}, ensure_ascii=False)
                              for n, t in enumerate(ARTICLES)) + "\nnot json\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        run(iter_documents([str(feed)]), handle)
    assert to_parquet(out, tmp_path / "out.parquet") == 4
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.schema.equals(arrow_schema()) and "tokens" not in table.column_names
    rows = table.to_pylist()
    ok = [r for r in rows if r["ok"]]
    assert len(ok) == 3 and ok[0]["entities"] and isinstance(ok[0]["entities"][0]["start"], int)
    assert all(r["schema_version"] == SCHEMA_VERSION for r in ok) and not rows[-1]["ok"] and rows[-1]["error"]
    assert to_parquet(out, tmp_path / "t.parquet", tokens=True) == 4
    assert pq.read_table(tmp_path / "t.parquet").to_pylist()[0]["tokens"][0]["text"]


def test_a_document_over_the_limit_is_refused_with_the_limit_named(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 16: a batch (and khabar ingest) analyzes each document whole, in memory that grows with it; a
    document over 2,000,000 characters is an error row naming the limit, and the run goes on."""
    from khabar.batch import MAX_DOC_CHARS
    from khabar.store import Store

    huge = Document("huge", "قال الوزير " * (MAX_DOC_CHARS // 10), "huge.txt")
    assert len(huge.text) > MAX_DOC_CHARS
    row = analyze_document(huge)
    assert row["ok"] is False and row["id"] == "huge" and "analysis" not in row
    assert "2,000,000" in row["error"] and "--json" in row["error"]
    monkeypatch.setattr("khabar.batch.MAX_DOC_CHARS", 21)  # the limit itself is allowed
    assert analyze_document(Document("edge", "زار الوزير بيروت أمس.", "edge.txt"))["ok"] is True
    assert analyze_document(Document("edge", "زار الوزير بيروت أمس..", "edge.txt"))["ok"] is False
    monkeypatch.undo()
    with Store(tmp_path / "c.db") as store:
        results = list(store.ingest([huge, Document("small", ARTICLES[0], "small.txt")]))
        assert [r.status for r in results] == ["failed", "stored"]
        assert "2,000,000" in (results[0].error or "")
        assert store.count() == 1
