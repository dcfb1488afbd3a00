"""Print one gold article for an annotator: its paragraphs (numbered) and the quotations of section 1 of the
guideline already in ``bench/gold/quotes_facts.jsonl`` (their cue and content), which are human gold.

    python bench/gold/show_article.py BB-middleEast-439-20180502
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

HERE = Path(__file__).resolve().parent


def main() -> None:
    from bench.gold.select_articles import articles_by_id

    article_id = sys.argv[1]
    text = articles_by_id({article_id})[article_id].text
    print(f"== {article_id} ({len(text)} characters)\n")
    for n, paragraph in enumerate(p for p in text.split("\n") if p.strip()):
        print(f"[{n}] {paragraph}\n")
    for line in (HERE / "quotes_facts.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        if gold["id"] != article_id:
            continue
        print("== section-1 quotations (give each an act in quote_acts):")
        for q in gold["quotes"]:
            cue = text[q["cue"][0]:q["cue"][1]] if q["cue"] else "-"
            s, e = q["content"]
            print(f"  {q['type']:8} cue={cue!r} content={text[s:e][:120]!r}")


if __name__ == "__main__":
    main()
