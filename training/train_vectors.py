"""Train floret word vectors on the Apache-2.0 ANT news (Al Arabiya, BBC Arabic, Sky News Arabia, JawharaFM).

The text is tokenized exactly as the pipeline tokenizes it (:class:`khabar.analyze.tokenizer.KhabarTokenizer`:
clitics split, the article kept), so the vectors are keyed by the same strings the models see. floret
stores subword-hashed vectors in a small fixed table (``--rows`` × ``--dim``), so unseen words still get a
vector. SaudiNewsNet (CC BY-NC-SA) is not used: the shipped vectors stay permissively licensed.

    python training/train_vectors.py            # ~6 min on 2 cores; writes /tmp/khabar-train/vectors/
    python -m spacy init vectors ar /tmp/khabar-train/vectors/news.floret /tmp/khabar-train/vectors/model \\
        --mode floret
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from khabar.analyze.tokenizer import KhabarTokenizer  # noqa: E402
from khabar_dev.corpora import iter_ant, require_shared_data  # noqa: E402

OUT = Path("/tmp/khabar-train/vectors")
ARCHIVES = ("news/ant-multisource-v2.1-alarabiya-bbc-skynews.tar.gz", "news/ant-v1.1-jawharafm.tar.gz")


def write_corpus(data: Path, path: Path) -> int:
    """One line of space-separated tokens per article; returns the number of tokens written."""
    tokenizer = KhabarTokenizer.__new__(KhabarTokenizer)
    total = 0
    with open(path, "w", encoding="utf-8") as out:
        for archive in ARCHIVES:
            for article in iter_ant(data / archive):
                text = f"{article.title}\n{article.text}"
                tokens = [text[s:e] for s, e, _ in tokenizer.spans(text)]
                total += len(tokens)
                out.write(" ".join(tokens) + "\n")
    return total


def main(argv: Sequence[str] | None = None) -> int:
    """Write the tokenized corpus, train floret, save the vectors in floret's text format."""
    parser = argparse.ArgumentParser(description="train floret vectors on ANT news")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--dim", type=int, default=100)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    data = require_shared_data()
    import floret

    args.out.mkdir(parents=True, exist_ok=True)
    corpus = args.out / "corpus.txt"
    start = time.time()
    if not corpus.exists():
        tokens = write_corpus(data, corpus)
        print(f"{tokens:,} tokens tokenized in {time.time() - start:.0f} s", flush=True)
    model = floret.train_unsupervised(
        str(corpus), model="cbow", mode="floret", hashCount=2, bucket=args.rows, minn=3, maxn=5,
        dim=args.dim, epoch=args.epochs, thread=args.threads, minCount=3,
    )
    model.save_floret_vectors(str(args.out / "news.floret"))
    print(f"vectors written to {args.out / 'news.floret'} after {time.time() - start:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
