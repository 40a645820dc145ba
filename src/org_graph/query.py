"""Ready questions for researchers, answered from the store with the evidence.

Each question is a SPARQL file in ``queries/sparql/`` (documented there, runnable on its own with
``org-graph query --sparql-file``); these functions resolve the user's Vietnamese text (a post,
a body, a name) the way the extractor would, run the file with parameters bound by substitution
(never by pasting text into the query), and shape the rows for the CLI and for programs.
"""
from __future__ import annotations

import datetime as dt
import os
from functools import lru_cache
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Variable

from .extract.doc import Doc
from .extract.orgs import parse_org
from .extract.titles import parse_title
from .gazetteer import load as load_gazetteer
from .graph import terms as T
from .graph.timeline import STATUSES, is_single_seat
from .store.oxigraph import Day, GraphStore, Iri, StoreError
from .text import Text, fold

XSD_DATE = NamedNode(T.XSD + "date")


def queries_dir() -> Path:
    env = os.environ.get("ORG_GRAPH_QUERIES")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "queries" / "sparql"


@lru_cache(maxsize=64)
def ready_query(name: str, language: str = "sparql") -> str:
    """The text of a ready query: ``queries/sparql/{name}.rq`` or ``queries/cypher/{name}.cypher``."""
    base = queries_dir()
    if language == "cypher":
        return (base.parent / "cypher" / f"{name}.cypher").read_text(encoding="utf-8")
    return (base / f"{name}.rq").read_text(encoding="utf-8")


class NotFound(StoreError):
    """The text names no post, body or person the store knows."""


def _doc(text: str, on: dt.date | None = None) -> Doc:
    return Doc.build(Text(text).norm, None, on)


def resolve_post(text: str) -> tuple[NamedNode, str]:
    """``Chủ tịch UBND tỉnh Cà Mau`` -> the post's IRI and its full label."""
    doc = _doc(" ".join(text.split()))
    hit = parse_title(doc, 0)
    if hit is None or hit.org is None:
        raise NotFound(f"cannot read a post (role then body) in {text!r}")
    role = load_gazetteer().canonical_role(hit.role)
    return T.post_iri(role, hit.org.name), f"{role} {hit.org.name}"


def resolve_body(text: str) -> tuple[NamedNode, str]:
    doc = _doc(" ".join(text.split()))
    hit = parse_org(doc, 0, allow_lower_head=True)
    if hit is None:
        raise NotFound(f"cannot read a body in {text!r}")
    return T.org_iri(hit.name), hit.name


def _date(day: str | dt.date) -> str:
    try:
        return (day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day))).isoformat()
    except ValueError:
        raise StoreError(f"not a date (YYYY-MM-DD): {day!r}") from None


def evidence(store, tenure: str) -> list[dict]:
    rows = store.ready("evidence", {"tenure": Iri(tenure)})
    return [{"article_id": r["article_id"], "start": int(r["start"]), "end": int(r["end"]),
             "quote": r["quote"], "date": r["date"], "date_basis": r["basis"], "status": r["status"]}
            for r in rows]


_RANK = {s: i for i, s in enumerate(STATUSES)}


def _days_between(a: str, b: str) -> int:
    return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)


def _weight(r: dict, day: str) -> tuple:
    """How strongly the evidence puts a candidate in the seat on ``day`` (smaller is stronger):
    the status, then how near the day its run is, then how many days it is attested on."""
    near = 0
    if r["status"] == "possible":
        ends = [x for x in (r["first_attested"], r["last_attested"]) if x] or [r["possible_from"], r["possible_until"]]
        near = min(_days_between(day, x) for x in ends)
    dated = len({e["date"] for e in r["evidence"] if e["date"] and e["status"] == "current"})
    return (_RANK[r["status"]], near, -dated, r["first_attested"] or "9999", r["person"])


def who_held(store, post: str, on: str | dt.date) -> list[dict]:
    """Works on either store (:class:`GraphStore` or :class:`~org_graph.store.neo4j.Neo4jStore`).

    Rows are ranked by their evidence (``rank`` 1 is the strongest). On a single-seat post
    several candidates are a ``conflict``: each row says so, and says the rank it has."""
    iri, label = resolve_post(post)
    day = _date(on)
    if not _exists(store, iri):
        raise NotFound(f"no post {label!r} in the store")
    rows = store.ready("who-held", {"post": Iri(iri.value), "on": Day(day)})
    out = [{"person": r["person"], "person_id": r["person_id"], "role": r["role"],
            "organization": r["organization"], "status": r["status"],
            "start": r["start"], "start_reason": r["start_reason"], "end": r["ended"],
            "end_reason": r["end_reason"], "successor": r["successor"],
            "first_attested": r["first"], "last_attested": r["last"],
            "possible_from": r["from"], "possible_from_reason": r["from_reason"],
            "possible_until": r["until"], "possible_until_reason": r["until_reason"],
            "evidence": evidence(store, r["tenure"])} for r in rows]
    out.sort(key=lambda r: _weight(r, day))
    single = bool(out) and is_single_seat(out[0]["role"])
    for i, r in enumerate(out, 1):
        r["rank"] = i
        r["single_seat"] = single
        r["conflict"] = single and len(out) > 1
    return out


def _exists(store, iri: NamedNode) -> bool:
    return bool(store.ready("exists", {"iri": Iri(iri.value)}))


def timeline(store, name: str) -> list[dict]:
    named = store.ready("people-named", {"name": fold(name)})
    if not named:
        raise NotFound(f"no person named {name!r} in the store")
    people: dict[str, dict] = {r["person_id"]: {"person": r["person"], "person_id": r["person_id"], "tenures": []}
                               for r in named}
    for r in store.ready("timeline", {"name": fold(name)}):
        p = people.setdefault(r["person_id"], {"person": r["person"], "person_id": r["person_id"],
                                               "tenures": []})
        if r["tenure"]:
            p["tenures"].append({
                "role": r["role"], "organization": r["organization"],
                "start": r["start"], "start_reason": r["start_reason"], "end": r["end"],
                "end_reason": r["end_reason"], "first_attested": r["first"], "last_attested": r["last"],
                "possible_from": r["from"], "possible_until": r["until"], "status": r["status"],
                "evidence": evidence(store, r["tenure"])})
    return list(people.values())


def holders(store, post: str) -> list[dict]:
    iri, label = resolve_post(post)
    rows = store.ready("holders", {"post": Iri(iri.value)})
    if not rows:
        raise NotFound(f"no holder of {label!r} in the store")
    return [{k: r[k] for k in ("person", "person_id", "role", "organization", "start", "start_reason", "end",
                               "end_reason", "first", "last", "from", "until", "status")} for r in rows]


def attendees(store, event: str) -> list[dict]:
    rows = store.ready("attendees", {"text": " ".join(Text(event).norm.split())})
    if not rows:
        raise NotFound(f"no event matching {event!r} with attendees in the store")
    return rows


def co_attendance(store, name: str) -> list[dict]:
    return store.ready("co-attendance", {"name": fold(name)})


def cites(store, number: str) -> list[dict]:
    rows = store.ready("cites", {"num": "".join(number.split())})
    if not rows:
        raise NotFound(f"no document {number!r} cited in the store")
    return rows


def cited_by(store, body: str) -> list[dict]:
    iri, label = resolve_body(body)
    if not _exists(store, iri):
        raise NotFound(f"no body {label!r} in the store")
    return store.ready("cited-by", {"body": Iri(iri.value)})


def explain(store, name: str) -> list[dict]:
    """The people of this name: their mentions (``ARTICLE#pN``, as the decisions file names them)
    and why those mentions were merged."""
    rows = store.ready("explain", {"name": fold(name)})
    if not rows:
        raise NotFound(f"no person named {name!r} in the store")
    people: dict[str, dict] = {}
    for r in rows:
        p = people.setdefault(r["person_id"], {"person": r["person"], "person_id": r["person_id"],
                                               "mentions": [], "reasons": []})
        ref = f"{r['article_id']}#{r['mention'].rsplit('/', 1)[-1]}"
        if ref not in p["mentions"]:
            p["mentions"].append(ref)
        if r["reason"] and r["reason"] not in p["reasons"]:
            p["reasons"].append(r["reason"])
    for p in people.values():
        p["reasons"].sort()
    return list(people.values())


def parse_params(params: list[str]) -> dict:
    """``name=value`` pairs for a query's variables: ``<iri>``, a ``YYYY-MM-DD`` date, or text."""
    out = {}
    for p in params:
        name, sep, value = p.partition("=")
        name = name.strip().lstrip("?")
        if not sep or not name.isidentifier():
            raise ValueError(f"--param {p!r}: expected name=value")
        if value.startswith("<") and value.endswith(">"):
            term = NamedNode(value[1:-1])
        else:
            try:
                term = Literal(dt.date.fromisoformat(value).isoformat(), datatype=XSD_DATE)
            except ValueError:
                term = Literal(" ".join(Text(value).norm.split()))
        out[Variable(name)] = term
    return out


def run_sparql(store: GraphStore, sparql: str, params: dict | None = None) -> tuple[list[str], list[dict]]:
    """Any read query: SELECT gives its columns, ASK one boolean, CONSTRUCT/DESCRIBE triples."""
    from pyoxigraph import QueryBoolean, QuerySolutions

    res = store.query(sparql, params or None)
    if isinstance(res, QuerySolutions):
        cols = [v.value for v in res.variables]
        return cols, [{c: (None if s[c] is None else s[c].value) for c in cols} for s in res]
    if isinstance(res, QueryBoolean):
        return ["result"], [{"result": bool(res)}]
    return ["subject", "predicate", "object"], [
        {"subject": t.subject.value, "predicate": t.predicate.value, "object": t.object.value} for t in res]
