"""What the viewer's pages show, read once from the store.

The store the server opens is a read-only snapshot, so everything the pages need is projected
once at start (:func:`org_graph.store.projection.project`, the same rows Neo4j gets) and indexed
in memory: a page is then a few dictionary look-ups, whatever the store's size, and cannot be
made slow by a request. The SPARQL endpoint (:mod:`.sparql`) is for everything else.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from ..store.oxigraph import GraphStore, Iri, StoreError
from ..store.projection import project
from .search import SearchIndex, entry

#: Node labels of the projection -> the viewer's kinds (and page paths).
KIND_OF_LABEL = {"Person": "person", "Organization": "org", "Post": "post", "Event": "event",
                 "Document": "document", "Article": "article", "Tenure": "tenure"}
PAGE_KINDS = ("person", "org", "post", "event", "document", "article")
KIND_NAMES = {"person": "Person", "org": "Body", "post": "Post", "event": "Event", "document": "Document",
              "article": "Article", "tenure": "Tenure"}


def _sort_date(*days) -> str:
    for d in days:
        if d:
            return d
    return "9999"


@dataclass
class Edge:
    source: str
    target: str
    kind: str  # held, in, attended, cites, issued_by, part_of, reported_in


class Catalog:
    def __init__(self, store: GraphStore):
        self.store = store
        g = project(store)
        self.nodes: dict[str, dict] = {}
        for label, rows in g.nodes.items():
            kind = KIND_OF_LABEL[label]
            for r in rows:
                n = dict(r)
                if "kind" in n:  # an event's own kind (conference, meeting …)
                    n["event_kind"] = n.pop("kind")
                n["kind"] = kind
                self.nodes[n["id"]] = n
        self.article_by_local = {n["article_id"]: n for n in self.nodes.values() if n["kind"] == "article"}
        for a in self.article_by_local.values():
            src = a.get("source") or ""
            a["link"] = a.get("url") or (src if src.startswith(("http://", "https://")) else None)
            a["label"] = a.get("title") or a["article_id"]
        for n in self.nodes.values():
            n.setdefault("label", _label(n))

        rels = g.rels
        self.tenure_person = {r["to"]: r["from"] for r in rels.get("HOLDS", [])}
        self.tenure_post = {r["from"]: r["to"] for r in rels.get("OF_POST", [])}
        self.post_org = {r["from"]: r["to"] for r in rels.get("POST_IN", [])}
        self.tenures_of_person: dict[str, list[str]] = defaultdict(list)
        self.tenures_of_post: dict[str, list[str]] = defaultdict(list)
        for t, p in self.tenure_person.items():
            self.tenures_of_person[p].append(t)
            if t in self.tenure_post:
                self.tenures_of_post[self.tenure_post[t]].append(t)
        self.posts_of_org: dict[str, list[str]] = defaultdict(list)
        for p, o in self.post_org.items():
            self.posts_of_org[o].append(p)
        self.attended = rels.get("ATTENDED", [])
        self.attended_by_person: dict[str, list[dict]] = defaultdict(list)
        self.attended_by_event: dict[str, list[dict]] = defaultdict(list)
        for r in self.attended:
            self.attended_by_person[r["from"]].append(r)
            self.attended_by_event[r["to"]].append(r)
        self.cites_from: dict[str, list[dict]] = defaultdict(list)
        self.cites_to: dict[str, list[dict]] = defaultdict(list)
        for r in rels.get("CITES", []):
            self.cites_from[r["from"]].append(r)
            self.cites_to[r["to"]].append(r)
        self.issuer = {r["from"]: r["to"] for r in rels.get("ISSUED_BY", [])}
        self.issued_by_org: dict[str, list[str]] = defaultdict(list)
        for d, o in self.issuer.items():
            self.issued_by_org[o].append(d)
        self.parent_org = {r["from"]: r["to"] for r in rels.get("SUB_ORGANIZATION_OF", [])}
        self.evidence: dict[str, list[dict]] = defaultdict(list)  # tenure -> attestations
        self.mentions: dict[str, list[dict]] = defaultdict(list)  # person/org/doc/event -> article rows
        self.mentioned_in_article: dict[str, list[dict]] = defaultdict(list)
        for r in rels.get("MENTIONED_IN", []):
            if r["from_label"] == "Tenure":
                self.evidence[r["from"]].append(r)
            else:
                self.mentions[r["from"]].append(r)
                self.mentioned_in_article[r["to"]].append(r)
        for rows in self.evidence.values():
            rows.sort(key=lambda r: (r.get("date") or "", self._article_id(r["to"]), r["start"] or 0))
        self.events_of_article: dict[str, list[str]] = defaultdict(list)
        for n in self.nodes.values():
            if n["kind"] == "event":
                a = self.article_by_local.get(n["article_id"])
                if a:
                    self.events_of_article[a["id"]].append(n["id"])
        self.edges = self._edges()
        self.adjacency: dict[str, set[str]] = defaultdict(set)
        for e in self.edges:
            self.adjacency[e.source].add(e.target)
            self.adjacency[e.target].add(e.source)
        self.index = SearchIndex(self._entries())

    # -- look-ups ------------------------------------------------------------------------------
    def get(self, id: str) -> dict | None:
        return self.nodes.get(id)

    def counts(self) -> dict[str, int]:
        c = Counter(n["kind"] for n in self.nodes.values())
        return {k: c.get(k, 0) for k in PAGE_KINDS}

    def _article_id(self, iri: str) -> str:
        n = self.nodes.get(iri)
        return n["article_id"] if n else iri.rsplit("/", 1)[-1]

    def article_ref(self, iri: str) -> dict:
        n = self.nodes.get(iri) or {}
        return {"id": iri, "article_id": n.get("article_id") or iri.rsplit("/", 1)[-1],
                "title": n.get("title"), "url": n.get("link"), "published": n.get("published")}

    def ref(self, iri: str | None) -> dict | None:
        if iri is None:
            return None
        n = self.nodes.get(iri)
        if n is None:
            return {"id": iri, "kind": None, "label": iri}
        return {"id": iri, "kind": n["kind"], "label": n["label"]}

    # -- pages ---------------------------------------------------------------------------------
    def tenure(self, t: str) -> dict:
        n = self.nodes[t]
        post = self.tenure_post.get(t)
        org = self.post_org.get(post) if post else None
        return {
            "id": t, "person": self.ref(self.tenure_person.get(t)), "post": self.ref(post), "org": self.ref(org),
            "role": n["role"], "status": n["status"], "start": n["start_date"], "end": n["ended_by"],
            "start_reason": n.get("start_reason"), "end_reason": n["ended_by_reason"],
            "successor": self.ref(n["succeeded_by"]) if n.get("succeeded_by") in self.nodes else None,
            "first_attested": n["first_attested"], "last_attested": n["last_attested"],
            "possible_from": n.get("possible_from"), "possible_until": n.get("possible_until"),
            "possible_from_reason": n.get("possible_from_reason"),
            "possible_until_reason": n.get("possible_until_reason"),
            "evidence": [{**self.article_ref(r["to"]), "start": r["start"], "end": r["end"], "quote": r["quote"],
                          "date": r.get("date"), "date_basis": r.get("basis"), "status": r.get("status")}
                         for r in self.evidence.get(t, [])],
        }

    @staticmethod
    def _tenure_order(t: dict) -> tuple:
        # As queries/sparql/timeline.rq orders a person's posts.
        return (_sort_date(t["start"], t["first_attested"], t["end"]),
                _sort_date(t["last_attested"], t["first_attested"], t["end"], ""), t["role"])

    def person(self, id: str) -> dict:
        n = self.nodes[id]
        tenures = sorted((self.tenure(t) for t in self.tenures_of_person.get(id, [])), key=self._tenure_order)
        events = []
        for r in sorted(self.attended_by_person.get(id, []),
                        key=lambda r: (self.nodes.get(r["to"], {}).get("date") or "", r["to"])):
            ev = self.nodes.get(r["to"], {})
            events.append({"event": self.ref(r["to"]), "date": ev.get("date"), "role": r["role"],
                           "quote": r["quote"], "start": r["start"], "end": r["end"],
                           "article": self.article_ref(self._article_iri(r["article_id"]))})
        co: Counter = Counter()
        for ev in {r["to"] for r in self.attended_by_person.get(id, [])}:
            for other in {r["from"] for r in self.attended_by_event.get(ev, [])}:
                if other != id:
                    co[other] += 1
        articles = sorted({r["to"] for r in self.mentions.get(id, [])}, key=self._article_id)
        return {"id": id, "kind": "person", "name": n["name"], "label": n["label"],
                "merge_reasons": n.get("merge_reasons", []), "tenures": tenures, "events": events,
                "co_attendance": [{"person": self.ref(p), "events": c}
                                  for p, c in sorted(co.items(), key=lambda kv: (-kv[1], self.nodes[kv[0]]["label"]))],
                "articles": [self.article_ref(a) for a in articles]}

    def _article_iri(self, article_id: str) -> str:
        a = self.article_by_local.get(article_id)
        return a["id"] if a else article_id

    def post(self, id: str) -> dict:
        n = self.nodes[id]
        tenures = sorted((self.tenure(t) for t in self.tenures_of_post.get(id, [])),
                         key=lambda t: (self._tenure_order(t), t["person"]["label"] if t["person"] else ""))
        return {"id": id, "kind": "post", "label": n["label"], "role": n["role"], "single_seat": n["single_seat"],
                "org": self.ref(self.post_org.get(id)), "tenures": tenures}

    def org(self, id: str) -> dict:
        n = self.nodes[id]
        posts = sorted(self.posts_of_org.get(id, []), key=lambda p: self.nodes[p]["label"])
        tenures = []
        for p in posts:
            tenures.extend(self.tenure(t) for t in self.tenures_of_post.get(p, []))
        tenures.sort(key=lambda t: (self._tenure_order(t), t["person"]["label"] if t["person"] else ""))
        docs = sorted(self.issued_by_org.get(id, []), key=lambda d: (self.nodes[d].get("date") or "", d))
        try:
            cited = self.store.ready("cited-by", {"body": Iri(id)})
        except StoreError:
            cited = []
        articles = sorted({r["to"] for r in self.mentions.get(id, [])}, key=self._article_id)
        return {"id": id, "kind": "org", "label": n["label"], "type": n.get("type"),
                "jurisdiction": n.get("jurisdiction"), "parent": self.ref(self.parent_org.get(id)),
                "posts": [{**self.ref(p), "holders": len(self.tenures_of_post.get(p, []))} for p in posts],
                "tenures": tenures, "documents": [self.document_ref(d) for d in docs], "cited": cited,
                "articles": [self.article_ref(a) for a in articles]}

    def document_ref(self, id: str) -> dict:
        n = self.nodes[id]
        return {"id": id, "kind": "document", "label": n["label"], "number": n["number"], "type": n.get("type"),
                "date": n.get("date"), "term": n.get("term")}

    def event(self, id: str) -> dict:
        n = self.nodes[id]
        attendees = [{"person": self.ref(r["from"]), "role": r["role"], "quote": r["quote"], "start": r["start"],
                      "end": r["end"], "article": self.article_ref(self._article_iri(r["article_id"]))}
                     for r in sorted(self.attended_by_event.get(id, []),
                                     key=lambda r: (r["start"] or 0, self.nodes[r["from"]]["label"]))]
        cites = [self.document_ref(r["to"]) for r in self.cites_from.get(id, []) if r["to"] in self.nodes]
        return {"id": id, "kind": "event", "label": n["label"], "name": n["name"], "date": n.get("date"),
                "event_kind": n.get("event_kind"), "article": self.article_ref(self._article_iri(n["article_id"])),
                "attendees": attendees, "cites": _unique(cites)}

    def document(self, id: str) -> dict:
        citers = []
        for r in sorted(self.cites_to.get(id, []), key=lambda r: (r["article_id"], r["from"])):
            c = self.nodes.get(r["from"], {})
            citers.append({"citer": self.ref(r["from"]), "kind": c.get("kind"), "date": c.get("date") or c.get("published"),
                           "article": self.article_ref(self._article_iri(r["article_id"]))})
        return {**self.document_ref(id), "issuer": self.ref(self.issuer.get(id)), "citers": citers}

    def article(self, id: str) -> dict:
        n = self.nodes[id]
        people = Counter(r["from"] for r in self.mentioned_in_article.get(id, []) if r["from_label"] == "Person")
        bodies = {r["from"] for r in self.mentioned_in_article.get(id, []) if r["from_label"] == "Organization"}
        events = sorted(self.events_of_article.get(id, []))
        docs = {r["to"] for r in self.cites_from.get(id, [])}
        for e in events:
            docs |= {r["to"] for r in self.cites_from.get(e, [])}
        return {**self.article_ref(id), "kind": "article", "label": n["label"], "source": n.get("source"),
                "province": n.get("province"),
                "people": [{**self.ref(p), "mentions": c} for p, c in sorted(people.items(), key=lambda kv: self.nodes[kv[0]]["label"])],
                "bodies": sorted((self.ref(o) for o in bodies), key=lambda r: r["label"]),
                "events": [self.ref(e) | {"date": self.nodes[e].get("date")} for e in events],
                "documents": sorted((self.document_ref(d) for d in docs if d in self.nodes), key=lambda d: d["label"])}

    def page(self, kind: str, id: str) -> dict:
        return getattr(self, kind)(id)

    # -- graph view ----------------------------------------------------------------------------
    def _edges(self) -> list[Edge]:
        seen: set[tuple] = set()
        out: list[Edge] = []

        def add(s, t, k):
            if s in self.nodes and t in self.nodes and (s, t, k) not in seen:
                seen.add((s, t, k))
                out.append(Edge(s, t, k))

        for t, p in self.tenure_person.items():
            if t in self.tenure_post:
                add(p, self.tenure_post[t], "held")
        for p, o in self.post_org.items():
            add(p, o, "in")
        for r in self.attended:
            add(r["from"], r["to"], "attended")
        for rows in self.cites_from.values():
            for r in rows:
                add(r["from"], r["to"], "cites")
        for d, o in self.issuer.items():
            add(d, o, "issued by")
        for a, b in self.parent_org.items():
            add(a, b, "part of")
        for a, evs in self.events_of_article.items():
            for e in evs:
                add(e, a, "reported in")
        return out

    def neighbourhood(self, id: str | None, depth: int = 1, limit: int = 150) -> dict:
        """Cytoscape elements: the nodes within ``depth`` steps of ``id`` (at most ``limit``), or
        without an id the most connected nodes, and the edges between them."""
        def order(m):
            return (self.nodes[m]["kind"], self.nodes[m]["label"], m)

        if id is None:  # an overview: the most connected nodes with their neighbours
            seeds = sorted(self.adjacency, key=lambda n: (-len(self.adjacency[n]), n))
            keep, seen, depth = [], set(), 1
        else:
            seeds, keep, seen = [id], [], set()
        for seed in seeds:
            if len(keep) >= limit:
                break
            if seed in seen:
                continue
            seen.add(seed)
            keep.append(seed)
            frontier = [seed]
            for _ in range(depth):
                nxt = []
                for n in frontier:
                    for m in sorted(self.adjacency.get(n, ()), key=order):
                        if m not in seen and len(keep) < limit:
                            seen.add(m)
                            keep.append(m)
                            nxt.append(m)
                frontier = nxt
        keep_set = set(keep)
        nodes = [{"data": {"id": n, "label": _short(self.nodes[n]["label"]), "full": self.nodes[n]["label"],
                           "kind": self.nodes[n]["kind"], "center": n == id}} for n in keep]
        edges = [{"data": {"id": f"e{i}", "source": e.source, "target": e.target, "label": e.kind}}
                 for i, e in enumerate(self.edges) if e.source in keep_set and e.target in keep_set]
        truncated = id is not None and any(m not in keep_set for n in keep for m in self.adjacency.get(n, ()))
        return {"nodes": nodes, "edges": edges, "truncated": truncated and len(keep) >= limit}

    # -- search --------------------------------------------------------------------------------
    def _entries(self):
        out = []
        for n in self.nodes.values():
            k = n["kind"]
            if k == "person":
                out.append(entry(k, n["id"], n["name"], f"{len(self.tenures_of_person.get(n['id'], []))} posts"))
            elif k == "org":
                out.append(entry(k, n["id"], n["label"], n.get("jurisdiction") or ""))
            elif k == "post":
                out.append(entry(k, n["id"], n["label"], f"{len(self.tenures_of_post.get(n['id'], []))} holders"))
            elif k == "document":
                issuer = self.nodes.get(self.issuer.get(n["id"]), {}).get("label", "")
                out.append(entry(k, n["id"], n["label"], " · ".join(x for x in (n.get("date"), issuer) if x),
                                 extra=f"{n['number'].replace(' ', '')} {issuer}"))
            elif k == "event":
                out.append(entry(k, n["id"], n["label"], n.get("date") or ""))
            elif k == "article":
                out.append(entry(k, n["id"], n["label"], n.get("published") or "", extra=n["article_id"]))
        return out


def _label(n: dict) -> str:
    k = n["kind"]
    if k == "person":
        return n["name"]
    if k == "document":
        return " ".join(x for x in (n.get("type"), n["number"]) if x)
    if k == "event":
        return n["name"]
    if k == "tenure":
        return n["role"]
    return n.get("name") or n["id"]


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _unique(rows: list[dict]) -> list[dict]:
    seen, out = set(), []
    for r in rows:
        if r["id"] not in seen:
            seen.add(r["id"])
            out.append(r)
    return out
