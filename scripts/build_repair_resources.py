"""Build the language resources behind ``khabar.repair`` from ../shared/data.

Reads the clean news of the outlets in TRAIN_OUTLETS (ANT v2.1: Al Arabiya and
Sky News Arabia, Apache-2.0) and the Arabic word list of the ``wordfreq``
package (CC BY-SA 4.0), and writes into khabar/repair/data/:

- ``words.tsv.gz``    word → frequency per billion (news counts and wordfreq merged),
- ``news_words.txt.gz`` the words clean news write three times or more,
                      the lexicon that decides lost spaces and spelling suggestions;
- ``variants.tsv.gz`` skeleton → spellings seen in the news with their counts, and
                      the skeleton counts used to smooth context statistics;
- ``context_left.tsv.gz``, ``context_right.tsv.gz``  counts of "previous spelling" and "spelling next"
                      for the spellings that need context to choose (علي/على, أمن/آمن);
- ``pairs.u32.gz``    hashes of the word pairs seen twice or more (evidence for lost spaces);
- ``commas.tsv.gz``   weights of the linear model that tells a lost comma from a period.

BBC Arabic (ANT) and SaudiNewsNet are never read here: they are the held-out
outlets of the repair benchmark (bench/repair_bench.py).

    python scripts/build_repair_resources.py
"""

from __future__ import annotations

import argparse
import gzip
import io
import math
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from khabar.repair.commas import BOUNDARY, boundary_features  # noqa: E402
from khabar.repair.lexical import CLAUSE_OPENERS, CLAUSE_START  # noqa: E402
from khabar.repair.orthography import WORD, skeleton, strip_marks  # noqa: E402
from khabar_dev.corpora import iter_ant, shared_data_dir  # noqa: E402

TRAIN_OUTLETS = {"alarabiya", "skynews"}
#: weight of wordfreq (web, subtitles: less careful spelling) against clean news in spelling counts
WORDFREQ_WEIGHT = 0.3
ARABIC_WORD = re.compile(r"^[\u0621-\u063a\u0641-\u064a]+$")
OUT = ROOT / "khabar" / "repair" / "data"
_CONTEXT_BREAK = re.compile(r"([^\s\u0621-\u063a\u0641-\u064a\u0671\u064b-\u0652\u0670\u0640]+)")


def paragraphs(data_dir: Path):
    archive = data_dir / "news" / "ant-multisource-v2.1-alarabiya-bbc-skynews.tar.gz"
    for article in iter_ant(archive):
        if article.outlet not in TRAIN_OUTLETS:
            continue
        for line in article.text.split("\n"):
            line = line.strip()
            if line:
                yield line


def word_runs(paragraph: str):
    """Runs of consecutive Arabic words not separated by punctuation.

    A run that opens a sentence, a quotation or a paragraph starts with the pseudo-word
    CLAUSE_START, so that context counts know, say, that a sentence opens with إن, not أن.
    """
    pieces = _CONTEXT_BREAK.split(strip_marks(paragraph))
    previous_break = "\n"
    for index, piece in enumerate(pieces):
        if index % 2:
            previous_break = piece
            continue
        words = WORD.findall(piece)
        if words:
            if any(char in CLAUSE_OPENERS for char in previous_break):
                words = [CLAUSE_START, *words]
            yield words


def write_tsv(path: Path, rows) -> int:
    """Write rows to a gzipped TSV, atomically (a half-written resource never replaces a good one)."""
    count = 0
    partial = path.with_name(path.name + ".partial")
    # mtime=0: the same data always gives the same bytes, so a rebuild adds nothing to git history
    with open(partial, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as packed, \
            io.TextIOWrapper(packed, encoding="utf-8", newline="\n") as handle:
        for row in rows:
            handle.write("\t".join(str(x) for x in row) + "\n")
            count += 1
    partial.replace(path)
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=None, help="the shared data folder (default ../shared/data)")
    parser.add_argument("--min-wordfreq-zipf", type=float, default=1.5)
    args = parser.parse_args()
    data_dir = args.data or shared_data_dir()
    if data_dir is None:
        sys.exit("../shared/data is not present: the resources are built from it")
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.time()

    unigrams: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    comma_examples: list[tuple[list[str], int]] = []
    for paragraph in paragraphs(data_dir):
        for run in word_runs(paragraph):
            unigrams.update(run)
            bigrams.update(zip(run, run[1:]))
        for match in BOUNDARY.finditer(paragraph):
            comma_examples.append((boundary_features(paragraph, match.start()), int(match.group() == "،")))
    clause_starts = unigrams.pop(CLAUSE_START, 0)
    total = sum(unigrams.values())
    print(f"read {total:,} words, {len(unigrams):,} types, {len(comma_examples):,} boundaries "
          f"in {time.time() - started:.0f}s")

    # spellings grouped by skeleton; keep groups where a spelling differs from its skeleton or several exist.
    # Counts are news counts plus wordfreq's, scaled down, so rare words (المعلمة, تتأذى) have spellings too.
    import wordfreq

    wordfreq_ar = {w: f for w, f in wordfreq.get_frequency_dict("ar", wordlist="large").items()
                   if f >= 10 ** (args.min_wordfreq_zipf - 9) and ARABIC_WORD.match(w)}
    spelling_counts = Counter({w: c for w, c in unigrams.items() if c >= 2})
    for word, frequency in wordfreq_ar.items():
        spelling_counts[word] += round(frequency * total * WORDFREQ_WEIGHT)
    groups: dict[str, list[tuple[str, int]]] = defaultdict(list)
    skeleton_counts: Counter[str] = Counter()
    for word, count in unigrams.items():
        skeleton_counts[skeleton(word)] += count
    skeleton_counts[CLAUSE_START] = clause_starts
    for word, count in spelling_counts.items():
        if count >= 2:
            groups[skeleton(word)].append((word, count))
    variant_rows = []
    ambiguous: set[str] = set()
    for skel, spellings in groups.items():
        spellings.sort(key=lambda item: -item[1])
        if len(spellings) == 1 and spellings[0][0] == skel:
            continue
        variant_rows.append((skel, " ".join(f"{w}:{c}" for w, c in spellings)))
        real = [w for w, c in spellings if c >= 3]
        if len(real) >= 2:
            ambiguous.update(real)
    skeleton_rows = [(s, c) for s, c in skeleton_counts.items() if c >= 3]
    n_variants = write_tsv(OUT / "variants.tsv.gz", [("#total", total)] + variant_rows)
    n_skel = write_tsv(OUT / "skeletons.tsv.gz", skeleton_rows)
    print(f"variants: {n_variants:,} groups, {len(ambiguous):,} ambiguous spellings; skeletons: {n_skel:,}")

    left: Counter[tuple[str, str]] = Counter()
    right: Counter[tuple[str, str]] = Counter()
    for (first, second), count in bigrams.items():
        if second in ambiguous:
            left[(skeleton(first), second)] += count
        if first in ambiguous:
            right[(first, skeleton(second))] += count
    n_left = write_tsv(OUT / "context_left.tsv.gz", [(f"{a} {b}", c) for (a, b), c in left.items() if c >= 2])
    n_right = write_tsv(OUT / "context_right.tsv.gz", [(f"{a} {b}", c) for (a, b), c in right.items() if c >= 2])
    print(f"context pairs: {n_left:,} before, {n_right:,} after")

    # word pairs seen at least twice, as sorted CRC-32 hashes: evidence for splitting glued words
    import zlib
    from array import array

    pair_hashes = array("I", sorted({zlib.crc32(f"{a} {b}".encode()) for (a, b), c in bigrams.items()
                                     if c >= 2 and a != CLAUSE_START}))
    if sys.byteorder == "big":
        pair_hashes.byteswap()
    with open(OUT / "pairs.u32.gz.partial", "wb") as raw, \
            gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as handle:
        handle.write(pair_hashes.tobytes())
    (OUT / "pairs.u32.gz.partial").replace(OUT / "pairs.u32.gz")
    print(f"word pairs: {len(pair_hashes):,}")

    # the lexicon: news counts merged with wordfreq's Arabic list
    per_billion: dict[str, int] = {}
    for word, count in unigrams.items():
        if count >= 2:
            per_billion[word] = max(1, round(count / total * 1e9))
    for word, frequency in wordfreq_ar.items():
        per_billion[word] = max(per_billion.get(word, 0), round(frequency * 1e9))
    rows = sorted(per_billion.items(), key=lambda item: -item[1])
    print(f"lexicon: {write_tsv(OUT / 'words.tsv.gz', rows):,} words")
    # words the clean news write three times or more: never split (هيمن), while the web-glued forms
    # that wordfreq also holds (أكثرمن) can be
    news_words = sorted(w for w, c in unigrams.items() if c >= 3)
    print(f"news words: {write_tsv(OUT / 'news_words.txt.gz', ((w,) for w in news_words)):,}")

    # comma model: logistic regression over boundary features
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    random.seed(0)
    random.shuffle(comma_examples)
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([dict.fromkeys(f, 1) for f, _ in comma_examples])
    labels = [label for _, label in comma_examples]
    model = LogisticRegression(C=0.5, max_iter=300, solver="liblinear")
    held = len(labels) // 20
    model.fit(matrix[held:], labels[held:])
    accuracy = model.score(matrix[:held], labels[:held])
    print(f"comma model: {matrix.shape[1]:,} features, accuracy {accuracy:.4f} on 5% held-out boundaries")
    weights = dict(zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True))
    weights["bias"] = weights.get("bias", 0.0) + float(model.intercept_[0])
    kept = [(name, f"{w:.3f}") for name, w in weights.items() if abs(w) >= 0.05 or name == "bias"]
    print(f"comma weights kept: {write_tsv(OUT / 'commas.tsv.gz', kept):,}")
    sizes = {p.name: p.stat().st_size for p in OUT.glob("*.gz")}
    print("sizes:", {k: f"{v / 1e6:.1f} MB" for k, v in sizes.items()}, f"total {sum(sizes.values()) / 1e6:.1f} MB")
    print(f"done in {time.time() - started:.0f}s; log-total {math.log10(total):.2f}")


if __name__ == "__main__":
    main()
