"""Score khabar's clitic segmenter beside the no-split baseline on the bench's held-out gold.

Uses :mod:`bench.segmentation_bench` unchanged: the same gold sets (PADT test, WikiNews held-out fifth),
the same strict/lenient word accuracy, the same words/s timing. The segmenter scored is
:func:`khabar.segment.segment_ud` (normalized UD forms, as in the gold).

    python bench/segmentation_eval.py   # markdown table; JSON in bench/results/segmentation-khabar.json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.segmentation_bench import (  # noqa: E402
    evaluate,
    markdown,
    no_split,
    padt_gold,
    wikinews_gold,
    write_results,
)
from khabar.repair.resources import load_resources  # noqa: E402
from khabar.segment import clear_cache, load_model, segment_ud  # noqa: E402
from khabar_dev.corpora import require_shared_data  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "segmentation-khabar.json"
BASELINES = ROOT / "bench" / "results" / "segmentation-baselines.json"


def khabar_segmenter(word: str) -> list[str]:
    """khabar's segmenter, normalized UD forms."""
    return segment_ud(word)


def main(argv: Sequence[str] | None = None) -> int:
    """Score no-split and khabar, print the table (with farasa from the baselines file), write the JSON."""
    parser = argparse.ArgumentParser(description="khabar clitic segmenter vs no-split")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    data = require_shared_data()
    golds = {"padt_test": padt_gold(data), "wikinews_test": wikinews_gold(data)}
    load_resources()
    load_model()
    clear_cache()
    rows = [evaluate("no-split", no_split, golds), evaluate("khabar.segment (cold cache)", khabar_segmenter, golds)]
    rows.append(evaluate("khabar.segment (warm cache)", khabar_segmenter, golds))
    table_rows = list(rows)
    if BASELINES.exists():
        table_rows += [r for r in json.loads(BASELINES.read_text(encoding="utf-8"))["results"]
                       if str(r["segmenter"]).startswith("farasa")]
    print(markdown(table_rows))
    print("(strict accuracy, lenient in brackets; farasa row copied from segmentation-baselines.json)")
    write_results(args.out, golds, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
