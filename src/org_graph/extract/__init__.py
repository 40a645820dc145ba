"""``Article -> Extraction``: deterministic, no I/O, no global state beyond read-only gazetteers."""
from __future__ import annotations

from ..model import Article, Extraction


def extract(article: Article) -> Extraction:
    return Extraction(article_id=article.id)


__all__ = ["extract"]
