"""Tokens in the UD Arabic (PADT) convention, as a spaCy tokenizer.

Text is cut into *words* (URLs, e-mails, hashtags/mentions, numbers, Latin words, Arabic words, and every
other non-space character on its own: punctuation and quote marks), then each Arabic word is split into
its clitics by :mod:`khabar.segment`. Every token is a substring of the text; the normalized UD form of a
piece goes into ``token.norm_`` (``للسيطرة`` → ``ل`` + ``لسيطرة`` with norm ``السيطرة``).

Diacritics and tatweel stay inside their token (they are part of the text) but are ignored when the word
is segmented. A clitic written straight onto a number (``و2015``) is its own token.

    >>> import spacy
    >>> tok = KhabarTokenizer(spacy.blank("xx").vocab)
    >>> doc = tok("قال للسيطرة -- 3.5%")
    >>> [(t.text, t.norm_) for t in doc]
    [('قال', 'قال'), ('ل', 'ل'), ('لسيطرة', 'السيطرة'), ('--', '--'), ('3.5', '3.5'), ('%', '%')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy
from spacy.attrs import NORM
from spacy.tokens import Doc
from spacy.vocab import Vocab

from khabar.segment import analyze as segment_word

__all__ = ["KhabarTokenizer", "split_words", "word_pieces"]

_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
_AR = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff"
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
_WORD = re.compile(
    rf"(?P<url>(?:https?://|www\.)[^\s«»\"“”]+[^\s«»\"“”.,،;:!?)\]])"
    r"|(?P<email>[\w.+-]+@[\w-]+\.[\w.]*\w)"
    r"|(?P<tag>[#@][\w\u0640]+)"
    rf"|(?P<num>[{_DIGITS}]+(?:[.,\u066b\u066c:/][{_DIGITS}]+)*)"
    rf"|(?P<ar>[{_AR}][{_AR}{_MARKS}]*)"
    r"|(?P<lat>[A-Za-z\u00c0-\u024f]+(?:['’\-][A-Za-z\u00c0-\u024f]+)*)"
    r"|(?P<other>-{2,}|\.{2,}|[!?؟]{2,}|\S)"
)
_MARK = re.compile(f"[{_MARKS}]")
_WESTERN = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "0123456789012345678" + "9.,")


def split_words(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, kind) of every word of ``text``; kind is url/email/tag/num/ar/lat/other.

    >>> text = "زار www.bbc.com/arabic، يوم 12/3"
    >>> [text[s:e] for s, e, _ in split_words(text)]
    ['زار', 'www.bbc.com/arabic', '،', 'يوم', '12/3']
    """
    for match in _WORD.finditer(text):
        yield match.start(), match.end(), match.lastgroup or "other"


_PIECES_CACHE: dict[str, list[tuple[int, int, str]]] = {}


def cached_word_pieces(word: str) -> list[tuple[int, int, str]]:
    """:func:`word_pieces`, remembered (news vocabulary repeats; the cache is emptied at 200k words)."""
    found = _PIECES_CACHE.get(word)
    if found is None:
        if len(_PIECES_CACHE) > 200_000:
            _PIECES_CACHE.clear()
        found = _PIECES_CACHE[word] = word_pieces(word)
    return found


def word_pieces(word: str) -> list[tuple[int, int, str]]:
    """(start, end, norm) of the clitic pieces of one Arabic word (offsets into ``word``).

    Diacritics and tatweel are skipped for segmentation and kept in the piece that holds them.

    >>> word_pieces("وَبِالمَدرَسَةِ")
    [(0, 2, 'و'), (2, 4, 'ب'), (4, 15, 'المدرسة')]
    """
    if not _MARK.search(word):
        out, pos = [], 0
        for piece in segment_word(word):
            out.append((pos, pos + len(piece.text), piece.norm))
            pos += len(piece.text)
        return out
    keep = [i for i, ch in enumerate(word) if not _MARK.match(ch)]
    bare = "".join(word[i] for i in keep)
    if not bare:
        return [(0, len(word), word)]
    out, pos, start = [], 0, 0
    pieces = segment_word(bare)
    for n, piece in enumerate(pieces):
        pos += len(piece.text)
        end = len(word) if n == len(pieces) - 1 else keep[pos]
        out.append((start, end, piece.norm))
        start = end
    return out


class KhabarTokenizer:
    """spaCy tokenizer: words by :func:`split_words`, Arabic words split into clitics."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, norm) of every token, in order (whitespace not included)."""
        out: list[tuple[int, int, str]] = []
        for start, end, kind in split_words(text):
            if kind == "ar":
                out.extend((start + s, start + e, norm) for s, e, norm in cached_word_pieces(text[start:end]))
            elif kind == "num":
                out.append((start, end, text[start:end].translate(_WESTERN)))
            elif kind == "lat":
                out.append((start, end, text[start:end].lower()))
            else:
                out.append((start, end, text[start:end]))
        return out

    def __call__(self, text: str) -> Doc:
        """Tokenize ``text`` into a Doc whose text is exactly ``text``."""
        words: list[str] = []
        spaces: list[bool] = []
        norms: list[str] = []
        pos = 0
        for start, end, norm in self.spans(text):
            self._gap(text[pos:start], words, spaces, norms)
            words.append(text[start:end])
            spaces.append(False)
            norms.append(norm)
            pos = end
        self._gap(text[pos:], words, spaces, norms)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        if words:
            # one array write instead of a Python setter per token
            add = self.vocab.strings.add
            doc.from_array([NORM], numpy.array([add(n) for n in norms], dtype="uint64").reshape(-1, 1))
        return doc

    @staticmethod
    def _gap(gap: str, words: list[str], spaces: list[bool], norms: list[str]) -> None:
        """Whitespace between words: one plain space after a word is its trailing space, the rest a token."""
        if not gap:
            return
        if words and gap[0] == " ":
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)
            norms.append(gap)

    def pipe(self, texts: Any, batch_size: int = 1000) -> Iterator[Doc]:
        """Tokenize a stream of texts."""
        for text in texts:
            yield self(text)

    # The tokenizer has no state of its own: the segmenter's model ships in khabar.segment.
    def to_bytes(self, **_: Any) -> bytes:
        """Nothing to serialize."""
        return b""

    def from_bytes(self, _data: bytes, **_: Any) -> KhabarTokenizer:
        """Nothing to restore."""
        return self

    def to_disk(self, path: str | Path, **_: Any) -> None:
        """Write a marker file (spaCy expects the tokenizer path to exist)."""
        Path(path).write_text("khabar tokenizer: state lives in khabar.segment\n", encoding="utf-8")

    def from_disk(self, _path: str | Path, **_: Any) -> KhabarTokenizer:
        """Nothing to restore."""
        return self


def create_tokenizer() -> Any:
    """The factory registered as ``khabar.Tokenizer.v1``."""

    def make(nlp: Any) -> KhabarTokenizer:
        return KhabarTokenizer(nlp.vocab)

    return make
