"""The files in ``ontology/`` that describe the RDF graph: OWL vocabulary, SHACL shapes, JSON-LD
context. Real files, real rdflib and pyshacl, no mocks.

The SHACL data graph is built the way the store keeps it: one named graph per article plus the
``resolved`` graph, validated as their union.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from pyoxigraph import NamedNode
from pyshacl import validate
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib import namespace as ns
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH

from org_graph.graph import terms as T

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology"
OWL_FILE = ONTOLOGY / "org-graph.ttl"
SHAPES_FILE = ONTOLOGY / "shapes.ttl"
CONTEXT_FILE = ONTOLOGY / "context.jsonld"

# rdflib 7 and pyshacl call rdflib's own deprecated Dataset/ConjunctiveGraph API internally.
pytestmark = pytest.mark.filterwarnings(
    r"ignore:Dataset\..* is deprecated:DeprecationWarning",
    "ignore:ConjunctiveGraph is deprecated:DeprecationWarning",
)


def u(node: NamedNode) -> URIRef:
    return URIRef(node.value)


def _terms() -> dict[str, NamedNode]:
    return {k: v for k, v in vars(T).items() if isinstance(v, NamedNode)}


def _og_terms() -> dict[str, NamedNode]:
    return {k: v for k, v in _terms().items() if v.value.startswith(T.OG)}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(OWL_FILE, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


@pytest.fixture(scope="module")
def context() -> dict:
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))


# -- OWL -------------------------------------------------------------------------------------


def test_ontology_header(ontology: Graph) -> None:
    (onto,) = list(ontology.subjects(RDF.type, OWL.Ontology))
    assert ontology.value(onto, OWL.versionInfo) == Literal("0.1")
    assert ontology.value(onto, RDFS.label) is not None
    assert ontology.value(onto, RDFS.comment) is not None


def test_terms_module_has_og_terms() -> None:
    og = _og_terms()
    assert len(og) > 30  # the iteration below is not vacuous
    assert "REFERS_TO" in og and "TENURE" in og


def test_every_og_term_is_declared(ontology: Graph) -> None:
    declared = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}
    missing = [name for name, node in _og_terms().items()
               if not declared & set(ontology.objects(u(node), RDF.type))]
    assert missing == [], f"og: terms in terms.py not declared in {OWL_FILE.name}: {missing}"


def test_og_terms_are_described(ontology: Graph) -> None:
    """Every og: term has an English label and comment; classes are classes, properties are
    properties (og: local names: Upper = class, lower = property) with a range."""
    for name, node in _og_terms().items():
        s = u(node)
        types = set(ontology.objects(s, RDF.type))
        assert any(l.language == "en" for l in ontology.objects(s, RDFS.label)), name
        assert any(c.language == "en" for c in ontology.objects(s, RDFS.comment)), name
        local = node.value[len(T.OG):]
        if local[0].isupper():
            assert OWL.Class in types, name
        else:
            assert types & {OWL.ObjectProperty, OWL.DatatypeProperty}, name
            assert ontology.value(s, RDFS.range) is not None, name


def test_alignments(ontology: Graph) -> None:
    og, org, schema, prov, eli = (T.OG, T.ORG, T.SCHEMA, T.PROV, T.ELI)
    sub = lambda a, b: (URIRef(a), RDFS.subClassOf, URIRef(b)) in ontology  # noqa: E731
    assert sub(og + "Tenure", org + "Membership")
    assert sub(og + "Person", schema + "Person")
    assert sub(og + "PersonMention", prov + "Entity")
    assert sub(og + "Attestation", prov + "Entity")
    assert ontology.value(URIRef(og + "cites"), RDFS.range) == URIRef(eli + "LegalResource")
    assert ontology.value(URIRef(og + "post"), RDFS.range) == URIRef(org + "Post")
    assert ontology.value(URIRef(og + "inArticle"), RDFS.range) == URIRef(schema + "NewsArticle")
    for p in ("firstAttested", "lastAttested", "endedBy", "referenceDate", "possibleFrom", "possibleUntil"):
        assert ontology.value(URIRef(og + p), RDFS.range) == ns.XSD.date, p
    for p in ("startDate", "date", "since"):  # with their precision: xsd:date, xsd:gYearMonth or xsd:gYear
        assert ontology.value(URIRef(og + p), RDFS.range) == RDFS.Literal, p
    for p in ("spanStart", "spanEnd"):
        assert ontology.value(URIRef(og + p), RDFS.range) == ns.XSD.integer, p
    assert ontology.value(URIRef(og + "singleSeat"), RDFS.range) == ns.XSD.boolean
    # og:cites: domain is the union of schema:Event and schema:NewsArticle
    union = ontology.value(ontology.value(URIRef(og + "cites"), RDFS.domain), OWL.unionOf)
    assert set(Collection(ontology, union)) == {URIRef(schema + "Event"),
                                                URIRef(schema + "NewsArticle")}


def test_reused_terms_are_declared_not_redefined(ontology: Graph) -> None:
    """External terms the code writes are declared (so the file is self-describing) and point
    at their own namespace; no domain or range is asserted on them here."""
    for name, node in _terms().items():
        if node.value.startswith((T.OG, T.RDF, T.GRAPH)):
            continue
        s = u(node)
        assert ontology.value(s, RDF.type) is not None, name
        defined_by = str(ontology.value(s, RDFS.isDefinedBy))
        assert node.value.startswith(defined_by), name
        assert ontology.value(s, RDFS.domain) is None, name
        assert ontology.value(s, RDFS.range) is None, name


# -- SHACL -----------------------------------------------------------------------------------

ARTICLE_ID = "baocamau-2022-01-07-hoi-nghi"
NAME = "Huỳnh Quốc Việt"
ORG_NAME = "Ủy ban nhân dân tỉnh Cà Mau"
ROLE = "Chủ tịch"


def _nodes() -> dict[str, URIRef]:
    art = T.article_iri(ARTICLE_ID)
    person = T.person_iri(NAME, "ubnd-ca-mau")
    post = T.post_iri(ROLE, ORG_NAME)
    return {
        "article": u(art),
        "mention": u(T.local_iri(ARTICLE_ID, "person", "p1")),
        "person": u(person),
        "org": u(T.org_iri(ORG_NAME)),
        "post": u(post),
        "attestation": u(T.local_iri(ARTICLE_ID, "attestation", "a1")),
        "tenure": u(T.tenure_iri(person, post)),
        "event": u(T.local_iri(ARTICLE_ID, "event", "e1")),
        "participation": u(T.local_iri(ARTICLE_ID, "participation", "1")),
        "document": u(T.document_iri("28-NQ/TW", "Ban Chấp hành Trung ương Đảng",
                                     "khóa XI")),
        "central_committee": u(T.org_iri("Ban Chấp hành Trung ương Đảng")),
    }


def _dataset(*, broken: bool = False) -> Dataset:
    """One article graph and the resolved graph, as the store keeps them."""
    x = _nodes()
    ds = Dataset(default_union=True)
    ag = ds.graph(u(T.article_graph(ARTICLE_ID)))
    rg = ds.graph(u(T.RESOLVED_GRAPH))
    date = Literal("2022-01-07", datatype=ns.XSD.date)
    span = lambda s, e: [(u(T.SPAN_START), Literal(s)), (u(T.SPAN_END), Literal(e))]  # noqa: E731

    def add(g: Graph, s: URIRef, *pos: tuple) -> None:
        for p, o in pos:
            g.add((s, p, o))

    add(ag, x["article"], (RDF.type, u(T.ARTICLE)), (u(T.IDENTIFIER), Literal(ARTICLE_ID)),
        (u(T.DATE_PUBLISHED), date), (u(T.REFERENCE_DATE), date),
        (u(T.PROVINCE), Literal("Cà Mau")))
    add(ag, x["mention"], (RDF.type, u(T.PERSON_MENTION)), (u(T.NAME), Literal(NAME)),
        (u(T.IN_ARTICLE), x["article"]), *span(-5 if broken else 120, 135))
    add(ag, x["org"], (RDF.type, u(T.ORGANIZATION)), (u(T.LABEL), Literal(ORG_NAME)),
        (u(T.BODY_TYPE), Literal("ubnd")), (u(T.JURISDICTION), Literal("Cà Mau")))
    add(ag, x["post"], (RDF.type, u(T.POST)), (u(T.ROLE), Literal(ROLE)),
        (u(T.POST_IN), x["org"]), (u(T.LABEL), Literal(f"{ROLE} {ORG_NAME}")),
        (u(T.SINGLE_SEAT), Literal(True)))
    add(ag, x["attestation"], (RDF.type, u(T.ATTESTATION)), (u(T.SUBJECT), x["mention"]),
        (u(T.STATUS), Literal("current")), (u(T.DATE), date),
        (u(T.DERIVED_FROM), x["article"]), *span(137, 190),
        (u(T.QUOTE), Literal("Chủ tịch Ủy ban nhân dân tỉnh")))
    if not broken:
        ag.add((x["attestation"], u(T.OF_POST), x["post"]))
    add(ag, x["event"], (RDF.type, u(T.EVENT)), (u(T.NAME), Literal("Hội nghị sơ kết")),
        (u(T.START), date), (u(T.EVENT_KIND), Literal("Hội nghị")),
        (u(T.DERIVED_FROM), x["article"]), *span(0, 60), (u(T.CITES), x["document"]))
    add(ag, x["participation"], (RDF.type, u(T.PARTICIPATION)), (u(T.PARTICIPANT), x["mention"]),
        (u(T.IN_EVENT), x["event"]), (u(T.DERIVED_FROM), x["article"]), *span(100, 135))
    add(ag, x["central_committee"], (RDF.type, u(T.ORGANIZATION)),
        (u(T.LABEL), Literal("Ban Chấp hành Trung ương Đảng")))
    add(ag, x["document"], (RDF.type, u(T.DOCUMENT)), (u(T.ID_LOCAL), Literal("28-NQ/TW")),
        (u(T.TYPE_DOCUMENT), Literal("Nghị quyết")),
        (u(T.DATE_DOCUMENT), Literal("2013-10-25", datatype=ns.XSD.date)),
        (u(T.PASSED_BY), x["central_committee"]), (u(T.TERM), Literal("khóa XI")))
    add(rg, x["mention"], (u(T.REFERS_TO), x["person"]))
    add(rg, x["person"], (RDF.type, u(T.PERSON)), (u(T.NAME), Literal(NAME)))
    add(rg, x["tenure"], (RDF.type, u(T.TENURE)), (u(T.MEMBER), x["person"]),
        (u(T.OF_POST), x["post"]), (u(T.ORGANIZATION_P), x["org"]),
        (u(T.EVIDENCE), x["attestation"]), (u(T.FIRST_ATTESTED), date),
        (u(T.LAST_ATTESTED), date), (u(T.ROLE), Literal(ROLE)), (u(T.STATUS), Literal("unknown")))
    add(rg, x["event"], (u(T.ATTENDEE), x["person"]))
    return ds


def _results(report: Graph) -> set[tuple[URIRef, URIRef]]:
    return {(report.value(r, SH.focusNode), report.value(r, SH.resultPath))
            for r in report.subjects(RDF.type, SH.ValidationResult)}


def test_shapes_are_well_formed(shapes: Graph) -> None:
    """Every node shape targets a class; every property shape has a path and a message."""
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    targets = {shapes.value(s, SH.targetClass) for s in node_shapes}
    assert None not in targets
    wanted = {T.ARTICLE, T.PERSON_MENTION, T.PERSON, T.ORGANIZATION, T.POST, T.ATTESTATION,
              T.TENURE, T.EVENT, T.DOCUMENT, T.PARTICIPATION}
    assert {u(c) for c in wanted} <= targets
    props = list(shapes.objects(None, SH.property))
    assert len(props) >= 30
    for p in props:
        assert shapes.value(p, SH.path) is not None, p
        assert shapes.value(p, SH.message) is not None, shapes.value(p, SH.path)


def test_shapes_graph_is_valid_shacl_and_data_conforms(shapes: Graph) -> None:
    ds = _dataset()
    # the data really is spread over two graphs; only their union satisfies the shapes
    assert len(list(ds.graphs())) >= 2
    conforms, report, text = validate(ds, shacl_graph=shapes, meta_shacl=True,
                                      inference="none", allow_warnings=False)
    assert conforms, text
    assert _results(report) == set()


def test_broken_data_is_reported(shapes: Graph) -> None:
    x = _nodes()
    conforms, report, text = validate(_dataset(broken=True), shacl_graph=shapes,
                                      inference="none")
    assert not conforms
    results = _results(report)
    assert (x["attestation"], u(T.OF_POST)) in results, text
    assert (x["mention"], u(T.SPAN_START)) in results, text
    # the tenure's post is fine; nothing else is blamed
    assert {f for f, _ in results} == {x["attestation"], x["mention"]}, text
    messages = {str(m) for m in report.objects(None, SH.resultMessage)}
    assert any("og:post" in m for m in messages), messages


def test_person_without_mention_bad_status_and_two_dates_are_reported(shapes: Graph) -> None:
    x = _nodes()
    ds = _dataset()
    rg = ds.graph(u(T.RESOLVED_GRAPH))
    rg.remove((x["mention"], u(T.REFERS_TO), x["person"]))
    ag = ds.graph(u(T.article_graph(ARTICLE_ID)))
    ag.set((x["attestation"], u(T.STATUS), Literal("nguyên")))
    rg.set((x["tenure"], u(T.STATUS), Literal("current")))  # an unbounded tenure is "unknown"
    ag.add((x["document"], u(T.DATE_DOCUMENT), Literal("2008-02-02", datatype=ns.XSD.date)))
    conforms, report, text = validate(ds, shacl_graph=shapes, inference="none")
    assert not conforms
    results = _results(report)
    assert (x["attestation"], u(T.STATUS)) in results, text
    assert (x["tenure"], u(T.STATUS)) in results, text
    assert (x["document"], u(T.DATE_DOCUMENT)) in results, text
    person_results = [p for f, p in results if f == x["person"]]
    assert len(person_results) == 1 and isinstance(person_results[0], BNode)  # inverse path


# -- JSON-LD context -------------------------------------------------------------------------


def _expand(ctx: dict, value: str) -> str:
    prefix, sep, rest = value.partition(":")
    if sep and isinstance(ctx.get(prefix), str) and not rest.startswith("//"):
        return ctx[prefix] + rest
    return value


def test_context_is_json_ld_1_1_with_prefixes(context: dict) -> None:
    ctx = context["@context"]
    assert ctx["@version"] == 1.1
    for p in ("og", "org", "time", "eli", "schema", "prov", "skos", "xsd", "id"):
        assert ctx[p] == T.PREFIXES[p], p
    for alias, cls in {"Person": T.PERSON, "Tenure": T.TENURE, "Organization": T.ORGANIZATION,
                       "Post": T.POST, "Event": T.EVENT, "Document": T.DOCUMENT,
                       "Article": T.ARTICLE, "Attestation": T.ATTESTATION,
                       "PersonMention": T.PERSON_MENTION,
                       "Participation": T.PARTICIPATION}.items():
        d = ctx[alias]
        assert _expand(ctx, d if isinstance(d, str) else d["@id"]) == cls.value, alias


def test_context_names_every_term(context: dict) -> None:
    """Every IRI in terms.py (but rdf:type, which is "type", and graph names) has a term."""
    ctx = context["@context"]
    named = {_expand(ctx, d if isinstance(d, str) else d["@id"])
             for k, d in ctx.items() if not k.startswith("@") and (isinstance(d, dict) or ":" in d)}
    missing = [k for k, v in _terms().items()
               if v != T.A and not v.value.startswith(T.GRAPH) and v.value not in named]
    assert missing == []
    assert ctx["type"] == "@type"


def test_jsonld_document_parses_to_expected_triples(context: dict) -> None:
    x = _nodes()
    doc = {
        "@context": context["@context"],  # inline: remote context loading is off
        "@graph": [
            {"@id": str(x["attestation"]), "type": "Attestation",
             "subject": str(x["mention"]), "post": "id:post/chu-tich--uy-ban-nhan-dan-tinh-ca-mau",
             "status": "former", "date": "2022-01-07", "spanStart": 137, "spanEnd": 190},
            {"@id": str(x["mention"]), "type": "PersonMention", "name": NAME,
             "inArticle": str(x["article"])},
            {"@id": str(x["post"]), "type": "Post", "singleSeat": True, "label": "Chủ tịch"},
            {"@id": "id:event/e1", "type": "Event", "startDate": "2022-01-07",
             "cites": "id:doc/ban-chap-hanh-trung-uong-dang/28-nq-tw/khoa-xi"},
            {"@id": str(x["tenure"]), "type": "Tenure", "startDate": "2021-07-01",
             "evidence": [str(x["attestation"])]},
        ],
    }
    g = Graph().parse(data=json.dumps(doc), format="json-ld")
    a, m = x["attestation"], x["mention"]
    assert (m, u(T.NAME), Literal(NAME)) in g
    assert (m, RDF.type, u(T.PERSON_MENTION)) in g
    assert (a, RDF.type, u(T.ATTESTATION)) in g
    assert (a, u(T.SUBJECT), m) in g
    assert g.value(a, u(T.OF_POST)) == x["post"]  # an IRI object, via the id: prefix
    assert (a, u(T.STATUS), Literal("former")) in g
    assert (a, u(T.DATE), Literal("2022-01-07", datatype=ns.XSD.date)) in g
    assert (a, u(T.SPAN_START), Literal(137, datatype=ns.XSD.integer)) in g
    assert (m, u(T.IN_ARTICLE), x["article"]) in g
    assert (x["post"], u(T.SINGLE_SEAT), Literal(True)) in g
    assert (x["post"], u(T.LABEL), Literal("Chủ tịch")) in g
    assert (x["tenure"], u(T.EVIDENCE), a) in g
    # "startDate" is og:startDate on a tenure and schema:startDate on an Event (type-scoped)
    ev = URIRef(T.ID + "event/e1")
    assert (x["tenure"], u(T.START_DATE), Literal("2021-07-01", datatype=ns.XSD.date)) in g
    assert (ev, u(T.START), Literal("2022-01-07", datatype=ns.XSD.date)) in g
    assert (ev, u(T.START_DATE), None) not in g
    doc_iri = URIRef(T.ID + "doc/ban-chap-hanh-trung-uong-dang/28-nq-tw/khoa-xi")
    assert g.value(ev, u(T.CITES)) == doc_iri
    assert len(g) == 19


# -- the real writer's output ----------------------------------------------------------------


@pytest.fixture(scope="module")
def real_dataset(shared_dir: Path) -> Dataset:
    """The shared corpus ingested by the real pipeline into an in-memory Oxigraph store, loaded
    into rdflib as quads (article graphs + resolved graph)."""
    from org_graph.ingest import ingest
    from org_graph.store.oxigraph import GraphStore

    store = GraphStore.in_memory()
    report = ingest(store, [shared_dir / "corpus" / "articles.jsonl"])
    assert report.tenures > 0
    nquads = "".join(line + " .\n" for line in sorted(store.dump()))
    ds = Dataset(default_union=True)
    ds.parse(data=nquads, format="nquads")
    return ds


def test_real_graph_round_trips_through_the_context(real_dataset: Dataset, context: dict) -> None:
    from rdflib.compare import isomorphic

    g = Graph()
    for t in real_dataset.triples((None, None, None)):
        g.add(t)
    compact = json.loads(g.serialize(format="json-ld", context=context["@context"],
                                     auto_compact=True))
    compact["@context"] = context["@context"]
    back = Graph().parse(data=json.dumps(compact), format="json-ld")
    assert len(back) == len(g) > 1000
    assert isomorphic(g, back)


def test_real_graph_conforms_to_the_shapes(real_dataset: Dataset, shapes: Graph) -> None:
    conforms, _, text = validate(real_dataset, shacl_graph=shapes, inference="none")
    assert conforms, text[:3000]
