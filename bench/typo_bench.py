"""Typo benchmark (dev only): letter typos injected into clean news, and what the spelling fixer does.

In each of N Al-Watan articles (the dev set of bench/repair_bench.py), one word in 30 of the words of six
letters or more that clean news write often (5,000 per billion or more) gets one typo: two neighbouring
letters swapped, a letter dropped or a letter doubled, at a random position inside the word. Only typos
that make a word the lexicon does not know are kept (a typo that makes another real word is the real-word
check's, bench/realword_bench.py). The articles are repaired with the spelling fixer alone; an applied
edit is right when it restores the word. The untouched articles are repaired too: every spelling edit
there is a change to a clean text.

    python bench/typo_bench.py --articles 1000
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from repair_bench import held_out  # noqa: E402

from khabar import repair  # noqa: E402
from khabar.repair.resources import load_resources  # noqa: E402

LONG_WORD = re.compile(r"[\u0621-\u064a]{6,}")
COMMON = 5000
SHARE = 30


def inject(text: str, rng: random.Random, words: dict[str, int]) -> tuple[str, list[tuple[str, str]]]:
    """The text with typos, and (typo, intended word) for each."""
    spans = [m for m in LONG_WORD.finditer(text) if words.get(m.group(), 0) >= COMMON]
    rng.shuffle(spans)
    chosen = sorted(spans[: max(1, len(spans) // SHARE)], key=lambda m: m.start())
    pieces, gold, last = [], [], 0
    for match in chosen:
        word = match.group()
        at = rng.randrange(1, len(word) - 1)
        kind = rng.choice("sdx")
        if kind == "s":
            typo = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
        elif kind == "d":
            typo = word[:at] + word[at + 1 :]
        else:
            typo = word[:at] + word[at] + word[at:]
        if typo == word or words.get(typo, 0) > 0:
            continue
        pieces += [text[last : match.start()], typo]
        last = match.end()
        gold.append((typo, word))
    pieces.append(text[last:])
    return "".join(pieces), gold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    words = load_resources().words
    rng = random.Random(args.seed)
    typos = right = wrong = suggested = clean_edits = clean_words = 0
    for article in held_out("dev", args.articles):
        damaged, gold = inject(article.text, rng, words)
        expected = set(gold)
        typos += len(gold)
        result = repair(damaged, only=["spelling"])
        for edit in result.edits:
            if (edit.before, edit.after) in expected:
                right += 1
            else:
                wrong += 1
        suggested += sum(1 for s in result.suggestions if (s.before, s.after) in expected)
        clean_edits += len(repair(article.text, only=["spelling"]).edits)
        clean_words += len(article.text.split())
    row = {"articles": args.articles, "typos": typos, "applied_right": right, "applied_wrong": wrong,
           "precision": right / max(1, right + wrong), "recall": right / max(1, typos),
           "suggested_right": suggested, "clean_edits": clean_edits, "clean_words": clean_words}
    print("| typos | applied right | applied wrong | P | R | right suggestions | edits on the untouched articles |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {typos:,} | {right:,} | {wrong} | {row['precision']:.3f} | {row['recall']:.3f} | {suggested:,} | "
          f"{clean_edits} in {clean_words:,} words |")
    if args.out:
        args.out.write_text(json.dumps(row, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
