"""End to end: headless Chromium (Debian's, driven by the PyPI playwright package) searches a
person, reads his timeline with dates and sources, and draws the graph view."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        msg = "no /usr/bin/chromium: run `make browser` (tools/browser/install.sh)"
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    p = ctx.new_page()
    outside: list[str] = []
    p.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:")) else None)
    p.outside_requests = outside
    yield p
    ctx.close()


def test_search_person_timeline_and_sources(server, page, artifacts_dir):
    page.goto(server.url + "/")
    page.fill("#q", "Huỳnh Quốc Việt")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"/search\?q="))
    people = page.locator("#results-person a")
    assert people.count() >= 1
    people.filter(has_text="Huỳnh Quốc Việt").first.click()
    page.wait_for_url(re.compile(r"/person\?id="))
    assert page.locator("h1").inner_text() == "Huỳnh Quốc Việt"

    rows = page.locator("#timeline .tl-row")
    assert rows.count() >= 3
    texts = [rows.nth(i).inner_text() for i in range(rows.count())]
    chair = [t for t in texts if "Chủ tịch" in t and "Ủy ban nhân dân tỉnh Cà Mau" in t]
    assert chair, texts
    assert "2022-01-07" in chair[0]  # the date, as text beside the bar
    # a bar is drawn for each dated post
    assert page.locator("#timeline .tl-bar").count() >= 3
    # the article behind each post, with its quote
    evidence = page.locator(".evidence").inner_text()
    assert "seed-camau-2022-01-07" in evidence
    assert "Huỳnh Quốc Việt, Ủy viên dự khuyết Ban Chấp hành Trung ương Đảng" in evidence
    page.screenshot(path=str(artifacts_dir / "person-huynh-quoc-viet.png"), full_page=True)
    assert (artifacts_dir / "person-huynh-quoc-viet.png").stat().st_size > 10_000
    assert page.outside_requests == []

    # the graph view from his page: Cytoscape draws his neighbourhood on a canvas
    page.click("text=graph view")
    page.wait_for_url(re.compile(r"/graph\?id="))
    page.wait_for_function("() => window.cy && window.cy.nodes().length > 0", timeout=20_000)
    assert page.evaluate("window.cy.nodes().length") > 3
    assert page.evaluate("window.cy.edges().length") > 0
    assert page.evaluate("window.cy.nodes('[?center]').map(n => n.data('full'))") == ["Huỳnh Quốc Việt"]
    assert page.locator("#cy-graph canvas").count() > 0
    page.screenshot(path=str(artifacts_dir / "graph-huynh-quoc-viet.png"))
    assert page.outside_requests == []


def test_graph_overview_and_accentless_search(server, page):
    page.goto(server.url + "/graph")
    page.wait_for_function("() => window.cy && window.cy.nodes().length > 0", timeout=20_000)
    assert page.evaluate("window.cy.nodes().length") >= 20
    page.goto(server.url + "/search?q=uy+ban+nhan+dan+tinh+ca+mau")
    assert "Ủy ban nhân dân tỉnh Cà Mau" in page.locator("#results-org").inner_text()
    page.locator("#results-org a", has_text="Ủy ban nhân dân tỉnh Cà Mau").first.click()
    page.wait_for_url(re.compile(r"/org\?id="))
    assert "Huỳnh Quốc Việt" in page.locator("#timeline").inner_text()
