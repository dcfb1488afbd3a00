"""Durability under kills (issue 16): ``kill -9`` a running ``khabar ingest`` many times, at random points.

Each round starts ``khabar ingest`` (``-j 1`` or ``-j 2``, alternating) on the same folder of articles and
kills its whole process group with SIGKILL after a random delay of 0.5–5 s (so the kill lands during
start-up, inside an article's analysis, its commit, or between them). After every kill the
database must pass its integrity check and hold every article the run reported as stored; at the end one
run without a kill completes the corpus, and every article must be there exactly once.

Articles are the written-for-khabar samples in ``samples/`` (and numbered copies of them), so the run needs
no shared data.

    python bench/kill_ingest.py --kills 50
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = Path(__file__).resolve().parent / "results" / "kill-ingest.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--copies", type=int, default=12, help="numbered copies of each sample article")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    from khabar.store import Store

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    work = Path(tempfile.mkdtemp())
    folder = work / "in"
    folder.mkdir()
    names = []
    for n in range(args.copies):
        for k, text in enumerate(texts):
            name = f"{n:03}-{k:02}.txt"
            (folder / name).write_text(f"{text}\n(الخبر رقم {n})", encoding="utf-8")
            names.append(name)
    db = work / "c.db"
    rng = random.Random(args.seed)
    reported: set[str] = set()
    failures: list[str] = []
    started = time.monotonic()
    kills = 0
    for attempt in range(args.kills):
        jobs = "1" if attempt % 2 == 0 else "2"
        command = [sys.executable, "-m", "khabar", "ingest", str(folder), "--db", str(db), "-v", "-j", jobs]
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                start_new_session=True, cwd=ROOT)
        lines: list[str] = []
        reader = threading.Thread(target=lines.extend, args=(proc.stdout or [],), daemon=True)
        reader.start()
        # a random moment: during start-up, inside an analysis, or around a commit
        time.sleep(rng.uniform(0.5, 5.0))
        killed = proc.poll() is None
        if killed:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=120)
        reader.join(10)
        reported.update(line.split("\t")[1] for line in lines if line.startswith("stored\t"))
        kills += killed
        with Store(db) as check:
            if not check.check():
                failures.append(f"round {attempt}: integrity check failed")
            stored = [row[0] for row in check.db.execute("SELECT doc_id FROM articles")]
            if not reported <= set(stored):
                failures.append(f"round {attempt}: reported but missing {sorted(reported - set(stored))[:3]}")
            if len(stored) != len(set(stored)):
                failures.append(f"round {attempt}: an article stored twice")
        if len(stored) == len(names):
            break  # the corpus is complete: no article left to be killed in the middle of
    final = subprocess.run([sys.executable, "-m", "khabar", "ingest", str(folder), "--db", str(db)],
                           capture_output=True, text=True, timeout=600, cwd=ROOT)
    with Store(db) as check:
        stored = [row[0] for row in check.db.execute("SELECT doc_id FROM articles")]
        ok = check.check()
    lost = sorted(set(names) - set(stored))
    doubled = len(stored) - len(set(stored))
    result = {"articles": len(names), "kills": kills, "rounds": attempt + 1, "final_exit": final.returncode,
              "lost": len(lost), "doubled": doubled, "integrity": ok, "failures": failures,
              "reported_before_kills": len(reported), "seconds": round(time.monotonic() - started, 1)}
    print(json.dumps(result, indent=1))
    RESULTS.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
