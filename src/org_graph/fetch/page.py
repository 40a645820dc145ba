"""An article page (decoded HTML) → its title, date, canonical URL and clean text.

With a loader's selectors the parts are read where the site puts them; without, trafilatura's
main-text extraction finds the body and the page's metadata gives title and date. The text is
paragraphs separated by a blank line, as in the rest of org-graph's inputs: block elements
(paragraphs, headings, list items, captions) start paragraphs, inline markup does not.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..sources import ArticleRules


class PageError(ValueError):
    """The page has no article we can read (no body, truncated …); the message says why."""


@dataclass(frozen=True)
class PageArticle:
    title: str | None
    published: dt.date | None
    text: str
    canonical_url: str


_BLOCKS = frozenset("""p div section article main header footer aside h1 h2 h3 h4 h5 h6 li ul ol dl dt dd
    figure figcaption blockquote table thead tbody tr td th pre br hr address center""".split())
_SKIP = frozenset("script style noscript template iframe svg button form select input nav".split())
#: Not article text in any portal: navigation, sharing and comment widgets.
_ALWAYS_DROP = "script, style, noscript, template, iframe, nav, form"
_SPACE = re.compile(r"\s+")
_TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|zarsrc$|zoneid$)")
_DATE_IN_TEXT = re.compile(r"\d{1,2}[/-]\d{1,2}[/-]\d{4}(?:\s*[-,|]?\s*\d{1,2}[:h]\d{2})?|\d{4}-\d{2}-\d{2}")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def canonical_url(url: str) -> str:
    """The URL without fragment and tracking parameters, host in lower case: two links to one
    article that differ only there are the same article."""
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", query, ""))


def paragraphs(node: LexborNode) -> list[str]:
    """The text of ``node`` as paragraphs, whitespace collapsed."""
    out: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = _SPACE.sub(" ", "".join(current)).strip()
        if text:
            out.append(text)
        current.clear()

    def walk(n: LexborNode) -> None:
        for child in n.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                current.append(child.text(deep=False))
            elif tag in _SKIP or tag.startswith("-"):
                continue
            elif tag in _BLOCKS:
                flush()
                walk(child)
                flush()
            else:
                walk(child)

    walk(node)
    flush()
    return out


def _meta(tree: LexborHTMLParser, *names: str) -> str | None:
    for name in names:
        node = tree.css_first(f'meta[property="{name}"], meta[name="{name}"], meta[itemprop="{name}"]')
        if node is not None and (node.attributes.get("content") or "").strip():
            return node.attributes["content"].strip()
    return None


def parse_date(value: str | None, formats: list[str]) -> dt.date | None:
    """The first date in ``value``: ISO anywhere, else the loader's formats on dd/mm/yyyy text."""
    if not value:
        return None
    m = _ISO.search(value)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
    for found in _DATE_IN_TEXT.findall(value):
        cleaned = _SPACE.sub(" ", found.replace("h", ":")).strip()
        cleaned = re.sub(r"\s*[-,|]\s*(?=\d{1,2}:)", " ", cleaned)
        for fmt in formats:
            try:
                return dt.datetime.strptime(cleaned, fmt).date()
            except ValueError:
                continue
    return None


def _select_text(tree: LexborHTMLParser, selector: str | None) -> str | None:
    if not selector:
        return None
    node = tree.css_first(selector)
    return "\n\n".join(paragraphs(node)) if node is not None else None


def _date(tree: LexborHTMLParser, rules: ArticleRules) -> dt.date | None:
    if rules.date:
        node = tree.css_first(rules.date)
        if node is not None:
            for attr in ("datetime", "content", "data-time", "title"):
                day = parse_date(node.attributes.get(attr), rules.date_formats)
                if day:
                    return day
            day = parse_date(node.text(), rules.date_formats)
            if day:
                return day
    for name in ("article:published_time", "datePublished", "pubdate", "og:published_time", "dc.date"):
        day = parse_date(_meta(tree, name), rules.date_formats)
        if day:
            return day
    node = tree.css_first("time[datetime]")
    return parse_date(node.attributes.get("datetime"), rules.date_formats) if node is not None else None


def _title(tree: LexborHTMLParser, rules: ArticleRules) -> str | None:
    for text in (_select_text(tree, rules.title), _meta(tree, "og:title")):
        if text:
            return _SPACE.sub(" ", text).strip()
    for selector in ("h1", "title"):
        node = tree.css_first(selector)
        if node is not None and node.text().strip():
            return _SPACE.sub(" ", node.text()).strip()
    return None


def _canonical(tree: LexborHTMLParser, url: str) -> str:
    node = tree.css_first('link[rel="canonical"]')
    href = (node.attributes.get("href") or "").strip() if node is not None else ""
    href = href or (_meta(tree, "og:url") or "")
    if href and urlsplit(urljoin(url, href)).scheme in ("http", "https"):
        return canonical_url(urljoin(url, href))
    return canonical_url(url)


def truncated(html: str) -> bool:
    """A page whose document ends before its body does: cut off in transfer or in the CMS."""
    tail = html[-4096:].lower()
    return "</html" not in tail and "</body" not in tail


def parse_article(html: str, url: str, rules: ArticleRules) -> PageArticle:
    if truncated(html):
        raise PageError("truncated HTML: the page ends before </body></html>")
    tree = LexborHTMLParser(html)
    for node in tree.css(_ALWAYS_DROP):
        node.decompose()
    for selector in rules.drop:
        for node in tree.css(selector):
            node.decompose()
    title, published, canonical = _title(tree, rules), _date(tree, rules), _canonical(tree, url)
    if rules.body:
        node = tree.css_first(rules.body)
        if node is None:
            raise PageError(f"no article body: nothing matches the loader's body selector {rules.body!r}")
        body = paragraphs(node)
        lead = _select_text(tree, rules.lead)
    else:
        body, lead = _main_text(html), None
        if body and title and body[0] == title:  # main-text extraction keeps the headline
            body = body[1:]
        if not body:
            raise PageError("no article body: main-text extraction found no article text")
    if lead:
        lead_paragraphs = lead.split("\n\n")
        if body[: len(lead_paragraphs)] != lead_paragraphs:
            body = lead_paragraphs + body
    if published is None:
        published = _trafilatura_date(html)
    text = "\n\n".join(body)
    if not text.strip():
        raise PageError("no article body: the body element has no text")
    return PageArticle(title=title, published=published, text=text, canonical_url=canonical)


def _main_text(html: str) -> list[str]:
    import trafilatura  # slow to import; only loaders without selectors need it

    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_precision=True,
                               deduplicate=False, with_metadata=False)
    return [p for p in (_SPACE.sub(" ", line).strip() for line in (text or "").split("\n")) if p]


def _trafilatura_date(html: str) -> dt.date | None:
    import trafilatura

    meta = trafilatura.extract_metadata(html)
    return parse_date(getattr(meta, "date", None), []) if meta else None
