"""Score khabar's events on the events gold (issue 14, guideline §6: ``bench/gold/events.jsonl``).

Each gold incident is matched to the system event that holds most of its counts (a system count matches a
gold count when their surfaces overlap). Per gold incident, over the incidents whose counts khabar found:

* **counts right**: the share of gold counts found by khabar with the right category (killed, injured,
  arrested, displaced_or_evacuated, missing) — over all gold counts;
* **in one event**: the share of gold incidents whose found counts all sit in one system event;
* **location right**: the system location overlaps the gold location, or both are none;
* **perpetrator right**: a system actor (role ``actor``) overlaps the gold perpetrator, or both are none;
* **date right**: the system date value equals the gold ``date_value``, or both are none;
* **type right**: the system event type equals the gold incident type (airstrike, shelling, explosion, …).

Each article is analyzed as a user would (``khabar.analyze`` with repair and the publication date); system
offsets are mapped back to the raw article. Choose settings on ``dev``; ``test`` is scored once.

    python bench/events_bench.py --split dev            # the table, and bench/results/events.json
    python bench/events_bench.py --split dev --errors   # every wrong field on dev (never on test)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.gold.resolve_events import EVENT_LIST, EVENTS_GOLD
from bench.gold.select_articles import articles_by_id

RESULTS = Path(__file__).resolve().parent / "results" / "events.json"


def overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def system_events(text: str, published: str | None) -> list[dict[str, Any]]:
    """khabar's events with offsets in the raw ``text``."""
    import khabar

    doc = khabar.analyze(text, published=published)
    fixed = doc._.repair
    back = fixed.to_original if fixed is not None else (lambda position: position)

    def span(item: dict[str, Any] | None) -> tuple[int, int] | None:
        if not item or item.get("start") is None:
            return None
        return back(item["start"]), back(item["end"])

    out = []
    for event in doc._.events or []:
        e = event.to_dict()
        out.append({"type": e["type"], "trigger": span(e["trigger"]),
                    "counts": [((back(c["start"]), back(c["end"])), c["event"]) for c in e["counts"]],
                    "location": span(e["location"]),
                    "actors": [span(a) for a in e["actors"] if a["role"] == "actor"],
                    "date": (e["date"] or {}).get("value")})
    return out


def score(rows: list[dict[str, Any]], articles: dict[str, Any], dates: dict[str, str], errors: bool) -> dict:
    t = dict.fromkeys(("incidents", "found", "one_event", "counts", "counts_right", "location", "perpetrator",
                       "date", "type"), 0)
    for row in rows:
        text = articles[row["id"]].text
        events = system_events(text, dates.get(row["id"]) or None)
        for gold in row["events"]:
            t["incidents"] += 1
            hits: dict[int, int] = {}
            for g_surface, g_category in ((tuple(c["surface"]), c["category"]) for c in gold["counts"]):
                t["counts"] += 1
                for n, event in enumerate(events):
                    found = [cat for surface, cat in event["counts"] if overlaps(surface, g_surface)]
                    if found:
                        hits[n] = hits.get(n, 0) + 1
                        t["counts_right"] += found[0] == g_category
                        break
            if not hits:
                if errors:
                    c = gold["counts"][0]["surface"]
                    context = text[max(0, c[0] - 40):c[1] + 40]
                    print(f"  MISSED {row['id']}: {gold['type']} {text[c[0]:c[1]]!r} …{context!r}")
                continue
            t["found"] += 1
            t["one_event"] += len(hits) == 1
            if errors and len(hits) > 1:
                print(f"  SPLIT {row['id']}: {gold['type']} in {len(hits)} events: "
                      f"{[events[n]['type'] for n in sorted(hits)]}")
            event = events[max(hits, key=hits.__getitem__)]
            where = tuple(gold["location"]) if gold["location"] else None
            by = tuple(gold["perpetrator"]) if gold["perpetrator"] else None
            checks = {
                "location": overlaps(event["location"], where) or (event["location"] is None and where is None),
                "perpetrator": any(overlaps(a, by) for a in event["actors"]) or (not event["actors"] and by is None),
                "date": event["date"] == gold["date_value"],
                "type": event["type"] == gold["type"],
            }
            for key, right in checks.items():
                t[key] += right
                if errors and not right:
                    system = {"location": event["location"] and text[event["location"][0]:event["location"][1]],
                              "perpetrator": [text[a[0]:a[1]] for a in event["actors"] if a],
                              "date": event["date"], "type": event["type"]}[key]
                    gold_value = {"location": where and text[where[0]:where[1]],
                                  "perpetrator": by and text[by[0]:by[1]], "date": gold["date_value"],
                                  "type": gold["type"]}[key]
                    print(f"  {key.upper()} {row['id']}: system {system!r} gold {gold_value!r}")
    found = t["found"] or 1
    return {"incidents": t["incidents"], "counts": t["counts"],
            "incidents_found": round(t["found"] / max(1, t["incidents"]), 3),
            "counts_right_type": round(t["counts_right"] / max(1, t["counts"]), 3),
            "in_one_event": round(t["one_event"] / found, 3),
            "type_right": round(t["type"] / found, 3),
            "location_right": round(t["location"] / found, 3),
            "perpetrator_right": round(t["perpetrator"] / found, 3),
            "date_right": round(t["date"] / found, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "test"], required=True)
    parser.add_argument("--errors", action="store_true", help="print the wrong fields (dev only)")
    args = parser.parse_args()
    if args.errors and args.split != "dev":
        raise SystemExit("errors are listed for the dev split only")
    from khabar.dates import parse_date

    dates = {}
    for line in EVENT_LIST.read_text(encoding="utf-8").splitlines()[1:]:
        article_id, _outlet, _split, raw = line.split("\t")
        day = parse_date(raw)
        dates[article_id] = day.isoformat() if day else ""
    rows = [json.loads(line) for line in EVENTS_GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [row for row in rows if row["split"] == args.split]
    articles = articles_by_id({row["id"] for row in rows})
    result = score(rows, articles, dates, args.errors)
    print(json.dumps(result, indent=1))
    if not args.errors:
        previous = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
        RESULTS.write_text(json.dumps({**previous, args.split: result}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
