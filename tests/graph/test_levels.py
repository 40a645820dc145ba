"""Bodies know their level and their province (graph/levels.py), in RDF and in the projection."""
from org_graph.gazetteer import load
from org_graph.graph.levels import body_level
from org_graph.ingest import ingest
from org_graph.store.oxigraph import GraphStore
from org_graph.store.projection import project


def test_levels_from_the_gazetteers():
    gz = load()
    assert body_level(gz, "Ủy ban nhân dân tỉnh Cà Mau", "ubnd", "Cà Mau", "Cà Mau") == ("province", "Cà Mau")
    assert body_level(gz, "Thành ủy Hà Nội", "thanh_uy", "Hà Nội", None) == ("province", "Hà Nội")
    assert body_level(gz, "Huyện ủy Đồng Xuân", "huyen_uy", "Đồng Xuân", "Phú Yên") == ("district", "Phú Yên")
    assert body_level(gz, "Ủy ban nhân dân huyện Trần Văn Thời", "ubnd", "Trần Văn Thời", "Cà Mau") == \
        ("district", "Cà Mau")
    assert body_level(gz, "Ủy ban nhân dân xã Tân Hưng", "ubnd", "Tân Hưng", "Cà Mau") == ("commune", "Cà Mau")
    assert body_level(gz, "Bộ Công an", "ministry", None, "Cà Mau") == ("central", None)
    assert body_level(gz, "Ban Chấp hành Trung ương Đảng", "party_central", None, None) == ("central", None)
    assert body_level(gz, "Sở Tài chính", "department", None, "Tây Ninh") == (None, None)  # unresolved


def test_levels_are_in_the_graph_and_its_projection(corpus_path):
    st = GraphStore.in_memory()
    ingest(st, [corpus_path])
    rows = {r["n"]: (r["l"], r["p"]) for r in st.select(
        """SELECT ?n ?l ?p WHERE { ?o a org:Organization ; skos:prefLabel ?n ; og:level ?l .
           OPTIONAL { ?o og:inProvince ?p } }""")}
    assert rows["Ủy ban nhân dân tỉnh Cà Mau"] == ("province", "Cà Mau")
    assert rows["Chính phủ"] == ("central", None)
    orgs = {o["name"]: o for o in project(st).nodes["Organization"]}
    assert (orgs["Ủy ban nhân dân tỉnh Cà Mau"]["level"], orgs["Ủy ban nhân dân tỉnh Cà Mau"]["province"]) == \
        ("province", "Cà Mau")
