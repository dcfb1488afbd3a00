"""A bounded property-based test over the HTTP API (issue 16): generated requests to every endpoint — JSON of any
shape, bodies that are not JSON, hostile text, query parameters and paths of any characters, uploaded bytes —
never get a 5xx, and every /api answer is JSON; an error is ``{"error": …}`` without a stack trace or a path.
The longer campaign is ``python bench/fuzz.py --api N`` (against a real server)."""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khabar.batch import Document
from khabar.serve import create_app
from khabar.store import Store

with warnings.catch_warnings():  # starlette's TestClient warns about httpx at import time
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TRACE = re.compile(r"Traceback|File \"|line \d+, in ")
#: what an error message must not show: file paths of the machine or of Python's packages
PATHS = re.compile(r"/tmp/|/home/|/work/|/usr/|site-packages|\.py\b")
SEEDS = ["قال الوزير إن 12 شخصا قتلوا في بيروت أمس.", "وقالالرئيس ان الوضع صعب ¢كما قال¢", "بيروت - ، 9 قتلى"]
STAGES = ["quotes", "facts", "events", "dateline", "keywords", "summary", "topic"]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6)
texts = st.one_of(st.text(max_size=150), st.sampled_from(SEEDS),
                  st.tuples(st.sampled_from(SEEDS), st.text(max_size=30)).map("".join))
analyze_bodies = st.fixed_dictionaries({"text": texts}, optional={
    "published": st.none() | st.text(max_size=45) | st.integers() | st.dates().map(str),
    "repair": st.booleans() | json_values,
    "skip": st.lists(st.sampled_from([*STAGES, "bogus", ""]), max_size=9) | json_values,
    "extra": json_values})
repair_bodies = st.fixed_dictionaries({"text": texts}, optional={
    "quotes": st.sampled_from(["«»", '""', "“”"]) | st.text(max_size=5),
    "min_confidence": st.floats() | json_values})
#: characters an HTTP client can put in a URL (no lone surrogates: they have no UTF-8)
url_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
PARAMS = ["q", "entity", "speaker", "place", "topic", "act", "event", "since", "until", "limit", "offset", "label",
          "type"]


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("fuzz") / "c.db"
    with Store(path) as store:
        list(store.ingest([Document(f"s{n}", text, f"s{n}", {"published": "2024-03-05"})
                           for n, text in enumerate(SEEDS)]))
    with TestClient(create_app(path, max_bytes=20_000), raise_server_exceptions=False) as client:
        yield client


def check(response: Any) -> None:
    """No 5xx; an /api answer is JSON; an error is {"error": …} with no stack trace and no path."""
    assert response.status_code < 500, (response.status_code, response.text[:500])
    # the answers the API documents for these requests (no token, no rate limit, a corpus, an idle queue)
    assert response.status_code in (200, 404, 405, 413, 422), (response.status_code, response.text[:500])
    path = response.request.url.path
    if not path.startswith("/api/"):
        return
    assert response.headers["content-type"].startswith("application/json"), response.headers
    body = response.json()
    if response.status_code >= 400:
        assert isinstance(body.get("error"), str) and body["error"], body
        assert not TRACE.search(response.text) and not PATHS.search(response.text), response.text[:500]


settings_ = settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))


@settings_
@given(endpoint=st.sampled_from(["/api/analyze", "/api/repair"]),
       body=analyze_bodies | repair_bodies | json_values)
def test_text_endpoints_any_json(api: TestClient, endpoint: str, body: Any) -> None:
    # json.dumps (not the client's encoder): lone surrogates as \\u escapes, NaN and Infinity as bare words
    check(api.post(endpoint, content=json.dumps(body).encode(), headers={"content-type": "application/json"}))


@settings_
@given(endpoint=st.sampled_from(["/api/analyze", "/api/repair", "/api/analyze/file"]),
       raw=st.binary(max_size=300), content_type=st.sampled_from(["application/json", "text/plain", "",
                                                                   "multipart/form-data; boundary=x"]))
def test_text_endpoints_any_bytes(api: TestClient, endpoint: str, raw: bytes, content_type: str) -> None:
    check(api.post(endpoint, content=raw, headers={"content-type": content_type} if content_type else {}))


@settings_
@given(raw=st.binary(max_size=300) | texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
       published=st.none() | url_text, name=url_text)
def test_file_upload_any_bytes(api: TestClient, raw: bytes, published: str | None, name: str) -> None:
    check(api.post("/api/analyze/file", files={"file": (name or "x.txt", raw, "text/plain")},
                   data={"published": published} if published is not None else {}))


@settings_
@given(endpoint=st.sampled_from(["/api/search", "/api/events", "/api/entities", "/api/speakers", "/api/health"]),
       params=st.dictionaries(st.sampled_from(PARAMS), url_text | st.integers().map(str), max_size=5))
def test_corpus_endpoints_any_parameters(api: TestClient, endpoint: str, params: dict[str, str]) -> None:
    check(api.get(endpoint, params=params))


@settings_
@given(segment=url_text | st.integers().map(str), method=st.sampled_from(["GET", "POST", "DELETE", "PUT"]))
def test_any_path(api: TestClient, segment: str, method: str) -> None:
    check(api.request(method, "/api/articles/" + quote(segment, safe="")))
    check(api.request(method, "/api/" + quote(segment, safe="/")))


def test_the_checker_catches_what_it_must(tmp_path: Path) -> None:
    """The check above fails on a 500 (and an undocumented 400), on a traceback or a path in an error, and on an
    /api answer not in JSON."""

    class Fake:
        def __init__(self, status: int, text: str, kind: str = "application/json") -> None:
            self.status_code, self.text, self.headers = status, text, {"content-type": kind}
            self.request = type("R", (), {"url": type("U", (), {"path": "/api/analyze"})()})()

        def json(self) -> Any:
            return json.loads(self.text)

    for bad in (Fake(500, '{"error": "internal error"}'), Fake(400, '{"error": "Invalid multipart data."}'),
                Fake(422, '{"error": "File \\"/x.py\\", line 3, in f"}'),
                Fake(422, '{"error": "cannot read /tmp/x"}'), Fake(200, "<html>", "text/html"),
                Fake(404, '{"detail": "x"}')):
        with pytest.raises(AssertionError):
            check(bad)
    check(Fake(422, '{"error": "missing text"}'))
