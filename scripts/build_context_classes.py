"""Build ``khabar/repair/data/context_classes.tsv.gz``: how often each spelling that needs context
(علي/على, كره/كرة) stands next to a word the lexicon does not know.

Pair counts cannot judge a rare neighbour: ``علي الشعيلان`` and ``على الشعيلان`` are both unseen. Their
class can: in clean news ``علي`` (the name Ali) precedes an unknown definite word eight times as often
as ``على`` does (a family name: ``علي الخضراوي``). Rows have the format of the context tables, with a
pseudo-word for the class (``<unk-al>``: an unknown word starting with ال, ``<unk>``: another unknown
word), plus the class totals as skeleton counts; ``khabar.repair.resources`` merges them in.

Reads the same training outlets as scripts/build_repair_resources.py (never BBC or SaudiNewsNet).

    python scripts/build_context_classes.py
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from build_repair_resources import OUT, paragraphs, word_runs, write_tsv  # noqa: E402

from khabar.repair.lexical import CLAUSE_START, LexicalRepairer, neighbour_class  # noqa: E402
from khabar.repair.resources import load_resources  # noqa: E402
from khabar_dev.corpora import shared_data_dir  # noqa: E402

#: a class count below this is not kept (noise)
MIN_COUNT = 2


def main() -> None:
    data_dir = shared_data_dir()
    if data_dir is None:
        sys.exit("../shared/data is not present: the resources are built from it")
    started = time.time()
    resources = load_resources()
    lexical = LexicalRepairer(resources)
    right_spellings = {key.split(" ", 1)[0] for key in resources.right}
    left_spellings = {key.split(" ", 1)[1] for key in resources.left}
    classes: dict[str, str | None] = {}

    def word_class(word: str) -> str | None:
        found = classes.get(word, "")
        if found == "":
            found = classes[word] = neighbour_class(word, lexical.known, resources.words)
        return found

    left: Counter[str] = Counter()
    right: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for paragraph in paragraphs(data_dir):
        for run in word_runs(paragraph):
            for first, second in zip(run, run[1:]):
                if first == CLAUSE_START:
                    continue
                second_class = word_class(second)
                if second_class is not None and first in right_spellings:
                    right[f"{first} {second_class}"] += 1
                first_class = word_class(first)
                if first_class is not None and second in left_spellings:
                    left[f"{first_class} {second}"] += 1
            for word in run:
                if word != CLAUSE_START:
                    word_class_found = word_class(word)
                    if word_class_found is not None:
                        totals[word_class_found] += 1
    rows = [("#skeleton", name, count) for name, count in sorted(totals.items())]
    rows += [("right", key, count) for key, count in sorted(right.items()) if count >= MIN_COUNT]
    rows += [("left", key, count) for key, count in sorted(left.items()) if count >= MIN_COUNT]
    written = write_tsv(OUT / "context_classes.tsv.gz", rows)
    print(f"{written:,} rows ({dict(totals)}) in {time.time() - started:.0f}s")


if __name__ == "__main__":
    main()
