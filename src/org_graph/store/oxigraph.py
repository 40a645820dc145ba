"""The embedded RDF store: Oxigraph on disk, one named graph per article, one resolved graph.

* ``graph/article/{id}``: what one article says (see :mod:`org_graph.graph.article_rdf`);
  replacing or removing an article touches only its graph.
* ``graph/resolved``: derived from all article graphs — people (clusters of mentions), tenures,
  attendees — recomputed after every ingest or removal, deterministically, so re-ingesting the
  same articles leaves exactly the same set of quads.
* ``graph/meta``: a ``resolutionStale`` flag set before article graphs change and cleared once
  the resolved graph is rebuilt: an ingest killed half-way leaves a store that opens, says it
  is stale, and the next run completes it.
"""
from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, QuerySolutions, Store, Variable

from ..graph import terms as T
from ..graph.article_rdf import article_quads, content_hash, date_lit, lit
from ..graph.identity import Cluster, Decisions, MentionRecord, resolve_people
from ..graph.timeline import Attestation, Tenure, build_tenures
from ..model import Article, Extraction
from ..text import fold

META_GRAPH = T.n(T.GRAPH + "meta")
STORE_NODE = T.n(T.ID + "store")
STALE = T.n(T.OG + "resolutionStale")
DEFAULT_STORE = "./org-graph-data"


class StoreError(Exception):
    """A problem with the store the user can act on; the message says what and where."""


def default_store_path() -> Path:
    return Path(os.environ.get("ORG_GRAPH_STORE") or DEFAULT_STORE)


@dataclass
class IngestStats:
    new: int = 0
    changed: int = 0
    unchanged: int = 0


class GraphStore:
    def __init__(self, store: Store, path: Path | None):
        self._store = store
        self.path = path

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str | None = None, read_only: bool = False) -> "GraphStore":
        p = Path(path) if path is not None else default_store_path()
        if p.exists() and not p.is_dir():
            raise StoreError(f"store {p}: not a folder")
        if read_only and not p.exists():
            raise StoreError(f"store {p}: no such folder (run `org-graph ingest` first)")
        try:
            if read_only:
                store = Store.read_only(str(p))
            else:
                p.mkdir(parents=True, exist_ok=True)
                store = Store(str(p))
        except OSError as exc:
            msg = str(exc)
            if "lock" in msg.lower():
                raise StoreError(f"store {p}: in use by another org-graph process (locked)") from None
            raise StoreError(f"store {p}: cannot be opened: {msg}") from None
        except Exception as exc:  # corrupt files surface as various errors from the engine
            raise StoreError(f"store {p}: cannot be opened (corrupt?): {exc}") from None
        return cls(store, p)

    @classmethod
    def in_memory(cls) -> "GraphStore":
        return cls(Store(), None)

    def close(self) -> None:
        try:
            self._store.flush()
        except Exception:
            pass
        del self._store

    # -- writing ---------------------------------------------------------------------------
    def stored_hash(self, article_id: str) -> str | None:
        g = T.article_graph(article_id)
        for q in self._store.quads_for_pattern(T.article_iri(article_id), T.CONTENT_HASH, None, g):
            return q.object.value
        return None

    def put_article(self, article: Article, extraction: Extraction) -> str:
        """Store one article's facts; ``new``, ``changed`` (replaced) or ``unchanged``."""
        old = self.stored_hash(article.id)
        if old == content_hash(article):
            return "unchanged"
        self._mark_stale()
        g = T.article_graph(article.id)
        quads = article_quads(article, extraction)
        if old is not None:
            self._store.remove_graph(g)
        self._store.extend(quads)
        return "changed" if old is not None else "new"

    def remove_article(self, article_id: str) -> bool:
        g = T.article_graph(article_id)
        if not self._store.contains_named_graph(g):
            return False
        self._mark_stale()
        self._store.remove_graph(g)
        return True

    def _mark_stale(self) -> None:
        self._store.add(Quad(STORE_NODE, STALE, Literal("true", datatype=T.n(T.XSD + "boolean")), META_GRAPH))

    @property
    def stale(self) -> bool:
        return any(True for _ in self._store.quads_for_pattern(STORE_NODE, STALE, None, META_GRAPH))

    def article_ids(self) -> list[str]:
        rows = self.select("SELECT ?id WHERE { GRAPH ?g { ?a a schema:NewsArticle ; schema:identifier ?id } }")
        return sorted(r["id"] for r in rows)

    # -- reading ---------------------------------------------------------------------------
    def query(self, sparql: str, substitutions: dict | None = None):
        """Run SPARQL over the union of all graphs. ``substitutions`` bind variables to RDF terms
        with a ``VALUES`` block at the top of the WHERE clause: user text never becomes query text."""
        if substitutions:
            sparql = _bind(sparql, substitutions)
        try:
            return self._store.query(sparql, prefixes=dict(T.PREFIXES), use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise StoreError(f"SPARQL syntax error: {exc}") from None
        except OSError as exc:
            raise StoreError(f"store {self.path}: {exc}") from None

    def select(self, sparql: str, substitutions: dict | None = None) -> list[dict]:
        res = self.query(sparql, substitutions)
        if not isinstance(res, QuerySolutions):
            raise StoreError("expected a SELECT query")
        names = [v.value for v in res.variables]
        out = []
        for sol in res:
            row = {}
            for name in names:
                row[name] = _python(sol[name])
            out.append(row)
        return out

    def ready(self, name: str, params: dict) -> list[dict]:
        """Run the ready query ``queries/sparql/{name}.rq`` with typed parameters."""
        from ..query import ready_query  # the query files live with the query layer

        return self.select(ready_query(name, "sparql"), {Variable(k): _term(v) for k, v in params.items()})

    def dump(self) -> set[str]:
        """Every quad as a canonical N-Quads line (for comparisons)."""
        return {str(q) for q in self._store.quads_for_pattern(None, None, None, None)}

    # -- resolution ------------------------------------------------------------------------
    def resolve(self, decisions: Decisions | None = None) -> tuple[list[Cluster], list[Tenure]]:
        mentions, att_rows = self._load_mentions()
        clusters = resolve_people(mentions, decisions)
        ids = self._person_ids(clusters)
        person_of: dict[str, str] = {}
        names: dict[str, str] = {}
        for i, c in enumerate(clusters):
            p = ids[i]
            names[p] = c.name
            for m in c.members:
                person_of[m.iri] = p
        atts = [Attestation(person=person_of[r["mention"]], **{k: v for k, v in r.items() if k != "mention"})
                for r in att_rows if r["mention"] in person_of]
        tenures = build_tenures(atts)
        self._write_resolved(clusters, person_of, names, tenures)
        return clusters, tenures

    def _person_ids(self, clusters: list[Cluster]) -> list[str]:
        """Each cluster's person IRI, stable as the store grows.

        A person keeps the IRI the store already gave its mentions: when articles are added
        (related or not), when clusters merge (the merged person keeps the IRI of the part with
        the most mentions, then the smaller IRI) and when one splits (the part with the most of
        the old mentions keeps it). A person new to the store gets a deterministic IRI: its
        anchor mention's name and the smallest article id of the cluster
        (:attr:`Cluster.seed`), so the same articles ingested into a new store give the same ids,
        and re-extracting an article (whose mention numbers may change) changes none."""
        previous: dict[str, str] = {}
        for r in self.select(f"SELECT ?m ?p WHERE {{ GRAPH <{T.RESOLVED_GRAPH.value}> {{ ?m og:refersTo ?p }} }}"):
            previous[r["m"]] = r["p"]
        claims: list[tuple[int, str, int]] = []  # (-mentions kept, old IRI, cluster index)
        for i, c in enumerate(clusters):
            counts: dict[str, int] = defaultdict(int)
            for m in c.members:
                if m.iri in previous:
                    counts[previous[m.iri]] += 1
            for old, k in counts.items():
                claims.append((-k, old, i))
        ids: dict[int, str] = {}
        taken: set[str] = set()
        for _, old, cid in sorted(claims):
            if cid not in ids and old not in taken:
                ids[cid] = old
                taken.add(old)
        for i, c in enumerate(clusters):
            if i not in ids:
                p = T.person_iri(c.id_name, c.seed).value
                n = 1
                while p in taken:  # the deterministic IRI is held by a person that kept it
                    n += 1
                    p = T.person_iri(c.id_name, f"{c.seed}#{n}").value
                ids[i] = p
                taken.add(p)
        return [ids[i] for i in range(len(clusters))]

    def _load_mentions(self) -> tuple[list[MentionRecord], list[dict]]:
        rows = self.select("""
            SELECT ?m ?name ?aid ?prov WHERE { GRAPH ?g {
              ?m a og:PersonMention ; schema:name ?name ; og:inArticle ?a .
              ?a schema:identifier ?aid . OPTIONAL { ?a og:province ?prov } } }""")
        atts = self.select("""
            SELECT ?att ?m ?post ?role ?org (MIN(?ol) AS ?orgLabel) ?single ?status ?date ?basis ?term ?since
                   ?aid ?s ?e ?quote (GROUP_CONCAT(DISTINCT ?q; separator="|") AS ?quals) WHERE { GRAPH ?g {
              ?att a og:Attestation ; og:subject ?m ; og:post ?post ; og:status ?status ;
                   prov:wasDerivedFrom ?a ; og:spanStart ?s ; og:spanEnd ?e ; og:quote ?quote .
              ?a schema:identifier ?aid .
              ?post og:roleName ?role ; org:postIn ?org ; og:singleSeat ?single .
              ?org skos:altLabel ?ol .
              OPTIONAL { ?att og:date ?date } OPTIONAL { ?att og:dateBasis ?basis } OPTIONAL { ?att og:term ?term }
              OPTIONAL { ?att og:since ?since } OPTIONAL { ?att og:qualifier ?q } } }
            GROUP BY ?att ?m ?post ?role ?org ?single ?status ?date ?basis ?term ?since ?aid ?s ?e ?quote""")
        posts: dict[str, set[str]] = defaultdict(set)
        orgs: dict[str, set[str]] = defaultdict(set)
        att_rows = []
        for r in atts:
            posts[r["m"]].add(r["post"])
            orgs[r["m"]].add(r["org"])
            att_rows.append(dict(
                iri=r["att"], mention=r["m"], post=r["post"], role=r["role"], org=r["org"],
                org_label=r["orgLabel"], single_seat=r["single"] == "true", status=r["status"],
                date=r["date"], qualifiers=tuple(sorted(q for q in (r["quals"] or "").split("|") if q)),
                article_id=r["aid"], start=int(r["s"]), end=int(r["e"]), quote=r["quote"],
                basis=r["basis"], term=r["term"], since=r["since"]))
        mentions = []
        for r in rows:
            local = r["m"].rsplit("/", 1)[-1]
            mentions.append(MentionRecord(r["m"], r["name"], r["aid"], local, r["prov"],
                                          frozenset(posts[r["m"]]), frozenset(orgs[r["m"]])))
        mentions.sort(key=lambda m: m.iri)
        return mentions, att_rows

    def _write_resolved(self, clusters: list[Cluster], person_of: dict[str, str], names: dict[str, str],
                        tenures: list[Tenure]) -> None:
        g = T.RESOLVED_GRAPH
        quads: list[Quad] = []

        def q(s, p, o):
            quads.append(Quad(s, p, o, g))

        for c in clusters:
            p = T.n(person_of[c.members[0].iri])
            q(p, T.A, T.PERSON)
            q(p, T.NAME, lit(c.name))
            q(p, T.NAME_KEY, lit(fold(c.name)))
            for m in c.members:
                q(T.n(m.iri), T.REFERS_TO, p)
            for why in c.reasons:
                q(p, T.MERGE_REASON, lit(why))
        for t in tenures:
            node = T.tenure_iri(T.n(t.person), T.n(t.post))
            q(node, T.A, T.TENURE)
            q(node, T.MEMBER, T.n(t.person))
            q(node, T.OF_POST, T.n(t.post))
            q(node, T.ORGANIZATION_P, T.n(t.org))
            q(node, T.ROLE, lit(t.role))
            q(node, T.STATUS, lit(t.status))
            for a in t.evidence:
                q(node, T.EVIDENCE, T.n(a.iri))
            if t.first_attested:
                q(node, T.FIRST_ATTESTED, date_lit(t.first_attested))
                q(node, T.LAST_ATTESTED, date_lit(t.last_attested))
            if t.start_date:
                q(node, T.START_DATE, date_lit(t.start_date))
                q(node, T.START_PRECISION, lit(t.start_precision))
                q(node, T.START_REASON, lit(t.start_reason))
                q(node, T.START_EVIDENCE, T.n(t.start_evidence))
            if t.ended_by:
                q(node, T.END_BY, date_lit(t.ended_by))
                q(node, T.END_BY_REASON, lit(t.ended_by_reason))
                if t.ended_by_evidence:
                    q(node, T.END_BY_EVIDENCE, T.n(t.ended_by_evidence))
                if t.successor:
                    q(node, T.SUCCESSOR, T.n(t.successor))
            if t.possible_from:
                q(node, T.POSSIBLE_FROM, date_lit(t.possible_from))
                q(node, T.POSSIBLE_FROM_REASON, lit(t.possible_from_reason))
                q(node, T.POSSIBLE_UNTIL, date_lit(t.possible_until))
                q(node, T.POSSIBLE_UNTIL_REASON, lit(t.possible_until_reason))
            for term in t.terms:
                q(node, T.TERM, lit(term))
        # Articles spell a body differently ("Ban chỉ đạo" / "Ban Chỉ đạo"): one preferred label.
        labels: dict[str, list[str]] = defaultdict(list)
        for r in self.select("""SELECT ?x ?l ?g WHERE { GRAPH ?g { ?x skos:altLabel ?l } }"""):
            labels[r["x"]].append(r["l"])
        for iri, spellings in labels.items():
            q(T.n(iri), T.LABEL, lit(_preferred(spellings)))
        for r in self.select("""SELECT ?e ?m WHERE { GRAPH ?g { ?x a og:Participation ;
                                 og:participant ?m ; og:event ?e } }"""):
            if r["m"] in person_of:
                q(T.n(r["e"]), T.ATTENDEE, T.n(person_of[r["m"]]))
        self._store.remove_graph(g)
        self._store.extend(quads)
        self._store.remove_graph(META_GRAPH)
        self._store.flush()


_INTEGERS = {T.XSD + t for t in ("integer", "int", "long", "nonNegativeInteger")}


def _python(term):
    """A term as a plain value: numbers as int (as Neo4j gives them), everything else as text."""
    if term is None:
        return None
    if isinstance(term, Literal) and term.datatype.value in _INTEGERS:
        return int(term.value)
    return term.value


class Iri(str):
    """A parameter that is an IRI (a post, a body, a tenure)."""


class Day(str):
    """A parameter that is a day, YYYY-MM-DD."""


def _term(v):
    if isinstance(v, Iri):
        return NamedNode(v)
    if isinstance(v, Day):
        return Literal(v, datatype=T.n(T.XSD + "date"))
    return Literal(str(v))


def _preferred(spellings: list[str]) -> str:
    """The most used spelling; on a tie the more capitalised one (official style), then the first
    in code-point order, so the choice never depends on ingest order."""
    counts: dict[str, int] = defaultdict(int)
    for sp in spellings:
        counts[sp] += 1
    return min(counts, key=lambda sp: (-counts[sp], -sum(c.isupper() for c in sp), sp))


_WHERE = re.compile(r"\bWHERE\s*\{", re.I)


def _bind(sparql: str, values: dict) -> str:
    m = _WHERE.search(sparql)
    if m is None:
        raise StoreError("query has no WHERE clause to bind parameters in")
    names = " ".join(f"?{v.value if isinstance(v, Variable) else v}" for v in values)
    terms = " ".join(str(t) for t in values.values())
    return f"{sparql[:m.end()]} VALUES ({names}) {{ ({terms}) }} {sparql[m.end():]}"
