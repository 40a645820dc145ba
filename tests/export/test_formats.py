"""Every export of the whole corpus store, read back with the tools that format is for, against
the store itself (SPARQL, its quads) and its property-graph projection."""
from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest
import rdflib

from org_graph.export import ExportError, Format, export
from org_graph.export.filters import tenure_interval
from org_graph.export.rdf import context
from org_graph.graph import terms as T


def _write(store, fmt, path, selection=None):
    res = export(store, fmt, path, selection)
    assert res.path == Path(path)
    return res


def _labels(g):
    return {label: len(rows) for label, rows in g.nodes.items() if rows}


def _types(g):
    return {t: len(rows) for t, rows in g.rels.items() if rows}


def _resolved_count(store, cls: str) -> int:
    (row,) = store.select(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH <{T.RESOLVED_GRAPH.value}> "
                          f"{{ ?x a {cls} }} }}")
    return row["n"]


def test_graphml_reads_back_with_every_node_and_edge(store, projection, tmp_path):
    res = _write(store, "graphml", tmp_path / "g.graphml")
    G = nx.read_graphml(tmp_path / "g.graphml")
    assert isinstance(G, nx.MultiDiGraph)
    assert (res.nodes, res.edges) == (G.number_of_nodes(), G.number_of_edges())
    assert Counter(k for _, k in G.nodes(data="kind")) == _labels(projection)
    assert Counter(k for *_, k in G.edges(data="kind")) == _types(projection)
    # The people are those of the resolved graph, the tenures too.
    assert sum(1 for _, k in G.nodes(data="kind") if k == "Person") == _resolved_count(store, "og:Person")
    assert sum(1 for _, k in G.nodes(data="kind") if k == "Tenure") == _resolved_count(store, "og:Tenure")
    # Typed values survive: booleans as booleans, lists as JSON text.
    for post in projection.nodes["Post"]:
        assert G.nodes[post["id"]]["single_seat"] is post["single_seat"]
    for t in projection.nodes["Tenure"]:
        assert json.loads(G.nodes[t["id"]]["current_days"]) == t["current_days"]
    for r in projection.rels["HOLDS"]:
        assert G.has_edge(r["from"], r["to"])


def test_gexf_is_dynamic_with_the_days_things_hold(store, projection, tmp_path, hqv):
    res = _write(store, "gexf", tmp_path / "g.gexf")
    graph_el = ET.parse(tmp_path / "g.gexf").getroot().find("{http://www.gexf.net/1.2draft}graph")
    assert (graph_el.get("mode"), graph_el.get("timeformat")) == ("dynamic", "date")
    G = nx.read_gexf(tmp_path / "g.gexf")
    assert (G.number_of_nodes(), G.number_of_edges()) == (res.nodes, res.edges)
    assert Counter(k for _, k in G.nodes(data="kind")) == _labels(projection)
    assert Counter(k for *_, k in G.edges(data="kind")) == _types(projection)
    for t in projection.nodes["Tenure"]:
        lo, hi = tenure_interval(t)
        node = G.nodes[t["id"]]
        assert (node.get("start"), node.get("end")) == (lo, hi)
        if lo:
            assert lo <= hi
    for a in projection.nodes["Article"]:
        assert G.nodes[a["id"]].get("start") == a["published"]
    for e in projection.nodes["Event"]:
        if e["date"]:
            assert G.nodes[e["id"]]["start"] == e["date"] == G.nodes[e["id"]]["end"]
    # People are timeless; the seed article's Chủ tịch tenure spans its day, and so do its edges.
    assert "start" not in G.nodes[hqv]
    (chair,) = [t for t in projection.rels["HOLDS"] if t["from"] == hqv and t["to"].endswith("chu-tich--uy-ban-nhan-dan-tinh-ca-mau")]
    node = G.nodes[chair["to"]]
    assert node["start"] <= "2022-01-07" <= node["end"]
    for d in G.get_edge_data(hqv, chair["to"]).values():
        assert (d["start"], d["end"]) == (node["start"], node["end"])


def test_cytoscape_json_elements(store, projection, tmp_path):
    res = _write(store, "cytoscape", tmp_path / "g.json")
    doc = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    nodes, edges = doc["elements"]["nodes"], doc["elements"]["edges"]
    assert (len(nodes), len(edges)) == (res.nodes, res.edges)
    ids = [n["data"]["id"] for n in nodes]
    assert len(set(ids)) == len(ids)
    assert not set(ids) & {e["data"]["id"] for e in edges}  # one id space in Cytoscape.js
    for e in edges:
        assert e["data"]["source"] in set(ids) and e["data"]["target"] in set(ids)
    assert Counter(n["data"]["kind"] for n in nodes) == _labels(projection)
    assert Counter(e["data"]["kind"] for e in edges) == _types(projection)
    by_id = {n["data"]["id"]: n["data"] for n in nodes}
    for t in projection.nodes["Tenure"]:
        assert by_id[t["id"]].get("current_days", []) == t["current_days"]  # lists stay lists
    for e in projection.nodes["Event"]:
        assert by_id[e["id"]].get("event_kind") == e["kind"] and by_id[e["id"]]["kind"] == "Event"


_HEADER_TYPES = {"string", "long", "int", "boolean", "double", "date", "string[]", "long[]"}


def _read_csv(path):
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def test_neo4j_csv_in_the_neo4j_admin_layout(store, projection, tmp_path):
    out = tmp_path / "neo4j"
    res = _write(store, "neo4j-csv", out)
    node_files = sorted((out / "nodes").glob("*.csv"))
    rel_files = sorted((out / "relationships").glob("*.csv"))
    assert {p.stem for p in node_files} == set(_labels(projection))
    assert {p.stem for p in rel_files} == set(_types(projection))
    all_ids: list[str] = []
    for path in node_files:
        header, rows = _read_csv(path)
        assert header[0] == "id:ID" and header[-1] == ":LABEL"
        for col in header[1:-1]:
            name, typ = col.split(":")
            assert re.fullmatch(r"[a-z_]+", name) and typ in _HEADER_TYPES, col
        assert all(r[-1] == path.stem for r in rows)
        assert len(rows) == len(projection.nodes[path.stem])
        all_ids += [r[0] for r in rows]
        cols = {c.split(":")[0]: i for i, c in enumerate(header)}
        if path.stem == "Post":
            assert header[cols["single_seat"]] == "single_seat:boolean"
            assert {r[cols["single_seat"]] for r in rows} <= {"true", "false"}
        if path.stem == "Tenure":
            assert header[cols["current_days"]] == "current_days:string[]"
            delim = re.search(r"--array-delimiter=(\S+)", " ".join(res.command))[1]
            want = {t["id"]: t["current_days"] for t in projection.nodes["Tenure"]}
            for r in rows:
                cell = r[cols["current_days"]]
                assert (cell.split(delim) if cell else []) == want[r[0]]
    assert len(all_ids) == len(set(all_ids))  # one id space: no id twice across labels
    known = set(all_ids)
    for path in rel_files:
        header, rows = _read_csv(path)
        assert header[:3] == [":START_ID", ":END_ID", ":TYPE"]
        for col in header[3:]:
            assert col.split(":")[1] in _HEADER_TYPES, col
        assert len(rows) == len(projection.rels[path.stem])
        assert all(r[2] == path.stem and r[0] in known and r[1] in known for r in rows)
        if path.stem == "ATTENDED":
            assert "start:long" in header and "end:long" in header
    assert res.nodes == len(all_ids)
    # The exact command, also in import.sh and the README, naming every file once.
    cmd = res.command
    assert cmd[:5] == ["neo4j-admin", "database", "import", "full", "neo4j"]
    assert sorted(a.split("=", 1)[1] for a in cmd if a.startswith("--nodes=")) == \
        sorted(p.relative_to(out).as_posix() for p in node_files)
    assert sorted(a.split("=", 1)[1] for a in cmd if a.startswith("--relationships=")) == \
        sorted(p.relative_to(out).as_posix() for p in rel_files)
    script = (out / "import.sh").read_text(encoding="utf-8")
    assert "database import full neo4j" in script and all(a in script for a in cmd[5:] if "delimiter" not in a)
    assert "neo4j-admin database import full neo4j" in (out / "README.md").read_text(encoding="utf-8")


def test_nquads_is_the_store_quad_for_quad(store, tmp_path):
    res = _write(store, "nquads", tmp_path / "g.nq")
    data = (tmp_path / "g.nq").read_bytes()
    stored = store.dump()
    assert res.quads == len(stored)
    assert {str(q) for q in pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_QUADS)} == stored
    ds = rdflib.Dataset()
    ds.parse(data=data.decode("utf-8"), format="nquads")
    assert len(list(ds.quads((None, None, None, None)))) == len(stored)
    # A named graph per article, plus the resolved graph.
    graphs = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert T.RESOLVED_GRAPH.value in graphs
    assert {T.article_graph(a).value for a in store.article_ids()} <= graphs


def test_turtle_has_every_distinct_triple(store, tmp_path):
    res = _write(store, "turtle", tmp_path / "g.ttl")
    g = rdflib.Graph()
    g.parse(tmp_path / "g.ttl", format="turtle")
    (row,) = store.select("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")
    assert len(g) == row["n"] == res.quads


def test_jsonld_compacted_with_the_context_reads_back_to_the_same_quads(store, tmp_path):
    _write(store, "jsonld", tmp_path / "g.jsonld")
    _write(store, "nquads", tmp_path / "g.nq")
    doc = json.loads((tmp_path / "g.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"] == context()
    # Compacted: the context's terms, not full IRIs (e.g. a person typed "Person").
    text = json.dumps(doc, ensure_ascii=False)
    assert '"type": "Person"' in text and '"name":' in text and "schema.org/name" not in text
    got, want = rdflib.Dataset(), rdflib.Dataset()
    got.parse(data=(tmp_path / "g.jsonld").read_text(encoding="utf-8"), format="json-ld")
    want.parse(tmp_path / "g.nq", format="nquads")
    assert set(got.quads((None, None, None, None))) == set(want.quads((None, None, None, None)))
    assert len(set(got.quads((None, None, None, None)))) == len(store.dump())


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "cytoscape", "nquads", "turtle"])
def test_the_same_store_exports_the_same_bytes(store, tmp_path, fmt):
    _write(store, fmt, tmp_path / "a")
    _write(store, fmt, tmp_path / "b")
    a, b = (tmp_path / "a").read_bytes(), (tmp_path / "b").read_bytes()
    if fmt == "gexf":  # networkx stamps the day it wrote the file
        a, b = (re.sub(rb'lastmodifieddate="[^"]*"', b"", x) for x in (a, b))
    assert a == b


def test_stream_output(store, projection):
    buf = io.BytesIO()
    res = export(store, Format.cytoscape, buf)
    assert res.path is None and len(json.loads(buf.getvalue())["elements"]["nodes"]) == res.nodes


def test_unknown_format_is_an_error(store):
    with pytest.raises(ExportError, match="unknown export format 'xml'"):
        export(store, "xml")
