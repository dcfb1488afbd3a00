"""Turn annotators' event drafts (guideline §6) into the offset-only gold ``bench/gold/events.jsonl``.

    python bench/gold/resolve_events.py /tmp/khabar-events --check      # show every span, write nothing
    python bench/gold/resolve_events.py /tmp/khabar-events              # writes bench/gold/events.jsonl

Count surfaces are searched in order (each after the previous one's start); the trigger, location,
perpetrator, target and date are the occurrences nearest to the incident's first count.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.gold.resolve import DraftError, _nearest, _next, drafts_main

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


def _show(result: dict, text: str) -> None:
    def span(pair: list[int] | None) -> str:
        return "-" if pair is None else repr(text[pair[0]:pair[1]])

    for e in result["events"]:
        counts = ", ".join(f"{text[c['surface'][0]:c['surface'][1]]} {c['category']}" for c in e["counts"])
        print(f"  {e['type']:12} [{counts}] trigger={span(e['trigger'])} where={span(e['location'])}"
              f" ({e['location_precision']}) by={span(e['perpetrator'])} on={span(e['target'])}"
              f" when={span(e['date'])} {e['date_value']}")


def main() -> None:
    drafts_main(__doc__.splitlines()[0], EVENT_LIST, resolve_events, _show, EVENTS_GOLD,
                lambda out: f"{len(out)} articles, {sum(len(r['events']) for r in out)} events")

if __name__ == "__main__":
    main()
