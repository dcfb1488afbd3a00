"""khabar.repair beside the peer tools, on the same held-out damaged and clean news.

Writes the damaged and clean texts of held-out articles (BBC Arabic, ANT) to a
folder outside the repository, runs every peer in its own virtualenv
(bench/peers/run_all.py) and khabar in this process, and scores each output
against the clean original, word by word:

- *words right*: share of the clean text's words that the output has, aligned
  (difflib), when the input was the damaged text (the damaged text itself is the baseline);
- *clean words changed*: share of words the tool changes when given clean text.

    python bench/repair_peers.py --articles 300
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corrupt import corrupt  # noqa: E402
from repair_bench import held_out  # noqa: E402


def words_right(reference: str, output: str) -> tuple[int, int]:
    ref, out = reference.split(), output.split()
    matcher = difflib.SequenceMatcher(None, ref, out, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()), len(ref)


def score(references: dict[str, str], outputs: dict[str, str]) -> float:
    right = total = 0
    for key, reference in references.items():
        r, t = words_right(reference, outputs.get(key, ""))
        right += r
        total += t
    return right / total


def read_jsonl(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            continue
        record = json.loads(line)
        out[record["id"]] = record["text"]
    return out


def write_jsonl(path: Path, texts: dict[str, str]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for key, text in texts.items():
            handle.write(json.dumps({"id": key, "text": text}, ensure_ascii=False) + "\n")


def run_khabar(texts: dict[str, str]) -> tuple[dict[str, str], dict[str, float]]:
    from repair_speed import startup_seconds

    from khabar import repair

    load = startup_seconds()  # import and resource loading, in fresh interpreters
    repair("تحميل")
    best = float("inf")
    outputs: dict[str, str] = {}
    for _ in range(3):
        started = time.perf_counter()
        outputs = {key: repair(text).text for key, text in texts.items()}
        best = min(best, time.perf_counter() - started)
    words = sum(len(t.split()) for t in texts.values())
    stats = {"import_s": load, "words_per_s": words / best,
             "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    return outputs, stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--set", default="bbc", choices=["bbc", "snn", "dev"])
    parser.add_argument("--work", type=Path, default=Path("/tmp/khabar-bench-peers"),
                        help="folder for the texts and outputs (outside the repository: they hold article text)")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    articles = held_out(args.set, args.articles)
    clean = {a.id: a.text for a in articles}
    damaged = {a.id: corrupt(a.text, random.Random(a.id)).text for a in articles}
    write_jsonl(args.work / "clean.jsonl", clean)
    write_jsonl(args.work / "damaged.jsonl", damaged)
    rows = {}
    for name, texts in (("damaged", damaged), ("clean", clean)):
        out_dir = args.work / f"out-{name}"
        subprocess.run([sys.executable, str(ROOT / "bench" / "peers" / "run_all.py"),
                        str(args.work / f"{name}.jsonl"), str(out_dir)], check=False)
        summary = json.loads((out_dir / "summary.json").read_text())
        for peer in summary:
            if not peer.get("ok", True):
                continue
            outputs = read_jsonl(out_dir / f"{peer['peer']}.jsonl")
            row = rows.setdefault(peer["peer"], {"version": peer.get("version", "")})
            row[f"right_{name}"] = score(clean, outputs)
            if name == "clean":
                row.update(import_s=peer["import_s"], words_per_s=peer["words_per_s"], max_rss_mb=peer["max_rss_mb"])
        outputs, stats = run_khabar(texts)
        row = rows.setdefault("khabar", {"version": "this repository"})
        row[f"right_{name}"] = score(clean, outputs)
        if name == "clean":
            row.update(stats)
    baseline = score(clean, damaged)
    print(f"\n{len(articles)} held-out articles ({args.set}); "
          f"the damaged text itself has {baseline:.1%} of words right")
    print("| tool | words right after repairing damaged text | clean words changed | words/s | import s | "
          "peak RSS MB |")
    print("|---|---|---|---|---|---|")
    for name, row in sorted(rows.items(), key=lambda item: -item[1].get("right_damaged", 0)):
        print(f"| {name} {row['version']} | {row.get('right_damaged', float('nan')):.1%} | "
              f"{1 - row.get('right_clean', float('nan')):.2%} | {row.get('words_per_s', 0):,.0f} | "
              f"{row.get('import_s', 0):.2f} | {row.get('max_rss_mb', 0):.0f} |")
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / f"repair-peers-{args.set}.json").write_text(
        json.dumps({"articles": len(articles), "baseline_right": baseline, "tools": rows}, indent=1))


if __name__ == "__main__":
    main()
