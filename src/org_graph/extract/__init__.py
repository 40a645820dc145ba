"""``Article -> Extraction``: deterministic, no I/O, no global state beyond read-only gazetteers.

Stages, each a function of the one before: normalise the text (offsets kept), find dates and
places, scan titles/bodies/names in order, attach titles to names, find documents and events,
then attendance; finally number the entities and map every span back to the original text.
"""
from __future__ import annotations

import re

from ..model import (Article, Document, Event, Extraction, Organization, Person, Relation,
                     Span)
from ..sources import province_hint
from ..text import Text, fold
from .dates import find_dates
from .doc import Doc
from .documents import find_documents
from .events import find_attendance, find_events, reports_event
from .holds import assign
from .orgs import OrgHit
from .people import credit_spans
from .scan import scan
from .when import annotate as annotate_time


def _span(s: int, e: int) -> Span:
    # Built from our own offsets: no validation needed on the hot path.
    return Span.model_construct(start=s, end=e)


def _add_mention(entity, s: int, e: int) -> None:
    if not any(m.start == s and m.end == e for m in entity.mentions):
        entity.mentions.append(_span(s, e))


class _Builder:
    """Numbers entities as they are first seen and collects their mention spans."""

    def __init__(self, text: Text):
        self.text = text
        self.people: dict[str, Person] = {}
        self.orgs: dict[str, Organization] = {}
        self.docs: dict[str, Document] = {}
        self.events: list[Event] = []
        self.relations: list[Relation] = []
        self._rel_keys: set[tuple] = set()

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.text.to_original(start, end)

    def person(self, name: str, start: int, end: int) -> str:
        key = fold(name)
        s, e = self.span(start, end)
        p = self.people.get(key)
        if p is None:
            p = Person.model_construct(id=f"p{len(self.people) + 1}", name=name, start=s, end=e)
            self.people[key] = p
        _add_mention(p, s, e)
        return p.id

    def org(self, hit: OrgHit, start: int, end: int) -> str:
        key = fold(hit.name)
        s, e = self.span(start, end)
        o = self.orgs.get(key)
        if o is None:
            o = Organization.model_construct(id=f"o{len(self.orgs) + 1}", name=hit.name, start=s, end=e, type=hit.type,
                             jurisdiction=hit.jurisdiction, term=hit.term)
            self.orgs[key] = o
        if start != end:
            _add_mention(o, s, e)
        return o.id

    def relation(self, key: tuple, **kw) -> None:
        if key in self._rel_keys:
            return
        self._rel_keys.add(key)
        s, e = self.span(kw.pop("start"), kw.pop("end"))
        self.relations.append(Relation.model_construct(start=s, end=e, **kw))


def extract(article: Article) -> Extraction:
    text = Text(article.text)
    hint = article.province_hint or province_hint(article.source, article.url)
    doc = Doc.build(text.norm, article.title, article.published, hint)
    tokens = doc.tokens
    dates = find_dates(doc.text, article.published)
    credits = credit_spans(doc.text)
    items = scan(doc, credits)
    b = _Builder(text)

    def tspan(i: int, j: int) -> tuple[int, int]:
        return tokens[i].start, tokens[j - 1].end

    # Short references ("ông Tâm") point to the one full name of the article that ends with them.
    full_names = [it.name.name for it in items if it.kind == "name"]
    canonical = _canonical_names(full_names)
    person_of: dict[int, str | None] = {}
    for x, it in enumerate(items):
        if it.kind == "name":
            alias_of = _alias_of(doc, items, x)
            if alias_of is not None and alias_of in person_of:
                person_of[x] = person_of[alias_of]
                continue
            person_of[x] = b.person(canonical.get(it.name.name, it.name.name), *tspan(it.start, it.end))
        elif it.kind == "short":
            cands = {n for n in full_names if fold(n).split()[-1] == fold(it.name.name)}
            person_of[x] = b.person(cands.pop(), *tspan(it.start, it.end)) if len(cands) == 1 else None
        elif it.kind == "org":
            b.org(it.org, *tspan(it.start, it.end))

    for a in assign(doc, items):
        pid = person_of.get(a.name_item)
        t = a.title
        if pid is None or t.org is None:
            continue
        nm = items[a.name_item].name
        if t.implied and nm is not None and fold(nm.name).split()[0] not in doc.v.gz.surnames:
            continue  # "Thủ tướng Hun Sen": the implied body is Việt Nam's only for a Vietnamese name
        s = min(tokens[items[a.name_item].start].start, tokens[t.start].start)
        e = max(tokens[items[a.name_item].end - 1].end, tokens[t.end - 1].end)
        org_span = tspan(t.org.start, t.org.end) if t.org.end > t.org.start else (s, s)
        oid = b.org(t.org, *org_span)
        rtype = "held" if a.former else "holds"
        quals = sorted(set(t.qualifiers) | set(a.qualifiers))
        b.relation((rtype, pid, fold(t.role), oid), type=rtype, person=pid, role=t.role,
                   organization=oid, qualifiers=quals, start=s, end=e)
    # Bodies named inside titles that no name took still are bodies the article names.
    for it in items:
        if it.kind == "title" and it.title.org is not None and it.title.org.end > it.title.org.start:
            b.org(it.title.org, *tspan(it.title.org.start, it.title.org.end))

    doc_hits = find_documents(doc, dates)
    doc_spans = []
    for d in doc_hits:
        key = d.number.upper()
        if key in b.docs:
            s, e = b.span(d.start, d.end)
            _add_mention(b.docs[key], s, e)
            continue
        issuer = None
        if d.issuer is not None:
            o = d.issuer
            span = tspan(o.start, o.end) if o.end > o.start else (d.start, d.start)
            issuer = b.org(o, *span)
        s, e = b.span(d.start, d.end)
        b.docs[key] = Document.model_construct(id=f"d{len(b.docs) + 1}", number=d.number, type=d.type,
                               date=d.date.isoformat() if d.date else None, issuer=issuer,
                               term=d.term, start=s, end=e, mentions=[_span(s, e)])
        doc_spans.append((d.start, d.end))

    events = find_events(doc, dates, [(d.start, d.end) for d in doc_hits])
    seen_ev: dict[tuple, str] = {}
    sentence_event: dict[tuple[int, int], str] = {}
    for ev in events:
        key = (ev.start, ev.date)
        if key in seen_ev:
            sentence_event[ev.sentence] = seen_ev[key]
            continue
        s, e = b.span(ev.start, ev.end)
        eid = f"e{len(b.events) + 1}"
        b.events.append(Event.model_construct(id=eid, name=ev.name, date=ev.date.isoformat() if ev.date else None,
                              kind=ev.kind, start=s, end=e, mentions=[_span(s, e)]))
        seen_ev[key] = eid
        sentence_event[ev.sentence] = eid
    has_event = bool(b.events) or reports_event(doc)
    for att in find_attendance(doc, items, has_event):
        pid = person_of.get(att.name_item)
        if pid is None:
            continue
        eid = sentence_event.get(att.sentence)
        if eid is None:
            eid = _main_event(b, att, doc)
        b.relation(("attended", pid, eid), type="attended", person=pid, event=eid,
                   role=att.role, start=att.start, end=att.end)
    # What the events (or, failing an event in the same sentence, the article) cite.
    for d in doc_hits:
        did = b.docs[d.number.upper()].id
        src = next((eid for (s, e), eid in sentence_event.items() if s <= d.start < e), None)
        src = src or (b.events[0].id if len(b.events) == 1 else article.id)
        b.relation(("cites", src, did), type="cites", source=src, document=did, start=d.start, end=d.end)

    ex = Extraction(
        article_id=article.id,
        date=article.published.isoformat() if article.published else None,
        province=doc.main_province(),
        people=list(b.people.values()),
        organizations=list(b.orgs.values()),
        documents=list(b.docs.values()),
        events=b.events,
        relations=b.relations,
    )
    annotate_time(ex, doc, text, dates, [(d.start, d.end) for d in doc_hits], events)
    return ex


def _canonical_names(names: list[str]) -> dict[str, str]:
    """A name that is the start of a longer name in the same article is that name
    ("Phạm Minh" of a cut-off "Phạm Minh chính" is "Phạm Minh Chính")."""
    keys = {n: fold(n).split() for n in names}
    out = {}
    for n, k in keys.items():
        longer = {m for m, km in keys.items() if len(km) > len(k) and km[:len(k)] == k}
        if len(longer) == 1:
            out[n] = longer.pop()
    return out


def _alias_of(doc: Doc, items, x: int) -> int | None:
    """``Lương Văn Cường (Lương Cường - …)``, ``Đặng Minh Châu (tức hòa thượng Thích Bảo Nghiêm)``:
    a name in brackets right after another name is another name of the same person."""
    if x == 0 or items[x - 1].kind != "name":
        return None
    tokens, text = doc.tokens, doc.text
    between = text[tokens[items[x - 1].end - 1].end:tokens[items[x].start].start]
    if re.fullmatch(r"\s*\(\s*(?:tức|hay|còn gọi là|bí danh|pháp danh)?\s*(?:\w+\s+){0,2}?", between, re.I) \
            and "(" in between:
        return x - 1
    return None


def _main_event(b: _Builder, att, doc: Doc) -> str:
    """The article's event an attendance belongs to when its sentence names none."""
    if b.events:
        return b.events[0].id
    s, e = b.span(*att.sentence)
    eid = f"e{len(b.events) + 1}"
    name = " ".join(doc.text[att.sentence[0]:att.sentence[1]].split())[:120]
    b.events.append(Event.model_construct(id=eid, name=name, date=None, kind="event", start=s, end=e,
                          mentions=[_span(s, e)]))
    return eid


__all__ = ["extract"]
