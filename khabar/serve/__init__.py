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
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from khabar import __version__
from khabar.analyze import load
from khabar.keywords import load_df
from khabar.repair.resources import load_resources
from khabar.serve.corpus_routes import _Corpus, snippet_parts
from khabar.serve.corpus_routes import router as corpus_router
from khabar.serve.middleware import BodyLimit, RateLimit, SecurityHeaders, TokenRequired, _validation_body
from khabar.serve.pages import DOCS, STATIC
from khabar.serve.pages import router as pages_router
from khabar.serve.shapes import ApiError
from khabar.serve.text_routes import router as text_router
from khabar.topic import load_model

__all__ = ["STATIC", "ApiError", "create_app", "run", "snippet_parts"]

log = logging.getLogger("khabar.serve")


def create_app(db: str | Path | None = None, max_bytes: int = 1_000_000, token: str | None = None,
               open_corpus: bool = False, rate_limit: int | None = None) -> FastAPI:
    """The khabar HTTP API and web app; ``db`` a corpus database made by ``khabar ingest`` (opened
    read-only; :class:`khabar.store.StoreError` if it is missing or not a corpus), ``max_bytes`` the
    largest request body accepted. With ``token``, every endpoint but health and the web app's files needs
    ``Authorization: Bearer <token>`` (401 otherwise); ``open_corpus`` leaves the read-only corpus endpoints
    open. ``rate_limit``: analyses and repairs a minute per client (429 beyond; None: no limit).
    """
    corpus = _Corpus(Path(db)) if db is not None else None
    analysis_lock = threading.Lock()

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
    if rate_limit:
        app.add_middleware(RateLimit, per_minute=rate_limit)
    if token:
        app.add_middleware(TokenRequired, token=token, open_corpus=open_corpus)
    app.add_middleware(SecurityHeaders)

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
        if error.status_code == 400 and message == "There was an error parsing the body":
            # a body that is not JSON in UTF-8 is invalid input, answered like every other: 422
            return JSONResponse({"error": "the body is not valid JSON in UTF-8"}, 422)
        return JSONResponse({"error": message.lower() if message == "Not Found" else message}, error.status_code,
                            headers=getattr(error, "headers", None))

    @app.exception_handler(Exception)
    async def crash(request: Request, error: Exception) -> JSONResponse:
        log.error("internal error on %s %s", request.method, request.url.path, exc_info=error)
        return JSONResponse({"error": "internal error"}, 500)

    app.state.corpus = corpus
    app.state.analysis_lock = analysis_lock  # one analysis at a time: the spaCy pipeline is shared
    app.include_router(text_router)
    app.include_router(corpus_router)
    app.include_router(pages_router)
    if DOCS is not None:
        app.mount("/docs-assets", StaticFiles(directory=DOCS), name="docs-assets")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def app_from_environment() -> FastAPI:
    """:func:`create_app` with the database and body limit that :func:`run` put in the environment (each
    worker process of ``khabar serve --workers N`` builds its own app, model and read-only connection)."""
    return create_app(os.environ.get("KHABAR_DB") or None,
                      max_bytes=int(os.environ.get("KHABAR_MAX_BYTES", "1000000")),
                      token=os.environ.get("KHABAR_TOKEN") or None,
                      open_corpus=os.environ.get("KHABAR_OPEN_CORPUS") == "1",
                      rate_limit=int(os.environ.get("KHABAR_RATE_LIMIT") or 0) or None)


#: addresses that only this machine reaches: the server may run there without a token
LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})


def run(db: str | Path | None, host: str = "127.0.0.1", port: int = 8000, max_bytes: int = 1_000_000,
        workers: int = 1, token: str | None = None, open_corpus: bool = False,
        rate_limit: int | None = None) -> None:
    """Serve :func:`create_app` with uvicorn until interrupted; ``workers`` > 1 starts that many processes
    (analyses then run in parallel, one per process). Bound beyond loopback, the server needs ``token``
    (``ValueError`` without one)."""
    import uvicorn

    if host not in LOOPBACK and not token:
        raise ValueError(f"serving on {host} opens khabar to the network: give an access token "
                         "(--token or KHABAR_TOKEN), or bind to 127.0.0.1")
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if workers <= 1:
        uvicorn.run(create_app(db, max_bytes=max_bytes, token=token, open_corpus=open_corpus, rate_limit=rate_limit),
                    host=host, port=port, log_level="info")
        return
    if db is not None:
        create_app(db, max_bytes=max_bytes)  # a bad database fails here, once, before any worker starts
    os.environ["KHABAR_DB"] = str(db) if db is not None else ""
    os.environ["KHABAR_MAX_BYTES"] = str(max_bytes)
    os.environ["KHABAR_TOKEN"] = token or ""
    os.environ["KHABAR_OPEN_CORPUS"] = "1" if open_corpus else ""
    os.environ["KHABAR_RATE_LIMIT"] = str(rate_limit or "")
    uvicorn.run("khabar.serve:app_from_environment", factory=True, host=host, port=port, workers=workers,
                log_level="info")
