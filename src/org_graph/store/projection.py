"""The canonical graph (in the embedded store) as property-graph rows, for Neo4j and exports.

One function per node label and relationship type; each returns plain dicts with the ids the
RDF graph uses (IRIs), so the same question asked of both stores names the same things.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .oxigraph import GraphStore


@dataclass
class PropertyGraph:
    nodes: dict[str, list[dict]] = field(default_factory=dict)  # label -> rows (with "id")
    rels: dict[str, list[dict]] = field(default_factory=dict)  # type -> rows (with "from", "to")


#: The labels at the ends of each relationship type; "*" where the start varies (then each row
#: says, in "from_label").
ENDS = {"HOLDS": ("Person", "Tenure"), "OF_POST": ("Tenure", "Post"), "POST_IN": ("Post", "Organization"),
        "HELD": ("Person", "Post"), "ATTENDED": ("Person", "Event"), "CITES": ("*", "Document"),
        "ISSUED_BY": ("Document", "Organization"), "SUB_ORGANIZATION_OF": ("Organization", "Organization"),
        "MENTIONED_IN": ("*", "Article")}


def _rows(store: GraphStore, sparql: str) -> list[dict]:
    return store.select(sparql)


def _int(v):
    return None if v is None else int(v)


def project(store: GraphStore) -> PropertyGraph:
    g = PropertyGraph()
    g.nodes["Article"] = [
        {"id": r["a"], "article_id": r["id"], "title": r["title"], "published": r["pub"], "source": r["src"],
         "url": r["url"], "province": r["prov"], "date_inferred": r["inf"], "date_inferred_basis": r["infb"]}
        for r in _rows(store, """SELECT ?a ?id (SAMPLE(?t) AS ?title) (SAMPLE(?p) AS ?pub) (SAMPLE(?s) AS ?src)
            (SAMPLE(?u) AS ?url) (SAMPLE(?pr) AS ?prov) (SAMPLE(?di) AS ?inf) (SAMPLE(?db) AS ?infb)
            WHERE { GRAPH ?g { ?a a schema:NewsArticle ; schema:identifier ?id .
            OPTIONAL { ?a schema:headline ?t } OPTIONAL { ?a schema:datePublished ?p } OPTIONAL { ?a og:source ?s }
            OPTIONAL { ?a schema:url ?u } OPTIONAL { ?a og:province ?pr }
            OPTIONAL { ?a og:dateInferred ?di } OPTIONAL { ?a og:dateInferredBasis ?db } } } GROUP BY ?a ?id""")]
    reasons: dict[str, list[str]] = defaultdict(list)
    for r in _rows(store, "SELECT ?p ?r WHERE { ?p a og:Person ; og:mergeReason ?r } ORDER BY ?p ?r"):
        reasons[r["p"]].append(r["r"])
    g.nodes["Person"] = [
        {"id": r["p"], "name": r["n"], "name_key": r["k"], "merge_reasons": reasons.get(r["p"], [])}
        for r in _rows(store, "SELECT ?p ?n ?k WHERE { ?p a og:Person ; schema:name ?n ; og:nameKey ?k }")]
    g.nodes["Organization"] = [
        {"id": r["o"], "name": r["n"], "type": r["t"], "jurisdiction": r["j"], "level": r["lv"], "province": r["pr"]}
        for r in _rows(store, """SELECT ?o ?n (MIN(?ty) AS ?t) (MIN(?ju) AS ?j) (MIN(?l) AS ?lv) (MIN(?p) AS ?pr) WHERE {
            ?o a org:Organization ; skos:prefLabel ?n . OPTIONAL { ?o og:bodyType ?ty } OPTIONAL { ?o og:jurisdiction ?ju }
            OPTIONAL { ?o og:level ?l } OPTIONAL { ?o og:inProvince ?p } }
            GROUP BY ?o ?n""")]
    g.nodes["Post"] = [
        {"id": r["p"], "name": r["n"], "role": r["r"], "single_seat": r["s"] == "true"}
        for r in _rows(store, """SELECT DISTINCT ?p ?n ?r ?s WHERE { ?p a org:Post ; skos:prefLabel ?n ;
            og:roleName ?r ; og:singleSeat ?s }""")]
    days: dict[str, list[str]] = defaultdict(list)
    # The days a tenure is attested on as a current title (day precision, not ending it).
    for r in _rows(store, """SELECT DISTINCT ?t ?d WHERE { ?t a og:Tenure ; og:evidence ?a .
                              ?a og:status "current" ; og:date ?d . FILTER(DATATYPE(?d) = xsd:date)
                              FILTER NOT EXISTS { ?a og:qualifier ?q FILTER(?q IN ("dismissed", "retired", "transferred")) } }
                              ORDER BY ?t ?d"""):
        days[r["t"]].append(r["d"])
    terms: dict[str, list[str]] = defaultdict(list)
    for r in _rows(store, "SELECT ?t ?term WHERE { ?t a og:Tenure ; og:term ?term } ORDER BY ?t ?term"):
        terms[r["t"]].append(r["term"])
    tenures = _rows(store, """SELECT ?t ?p ?post ?o ?role ?status ?first ?last ?start ?sprec ?swhy ?ended ?why ?succ
        ?from ?fwhy ?until ?uwhy WHERE {
        ?t a og:Tenure ; org:member ?p ; og:post ?post ; org:organization ?o ; og:roleName ?role ; og:status ?status .
        OPTIONAL { ?t og:firstAttested ?first ; og:lastAttested ?last }
        OPTIONAL { ?t og:startDate ?start ; og:startPrecision ?sprec ; og:startReason ?swhy }
        OPTIONAL { ?t og:endedBy ?ended ; og:endedByReason ?why } OPTIONAL { ?t og:succeededBy ?succ }
        OPTIONAL { ?t og:possibleFrom ?from ; og:possibleFromReason ?fwhy ; og:possibleUntil ?until ;
                      og:possibleUntilReason ?uwhy } }""")
    g.nodes["Tenure"] = [
        {"id": r["t"], "role": r["role"], "status": r["status"], "first_attested": r["first"],
         "last_attested": r["last"], "start_date": r["start"], "start_precision": r["sprec"],
         "start_reason": r["swhy"], "ended_by": r["ended"], "ended_by_reason": r["why"], "succeeded_by": r["succ"],
         "possible_from": r["from"], "possible_from_reason": r["fwhy"], "possible_until": r["until"],
         "possible_until_reason": r["uwhy"], "terms": terms.get(r["t"], []), "current_days": days.get(r["t"], [])}
        for r in tenures]
    g.nodes["Event"] = [
        {"id": r["e"], "name": r["n"], "date": r["d"], "kind": r["k"], "article_id": r["aid"]}
        for r in _rows(store, """SELECT ?e ?n ?d ?k ?aid WHERE { GRAPH ?g { ?e a schema:Event ; schema:name ?n ;
            prov:wasDerivedFrom ?a . ?a schema:identifier ?aid . OPTIONAL { ?e schema:startDate ?d }
            OPTIONAL { ?e og:eventKind ?k } } }""")]
    g.nodes["Document"] = [
        {"id": r["d"], "number": r["n"], "type": r["t"], "date": r["dt"], "term": r["term"]}
        for r in _rows(store, """SELECT ?d ?n (SAMPLE(?ty) AS ?t) (SAMPLE(?da) AS ?dt) (SAMPLE(?te) AS ?term) WHERE {
            ?d a eli:LegalResource ; eli:id_local ?n . OPTIONAL { ?d eli:type_document ?ty }
            OPTIONAL { ?d eli:date_document ?da } OPTIONAL { ?d og:term ?te } } GROUP BY ?d ?n""")]

    g.rels["HOLDS"] = [{"from": r["p"], "to": r["t"]} for r in tenures]
    g.rels["OF_POST"] = [{"from": r["t"], "to": r["post"]} for r in tenures]
    g.rels["POST_IN"] = [{"from": r["p"], "to": r["o"]} for r in _rows(
        store, "SELECT DISTINCT ?p ?o WHERE { ?p a org:Post ; org:postIn ?o }")]
    g.rels["HELD"] = [
        {"from": r["p"], "to": r["post"], "start": r["start"], "end": r["ended"], "first_attested": r["first"],
         "last_attested": r["last"], "possible_from": r["from"], "possible_until": r["until"], "status": r["status"],
         "role": r["role"]} for r in tenures]
    # Joined in Python: Oxigraph plans "GRAPH ?g {…} ?m og:refersTo ?p" as a nested loop.
    person_of = {r["m"]: r["p"] for r in _rows(store, "SELECT ?m ?p WHERE { ?m og:refersTo ?p }")}
    g.rels["ATTENDED"] = [
        {"from": person_of[r["m"]], "to": r["e"], "role": r["role"], "article_id": r["aid"], "start": _int(r["s"]),
         "end": _int(r["en"]), "quote": r["q"]}
        for r in _rows(store, """SELECT ?m ?e ?role ?aid ?s ?en ?q WHERE { GRAPH ?g { ?x a og:Participation ;
            og:participant ?m ; og:event ?e ; prov:wasDerivedFrom ?a ; og:spanStart ?s ; og:spanEnd ?en ; og:quote ?q .
            ?a schema:identifier ?aid . OPTIONAL { ?x og:roleName ?role } } }""")
        if r["m"] in person_of]
    g.rels["CITES"] = [
        {"from": r["c"], "to": r["d"], "article_id": r["aid"], "from_label": "Event" if r["ev"] == "true" else "Article"}
        for r in _rows(store, """SELECT DISTINCT ?c ?d ?aid (EXISTS { ?c a schema:Event } AS ?ev) WHERE { GRAPH ?g {
            ?c og:cites ?d . ?a a schema:NewsArticle ; schema:identifier ?aid } }""")]
    g.rels["ISSUED_BY"] = [{"from": r["d"], "to": r["o"]} for r in _rows(
        store, "SELECT DISTINCT ?d ?o WHERE { ?d eli:passed_by ?o }")]
    g.rels["SUB_ORGANIZATION_OF"] = [{"from": r["a"], "to": r["b"]} for r in _rows(
        store, "SELECT DISTINCT ?a ?b WHERE { ?a org:subOrganizationOf ?b }")]
    mentioned = []
    for r in _rows(store, """SELECT ?m ?a ?s ?e WHERE { GRAPH ?g { ?m a og:PersonMention ; og:inArticle ?a ;
                              og:spanStart ?s ; og:spanEnd ?e } }"""):
        if r["m"] in person_of:
            mentioned.append({"from": person_of[r["m"]], "to": r["a"], "start": _int(r["s"]), "end": _int(r["e"]),
                              "quote": None, "mention": r["m"], "from_label": "Person"})
    for r in _rows(store, """SELECT ?x ?a ?s ?e ?q WHERE { GRAPH ?g { ?x a ?cls ; prov:wasDerivedFrom ?a ;
                              og:spanStart ?s ; og:spanEnd ?e ; og:quote ?q . VALUES ?cls { schema:Event } } }"""):
        mentioned.append({"from": r["x"], "to": r["a"], "start": _int(r["s"]), "end": _int(r["e"]), "quote": r["q"],
                          "from_label": "Event"})
    for r in _rows(store, """SELECT DISTINCT ?o ?a ?cls WHERE { GRAPH ?g { ?o a ?cls . ?a a schema:NewsArticle .
                              VALUES ?cls { org:Organization eli:LegalResource } } }"""):
        mentioned.append({"from": r["o"], "to": r["a"], "start": None, "end": None, "quote": None,
                          "from_label": "Organization" if r["cls"].endswith("Organization") else "Document"})
    for r in _rows(store, """SELECT ?t ?a ?s ?e ?q ?d ?b ?st WHERE { ?t a og:Tenure ; og:evidence ?x .
                              GRAPH ?g { ?x prov:wasDerivedFrom ?a ; og:spanStart ?s ; og:spanEnd ?e ; og:quote ?q ;
                              og:status ?st . OPTIONAL { ?x og:date ?d } OPTIONAL { ?x og:dateBasis ?b } } }"""):
        mentioned.append({"from": r["t"], "to": r["a"], "start": _int(r["s"]), "end": _int(r["e"]), "quote": r["q"],
                          "date": r["d"], "basis": r["b"], "status": r["st"], "from_label": "Tenure"})
    g.rels["MENTIONED_IN"] = mentioned
    return g
