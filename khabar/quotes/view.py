"""The quote finder's view of a Doc: its tokens as parallel arrays read once, and the people it titles."""

from __future__ import annotations

from typing import Any

from spacy.attrs import IDX, LEMMA, LENGTH, NORM, POS, SENT_START

from khabar.quotes.cues import COMPLEMENTIZERS, PERSON_TITLES, fold, may_report, reporting_lemma
from khabar.quotes.lexicon import _ANAPHORIC, _MARKS, _NOT_REPORT_BEFORE, _POS_NAMES, _SPEAKER_LABELS, _bare
from khabar.text import doc_text

# ---------------------------------------------------------------- document views


class _View:
    """Per-token lookups over one doc, computed once."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.text: str = doc_text(doc)
        self.n = len(doc)
        # token attributes as arrays: spaCy builds a Token object at every doc[i], which is slow in bulk
        columns = doc.to_array([IDX, LENGTH, NORM, LEMMA, POS, SENT_START]).tolist() if self.n else []
        strings = doc.vocab.strings
        self.starts: list[int] = [row[0] for row in columns]
        self.ends: list[int] = [row[0] + row[1] for row in columns]
        self.texts: list[str] = [self.text[row[0]:row[0] + row[1]] for row in columns]
        self.norms: list[str] = [strings[row[2]] for row in columns]
        self.lemmas: list[str] = [strings[row[3]] if row[3] else "" for row in columns]
        self.pos: list[str] = [_POS_NAMES.get(row[4], "") for row in columns]
        self.folded = [fold(norm) for norm in self.norms]
        self.ent: list[Any] = [None] * self.n
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.ent[i] = ent
        # sentences from the SENT_START column (iterating doc.sents builds a Token per token: a third of the time)
        starts = [i for i, row in enumerate(columns) if i == 0 or row[5] == 1]
        self.sent_start = [0] * self.n
        self.sent_end = [self.n] * self.n
        self.sent_index = [0] * self.n
        for number, (start, end) in enumerate(zip(starts, [*starts[1:], self.n])):
            for i in range(start, end):
                self.sent_start[i] = start
                self.sent_end[i] = end
                self.sent_index[i] = number
        self._verbs: dict[int, str | None] = {}
        people: dict[str, str] = {}
        for e in doc.ents:
            if e.label_ == "PER":
                name = self.person(e)
                people[fold(name)] = name
        self.people = sorted(people.items(), key=lambda kv: -len(kv[0]))
        self.phrase_ends: dict[tuple[int, int], int] = {}  # (start, limit) → end of the noun phrase
        self.phrase_info: dict[int, tuple[int, frozenset[str], frozenset[str], bool]] = {}  # see _phrase_info
        self._titled: list[tuple[int, frozenset[str], str]] | None = None
        #: nouns by folded form without the article (heads of منظمة أوكسفام، البنك المركزي التركي)
        self.heads: dict[str, list[int]] = {}
        for i, word in enumerate(self.folded):
            if self.pos[i] in ("NOUN", "PROPN"):
                self.heads.setdefault(_bare(word), []).append(i)

    def titled_people(self) -> list[tuple[int, frozenset[str], str]]:
        """(token, words of the title, full name) for each person named with a title beside the name.

        ``وزير الخارجية الأمريكي مايك بومبيو`` and ``محرم إنجة مرشح الحزب الجمهوري`` both count.
        """
        if self._titled is None:
            found = []
            for ent in self.doc.ents:
                if ent.label_ != "PER":
                    continue
                name = self.name_of(self.person(ent))
                before = [k for k in range(max(self.sent_start[ent.start], ent.start - 6), ent.start)]
                after = list(range(ent.end, min(self.sent_end[ent.start], ent.end + 5)))
                for window in (before, after):
                    titles = [k for k in window if _bare(self.folded[k]) in PERSON_TITLES]
                    if titles:
                        words = frozenset(_bare(self.folded[k]) for k in window if k >= titles[0])
                        found.append((ent.start, words, name))
            self._titled = found
        return self._titled

    def titled_person(self, i: int, k: int) -> str | None:
        """The person a bare title phrase (``الوزير``، ``وزير الخارجية``) at ``i:k`` refers to, or None.

        The title words must all appear beside the person's name; the latest such person before ``i`` wins,
        else the first one after it.
        """
        words = {_bare(self.folded[j]) for j in range(i, k) if self.pos[j] != "ADP"} - _ANAPHORIC
        matches = [(at, name) for at, title, name in self.titled_people() if words <= title]
        before = [m for m in matches if m[0] < i]
        if before:
            return before[-1][1]
        return matches[0][1] if matches else None

    def recent_subject(self, v: int) -> str | None:
        """The last person or organisation named in the sentence of ``v`` or the one before, before ``v``."""
        for ent in reversed(self.doc.ents):
            if ent.end > v:
                continue
            if self.sent_index[ent.start] < self.sent_index[v] - 1:
                return None
            if ent.label_ in _SPEAKER_LABELS:
                return self.name_of(self.person(ent)) if ent.label_ == "PER" else \
                    (ent._.canonical or ent.text)
        return None

    def person(self, ent: Any) -> str:
        """A person entity's name: its canonical form, without a reporting verb the tagger took in
        (``روى بوريس كاربيتشكوف``)."""
        name: str = ent._.canonical or ent.text
        first, _, rest = name.partition(" ")
        if rest and may_report(fold(first), ""):
            return rest
        return name

    def token_at(self, char: int) -> int:
        """The first token that ends after ``char``."""
        lo, hi = 0, self.n
        while lo < hi:
            mid = (lo + hi) // 2
            if self.ends[mid] <= char:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def attached(self, i: int) -> bool:
        """Whether token ``i`` is glued to the token before it (a clitic piece of the same word)."""
        return i > 0 and self.starts[i] == self.ends[i - 1]

    def is_punct(self, i: int) -> bool:
        return self.pos[i] == "PUNCT" or self.texts[i] in _MARKS

    def verb(self, i: int) -> str | None:
        if i not in self._verbs:
            self._verbs[i] = reporting_lemma(self.norms[i], self.lemmas[i], self.pos[i])
        return self._verbs[i]

    def complementizer(self, i: int) -> bool:
        """``إن``/``أن`` opening reported content (not ``لأن``، ``بعد أن``، ``إلا أن``)."""
        if self.folded[i] not in COMPLEMENTIZERS:
            return False
        return i == 0 or self.folded[i - 1] not in _NOT_REPORT_BEFORE

    def name_of(self, mention: str) -> str:
        """The fullest PER name in the doc that ends with ``mention`` (its own text when none)."""
        key = fold(mention)
        for folded, name in self.people:
            if folded == key or folded.endswith(" " + key):
                return name
        return mention
