"""The shape of khabar's output, defined once: typed models of one analyzed document.

``Analysis`` is what ``khabar analyze --json``, :func:`khabar.analyze.to_dict`, ``POST /api/analyze`` and
every ``analysis`` of a batch line hold. Offsets are character offsets into ``Analysis.text`` (the repaired
text), except an ``Edit``'s ``start``/``end``, which point into ``original``. The published JSON Schema
(``khabar/analysis.schema.json``, written by ``python scripts/write_schema.py``) is generated from these
models, and the HTTP API declares them as its response models, so ``/openapi.json`` documents the analysis
field by field.

This module is the bottom layer: it imports nothing from khabar, so any stage or surface may use it.

>>> Analysis.model_fields["schema_version"].default == SCHEMA_VERSION
True
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "SCHEMA_FILE",
    "SCHEMA_VERSION",
    "Analysis",
    "Dateline",
    "Edit",
    "Entity",
    "Event",
    "EventActor",
    "EventDate",
    "EventLocation",
    "Fact",
    "Keyword",
    "Link",
    "Quote",
    "RegionEvidence",
    "Sentence",
    "SentencePick",
    "Span",
    "Speaker",
    "SpeakerEntity",
    "Token",
    "Topic",
    "analysis_schema",
    "arrow_schema",
    "validate_analysis",
]

#: the version of this output shape: the major part changes when a field is removed or changes meaning
SCHEMA_VERSION = "1.2"  # 1.1: quotes have an act, speech acts; 1.2: incident types, place/date precision
SCHEMA_FILE = Path(__file__).with_name("analysis.schema.json")

NameLabel = Literal["PER", "LOC", "ORG", "MISC"]
EntityLabel = Literal["PER", "LOC", "ORG", "MISC", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """A piece of the text: ``text == Analysis.text[start:end]``."""

    start: int = Field(description="Offset of the first character.")
    end: int = Field(description="Offset after the last character.")
    text: str = Field(description="The characters of the span.")


class Edit(_Model):
    """One change repair made: ``original[start:end] == before`` became ``after`` at
    ``text[repaired_start:repaired_end]``."""

    start: int = Field(description="Offset in the original text.")
    end: int = Field(description="End offset in the original text.")
    before: str = Field(description="The original characters.")
    after: str = Field(description="What they became (empty: deleted).")
    kind: str = Field(description="The family of the fix: encoding, unicode, whitespace, orthography, …")
    reason: str = Field(description="Why, in one line.")
    confidence: float = Field(description="How sure the fix is, 0 to 1.")
    repaired_start: int = Field(description="Offset of `after` in the repaired text.")
    repaired_end: int = Field(description="End offset of `after` in the repaired text.")


class Sentence(_Model):
    """One sentence (empty ones are left out)."""

    start: int
    end: int


class Token(_Model):
    """One token in the UD Arabic convention (clitics split; each token a substring of the text)."""

    start: int
    end: int
    text: str
    norm: str = Field(description="The normalized UD form (hamza and alef restored, clitic forms written out).")
    pos: str = Field(description="Universal POS tag (UD v2).")
    lemma: str = Field(description="The lemma.")


class Link(_Model):
    """What a name refers to. Places: ``kind`` country/city/territory with a GeoNames or ISO ``id`` and
    coordinates; organisations and people: ``kind`` organization/person with a ``khabar:`` id, ``type`` and
    ``role``, ``lat``/``lon`` None."""

    kind: str = Field(description="country, city, territory, organization or person.")
    id: str = Field(description="Stable id: `ISO:LB`, `geonames:360630`, `khabar:org/united-nations`.")
    name_en: str = Field(description="The English name.")
    country: str = Field(description="ISO 3166 country code ('' when none).")
    lat: float | None = Field(description="Latitude of a place; None for a country or a name.")
    lon: float | None = Field(description="Longitude of a place; None for a country or a name.")
    type: str | None = Field(default=None, description="Organisations and people: the kind of body or role.")
    name_ar: str | None = Field(default=None, description="Organisations and people: the canonical Arabic name.")
    role: str | None = Field(default=None, description="People: their role ('' when none).")


class Entity(_Model):
    """A name (PER/LOC/ORG/MISC) or a number/time expression (DATE/TIME/MONEY/PERCENT/QUANTITY)."""

    start: int
    end: int
    text: str
    label: EntityLabel
    canonical: str | None = Field(description="The full name this mention stands for in the article.")
    link: Link | None = Field(description="What it refers to, when known; None, never a guess.")


class SpeakerEntity(_Model):
    """The person or organisation a quote's speaker is."""

    index: int = Field(description="Index of the entity in `entities`.")
    text: str
    label: str
    canonical: str | None
    link: Link | None


class Quote(_Model):
    """Reported speech or a speech act: what was said or done by speaking, the cue, and who."""

    type: str = Field(description="direct, indirect, mixed, or speech_act (a reporting verb whose content is "
                                  "its complement: طالب الوزير الحكومة بالإفراج عن …).")
    act: str = Field(description="What the speaker did: statement, demand, warning, condemnation, denial, welcome, "
                                 "accusation, concern or description.")
    content: Span = Field(description="What was said, or the complement of a speech act (quote marks excluded).")
    cue: Span | None = Field(description="The speech verb or attribution phrase.")
    speaker: Span | None = Field(description="The speaker's mention in the text.")
    speaker_name: str | None = Field(description="The speaker's name (resolved when the mention is a pronoun).")
    speaker_entity: SpeakerEntity | None


class SpeakerGroupEntity(_Model):
    label: str
    canonical: str | None
    link: Link | None


class Speaker(_Model):
    """Quotes grouped by speaker name, most quoted first."""

    name: str
    entity: SpeakerGroupEntity | None
    count: int
    quotes: list[int] = Field(description="Indices into `quotes`.")


class Fact(_Model):
    """One counted number: ``surface == text[start:end]``, its value or range and what it counts."""

    start: int
    end: int
    surface: str
    low: int | float | None = Field(description="The value, or the low end of a range (None: open).")
    high: int | float | None = Field(description="The high end of a range (None: open or a single value).")
    approximate: bool = Field(description="نحو / حوالي / قرابة / تقريبا.")
    unit: Span | None = Field(description="The counted noun or currency word.")
    event: str = Field(description="killed, injured, arrested, displaced_or_evacuated, missing, money, …")
    currency: str | None = Field(description="ISO 4217 code for money, when known.")


class EventActor(_Model):
    role: str = Field(description="actor (who did it) or target (to whom).")
    start: int
    end: int
    text: str
    label: str | None
    canonical: str | None


class EventLocation(_Model):
    """Where the incident happened (not where it was reported, not a place that only names an actor or an ally)."""

    start: int
    end: int
    text: str
    canonical: str | None
    link: Link | None
    source: str = Field(description="sentence (the incident's own sentences), earlier (an earlier sentence of the "
                                    "report, when its own name no place) or dateline.")
    precision: str | None = Field(description="place (a town, village, neighbourhood, site), region (a province "
                                              "or district) or country; None when unknown.")


class EventDate(_Model):
    """The date the incident's sentences give (the publication date is never assumed)."""

    text: str
    start: int
    end: int
    value: str | None = Field(description="ISO date, YYYY-MM, YYYY or YYYY-Www; None when it cannot be resolved.")
    precision: str | None = Field(description="day, week, month or year; None when the value is unknown.")


class Event(_Model):
    """One incident (ACLED/UCDP style) from the counted facts of one sentence, or of consecutive sentences that
    tell the same incident."""

    type: str = Field(description="airstrike, shelling, explosion, armed_attack, clash, execution, arrest, "
                                  "displacement, evacuation, accident, disaster, vote or other; the counts say "
                                  "what happened to whom (killed, injured, …).")
    trigger: Span | None
    counts: list[Fact]
    actors: list[EventActor]
    location: EventLocation | None
    date: EventDate | None
    sentence: Sentence


class Dateline(_Model):
    """The place an article was filed from (``القاهرة - ``)."""

    start: int
    end: int
    text: str
    link: Link | None


class SentencePick(_Model):
    """A sentence chosen for the headline or summary."""

    start: int
    end: int
    text: str
    index: int = Field(description="The sentence's index in `sentences`.")
    score: float


class Keyword(_Model):
    text: str
    lemma: str
    kind: str = Field(description="entity or term.")
    label: str | None = Field(description="The entity label for a name.")
    score: float
    count: int
    mentions: list[list[int]] = Field(description="[start, end] of each mention.")


class RegionEvidence(_Model):
    code: str = Field(description="ISO country code of a linked place.")
    mentions: int
    region: str | None


class Topic(_Model):
    subject: str | None = Field(description="culture, economy, politics, sport or technology; None for an empty text.")
    probability: float
    probabilities: dict[str, float] = Field(description="Calibrated probability of each subject.")
    region: str | None = Field(description="The world region of the places named, when clear.")
    region_evidence: list[RegionEvidence]


class Analysis(_Model):
    """One analyzed document."""

    schema_version: str = Field(default=SCHEMA_VERSION, description="The version of this output shape.")
    text: str = Field(description="The repaired text; every offset except an edit's points into it.")
    original: str = Field(description="The raw input, unchanged.")
    published: str | None = Field(description="The publication date (ISO), when given.")
    edits: list[Edit] = Field(description="Every change repair made, reversible.")
    sentences: list[Sentence]
    tokens: list[Token]
    entities: list[Entity]
    # the views below are absent when their stage was left out (``khabar.load(disable=[...])``, ``--skip``)
    quotes: list[Quote] = Field(default_factory=list, description="Reported speech (stage `quotes`).")
    speakers: list[Speaker] = Field(default_factory=list, description="Quotes grouped by speaker (stage `quotes`).")
    facts: list[Fact] = Field(default_factory=list, description="Counted numbers (stage `facts`).")
    events: list[Event] = Field(default_factory=list, description="Event records (stage `events`).")
    dateline: Dateline | None = Field(default=None, description="Where it was filed from (stage `dateline`).")
    headline: SentencePick | None = Field(
        default=None, description="The sentence that best stands for the article (stage `summary`).")
    summary: list[SentencePick] = Field(default_factory=list,
                                        description="Up to 3 sentences, in text order (stage `summary`).")
    keywords: list[Keyword] = Field(default_factory=list, description="Up to 10, best first (stage `keywords`).")
    topic: Topic | None = Field(default=None, description="Subject and region (stage `topic`).")


def analysis_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`Analysis` (what ``khabar/analysis.schema.json`` holds)."""
    schema = Analysis.model_json_schema()
    schema["required"] = ["schema_version", *schema["required"]]  # always written, though pydantic has a default
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"khabar-analysis-{SCHEMA_VERSION}"
    return schema


def validate_analysis(data: dict[str, Any]) -> Analysis:
    """``data`` checked against the schema (a ``pydantic.ValidationError`` says where it differs)."""
    return Analysis.model_validate(data)


def _schema_text() -> str:
    return json.dumps(analysis_schema(), ensure_ascii=False, indent=1) + "\n"


# ---------------------------------------------------------------- Arrow / Parquet


def arrow_schema(*, tokens: bool = False) -> Any:
    """The Arrow schema of a batch output row, derived from these models (needs ``pyarrow``): ``id``,
    ``source``, ``ok``, ``error``, ``warnings``, ``meta`` (the record's own fields, as JSON text) and one
    column per :class:`Analysis` field, nested views as Arrow structs and lists; ``tokens`` only when asked
    for (they make most of the bytes). A number that may be an int or a float is a float64.

    >>> schema = arrow_schema()
    >>> str(schema.field("entities").type.value_type.field("link").type.field("lat").type)
    'double'
    """
    import pyarrow as pa

    fields = [pa.field("id", pa.string(), nullable=False), pa.field("source", pa.string()),
              pa.field("ok", pa.bool_(), nullable=False), pa.field("error", pa.string()),
              pa.field("warnings", pa.list_(pa.string())), pa.field("meta", pa.string())]
    for name, info in Analysis.model_fields.items():
        if name == "tokens" and not tokens:
            continue
        fields.append(pa.field(name, _arrow_type(info.annotation)))
    return pa.schema(fields)


def _arrow_type(annotation: Any) -> Any:
    """The Arrow type of one field's annotation (None in a union only makes the field nullable)."""
    import types
    import typing

    import pyarrow as pa

    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin in (typing.Union, types.UnionType):
        if set(args) == {int, float}:
            return pa.float64()
        return _arrow_type(args[0]) if len(args) == 1 else pa.string()
    if origin is Literal:
        return pa.string()
    if origin is list:
        return pa.list_(_arrow_type(args[0]))
    if origin is dict:
        return pa.map_(_arrow_type(args[0]), _arrow_type(args[1]))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return pa.struct([pa.field(name, _arrow_type(info.annotation))
                          for name, info in annotation.model_fields.items()])
    return {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}[annotation]


#: the count columns of the flat events tables (corpus store, warehouse), by the category of a count
EVENT_COUNT_COLUMNS = {"killed": "killed", "injured": "injured", "arrested": "arrested",
                       "displaced_or_evacuated": "displaced", "missing": "missing"}


def event_count_totals(event: dict[str, Any]) -> dict[str, int]:
    """An event's counts summed per column of :data:`EVENT_COUNT_COLUMNS` (a range counts its low end).

    >>> event_count_totals({"counts": [{"event": "killed", "low": 3}, {"event": "killed", "low": None, "high": 2}]})
    {'killed': 5, 'injured': 0, 'arrested': 0, 'displaced': 0, 'missing': 0}
    """
    totals = dict.fromkeys(EVENT_COUNT_COLUMNS.values(), 0)
    for count in event.get("counts", []):
        column = EVENT_COUNT_COLUMNS.get(count.get("event"))
        value = count.get("low") if count.get("low") is not None else count.get("high")
        if column and isinstance(value, (int, float)):
            totals[column] += int(value)
    return totals
