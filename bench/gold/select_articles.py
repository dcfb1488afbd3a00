"""Pick the articles of the quotes-and-facts gold set (issue 4) from ``../shared/data``, reproducibly.

The selection is a seeded random sample per outlet among news-section articles of 120–450 words (long
enough to hold quotes and numbers, short enough to annotate by hand): 40 articles in a first round (half
dev, half test), then 20 more dev articles in each of three later rounds. Only article ids are kept in the
repo (``articles.tsv``); ``--export DIR`` writes the texts to a folder outside the repo for annotators.

    python bench/gold/select_articles.py                 # (re)write bench/gold/articles.tsv
    python bench/gold/select_articles.py --export /tmp/khabar-gold/articles
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from khabar_dev.corpora import Article, iter_ant, iter_saudinewsnet, require_shared_data

HERE = Path(__file__).resolve().parent
LIST = HERE / "articles.tsv"
SEED = 20261124
#: outlet -> how many articles; the first half of each outlet's pick is the dev split, the rest test
QUOTA = {"alarabiya": 10, "bbc": 10, "skynews": 8, "saudinewsnet": 8, "jawharafm": 4}
#: hard-news sections only (sport and culture hold few counted facts; the bench is about who said what
#: and how many were hurt, paid, displaced)
#: each later round: development articles only
EXTRA_DEV_QUOTA = {"alarabiya": 4, "bbc": 4, "skynews": 4, "saudinewsnet": 4, "jawharafm": 4}
NEWS_SECTIONS = {"middleEast", "internationalNews", "economy", "politic", "society", "localNews",
                 "international", "national", ""}


def candidates() -> dict[str, list[Article]]:
    data = require_shared_data() / "news"
    pools: dict[str, list[Article]] = {outlet: [] for outlet in QUOTA}
    sources = [iter_ant(data / "ant-multisource-v2.1-alarabiya-bbc-skynews.tar.gz"),
               iter_ant(data / "ant-v1.1-jawharafm.tar.gz"), iter_saudinewsnet(data / "saudinewsnet")]
    for source in sources:
        for article in source:
            outlet = "saudinewsnet" if article.id.startswith("SNN-") else article.outlet
            if outlet in pools and article.category in NEWS_SECTIONS and 120 <= len(article.text.split()) <= 450:
                pools[outlet].append(article)
    return pools


def articles_by_id(ids: set[str]) -> dict[str, Article]:
    """The listed articles, read from the shared corpora."""
    found: dict[str, Article] = {}
    for pool in candidates().values():
        for article in pool:
            if article.id in ids:
                found[article.id] = article
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export", type=Path, help="write each article's text to DIR/<id>.txt (outside the repo)")
    args = parser.parse_args()
    pools = candidates()
    rng = random.Random(SEED)
    rows = []
    for outlet, quota in QUOTA.items():
        pool = sorted(pools[outlet], key=lambda a: a.id)
        for rank, article in enumerate(rng.sample(pool, quota)):
            split = "dev" if rank < quota // 2 else "test"
            rows.append((article, outlet, split))
    # later rounds (after the first scoring): more development articles, so that rules are fixed on errors
    # seen on fresh dev text only; the test split stays as drawn in the first round
    taken = {article.id for article, _, _ in rows}
    for round_seed in (SEED + 1, SEED + 2, SEED + 3):  # rounds 2, 3 and 4
        rng = random.Random(round_seed)
        for outlet, quota in EXTRA_DEV_QUOTA.items():
            pool = sorted((a for a in pools[outlet] if a.id not in taken), key=lambda a: a.id)
            picked = rng.sample(pool, quota)
            taken.update(article.id for article in picked)
            rows.extend((article, outlet, "dev") for article in picked)
    LIST.write_text("id\toutlet\tsplit\tdate\n" + "".join(
        f"{a.id}\t{outlet}\t{split}\t{a.date}\n" for a, outlet, split in rows), encoding="utf-8")
    print(f"{len(rows)} articles -> {LIST}")
    if args.export:
        args.export.mkdir(parents=True, exist_ok=True)
        for article, _, _ in rows:
            (args.export / f"{article.id}.txt").write_text(article.text, encoding="utf-8")
        print(f"texts -> {args.export}")


if __name__ == "__main__":
    main()
