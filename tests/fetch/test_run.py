"""Loader runs against a real local HTTP server serving real corpus articles."""
from __future__ import annotations

import dataclasses


from org_graph import query as Q
from org_graph.fetch.http import FetchOptions
from org_graph.fetch.run import run_source, run_urls
from org_graph.fetch.state import FetchState
from org_graph.graph.article_rdf import content_hash
from org_graph.model import Article
from org_graph.store.oxigraph import GraphStore

from .conftest import build_site, local_loader
from .server import Page

FAST = FetchOptions(timeout=2.0, retries=1, backoff=0.05, rate_limit=1000.0)


def run_all(store, state, server, names=("camau", "baochinhphu", "dantri"), **kw):
    return {n: run_source(store, state, local_loader(n, server), options=FAST, **kw) for n in names}


def stored_articles(store) -> dict[str, dict]:
    rows = store.select("""SELECT ?id ?url ?title ?day WHERE { GRAPH ?g { ?a a schema:NewsArticle ;
        schema:identifier ?id ; schema:url ?url . OPTIONAL { ?a schema:headline ?title }
        OPTIONAL { ?a schema:datePublished ?day } } }""")
    return {r["url"]: r for r in rows}


def test_a_run_takes_every_page_into_the_graph_with_its_title_date_and_text(env, server, portal_records):
    store, state = env
    served = build_site(server, portal_records)
    reports = run_all(store, state, server)
    for name, report in reports.items():
        assert report.problems == [], name
        mine = [s for s in served if s.source == name]
        assert report.counts["new"] == len(mine) == report.counts["fetched"], name
    by_url = stored_articles(store)
    assert len(by_url) == len(served)
    for s in served:
        row = by_url[server.url(s.path)]
        assert row["day"] == s.day.isoformat(), s.path
        if s.encoding == "tcvn3":  # capitals with tone marks have no code of their own in TCVN3
            assert row["title"].casefold() == s.title.casefold()
            continue
        assert row["title"] == s.title, s.path
        if s.source != "camau":  # selector-read pages give back the exact text
            article = Article(id=row["id"], text=s.record["text"], title=s.title, published=s.day)
            assert store.stored_hash(row["id"]) == content_hash(article), (s.path, s.encoding)


def test_main_text_extraction_keeps_the_article_and_drops_the_page_around_it(env, server, portal_records):
    store, state = env
    served = [s for s in build_site(server, portal_records) if s.source == "camau" and s.encoding != "tcvn3"]
    run_source(store, state, local_loader("camau", server), options=FAST)
    for s in served:
        rec = state.page(server.url(s.path))
        from org_graph.fetch.encoding import decode
        from org_graph.fetch.page import parse_article
        from org_graph.sources import source_named
        text = parse_article(decode(state.raw(rec.raw_sha)).text, server.url(s.path),
                             source_named("camau").article).text
        for para in s.record["text"].split("\n\n"):
            if not para.startswith("Ảnh:"):
                assert " ".join(para.split()) in text, (s.path, s.encoding, para[:60])
        assert not text.startswith(s.title + "\n\n")  # the headline is not repeated as text
        for noise in ("Ý kiến bạn đọc", "Tin liên quan", "Cơ quan chủ quản", "Văn bản chỉ đạo điều hành"):
            assert noise not in text


def test_the_seed_bulletin_answers_who_held_with_the_portal_as_evidence(env, server, portal_records):
    store, state = env
    served = build_site(server, portal_records)
    run_all(store, state, server)
    (row,) = Q.who_held(store, "Chủ tịch Ủy ban nhân dân tỉnh Cà Mau", "2022-01-07")
    assert row["person"] == "Huỳnh Quốc Việt"
    seed = next(s for s in served if s.record["id"] == "seed-camau-2022-01-07")
    assert row["evidence"][0]["article_id"].startswith("camau-")
    assert by_id_url(store, row["evidence"][0]["article_id"]) == server.url(seed.path)


def by_id_url(store, aid):
    (r,) = store.select(f'SELECT ?u WHERE {{ GRAPH ?g {{ ?a schema:identifier "{aid}" ; schema:url ?u }} }}')
    return r["u"]


def test_a_second_run_fetches_nothing_new(env, server, portal_records):
    store, state = env
    build_site(server, portal_records)
    run_all(store, state, server)
    before = store.dump()
    server.log.clear()
    again = run_all(store, state, server)
    assert store.dump() == before
    # Feeds and listings are asked for conditionally and answer 304; no article page is fetched.
    assert sorted(server.log) == sorted(["/rss/baochinhphu.rss", "/rss/dantri.rss", "/tin-tuc-su-kien"])
    for report in again.values():
        assert (report.counts["fetched"], report.counts["new"], report.counts["failed"]) == (0, 0, 0)


def test_the_same_article_under_two_urls_is_stored_once(env, server, portal_records):
    store, state = env
    served = build_site(server, portal_records[:3])
    first = next(s for s in served if s.source == "baochinhphu")
    body = server.routes[first.path].body
    # A tracking-parameter link and a copy of the page at another address.
    server.routes[first.path + "?utm_source=rss"] = server.routes[first.path]
    server.routes["/ban-in/" + first.path.strip("/")] = Page(body)
    feed_items = [(first.title, server.url(p), first.day) for p in
                  (first.path, first.path + "?utm_source=rss", "/ban-in/" + first.path.strip("/"))]
    from . import portal
    server.routes["/rss/baochinhphu.rss"] = Page(portal.rss("x", feed_items), content_type="application/rss+xml")
    loader = local_loader("baochinhphu", server).model_copy(
        update={"article": local_loader("baochinhphu", server).article.model_copy(update={"url_pattern": None})})
    report = run_source(store, state, loader, options=FAST, threads=1)
    assert report.counts["new"] == 1
    assert report.counts["duplicate"] == 1  # the copy; the tracking link is the same URL once cleaned
    assert len(stored_articles(store)) == 1


def test_two_pages_naming_one_canonical_url_are_one_article(env, server, portal_records):
    """A print version with its own wording that declares the article's URL canonical."""
    store, state = env
    served = build_site(server, portal_records[:3])
    first = next(s for s in served if s.source == "baochinhphu")
    from . import portal
    canonical = server.url(first.path)
    for path, text in ((first.path, first.record["text"]), ("/in" + first.path, first.record["text"] + "\n\nBản in.")):
        server.routes[path] = Page(portal.government_portal(first.title, first.day, text, canonical=canonical).encode())
    items = [(first.title, server.url(p), first.day) for p in (first.path, "/in" + first.path)]
    server.routes["/rss/baochinhphu.rss"] = Page(portal.rss("x", items), content_type="application/rss+xml")
    report = run_source(store, state, local_loader("baochinhphu", server), options=FAST, threads=1)
    assert (report.counts["new"], report.counts["duplicate"], report.problems) == (1, 1, [])
    assert state.page(server.url("/in" + first.path)).article_id == state.page(canonical).article_id


def test_an_edited_article_replaces_its_earlier_version(env, server, portal_records):
    store, state = env
    served = build_site(server, portal_records[:3])
    daily = next(s for s in served if s.source == "dantri")
    run_source(store, state, local_loader("dantri", server), options=FAST)
    (aid,) = [r["id"] for r in stored_articles(store).values()]
    old_hash = store.stored_hash(aid)
    # The paper corrects the article; its feed entry gets a new date.
    from . import portal
    edited = daily.record["text"].replace("\n\n", "\n\nĐính chính: bài đã được cập nhật.\n\n", 1)
    server.routes[daily.path] = Page(portal.national_daily(daily.title, daily.day, edited).encode())
    later = dataclasses.replace(daily, day=daily.day.replace(day=min(daily.day.day + 1, 28)))
    server.routes["/rss/dantri.rss"] = Page(portal.rss("x", [(later.title, server.url(daily.path), later.day)]),
                                            content_type="application/rss+xml")
    report = run_source(store, state, local_loader("dantri", server), options=FAST)
    assert report.counts["changed"] == 1 and report.counts["new"] == 0
    assert [r["id"] for r in stored_articles(store).values()] == [aid]
    assert store.stored_hash(aid) != old_hash


def test_a_url_without_a_loader_is_read_as_a_feed_or_a_page(env, server, portal_records):
    store, state = env
    served = build_site(server, portal_records[:6])
    pages = [s for s in served if s.source == "camau"]
    reports = run_urls(store, state, [server.url("/rss/dantri.rss"), server.url(pages[0].path)], options=FAST)
    assert sum(r.counts["new"] for r in reports) == 1 + sum(1 for s in served if s.source == "dantri")
    assert all(not r.problems for r in reports)


def test_extraction_workers_start_safely_beside_the_fetch_threads(env, server, portal_records):
    """With --workers 2 the extraction processes are started by a fork server, not forked from a
    process whose fetch threads may hold locks; the result is the same as with one process."""
    store, state = env
    served = build_site(server, portal_records)
    report = run_source(store, state, local_loader("baochinhphu", server), options=FAST, workers=2, threads=4)
    mine = [s for s in served if s.source == "baochinhphu"]
    assert report.counts["new"] == len(mine) and not report.problems
    one = GraphStore.in_memory()
    state_one = FetchState(state.folder.parent / "one.sources")
    run_source(one, state_one, local_loader("baochinhphu", server), options=FAST, workers=1)
    assert one.dump() == store.dump()


def test_a_loader_can_force_the_charset_a_site_gets_wrong(env, server, portal_records):
    store, state = env
    served = build_site(server, portal_records[:3])
    page = next(s for s in served if s.source == "dantri")
    from . import portal
    from .encodings import to_cp1258
    # The server says UTF-8; the bytes are Windows-1258.
    server.routes[page.path] = Page(to_cp1258(portal.national_daily(page.title, page.day, page.record["text"])),
                                    content_type="text/html; charset=utf-8")
    loader = local_loader("dantri", server).model_copy(update={"encoding": "windows-1258"})
    report = run_source(store, state, loader, options=FAST)
    assert report.counts["new"] == 1 and not report.problems
    (row,) = stored_articles(store).values()
    article = Article(id=row["id"], text=page.record["text"], title=page.title, published=page.day)
    assert store.stored_hash(row["id"]) == content_hash(article)
    assert state.page(server.url(page.path)).encoding == "windows-1258"
