"""The corpus store: Arabic-aware search, facets, idempotent and kill-safe ingestion, the CLI verbs."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.batch import BadInput, Document
from khabar.cli import app
from khabar.store import Store, StoreError, query_terms

ARTICLES = {
    "un": "قالت الأمم المتحدة في بيان إن المساعدات وصلت إلى غزة أمس.",
    "glued": "عقد مجلس الأمن اجتماعا للأممالمتحدة في جنيف لبحث الأزمة السورية.",
    "lil": "وجهت الحكومة اللبنانية نداء للأمم المتحدة من بيروت لدعم اللاجئين.",
    "sport": "فاز الأهلي على الزمالك بهدفين نظيفين في نهائي كأس مصر بالقاهرة.",
    "quote": "وقال وزير الخارجية الفرنسي جان إيف لودريان في باريس إن \"الحل السياسي هو الطريق الوحيد\".",
    "demand": "وطالب وزير الخارجية اليمني الأطراف بوقف إطلاق النار في صنعاء فورا.",
    "strike": "قتل 12 مدنيا وأصيب 30 آخرون في غارة جوية على مدينة إدلب أمس. وقتل 3 أشخاص في انفجار عبوة في مدينة "
              "إدلب اليوم.",
    "arrests": "اعتقلت الشرطة العراقية 15 مشتبها في بغداد يوم الخميس.",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("store") / "corpus.db"
    db = Store(path)
    docs = [Document(key, text, key, {"date": f"2018-0{n + 1}-10", "title": f"عنوان {key}"})
            for n, (key, text) in enumerate(ARTICLES.items())]
    results = list(db.ingest([*docs, BadInput("bad.txt", "binary"), docs[0]]))
    assert [r.status for r in results].count("stored") == len(ARTICLES)
    return db


def test_query_terms_fold_spelling_clitics_and_glued_words() -> None:
    assert query_terms("الامم المتحدة") == query_terms("للأمم المتحدة") == query_terms("الأممالمتحدة")
    assert query_terms("\"؟*") == []


@pytest.mark.parametrize("query", ["الامم المتحدة", "الأمم المتحدة", "للأمم المتحدة", "الأممالمتحدة", "أمم متحدة"])
def test_search_finds_every_form(store: Store, query: str) -> None:
    found = store.search(query)
    assert {hit["doc_id"] for hit in found["results"]} == {"un", "glued", "lil"}
    for hit in found["results"]:
        assert "[" in hit["snippet"] and hit["spans"]
        article = store.article(hit["id"])
        assert article is not None
        assert all("متحد" in article["text"][s:e] or "أمم" in article["text"][s:e] for s, e in hit["spans"])


def test_raw_text_is_kept_and_repaired_text_indexed(store: Store) -> None:
    hit = store.search("الأمم المتحدة جنيف")["results"][0]
    article = store.article(hit["id"])
    assert article["original"] == ARTICLES["glued"] and "للأمم المتحدة" in article["text"]
    assert article["analysis"]["edits"] and "tokens" not in article["analysis"]


def test_filters_and_facets(store: Store) -> None:
    found = store.search("", place="القاهرة")
    assert [h["doc_id"] for h in found["results"]] == ["sport"]
    assert store.search("الأمم المتحدة", place="بيروت")["total"] == 1
    assert store.search("", since="2018-04-01")["total"] == 5  # sport (04), quote, demand, strike, arrests
    assert store.search("", until="2018-01-10")["total"] == 1
    facets = store.search("الأمم المتحدة")["facets"]
    assert {"value": "2018-01", "count": 1} in facets["month"]
    places = {f["value"] for f in facets["place"]}
    assert {"بيروت", "جنيف"} <= places
    assert store.search("كلمة لا توجد في أي مقال")["total"] == 0


def test_act_facet_and_filter(store: Store) -> None:
    found = store.search("", act="demand")  # طالب …، and وجهت الحكومة نداء للأمم المتحدة (an appeal)
    assert sorted(hit["doc_id"] for hit in found["results"]) == ["demand", "lil"]
    acts = {f["value"]: f["count"] for f in store.search("")["facets"]["act"]}
    assert acts.get("demand") == 2 and acts.get("statement", 0) >= 2


def test_event_map_by_place(store: Store) -> None:
    found = store.events()
    assert found["events"] == 3 and found["articles"] == 2 and found["unplaced"] == 0
    assert found["totals"]["killed"] == 15 and found["totals"]["injured"] == 30 and found["totals"]["arrested"] == 15
    assert {t["value"]: t["count"] for t in found["types"]} == {"airstrike": 1, "explosion": 1, "arrest": 1}
    idlib, baghdad = found["places"]  # most events first
    assert (idlib["link"], idlib["country"], idlib["events"], idlib["articles"]) == ("geonames:169389", "SY", 2, 1)
    assert (idlib["killed"], idlib["injured"], idlib["types"]) == (15, 30, {"airstrike": 1, "explosion": 1})
    assert idlib["lat"] == pytest.approx(35.93, abs=0.1) and idlib["precision"] == "place"
    assert (baghdad["country"], baghdad["arrested"], baghdad["types"]) == ("IQ", 15, {"arrest": 1})
    only = store.events(type="arrest")
    assert [p["country"] for p in only["places"]] == ["IQ"] and only["events"] == 1
    assert store.events("غارة")["articles"] == 1  # the same query as search
    assert store.events("كلمةلاتوجد")["places"] == []


def test_event_facet_and_filter(store: Store) -> None:
    assert [hit["doc_id"] for hit in store.search("", event="arrest")["results"]] == ["arrests"]
    facet = {f["value"]: f["count"] for f in store.search("")["facets"]["event"]}
    assert facet == {"airstrike": 1, "explosion": 1, "arrest": 1}


def test_events_are_filled_for_a_database_written_before_them(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store(path) as db:
        list(db.ingest([Document("a", ARTICLES["arrests"], "a")]))
        db.db.execute("DELETE FROM events")
        db.db.execute("DELETE FROM meta WHERE key = 'events'")
        db.db.commit()
    with Store(path) as db:
        assert db.events()["events"] == 1
    with Store(path, readonly=True) as db:
        assert db.events(type="arrest")["places"][0]["arrested"] == 15


def test_lone_surrogates_are_stored_and_searched(tmp_path: Path) -> None:
    # issue 16: a lone surrogate in an article or a query reached SQLite and raised UnicodeEncodeError
    with Store(tmp_path / "s.db") as db:
        raw = chr(0xDCFF) + " قال الوزير إن الوضع جيد"
        assert [r.status for r in db.ingest([Document("s", raw, "s"), Document("t", raw, "t")])] == [
            "stored", "duplicate"]
        assert db.article(1)["original"][0] == chr(0xFFFD)
        assert db.search(chr(0xDCFF) + chr(0xDCFE))["total"] == 0 and db.search("الوزير")["total"] == 1
        assert db.events(chr(0xDCFF), type=chr(0xDCFF))["events"] == 0
        assert db.article(2**63) is None and db.article(-1) is None


def test_ingest_of_a_missing_path_fails_before_creating_the_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "none"), "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 2 and "no such file or folder" in " ".join(result.output.split())
    assert not (tmp_path / "c.db").exists()


def test_speakers_and_top_lists(store: Store) -> None:
    speakers = store.top("speaker")
    assert speakers and "لودريان" in " ".join(s["name"] for s in speakers)
    assert store.search("", speaker="لودريان")["total"] == 1
    with pytest.raises(ValueError):
        store.top("colour")


def test_failures_are_recorded_once_and_duplicates_not_stored(store: Store) -> None:
    assert store.stats()["articles"] == len(ARTICLES)
    assert store.stats()["failures"] == 1
    assert store.check()
    again = list(store.ingest([Document("x", ARTICLES["un"], "x"), BadInput("bad.txt", "binary")]))
    assert [r.status for r in again] == ["duplicate", "failed"]
    assert store.stats() | {"bytes": 0} == {"articles": len(ARTICLES), "failures": 1, "bytes": 0}


def test_fts_syntax_in_queries_is_plain_text(store: Store) -> None:
    for query in ['"', "AND OR NOT", "غزة*", "(بيروت", "NEAR(غزة)", "-", "' OR 1=1 --"]:
        store.search(query)  # must not raise


def test_not_a_database(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError):
        Store(junk)
    with pytest.raises(StoreError):
        Store(tmp_path / "missing.db", readonly=True)


def test_cli_ingest_and_search(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({"id": k, "text": t, "date": "2018-07-15"}, ensure_ascii=False)
                              for k, t in ARTICLES.items()) + "\n", encoding="utf-8")
    db = tmp_path / "c.db"
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(feed), "--db", str(db), "-v"])
    assert first.exit_code == 0, first.output
    assert first.stdout.count("stored\t") == len(ARTICLES)
    second = runner.invoke(app, ["ingest", str(feed), "--db", str(db)])
    assert "0 stored" in second.output and f"{len(ARTICLES)} already there" in second.output
    found = runner.invoke(app, ["search", "الامم المتحدة", "--db", str(db), "--json"])
    assert found.exit_code == 0
    assert json.loads(found.stdout)["total"] == 3
    report = runner.invoke(app, ["search", "الزمالك", "--db", str(db)])
    assert report.exit_code == 0 and "1 article(s)" in report.stdout
    assert runner.invoke(app, ["search", "x", "--db", str(tmp_path / "none.db")]).exit_code == 2
    assert runner.invoke(app, ["search", "x", "--db", str(db), "--since", "July"]).exit_code == 2
    events = runner.invoke(app, ["events", "--db", str(db)])
    assert events.exit_code == 0, events.output
    assert "3 event(s) in 2 article(s)" in events.stdout and "killed 15" in events.stdout
    assert "arrest (1)" in events.stdout and "SY" in events.stdout
    places = json.loads(runner.invoke(app, ["events", "--db", str(db), "--type", "arrest", "--json"]).stdout)
    assert [(p["country"], p["arrested"]) for p in places["places"]] == [("IQ", 15)]
    assert runner.invoke(app, ["events", "--db", str(tmp_path / "none.db")]).exit_code == 2


def test_killing_ingestion_never_corrupts_or_loses_reported_articles(tmp_path: Path) -> None:
    """Kill -9 a running ``khabar ingest`` at random points; what it reported stored is there, and a
    rerun completes the corpus with no article twice."""
    folder = tmp_path / "in"
    folder.mkdir()
    texts = [f"{text} (الخبر رقم {n})" for n in range(8) for text in ARTICLES.values()]
    for n, text in enumerate(texts):
        (folder / f"{n:03}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "c.db"
    command = [sys.executable, "-m", "khabar", "ingest", str(folder), "--db", str(db), "-v"]
    rng = random.Random(7)
    reported: set[str] = set()
    for _attempt in range(3):
        stop_after = rng.randint(1, 8)
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                start_new_session=True)
        seen = 0
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("stored\t"):
                reported.add(line.split("\t")[1])
                seen += 1
                if seen >= stop_after:
                    time.sleep(rng.random() * 0.05)  # land somewhere inside the next article's work
                    os.killpg(proc.pid, signal.SIGKILL)
                    break
        proc.wait(timeout=60)
        with Store(db) as check:
            assert check.check()
            stored = {row[0] for row in check.db.execute("SELECT doc_id FROM articles")}
            assert reported <= stored
    final = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert final.returncode == 0, final.stderr
    with Store(db) as check:
        doc_ids = [row[0] for row in check.db.execute("SELECT doc_id FROM articles")]
        assert sorted(doc_ids) == sorted(f"{n:03}.txt" for n in range(len(texts)))
        assert check.check()


def test_named_speakers_are_labelled(store: Store) -> None:
    people = store.top("speaker", label="PER")
    assert people and all(p["label"] == "PER" for p in people)
    assert "لودريان" in " ".join(p["name"] for p in people)


# ---------------------------------------------------------------- durability faults (issue 16)


def _small_corpus(path: Path) -> Path:
    with Store(path) as db:
        assert [r.status for r in db.ingest([Document(k, ARTICLES[k], k) for k in ("un", "sport")])] == ["stored"] * 2
    return path


def _rows(path: Path) -> list[tuple[object, ...]]:
    import sqlite3

    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return [tuple(r) for t in ("articles", "mentions", "events", "failures")
                for r in db.execute(f"SELECT * FROM {t} ORDER BY rowid")]


def _one_line_exit_2(result: object, *words: str) -> None:
    """A CLI failure: exit status 2, one message naming the problem (the test console wraps it at 80 columns;
    a progress bar may stand beside it), no traceback."""
    output = " ".join(result.output.split())  # type: ignore[attr-defined]
    assert result.exit_code == 2, output  # type: ignore[attr-defined]
    assert "Traceback" not in output and output.count("khabar:") == 1, output
    for word in words:
        assert word in output, output


def test_a_full_disk_stops_ingest_with_one_line_and_no_half_written_article(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite's 'database or disk is full' raised inside the insert transaction (after the article row, before its
    mentions): ``khabar ingest`` exits 2 with one line, the database holds exactly what it held before."""
    import sqlite3

    import khabar.store as store_module

    db = _small_corpus(tmp_path / "c.db")
    before = _rows(db)
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "quote", "text": ARTICLES["quote"]}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    real = store_module._mentions

    def full(analysis: dict[str, object]) -> object:  # called inside the transaction, after the INSERTs began
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store_module, "_mentions", full)
    result = CliRunner().invoke(app, ["ingest", str(feed), "--db", str(db)])
    _one_line_exit_2(result, "database or disk is full", "quote was not stored", str(db.name))
    monkeypatch.setattr(store_module, "_mentions", real)
    assert _rows(db) == before
    with Store(db) as again:  # the next run (disk freed) stores it
        assert [r.status for r in again.ingest([Document("quote", ARTICLES["quote"], "quote")])] == ["stored"]
        assert again.check() and again.count() == 3


def test_a_read_only_database_is_a_clear_error(tmp_path: Path) -> None:
    """A database file (and folder) that cannot be written: ingest exits 2 with one line, the file unchanged.
    As root chmod does not stop writing, so there the read-only file is simulated with SQLite's mode=ro."""
    import sqlite3
    import stat

    (tmp_path / "ro").mkdir()
    db = _small_corpus(tmp_path / "ro" / "c.db")
    before = _rows(db)
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "quote", "text": ARTICLES["quote"]}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    if os.geteuid() != 0:
        db.chmod(stat.S_IRUSR)
        db.parent.chmod(stat.S_IRUSR | stat.S_IXUSR)
        try:
            result = CliRunner().invoke(app, ["ingest", str(feed), "--db", str(db)])
        finally:
            db.parent.chmod(stat.S_IRWXU)
            db.chmod(stat.S_IRUSR | stat.S_IWUSR)
        _one_line_exit_2(result, "cannot write to the corpus database", "readonly")
    else:
        real = sqlite3.connect

        def read_only(target: str, *args: object, **kwargs: object) -> sqlite3.Connection:
            kwargs["uri"] = True
            return real(f"file:{target}?mode=ro", *args, **kwargs)  # type: ignore[arg-type]

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("khabar.store.sqlite3.connect", read_only)
            result = CliRunner().invoke(app, ["ingest", str(feed), "--db", str(db)])
        _one_line_exit_2(result, "cannot write to the corpus database", "readonly")
    assert _rows(db) == before


def test_a_damaged_database_is_found_at_open(tmp_path: Path) -> None:
    """Garbage bytes over the pages of a corpus: ingest finds it at open (quick_check) and search when it reads;
    each exits 2 with one line naming the damage, never a traceback."""
    db = _small_corpus(tmp_path / "c.db")
    data = bytearray(db.read_bytes())
    assert len(data) > 8192
    rng = random.Random(1)
    for at in range(4096, len(data), 4096):  # every page but the first (the header stays: it opens)
        data[at + 100:at + 1100] = bytes(rng.randrange(256) for _ in range(1000))
    db.write_bytes(bytes(data))
    runner = CliRunner()
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "quote", "text": ARTICLES["quote"]}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    _one_line_exit_2(runner.invoke(app, ["ingest", str(feed), "--db", str(db)]), "damaged")
    with pytest.raises(StoreError, match="damaged"):
        Store(db)
    _one_line_exit_2(runner.invoke(app, ["search", "الزمالك", "--db", str(db)]))
    _one_line_exit_2(runner.invoke(app, ["events", "--db", str(db)]))
