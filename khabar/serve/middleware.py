"""The ASGI middleware of the server: the access token, the request-body limit and the security headers;
validation errors' body."""

from __future__ import annotations

import hmac
import math
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi.responses import JSONResponse

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


#: paths open without the token: health (for load balancers) and the web app's own files (its API calls
#: carry the token)
OPEN_PATHS = frozenset({"/api/health", "/", "/favicon.ico", "/favicon.svg"})
OPEN_PREFIXES = ("/static/",)
#: read-only corpus endpoints, opened without the token by ``open_corpus``
CORPUS_PREFIXES = ("/api/search", "/api/articles/", "/api/entities", "/api/speakers", "/api/events")


class TokenRequired:
    """ASGI middleware: every request but health and the web app's files must carry ``Authorization: Bearer
    <token>`` (compared in constant time), else 401 JSON. With ``open_corpus``, the read-only corpus endpoints
    (GET) are open too."""

    def __init__(self, app: ASGIApp, token: str, open_corpus: bool = False) -> None:
        self.app = app
        self.token = token.encode("utf-8")
        self.open_corpus = open_corpus

    def _open(self, scope: Scope) -> bool:
        path = scope.get("path", "")
        if path in OPEN_PATHS or path.startswith(OPEN_PREFIXES):
            return True
        return self.open_corpus and scope.get("method") in ("GET", "HEAD") and path.startswith(CORPUS_PREFIXES)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self._open(scope):
            await self.app(scope, receive, send)
            return
        given = dict(scope.get("headers") or []).get(b"authorization", b"")
        scheme, _, value = given.partition(b" ")
        if scheme.lower() == b"bearer" and hmac.compare_digest(value.strip(), self.token):
            await self.app(scope, receive, send)
            return
        response = JSONResponse({"error": "this server needs its access token: Authorization: Bearer <token>"},
                                401, headers={"WWW-Authenticate": "Bearer"})
        await response(scope, receive, send)


#: the endpoints that analyze or repair a text (CPU-bound): the ones a client is rate-limited on
COSTLY_PATHS = frozenset({"/api/analyze", "/api/analyze/file", "/api/repair"})


class RateLimit:
    """ASGI middleware: each client (by address) may make ``per_minute`` analysis or repair requests a
    minute (a token bucket, so short bursts up to that many pass); beyond, 429 JSON with ``Retry-After``.
    Search, health and the web app are not limited. The count is per server process."""

    def __init__(self, app: ASGIApp, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.app = app
        self.rate = per_minute / 60.0
        self.capacity = float(per_minute)
        self.clock = clock
        self.buckets: dict[str, tuple[float, float]] = {}

    def _take(self, client: str) -> float:
        """0 when the request may go, else the seconds until it may."""
        now = self.clock()
        tokens, last = self.buckets.get(client, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - last) * self.rate)
        if tokens >= 1:
            self.buckets[client] = (tokens - 1, now)
            return 0.0
        self.buckets[client] = (tokens, now)
        if len(self.buckets) > 100_000:  # many clients: forget the ones with full buckets
            self.buckets = {k: v for k, v in self.buckets.items() if v[0] < self.capacity}
        return (1 - tokens) / self.rate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") not in COSTLY_PATHS or scope.get("method") != "POST":
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("?", 0))[0]
        wait = self._take(client)
        if not wait:
            await self.app(scope, receive, send)
            return
        seconds = max(1, math.ceil(wait))
        response = JSONResponse({"error": f"too many requests: at most {int(self.capacity)} analyses a minute; "
                                          f"try again in {seconds} s"}, 429, headers={"Retry-After": str(seconds)})
        await response(scope, receive, send)


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


