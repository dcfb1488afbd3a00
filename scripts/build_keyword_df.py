"""Build the document-frequency table behind ``khabar.keywords`` from the ANT news corpora (Apache-2.0).

Reads both ANT archives in ``../shared/data/news`` (v2.1 Al Arabiya + BBC Arabic + Sky News Arabia, and v1.1
JawharaFM), leaves out the held-out articles the keyword benchmark uses (:func:`split`, by a hash of the article
id: about 5 % ``dev`` and 5 % ``test``), runs khabar's own pipeline (:func:`khabar.analyze.pipe`, repair on, as
at run time) over the body text of the rest, and counts in how many documents each candidate key of
:func:`khabar.keywords.candidate_keys` occurs: content lemmas, ``=``-prefixed entity canonical forms, and
two-lemma phrases. Keys seen in at least ``--min-df`` documents (2; phrases 3) are written, sorted, to
``khabar/keywords/data/df.tsv.gz`` (gzip mtime 0: the same input gives the same bytes)::

    #documents  <N>
    <key>       <document frequency>

Only counts of lemmas, names and lemma pairs seen in several articles are written: vocabulary, no text.
One process (the pipeline is single-threaded). ``--sample N`` draws a seeded sample of N build articles instead
of using them all.

    python scripts/build_keyword_df.py                  # all ~30.8k build articles
    python scripts/build_keyword_df.py --sample 15000   # a seeded sample
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from khabar_dev.corpora import Article, iter_ant, require_shared_data  # noqa: E402

OUT = ROOT / "khabar" / "keywords" / "data" / "df.tsv.gz"
ARCHIVES = ("ant-multisource-v2.1-alarabiya-bbc-skynews.tar.gz", "ant-v1.1-jawharafm.tar.gz")
#: percentage buckets of the article-id hash held out for the benchmark: [0, 5) dev, [5, 10) test
DEV_BUCKETS = range(0, 5)
TEST_BUCKETS = range(5, 10)


def split(article_id: str) -> str:
    """``dev``, ``test`` (held out: benchmark only) or ``build`` (counted), by a stable hash of the article id.

    >>> split("ALA_0001") in {"dev", "test", "build"}
    True
    """
    bucket = int(hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:8], 16) % 100
    if bucket in DEV_BUCKETS:
        return "dev"
    if bucket in TEST_BUCKETS:
        return "test"
    return "build"


def iter_articles(data: Path, part: str) -> Iterator[Article]:
    """The ANT articles (both archives, in archive order) of one part of :func:`split`, with a body text."""
    for name in ARCHIVES:
        for article in iter_ant(data / "news" / name):
            if article.text.strip() and split(article.id) == part:
                yield article


def build_articles(data: Path, sample: int = 0, seed: int = 13) -> list[Article]:
    """The articles the table counts: every ``build`` article, or a seeded sample of ``sample`` of them (by id)."""
    articles = list(iter_articles(data, "build"))
    if sample and sample < len(articles):
        articles = sorted(random.Random(seed).sample(articles, sample), key=lambda a: a.id)
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=0, help="a seeded sample of this many build articles (0: all)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--min-df", type=int, default=2, help="keep terms and entities seen in this many documents")
    parser.add_argument("--min-df-phrase", type=int, default=3, help="keep phrases seen in this many documents")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    import khabar
    from khabar.keywords import ENTITY_PREFIX, HEADER, candidate_keys

    data = require_shared_data()
    articles = build_articles(data, args.sample, args.seed)
    started = time.perf_counter()
    counts: Counter[str] = Counter()
    words = 0
    for n, doc in enumerate(khabar.analyze.pipe(a.text for a in articles), start=1):
        counts.update(candidate_keys(doc))
        words += len(doc)
        if n % 2000 == 0:
            print(f"{n}/{len(articles)} articles, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    seconds = time.perf_counter() - started

    def keep(key: str, df: int) -> bool:
        is_phrase = " " in key and not key.startswith(ENTITY_PREFIX)
        return df >= (args.min_df_phrase if is_phrase else args.min_df)

    rows = sorted((key, df) for key, df in counts.items() if keep(key, df))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    body = f"{HEADER}\t{len(articles)}\n" + "".join(f"{key}\t{df}\n" for key, df in rows)
    with open(args.out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as handle:
        handle.write(body.encode("utf-8"))
    kinds = Counter("entity" if k.startswith(ENTITY_PREFIX) else "phrase" if " " in k else "term" for k, _ in rows)
    print(f"{len(articles)} articles, {words} tokens analyzed in {seconds:.0f} s ({words / seconds:.0f} tokens/s); "
          f"{len(counts)} keys seen, {len(rows)} kept ({dict(sorted(kinds.items()))}); "
          f"{args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}: "
          f"{args.out.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
