import json
import subprocess
import sys

import pytest

DAMAGED = "وقالالوزير ان ¢الوضع صعب¢ الي حد ما"


def khabar(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "khabar", *args], input=stdin, capture_output=True, timeout=120)


def test_repair_plain_text_from_stdin() -> None:
    run = khabar("repair", "-", stdin=DAMAGED.encode())
    assert run.returncode == 0, run.stderr.decode()
    assert run.stdout.decode() == "وقال الوزير إن «الوضع صعب» إلى حد ما\n"


def test_repair_json(tmp_path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    run = khabar("repair", str(path), "--json")
    assert run.returncode == 0, run.stderr.decode()
    data = json.loads(run.stdout)
    assert data["text"] == "وقال الوزير إن «الوضع صعب» إلى حد ما"
    assert {"start", "end", "before", "after", "kind", "confidence", "reason"} <= set(data["edits"][0])
    assert all(DAMAGED[e["start"] : e["end"]] == e["before"] for e in data["edits"])


def test_repair_options(tmp_path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    run = khabar("repair", str(path), "--only", "quote", "--quotes", '""')
    assert run.stdout.decode() == 'وقالالوزير ان "الوضع صعب" الي حد ما\n'
    run = khabar("repair", str(path), "--skip", "space,quote", "--min-confidence", "0.9")
    assert "وقالالوزير" in run.stdout.decode() and "¢" in run.stdout.decode()


def test_repair_diff_marks_changes(tmp_path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    run = khabar("repair", str(path), "--diff")
    out = run.stdout.decode()
    assert run.returncode == 0
    assert "[¢→«]" in out and "change(s)" in out


def test_repair_reads_windows_1256_and_utf16(tmp_path) -> None:
    for encoding in ("cp1256", "utf-16"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes("وصل الوفد الي القاهرة".encode(encoding))
        run = khabar("repair", str(path))
        assert run.stdout.decode() == "وصل الوفد إلى القاهرة\n"


@pytest.mark.parametrize("content", [bytes(range(256)) * 8, b"\xff\xfe\x00\xd8"])
def test_undecodable_file_gives_a_message_not_a_traceback(tmp_path, content: bytes) -> None:
    path = tmp_path / "junk.bin"
    path.write_bytes(content)
    run = khabar("repair", str(path))
    assert run.returncode == 2
    assert b"Traceback" not in run.stderr and b"khabar:" in run.stderr


def test_missing_file_and_bad_option() -> None:
    run = khabar("repair", "/nonexistent/file.txt")
    assert run.returncode == 2 and b"Traceback" not in run.stderr
    run = khabar("repair", "-", "--only", "hamzah", stdin=b"x")
    assert run.returncode == 2 and b"Traceback" not in run.stderr


def test_empty_input() -> None:
    run = khabar("repair", "-", stdin=b"")
    assert run.returncode == 0 and run.stdout == b""


ANALYZE_TEXT = "وقال الرئيس الفرنسي إيمانويل ماكرون في باريس إن فرنسا ستدفع 5 ملايين يورو."


def test_analyze_json(tmp_path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(ANALYZE_TEXT, encoding="utf-8")
    run = khabar("analyze", str(path), "--json")
    assert run.returncode == 0, run.stderr.decode()
    data = json.loads(run.stdout)
    assert data["text"] == ANALYZE_TEXT
    assert [t["text"] for t in data["tokens"][:2]] == ["و", "قال"]
    assert all(data["text"][t["start"] : t["end"]] == t["text"] for t in data["tokens"])
    labels = {(e["text"], e["label"]) for e in data["entities"]}
    assert ("باريس", "LOC") in labels and ("5 ملايين يورو", "MONEY") in labels
    assert data["sentences"] == [{"start": 0, "end": len(ANALYZE_TEXT)}]


def test_analyze_report_conllu_and_html_from_stdin() -> None:
    report = khabar("analyze", "-", stdin=ANALYZE_TEXT.encode())
    assert report.returncode == 0, report.stderr.decode()
    assert "entities" in report.stdout.decode() and "[LOC]" in report.stdout.decode()
    conllu = khabar("analyze", "-", "--format", "conllu", stdin=ANALYZE_TEXT.encode()).stdout.decode()
    rows = [line.split("\t") for line in conllu.splitlines() if line and not line.startswith("#")]
    assert rows[0][1] == "و" and rows[0][9] == "SpaceAfter=No"
    html = khabar("analyze", "-", "--format", "html", stdin=ANALYZE_TEXT.encode()).stdout.decode()
    assert html.startswith("<!DOCTYPE html>") and 'dir="rtl"' in html


def test_analyze_bad_input(tmp_path) -> None:
    binary = tmp_path / "image.bin"
    binary.write_bytes(bytes(range(256)) * 20)
    run = khabar("analyze", str(binary))
    assert run.returncode == 2 and b"Traceback" not in run.stderr
    assert khabar("analyze", str(tmp_path / "missing.txt")).returncode != 0
    assert khabar("analyze", "-", "--format", "xml", stdin=b"x").returncode == 2
    empty = khabar("analyze", "-", "--json", stdin=b"")
    assert empty.returncode == 0 and json.loads(empty.stdout)["tokens"] == []
    cp1256 = tmp_path / "legacy.txt"
    cp1256.write_bytes(ANALYZE_TEXT.encode("cp1256"))
    assert json.loads(khabar("analyze", str(cp1256), "--json").stdout)["text"] == ANALYZE_TEXT


QUOTED = ("بغداد (رويترز) - قال المتحدث باسم وزارة الداخلية العراقية سعد معن إن 12 شخصا قتلوا وأصيب 30 آخرون "
          "في انفجار سيارة مفخخة أمس. وأضاف: «سنلاحق المسؤولين عن الهجوم».")


def test_analyze_report_shows_quotes_and_facts() -> None:
    run = khabar("analyze", "-", "--date", "2018-07-15", stdin=QUOTED.encode())
    assert run.returncode == 0, run.stderr.decode()
    out = run.stdout.decode()
    assert "quotes by speaker (2)" in out and "سعد معن" in out
    assert "counted facts" in out and "killed" in out and "injured" in out
    data = json.loads(khabar("analyze", "-", "--json", "--date", "2018-07-15", stdin=QUOTED.encode()).stdout)
    assert data["published"] == "2018-07-15"
    assert [q["speaker_name"] for q in data["quotes"]] == ["سعد معن", "سعد معن"]
    assert {(f["low"], f["event"]) for f in data["facts"]} >= {(12, "killed"), (30, "injured")}
    assert any(e["date"] and e["date"]["value"] == "2018-07-14" for e in data["events"])


def test_analyze_bad_date_is_a_usage_error() -> None:
    run = khabar("analyze", "-", "--date", "15/07/2018", stdin=QUOTED.encode())
    assert run.returncode == 2 and b"Traceback" not in run.stderr and b"ISO date" in run.stderr


def test_diff_names_invisible_changes() -> None:
    run = khabar("repair", "--diff", "-", stdin="بيروت\u00a0-\u200f قال\r\nالوزير".encode())
    shown = run.stdout.decode()
    assert "[⟨NBSP⟩→␣]" in shown and "[⟨RLM⟩→∅]" in shown and "[␍⏎→⏎]" in shown
    assert "[ → ]" not in shown


def test_empty_text_report_says_so() -> None:
    run = khabar("analyze", "-", stdin=b"")
    assert run.returncode == 0 and b"nothing to analyze" in run.stdout and b"None" not in run.stdout


def test_a_text_too_big_for_the_report_is_refused_with_the_limit_named(monkeypatch: pytest.MonkeyPatch,
                                                                         tmp_path) -> None:
    # issue 16: a 20 MB text in the default report ran 20 minutes and took 3.4 GB before any output
    from typer.testing import CliRunner

    import khabar.cli as cli

    monkeypatch.setattr(cli, "WHOLE_DOC_CHARS", 100)
    path = tmp_path / "big.txt"
    path.write_text("قال الوزير إن الوضع جيد. " * 10, encoding="utf-8")
    result = CliRunner().invoke(cli.app, ["analyze", str(path)])
    assert result.exit_code == 2 and "--json" in result.output and "100" in result.output
    streamed = CliRunner().invoke(cli.app, ["analyze", str(path), "--json"])
    assert streamed.exit_code == 0 and json.loads(streamed.stdout)["text"].startswith("قال")
