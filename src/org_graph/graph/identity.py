"""Who is who across articles: person mentions clustered into people, explainably.

Vietnamese names collide (there are many Nguyễn Văn Hùng), so a name alone never merges two
mentions. Two mentions with the same name (tone placement and case folded) are one person only
when something else agrees, in this order of strength:

* they are in the same article (the extractor already merged them there);
* they hold the same post (``Chủ tịch Ủy ban nhân dân tỉnh Cà Mau``);
* they hold posts in the same body;
* their articles are about the same province;
* the name is one of Việt Nam's national leaders (``ontology/national_leaders.yaml``) and both
  hold posts in central bodies: the Prime Minister of 2023 and the head of the Party's
  Organisation Commission of 2016 are one Phạm Minh Chính. The gazetteer is what a reader
  knows; a provincial namesake (no central post) stays apart.

Every merge is recorded with its reason (``org-graph explain``); a decisions file a human edits
can force merges or forbid them, and is applied on every resolution. Pure functions: records in,
clusters out.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from functools import lru_cache

import yaml
from pydantic import BaseModel, Field

from ..gazetteer import load as load_gazetteer, national_leaders
from ..text import fold
from .terms import org_iri


@dataclass(frozen=True, slots=True)
class MentionRecord:
    iri: str
    name: str
    article_id: str
    local_id: str  # "p3"
    province: str | None
    posts: frozenset[str] = frozenset()
    orgs: frozenset[str] = frozenset()
    post_labels: tuple[str, ...] = ()

    @property
    def ref(self) -> str:
        """How a human names this mention in the decisions file: ``ARTICLE_ID#p3``."""
        return f"{self.article_id}#{self.local_id}"


class Decisions(BaseModel):
    """``merge``: groups of mentions (``ARTICLE#pN``) that are one person; ``never``: pairs that
    must stay apart whatever else agrees."""

    merge: list[list[str]] = Field(default_factory=list)
    never: list[list[str]] = Field(default_factory=list)

    @classmethod
    def load(cls, path: Path | None) -> "Decisions":
        if path is None or not path.exists():
            return cls()
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return cls.model_validate(data)


@dataclass
class Cluster:
    members: list[MentionRecord]
    reasons: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        # The most frequent spelling, then the first in article order.
        counts: dict[str, int] = defaultdict(int)
        for m in self.members:
            counts[m.name] += 1
        return max(sorted(counts), key=lambda k: counts[k])

    @property
    def anchor(self) -> MentionRecord:
        """The mention a person's id is made from: the one in the article with the smallest id
        (an article has one mention per name, so the pair is unique to this cluster)."""
        return min(self.members, key=lambda m: (m.article_id, fold(m.name), m.iri))

    @property
    def seed(self) -> str:
        """What the person's IRI hashes: the anchor mention's name key and article id. Adding
        articles that do not join this cluster never changes it; nor does re-extracting an
        article (mention numbers ``p3`` may change, the article id does not). It changes only
        when a mention from an article with a smaller id joins the cluster, or it splits."""
        a = self.anchor
        return f"{fold(a.name)}|{a.article_id}"

    @property
    def id_name(self) -> str:
        """The name written in the IRI: the anchor's (the display name may change with new
        spellings; the IRI must not)."""
        return self.anchor.name


class _UnionFind:
    def __init__(self, items: list[str]):
        self.parent = {i: i for i in items}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x


def resolve_people(mentions: list[MentionRecord], decisions: Decisions | None = None) -> list[Cluster]:
    decisions = decisions or Decisions()
    by_ref = {m.ref: m for m in mentions}
    never: set[frozenset[str]] = set()
    for pair in decisions.never:
        iris = [by_ref[r].iri for r in pair if r in by_ref]
        for a in iris:
            for b in iris:
                if a != b:
                    never.add(frozenset((a, b)))
    uf = _UnionFind([m.iri for m in mentions])
    members: dict[str, set[str]] = {m.iri: {m.iri} for m in mentions}
    reasons: dict[str, list[str]] = defaultdict(list)

    def union(a: MentionRecord, b: MentionRecord, why: str) -> None:
        ra, rb = uf.find(a.iri), uf.find(b.iri)
        if ra == rb:
            return
        if any(frozenset((x, y)) in never for x in members[ra] for y in members[rb]):
            return
        keep, gone = (ra, rb) if ra < rb else (rb, ra)
        uf.parent[gone] = keep
        members[keep] |= members.pop(gone)
        reasons[keep] = reasons[keep] + reasons.pop(gone, []) + [f"{a.ref} = {b.ref}: {why}"]

    for group in decisions.merge:
        ms = [by_ref[r] for r in group if r in by_ref]
        for other in ms[1:]:
            union(ms[0], other, "decisions file: merge")

    by_name: dict[str, list[MentionRecord]] = defaultdict(list)
    for m in mentions:
        by_name[fold(m.name)].append(m)
    for same_name in by_name.values():
        if len(same_name) < 2:
            continue
        ordered = sorted(same_name, key=lambda m: m.iri)
        for rule, why in ((_same_article, "same article"), (_shared_post, "shared post"),
                          (_shared_body, "shared body"), (_same_province, "same province"),
                          (_national_leader, "national leader with central posts")):
            for i, a in enumerate(ordered):
                for b in ordered[i + 1:]:
                    detail = rule(a, b)
                    if detail:
                        union(a, b, f"{why} {detail}".strip())
    grouped: dict[str, list[MentionRecord]] = defaultdict(list)
    for m in mentions:
        grouped[uf.find(m.iri)].append(m)
    clusters = [Cluster(sorted(ms, key=lambda m: m.iri), reasons.get(root, []))
                for root, ms in grouped.items()]
    clusters.sort(key=lambda c: c.seed)
    return clusters


def _same_article(a: MentionRecord, b: MentionRecord) -> str:
    return " " if a.article_id == b.article_id else ""


def _shared_post(a: MentionRecord, b: MentionRecord) -> str:
    common = sorted(a.posts & b.posts)
    return common[0] if common else ""


def _shared_body(a: MentionRecord, b: MentionRecord) -> str:
    common = sorted(a.orgs & b.orgs)
    return common[0] if common else ""


def _same_province(a: MentionRecord, b: MentionRecord) -> str:
    return a.province if a.province and a.province == b.province else ""


@lru_cache(maxsize=1)
def _leaders() -> frozenset[str]:
    return frozenset(fold(t.name) for t in national_leaders())


@lru_cache(maxsize=1)
def _central_orgs() -> frozenset[str]:
    return frozenset(org_iri(b.name).value for b in load_gazetteer().bodies)


def _national_leader(a: MentionRecord, b: MentionRecord) -> str:
    if fold(a.name) not in _leaders():
        return ""
    central = _central_orgs()
    if a.orgs & central and b.orgs & central:
        return a.name
    return ""
