"""Tenures from attestations, and who held a post on a day, with the evidence.

A bulletin rarely says when a tenure began or ended; it says that on a day a person *was*
Chủ tịch. The unit of evidence is an **attestation** (person, post, date, article, span); its
date is the one the text gives the fact (``extract/when.py``: the clause's date, the reported
event's, the publication day or the article's inferred date, recorded as its *basis*), with its
precision (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``). Tenures are built from them:

* **run**: the attestations of one person and post, as a current title with a day, form a run
  from the first to the last attested day;
* **start**: an election or appointment (qualifiers ``elected``, ``appointed``, ``re-elected``)
  on a day, when no earlier attestation contradicts it, or a start the text gives (``since``:
  ``từ tháng 3/2024``, with its precision);
* **end bound** (``ended_by``, with its reason and evidence): a former title (``held``:
  ``nguyên``, ``cựu``), or a title ``dismissed`` / ``retired`` / ``transferred``, on or after the
  last attested day; on a single-seat post (``roles.tsv`` ``seats``) a holder elected or
  appointed on day *d* ends the earlier holder's tenure by *d* (reason ``succeeded by``);
  multi-seat posts are never bounded that way. No end bound means *unknown*, never *current*;
* **possible window** (``possible_from`` … ``possible_until``, each with its reason): the days
  the tenure may cover beyond what is seen. It never crosses a start, an end bound, a term
  (``nhiệm kỳ 2021-2026``: not before 2021, not after 2026), the run of another holder of a
  single-seat post, nor, when no term is known, the default window of one term
  (``default_window_years`` in ``ontology/seats.yaml``, 5 years) before the first and after the
  last attestation.

``who_held`` answers with one status vocabulary (the same in the SPARQL and Cypher files, the
CLI, the viewer and the exports): ``attested`` (an attestation of that very day), ``inside
attested run`` (between the start or first attested day and the last), ``possible`` (inside
the possible window, outside the run). Dates are never padded: a year-precision attestation is
kept as ``2020`` and only widens the window to its year.
"""
from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from ..gazetteer import load, ontology_dir
from ..text import fold

#: Qualifiers of an attestation that make its date a tenure's start, and those that end it.
START_QUALIFIERS = frozenset({"elected", "appointed", "re-elected"})
END_QUALIFIERS = frozenset({"dismissed", "retired", "transferred"})
#: Status of a holding on a day, strongest first.
STATUSES = ("attested", "inside attested run", "possible")


@lru_cache(maxsize=1)
def seats() -> dict:
    """``ontology/seats.yaml``: the default possible window. Which roles are single-seat is the
    ``seats`` column of ``roles.tsv`` (one source of truth for the extractor and the time model)."""
    data = yaml.safe_load((ontology_dir() / "seats.yaml").read_text(encoding="utf-8"))
    return {"years": int(data.get("default_window_years", 5))}


def is_single_seat(role: str) -> bool:
    """One holder per body at a time (roles.tsv ``single``); a role the gazetteer does not know
    is never bounded by another holder."""
    gz = load()
    entry = gz.roles.get(fold(gz.canonical_role(role)))
    return bool(entry and entry.single_seat)


# -- partial dates ---------------------------------------------------------------------------
def precision(date: str | None) -> str | None:
    if not date:
        return None
    return {4: "year", 7: "month"}.get(len(date), "day")


def earliest(date: str) -> str:
    """The first day a partial date can be: ``2020`` -> ``2020-01-01``."""
    if len(date) == 4:
        return f"{date}-01-01"
    if len(date) == 7:
        return f"{date}-01"
    return date


def latest(date: str) -> str:
    """The last day a partial date can be: ``2020-02`` -> ``2020-02-29``."""
    if len(date) == 4:
        return f"{date}-12-31"
    if len(date) == 7:
        y, m = int(date[:4]), int(date[5:7])
        return f"{date}-{calendar.monthrange(y, m)[1]:02d}"
    return date


def shift(day: str, days: int = 0, years: int = 0) -> str:
    d = dt.date.fromisoformat(day)
    if years:
        y = min(max(d.year + years, 1), 9999)
        d = d.replace(year=y, day=min(d.day, calendar.monthrange(y, d.month)[1]))
    return (d + dt.timedelta(days=days)).isoformat()


@lru_cache(maxsize=1)
def _national_terms() -> list[tuple[tuple[str, ...], dict[str, tuple[int, int]]]]:
    """``ontology/national_terms.yaml``: (body name parts, {numeral: (first, last year)})."""
    from ..text import fold

    path = ontology_dir() / "national_terms.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(tuple(fold(a) for a in s["applies_to"]), {k.upper(): (v[0], v[1]) for k, v in s["terms"].items()})
            for s in data["series"]]


def term_years(term: str | None, body: str | None = None) -> tuple[int, int] | None:
    """``nhiệm kỳ 2021-2026`` -> (2021, 2026); ``khóa XV`` of a body of a national series
    (``ontology/national_terms.yaml``: the National Assembly, the Party Central Committee) ->
    its years; None otherwise (a provincial khóa, or nothing)."""
    if not term:
        return None
    digits = [p for p in term.replace("–", "-").split() if "-" in p]
    for p in digits:
        a, _, b = p.partition("-")
        if a.isdigit() and b.isdigit() and len(a) == len(b) == 4:
            return int(a), int(b)
    words = term.split()
    if body and len(words) == 2 and words[0].lower() in ("khóa", "khoá"):
        from ..text import fold

        key = fold(body)
        for parts, terms in _national_terms():
            if any(p in key for p in parts):
                return terms.get(words[1].upper())
    return None


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
    date: str | None  # ISO, with precision (YYYY-MM-DD, YYYY-MM, YYYY)
    qualifiers: tuple[str, ...]
    article_id: str
    start: int
    end: int
    quote: str
    basis: str | None = None  # clause | event | published | inferred
    term: str | None = None
    since: str | None = None

    @property
    def ends(self) -> bool:
        return self.status == "former" or bool(END_QUALIFIERS & set(self.qualifiers))

    @property
    def day(self) -> str | None:
        """The day of a day-precision attestation of a current title."""
        return self.date if self.date and len(self.date) == 10 and not self.ends else None


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
    start_precision: str | None = None
    start_reason: str | None = None  # elected | appointed | re-elected | since
    start_evidence: str | None = None  # attestation IRI
    ended_by: str | None = None
    ended_by_reason: str | None = None  # former title | dismissed | retired | transferred | succeeded by
    ended_by_evidence: str | None = None  # attestation IRI
    successor: str | None = None  # person IRI, for "succeeded by"
    possible_from: str | None = None
    possible_from_reason: str | None = None
    possible_until: str | None = None
    possible_until_reason: str | None = None
    terms: tuple[str, ...] = ()

    @property
    def status(self) -> str:
        """``ended`` (an end bound is known) or ``unknown`` (no end known: not "current")."""
        return "ended" if self.ended_by else "unknown"

    @property
    def current_days(self) -> set[str]:
        return {a.day for a in self.evidence if a.day}

    def sort_key(self) -> tuple:
        first = self.start_date or self.first_attested or self.possible_from or self.ended_by or "9999"
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
        days = sorted(a.day for a in atts if a.day)
        if days:
            t.first_attested, t.last_attested = days[0], days[-1]
        t.terms = tuple(sorted({a.term for a in atts if a.term and not a.ends}))
        _start(t, atts)
        _end(t, atts)
        tenures.append(t)
    _successions(tenures)
    for t in tenures:
        _window(t)
    _other_holders(tenures)
    return tenures


def _start(t: Tenure, atts: list[Attestation]) -> None:
    """The earliest start the evidence gives that nothing earlier contradicts."""
    cands = []
    for a in atts:
        if a.ends:
            continue
        if a.date and START_QUALIFIERS & set(a.qualifiers):
            why = next(q for q in ("elected", "re-elected", "appointed") if q in a.qualifiers)
            cands.append((earliest(a.date), a.date, why, a.iri))
        if a.since:
            cands.append((earliest(a.since), a.since, "since", a.iri))
    # An attestation before the start is a re-election or a later appointment, not the start.
    seen = [earliest(a.date) for a in atts if a.date and not a.ends]
    first_seen = min(seen) if seen else None
    cands = [c for c in cands if first_seen is None or c[0] <= first_seen]
    if cands:
        _, date, why, iri = min(cands)
        t.start_date, t.start_precision, t.start_reason, t.start_evidence = date, precision(date), why, iri


def _end(t: Tenure, atts: list[Attestation]) -> None:
    last = t.last_attested
    cands = []
    for a in atts:
        if a.ends and a.date and (last is None or latest(a.date) >= last):
            why = next((q for q in ("dismissed", "retired", "transferred") if q in a.qualifiers), "former title")
            # Ended by then: the former title's day itself, or the last day its period allows.
            cands.append((latest(a.date) if len(a.date) < 10 else a.date, why, a.iri))
    if cands:
        t.ended_by, t.ended_by_reason, t.ended_by_evidence = min(cands)


def _successions(tenures: list[Tenure]) -> None:
    """On a single-seat post, a holder elected or appointed on day d ends the earlier holder's
    tenure by d (``succeeded by``), when that holder is not attested in the seat from d on."""
    by_post: dict[str, list[Tenure]] = defaultdict(list)
    for t in tenures:
        if t.single_seat:
            by_post[t.post].append(t)
    for ts in by_post.values():
        starts = [u for u in ts if u.start_date and u.start_reason != "since" and len(u.start_date) == 10]
        for t in ts:
            anchor = t.last_attested or t.first_attested
            if anchor is None:
                continue
            later = [u for u in starts if u.person != t.person and u.start_date > anchor]
            if not later:
                continue
            u = min(later, key=lambda u: (u.start_date, u.person))
            if t.ended_by is None or u.start_date < t.ended_by:
                t.ended_by, t.ended_by_reason = u.start_date, "succeeded by"
                t.ended_by_evidence, t.successor = u.start_evidence, u.person


def _window(t: Tenure) -> None:
    """The possible window: bounded by the start, the end bound, terms and the default window."""
    dated = [a for a in t.evidence if a.date and not a.ends]
    if not dated:
        if t.ended_by:  # seen only as former: held at some time before its end bound
            until = shift(t.ended_by, days=-1)
            spans = [s for s in (term_years(x, t.org_label) for x in t.terms) if s]
            frm, why = ((f"{min(s[0] for s in spans):04d}-01-01", "term") if spans
                        else (shift(until, years=-seats()["years"]), "default window"))
            t.possible_from, t.possible_from_reason = frm, why
            t.possible_until, t.possible_until_reason = until, t.ended_by_reason
        return
    lo = min([earliest(a.date) for a in dated] + ([earliest(t.start_date)] if t.start_date else []))
    hi = max(latest(a.date) if len(a.date) < 10 else a.date for a in dated)
    if t.last_attested:
        hi = max(hi, t.last_attested)
    years = seats()["years"]
    spans = [term_years(x, t.org_label) for x in t.terms]
    spans = [s for s in spans if s]
    if spans:  # the term the tenure is given for is the window, instead of the default one
        lows = [(f"{min(s[0] for s in spans):04d}-01-01", "term")]
        highs = [(f"{max(s[1] for s in spans):04d}-12-31", "term")]
    else:
        lows = [(shift(lo, years=-years), "default window")]
        highs = [(shift(hi, years=years), "default window")]
    if t.start_date:
        lows.append((earliest(t.start_date), t.start_reason or "start"))
    if t.ended_by:
        highs.append((shift(t.ended_by, days=-1), t.ended_by_reason or "end"))
    frm, frm_why = max(lows)
    until, until_why = min(highs)
    # What is seen wins over any bound (a contradiction shows in the evidence, not by hiding it).
    t.possible_from, t.possible_from_reason = (frm, frm_why) if frm <= lo else (lo, "attested")
    t.possible_until, t.possible_until_reason = (until, until_why) if until >= hi else (hi, "attested")


def _other_holders(tenures: list[Tenure]) -> None:
    """On a single-seat post another holder's run bounds the window: the seat was theirs then."""
    by_post: dict[str, list[Tenure]] = defaultdict(list)
    for t in tenures:
        if t.single_seat and t.possible_from:
            by_post[t.post].append(t)
    for ts in by_post.values():
        runs = [(u, u.first_attested, u.last_attested) for u in ts if u.first_attested]
        for t in ts:
            lo = t.first_attested or t.possible_from
            hi = t.last_attested or t.possible_until
            coarse = [a.date for a in t.evidence if a.date and not a.ends]
            if t.first_attested is None and coarse:  # only coarse attestations: their period is the run
                lo, hi = min(earliest(d) for d in coarse), max(latest(d) for d in coarse)
            elif t.first_attested is None:  # seen only as former: no run of its own
                lo = hi = t.possible_until
            for u, f, l in runs:
                if u.person == t.person:
                    continue
                if f > hi and shift(f, days=-1) < t.possible_until:
                    t.possible_until, t.possible_until_reason = shift(f, days=-1), "other holder"
                if l < lo and shift(l, days=1) > t.possible_from:
                    t.possible_from, t.possible_from_reason = shift(l, days=1), "other holder"


@dataclass
class Holding:
    tenure: Tenure
    status: str  # one of STATUSES


def holding_status(t: Tenure, day: str) -> str | None:
    if day in t.current_days:
        return "attested"
    if t.first_attested and t.first_attested <= day <= t.last_attested:
        return "inside attested run"
    if t.possible_from and t.possible_from <= day <= t.possible_until:
        return "possible"
    return None


def who_held(tenures: list[Tenure], post: str, day: str) -> list[Holding]:
    """The holders of a post on a day: attested that day, inside an attested run, or possible
    (inside the tenure's possible window)."""
    out = []
    for t in tenures:
        if t.post == post:
            s = holding_status(t, day)
            if s:
                out.append(Holding(t, s))
    out.sort(key=lambda h: (STATUSES.index(h.status), h.tenure.sort_key()))
    return out
