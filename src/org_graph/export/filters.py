"""Which part of the graph an export writes: pure functions from a PropertyGraph to a smaller one.

Each filter decides which *nodes* stay; edges then follow one rule everywhere (:func:`subgraph`):
an edge stays when both its ends stay, and a ``HELD`` shortcut stays only with the tenure it
abbreviates, so no export ever shows a shortcut whose tenure a filter dropped. The rules are
written out in ``docs/exports.md``; the comments here say why each one is as it is.
"""
from __future__ import annotations

from ..graph.timeline import earliest, latest

import datetime as dt
from collections.abc import Callable, Iterable

from ..store.oxigraph import StoreError
from ..store.projection import PropertyGraph

#: The deepest ego network ``around`` builds. Six hops from one person already reach nearly the
#: whole corpus through the articles; a larger number would only be a slower way to say "all".
MAX_DEPTH = 6


class SelectionError(StoreError):
    """A selection that cannot be applied (unknown province, depth over the maximum …)."""


# -- shared look-ups ------------------------------------------------------------------------------
def node_labels(g: PropertyGraph) -> dict[str, str]:
    return {row["id"]: label for label, rows in g.nodes.items() for row in rows}


def _by_id(g: PropertyGraph, label: str) -> dict[str, dict]:
    return {row["id"]: row for row in g.nodes.get(label, [])}


def _edges(g: PropertyGraph, rtype: str) -> list[dict]:
    return g.rels.get(rtype, [])


def tenure_of(g: PropertyGraph) -> dict[tuple[str, str], str]:
    """(person, post) -> tenure: a HELD row carries no tenure id, but a person holds a post
    through exactly one tenure node (its IRI is built from the two)."""
    holder = {r["to"]: r["from"] for r in _edges(g, "HOLDS")}
    return {(holder[r["from"]], r["to"]): r["from"] for r in _edges(g, "OF_POST") if r["from"] in holder}


def tenure_interval(row: dict) -> tuple[str | None, str | None]:
    """The days a tenure is placed on: from its start (or first attestation) to its end bound (or
    last attestation). A missing side takes the other one: a tenure only known as "former" on a
    day is placed on that day rather than stretched over all of history."""
    start = row.get("start_date")
    lo = earliest(start) if start else row.get("first_attested")  # a start of "2019" is 2019-01-01 at the earliest
    hi = row.get("ended_by") or row.get("last_attested") or (latest(start) if start else None)
    return (lo or hi, hi or lo)


def event_day(event: dict, published: dict[str, str | None]) -> str | None:
    """An event's date, or the day its article was published when the article gives none (a
    bulletin reports what happened on or just before its date)."""
    return event.get("date") or published.get(event.get("article_id"))


def article_days(g: PropertyGraph) -> dict[str, str | None]:
    """article_id -> published day."""
    return {r["article_id"]: r.get("published") for r in g.nodes.get("Article", [])}


# -- the one edge rule ----------------------------------------------------------------------------
def subgraph(g: PropertyGraph, keep: Iterable[str]) -> PropertyGraph:
    kept = set(keep)
    out = PropertyGraph()
    for label, rows in g.nodes.items():
        out.nodes[label] = [r for r in rows if r["id"] in kept]
    tenure = tenure_of(g)
    for rtype, rows in g.rels.items():
        rs = [r for r in rows if r["from"] in kept and r["to"] in kept]
        if rtype == "HELD":
            rs = [r for r in rs if tenure.get((r["from"], r["to"])) in kept]
        out.rels[rtype] = rs
    return out


# -- by province ----------------------------------------------------------------------------------
def by_province(g: PropertyGraph, province: str, same_place: Callable[[str], bool] | None = None) -> PropertyGraph:
    """What belongs to ``province`` (its canonical name; ``same_place(value)`` says whether an
    article's province or a body's jurisdiction names it, default: equal text).

    Two seeds — the province's articles and its bodies — and what hangs on each:

    * article side: an article whose province is P, with everything it mentions (people, bodies,
      documents, events, the tenures it is evidence of) and the documents it or its events cite;
    * body side: a body whose jurisdiction is P, its posts, the tenures of those posts, and the
      documents it issued;

    then completion, so every kept node can still be read: a tenure brings its holder, its post
    and the post's body; a post its body; a document its issuer. Nothing is followed further
    (a kept person's tenures elsewhere stay out), or one national figure would pull in the
    whole country.
    """
    same = same_place or (lambda value: value == province)
    articles = {r["id"] for r in g.nodes.get("Article", []) if r.get("province") and same(r["province"])}
    bodies = {r["id"] for r in g.nodes.get("Organization", []) if r.get("jurisdiction") and same(r["jurisdiction"])}
    keep = set(articles) | bodies
    article_ids = {r["article_id"] for r in g.nodes.get("Article", []) if r["id"] in articles}
    for r in _edges(g, "MENTIONED_IN"):
        if r["to"] in articles:
            keep.add(r["from"])
    for r in _edges(g, "CITES"):
        if r.get("article_id") in article_ids:
            keep.add(r["from"])
            keep.add(r["to"])
    posts = {r["from"] for r in _edges(g, "POST_IN") if r["to"] in bodies}
    keep |= posts
    keep |= {r["from"] for r in _edges(g, "OF_POST") if r["to"] in posts}
    keep |= {r["from"] for r in _edges(g, "ISSUED_BY") if r["to"] in bodies}
    _complete(g, keep)
    return subgraph(g, keep)


def _complete(g: PropertyGraph, keep: set[str]) -> None:
    # In dependency order: tenure -> holder and post, post -> body, document -> issuer.
    tenures = {r["id"] for r in g.nodes.get("Tenure", [])} & keep
    keep |= {r["from"] for r in _edges(g, "HOLDS") if r["to"] in tenures}
    keep |= {r["to"] for r in _edges(g, "OF_POST") if r["from"] in tenures}
    keep |= {r["to"] for r in _edges(g, "POST_IN") if r["from"] in keep}
    keep |= {r["to"] for r in _edges(g, "ISSUED_BY") if r["from"] in keep}


# -- by period ------------------------------------------------------------------------------------
def by_period(g: PropertyGraph, start: dt.date | None, end: dt.date | None) -> PropertyGraph:
    """What the window [start, end] (both days included, either side open) holds.

    Dated things by their dates: an article by its publication day, an event by its day (its
    article's when it has none), a tenure when its interval (:func:`tenure_interval`) overlaps
    the window, a document when it was issued in the window. Undated articles, events and
    tenures are dropped: nothing places them in the window.

    Timeless things (people, posts, bodies) stay when something dated that stays refers to them:
    a person holding a kept tenure, attending a kept event or mentioned in a kept article; a post
    of a kept tenure; a body mentioned in a kept article, or holding a kept post, or issuing a
    kept document. A document cited by a kept event or article stays whatever its own date (a
    2013 resolution cited at a 2022 conference is part of 2022).
    """
    lo = start.isoformat() if start else None
    hi = end.isoformat() if end else None

    def inside(day: str | None) -> bool:
        return day is not None and (lo is None or day >= lo) and (hi is None or day <= hi)

    def overlaps(a: str | None, b: str | None) -> bool:
        return a is not None and b is not None and (hi is None or a <= hi) and (lo is None or b >= lo)

    published = article_days(g)
    keep = {r["id"] for r in g.nodes.get("Article", []) if inside(r.get("published"))}
    keep |= {r["id"] for r in g.nodes.get("Event", []) if inside(event_day(r, published))}
    keep |= {r["id"] for r in g.nodes.get("Tenure", []) if overlaps(*tenure_interval(r))}
    keep |= {r["id"] for r in g.nodes.get("Document", []) if inside(r.get("date"))}
    kept_articles = {r["article_id"] for r in g.nodes.get("Article", []) if r["id"] in keep}
    for r in _edges(g, "CITES"):
        if r["from"] in keep or r.get("article_id") in kept_articles:
            keep.add(r["to"])
    labels = node_labels(g)
    for r in _edges(g, "MENTIONED_IN"):
        if r["to"] in keep and labels.get(r["from"]) in ("Person", "Organization", "Document"):
            keep.add(r["from"])
    keep |= {r["from"] for r in _edges(g, "ATTENDED") if r["to"] in keep}
    _complete(g, keep)
    return subgraph(g, keep)


# -- around a node --------------------------------------------------------------------------------
def around(g: PropertyGraph, center: str, depth: int) -> PropertyGraph:
    """The ego network of ``center``: every node within ``depth`` hops, whatever the direction
    and type of the edges on the way (an article links the people it mentions, so depth 2 from a
    person reaches who appeared in the same bulletins)."""
    if not 0 <= depth <= MAX_DEPTH:
        raise SelectionError(f"depth {depth} is out of range: use 0 to {MAX_DEPTH}")
    if center not in node_labels(g):
        raise SelectionError(f"{center} is not in the selected graph")
    import networkx as nx  # here, not at the top: every org-graph command imports this module

    u = nx.Graph()
    u.add_nodes_from(node_labels(g))
    for rows in g.rels.values():
        u.add_edges_from((r["from"], r["to"]) for r in rows)
    return subgraph(g, nx.ego_graph(u, center, radius=depth, undirected=True).nodes)


def counts(g: PropertyGraph) -> tuple[int, int]:
    return sum(map(len, g.nodes.values())), sum(map(len, g.rels.values()))
