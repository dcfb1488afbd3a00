"""What the facts and events finder returns: :class:`Fact`, :class:`Actor`, :class:`Event`, and the labels."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: the event label of a fact
EVENTS = ("killed", "injured", "arrested", "displaced_or_evacuated", "missing", "money", "percentage", "votes",
          "people_other", "other")
#: the type of an event record (ACLED-style: what kind of incident; its counts say what happened to whom)
EVENT_TYPES = ("airstrike", "shelling", "explosion", "armed_attack", "clash", "execution", "arrest", "displacement",
               "evacuation", "accident", "disaster", "vote", "other")
#: how precise an event's place is
LOCATION_PRECISIONS = ("place", "region", "country")
#: how precise an event's date is
DATE_PRECISIONS = ("day", "week", "month", "year")
_CASUALTY = ("killed", "injured", "missing")
_CASUALTY_NOUNS = frozenset({"killed", "injured", "missing", "arrested", "displaced_or_evacuated"})
_NOUNISH = frozenset({"NOUN", "ADJ", "X", "PROPN"})
_UNIT_POS = _NOUNISH | {"ADV"}
_NP_POS = frozenset({"NOUN", "ADJ", "PROPN", "X"})
_NAME_LABELS = frozenset({"PER", "ORG", "MISC", "LOC"})
_TIME_LABELS = frozenset({"DATE", "TIME"})
#: a number further than this many tokens from its trigger word is not governed by it
TRIGGER_WINDOW = 10


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of ``doc.text``: ``text == doc.text[start:end]``.

    >>> Mention(0, 3, "قتل").to_dict()
    {'start': 0, 'end': 3, 'text': 'قتل'}
    """

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        """``{"start", "end", "text"}``."""
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Fact:
    """One counted number: ``surface == doc.text[start:end]``; ``low``/``high`` its value or range (None: open).

    ``event`` is one of :data:`EVENTS`; ``unit`` the counted noun (or currency word); ``currency`` an ISO code for
    money when known; ``approximate`` for ``نحو``/``حوالي``/``قرابة``/``تقريبا``. ``trigger`` (not in
    :meth:`to_dict`) is the word the event label came from, when it came from a verb or noun of the clause.

    >>> Fact(0, 2, "12", 12, 12, False, None, "other").to_dict()["low"]
    12
    """

    start: int
    end: int
    surface: str
    low: int | float | None
    high: int | float | None
    approximate: bool
    unit: Mention | None
    event: str
    currency: str | None = None
    trigger: Mention | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready fields: start, end, surface, low, high, approximate, unit, event, currency."""
        return {"start": self.start, "end": self.end, "surface": self.surface, "low": self.low, "high": self.high,
                "approximate": self.approximate, "unit": self.unit.to_dict() if self.unit else None,
                "event": self.event, "currency": self.currency}


@dataclass(frozen=True, slots=True)
class Actor:
    """Who did it (``role="actor"``) or to whom (``role="target"``); ``label`` the entity label or None."""

    role: str
    start: int
    end: int
    text: str
    label: str | None
    canonical: str | None

    def to_dict(self) -> dict[str, Any]:
        """``{"role", "start", "end", "text", "label", "canonical"}``."""
        return {"role": self.role, "start": self.start, "end": self.end, "text": self.text, "label": self.label,
                "canonical": self.canonical}


@dataclass(frozen=True, slots=True)
class Event:
    """One incident (ACLED/UCDP style) built from the counted facts of one sentence, or of consecutive sentences
    that tell the same incident.

    ``type`` is one of :data:`EVENT_TYPES`. ``location`` is ``{"start", "end", "text", "canonical", "link", "source",
    "precision"}`` or None: ``source`` says where it was found (``"sentence"``: the incident's own sentences;
    ``"earlier"``: an earlier sentence of the report, when its own name no place; ``"dateline"``), ``precision``
    one of :data:`LOCATION_PRECISIONS` or None. ``date`` is ``{"text", "start", "end", "value", "precision"}`` or
    None when the incident's sentences name no date (the publication date is not assumed): ``value`` an ISO date,
    ``YYYY-MM``, ``YYYY`` or ``YYYY-Www`` (None when it cannot be resolved), ``precision`` one of
    :data:`DATE_PRECISIONS`. ``sentence_start``/``sentence_end`` span all the incident's sentences.
    """

    type: str
    trigger: Mention | None
    counts: tuple[Fact, ...]
    actors: tuple[Actor, ...]
    location: dict[str, Any] | None
    date: dict[str, Any] | None
    sentence_start: int
    sentence_end: int

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready fields: type, trigger, counts, actors, location, date, sentence."""
        return {"type": self.type, "trigger": self.trigger.to_dict() if self.trigger else None,
                "counts": [f.to_dict() for f in self.counts], "actors": [a.to_dict() for a in self.actors],
                "location": self.location, "date": self.date,
                "sentence": {"start": self.sentence_start, "end": self.sentence_end}}
