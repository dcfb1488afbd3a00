"""Repair on real articles from ../shared/data (skipped when it is absent)."""

import difflib
import random

import pytest

from khabar import repair
from khabar_dev.corpora import iter_ant, iter_saudinewsnet


@pytest.fixture(scope="module")
def bbc_articles(shared_data):
    archive = shared_data / "news" / "ant-multisource-v2.1-alarabiya-bbc-skynews.tar.gz"
    articles = [a for a in iter_ant(archive) if a.outlet == "bbc"]
    random.Random(3).shuffle(articles)
    return articles[:60]


def test_corpus_readers_yield_articles(shared_data) -> None:
    archive = shared_data / "news" / "ant-multisource-v2.1-alarabiya-bbc-skynews.tar.gz"
    first = next(iter_ant(archive))
    assert first.id and first.outlet in {"alarabiya", "bbc", "skynews"} and first.text
    saudi = next(iter_saudinewsnet(shared_data / "news" / "saudinewsnet"))
    assert saudi.text and saudi.outlet


def test_real_articles_round_trip_and_stay_fixed(bbc_articles) -> None:
    for article in bbc_articles:
        result = repair(article.text)
        assert result.undo() == article.text
        assert repair(result.text).edits == []


def test_real_articles_are_barely_touched(bbc_articles) -> None:
    words = sum(len(a.text.split()) for a in bbc_articles)
    edits = sum(len(repair(a.text).edits) for a in bbc_articles)
    # BBC drops some hamzas itself (الى); khabar restores them, and little else
    assert edits / words < 0.01


def _same_words(reference: str, text: str) -> int:
    matcher = difflib.SequenceMatcher(None, reference.split(), text.split(), autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


def test_damage_on_real_articles_is_mostly_undone(bbc_articles) -> None:
    damaged_words = repaired_words = total = 0
    for article in bbc_articles:
        damaged = article.text.replace(" إلى ", " الي ").replace("ة ", "ه ").replace("«", "¢").replace("»", "¢")
        total += len(article.text.split())
        damaged_words += _same_words(article.text, damaged)
        repaired_words += _same_words(article.text, repair(damaged).text)
    assert damaged_words < 0.95 * total
    assert repaired_words > 0.98 * total
