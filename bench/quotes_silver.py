"""Silver check of quotations at scale: over every article of the shared news corpora, how many quote-mark
pairs there are, how many khabar reports as quotations, and how many of those get a speaker (issue 4).

No gold is needed: a pair of « » / “ ” / " " marks is a candidate; khabar decides whether it is a
quotation (a name or a slogan in marks is not) and who said it. The run also counts indirect quotes,
counted facts and events, and any article that raised an error (there should be none).

    python bench/quotes_silver.py -j 2                 # all ~65,000 articles -> bench/results/quotes_silver.json
    python bench/quotes_silver.py --limit 2000 -j 2    # a quick look
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from multiprocessing import Pool
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

RESULTS = Path(__file__).resolve().parent / "results" / "quotes_silver.json"


def _outlet(article_id: str, outlet: str) -> str:
    return "saudinewsnet" if article_id.startswith("SNN-") else outlet


def analyze_one(item: tuple[str, str, str]) -> dict[str, Any]:
    """Counts for one article (run in a worker process)."""
    import khabar
    from khabar.analyze import views
    from khabar.quotes import _mark_pairs

    article_id, outlet, text = item
    counts: Counter[str] = Counter()
    try:
        doc = khabar.analyze(text)
        extra = views(doc)
    except Exception as error:  # the point is to count failures, not to stop at one
        return {"outlet": outlet, "error": f"{article_id}: {type(error).__name__}: {error}"}
    pairs = _mark_pairs(doc.text)
    counts["words"] = len(text.split())
    counts["mark_pairs"] = len(pairs)
    for quote in extra["quotes"]:
        counts[f"quotes_{quote['type']}"] += 1
        counts["quotes"] += 1
        has_speaker = quote["speaker_name"] is not None
        counts["quotes_with_speaker"] += has_speaker
        start = quote["content"]["start"]
        if any(o < start <= c for o, c in pairs):
            counts["pairs_as_quotes"] += 1
            counts["pairs_as_quotes_with_speaker"] += has_speaker
    counts["facts"] = len(extra["facts"])
    counts["events"] = len(extra["events"])
    counts["datelines"] = int(extra["dateline"] is not None)
    return {"outlet": outlet, "counts": dict(counts)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-j", "--jobs", type=int, default=1)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles (0: all)")
    args = parser.parse_args()
    from khabar_dev.corpora import iter_news, require_shared_data

    require_shared_data()

    def items() -> Any:
        for n, article in enumerate(iter_news()):
            if args.limit and n >= args.limit:
                return
            yield article.id, _outlet(article.id, article.outlet), article.text

    began = time.perf_counter()
    by_outlet: dict[str, Counter[str]] = {}
    errors: list[str] = []
    articles = 0
    with Pool(args.jobs) as pool:
        for result in pool.imap(analyze_one, items(), chunksize=16):
            articles += 1
            outlet = by_outlet.setdefault(result["outlet"], Counter())
            outlet["articles"] += 1
            if "error" in result:
                errors.append(result["error"])
                continue
            outlet.update(result["counts"])
            if articles % 2000 == 0:
                print(f"{articles} articles, {time.perf_counter() - began:.0f} s", flush=True)
    total: Counter[str] = Counter()
    for counts in by_outlet.values():
        total.update(counts)
    seconds = time.perf_counter() - began

    def summary(c: Counter[str]) -> dict[str, Any]:
        return {**dict(c),
                "share_pairs_as_quotes": round(c["pairs_as_quotes"] / c["mark_pairs"], 3) if c["mark_pairs"] else 0,
                "share_pair_quotes_with_speaker": round(c["pairs_as_quotes_with_speaker"] / c["pairs_as_quotes"], 3)
                if c["pairs_as_quotes"] else 0,
                "share_quotes_with_speaker": round(c["quotes_with_speaker"] / c["quotes"], 3) if c["quotes"] else 0}

    report = {"articles": articles, "errors": len(errors), "error_examples": errors[:20],
              "seconds": round(seconds, 1), "jobs": args.jobs, "total": summary(total),
              "by_outlet": {name: summary(c) for name, c in sorted(by_outlet.items())}}
    print(f"{'outlet':14} {'articles':>8} {'pairs':>7} {'as quotes':>9} {'w/ speaker':>10} {'quotes':>7} "
          f"{'w/ speaker':>10} {'facts':>7} {'events':>7}")
    for name, c in [*report["by_outlet"].items(), ("ALL", report["total"])]:
        print(f"{name:14} {c.get('articles', 0):8d} {c.get('mark_pairs', 0):7d} {c.get('pairs_as_quotes', 0):9d} "
              f"{c['share_pair_quotes_with_speaker']:10.3f} {c.get('quotes', 0):7d} "
              f"{c['share_quotes_with_speaker']:10.3f} {c.get('facts', 0):7d} {c.get('events', 0):7d}")
    print(f"{articles} articles in {seconds:.0f} s with {args.jobs} process(es); {len(errors)} error(s)")
    if not args.limit:
        RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"-> {RESULTS}")


if __name__ == "__main__":
    main()
