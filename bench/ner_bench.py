"""Score khabar's named entities on the ANERcorp benchmark test split (the last 25,008 token lines).

Each test sentence's tokens are joined by spaces and analyzed; every predicted PER/LOC/ORG/MISC entity is
mapped back to the ANERcorp tokens it overlaps (a clitic-split entity such as ``لبنان`` inside ``ولبنان``
marks that whole token, as ANERcorp does), and the BIO sequences are scored entity by entity
(seqeval-style, :mod:`bench.ner_score`).

The pipeline runs without its ``khabar_expressions`` stage: ANERcorp tags a currency name as MISC
(``دولار``), which the full pipeline folds into a MONEY expression (``5 ملايين دولار``); the benchmark
scores the name tagger in ANERcorp's convention.

Three conditions:

* ``clean``            — the test text as it is, no repair;
* ``damaged``          — the same text corrupted as in the repair benchmark (:mod:`bench.corrupt`,
  seeded), analyzed without repair; predictions are mapped back to the clean tokens through the recorded
  damage;
* ``damaged+repair``   — the corrupted text repaired by khabar first, then analyzed.

    python bench/ner_bench.py                   # table; JSON in bench/results/ner-khabar.json
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from bisect import bisect_right
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.corrupt import corrupt  # noqa: E402
from bench.ner_score import markdown_confusion, markdown_scores, score  # noqa: E402
from khabar.analyze import load  # noqa: E402
from khabar.repair import repair  # noqa: E402
from khabar_dev.corpora import require_shared_data  # noqa: E402
from training.convert_ner import load_all, read_conll_sentences  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "ner-khabar.json"
NER_LABELS = frozenset({"PER", "LOC", "ORG", "MISC"})
GROUP = 20  # sentences analyzed together (a paragraph of context, as in an article)


def token_offsets(tokens: Sequence[str], start: int = 0) -> list[tuple[int, int]]:
    """Character spans of space-joined tokens."""
    out, pos = [], start
    for token in tokens:
        out.append((pos, pos + len(token)))
        pos += len(token) + 1
    return out


def bio_from_spans(offsets: Sequence[tuple[int, int]], spans: Sequence[tuple[int, int, str]]) -> list[str]:
    """BIO tags over tokens for entity character spans (a token overlapped by an entity belongs to it)."""
    tags = ["O"] * len(offsets)
    starts = [s for s, _ in offsets]
    for start, end, label in sorted(spans):
        first = max(0, bisect_right(starts, start) - 1)
        idx = [i for i in range(first, len(offsets)) if offsets[i][0] < end and start < offsets[i][1]]
        if not idx or any(tags[i] != "O" for i in idx):
            continue
        tags[idx[0]] = f"B-{label}"
        for i in idx[1:]:
            tags[i] = f"I-{label}"
    return tags


class OffsetMap:
    """Map offsets of a damaged text back to the clean text through the corruption's recorded edits."""

    def __init__(self, edits: Sequence) -> None:  # type: ignore[type-arg]
        self.points: list[tuple[int, int, int, int]] = sorted(
            (e.repaired_start, e.repaired_end, e.start, e.end) for e in edits)
        self.keys = [p[0] for p in self.points]

    def __call__(self, pos: int) -> int:
        i = bisect_right(self.keys, pos) - 1
        if i < 0:
            return pos
        d_start, d_end, c_start, c_end = self.points[i]
        if pos >= d_end:
            return c_end + (pos - d_end)
        return c_start + min(pos - d_start, c_end - c_start)


def _compose(outer: OffsetMap, inner: object) -> object:
    """``outer(inner(p))``: repaired → damaged → clean offsets."""
    return lambda p: outer(inner(p))  # type: ignore[operator]


def predict_groups(sentences: Sequence[Sequence[tuple[str, str]]], condition: str, seed: int = 7) -> list[list[str]]:
    """Predicted BIO tags for every sentence under one condition."""
    nlp = load()
    rng = random.Random(seed)
    predicted: list[list[str]] = []
    for g in range(0, len(sentences), GROUP):
        group = sentences[g: g + GROUP]
        offsets, pos = [], 0
        for sentence in group:
            offsets.append(token_offsets([t for t, _ in sentence], pos))
            pos = offsets[-1][-1][1] + 1 if sentence else pos
        clean = "\n".join(" ".join(t for t, _ in s) for s in group)
        text, back = clean, (lambda p: p)
        if condition != "clean":
            damaged = corrupt(clean, rng)
            text, back = damaged.text, OffsetMap(damaged.gold)
            if condition == "damaged+repair":
                fixed = repair(text)
                text = fixed.text
                back = _compose(OffsetMap(damaged.gold), fixed.to_original)
        with nlp.select_pipes(disable=["khabar_expressions"]):
            doc = nlp(text)
        spans = [(back(e.start_char), back(e.end_char), e.label_) for e in doc.ents if e.label_ in NER_LABELS]
        for sentence_offsets in offsets:
            lo, hi = sentence_offsets[0][0], sentence_offsets[-1][1]
            predicted.append(bio_from_spans(sentence_offsets, [s for s in spans if s[0] < hi and lo < s[1]]))
    return predicted


def main(argv: Sequence[str] | None = None) -> int:
    """Score the three conditions, print tables, write JSON."""
    parser = argparse.ArgumentParser(description="khabar NER on the ANERcorp test split")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--conditions", default="clean,damaged,damaged+repair")
    parser.add_argument("--split", choices=("test", "dev", "cleananercorp"), default="test",
                        help="dev = the last tenth of ANERcorp's training part (the validation set, for tuning); "
                             "cleananercorp = CLEANANERCorp's TEST (the test text with corrected labels, its own "
                             "sentences)")
    parser.add_argument("--model", type=Path, default=None,
                        help="score this CRF file instead of the shipped one (e.g. a model trained without the "
                             "validation sentences: python training/train_crf_ner.py --model /tmp/valid.crfsuite)")
    parser.add_argument("--without-known-names", action="store_true",
                        help="ablation: leave out the correction by the organisation/person table")
    args = parser.parse_args(argv)
    data = require_shared_data()
    load().get_pipe("khabar_crf_ner").known_names = not args.without_known_names
    if args.model is not None:
        import pycrfsuite

        crf = load().get_pipe("khabar_crf_ner")
        crf.tagger = pycrfsuite.Tagger()
        crf.tagger.open(str(args.model))
    split, _ = load_all(data)
    if args.split == "dev":
        test = [s for s in split.train[len(split.train) * 9 // 10:] if s]
        args.out = args.out.with_name("ner-khabar-dev.json") if args.out == RESULTS else args.out
    elif args.split == "cleananercorp":
        lines = (data / "ner" / "CLEANANERCorp" / "cleananercorp_TEST.txt").read_text(encoding="utf-8").splitlines()
        test = [s for s in read_conll_sentences(lines) if s]
        args.out = args.out.with_name("ner-khabar-cleananercorp.json") if args.out == RESULTS else args.out
    else:
        test = [s for s in split.test if s]
    gold = [[tag for _, tag in s] for s in test]
    report: dict[str, object] = {"test_sentences": len(test), "test_tokens": sum(map(len, test))}
    for condition in args.conditions.split(","):
        start = time.perf_counter()
        result = score(gold, predict_groups(test, condition))
        seconds = time.perf_counter() - start
        report[condition] = {**result.as_dict(), "seconds": round(seconds, 1)}
        print(f"\n## {condition} ({seconds:.0f} s)\n\n{markdown_scores(result)}")
        if condition == "clean":
            print(f"\n{markdown_confusion(result)}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
