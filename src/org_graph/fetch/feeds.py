"""Feeds (RSS/Atom, through feedparser) and listing pages → the article links they offer."""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import feedparser
from selectolax.lexbor import LexborHTMLParser

from .page import canonical_url


class FeedError(ValueError):
    pass


@dataclass(frozen=True)
class Link:
    url: str
    #: When the feed says the entry was last changed; a new stamp makes a seen page due again.
    stamp: str | None = None
    title: str | None = None


def looks_like_feed(content: bytes, content_type: str | None) -> bool:
    ctype = (content_type or "").lower()
    if any(k in ctype for k in ("rss", "atom", "/xml", "+xml")):
        return True
    head = content[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf:rdf"))


def feed_links(content: bytes, url: str, pattern: str | None = None) -> list[Link]:
    parsed = feedparser.parse(content)
    if parsed.bozo and not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None)
        raise FeedError(f"not a feed (RSS/Atom): {reason or 'no entries'}")
    if not parsed.get("version") and not parsed.entries:
        raise FeedError("not a feed (RSS/Atom): no feed element")
    links = []
    for entry in parsed.entries:
        href = entry.get("link") or next((x.get("href") for x in entry.get("links", []) if x.get("href")), None)
        if not href:
            continue
        # dict.get: feedparser's own get() maps a missing "updated" to "published", with a warning.
        stamp = dict.get(entry, "updated") or dict.get(entry, "published")
        links.append(Link(urljoin(url, href), stamp, entry.get("title")))
    return _keep(links, pattern)


def listing_links(html: str, url: str, selector: str, pattern: str | None = None) -> list[Link]:
    tree = LexborHTMLParser(html)
    host = urlsplit(url).hostname
    links = []
    for node in tree.css(selector):
        href = (node.attributes.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        full = urljoin(url, href)
        if urlsplit(full).hostname == host:  # a listing's links to other sites are not its articles
            links.append(Link(full, None, node.text().strip() or None))
    return _keep(links, pattern)


def _keep(links: list[Link], pattern: str | None) -> list[Link]:
    rx = re.compile(pattern) if pattern else None
    seen, out = set(), []
    for link in links:
        key = canonical_url(link.url)
        if key in seen or (rx and not rx.search(link.url)) or urlsplit(link.url).scheme not in ("http", "https"):
            continue
        seen.add(key)
        out.append(link)
    return out
