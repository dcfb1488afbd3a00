"""Repair benchmark: corrupt held-out clean news, repair it, score every edit.

Held-out outlets (never read when the resources were built):
- ``bbc``: BBC Arabic articles of ANT v2.1 (test);
- ``snn``: SaudiNewsNet, all outlets but Al-Watan (test);
- ``dev``: SaudiNewsNet's Al-Watan, the only set used to choose settings.

For each article: corrupt it (bench/corrupt.py), repair the damaged text, and
compare. Overlapping system and gold edits are grouped; a group is right when
the repaired text of that stretch equals the clean text (quotation mark styles
folded). Precision is per system edit, recall per damage. In ``isolated`` mode each
article is damaged with one kind at a time and repaired with that kind's fixer
alone (the fixer's own precision and recall); in ``combined`` mode it gets a
random mix of kinds and every fixer runs, as for a user. The same articles
are also repaired untouched, to count edits on clean text, and repaired twice,
to check idempotence. An edit that is wrong against the clean text but that
khabar also makes on the untouched article (the outlet itself wrote الى for
إلى) repairs the reference: it is left out of precision and counted apart.

Both directions of ة↔ه are kind ``teh_marbuta`` (ة lost to ه, and the rarer
final ه written as ة, drawn apart as ``final_heh`` in the profile); the second
is also shown on its own line, ``teh_marbuta ه→ة``, and counted at the density
of its own damage in the by-density rows. ``--no-final-heh`` leaves it out: the
other damage is then what it was before that kind existed.

    python bench/repair_bench.py --set bbc --articles 1000
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corrupt import DAMAGE_KINDS, corrupt, density, draw_final_heh, draw_profile  # noqa: E402

from khabar.repair import KINDS, Repair, repair  # noqa: E402
from khabar.repair.edits import Edit, EditTrail  # noqa: E402
from khabar_dev.corpora import Article, iter_ant, iter_saudinewsnet, shared_data_dir  # noqa: E402

WORDS = re.compile("[\u0621-\u064a]+")
_QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"'})


def held_out(name: str, count: int, seed: int = 7) -> list[Article]:
    data = shared_data_dir()
    if data is None:
        sys.exit("../shared/data is needed for the benchmark")
    if name == "bbc":
        pool = [a for a in iter_ant(data / "news" / "ant-multisource-v2.1-alarabiya-bbc-skynews.tar.gz")
                if a.outlet == "bbc"]
    elif name == "snn":
        pool = [a for a in iter_saudinewsnet(data / "news" / "saudinewsnet") if a.outlet != "alwatan"]
    elif name == "dev":
        pool = [a for a in iter_saudinewsnet(data / "news" / "saudinewsnet") if a.outlet == "alwatan"]
    else:
        raise SystemExit(f"unknown set {name}")
    pool = [a for a in pool if len(WORDS.findall(a.text)) >= 30]
    random.Random(seed).shuffle(pool)
    return pool[:count]


def _touch(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] < b[1] and b[0] < a[1]:
        return True
    if a[0] == a[1] or b[0] == b[1]:
        return a[0] <= b[1] and b[0] <= a[1]
    return False


#: tally key of the final ه written as ة (a part of teh_marbuta, shown on its own line)
HEH = "teh_marbuta ه→ة"


def _keys(kind: str, reverse: bool, levels: dict[str, str]) -> tuple[str, ...]:
    """The tally keys of one edit: its kind, and with a profile its kind at the document's density."""
    keys: tuple[str, ...] = (kind, HEH) if reverse else (kind,)
    if levels:
        level = levels.get("final_heh" if reverse else kind, "none")
        keys += tuple(f"{key}@{level}" for key in keys)
    return keys


def score(damaged_text: str, gold: list[Edit], result: Repair, tally: Counter[str],
          clean_text: str | None = None, source_errors: set[tuple[int, str]] | None = None,
          profile: dict[str, float] | None = None) -> None:
    """Add true/false positives and negatives per kind to ``tally``.

    ``source_errors`` holds (offset in the clean text, replacement) of the edits khabar also makes on
    the untouched article: where the outlet's own text lacks a hamza, say. A wrong edit found there is
    counted apart (``kind:source``), as it repairs the reference rather than harming it. With the damage
    ``profile``, each count is also kept per density of its kind in this document (``kind@thin:gold``).
    """
    levels = {kind: density(rate) for kind, rate in (profile or {}).items()}
    to_clean = None
    if source_errors and clean_text is not None:
        to_clean = EditTrail(clean_text, damaged_text, gold).to_original
    items = [((g.repaired_start, g.repaired_end), "gold", g) for g in gold]
    items += [((e.start, e.end), "system", e) for e in result.edits]
    items.sort(key=lambda item: item[0])
    clusters: list[list[tuple[tuple[int, int], str, Edit]]] = []
    span = (-1, -1)
    for item in items:
        if clusters and _touch(span, item[0]):
            clusters[-1].append(item)
            span = (span[0], max(span[1], item[0][1]))
        else:
            clusters.append([item])
            span = item[0]
    for cluster in clusters:
        start = min(i[0][0] for i in cluster)
        end = max(i[0][1] for i in cluster)
        golds = sorted((i[2] for i in cluster if i[1] == "gold"), key=lambda g: g.repaired_start)
        systems = sorted((i[2] for i in cluster if i[1] == "system"), key=lambda e: e.start)
        clean = _apply(damaged_text, start, end, [(g.repaired_start, g.repaired_end, g.before) for g in golds])
        fixed = _apply(damaged_text, start, end, [(e.start, e.end, e.after) for e in systems])
        right = clean.translate(_QUOTES) == fixed.translate(_QUOTES)
        for g in golds:
            for key in _keys(g.kind, g.kind == "teh_marbuta" and g.before == "ه", levels):
                tally[f"{key}:gold"] += 1
                tally[f"{key}:found"] += right
        for e in systems:
            source = not right and to_clean is not None and (to_clean(e.start), e.after) in source_errors
            for key in _keys(e.kind, e.kind == "teh_marbuta" and e.after == "ه", levels):
                tally[f"{key}:system"] += 1
                tally[f"{key}:source"] += source
                tally[f"{key}:correct"] += right


def _apply(text: str, start: int, end: int, replacements: list[tuple[int, int, str]]) -> str:
    pieces, cursor = [], start
    for s, e, new in replacements:
        pieces.append(text[cursor:s])
        pieces.append(new)
        cursor = e
    pieces.append(text[cursor:end])
    return "".join(pieces)


def prf(tally: Counter[str], kind: str, lenient: bool = False) -> tuple[float, float, float, int, int]:
    system, correct = tally[f"{kind}:system"], tally[f"{kind}:correct"]
    if lenient:
        system -= tally[f"{kind}:source"]
    gold, found = tally[f"{kind}:gold"], tally[f"{kind}:found"]
    precision = correct / system if system else float("nan")
    recall = found / gold if gold else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if system and gold and precision + recall else float("nan")
    return precision, recall, f1, gold, system


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", default="bbc", choices=["bbc", "snn", "dev"])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=None, help="write the results as JSON here")
    parser.add_argument("--mode", default="combined", choices=["combined", "isolated"],
                        help="combined: every document gets its own mix of damage; isolated: one kind at a time")
    parser.add_argument("--kinds", default=None, help="isolated mode: only these kinds (comma-separated)")
    parser.add_argument("--show", type=int, default=0, help="print this many clean-text edits and misses")
    parser.add_argument("--no-final-heh", action="store_true",
                        help="no final ه written as ة (the damage as it was before that kind was added)")
    args = parser.parse_args()
    articles = held_out(args.set, args.articles)
    words = sum(len(WORDS.findall(a.text)) for a in articles)
    repair("تحميل")  # load resources outside the timings

    clean_edits: Counter[str] = Counter()
    clean_seconds = 0.0
    not_idempotent = 0
    examples: list[str] = []
    source_errors: dict[str, set[tuple[int, str]]] = {}
    for article in articles:
        started = time.perf_counter()
        result = repair(article.text)
        clean_seconds += time.perf_counter() - started
        source_errors[article.id] = {(edit.start, edit.after) for edit in result.edits}
        for edit in result.edits:
            clean_edits[edit.kind] += 1
            if len(examples) < args.show:
                context = article.text[max(0, edit.start - 30): edit.end + 30].replace("\n", " ")
                examples.append(
                    f"CLEAN {edit.kind} {edit.before!r}→{edit.after!r} ({edit.confidence:.2f}) | {context}"
                )
        again = repair(result.text)
        not_idempotent += bool(again.edits)

    runs = []
    for article in articles:
        rng = random.Random(article.id)
        if args.mode == "combined":
            runs.append((article, corrupt(article.text, rng, final_heh=not args.no_final_heh), None))
            continue
        for kind in (args.kinds.split(",") if args.kinds else DAMAGE_KINDS):
            profile = {k: 0.0 for k in DAMAGE_KINDS}
            while not profile[kind]:
                profile[kind] = draw_profile(rng)[kind]
            if kind == "teh_marbuta" and not args.no_final_heh:
                profile["final_heh"] = draw_final_heh(random.Random(f"final_heh {article.id}"))
            runs.append((article, corrupt(article.text, rng, profile, final_heh=not args.no_final_heh), kind))
    tally: Counter[str] = Counter()
    damaged_words = 0
    damaged_seconds = 0.0
    misses: list[str] = []
    for article, damaged, kind in runs:
        damaged_words += len(damaged.text.split())
        started = time.perf_counter()
        result = repair(damaged.text, only=None if kind is None else [kind])
        damaged_seconds += time.perf_counter() - started
        score(damaged.text, damaged.gold, result, tally, article.text, source_errors[article.id], damaged.profile)
        if args.show and len(misses) < args.show and result.text != damaged.clean:
            for g in damaged.gold:
                fixed = result.text[result.to_repaired(g.repaired_start): result.to_repaired(g.repaired_end)]
                if fixed.translate(_QUOTES) != g.before.translate(_QUOTES) and len(misses) < args.show:
                    context = damaged.text[max(0, g.repaired_start - 30): g.repaired_end + 30].replace("\n", " ")
                    misses.append(f"MISS {g.kind}: {g.after!r}→{g.before!r} got {fixed!r} | {context}")

    rows = {}
    print(f"\nset {args.set}, {args.mode} damage: {len(articles)} articles, {words:,} words")
    print("| kind | P | R | F1 | damages | edits | edits on clean text per 1k words | P* | F1* |")
    print("|---|---|---|---|---|---|---|---|---|")
    totals = Counter()
    for kind in KINDS:
        p, r, f, gold, system = prf(tally, kind)
        for key in ("system", "correct", "gold", "found", "source"):
            totals[f"all:{key}"] += tally[f"{kind}:{key}"]
        per_k = 1000 * clean_edits[kind] / words
        lenient_p, _, lenient_f, _, _ = prf(tally, kind, lenient=True)
        rows[kind] = {"precision": p, "recall": r, "f1": f, "damages": gold, "edits": system,
                      "clean_edits_per_1k_words": per_k, "precision_lenient": lenient_p, "f1_lenient": lenient_f}
        print(f"| {kind} | {p:.3f} | {r:.3f} | {f:.3f} | {gold} | {system} | {per_k:.3f} | "
              f"{lenient_p:.3f} | {lenient_f:.3f} |")
    p, r, f, gold, system = prf(tally, HEH)
    lenient_p, _, lenient_f, _, _ = prf(tally, HEH, lenient=True)
    rows[HEH] = {"precision": p, "recall": r, "f1": f, "damages": gold, "edits": system,
                 "precision_lenient": lenient_p, "f1_lenient": lenient_f}
    print(f"| {HEH} (part of teh_marbuta) | {p:.3f} | {r:.3f} | {f:.3f} | {gold} | {system} | | "
          f"{lenient_p:.3f} | {lenient_f:.3f} |")
    p, r, f, gold, system = prf(totals, "all")
    lenient_p, _, lenient_f, _, _ = prf(totals, "all", lenient=True)
    per_k = 1000 * sum(clean_edits.values()) / words
    rows["all"] = {"precision": p, "recall": r, "f1": f, "damages": gold, "edits": system,
                   "clean_edits_per_1k_words": per_k, "precision_lenient": lenient_p, "f1_lenient": lenient_f}
    print(f"| **all** | {p:.3f} | {r:.3f} | {f:.3f} | {gold} | {system} | {per_k:.3f} | "
          f"{lenient_p:.3f} | {lenient_f:.3f} |")
    by_density: dict[str, dict[str, dict[str, float]]] = {}
    print("\nby density of each kind's damage in the document (thin: 3-10% of its sites, partial, full; "
          "none: edits of a kind the document did not lose)")
    print("| kind | density | P | R | F1 | damages | edits | P* | F1* |")
    print("|---|---|---|---|---|---|---|---|---|")
    for kind in ("alef_maksura", "hamza", "teh_marbuta", HEH, "comma", "all"):
        for level in ("thin", "partial", "full", "none"):
            if kind == "all":
                sub = Counter()
                for each in ("alef_maksura", "hamza", "teh_marbuta", "comma"):
                    for key in ("system", "correct", "gold", "found", "source"):
                        sub[f"all@{level}:{key}"] += tally[f"{each}@{level}:{key}"]
            else:
                sub = tally
            p, r, f, gold, system = prf(sub, f"{kind}@{level}")
            lenient_p, _, lenient_f, _, _ = prf(sub, f"{kind}@{level}", lenient=True)
            if not gold and not system:
                continue
            by_density.setdefault(kind, {})[level] = {"precision": p, "recall": r, "f1": f, "damages": gold,
                                                      "edits": system, "precision_lenient": lenient_p,
                                                      "f1_lenient": lenient_f}
            print(f"| {kind} | {level} | {p:.3f} | {r:.3f} | {f:.3f} | {gold} | {system} | {lenient_p:.3f} | "
                  f"{lenient_f:.3f} |")
    print("P*, F1*: leaving out wrong edits that khabar also makes on the untouched article "
          "(where the outlet's own text may be wrong: BBC writes الى, الانسان)")
    speed = {"clean_words_per_s": words / clean_seconds, "damaged_words_per_s": damaged_words / damaged_seconds}
    print(f"\nidempotent: {len(articles) - not_idempotent}/{len(articles)} articles; "
          f"speed: {speed['clean_words_per_s']:,.0f} words/s on clean text, "
          f"{speed['damaged_words_per_s']:,.0f} words/s on damaged text (one core)")
    for line in misses + examples:
        print(line)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        summary = {"set": args.set, "mode": args.mode, "articles": len(articles), "words": words, "kinds": rows,
                   "by_density": by_density,
                   "idempotent": len(articles) - not_idempotent, **speed}
        args.out.write_text(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
