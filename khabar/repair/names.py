"""Names are not repaired: cheap evidence that a word is part of a person's or organisation's name.

A word the lexical and spelling fixers would change is left alone when it is a name in its
context. The evidence is cheap, read from the text around the word and a shipped list of name
words (``data/name_words.txt.gz``, built by ``scripts/build_name_words.py``):

- the word is a name as written (``علي``, ``فتحي``) and stands after a title or a name particle
  (``الرئيس``, ``الشيخ``, ``بن``, ``أبو``), after or before another name (``علي حسن``, ``رسول علي``),
  before a word that starts with ``عبد`` or before a word the lexicon does not know (``علي بونغو``);
- or it stands next to the same word as one of those name uses elsewhere in the same text (a full
  name met once after ``الرئيس`` is protected everywhere);
- a word in quotation marks right after ``حركة``, ``حزب``, ``شركة`` … is a name (``حركة "داب"``);
- for the spelling fixer, a rare word after a title, a name particle or a name is a name too.

>>> from khabar import repair
>>> repair("وقال المتحدث محمود أبو علي إن الوضع هادئ").text
'وقال المتحدث محمود أبو علي إن الوضع هادئ'
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from khabar.repair.orthography import skeleton, strip_marks

#: titles and name particles (compared as skeletons), after which a name follows
NAME_BEFORE = frozenset(skeleton(word) for word in {
    "بن", "ابن", "بنت", "ابو", "ام", "ال", "ولد", "الرئيس", "رئيس", "الشيخ", "شيخ", "الوزير", "وزير", "السيد",
    "السيده", "الدكتور", "الدكتوره", "د", "الامير", "الاميره", "الملك", "الملكه", "السلطان", "الامام", "اللواء",
    "العميد", "العقيد", "الفريق", "المشير", "الجنرال", "النائب", "القاضي", "المحامي", "الحاج", "الحاجه", "الاستاذ",
    "الاستاذه", "المهندس", "الفنان", "الفنانه", "اللاعب", "اللاعبه", "المدرب", "الكاتب", "الكاتبه", "الشاعر",
    "الصحفي", "الصحفيه", "الزميل", "الزميله", "الرقيب", "النقيب", "الملازم", "المقدم", "الاب", "القس", "المطران",
    "البابا", "الحاخام", "الداعيه", "المفتي", "السفير", "المستشار", "الناشط", "الناشطه", "المعارض", "الامين",
    "المتحدث", "النجم", "الاعلامي", "الاعلاميه", "الممثل", "الممثله", "المخرج", "المغني", "المغنيه", "الطفل",
    "الطفله", "الشهيد", "المواطن", "المواطنه", "الشاب", "الشابه", "عائله", "عايله", "اسره", "قبيله", "الراحل",
    "الراحله", "الملا", "ايه", "حجه", "سيدنا", "سيدي", "الخليفه",
})
#: words after which the word before is a first name (علي بن محمد)
NAME_AFTER = frozenset({"بن", "ابن", "بنت"})
#: nouns after which a word in quotation marks is the name of the thing (compared as skeletons)
NAME_AFTER_QUOTE = frozenset(skeleton(word) for word in {
    "حركه", "حزب", "جماعه", "منظمه", "شركه", "تنظيم", "جبهه", "ائتلاف", "تحالف", "مجموعه", "وكاله", "صحيفه",
    "قناه", "موقع", "مؤسسه", "جمعيه", "مجله", "برنامج", "فيلم", "كتاب", "روايه", "اغنيه", "عمليه", "مبادره",
    "حمله", "تطبيق", "فرقه", "لواء", "كتيبه", "فصيل", "قوات", "ميليشيا", "مليشيا", "نادي", "مشروع", "شبكه",
})
_CLITICS = "وفبلك"
#: a diacritic or tatweel, which strip_marks removes
_MARK = re.compile("[\u064b-\u0652\u0670\u0640]")
_QUOTES = frozenset("\"«»“”'")
_SPACE = frozenset(" \u00a0\t")
NAME_FILE = Path(__file__).resolve().parent / "data" / "name_words.txt.gz"


@lru_cache(maxsize=2)
def load_name_words(path: Path = NAME_FILE) -> frozenset[str]:
    """Words that are person names as written (loaded once)."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return frozenset(handle.read().split())
    except (OSError, EOFError, UnicodeDecodeError):
        return frozenset()  # an optional safeguard: repair still works without it


def _bare(word: str, names: frozenset[str]) -> str:
    """The word without diacritics, and without one leading clitic when that leaves a name."""
    word = strip_marks(word)
    if word not in names and len(word) > 3 and word[0] in _CLITICS and word[1:] in names:
        return word[1:]
    return word


def is_title(word: str) -> bool:
    skel = skeleton(strip_marks(word))
    if skel in NAME_BEFORE:
        return True
    return len(skel) > 2 and skel[0] in _CLITICS and skel[1:] in NAME_BEFORE


def names_a_thing(word: str) -> bool:
    """Whether the word, with or without one clitic, is a noun the name of a thing follows (حركة، شركة …)."""
    skel = skeleton(strip_marks(word))
    return skel in NAME_AFTER_QUOTE or (len(skel) > 2 and skel[0] in _CLITICS and skel[1:] in NAME_AFTER_QUOTE)


def name_may_follow(previous: str, names: frozenset[str]) -> bool:
    """Whether a name may follow this word: a first name (محمد الفايز), a title, or شركة/حزب … (شركة تاكيدا)."""
    return bool(previous) and (_bare(previous, names) in names or is_title(previous) or names_a_thing(previous))


class NameContext:
    """Name evidence for the words of one text (``tokens``: (start, word) in text order)."""

    def __init__(self, text: str, tokens: list[tuple[int, str]], names: frozenset[str],
                 known: Callable[[str], bool], pair: Callable[[str, str], bool] | None = None) -> None:
        self.text = text
        self.tokens = tokens
        self.names = names
        self.known = known
        #: whether clean news write the two words together (a full name such as محمد علي)
        self.pair = pair
        self._pairs: dict[str, set[tuple[str, str]]] = {}
        self._families: dict[str, str] = {}
        self._positions: dict[str, list[int]] | None = None
        self._marked: list[int] = []

    def _gap(self, index: int) -> str | None:
        """What separates token ``index`` from the next one (None after the last)."""
        if index + 1 >= len(self.tokens):
            return None
        start, word = self.tokens[index]
        return self.text[start + len(word) : self.tokens[index + 1][0]]

    def _previous(self, index: int) -> str:
        gap = self._gap(index - 1) if index > 0 else None
        return strip_marks(self.tokens[index - 1][1]) if gap and all(c in _SPACE for c in gap) else ""

    def _next(self, index: int) -> str:
        gap = self._gap(index)
        return strip_marks(self.tokens[index + 1][1]) if gap and all(c in _SPACE for c in gap) else ""

    def _direct(self, index: int, word: str) -> str | None:
        """Evidence from the neighbours alone, for a word that is a name as written."""
        previous, following = self._previous(index), self._next(index)
        pair = self.pair or (lambda first, second: False)
        if previous and is_title(previous):
            return f"after «{previous}»"
        if following and (following.startswith("عبد") or (following in self.names and pair(word, following))):
            return f"before the name «{following}»"
        if following and skeleton(following) in NAME_AFTER:
            return f"before «{following}»"
        name_like_next = not following or following in self.names or (
            not following.startswith("ال") and not self.known(following))
        if previous and name_like_next and _bare(previous, self.names) in self.names and pair(previous, word):
            return f"after the name «{previous}» (clean news write «{previous} {word}»)"
        if previous and following and name_like_next and index > 1 and self._previous(index - 1):
            title = self._previous(index - 1)
            if is_title(title):  # رئيس الغابون علي بونغو
                return f"after «{title} {previous}», before «{following}»"
        return None

    def _quoted_name(self, index: int) -> str | None:
        """A word in quotation marks right after حركة, حزب, شركة …"""
        if index == 0:
            return None
        gap = self._gap(index - 1) or ""
        if not gap or not any(c in _QUOTES for c in gap) or any(c not in _SPACE and c not in _QUOTES for c in gap):
            return None
        if names_a_thing(self.tokens[index - 1][1]):
            return f"a name in quotation marks after «{self.tokens[index - 1][1]}»"
        return None

    def evidence(self, index: int) -> str | None:
        """Why the word at ``index`` is part of a name (None: no evidence). For the lexical fixers."""
        quoted = self._quoted_name(index)
        if quoted:
            return quoted
        word = _bare(self.tokens[index][1], self.names)
        if word not in self.names:
            return None
        direct = self._direct(index, word)
        if direct:
            return direct
        pairs = self._name_pairs(word)
        if not pairs:
            return None
        previous, following = self._previous(index), self._next(index)
        for side, other in pairs:
            if (side == "<" and other == previous) or (side == ">" and other == following):
                shown = f"{other} {word}" if side == "<" else f"{word} {other}"
                return f"«{shown}» is a name elsewhere in this text"
        return None

    def _first_name(self, word: str) -> bool:
        """A first name in the name list, or a glued compound one (عبدالكريم, عبدالله)."""
        return _bare(word, self.names) in self.names or (word.startswith("عبد") and len(word) > 4)

    def family_name(self, index: int) -> str | None:
        """Why the word at ``index`` is a family name, for the ى fixer: a definite word ending in ي that
        follows a first name somewhere in this text is one everywhere in it (عبدالكريم المدي … مع المدي).
        (Not for hamza: «تشيلسي الانجليزي» still needs its hamza; not ه: a damaged text writes محمد …
        الدوله, and the ة fixer lost recall on dev when such words counted as names.)"""
        word = _bare(self.tokens[index][1], self.names)
        if len(word) < 5 or not word.startswith("ال") or not word.endswith("ي"):
            return None
        found = self._families.get(word)
        if found is None:
            found = ""
            for index in self._where(word):
                previous = self._previous(index)
                if previous and self._first_name(previous):
                    found = f"«{previous} {word}» is a name in this text"
                    break
            self._families[word] = found
        return found or None

    def _where(self, word: str) -> list[int]:
        """The indices of the tokens that are ``word`` as :func:`_bare` gives it (the tokens are indexed once
        per text, as written: stripping marks from every token cost more than the lookups it served)."""
        if self._positions is None:
            self._positions = {}
            for index, (_, token) in enumerate(self.tokens):
                self._positions.setdefault(token, []).append(index)
            self._marked = [index for index, (_, token) in enumerate(self.tokens) if _MARK.search(token)] \
                if _MARK.search(self.text) else []
        found = list(self._positions.get(word, []))
        if word in self.names:
            for clitic in _CLITICS:
                found += self._positions.get(clitic + word, [])
        found += [index for index in self._marked if _bare(self.tokens[index][1], self.names) == word]
        return sorted(set(found)) if len(found) > 1 else found

    def _name_pairs(self, word: str) -> set[tuple[str, str]]:
        """Neighbours of ``word`` where it is used as a name in this text."""
        found = self._pairs.get(word)
        if found is None:
            found = set()
            for index in self._where(word):
                if self._direct(index, word):
                    previous, following = self._previous(index), self._next(index)
                    if previous:
                        found.add(("<", previous))
                    if following:
                        found.add((">", following))
            self._pairs[word] = found
        return found

    def rare_word_evidence(self, index: int) -> str | None:
        """Why a rare word (one the spelling fixer would change) is a name."""
        quoted = self._quoted_name(index)
        if quoted:
            return quoted
        previous = self._previous(index)
        if previous and is_title(previous):
            return f"after «{previous}»"
        if previous and _bare(previous, self.names) in self.names and len(previous) > 2:
            return f"after the name «{previous}»"
        if strip_marks(self.tokens[index][1]) in self.names:
            return "a name"
        return None
