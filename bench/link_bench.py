"""Entity links on held-out news, judged by hand: how many of the links khabar gives are right.

BBC Arabic (ANT) is never read by any build script of khabar's tables, so its articles are held out for
this benchmark. Two steps:

1. ``--sample N``: analyze 400 BBC articles (the repair benchmark's seeded selection, from its end so
   that the speed and repair samples are not reused), count how many PER/ORG/LOC mentions get a link,
   and draw N linked mentions at random (seed 11; a third from each of ORG, PER and LOC where there are
   enough). The draw is written to a scratch file with each mention's sentence, for a person to judge;
   only ``article id, start, end, label, link id`` and the verdict go into the repository
   (``bench/gold/link_judgments.tsv``), never the article text.
2. (default) re-analyze the judged articles and score: a judged link counts when the current analysis
   still gives that mention that link; precision = right / judged. Mentions whose link changed since the
   judging are listed as not comparable.

    python bench/link_bench.py --sample 200 --out /tmp/link-sample.tsv   # for the judge
    python bench/link_bench.py                                           # score; JSON in bench/results/link.json
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from repair_bench import held_out  # noqa: E402

import khabar  # noqa: E402

JUDGMENTS = ROOT / "bench" / "gold" / "link_judgments.tsv"
RESULTS = ROOT / "bench" / "results" / "link.json"
LABELS = ("ORG", "PER", "LOC")
ARTICLES = 400


def articles() -> list:
    """The held-out BBC articles of this benchmark (the last 400 of a 3,000-article seeded draw)."""
    return held_out("bbc", 3_000)[-ARTICLES:]


def mentions(article) -> list[dict]:  # type: ignore[no-untyped-def]
    """PER/ORG/LOC mentions of one article with their links (offsets into the repaired text)."""
    doc = khabar.analyze(article.text)
    out = []
    for ent in doc.ents:
        if ent.label_ in LABELS:
            sent = ent.sent
            out.append({"id": article.id, "start": ent.start_char, "end": ent.end_char, "label": ent.label_,
                        "text": ent.text, "link": ent._.link, "sentence": sent.text,
                        "before": doc.text[sent.start_char: ent.start_char][-150:],
                        "after": doc.text[ent.end_char: sent.end_char][:150]})
    return out


def sample(n: int, out: Path) -> dict:
    """Draw ``n`` linked mentions to judge; return coverage counts."""
    found = [m for a in articles() for m in mentions(a)]
    coverage = {label: {"mentions": sum(m["label"] == label for m in found),
                        "linked": sum(m["label"] == label and m["link"] is not None for m in found)}
                for label in LABELS}
    rng = random.Random(11)
    by_label = {label: [m for m in found if m["label"] == label and m["link"]] for label in LABELS}
    drawn = []
    for label in LABELS:
        pool = by_label[label]
        drawn += rng.sample(pool, min(len(pool), n // len(LABELS)))
    rest = [m for label in LABELS for m in by_label[label] if m not in drawn]
    drawn += rng.sample(rest, min(len(rest), n - len(drawn)))
    rng.shuffle(drawn)
    with out.open("w", encoding="utf-8") as handle:
        handle.write("n\tarticle\tstart\tend\tlabel\tmention\tlink_id\tlink_name_en\tlink_type_or_kind\trole\t"
                     "context_before\tcontext_after\n")
        for i, m in enumerate(drawn, 1):
            link = m["link"]
            handle.write("\t".join(str(x).replace("\t", " ").replace("\n", " ") for x in [
                i, m["id"], m["start"], m["end"], m["label"], m["text"], link["id"], link.get("name_en", ""),
                link.get("type") or link.get("kind", ""), link.get("role", ""), m["before"], m["after"]]) + "\n")
    return coverage


def score() -> dict:
    """Precision of the judged links under the current analysis."""
    rows = [line.split("\t") for line in JUDGMENTS.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    by_article: dict[str, list[list[str]]] = {}
    for row in rows:
        by_article.setdefault(row[0], []).append(row)
    pool = {a.id: a for a in articles()}
    counts: Counter[str] = Counter()
    per_label: dict[str, Counter[str]] = {label: Counter() for label in LABELS}
    for article_id, judged in by_article.items():
        current = {(m["start"], m["end"]): m for m in mentions(pool[article_id])}
        for _, start, end, label, link_id, verdict in judged:
            m = current.get((int(start), int(end)))
            if m is None or not m["link"] or m["link"]["id"] != link_id:
                counts["not comparable"] += 1
                continue
            counts[verdict] += 1
            per_label[label][verdict] += 1
    judged_now = counts["right"] + counts["wrong"]
    report = {"judged": len(rows), "comparable": judged_now, "right": counts["right"], "wrong": counts["wrong"],
              "not_comparable": counts["not comparable"],
              "precision": round(counts["right"] / judged_now, 4) if judged_now else None,
              "per_label": {label: {"right": c["right"], "wrong": c["wrong"],
                                    "precision": round(c["right"] / (c["right"] + c["wrong"]), 4)
                                    if c["right"] + c["wrong"] else None} for label, c in per_label.items()}}
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """Sample for judging, or score the judgments."""
    parser = argparse.ArgumentParser(description="entity links judged by hand on held-out BBC articles")
    parser.add_argument("--sample", type=int, default=0, help="draw this many linked mentions to judge")
    parser.add_argument("--out", type=Path, default=Path("/tmp/link-sample.tsv"))
    args = parser.parse_args(argv)
    if args.sample:
        coverage = sample(args.sample, args.out)
        print(json.dumps(coverage, indent=2))
        (RESULTS.with_name("link-coverage.json")).write_text(json.dumps(coverage, indent=2) + "\n", encoding="utf-8")
        print(f"{args.sample} mentions to judge in {args.out}")
        return 0
    report = score()
    coverage_file = RESULTS.with_name("link-coverage.json")
    if coverage_file.exists():
        report["coverage"] = json.loads(coverage_file.read_text(encoding="utf-8"))
    print(json.dumps(report, indent=2))
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
