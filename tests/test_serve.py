"""The HTTP API (khabar.serve) through FastAPI's TestClient: every endpoint, the error shapes, the limits."""

from __future__ import annotations

import logging
import re
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from khabar.batch import Document
from khabar.serve import STATIC, create_app
from khabar.store import Store, StoreError

with warnings.catch_warnings():  # starlette's TestClient warns about httpx at import time
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

DAMAGED = "وقالالرئيس اللبناني ميشال عون ان 12 شخصا قتلوا في انفجار في بيروت."
ARTICLES = [
    Document("un-gaza", "بيروت - قال الأمين العام للأمم المتحدة أنطونيو غوتيريش إن «المساعدات يجب أن تصل إلى غزة "
             "فورا». وأضاف أن 20 شاحنة دخلت القطاع أمس.", "feed.jsonl:1",
             {"title": "غوتيريش يطالب بإدخال المساعدات", "published": "2024-03-05"}),
    Document("beirut-blast", DAMAGED + " وقال عون إن التحقيق سيبدأ فورا.", "feed.jsonl:2",
             {"title": "انفجار في بيروت", "published": "2024-04-10"}),
    Document("inject", "<script>alert(1)</script> قال وزير الخارجية المصري سامح شكري إن <b>الاجتماع</b> سيعقد في "
             "القاهرة مع الأمم المتحدة.", "feed.jsonl:3",
             {"title": "<img src=x onerror=alert(1)> اجتماع القاهرة", "published": "2024-04-20"}),
]
TRACE = re.compile(r"Traceback|File \"|line \d+, in ")


def no_trace(response: Any) -> None:
    """An error answer is JSON {"error": ...} and shows no Python internals."""
    assert response.headers["content-type"].startswith("application/json"), response.headers
    body = response.json()
    assert isinstance(body.get("error"), str) and body["error"], body
    assert not TRACE.search(response.text), response.text


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "c.db"
    with Store(path) as store:
        results = list(store.ingest(ARTICLES))
    assert [r.status for r in results] == ["stored"] * 3
    return path


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    """The app without a corpus, started (the model loads at startup)."""
    with TestClient(create_app()) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def db_client(corpus: Path) -> Iterator[TestClient]:
    with TestClient(create_app(corpus)) as test_client:
        yield test_client


# ---------------------------------------------------------------- text endpoints


def test_health_without_db(client: TestClient) -> None:
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "version": response.json()["version"], "model_loaded": True,
                               "db": None, "articles": None}


def test_repair(client: TestClient) -> None:
    response = client.post("/api/repair", json={"text": DAMAGED})
    assert response.status_code == 200
    data = response.json()
    assert data["text"].startswith("وقال الرئيس اللبناني ميشال عون إن 12")
    assert data["original"] == DAMAGED
    assert data["counts"] == {"space": 1, "hamza": 1}
    for edit in data["edits"]:
        assert DAMAGED[edit["start"]:edit["end"]] == edit["before"]
        assert data["text"][edit["repaired_start"]:edit["repaired_end"]] == edit["after"]
        assert edit["kind"] and edit["reason"]


def test_repair_options(client: TestClient) -> None:
    data = client.post("/api/repair", json={"text": "وقال ¢لن نتراجع¢.", "quotes": '""'}).json()
    assert data["text"] == 'وقال "لن نتراجع".'
    response = client.post("/api/repair", json={"text": "x", "quotes": "<<>>"})
    assert response.status_code == 422
    no_trace(response)


def test_analyze(client: TestClient) -> None:
    response = client.post("/api/analyze", json={"text": 'قال الوزير:"سنبدأ غدا" في بيروت. ' + DAMAGED,
                                                  "published": "2024-05-01"})
    assert response.status_code == 200
    data = response.json()
    assert {"text", "original", "published", "edits", "sentences", "tokens", "entities", "quotes", "speakers",
            "facts", "events", "dateline"} <= set(data)
    assert data["published"] == "2024-05-01"
    assert "وقال الرئيس" in data["text"] and data["edits"]
    assert ("بيروت", "LOC") in {(e["text"], e["label"]) for e in data["entities"]}
    assert ("ميشال عون", "PER") in {(e["text"], e["label"]) for e in data["entities"]}
    assert {q["speaker_name"] for q in data["quotes"]} >= {"الوزير", "ميشال عون"}
    assert [(f["surface"], f["event"]) for f in data["facts"]] == [("12", "killed")]


def test_analyze_without_repair(client: TestClient) -> None:
    data = client.post("/api/analyze", json={"text": DAMAGED, "repair": False}).json()
    assert data["text"] == DAMAGED and data["edits"] == []


def test_analyze_file(client: TestClient) -> None:
    legacy = "زار الوزير بيروت أمس.".encode("cp1256")
    response = client.post("/api/analyze/file", files={"file": ("news.txt", legacy, "text/plain")},
                           data={"published": "2024-01-02"})
    assert response.status_code == 200
    data = response.json()
    assert data["original"] == "زار الوزير بيروت أمس." and data["published"] == "2024-01-02"
    assert [e["text"] for e in data["entities"] if e["label"] == "LOC"] == ["بيروت"]
    response = client.post("/api/analyze/file", files={"file": ("x.bin", b"\x00\x01\x02\xff" * 10, "text/plain")})
    assert response.status_code == 422 and "binary" in response.json()["error"]
    no_trace(response)


# ---------------------------------------------------------------- errors


def test_a_token_guards_every_endpoint_but_health_and_the_web_app(corpus: Path) -> None:
    with TestClient(create_app(corpus, token="s3cret")) as guarded:
        for method, path in (("post", "/api/analyze"), ("post", "/api/repair"), ("get", "/api/search?q=x"),
                             ("get", "/api/articles/1"), ("get", "/api/events"), ("get", "/openapi.json"),
                             ("get", "/docs")):
            answer = getattr(guarded, method)(path, **({"json": {"text": "سلام"}} if method == "post" else {}))
            assert answer.status_code == 401, path
            no_trace(answer)
        assert guarded.get("/api/health").status_code == 200
        assert guarded.get("/").status_code == 200 and guarded.get("/static/app.js").status_code == 200
        wrong = guarded.post("/api/repair", json={"text": "سلام"}, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        right = guarded.post("/api/repair", json={"text": "سلام"}, headers={"Authorization": "Bearer s3cret"})
        assert right.status_code == 200
    with TestClient(create_app(corpus, token="s3cret", open_corpus=True)) as half_open:
        assert half_open.get("/api/search", params={"q": "بيروت"}).status_code == 200
        assert half_open.post("/api/analyze", json={"text": "سلام"}).status_code == 401


def test_rate_limit_per_client() -> None:
    with TestClient(create_app(rate_limit=3)) as limited:
        answers = [limited.post("/api/repair", json={"text": "سلام"}).status_code for _ in range(4)]
        assert answers == [200, 200, 200, 429]
        refused = limited.post("/api/analyze", json={"text": "سلام"})
        assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
        no_trace(refused)
        assert limited.get("/api/health").status_code == 200  # only analysis and repair are limited


def test_rate_limit_bucket_refills() -> None:
    from khabar.serve.middleware import RateLimit

    now = [0.0]
    bucket = RateLimit(lambda *a: None, per_minute=60, clock=lambda: now[0])  # type: ignore[arg-type,return-value]
    assert [bucket._take("a") for _ in range(60)] == [0.0] * 60
    assert bucket._take("a") > 0 and bucket._take("b") == 0.0
    now[0] += 1.0  # one second: one more request
    assert bucket._take("a") == 0.0 and bucket._take("a") > 0


def test_serving_beyond_loopback_needs_a_token() -> None:
    from khabar.serve import run

    with pytest.raises(ValueError, match="token"):
        run(None, host="0.0.0.0")


def test_hostile_inputs_get_clear_answers(db_client: TestClient) -> None:
    # issue 16: each of these answered 500 or an undocumented 400
    surrogate = db_client.post("/api/analyze", content=b'{"text": "\\ud800 \xd9\x82\xd8\xa7\xd9\x84"}',
                               headers={"content-type": "application/json"})
    assert surrogate.status_code == 200 and surrogate.json()["text"].startswith("\ufffd")
    assert db_client.post("/api/repair", content=b'{"text": "\\udcff"}',
                          headers={"content-type": "application/json"}).status_code == 200
    huge = db_client.get("/api/articles/9223372036854775808")
    assert huge.status_code == 404
    no_trace(huge)
    bad = db_client.post("/api/analyze", content=b'{"text": "\xff\xfe"}', headers={"content-type": "application/json"})
    assert bad.status_code == 422 and "UTF-8" in bad.json()["error"]
    assert db_client.get("/api/search?q=%ED%B3%BF").status_code == 200  # percent-encoded invalid UTF-8


@pytest.mark.parametrize(("body", "message"), [
    ({}, "missing text"),
    ({"txt": "سلام"}, "missing text"),
    ({"text": 5}, "text: "),
    ({"text": None}, "text: "),
    ({"text": ["سلام"]}, "text: "),
    ([1, 2], "the body must be a JSON object"),
    ("سلام", "the body must be a JSON object"),
])
def test_bad_text_is_422(client: TestClient, body: Any, message: str) -> None:
    for path in ("/api/repair", "/api/analyze"):
        response = client.post(path, json=body)
        assert response.status_code == 422, (path, response.text)
        no_trace(response)
        assert response.json()["error"].startswith(message), response.json()
        assert isinstance(response.json()["detail"], list)


def test_invalid_json_and_form_body(client: TestClient) -> None:
    response = client.post("/api/analyze", content=b'{"text": "abc', headers={"content-type": "application/json"})
    assert response.status_code == 422 and response.json()["error"] == "the body is not valid JSON"
    no_trace(response)
    response = client.post("/api/analyze", data={"text": "سلام"})
    assert response.status_code == 422
    no_trace(response)
    response = client.post("/api/analyze/file", content=b'{"text": "x"}',  # found by bench/fuzz.py --api: was 400
                           headers={"content-type": "multipart/form-data; boundary=zz"})
    assert response.status_code == 422 and "multipart" in response.json()["error"]
    no_trace(response)


@pytest.mark.parametrize("published", ["yesterday", "2024-13-01", "أمس", 20240101])
def test_bad_date_is_422(client: TestClient, published: Any) -> None:
    response = client.post("/api/analyze", json={"text": "زار بيروت", "published": published})
    assert response.status_code == 422
    no_trace(response)


def test_body_too_large_is_413() -> None:
    small = TestClient(create_app(max_bytes=2_000))
    response = small.post("/api/analyze", json={"text": "ا" * 5_000})
    assert response.status_code == 413
    no_trace(response)
    assert "2000 bytes" in response.json()["error"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the body is counted as it streams
        yield b'{"text": "'
        for _ in range(10):
            yield "سلام ".encode() * 100
        yield b'"}'

    response = small.post("/api/repair", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413
    no_trace(response)
    assert small.post("/api/repair", json={"text": "سلام"}).status_code == 200


def test_not_found_and_wrong_method(client: TestClient) -> None:
    for response in (client.get("/api/nothing"), client.get("/<script>alert(1)</script>"),
                     client.delete("/api/repair"), client.get("/api/repair")):
        assert response.status_code in (404, 405)
        no_trace(response)
        assert "<script>" not in response.text


def test_internal_error_is_500_without_trace(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
                                            ) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(sys.modules["khabar.serve.text_routes"], "run_repair", broken)
    crashing = TestClient(create_app(), raise_server_exceptions=False)
    with caplog.at_level(logging.ERROR, logger="khabar.serve"):
        response = crashing.post("/api/repair", json={"text": "سلام"})
    assert response.status_code == 500
    assert response.json() == {"error": "internal error"}
    assert "secret" not in response.text
    assert any("secret internal detail" in str(r.exc_info) for r in caplog.records)


def test_corpus_endpoints_without_db_are_503(client: TestClient) -> None:
    for path in ("/api/search?q=بيروت", "/api/articles/1", "/api/entities", "/api/speakers", "/api/events"):
        response = client.get(path)
        assert response.status_code == 503, path
        no_trace(response)
        assert "--db" in response.json()["error"]


def test_missing_db_fails_at_creation(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        create_app(tmp_path / "none.db")
    (tmp_path / "junk.db").write_bytes(b"not sqlite" * 100)
    with pytest.raises(StoreError):
        create_app(tmp_path / "junk.db")


# ---------------------------------------------------------------- corpus endpoints


def test_health_with_db(db_client: TestClient, corpus: Path) -> None:
    data = db_client.get("/api/health").json()
    assert data["status"] == "ok" and data["articles"] == 3 and data["db"] == str(corpus)


def test_search_normalized_query(db_client: TestClient) -> None:
    response = db_client.get("/api/search", params={"q": "الامم المتحدة"})
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == 2
    hits = {hit["doc_id"]: hit for hit in data["results"]}
    assert set(hits) == {"un-gaza", "inject"}
    assert "ل[لأمم المتحدة]" in hits["un-gaza"]["snippet"]
    assert [p["text"] for p in hits["un-gaza"]["snippet_parts"] if p["match"]] == ["لأمم المتحدة"]
    assert "".join(p["text"] for p in hits["inject"]["snippet_parts"]).count("<b>") == 1
    facets = data["facets"]
    assert {f["value"] for f in facets["entity"]} >= {"الأمم المتحدة", "غزة"}
    assert [m["value"] for m in facets["month"]] == ["2024-03", "2024-04"]
    assert {f["value"] for f in facets["speaker"]} >= {"أنطونيو غوتيريش"}


def test_search_filters(db_client: TestClient) -> None:
    def ids(**params: Any) -> list[str]:
        response = db_client.get("/api/search", params=params)
        assert response.status_code == 200, response.text
        return sorted(hit["doc_id"] for hit in response.json()["results"])

    assert ids() == ["beirut-blast", "inject", "un-gaza"]
    assert ids(q="الامم المتحدة", place="غزة") == ["un-gaza"]
    assert ids(entity="ميشال عون") == ["beirut-blast"]
    assert ids(speaker="سامح شكري") == ["inject"]
    assert ids(since="2024-04", until="2024-04") == ["beirut-blast", "inject"]
    assert ids(since="2024-04-15") == ["inject"]
    assert ids(until="2024") == ["beirut-blast", "inject", "un-gaza"]
    assert ids(limit=1, offset=1) and len(ids(limit=1, offset=1)) == 1
    assert ids(q="كلمةغيرموجودةأبدا") == []


@pytest.mark.parametrize("params", [
    {"limit": 0}, {"limit": 101}, {"limit": "abc"}, {"offset": -1}, {"since": "yesterday"},
    {"until": "2024-02-30"}, {"since": "2024-13"}, {"q": "x" * 1001},
])
def test_search_bad_parameters_are_422(db_client: TestClient, params: dict[str, Any]) -> None:
    response = db_client.get("/api/search", params=params)
    assert response.status_code == 422, response.text
    no_trace(response)


def test_article(db_client: TestClient) -> None:
    first = db_client.get("/api/search", params={"q": "غوتيريش"}).json()["results"][0]
    response = db_client.get(f"/api/articles/{first['id']}")
    assert response.status_code == 200
    article = response.json()
    assert article["doc_id"] == "un-gaza" and article["title"] == "غوتيريش يطالب بإدخال المساعدات"
    assert "للأمم المتحدة" in article["text"] and "tokens" not in article["analysis"]
    assert any(e["text"] == "غزة" for e in article["analysis"]["entities"])
    for path, status in (("/api/articles/9999", 404), ("/api/articles/abc", 422), ("/api/articles/-1", 404)):
        response = db_client.get(path)
        assert response.status_code == status, path
        no_trace(response)
    assert db_client.get("/api/articles/9999").json() == {"error": "no article 9999"}


def test_event_map(db_client: TestClient) -> None:
    found = db_client.get("/api/events").json()
    assert found["events"] >= 1 and found["totals"]["killed"] >= 12
    beirut = next(p for p in found["places"] if p["link"] == "geonames:276781")
    assert beirut["killed"] == 12 and beirut["lat"] == pytest.approx(33.89, abs=0.1)
    assert db_client.get("/api/events", params={"type": "vote"}).json()["places"] == []
    assert db_client.get("/api/events", params={"q": "غوتيريش"}).json()["events"] == 0
    hits = db_client.get("/api/search", params={"event": beirut["types"] and next(iter(beirut["types"]))}).json()
    assert [h["doc_id"] for h in hits["results"]] == ["beirut-blast"]
    bad = db_client.get("/api/events", params={"since": "yesterday"})
    assert bad.status_code == 422
    no_trace(bad)


def test_entities_and_speakers(db_client: TestClient) -> None:
    entities = db_client.get("/api/entities").json()
    assert {"name", "label", "link", "articles", "mentions"} <= set(entities[0])
    assert entities[0]["articles"] >= entities[-1]["articles"]
    places = db_client.get("/api/entities", params={"label": "LOC", "limit": 2}).json()
    assert len(places) == 2 and {p["label"] for p in places} == {"LOC"}
    assert places[0]["name"] == "بيروت" and places[0]["link"] == "geonames:276781"
    speakers = db_client.get("/api/speakers", params={"limit": 10}).json()
    assert {s["name"] for s in speakers} >= {"ميشال عون", "أنطونيو غوتيريش", "سامح شكري"}
    for params in ({"label": "PERSON"}, {"limit": 0}, {"limit": "many"}):
        response = db_client.get("/api/entities", params=params)
        assert response.status_code == 422
        no_trace(response)
    assert db_client.get("/api/speakers", params={"limit": -3}).status_code == 422


# ---------------------------------------------------------------- docs, web app, injection


def test_openapi_and_offline_docs(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/api/repair", "/api/analyze", "/api/search", "/api/articles/{article}", "/api/entities",
            "/api/speakers", "/api/health"} <= set(schema["paths"])
    for page in ("/docs", "/redoc"):
        html = client.get(page).text
        assets = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html) + re.findall(r"url: *'([^']+)'", html)
        assert assets, page
        for asset in assets:
            assert asset.startswith("/"), f"{page} loads {asset} from outside"
            assert client.get(asset).status_code == 200, asset


def test_web_app_is_served_with_a_strict_policy(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert 'dir="rtl"' in response.text and 'lang="ar"' in response.text
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    for asset in ("/static/app.js", "/static/app.css", "/static/favicon.svg", "/favicon.ico"):
        assert client.get(asset).status_code == 200, asset
    for path in re.findall(r"""(?:src|href)=["']([^"'#]+)["']""", response.text):
        assert path.startswith("/"), f"the page loads {path} from outside"
    assert client.get("/api/health").headers["x-content-type-options"] == "nosniff"


def test_html_in_articles_is_data_not_markup(db_client: TestClient) -> None:
    """Article text with markup comes back as JSON strings; the page only ever puts text into text nodes."""
    response = db_client.get("/api/search", params={"q": "القاهرة"})
    assert response.headers["content-type"].startswith("application/json")
    hit = response.json()["results"][0]
    assert hit["title"] == "<img src=x onerror=alert(1)> اجتماع القاهرة"
    script = (STATIC / "app.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in script, sink
    assert "<script" not in (STATIC / "index.html").read_text(encoding="utf-8").replace(
        '<script src="/static/app.js" defer></script>', "")


# ---------------------------------------------------------------- bounded work: the worker-process pool


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (Linux /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


#: far more than a second of analysis (about 400,000 characters, 700 KB of JSON: under the 1 MB body limit)
LONG = ("قال الرئيس اللبناني ميشال عون إن 12 شخصا قتلوا في انفجار في بيروت. " * 6000).strip()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process tree from /proc")
def test_a_real_server_bounds_each_analysis(corpus: Path, tmp_path: Path) -> None:
    """``khabar serve --workers 1 --analysis-timeout 1 --max-queue 0`` in a subprocess: while a long analysis
    runs, health and search answer and a second analysis is refused with 503; the long one ends with 504 and its
    worker is killed and replaced; the next analysis is answered by the new worker."""
    import subprocess
    import threading
    import time

    import httpx

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = (tmp_path / "server.log").open("wb")  # closed when the server has stopped
    server = subprocess.Popen([sys.executable, "-m", "khabar", "serve", "--db", str(corpus), "--port", str(port),
                               "--workers", "1", "--analysis-timeout", "1", "--max-queue", "0"],
                              stdout=subprocess.DEVNULL, stderr=log)
    try:
        for _ in range(600):
            try:
                if httpx.get(f"{base}/api/health", timeout=5).json()["model_loaded"]:
                    break
            except httpx.HTTPError:
                pass
            assert server.poll() is None, (tmp_path / "server.log").read_text(errors="replace")
            time.sleep(0.2)
        else:
            pytest.fail("the server did not start")
        with httpx.Client(base_url=base, timeout=120) as http:
            assert http.post("/api/repair", json={"text": DAMAGED}).json()["counts"] == {"space": 1, "hamza": 1}
            workers_before = _descendants(server.pid)
            busy = None
            for _attempt in range(20):  # a small analysis sent first may take the worker: the long one gets 503
                answers: list[httpx.Response] = []
                long_one = threading.Thread(target=lambda into=answers: into.append(
                    http.post("/api/analyze", json={"text": LONG})))
                long_one.start()
                while long_one.is_alive():  # until the long analysis holds the only worker
                    answer = http.post("/api/analyze", json={"text": "زار الوزير بيروت."})
                    if answer.status_code == 503:
                        busy = answer
                        break
                    assert answer.status_code == 200, answer.text
                if busy is not None:
                    break
                long_one.join()
                assert answers[0].status_code == 503, answers[0].text
            assert busy is not None, "no 503 while the only worker was busy"
            no_trace(busy)
            assert "busy" in busy.json()["error"] and busy.headers["Retry-After"] == "5"
            health = http.get("/api/health")  # the event loop is free while a worker analyzes
            assert health.status_code == 200 and health.json()["articles"] == 3
            assert http.get("/api/search", params={"q": "بيروت"}).json()["total"] == 2
            long_one.join()
            over = answers[0]
            assert over.status_code == 504, over.text
            no_trace(over)
            assert "time budget of 1 s" in over.json()["error"]
            for _ in range(300):  # the replacement joins within seconds
                answer = http.post("/api/analyze", json={"text": "زار الوزير بيروت أمس."})
                if answer.status_code != 503:
                    break
                time.sleep(0.1)
            assert answer.status_code == 200
            assert [e["text"] for e in answer.json()["entities"] if e["label"] == "LOC"] == ["بيروت"]
            workers_after = _descendants(server.pid)
            gone = workers_before - workers_after
            assert len(gone) == 1 and len(workers_after - workers_before) == 1  # the worker killed, a new one
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()
    for _ in range(100):  # the fork server and resource tracker leave when they see the server gone
        left = {pid: Path(f"/proc/{pid}/cmdline").read_text(errors="replace") for pid in workers_after
                if Path(f"/proc/{pid}").exists()}
        if not left:
            break
        time.sleep(0.1)
    assert not left, f"processes left running after the server stopped: {left}"


def test_pool_recycles_a_worker_whose_memory_grew() -> None:
    """A worker that grew past ``recycle_mb`` is replaced after its answer (here every worker: 0 MB allowed)."""
    import time

    from khabar.serve.pool import ProcessPool

    pool = ProcessPool(1, timeout=60, max_queue=0, recycle_mb=-1)
    pool.start()
    try:
        first = pool.pids()
        assert b'"counts"' in pool.run("repair", (DAMAGED, "\u00ab\u00bb", 0.5))
        for _ in range(600):
            if pool.pids() and pool.pids() != first:
                break
            time.sleep(0.1)
        assert pool.pids() and pool.pids() != first and pool.replaced == 1
        assert b'"counts"' in pool.run("repair", (DAMAGED, "\u00ab\u00bb", 0.5))
    finally:
        pool.close()
    assert pool.pids() == []


def test_large_texts_leave_a_worker_for_short_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    """With 2 workers, tasks on texts of ``large_chars`` or more run one at a time while short ones run beside
    them; beyond ``workers + max_queue`` tasks a new one is Busy (503). The workers are replaced by a stand-in."""
    import threading
    import time

    from khabar.serve.pool import Busy, ProcessPool

    pool = ProcessPool(2, max_queue=20, large_chars=100)  # not started: no process
    lock = threading.Lock()
    inside: list[str] = []
    most = {"large": 0, "both": 0}

    def stand_in(kind: str, args: tuple[Any, ...], wait: float) -> bytes:
        with lock:
            inside.append(kind)
            most["large"] = max(most["large"], inside.count("large"))
            most["both"] = max(most["both"], int("large" in inside and "small" in inside))
        time.sleep(0.05)
        with lock:
            inside.remove(kind)
        return b"{}"

    monkeypatch.setattr(pool, "_run", stand_in)
    tasks = [("large", "x" * 100)] * 6 + [("small", "x" * 99)] * 6
    threads = [threading.Thread(target=pool.run, args=(kind, (text,)), kwargs={"size": len(text)})
               for kind, text in tasks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most == {"large": 1, "both": 1}

    busy = ProcessPool(1, max_queue=0)
    release = threading.Event()
    monkeypatch.setattr(busy, "_run", lambda *_a: release.wait(10) and b"{}")
    first = threading.Thread(target=busy.run, args=("analyze", ("x",)))
    first.start()
    for _ in range(100):  # until the first task holds the only slot
        if busy._slots._value == 0:  # type: ignore[attr-defined]
            break
        time.sleep(0.01)
    with pytest.raises(Busy):
        busy.run("analyze", ("y",))
    release.set()
    first.join()
    assert busy.run("analyze", ("z",)) == b"{}"


def test_a_worker_that_dies_during_a_request_answers_503_not_500() -> None:
    from khabar.serve.pool import WorkerLost

    class DyingPool:
        workers, max_queue, timeout, ready = 1, 0, 1.0, True

        def start(self) -> None: ...

        def close(self) -> None: ...

        def run(self, kind: str, args: tuple, size: int = 0) -> bytes:
            raise WorkerLost("exit code -9")

    app = create_app()
    with TestClient(app) as test_client:
        app.state.pool = DyingPool()
        answer = test_client.post("/api/analyze", json={"text": "قال الوزير إن الوضع هادئ."})
    assert answer.status_code == 503
    assert answer.headers["retry-after"] == "5"
    assert "exit code" not in answer.text  # no internals in the answer
