"""Arabic letters, word patterns and the skeleton used to look up spelling variants.

The *skeleton* of a word folds exactly the distinctions that damaged text
loses: hamza seats (أ إ آ ٱ → ا, ؤ → و, ئ → ي), final ى → ي and final ة → ه.
All spellings of a word share one skeleton, so one dictionary lookup finds
every way the word is written in clean news.

>>> skeleton("إلى") == skeleton("الي")
True
>>> skeleton("المدرسة")
'المدرسه'
"""

from __future__ import annotations

import re
from bisect import bisect_right

ARABIC_LETTERS = "\u0621-\u063a\u0641-\u064a\u0671"
DIACRITICS = "\u064b-\u0652\u0670"
WORD = re.compile(f"[{ARABIC_LETTERS}]+")
#: a word with any diacritics inside it (diacritized words are left as written)
WORD_WITH_MARKS = re.compile(f"[{ARABIC_LETTERS}][{ARABIC_LETTERS}{DIACRITICS}]*")
STRIP_MARKS = str.maketrans("", "", "".join(chr(c) for c in range(0x064B, 0x0653)) + "\u0670\u0640")

_SKELETON = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ى": "ي", "ة": "ه"})

#: which repair kind a character difference (damaged → clean) belongs to
DAMAGE_KIND: dict[tuple[str, str], str] = {
    ("ي", "ى"): "alef_maksura",
    ("ا", "أ"): "hamza",
    ("ا", "إ"): "hamza",
    ("ا", "آ"): "hamza",
    ("و", "ؤ"): "hamza",
    ("ي", "ئ"): "hamza",
    ("ى", "ئ"): "hamza",
    ("ه", "ة"): "teh_marbuta",
    # the hypercorrection: a final ه (the pronoun "his/its", or a root ه) written as ة (شاهدة for شاهده)
    ("ة", "ه"): "final_heh",
}
#: the repair kind a damage kind is reported as: both directions of ة↔ه are ``teh_marbuta`` (a document's
#: rate of each is estimated apart: a text that writes ه for ة has not necessarily written ة for ه)
PUBLIC_KIND = {"final_heh": "teh_marbuta"}


def skeleton(word: str) -> str:
    """Fold hamza seats, final ى and final ة so that variants of a word collide."""
    return word.translate(_SKELETON)


def strip_marks(text: str) -> str:
    """Remove diacritics and tatweel.

    >>> strip_marks("مُحَمَّـد")
    'محمد'
    """
    return text.translate(STRIP_MARKS)


def damage_kinds(observed: str, clean: str) -> list[tuple[int, str]] | None:
    """Positions and kinds by which ``observed`` is a damaged spelling of ``clean``.

    Damage only goes one way (ى is lost to ي, never the reverse), so a variant
    that would need a change in the other direction is not a repair: None. The one
    exception is ة↔ه at the end of a word: ة is lost to ه (``final_heh`` is the reverse,
    a hypercorrection that writes ة for a final ه).

    >>> damage_kinds("الي", "إلى")
    [(0, 'hamza'), (2, 'alef_maksura')]
    >>> damage_kinds("على", "علي") is None
    True
    >>> damage_kinds("شاهدة", "شاهده")
    [(4, 'final_heh')]
    """
    if len(observed) != len(clean):
        return None
    last = len(clean) - 1
    changes: list[tuple[int, str]] = []
    for index, (was, now) in enumerate(zip(observed, clean, strict=True)):
        if was == now:
            continue
        kind = DAMAGE_KIND.get((was, now))
        if kind is None:
            return None
        if kind in ("alef_maksura", "teh_marbuta", "final_heh") and index != last:
            return None
        changes.append((index, kind))
    return changes


#: hashtags, @mentions, web addresses and e-mail addresses are identifiers: their spelling is never changed
PROTECTED = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+|[#@]\w+")


class Protected:
    """The protected spans of a text, for fast "is this word inside one?" checks.

    >>> spans = Protected("زوروا #اجتماع_قبايل_يام الآن")
    >>> spans.covers(7, 13), spans.covers(25, 29)
    (True, False)
    """

    def __init__(self, text: str) -> None:
        spans = [m.span() for m in PROTECTED.finditer(text)] if ("#" in text or "@" in text or "www" in text
                                                                  or "://" in text) else []
        self._starts = [start for start, _ in spans]
        self._ends = [end for _, end in spans]

    def covers(self, start: int, end: int) -> bool:
        index = bisect_right(self._starts, start) - 1
        return index >= 0 and end <= self._ends[index]

    def __bool__(self) -> bool:
        return bool(self._starts)
