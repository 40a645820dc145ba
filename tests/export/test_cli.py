"""``org-graph export`` as a user runs it: a real process on a real store."""
from __future__ import annotations

import json
import subprocess
import sys

import networkx as nx
import pytest
import rdflib

from org_graph.store.oxigraph import GraphStore

CLI = [sys.executable, "-m", "org_graph.cli"]


def run(*args, code=0):
    res = subprocess.run([*CLI, "export", *map(str, args)], check=False, capture_output=True, text=True, timeout=300)
    assert res.returncode == code, (res.stdout[-2000:], res.stderr)
    assert "Traceback" not in res.stderr, res.stderr
    return res


def test_province_graphml_to_a_file(store_path, tmp_path, hqv):
    out = tmp_path / "camau.graphml"
    res = run("graphml", "--province", "Cà Mau", "-o", out, "--store", store_path)
    G = nx.read_graphml(out)
    assert hqv in G and G.nodes[hqv]["name"] == "Huỳnh Quốc Việt"
    assert f"{G.number_of_nodes()} nodes, {G.number_of_edges()} edges" in res.stderr and res.stdout == ""


def test_nquads_to_stdout_is_every_quad(store_path):
    res = run("nquads", "--store", store_path)
    ds = rdflib.Dataset()
    ds.parse(data=res.stdout, format="nquads")
    st = GraphStore.open(store_path, read_only=True)
    try:
        assert len(list(ds.quads((None, None, None, None)))) == len(st.dump())
    finally:
        st.close()


def test_around_cytoscape_to_stdout(store_path, hqv):
    res = run("cytoscape", "--around", "Huỳnh Quốc Việt", "--depth", "1", "--store", store_path)
    nodes = {n["data"]["id"]: n["data"] for n in json.loads(res.stdout)["elements"]["nodes"]}
    assert hqv in nodes
    assert any(d["kind"] == "Tenure" for d in nodes.values())


def test_neo4j_csv_folder_and_its_script(store_path, tmp_path):
    out = tmp_path / "neo"
    res = run("neo4j-csv", "-o", out, "--from", "2021", "--to", "2021", "--store", store_path)
    assert (out / "nodes" / "Person.csv").is_file() and (out / "import.sh").is_file()
    assert "import.sh" in res.stderr
    script = (out / "import.sh").read_text(encoding="utf-8")
    assert "database import full neo4j" in script and "--nodes=nodes/Person.csv" in script
    subprocess.run(["sh", "-n", out / "import.sh"], check=True)  # it parses as a shell script


@pytest.mark.parametrize("args,message", [
    (["gexf", "--around", "Huỳnh Quốc Việt", "--depth", "99"], "--depth 99 is out of range: an ego network goes 0 to 6"),
    (["graphml", "--around", "Không Có Ai"], "no person named 'Không Có Ai'"),
    (["graphml", "--depth", "2"], "--depth needs --around"),
    (["graphml", "--province", "Atlantis"], "unknown province 'Atlantis'"),
    (["graphml", "--from", "2022", "--to", "2021"], "is after --to"),
    (["turtle", "--from", "21/04/2021"], "not a date"),
    (["neo4j-csv"], "give it with -o FOLDER"),
])
def test_errors_are_one_clear_line_and_exit_1(store_path, tmp_path, args, message):
    out = tmp_path / "out.file"
    if args[0] != "neo4j-csv":
        args = [*args, "-o", out]
    res = run(*args, "--store", store_path, code=1)
    assert message in res.stderr and res.stderr.startswith("error:")
    assert len(res.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_a_failed_export_leaves_the_old_file(store_path, tmp_path):
    out = tmp_path / "g.graphml"
    run("graphml", "-o", out, "--store", store_path)
    before = out.read_bytes()
    run("graphml", "-o", out, "--around", "Không Có Ai", "--store", store_path, code=1)
    assert out.read_bytes() == before


def test_missing_store(tmp_path):
    res = run("graphml", "--store", tmp_path / "nothing", code=1)
    assert "no such folder" in res.stderr
