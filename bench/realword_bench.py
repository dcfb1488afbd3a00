"""Real-word typo benchmark on the development set (SaudiNewsNet Al-Watan) only.

Takes N dev articles (``held_out("dev", N)``), and in each one replaces a few words by a common word
one typo away (two adjacent letters swapped, a letter dropped or doubled, at any position): a word
the lexicon knows (``words.tsv.gz`` frequency ≥ 2000 per billion), so that only context can tell it
is wrong. The damaged article is repaired (all kinds) and every real-word spelling edit is scored:

- applied precision / recall / F1 against the injected errors;
- suggestion recall: injected errors offered as a suggestion with the right word (not applied);
- in scope: the injected errors the checker can see (the written word is in its confusion sets with
  the intended word among the candidates).

The same articles are repaired untouched too, and every real-word edit made there is listed (they
are all harm unless the outlet itself had a typo: read them).

    python bench/realword_bench.py --articles 300
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from repair_bench import held_out  # noqa: E402

from khabar.repair import repair  # noqa: E402
from khabar.repair.realword import load_realword  # noqa: E402
from khabar.repair.resources import load_resources  # noqa: E402

WORD = re.compile("[\u0621-\u064a]+")
#: a typo that makes a word at least this common (per billion) is a real-word error
COMMON = 2000
#: share of the words that have a common one-typo neighbour that are damaged
RATE = 0.03
REAL_WORD = "wrong in this context"


def typos(word: str) -> set[str]:
    """Every string one swapped, dropped or doubled letter away."""
    out = set()
    for i in range(len(word)):
        out.add(word[:i] + word[i + 1:])
        out.add(word[:i] + word[i] + word[i:])
        if i + 1 < len(word):
            out.add(word[:i] + word[i + 1] + word[i] + word[i + 2:])
    out.discard(word)
    return out


def inject(text: str, rng: random.Random, words: dict[str, int]) -> tuple[str, list[tuple[int, int, str, str]]]:
    """The text with real-word typos, and (start, end, written, intended) of each in the damaged text."""
    pieces: list[str] = []
    gold: list[tuple[int, int, str, str]] = []
    cursor = 0
    length = 0
    for match in WORD.finditer(text):
        word = match.group()
        if len(word) < 3:
            continue
        options = sorted(t for t in typos(word) if len(t) >= 2 and words.get(t, 0) >= COMMON)
        if not options or rng.random() >= RATE:
            continue
        typo = rng.choice(options)
        pieces.append(text[cursor:match.start()])
        length += match.start() - cursor
        gold.append((length, length + len(typo), typo, word))
        pieces.append(typo)
        length += len(typo)
        cursor = match.end()
    pieces.append(text[cursor:])
    return "".join(pieces), gold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--show", type=int, default=20, help="print this many misses and wrong edits")
    args = parser.parse_args()
    articles = held_out("dev", args.articles)
    words = load_resources().words
    tables = load_realword()
    total_words = injected = in_scope = 0
    applied = applied_right = found = suggested = scope_found = scope_suggested = 0
    clean_edits: list[str] = []
    clean_suggestions = 0
    wrong: list[str] = []
    for article in articles:
        total_words += len(WORD.findall(article.text))
        untouched = repair(article.text)
        clean_suggestions += sum(REAL_WORD in s.reason for s in untouched.suggestions)
        for edit in untouched.edits:
            if REAL_WORD in edit.reason:
                left = article.text[max(0, edit.start - 40):edit.start].replace("\n", " ")
                right = article.text[edit.end:edit.end + 40].replace("\n", " ")
                clean_edits.append(f"{edit.confidence:.2f} | {left}[{edit.before}→{edit.after}]{right}")
        damaged, gold = inject(article.text, random.Random(f"realword {article.id}"), words)
        result = repair(damaged)
        wanted = {(s, e): intended for s, e, _, intended in gold}
        injected += len(gold)
        scope = {(s, e) for s, e, typo, intended in gold if intended in tables.candidates.get(typo, ())}
        in_scope += len(scope)
        for edit in result.edits:
            if REAL_WORD not in edit.reason:
                continue
            applied += 1
            right = wanted.get((edit.start, edit.end)) == edit.after
            applied_right += right
            found += right
            scope_found += right and (edit.start, edit.end) in scope
            if not right and len(wrong) < args.show:
                context = damaged[max(0, edit.start - 40):edit.end + 40].replace("\n", " ")
                wrong.append(f"WRONG {edit.before}→{edit.after} (wanted {wanted.get((edit.start, edit.end))}) "
                             f"{edit.confidence:.2f} | {context}")
        for suggestion in result.suggestions:
            if REAL_WORD in suggestion.reason and wanted.get((suggestion.start, suggestion.end)) == suggestion.after:
                suggested += 1
                scope_suggested += (suggestion.start, suggestion.end) in scope
    precision = applied_right / applied if applied else float("nan")
    recall = found / injected if injected else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if applied and found else float("nan")
    print(f"dev (Al-Watan), {len(articles)} articles, {total_words:,} words; {injected} real-word typos injected "
          f"({100 * injected / total_words:.1f}% of words), {in_scope} in the checker's confusion sets")
    print("| applied P | applied R | applied F1 | applied | suggestion recall | in scope: applied R | "
          "in scope: suggestion R | edits on untouched articles |")
    print("|---|---|---|---|---|---|---|---|")
    print(f"| {precision:.3f} | {recall:.3f} | {f1:.3f} | {applied} | {suggested / max(1, injected):.3f} | "
          f"{scope_found / max(1, in_scope):.3f} | {scope_suggested / max(1, in_scope):.3f} | {len(clean_edits)} |")
    for line in wrong:
        print(line)
    print(f"\nreal-word edits on the {len(articles)} untouched articles: {len(clean_edits)}; suggestions there: "
          f"{clean_suggestions} ({1000 * clean_suggestions / total_words:.2f} per 1k words)")
    for line in clean_edits:
        print("CLEAN", line)


if __name__ == "__main__":
    main()
