"""How fast do loaders take pages from a portal into the graph? Prints figures, never asserts.

    .venv/bin/python bench/loader_speed.py [--pages N] [--runs N] [--threads N] [--workers N]

A local HTTP server on 127.0.0.1 (the one the tests use, tests/fetch/server.py, in a process of its
own) serves N article
pages (default 400: the dated corpus articles, repeated under distinct URLs with a marker line so
that each page is a different article) in the Government portal's layout, half of them in
legacy encodings (VNI, Windows-1258), listed in one RSS feed. Each configuration runs N times
(default 3) on a fresh store and state; the median is reported:

- ``download only`` (baseline, same run): the same pages fetched with a bare httpx client and
  the same number of threads, nothing else: what the network part costs here;
- ``fetch + read``: :class:`org_graph.fetch.run` fetching, decoding and parsing every page (rate
  limit off: the server is local), no extraction or store;
- ``loader run``: :func:`org_graph.fetch.run.run_source` end to end into a fresh on-disk store:
  feed → fetch → decode → parse → extract → store → resolve;
- ``second run``: the same loader again on that store: the feed answers 304, nothing is fetched;
- ``same texts from JSON Lines`` (second baseline, same run): :func:`org_graph.ingest.ingest` of
  the same article texts from a file: what extraction and storing cost without the web part.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._table import print_table  # noqa: E402
from org_graph.fetch.encoding import decode  # noqa: E402
from org_graph.fetch.http import Fetcher, FetchOptions  # noqa: E402
from org_graph.fetch.page import parse_article  # noqa: E402
from org_graph.fetch.run import run_source  # noqa: E402
from org_graph.fetch.state import FetchState  # noqa: E402
from org_graph.ingest import ingest  # noqa: E402
from org_graph.sources import source_named  # noqa: E402
from org_graph.store.oxigraph import GraphStore  # noqa: E402
from tests.fetch import portal  # noqa: E402
from tests.fetch.encodings import to_cp1258, to_vni  # noqa: E402
from tests.fetch.server import Page, PortalServer  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "articles.jsonl"
ENCODINGS = [("utf-8", lambda h: h.encode("utf-8")), ("vni", to_vni), ("utf-8", lambda h: h.encode("utf-8")),
             ("windows-1258", to_cp1258)]


def texts(n: int) -> list[dict]:
    recs = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    recs = [r for r in recs if r.get("published")]
    out = []
    for i in range(n):
        rec = dict(recs[i % len(recs)])
        rec.update(id=f"bench-{i}", text=rec["text"] + f"\n\nBài số {i}.",
                   title=rec.get("title") or rec["text"].split("\n")[0][:100])
        out.append(rec)
    return out


def jsonl_ingest(n: int) -> float:
    """The same texts from a JSON Lines file: what extraction and storing cost without the web."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in texts(n)), encoding="utf-8")
        store = GraphStore.open(Path(tmp) / "data")
        t = time.perf_counter()
        ingest(store, [path])
        took = time.perf_counter() - t
        store.close()
        return took


def build(server: PortalServer, n: int) -> list[str]:
    paths, items = [], []
    for i, rec in enumerate(texts(n)):
        day = dt.date.fromisoformat(rec["published"])
        title, text = rec["title"], rec["text"]
        name, enc = ENCODINGS[i % len(ENCODINGS)]
        html = portal.government_portal(title, day, text, charset="windows-1258" if name == "windows-1258" else
                                        "windows-1252" if name == "vni" else "utf-8")
        path = f"/bai-{i}-10220{i:010d}.htm"
        server.routes[path] = Page(enc(html), content_type="text/html")
        paths.append(path)
        items.append((title, server.url(path), day))
    server.routes["/rss/bench.rss"] = Page(portal.rss("bench", items), content_type="application/rss+xml")
    return paths


def loader(server: PortalServer):
    info = source_named("baochinhphu")
    return info.model_copy(update={"feeds": [server.url("/rss/bench.rss")], "rate_limit": 1e9})


def download_only(server, paths, threads):
    with httpx.Client() as client, ThreadPoolExecutor(threads) as pool:
        t = time.perf_counter()
        list(pool.map(lambda p: client.get(server.url(p)).content, paths))
        return time.perf_counter() - t


def fetch_and_read(server, paths, threads):
    rules = loader(server).article
    with Fetcher(FetchOptions(rate_limit=1e9)) as f, ThreadPoolExecutor(threads) as pool:
        def one(p):
            r = f.get(server.url(p))
            return parse_article(decode(r.content, r.content_type).text, r.final_url, rules)
        t = time.perf_counter()
        pages = list(pool.map(one, paths))
        assert len(pages) == len(paths)
        return time.perf_counter() - t


def loader_run(server, threads, workers):
    with tempfile.TemporaryDirectory() as tmp:
        store = GraphStore.open(Path(tmp) / "data")
        state = FetchState(Path(tmp) / "data.sources")
        opts = FetchOptions(rate_limit=1e9)
        t = time.perf_counter()
        report = run_source(store, state, loader(server), options=opts, threads=threads, workers=workers)
        first = time.perf_counter() - t
        t = time.perf_counter()
        again = run_source(store, state, loader(server), options=opts, threads=threads, workers=workers)
        second = time.perf_counter() - t
        state.close()
        store.close()
        return first, second, report, again


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=400)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--workers", type=int, default=1)
    a = ap.parse_args()
    server = PortalServer()
    paths = build(server, a.pages)
    # The server answers from a process of its own, so it does not share this one's GIL.
    proc = multiprocessing.get_context("fork").Process(target=server.httpd.serve_forever, daemon=True)
    proc.start()
    try:
        base = [download_only(server, paths, a.threads) for _ in range(a.runs)]
        read = [fetch_and_read(server, paths, a.threads) for _ in range(a.runs)]
        runs = [loader_run(server, a.threads, a.workers) for _ in range(a.runs)]
        plain = [jsonl_ingest(a.pages) for _ in range(a.runs)]
    finally:
        proc.terminate()
        server.httpd.server_close()
    n = a.pages
    first = statistics.median(r[0] for r in runs)
    second = statistics.median(r[1] for r in runs)
    report, again = runs[-1][2], runs[-1][3]
    print(f"{n} pages, {a.threads} fetch threads, {a.workers} extraction worker(s), median of {a.runs}")
    print(f"last run: {report.counts['new']} new, {len(report.problems)} failed; second run fetched "
          f"{again.counts['fetched']}")
    b = statistics.median(base)
    print_table(("configuration", "seconds", "pages/s", "× download"), [
        ("download only (baseline)", f"{b:.2f}", f"{n / b:.0f}", "1.0"),
        ("fetch + read", f"{statistics.median(read):.2f}", f"{n / statistics.median(read):.0f}",
         f"{statistics.median(read) / b:.1f}"),
        ("loader run (into the store)", f"{first:.2f}", f"{n / first:.0f}", f"{first / b:.1f}"),
        ("second run (nothing new)", f"{second:.2f}", "", ""),
        ("same texts, JSON Lines ingest, 1 process", f"{statistics.median(plain):.2f}",
         f"{n / statistics.median(plain):.0f}", ""),
    ])
    print(f"loader run / JSON Lines ingest (1 process) of the same texts: {first / statistics.median(plain):.2f}× the time")


if __name__ == "__main__":
    main()
