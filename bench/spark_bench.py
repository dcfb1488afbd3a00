"""Spark engine against the local batch on the same held-out articles (issue 17).

    python bench/spark_bench.py --articles 2000            # the whole benchmark (about 10 minutes on 2 cores)
    python bench/spark_bench.py --articles 200 --no-kill   # a quick look

On the same ``--articles`` held-out BBC Arabic articles (ANT, seeded; the set ``bench/analyze_speed.py`` uses),
each run is a fresh ``khabar analyze`` process, so session start and model loading are included:

- ``khabar analyze in.jsonl -o out.jsonl -j 1`` and ``-j 2`` (the local batch),
- ``khabar analyze in.jsonl -o warehouse --engine spark --master local[1]`` and ``local[2]``,
- the fixed cost: the same Spark and local commands over 5 articles,
- a killed worker: a ``local[2]`` run in which one Spark Python worker gets SIGKILL after ``--kill-after``
  seconds; the warehouse must then hold every article exactly once.

For each run: wall seconds, documents/s, the CPU seconds of every process of the run (JVM, driver, Python
workers; sampled from /proc every 0.2 s, because the JVM's workers escape ``/usr/bin/time``), the peak of the
summed resident memory of all of them and the largest single Python worker, and the output's size per 1,000
articles. The Spark output is compared with the ``-j 2`` output article by article (the analysis JSON).
The machine is shared: the load average before and after each run is recorded. Results go to
``bench/results/spark.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from repair_bench import held_out  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "spark.json"
TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def _tree(root: int) -> list[int]:
    """``root`` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def _sample(pid: int) -> tuple[float, int, bool] | None:
    """(CPU seconds, resident bytes, is a Spark Python worker) of one process."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            command = handle.read()
    except OSError:
        return None
    cpu = (int(fields[11]) + int(fields[12])) / TICK
    return cpu, int(fields[21]) * PAGE, b"pyspark.daemon" in command or b"pyspark/daemon" in command


class Watch(threading.Thread):
    """Samples a process tree until it ends: peak summed RSS, peak worker RSS, CPU seconds per process."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.stop = pid, threading.Event()
        self.peak, self.worker_peak, self.cpu = 0, 0, {}  # type: ignore[var-annotated]
        self.workers: set[int] = set()

    def run(self) -> None:
        while not self.stop.is_set():
            total = 0
            for pid in _tree(self.pid):
                found = _sample(pid)
                if found is None:
                    continue
                cpu, rss, worker = found
                self.cpu[pid] = cpu
                total += rss
                if worker:
                    self.workers.add(pid)
                    self.worker_peak = max(self.worker_peak, rss)
            self.peak = max(self.peak, total)
            time.sleep(0.2)


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def timed(command: list[str], output: Path, count: int, kill_after: float | None = None) -> dict[str, object]:
    load = os.getloadavg()[0]
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    watch = Watch(process.pid)
    watch.start()
    killed = None
    if kill_after is not None:
        killer = threading.Thread(target=_kill_worker, args=(watch, kill_after, started), daemon=True)
        killer.start()
    _, err = process.communicate()
    seconds = time.perf_counter() - started
    watch.stop.set()
    watch.join()
    if kill_after is not None:
        killer.join()
        killed = getattr(watch, "killed", None)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{err.decode()[-2000:]}")
    result: dict[str, object] = {
        "command": " ".join(command[2:]), "seconds": round(seconds, 1), "docs_per_s": round(count / seconds, 2),
        "cpu_seconds": round(sum(watch.cpu.values()), 1), "peak_rss_mb": round(watch.peak / 2**20),
        "python_workers": len(watch.workers), "worker_peak_rss_mb": round(watch.worker_peak / 2**20) or None,
        "output_mb_per_1000": round(_size(output) / 2**20 / count * 1000, 2),
        "load_before": round(load, 2), "load_after": round(os.getloadavg()[0], 2),
        "summary": err.decode().strip().splitlines()[-1] if err.strip() else "",
    }
    if killed is not None:
        result["killed_worker"] = killed
    return result


def _kill_worker(watch: Watch, after: float, started: float) -> None:
    """SIGKILL one forked Spark Python worker (not the daemon) once ``after`` seconds have passed."""
    while time.perf_counter() - started < after:
        time.sleep(0.2)
    for _ in range(300):
        for pid in sorted(watch.workers):
            try:
                with open(f"/proc/{pid}/stat", encoding="utf-8") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
            if parent in watch.workers:  # forked by the daemon: a worker running tasks
                os.kill(pid, signal.SIGKILL)
                watch.killed = {"pid": pid, "at_s": round(time.perf_counter() - started, 1)}  # type: ignore[attr-defined]
                return
        time.sleep(0.2)


def _warehouse_rows(root: Path) -> list[dict[str, object]]:
    import pyarrow.dataset as ds

    return ds.dataset(root / "articles", format="parquet", partitioning="hive").to_table(
        columns=["id", "ok", "analysis"]).to_pylist()


def compare(jsonl: Path, warehouse: Path) -> dict[str, int]:
    """Articles whose analysis is the same in the local output and in the Spark warehouse."""
    from khabar.text import dumps_json

    local = {}
    with jsonl.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            analysis = dict(row.get("analysis") or {})
            analysis.pop("text", None)
            analysis.pop("original", None)
            local[row["id"]] = dumps_json(analysis) if row["ok"] else None
    spark = {row["id"]: row["analysis"] for row in _warehouse_rows(warehouse)}
    same = sum(1 for key, value in local.items() if key in spark and spark[key] == value)
    return {"local": len(local), "spark": len(spark), "identical": same}


def integrity(warehouse: Path, ids: list[str]) -> dict[str, object]:
    import duckdb

    rows = _warehouse_rows(warehouse)
    found = [row["id"] for row in rows]
    entities = duckdb.sql(f"select count(*) - count(distinct (article_id, index)) from read_parquet("
                          f"'{warehouse}/entities/*/*/*.parquet', hive_partitioning=true)").fetchall()[0][0]
    return {"articles": len(found), "distinct": len(set(found)), "missing": len(set(ids) - set(found)),
            "duplicated": len(found) - len(set(found)), "duplicated_entity_rows": int(entities),
            "ok": sum(1 for row in rows if row["ok"])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--no-kill", action="store_true", help="Leave out the killed-worker run.")
    parser.add_argument("--kill-after", type=float, default=30.0)
    args = parser.parse_args()
    articles = held_out("bbc", args.articles)
    khabar = [sys.executable, "-m", "khabar", "analyze"]
    out: dict[str, object] = {"articles": len(articles), "words": sum(len(a.text.split()) for a in articles),
                              "set": "held-out BBC Arabic (ANT), bench/repair_bench.held_out('bbc', N, seed=7)",
                              "cpus": os.cpu_count(), "date": time.strftime("%Y-%m-%d"),
                              "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                                                       text=True, cwd=ROOT).stdout.strip(),
                              "command": f"python bench/spark_bench.py --articles {args.articles}"}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        feed = folder / "in.jsonl"
        with feed.open("w", encoding="utf-8") as handle:
            for a in articles:
                handle.write(json.dumps({"id": a.id, "text": a.text, "date": a.date, "title": a.title,
                                         "outlet": a.outlet}, ensure_ascii=False) + "\n")
        small = folder / "small.jsonl"
        small.write_text("".join(feed.read_text(encoding="utf-8").splitlines(keepends=True)[:5]), encoding="utf-8")
        runs: dict[str, object] = {}
        runs["fixed_spark_local2"] = timed([*khabar, str(small), "-o", str(folder / "w0"), "--engine", "spark",
                                            "--master", "local[2]"], folder / "w0", 5)
        runs["fixed_local_j1"] = timed([*khabar, str(small), "-o", str(folder / "s0.jsonl")], folder / "s0.jsonl", 5)
        for jobs in (2, 1):
            target = folder / f"j{jobs}.jsonl"
            runs[f"local_j{jobs}"] = timed([*khabar, str(feed), "-o", str(target), "-j", str(jobs)], target,
                                           len(articles))
            print(jobs, runs[f"local_j{jobs}"], flush=True)
        for cores in (2, 1):
            target = folder / f"w{cores}"
            runs[f"spark_local{cores}"] = timed([*khabar, str(feed), "-o", str(target), "--engine", "spark",
                                                 "--master", f"local[{cores}]"], target, len(articles))
            print(cores, runs[f"spark_local{cores}"], flush=True)
        out["runs"] = runs
        out["identical_spark_local2_vs_j2"] = compare(folder / "j2.jsonl", folder / "w2")
        out["identical_spark_local1_vs_j2"] = compare(folder / "j2.jsonl", folder / "w1")
        ids = [a.id for a in articles]
        out["warehouse_local2"] = integrity(folder / "w2", ids)
        out["scaling_spark_local2_over_local1"] = round(
            runs["spark_local1"]["seconds"] / runs["spark_local2"]["seconds"], 2)  # type: ignore[index]
        out["spark_local2_over_j2_docs_per_s"] = round(
            runs["local_j2"]["seconds"] / runs["spark_local2"]["seconds"], 2)  # type: ignore[index]
        out["scaling_j2_over_j1"] = round(runs["local_j1"]["seconds"] / runs["local_j2"]["seconds"], 2)  # type: ignore[index]
        out["cpu_ms_per_article_j1"] = round(
            runs["local_j1"]["cpu_seconds"] / len(articles) * 1000)  # type: ignore[index,operator]
        if not args.no_kill:
            target = folder / "wk"
            killed = timed([*khabar, str(feed), "-o", str(target), "--engine", "spark", "--master", "local[2]"],
                           target, len(articles), kill_after=args.kill_after)
            out["killed_worker_run"] = {**killed, **integrity(target, ids)}
            print(out["killed_worker_run"], flush=True)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
