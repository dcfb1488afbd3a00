"""Entity linking for Arabic place names: countries, territories and cities.

A name is normalized (:func:`normalize_name`) and looked up in a gazetteer shipped with khabar,
``data/places.tsv.gz``, built by ``scripts/build_gazetteer.py`` from GeoNames (cities, CC BY 4.0),
pycountry (LGPL-2.1) and Unicode CLDR (Unicode licence) Arabic names, plus a short hand-written list of news
spellings. Countries get ``ISO:<alpha2>`` ids, cities ``geonames:<id>``, territories ``ISO:US-TX`` (US
states), ``M49:<code>`` (world regions), ``CLDR:<code>`` (Kosovo …) or ``khabar:<slug>`` (West Bank …)::

    >>> link_place("القاهرة")
    Link(kind='city', id='geonames:360630', name_en='Cairo', country='EG', lat=30.06263, lon=31.24967)
    >>> link_place("وبالسعودية").id
    'ISO:SA'
    >>> link_place("الجزائر").kind        # a country always beats a city of the same name
    'country'
    >>> link_place("طرابلس").country      # several cities: the most populous wins (Libya's, not Lebanon's)
    'LY'
    >>> [link.country for link in candidates("طرابلس")]
    ['LY', 'LB']
    >>> demonym_country("المصريين").name_en
    'Egypt'
    >>> link_place("كتاب") is None
    True

Names are matched whole: this module does not find places in running text (give it an entity's words).
Everything is offline; the table (27k names, 0.8 MB) is read on first use (about 0.1 s) and kept.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from khabar.errors import ResourceError
from khabar.text import fold_name_key

__all__ = [
    "DATA_FILE",
    "DEMONYM",
    "HEADER",
    "KINDS",
    "STOP",
    "Link",
    "LinkResourceError",
    "candidates",
    "demonym_country",
    "link_place",
    "normalize_name",
]

DATA_FILE = Path(__file__).resolve().parent / "data" / "places.tsv.gz"
#: first line of the artifact: its columns
HEADER = "#key\tkind\tcode\tname_en\tcountry\tlat\tlon\tpopulation"
#: kinds of place, in the order they win over one another for the same name
KINDS = ("country", "territory", "city")
_RANK = {kind: index for index, kind in enumerate(KINDS)}
#: rows of this kind hold demonyms (``مصري`` → EG), not places
DEMONYM = "demonym"
#: rows of this kind hold ordinary words that must not be linked even with clitics stripped (``فيلم`` is not
#: ف + يلم, Yelm)
STOP = "stop"
#: longest text looked up (names are short; this keeps junk input cheap)
MAX_CHARS = 200

_NON_WORD = re.compile(r"[\W_]+")
_PROCLITIC_CONJ = "وف"
_PROCLITIC_PREP = "بل"
#: ال is not stripped from words ending like a nisba adjective (السوري is "the Syrian", not Surrey: سوري)
_NISBA_ENDINGS = ("ي", "يه", "يون", "يين", "يات")
_DEMONYM_SUFFIXES = ("يتين", "يتان", "يون", "يين", "يات", "يان", "يه", "ي")


class LinkResourceError(ResourceError):
    """The gazetteer shipped with khabar (``khabar/link/data/places.tsv.gz``) is missing or damaged."""


@dataclass(frozen=True, slots=True)
class Link:
    """A place a name refers to.

    >>> link_place("لبنان").to_dict()
    {'kind': 'country', 'id': 'ISO:LB', 'name_en': 'Lebanon', 'country': 'LB', 'lat': None, 'lon': None}
    """

    kind: str  # "country" | "city" | "territory"
    id: str  # "ISO:EG" for countries, "geonames:360630" for cities
    name_en: str
    country: str  # ISO alpha2 ("" for world regions)
    lat: float | None
    lon: float | None

    def to_dict(self) -> dict:
        """The link as a plain JSON-ready dict."""
        return {"kind": self.kind, "id": self.id, "name_en": self.name_en, "country": self.country,
                "lat": self.lat, "lon": self.lon}


def normalize_name(text: str) -> str:
    """The lookup key of a name: NFKC, diacritics, tatweel and invisible marks removed, ``أ إ آ ٱ`` → ``ا``,
    ``ى`` → ``ي``, ``ة`` → ``ه`` (Persian ``ی ک`` folded too), punctuation and runs of spaces → one space.

    The gazetteer build uses this very function for its keys.

    >>> normalize_name("  الإمارات   العربيّة المتّحدة ")
    'الامارات العربيه المتحده'
    >>> normalize_name("مـــصـــر")
    'مصر'
    >>> normalize_name("غينيا-بيساو")
    'غينيا بيساو'
    """
    text = unicodedata.normalize("NFKC", text)
    text = fold_name_key(text).casefold()
    return _NON_WORD.sub(" ", text).strip()


def _forms(key: str, nisba: bool = False) -> list[str]:
    """``key``, then without a leading و/ف, then without a leading ب/ل (``لل`` → ``ال``) or a ك before ``ال``
    (``كامل`` is not ك + امل), each followed by its form without the article ``ال``. Unless ``nisba``, ال stays
    on words ending like a nisba adjective (``السوري`` is not سوري, Surrey) and on short words (``الصور``, "the
    pictures", is not صور, Tyre). Stripped forms whose first word is shorter than three letters are left out.

    >>> _forms("وبالعراق")
    ['وبالعراق', 'بالعراق', 'العراق', 'عراق']
    """
    bases = [key]
    if key[:1] in _PROCLITIC_CONJ:
        bases.append(key[1:])
    for base in list(bases):
        if base.startswith("لل"):
            bases.append("ال" + base[2:])
        elif base[:1] in _PROCLITIC_PREP or base.startswith("كال"):
            bases.append(base[1:])
    forms = [key]
    for base in bases:
        bare = ""
        if base.startswith("ال") and (nisba or (len(base) >= 6 and not base.endswith(_NISBA_ENDINGS))):
            bare = base[2:]
        for form in (base, bare):
            if len(form.split(" ", 1)[0]) >= 3 and form not in forms:
                forms.append(form)
    return forms


@dataclass(frozen=True, slots=True)
class _Table:
    places: dict[str, tuple[str, ...]]
    demonyms: dict[str, str]
    stops: frozenset[str]


@lru_cache(maxsize=4)
def _load(path: Path) -> _Table:
    """Read the artifact at ``path``: key → raw rows (kind, code, name_en, country, lat, lon, population)."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise LinkResourceError(
            f"khabar gazetteer {path} is missing or damaged ({error}); reinstall khabar "
            "or rebuild it with scripts/build_gazetteer.py"
        ) from error
    lines = text.split("\n")
    if not lines or lines[0] != HEADER:
        raise LinkResourceError(f"khabar gazetteer {path} has an unexpected header; rebuild it with "
                                "scripts/build_gazetteer.py")
    grouped: dict[str, list[str]] = {}
    demonyms: dict[str, str] = {}
    stops: set[str] = set()
    for number, line in enumerate(lines[1:], start=2):
        if not line:
            continue
        key, tab, row = line.partition("\t")
        if not tab or row.count("\t") != 6:
            raise LinkResourceError(f"khabar gazetteer {path} is damaged (line {number}); rebuild it with "
                                    "scripts/build_gazetteer.py")
        if row.startswith(DEMONYM + "\t"):
            demonyms[key] = row
        elif row.startswith(STOP + "\t"):
            stops.add(key)
        else:
            grouped.setdefault(key, []).append(row)
    if not grouped:
        raise LinkResourceError(f"khabar gazetteer {path} is empty; rebuild it with scripts/build_gazetteer.py")
    return _Table({key: tuple(rows) for key, rows in grouped.items()}, demonyms, frozenset(stops))


def _table() -> _Table:
    return _load(DATA_FILE)


def _parse(row: str) -> tuple[Link, int]:
    kind, code, name_en, country, lat, lon, population = row.split("\t")
    if kind == "city":
        ident = f"geonames:{code}"
    elif kind in ("country", DEMONYM):
        kind, ident = "country", f"ISO:{code}"
    else:
        ident = code
    link = Link(kind, ident, name_en, country, float(lat) if lat else None, float(lon) if lon else None)
    return link, int(population) if population else 0


@lru_cache(maxsize=8192)
def _ranked(key: str) -> tuple[Link, ...]:
    rows = _table().places.get(key)
    if not rows:
        return ()
    parsed = [_parse(row) for row in rows]
    parsed.sort(key=lambda item: (_RANK.get(item[0].kind, len(KINDS)), -item[1]))
    return tuple(link for link, _ in parsed)


def _key(text: object) -> str:
    if not isinstance(text, str) or not text or len(text) > MAX_CHARS:
        return ""
    return normalize_name(text)


def candidates(text: str) -> tuple[Link, ...]:
    """Every place the name may refer to, best first (countries, then territories, then cities by population),
    for the first form of the name that is known (see :func:`link_place`); empty when unknown.

    >>> [link.id for link in candidates("الكويت")][:1]
    ['ISO:KW']
    """
    key = _key(text)
    if not key:
        return ()
    table = _table()
    if key in table.stops:
        return ()
    for form in _forms(key):
        found = _ranked(form)
        if found:
            return found
    return ()


def link_place(text: str) -> Link | None:
    """The place an Arabic name refers to, or None when unknown (also for empty or non-Arabic text).

    The normalized name is looked up as it is, then without the article ``ال``, then without a leading
    ``و``/``ف`` and a leading ``ب``/``ل``/``ك`` (``للعراق`` → ``العراق``). When several places share the name a
    country wins over a territory, a territory over a city, and among cities the most populous one.

    >>> link_place("وبيروت").name_en
    'Beirut'
    >>> link_place("أميركا").id
    'ISO:US'
    >>> link_place("الضفة الغربية")
    Link(kind='territory', id='khabar:west-bank', name_en='West Bank', country='PS', lat=None, lon=None)
    >>> link_place("Paris") is None, link_place("") is None
    (True, True)
    """
    found = candidates(text)
    return found[0] if found else None


def _masculine(word: str) -> str:
    """``مصريه``/``مصريون``/``مصريين`` → ``مصري``; other words unchanged."""
    for suffix in _DEMONYM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            return word[: -len(suffix)] + "ي"
    return word


def demonym_country(text: str) -> Link | None:
    """The country of a demonym (nisba adjective): ``المصري``, ``المصرية``, ``المصريون``, ``مصريين`` → Egypt.

    Only demonyms made regularly from a one-word country name (plus a few irregular ones: ``أمريكي``,
    ``نمساوي``, ``أفغاني``, ``كوري شمالي``) are known; ambiguous ones (``مالي`` "financial", ``كوري``) are not.

    >>> demonym_country("والسعوديون").id
    'ISO:SA'
    >>> demonym_country("الكورية الشمالية").id
    'ISO:KP'
    >>> demonym_country("المالية") is None
    True
    """
    key = _key(text)
    if not key:
        return None
    demonyms = _table().demonyms
    for form in _forms(key, nisba=True):
        words = form.split(" ")
        words = [words[0]] + [word[2:] if word.startswith("ال") and len(word) > 4 else word for word in words[1:]]
        row = demonyms.get(" ".join(_masculine(word) for word in words))
        if row is not None:
            return _parse(row)[0]
    return None
