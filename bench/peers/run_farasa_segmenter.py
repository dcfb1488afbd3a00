"""Segment words with the pure-Python ``farasa`` package (``pip install farasa==0.0.1``), one word a line.

Runs inside its own virtualenv (``farasa`` conflicts with ``farasapy``)::

    /tmp/khabar-farasa-venv/bin/python bench/peers/run_farasa_segmenter.py < words.txt > segments.jsonl

Reads one word per line on stdin; writes one JSON list of Farasa segments per line on stdout (the ``+``
pieces of every token ``segmentLine`` returns for that word), then a last line ``{"seconds": ...}``
with the time spent segmenting (start-up and model loading excluded).
"""

from __future__ import annotations

import json
import sys
import time


def main() -> int:
    """Segment stdin words, one JSON line each, then the timing line."""
    from farasa import segmentation

    words = [line.rstrip("\n") for line in sys.stdin]
    segmentation.segmentLine("تجربة")  # warm the lazily loaded tables
    start = time.perf_counter()
    out = []
    for word in words:
        pieces = [piece for token in segmentation.segmentLine(word) for piece in token.split("+") if piece]
        out.append(json.dumps(pieces or [word], ensure_ascii=False))
    seconds = time.perf_counter() - start
    sys.stdout.write("\n".join(out) + "\n")
    sys.stdout.write(json.dumps({"seconds": seconds}) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
