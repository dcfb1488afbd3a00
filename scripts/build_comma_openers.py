"""Build ``khabar/repair/data/comma_openers.txt.gz``: phrases that open a sentence and take a comma.

``من جهته،``, ``في غضون ذلك،``, ``بدوره،``: in clean news such a phrase follows a period and is followed by
a comma. When every comma of a text became a period (``تتراجع. من جهته. قال``), the comma model may
turn the period before the phrase into a comma too; knowing the phrase, repair keeps that period.

A phrase (1 to 3 words, as a skeleton) is kept when clean news write it between a sentence start and a
comma at least MIN_COUNT times, and in at least MIN_SHARE of all the places where it stands alone
between two marks (``، سامح شكري،`` is an apposition, not an opener).

Reads the same training outlets as scripts/build_repair_resources.py (never BBC or SaudiNewsNet).

    python scripts/build_comma_openers.py
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from build_repair_resources import OUT, paragraphs, write_tsv  # noqa: E402

from khabar.repair.orthography import skeleton, strip_marks  # noqa: E402
from khabar_dev.corpora import shared_data_dir  # noqa: E402

MIN_COUNT = 10
MIN_SHARE = 0.9
#: one to three words standing alone between two marks (or after a paragraph's start)
SPAN = re.compile(r"(^|[.،!؟:])\s*((?:[\u0621-\u064a]+ ){0,2}[\u0621-\u064a]+)\s*(?=[.،])([.،])")


def main() -> None:
    data_dir = shared_data_dir()
    if data_dir is None:
        sys.exit("../shared/data is not present: the resources are built from it")
    places: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for paragraph in paragraphs(data_dir):
        for match in SPAN.finditer(strip_marks(paragraph)):
            before = "." if match.group(1) in ("", ".", "!", "؟") else match.group(1)
            places[skeleton(match.group(2))][before + match.group(3)] += 1
    openers = sorted(
        (phrase for phrase, seen in places.items()
         if seen[".،"] >= MIN_COUNT and seen[".،"] >= MIN_SHARE * sum(seen.values())),
        key=lambda phrase: (-places[phrase][".،"], phrase),
    )
    path = OUT / "comma_openers.txt.gz"
    write_tsv(path, ((phrase,) for phrase in openers))
    print(f"{len(openers)} openers → {path} ({path.stat().st_size:,} bytes); top: {', '.join(openers[:8])}")


if __name__ == "__main__":
    main()
