"""Lexicon baselines for NER on the ANERcorp benchmark test split (for reference only).

- ``memorise``: every entity string of the training split (exact token sequence, after
  light spelling normalisation) with its most frequent type; the test text is tagged by
  greedy longest match, left to right.
- ``memorise+gazet``: the same, plus ANERGazet entries not already in that lexicon.
- ``memorise+gazet, filtered``: the same, but an entry whose token sequence occurs in the
  training text more often outside than as an entity is dropped (entries never seen in
  training are kept).

Scores are entity level, seqeval default mode (bench/ner_score.py).

    python bench/ner_baselines.py    # prints a markdown table, writes bench/results/ner-baselines.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from ner_score import chunks, markdown_confusion, score  # noqa: E402

from training.convert_ner import (  # noqa: E402
    Sentence,
    anercorp_split,
    gazetteer_entries,
    ner_data_dir,
    read_anercorp_lines,
    read_gazetteers,
)

Key = tuple[str, ...]
Lexicon = dict[Key, str]

_DIACRITICS = re.compile("[\u0640\u064b-\u0652\u0670]")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


def match_key(token: str) -> str:
    """Fold a token for lookup: no diacritics or tatweel, one alef, ى as ي, ة as ه.

    >>> match_key("إسرائيلَ") == match_key("اسرائيل")
    True
    """
    return _DIACRITICS.sub("", token).translate(_FOLD)


def sentence_keys(sentence: Sentence) -> list[str]:
    """Lookup keys of a sentence's tokens."""
    return [match_key(token) for token, _ in sentence]


def training_entities(sentences: Iterable[Sentence]) -> Lexicon:
    """Entity strings of the training sentences, each with its most frequent type."""
    types: defaultdict[Key, Counter[str]] = defaultdict(Counter)
    for sentence in sentences:
        keys = sentence_keys(sentence)
        for kind, start, end in chunks([tag for _, tag in sentence]):
            types[tuple(keys[start:end])][kind] += 1
    return {key: counts.most_common(1)[0][0] for key, counts in types.items()}


def add_gazetteer(lexicon: Lexicon, entries: dict[str, str]) -> Lexicon:
    """A copy of ``lexicon`` with gazetteer entries (split at spaces) that it lacks."""
    merged = dict(lexicon)
    for entry, kind in entries.items():
        key = tuple(match_key(token) for token in entry.split())
        if key and all(key):
            merged.setdefault(key, kind)
    return merged


def filter_ambiguous(lexicon: Lexicon, sentences: Sequence[Sentence]) -> Lexicon:
    """Drop entries whose token sequence occurs in ``sentences`` more often outside than as an entity."""
    as_entity: Counter[Key] = Counter()
    total: Counter[Key] = Counter()
    longest = max((len(key) for key in lexicon), default=0)
    for sentence in sentences:
        keys = sentence_keys(sentence)
        for _, start, end in chunks([tag for _, tag in sentence]):
            as_entity[tuple(keys[start:end])] += 1
        for n in range(1, longest + 1):
            for start in range(len(keys) - n + 1):
                key = tuple(keys[start : start + n])
                if key in lexicon:
                    total[key] += 1
    return {key: kind for key, kind in lexicon.items() if 2 * as_entity[key] >= total[key]}


def tag_longest_match(keys: Sequence[str], lexicon: Lexicon, longest: int) -> list[str]:
    """BIO tags from greedy left-to-right longest matches of lexicon entries.

    >>> tag_longest_match(["a", "b", "c"], {("a",): "PER", ("a", "b"): "ORG"}, 2)
    ['B-ORG', 'I-ORG', 'O']
    """
    tags = ["O"] * len(keys)
    i = 0
    while i < len(keys):
        for n in range(min(longest, len(keys) - i), 0, -1):
            kind = lexicon.get(tuple(keys[i : i + n]))
            if kind:
                tags[i : i + n] = [f"B-{kind}"] + [f"I-{kind}"] * (n - 1)
                i += n
                break
        else:
            i += 1
    return tags


def predict(sentences: Sequence[Sentence], lexicon: Lexicon) -> list[list[str]]:
    """Tag every sentence by longest match against ``lexicon``."""
    longest = max((len(key) for key in lexicon), default=0)
    return [tag_longest_match(sentence_keys(sentence), lexicon, longest) for sentence in sentences]


def run(data_dir: Path | None = None) -> dict[str, object]:
    """Build the three lexicons, tag the test split, and return the results as a dict."""
    ner = ner_data_dir(data_dir)
    split = anercorp_split(read_anercorp_lines(ner / "ANERcorp" / "ANERCorp"))
    gazet = gazetteer_entries(read_gazetteers(ner / "ANERcorp" / "ANERGazet"))
    memorised = training_entities(split.train)
    with_gazet = add_gazetteer(memorised, gazet)
    lexicons = {
        "memorise": memorised,
        "memorise+gazet": with_gazet,
        "memorise+gazet, filtered": filter_ambiguous(with_gazet, split.train),
    }
    gold = [[tag for _, tag in sentence] for sentence in split.test]
    results: dict[str, object] = {}
    for name, lexicon in lexicons.items():
        result = score(gold, predict(split.test, lexicon))
        results[name] = {"lexicon_entries": len(lexicon), **result.as_dict()}
        results[name]["_confusion_md"] = markdown_confusion(result)
    return {
        "benchmark": "ANERcorp, CAMeL Lab split (last 25,008 token lines = test)",
        "scorer": "entity level, seqeval default mode (bench/ner_score.py)",
        "train_lines": split.train_lines,
        "test_lines": split.test_lines,
        "test_sentences": len(split.test),
        "cut_at_sentence_boundary": split.at_sentence_boundary,
        "gazetteer_entries": len(gazet),
        "baselines": results,
    }


def markdown_table(report: dict[str, object]) -> str:
    """A markdown table of micro and per-type F1 of each baseline (percentages)."""
    baselines: dict[str, dict] = report["baselines"]  # type: ignore[assignment]
    kinds = ["PER", "LOC", "ORG", "MISC"]
    lines = [
        "| baseline | entries | P | R | F1 | " + " | ".join(f"F1 {k}" for k in kinds) + " |",
        "|---" * (5 + len(kinds)) + "|",
    ]
    for name, res in baselines.items():
        micro, per_type = res["micro"], res["per_type"]
        cells = [f"{100 * per_type.get(k, {}).get('f1', 0.0):.1f}" for k in kinds]
        lines.append(
            f"| {name} | {res['lexicon_entries']:,} | {100 * micro['precision']:.1f} | "
            f"{100 * micro['recall']:.1f} | {100 * micro['f1']:.1f} | " + " | ".join(cells) + " |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: run the baselines, print tables, write the JSON results."""
    parser = argparse.ArgumentParser(description="Lexicon NER baselines on the ANERcorp test split.")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "ner-baselines.json")
    parser.add_argument("--confusion", action="store_true", help="also print each baseline's type confusion")
    args = parser.parse_args(argv)
    report = run()
    print(markdown_table(report))
    for name, res in report["baselines"].items():  # type: ignore[union-attr]
        confusion_md = res.pop("_confusion_md")
        if args.confusion:
            print(f"\n{name}: gold type (rows) vs predicted type, boundary-matched spans\n\n{confusion_md}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
