"""Train the clitic segmenter's model (``khabar/segment/model.tsv``) on the TRAINING gold only.

Training words: PADT dev (``ar-ud-dev.conllu``) and the WikiNews part before the held-out fifth
(:func:`training.convert_treebanks.wikinews_split`). PADT test and WikiNews held-out are never read.

Each distinct training word counts once, with its commonest gold segmentation. The model is a log-linear
ranker over the candidate splits of :func:`khabar.segment.candidates`, trained by stochastic gradient
descent on the softmax loss; the host-seen feature is computed leave-one-word-out so that it behaves on
training words as it will on unseen ones. Training words the model still gets wrong are written as
overrides (word type and its segmentation only, no running text).

    python training/train_segmenter.py              # writes khabar/segment/model.tsv
    python training/train_segmenter.py --validate   # 80/20 split of training types; writes nothing
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import zlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from khabar.segment import MODEL_PATH, Candidate, candidates, features  # noqa: E402
from khabar_dev.corpora import require_shared_data  # noqa: E402
from training.convert_treebanks import (  # noqa: E402
    ARABIC_LETTER,
    PADT_DIR,
    WIKINEWS_FILE,
    read_padt,
    read_wikinews,
    wikinews_split,
)

Example = tuple[str, tuple[str, ...]]


def training_words(data: Path) -> list[Example]:
    """(word, commonest gold UD segmentation) for each distinct Arabic word of the training parts."""
    counts: dict[str, Counter[tuple[str, ...]]] = defaultdict(Counter)
    for sentence in read_padt(data / PADT_DIR / "ar-ud-dev.conllu"):
        for token in sentence.tokens:
            if token.analyzed and ARABIC_LETTER.search(token.text):
                counts[token.text][tuple(token.forms)] += 1
    train, _ = wikinews_split(read_wikinews(data / WIKINEWS_FILE))
    for sentence in train:
        for word in sentence:
            if ARABIC_LETTER.search(word.text):
                counts[word.text][tuple(word.ud)] += 1
    return sorted((word, seg.most_common(1)[0][0]) for word, seg in counts.items())


def host_of(gold: Sequence[str], cands: Sequence[Candidate]) -> str | None:
    """The normalized host of the gold split (None when the gold is not among the candidates)."""
    for cand in cands:
        if cand.key() == tuple(gold):
            return cand.stem_norm
    return None


def host_counts(examples: Sequence[Example]) -> Counter[str]:
    """How many training words have each normalized host."""
    counts: Counter[str] = Counter()
    for word, gold in examples:
        host = host_of(gold, candidates(word))
        if host:
            counts[host] += 1
    return counts


class LeaveOneOut(dict):
    """A host-count view with one word's own host taken out."""

    def __init__(self, base: dict[str, int], own: str | None) -> None:
        super().__init__()
        self.base, self.own = base, own

    def get(self, key: str, default: int = 0) -> int:  # type: ignore[override]
        """The count without the word's own contribution."""
        value = self.base.get(key, default)
        return value - 1 if key == self.own and value > 0 else value


def featurize(examples: Sequence[Example], hosts: dict[str, int], leave_one_out: bool):
    """For each example with at least two candidates: (candidate feature dicts, gold index or -1, candidates)."""
    rows = []
    for word, gold in examples:
        cands = candidates(word)
        gold_index = next((i for i, c in enumerate(cands) if c.key() == tuple(gold)), -1)
        own = cands[gold_index].stem_norm if gold_index >= 0 else None
        view = LeaveOneOut(hosts, own) if leave_one_out else hosts
        rows.append(([features(word, c, view) for c in cands], gold_index, cands))
    return rows


def train(rows, epochs: int = 12, rate: float = 0.1, l2: float = 1e-5, seed: int = 13) -> dict[str, float]:
    """Softmax ranker by SGD with averaged weights."""
    weights: dict[str, float] = defaultdict(float)
    total: dict[str, float] = defaultdict(float)
    usable = [r for r in rows if r[1] >= 0 and len(r[0]) > 1]
    rng = random.Random(seed)
    steps = 0
    for epoch in range(epochs):
        rng.shuffle(usable)
        lr = rate / (1 + epoch)
        for feats, gold, _ in usable:
            scores = [sum(weights.get(k, 0.0) * v for k, v in f.items()) for f in feats]
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            z = sum(exps)
            for i, f in enumerate(feats):
                g = exps[i] / z - (1.0 if i == gold else 0.0)
                if abs(g) < 1e-6:
                    continue
                for k, v in f.items():
                    weights[k] -= lr * (g * v + l2 * weights[k])
            steps += 1
            for k, v in weights.items():
                total[k] += v
    return {k: total[k] / steps for k in weights if abs(total[k] / steps) > 1e-6}


def predict(weights: dict[str, float], feats: Sequence[dict[str, float]]) -> int:
    """Index of the best candidate (the first on ties)."""
    scores = [sum(weights.get(k, 0.0) * v for k, v in f.items()) for f in feats]
    return max(range(len(scores)), key=lambda i: (scores[i], -i))


def accuracy(weights: dict[str, float], rows, examples: Sequence[Example]) -> float:
    """Share of examples whose predicted normalized split equals the gold."""
    right = 0
    for (feats, _, cands), (_, gold) in zip(rows, examples):
        right += cands[predict(weights, feats)].key() == tuple(gold)
    return right / max(1, len(examples))


def write_model(path: Path, weights: dict[str, float], hosts: dict[str, int], overrides: dict[str, str]) -> None:
    """Write the model text file."""
    lines = ["# khabar clitic segmenter: w=weight, h=training host count, o=override (text=norm pieces)"]
    lines += [f"w\t{k}\t{v:.5g}" for k, v in sorted(weights.items())]
    lines += [f"h\t{k}\t{v}" for k, v in sorted(hosts.items())]
    lines += [f"o\t{k}\t{v}" for k, v in sorted(overrides.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Train (or validate) and write the model."""
    parser = argparse.ArgumentParser(description="train the clitic segmenter")
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--validate", action="store_true", help="hold out a fifth of the training word types")
    parser.add_argument("--epochs", type=int, default=12)
    args = parser.parse_args(argv)
    data = args.data or require_shared_data()
    examples = training_words(data)
    if args.validate:
        fit = [e for e in examples if zlib.crc32(e[0].encode()) % 5]
        val = [e for e in examples if not zlib.crc32(e[0].encode()) % 5]
        hosts = host_counts(fit)
        weights = train(featurize(fit, hosts, True), args.epochs)
        val_rows = featurize(val, hosts, False)
        reachable = sum(r[1] >= 0 for r in val_rows) / max(1, len(val_rows))
        print(f"types fit {len(fit)} / held {len(val)}; gold reachable {reachable:.4f}")
        print(f"unseen-type accuracy {accuracy(weights, val_rows, val):.4f}")
        nosplit = sum(len(g) == 1 for _, g in val) / max(1, len(val))
        print(f"no-split on the same types {nosplit:.4f}")
        for (feats, _, cands), (word, gold) in list(zip(val_rows, val))[:4000]:
            got = cands[predict(weights, feats)].key()
            if got != tuple(gold):
                print("ERR", word, "gold", "+".join(gold), "got", "+".join(got))
        return 0
    hosts = host_counts(examples)
    rows = featurize(examples, hosts, True)
    weights = train(rows, args.epochs)
    full_rows = featurize(examples, hosts, False)
    overrides = {}
    for (feats, gold_index, cands), (word, _gold) in zip(full_rows, examples):
        if gold_index >= 0 and predict(weights, feats) != gold_index:
            overrides[word] = " ".join(f"{p.text}={p.norm}" for p in cands[gold_index].pieces())
    write_model(args.out, weights, dict(hosts), overrides)
    print(f"{len(examples)} training types, {len(weights)} weights, {len(hosts)} hosts, {len(overrides)} overrides")
    print(f"training accuracy before overrides {accuracy(weights, full_rows, examples):.4f} -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
