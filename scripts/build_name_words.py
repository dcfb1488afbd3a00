"""Build ``khabar/repair/data/name_words.txt.gz``: words that are person names as written.

Repair leaves a word alone when it is a name standing in a name context (see
:mod:`khabar.repair.names`): ``علي`` after ``أبو`` or before ``بونغو`` is the name Ali, not ``على``.
The list holds every word written at least ``MIN_COUNT`` times in the Wikidata person names of
NETransliteration (CC0), and every word of the Arabic names of the people in
``khabar/link/data/names.tsv.gz`` (khabar's own table). Rare words are left out: that list holds noise
(``على``, ``مصطفي`` once each). The output is deterministic (sorted, gzip mtime 0).

    python scripts/build_name_words.py
"""

from __future__ import annotations

import gzip
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from khabar_dev.corpora import shared_data_dir  # noqa: E402

OUT = ROOT / "khabar" / "repair" / "data" / "name_words.txt.gz"
NAMES = ROOT / "khabar" / "link" / "data" / "names.tsv.gz"
SOURCE = Path("gazetteers") / "NETransliteration-wd-arabic" / "wd_arabic.normalized.aligned.tokens"
MIN_COUNT = 10
ARABIC_WORD = re.compile("^[\u0621-\u064a]{3,}$")
#: common words that the lists hold as parts of names (أبو بكر, دون, ألف) but are far more often not names
NOT_NAMES = frozenset({
    "كان", "بين", "الله", "الأول", "دون", "الثاني", "ألف", "أكبر", "باسم", "أول", "الدين", "الثالث", "الرابع",
    "الخامس", "السادس", "ثاني", "أون", "بيت", "ملك", "جيد", "طيب", "فتح", "عيد", "مات", "بات", "ميل", "خلف",
    "طالب", "عودة", "أسماء", "أبي", "ولد", "بنت", "الملك", "الشيخ", "الأمير", "صباح", "كامل", "جميل", "سيدي",
    "العربي", "إسرائيل", "ديلي", "أبو", "آل", "عبد", "جميلة", "ماي", "هذا", "التي", "الذي", "على", "إلى", "عن",
    "مع", "بعد", "قبل", "عند", "لدى", "حتى", "أن", "إنه", "أنه", "لكن", "وقال", "قال", "يوم", "عام", "سنة",
})


def main() -> None:
    data = shared_data_dir()
    if data is None:
        sys.exit("../shared/data is needed to build the name list")
    counts: Counter[str] = Counter()
    with open(data / SOURCE, encoding="utf-8") as handle:
        for line in handle:
            _english, letters, count = line.rstrip("\n").split("\t")
            counts[letters.replace(" ", "")] += int(count)
    words = {word for word, count in counts.items() if count >= MIN_COUNT and ARABIC_WORD.match(word)}
    words -= NOT_NAMES
    kb = 0
    with gzip.open(NAMES, "rt", encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if line.startswith("#") or fields[2] != "person":
                continue
            for word in fields[4].split():
                if ARABIC_WORD.match(word) and word not in words and word not in NOT_NAMES:
                    words.add(word)
                    kb += 1
    with open(OUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(("\n".join(sorted(words)) + "\n").encode("utf-8"))
    print(f"{len(words):,} name words ({kb} from khabar's name table) → {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
