"""The RDF vocabulary and the IRIs of everything in the graph.

Reuse first (W3C ORG, OWL-Time, ELI, schema.org, PROV-O, SKOS); the ``og:`` terms are only
those the reused vocabularies lack (attestations, mentions, bounds with precision). The OWL
description is ``ontology/org-graph.ttl``, the shapes ``ontology/shapes.ttl``.

IRIs are deterministic: the same organization, post or document gets the same IRI from every
article, so facts from many articles meet without any cross-article state.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

from pyoxigraph import NamedNode

BASE = "https://w3id.org/org-graph/"
OG = BASE + "ns#"
ID = BASE + "id/"
GRAPH = BASE + "graph/"

ORG = "http://www.w3.org/ns/org#"
TIME = "http://www.w3.org/2006/time#"
ELI = "http://data.europa.eu/eli/ontology#"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"

PREFIXES = {"og": OG, "org": ORG, "time": TIME, "eli": ELI, "schema": SCHEMA, "prov": PROV,
            "skos": SKOS, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "id": ID}


def sparql_prefixes() -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def n(iri: str) -> NamedNode:
    return NamedNode(iri)


# -- terms -----------------------------------------------------------------------------------
A = n(RDF + "type")
LABEL = n(SKOS + "prefLabel")  # one per node, chosen in the resolved graph
ALT_LABEL = n(SKOS + "altLabel")  # each article's own spelling
# classes
ARTICLE = n(SCHEMA + "NewsArticle")
PERSON = n(OG + "Person")
PERSON_MENTION = n(OG + "PersonMention")
ORGANIZATION = n(ORG + "Organization")
POST = n(ORG + "Post")
ATTESTATION = n(OG + "Attestation")
TENURE = n(OG + "Tenure")  # rdfs:subClassOf org:Membership
EVENT = n(SCHEMA + "Event")
DOCUMENT = n(ELI + "LegalResource")
PARTICIPATION = n(OG + "Participation")
# article
IDENTIFIER = n(SCHEMA + "identifier")
URL = n(SCHEMA + "url")
DATE_PUBLISHED = n(SCHEMA + "datePublished")
HEADLINE = n(SCHEMA + "headline")
SOURCE = n(OG + "source")
REFERENCE_DATE = n(OG + "referenceDate")
PROVINCE = n(OG + "province")
DATE_INFERRED = n(OG + "dateInferred")  # an undated article's date, from its own text
DATE_INFERRED_BASIS = n(OG + "dateInferredBasis")  # "event" | "year"
CONTENT_HASH = n(OG + "contentHash")
# evidence on any fact node
DERIVED_FROM = n(PROV + "wasDerivedFrom")
SPAN_START = n(OG + "spanStart")
SPAN_END = n(OG + "spanEnd")
QUOTE = n(OG + "quote")
# mentions, people
NAME = n(SCHEMA + "name")
IN_ARTICLE = n(OG + "inArticle")
REFERS_TO = n(OG + "refersTo")  # mention -> Person (resolved graph)
NAME_KEY = n(OG + "nameKey")  # lower case, one tone placement: what name look-ups match
MERGE_REASON = n(OG + "mergeReason")
# organizations, posts
BODY_TYPE = n(OG + "bodyType")
JURISDICTION = n(OG + "jurisdiction")
LEVEL = n(OG + "level")  # "central" | "province" | "district" | "commune"
IN_PROVINCE = n(OG + "inProvince")  # the province a body belongs to
ROLE = n(OG + "roleName")
POST_IN = n(ORG + "postIn")
SINGLE_SEAT = n(OG + "singleSeat")
# attestations
SUBJECT = n(OG + "subject")
OF_POST = n(OG + "post")
DATE = n(OG + "date")
STATUS = n(OG + "status")  # "current" | "former"
DATE_BASIS = n(OG + "dateBasis")  # "clause" | "event" | "published" | "inferred"
SINCE = n(OG + "since")  # a start the text gives ("từ tháng 3/2024"), with its precision
QUALIFIER = n(OG + "qualifier")
# tenures
MEMBER = n(ORG + "member")
ORGANIZATION_P = n(ORG + "organization")
FIRST_ATTESTED = n(OG + "firstAttested")
LAST_ATTESTED = n(OG + "lastAttested")
START_DATE = n(OG + "startDate")  # an appointment/election date: the tenure began then
START_PRECISION = n(OG + "startPrecision")
END_BY = n(OG + "endedBy")  # upper bound of the end: a "nguyên" or a next holder
END_BY_REASON = n(OG + "endedByReason")
END_BY_EVIDENCE = n(OG + "endedByEvidence")  # the attestation behind the end bound
START_REASON = n(OG + "startReason")  # elected | re-elected | appointed | since
START_EVIDENCE = n(OG + "startEvidence")
SUCCESSOR = n(OG + "succeededBy")  # tenure -> the Person whose election/appointment ended it
POSSIBLE_FROM = n(OG + "possibleFrom")  # first day the tenure may cover (inclusive)
POSSIBLE_FROM_REASON = n(OG + "possibleFromReason")
POSSIBLE_UNTIL = n(OG + "possibleUntil")  # last day the tenure may cover (inclusive)
POSSIBLE_UNTIL_REASON = n(OG + "possibleUntilReason")
EVIDENCE = n(OG + "evidence")
MEMBER_DURING = n(ORG + "memberDuring")
HAS_BEGINNING = n(TIME + "hasBeginning")
HAS_END = n(TIME + "hasEnd")
IN_XSD_DATE = n(TIME + "inXSDDate")
INTERVAL = n(TIME + "Interval")
INSTANT = n(TIME + "Instant")
# events, documents
START = n(SCHEMA + "startDate")
EVENT_KIND = n(OG + "eventKind")
ATTENDEE = n(SCHEMA + "attendee")  # event -> Person (resolved graph)
PARTICIPANT = n(OG + "participant")  # participation -> mention
IN_EVENT = n(OG + "event")
ID_LOCAL = n(ELI + "id_local")
TYPE_DOCUMENT = n(ELI + "type_document")
DATE_DOCUMENT = n(ELI + "date_document")
PASSED_BY = n(ELI + "passed_by")
TERM = n(OG + "term")
CITES = n(OG + "cites")  # event or article -> document

RESOLVED_GRAPH = n(GRAPH + "resolved")


# -- IRIs ------------------------------------------------------------------------------------
def slug(text: str) -> str:
    """``Ủy ban nhân dân tỉnh Cà Mau`` -> ``uy-ban-nhan-dan-tinh-ca-mau`` (stable, readable)."""
    t = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-") or "x"


def _q(s: str) -> str:
    return quote(s, safe="")


def article_graph(article_id: str) -> NamedNode:
    return n(f"{GRAPH}article/{_q(article_id)}")


def article_iri(article_id: str) -> NamedNode:
    return n(f"{ID}article/{_q(article_id)}")


def local_iri(article_id: str, kind: str, local: str) -> NamedNode:
    return n(f"{ID}article/{_q(article_id)}/{kind}/{_q(local)}")


def org_iri(name: str) -> NamedNode:
    return n(f"{ID}org/{slug(name)}")


def post_iri(role: str, org_name: str) -> NamedNode:
    return n(f"{ID}post/{slug(role)}--{slug(org_name)}")


def document_iri(number: str, issuer: str | None, term_or_year: str | None) -> NamedNode:
    """Party numbers repeat across terms (``28-NQ/TW`` of 2008 and of 2013): the number alone
    is not an identity; issuer and term (or year) complete it."""
    return n(f"{ID}doc/{slug(issuer or 'unknown')}/{slug(number)}/{slug(term_or_year or 'undated')}")


def person_iri(name: str, seed: str) -> NamedNode:
    h = hashlib.sha1(seed.encode("utf-8")).hexdigest()[:8]
    return n(f"{ID}person/{slug(name)}-{h}")


def tenure_iri(person: NamedNode, post: NamedNode) -> NamedNode:
    return n(f"{ID}tenure/{person.value.rsplit('/', 1)[-1]}--{post.value.rsplit('/', 1)[-1]}")
