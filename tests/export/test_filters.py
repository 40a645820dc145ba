"""The selections (province, time window, ego network) on the real corpus store: each keeps what its
rule in docs/exports.md says, checked against the store by another road (SPARQL) where one exists."""
from __future__ import annotations

import datetime as dt
import io

import networkx as nx
import pyoxigraph
import pytest

from org_graph.export import ExportError, Selection, export, parse_day, select
from org_graph.export.filters import MAX_DEPTH, article_days, event_day, node_labels, tenure_interval
from org_graph.graph import terms as T


def _ids(graph, label):
    return {r["id"] for r in graph.nodes.get(label, [])}


def _col(store, sparql, var):
    return {r[var] for r in store.select(sparql)}


# -- province -------------------------------------------------------------------------------------
def test_province_keeps_its_articles_bodies_and_people_and_drops_the_rest(store, projection, hqv):
    sel = select(store, Selection(province="Cà Mau")).graph
    people = _ids(sel, "Person")
    assert hqv in people
    articles = _col(store, 'SELECT ?a WHERE { ?a a schema:NewsArticle ; og:province "Cà Mau" }', "a")
    assert articles and _ids(sel, "Article") == articles
    # The rule, asked of the store in SPARQL: mentioned in a Cà Mau article, or holding a post in a
    # Cà Mau body, or holding a tenure a Cà Mau article is evidence of.
    want = _col(store, """SELECT DISTINCT ?p WHERE {
        { ?m og:inArticle ?a ; og:refersTo ?p . ?a og:province "Cà Mau" }
        UNION { ?t org:member ?p ; og:post ?post . ?post org:postIn ?o . ?o og:jurisdiction "Cà Mau" }
        UNION { ?t org:member ?p ; og:evidence ?x . ?x prov:wasDerivedFrom ?a . ?a og:province "Cà Mau" } }""", "p")
    assert people == want
    # People known only from other provinces' articles, with no Cà Mau post, are dropped.
    elsewhere = _col(store, """SELECT DISTINCT ?p WHERE { ?p a og:Person .
        FILTER NOT EXISTS { ?m og:refersTo ?p ; og:inArticle ?a . FILTER NOT EXISTS { ?a og:province ?pr }}
        FILTER NOT EXISTS { ?m og:refersTo ?p ; og:inArticle ?a . ?a og:province "Cà Mau" } }""", "p") - want
    assert len(elsewhere) > 100 and not (elsewhere & people)
    bodies = {r["id"] for r in projection.nodes["Organization"] if r["jurisdiction"] == "Cà Mau"}
    assert bodies <= _ids(sel, "Organization")
    # Every kept tenure comes with its holder, post and body: nothing dangles.
    kept = set(node_labels(sel))
    for rtype in ("HOLDS", "OF_POST", "POST_IN"):
        ends = {r["from"] for r in sel.rels[rtype]} | {r["to"] for r in sel.rels[rtype]}
        assert ends <= kept
    assert {r["to"] for r in sel.rels["HOLDS"]} == _ids(sel, "Tenure")
    assert {r["from"] for r in sel.rels["OF_POST"]} == _ids(sel, "Tenure")


def test_province_names_fold_like_the_gazetteer(store):
    a = select(store, Selection(province="Hồ Chí Minh")).graph
    for alias in ("TPHCM", "TP.HCM", "Ho Chi Minh"):
        b = select(store, Selection(province=alias)).graph
        assert node_labels(b) == node_labels(a)
    assert _ids(a, "Article")


def test_unknown_province_is_an_error(store):
    with pytest.raises(ExportError, match="unknown province 'Atlantis'"):
        select(store, Selection(province="Atlantis"))


# -- time window ----------------------------------------------------------------------------------
@pytest.mark.parametrize("start,end", [("2021-04-27", "2021-04-30"), ("2021", "2021"), ("2022", None), (None, "2020")])
def test_time_window_keeps_what_is_dated_in_it(store, projection, start, end):
    lo = parse_day(start) if start else None
    hi = parse_day(end, last=True) if end else None
    sel = select(store, Selection(start=lo, end=hi)).graph
    lo_s, hi_s = (lo.isoformat() if lo else "0000"), (hi.isoformat() if hi else "9999")

    def inside(day):
        return day is not None and lo_s <= day <= hi_s

    published = article_days(projection)
    assert _ids(sel, "Article") == {a["id"] for a in projection.nodes["Article"] if inside(a["published"])}
    assert _ids(sel, "Event") == {e["id"] for e in projection.nodes["Event"] if inside(event_day(e, published))}
    want_t = set()
    for t in projection.nodes["Tenure"]:
        a, b = tenure_interval(t)
        if a and a <= hi_s and b >= lo_s:
            want_t.add(t["id"])
    assert _ids(sel, "Tenure") == want_t
    undated = {t["id"] for t in projection.nodes["Tenure"] if tenure_interval(t) == (None, None)}
    assert undated and not (undated & _ids(sel, "Tenure"))
    # A HELD shortcut stays exactly with its tenure.
    assert len(sel.rels["HELD"]) == len(sel.rels["HOLDS"]) == len(want_t)
    # Every person kept is attached to something dated that was kept.
    attached = ({r["from"] for r in sel.rels["HOLDS"]} | {r["from"] for r in sel.rels["ATTENDED"]}
                | {r["from"] for r in sel.rels["MENTIONED_IN"]})
    assert _ids(sel, "Person") <= attached


def test_gexf_of_a_window_shows_only_what_overlaps_it(store, tmp_path):
    export(store, "gexf", tmp_path / "w.gexf", Selection(start=dt.date(2021, 4, 27), end=dt.date(2021, 4, 30)))
    G = nx.read_gexf(tmp_path / "w.gexf")
    assert G.number_of_nodes()
    for _, d in G.nodes(data=True):
        if "end" in d:
            assert d["end"] >= "2021-04-27"
        if "start" in d and d["kind"] != "Document":  # a cited document may be older
            assert d["start"] <= "2021-04-30"


def test_parse_day_accepts_months_and_years():
    assert parse_day("2021") == dt.date(2021, 1, 1)
    assert parse_day("2021", last=True) == dt.date(2021, 12, 31)
    assert parse_day("2024-02", last=True) == dt.date(2024, 2, 29)
    assert parse_day("2024-12", last=True) == dt.date(2024, 12, 31)
    for bad in ("2021-13", "yesterday", "2021-02-30"):
        with pytest.raises(ExportError):
            parse_day(bad)
    with pytest.raises(ExportError, match="after"):
        Selection(start=dt.date(2022, 1, 1), end=dt.date(2021, 1, 1))


# -- around a person ------------------------------------------------------------------------------
def test_around_depth_one_is_the_person_and_what_touches_him(store, projection, hqv):
    sel = select(store, Selection(around="Huỳnh Quốc Việt", depth=1))
    assert sel.center == hqv
    tenures = _col(store, f"SELECT ?t WHERE {{ ?t org:member <{hqv}> }}", "t")
    assert tenures and tenures <= _ids(sel.graph, "Tenure")
    u = nx.Graph()
    for rows in projection.rels.values():
        u.add_edges_from((r["from"], r["to"]) for r in rows)
    assert set(node_labels(sel.graph)) == {hqv, *u.neighbors(hqv)}
    d0 = select(store, Selection(around="Huỳnh Quốc Việt", depth=0)).graph
    assert set(node_labels(d0)) == {hqv} and not any(d0.rels.values())
    d2 = select(store, Selection(around="huỳnh quốc việt", depth=2)).graph
    assert set(node_labels(sel.graph)) < set(node_labels(d2))


def test_around_takes_an_iri_too(store, hqv):
    a = select(store, Selection(around=hqv, depth=1)).graph
    b = select(store, Selection(around="Huỳnh Quốc Việt", depth=1)).graph
    assert node_labels(a) == node_labels(b)


def test_depth_is_capped(store):
    with pytest.raises(ExportError, match=f"0 to {MAX_DEPTH}"):
        Selection(around="Huỳnh Quốc Việt", depth=99)
    with pytest.raises(ExportError):
        Selection(around="Huỳnh Quốc Việt", depth=-1)


def test_unknown_and_ambiguous_people_are_errors(store):
    with pytest.raises(ExportError, match="no person named"):
        select(store, Selection(around="Không Có Ai"))
    dup = store.select("SELECT ?n (COUNT(?p) AS ?c) WHERE { ?p a og:Person ; schema:name ?n } "
                       "GROUP BY ?n HAVING (COUNT(?p) > 1) ORDER BY ?n LIMIT 1")
    if not dup:
        pytest.skip("no two people share a name in this corpus")
    name = dup[0]["n"]
    ids = _col(store, f'SELECT ?p WHERE {{ ?p a og:Person ; schema:name "{name}" }}', "p")
    with pytest.raises(ExportError, match="people are named") as exc:
        select(store, Selection(around=name))
    assert all(i in str(exc.value) for i in ids)


def test_filters_combine(store, hqv):
    alone = {k: set(node_labels(select(store, s).graph)) for k, s in {
        "province": Selection(province="Cà Mau"), "window": Selection(start=dt.date(2022, 1, 1)),
        "around": Selection(around="Huỳnh Quốc Việt", depth=2)}.items()}
    both = set(node_labels(select(store, Selection(province="Cà Mau", start=dt.date(2022, 1, 1),
                                                   around="Huỳnh Quốc Việt", depth=2)).graph))
    assert hqv in both and both <= alone["province"] & alone["window"] & alone["around"]
    with pytest.raises(ExportError, match="not in what"):
        select(store, Selection(around="Huỳnh Quốc Việt", end=dt.date(2000, 1, 1)))


# -- the same selections in RDF -------------------------------------------------------------------
def _quads(store, selection):
    buf = io.BytesIO()
    export(store, "nquads", buf, selection)
    return list(pyoxigraph.parse(buf.getvalue(), format=pyoxigraph.RdfFormat.N_QUADS))


@pytest.mark.parametrize("selection", [Selection(province="Cà Mau"), Selection(around="Huỳnh Quốc Việt", depth=1),
                                       Selection(start=dt.date(2021, 4, 27), end=dt.date(2021, 4, 28))])
def test_rdf_selection_is_whole_article_graphs_and_the_resolved_triples_of_kept_nodes(store, projection, selection):
    chosen = select(store, selection)
    kept, all_nodes = set(node_labels(chosen.graph)), set(node_labels(projection))
    quads = _quads(store, selection)
    resolved = T.RESOLVED_GRAPH.value
    graphs = {q.graph_name.value for q in quads}
    assert graphs - {resolved} == {T.article_graph(a).value for a in chosen.article_ids}
    # Each kept article's graph is there whole.
    for a in chosen.article_ids:
        g = T.article_graph(a)
        n = len(store.select(f"SELECT * WHERE {{ GRAPH <{g.value}> {{ ?s ?p ?o }} }}"))
        assert sum(1 for q in quads if q.graph_name == g) == n
    res = [q for q in quads if q.graph_name.value == resolved]
    people = {q.subject.value for q in res if q.predicate == T.A and q.object == T.PERSON}
    assert people == _ids(chosen.graph, "Person")
    for q in res:
        for term in (q.subject, q.object):
            if isinstance(term, pyoxigraph.NamedNode) and term.value in all_nodes:
                assert term.value in kept, q
