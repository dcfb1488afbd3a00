"""Event records (ACLED/UCDP style) from the counted facts of each sentence: type, counts, actors, place, date."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
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
    (``datetime.date``, an ISO string or None) that relative dates (``أمس``) are resolved against. One incident
    told over consecutive sentences (the count in one, the place in the next) is one event.

    >>> import khabar
    >>> doc = khabar.analyze("اعتقلت الشرطة العراقية 15 مشتبها في بغداد يوم الخميس.")
    >>> [(e.type, [(a.role, a.text) for a in e.actors], e.location["link"]["name_en"], e.date["value"])
    ...  for e in find_events(doc, published="2018-06-30")]
    [('arrest', [('actor', 'الشرطة العراقية'), ('target', 'مشتبها')], 'Baghdad', '2018-06-28')]
    """
    v, detailed = _analyzed(doc)
    if facts is not None:
        wanted = {(f.start, f.end) for f in facts}
        detailed = [(f, t) for f, t in detailed if (f.start, f.end) in wanted]
    if not detailed:
        return []
    pub = parse_published(published)
    by_sentence: dict[tuple[int, int], list[tuple[Fact, int | None]]] = {}
    for f, t in detailed:
        by_sentence.setdefault(v.sent_of(v.tok_at(f.start)), []).append((f, t))
    dateline = _dateline(v.text, [(e.start_char, e.end_char) for e in v.ents if e.label_ == "PER"])
    not_here = [(dateline["start"], dateline["end"])] if dateline else []
    drafts = [_draft(v, sent, clause, category, part, pub, not_here)
              for sent, items in by_sentence.items() for category, group in _groups(v, items)
              for clause, part in _clauses(v, sent, group)]
    drafts.sort(key=lambda d: (d.sents[0][0], d.facts[0].start))
    drafts = _merged(v, drafts)
    events = [_event(v, d, dateline, pub, not_here) for d in drafts]
    events.sort(key=lambda e: (e.sentence_start, e.counts[0].start))
    return events


def _groups(v: _View, items: list[tuple[Fact, int | None]]) -> list[tuple[str, list[tuple[Fact, int | None]]]]:
    """The incidents of one sentence by what was counted: casualties (with attack counts), arrests,
    displacement, votes, attacks."""
    casualties = [x for x in items if x[0].event in _CASUALTY]
    attacks = [x for x in items if x[0].event == "other" and x[0].unit is not None
               and lx.bare(lx.fold(x[0].unit.text)) in lx.ATTACK_NOUNS]
    out: list[tuple[str, list[tuple[Fact, int | None]]]] = []
    if casualties:
        out.append(("casualties", sorted(casualties + attacks, key=lambda x: x[0].start)))
    elif attacks:
        out.append(("attack", attacks))
    for label in ("arrested", "displaced_or_evacuated", "votes"):
        group = [x for x in items if x[0].event == label]
        if group:
            out.append((label, group))
    return out


_SAME_WORDS = frozenset(lx.bare(w) for w in lx.folded("نفس نفسه نفسها ذات ذاته ذاتها عين عينه عينها"))
_CLAUSE_BREAKS = lx.folded("كما بينما فيما وبينما وفيما وكما")


def _clauses(v: _View, sent: tuple[int, int], group: list[tuple[Fact, int | None]]
             ) -> list[tuple[tuple[int, int], list[tuple[Fact, int | None]]]]:
    """The counts of one sentence split where a clause (``كما``، ``بينما``، ``فيما``) tells of another place:
    ``… حصدت أربعة مدنيين من سكان قرية الدنين، كما انفجر لغم في قرية المشارفة وأودى بحياة ثلاثة`` is two
    incidents. Clauses that name no place of their own, or the same place, stay one incident."""
    toks = [v.tok_at(f.start) for f, _ in group]
    cuts = [k for a, b in zip(toks, toks[1:], strict=False) for k in range(a + 1, b) if v.folded[k] in _CLAUSE_BREAKS]
    if not cuts:
        return [(sent, group)]
    bounds = [sent[0], *sorted(set(cuts)), sent[1]]
    parts = [((lo, hi), [x for x, t in zip(group, toks, strict=True) if lo <= t < hi])
             for lo, hi in zip(bounds, bounds[1:], strict=False)]
    parts = [p for p in parts if p[1]]
    out: list[tuple[tuple[int, int], list[tuple[Fact, int | None]]]] = []
    last_places: set[str] = set()
    for clause, part in parts:
        places = {_place_id(v, p) for p in _places(v, clause, []) if p.cued}
        if out and not (places and last_places and not places & last_places):
            (lo, _), kept = out[-1]
            out[-1] = ((lo, clause[1]), kept + part)
            last_places |= places
        else:
            out.append((clause, part))
            last_places = places
    if len(out) == 1:
        return [(sent, group)]
    return out


@dataclass
class _Draft:
    """One incident while it is being put together (one sentence, or several once merged)."""

    category: str  # casualties, attack, arrested, displaced_or_evacuated, votes
    type: str
    sents: list[tuple[int, int]]
    group: list[tuple[Fact, int | None]]
    trigger: Mention | None
    anchor: int
    actors: list[Actor]
    location: dict[str, Any] | None
    date: dict[str, Any] | None

    @property
    def facts(self) -> tuple[Fact, ...]:
        return tuple(f for f, _ in self.group)


def _draft(v: _View, sent: tuple[int, int], clause: tuple[int, int], category: str,
           group: list[tuple[Fact, int | None]], pub: Any, not_here: list[tuple[int, int]]) -> _Draft:
    """The incident of ``group`` (counts of ``clause``, a part of ``sent`` or all of it)."""
    own = {"casualties": _CASUALTY, "attack": ()}.get(category, (category,))
    trig_tok = next((t for f, t in group if t is not None and f.event in own), None)
    if trig_tok is None:
        trig_tok = next((t for _, t in group if t is not None), None)
    if trig_tok is not None:
        trigger: Mention | None = v.mention(trig_tok, trig_tok + 1)
        anchor = trig_tok
    else:
        lead = group[0][0]
        trigger = lead.unit
        if category == "attack":
            k = _attack_word_before(v, v.tok_at(lead.start), clause[0])
            if k is not None:
                trigger, trig_tok = v.mention(k, k + 1), k
        anchor = trig_tok if trig_tok is not None else v.tok_at(lead.start)
    actors = _actors(v, clause, trig_tok, group)
    location = _sentence_location(v, clause, anchor, actors, not_here)
    date = _event_date(v, clause, anchor, pub)
    return _Draft(category, _incident_type(v, clause, anchor, category, trig_tok), [sent], list(group), trigger,
                  anchor, actors, location, date)


def _event(v: _View, d: _Draft, dateline: dict[str, Any] | None, pub: Any, not_here: list[tuple[int, int]]) -> Event:
    location = d.location
    if location is None:
        location = _earlier_location(v, d.sents[0], [(a.start, a.end) for a in d.actors if a.role == "actor"]
                                     + not_here)
    if location is None and dateline is not None:
        link = dateline.get("link")
        location = {**dateline, "canonical": dateline["text"], "source": "dateline",
                    "precision": _link_precision(link) if link else None}
    facts = tuple(sorted(d.facts, key=lambda f: f.start))
    return Event(d.type, d.trigger, facts, tuple(sorted(d.actors, key=lambda a: a.start)), location, d.date,
                 v.starts[d.sents[0][0]], v.ends[d.sents[-1][1] - 1])


# -- one incident told over consecutive sentences

def _merged(v: _View, drafts: list[_Draft]) -> list[_Draft]:
    """Drafts joined when the second continues the first: it is in the next sentence, of the same kind (or of
    no kind of its own), and names no other place or date."""
    out: list[_Draft] = []
    for d in drafts:
        prev = out[-1] if out else None
        if prev is not None and _continues(v, prev, d):
            prev.sents += [s for s in d.sents if s not in prev.sents]
            prev.group += d.group
            if prev.type == "other":
                prev.type = d.type
            taken = [(a.start, a.end) for a in prev.actors]
            prev.actors += [a for a in d.actors if not any(a.start < e and s < a.end for s, e in taken)]
            prev.location = prev.location or d.location
            prev.date = prev.date or d.date
        else:
            out.append(d)
    return out


_SAME_INCIDENT = {("casualties", "casualties"), ("casualties", "attack"), ("attack", "casualties"),
                  ("arrested", "arrested"), ("displaced_or_evacuated", "displaced_or_evacuated")}


#: the most sentences one incident is told over (a long list of like incidents is not one incident)
INCIDENT_SENTENCES = 4


def _continues(v: _View, a: _Draft, b: _Draft) -> bool:
    if (a.category, b.category) not in _SAME_INCIDENT or len(a.sents) >= INCIDENT_SENTENCES:
        return False
    if b.sents[0] != a.sents[-1] and b.sents[0][0] != a.sents[-1][1]:
        return False  # not the same or the next sentence
    if b.sents[0] == a.sents[-1]:
        return False  # two incidents of one sentence were kept apart on purpose
    if a.type != b.type and "other" not in (a.type, b.type) and (b.location or b.date):
        return False  # another kind of incident, with its own place or date
    if a.location and b.location and _place_key(a.location) != _place_key(b.location):
        return False
    return not (a.date and b.date and a.date.get("value") != b.date.get("value"))


def _place_id(v: _View, p: _Place) -> str:
    if p.link and p.link.get("id"):
        return str(p.link["id"])
    return " ".join(v.bare[k] for k in range(p.start, p.end))


def _place_key(location: dict[str, Any]) -> str:
    link = location.get("link") or {}
    return str(link.get("id") or lx.bare(lx.fold(location.get("canonical") or location["text"])))


# -- incident type

_TYPE_ORDER = ("execution", "explosion", "accident", "disaster", "airstrike", "shelling", "clash", "armed_attack")
_AIR_WORDS = frozenset(w for w, kind in lx.INCIDENT_WORDS.items() if kind == "airstrike")
_SHELLING_VERBS = lx.folded("قصف قصفت يقصف تقصف القصف")
_FIRING = lx.folded("إطلاق اطلاق")
_CEASE = lx.folded("وقف لوقف بوقف")


def _incident_type(v: _View, sent: tuple[int, int], anchor: int, category: str, trig: int | None) -> str:
    """What kind of incident (ACLED-style): from what was counted, else the nearest incident word of the
    sentence (a specific word beats a generic one such as ``هجوم``); ``other`` when none."""
    if category == "votes":
        return "vote"
    if category == "arrested":
        return "arrest"
    s, e = sent
    if category == "displaced_or_evacuated":
        evacuated = any(lx.INCIDENT_WORDS.get(v.bare[k]) == "evacuation" for k in range(s, e))
        return "evacuation" if evacuated else "displacement"
    best: tuple[float, int, str] | None = None
    for k in range(s, e):
        kind = lx.INCIDENT_WORDS.get(v.bare[k])
        if kind is None or kind == "evacuation":
            continue
        if v.bare[k] in ("نار",) and not (k > s and v.folded[k - 1] in _FIRING
                                          and not (k > s + 1 and v.folded[k - 2] in _CEASE)):
            continue  # إطلاق النار, but not وقف إطلاق النار
        if kind == "shelling" and v.folded[k] in _SHELLING_VERBS and any(
                v.bare[j] in _AIR_WORDS for j in range(max(s, k - 2), min(e, k + 3)) if j != k):
            kind = "airstrike"  # قصف جوي، قصف الطيران
        dist = abs(k - anchor) + (6 if v.bare[k] in lx.GENERIC_INCIDENT_WORDS else 0)
        key = (float(dist), _TYPE_ORDER.index(kind), kind)
        if best is None or key[:2] < best[:2]:
            best = key
    return best[2] if best is not None else "other"


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


_WITH, _BETWEEN, _AND = lx.fold("مع"), lx.fold("بين"), lx.fold("و")
_HAPPENED = lx.folded("جرت وقعت اندلعت دارت تدور تجري")


def _clash_sides(v: _View, k: int, e: int, add: Any) -> None:
    """The sides of a clash are its actors: ``مواجهات مع ألوية العمالقة``، ``اشتباكات بين قوات النظام وتنظيم
    داعش`` (an adjective or two may come between: ``اشتباكات عنيفة بين``)."""
    j = k + 1
    while j < e and j - k <= 3 and (v.pos[j] == "ADJ" or v.folded[j] in _HAPPENED):
        j += 1  # اشتباكات عنيفة جرت بين
    if j + 1 >= e or v.folded[j] not in (_WITH, _BETWEEN):
        return
    first = _np(v, j + 1, e, any_noun=False)
    add("actor", first)
    if first is not None and v.folded[j] == _BETWEEN:
        for m in range(first[1], min(e - 1, first[1] + 6)):  # past ومجموعاته الموالية to the other side
            if v.folded[m] == _AND:
                other = _np(v, m + 1, e, any_noun=False)
                if other is not None:
                    add("actor", other)
                    break


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
        if (b in lx.ATTACK_NOUNS or b in lx.WEAPON_NOUNS) and k + 1 < e:
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
        elif lx.INCIDENT_WORDS.get(b) == "clash":
            _clash_sides(v, k, e, add)
    if trig is not None and v.pos[trig] == "VERB" and v.folded[trig] not in lx.UNDERGOER_VERBS:
        nxt = trig + 1
        if nxt < e and nxt not in count_toks and not v.attached(nxt):
            add("actor", _np(v, nxt, e, any_noun=False))
        add("actor", _subject_before(v, s, trig))
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


_OPENERS = lx.folded("و ف ثم كما وقد قد كان كانت كانوا وكان وكانت وكانوا فيما بينما حيث إذ إن أن بأن وأن")
_QAD = lx.folded("قد وقد")


def _subject_before(v: _View, s: int, trig: int) -> tuple[int, int, Any] | None:
    """The subject written before the verb (``قوات الأمن التركية قتلت …``، ``وكانت جبهة النصرة قد خطفت …``):
    an entity or an armed-actor phrase that ends right before it (or before its ``قد``) and starts the clause."""
    end = trig - 1 if trig - 1 > s and v.folded[trig - 1] in _QAD else trig
    for k in range(max(s, end - 7), end):
        if k > s and not (v.folded[k - 1] in _OPENERS or v.pos[k - 1] == "PUNCT"):
            continue
        np = _np(v, k, end, any_noun=False)
        if np is not None and np[1] == end:
            return np
    return None


# -- location and date

#: how precise a linked place is, by its kind
_LINK_PRECISION = {"city": "place", "territory": "region", "country": "country"}
#: kinds of link that are places (organisations and people are linked too, with other kinds)
PLACE_KINDS = frozenset(_LINK_PRECISION)
_PRECISION_COST = {"place": 0.0, "region": 2.0, "country": 5.0, None: 1.0}
_COMPLEMENTIZERS = lx.folded("إن أن بأن وإن")
_SEAT_WORDS = frozenset(lx.bare(w) for w in lx.folded("مقره مقرها ومقره ومقرها ومقرهم مقرهم"))


def _ents_in(v: _View, s: int, e: int) -> list[Any]:
    """The entities inside tokens ``s:e`` (found by bisection: a 10 MB text has many sentences and entities)."""
    starts = v.ent_starts
    return [ent for ent in v.ents[bisect_left(starts, s):bisect_left(starts, e)] if ent.end <= e]


def _link_precision(link: dict[str, Any] | None) -> str | None:
    return _LINK_PRECISION.get(link.get("kind", "")) if link else None


@dataclass(frozen=True)
class _Place:
    start: int  # tokens
    end: int
    canonical: str | None
    link: dict[str, Any] | None
    precision: str | None
    cued: bool


def _places(v: _View, sent: tuple[int, int], taken: list[tuple[int, int]]) -> list[_Place]:
    """The places of a sentence where something may have happened: tagged places (linked or not), a name after a
    place word (``قرية المشارفة``، ``منطقة عفرين``, taken with the place word), and a gazetteer place after a
    place preposition that the tagger missed. Not: a place inside an actor phrase or in what an actor is called
    (``الجيش السوري``، ``حكومة العراق``), an ally (``المتحالفين مع طهران``), a seat (``ومقره لندن``), or a place in
    the attribution before ``إن``/``أن``."""
    s, e = sent
    found: list[_Place] = []
    for k in range(s, e):
        precision = lx.PLACE_WORDS.get(v.bare[k])
        if precision is None or k + 1 >= e or v.pos[k + 1] not in _NOUNISH or v.attached(k + 1) \
                or v.bare[k + 1] in _SAME_WORDS:
            continue  # المدينة نفسها: the place named before
        ent = v.ent[k + 1]
        j = ent.end if ent is not None and ent.start == k + 1 and ent.label_ in _NAME_LABELS else k + 2
        if ent is None and v.pos[k + 1] == "NOUN" and not link_place(v.doc[k + 1].norm_ or v.doc[k + 1].text):
            continue  # منطقة عسكرية، مدينة كبيرة: no name
        link = ent._.link if ent is not None and ent.start == k + 1 else None
        if link and link.get("kind") not in PLACE_KINDS:
            link = None
        canonical = ent._.canonical if ent is not None and ent.start == k + 1 else None
        found.append(_Place(k, min(j, e), canonical, link, precision, True))
    for ent in _ents_in(v, s, e):
        if ent.label_ not in _NAME_LABELS:
            continue
        link = ent._.link
        if link and link.get("kind") not in PLACE_KINDS:
            link = None
        if not link and ent.label_ != "LOC":
            continue
        if any(p.start < ent.end and ent.start < p.end for p in found):
            continue  # already taken with its place word
        before = ent.start - 1
        cued = before >= s and (v.bare[before] in lx.LOCATIVE or v.folded[before] in lx.LOCATIVE)
        if before >= s and not cued and (v.bare[before] in lx.INSTITUTION_HEADS or v.bare[before] in lx.ACTOR_HEADS
                                         or (v.pos[before] == "NOUN" and v.bare[before] not in lx.INCIDENT_WORDS)):
            continue  # مندوب تونس، حكومة العراق: a place that names who, not where (but قصف غزة is where)
        found.append(_Place(ent.start, ent.end, ent._.canonical, link, _link_precision(link) or "place", cued))
    out = []
    for p in found:
        a, b = v.starts[p.start], v.ends[p.end - 1]
        if any(x < b and a < y for x, y in taken):
            continue
        if any(v.bare[k] in lx.ALLY_WORDS or v.folded[k] in lx.ALLY_WORDS for k in range(max(s, p.start - 2), p.start)):
            continue
        if p.start > s and v.bare[p.start - 1] in _SEAT_WORDS:
            continue
        out.append(p)
    if not out:
        out = _untagged_places(v, sent, taken)
    return out


_PLACE_PREPS = lx.folded("في ب على قرب من إلى")


def _untagged_places(v: _View, sent: tuple[int, int], taken: list[tuple[int, int]]) -> list[_Place]:
    """Words after a place preposition that the gazetteer knows, when the tagger found no place."""
    s, e = sent
    out = []
    for k in range(s + 1, e):
        if v.folded[k - 1] not in _PLACE_PREPS or v.pos[k] not in _NOUNISH or v.ent[k] is not None:
            continue
        if v.bare[k] in lx.PLACE_WORDS:
            continue  # في المدينة: the city named before, not Medina
        if any(a < v.ends[k] and v.starts[k] < b for a, b in taken):
            continue
        norm = v.doc[k].norm_ or v.doc[k].text
        link = link_place(norm)
        if link is not None:
            d = link.to_dict()
            out.append(_Place(k, k + 1, norm, d, _link_precision(d), True))
    return out


def _location_dict(v: _View, p: _Place, source: str) -> dict[str, Any]:
    start, end = v.starts[p.start], v.ends[p.end - 1]
    text = v.text[start:end]
    return {"start": start, "end": end, "text": text, "canonical": p.canonical or text, "link": p.link,
            "source": source, "precision": p.precision}


def _sentence_location(v: _View, sent: tuple[int, int], anchor: int, actors: list[Actor],
                       not_here: list[tuple[int, int]]) -> dict[str, Any] | None:
    """The place of the sentence where it happened: the nearest to ``anchor``, a place after ``في``/``قرب``/… or a
    place word counting as half as far, a more precise place before a wider one (a village before its
    province, a province before the country)."""
    places = [p for p in _places(v, sent, [(a.start, a.end) for a in actors if a.role == "actor"] + not_here)
              if not (p.end <= anchor and any(v.folded[k] in _COMPLEMENTIZERS for k in range(p.end, anchor)))]
    if not places:
        return None

    def cost(p: _Place) -> float:
        dist = float(min(abs(p.start - anchor), abs(p.end - 1 - anchor)))
        return (dist / 2 if p.cued else dist) + _PRECISION_COST[p.precision]

    return _location_dict(v, min(places, key=cost), "sentence")


#: how many sentences back a place is looked for when the incident's own sentences name none
EARLIER_REACH = 3


def _earlier_location(v: _View, sent: tuple[int, int], taken: list[tuple[int, int]]) -> dict[str, Any] | None:
    """The place of the nearest earlier sentence (up to :data:`EARLIER_REACH` back) that names one: one after a
    place preposition or a place word first, then the most precise."""
    n = bisect_right(v.sent_starts, sent[0]) - 1
    for m in range(n - 1, max(-1, n - 1 - EARLIER_REACH), -1):
        places = _places(v, v.sents[m], taken)
        if places:
            best = min(places, key=lambda p: (not p.cued, _PRECISION_COST[p.precision], -p.start))
            return _location_dict(v, best, "earlier")
    return None


_SINCE = lx.folded("منذ ومنذ")


def _event_date(v: _View, sent: tuple[int, int], anchor: int, pub: Any) -> dict[str, Any] | None:
    """The date expression of the sentence nearest ``anchor`` (not a ``منذ`` date: that is when a count started)
    with its ISO value and precision; None when the sentence names none."""
    s, e = sent
    best = None
    for ent in _ents_in(v, s, e):
        if ent.label_ in _TIME_LABELS:
            if (ent.start > s and v.folded[ent.start - 1] in _SINCE) or v.folded[ent.start] in _SINCE:
                continue
            dist = min(abs(ent.start - anchor), abs(ent.end - 1 - anchor)) + (0 if ent.label_ == "DATE" else 0.5)
            if best is None or dist < best[0]:
                best = (dist, ent)
    if best is None:
        return _recent_hours(v, sent, pub)
    ent = best[1]
    value = resolve_date(ent.text, ent._.value if ent.label_ == "DATE" else None, pub)
    return {"text": ent.text, "start": ent.start_char, "end": ent.end_char, "value": value,
            "precision": _date_precision(value)}


_HOURS = lx.folded("الساعات ساعات")
_PAST = lx.folded("الماضية الأخيرة")


def _recent_hours(v: _View, sent: tuple[int, int], pub: Any) -> dict[str, Any] | None:
    """``خلال الساعات (الـ24) الماضية``: the day of publication (when it is known)."""
    s, e = sent
    for k in range(s, e):
        if v.folded[k] in _HOURS:
            for j in range(k + 1, min(e, k + 5)):
                if v.folded[j] in _PAST:
                    value = pub.isoformat() if pub is not None else None
                    return {"text": v.text[v.starts[k]:v.ends[j]], "start": v.starts[k], "end": v.ends[j],
                            "value": value, "precision": "day" if value else None}
    return None


def _date_precision(value: str | None) -> str | None:
    if not value:
        return None
    if "W" in value:
        return "week"
    return {10: "day", 7: "month", 4: "year"}.get(len(value))
