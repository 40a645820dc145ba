"""The same graph in a real Neo4j (started by `make test`, see tools/neo4j): same answers as
the embedded store, idempotent pushes, clear errors, and a push cut off half-way."""
import os
import socket
import threading

import pytest

from org_graph import query as Q
from org_graph.ingest import ingest
from org_graph.store.neo4j import Neo4jConfig, Neo4jStore
from org_graph.store.oxigraph import GraphStore, Iri, Day, StoreError


@pytest.fixture(scope="module")
def config():
    if not os.environ.get("NEO4J_URI"):
        pytest.skip("no Neo4j: run the suite with `make test`, which starts one (tools/neo4j)")
    return Neo4jConfig.from_env()


@pytest.fixture(scope="module")
def stores(config, corpus_path):
    ox = GraphStore.in_memory()
    ingest(ox, [corpus_path])
    neo = Neo4jStore(config)
    neo.clear()
    neo.push(ox)
    yield ox, neo
    neo.close()


def _norm(rows):
    return sorted(tuple(sorted((k, "" if v is None else str(v)) for k, v in r.items())) for r in rows)


def _same(ox, neo, name, params):
    a, b = ox.ready(name, params), neo.ready(name, params)
    assert _norm(a) == _norm(b), (name, params, a[:3], b[:3])
    return a


def test_every_ready_question_gives_the_same_rows(stores):
    ox, neo = stores
    posts = [r["p"] for r in ox.select("SELECT DISTINCT ?p WHERE { ?t a og:Tenure ; og:post ?p }")]
    tenures = [r["t"] for r in ox.select("SELECT ?t WHERE { ?t a og:Tenure }")]
    names = [r["n"] for r in ox.select("SELECT DISTINCT ?n WHERE { ?p a og:Person ; og:nameKey ?n }")]
    numbers = [r["n"] for r in ox.select("SELECT DISTINCT ?n WHERE { ?d eli:id_local ?n }")]
    bodies = [r["o"] for r in ox.select("SELECT DISTINCT ?o WHERE { ?o a org:Organization }")]
    assert posts and tenures and names and numbers and bodies
    answered = 0
    for post in posts:
        for day in ("2018-05-05", "2021-04-27", "2021-05-01", "2022-01-07", "2025-03-21"):
            answered += bool(_same(ox, neo, "who-held", {"post": Iri(post), "on": Day(day)}))
        _same(ox, neo, "holders", {"post": Iri(post)})
        _same(ox, neo, "exists", {"iri": Iri(post)})
    for t in tenures:
        _same(ox, neo, "evidence", {"tenure": Iri(t)})
    for n in names:
        _same(ox, neo, "timeline", {"name": n})
        _same(ox, neo, "co-attendance", {"name": n})
        _same(ox, neo, "explain", {"name": n})
    for num in numbers:
        _same(ox, neo, "cites", {"num": num})
    for body in bodies:
        _same(ox, neo, "cited-by", {"body": Iri(body)})
    for text in ("hội nghị", "Kỳ họp", "họp báo", "lễ"):
        _same(ox, neo, "attendees", {"text": text})
    assert answered > 50


def test_library_questions_answer_alike_from_neo4j(stores):
    ox, neo = stores
    a = Q.who_held(neo, "Chủ tịch Ủy ban nhân dân tỉnh Cà Mau", "2022-01-07")
    assert [(r["person"], r["status"]) for r in a] == [("Huỳnh Quốc Việt", "attested")]
    assert a[0]["evidence"][0]["article_id"] == "seed-camau-2022-01-07"
    assert Q.timeline(neo, "Phùng Xuân Nhạ") == Q.timeline(ox, "Phùng Xuân Nhạ")


def test_pushing_again_changes_nothing(stores):
    ox, neo = stores
    before = neo.cypher("MATCH (n) RETURN n.id AS id, properties(n) AS p ORDER BY id")
    stats = neo.push(ox)
    assert stats.deleted == 0
    assert neo.cypher("MATCH (n) RETURN n.id AS id, properties(n) AS p ORDER BY id") == before


def test_removed_article_is_retracted_by_the_next_push(config, real_records, tmp_path):
    import json
    src = tmp_path / "two.jsonl"
    recs = [r for r in real_records if r["id"] in ("seed-camau-2022-01-07", "binhdinhnews-0001")]
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    ox = GraphStore.in_memory()
    ingest(ox, [src])
    neo = Neo4jStore(config)
    try:
        neo.clear()
        neo.push(ox)
        assert Q.who_held(neo, "Chủ tịch UBND tỉnh Cà Mau", "2022-01-07")
        ox.remove_article("seed-camau-2022-01-07")
        ox.resolve()
        stats = neo.push(ox)
        assert stats.deleted > 0
        assert neo.cypher("MATCH (a:Article) RETURN a.article_id AS id") == [{"id": "binhdinhnews-0001"}]
        with pytest.raises(Q.NotFound):
            Q.who_held(neo, "Chủ tịch UBND tỉnh Cà Mau", "2022-01-07")
    finally:
        neo.clear()
        neo.close()


def test_wrong_password_and_no_server_name_the_uri(config):
    with pytest.raises(StoreError, match="authentication failed") as e:
        Neo4jStore(Neo4jConfig(config.uri, config.user, "not-the-password"))
    assert config.uri in str(e.value)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(StoreError, match=f"bolt://127.0.0.1:{port}: cannot connect"):
        Neo4jStore(Neo4jConfig(f"bolt://127.0.0.1:{port}", "neo4j", "x"))


class _Proxy:
    """A TCP relay to the real server that can be cut, as a network failure would."""

    def __init__(self, host, port):
        self.upstream = (host, port)
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.socks = []
        self.alive = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while self.alive:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            up = socket.create_connection(self.upstream)
            self.socks += [client, up]
            for a, b in ((client, up), (up, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(a, b):
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass

    def cut(self):
        self.alive = False
        try:
            self.server.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept()
        except OSError:
            pass
        self.server.close()
        for s in self.socks:
            try:
                s.shutdown(socket.SHUT_RDWR)
                s.close()
            except OSError:
                pass


def test_connection_lost_mid_push_rolls_back_and_the_next_push_completes(config, stores):
    ox, _ = stores
    host, port = config.uri.split("://")[1].split(":")
    full = Neo4jStore(config)
    proxy = _Proxy(host, int(port))
    cut_cfg = Neo4jConfig(f"bolt://127.0.0.1:{proxy.port}", config.user, config.password)
    via_proxy = Neo4jStore(cut_cfg)
    try:
        full.clear()
        calls = {"n": 0}
        original = via_proxy._write

        def write_then_cut(query, **params):
            calls["n"] += 1
            if calls["n"] == 20:  # mid-way through the batches
                proxy.cut()
            return original(query, **params)

        via_proxy._write = write_then_cut
        with pytest.raises(StoreError, match=f"127.0.0.1:{proxy.port}.*connection lost"):
            via_proxy.push(ox, batch_size=100)
        # Whole batches only: every relationship written has both its ends.
        partial = full.counts()
        assert 0 < sum(partial[k] for k in ("Article", "Person", "Tenure")) 
        stats = full.push(ox, batch_size=100)
        expected = {lab: len(rows) for lab, rows in __import__("org_graph.store.projection", fromlist=["project"])
                    .project(ox).nodes.items()}
        got = full.counts()
        assert {k: got[k] for k in expected} == expected and stats.nodes == sum(expected.values())
    finally:
        proxy.cut()
        full.push(ox)
        full.close()
