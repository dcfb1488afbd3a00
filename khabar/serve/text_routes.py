"""The text routes: repair and analyze a text or an uploaded file."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import Response

from khabar.analyze import analyze, publication_date, to_dict
from khabar.repair import repair as run_repair
from khabar.schema import Analysis
from khabar.serve.pool import Busy, OverBudget, WorkerLost
from khabar.serve.shapes import _TEXT_ERRORS, AnalyzeRequest, ApiError, RepairRequest
from khabar.textio import DecodeError, decode_bytes

router = APIRouter(tags=["text"])


def _json(data: Any) -> bytes:
    """``data`` as FastAPI's JSONResponse writes it."""
    return json.dumps(data, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":")).encode("utf-8")


def repair_json(text: str, quotes: str, min_confidence: float) -> bytes:
    """The repair task (run by the server's pool): the answer of ``/api/repair`` as JSON."""
    fixed = run_repair(text, quotes=quotes, min_confidence=min_confidence)
    return _json({"original": text, **fixed.to_dict(), "counts": fixed.counts()})


def analysis_json(text: str, published: date | None, repair: bool, skip: list[str]) -> bytes:
    """The analysis task (run by the server's pool): the answer of ``/api/analyze`` as JSON, checked against
    the typed schema (fields a link does not have stay absent), as FastAPI's ``response_model`` would."""
    data = to_dict(analyze(text, published=published, repair=repair, disable=skip))
    return _json(Analysis.model_validate(data).model_dump(mode="json", exclude_unset=True))


def run_in_pool(request: Request, kind: str, args: tuple[Any, ...]) -> Response:
    """Run a task in the server's pool within its budgets: 503 when the queue is full or the worker died, 504 past
    the time budget."""
    pool = request.app.state.pool
    try:
        answer = pool.run(kind, args, size=len(args[0]))
    except Busy:
        raise ApiError(503, f"the server is busy: {pool.workers} analyses running and {pool.max_queue} waiting; "
                            "try again shortly", headers={"Retry-After": "5"}) from None
    except WorkerLost:
        raise ApiError(503, "the analysis worker stopped during this request (out of memory?) and is being "
                            "replaced; try again shortly", headers={"Retry-After": "5"}) from None
    except OverBudget:
        raise ApiError(504, f"the analysis took longer than its time budget of {pool.timeout:g} s and was "
                            "stopped; send a shorter text") from None
    return Response(answer, media_type="application/json")


@router.post("/api/repair", tags=["text"], summary="Repair text", response_model=dict[str, Any],
             responses=_TEXT_ERRORS)
def repair_text(body: RepairRequest, request: Request) -> Any:
    """Repair damaged Arabic text: the repaired text, every edit (offsets into the original and, as
    ``repaired_start``/``repaired_end``, into the repaired text; ``kind`` and ``reason``), the
    suggestions not applied and the number of edits per kind."""
    return run_in_pool(request, "repair", (body.text, body.quotes, body.min_confidence))


def analyze_text(request: Request, text: str, published: str | None, repair: bool, skip: list[str] | None = None
                 ) -> Response:
    try:
        day = publication_date(published)
    except ValueError as error:
        raise ApiError(422, str(error)) from None
    return run_in_pool(request, "analyze", (text, day, repair, list(skip or ())))

# the OpenAPI schema names the typed answer; the worker checks the answer against it
analysis_route = {"response_model": Analysis, "response_model_exclude_unset": True, "responses": _TEXT_ERRORS}


@router.post("/api/analyze", tags=["text"], summary="Analyze text", **analysis_route)
def analyze_json(body: AnalyzeRequest, request: Request) -> Any:
    """Repair (unless ``repair`` is false) and analyze a text: ``khabar analyze --json``'s shape, the
    ``Analysis`` model of :mod:`khabar.schema` (text, original, edits, sentences, tokens, entities, quotes,
    speakers, facts, events, dateline, headline, summary, keywords, topic)."""
    return analyze_text(request, body.text, body.published, body.repair, body.skip)


@router.post("/api/analyze/file", tags=["text"], summary="Analyze a text file", **analysis_route)
def analyze_file(request: Request,
                 file: Annotated[UploadFile, File(description="A text file: UTF-8, UTF-16 or Windows-1256.")],
                 published: Annotated[str | None, Form(max_length=40)] = None,
                 repair: Annotated[bool, Form()] = True) -> Any:
    """:http:post:`/api/analyze` for an uploaded text file (its encoding is detected)."""
    try:
        text, _encoding = decode_bytes(file.file.read())
    except DecodeError as error:
        raise ApiError(422, f"{file.filename or 'the file'}: {error}") from None
    return analyze_text(request, text, published, repair)

