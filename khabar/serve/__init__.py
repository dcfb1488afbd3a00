"""khabar serve: the HTTP API (``/api``) and the web app (``/``) over the same Python API.

:func:`create_app` builds the FastAPI application; :func:`run` serves it with uvicorn.

* ``POST /api/repair`` — ``{"text": ...}`` → the repaired text, every edit and the counts per kind;
* ``POST /api/analyze`` — ``{"text", "published"?, "repair"?}`` → :func:`khabar.analyze.to_dict`'s JSON;
  ``POST /api/analyze/file`` the same for an uploaded text file (UTF-8, UTF-16 or Windows-1256);
* ``GET /api/search``, ``GET /api/articles/{id}``, ``GET /api/entities``, ``GET /api/speakers`` — a corpus
  database made by ``khabar ingest`` (answer 503 when the server has none);
* ``GET /api/health`` — status, whether the model is loaded (in a worker), the corpus' article count;
* ``/docs`` (Swagger UI) and ``/redoc`` served from the package ``fastapi-offline`` (no CDN), and the
  schema at ``/openapi.json``.

Every error is JSON ``{"error": message}`` (validation errors add ``detail``: where and what); a body
larger than ``max_bytes`` is refused with 413 before it is parsed; analyses and repairs run in a pool
(:mod:`khabar.serve.pool`) with a bounded queue (503 when full) and, in worker processes, a time budget
(504, the worker killed and replaced), so health and search stay answered; an unexpected exception is logged here
and answered with 500 ``{"error": "internal error"}``, never a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from khabar import __version__
from khabar.serve.corpus_routes import _Corpus, snippet_parts
from khabar.serve.corpus_routes import router as corpus_router
from khabar.serve.middleware import BodyLimit, RateLimit, SecurityHeaders, TokenRequired, _validation_body
from khabar.serve.pages import DOCS, STATIC
from khabar.serve.pages import router as pages_router
from khabar.serve.pool import InlinePool, ProcessPool
from khabar.serve.shapes import ApiError
from khabar.serve.text_routes import router as text_router

__all__ = ["STATIC", "ApiError", "create_app", "run", "snippet_parts"]

log = logging.getLogger("khabar.serve")


def create_app(db: str | Path | None = None, max_bytes: int = 1_000_000, token: str | None = None,
               open_corpus: bool = False, rate_limit: int | None = None, workers: int = 0,
               analysis_timeout: float = 120.0, max_queue: int = 16) -> FastAPI:
    """The khabar HTTP API and web app; ``db`` a corpus database made by ``khabar ingest`` (opened
    read-only; :class:`khabar.store.StoreError` if it is missing or not a corpus), ``max_bytes`` the
    largest request body accepted (413 beyond). With ``token``, every endpoint but health and the web app's
    files needs ``Authorization: Bearer <token>`` (401 otherwise); ``open_corpus`` leaves the read-only
    corpus endpoints open. ``rate_limit``: analyses and repairs a minute per client (429 beyond; None: no
    limit).

    ``workers`` > 0 runs analyses and repairs in that many worker processes (:class:`ProcessPool`), each
    within ``analysis_timeout`` seconds (504 beyond, and the worker is replaced); 0 runs them in this process,
    one at a time and without a time budget (:class:`InlinePool`, for tests and embedding). Either way at most
    ``max_queue`` wait beyond the ones running (503 beyond).
    """
    corpus = _Corpus(Path(db)) if db is not None else None
    pool: InlinePool | ProcessPool
    if workers > 0:
        pool = ProcessPool(workers, timeout=analysis_timeout, max_queue=max_queue)
    else:
        pool = InlinePool(max_queue=max_queue)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # the models, once, before the first request (in the workers with a process pool): a missing file
        # stops the server at start, with its message
        pool.start()
        log.info("khabar model loaded (%s); corpus: %s",
                 f"{workers} analysis worker processes" if workers else "in the server's process",
                 corpus.path if corpus else "none")
        try:
            yield
        finally:
            pool.close()
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
        return JSONResponse({"error": error.message}, error.status, headers=error.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse(_validation_body(error.errors()), 422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, error: StarletteHTTPException) -> JSONResponse:
        message = error.detail if isinstance(error.detail, str) else "error"
        if error.status_code == 400 and message == "There was an error parsing the body":
            # a body that is not JSON in UTF-8 is invalid input, answered like every other: 422
            return JSONResponse({"error": "the body is not valid JSON in UTF-8"}, 422)
        if error.status_code == 400 and message == "Invalid multipart data.":  # an upload cut or malformed: 422
            return JSONResponse({"error": "the body is not valid multipart form data (a file upload)"}, 422)
        return JSONResponse({"error": message.lower() if message == "Not Found" else message}, error.status_code,
                            headers=getattr(error, "headers", None))

    @app.exception_handler(Exception)
    async def crash(request: Request, error: Exception) -> JSONResponse:
        log.error("internal error on %s %s", request.method, request.url.path, exc_info=error)
        return JSONResponse({"error": "internal error"}, 500)

    app.state.corpus = corpus
    app.state.pool = pool  # where analyses and repairs run, within their budgets
    app.include_router(text_router)
    app.include_router(corpus_router)
    app.include_router(pages_router)
    if DOCS is not None:
        app.mount("/docs-assets", StaticFiles(directory=DOCS), name="docs-assets")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


#: addresses that only this machine reaches: the server may run there without a token
LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})


def run(db: str | Path | None, host: str = "127.0.0.1", port: int = 8000, max_bytes: int = 1_000_000,
        workers: int = 1, token: str | None = None, open_corpus: bool = False,
        rate_limit: int | None = None, analysis_timeout: float = 120.0, max_queue: int = 16) -> None:
    """Serve :func:`create_app` with uvicorn until interrupted: one server process (health, search, the
    corpus and the web app in its event loop and threads) and ``workers`` analysis worker processes, each
    analysis within ``analysis_timeout`` seconds, at most ``max_queue`` waiting. Bound beyond loopback, the
    server needs ``token`` (``ValueError`` without one)."""
    import uvicorn

    if host not in LOOPBACK and not token:
        raise ValueError(f"serving on {host} opens khabar to the network: give an access token "
                         "(--token or KHABAR_TOKEN), or bind to 127.0.0.1")
    if workers < 1 or analysis_timeout <= 0 or max_queue < 0:
        raise ValueError("workers must be at least 1, the analysis timeout above 0 and the queue 0 or more")
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    uvicorn.run(create_app(db, max_bytes=max_bytes, token=token, open_corpus=open_corpus, rate_limit=rate_limit,
                           workers=workers, analysis_timeout=analysis_timeout, max_queue=max_queue),
                host=host, port=port, log_level="info")
