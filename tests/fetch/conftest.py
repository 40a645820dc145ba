"""A local portal: real corpus articles served as feeds, listings and article pages in the
shipped loaders' layouts and in several encodings."""
from __future__ import annotations

import datetime as dt
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401 - registers sloppy-windows-1252 for the mojibake page
import pytest

from org_graph.fetch.state import FetchState
from org_graph.sources import SourceInfo, source_named
from org_graph.store.oxigraph import GraphStore

from . import portal
from .encodings import to_cp1258, to_tcvn3, to_vni
from .server import Page, PortalServer


@dataclass
class Served:
    record: dict
    source: str
    path: str
    encoding: str
    title: str
    day: dt.date


#: (loader, layout, encodings it is served in, round robin)
LAYOUTS = {
    "camau": (portal.provincial_portal, ["utf-8", "windows-1258", "tcvn3", "nfd"]),
    "baochinhphu": (portal.government_portal, ["utf-8", "vni", "mojibake"]),
    "dantri": (portal.national_daily, ["utf-8", "nfd"]),
}


def encode(page_html: str, encoding: str) -> tuple[bytes, str]:
    """(body, Content-Type header) as a server of that era would send them."""
    if encoding == "utf-8":
        return page_html.encode("utf-8"), "text/html; charset=utf-8"
    if encoding == "nfd":
        return unicodedata.normalize("NFD", page_html).encode("utf-8"), "text/html; charset=utf-8"
    if encoding == "windows-1258":
        return to_cp1258(page_html), "text/html"
    if encoding == "tcvn3":
        return to_tcvn3(page_html), "text/html"
    if encoding == "vni":
        return to_vni(page_html), "text/html"
    if encoding == "mojibake":  # UTF-8 once read as Windows-1252 and saved again as UTF-8
        return page_html.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8"), "text/html; charset=utf-8"
    raise ValueError(encoding)


CHARSET_IN_PAGE = {"windows-1258": "windows-1258", "tcvn3": "windows-1252", "vni": "windows-1252"}


def article_path(source: str, rec: dict, n: int) -> str:
    if source == "camau":
        return f"/tin-tuc-su-kien/bai-{n}-{rec['id']}"
    if source == "baochinhphu":
        return f"/{rec['id']}-10222{n:010d}.htm"
    return f"/xa-hoi/{rec['id']}-2022010713{n:07d}.htm"


def build_site(server: PortalServer, records: list[dict]) -> list[Served]:
    served: list[Served] = []
    names = list(LAYOUTS)
    for n, rec in enumerate(records):
        source = names[n % len(names)]
        layout, encodings = LAYOUTS[source]
        enc = encodings[(n // len(names)) % len(encodings)]
        title = rec.get("title") or rec["text"].split("\n")[0].split(". ")[0][:120].strip()
        day = dt.date.fromisoformat(rec["published"])
        path = article_path(source, rec, n)
        html = layout(title, day, rec["text"], charset=CHARSET_IN_PAGE.get(enc, "utf-8"),
                      **({"font": ".VnTime" if enc == "tcvn3" else None} if source == "camau" else {}))
        body, ctype = encode(html, enc)
        server.routes[path] = Page(body, content_type=ctype)
        served.append(Served(rec, source, path, enc, title, day))
    for source in names:
        mine = [s for s in served if s.source == source]
        if source == "camau":
            server.routes["/tin-tuc-su-kien"] = Page(portal.listing([(s.title, s.path) for s in mine]).encode())
        else:
            server.routes[f"/rss/{source}.rss"] = Page(
                portal.rss(source, [(s.title, server.url(s.path), s.day) for s in mine]),
                content_type="application/rss+xml")
    return served


def local_loader(name: str, server: PortalServer) -> SourceInfo:
    """A shipped loader pointed at the local server instead of the real site."""
    info = source_named(name)
    assert info is not None, name
    listings = [x.model_copy(update={"url": server.url("/tin-tuc-su-kien")}) for x in info.listings]
    feeds = [server.url(f"/rss/{name}.rss")] if info.feeds else []
    return info.model_copy(update={"feeds": feeds, "listings": listings, "rate_limit": 1000.0})


@pytest.fixture(scope="session")
def portal_records(corpus_path: Path) -> list[dict]:
    """Dated corpus articles: the seed bulletin, then others from different sections."""
    recs = [json.loads(line) for line in corpus_path.read_text(encoding="utf-8").splitlines()]
    dated = [r for r in recs if r.get("published")]
    return dated[:18]


@pytest.fixture
def env(tmp_path):
    """A fresh on-disk store and loader state beside it, as the CLI lays them out."""
    store = GraphStore.open(tmp_path / "data")
    state = FetchState(tmp_path / "data.sources")
    yield store, state
    state.close()
    store.close()


@pytest.fixture
def server():
    with PortalServer() as srv:
        yield srv
