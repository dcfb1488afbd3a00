"""Event records (ACLED/UCDP style) from the counted facts of each sentence: type, counts, actors, place, date."""

from __future__ import annotations

from typing import Any

from khabar.facts import lexicon as lx
from khabar.facts.counts import _analyzed
from khabar.facts.dateline import _dateline
from khabar.facts.dates import parse_published, resolve_date
from khabar.facts.model import _CASUALTY, _NAME_LABELS, _NOUNISH, _NP_POS, _TIME_LABELS, Actor, Event, Fact, Mention
from khabar.facts.view import _View
from khabar.link import link_place

# -------------------------------------------------------------------------------------------------- events


def find_events(doc: Any, facts: list[Fact] | None = None, published: object = None) -> list[Event]:
    """Event records (ACLED/UCDP style) from the counted facts of ``doc``, in text order.

    ``facts`` are the doc's facts when already found (:func:`find_facts`); ``published`` the publication date
    (``datetime.date``, an ISO string or None) that relative dates (``أمس``) are resolved against.

    >>> import khabar
    >>> doc = khabar.analyze("اعتقلت الشرطة العراقية 15 مشتبها في بغداد يوم الخميس.")
    >>> [(e.type, [(a.role, a.text) for a in e.actors], e.location["link"]["name_en"], e.date["value"])
    ...  for e in find_events(doc, published="2018-06-30")]
    [('arrested', [('actor', 'الشرطة العراقية'), ('target', 'مشتبها')], 'Baghdad', '2018-06-28')]
    """
    v, detailed = _analyzed(doc)
    if facts is not None:
        wanted = {(f.start, f.end) for f in facts}
        detailed = [(f, t) for f, t in detailed if (f.start, f.end) in wanted]
    if not detailed:
        return []
    pub = parse_published(published)
    dateline: dict[str, Any] | bool | None = False  # found lazily
    by_sentence: dict[tuple[int, int], list[tuple[Fact, int | None]]] = {}
    for f, t in detailed:
        by_sentence.setdefault(v.sent_of(v.tok_at(f.start)), []).append((f, t))
    events: list[Event] = []
    for sent, items in by_sentence.items():
        for etype, group in _groups(v, items):
            if dateline is False:
                dateline = _dateline(v.text, [(e.start_char, e.end_char) for e in v.ents if e.label_ == "PER"])
            events.append(_event(v, sent, etype, group, dateline or None, pub))
    events.sort(key=lambda e: (e.sentence_start, e.counts[0].start))
    return events


def _groups(v: _View, items: list[tuple[Fact, int | None]]) -> list[tuple[str, list[tuple[Fact, int | None]]]]:
    """The events of one sentence: casualties (with attack counts), arrests, displacement, votes, attacks."""
    casualties = [x for x in items if x[0].event in _CASUALTY]
    attacks = [x for x in items if x[0].event == "other" and x[0].unit is not None
               and lx.bare(lx.fold(x[0].unit.text)) in lx.ATTACK_NOUNS]
    out: list[tuple[str, list[tuple[Fact, int | None]]]] = []
    if casualties:
        kinds = {x[0].event for x in casualties}
        etype = next(k for k in _CASUALTY if k in kinds)
        out.append((etype, sorted(casualties + attacks, key=lambda x: x[0].start)))
    elif attacks:
        out.append(("attack", attacks))
    for label, etype in (("arrested", "arrested"), ("displaced_or_evacuated", "displaced_or_evacuated"),
                         ("votes", "vote")):
        group = [x for x in items if x[0].event == label]
        if group:
            out.append((etype, group))
    return out


def _event(v: _View, sent: tuple[int, int], etype: str, group: list[tuple[Fact, int | None]],
           dateline: dict[str, Any] | None, pub: Any) -> Event:
    facts = tuple(f for f, _ in group)
    own = _CASUALTY if etype in _CASUALTY else (etype,)
    trig_tok = next((t for f, t in group if t is not None and f.event in own), None)
    if trig_tok is None:
        trig_tok = next((t for _, t in group if t is not None), None)
    if trig_tok is not None:
        trigger: Mention | None = v.mention(trig_tok, trig_tok + 1)
        anchor = trig_tok
    else:
        lead = facts[0]
        trigger = lead.unit
        if etype == "attack":
            k = _attack_word_before(v, v.tok_at(lead.start), sent[0])
            if k is not None:
                trigger, trig_tok = v.mention(k, k + 1), k
        anchor = trig_tok if trig_tok is not None else v.tok_at(facts[0].start)
    actors = _actors(v, sent, trig_tok, group)
    location = _location(v, sent, anchor, actors, dateline)
    date = _event_date(v, sent, anchor, pub)
    return Event(etype, trigger, facts, tuple(actors), location, date, v.starts[sent[0]], v.ends[sent[1] - 1])


def _attack_word_before(v: _View, i: int, s: int) -> int | None:
    for k in range(i - 1, max(s, i - 5) - 1, -1):
        if v.bare[k] in lx.ATTACK_WORDS or v.folded[k] in lx.ATTACK_WORDS:
            return k
    return None


# -- actors


def _np(v: _View, k: int, end: int, any_noun: bool) -> tuple[int, int, Any] | None:
    """The noun phrase starting at token ``k``: an entity, or an actor head (any noun with ``any_noun``) with the
    nouns and adjectives after it (at most five tokens; an entity reached is taken whole)."""
    if k >= end:
        return None
    ent = v.ent[k]
    if ent is not None and ent.label_ in _NAME_LABELS:
        return ent.start, min(ent.end, end), ent
    if not (v.bare[k] in lx.ACTOR_HEADS or v.folded[k] in lx.ACTOR_HEADS or (any_noun and v.pos[k] in _NP_POS)):
        return None
    j, found = k + 1, None
    while j < end and j - k < 5:
        e = v.ent[j]
        if e is not None and e.label_ in _NAME_LABELS:
            j, found = min(e.end, end), e
            break
        if v.attached(j) and v.pos[j] == "PRON":
            j += 1  # مقاتليها
            continue
        if v.pos[j] not in _NP_POS or v.attached(j) or (e is not None and e.label_ in _TIME_LABELS):
            break
        j += 1
    return k, j, found


def _actor(v: _View, role: str, np: tuple[int, int, Any]) -> Actor:
    i, j, ent = np
    span = v.mention(i, j)
    label = ent.label_ if ent is not None else None
    exact = ent is not None and ent.start == i and ent.end == j
    if exact:
        canonical = ent._.canonical or ent.text
    else:  # the UD forms, clitics off: للتحالف → التحالف
        canonical = " ".join(v.doc[k].norm_ or v.doc[k].text for k in range(i, j) if not (k > i and v.attached(k)
                                                                                          and v.pos[k] == "PRON"))
    return Actor(role, span.start, span.end, span.text, label, canonical)


_LI = lx.fold("ل")
_ALA, _YAD, _MIN, _QIBAL = lx.fold("على"), lx.fold("يد"), lx.fold("من"), lx.fold("قبل")
_TARGET_CUES = lx.folded("استهدف استهدفت يستهدف تستهدف ضد استهدفوا")


def _actors(v: _View, sent: tuple[int, int], trig: int | None, group: list[tuple[Fact, int | None]]) -> list[Actor]:
    s, e = sent
    found: dict[tuple[int, int], Actor] = {}

    def add(role: str, np: tuple[int, int, Any] | None) -> None:
        if np is not None and np[1] > np[0] and not any(a.start < v.ends[np[1] - 1] and v.starts[np[0]] < a.end
                                                        for a in found.values()):
            act = _actor(v, role, np)
            found[(act.start, act.end)] = act

    count_toks = {v.tok_at(f.start) for f, _ in group}
    for k in range(s, e):
        b = v.bare[k]
        if b in lx.ATTACK_NOUNS and k + 1 < e:
            nxt = k + 2 if v.folded[k + 1] == _LI and v.attached(k + 2) else k + 1
            if nxt not in count_toks:
                add("actor", _np(v, nxt, e, any_noun=False))
        elif b in lx.ACTOR_CUES and k + 1 < e:
            if b == _YAD and not (k > s and v.folded[k - 1] == _ALA):
                continue
            if b == _QIBAL and not (k > s and v.folded[k - 1] == _MIN):
                continue
            add("actor", _np(v, k + 1, e, any_noun=False))
        elif v.folded[k] in _TARGET_CUES and k + 1 < e:
            np = _np(v, k + 1, e, any_noun=False)
            if np is not None and np[2] is not None and np[2].label_ != "LOC":
                add("target", np)
    if trig is not None and v.pos[trig] == "VERB":
        nxt = trig + 1
        if nxt < e and nxt not in count_toks and not v.attached(nxt):
            add("actor", _np(v, nxt, e, any_noun=False))
    for f, _ in group:
        if f.unit is None or f.event not in (*_CASUALTY, "arrested", "displaced_or_evacuated"):
            continue
        u = v.tok_at(f.unit.start)
        if v.bare[u] in lx.GENERIC_PEOPLE or lx.noun_class(v.folded[u]) not in ("people", "arrested"):
            continue
        if lx.noun_class(v.folded[u]) == "arrested":
            continue
        add("target", _np(v, u, e, any_noun=True))
    return sorted(found.values(), key=lambda a: a.start)


# -- location and date

_KIND_RANK = {"city": 0, "territory": 1, "country": 2}
#: kinds of link that are places (organisations and people are linked too, with other kinds)
PLACE_KINDS = frozenset(_KIND_RANK)
_COMPLEMENTIZERS = lx.folded("إن أن بأن وإن")
_SEAT_WORDS = frozenset(lx.bare(w) for w in lx.folded("مقره مقرها ومقره ومقرها ومقرهم مقرهم"))


def _location(v: _View, sent: tuple[int, int], anchor: int, actors: list[Actor],
              dateline: dict[str, Any] | None) -> dict[str, Any] | None:
    """The linked place nearest ``anchor`` in the sentence (one after ``في``/``قرب``/… counts as half as far; the
    dateline and the actors are not candidates); else an unlinked place; else a gazetteer place written after
    a place preposition that the tagger missed; else the dateline place."""
    s, e = sent
    taken = [(a.start, a.end) for a in actors if a.role == "actor"]
    if dateline is not None:
        taken.append((dateline["start"], dateline["end"]))
    best: tuple[float, int, Any] | None = None
    fallback: tuple[float, Any] | None = None
    for ent in v.ents:
        if ent.start < s or ent.end > e or ent.label_ not in _NAME_LABELS:
            continue
        if any(a < ent.end_char and ent.start_char < b for a, b in taken):
            continue
        if ent.end <= anchor and any(v.folded[k] in _COMPLEMENTIZERS for k in range(ent.end, anchor)):
            continue  # in the attribution before إن/أن (قال المرصد ومقره لندن إن …), not where it happened
        if ent.start > s and v.bare[ent.start - 1] in _SEAT_WORDS:
            continue
        link = ent._.link
        if link and link.get("kind") not in PLACE_KINDS:
            link = None  # an organisation or a person is not where something happened
        dist = float(min(abs(ent.start - anchor), abs(ent.end - 1 - anchor)))
        cued = ent.start > s and (v.bare[ent.start - 1] in lx.LOCATIVE or v.folded[ent.start - 1] in lx.LOCATIVE)
        if cued:
            dist /= 2
        if link:
            key = (dist, _KIND_RANK.get(link.get("kind", ""), 3), ent)
            if best is None or key[:2] < best[:2]:
                best = key
        elif ent.label_ == "LOC" and cued and (fallback is None or dist < fallback[0]):
            fallback = (dist, ent)
    if best is not None or fallback is not None:
        chosen = best[2] if best is not None else fallback[1]  # type: ignore[index]
        return {"start": chosen.start_char, "end": chosen.end_char, "text": chosen.text,
                "canonical": chosen._.canonical, "link": chosen._.link, "source": "sentence"}
    missed = _untagged_place(v, sent, anchor, taken)
    if missed is not None:
        return missed
    if dateline is not None:
        return {**dateline, "canonical": dateline["text"], "source": "dateline"}
    return None


_PLACE_PREPS = lx.folded("في ب على قرب من إلى مدينة بلدة محافظة ولاية")


def _untagged_place(v: _View, sent: tuple[int, int], anchor: int,
                    taken: list[tuple[int, int]]) -> dict[str, Any] | None:
    """A word after a place preposition that the gazetteer knows, when the tagger found no place."""
    s, e = sent
    best = None
    for k in range(s + 1, e):
        if v.folded[k - 1] not in _PLACE_PREPS or v.pos[k] not in _NOUNISH or v.ent[k] is not None:
            continue
        if any(a < v.ends[k] and v.starts[k] < b for a, b in taken):
            continue
        norm = v.doc[k].norm_ or v.doc[k].text
        link = link_place(norm)
        if link is not None and (best is None or abs(k - anchor) < best[0]):
            best = (abs(k - anchor), k, norm, link)
    if best is None:
        return None
    _, k, norm, link = best
    return {"start": v.starts[k], "end": v.ends[k], "text": v.text[v.starts[k]:v.ends[k]], "canonical": norm,
            "link": link.to_dict(), "source": "sentence"}


def _event_date(v: _View, sent: tuple[int, int], anchor: int, pub: Any) -> dict[str, Any] | None:
    s, e = sent
    best = None
    for ent in v.ents:
        if ent.label_ in _TIME_LABELS and s <= ent.start and ent.end <= e:
            dist = min(abs(ent.start - anchor), abs(ent.end - 1 - anchor)) + (0 if ent.label_ == "DATE" else 0.5)
            if best is None or dist < best[0]:
                best = (dist, ent)
    if best is not None:
        ent = best[1]
        value = ent._.value if ent.label_ == "DATE" else None
        return {"text": ent.text, "start": ent.start_char, "end": ent.end_char,
                "value": resolve_date(ent.text, value, pub)}
    if pub is not None:
        return {"text": None, "start": None, "end": None, "value": pub.isoformat()}
    return None
