"""The language resources shipped with khabar, loaded once and shared.

They are built by ``scripts/build_repair_resources.py``; DATA_CARD.md lists
their sources and licences.
"""

from __future__ import annotations

import gzip
import sys
import zlib
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from khabar.errors import ResourceError

DATA_DIR = Path(__file__).resolve().parent / "data"
FILES = ("words.tsv.gz", "news_words.txt.gz", "variants.tsv.gz", "skeletons.tsv.gz", "context_left.tsv.gz",
         "context_right.tsv.gz", "context_classes.tsv.gz", "commas.tsv.gz", "comma_openers.txt.gz", "quote_ends.tsv.gz",
         "pairs.u32.gz")


#: the script that builds each file not built by scripts/build_repair_resources.py
BUILT_BY = {"comma_openers.txt.gz": "scripts/build_comma_openers.py",
            "quote_ends.tsv.gz": "scripts/build_quote_ends.py",
            "context_classes.tsv.gz": "scripts/build_context_classes.py"}


class RepairResourceError(ResourceError):
    """A resource file of repair is missing or unreadable."""


@dataclass(frozen=True, slots=True)
class QuoteEnds:
    """Counts from clean news quotes (``scripts/build_quote_ends.py``), per skeleton: (words right after a
    short quote, words inside one after its first word), and (short quotes, longer quotes) it opens."""

    end: dict[str, tuple[int, int]]
    first: dict[str, tuple[int, int]]

    def chance(self, skel: str) -> float:
        """The chance that an open quote ends before a word with this skeleton."""
        after, inside = self.end.get(skel) or self.end.get("#other", (0, 0))
        return (after + 0.5) / (after + inside + 1.0)

    def name_chance(self, skel: str) -> float:
        """The chance that a quote opening with this word is a short name or title, not speech."""
        short, long = self.first.get(skel) or self.first.get("#other", (0, 0))
        return (short + 0.5) / (short + long + 1.0)


@dataclass(frozen=True, slots=True)
class Resources:
    #: word → frequency per billion words (news counts merged with wordfreq)
    words: dict[str, int]
    #: words seen at least three times in the clean news (never split into two)
    news_words: frozenset[str]
    #: skeleton → "spelling:count spelling:count" as seen in clean news, most frequent first (see :meth:`spellings`)
    variants: dict[str, str]
    #: skeleton → count in clean news
    skeletons: dict[str, int]
    #: "previous-skeleton spelling" → count
    left: dict[str, int]
    #: "spelling next-skeleton" → count
    right: dict[str, int]
    #: number of words the counts were taken from
    total: int
    #: sorted CRC-32 hashes of "word word" pairs seen at least twice in clean news
    pairs: array
    directory: Path = DATA_DIR

    def spellings(self, skel: str) -> tuple[tuple[str, int], ...] | None:
        """The spellings of a skeleton with their counts, most frequent first."""
        raw = self.variants.get(skel)
        if raw is None:
            return None
        return tuple((spelling, int(count)) for spelling, _, count in (item.rpartition(":") for item in raw.split(" ")))

    @property
    def comma_weights(self) -> dict[str, float]:
        return load_comma_weights(self.directory)

    @property
    def comma_openers(self) -> frozenset[str]:
        return load_comma_openers(self.directory)

    @property
    def quote_ends(self) -> QuoteEnds:
        return load_quote_ends(self.directory)

    def has_pair(self, first: str, second: str) -> bool:
        key = zlib.crc32(f"{first} {second}".encode())
        index = bisect_left(self.pairs, key)
        return index < len(self.pairs) and self.pairs[index] == key


def _read(name: str, directory: Path) -> str:
    path = directory / name
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return handle.read()
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise RepairResourceError(
            f"khabar resource {path} is missing or damaged ({error}); reinstall khabar "
            f"or rebuild it with {BUILT_BY.get(name, 'scripts/build_repair_resources.py')}"
        ) from error


def _columns(name: str, directory: Path, width: int) -> list[list[str]]:
    """The columns of a TSV file, split in C rather than line by line (this is most of the load time)."""
    cells = _read(name, directory).replace("\n", "\t").split("\t")
    if cells and cells[-1] == "":
        cells.pop()
    if len(cells) % width:
        raise RepairResourceError(f"khabar resource {name} in {directory} is damaged (ragged rows)")
    return [cells[column::width] for column in range(width)]


@lru_cache(maxsize=4)
def load_resources(directory: Path = DATA_DIR) -> Resources:
    """Load (once) the resources from ``directory``."""
    words_column, frequencies = _columns("words.tsv.gz", directory, 2)
    words = dict(zip(words_column, map(int, frequencies)))
    news_words = frozenset(_read("news_words.txt.gz", directory).split())
    variants = dict(zip(*_columns("variants.tsv.gz", directory, 2)))
    total = int(variants.pop("#total", "1"))
    keys, counts = _columns("skeletons.tsv.gz", directory, 2)
    skeletons = dict(zip(keys, map(int, counts)))
    keys, counts = _columns("context_left.tsv.gz", directory, 2)
    left = dict(zip(keys, map(int, counts)))
    keys, counts = _columns("context_right.tsv.gz", directory, 2)
    right = dict(zip(keys, map(int, counts)))
    # neighbours the lexicon does not know, as classes (scripts/build_context_classes.py)
    tables = {"#skeleton": skeletons, "right": right, "left": left}
    if (directory / "context_classes.tsv.gz").exists():  # optional: repair works without it
        try:
            for table, key, count in zip(*_columns("context_classes.tsv.gz", directory, 3), strict=True):
                tables[table][key] = int(count)
        except (KeyError, ValueError) as error:
            raise RepairResourceError(
                f"khabar resource context_classes.tsv.gz in {directory} is damaged ({error!r})") from error
    try:
        with gzip.open(directory / "pairs.u32.gz", "rb") as handle:
            pairs = array("I", handle.read())
        if sys.byteorder == "big":
            pairs.byteswap()
    except (OSError, EOFError) as error:
        raise RepairResourceError(
            f"khabar resource pairs.u32.gz in {directory} is missing or damaged ({error})") from error
    return Resources(words, news_words, variants, skeletons, left, right, total, pairs, directory)


@lru_cache(maxsize=4)
def load_comma_weights(directory: Path = DATA_DIR) -> dict[str, float]:
    """The comma model's weights: loaded only when a text may have lost its commas."""
    features, weights = _columns("commas.tsv.gz", directory, 2)
    return dict(zip(features, map(float, weights)))


@lru_cache(maxsize=4)
def load_comma_openers(directory: Path = DATA_DIR) -> frozenset[str]:
    """Phrases that open a sentence and take a comma (``من جهته``), as skeletons, one per line."""
    return frozenset(line for line in _read("comma_openers.txt.gz", directory).split("\n") if line)


@lru_cache(maxsize=4)
def load_quote_ends(directory: Path = DATA_DIR) -> QuoteEnds:
    """Where short quotes end: loaded only when a text has a quote whose closing mark was lost."""
    tables: dict[str, dict[str, tuple[int, int]]] = {"end": {}, "first": {}}
    try:
        for table, word, first, second in zip(*_columns("quote_ends.tsv.gz", directory, 4), strict=True):
            tables[table][word] = (int(first), int(second))
        return QuoteEnds(tables["end"], tables["first"])
    except (KeyError, ValueError) as error:
        raise RepairResourceError(f"khabar resource quote_ends.tsv.gz in {directory} is damaged ({error})") from error
