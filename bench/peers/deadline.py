"""A per-call time limit for peer runners (SIGALRM based; the runners are single-threaded).

Shared by ``run_peer.py`` and ``analyze_peer.py``, which run under ``python -I`` in each peer's own
virtualenv and put this folder on ``sys.path`` themselves.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class TextTimeout(BaseException):
    """Raised by SIGALRM inside a peer call; a BaseException so a peer's ``except Exception`` can't swallow it."""


def on_alarm(signum: int, frame: FrameType | None) -> None:
    """The SIGALRM handler: abandon the current text."""
    raise TextTimeout


def install() -> None:
    """Route SIGALRM to :func:`on_alarm`."""
    signal.signal(signal.SIGALRM, on_alarm)


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Interrupt the body after ``seconds`` (no limit when ``seconds <= 0``)."""
    if seconds <= 0:
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
