"""Speed, memory and start-up of khabar.repair on real news, and how time grows with input size.

- start-up: a fresh interpreter times ``import khabar`` plus loading the resources (median of 5);
- throughput: words (whitespace-separated) per second over held-out articles (BBC Arabic, ANT), one
  process, one core: the first pass, and the best later pass once per-word caches are warm; peak
  resident memory of that process;
- scaling: one text of 1, 10 and 50 MB made by joining held-out articles (no repeated paragraph
  until the articles run out), timed once each: seconds per MB should stay flat.

    python bench/repair_speed.py
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from repair_bench import held_out  # noqa: E402

WORDS = re.compile(r"\S+")
STARTUP = (
    "import time; t = time.perf_counter(); import khabar; from khabar.repair.resources import load_resources; "
    "load_resources(); print(time.perf_counter() - t)"
)


def startup_seconds(runs: int = 5) -> float:
    times = [float(subprocess.run([sys.executable, "-c", STARTUP], capture_output=True, text=True, check=True,
                                  cwd=ROOT).stdout) for _ in range(runs)]
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--sizes", default="1,10,50", help="scaling test sizes in MB")
    args = parser.parse_args()
    startup = startup_seconds()
    from khabar import repair

    articles = held_out("bbc", 10_000)
    sample = articles[: args.articles]
    words = sum(len(WORDS.findall(a.text)) for a in sample)
    repair("تحميل")
    passes = []
    for _ in range(3):
        started = time.perf_counter()
        for article in sample:
            repair(article.text)
        passes.append(time.perf_counter() - started)
    first, best = passes[0], min(passes)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"start-up (import + resources, median of 5 fresh processes): {startup:.2f} s")
    print(f"throughput: {words / first:,.0f} words/s on a first pass over {len(sample)} BBC articles "
          f"({words:,} words), {words / best:,.0f} words/s on a later pass (per-word caches warm), one core")
    print(f"peak memory after the throughput runs: {rss:.0f} MB")
    scaling = []
    corpus = "\n".join(a.text for a in articles)
    for size in (int(s) for s in args.sizes.split(",")):
        target = size * 1024 * 1024
        text = corpus
        while len(text.encode()) < target:
            text += "\n" + corpus
        text = text.encode()[:target].decode("utf-8", errors="ignore")
        started = time.perf_counter()
        result = repair(text)
        seconds = time.perf_counter() - started
        scaling.append({"mb": size, "seconds": seconds, "seconds_per_mb": seconds / size, "edits": len(result.edits)})
        print(f"{size} MB in one call: {seconds:.1f} s ({seconds / size:.2f} s/MB), {len(result.edits):,} edits")
        del result, text
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory after the scaling runs: {rss_after:.0f} MB")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    results = {"startup_s": startup, "words_per_s_first_pass": words / first, "words_per_s_warm": words / best,
               "articles": len(sample), "words": words, "peak_rss_mb": rss, "scaling": scaling,
               "peak_rss_mb_after_scaling": rss_after}
    (out / "repair-speed.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
