"""Canonical forms and links for the entities of one article.

* **Canonical form** — the entity's tokens in their normalized UD form (``لبيروت`` → ``بيروت``,
  ``للولايات المتحدة`` → ``الولايات المتحدة``), diacritics and tatweel removed, proclitics outside.
* **Short mentions** — a later person mention whose words all occur, in order, at the end of an earlier,
  longer person name in the same article (``أوباما`` after ``باراك أوباما``) takes that name as its
  canonical form; so does a mention equal to the first word (``باراك``).
* **Links** — places (LOC, and GPE-like ORG/MISC names the gazetteer knows as countries) are looked up
  in :mod:`khabar.link`: country ISO code or GeoNames id, latitude/longitude and English name;
  organisations and people in :mod:`khabar.link.names` (a stable ``khabar:org/…`` or ``khabar:per/…`` id,
  type, English name, country, role). A name the tables do not know keeps ``link: None``.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Span

from khabar.analyze.crf import DESCRIPTORS
from khabar.link import link_place, normalize_name
from khabar.link.names import link_name

_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")
_SPACE = re.compile(r"\s+")
LINKED_LABELS = frozenset({"LOC"})
#: words before a place name that may make it another place (قطاع غزة, إقليم كردستان); normalized
PLACE_DESCRIPTORS = frozenset(["قطاع", "اقليم", "ولايه", "مقاطعه", "جزيره", "جزر"])
NUMERIC_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"})


def canonical_text(span: Span) -> str:
    """The span's tokens in normalized form, diacritics removed, spacing as in the text.

    >>> import spacy
    >>> from khabar.analyze.tokenizer import KhabarTokenizer
    >>> doc = KhabarTokenizer(spacy.blank("xx").vocab)("وصل إلى للولايات المتحدة")
    >>> canonical_text(doc[3:6])
    'الولايات المتحدة'
    """
    parts = []
    for token in span:
        parts.append(token.norm_ if token.norm_ else token.text)
        if token.whitespace_ and token.i < span.end - 1:
            parts.append(" ")
    return _SPACE.sub(" ", _MARKS.sub("", "".join(parts))).strip()


def _link(span: Span, canonical: str) -> dict[str, Any] | None:
    """Link of a place, organisation or person entity, or None."""
    if span.label_ in ("ORG", "PER"):
        named = link_name(canonical, span.label_)
        if named is None and span.start > 0:
            # a title or descriptor left outside the name may be what makes it unambiguous (قناة الجزيرة)
            before = span.doc[span.start - 1]
            if normalize_name(before.norm_ or before.text) in DESCRIPTORS:
                named = link_name(f"{before.norm_ or before.text} {canonical}", span.label_)
        if named is not None:
            return named.to_dict()
    if span.label_ in LINKED_LABELS:
        found = None
        if span.start > 0 and normalize_name(span.doc[span.start - 1].text) in PLACE_DESCRIPTORS:
            # قطاع غزة is the Strip, غزة alone the city: the word before the name decides when it is known
            found = link_place(f"{span.doc[span.start - 1].text} {canonical}")
        found = found or link_place(canonical)
    elif span.label_ in {"ORG", "MISC"}:
        found = link_place(canonical)
        if found is not None and found.kind != "country":
            found = None
    else:
        return None
    return found.to_dict() if found is not None else None


def annotate_entities(doc: Doc) -> Doc:
    """Set ``span._.canonical`` and ``span._.link`` on every entity of ``doc``."""
    people: list[list[str]] = []
    for span in doc.ents:
        if span.label_ in NUMERIC_LABELS:
            span._.canonical = _SPACE.sub(" ", span.text).strip()
            continue
        canonical = canonical_text(span)
        if span.label_ == "PER":
            words = canonical.split()
            full = _earlier_full_name(words, people)
            if full is not None:
                canonical = " ".join(full)
            elif len(words) > 1:
                people.append(words)
        span._.canonical = canonical
        span._.link = _link(span, canonical)
    return doc


def _earlier_full_name(words: list[str], people: list[list[str]]) -> list[str] | None:
    """The longest earlier name that ends with ``words`` or starts with a one-word mention."""
    if not words:
        return None
    best = None
    for name in people:
        if len(name) <= len(words):
            continue
        matches = name[-len(words):] == words or (len(words) == 1 and name[0] == words[0])
        if matches and (best is None or len(name) > len(best)):
            best = name
    return best
