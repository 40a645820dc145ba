"""The same canonical graph in Neo4j, over Bolt, for Cypher users.

Schema (as ``../shared/DESIGN.md`` sets out): ``Person``, ``Organization``, ``Post``, ``Tenure``,
``Event``, ``Document``, ``Article`` nodes keyed by ``id`` (the RDF IRI, so both stores name the
same things); ``(:Person)-[:HOLDS]->(:Tenure)-[:OF_POST]->(:Post)-[:POST_IN]->(:Organization)``,
the shortcut ``(:Person)-[:HELD {start, end, …}]->(:Post)``, ``ATTENDED`` (role, article, span),
``CITES``, ``ISSUED_BY``, ``SUB_ORGANIZATION_OF`` and ``MENTIONED_IN`` (article and span).

A push writes the whole projection of the embedded store in batches (``UNWIND $rows … MERGE``),
one transaction per batch, every node and relationship stamped with the push's ``sync`` token
(a hash of the content); only after every batch is in are the nodes and relationships of older
pushes deleted. A push cut off half-way therefore leaves the previous graph plus whole batches
of the new one, and the next push completes it; pushing the same content twice changes nothing.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass

from neo4j import GraphDatabase, RoutingControl
from neo4j.exceptions import AuthError, ClientError, CypherSyntaxError, Neo4jError, ServiceUnavailable, \
    SessionExpired, TransientError

from .oxigraph import Day, GraphStore, Iri, StoreError
from .projection import ENDS, PropertyGraph, project

LABELS = ("Article", "Person", "Organization", "Post", "Tenure", "Event", "Document")
DEFAULT_BATCH = 2000


@dataclass
class Neo4jConfig:
    uri: str
    user: str = "neo4j"
    password: str = ""
    database: str | None = None

    @classmethod
    def from_env(cls, uri: str | None = None, user: str | None = None, password: str | None = None) -> "Neo4jConfig":
        uri = uri or os.environ.get("NEO4J_URI")
        if not uri:
            raise StoreError("no Neo4j given: pass --neo4j bolt://host:7687 or set NEO4J_URI")
        return cls(uri, user or os.environ.get("NEO4J_USER", "neo4j"),
                   password if password is not None else os.environ.get("NEO4J_PASSWORD", ""),
                   os.environ.get("NEO4J_DATABASE") or None)


@dataclass
class PushStats:
    nodes: int = 0
    relationships: int = 0
    batches: int = 0
    deleted: int = 0


class Neo4jStore:
    def __init__(self, config: Neo4jConfig):
        self.config = config
        try:
            self._driver = GraphDatabase.driver(config.uri, auth=(config.user, config.password),
                                                max_transaction_retry_time=5.0, connection_timeout=10.0)
            self._driver.verify_connectivity()
        except AuthError:
            raise StoreError(f"Neo4j {config.uri}: authentication failed for user {config.user!r} "
                             "(check NEO4J_USER / NEO4J_PASSWORD)") from None
        except (ServiceUnavailable, OSError, ValueError) as exc:
            raise StoreError(f"Neo4j {config.uri}: cannot connect ({_short(exc)})") from None

    def close(self) -> None:
        self._driver.close()

    # -- schema and writing -----------------------------------------------------------------
    def ensure_schema(self) -> None:
        for label in LABELS:
            self._write(f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE")
        for label, prop in (("Person", "name"), ("Person", "name_key"), ("Organization", "name"), ("Post", "name"),
                            ("Document", "number"), ("Event", "name"), ("Article", "article_id"),
                            ("Organization", "level"), ("Organization", "province")):
            self._write(f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})")

    def push(self, graph: PropertyGraph | GraphStore, batch_size: int = DEFAULT_BATCH) -> PushStats:
        if isinstance(graph, GraphStore):
            graph = project(graph)
        token = _content_token(graph)
        stats = PushStats()
        self.ensure_schema()
        for label, rows in graph.nodes.items():
            cypher = (f"UNWIND $rows AS r MERGE (n:{label} {{id: r.id}}) "
                      f"SET n = r, n.sync = $sync")
            for batch in _batches(rows, batch_size):
                self._write(cypher, rows=[_clean(r) for r in batch], sync=token)
                stats.nodes += len(batch)
                stats.batches += 1
        for rtype, rows in graph.rels.items():
            keys = _rel_keys(rtype)
            merge_props = ", ".join(f"{k}: r.props.{k}" for k in keys)
            start, end = ENDS[rtype]
            by_start: dict[str, list[dict]] = {}
            for r in rows:
                by_start.setdefault(r.get("from_label") or start, []).append(r)
            for label, group in sorted(by_start.items()):
                # Labels on both ends: the look-ups use the id constraints' indexes.
                cypher = (f"UNWIND $rows AS r MATCH (a:{label} {{id: r.from}}) MATCH (b:{end} {{id: r.to}}) "
                          f"MERGE (a)-[x:{rtype} {{{merge_props}}}]->(b) SET x = r.props, x.sync = $sync")
                for batch in _batches(group, batch_size):
                    payload = [{"from": r["from"], "to": r["to"],
                                "props": _clean({k: v for k, v in r.items() if k not in ("from", "to", "from_label")},
                                                keep_keys=keys)} for r in batch]
                    self._write(cypher, rows=payload, sync=token)
                    stats.relationships += len(batch)
                    stats.batches += 1
        # Only now, with every batch of this push in, retract what older pushes had and this lacks.
        for label in LABELS:
            res = self._write(f"MATCH (n:{label}) WHERE n.sync <> $sync DETACH DELETE n RETURN count(*) AS c", sync=token)
            stats.deleted += res[0]["c"] if res else 0
        res = self._write("MATCH ()-[x]->() WHERE x.sync IS NOT NULL AND x.sync <> $sync DELETE x RETURN count(*) AS c",
                          sync=token)
        stats.deleted += res[0]["c"] if res else 0
        return stats

    def clear(self) -> None:
        self._write("MATCH (n) WHERE " + " OR ".join(f"n:{lab}" for lab in LABELS) + " DETACH DELETE n")

    # -- reading ----------------------------------------------------------------------------
    def ready(self, name: str, params: dict) -> list[dict]:
        from ..query import ready_query

        return self.cypher(ready_query(name, "cypher"), {k: str(v) for k, v in params.items()})

    def cypher(self, query: str, params: dict | None = None) -> list[dict]:
        try:
            records, _, _ = self._driver.execute_query(query, params or {}, database_=self.config.database,
                                                       routing_=RoutingControl.READ)
        except CypherSyntaxError as exc:
            raise StoreError(f"Cypher syntax error: {_short(exc)}") from None
        except (ServiceUnavailable, SessionExpired) as exc:
            raise StoreError(f"Neo4j {self.config.uri}: connection lost ({_short(exc)})") from None
        except ClientError as exc:
            raise StoreError(f"Neo4j {self.config.uri}: {_short(exc)}") from None
        return [{k: _plain(v) for k, v in r.items()} for r in records]

    def counts(self) -> dict[str, int]:
        out = {}
        for label in LABELS:
            out[label] = self.cypher(f"MATCH (n:{label}) RETURN count(n) AS c")[0]["c"]
        out["relationships"] = self.cypher("MATCH ()-[x]->() RETURN count(x) AS c")[0]["c"]
        return out

    def _write(self, query: str, **params) -> list[dict]:
        try:
            records, _, _ = self._driver.execute_query(query, params, database_=self.config.database,
                                                       routing_=RoutingControl.WRITE)
        except (ServiceUnavailable, SessionExpired, TransientError) as exc:
            raise StoreError(f"Neo4j {self.config.uri}: connection lost during the push ({_short(exc)}); "
                             "the batch in flight was rolled back: run the push again to complete it") from None
        except Neo4jError as exc:
            raise StoreError(f"Neo4j {self.config.uri}: {_short(exc)}") from None
        return [dict(r) for r in records]


def _rel_keys(rtype: str) -> tuple[str, ...]:
    """What makes two relationships of a type distinct besides their ends (for MERGE)."""
    return {"ATTENDED": ("article_id", "start"), "MENTIONED_IN": ("start",), "CITES": ("article_id",)}.get(rtype, ())


def _clean(row: dict, keep_keys: tuple[str, ...] = ()) -> dict:
    # Neo4j stores no nulls; MERGE keys must exist, so they default to -1 / "".
    out = {k: v for k, v in row.items() if v is not None}
    for k in keep_keys:
        if k not in out:
            out[k] = -1 if k == "start" else ""
    return out


def _batches(rows: list[dict], size: int) -> Iterator[list[dict]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def _content_token(graph: PropertyGraph) -> str:
    h = hashlib.sha256()
    for label in sorted(graph.nodes):
        for r in sorted(graph.nodes[label], key=lambda r: r["id"]):
            h.update(json.dumps([label, r], sort_keys=True, ensure_ascii=False, default=str).encode())
    for t in sorted(graph.rels):
        for r in sorted(graph.rels[t], key=lambda r: json.dumps(r, sort_keys=True, default=str)):
            h.update(json.dumps([t, r], sort_keys=True, ensure_ascii=False, default=str).encode())
    return h.hexdigest()[:16]


def _plain(v):
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    return v


def _short(exc: BaseException) -> str:
    msg = getattr(exc, "message", None) or str(exc)
    return " ".join(str(msg).split())[:300]


__all__ = ["Neo4jConfig", "Neo4jStore", "PushStats", "Day", "Iri"]
