"""One search box over people, bodies, posts, documents, events and articles.

Matching is on a *plain* key — lower case, tone marks and other diacritics removed, ``đ`` read as
``d`` — so ``huynh quoc viet`` finds *Huỳnh Quốc Việt*; a query typed with its accents ranks the
exact spelling first. The index is built once from the store's snapshot (a few hundred thousand
entries at most for a large store) and held in memory.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..text import fold

#: The kinds the search box returns, in the order the results page shows them.
KINDS = ("person", "org", "post", "document", "event", "article")
KIND_TITLES = {"person": "People", "org": "Bodies", "post": "Posts", "document": "Documents",
               "event": "Events", "article": "Articles"}

_NON_WORD = re.compile(r"[^\w/.-]+")


def plain(text: str) -> str:
    """``Ủy ban nhân dân tỉnh Cà Mau`` -> ``uy ban nhan dan tinh ca mau``."""
    t = unicodedata.normalize("NFD", fold(text).replace("đ", "d"))
    t = "".join(c for c in t if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", t).split())


@dataclass(frozen=True)
class Entry:
    kind: str
    id: str
    label: str
    detail: str = ""
    folded: str = field(default="", compare=False)
    plain: str = field(default="", compare=False)


def entry(kind: str, id: str, label: str, detail: str = "", extra: str = "") -> Entry:
    text = f"{label} {extra}".strip()
    return Entry(kind, id, label, detail, fold(text), plain(text))


class SearchIndex:
    def __init__(self, entries: list[Entry]):
        self.entries = entries

    def search(self, q: str, per_kind: int = 25) -> dict[str, dict]:
        """``{kind: {"total": n, "hits": [Entry, …]}}`` for the kinds with hits, best first."""
        qf, qp = fold(q), plain(q)
        if not qp and not qf:
            return {}
        words = qp.split()
        scored: dict[str, list[tuple]] = {}
        for e in self.entries:
            s = _score(e, qf, qp, words)
            if s is not None:
                scored.setdefault(e.kind, []).append((s, len(e.label), e.label, e.id, e))
        out = {}
        for kind in KINDS:
            hits = sorted(scored.get(kind, []), key=lambda t: t[:4])
            if hits:
                out[kind] = {"total": len(hits), "hits": [t[-1] for t in hits[:per_kind]]}
        return out


def _score(e: Entry, qf: str, qp: str, words: list[str]) -> int | None:
    if qf and qf == e.folded:
        return 0
    if qp and qp == e.plain:
        return 1
    if qf and e.folded.startswith(qf):
        return 2
    if qp and e.plain.startswith(qp):
        return 3
    if qf and qf in e.folded:
        return 4 if f" {qf}" in f" {e.folded}" else 6
    if qp and qp in e.plain:
        return 5 if f" {qp}" in f" {e.plain}" else 7
    if len(words) > 1 and all(w in e.plain for w in words):
        return 8
    return None
