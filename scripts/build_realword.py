"""Build ``khabar/repair/data/realword.tsv.gz``: confusion sets of common words one typo apart, and
the counts of their neighbours in clean news (for ``khabar.repair.realword``).

A *confusable* word is a word seen MIN_COUNT times or more in the clean news, four letters or longer,
not a person name, with another such word one swapped, dropped or doubled letter away
(``realword_candidates``): العمل → العلم، العامل، العمال، العميل. Rows (``table key value``):

- ``count word n``: news count of each confusable word and candidate;
- ``confusable word "c1 c2 …"``: its candidates;
- ``left "prev word" n``, ``right "word next" n``: how often clean news write the word after / before a
  neighbour (the neighbour as a skeleton, ``^`` for a clause start), pairs seen twice or more.

Reads the same training outlets as scripts/build_repair_resources.py (ANT v2.1 Al Arabiya and Sky
News Arabia); never BBC or SaudiNewsNet.

    python scripts/build_realword.py
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

from khabar.repair.lexical import CLAUSE_START  # noqa: E402
from khabar.repair.names import load_name_words  # noqa: E402
from khabar.repair.orthography import skeleton  # noqa: E402
from khabar.repair.realword import MIN_COUNT, MIN_LENGTH, SEEN, realword_candidates  # noqa: E402
from khabar_dev.corpora import shared_data_dir  # noqa: E402


def main() -> None:
    data_dir = shared_data_dir()
    if data_dir is None:
        sys.exit("../shared/data is not present: the resources are built from it")
    started = time.time()
    runs = [run for paragraph in paragraphs(data_dir) for run in word_runs(paragraph)]
    unigrams: Counter[str] = Counter(word for run in runs for word in run)
    names = load_name_words()
    common = {w for w, c in unigrams.items()
              if c >= MIN_COUNT and len(w) >= MIN_LENGTH and w != CLAUSE_START and w not in names}
    confusable = {}
    for word in common:
        found = sorted(c for c in realword_candidates(word) if c in common)
        if found:
            confusable[word] = found
    members = set(confusable) | {c for found in confusable.values() for c in found}
    left: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for run in runs:
        for first, second in zip(run, run[1:]):
            if second in members:
                left[f"{skeleton(first)} {second}"] += 1
            if first in members:
                right[f"{first} {skeleton(second)}"] += 1
    rows = [("count", w, unigrams[w]) for w in sorted(members)]
    rows += [("confusable", w, " ".join(found)) for w, found in sorted(confusable.items())]
    rows += [("left", key, n) for key, n in sorted(left.items()) if n >= SEEN]
    rows += [("right", key, n) for key, n in sorted(right.items()) if n >= SEEN]
    written = write_tsv(OUT / "realword.tsv.gz", rows)
    size = (OUT / "realword.tsv.gz").stat().st_size
    print(f"{len(confusable):,} confusable words ({sum(map(len, confusable.values())):,} candidates, "
          f"{len(members):,} words in all); {written:,} rows, {size / 1e6:.2f} MB in {time.time() - started:.0f}s")


if __name__ == "__main__":
    main()
