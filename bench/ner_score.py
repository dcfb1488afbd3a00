"""Entity-level NER scoring, the same as seqeval's default mode (conlleval chunking).

Chunks are read from BIO tags as conlleval and ``seqeval.metrics`` (default, not
``mode="strict"``) read them: ``B-X`` starts a chunk; ``I-X`` continues a chunk of
type X and otherwise (after ``O``, or after a chunk of another type) starts a new
one. A predicted chunk is correct when its type and both boundaries equal a gold
chunk's. Precision, recall and F1 are given per type and micro-averaged over all
chunks; a confusion table counts, for chunks whose boundaries match exactly, gold
type against predicted type (``O`` for a chunk with no boundary match on the other side).

    python bench/ner_score.py GOLD.conll PRED.conll   # last column of each line is the tag
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

Chunk = tuple[str, int, int]
"""An entity chunk: (type, start, end) with ``end`` exclusive."""

NONE = "O"
"""Label of the missing side in the confusion table."""


def split_tag(tag: str) -> tuple[str, str]:
    """Split a BIO tag into (prefix, type); ``O`` gives ("O", "").

    >>> split_tag("B-PER"), split_tag("O")
    (('B', 'PER'), ('O', ''))
    """
    if tag == "O":
        return "O", ""
    prefix, dash, kind = tag.partition("-")
    if prefix not in ("B", "I") or not dash or not kind:
        raise ValueError(f"not a BIO tag: {tag!r}")
    return prefix, kind


def chunks(tags: Sequence[str]) -> list[Chunk]:
    """Entity chunks of one BIO sequence, conlleval style.

    >>> chunks(["I-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG"])
    [('PER', 0, 2), ('LOC', 3, 4), ('LOC', 4, 5), ('ORG', 5, 6)]
    """
    found: list[Chunk] = []
    kind, start = "", -1
    for i, tag in enumerate(tags):
        prefix, tag_kind = split_tag(tag)
        continues = prefix == "I" and tag_kind == kind
        if kind and not continues:
            found.append((kind, start, i))
            kind = ""
        if prefix != "O" and not continues:
            kind, start = tag_kind, i
    if kind:
        found.append((kind, start, len(tags)))
    return found


@dataclass(frozen=True)
class TypeScore:
    """Counts and scores of one entity type (or of all, micro-averaged)."""

    correct: int
    gold: int
    predicted: int

    @property
    def precision(self) -> float:
        """Correct chunks over predicted chunks (0 when nothing was predicted)."""
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Correct chunks over gold chunks (0 when there is no gold chunk)."""
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (0 when both are 0)."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        """Counts and scores as a JSON-ready dict."""
        return {
            "precision": round(self.precision, 6),
            "recall": round(self.recall, 6),
            "f1": round(self.f1, 6),
            "correct": self.correct,
            "gold": self.gold,
            "predicted": self.predicted,
        }


@dataclass(frozen=True)
class NerScore:
    """Per-type and micro-averaged scores, plus the boundary-matched type confusion."""

    per_type: dict[str, TypeScore]
    micro: TypeScore
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, object]:
        """Scores and confusion (``{gold: {predicted: n}}``) as a JSON-ready dict."""
        table: dict[str, dict[str, int]] = {}
        for (gold, pred), n in sorted(self.confusion.items()):
            table.setdefault(gold, {})[pred] = n
        return {
            "micro": self.micro.as_dict(),
            "per_type": {kind: s.as_dict() for kind, s in sorted(self.per_type.items())},
            "confusion": table,
        }


def _sentence_chunks(sequences: Sequence[Sequence[str]]) -> dict[tuple[int, int, int], str]:
    """All chunks of many sequences, keyed by (sequence index, start, end), valued by type."""
    return {(n, start, end): kind for n, tags in enumerate(sequences) for kind, start, end in chunks(tags)}


def score(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]) -> NerScore:
    """Score predicted BIO sequences against gold ones (same number and lengths)."""
    if len(gold) != len(predicted) or any(len(g) != len(p) for g, p in zip(gold, predicted)):
        raise ValueError("gold and predicted sequences differ in number or length")
    gold_chunks, pred_chunks = _sentence_chunks(gold), _sentence_chunks(predicted)
    n_gold = Counter(gold_chunks.values())
    n_pred = Counter(pred_chunks.values())
    n_correct = Counter(kind for span, kind in gold_chunks.items() if pred_chunks.get(span) == kind)
    per_type = {kind: TypeScore(n_correct[kind], n_gold[kind], n_pred[kind]) for kind in n_gold | n_pred}
    micro = TypeScore(sum(n_correct.values()), len(gold_chunks), len(pred_chunks))
    confusion: Counter[tuple[str, str]] = Counter()
    for span, kind in gold_chunks.items():
        confusion[kind, pred_chunks.get(span, NONE)] += 1
    for span, kind in pred_chunks.items():
        if span not in gold_chunks:
            confusion[NONE, kind] += 1
    return NerScore(per_type, micro, confusion)


def markdown_scores(result: NerScore) -> str:
    """A markdown table of per-type and micro scores (percentages)."""
    lines = ["| type | P | R | F1 | gold | predicted |", "|---|---|---|---|---|---|"]
    rows = [*sorted(result.per_type.items()), ("micro", result.micro)]
    for kind, s in rows:
        lines.append(
            f"| {kind} | {100 * s.precision:.2f} | {100 * s.recall:.2f} | {100 * s.f1:.2f} | {s.gold} | {s.predicted} |"
        )
    return "\n".join(lines)


def markdown_confusion(result: NerScore) -> str:
    """A markdown table: rows are gold types, columns predicted types (``O``: no boundary match)."""
    kinds = sorted({k for pair in result.confusion for k in pair} - {NONE}) + [NONE]
    lines = ["| gold \\ predicted | " + " | ".join(kinds) + " |", "|---" * (len(kinds) + 1) + "|"]
    for gold in kinds:
        lines.append(f"| {gold} | " + " | ".join(str(result.confusion.get((gold, p), 0)) for p in kinds) + " |")
    return "\n".join(lines)


def read_tag_sequences(path: Path) -> list[list[str]]:
    """Tag sequences (last column) of a blank-line separated CoNLL file."""
    sequences: list[list[str]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            sequences[-1].append(line.split()[-1])
        elif sequences[-1]:
            sequences.append([])
    return [s for s in sequences if s]


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: score a predicted CoNLL file against a gold one."""
    parser = argparse.ArgumentParser(description="Entity-level NER scores (seqeval default mode).")
    parser.add_argument("gold", type=Path)
    parser.add_argument("predicted", type=Path)
    args = parser.parse_args(argv)
    result = score(read_tag_sequences(args.gold), read_tag_sequences(args.predicted))
    print(markdown_scores(result), markdown_confusion(result), sep="\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
