"""The facts finder's view of a Doc: its tokens as parallel arrays read once (offsets, POS, folded forms, entities)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any

import numpy
from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, LENGTH, NORM, POS, SENT_START
from spacy.symbols import NAMES as _SYMBOL_NAMES
from spacy.tokens import Span

from khabar.facts import lexicon as lx
from khabar.facts.model import Mention
from khabar.text import doc_text

# ------------------------------------------------------------------------------------------- document view

_POS_NAMES = {i: name for i, name in enumerate(_SYMBOL_NAMES)} if isinstance(_SYMBOL_NAMES, list) else dict(
    _SYMBOL_NAMES)
#: (folded, folded without the article) UD form of a NORM string id (cleared when large)
_FOLDED: dict[int, tuple[str, str]] = {}
_ATTRS = [IDX, LENGTH, POS, SENT_START, ENT_IOB, ENT_TYPE]


class _Words:
    """The folded UD forms of a doc's tokens (index 0) or the same without the article (index 1), computed on
    first use: most tokens are never looked at."""

    __slots__ = ("_cache", "_ids", "_k", "_strings")

    def __init__(self, ids: Any, strings: Any, cache: list[tuple[str, str] | None], k: int) -> None:
        self._ids, self._strings, self._cache, self._k = ids, strings, cache, k

    def __getitem__(self, i: int) -> str:
        found = self._cache[i]
        if found is None:
            h = int(self._ids[i])
            found = _FOLDED.get(h)
            if found is None:
                if len(_FOLDED) > 200_000:
                    _FOLDED.clear()
                f = lx.fold(self._strings[h])
                found = _FOLDED[h] = (f, lx.bare(f))
            self._cache[i] = found
        return found[self._k]


class _View:
    """Per-token lookups over one doc, computed once (plain lists from one ``to_array``, for speed)."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.text: str = doc_text(doc)
        n = self.n = len(doc)
        arr = doc.to_array(_ATTRS).astype("int64") if n else numpy.zeros((0, 6), dtype="int64")
        self.starts = arr[:, 0].tolist()
        self.ends = (arr[:, 0] + arr[:, 1]).tolist()
        cache: list[tuple[str, str] | None] = [None] * n
        norms = doc.to_array(NORM) if n else []
        self.folded = _Words(norms, doc.vocab.strings, cache, 0)
        self.bare = _Words(norms, doc.vocab.strings, cache, 1)
        self.pos = [_POS_NAMES.get(p, "") for p in arr[:, 2].tolist()]
        # entities from the IOB array (cheaper than ``doc.ents``, which walks every token object)
        self.ents = []
        self.ent: list[Any] = [None] * n
        iob = arr[:, 4]
        for i in numpy.flatnonzero(iob == 3).tolist():  # B
            j = i + 1
            while j < n and iob[j] == 1:  # I
                j += 1
            span = Span(doc, i, j, label=int(arr[i, 5]))
            self.ents.append(span)
            for k in range(i, j):
                self.ent[k] = span
        self.ent_starts = [span.start for span in self.ents]
        starts = numpy.flatnonzero(arr[:, 3] == 1).tolist()
        self.sent_starts = [0] + [i for i in starts if i] if n else [0]
        self.sents = list(zip(self.sent_starts, self.sent_starts[1:] + [self.n], strict=True))

    def tok_at(self, char: int) -> int:
        """The token that holds ``char`` (or the last one starting before it)."""
        return max(0, bisect_right(self.starts, char) - 1)

    def tok_after(self, char: int) -> int:
        """The first token starting at or after ``char``."""
        return bisect_left(self.starts, char)

    def sent_of(self, i: int) -> tuple[int, int]:
        return self.sents[max(0, bisect_right(self.sent_starts, i) - 1)]

    def mention(self, i: int, j: int) -> Mention:
        """Tokens ``i`` .. ``j`` - 1 as a :class:`Mention`."""
        s, e = self.starts[i], self.ends[j - 1]
        return Mention(s, e, self.text[s:e])

    def attached(self, i: int) -> bool:
        return 0 < i < self.n and self.starts[i] == self.ends[i - 1]




