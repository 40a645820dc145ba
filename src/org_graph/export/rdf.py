"""The RDF exports, straight from the store's quads: N-Quads (a named graph per article plus the
resolved graph, exactly as stored), Turtle (the union of all graphs, each triple once) and JSON-LD
(compacted with ``ontology/context.jsonld``, named graphs kept as ``@graph`` blocks).

A selection keeps whole article graphs — provenance is per article, so an article's facts go
together or not at all — and those resolved-graph triples whose subject and object both survive
the selection (a kept node, a fact node of a kept article, or anything that is not a node of the
graph, such as a class or a literal): no person, tenure or mention that the selection dropped is
described or pointed at from the resolved graph.
"""
from __future__ import annotations

import json
from typing import BinaryIO
from urllib.parse import quote

from pyoxigraph import BlankNode, NamedNode, Quad, RdfFormat, serialize

from ..gazetteer import ontology_dir
from ..graph import terms as T
from ..store.oxigraph import GraphStore

_ARTICLE = T.ID + "article/"
_ARTICLE_GRAPH = T.GRAPH + "article/"


def all_quads(store: GraphStore) -> list[Quad]:
    # Through SPARQL rather than the engine's own iterator: GraphStore's query is its public
    # reading interface. Everything the store holds is in named graphs (articles, resolved, meta).
    rows = store.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    return [Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]


def _article_key(iri: str, prefix: str) -> str | None:
    """The (percent-encoded) article id an IRI under ``prefix`` belongs to."""
    if not iri.startswith(prefix):
        return None
    return iri[len(prefix):].split("/", 1)[0]


def select(quads: list[Quad], kept_nodes: set[str], kept_articles: set[str], all_nodes: set[str]) -> list[Quad]:
    """The quads of a selection (see the module's docstring). ``kept_articles`` are article ids;
    ``all_nodes`` the ids of every node of the unfiltered property graph."""
    keys = {quote(a, safe="") for a in kept_articles}
    resolved = T.RESOLVED_GRAPH.value

    def survives(term) -> bool:
        if not isinstance(term, NamedNode):
            return True
        iri = term.value
        if iri in all_nodes:
            return iri in kept_nodes
        key = _article_key(iri, _ARTICLE)
        return key is None or key in keys

    out = []
    for q in quads:
        g = q.graph_name.value
        if g == resolved:
            if survives(q.subject) and survives(q.object):
                out.append(q)
        elif _article_key(g, _ARTICLE_GRAPH) in keys:
            out.append(q)
        # anything else (the store's own bookkeeping graph) is no part of a selection
    return out


def write_nquads(quads: list[Quad], out: BinaryIO) -> None:
    out.write(serialize(sorted(quads, key=str), format=RdfFormat.N_QUADS))


def write_turtle(quads: list[Quad], out: BinaryIO) -> None:
    # Turtle has no graphs: the same triple stated by several articles is written once.
    triples = sorted({q.triple for q in quads}, key=str)
    # No "id:" prefix: local names with slashes would print escaped (id:article\/…), full IRIs read better.
    prefixes = {p: iri for p, iri in T.PREFIXES.items() if p != "id"}
    out.write(serialize(triples, format=RdfFormat.TURTLE, prefixes=prefixes))


def context() -> dict:
    return json.loads((ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))["@context"]


def write_jsonld(quads: list[Quad], out: BinaryIO) -> None:
    import rdflib  # only this format needs it, and it is slow to import

    ds = rdflib.Dataset()
    graphs: dict[str, rdflib.Graph] = {}
    term = _rdflib_terms()
    # Built term by term: twice as fast as handing rdflib N-Quads text to parse.
    for q in quads:
        g = graphs.get(q.graph_name.value)
        if g is None:
            g = graphs[q.graph_name.value] = ds.graph(rdflib.URIRef(q.graph_name.value))
        g.add((term(q.subject), term(q.predicate), term(q.object)))
    # The context goes in inline: the file reads back offline, with no URL to dereference.
    text = ds.serialize(format="json-ld", context=context(), ensure_ascii=False)
    out.write(text.encode("utf-8") if isinstance(text, str) else text)


def _rdflib_terms():
    from rdflib import BNode, URIRef
    from rdflib import Literal as RLiteral

    iris: dict[str, URIRef] = {}
    xsd_string = T.XSD + "string"

    def term(t):
        if isinstance(t, NamedNode):
            u = iris.get(t.value)
            if u is None:
                u = iris[t.value] = URIRef(t.value)
            return u
        if isinstance(t, BlankNode):
            return BNode(t.value)
        if t.language:
            return RLiteral(t.value, lang=t.language)
        # A plain string is xsd:string in RDF 1.1; rdflib would print the datatype if given it.
        return RLiteral(t.value) if t.datatype.value == xsd_string else RLiteral(t.value, datatype=URIRef(t.datatype.value))

    return term
