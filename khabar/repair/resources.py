"""The language resources shipped with khabar, loaded once and shared.

They are built by ``scripts/build_repair_resources.py``; DATA_CARD.md lists
their sources and licences.
"""

from __future__ import annotations

import gzip
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).resolve().parent / "data"
FILES = ("words.tsv.gz", "variants.tsv.gz", "skeletons.tsv.gz", "context.tsv.gz", "commas.tsv.gz", "pairs.u32.gz")


class ResourceError(RuntimeError):
    """A shipped resource file is missing or unreadable."""


@dataclass(frozen=True, slots=True)
class Resources:
    #: word → frequency per billion words (news counts merged with wordfreq)
    words: dict[str, int]
    #: words seen at least three times in the clean news (never split into two)
    news_words: frozenset[str]
    #: skeleton → ((spelling, count), ...) as seen in clean news, most frequent first
    variants: dict[str, tuple[tuple[str, int], ...]]
    #: skeleton → count in clean news
    skeletons: dict[str, int]
    #: "previous-skeleton spelling" → count
    left: dict[str, int]
    #: "spelling next-skeleton" → count
    right: dict[str, int]
    #: comma model feature → weight
    comma_weights: dict[str, float]
    #: number of words the counts were taken from
    total: int
    #: sorted CRC-32 hashes of "word word" pairs seen at least twice in clean news
    pairs: np.ndarray

    def has_pair(self, first: str, second: str) -> bool:
        key = np.uint32(zlib.crc32(f"{first} {second}".encode()))
        index = int(self.pairs.searchsorted(key))
        return index < len(self.pairs) and int(self.pairs[index]) == key


def _lines(name: str, directory: Path) -> list[str]:
    path = directory / name
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return handle.read().splitlines()
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise ResourceError(
            f"khabar resource {path} is missing or damaged ({error}); reinstall khabar "
            "or rebuild it with scripts/build_repair_resources.py"
        ) from error


@lru_cache(maxsize=4)
def load_resources(directory: Path = DATA_DIR) -> Resources:
    """Load (once) the resources from ``directory``."""
    words = {}
    news_words = set()
    for line in _lines("words.tsv.gz", directory):
        word, frequency, news_count = line.split("\t")
        words[word] = int(frequency)
        if news_count >= "3":
            news_words.add(word)
    variants: dict[str, tuple[tuple[str, int], ...]] = {}
    total = 1
    for line in _lines("variants.tsv.gz", directory):
        skel, _, spellings = line.partition("\t")
        if skel == "#total":
            total = int(spellings)
            continue
        variants[skel] = tuple(
            (spelling, int(count)) for spelling, _, count in (item.rpartition(":") for item in spellings.split(" "))
        )
    skeletons = {}
    for line in _lines("skeletons.tsv.gz", directory):
        skel, _, value = line.partition("\t")
        skeletons[skel] = int(value)
    left: dict[str, int] = {}
    right: dict[str, int] = {}
    for line in _lines("context.tsv.gz", directory):
        side, first, second, count = line.split("\t")
        (left if side == "<" else right)[f"{first} {second}"] = int(count)
    weights = {}
    for line in _lines("commas.tsv.gz", directory):
        feature, _, value = line.rpartition("\t")
        weights[feature] = float(value)
    try:
        with gzip.open(directory / "pairs.u32.gz", "rb") as handle:
            pairs = np.frombuffer(handle.read(), dtype="<u4")
    except (OSError, EOFError) as error:
        raise ResourceError(f"khabar resource pairs.u32.gz in {directory} is missing or damaged ({error})") from error
    return Resources(words, frozenset(news_words), variants, skeletons, left, right, weights, total, pairs)
