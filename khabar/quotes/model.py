"""What the quote finder returns: :class:`Quote`."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation: its content, the reporting cue and the speaker (offsets into ``doc.text``).

    ``type`` is ``"direct"``, ``"indirect"``, ``"mixed"`` or ``"speech_act"`` (a reporting verb whose content
    is its complement, not an أن clause: ``طالب الوزير الحكومة بالإفراج عن …``); ``act`` what the speaker
    did: one of :data:`khabar.quotes.cues.ACTS` (statement, demand, warning, condemnation, denial, welcome,
    accusation, concern, description). The content excludes the quote marks. ``speaker``
    is the mention in the quote's own sentence (None when there is none); ``speaker_name`` the fullest name
    in the article (or a description such as ``المتحدث باسم الخارجية``), inherited by a bare ``وأضاف``.

    >>> Quote("direct", 0, 2, "نعم", None, None, None, None, None, None, None).to_dict()["type"]
    'direct'
    """

    type: str
    content_start: int
    content_end: int
    content: str
    cue_start: int | None
    cue_end: int | None
    cue: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker: str | None
    speaker_name: str | None
    act: str = "statement"

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready fields of this quote."""
        return asdict(self)
