"""An outlet's ى habit (dev only): every على/إلى written علي/إلي, every other word left as it is.

Some outlets write the prepositions with ي out of habit and every other ى right. Repair should fix the
prepositions and leave the other words alone: every ى edit on another word of these (otherwise clean)
Al-Watan articles is wrong, unless the outlet itself wrote that word wrong. Prints how many prepositions
were fixed, how many ى edits touched other words, and the first of those.

    python bench/ya_habit_bench.py --articles 1000
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from repair_bench import held_out  # noqa: E402

from khabar import repair  # noqa: E402

HABIT = re.compile(r"(?<![\u0621-\u064a])(و?)(إل|عل)ى(?![\u0621-\u064a])")
WORD = re.compile(r"[\u0621-\u064a\u0640]+")
PREPOSITIONS = frozenset({"إلى", "وإلى", "على", "وعلى"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--show", type=int, default=20)
    args = parser.parse_args()
    habits = fixed = other = 0
    shown: list[str] = []
    for article in held_out("dev", args.articles):
        text, count = HABIT.subn(r"\1\2ي", article.text)
        habits += count
        result = repair(text, only=["alef_maksura", "hamza"])
        for edit in result.edits:
            if edit.kind != "alef_maksura":
                continue
            word = next((m.group() for m in WORD.finditer(result.text)
                         if m.start() <= result.to_repaired(edit.start) < m.end()), "")
            if word in PREPOSITIONS:
                fixed += 1
                continue
            other += 1
            if len(shown) < args.show:
                shown.append(f"{edit.confidence:.2f} | {text[max(0, edit.start - 30) : edit.start]}"
                             f"[{edit.before}→{edit.after}]{text[edit.end : edit.end + 20]}".replace("\n", " "))
    print(f"prepositions written with ي: {habits:,}; fixed: {fixed:,}; ى edits on other words: {other}")
    for line in shown:
        print(line)


if __name__ == "__main__":
    main()
