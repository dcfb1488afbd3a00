"""khabar serve: the HTTP API (``/api``) and the web app (``/``) over the same Python API.

:func:`create_app` builds the FastAPI application; :func:`run` serves it with uvicorn.

* ``POST /api/repair`` — ``{"text": ...}`` → the repaired text, every edit and the counts per kind;
* ``POST /api/analyze`` — ``{"text", "published"?, "repair"?}`` → :func:`khabar.analyze.to_dict`'s JSON;
  ``POST /api/analyze/file`` the same for an uploaded text file (UTF-8, UTF-16 or Windows-1256);
* ``GET /api/search``, ``GET /api/articles/{id}``, ``GET /api/entities``, ``GET /api/speakers`` — a corpus
  database made by ``khabar ingest`` (answer 503 when the server has none);
* ``GET /api/health`` — status, whether the model is loaded, the corpus' article count;
* ``/docs`` (Swagger UI) and ``/redoc`` served from the package ``fastapi-offline`` (no CDN), and the
  schema at ``/openapi.json``.

Every error is JSON ``{"error": message}`` (validation errors add ``detail``: where and what); a body
larger than ``max_bytes`` is refused with 413 before it is parsed; an unexpected exception is logged here
and answered with 500 ``{"error": "internal error"}``, never a traceback.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import FastAPI, File, Form, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr
from starlette.exceptions import HTTPException as StarletteHTTPException

from khabar import __version__
from khabar.analyze import analyze, is_loaded, load, publication_date, to_dict
from khabar.keywords import load_df
from khabar.repair import repair as run_repair
from khabar.repair.resources import load_resources
from khabar.schema import Analysis
from khabar.store import Store
from khabar.textio import DecodeError, decode_bytes
from khabar.topic import load_model

__all__ = ["ApiError", "create_app", "run", "snippet_parts"]

log = logging.getLogger("khabar.serve")

STATIC = Path(__file__).with_name("static")
#: the web app's pages: scripts and styles only from this server, nothing inline, no framing
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
_DAY = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
NO_DB = "no corpus database: start the server with one (khabar serve --db corpus.db; make it with khabar ingest)"

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class ApiError(Exception):
    """An error the client caused or must know about: answered as ``{"error": message}`` with ``status``."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


# ---------------------------------------------------------------- request and response shapes


class RepairRequest(BaseModel):
    """Text to repair, and how."""

    model_config = ConfigDict(extra="forbid")
    text: StrictStr = Field(description="The damaged Arabic text.")
    quotes: Literal["«»", '""', "“”"] = Field("«»", description="Style of restored quotation marks.")
    min_confidence: float = Field(0.5, ge=0.0, le=1.0, description="Less confident changes become suggestions.")


class AnalyzeRequest(BaseModel):
    """Text to analyze."""

    model_config = ConfigDict(extra="forbid")
    text: StrictStr = Field(description="The Arabic news text (repaired first unless repair is false).")
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
_CORPUS_ERRORS: dict[int | str, dict[str, Any]] = {**_ERRORS, 503: {"model": ErrorBody,
                                                                     "description": "No corpus database"}}


# ---------------------------------------------------------------- helpers


class BodyLimit:
    """ASGI middleware: a request body over ``max_bytes`` (declared or streamed) gets 413 before any parsing.

    The body (at most ``max_bytes``) is read here and replayed to the application.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = JSONResponse({"error": f"request body too large: at most {self.max_bytes} bytes"}, 413,
                                headers={"Connection": "close"})
        await response(scope, receive, send)


def _validation_body(errors: Any) -> dict[str, Any]:
    """The 422 answer for FastAPI's validation errors: a one-line ``error`` and, in ``detail``, each field
    (``text``, ``query.limit``) with its message. The rejected input is never echoed back."""
    detail = []
    for item in errors:
        loc = [str(part) for part in item.get("loc", ())]
        if loc and loc[0] == "body":
            loc = loc[1:]
        kind = item.get("type", "")
        if kind == "json_invalid":
            loc, message = [], "invalid JSON"
        elif kind in ("model_attributes_type", "dict_type"):
            message = "the body must be a JSON object"
        else:
            message = str(item.get("msg", "invalid"))
        detail.append({"field": ".".join(loc) or "body", "message": message})
    missing = [d["field"] for d in detail if d["message"] == "Field required"]
    if missing:
        summary = "missing " + ", ".join(missing)
    elif any(d["message"] == "invalid JSON" for d in detail):
        summary = "the body is not valid JSON"
    elif any(d["message"] == "the body must be a JSON object" for d in detail):
        summary = "the body must be a JSON object"
    else:
        summary = "; ".join(f"{d['field']}: {d['message']}" for d in detail[:3]) or "invalid request"
    return {"error": summary, "detail": detail}


class SecurityHeaders:
    """ASGI middleware: ``nosniff`` on every answer; on the web app's pages a strict Content-Security-Policy
    (scripts and styles only from this server) as a second wall against injected markup."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        page = not str(scope.get("path", "")).startswith(("/docs", "/redoc", "/api/", "/openapi"))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                names = {name.lower() for name, _ in headers}
                extra = [(b"x-content-type-options", b"nosniff")]
                if page:
                    extra += [(b"content-security-policy", CSP.encode()), (b"referrer-policy", b"no-referrer")]
                headers += [(name, value) for name, value in extra if name not in names]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _check_day(value: str | None, name: str) -> str | None:
    """``value`` if it is YYYY, YYYY-MM or YYYY-MM-DD (a real date), else a 422 :class:`ApiError`."""
    if value is None or value == "":
        return None
    value = value.strip()
    ok = _DAY.fullmatch(value) is not None
    if ok:
        year, month, day = ([*value.split("-"), "01", "01"])[:3]
        try:
            date(int(year), int(month), int(day))
        except ValueError:
            ok = False
    if not ok:
        raise ApiError(422, f"{name} must be a date: YYYY-MM-DD, YYYY-MM or YYYY")
    return value


def snippet_parts(snippet: str, spans: list[Any]) -> list[dict[str, Any]]:
    """A search snippet as pieces ``{"text", "match"}``: the ``[`` ``]`` markers taken out.

    The markers are found from the match spans (their lengths and the gaps between them), so brackets in
    the article text itself stay text.

    >>> parts = snippet_parts("قال [الوزير] إن [x] ل[بيروت]", [(4, 10), (19, 24)])
    >>> [(p["text"], p["match"]) for p in parts]  # doctest: +NORMALIZE_WHITESPACE
    [('قال ', False), ('الوزير', True), (' إن [x] ل', False), ('بيروت', True)]
    >>> snippet_parts("[a] b", [])
    [{'text': '[a] b', 'match': False}]
    """
    spans = [(int(s), int(e)) for s, e in spans]
    if not spans:
        return [{"text": snippet, "match": False}] if snippet else []
    lengths = [e - s for s, e in spans]
    gaps = [spans[i + 1][0] - spans[i][1] for i in range(len(spans) - 1)]

    def layout(first: int) -> list[int] | None:
        starts, at = [], first
        for i, length in enumerate(lengths):
            if snippet[at:at + 1] != "[" or snippet[at + 1 + length:at + 2 + length] != "]":
                return None
            starts.append(at)
            at += length + 2 + (gaps[i] if i < len(gaps) else 0)
        return starts

    for first in (i for i, c in enumerate(snippet) if c == "["):
        starts = layout(first)
        if starts is not None:
            break
    else:
        return [{"text": snippet, "match": False}]
    parts: list[dict[str, Any]] = []
    cursor = 0
    for at, length in zip(starts, lengths):
        if at > cursor:
            parts.append({"text": snippet[cursor:at], "match": False})
        parts.append({"text": snippet[at + 1:at + 1 + length], "match": True})
        cursor = at + 2 + length
    if cursor < len(snippet):
        parts.append({"text": snippet[cursor:], "match": False})
    return parts


def _model_loaded() -> bool:
    return is_loaded()


def _docs_assets() -> Path | None:
    """The folder of Swagger UI and ReDoc files that the package ``fastapi-offline`` ships, if installed."""
    try:
        import fastapi_offline
    except ImportError:
        return None
    folder = Path(fastapi_offline.__file__).with_name("static")
    return folder if (folder / "swagger-ui-bundle.js").is_file() else None


class _Corpus:
    """The corpus database, opened read-only once per worker thread (SQLite connections are not shared)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        Store(path, readonly=True).close()  # fail now, with StoreError, if it is missing or not a corpus
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[Any] = []

    def get(self) -> Any:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.path, readonly=True)
            with self._lock:
                self._open.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            for store in self._open:
                try:
                    store.close()
                except Exception:  # another thread's connection: closing it may be refused
                    log.debug("could not close a corpus connection", exc_info=True)
            self._open.clear()


# ---------------------------------------------------------------- the application


def create_app(db: str | Path | None = None, max_bytes: int = 1_000_000) -> FastAPI:
    """The khabar HTTP API and web app; ``db`` a corpus database made by ``khabar ingest`` (opened
    read-only; :class:`khabar.store.StoreError` if it is missing or not a corpus), ``max_bytes`` the
    largest request body accepted.
    """
    corpus = _Corpus(Path(db)) if db is not None else None
    analysis_lock = threading.Lock()
    docs = _docs_assets()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        load()  # the analysis pipeline and the repair resources, once, before the first request
        load_resources()
        load_df()  # the keyword and topic data too: a missing file stops the server at start, with its message
        load_model()
        log.info("khabar model loaded; corpus: %s", corpus.path if corpus else "none")
        yield
        if corpus is not None:
            corpus.close()

    app = FastAPI(
        title="khabar",
        version=__version__,
        description="Repair and analyze Arabic news text; search a corpus of analyzed articles. "
                    "Every error answers JSON `{\"error\": message}`.",
        docs_url=None, redoc_url=None, lifespan=lifespan)
    app.add_middleware(BodyLimit, max_bytes=max_bytes)
    app.add_middleware(SecurityHeaders)

    def store() -> Any:
        if corpus is None:
            raise ApiError(503, NO_DB)
        return corpus.get()

    # ------------------------------------------------------------ errors

    @app.exception_handler(ApiError)
    async def api_error(_request: Request, error: ApiError) -> JSONResponse:
        return JSONResponse({"error": error.message}, error.status)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse(_validation_body(error.errors()), 422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, error: StarletteHTTPException) -> JSONResponse:
        message = error.detail if isinstance(error.detail, str) else "error"
        return JSONResponse({"error": message.lower() if message == "Not Found" else message}, error.status_code,
                            headers=getattr(error, "headers", None))

    @app.exception_handler(Exception)
    async def crash(request: Request, error: Exception) -> JSONResponse:
        log.error("internal error on %s %s", request.method, request.url.path, exc_info=error)
        return JSONResponse({"error": "internal error"}, 500)

    # ------------------------------------------------------------ text

    @app.post("/api/repair", tags=["text"], summary="Repair text", responses=_ERRORS)
    def repair_text(request: RepairRequest) -> dict[str, Any]:
        """Repair damaged Arabic text: the repaired text, every edit (offsets into the original and, as
        ``repaired_start``/``repaired_end``, into the repaired text; ``kind`` and ``reason``), the
        suggestions not applied and the number of edits per kind."""
        fixed = run_repair(request.text, quotes=request.quotes, min_confidence=request.min_confidence)
        return {"original": request.text, **fixed.to_dict(), "counts": fixed.counts()}

    def analyze_text(text: str, published: str | None, repair: bool, skip: list[str] | None = None
                     ) -> dict[str, Any]:
        try:
            day = publication_date(published)
        except ValueError as error:
            raise ApiError(422, str(error)) from None
        with analysis_lock:  # one analysis at a time: the spaCy pipeline is shared; the event loop stays free
            return to_dict(analyze(text, published=day, repair=repair, disable=skip or ()))

    # the response is checked against the typed schema; fields a link does not have stay absent
    analysis_route = {"response_model": Analysis, "response_model_exclude_unset": True, "responses": _ERRORS}

    @app.post("/api/analyze", tags=["text"], summary="Analyze text", **analysis_route)
    def analyze_json(request: AnalyzeRequest) -> dict[str, Any]:
        """Repair (unless ``repair`` is false) and analyze a text: ``khabar analyze --json``'s shape, the
        ``Analysis`` model of :mod:`khabar.schema` (text, original, edits, sentences, tokens, entities, quotes,
        speakers, facts, events, dateline, headline, summary, keywords, topic)."""
        return analyze_text(request.text, request.published, request.repair, request.skip)

    @app.post("/api/analyze/file", tags=["text"], summary="Analyze a text file", **analysis_route)
    def analyze_file(file: Annotated[UploadFile, File(description="A text file: UTF-8, UTF-16 or Windows-1256.")],
                     published: Annotated[str | None, Form(max_length=40)] = None,
                     repair: Annotated[bool, Form()] = True) -> dict[str, Any]:
        """:http:post:`/api/analyze` for an uploaded text file (its encoding is detected)."""
        try:
            text, _encoding = decode_bytes(file.file.read())
        except DecodeError as error:
            raise ApiError(422, f"{file.filename or 'the file'}: {error}") from None
        return analyze_text(text, published, repair)

    # ------------------------------------------------------------ corpus

    @app.get("/api/search", tags=["corpus"], summary="Search the corpus", responses=_CORPUS_ERRORS)
    def search(
        q: Annotated[str, Query(max_length=1000, description="Words to find, in any form.")] = "",
        entity: Annotated[str | None, Query(max_length=200)] = None,
        speaker: Annotated[str | None, Query(max_length=200)] = None,
        place: Annotated[str | None, Query(max_length=200)] = None,
        topic: Annotated[str | None, Query(max_length=200)] = None,
        since: Annotated[str | None, Query(description="YYYY-MM-DD, YYYY-MM or YYYY")] = None,
        until: Annotated[str | None, Query(description="YYYY-MM-DD, YYYY-MM or YYYY (inclusive)")] = None,
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
        offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
    ) -> dict[str, Any]:
        """Articles matching every word of ``q`` (ranked by BM25) and the filters, each with a snippet
        (matches in ``[`` ``]``; ``snippet_parts`` gives the same as pieces), the total, and facet counts
        (entity, speaker, place, topic, month). An empty ``q`` lists the newest articles."""
        since, until = _check_day(since, "since"), _check_day(until, "until")
        found = store().search(q, entity=entity or None, speaker=speaker or None, place=place or None,
                               topic=topic or None, since=since, until=until, limit=limit, offset=offset)
        for hit in found["results"]:
            hit["snippet_parts"] = snippet_parts(hit["snippet"], hit["spans"])
        return found

    @app.get("/api/articles/{article}", tags=["corpus"], summary="One article",
             responses={**_CORPUS_ERRORS, 404: {"model": ErrorBody, "description": "No such article"}})
    def article(article: int) -> dict[str, Any]:
        """One stored article: raw and repaired text and its whole analysis (without tokens)."""
        found = store().article(article)
        if found is None:
            raise ApiError(404, f"no article {article}")
        return found

    @app.get("/api/entities", tags=["corpus"], summary="Most mentioned entities", responses=_CORPUS_ERRORS)
    def entities(label: Annotated[Literal["PER", "ORG", "LOC", "MISC"] | None, Query()] = None,
                 limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> list[dict[str, Any]]:
        """The most mentioned named entities (of one ``label``): articles and mentions each."""
        return store().top("entity", label=label, limit=limit)

    @app.get("/api/speakers", tags=["corpus"], summary="Most quoted speakers", responses=_CORPUS_ERRORS)
    def speakers(label: Annotated[Literal["PER", "ORG"] | None, Query()] = None,
                 limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> list[dict[str, Any]]:
        """The most quoted speakers: articles they are quoted in and quotes (``mentions``); with ``label``,
        only speakers that are named people (PER) or organisations (ORG), not ``البيان`` or ``مصدر``."""
        return store().top("speaker", label=label, limit=limit)

    @app.get("/api/health", tags=["service"], summary="Health")
    def health() -> dict[str, Any]:
        """Whether the server is up, the analysis model loaded, and the corpus' article count."""
        out: dict[str, Any] = {"status": "ok", "version": app.version, "model_loaded": _model_loaded(),
                               "db": str(corpus.path) if corpus else None, "articles": None}
        if corpus is not None:
            try:
                out["articles"] = corpus.get().count()
            except Exception:
                log.exception("the corpus database cannot be read")
                out["status"] = "degraded"
        return out

    # ------------------------------------------------------------ API docs, offline

    if docs is not None:
        app.mount("/docs-assets", StaticFiles(directory=docs), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        if docs is None:
            return HTMLResponse(
                "<!DOCTYPE html><html><head><meta charset='utf-8'><title>khabar API</title></head><body>"
                "<p>The interactive docs need the package fastapi-offline (pip install fastapi-offline). "
                "The OpenAPI schema is at <a href='/openapi.json'>/openapi.json</a>.</p></body></html>")
        return get_swagger_ui_html(openapi_url="/openapi.json", title="khabar API",
                                   oauth2_redirect_url="/docs/oauth2-redirect",
                                   swagger_js_url="/docs-assets/swagger-ui-bundle.js",
                                   swagger_css_url="/docs-assets/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg")

    @app.get("/docs/oauth2-redirect", include_in_schema=False)
    def swagger_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        if docs is None:
            return swagger()
        return get_redoc_html(openapi_url="/openapi.json", title="khabar API",
                              redoc_js_url="/docs-assets/redoc.standalone.js",
                              redoc_favicon_url="/static/favicon.svg", with_google_fonts=False)

    # ------------------------------------------------------------ the web app

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8",
                            headers={"Cache-Control": "no-cache"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")

    return app


def app_from_environment() -> FastAPI:
    """:func:`create_app` with the database and body limit that :func:`run` put in the environment (each
    worker process of ``khabar serve --workers N`` builds its own app, model and read-only connection)."""
    return create_app(os.environ.get("KHABAR_DB") or None,
                      max_bytes=int(os.environ.get("KHABAR_MAX_BYTES", "1000000")))


def run(db: str | Path | None, host: str = "127.0.0.1", port: int = 8000, max_bytes: int = 1_000_000,
        workers: int = 1) -> None:
    """Serve :func:`create_app` with uvicorn until interrupted; ``workers`` > 1 starts that many processes
    (analyses then run in parallel, one per process)."""
    import uvicorn

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if workers <= 1:
        uvicorn.run(create_app(db, max_bytes=max_bytes), host=host, port=port, log_level="info")
        return
    if db is not None:
        create_app(db, max_bytes=max_bytes)  # a bad database fails here, once, before any worker starts
    os.environ["KHABAR_DB"] = str(db) if db is not None else ""
    os.environ["KHABAR_MAX_BYTES"] = str(max_bytes)
    uvicorn.run("khabar.serve:app_from_environment", factory=True, host=host, port=port, workers=workers,
                log_level="info")
