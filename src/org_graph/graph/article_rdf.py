"""One article's extraction as RDF quads in the article's own named graph.

Everything an article says lives in ``graph/article/{id}``: the article node, person *mentions*
(people are resolved across articles later, in the resolved graph), attestations (a mention
holds a post on the article's date), participations, events, documents and citations, and the
organizations and posts it names (their IRIs are deterministic, so the same body named by many
articles is one node). Every fact node carries ``prov:wasDerivedFrom`` the article and the span
of text it came from. Removing an article is dropping its graph.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator

from pyoxigraph import Literal, NamedNode, Quad

from ..gazetteer import load as load_gazetteer
from ..model import Article, Extraction
from . import terms as T
from .levels import body_level
from .timeline import is_single_seat

XSD_DATE = NamedNode(T.XSD + "date")
XSD_INT = NamedNode(T.XSD + "integer")
XSD_BOOL = NamedNode(T.XSD + "boolean")
XSD_GYEAR = NamedNode(T.XSD + "gYear")
XSD_GYEARMONTH = NamedNode(T.XSD + "gYearMonth")


def lit(v) -> Literal:
    return Literal(v)


def date_lit(v: str) -> Literal:
    """A date with its precision: ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear``."""
    if len(v) == 4:
        return Literal(v, datatype=XSD_GYEAR)
    if len(v) == 7:
        return Literal(v, datatype=XSD_GYEARMONTH)
    return Literal(v, datatype=XSD_DATE)


def int_lit(v: int) -> Literal:
    return Literal(str(v), datatype=XSD_INT)


def content_hash(article: Article) -> str:
    h = hashlib.sha256()
    for part in (article.id, article.title or "", str(article.published or ""), article.text):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


def article_quads(article: Article, ex: Extraction) -> list[Quad]:
    """All quads of one article, in a stable order (re-ingesting yields the same set)."""
    return list(_quads(article, ex))


def _quads(article: Article, ex: Extraction) -> Iterator[Quad]:
    g = T.article_graph(article.id)
    art = T.article_iri(article.id)
    text = article.text

    def q(s, p, o):
        return Quad(s, p, o, g)

    def evidence(node: NamedNode, start: int, end: int) -> Iterator[Quad]:
        yield q(node, T.DERIVED_FROM, art)
        yield q(node, T.SPAN_START, int_lit(start))
        yield q(node, T.SPAN_END, int_lit(end))
        yield q(node, T.QUOTE, lit(" ".join(text[start:end].split())[:300]))

    yield q(art, T.A, T.ARTICLE)
    yield q(art, T.IDENTIFIER, lit(article.id))
    yield q(art, T.CONTENT_HASH, lit(content_hash(article)))
    if article.url:
        yield q(art, T.URL, lit(article.url))
    if article.source:
        yield q(art, T.SOURCE, lit(article.source))
    if article.title:
        yield q(art, T.HEADLINE, lit(article.title))
    if article.published:
        yield q(art, T.DATE_PUBLISHED, date_lit(article.published.isoformat()))
    if ex.province:
        yield q(art, T.PROVINCE, lit(ex.province))
    if ex.date_inferred:
        yield q(art, T.DATE_INFERRED, date_lit(ex.date_inferred))
        yield q(art, T.DATE_INFERRED_BASIS, lit(ex.date_inferred_basis or "event"))

    gz = load_gazetteer()
    orgs: dict[str, NamedNode] = {}
    for o in ex.organizations:
        node = T.org_iri(o.name)
        orgs[o.id] = node
        yield q(node, T.A, T.ORGANIZATION)
        yield q(node, T.ALT_LABEL, lit(o.name))
        if o.type:
            yield q(node, T.BODY_TYPE, lit(o.type))
        if o.jurisdiction:
            yield q(node, T.JURISDICTION, lit(o.jurisdiction))
        level, province = body_level(gz, o.name, o.type, o.jurisdiction, ex.province)
        if level:
            yield q(node, T.LEVEL, lit(level))
        if province:
            yield q(node, T.IN_PROVINCE, lit(province))

    people: dict[str, NamedNode] = {}
    for p in ex.people:
        node = T.local_iri(article.id, "person", p.id)
        people[p.id] = node
        yield q(node, T.A, T.PERSON_MENTION)
        yield q(node, T.NAME, lit(p.name))
        yield q(node, T.IN_ARTICLE, art)
        yield q(node, T.SPAN_START, int_lit(p.start))
        yield q(node, T.SPAN_END, int_lit(p.end))

    org_names = {o.id: o.name for o in ex.organizations}
    events: dict[str, NamedNode] = {}
    for e in ex.events:
        node = T.local_iri(article.id, "event", e.id)
        events[e.id] = node
        yield q(node, T.A, T.EVENT)
        yield q(node, T.NAME, lit(e.name))
        if e.date:
            yield q(node, T.START, date_lit(e.date))
        if e.kind:
            yield q(node, T.EVENT_KIND, lit(e.kind))
        yield from evidence(node, e.start, e.end)

    docs: dict[str, NamedNode] = {}
    for d in ex.documents:
        issuer = org_names.get(d.issuer) if d.issuer else None
        node = T.document_iri(d.number, issuer, d.term or (d.date[:4] if d.date else None))
        docs[d.id] = node
        yield q(node, T.A, T.DOCUMENT)
        yield q(node, T.ID_LOCAL, lit(d.number))
        if d.type:
            yield q(node, T.TYPE_DOCUMENT, lit(d.type))
        if d.date:
            yield q(node, T.DATE_DOCUMENT, date_lit(d.date))
        if d.issuer and d.issuer in orgs:
            yield q(node, T.PASSED_BY, orgs[d.issuer])
        if d.term:
            yield q(node, T.TERM, lit(d.term))

    n_att = 0
    n_part = 0
    for r in ex.relations:
        if r.type in ("holds", "held") and r.person in people and r.organization in orgs:
            org_name = org_names[r.organization]
            role = gz.canonical_role(r.role)
            post = T.post_iri(role, org_name)
            yield q(post, T.A, T.POST)
            yield q(post, T.ROLE, lit(role))
            yield q(post, T.POST_IN, orgs[r.organization])
            yield q(post, T.ALT_LABEL, lit(f"{role} {org_name}"))
            yield q(post, T.SINGLE_SEAT, Literal("true" if is_single_seat(role) else "false", datatype=XSD_BOOL))
            n_att += 1
            node = T.local_iri(article.id, "attestation", str(n_att))
            yield q(node, T.A, T.ATTESTATION)
            yield q(node, T.SUBJECT, people[r.person])
            yield q(node, T.OF_POST, post)
            yield q(node, T.STATUS, lit("former" if r.type == "held" else "current"))
            if r.date:
                yield q(node, T.DATE, date_lit(r.date))
                yield q(node, T.DATE_BASIS, lit(r.date_basis or "published"))
            if r.term:
                yield q(node, T.TERM, lit(r.term))
            if r.since:
                yield q(node, T.SINCE, date_lit(r.since))
            for qual in r.qualifiers:
                yield q(node, T.QUALIFIER, lit(qual))
            yield from evidence(node, r.start, r.end)
        elif r.type == "attended" and r.person in people and r.event in events:
            n_part += 1
            node = T.local_iri(article.id, "participation", str(n_part))
            yield q(node, T.A, T.PARTICIPATION)
            yield q(node, T.PARTICIPANT, people[r.person])
            yield q(node, T.IN_EVENT, events[r.event])
            if r.role:
                yield q(node, T.ROLE, lit(r.role))
            yield from evidence(node, r.start, r.end)
        elif r.type == "cites" and r.document in docs:
            src = events.get(r.source, art)
            yield q(src, T.CITES, docs[r.document])
