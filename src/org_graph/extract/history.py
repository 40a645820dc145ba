"""Titles that are history on the article's day: "Tổng Bí thư Lê Duẩn" in a 2021 bulletin.

The terms of Việt Nam's top posts are data (``ontology/national_leaders.yaml``). A title whose
every known term of that person ended before the article's day is a former one; a title with no
known term, or one the day falls in or before, is left as the text gives it.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from ..gazetteer import national_leaders
from ..text import fold

#: An article with no date at all is read as recent news: only terms that ended before this
#: day are history in it.
UNDATED_HORIZON = dt.date(2000, 1, 1)


@lru_cache(maxsize=1)
def _terms() -> dict[tuple[str, str, str], tuple[tuple[dt.date, dt.date | None], ...]]:
    out: dict[tuple[str, str, str], list[tuple[dt.date, dt.date | None]]] = {}
    for t in national_leaders():
        out.setdefault((fold(t.name), fold(t.role), fold(t.body)), []).append((t.start, t.end))
    return {k: tuple(v) for k, v in out.items()}


def is_history(name: str, role: str, body: str, day: dt.date | None) -> bool:
    terms = _terms().get((fold(name), fold(role), fold(body)))
    if not terms:
        return False
    horizon = day or UNDATED_HORIZON
    return all(end is not None and end < horizon for _, end in terms)
