"""Exports of the graph for other tools: GraphML, GEXF (dynamic, for Gephi's timeline), Cytoscape.js
JSON, CSV for ``neo4j-admin database import``, JSON-LD, Turtle and N-Quads.

From a notebook::

    from org_graph.export import Selection, export, select
    from org_graph.store.oxigraph import GraphStore

    store = GraphStore.open("org-graph-data", read_only=True)
    export(store, "gexf", "camau.gexf", Selection(province="Cà Mau", start=date(2020, 1, 1)))
    graph = select(store, Selection(around="Huỳnh Quốc Việt", depth=2)).graph   # a PropertyGraph

The property-graph formats come from :func:`org_graph.store.projection.project`, the RDF ones
from the store's quads; one selection (province, time window, ego network) applies to both, with
the rules written in ``docs/exports.md``.
"""
from __future__ import annotations

import datetime as dt
import io
import os
import re
import sys
import time
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import BinaryIO

from ..gazetteer import load as load_gazetteer
from ..graph import terms as T
from ..store.oxigraph import GraphStore, StoreError
from ..store.projection import PropertyGraph, project
from ..text import fold
from . import cytoscape, neo4j_csv, rdf
from .filters import MAX_DEPTH, SelectionError, around, by_period, by_province, counts, node_labels


class Format(str, Enum):
    graphml = "graphml"
    gexf = "gexf"
    cytoscape = "cytoscape"
    neo4j_csv = "neo4j-csv"
    jsonld = "jsonld"
    turtle = "turtle"
    nquads = "nquads"

    @property
    def rdf(self) -> bool:
        return self in (Format.jsonld, Format.turtle, Format.nquads)


class ExportError(StoreError):
    """A selection or an output the user can fix; the message says which."""


@dataclass(frozen=True)
class Selection:
    """What part of the graph to export; empty means all of it. Filters apply in this order:
    province, then the time window, then the ego network inside what those left."""

    province: str | None = None
    start: dt.date | None = None  # --from, included
    end: dt.date | None = None  # --to, included
    around: str | None = None  # a person's name, or any node's IRI
    depth: int = 1

    def __post_init__(self) -> None:
        if not 0 <= self.depth <= MAX_DEPTH:
            raise ExportError(f"--depth {self.depth} is out of range: an ego network goes 0 to {MAX_DEPTH} hops "
                              f"(at {MAX_DEPTH} it already spans nearly the whole graph)")
        if self.start and self.end and self.start > self.end:
            raise ExportError(f"--from {self.start} is after --to {self.end}")
        if self.province is not None and not self.province.strip():
            raise ExportError("--province is empty")

    @property
    def empty(self) -> bool:
        return self.province is None and self.start is None and self.end is None and self.around is None


@dataclass
class Selected:
    graph: PropertyGraph  # what the selection keeps
    full: PropertyGraph  # the whole projection it was cut from
    center: str | None = None  # the resolved --around node

    @property
    def nodes(self) -> set[str]:
        return set(node_labels(self.graph))

    @property
    def article_ids(self) -> set[str]:
        return {r["article_id"] for r in self.graph.nodes.get("Article", [])}


@dataclass
class ExportResult:
    format: Format
    nodes: int = 0  # property-graph formats
    edges: int = 0
    quads: int = 0  # RDF formats (Turtle: distinct triples)
    path: Path | None = None
    seconds: float = 0.0
    command: list[str] = field(default_factory=list)  # neo4j-csv: the neo4j-admin argv


_DAY = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_day(text: str, last: bool = False) -> dt.date:
    """``2021-04-27``, or a month ``2021-04`` / a year ``2021``: its first day, or with ``last``
    its last day (so ``--from 2020 --to 2021`` means all of 2020 and 2021)."""
    m = _DAY.match(text.strip())
    if not m:
        raise ExportError(f"not a date: {text!r} (use YYYY-MM-DD, YYYY-MM or YYYY)")
    y, mo, d = int(m[1]), m[2], m[3]
    try:
        if d:
            return dt.date(y, int(mo), int(d))
        if mo:
            first = dt.date(y, int(mo), 1)
            return (dt.date(y + int(mo) // 12, int(mo) % 12 + 1, 1) - dt.timedelta(days=1)) if last else first
        return dt.date(y, 12, 31) if last else dt.date(y, 1, 1)
    except ValueError:
        raise ExportError(f"not a date: {text!r}") from None


def _province_matcher(name: str, g: PropertyGraph):
    """The canonical province the user means, and a test for the store's own spellings of places.
    The gazetteer folds aliases (``TPHCM`` is Hồ Chí Minh); a name typed without diacritics is
    accepted when it is one province's."""
    gz = load_gazetteer()
    prov = gz.province(name)
    if prov is None:
        by_slug = {}
        for p in gz.provinces:
            for n in (p.name, *p.aliases):
                by_slug.setdefault(T.slug(n), set()).add(p.name)
        names = by_slug.get(T.slug(name), set())
        if len(names) == 1:
            prov = gz.province(next(iter(names)))
    target = prov.name if prov else fold(name.strip())
    cache: dict[str, str] = {}

    def canon(value: str) -> str:
        if value not in cache:
            p = gz.province(value)
            cache[value] = p.name if p else fold(value)
        return cache[value]

    def same(value: str) -> bool:
        return canon(value) == target

    if prov is None and not any(same(v) for v in
                                [r.get("province") for r in g.nodes.get("Article", []) if r.get("province")]
                                + [r.get("jurisdiction") for r in g.nodes.get("Organization", []) if r.get("jurisdiction")]):
        raise ExportError(f"unknown province {name!r}: not in ontology/provinces.yaml, and no article or body "
                          "in the store names it")
    return target, same


def _center(store: GraphStore, g: PropertyGraph, text: str) -> str:
    ids = node_labels(g)
    for candidate in (text, T.ID + "person/" + text):
        if candidate in ids:
            return candidate
    rows = store.ready("people-named", {"name": fold(" ".join(text.split()))})
    if not rows:
        raise ExportError(f"no person named {text!r} in the store")
    if len(rows) > 1:
        listed = ", ".join(r["person_id"] for r in rows)
        raise ExportError(f"{len(rows)} people are named {text!r}; pass one's id to --around: {listed}")
    return rows[0]["person_id"]


def select(store: GraphStore, selection: Selection | None = None) -> Selected:
    full = project(store)
    sel = selection or Selection()
    g = full
    center = None
    if sel.around is not None:
        center = _center(store, full, sel.around)  # before filtering: "unknown" and "filtered out" differ
    if sel.province is not None:
        target, same = _province_matcher(sel.province, full)
        g = by_province(g, target, same)
    if sel.start is not None or sel.end is not None:
        g = by_period(g, sel.start, sel.end)
    if center is not None:
        if center not in node_labels(g):
            raise ExportError(f"{sel.around!r} ({center}) is not in what --province/--from/--to keep")
        try:
            g = around(g, center, sel.depth)
        except SelectionError as exc:
            raise ExportError(str(exc)) from None
    return Selected(g, full, center)


def export(store: GraphStore, fmt: Format | str, out: Path | str | BinaryIO | None = None,
           selection: Selection | None = None) -> ExportResult:
    """Write ``store`` (or the part ``selection`` keeps) as ``fmt`` to ``out``: a file path, a
    binary stream, or None for stdout; for ``neo4j-csv`` a folder (created if missing)."""
    t0 = time.perf_counter()
    try:
        fmt = Format(fmt)
    except ValueError:
        raise ExportError(f"unknown export format {fmt!r}: use one of {', '.join(f.value for f in Format)}") from None
    sel = selection or Selection()
    res = ExportResult(fmt)
    if fmt is Format.neo4j_csv:
        if out is None or not isinstance(out, (str, Path)):
            raise ExportError("neo4j-csv writes a folder of files: give it with -o FOLDER")
        folder = Path(out)
        if folder.exists() and not folder.is_dir():
            raise ExportError(f"{folder}: not a folder (neo4j-csv writes a folder of files)")
        g = select(store, sel).graph
        res.nodes, res.edges = counts(g)
        res.command = neo4j_csv.write(g, folder).command
        res.path = folder
    elif fmt.rdf:
        quads = rdf.all_quads(store)
        if not sel.empty:
            chosen = select(store, sel)
            quads = rdf.select(quads, chosen.nodes, chosen.article_ids, set(node_labels(chosen.full)))
        res.quads = len({q.triple for q in quads}) if fmt is Format.turtle else len(quads)
        writer = {Format.nquads: rdf.write_nquads, Format.turtle: rdf.write_turtle,
                  Format.jsonld: rdf.write_jsonld}[fmt]
        res.path = _write(out, lambda fh: writer(quads, fh))
    else:
        g = select(store, sel).graph
        res.nodes, res.edges = counts(g)
        if fmt is Format.cytoscape:
            writer = cytoscape.write
        else:  # networkx is imported only by the formats that need it (the CLI starts faster)
            from . import gexf, graphml

            writer = graphml.write if fmt is Format.graphml else gexf.write
        res.path = _write(out, lambda fh: writer(g, fh))
    res.seconds = time.perf_counter() - t0
    return res


def _write(out: Path | str | BinaryIO | None, write) -> Path | None:
    if out is None:
        buf = io.BytesIO()  # whole, or not at all: a failure leaves no half document on stdout
        write(buf)
        sys.stdout.buffer.write(buf.getvalue())
        sys.stdout.buffer.flush()
        return None
    if not isinstance(out, (str, Path)):
        write(out)
        return None
    path = Path(out)
    if not path.parent.is_dir():
        raise ExportError(f"{path}: folder {path.parent} does not exist")
    if path.is_dir():
        raise ExportError(f"{path}: is a folder; give a file name")
    # Written beside and renamed into place: an export that fails leaves any older file intact.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as fh:
            write(fh)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


__all__ = [
    "MAX_DEPTH",
    "ExportError",
    "ExportResult",
    "Format",
    "Selected",
    "Selection",
    "export",
    "parse_day",
    "select",
]
