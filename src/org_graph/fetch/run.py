"""A loader run: discover links (feeds, listing pages), fetch what is new, read each page into an
article, and ingest them, recording what was seen so the next run fetches only what is new.

Pages are fetched by a few threads (each host rate-limited) and extracted by the usual batch
(``workers`` processes). Every failure is a :class:`Problem` with the URL and the reason; the run
goes on, and a failed page is not recorded as seen, so the next run tries it again.
"""
from __future__ import annotations

import hashlib
import importlib.util
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from ..articles import InputError, SourcedArticle, text_problem
from ..batch import ExtractionFailure
from ..graph.identity import Decisions
from ..ingest import IngestReport, ingest_items
from ..model import Article
from ..sources import SourceInfo, loaders_dir, source_for
from ..store.oxigraph import GraphStore
from .encoding import Decoded, UndecodableError, decode
from .feeds import FeedError, Link, feed_links, listing_links, looks_like_feed
from .http import Fetcher, FetchError, FetchOptions, Response
from .page import PageArticle, PageError, canonical_url, parse_article
from .state import COUNTS, FetchState, PageRecord


@dataclass(frozen=True)
class Problem:
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.url}: {self.reason}"


@dataclass
class RunReport:
    source: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    problems: list[Problem] = field(default_factory=list)
    ingest: IngestReport | None = None


#: (kind, url): "total" once the links are known (url is the count), then "done" per link.
ProgressFn = Callable[[str, str], None]


@dataclass
class _Page:
    """A fetched and parsed page, ready to be stored."""
    link: Link
    response: Response
    decoded: Decoded
    page: PageArticle
    raw_sha: str


def generic_source(url: str) -> SourceInfo:
    """The loader for a URL given on the command line: the matching loader file, or a bare one
    named after the host that reads pages by main-text extraction."""
    return source_for(url) or SourceInfo(name=(urlsplit(url).hostname or "web").removeprefix("www."))


def article_id(source: str, canonical: str) -> str:
    """Readable and stable: the source, the URL's last path segment, and a hash of the URL."""
    segment = unquote(urlsplit(canonical).path.rstrip("/").rsplit("/", 1)[-1])
    slug = re.sub(r"[^0-9A-Za-z]+", "-", segment.rsplit(".", 1)[0]).strip("-").lower()[:60]
    digest = hashlib.sha1(canonical.encode("utf-8")).hexdigest()[:10]
    return f"{source}-{slug}-{digest}" if slug else f"{source}-{digest}"


class _Hooks:
    def __init__(self, source: SourceInfo):
        self.module = None
        if source.hooks:
            path = loaders_dir() / source.hooks
            spec = importlib.util.spec_from_file_location(f"org_graph_loader_{source.name}", path)
            if spec is None or spec.loader is None:
                raise FileNotFoundError(f"{path}: hooks file not found for loader {source.name}")
            self.module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(self.module)

    def links(self, links: list[Link]) -> list[Link]:
        fn = getattr(self.module, "links", None)
        return list(fn(links)) if fn else links

    def page(self, page: PageArticle, html: str) -> PageArticle | None:
        fn = getattr(self.module, "page", None)
        return fn(page, html) if fn else page


class _Run:
    def __init__(self, store: GraphStore, state: FetchState, source: SourceInfo, fetcher: Fetcher, *,
                 recheck: bool, progress: ProgressFn | None):
        self.store, self.state, self.source, self.fetcher = store, state, source, fetcher
        self.recheck, self.progress = recheck, progress or (lambda kind, url: None)
        self.report = RunReport(source.name)
        self.hooks = _Hooks(source)
        self.run_id = state.start_run(source.name)
        self._lock = threading.Lock()
        # Within one run two URLs of one article may be in flight at once: claim ids here.
        self._by_hash: dict[str, str] = {}
        self._pending: dict[str, tuple[_Page, str]] = {}  # article id -> (page, text hash)
        self._claimed: set[str] = set()
        for host in {urlsplit(u).hostname for u in [*source.feeds, *(x.url for x in source.listings)] if u}:
            fetcher.set_rate(host, source.rate_limit)

    def count(self, key: str, n: int = 1) -> None:
        with self._lock:
            self.report.counts[key] += n

    def fail(self, url: str, reason: str) -> None:
        with self._lock:
            self.report.problems.append(Problem(url, reason))
            self.report.counts["failed"] += 1
        self.state.record_failure(self.run_id, self.source.name, url, reason)

    # --- discovery ---------------------------------------------------------------------------

    def discover(self, feeds: Iterable[str], listings: Iterable[tuple[str, str]]) -> list[Link]:
        links: list[Link] = []
        for url in feeds:
            response = self._get_listing(url)
            if response is None:
                continue
            try:
                links += feed_links(response.content, response.final_url, self.source.article.url_pattern)
            except FeedError as exc:
                self.fail(url, str(exc))
        for url, selector in listings:
            response = self._get_listing(url)
            if response is None:
                continue
            try:
                html = self._decode(response).text
            except UndecodableError as exc:
                self.fail(url, str(exc))
                continue
            links += listing_links(html, response.final_url, selector, self.source.article.url_pattern)
        return self.hooks.links(_unique(links))

    def _get_listing(self, url: str) -> Response | None:
        etag, modified = self.state.validators(url)
        try:
            response = self.fetcher.get(url, etag, modified)
        except FetchError as exc:
            self.fail(url, exc.reason)
            return None
        if response.not_modified:
            return None
        self.state.record_validators(url, response.etag, response.last_modified)
        return response

    def due(self, links: list[Link]) -> list[Link]:
        """The links to fetch: never seen, or the feed says the entry changed, or --recheck."""
        out = []
        for link in links:
            prior = self.state.page(link.url) or self.state.page(canonical_url(link.url))
            if prior and not self.recheck and (link.stamp is None or link.stamp == prior.stamp):
                self.count("seen")
                continue
            out.append(link)
        return out

    # --- pages -------------------------------------------------------------------------------

    def _decode(self, response: Response) -> Decoded:
        if self.source.encoding:
            text = response.content.decode(self.source.encoding, errors="replace")
            return Decoded(unicodedata.normalize("NFC", text), self.source.encoding)
        return decode(response.content, response.content_type)

    def fetch(self, link: Link) -> tuple[Link, Response] | None:
        """The network part only: fetch threads must not hold the GIL that extraction needs."""
        prior = self.state.page(link.url)
        etag, modified = (prior.etag, prior.last_modified) if prior and self.recheck else (None, None)
        try:
            response = self.fetcher.get(link.url, etag, modified)
        except FetchError as exc:
            self.fail(link.url, exc.reason)
            return None
        if response.not_modified:
            self.count("seen")
            return None
        self.count("fetched")
        return link, response

    def read(self, link: Link, response: Response) -> _Page | None:
        try:
            decoded = self._decode(response)
            page = parse_article(decoded.text, response.final_url, self.source.article)
        except (UndecodableError, PageError) as exc:
            self.fail(link.url, str(exc))
            return None
        page = self.hooks.page(page, decoded.text)
        if page is None:
            self.fail(link.url, f"skipped by the {self.source.name} loader's hooks")
            return None
        problem = text_problem(page.text)
        if problem:
            self.fail(link.url, problem)
            return None
        return _Page(link, response, decoded, page, self.state.keep_raw(response.content))

    def articles(self, pages: Iterable[_Page | None]) -> Iterator[SourcedArticle | InputError]:
        for item in pages:
            self.progress("done", item.link.url if item else "")
            if item is None:
                continue
            page = item.page
            text_hash = hashlib.sha256(page.text.encode("utf-8")).hexdigest()
            aid = self.state.article_at(page.canonical_url) or article_id(self.source.name, page.canonical_url)
            same = self._by_hash.get(text_hash) or self.state.article_with_text(text_hash)
            if (same and same != aid) or aid in self._claimed:
                # The same article under another URL (same text, or a page naming the same
                # canonical URL twice in one run): remember the URL, store nothing twice.
                self.count("duplicate")
                self._record(item, same or aid, text_hash)
                continue
            self._claimed.add(aid)
            self._by_hash[text_hash] = aid
            self._pending[aid] = (item, text_hash)
            yield SourcedArticle(Article(id=aid, text=page.text, source=self.source.name, title=page.title,
                                         published=page.published, url=page.canonical_url,
                                         province_hint=self.source.province), item.link.url, None)

    def stored(self, sourced: SourcedArticle, outcome: str) -> None:
        self.count(outcome)
        pending = self._pending.pop(sourced.article.id, None)
        if pending is not None:
            self._record(pending[0], sourced.article.id, pending[1])

    def _record(self, item: _Page, aid: str, text_hash: str) -> None:
        r = item.response
        for url in {item.link.url, r.final_url}:
            self.state.record_page(PageRecord(url, self.source.name, item.page.canonical_url, aid, text_hash,
                                              item.raw_sha, r.etag, r.last_modified, item.link.stamp,
                                              item.decoded.encoding))

    def problem(self, p: InputError | ExtractionFailure) -> None:
        self._pending.pop(p.article_id or "", None)
        prefix = "" if isinstance(p, InputError) else "extraction failed: "
        self.fail(p.path, prefix + p.message)

    def finish(self) -> RunReport:
        self.state.finish_run(self.run_id, self.report.counts)
        return self.report


def _unique(links: list[Link]) -> list[Link]:
    seen: set[str] = set()
    out = []
    for link in links:
        key = canonical_url(link.url)
        if key not in seen:
            seen.add(key)
            out.append(link)
    return out


def _fetch_all(run: _Run, links: list[Link], threads: int) -> Iterator[_Page | None]:
    """Fetch with a bounded window of threads; pages are decoded and parsed here, in the
    consuming thread, as they arrive."""
    for fetched in _download_all(run, links, threads):
        yield run.read(*fetched) if fetched else None


def _download_all(run: _Run, links: list[Link], threads: int) -> Iterator[tuple[Link, Response] | None]:
    if threads <= 1:
        for link in links:
            yield run.fetch(link)
        return
    todo = iter(links)
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="org-graph-fetch") as pool:
        running: set[Future] = set()
        for link in todo:
            running.add(pool.submit(run.fetch, link))
            if len(running) >= threads * 2:
                break
        while running:
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
                nxt = next(todo, None)
                if nxt is not None:
                    running.add(pool.submit(run.fetch, nxt))


def _ingest(run: _Run, pages: Iterable[_Page | None], workers: int, decisions: Decisions | None,
            article_timeout: float | None = None) -> RunReport:
    # Fetch threads are running while extraction workers start: no plain fork (see batch).
    run.report.ingest = ingest_items(run.store, run.articles(pages), workers=workers, decisions=decisions,
                                     on_problem=run.problem, on_stored=run.stored, start_method="forkserver",
                                     article_timeout=article_timeout)
    return run.finish()


def run_source(store: GraphStore, state: FetchState, source: SourceInfo, *, options: FetchOptions | None = None,
               workers: int = 1, threads: int = 4, decisions: Decisions | None = None, recheck: bool = False,
               limit: int | None = None, progress: ProgressFn | None = None,
               article_timeout: float | None = None) -> RunReport:
    """One run of a loader: its feeds and listing pages, then every page that is due."""
    with Fetcher(options) as fetcher:
        run = _Run(store, state, source, fetcher, recheck=recheck, progress=progress)
        links = run.discover(source.feeds, [(x.url, x.links) for x in source.listings])
        run.count("discovered", len(links))
        due = run.due(links)[:limit]
        run.progress("total", str(len(due)))
        return _ingest(run, _fetch_all(run, due, threads), workers, decisions, article_timeout)


def run_urls(store: GraphStore, state: FetchState, urls: list[str], *, options: FetchOptions | None = None,
             workers: int = 1, threads: int = 4, decisions: Decisions | None = None, recheck: bool = False,
             progress: ProgressFn | None = None, article_timeout: float | None = None) -> list[RunReport]:
    """URLs given without a loader: each is a feed (its entries are fetched) or an article page."""
    by_source: dict[str, tuple[SourceInfo, list[str]]] = {}
    for url in urls:
        src = generic_source(url)
        by_source.setdefault(src.name, (src, []))[1].append(url)
    reports = []
    with Fetcher(options) as fetcher:
        for src, group in by_source.values():
            run = _Run(store, state, src, fetcher, recheck=recheck, progress=progress)
            pages: list[_Page | None] = []
            links: list[Link] = []
            for url in group:
                try:
                    response = fetcher.get(url)
                except FetchError as exc:
                    run.fail(url, exc.reason)
                    continue
                if looks_like_feed(response.content, response.content_type):
                    try:
                        links += feed_links(response.content, response.final_url, src.article.url_pattern)
                    except FeedError as exc:
                        run.fail(url, str(exc))
                else:
                    run.count("fetched")
                    pages.append(run.read(Link(url), response))
            run.count("discovered", len(links) + len(pages))
            due = run.due(links)
            run.progress("total", str(len(due) + len(pages)))
            reports.append(_ingest(run, _chain(pages, _fetch_all(run, due, threads)), workers, decisions,
                                   article_timeout))
    return reports


def _chain(first: list, rest: Iterator) -> Iterator:
    yield from first
    yield from rest
