"""Pick the articles of the events gold set (issue 14, guideline §6) from ``../shared/data``, reproducibly.

Among the same pools as ``select_articles.py`` (news sections, 120–450 words), an article qualifies when it
reports violence, arrests or displacement with a count: at least two words of the casualty/attack lexicon
and a number. Articles already in the quotes-and-facts gold are left out. A seeded shuffle; the first 10
picked are the **test** split (drawn first, only ever scored), the next 20 **dev**. Only ids are kept in
the repo (``event_articles.tsv``).

    python bench/gold/select_event_articles.py
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.gold.select_articles import LIST, candidates

HERE = Path(__file__).resolve().parent
EVENT_LIST = HERE / "event_articles.tsv"
SEED = 20261206
TEST, DEV = 10, 20
_VIOLENCE = re.compile(r"قتل|قتلى|مقتل|جرحى|أصيب|إصابة|مصاب|اعتقال|اعتقل|نزوح|نازح|غارة|غارات|قصف|انفجار|هجوم|"
                       r"اشتباك|إعدام|تفجير|ضحايا")
_NUMBER = re.compile(r"[0-9٠-٩]|عشرات|مئات|آلاف")


def main() -> None:
    taken = {line.split("\t")[0] for line in LIST.read_text(encoding="utf-8").splitlines()[1:]}
    pool = []
    for outlet, articles in sorted(candidates().items()):
        for article in articles:
            if article.id in taken or len(_VIOLENCE.findall(article.text)) < 2 or not _NUMBER.search(article.text):
                continue
            pool.append((outlet, article))
    pool.sort(key=lambda pair: pair[1].id)
    random.Random(SEED).shuffle(pool)
    rows = ["id\toutlet\tsplit\tdate"]
    for n, (outlet, article) in enumerate(pool[:TEST + DEV]):
        rows.append(f"{article.id}\t{outlet}\t{'test' if n < TEST else 'dev'}\t{article.date}")
    EVENT_LIST.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(pool)} qualifying articles; {TEST} test + {DEV} dev -> {EVENT_LIST}")


if __name__ == "__main__":
    main()
