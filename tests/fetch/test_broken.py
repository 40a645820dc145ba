"""Broken input from a real server: each failure is reported with its URL and reason, the rest of
the run completes, and nothing already stored is lost."""
from __future__ import annotations

import os

import pytest

from org_graph.fetch.http import FetchOptions
from org_graph.fetch.run import run_source

from . import portal
from .conftest import build_site, local_loader
from .server import Page

FAST = FetchOptions(timeout=1.0, retries=1, backoff=0.05, rate_limit=1000.0)


def broken_pages(good_html: str) -> dict[str, tuple[Page, str]]:
    """path → (what the server sends, words the report must contain)."""
    cut = good_html[: len(good_html) // 2]
    return {
        "/gone-10220000000091.htm": (Page(b"<html><body>Not found</body></html>", status=404), "HTTP 404"),
        "/error-10220000000092.htm": (Page(b"<html><body>oops</body></html>", status=500), "HTTP 500"),
        "/slow-10220000000093.htm": (Page(good_html.encode(), delay=3.0), "timed out"),
        "/truncated-10220000000094.htm": (Page(cut.encode()), "truncated HTML"),
        "/binary-10220000000095.htm": (Page(os.urandom(200_000), content_type="text/html"), "binary content"),
        "/huge-10220000000096.htm": (Page(b"<html><body><p>" + b"x" * (20 * 1024 * 1024) + b"</p></body></html>"),
                                     "over the limit"),
        "/empty-10220000000097.htm": (Page(portal.government_portal("Tin", __import__("datetime").date(2022, 1, 7),
                                                                    "x").replace('class="detail-content afcbc-body"',
                                                                                 'class="other"').encode()),
                                      "no article body"),
        "/cutoff-10220000000098.htm": (Page(good_html.encode(), cut_short=True), "connection broken"),
    }


def test_every_broken_page_is_reported_and_the_rest_of_the_run_completes(env, server, portal_records):
    store, state = env
    served = build_site(server, portal_records[:9])
    good = [s for s in served if s.source == "baochinhphu"]
    run_source(store, state, local_loader("baochinhphu", server), options=FAST)
    before = store.dump()
    stored_before = len(store.article_ids())

    bad = broken_pages(portal.government_portal("Tin", good[0].day, good[0].record["text"]))
    for path, (page, _) in bad.items():
        server.routes[path] = page
    extra = [s for s in build_site(server, portal_records[9:12]) if s.source == "baochinhphu"]
    items = [(s.title, server.url(s.path), s.day) for s in good + extra]
    items += [("x", server.url(p), good[0].day) for p in bad]
    server.routes["/rss/baochinhphu.rss"] = Page(portal.rss("x", items), content_type="application/rss+xml")

    report = run_source(store, state, local_loader("baochinhphu", server), options=FAST)
    reasons = {p.url: p.reason for p in report.problems}
    for path, (_, words) in bad.items():
        assert words in reasons.get(server.url(path), ""), (path, reasons.get(server.url(path)))
    assert len(report.problems) == len(bad)
    assert report.counts["new"] == len(extra)  # the good new pages went in regardless
    assert store.dump() >= before  # nothing stored earlier was lost
    assert len(store.article_ids()) == stored_before + len(extra)
    # The failures are on record for `org-graph sources`, and retried by the next run.
    (summary,) = [s for s in state.summary() if s["source"] == "baochinhphu"]
    assert {f["url"] for f in summary["failures"]} == {server.url(p) for p in bad}
    assert state.page(server.url("/error-10220000000092.htm")) is None


def test_a_server_error_is_retried_before_it_counts_as_a_failure(env, server, portal_records):
    store, state = env
    served = build_site(server, portal_records[:3])
    page = next(s for s in served if s.source == "baochinhphu")
    good = server.routes[page.path]
    calls = []

    def flaky():
        calls.append(1)
        return good if len(calls) > 1 else Page(b"busy", status=503, etag=False)

    server.routes[page.path] = flaky
    report = run_source(store, state, local_loader("baochinhphu", server), options=FAST)
    assert len(calls) == 2 and report.counts["new"] == 1 and not report.problems


@pytest.mark.parametrize("body,ctype,words", [
    (b"<html><body>This is a web page, not a feed</body></html>", "text/html", "not a feed"),
    (b"", "application/rss+xml", "not a feed"),
    (b"\x89PNG\r\n\x1a\n" + os.urandom(5000), "application/rss+xml", "not a feed"),
])
def test_a_feed_that_is_not_xml_is_reported(env, server, portal_records, body, ctype, words):
    store, state = env
    build_site(server, portal_records[:3])
    server.routes["/rss/baochinhphu.rss"] = Page(body, content_type=ctype)
    report = run_source(store, state, local_loader("baochinhphu", server), options=FAST)
    ((url, reason),) = [(p.url, p.reason) for p in report.problems]
    assert url == server.url("/rss/baochinhphu.rss") and words in reason


def test_an_unreachable_server_is_reported_with_its_url(env, server):
    store, state = env
    loader = local_loader("dantri", server).model_copy(update={"feeds": ["http://127.0.0.1:9/rss/none.rss"]})
    report = run_source(store, state, loader, options=FAST)
    ((url, reason),) = [(p.url, p.reason) for p in report.problems]
    assert url == "http://127.0.0.1:9/rss/none.rss" and "cannot connect" in reason
