"""Loaders from ``loaders/*.yml``: where a source publishes and how to read its pages.

A loader file names a source's feeds and listing pages, the CSS selectors that give an article
page's title, date, lead and body (or none, for main-text extraction), and the province or body
the source belongs to: a provincial portal's bulletins say ``UBND tỉnh`` without naming the
province. Read once per process; matching an article to its source is a substring test on the
article's source or URL. See ``docs/loaders.md`` for every field.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .gazetteer import load


class ArticleRules(BaseModel):
    """How an article page gives its parts. Each field is a CSS selector; an empty ``body``
    means main-text extraction (trafilatura), which suits portals without stable markup."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    date: str | None = None
    #: strptime formats tried on the date element's text (ISO dates in attributes always work).
    date_formats: list[str] = ["%d/%m/%Y %H:%M", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
    lead: str | None = None
    body: str | None = None
    #: Removed from the page before the body is read: related links, bylines, share bars.
    drop: list[str] = []
    #: A regular expression a link must match to be taken for an article (listing pages, feeds).
    url_pattern: str | None = None


class Listing(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str
    #: Selector of the links to articles on the listing page.
    links: str = "a[href]"


class SourceInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    title: str | None = None
    match: list[str] = []
    province: str | None = None
    language: str = "vi"
    home: str | None = None
    feeds: list[str] = []
    listings: list[Listing] = []
    article: ArticleRules = ArticleRules()
    #: Force a charset when a site declares a wrong one (otherwise detected, see fetch.encoding).
    encoding: str | None = None
    #: Requests per second to one host; a portal is somebody's production server.
    rate_limit: float = Field(default=1.0, gt=0)
    #: A Python file in the loaders folder with functions the run calls (see docs/loaders.md).
    hooks: str | None = None


def loaders_dir() -> Path:
    env = os.environ.get("ORG_GRAPH_LOADERS")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "loaders"


class LoaderError(ValueError):
    """A loader file that cannot be used; the message names the file and the field."""


def sources() -> tuple[SourceInfo, ...]:
    return _sources(loaders_dir())


@lru_cache(maxsize=4)
def _sources(d: Path) -> tuple[SourceInfo, ...]:
    if not d.is_dir():
        return ()
    return tuple(load_loader(p) for p in sorted(d.glob("*.yml")))


def load_loader(path: Path) -> SourceInfo:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return SourceInfo.model_validate(data)
    except yaml.YAMLError as exc:
        raise LoaderError(f"{path}: not valid YAML: {exc}") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"]) or "(top)"
        raise LoaderError(f"{path}: {where}: {first['msg']}") from None


def source_named(name: str) -> SourceInfo | None:
    return next((info for info in sources() if info.name == name), None)


def source_for(*keys: str | None) -> SourceInfo | None:
    for info in sources():
        for key in keys:
            if key and any(m in key for m in info.match):
                return info
    return None


def province_hint(source: str | None, url: str | None = None) -> str | None:
    """The province a source reports on: its loader's ``province``, else the province its site
    is named for (``baotayninh.vn``), which is how most provincial outlets are named."""
    info = source_for(source, url)
    if info is not None:
        return info.province
    for key in (url, source):
        host = urlsplit(key).hostname if key and "//" in key else None
        if host:
            name = _host_province(host)
            if name is not None:
                return name
    return None


@lru_cache(maxsize=1024)
def _host_province(host: str) -> str | None:
    p = load().province_of_host(host)
    return p.name if p else None
