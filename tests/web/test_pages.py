"""The viewer's pages and their errors, over HTTP: pages by id, 404 for an unknown id, 4xx for
garbage, and the server alive after all of it."""
from __future__ import annotations

import json
from urllib.parse import quote, urlencode

from org_graph import query as Q
from org_graph.store.oxigraph import GraphStore


def _search(server, q):
    status, _, body = server.get("/api/search?" + urlencode({"q": q}))
    assert status == 200
    return json.loads(body)["results"]


def test_search_groups_kinds_and_ignores_accents(server):
    with_accents = _search(server, "Huỳnh Quốc Việt")
    without = _search(server, "huynh quoc viet")
    assert with_accents["person"]["hits"][0]["label"] == "Huỳnh Quốc Việt"
    assert without["person"]["hits"][0]["id"] == with_accents["person"]["hits"][0]["id"]
    camau = _search(server, "Cà Mau")
    assert {"org", "post"} <= set(camau)
    assert "document" in _search(server, "28-NQ/TW")


def test_person_page_matches_the_ready_question(server, web_store):
    st = GraphStore.open(web_store, read_only=True)
    try:
        (person,) = Q.timeline(st, "Huỳnh Quốc Việt")
    finally:
        st.close()
    status, _, body = server.get("/api/node?" + urlencode({"id": person["person_id"]}))
    assert status == 200
    page = json.loads(body)
    got = [(t["role"], t["org"]["label"], t["first_attested"], t["last_attested"]) for t in page["tenures"]]
    want = [(t["role"], t["organization"], t["first_attested"], t["last_attested"]) for t in person["tenures"]]
    assert got == want
    assert all(t["evidence"] for t in page["tenures"])
    status, headers, html = server.get("/person?id=" + quote(person["person_id"], safe=""))
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "Ủy ban nhân dân tỉnh Cà Mau".encode() in html


def test_every_kind_of_page_renders(server):
    for q, kind in [("Ủy ban nhân dân tỉnh Cà Mau", "org"), ("Chủ tịch Ủy ban nhân dân tỉnh Cà Mau", "post"),
                    ("28-NQ/TW", "document"), ("Hội nghị sơ kết", "event"), ("seed-camau", "article")]:
        hit = _search(server, q)[kind]["hits"][0]
        status, _, body = server.get(hit["href"])
        assert status == 200, (q, kind)
        assert hit["label"].encode() in body or kind == "article"
    event = _search(server, "Hội nghị sơ kết")["event"]["hits"][0]
    page = json.loads(server.get("/api/node?" + urlencode({"id": event["id"]}))[2])
    assert "Huỳnh Quốc Việt" in {a["person"]["label"] for a in page["attendees"]}
    doc = _search(server, "28-NQ/TW")["document"]["hits"][0]
    page = json.loads(server.get("/api/node?" + urlencode({"id": doc["id"]}))[2])
    assert page["citers"] and page["citers"][0]["article"]["article_id"]


def test_unknown_id_is_a_404_page(server):
    for path in ["/person?id=https://w3id.org/org-graph/id/person/nobody",
                 "/org?id=nothing", "/event?id=x", "/document?id=x", "/post?id=x", "/article?id=x", "/graph?id=x"]:
        status, headers, body = server.get(path)
        assert status == 404, path
        assert headers["Content-Type"].startswith("text/html") and b"no " in body and b"in this store" in body
    status, headers, body = server.get("/api/node?id=x")
    assert status == 404 and json.loads(body)["error"]
    status, _, _ = server.get("/no/such/page")
    assert status == 404


def test_an_id_of_another_kind_redirects_to_its_page(server):
    org = _search(server, "Ủy ban nhân dân tỉnh Cà Mau")["org"]["hits"][0]
    status, _, body = server.get("/person?id=" + quote(org["id"], safe=""))
    assert status == 200 and org["label"].encode() in body  # followed to /org


def test_garbage_parameters_are_4xx_and_the_server_lives(server):
    huge = "x" * 50_000
    cases = [
        ("/person?id=" + huge, None, None),
        ("/search?q=" + quote("ư" * 5_000), None, None),
        ("/person", None, None),                      # missing id
        ("/person?id=a&id=b", None, None),            # twice
        ("/person?id=%00", None, None),
        ("/api/graph?depth=99", None, None),
        ("/api/graph?depth=-1", None, None),
        ("/api/search", None, None),
        ("/sparql?query=" + quote("SELECT * WHERE { " * 2000), None, None),
        ("/sparql", {"Content-Type": "application/sparql-query"}, b"\xff\xfe garbage"),
        ("/sparql", {"Content-Type": "application/sparql-query"}, b"A" * (600 * 1024)),
        ("/sparql", {"Content-Type": "application/x-www-form-urlencoded"}, b"query=%ZZ%%"),
        ("/sparql?default-graph-uri=not%20an%20iri&query=ASK%7B%7D", None, None),
    ]
    for path, headers, data in cases:
        status, _, body = server.get(path, headers, data=data)
        assert 400 <= status < 500, (path[:80], status, body[:200])
        assert body.strip()
    status, _, _ = server.get("/", method="DELETE")
    assert status == 405
    assert server.alive()
    assert server.get("/")[0] == 200
    log = server.log.read_text(errors="replace")
    assert "Traceback" not in log, log[-3000:]


def test_static_files_are_in_the_package(server):
    status, headers, body = server.get("/static/vendor/cytoscape.min.js")
    assert status == 200 and len(body) > 100_000 and b"cytoscape" in body[:5000].lower()
    status, headers, _ = server.get("/")
    assert "default-src 'self'" in headers["Content-Security-Policy"]
