from org_graph.graph.identity import Decisions, MentionRecord, resolve_people


def m(iri, name, article, province=None, posts=(), orgs=()):
    return MentionRecord(iri, name, article, iri.rsplit("/", 1)[-1], province, frozenset(posts), frozenset(orgs))


def test_same_name_alone_never_merges():
    a = m("x/a/p1", "Nguyễn Văn Hùng", "a", "Hà Nam", ["post/giam-doc--so-y-te-tinh-ha-nam"])
    b = m("x/b/p1", "Nguyễn Văn Hùng", "b", "Lào Cai", ["post/chu-tich--ubnd-huyen-bat-xat"])
    assert len(resolve_people([a, b])) == 2


def test_shared_post_body_or_province_merges_with_a_reason():
    a = m("x/a/p1", "Huỳnh Quốc Việt", "a", None, ["post/chu-tich--ubnd-ca-mau"])
    b = m("x/b/p2", "Huỳnh Quốc Việt", "b", None, ["post/chu-tich--ubnd-ca-mau"])
    c = m("x/c/p1", "Huỳnh Quốc Việt", "c", None, [], ["org/tinh-uy-ca-mau"])
    d = m("x/d/p1", "Huỳnh Quốc Việt", "d", None, ["post/bi-thu--tinh-uy-ca-mau", "post/chu-tich--ubnd-ca-mau"],
          ["org/tinh-uy-ca-mau"])
    clusters = resolve_people([a, b, c, d])
    assert len(clusters) == 1
    reasons = " | ".join(clusters[0].reasons)
    assert "shared post post/chu-tich--ubnd-ca-mau" in reasons and "shared body org/tinh-uy-ca-mau" in reasons


def test_tone_placement_does_not_split_a_person():
    a = m("x/a/p1", "Đoàn Thanh Thủy", "a", "Cà Mau")
    b = m("x/b/p1", "Đoàn Thanh Thuỷ", "b", "Cà Mau")
    assert len(resolve_people([a, b])) == 1


def test_decisions_force_and_forbid_merges():
    a = m("x/a/p1", "Lê Văn Tùng", "a", "Bình Định")
    b = m("x/b/p1", "Lê Văn Tùng", "b", "Bình Định")
    c = m("x/c/p3", "Lê Tùng", "c")
    assert len(resolve_people([a, b], Decisions(never=[["a#p1", "b#p1"]]))) == 2
    merged = resolve_people([a, b, c], Decisions(merge=[["a#p1", "c#p3"]]))
    assert len(merged) == 1 and any("decisions file" in r for r in merged[0].reasons)


def test_a_persons_id_does_not_change_when_unrelated_articles_are_added(corpus_path, shared_dir, tmp_path):
    """Ids are cited from outside: they hash the name and the smallest article id of the cluster,
    so an article that does not join a person's cluster never changes that person's id, whatever
    its id sorts before."""
    import json as _json

    from org_graph.ingest import ingest
    from org_graph.store.oxigraph import GraphStore

    lines = corpus_path.read_text(encoding="utf-8").splitlines()[:25]
    first = tmp_path / "first.jsonl"
    first.write_text("\n".join(lines) + "\n", encoding="utf-8")
    st = GraphStore.in_memory()
    ingest(st, [first])
    q = "SELECT ?p ?n WHERE { ?p a og:Person ; schema:name ?n }"
    before = {r["p"]: r["n"] for r in st.select(q)}
    # An article about other people, with an id that sorts before every other article's.
    outlet = next(a for a in map(_json.loads, (shared_dir / "corpus" / "outlets.jsonl").read_text().splitlines())
                  if a["id"] == "web-baoquangngai-71cc3dd6")
    outlet["id"] = "000-unrelated"
    extra = tmp_path / "extra.jsonl"
    extra.write_text(_json.dumps(outlet, ensure_ascii=False) + "\n", encoding="utf-8")
    ingest(st, [extra])
    after = {r["p"]: r["n"] for r in st.select(q)}
    unchanged = {p for p, n in before.items() if after.get(p) == n}
    # Everyone the new article does not name keeps the same id.
    named_by_new = {r["n"].casefold() for r in st.select(
        "SELECT ?n WHERE { GRAPH <https://w3id.org/org-graph/graph/article/000-unrelated> "
        "{ ?m a og:PersonMention ; schema:name ?n } }")}
    for p, n in before.items():
        if n.casefold() not in named_by_new:
            assert p in unchanged, (p, n)
    assert len(unchanged) >= len(before) - len(named_by_new)


def test_a_person_keeps_the_id_when_a_related_article_joins(corpus_path, tmp_path):
    """Related articles too: a person keeps the id the store gave it when new mentions join it,
    even from an article whose id sorts first (a deterministic hash of the cluster would change)."""
    import json as _json

    from org_graph.ingest import ingest
    from org_graph.store.oxigraph import GraphStore

    seed = next(a for a in map(_json.loads, corpus_path.read_text(encoding="utf-8").splitlines())
                if a["id"] == "seed-camau-2022-01-07")
    first = tmp_path / "first.jsonl"
    first.write_text(_json.dumps(seed, ensure_ascii=False) + "\n", encoding="utf-8")
    st = GraphStore.in_memory()
    ingest(st, [first])
    q = "SELECT ?p WHERE { ?p a og:Person ; og:nameKey 'huỳnh quốc việt' }"
    (before,) = [r["p"] for r in st.select(q)]
    again = dict(seed, id="000-same-people-other-day", published="2022-02-01")
    extra = tmp_path / "extra.jsonl"
    extra.write_text(_json.dumps(again, ensure_ascii=False) + "\n", encoding="utf-8")
    ingest(st, [extra])
    assert [r["p"] for r in st.select(q)] == [before]
    # A fresh store of both gives the deterministic id (name + smallest article id) instead.
    fresh = GraphStore.in_memory()
    ingest(fresh, [first, extra])
    (det,) = [r["p"] for r in fresh.select(q)]
    assert det != before
