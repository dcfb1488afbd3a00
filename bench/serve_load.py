"""A bounded load test of the HTTP API on 127.0.0.1: concurrent clients on /api/analyze and /api/search.

    python bench/serve_load.py --db /tmp/khabar-corpus-bench.db --clients 1,4,8 --seconds 20 [--workers 2]

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
                    if status == -1:
                        errors["connection"] += 1
                    elif status >= 500:
                        errors["5xx"] += 1
                    elif status >= 400:
                        errors["4xx"] += 1
                    else:
                        latencies.append(took * 1000)

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--clients", default="1,4,8")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=1, help="khabar serve --workers")
    args = parser.parse_args()
    with Store(args.db, readonly=True) as store:
        asked = queries(store)
    bodies = texts()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "khabar", "serve", "--db", str(args.db), "--port", str(port),
                               "--workers", str(args.workers)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(120):
            try:
                if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        else:
            raise SystemExit("the server did not start")
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
