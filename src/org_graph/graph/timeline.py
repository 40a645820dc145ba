"""Tenures from attestations, and who held a post on a day, with the evidence.

A bulletin rarely says when a tenure began or ended; it says that on its date a person *was*
Chủ tịch. The unit of evidence is an attestation (person, post, date, article, span); tenures
are built from them:

* the attestations of one person and post form a tenure from the first to the last attested day;
* an election or appointment (``được bầu``, ``bổ nhiệm``) on a day gives the start;
* a former title (``nguyên``, ``miễn nhiệm``) on a day bounds the end: it ended by then;
* for a single-seat post a later holder bounds the earlier one; multi-seat posts never are;
* no end means *unknown*, never *current*.

Dates are the articles' days (precision ``day``); nothing is padded.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Attestation:
    iri: str
    person: str  # resolved person IRI
    post: str
    role: str
    org: str  # organization IRI
    org_label: str
    single_seat: bool
    status: str  # "current" | "former"
    date: str | None  # ISO day
    qualifiers: tuple[str, ...]
    article_id: str
    start: int
    end: int
    quote: str


@dataclass
class Tenure:
    person: str
    post: str
    role: str
    org: str
    org_label: str
    single_seat: bool
    evidence: list[Attestation] = field(default_factory=list)
    first_attested: str | None = None
    last_attested: str | None = None
    start_date: str | None = None
    ended_by: str | None = None
    ended_by_reason: str | None = None

    @property
    def status(self) -> str:
        return "ended" if self.ended_by else "unknown"

    @property
    def current_days(self) -> set[str]:
        return {a.date for a in self.evidence if a.status == "current" and a.date}

    def sort_key(self) -> tuple:
        first = self.start_date or self.first_attested or self.ended_by or "9999"
        return (first, self.last_attested or first, self.role)


def build_tenures(attestations: list[Attestation]) -> list[Tenure]:
    groups: dict[tuple[str, str], list[Attestation]] = defaultdict(list)
    for a in attestations:
        groups[(a.person, a.post)].append(a)
    tenures: list[Tenure] = []
    for (person, post), atts in sorted(groups.items()):
        atts.sort(key=lambda a: (a.date or "", a.article_id, a.start))
        a0 = atts[0]
        t = Tenure(person, post, a0.role, a0.org, a0.org_label, a0.single_seat, list(atts))
        current = sorted(a.date for a in atts if a.status == "current" and a.date)
        if current:
            t.first_attested, t.last_attested = current[0], current[-1]
        starts = sorted(a.date for a in atts if a.date and a.status == "current"
                        and {"elected", "appointed"} & set(a.qualifiers))
        if starts:
            t.start_date = starts[0]
        formers = sorted(a.date for a in atts if a.status == "former" and a.date
                         and (t.last_attested is None or a.date >= t.last_attested))
        if formers:
            t.ended_by, t.ended_by_reason = formers[0], "former title"
        tenures.append(t)
    _bound_single_seats(tenures)
    return tenures


def _bound_single_seats(tenures: list[Tenure]) -> None:
    """On a single-seat post, the next holder's first day bounds the previous holder's end."""
    by_post: dict[str, list[Tenure]] = defaultdict(list)
    for t in tenures:
        if t.single_seat and t.first_attested:
            by_post[t.post].append(t)
    for ts in by_post.values():
        ts.sort(key=lambda t: t.first_attested)
        for i, t in enumerate(ts):
            later = [u for u in ts[i + 1:] if u.person != t.person and u.first_attested > t.last_attested]
            if later:
                nxt = min(u.start_date or u.first_attested for u in later)
                if t.ended_by is None or nxt < t.ended_by:
                    t.ended_by, t.ended_by_reason = nxt, "next holder"


@dataclass
class Holding:
    tenure: Tenure
    status: str  # "attested" | "inside attested run" | "possible"


def who_held(tenures: list[Tenure], post: str, day: str) -> list[Holding]:
    """The holders of a post on a day: attested that day, inside an attested run, or possible
    (outside the run but not contradicted by a start, an end bound or another holder)."""
    out: list[Holding] = []
    of_post = [t for t in tenures if t.post == post]
    for t in of_post:
        if day in t.current_days:
            out.append(Holding(t, "attested"))
        elif t.first_attested and t.first_attested <= day <= t.last_attested:
            out.append(Holding(t, "inside attested run"))
        elif t.first_attested and _possible(t, day, of_post):
            out.append(Holding(t, "possible"))
    rank = {"attested": 0, "inside attested run": 1, "possible": 2}
    out.sort(key=lambda h: (rank[h.status], h.tenure.sort_key()))
    return out


def _possible(t: Tenure, day: str, of_post: list[Tenure]) -> bool:
    if t.start_date and day < t.start_date:
        return False
    if t.ended_by and day >= t.ended_by:
        return False
    if t.single_seat:
        for u in of_post:
            if u.person != t.person and u.first_attested and u.first_attested <= day <= u.last_attested:
                return False  # someone else is attested in that seat then
    return True
