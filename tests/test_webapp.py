"""The web app in a real browser: headless Chromium driven by Playwright against the app served by uvicorn.

Skipped when the playwright package or Chromium (``/usr/bin/chromium``, or ``KHABAR_CHROMIUM``) is missing.
Screenshots go to ``$KHABAR_SCREENSHOTS`` (default: pytest's temporary folder).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from khabar.batch import Document
from khabar.store import Store

CHROMIUM = os.environ.get("KHABAR_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DAMAGED = 'قال الوزير:"سنبدأ غدا" في بيروت. وقالالرئيس اللبناني ميشال عون ان 12 شخصا قتلوا في الانفجار.'
INJECTION = '<img src=x onerror="window.__pwned = 1"><script>window.__pwned = 2</script>'
ARTICLES = [
    Document("un-gaza", "بيروت - قال الأمين العام للأمم المتحدة أنطونيو غوتيريش إن «المساعدات يجب أن تصل إلى غزة "
             "فورا». وأضاف أن 20 شاحنة دخلت القطاع أمس.", "feed:1",
             {"title": "غوتيريش يطالب بإدخال المساعدات", "published": "2024-03-05"}),
    Document("beirut-blast", "وقالالرئيس اللبناني ميشال عون ان 12 شخصا قتلوا في انفجار في بيروت.", "feed:2",
             {"title": "انفجار في بيروت", "published": "2024-04-10"}),
    Document("inject", INJECTION + " قال وزير الخارجية المصري سامح شكري إن الاجتماع سيعقد في القاهرة مع الأمم "
             "المتحدة.", "feed:3", {"title": '<img src=x onerror="window.__pwned = 3"> اجتماع القاهرة',
                                    "published": "2024-04-20"}),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app, over a three-article corpus, served by uvicorn in a background thread."""
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set KHABAR_CHROMIUM)")
    pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    import uvicorn

    from khabar.serve import create_app

    db = tmp_path_factory.mktemp("webapp") / "c.db"
    with Store(db) as store:
        assert [r.status for r in store.ingest(ARTICLES)] == ["stored"] * 3
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser(base_url: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    """A fresh page that may load nothing from outside the server: any other request is refused and
    recorded (the test then fails), and so is any script error."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="ar")
    tab = context.new_page()
    outside: list[str] = []
    errors: list[str] = []

    def only_local(route: Any) -> None:
        if route.request.url.startswith(base_url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    tab.route("**/*", only_local)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.set_default_timeout(30_000)
    yield tab
    context.close()
    assert outside == [], f"the page asked for outside resources: {outside}"
    assert errors == [], f"script errors: {errors}"


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("KHABAR_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def screenshot(tab: Any, path: Path) -> None:
    tab.screenshot(path=str(path), full_page=True)
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 5_000, path


def expect(locator: Any) -> Any:
    """Playwright's auto-waiting assertions (polling from outside the page: its policy forbids eval)."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def test_analyse_page(page: Any, base_url: str, shots: Path) -> None:
    page.goto(base_url + "/")
    assert page.get_attribute("html", "dir") == "rtl" and page.get_attribute("html", "lang") == "ar"
    page.fill("#text", DAMAGED + " " + INJECTION)
    page.fill("#published", "2024-05-01")
    page.click("#analyse-button")
    page.wait_for_selector("#analyse-result .pane.repaired mark.edit")

    repaired = page.locator("#analyse-result .pane.repaired .text")
    assert "وقال الرئيس اللبناني ميشال عون إن 12" in repaired.inner_text()
    assert "وقالالرئيس" in page.locator("#analyse-result .pane.original .text").inner_text()
    hamza = page.locator("#analyse-result .pane.repaired mark.edit-hamza")
    assert hamza.inner_text() == "إ"
    assert "الهمزة" in hamza.get_attribute("title") and "«إن»" in hamza.get_attribute("title")
    assert "مسافة مفقودة" in page.locator("#analyse-result .pane.original mark.edit-space").get_attribute("title")
    assert page.locator("#analyse-result .pane.repaired .ent-LOC").first.inner_text() == "بيروت"
    assert page.locator("#analyse-result .pane.repaired .ent-PER").first.inner_text() == "ميشال عون"
    quotes = page.locator("#analyse-result .quote").all_inner_texts()
    assert any("الوزير" in q and "سنبدأ غدا" in q for q in quotes), quotes
    assert "قتلى" in page.locator("#analyse-result .view-facts table").inner_text()
    assert page.locator("#analyse-result .view-edits tbody tr").count() == 2
    # the interface shows no raw English code of the JSON
    # (the reasons of the edits are English sentences, written for people; their kinds are named in Arabic)
    kinds = page.locator("#analyse-result .view-edits tbody td:first-child").all_inner_texts()
    shown = " ".join([*kinds, page.locator("#analyse-result .chips").first.inner_text(),
                      page.locator("#analyse-result .view-facts").inner_text(),
                      page.locator("#analyse-result .view-quotes").inner_text(),
                      page.locator("#analyse-result .pane.repaired h3").inner_text()])
    for code in ("killed", "hamza", "space", "quote", "politics", "middle_east", "people_other", "indirect"):
        assert code not in shown, code
    # the edits table takes the whole width, not a third of it
    edits = page.locator("#analyse-result .view-edits").bounding_box()
    analysis = page.locator("#analyse-result .analysis").bounding_box()
    assert edits["width"] > 0.9 * analysis["width"]

    # the markup in the text is shown as text, never run
    assert INJECTION in repaired.inner_text()
    assert page.locator("#analyse-result img, #analyse-result script").count() == 0
    assert page.evaluate("window.__pwned") is None
    screenshot(page, shots / "analyse.png")


def test_phone_width_does_not_scroll_sideways(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ar")
    tab = context.new_page()
    try:
        tab.goto(base_url + "/")
        tab.fill("#text", DAMAGED)
        tab.click("#analyse-button")
        tab.wait_for_selector("#analyse-result .view-edits")
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
        tab.goto(base_url + "/#/corpus?q=بيروت")
        tab.wait_for_selector(".results li")
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


def test_analyse_uploaded_file(page: Any, base_url: str, tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("زار الوزير بيروت أمس.".encode("cp1256"))
    page.goto(base_url + "/")
    page.set_input_files("#file", str(path))
    page.click("#analyse-button")
    page.wait_for_selector("#analyse-result .ent-LOC")
    assert page.input_value("#text") == "زار الوزير بيروت أمس."


def test_corpus_page(page: Any, base_url: str, shots: Path) -> None:
    page.goto(base_url + "/#/corpus")
    page.wait_for_selector("#speakers li button")  # people most quoted
    assert "ميشال عون" in page.locator("#speakers").inner_text()
    page.wait_for_selector("#event-map circle.place-dot")  # where the events of the corpus happened
    assert page.locator('#event-map circle.place-dot[data-place="بيروت"]').count() == 1
    assert "12 قتيلا" in page.locator("#event-map").inner_text()
    screenshot(page, shots / "event-map.png")
    page.fill("#q", "الامم المتحدة")
    page.click("#search-button")
    page.wait_for_selector("#results mark")
    results = page.locator("#results li")
    assert results.count() == 2
    assert {text.strip() for text in page.locator("#results mark").all_inner_texts()} >= {"لأمم المتحدة"}
    assert page.locator("#timeline svg rect.bar").count() == 2
    titles = page.locator("#results .result-title").all_inner_texts()
    assert '<img src=x onerror="window.__pwned = 3"> اجتماع القاهرة' in titles
    assert page.locator("#results img, #results script").count() == 0
    screenshot(page, shots / "corpus.png")

    page.click('#facets button[data-kind="place"][data-value="غزة"]')
    expect(page.locator("#results li")).to_have_count(1)
    assert "place=" in page.evaluate("location.hash")
    assert "غزة" in page.locator("#filters").inner_text()
    assert page.locator("#results .result-title").inner_text() == "غوتيريش يطالب بإدخال المساعدات"

    page.click("#results .result-title")
    page.wait_for_selector("#article .analysis .pane.repaired .ent-LOC")
    assert page.locator("#article .article-title").inner_text() == "غوتيريش يطالب بإدخال المساعدات"
    assert "للأمم المتحدة" in page.locator("#article .pane.repaired").inner_text()
    assert page.locator("#article .ent-ORG").count() >= 1
    screenshot(page, shots / "article.png")
    page.click("#back")
    page.wait_for_selector("#results mark")
    assert page.evaluate("window.__pwned") is None


def test_month_bar_filters(page: Any, base_url: str) -> None:
    page.goto(base_url + "/#/corpus")
    page.wait_for_selector('#timeline rect.bar[data-month="2024-04"]')
    page.click('#timeline rect.bar[data-month="2024-04"]')
    expect(page.locator("#results li")).to_have_count(2)
    expect(page.locator("#filters")).to_contain_text("2024-04")
    assert "since=2024-04" in page.evaluate("location.hash")


def test_api_docs_offline(page: Any, base_url: str, shots: Path) -> None:
    pytest.importorskip("fastapi_offline", reason="the Swagger UI files come from the package fastapi-offline")
    page.goto(base_url + "/docs")
    page.wait_for_selector(".opblock-summary-path")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/search" in paths and "/api/analyze" in paths
    screenshot(page, shots / "docs.png")


def test_a_server_with_a_token_asks_for_it_once(browser: Any, tmp_path: Path) -> None:
    import uvicorn

    from khabar.serve import create_app

    db = tmp_path / "t.db"
    with Store(db) as store:
        list(store.ingest(ARTICLES))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db, token="s3cret"), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    context = browser.new_context(locale="ar")
    tab = context.new_page()
    asked: list[str] = []

    def answer(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.accept("s3cret")

    tab.on("dialog", answer)
    try:
        tab.goto(f"http://127.0.0.1:{port}/#/corpus")
        tab.wait_for_selector("#results li", timeout=30_000)  # the corpus answered, with the token
        assert len(asked) == 1  # asked once, then kept for the tab
    finally:
        context.close()
        server.should_exit = True
        thread.join(10)
