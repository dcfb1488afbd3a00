"""Turn annotators' event drafts (guideline §6) into the offset-only gold ``bench/gold/events.jsonl``.

    python bench/gold/resolve_events.py /tmp/khabar-events --check      # show every span, write nothing
    python bench/gold/resolve_events.py /tmp/khabar-events              # writes bench/gold/events.jsonl

Count surfaces are searched in order (each after the previous one's start); the trigger, location,
perpetrator, target and date are the occurrences nearest to the incident's first count.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.gold.resolve import DraftError, _nearest, _next

HERE = Path(__file__).resolve().parent
EVENTS_GOLD = HERE / "events.jsonl"
EVENT_LIST = HERE / "event_articles.tsv"
TYPES = ("airstrike", "shelling", "explosion", "armed_attack", "clash", "execution", "arrest", "displacement",
         "evacuation", "accident", "disaster", "other")
CATEGORIES = ("killed", "injured", "arrested", "displaced_or_evacuated", "missing")
PRECISIONS = ("place", "region", "country", None)
_ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def resolve_events(draft: dict, text: str, split: str) -> dict:
    article = draft["id"]
    events, cursor = [], 0
    for e in draft.get("events", []):
        if e.get("type") not in TYPES:
            raise DraftError(f"{article}: event type {e.get('type')!r}")
        if e.get("location_precision") not in PRECISIONS:
            raise DraftError(f"{article}: location_precision {e.get('location_precision')!r}")
        value = e.get("date_value")
        if value is not None and not _ISO.fullmatch(str(value)):
            raise DraftError(f"{article}: date_value {value!r}")
        counts = []
        for c in e.get("counts", []):
            if c.get("category") not in CATEGORIES:
                raise DraftError(f"{article}: count category {c.get('category')!r}")
            surface = _next(text, c["surface"], cursor, "count surface", article)
            cursor = surface[0] + 1
            counts.append({"surface": surface, "category": c["category"]})
        if not counts:
            raise DraftError(f"{article}: an event without a count")
        anchor = counts[0]["surface"][0]
        events.append({"type": e["type"], "counts": counts,
                       **{key: _nearest(text, e.get(key), anchor, key, article)
                          for key in ("trigger", "location", "perpetrator", "target", "date")},
                       "location_precision": e.get("location_precision"), "date_value": value})
    return {"id": article, "split": split, "text_sha1": hashlib.sha1(text.encode("utf-8")).hexdigest(),
            "events": events}


def main() -> None:
    from bench.gold.select_articles import articles_by_id

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("drafts", type=Path, help="folder of <id>.json drafts")
    parser.add_argument("--check", nargs="*", metavar="ID", help="only check (these) drafts and show each span")
    args = parser.parse_args()
    rows = [line.split("\t") for line in EVENT_LIST.read_text(encoding="utf-8").splitlines()[1:]]
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
            out.append(resolve_events(json.loads(path.read_text(encoding="utf-8")), text, splits[article_id]))
        except (DraftError, KeyError, TypeError, json.JSONDecodeError) as error:
            errors.append(f"{path.name}: {error}")
            continue
        if args.check is not None:
            print(f"== {article_id}")
            for e in out[-1]["events"]:
                def show(pair: list[int] | None, text: str = text) -> str:
                    return "-" if pair is None else repr(text[pair[0]:pair[1]])
                counts = ", ".join(f"{text[c['surface'][0]:c['surface'][1]]} {c['category']}" for c in e["counts"])
                print(f"  {e['type']:12} [{counts}] trigger={show(e['trigger'])} where={show(e['location'])}"
                      f" ({e['location_precision']}) by={show(e['perpetrator'])} on={show(e['target'])}"
                      f" when={show(e['date'])} {e['date_value']}")
    for error in errors:
        print("ERROR", error)
    if args.check is not None:
        raise SystemExit(1 if errors else 0)
    EVENTS_GOLD.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")
    print(f"{len(out)} articles, {sum(len(r['events']) for r in out)} events -> {EVENTS_GOLD}")
    if errors:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
