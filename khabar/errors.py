"""The one base class of khabar's resource errors.

Every stage that reads a file shipped in the package (a model, a table, a lexicon) raises a subclass of
:class:`ResourceError` when the file is missing or damaged, with the file named in the message; the CLI
answers any of them with exit code 3 and the server refuses to start.

>>> from khabar.keywords import KeywordsResourceError
>>> issubclass(KeywordsResourceError, ResourceError)
True
"""

from __future__ import annotations

__all__ = ["ResourceError"]


class ResourceError(RuntimeError):
    """A file shipped with khabar is missing or damaged (reinstalling khabar restores it)."""
