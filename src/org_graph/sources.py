"""Source metadata from ``loaders/*.yml``: which province a source belongs to.

A provincial portal's bulletins say ``UBND tỉnh`` without naming the province; the source's
loader file says which one. Read once per process; matching is a substring test on the
article's source or URL.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel


class SourceInfo(BaseModel):
    name: str
    title: str | None = None
    match: list[str] = []
    province: str | None = None
    language: str = "vi"


def loaders_dir() -> Path:
    env = os.environ.get("ORG_GRAPH_LOADERS")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "loaders"


@lru_cache(maxsize=1)
def sources() -> tuple[SourceInfo, ...]:
    d = loaders_dir()
    if not d.is_dir():
        return ()
    return tuple(SourceInfo.model_validate(yaml.safe_load(p.read_text(encoding="utf-8")))
                 for p in sorted(d.glob("*.yml")))


def source_for(*keys: str | None) -> SourceInfo | None:
    for info in sources():
        for key in keys:
            if key and any(m in key for m in info.match):
                return info
    return None


def province_hint(source: str | None, url: str | None = None) -> str | None:
    info = source_for(source, url)
    return info.province if info else None
