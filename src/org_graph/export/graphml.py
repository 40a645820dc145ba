"""GraphML (yEd, Gephi, Cytoscape desktop, networkx, igraph): one directed multigraph.

Node ids are the graph's IRIs; ``kind`` and ``label`` on every node and edge (see :mod:`.pg`);
lists are JSON text, because GraphML has no list type.
"""
from __future__ import annotations

from typing import BinaryIO

import networkx as nx

from ..store.projection import PropertyGraph
from .pg import elements, flat


def to_networkx(g: PropertyGraph) -> nx.MultiDiGraph:
    """The property graph as networkx holds it (also handy in a notebook)."""
    nodes, edges = elements(g)
    out = nx.MultiDiGraph()
    for n in nodes:
        out.add_node(n.id, **{k: flat(v) for k, v in n.attrs.items()})
    for e in edges:
        out.add_edge(e.source, e.target, key=e.id, **{k: flat(v) for k, v in e.attrs.items()})
    return out


def write(g: PropertyGraph, out: BinaryIO) -> None:
    nx.write_graphml(to_networkx(g), out, encoding="utf-8", prettyprint=True)
