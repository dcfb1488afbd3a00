"""Turn annotators' snippet drafts into the offset-only gold file ``bench/gold/quotes_facts.jsonl``.

A draft (kept outside the repo, one JSON file per article, named ``<id>.json``) gives exact snippets of the
article text, in text order::

    {"id": "BB-...", "quotes": [{"type": "direct", "content": "…", "cue": "وقال", "speaker": "…",
                                 "speaker_name": "…"}],
     "numbers": [{"surface": "12", "low": 12, "high": 12, "unit": "شخصا", "event": "killed"}]}

Quote contents and number surfaces are searched in order (each after the previous one's start, so
repeated snippets resolve to successive occurrences); a cue, speaker or unit is the occurrence nearest to
its quote or number; a speaker_name is the occurrence nearest to the quote. A snippet not found is an
error (the article id and snippet are printed), so a typo never silently drops an annotation.

    python bench/gold/resolve.py /tmp/khabar-gold/drafts        # rewrites bench/gold/quotes_facts.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

HERE = Path(__file__).resolve().parent
GOLD = HERE / "quotes_facts.jsonl"
QUOTE_TYPES = {"direct", "indirect", "mixed"}
EVENTS = {"killed", "injured", "arrested", "displaced_or_evacuated", "missing", "money", "percentage", "votes",
          "people_other", "other"}


class DraftError(ValueError):
    pass


def _occurrences(text: str, snippet: str) -> list[int]:
    found, at = [], text.find(snippet)
    while at >= 0:
        found.append(at)
        at = text.find(snippet, at + 1)
    return found


def _nearest(text: str, snippet: str | None, anchor: int, what: str, article: str) -> list[int] | None:
    if snippet is None or snippet == "":
        return None
    hits = _occurrences(text, snippet)
    if not hits:
        raise DraftError(f"{article}: {what} {snippet!r} not in the text")
    at = min(hits, key=lambda h: abs(h - anchor))
    return [at, at + len(snippet)]


def _next(text: str, snippet: str, after: int, what: str, article: str) -> list[int]:
    at = text.find(snippet, after)
    if at < 0:
        at = text.find(snippet)  # listed out of order: fall back to the first occurrence
        if at < 0:
            raise DraftError(f"{article}: {what} {snippet!r} not in the text")
    return [at, at + len(snippet)]


def reported_spans(text: str, item: dict, cursor: int, what: str, article: str) -> dict[str, list[int] | None]:
    """The offsets of a quotation's or speech act's ``content`` (searched from ``cursor``), and of its ``cue``,
    ``speaker`` and ``speaker_name`` (the occurrences nearest to the cue, or to the content)."""
    content = _next(text, item["content"], cursor, what, article)
    cue = _nearest(text, item.get("cue"), content[0], "cue", article)
    anchor = cue[0] if cue else content[0]
    return {"content": content, "cue": cue,
            "speaker": _nearest(text, item.get("speaker"), anchor, "speaker", article),
            "speaker_name": _nearest(text, item.get("speaker_name"), anchor, "speaker_name", article)}


_OPEN_CLOSE = {"«": "»", "“": "”", '"': '"'}


def _wholly_quoted(text: str, span: list[int]) -> bool:
    """Whether ``text[span]`` is exactly the inside of one pair of quote marks (spaces aside)."""
    before = text[:span[0]].rstrip()
    after = text[span[1]:].lstrip()
    inside = text[span[0]:span[1]]
    if not before or not after or before[-1] not in _OPEN_CLOSE:
        return False
    return after[0] == _OPEN_CLOSE[before[-1]] and not any(mark in inside for mark in "«»“”\"")


def _number(value: object, what: str, article: str) -> float | int | None:
    if value is None or isinstance(value, (int, float)):
        return value
    raise DraftError(f"{article}: {what} must be a number or null, not {value!r}")


def resolve(draft: dict, text: str, split: str) -> dict:
    article = draft["id"]
    quotes, cursor = [], 0
    for q in draft.get("quotes", []):
        if q.get("type") not in QUOTE_TYPES:
            raise DraftError(f"{article}: quote type {q.get('type')!r}")
        spans = reported_spans(text, q, cursor, "quote content", article)
        cursor = spans["content"][0] + 1
        kind = q["type"]
        if kind == "mixed" and _wholly_quoted(text, spans["content"]):
            kind = "direct"  # guideline §1: a content that is one quoted passage is direct
        quotes.append({"type": kind, **spans})
    numbers, cursor = [], 0
    for n in draft.get("numbers", []):
        if n.get("event") not in EVENTS:
            raise DraftError(f"{article}: number event {n.get('event')!r}")
        surface = _next(text, n["surface"], cursor, "number surface", article)
        cursor = surface[0] + 1
        numbers.append({"surface": surface, "low": _number(n.get("low"), "low", article),
                        "high": _number(n.get("high"), "high", article),
                        "unit": _nearest(text, n.get("unit"), surface[0], "unit", article), "event": n["event"]})
    return {"id": article, "split": split, "text_sha1": hashlib.sha1(text.encode("utf-8")).hexdigest(),
            "quotes": quotes, "numbers": numbers}


def _show(gold: dict, text: str) -> None:
    """Print every resolved span with a little context (for the annotator to check)."""
    def span(pair: list[int] | None) -> str:
        return "-" if pair is None else f"[{pair[0]}:{pair[1]}] {text[pair[0]:pair[1]]!r}"

    print(f"== {gold['id']}")
    for q in gold["quotes"]:
        print(f"  {q['type']:8} content {span(q['content'])[:90]}")
        print(f"           cue {span(q['cue'])}  speaker {span(q['speaker'])}  name {span(q['speaker_name'])}")
    for n in gold["numbers"]:
        s, e = n["surface"]
        print(f"  number {span(n['surface'])} low={n['low']} high={n['high']} unit {span(n['unit'])} "
              f"{n['event']}  …{text[max(0, s - 25):e + 25]!r}")


def drafts_main(description: str, listing: Path, resolve_one: Callable[[dict, str, str], dict],
                show: Callable[[dict, str], None], out_path: Path, summary: Callable[[list[dict]], str]) -> None:
    """The command line of a gold resolver: ``DRAFTS [--check [ID …]]``. Each article of ``listing`` (a TSV
    of id, outlet, split, date) with a draft is resolved by ``resolve_one(draft, text, split)``; ``--check``
    shows each result with ``show(result, text)`` and writes nothing; otherwise the results go to
    ``out_path`` (one JSON line each) and ``summary(results)`` is printed. Any draft error exits 1."""
    from bench.gold.select_articles import articles_by_id

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("drafts", type=Path, help="folder of <id>.json drafts")
    parser.add_argument("--check", nargs="*", metavar="ID", help="only check (these) drafts and show each span")
    args = parser.parse_args()
    rows = [line.split("\t") for line in listing.read_text(encoding="utf-8").splitlines()[1:]]
    splits = {row[0]: row[2] for row in rows}
    wanted = [i for i in splits if not args.check or i in args.check]
    articles = articles_by_id(set(wanted))
    out, errors = [], []
    for article_id in wanted:
        path = args.drafts / f"{article_id}.json"
        if not path.exists():
            print(f"no draft for {article_id}")
            continue
        text = articles[article_id].text
        try:
            out.append(resolve_one(json.loads(path.read_text(encoding="utf-8")), text, splits[article_id]))
        except (DraftError, KeyError, TypeError, json.JSONDecodeError) as error:
            errors.append(f"{path.name}: {error}")
            continue
        if args.check is not None:
            print(f"== {article_id}")
            show(out[-1], text)
    for error in errors:
        print("ERROR", error)
    if args.check is not None:
        raise SystemExit(1 if errors else 0)
    out_path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")
    print(f"{summary(out)} -> {out_path}")
    if errors:
        raise SystemExit(1)


def main() -> None:
    from bench.gold.select_articles import LIST, articles_by_id

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("drafts", type=Path, help="folder of <id>.json drafts")
    parser.add_argument("--check", nargs="*", metavar="ID",
                        help="only check these drafts (all when none named) and show each span; write nothing")
    args = parser.parse_args()
    rows = [line.split("\t") for line in LIST.read_text(encoding="utf-8").splitlines()[1:]]
    splits = {row[0]: row[2] for row in rows}
    articles = articles_by_id(set(splits))
    out, errors = [], []
    checking = args.check is not None
    for article_id in splits:
        path = args.drafts / f"{article_id}.json"
        if checking and args.check and article_id not in args.check:
            continue
        if not path.exists():
            print(f"no draft for {article_id}")
            continue
        try:
            out.append(resolve(json.loads(path.read_text(encoding="utf-8")), articles[article_id].text,
                               splits[article_id]))
        except (DraftError, KeyError, TypeError, json.JSONDecodeError) as error:
            errors.append(f"{path.name}: {error!r}")
            continue
        if checking:
            _show(out[-1], articles[article_id].text)
    for error in errors:
        print("ERROR", error)
    if checking:
        raise SystemExit(1 if errors else 0)
    GOLD.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")
    quotes = sum(len(r["quotes"]) for r in out)
    numbers = sum(len(r["numbers"]) for r in out)
    print(f"{len(out)} articles, {quotes} quotes, {numbers} numbers -> {GOLD}")
    if errors:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
