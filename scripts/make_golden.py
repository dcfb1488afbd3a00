"""Write the golden analyses that pin khabar's JSON output (``tests/test_golden.py`` compares against them).

* ``tests/golden/samples/*.json`` — the whole JSON of ``khabar analyze --json`` for the repo's own sample
  articles (our text), each feed line analyzed with its date, and a long text made of them (chunked path);
* ``tests/golden/real_digests.tsv`` — for 50 held-out BBC articles from ``../shared/data`` (their text is
  not ours, so only an id and the SHA-256 of the normalized JSON are kept).

Run it only when an output change is intended, and list each change in the commit message:
``python scripts/make_golden.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))  # khabar_dev, the corpus readers

from golden_cases import GOLDEN, analysis_json, digest, long_text, real_articles, sample_cases  # noqa: E402


def main() -> None:
    (GOLDEN / "samples").mkdir(parents=True, exist_ok=True)
    for name, text, published in sample_cases():
        (GOLDEN / "samples" / f"{name}.json").write_text(analysis_json(text, published), encoding="utf-8")
        print(name)
    (GOLDEN / "long_digest.txt").write_text(digest(long_text(), None) + "\n", encoding="utf-8")
    articles = real_articles()
    if articles is None:
        print("../shared/data is absent: real-article digests not written", file=sys.stderr)
        return
    lines = [f"{article.id}\t{digest(article.text, None)}\n" for article in articles]
    (GOLDEN / "real_digests.tsv").write_text("".join(lines), encoding="utf-8")
    print(f"{len(lines)} real-article digests")


if __name__ == "__main__":
    main()
