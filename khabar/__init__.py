"""khabar (خبر): repair and understand Arabic news text.

``khabar.repair`` is imported eagerly (fast); ``khabar.analyze`` and ``khabar.load`` load spaCy and the
shipped pipeline on first use.
"""

from typing import Any

from khabar.repair import KINDS, Edit, Repair, repair

__all__ = ["KINDS", "Edit", "Repair", "analyze", "load", "repair"]
__version__ = "0.2.0"


def __getattr__(name: str) -> Any:
    """Lazy ``khabar.analyze`` / ``khabar.load`` (spaCy is imported only when asked for)."""
    if name in {"analyze", "load"}:
        import importlib

        module = importlib.import_module("khabar.analyze")
        return module if name == "analyze" else module.load
    raise AttributeError(f"module 'khabar' has no attribute {name!r}")
