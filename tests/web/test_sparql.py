"""The SPARQL 1.1 Protocol endpoint of `org-graph serve`, over HTTP, against the real store."""
from __future__ import annotations

import csv
import io
import json
import time
from urllib.parse import urlencode

import pytest

from org_graph.store.oxigraph import GraphStore

PEOPLE = ("SELECT ?p ?name WHERE { ?p a og:Person ; schema:name ?name ; og:nameKey ?k . "
          "FILTER(STRSTARTS(?k, \"nguyễn\")) } ORDER BY ?name ?p")
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def expected(web_store):
    st = GraphStore.open(web_store, read_only=True)
    try:
        rows = st.select(PEOPLE)
        size = len(st.dump())
    finally:
        st.close()
    assert 5 < len(rows) <= 100  # under the server's --max-rows 100
    return {"rows": [(r["p"], r["name"]) for r in rows], "quads": size}


def _json_rows(body: bytes) -> list[tuple]:
    data = json.loads(body)
    assert data["head"]["vars"] == ["p", "name"]
    return [(b["p"]["value"], b["name"]["value"]) for b in data["results"]["bindings"]]


def _csv_rows(body: bytes) -> list[tuple]:
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    assert rows[0] == ["p", "name"]
    return [tuple(r) for r in rows[1:]]


def test_select_get_json(server, expected):
    status, headers, body = server.get("/sparql?" + urlencode({"query": PEOPLE}),
                                       {"Accept": "application/sparql-results+json"})
    assert status == 200
    assert headers["Content-Type"].startswith("application/sparql-results+json")
    assert _json_rows(body) == expected["rows"]
    assert headers["X-SPARQL-Truncated"] == "false"


def test_select_get_csv(server, expected):
    status, headers, body = server.get("/sparql?" + urlencode({"query": PEOPLE}), {"Accept": "text/csv"})
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert _csv_rows(body) == expected["rows"]


def test_select_post_form_and_direct(server, expected):
    status, headers, body = server.get(
        "/sparql", {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"},
        data=urlencode({"query": PEOPLE}).encode())
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert _csv_rows(body) == expected["rows"]
    status, headers, body = server.get(
        "/sparql", {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
        data=PEOPLE.encode())
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    assert _json_rows(body) == expected["rows"]
    # format= chooses too; a browser's Accept gets JSON
    status, headers, _ = server.get("/sparql?" + urlencode({"query": PEOPLE, "format": "csv"}))
    assert headers["Content-Type"].startswith("text/csv")
    status, headers, _ = server.get("/sparql?" + urlencode({"query": PEOPLE}),
                                    {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")


def test_ask_and_construct(server):
    status, headers, body = server.get("/sparql?" + urlencode({"query": "ASK { ?p a og:Person }"}))
    assert status == 200 and json.loads(body)["boolean"] is True
    q = "CONSTRUCT { ?p schema:name ?n } WHERE { ?p a og:Person ; schema:name ?n } ORDER BY ?p LIMIT 3"
    status, headers, body = server.get("/sparql?" + urlencode({"query": q}), {"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert b"schema:name" in body or b"<https://schema.org/name>" in body
    status, headers, body = server.get("/sparql?" + urlencode({"query": q}), {"Accept": "application/n-triples"})
    assert status == 200 and headers["Content-Type"].startswith("application/n-triples")
    assert len(body.decode().strip().splitlines()) == 3
    status, _, body = server.get("/sparql?" + urlencode({"query": q}), {"Accept": "text/csv"})
    assert status == 406 and b"CONSTRUCT" in body


def test_updates_refused_and_store_unchanged(server, web_store, expected):
    insert = "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }"
    for headers, data, path in [
        ({"Content-Type": "application/x-www-form-urlencoded"}, urlencode({"update": insert}).encode(), "/sparql"),
        ({"Content-Type": "application/sparql-update"}, insert.encode(), "/sparql"),
        ({"Content-Type": "application/sparql-query"}, insert.encode(), "/sparql"),
        ({}, None, "/sparql?" + urlencode({"query": insert})),
        ({}, None, "/sparql?" + urlencode({"update": insert})),
    ]:
        status, _, body = server.get(path, headers, data=data)
        assert status == 403, (path, headers, body)
        assert b"read-only" in body
    status, _, body = server.get("/sparql?" + urlencode({"query": "ASK { <urn:a> <urn:b> <urn:c> }"}))
    assert json.loads(body)["boolean"] is False
    st = GraphStore.open(web_store, read_only=True)
    try:
        assert len(st.dump()) == expected["quads"]
    finally:
        st.close()


def test_malformed_query_is_400_with_the_parser_message(server):
    status, headers, body = server.get("/sparql?" + urlencode({"query": "SELECT ?x WHERE { ?x ?y }"}))
    assert status == 400
    assert b"SPARQL syntax error" in body and b"1:" in body  # line:column from the parser
    for path, headers, data in [("/sparql", {"Accept": "application/json"}, None),  # no query
                                ("/sparql?" + urlencode({"query": " "}), {}, None),
                                ("/sparql", {"Content-Type": "text/plain"}, b"ASK {}"),
                                ("/sparql?" + urlencode({"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> "
                                                                  "{ ?s ?p ?o } }"}), {}, None)]:
        status, _, body = server.get(path, headers, data=data)
        assert 400 <= status < 500 and body.strip(), (path, status, body)


def test_result_size_limit(server):
    status, headers, body = server.get("/sparql?" + urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"}),
                                       {"Accept": "application/sparql-results+json"})
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 100
    assert headers["X-SPARQL-Truncated"] == "true" and headers["X-SPARQL-Max-Rows"] == "100"
    status, headers, body = server.get("/sparql?" + urlencode({"query": "CONSTRUCT WHERE { ?s ?p ?o }"}),
                                       {"Accept": "application/n-triples"})
    assert status == 200 and len(body.decode().strip().splitlines()) == 100


def test_time_limit_stops_the_query_and_the_server_goes_on(slow_server):
    began = time.monotonic()
    status, _, body = slow_server.get("/sparql?" + urlencode({"query": SLOW}), timeout=20)
    took = time.monotonic() - began
    assert status == 503, body
    assert b"time limit" in body
    assert took < 5, took
    # the next queries work (the worker was replaced)
    for _ in range(2):
        status, _, body = slow_server.get("/sparql?" + urlencode({"query": "ASK { ?p a og:Person }"}), timeout=20)
        assert status == 200 and json.loads(body)["boolean"] is True
    # a slow POST too, then the viewer still answers
    status, _, _ = slow_server.get("/sparql", {"Content-Type": "application/sparql-query"}, data=SLOW.encode())
    assert status == 503
    assert slow_server.get("/")[0] == 200
    assert slow_server.alive()
