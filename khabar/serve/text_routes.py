"""The text routes: repair and analyze a text or an uploaded file."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile

from khabar.analyze import analyze, publication_date, to_dict
from khabar.repair import repair as run_repair
from khabar.schema import Analysis
from khabar.serve.shapes import _ERRORS, AnalyzeRequest, ApiError, RepairRequest
from khabar.textio import DecodeError, decode_bytes

router = APIRouter(tags=["text"])


@router.post("/api/repair", tags=["text"], summary="Repair text", responses=_ERRORS)
def repair_text(body: RepairRequest) -> dict[str, Any]:
    """Repair damaged Arabic text: the repaired text, every edit (offsets into the original and, as
    ``repaired_start``/``repaired_end``, into the repaired text; ``kind`` and ``reason``), the
    suggestions not applied and the number of edits per kind."""
    fixed = run_repair(body.text, quotes=body.quotes, min_confidence=body.min_confidence)
    return {"original": body.text, **fixed.to_dict(), "counts": fixed.counts()}


def analyze_text(request: Request, text: str, published: str | None, repair: bool, skip: list[str] | None = None
                 ) -> dict[str, Any]:
    try:
        day = publication_date(published)
    except ValueError as error:
        raise ApiError(422, str(error)) from None
    # one analysis at a time: the spaCy pipeline is shared; the event loop stays free
    with request.app.state.analysis_lock:
        return to_dict(analyze(text, published=day, repair=repair, disable=skip or ()))

# the response is checked against the typed schema; fields a link does not have stay absent
analysis_route = {"response_model": Analysis, "response_model_exclude_unset": True, "responses": _ERRORS}


@router.post("/api/analyze", tags=["text"], summary="Analyze text", **analysis_route)
def analyze_json(body: AnalyzeRequest, request: Request) -> dict[str, Any]:
    """Repair (unless ``repair`` is false) and analyze a text: ``khabar analyze --json``'s shape, the
    ``Analysis`` model of :mod:`khabar.schema` (text, original, edits, sentences, tokens, entities, quotes,
    speakers, facts, events, dateline, headline, summary, keywords, topic)."""
    return analyze_text(request, body.text, body.published, body.repair, body.skip)


@router.post("/api/analyze/file", tags=["text"], summary="Analyze a text file", **analysis_route)
def analyze_file(request: Request,
                 file: Annotated[UploadFile, File(description="A text file: UTF-8, UTF-16 or Windows-1256.")],
                 published: Annotated[str | None, Form(max_length=40)] = None,
                 repair: Annotated[bool, Form()] = True) -> dict[str, Any]:
    """:http:post:`/api/analyze` for an uploaded text file (its encoding is detected)."""
    try:
        text, _encoding = decode_bytes(file.file.read())
    except DecodeError as error:
        raise ApiError(422, f"{file.filename or 'the file'}: {error}") from None
    return analyze_text(request, text, published, repair)

