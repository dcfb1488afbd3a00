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
