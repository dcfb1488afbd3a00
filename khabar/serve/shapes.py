"""The HTTP API's request and error shapes (the analysis shape is :class:`khabar.schema.Analysis`)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictStr

from khabar.text import without_surrogates

NO_DB = "no corpus database: start the server with one (khabar serve --db corpus.db; make it with khabar ingest)"


class ApiError(Exception):
    """An error the client caused or must know about: answered as ``{"error": message}`` with ``status``."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers


# ---------------------------------------------------------------- request and response shapes


#: a JSON string may hold a lone surrogate (``"\ud800"``), which no UTF-8 answer can carry: marked with U+FFFD
#: (same length, so offsets into the text stay valid)
SafeText = Annotated[StrictStr, AfterValidator(without_surrogates)]


class RepairRequest(BaseModel):
    """Text to repair, and how."""

    model_config = ConfigDict(extra="forbid")
    text: SafeText = Field(description="The damaged Arabic text (a lone surrogate is read as U+FFFD).")
    quotes: Literal["«»", '""', "“”"] = Field("«»", description="Style of restored quotation marks.")
    min_confidence: float = Field(0.5, ge=0.0, le=1.0, description="Less confident changes become suggestions.")


class AnalyzeRequest(BaseModel):
    """Text to analyze."""

    model_config = ConfigDict(extra="forbid")
    text: SafeText = Field(description="The Arabic news text (repaired first unless repair is false; a lone "
                                       "surrogate is read as U+FFFD).")
    published: StrictStr | None = Field(None, max_length=40, description="Publication date, YYYY-MM-DD: "
                                        "resolves relative dates (أمس، الأحد الماضي) in events.")
    repair: StrictBool = Field(True, description="Repair the text before analyzing it.")
    skip: list[Literal["quotes", "facts", "events", "dateline", "keywords", "summary", "topic"]] = Field(
        default_factory=list, max_length=7, description="Stages to leave out (their fields are then absent).")


class ErrorBody(BaseModel):
    """Every error answer."""

    error: str
    detail: list[dict[str, str]] | None = None


_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in ((413, "Request body too large"), (422, "Invalid request"), (500, "Internal error"))}
_TEXT_ERRORS: dict[int | str, dict[str, Any]] = {
    **_ERRORS, **{code: {"model": ErrorBody, "description": text} for code, text in (
        (503, "Busy: every analysis worker is busy and the queue is full (Retry-After)"),
        (504, "The analysis ran past its time budget and was stopped"))}}
_CORPUS_ERRORS: dict[int | str, dict[str, Any]] = {**_ERRORS, 503: {"model": ErrorBody,
                                                                     "description": "No corpus database"}}

