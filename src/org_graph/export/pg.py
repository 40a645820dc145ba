"""The property graph as the visual formats (GraphML, GEXF, Cytoscape) show it.

One place decides what a node and an edge carry, so the three formats agree: every node has
``kind`` (its label: Person, Tenure …) and ``label`` (what a viewer prints on it), every edge has
``kind`` and ``label`` (its type: HOLDS …); then the projection's own properties, without nulls.

Renames, where a name is taken: ``kind`` is the label, so an event's own kind (conference …) is
``event_kind``; ``start``/``end`` mean time in GEXF (Gephi's timeline), so the character offsets
of ATTENDED and MENTIONED_IN are ``span_start``/``span_end`` and HELD's bounds take the tenure's
names ``start_date``/``ended_by``.
(The Neo4j CSV keeps the projection's names, the ones ``push neo4j`` writes, so the ready Cypher
queries run on an imported database unchanged.)
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from ..store.projection import PropertyGraph
from .filters import article_days, event_day, tenure_interval, tenure_of

_RENAMES = {
    "HELD": {"start": "start_date", "end": "ended_by"},
    "ATTENDED": {"start": "span_start", "end": "span_end"},
    "MENTIONED_IN": {"start": "span_start", "end": "span_end"},
}
#: ``kind`` is the label on every node: the event's own kind (conference, ceremony …) moves aside.
_NODE_RENAMES = {"Event": {"kind": "event_kind"}}
#: Properties a viewer does not need: the start label is the start node's kind already.
_DROP = {"from", "to", "from_label"}


@dataclass
class Node:
    id: str
    attrs: dict
    start: str | None = None  # the days it exists on, for GEXF's dynamic mode
    end: str | None = None


@dataclass
class Edge:
    id: str
    source: str
    target: str
    attrs: dict
    start: str | None = None
    end: str | None = None


def flat(value):
    """GraphML and GEXF have no list type: a list becomes its JSON text (unambiguous, and
    ``json.loads`` gives the list back)."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value


def elements(g: PropertyGraph) -> tuple[list[Node], list[Edge]]:
    """Nodes and edges in a stable order (by id; edges by type, ends and properties), so the same
    store exports byte-for-byte the same file."""
    names = {r["id"]: r.get("name") for label in ("Person", "Post") for r in g.nodes.get(label, [])}
    holder = {r["to"]: r["from"] for r in g.rels.get("HOLDS", [])}
    post = {r["from"]: r["to"] for r in g.rels.get("OF_POST", [])}
    published = article_days(g)
    when: dict[str, tuple[str | None, str | None]] = {}

    nodes = []
    for label in sorted(g.nodes):
        for r in g.nodes[label]:
            start = end = None
            if label == "Tenure":
                start, end = tenure_interval(r)
                display = " – ".join(x for x in (names.get(holder.get(r["id"])), names.get(post.get(r["id"]))) if x)
            elif label == "Article":
                start = end = r.get("published")
                display = r.get("title") or r.get("article_id")
            elif label == "Event":
                start = end = event_day(r, published)
                display = r.get("name")
            elif label == "Document":
                start = r.get("date")  # in force from its date on; no end is known
                display = r.get("number")
            else:
                display = r.get("name")
            attrs = {"kind": label, "label": display or r.get("role") or r["id"]}
            rename = _NODE_RENAMES.get(label, {})
            attrs.update({rename.get(k, k): v for k, v in r.items() if k != "id" and v is not None})
            nodes.append(Node(r["id"], attrs, start, end))
            when[r["id"]] = (start, end)
    nodes.sort(key=lambda n: n.id)

    tenure = tenure_of(g)
    edges = []
    for rtype in sorted(g.rels):
        rename = _RENAMES.get(rtype, {})
        rows = []
        for r in g.rels[rtype]:
            attrs = {"kind": rtype, "label": rtype}
            attrs.update({rename.get(k, k): v for k, v in r.items() if k not in _DROP and v is not None})
            start = end = None
            if rtype in ("HOLDS", "OF_POST"):
                start, end = when.get(r["to"] if rtype == "HOLDS" else r["from"], (None, None))
            elif rtype == "HELD":
                start, end = when.get(tenure.get((r["from"], r["to"])), (None, None))
            elif rtype == "ATTENDED":
                start, end = when.get(r["to"], (None, None))
            elif rtype in ("MENTIONED_IN", "CITES"):
                day = published.get(r.get("article_id")) if rtype == "CITES" else when.get(r["to"], (None,))[0]
                start = end = day
            rows.append((r["from"], r["to"], attrs, start, end))
        rows.sort(key=lambda e: (e[0], e[1], json.dumps(e[2], sort_keys=True, ensure_ascii=False, default=str)))
        edges.extend(Edge(f"{rtype}:{i}", s, t, a, st, en) for i, (s, t, a, st, en) in enumerate(rows))
    return nodes, edges
