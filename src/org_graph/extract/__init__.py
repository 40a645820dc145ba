"""``Article -> Extraction``: deterministic, no I/O, no global state beyond read-only gazetteers.

Stages, each a function of the one before: normalise the text (offsets kept), find dates and
places, scan titles/bodies/names in order, attach titles to names, find documents and events,
then attendance; finally number the entities and map every span back to the original text.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..model import (Article, Document, Event, Extraction, Organization, Person, Relation,
                     Span)
from ..sources import province_hint
from ..text import Text, fold
from .dates import find_dates, reference_date
from .doc import Doc
from .documents import find_documents
from .events import find_attendance, find_ceremony_attendance, find_events, reports_event
from .history import is_history
from .holds import assign
from .orgs import OrgHit
from .people import credit_spans
from .scan import scan
from .when import annotate as annotate_time


def _span(s: int, e: int) -> Span:
    # Built from our own offsets: no validation needed on the hot path.
    return Span.model_construct(start=s, end=e)


def _add_mention(entity, s: int, e: int, seen: dict[str, set[tuple[int, int]]]) -> None:
    # ``seen``: the (start, end) of each entity's mentions so far, by id (a scan of the mentions
    # would make an article naming one body n times take n² steps).
    spans = seen.get(entity.id)
    if spans is None:
        spans = seen[entity.id] = {(m.start, m.end) for m in entity.mentions}
    if (s, e) not in spans:
        spans.add((s, e))
        entity.mentions.append(_span(s, e))


class _Builder:
    """Numbers entities as they are first seen and collects their mention spans."""

    def __init__(self, text: Text, tokens=()):
        self.text = text
        self.tokens = tokens
        self.people: dict[str, Person] = {}
        self.name_of: dict[str, str] = {}  # person id -> name
        self.orgs: dict[str, Organization] = {}
        self.docs: dict[str, Document] = {}
        self.events: list[Event] = []
        self.relations: list[Relation] = []
        self._rel_keys: dict[tuple, Relation] = {}
        self.mention_spans: dict[str, set[tuple[int, int]]] = {}

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.text.to_original(start, end)

    def person(self, name: str, start: int, end: int) -> str:
        key = fold(name)
        s, e = self.span(start, end)
        p = self.people.get(key)
        if p is None:
            # The list given, not left to its default_factory: pydantic inspects the factory's
            # signature on every model_construct that uses one, a cost per entity.
            p = Person.model_construct(id=f"p{len(self.people) + 1}", name=name, start=s, end=e, mentions=[])
            self.people[key] = p
            self.name_of[p.id] = name
        _add_mention(p, s, e, self.mention_spans)
        return p.id

    def org(self, hit: OrgHit, start: int, end: int) -> str | None:
        if hit.unresolved:
            return None
        key = fold(hit.name)
        s, e = self.span(start, end)
        o = self.orgs.get(key)
        if o is None:
            o = Organization.model_construct(id=f"o{len(self.orgs) + 1}", name=hit.name, start=s, end=e, type=hit.type,
                             jurisdiction=hit.jurisdiction, term=hit.term, mentions=[])
            self.orgs[key] = o
        if start != end:
            _add_mention(o, s, e, self.mention_spans)
            up = hit.parent
            if up is not None and up.end > up.start and start <= self._tok_start(up) and not up.unresolved:
                self.org(up, self._tok_start(up), self._tok_end(up))
        return o.id

    def _tok_start(self, hit: OrgHit) -> int:
        return self.tokens[hit.start].start

    def _tok_end(self, hit: OrgHit) -> int:
        return self.tokens[hit.end - 1].end

    def relation(self, key: tuple, **kw) -> None:
        known = self._rel_keys.get(key)
        if known is not None:
            # The same fact said again ("Chủ nhiệm … khóa XIX tiếp tục được bầu giữ chức Chủ
            # nhiệm …"): one relation, with what each saying adds.
            extra = set(kw.get("qualifiers") or ()) - set(known.qualifiers)
            if extra:
                known.qualifiers = sorted(set(known.qualifiers) | extra)
            return
        s, e = self.span(kw.pop("start"), kw.pop("end"))
        kw.setdefault("qualifiers", [])  # given, not left to the default_factory (see person)
        rel = Relation.model_construct(start=s, end=e, **kw)
        self._rel_keys[key] = rel
        self.relations.append(rel)


def extract(article: Article) -> Extraction:
    text = Text(article.text)
    hint = article.province_hint or province_hint(article.source, article.url)
    doc = Doc.build(text.norm, article.title, article.published, hint)
    tokens = doc.tokens
    dates = find_dates(doc.text, article.published)
    credits = credit_spans(doc.text)
    items = scan(doc, credits)
    b = _Builder(text, tokens)

    def tspan(i: int, j: int) -> tuple[int, int]:
        return tokens[i].start, tokens[j - 1].end

    # Short references ("ông Tâm") point to the one full name of the article that ends with them.
    full_names = [it.name.name for it in items if it.kind == "name"]
    canonical = _canonical_names(full_names)
    by_last: dict[str, set[str]] = {}  # folded last syllable -> the full names ending with it
    for n in full_names:
        by_last.setdefault(fold(n).split()[-1], set()).add(n)
    person_of: dict[int, str | None] = {}
    for x, it in enumerate(items):
        if it.kind == "name":
            alias_of = _alias_of(doc, items, x)
            if alias_of is not None and alias_of in person_of:
                person_of[x] = person_of[alias_of]
                continue
            person_of[x] = b.person(canonical.get(it.name.name, it.name.name), *tspan(it.start, it.end))
        elif it.kind == "short":
            cands = set(by_last.get(fold(it.name.name), ()))
            person_of[x] = b.person(cands.pop(), *tspan(it.start, it.end)) if len(cands) == 1 else None
        elif it.kind == "org":
            b.org(it.org, *tspan(it.start, it.end))

    assignments = assign(doc, items)
    day = reference_date(doc.text, article.published)[0]
    # Someone given a post of another country ("Thủ tướng Singapore Lý Hiển Long") holds no
    # implied Vietnamese post in the same article ("Thủ tướng Lý Hiển Long" later on).
    foreign = {person_of.get(a.name_item) for a in assignments
               if a.title.org is not None and a.title.org.type == "foreign"}
    for a in assignments:
        pid = person_of.get(a.name_item)
        t = a.title
        if pid is None or t.org is None:
            continue
        nm = items[a.name_item].name
        if t.implied and (pid in foreign or (
                nm is not None and fold(nm.name).split()[0] not in doc.v.gz.surnames)):
            continue  # "Thủ tướng Hun Sen": the implied body is Việt Nam's only for a Vietnamese name
        s = min(tokens[items[a.name_item].start].start, tokens[t.start].start)
        e = max(tokens[items[a.name_item].end - 1].end, tokens[t.end - 1].end)
        org_span = tspan(t.org.start, t.org.end) if t.org.end > t.org.start else (s, s)
        oid = b.org(t.org, *org_span)
        if oid is None:
            continue  # a post in a body the context leaves open is no post of the graph
        quals = sorted(set(t.qualifiers) | set(a.qualifiers))
        former = a.former
        if not former and is_history(b.name_of[pid], t.role, t.org.name, day):
            former, quals = True, sorted(set(quals) | {"historical"})
        rtype = "held" if former else "holds"
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
            _add_mention(b.docs[key], s, e, b.mention_spans)
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
    for att in [*find_attendance(doc, items, has_event), *find_ceremony_attendance(doc, items, has_event)]:
        pid = person_of.get(att.name_item)
        if pid is None:
            continue
        eid = sentence_event.get(att.sentence)
        if eid is None:
            eid = _main_event(b, att, doc)
        b.relation(("attended", pid, eid), type="attended", person=pid, event=eid,
                   role=att.role, start=att.start, end=att.end)
    # What the events (or, failing an event in the same sentence, the article) cite.
    # Sentences do not overlap: the one holding a citation is the last starting at or before it.
    ev_sentences = sorted(sentence_event)
    ev_starts = [s for s, _ in ev_sentences]
    for d in doc_hits:
        did = b.docs[d.number.upper()].id
        k = bisect_right(ev_starts, d.start) - 1
        src = sentence_event[ev_sentences[k]] if k >= 0 and d.start < ev_sentences[k][1] else None
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
    # Each name under every proper prefix of its syllables: one look-up per name, not a scan.
    by_prefix: dict[tuple[str, ...], set[str]] = {}
    for m, km in keys.items():
        for j in range(1, len(km)):
            by_prefix.setdefault(tuple(km[:j]), set()).add(m)
    out = {}
    by_head: dict[tuple[str, ...], list[str]] = {}
    for m, km in keys.items():
        by_head.setdefault(tuple(km[:-1]), []).append(m)
    for n, k in keys.items():
        longer = by_prefix.get(tuple(k), ())
        if len(longer) == 1:
            out[n] = next(iter(longer))
            continue
        # "Nguyễn Thanh Longđề": the source glued the next word to a name the article also
        # writes apart ("Nguyễn Thanh Long").
        glued = [m for m in by_head.get(tuple(k[:-1]), ()) if m != n and k[-1].startswith(keys[m][-1])
                 and len(k[-1]) > len(keys[m][-1])]
        if len(glued) == 1:
            out[n] = glued[0]
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
