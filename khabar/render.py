"""What the command line prints for people: the repair diff and the analysis report (rich renderables)."""

from __future__ import annotations

import unicodedata

from rich.console import Console
from rich.table import Table
from rich.text import Text

from khabar.repair import Repair

__all__ = ["clip", "render_article_views", "render_diff", "render_report", "render_views", "visible"]

_ENT_STYLE = {"PER": "bold yellow", "LOC": "bold green", "ORG": "bold cyan", "MISC": "bold magenta"}
#: how characters that print as nothing (or as a plain space) are shown in a diff
_SHOWN = {"\n": "⏎", "\r": "␍", "\t": "⇥", " ": "␣", "\u00a0": "⟨NBSP⟩", "\u200b": "⟨ZWSP⟩", "\u200c": "⟨ZWNJ⟩",
          "\u200d": "⟨ZWJ⟩", "\u200e": "⟨LRM⟩", "\u200f": "⟨RLM⟩", "\u202a": "⟨LRE⟩", "\u202b": "⟨RLE⟩",
          "\u202c": "⟨PDF⟩", "\u202d": "⟨LRO⟩", "\u202e": "⟨RLO⟩", "\u2066": "⟨LRI⟩", "\u2067": "⟨RLI⟩",
          "\u2068": "⟨FSI⟩", "\u2069": "⟨PDI⟩", "\ufeff": "⟨BOM⟩", "\u0640": "ـ"}


def visible(text: str) -> str:
    """``text`` with every character that prints as nothing or as a blank named, so a change to it shows.

    >>> visible("\\u200f"), visible("\\u00a0"), visible("\\r\\n"), visible(""), visible("ب ت")
    ('⟨RLM⟩', '⟨NBSP⟩', '␍⏎', '∅', 'ب␣ت')
    """
    if not text:
        return "∅"
    out = []
    for char in text:
        shown = _SHOWN.get(char)
        if shown is None and unicodedata.category(char) in ("Cf", "Cc", "Zs", "Zl", "Zp"):
            shown = f"⟨U+{ord(char):04X}⟩"
        out.append(shown or char)
    return "".join(out)


_STYLE = {
    "encoding": "magenta", "unicode": "magenta", "whitespace": "dim", "quote": "cyan", "space": "yellow",
    "alef_maksura": "green", "hamza": "green", "teh_marbuta": "green", "comma": "blue", "spelling": "red",
}


def render_diff(result: Repair) -> Text:
    """The repaired text with each change shown as ``[before→after]`` in the kind's colour; blank and
    invisible characters are named (``[⟨RLM⟩→∅]``, ``[⟨NBSP⟩→␣]``), so no change reads as "no change"."""
    out = Text()
    cursor = 0
    for edit in result.edits:
        out.append(result.original[cursor : edit.start])
        before, after = visible(edit.before), visible(edit.after)
        colour = _STYLE.get(edit.kind, "bold")
        out.append("[", style="dim")
        out.append(before, style=f"strike {colour}")
        out.append("→", style="dim")
        out.append(after, style=f"bold {colour}")
        out.append("]", style="dim")
        cursor = edit.end
    out.append(result.original[cursor:])
    counts = ", ".join(f"{kind} {count}" for kind, count in result.counts().items()) or "no changes"
    out.append(f"\n\n{len(result.edits)} change(s): {counts}\n", style="bold")
    return out


def render_report(doc: object, console: Console) -> None:
    """The terminal report: repaired text with entities marked, then entity, sentence and token tables (an
    empty text gets one line saying so)."""
    if not len(doc):  # type: ignore[arg-type]
        console.print("the text is empty: nothing to analyze", style="bold")
        return
    text = Text()
    cursor = 0
    for ent in doc.ents:  # type: ignore[attr-defined]
        text.append(doc.text[cursor : ent.start_char])  # type: ignore[attr-defined]
        text.append(ent.text, style=_ENT_STYLE.get(ent.label_, "bold blue"))
        text.append(f"[{ent.label_}]", style="dim")
        cursor = ent.end_char
    text.append(doc.text[cursor:])  # type: ignore[attr-defined]
    console.print(text, soft_wrap=True)
    fixed = doc._.repair  # type: ignore[attr-defined]
    if fixed is not None and fixed.edits:
        counts = ", ".join(f"{kind} {count}" for kind, count in fixed.counts().items())
        console.print(f"\nrepair: {len(fixed.edits)} change(s): {counts}", style="dim")
    ents = Table(title="entities", show_lines=False)
    for column in ("text", "label", "canonical", "link"):
        ents.add_column(column)
    for ent in doc.ents:  # type: ignore[attr-defined]
        link = ent._.link or {}
        where = f"{link.get('name_en', '')} {link.get('id', '')}".strip()
        ents.add_row(ent.text, ent.label_, ent._.canonical or "", where)
    console.print(ents)
    render_views(doc, console)
    sents = list(doc.sents)  # type: ignore[attr-defined]
    tokens = [t for t in doc if not t.is_space]  # type: ignore[attr-defined]
    console.print(f"{len(sents)} sentence(s), {len(tokens)} token(s)", style="bold")
    table = Table(title="tokens (first 60)")
    for column in ("#", "text", "norm", "pos", "lemma"):
        table.add_column(column)
    for i, token in enumerate(tokens[:60], 1):
        table.add_row(str(i), token.text, token.norm_ if token.norm_ != token.text else "", token.pos_, token.lemma_)
    console.print(table)


def clip(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_views(doc: object, console: Console) -> None:
    """Quotes grouped by speaker, the counted facts, the events and the dateline of an analyzed doc."""
    # lazy: spaCy and the models load only when an analysis is rendered
    from khabar.analyze import speakers, views

    extra = views(doc)  # type: ignore[arg-type]
    quotes = extra.get("quotes", [])
    extra.setdefault("facts", [])
    extra.setdefault("events", [])
    if extra.get("dateline"):
        console.print(f"dateline: {extra['dateline']['text']}", style="bold")
    render_article_views(extra, console)
    table = Table(title=f"quotes by speaker ({len(quotes)})")
    for column in ("speaker", "type", "cue", "what was said"):
        table.add_column(column)
    grouped = speakers(quotes)
    unknown = [n for n, q in enumerate(quotes) if not q["speaker_name"]]
    for group in [*grouped, {"name": "(no speaker found)", "quotes": unknown}]:
        for rank, n in enumerate(group["quotes"]):
            quote = quotes[n]
            cue = quote["cue"]["text"] if quote["cue"] else ""
            kind = quote["type"] if quote.get("act", "statement") == "statement" else f"{quote['type']}: {quote['act']}"
            table.add_row(group["name"] if rank == 0 else "", kind, cue, clip(quote["content"]["text"]))
    if quotes:
        console.print(table)
    facts = Table(title=f"counted facts ({len(extra['facts'])})")
    for column in ("number", "low", "high", "unit", "event"):
        facts.add_column(column)
    for fact in extra["facts"]:
        unit = fact["unit"]["text"] if fact.get("unit") else ""
        facts.add_row(fact["surface"], _fmt_number(fact["low"]), _fmt_number(fact["high"]), unit, fact["event"])
    if extra["facts"]:
        console.print(facts)
    events = Table(title=f"events ({len(extra['events'])})")
    for column in ("type", "trigger", "counts", "actors", "where", "when"):
        events.add_column(column)
    for event in extra["events"]:
        counts = ", ".join(f"{c['surface']} {c['event']}" for c in event.get("counts", []))
        actors = ", ".join(f"{a['role']}: {a['text']}" for a in event.get("actors", []))
        where = event.get("location") or {}
        when = event.get("date") or {}
        place = f"{where.get('text', '')} ({where['precision']})" if where.get("precision") else where.get("text", "")
        events.add_row(event["type"], (event.get("trigger") or {}).get("text", ""), counts, actors, place,
                       f"{when.get('text') or ''} {when.get('value') or ''}".strip())
    if extra["events"]:
        console.print(events)


def render_article_views(extra: dict[str, object], console: Console) -> None:
    """Topic and region, the headline sentence, the summary and the keywords."""
    topic = extra.get("topic") or {}
    if topic and topic.get("subject"):  # an empty text has no subject: say nothing rather than "None"
        ranked = sorted(topic["probabilities"].items(), key=lambda kv: -kv[1])[:3]  # type: ignore[union-attr]
        odds = ", ".join(f"{label} {p:.2f}" for label, p in ranked)
        region = topic.get("region") or "unknown"  # type: ignore[union-attr]
        console.print(f"topic: {topic['subject']} ({odds}); region: {region}", style="bold")  # type: ignore[index]
    headline = extra.get("headline")
    if headline:
        console.print(Text.assemble(("headline: ", "bold"), clip(headline["text"], 200)))  # type: ignore[index]
    summary = extra.get("summary") or []
    if summary:
        console.print("summary:", style="bold")
        for sentence in summary:  # type: ignore[union-attr]
            console.print(f"  • {' '.join(sentence['text'].split())}", soft_wrap=True)
    keywords = extra.get("keywords") or []
    if keywords:
        table = Table(title=f"keywords ({len(keywords)})")  # type: ignore[arg-type]
        for column in ("keyword", "kind", "count", "score"):
            table.add_column(column)
        for word in keywords:  # type: ignore[union-attr]
            kind = f"{word['kind']} {word['label']}" if word.get("label") else word["kind"]
            table.add_row(word["text"], kind, str(word["count"]), f"{word['score']:.2f}")
        console.print(table)


def _fmt_number(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else str(value)
