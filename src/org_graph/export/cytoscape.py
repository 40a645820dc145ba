"""Cytoscape.js elements JSON: ``{"elements": {"nodes": [{"data": …}], "edges": [{"data": …}]}}``,
loadable with ``cy.add(json.elements)`` or ``cytoscape({elements: …})`` and by Cytoscape desktop
(File > Import > Network from File, "Cytoscape.js JSON").

``data.id`` is the IRI (edges: ``TYPE:n``), ``data.source``/``data.target`` the ends; lists stay
JSON lists, numbers and booleans stay typed.
"""
from __future__ import annotations

import json
from typing import BinaryIO

from ..store.projection import PropertyGraph
from .pg import elements


def document(g: PropertyGraph) -> dict:
    nodes, edges = elements(g)
    return {"elements": {
        "nodes": [{"data": {"id": n.id, **n.attrs}} for n in nodes],
        "edges": [{"data": {"id": e.id, "source": e.source, "target": e.target, **e.attrs}} for e in edges]}}


def write(g: PropertyGraph, out: BinaryIO) -> None:
    out.write(json.dumps(document(g), ensure_ascii=False, indent=1).encode("utf-8"))
    out.write(b"\n")
