"""Print a random sample of the edits khabar makes on untouched held-out news, for a hand audit.

Each line gives the kind, the change, and 40 characters of context either side; the audit
verdicts (is the change a real repair of the outlet's own text?) are recorded in the README.

    python bench/audit_clean_edits.py --set bbc --articles 1000 --sample 100
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from repair_bench import held_out  # noqa: E402

from khabar import repair  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", default="bbc", choices=["bbc", "snn", "dev"])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    found = []
    for article in held_out(args.set, args.articles):
        for edit in repair(article.text).edits:
            found.append((edit, article.text))
    rng = random.Random(args.seed)
    for number, (edit, text) in enumerate(rng.sample(found, min(args.sample, len(found))), 1):
        left = text[max(0, edit.start - 40) : edit.start].replace("\n", " ")
        right = text[edit.end : edit.end + 40].replace("\n", " ")
        change = f"[{edit.before}→{edit.after}]"
        print(f"{number:3} {edit.kind:<12} {edit.before!r:>8} → {edit.after!r:<8} | {left}{change}{right}")
    print(f"\n{len(found)} edits in {args.articles} untouched articles")


if __name__ == "__main__":
    main()
