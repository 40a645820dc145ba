"""GEXF 1.2 in dynamic mode, for Gephi's timeline: the graph plays over the years.

Each node and edge that has a time carries ``start``/``end`` (days, ``timeformat="date"``):
a tenure from its start or first attestation to its end bound or last attestation, an event on
its day, an article on its publication day, a document from its date on; the edges of a tenure
(HOLDS, OF_POST, HELD) live as long as it, ATTENDED on the event's day, MENTIONED_IN and CITES on
the article's. People, posts and bodies have no time and are always shown (Gephi draws an edge
only while both its ends are shown, so a person's links still come and go with their tenures).
"""
from __future__ import annotations

from typing import BinaryIO

import networkx as nx

from ..store.projection import PropertyGraph
from .pg import elements, flat


def write(g: PropertyGraph, out: BinaryIO) -> None:
    nodes, edges = elements(g)
    G = nx.MultiDiGraph(mode="dynamic")
    for n in nodes:
        G.add_node(n.id, **{k: flat(v) for k, v in n.attrs.items()}, **_when(n.start, n.end))
    for e in edges:
        # "id" makes networkx write our edge id; "type" would be read as GEXF's edge direction,
        # which is why the relationship type travels as "kind".
        G.add_edge(e.source, e.target, key=e.id, id=e.id, **{k: flat(v) for k, v in e.attrs.items()},
                   **_when(e.start, e.end))
    nx.write_gexf(G, out, encoding="utf-8", prettyprint=True, version="1.2draft")


def _when(start: str | None, end: str | None) -> dict:
    return {k: v for k, v in (("start", start), ("end", end)) if v is not None}
