"""Shared Arabic text utilities: the character classes and the named foldings every stage uses.

A *folding* maps spellings that should count as the same word to one key. khabar needs several, on purpose:
a table looked up by lemma must keep ``ة`` (the lemmatizer writes it consistently, and folding it would merge
words), while a name key folds everything a writer may vary; a fold used on offsets must map one character
to one. Each folding below says what it folds and who relies on it; a model or table built with one must be
looked up with the same one (changing a folding means rebuilding what was built with it).

>>> word = "الإمـارَاتُ"
>>> fold_letters("أميرة"), fold_for_matching(word), fold_for_lexicon("مسؤولی")
('اميره', 'الامارات', 'مسؤولي')
>>> fold_skeleton("مسؤولون"), fold_lemma_key(" أزمة\\u200f "), fold_for_topic("کرة")
('مسوولون', 'ازمة', 'كره')
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

__all__ = [
    "ALL_MARKS",
    "HARAKAT",
    "INVISIBLE",
    "LONE_SURROGATE",
    "dumps_json",
    "fold_for_dedupe",
    "fold_for_lexicon",
    "fold_for_matching",
    "fold_for_topic",
    "fold_lemma_key",
    "fold_letters",
    "fold_name_key",
    "fold_skeleton",
    "strip_marks",
    "without_surrogates",
]

#: short vowels, shadda and sukun (U+064B–0652), dagger alef (U+0670) and tatweel (U+0640)
HARAKAT = "\u064b-\u0652\u0670\u0640"
#: every Arabic mark: Quranic signs (U+0610–061A), harakat and their extensions (U+064B–065F), dagger alef,
#: small high/low signs (U+06D6–06ED) and tatweel
ALL_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
#: zero-width and directional marks (ZWSP … RLM, LRE … RLO, BOM)
INVISIBLE = "\u200b-\u200f\u202a-\u202e\ufeff"


def _deleting(ranges: str) -> dict[int, None]:
    """A ``str.translate`` table deleting the characters of regex-style ``ranges`` (``a-b`` or single)."""
    table: dict[int, None] = {}
    for match in re.finditer(r"(.)-(.)|(.)", ranges, re.S):
        low, high, one = match.groups()
        first, last = (ord(low), ord(high)) if one is None else (ord(one), ord(one))
        table.update(dict.fromkeys(range(first, last + 1)))
    return table


#: ``أ إ آ ٱ`` → ``ا``, ``ى`` → ``ي``, ``ة`` → ``ه``: one character for one
_LETTERS = str.maketrans("أإآٱىة", "اااايه")
_HARAKAT_OFF = _deleting(HARAKAT)
_MATCHING = {**_HARAKAT_OFF, **_LETTERS}
_LEXICON = {**_deleting("\u0610-\u061a\u064b-\u065f\u0670\u0640"), **_LETTERS, **str.maketrans("ی", "ي")}
_SKELETON = {**_deleting(ALL_MARKS), **_LETTERS, **str.maketrans("ؤئ", "وي")}
_LEMMA_KEY = {**_deleting(ALL_MARKS + INVISIBLE), **str.maketrans("أإآٱیک", "اااايك")}
_TOPIC = {**_deleting("\u0610-\u061a\u064b-\u065f\u0670\u0640\u200b-\u200f"), **_LETTERS,
          **str.maketrans("یک", "يك")}
_NAME_KEY = {
    **_deleting("\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640"
                "\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff"),
    **str.maketrans("أإآٱٲٳ" "ىیې" "ةۀہھ" "ک", "اااااا" "ييي" "هههه" "ك"),
}
_DEDUPE = {
    **_deleting(ALL_MARKS + INVISIBLE),
    **str.maketrans("أإآٱ" "ؤ" "ئىیې" "ةە" "ک", "اااا" "و" "يييي" "هه" "ك"),
    **{0x0660 + d: str(d) for d in range(10)},  # Arabic-Indic digits
    **{0x06F0 + d: str(d) for d in range(10)},  # Persian digits
}


def strip_marks(text: str) -> str:
    """``text`` without harakat, dagger alef and tatweel (letters untouched).

    >>> strip_marks("مُحَمَّـد")
    'محمد'
    """
    return text.translate(_HARAKAT_OFF)


def fold_letters(text: str) -> str:
    """Alef forms → ``ا``, ``ى`` → ``ي``, ``ة`` → ``ه``, one character for one (offsets stay valid): the
    name tagger's lexicon keys and the facts finder's phrase search."""
    return text.translate(_LETTERS)


@lru_cache(maxsize=200_000)
def fold_for_matching(word: str) -> str:
    """:func:`fold_letters` with harakat and tatweel removed: the word lists of the quote finder (speech
    verbs, titles)."""
    return word.translate(_MATCHING)


def fold_for_lexicon(word: str) -> str:
    """:func:`fold_letters` with every harakat-range mark removed and Persian ``ی`` read as ``ي``: the word
    lists of the facts and events finder and the search index's terms."""
    return word.translate(_LEXICON)


def fold_skeleton(word: str) -> str:
    """:func:`fold_letters` with every mark removed and hamza on a carrier folded too (``ؤ`` → ``و``,
    ``ئ`` → ``ي``): the summarizer's sentence words, where only the consonant skeleton matters."""
    return word.translate(_SKELETON)


def fold_lemma_key(text: str) -> str:
    """Marks and invisible characters removed, alef forms → ``ا``, Persian ``ی ک`` → ``ي ك``, ends stripped;
    ``ة`` and ``ى`` kept (lemmas write them consistently): the keyword table's keys."""
    return text.translate(_LEMMA_KEY).strip()


def fold_for_topic(word: str) -> str:
    """:func:`fold_letters` with marks and zero-width characters removed and Persian ``ی ک`` folded: the
    topic model's vocabulary (rebuild the model if this changes)."""
    return word.translate(_TOPIC)


def fold_name_key(text: str) -> str:
    """Every mark and invisible character removed; alef, ya and ha variants of Arabic, Persian and Urdu
    letters folded: the gazetteer's and the name table's keys (with NFKC, case folding and punctuation to
    spaces in :func:`khabar.link.normalize_name`)."""
    return text.translate(_NAME_KEY)


def fold_for_dedupe(text: str) -> str:
    """:func:`fold_skeleton` plus invisible characters, Persian letters and Eastern digits: near-duplicate
    detection, where two copies of a story may differ in any of these."""
    return text.translate(_DEDUPE)


def doc_text(doc: Any) -> str:
    """``doc.text`` of an analyzed Doc, cheaply: spaCy rebuilds it token by token (about as long as a whole
    finder), while :func:`khabar.analyze` keeps the very string as ``doc._.repair.text`` (``doc._.original``
    without repair). That string is used when it is the Doc's text (same length, same first and last
    token at their offsets); anything else falls back to ``doc.text``."""
    n = len(doc)
    try:
        record = doc._.repair
        text = record.text if record is not None else doc._.original
    except AttributeError:  # not a khabar Doc
        text = None
    if isinstance(text, str) and n:
        first, last = doc[0], doc[n - 1]
        if (len(text) == last.idx + len(last.text_with_ws) and text.startswith(first.text, first.idx)
                and text.startswith(last.text, last.idx)):
            return text
    return doc.text


#: a lone UTF-16 surrogate: half of a broken character that no UTF encoding can write (JSON's ``"\ud800"``,
#: a command-line argument that was not UTF-8)
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD (same length: offsets stay valid).

    >>> without_surrogates("قال" + chr(0xD800)) == "قال" + chr(0xFFFD)
    True
    """
    return LONE_SURROGATE.sub("\ufffd", text) if LONE_SURROGATE.search(text) else text


def dumps_json(value: Any, **options: Any) -> str:
    """``json.dumps(value, ensure_ascii=False)`` that can be written as UTF-8 whatever the strings hold: a
    lone surrogate (kept in khabar's record of the raw input) is written as its ``\\udXXX`` escape, which
    JSON readers turn back into the same string.

    >>> print(dumps_json({"t": "قال" + chr(0xD800)}))
    {"t": "قال\\ud800"}
    """
    out = json.dumps(value, ensure_ascii=False, **options)
    return LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", out) if LONE_SURROGATE.search(out) else out
