"""khabar (خبر): repair and understand Arabic news text."""

from khabar.repair import KINDS, Edit, Repair, repair

__all__ = ["KINDS", "Edit", "Repair", "repair"]
__version__ = "0.1.0"
