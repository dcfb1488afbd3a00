"""Turn annotators' speech-act drafts (guideline §5) into the offset-only gold ``bench/gold/speech_acts.jsonl``.

A draft (outside the repo, ``<id>.json``) lists the article's speech acts as exact snippets, and an act for
each section-1 quotation, named by the start of its content::

    {"id": "BB-...", "acts": [{"act": "demand", "cue": "وطالب", "content": "…", "speaker": "…",
                               "speaker_name": "…"}],
     "quote_acts": [{"content": "<start of a quotation's content>", "act": "statement"}]}

Snippets resolve as in ``resolve.py`` (contents in order, the rest nearest); a quote_acts content must be the
start of exactly one gold quotation's content. Every error names the article and the snippet.

    python bench/gold/resolve_acts.py /tmp/khabar-acts --check      # show every span, write nothing
    python bench/gold/resolve_acts.py /tmp/khabar-acts              # writes bench/gold/speech_acts.jsonl
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.gold.resolve import DraftError, drafts_main, reported_spans

HERE = Path(__file__).resolve().parent
ACTS_GOLD = HERE / "speech_acts.jsonl"
ACTS = ("statement", "demand", "warning", "condemnation", "denial", "welcome", "accusation", "concern",
        "description", "other")


def resolve_acts(draft: dict, text: str, split: str, quotes: list[dict]) -> dict:
    article = draft["id"]
    acts, cursor = [], 0
    for a in draft.get("acts", []):
        if a.get("act") not in ACTS:
            raise DraftError(f"{article}: act {a.get('act')!r}")
        spans = reported_spans(text, a, cursor, "act content", article)
        cursor = spans["content"][0] + 1
        acts.append({"act": a["act"], **spans})
    quote_acts: dict[int, str] = {}
    for qa in draft.get("quote_acts", []):
        if qa.get("act") not in ACTS:
            raise DraftError(f"{article}: quote act {qa.get('act')!r}")
        start = qa["content"].strip()
        hits = [n for n, q in enumerate(quotes) if text[q["content"][0]:q["content"][1]].startswith(start[:40])]
        if len(hits) != 1:
            raise DraftError(f"{article}: quote_acts content {start[:40]!r} matches {len(hits)} quotations")
        quote_acts[hits[0]] = qa["act"]
    missing = [n for n in range(len(quotes)) if n not in quote_acts]
    if missing:
        raise DraftError(f"{article}: no act for quotation(s) {missing}")
    return {"id": article, "split": split, "text_sha1": hashlib.sha1(text.encode("utf-8")).hexdigest(),
            "acts": acts, "quote_acts": [quote_acts[n] for n in range(len(quotes))]}


def _show(result: dict, text: str) -> None:
    for a in result["acts"]:
        s, e = a["content"]
        cue = text[a["cue"][0]:a["cue"][1]] if a["cue"] else "-"
        name = text[a["speaker_name"][0]:a["speaker_name"][1]] if a["speaker_name"] else "-"
        print(f"  {a['act']:12} cue={cue!r} speaker_name={name!r} content={text[s:e][:80]!r}")
    print(f"  quote acts: {result['quote_acts']}")


def main() -> None:
    from bench.gold.select_articles import LIST

    gold = {g["id"]: g for g in map(json.loads, (HERE / "quotes_facts.jsonl").read_text(encoding="utf-8").splitlines())}
    drafts_main(__doc__.splitlines()[0], LIST,
                lambda draft, text, split: resolve_acts(draft, text, split, gold[draft["id"]]["quotes"]),
                _show, ACTS_GOLD, lambda out: f"{len(out)} articles, {sum(len(r['acts']) for r in out)} speech acts")

if __name__ == "__main__":
    main()
