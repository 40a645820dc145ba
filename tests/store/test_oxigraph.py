"""The embedded store on disk, with the real corpus."""
import json
import subprocess
import sys

import pytest
from pyoxigraph import Literal, NamedNode, Variable

from org_graph import Article, extract
from org_graph import query as Q
from org_graph.graph.timeline import who_held as py_who_held
from org_graph.ingest import ingest
from org_graph.store.oxigraph import GraphStore, StoreError


@pytest.fixture(scope="module")
def built(corpus_path, tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "data"
    st = GraphStore.open(path)
    report = ingest(st, [corpus_path])
    snapshot = st.dump()
    st.close()
    return path, report, snapshot


@pytest.fixture
def store(built):
    st = GraphStore.open(built[0])
    yield st
    st.close()


def test_seed_question_answered_with_its_evidence(store):
    rows = Q.who_held(store, "Chủ tịch Ủy ban nhân dân tỉnh Cà Mau", "2022-01-07")
    assert [(r["person"], r["status"]) for r in rows] == [("Huỳnh Quốc Việt", "attested")]
    ev = rows[0]["evidence"]
    assert ev and ev[0]["article_id"] == "seed-camau-2022-01-07"
    assert "Huỳnh Quốc Việt" in ev[0]["quote"] and ev[0]["end"] > ev[0]["start"]


def test_dev_questions(store, shared_dir):
    for q in map(json.loads, (shared_dir / "eval" / "questions-dev.jsonl").read_text().splitlines()):
        if q["q"] == "who-held":
            got = {r["person"] for r in Q.who_held(store, q["post"], q["on"])}
            assert set(q["expect"]) <= got, q
            assert not (set(q["not"]) & got), q
        else:
            (person,) = Q.timeline(store, q["person"])
            order = [[t["role"], t["organization"]] for t in person["tenures"]]
            want = [[r.casefold(), o.casefold()] for r, o in q["expect_order"]]
            assert [[r.casefold(), o.casefold()] for r, o in order][:len(want)] == want


def test_timeline_lists_posts_with_dates_and_sources(store):
    (p,) = Q.timeline(store, "Huỳnh Quốc Việt")
    posts = {(t["role"], t["organization"]) for t in p["tenures"]}
    assert ("Chủ tịch", "Ủy ban nhân dân tỉnh Cà Mau") in posts
    for t in p["tenures"]:
        assert t["evidence"] and all(e["article_id"] for e in t["evidence"])


def test_sparql_who_held_matches_the_reference_implementation(store):
    """The ready SPARQL query and the Python time model give the same rows for every post."""
    clusters, tenures = store.resolve()
    posts = sorted({t.post for t in tenures})
    for day in ("2018-05-05", "2021-04-27", "2021-05-01", "2022-01-07"):
        for post in posts:
            py = sorted((h.tenure.person, h.status) for h in py_who_held(tenures, post, day))
            rows = store.select(Q.ready_query("who-held"), {
                Variable("post"): NamedNode(post), Variable("on"): Literal(day, datatype=Q.XSD_DATE)})
            sp = sorted((r["person_id"], r["status"]) for r in rows)
            assert py == sp, (post, day)


def test_reingest_is_byte_for_byte_idempotent(built, corpus_path):
    path, _, snapshot = built
    st = GraphStore.open(path)
    try:
        report = ingest(st, [corpus_path])
        assert (report.stored.new, report.stored.changed) == (0, 0)
        assert st.dump() == snapshot
    finally:
        st.close()


def test_changed_article_replaces_and_removal_retracts(tmp_path, real_records):
    st = GraphStore.open(tmp_path / "s")
    try:
        rec = dict(next(r for r in real_records if r["id"] == "seed-camau-2022-01-07"))
        src = tmp_path / "a.jsonl"
        src.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
        ingest(st, [src])
        assert Q.who_held(st, "Chủ tịch UBND tỉnh Cà Mau", "2022-01-07")
        rec["text"] = rec["text"].replace("Chủ tịch Ủy ban nhân dân tỉnh", "Chủ tịch Hội Nông dân tỉnh")
        src.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
        report = ingest(st, [src])
        assert report.stored.changed == 1
        with pytest.raises(Q.NotFound):
            Q.who_held(st, "Chủ tịch UBND tỉnh Cà Mau", "2022-01-07")
        assert [r["person"] for r in Q.who_held(st, "Chủ tịch Hội Nông dân tỉnh Cà Mau", "2022-01-07")] == \
            ["Huỳnh Quốc Việt"]
        assert st.remove_article(rec["id"])
        st.resolve()
        assert st.dump() == set()
    finally:
        st.close()


def test_killed_ingest_leaves_a_store_that_opens_and_completes(tmp_path, real_records, corpus_path):
    path = tmp_path / "s"
    st = GraphStore.open(path)
    for rec in real_records[:10]:  # articles written, resolution never run: as if killed
        art = Article.model_validate(rec)
        st.put_article(art, extract(art))
    st.close()
    st = GraphStore.open(path)
    try:
        assert st.stale
        ingest(st, [corpus_path])
        assert not st.stale
        assert Q.who_held(st, "Chủ tịch Ủy ban nhân dân tỉnh Cà Mau", "2022-01-07")
    finally:
        st.close()


def test_locked_corrupt_and_missing_stores_give_clear_errors(tmp_path):
    path = tmp_path / "s"
    held = GraphStore.open(path)
    try:
        code = ("from org_graph.store.oxigraph import GraphStore, StoreError\n"
                f"try:\n    GraphStore.open({str(path)!r})\nexcept StoreError as e:\n    print(e)\n")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        assert "locked" in out.stdout and str(path) in out.stdout
    finally:
        held.close()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "CURRENT").write_text("garbage\n")
    with pytest.raises(StoreError, match="cannot be opened"):
        GraphStore.open(bad)
    with pytest.raises(StoreError, match="no such folder"):
        GraphStore.open(tmp_path / "missing", read_only=True)


def test_sparql_syntax_error_is_a_store_error(store):
    with pytest.raises(StoreError, match="SPARQL syntax error"):
        store.select("SELECT ?x WHERE { ?x ?y }")


def test_unknown_person_and_post(store):
    with pytest.raises(Q.NotFound):
        Q.timeline(store, "Không Có Ai")
    with pytest.raises(Q.NotFound):
        Q.who_held(store, "Giám đốc Sở Du lịch tỉnh Cà Mau", "2022-01-07")


def test_ingest_killed_by_a_signal_is_completed_by_the_next_run(tmp_path, bench_gz):
    """A real kill, mid-write: the store opens afterwards, and the next ingest finishes the job."""
    import signal
    import time

    path = tmp_path / "s"
    proc = subprocess.Popen([sys.executable, "-m", "org_graph.cli", "ingest", str(bench_gz), "--store", str(path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and not (path / "CURRENT").exists():
        time.sleep(0.1)
    time.sleep(3)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    st = GraphStore.open(path)
    try:
        written = len(st.article_ids())
        assert 0 < written < 2653 and st.stale
    finally:
        st.close()
    res = subprocess.run([sys.executable, "-m", "org_graph.cli", "ingest", str(bench_gz), "--store", str(path)],
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    assert f"{2653 - written} new" in res.stderr
    st = GraphStore.open(path)
    try:
        assert not st.stale and len(st.article_ids()) == 2653
    finally:
        st.close()


def test_two_people_with_one_name_stay_two_and_a_decision_merges_them(tmp_path):
    from org_graph.graph.identity import Decisions

    src = tmp_path / "two.jsonl"
    arts = [
        {"id": "a", "published": "2021-04-27", "title": None, "source": None,
         "text": "Ông Nguyễn Văn Hùng, Giám đốc Sở Y tế tỉnh Hà Nam, cho biết tỉnh đã cách ly 300 người."},
        {"id": "b", "published": "2021-04-28", "title": None, "source": None,
         "text": "Ông Nguyễn Văn Hùng, Chủ tịch UBND huyện Bát Xát, tỉnh Lào Cai, kiểm tra công tác phòng dịch."},
        {"id": "c", "published": "2021-05-02", "title": None, "source": None,
         "text": "Giám đốc Sở Y tế tỉnh Hà Nam Nguyễn Văn Hùng yêu cầu các bệnh viện tăng cường phòng dịch."},
    ]
    src.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in arts), encoding="utf-8")
    st = GraphStore.open(tmp_path / "s")
    try:
        ingest(st, [src])
        people = Q.timeline(st, "Nguyễn Văn Hùng")
        assert len(people) == 2
        by_posts = sorted(sorted(t["organization"] for t in p["tenures"]) for p in people)
        assert by_posts == [["Sở Y tế tỉnh Hà Nam"], ["Ủy ban nhân dân huyện Bát Xát"]]
        (health,) = [p for p in people if p["tenures"][0]["organization"] == "Sở Y tế tỉnh Hà Nam"]
        t = health["tenures"][0]
        assert (t["first_attested"], t["last_attested"]) == ("2021-04-27", "2021-05-02")
        (exp,) = [e for e in Q.explain(st, "Nguyễn Văn Hùng") if len(e["mentions"]) == 2]
        assert any("shared post" in r for r in exp["reasons"])
        st.resolve(Decisions(merge=[["a#p1", "b#p1"]]))
        assert len(Q.timeline(st, "Nguyễn Văn Hùng")) == 1
    finally:
        st.close()
