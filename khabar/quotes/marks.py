"""Direct quotes' marks: paragraphs and the pairs of quotation marks within them."""

from __future__ import annotations

import re

from khabar.quotes.lexicon import _CLOSERS, _PAIRS

# ---------------------------------------------------------------- direct quotes


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"\n", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _mark_pairs(text: str) -> list[tuple[int, int]]:
    """(opening mark, closing mark) character positions, paired within a paragraph (« and “ also with the next).

    >>> _mark_pairs('أ «ب» "ج" «د')
    [(2, 4), (6, 8)]
    >>> _mark_pairs('قال: «أ\\nب» و«ج\\nد\\nه»')
    [(5, 9)]
    """
    pairs: list[tuple[int, int]] = []
    carried: dict[str, int] = {}
    for start, end in _paragraphs(text):
        # a « or “ left open at the end of a paragraph may close in the next one (a quote over two
        # paragraphs), never later; an ASCII " never carries over, it is too often stray
        open_at: dict[str, int] = dict(carried)
        for pos in range(start, end):
            char = text[pos]
            if char in _PAIRS:
                open_at[char] = pos  # a second opener before the closer: the first one was stray
            elif char in _CLOSERS and _CLOSERS[char] in open_at:
                pairs.append((open_at.pop(_CLOSERS[char]), pos))
            elif char == '"':
                if '"' in open_at:
                    pairs.append((open_at.pop('"'), pos))
                else:
                    open_at['"'] = pos
        carried = {ch: pos for ch, pos in open_at.items() if ch in _PAIRS and pos >= start}
    pairs.sort()
    kept: list[tuple[int, int]] = []
    for pair in pairs:  # a pair nested in another belongs to the outer quote
        if kept and pair[0] < kept[-1][1]:
            continue
        kept.append(pair)
    return kept


def _inner(text: str, open_pos: int, close_pos: int) -> tuple[int, int]:
    start, end = open_pos + 1, close_pos
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
