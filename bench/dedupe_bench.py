"""Near-duplicate benchmark: altered copies injected into real articles of ../shared/data.

Two disjoint sets of N base articles are drawn (seeded) from all outlets: ``dev`` (to choose the shingling and
the threshold) and ``test`` (reported). An altered copy of a random 10 % of the bases is added, each with one or
more of: paragraphs reordered, the dateline (first line or opening words) changed or removed, damaged spelling
(``bench/corrupt.py`` damage profile plus random letter drops), the ending trimmed by 20-30 %.

Scoring is over duplicate PAIRS: every pair of documents put in one group is a predicted pair; a pair is true when
both come from the same base article. The corpora hold real duplicates (the same wire story in two outlets, or
filed twice), so a predicted pair of two different bases is counted both ways: ``raw`` counts it as a false
positive; ``excluding natural duplicates`` drops it when the two base texts are near-identical (exact containment
of their folded word 3-gram sets >= 0.6: the same story retold or re-filed, computed
without MinHash). ``recall_by_alteration``: a single kind counts every copy that had it, alone or combined; a
key joined with ``+`` is that exact combination. The test part is scored with the shingling, threshold and
containment that scored best (F1) on the dev part; both shinglings are reported at that setting.

    .venv/bin/python bench/dedupe_bench.py                  # dev sweep + test, writes bench/results/dedupe.json
    .venv/bin/python bench/dedupe_bench.py --scale 30000    # also time signature + index of 30,000 articles
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from itertools import combinations, product
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corrupt import corrupt

from khabar.dedupe import find_duplicates, shingles
from khabar_dev.corpora import iter_news, require_shared_data

RESULTS = Path(__file__).resolve().parent / "results" / "dedupe.json"
DATELINES = ["القاهرة (خبر) -", "بيروت - وكالات", "الرياض، السعودية (رويترز) -", "عمان (أ ف ب) -", "دبي - خاص"]
NATURAL = 0.6  # exact word 3-gram containment of two base texts that makes them a natural duplicate
ALTERATIONS = ("reorder", "dateline", "damage", "trim")


def reorder(text: str, rng: random.Random) -> str:
    parts = [p for p in text.split("\n") if p.strip()]
    if len(parts) < 3:
        parts = [p for p in re.split(r"(?<=[.!؟?])\s+", text) if p.strip()]
    rng.shuffle(parts)
    return "\n".join(parts)


def dateline(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    first_words = lines[0].split()
    roll = rng.random()
    if roll < 0.33 and len(lines) > 1 and len(first_words) <= 20:  # drop the first line
        return "\n".join(lines[1:])
    cut = rng.randint(2, 6)  # replace (or remove) the opening words
    rest = " ".join(first_words[cut:])
    lines[0] = rest if roll < 0.6 else f"{rng.choice(DATELINES)} {rest}"
    return "\n".join(lines)


def damage(text: str, rng: random.Random) -> str:
    text = corrupt(text, rng).text
    rate = rng.uniform(0.0, 0.02)
    return "".join(c for c in text if not ("\u0621" <= c <= "\u064a" and rng.random() < rate))


def trim(text: str, rng: random.Random) -> str:
    return text[: int(len(text) * (1 - rng.uniform(0.2, 0.3)))]


def alter(text: str, rng: random.Random) -> tuple[str, list[str]]:
    kinds = rng.sample(ALTERATIONS, rng.choice([1, 1, 2, 2, 3, 4]))
    for kind in ALTERATIONS:  # a fixed order: reorder before trimming, damage last
        if kind in kinds:
            text = {"reorder": reorder, "dateline": dateline, "damage": damage, "trim": trim}[kind](text, rng)
    return text, sorted(kinds)


def load(n_needed: int, seed: int) -> list[tuple[str, str]]:
    require_shared_data()
    articles = [(a.id, a.text) for a in iter_news() if len(a.text.split()) >= 50]
    random.Random(seed).shuffle(articles)
    return articles[:n_needed]


def build(bases: list[tuple[str, str]], rng: random.Random) -> tuple[list[tuple[str, str]], dict[str, str], dict]:
    docs = list(bases)
    base_of = {doc_id: doc_id for doc_id, _ in bases}
    kinds: dict[str, list[str]] = {}
    for doc_id, text in rng.sample(bases, len(bases) // 10):
        copy, how = alter(text, rng)
        copy_id = f"{doc_id}#copy"
        docs.append((copy_id, copy))
        base_of[copy_id] = doc_id
        kinds[copy_id] = how
    return docs, base_of, kinds


def word_containment(a: str, b: str) -> float:
    sa, sb = shingles(a, "word", skip_words=0), shingles(b, "word", skip_words=0)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def score(docs, base_of, kinds, threshold: float, kind: str, containment: float | None = None) -> dict:
    texts = dict(docs)
    start = time.perf_counter()
    groups = find_duplicates(docs, threshold=threshold, kind=kind, containment=containment)
    seconds = time.perf_counter() - start
    predicted = {tuple(sorted(p)) for g in groups for p in combinations(g.members, 2)}
    gold = {tuple(sorted((c, b))) for c, b in base_of.items() if c != b}
    tp = len(predicted & gold)
    natural = 0
    for x, y in predicted - gold:
        bx, by = base_of[x], base_of[y]
        if bx != by and word_containment(texts[bx], texts[by]) >= NATURAL:
            natural += 1
    fp_raw = len(predicted) - tp
    fp = fp_raw - natural
    missed = sorted(gold - predicted)
    by_kind: dict[str, list[int]] = {}
    for copy_id, how in kinds.items():
        hit = tuple(sorted((copy_id, base_of[copy_id]))) in predicted
        for k in [*how, "+".join(how)] if len(how) > 1 else how:
            by_kind.setdefault(k, [0, 0])
            by_kind[k][0] += hit
            by_kind[k][1] += 1
    return {
        "threshold": threshold,
        "shingling": kind,
        "containment": containment,
        "documents": len(docs),
        "gold_pairs": len(gold),
        "predicted_pairs": len(predicted),
        "true_positives": tp,
        "natural_duplicate_pairs": natural,
        "precision_raw": round(tp / len(predicted), 4) if predicted else 1.0,
        "precision": round(tp / (tp + fp), 4) if tp + fp else 1.0,
        "recall": round(tp / len(gold), 4) if gold else 1.0,
        "recall_by_alteration": {k: round(v[0] / v[1], 4) for k, v in sorted(by_kind.items()) if v[1] >= 5},
        "missed_examples": [m[0] for m in missed[:10]],
        "seconds": round(seconds, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=3000, help="base articles per part (dev and test)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--thresholds", default="0.4,0.5,0.6,0.7,0.8")
    parser.add_argument("--threshold", type=float, default=None, help="the test threshold (default: best on dev)")
    parser.add_argument("--kind", choices=["char", "word"], default=None, help="test shingling (default: best on dev)")
    parser.add_argument("--containments", default="none,0.8", help="containment settings swept (none = Jaccard only)")
    parser.add_argument("--scale", type=int, default=0, help="also time signature+index of this many articles")
    args = parser.parse_args()

    articles = load(max(2 * args.n, args.scale), args.seed)
    rng = random.Random(args.seed)
    dev = build(articles[: args.n], rng)
    test = build(articles[args.n : 2 * args.n], rng)
    sweep = []
    containments = [None if c == "none" else float(c) for c in args.containments.split(",")]
    for kind, threshold, contain in product(("char", "word"), [float(t) for t in args.thresholds.split(",")],
                                            containments):
        result = score(*dev, threshold, kind, contain)
        sweep.append(result)
        print(f"dev {kind:4} t={threshold:.2f} c={contain} P={result['precision']:.4f} "
              f"(raw {result['precision_raw']:.4f}) "
              f"R={result['recall']:.4f} {result['seconds']}s", flush=True)
    best = max(sweep, key=lambda r: (2 * r["precision"] * r["recall"] / max(r["precision"] + r["recall"], 1e-9)))
    kind = args.kind or best["shingling"]
    threshold = args.threshold or best["threshold"]
    contain = best["containment"]
    tests = {k: score(*test, threshold, k, contain) for k in ("char", "word")}
    for k, r in tests.items():
        print(f"test {k:4} t={threshold:.2f} c={contain} P={r['precision']:.4f} (raw {r['precision_raw']:.4f}) "
              f"R={r['recall']:.4f} by alteration {r['recall_by_alteration']}")
    out = {
        "seed": args.seed,
        "n_base_per_part": args.n,
        "chosen": {"shingling": kind, "threshold": threshold, "containment": contain},
        "dev_sweep": sweep,
        "test": tests,
    }
    if args.scale:
        docs = articles[: args.scale]
        start = time.perf_counter()
        groups = find_duplicates(docs, threshold=threshold, kind=kind, containment=contain)
        seconds = time.perf_counter() - start
        out["scale"] = {
            "articles": len(docs),
            "seconds_signature_index_group": round(seconds, 1),
            "groups": len(groups),
            "chars": sum(len(t) for _, t in docs),
        }
        print(f"scale: {len(docs)} articles in {seconds:.1f}s, {len(groups)} groups")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
