"""A 20 MB single text file through each surface of the CLI: time, peak memory, exit status, message.

    python bench/big_input.py [--mb 20] [--json-timeout 1500]

The file is built at run time in a temporary folder by joining real articles of the ANT corpus (shared
data, never written into the repository) up to ``--mb`` megabytes of UTF-8, then given to

* ``khabar analyze FILE`` (the terminal report), ``khabar analyze FILE --json`` (streamed JSON, written to
  a temporary file), ``khabar analyze FILE -o out.jsonl`` (a batch) and ``khabar ingest FILE --db …``,

each in its own process; its peak resident memory is the child's ``ru_maxrss`` (``os.wait4``). The target
(issue 16): under 1.5 GB each, or a clear refusal naming the limit. Results go to
``bench/results/big-input.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from khabar_dev.corpora import iter_ant, require_shared_data  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "big-input.json"


def build(path: Path, megabytes: float) -> dict[str, int]:
    """Join real articles into ``path`` up to ``megabytes`` of UTF-8 (looping over the corpus if needed)."""
    limit = int(megabytes * 1_000_000)
    archive = require_shared_data() / "news" / "ant-multisource-v2.1-alarabiya-bbc-skynews.tar.gz"
    size = articles = 0
    with path.open("w", encoding="utf-8") as out:
        while size < limit:
            for article in iter_ant(archive):
                piece = (article.text.strip() + "\n\n").encode("utf-8")
                if size + len(piece) > limit:
                    size = limit
                    break
                out.write(piece.decode("utf-8"))
                size += len(piece)
                articles += 1
    text = path.read_text(encoding="utf-8")
    return {"bytes": path.stat().st_size, "characters": len(text), "articles": articles}


def measure(command: list[str], timeout: float, stdout: Path | None = None) -> dict[str, object]:
    """Run ``command``: exit status, seconds, peak memory (MB) and the last lines of its stderr."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err, (stdout.open("wb") if stdout else open(os.devnull, "wb")) as out:
        process = subprocess.Popen(command, stdout=out, stderr=err)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.2)
        seconds = time.perf_counter() - started
        err.seek(0)
        message = err.read().decode("utf-8", "replace").strip().splitlines()
    said = " ".join(" ".join(message).split())
    return {"exit": os.waitstatus_to_exitcode(status), "seconds": round(seconds, 1),
            "peak_mb": round(usage.ru_maxrss / 1024), "timed_out": seconds > timeout,
            # khabar's own lines (the refusal, the summary), unwrapped; the progress bar left out
            "messages": [part.strip() for part in said.split("khabar:")[1:]]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=20)
    parser.add_argument("--json-timeout", type=float, default=1500, help="seconds the streamed --json run may take")
    parser.add_argument("--only", help="comma-separated surfaces: report,json,batch,ingest")
    args = parser.parse_args()
    khabar = [sys.executable, "-m", "khabar"]
    load = os.getloadavg()
    out: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="khabar-big-") as folder_name:
        folder = Path(folder_name)
        big = folder / "big.txt"
        out["file"] = build(big, args.mb)
        print(json.dumps(out["file"]), flush=True)
        surfaces = {
            "report": (khabar + ["analyze", str(big)], 600, None),
            "json": (khabar + ["analyze", str(big), "--json"], args.json_timeout, folder / "out.json"),
            "batch": (khabar + ["analyze", str(big), "-o", str(folder / "out.jsonl")], 600, None),
            "ingest": (khabar + ["ingest", str(big), "--db", str(folder / "c.db")], 600, None),
        }
        chosen = args.only.split(",") if args.only else list(surfaces)
        for name in chosen:
            command, timeout, stdout = surfaces[name]
            result = measure(command, timeout, stdout)
            if stdout is not None and stdout.exists():
                result["output_mb"] = round(stdout.stat().st_size / 1e6, 1)
                if result["exit"] == 0:
                    lines = stdout.read_text(encoding="utf-8").count("\n")
                    result["output_lines"] = lines
            out[name] = result
            print(name, json.dumps(result, ensure_ascii=False), flush=True)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=ROOT).stdout.strip()
    out.update({"commit": commit, "date": time.strftime("%Y-%m-%d"), "cpus": os.cpu_count(),
                "load_average_before": [round(x, 2) for x in load],
                "load_average_after": [round(x, 2) for x in os.getloadavg()],
                "command": "python " + " ".join(sys.argv)})
    previous = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() and args.only else {}
    RESULTS.write_text(json.dumps({**previous, **out}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
