"""Build ``khabar/repair/data/quote_ends.tsv.gz``: whether an open quote is speech, and where a quoted
name or title ends.

When a conversion lost the closing half of a quotation mark (``وقال مصدر لـ¢الوطن أن …``), repair must
guess where the quote ended. A quoted name or title is short, and some words rarely stand inside one
but often right after it (``الذي``, ``التي``, ``وهو``, ``خلال``). For each word (as a skeleton) this counts
how often clean news write it right after a closing quotation mark (``after``) and how often as the
second or a later word inside a quote of at most MAX_WORDS words (``inside``); ``after / (after +
inside)`` is the chance that an open quote ends before that word (rows ``end``). It also counts, for
each first word of a quote, how many quotes are short and how many longer (rows ``first``): ``نحن``,
``إن`` and ``هناك`` open speech, which runs to the end of its sentence; ``داعش`` opens a name. Words seen
fewer than MIN_SEEN times share the ``#other`` row of their table.

Reads the same training outlets as scripts/build_repair_resources.py (never BBC or SaudiNewsNet).

    python scripts/build_quote_ends.py
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from build_repair_resources import OUT, paragraphs, write_tsv  # noqa: E402

from khabar.repair.orthography import WORD, skeleton, strip_marks  # noqa: E402
from khabar_dev.corpora import shared_data_dir  # noqa: E402

#: quotes longer than this are speech, whose end the sentence decides; they are not counted
MAX_WORDS = 5
MIN_SEEN = 10
QUOTED = re.compile(r'(?<!\w)(["«“])([^"«»“”\n]{1,400}?)(["»”])')
NEXT_WORD = re.compile(r"[ \u00a0]*([\u0621-\u063a\u0641-\u064a]+)")


def main() -> None:
    data_dir = shared_data_dir()
    if data_dir is None:
        sys.exit("../shared/data is not present: the resources are built from it")
    after: Counter[str] = Counter()
    inside: Counter[str] = Counter()
    short: Counter[str] = Counter()
    long: Counter[str] = Counter()
    for paragraph in paragraphs(data_dir):
        paragraph = strip_marks(paragraph)
        for match in QUOTED.finditer(paragraph):
            words = WORD.findall(match.group(2))
            if not words:
                continue
            (short if len(words) <= MAX_WORDS else long)[skeleton(words[0])] += 1
            if len(words) > MAX_WORDS:
                continue
            inside.update(skeleton(word) for word in words[1:])
            following = NEXT_WORD.match(paragraph, match.end())
            if following:
                after[skeleton(following.group(1))] += 1
    rows = []
    for table, first, second in (("end", after, inside), ("first", short, long)):
        other = [0, 0]
        for word in sorted(set(first) | set(second)):
            if first[word] + second[word] >= MIN_SEEN:
                rows.append((table, word, first[word], second[word]))
            else:
                other[0] += first[word]
                other[1] += second[word]
        rows.append((table, "#other", *other))
    write_tsv(OUT / "quote_ends.tsv.gz", rows)
    size = (OUT / "quote_ends.tsv.gz").stat().st_size
    print(f"{len(rows):,} rows → quote_ends.tsv.gz ({size:,} bytes)")


if __name__ == "__main__":
    main()
