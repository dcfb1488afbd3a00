"""Linking organisations and people to a small knowledge base shipped with khabar.

``data/names.tsv.gz`` (built by ``scripts/build_name_kb.py`` from the hand-curated
``scripts/name_kb_seed.tsv`` and counted on the ANT news) holds the organisations and people that news
names most: international bodies, government bodies, armed groups, parties, companies, media outlets,
sports clubs, and people with their role. Each has an id that stays the same across releases
(``khabar:org/united-nations``), its Arabic and English names, its type, a country where it has one, and
the aliases it is written as (``الأمم المتحدة``, ``المنظمة الدولية``)::

    >>> link_name("للأمم المتحدة", "ORG").id
    'khabar:org/united-nations'
    >>> link_name("مجلس الأمن الدولي", "ORG").name_en
    'United Nations Security Council'
    >>> link_name("منظمة لا يعرفها أحد", "ORG") is None
    True

A name is matched whole, after the same normalization as places (:func:`khabar.link.normalize_name`) and
with leading ``و ف ب ل`` taken off; an alias shared by two entries was dropped when the table was built, so a
lookup never has to guess between two. Unknown names give None.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from khabar.link import LinkResourceError, _key

__all__ = ["NAMES_FILE", "NAMES_HEADER", "NAME_KINDS", "NameLink", "link_name", "name_entries"]

NAMES_FILE = Path(__file__).resolve().parent / "data" / "names.tsv.gz"
#: first line of the artifact: its columns (one row per alias key)
NAMES_HEADER = "#key\tid\tkind\ttype\tname_ar\tname_en\tcountry\trole"
#: the kind of entry each entity label may link to
NAME_KINDS = {"ORG": "organization", "PER": "person"}


@dataclass(frozen=True, slots=True)
class NameLink:
    """An organisation or person a name refers to.

    >>> link_name("الأمم المتحدة", "ORG").to_dict()["type"]
    'international_body'
    """

    kind: str  # "organization" | "person"
    id: str  # "khabar:org/<slug>" or "khabar:per/<slug>", stable across releases
    type: str  # international_body, government_body, armed_group, party, company, media, sports_club, ... person
    name_ar: str
    name_en: str
    country: str  # ISO alpha-2, "" when none (international bodies)
    role: str  # people: what the news knows them as ("President of Turkey"); "" for organisations

    def to_dict(self) -> dict:
        """The link as a plain JSON-ready dict (``lat``/``lon`` are None: a name is not a place)."""
        return {"kind": self.kind, "id": self.id, "type": self.type, "name_en": self.name_en,
                "name_ar": self.name_ar, "country": self.country, "role": self.role, "lat": None, "lon": None}


@lru_cache(maxsize=2)
def _load(path: Path) -> dict[str, NameLink]:
    """key → entry, read from the artifact at ``path``."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            lines = handle.read().split("\n")
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise LinkResourceError(f"khabar name table {path} is missing or damaged ({error}); reinstall khabar "
                                "or rebuild it with scripts/build_name_kb.py") from error
    if not lines or lines[0] != NAMES_HEADER:
        raise LinkResourceError(f"khabar name table {path} has an unexpected header; rebuild it with "
                                "scripts/build_name_kb.py")
    entries: dict[str, NameLink] = {}
    by_id: dict[str, NameLink] = {}
    for number, line in enumerate(lines[1:], start=2):
        if not line:
            continue
        fields = line.split("\t")
        if len(fields) != 8:
            raise LinkResourceError(f"khabar name table {path} is damaged (line {number})")
        key, ident = fields[0], fields[1]
        link = by_id.get(ident)
        if link is None:
            link = by_id[ident] = NameLink(fields[2], ident, *fields[3:])
        entries[key] = link
    return entries


def name_entries(path: Path = NAMES_FILE) -> dict[str, NameLink]:
    """Every alias key of the shipped table and the entry it links to."""
    return _load(path)


def link_name(text: str, label: str = "ORG") -> NameLink | None:
    """The organisation (``label="ORG"``) or person (``"PER"``) an Arabic name refers to, or None.

    >>> link_name("وحركة حماس", "ORG").type
    'armed_group'
    >>> link_name("رجب طيب أردوغان", "PER").role
    'President of Turkey'
    >>> link_name("الأمم المتحدة", "PER") is None   # the label must fit the entry's kind
    True
    """
    kind = NAME_KINDS.get(label)
    key = _key(text)
    if kind is None or not key:
        return None
    entries = name_entries()
    for form in _clitic_forms(key):
        link = entries.get(form)
        if link is not None:
            return link if link.kind == kind else None
    return None


def _clitic_forms(key: str) -> list[str]:
    """``key``, then without a leading ``و``/``ف``, then without a leading ``ب``/``ل`` (``لل`` → ``ال``); the
    article is never taken off (``الحماس``, enthusiasm, is not حماس).

    >>> _clitic_forms("وللامم المتحده")
    ['وللامم المتحده', 'للامم المتحده', 'الامم المتحده']
    """
    forms = [key]
    if key[:1] in "وف" and len(key) > 3:
        forms.append(key[1:])
    for base in list(forms):
        if base.startswith("لل"):
            forms.append("ال" + base[2:])
        elif base[:1] in "بل" and len(base) > 3:
            forms.append(base[1:])
    return forms
