"""A bounded load test of the HTTP API on 127.0.0.1: concurrent clients on /api/analyze and /api/search.

    python bench/serve_load.py --db /tmp/khabar-corpus-bench.db --clients 1,4,8 --seconds 20 [--workers 2]
    python bench/serve_load.py --mixed [--db PATH] --seconds 60 --workers 2      # issue 16: mixed load

``--mixed``: 8 clients for ``--seconds`` against one ``khabar serve --workers N``: 2 send texts of about
1 MB (real articles joined up to just under the 1,000,000-byte body limit) back to back, 6 send real
articles cut at 3,000 characters; meanwhile a probe asks ``/api/health`` and ``/api/search`` (real queries)
every 0.2 s and the memory of the server and its worker processes (RSS and PSS summed over the process
tree) is sampled every 0.5 s. Reports the 5xx count, health and search latency (median, p95, max), memory
at idle, at its peak and after the load (10 s after the last answer), and the load average. Without
``--db`` a corpus of 300 real articles is ingested into a temporary database first. Results go to
``bench/results/serve-load.json``.

Starts ``khabar serve`` in a subprocess (loopback only), waits for /api/health, then for each number of
clients runs that many threads, each sending requests back to back for ``--seconds``: real articles
(a seeded sample of corpus articles, cut at 3,000 characters as a paste would be) to ``/api/analyze``, and
the benchmark's real queries to ``/api/search``. Reports requests/s, median and p95 latency, and the
count of 5xx answers and failed connections. Results go to ``bench/results/serve_load.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus_bench import queries  # noqa: E402
from khabar.store import Store  # noqa: E402
from khabar_dev.corpora import iter_ant, require_shared_data  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "serve_load.json"
MIXED_RESULTS = ROOT / "bench" / "results" / "serve-load.json"




def wait_until_ready(base: str, seconds: float, loaded: bool = False) -> None:
    """Poll /api/health until the server answers (and, with ``loaded``, has its models loaded)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            health = httpx.get(f"{base}/api/health", timeout=2)
            if health.status_code == 200 and (not loaded or health.json().get("model_loaded")):
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit("the server did not start")

def status_class(status: int) -> str:
    """``connection`` (no answer: -1), ``5xx``, ``4xx`` or ``ok``."""
    if status == -1:
        return "connection"
    return "5xx" if status >= 500 else "4xx" if status >= 400 else "ok"

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def texts(count: int = 200) -> list[str]:
    data = require_shared_data()
    articles = [a.text for a in iter_ant(data / "news" / "ant-multisource-v2.1-alarabiya-bbc-skynews.tar.gz")
                if len(a.text) > 500]
    random.Random(3).shuffle(articles)
    return [a[:3000] for a in articles[:count]]


def hammer(base: str, clients: int, seconds: float, make_request: object) -> dict[str, object]:
    latencies: list[float] = []
    errors = {"5xx": 0, "4xx": 0, "connection": 0}
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client(seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=base, timeout=120) as http:
            while time.perf_counter() < stop:
                started = time.perf_counter()
                try:
                    response = make_request(http, rng)  # type: ignore[operator]
                    status = response.status_code
                except httpx.HTTPError:
                    status = -1
                took = time.perf_counter() - started
                with lock:
                    outcome = status_class(status)
                    if outcome == "ok":
                        latencies.append(took * 1000)
                    else:
                        errors[outcome] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    return {"clients": clients, "requests": len(latencies), "requests_per_s": round(len(latencies) / wall, 1),
            "median_ms": round(statistics.median(latencies), 1) if latencies else None,
            "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 1) if latencies else None, **errors}


def tree(pid: int) -> list[int]:
    """``pid`` and every process below it (Linux /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    found, frontier = {pid}, {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return sorted(found)


def memory_mb(pid: int) -> dict[str, float]:
    """RSS and PSS (shared pages split between the processes sharing them) summed over ``pid``'s tree, MB."""
    rss = pss = 0.0
    processes = 0
    for each in tree(pid):
        try:
            for line in Path(f"/proc/{each}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1]) / 1024
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1]) / 1024
            processes += 1
        except (OSError, ValueError, IndexError):
            continue
    return {"rss_mb": round(rss), "pss_mb": round(pss), "processes": processes}


def big_texts(count: int = 4, limit: int = 990_000) -> list[str]:
    """Texts of real articles joined, each just under ``limit`` bytes as a JSON body (never written to disk)."""
    data = require_shared_data()
    articles = [a.text for a in iter_ant(data / "news" / "ant-multisource-v2.1-alarabiya-bbc-skynews.tar.gz")
                if len(a.text) > 500]
    random.Random(11).shuffle(articles)
    out: list[str] = []
    at = 0
    for _ in range(count):
        parts: list[str] = []
        size = len(b'{"text": ""}')
        while at < len(articles):
            piece = articles[at] + "\n\n"
            cost = len(json.dumps(piece, ensure_ascii=False).encode("utf-8")) - 2
            if size + cost > limit:
                break
            parts.append(piece)
            size += cost
            at += 1
        out.append("".join(parts).strip())
    return out


def temporary_corpus(folder: Path, count: int = 300) -> Path:
    from khabar.batch import Document

    data = require_shared_data()
    articles = [a for a in iter_ant(data / "news" / "ant-multisource-v2.1-alarabiya-bbc-skynews.tar.gz")
                if len(a.text) > 500]
    random.Random(5).shuffle(articles)
    path = folder / "corpus.db"
    with Store(path) as store:
        for _ in store.ingest(Document(f"a{n}", a.text[:6000], f"ant:{n}", {}) for n, a in
                              enumerate(articles[:count])):
            pass
    return path


def percentile(values: list[float], share: float) -> float | None:
    ordered = sorted(values)
    return round(ordered[int(share * (len(ordered) - 1))], 1) if ordered else None


def mixed(args: argparse.Namespace) -> None:
    """Issue 16's load test: small and ~1 MB analyses at once, health and search probed throughout."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="khabar-load-"))
    db = args.db or temporary_corpus(folder)
    with Store(db, readonly=True) as store:
        asked = queries(store)
    small, big = texts(), big_texts()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    load_before = os.getloadavg()
    server = subprocess.Popen([sys.executable, "-m", "khabar", "serve", "--db", str(db), "--port", str(port),
                               "--workers", str(args.workers)], stdout=subprocess.DEVNULL,
                              stderr=open(folder / "server.log", "wb"))  # noqa: SIM115
    out: dict[str, object] = {}
    try:
        wait_until_ready(base, 120, loaded=True)
        time.sleep(5)
        idle = memory_mb(server.pid)
        counts = {"small": 0, "big": 0, "5xx": 0, "4xx": 0, "connection": 0}
        statuses: dict[str, int] = {}
        big_seconds: list[float] = []
        small_ms: list[float] = []
        probes: dict[str, list[float]] = {"health": [], "search": []}
        samples: list[dict[str, float]] = []
        lock = threading.Lock()
        stop = time.perf_counter() + args.seconds
        done = threading.Event()

        def client(number: int) -> None:
            rng = random.Random(number)
            kind = "big" if number < 2 else "small"
            with httpx.Client(base_url=base, timeout=600) as http:
                while time.perf_counter() < stop:
                    text = rng.choice(big if kind == "big" else small)
                    started = time.perf_counter()
                    try:
                        status = http.post("/api/analyze", json={"text": text}).status_code
                    except httpx.HTTPError:
                        status = -1
                    took = time.perf_counter() - started
                    with lock:
                        statuses[str(status)] = statuses.get(str(status), 0) + 1
                        outcome = status_class(status)
                        counts[kind if outcome == "ok" else outcome] += 1
                        if outcome == "ok":
                            (big_seconds.append(took) if kind == "big" else small_ms.append(took * 1000))

        def probe() -> None:
            rng = random.Random(99)
            with httpx.Client(base_url=base, timeout=60) as http:
                while not done.is_set():
                    for name, call in (("health", lambda: http.get("/api/health")),
                                       ("search", lambda: http.get("/api/search", params={
                                           "q": rng.choice(asked), "limit": 10}))):
                        started = time.perf_counter()
                        try:
                            status = call().status_code
                        except httpx.HTTPError:
                            status = -1
                        with lock:
                            if status == 200:
                                probes[name].append((time.perf_counter() - started) * 1000)
                            else:
                                counts["5xx" if status >= 500 else "connection" if status == -1 else "4xx"] += 1
                        time.sleep(0.1)

        def sampler() -> None:
            while not done.is_set():
                samples.append(memory_mb(server.pid))
                time.sleep(0.5)

        helpers = [threading.Thread(target=probe), threading.Thread(target=sampler)]
        clients = [threading.Thread(target=client, args=(n,)) for n in range(8)]
        started = time.perf_counter()
        for thread in helpers + clients:
            thread.start()
        for thread in clients:
            thread.join()
        wall = time.perf_counter() - started
        load_during = os.getloadavg()
        time.sleep(10)  # workers recycled after big requests come back
        done.set()
        for thread in helpers:
            thread.join()
        after = memory_mb(server.pid)
        peak = max(samples, key=lambda m: m["pss_mb"]) if samples else idle
        peak_rss = max((m["rss_mb"] for m in samples), default=idle["rss_mb"])
        out = {
            "clients": {"big_1mb": 2, "small_3000_chars": 6}, "seconds": args.seconds, "wall_s": round(wall, 1),
            "workers": args.workers, "analyses": {"small": counts["small"], "big": counts["big"]},
            "statuses": statuses, "5xx": counts["5xx"], "4xx": counts["4xx"], "connection_errors": counts["connection"],
            "small_ms": {"median": percentile(small_ms, 0.5), "p95": percentile(small_ms, 0.95)},
            "big_s": {"median": percentile(big_seconds, 0.5), "max": percentile(big_seconds, 1.0)},
            "big_chars": [len(t) for t in big],
            "health_ms": {"n": len(probes["health"]), "median": percentile(probes["health"], 0.5),
                          "p95": percentile(probes["health"], 0.95), "max": percentile(probes["health"], 1.0)},
            "search_ms": {"n": len(probes["search"]), "median": percentile(probes["search"], 0.5),
                          "p95": percentile(probes["search"], 0.95), "max": percentile(probes["search"], 1.0)},
            "memory_mb": {"idle": idle, "peak_pss": peak, "peak_rss": peak_rss, "after": after,
                          "after_over_idle_pss": round(after["pss_mb"] / idle["pss_mb"], 2),
                          "after_over_idle_rss": round(after["rss_mb"] / idle["rss_mb"], 2)},
            "load_average": {"before": [round(x, 2) for x in load_before],
                             "end_of_load": [round(x, 2) for x in load_during]},
        }
        print(json.dumps(out, ensure_ascii=False, indent=1))
    finally:
        server.terminate()
        server.wait(timeout=60)
    log = (folder / "server.log").read_text(errors="replace")
    out["workers_replaced"] = log.count(" replaced: ")
    import shutil

    shutil.rmtree(folder, ignore_errors=True)  # the temporary corpus holds real articles: not left behind
    out["server_exit"] = server.returncode
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=ROOT).stdout.strip()
    out.update({"commit": commit, "date": time.strftime("%Y-%m-%d"), "cpus": os.cpu_count(),
                "command": "python " + " ".join(sys.argv)})
    MIXED_RESULTS.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--clients", default="1,4,8")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=1, help="khabar serve --workers")
    parser.add_argument("--mixed", action="store_true", help="issue 16's mixed load (small and ~1 MB analyses)")
    args = parser.parse_args()
    if args.mixed:
        mixed(args)
        return
    if args.db is None:
        parser.error("--db is needed (except with --mixed)")
    with Store(args.db, readonly=True) as store:
        asked = queries(store)
    bodies = texts()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "khabar", "serve", "--db", str(args.db), "--port", str(port),
                               "--workers", str(args.workers)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_ready(base, 60)
        out: dict[str, object] = {"analyze": [], "search": []}
        for clients in (int(c) for c in args.clients.split(",")):
            out["analyze"].append(hammer(  # type: ignore[union-attr]
                base, clients, args.seconds,
                lambda http, rng: http.post("/api/analyze", json={"text": rng.choice(bodies)})))
            out["search"].append(hammer(  # type: ignore[union-attr]
                base, clients, args.seconds,
                lambda http, rng: http.get("/api/search", params={"q": rng.choice(asked), "limit": 10})))
            print(json.dumps({k: v[-1] for k, v in out.items()}, ensure_ascii=False))  # type: ignore[index]
    finally:
        server.terminate()
        server.wait(timeout=30)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=ROOT).stdout.strip()
    out.update({"commit": commit, "date": time.strftime("%Y-%m-%d"), "cpus": os.cpu_count(),
                "command": "python " + " ".join(sys.argv), "server_exit": server.returncode})
    out["workers"] = args.workers
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    if "analyze" in results:  # a file from before runs were kept per number of workers
        results = {"workers_1": results}
    results[f"workers_{args.workers}"] = out
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
