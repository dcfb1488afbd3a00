"""Batch throughput, corpus ingestion and search latency on the shared news corpora (issue 6).

    python bench/corpus_bench.py --throughput 400            # batch analyze: -j 1 vs -j 2 on the same articles
    python bench/corpus_bench.py --ingest --jobs 2           # ingest every corpus article, then time 100 searches
    python bench/corpus_bench.py --search-only --db PATH     # only the search timings, on an existing database

Queries are real: 50 names the corpus mentions most (from the store's entity list, 1 in 4 of the top 200)
and 50 word pairs taken from titles of a seeded sample of articles. Each query runs with facets and
10 results, as the CLI and the web app ask. Results go to ``bench/results/corpus.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from khabar.batch import Document, run  # noqa: E402
from khabar.store import Store  # noqa: E402
from khabar_dev.corpora import iter_news, require_shared_data  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "corpus.json"
_WORD = re.compile(r"[\u0621-\u064a]{3,}")


def documents(limit: int | None = None, seed: int | None = None) -> list[Document]:
    """Corpus articles as batch documents (title and date kept as metadata)."""
    data = require_shared_data()
    docs = [Document(a.id, a.text, a.outlet, {"title": a.title, "date": a.date, "outlet": a.outlet})
            for a in iter_news(data) if a.text.strip()]
    if seed is not None:
        random.Random(seed).shuffle(docs)
    return docs[:limit] if limit else docs


def throughput(count: int) -> dict[str, object]:
    docs = documents(count, seed=11)
    words = sum(len(d.text.split()) for d in docs)
    out: dict[str, object] = {"documents": len(docs), "words": words}
    for jobs in (2, 1):  # -j 2 first: its workers fork from a parent whose caches are still cold
        with tempfile.TemporaryFile("w+", encoding="utf-8") as sink:
            started = time.perf_counter()
            counts = run(docs, sink, jobs=jobs)
            seconds = time.perf_counter() - started
        out[f"jobs_{jobs}"] = {"seconds": round(seconds, 1), "docs_per_s": round(len(docs) / seconds, 2),
                               "words_per_s": round(words / seconds), "failed": counts["failed"]}
    out["speedup"] = round(out["jobs_2"]["docs_per_s"] / out["jobs_1"]["docs_per_s"], 2)  # type: ignore[index]
    return out


def ingest(db: Path, jobs: int, limit: int | None) -> dict[str, object]:
    docs = documents(limit)
    words = sum(len(d.text.split()) for d in docs)
    statuses: dict[str, int] = {}
    started = time.perf_counter()
    last = started
    with Store(db) as store:
        for n, result in enumerate(store.ingest(docs, jobs=jobs), 1):
            statuses[result.status] = statuses.get(result.status, 0) + 1
            if time.perf_counter() - last > 60:
                last = time.perf_counter()
                print(f"  {n}/{len(docs)} in {last - started:.0f} s", file=sys.stderr, flush=True)
        seconds = time.perf_counter() - started
        stats = store.stats()
        ok = store.check()
    return {"documents": len(docs), "words": words, "jobs": jobs, "seconds": round(seconds),
            "docs_per_s": round(len(docs) / seconds, 1), "words_per_s": round(words / seconds),
            "statuses": statuses, "articles": stats["articles"], "failures": stats["failures"],
            "db_mb": round(stats["bytes"] / 1e6, 1), "integrity_ok": ok}


def queries(store: Store, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    names = [row["name"] for row in store.top("entity", limit=200)][::4][:50]
    titles = [t for (t,) in store.db.execute("SELECT title FROM articles WHERE title IS NOT NULL ORDER BY id")]
    pairs: list[str] = []
    for title in rng.sample(titles, min(len(titles), 400)):
        words = _WORD.findall(title)
        if len(words) >= 2:
            i = rng.randrange(len(words) - 1)
            pairs.append(f"{words[i]} {words[i + 1]}")
        if len(pairs) == 50:
            break
    return names + pairs


def search_latency(db: Path) -> dict[str, object]:
    with Store(db, readonly=True) as store:
        asked = queries(store)
        store.search("تجربة")  # load the analyzer's tokenizer once, as a running server has
        timings, hits = [], []
        for query in asked:
            started = time.perf_counter()
            found = store.search(query, limit=10)
            timings.append((time.perf_counter() - started) * 1000)
            hits.append(found["total"])
        plain = []
        for query in asked:
            started = time.perf_counter()
            store.search(query, limit=10, facets=False)
            plain.append((time.perf_counter() - started) * 1000)
    timings.sort()
    plain.sort()
    return {"queries": len(asked), "median_ms": round(statistics.median(timings), 1),
            "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 1), "max_ms": round(timings[-1], 1),
            "median_ms_without_facets": round(statistics.median(plain), 1),
            "p95_ms_without_facets": round(plain[int(0.95 * (len(plain) - 1))], 1),
            "queries_with_hits": sum(1 for h in hits if h), "median_hits": statistics.median(hits),
            "examples": asked[:3] + asked[50:53]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--throughput", type=int, default=0, help="articles for the -j 1 / -j 2 comparison")
    parser.add_argument("--ingest", action="store_true", help="ingest the corpora, then time searches")
    parser.add_argument("--search-only", action="store_true")
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "khabar-corpus-bench.db")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None, help="ingest only the first N articles")
    args = parser.parse_args()
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=ROOT).stdout.strip()
    stamp = {"commit": commit, "date": time.strftime("%Y-%m-%d"), "cpus": os.cpu_count(),
             "command": "python " + " ".join(sys.argv)}
    if args.throughput:
        results["throughput"] = {**throughput(args.throughput), **stamp}
        print(json.dumps(results["throughput"], ensure_ascii=False, indent=1))
    if args.ingest:
        for path in args.db.parent.glob(args.db.name + "*"):
            path.unlink()
        results["ingest"] = {**ingest(args.db, args.jobs, args.limit), **stamp}
        print(json.dumps(results["ingest"], ensure_ascii=False, indent=1))
    if args.ingest or args.search_only:
        results["search"] = {**search_latency(args.db), **stamp}
        print(json.dumps(results["search"], ensure_ascii=False, indent=1))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
