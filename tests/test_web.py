"""The web page in headless Chromium (Debian's, driven by Playwright): every view works and
hostile article content runs nothing. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from dateline.serve import create_app
from dateline.store import Store
from tests.browser import CHROMIUM, launch
from tests.conftest import ROOT

SHOTS = ROOT / "artifacts" / "screenshots"

if not CHROMIUM.exists():
    pytest.skip(
        "browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium; .ci/run does)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="browser tests need playwright (pip install -e '.[dev]')"
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base_url(served_db) -> Iterator[str]:
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(served_db), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 1400, "height": 950})
    pg = context.new_page()
    pg.problems = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.problems.append(f"page error: {e}"))
    pg.on("dialog", lambda d: (pg.problems.append(f"dialog: {d.message}"), d.dismiss()))
    yield pg
    context.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def ready(page, view: str, part: str = "") -> None:
    """Wait until the page has drawn `view` (with `part` in its route); no error shown.

    Waits through attributes, not page-side predicates: the page's CSP forbids the string
    evaluation that Playwright's wait_for_function uses."""
    rendered = re.compile("^#/" + re.escape(view) + ".*" + re.escape(part))
    sync_api.expect(page.locator("body")).to_have_attribute("data-rendered", rendered, timeout=15000)
    assert page.locator("#error").is_hidden(), page.locator("#error").text_content()


def test_events_timeline_and_filters(page):
    page.goto("/")
    ready(page, "events")
    rows = page.locator("tr.event-row")
    assert rows.count() > 10
    assert page.locator("#timeline svg .bar").count() >= 3
    sync_api.expect(page.locator("#stats")).to_contain_text("events")
    shot(page, "events")
    page.select_option("#f-type", "CONSULT")
    page.click("#apply")
    ready(page, "events", "type=CONSULT")
    types = page.locator("tr.event-row").evaluate_all("rows => rows.map(r => r.dataset.type)")
    assert types and set(types) == {"CONSULT"}
    assert page.locator("#events-total").text_content() == f"({len(types)})"
    shot(page, "events-consult")
    assert not page.problems  # type: ignore[attr-defined]


def test_search_finds_articles_and_actors(page):
    page.goto("/")
    ready(page, "events")
    page.fill("#search-q", "Siregar")
    page.click("#search-form button")
    ready(page, "search", "Siregar")
    results = page.locator("#search-results li.result")
    assert results.count() >= 1
    assert page.locator("#search-results mark").first.text_content().casefold() == "siregar"
    assert page.locator("#search-actors a.actor").count() >= 1
    shot(page, "search")


def test_article_highlights_and_evidence_link(page):
    page.goto("/")
    ready(page, "events")
    link = page.locator("a.evidence-link").first
    evidence = link.get_attribute("href")
    link.click()
    ready(page, "article")
    text = page.locator("#article-text")
    for cls in ("ent", "time", "evidence"):
        assert text.locator(f"span.{cls}").count() >= 1, cls
    focused = text.locator("span.focus")
    assert (
        focused.count() >= 1
        and evidence
        and evidence.endswith(focused.first.get_attribute("data-refs").split()[0])
    )
    focused.first.hover()
    tip = page.locator("#tooltip")
    tip.wait_for(state="visible")
    assert "event" in tip.text_content()
    text.locator("span.ent").first.hover()
    assert " · " in tip.text_content()
    shot(page, "article")


def test_article_with_quotes_is_highlighted(page, served_db):
    with Store(served_db, read_only=True) as store:
        doc_id = store.con.execute("SELECT doc_id FROM quotes LIMIT 1").fetchone()[0]
    page.goto(f"/#/article/{doc_id}")
    ready(page, "article")
    assert page.locator("#article-text span.quote").count() >= 1
    assert page.locator("#article-text span.place").count() >= 1


def test_map_draws_countries_and_markers(page):
    page.goto("/#/map")
    ready(page, "map")
    assert page.locator("#map path.country").count() > 150
    markers = page.locator("#map circle.marker")
    assert markers.count() >= 3
    shot(page, "map")
    box = page.locator("#map svg").bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.55, box["y"] + box["height"] * 0.2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.95, box["y"] + box["height"] * 0.7, steps=5)
    page.mouse.up()
    ready(page, "events", "bbox=")
    assert page.locator("input[name=bbox]").input_value().count(",") == 3


def test_network_draws_nodes_and_weighted_edges(page):
    page.goto("/#/network")
    ready(page, "network")
    assert page.locator("#network g.node").count() >= 4
    edges = page.locator("#network line.edge")
    assert edges.count() >= 2
    widths = edges.evaluate_all("es => es.map(e => [+e.dataset.weight, +e.getAttribute('stroke-width')])")
    heaviest = max(widths)
    assert all(w <= heaviest[1] for _, w in widths)
    shot(page, "network")
    page.locator("#network g.node").first.click()
    ready(page, "actor")
    assert page.locator("#view-actor h2").text_content()
    shot(page, "actor")


def test_hostile_article_runs_nothing(page, served_db):
    with Store(served_db, read_only=True) as store:
        doc_id = store.con.execute("SELECT id FROM articles WHERE text LIKE '%onerror%'").fetchone()[0]
    page.goto("/#/search?q=" + "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    ready(page, "search")
    page.goto(f"/#/article/{doc_id}")
    ready(page, "article")
    article = page.locator("#view-article")
    assert "<script>window.__pwned" in article.locator("h2.article-title").text_content()
    body = page.locator("#article-text").text_content()
    assert "onerror=" in body and "javascript:" in body and "<a href" in body
    for selector in ("script", "img", "a[href^='javascript']", "[onerror]"):
        assert article.locator(selector).count() == 0, selector
    page.locator("#article-text").click()
    page.get_by_text("click here").first.click()
    for span in page.locator("#article-text span").all()[:20]:
        span.hover()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned === undefined")
    assert not page.problems  # type: ignore[attr-defined]
    shot(page, "hostile-article")


def test_api_docs_render_offline_under_the_csp(page):
    page.goto("/docs")
    page.wait_for_selector(".opblock", timeout=15000)
    assert page.locator(".opblock").count() >= 9
    assert not page.problems  # type: ignore[attr-defined]
    shot(page, "api-docs")
