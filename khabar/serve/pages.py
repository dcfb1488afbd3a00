"""The service routes: health, the offline API docs (Swagger UI and ReDoc from fastapi-offline) and the web app."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import FileResponse, HTMLResponse

from khabar import __version__

log = logging.getLogger("khabar.serve")
router = APIRouter()
STATIC = Path(__file__).with_name("static")


def _docs_assets() -> Path | None:
    """The folder of Swagger UI and ReDoc files that the package ``fastapi-offline`` ships, if installed."""
    try:
        import fastapi_offline
    except ImportError:
        return None
    folder = Path(fastapi_offline.__file__).with_name("static")
    return folder if (folder / "swagger-ui-bundle.js").is_file() else None


DOCS = _docs_assets()


@router.get("/api/health", tags=["service"], summary="Health")
def health(request: Request) -> dict[str, Any]:
    """Whether the server is up, the analysis model loaded, and the corpus' article count."""
    corpus = request.app.state.corpus
    out: dict[str, Any] = {"status": "ok", "version": __version__, "model_loaded": request.app.state.pool.ready,
                           "db": str(corpus.path) if corpus else None, "articles": None}
    if corpus is not None:
        try:
            out["articles"] = corpus.get().count()
        except Exception:
            log.exception("the corpus database cannot be read")
            out["status"] = "degraded"
    return out


@router.get("/docs", include_in_schema=False)
def swagger() -> HTMLResponse:
    if DOCS is None:
        return HTMLResponse(
            "<!DOCTYPE html><html><head><meta charset='utf-8'><title>khabar API</title></head><body>"
            "<p>The interactive docs need the package fastapi-offline (pip install fastapi-offline). "
            "The OpenAPI schema is at <a href='/openapi.json'>/openapi.json</a>.</p></body></html>")
    return get_swagger_ui_html(openapi_url="/openapi.json", title="khabar API",
                               oauth2_redirect_url="/docs/oauth2-redirect",
                               swagger_js_url="/docs-assets/swagger-ui-bundle.js",
                               swagger_css_url="/docs-assets/swagger-ui.css",
                               swagger_favicon_url="/static/favicon.svg")


@router.get("/docs/oauth2-redirect", include_in_schema=False)
def swagger_redirect() -> HTMLResponse:
    return get_swagger_ui_oauth2_redirect_html()


@router.get("/redoc", include_in_schema=False)
def redoc() -> HTMLResponse:
    if DOCS is None:
        return swagger()
    return get_redoc_html(openapi_url="/openapi.json", title="khabar API",
                          redoc_js_url="/docs-assets/redoc.standalone.js",
                          redoc_favicon_url="/static/favicon.svg", with_google_fonts=False)


@router.get("/", include_in_schema=False)
def index() -> FileResponse:
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8",
                        headers={"Cache-Control": "no-cache"})


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> FileResponse:
    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")

