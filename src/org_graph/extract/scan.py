"""One left-to-right pass that finds titles, bodies, places and names, in text order.

The pass is greedy and longest-first at each position: a title (role + body) beats a bare body,
which beats a place, which beats a name. What it returns is the sequence the relation rules
read: ``Chủ tịch UBND tỉnh`` (title) ``Phạm Anh Tuấn`` (name), or ``Huỳnh Quốc Việt`` (name)
``,`` ``Phó Bí thư Tỉnh ủy`` (title) ``,`` …
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from .doc import Doc, _titlecase
from .orgs import OrgHit, parse_org
from .people import NameHit, name_run, skip_country, surname_name
from .titles import TitleHit, parse_title


@dataclass(slots=True)
class Item:
    kind: str  # "title" | "org" | "name" | "short"
    start: int
    end: int
    title: TitleHit | None = None
    org: OrgHit | None = None
    name: NameHit | None = None


def scan(doc: Doc, blocked_chars: list[tuple[int, int]]) -> list[Item]:
    tokens, text, v = doc.tokens, doc.text, doc.v
    items: list[Item] = []
    n = len(tokens)
    i = 0
    name_may_follow_at = -1  # a title or honorific just ended here: any capitalised run is a name

    blocked_tokens: set[int] = set()
    if blocked_chars:  # the tokens starting inside a blocked span, found by bisection
        starts = [t.start for t in tokens]
        for a, b in blocked_chars:
            blocked_tokens.update(range(bisect_left(starts, a), bisect_left(starts, b)))

    def blocked(k: int) -> bool:
        return k in blocked_tokens

    start_keys = v.start_keys
    while i < n:
        tok = tokens[i]
        if not tok.cap and tok.key not in start_keys:
            i += 1
            continue
        if blocked(i):
            i += 1
            continue
        # Honorifics and ranks: skip them, and let a name of any family follow.
        h = v.honorifics.longest(text, tokens, i)
        if h is not None and _honorific_ok(doc, i, h[0]):
            j = h[0]
            while j < n:
                h2 = v.honorifics.longest(text, tokens, j)
                if h2 is None or not _honorific_ok(doc, j, h2[0]):
                    break
                j = h2[0]
            if j < n and _titlecase(tokens[j].text):
                end = name_run(doc, j)
                if end is not None:
                    items.append(Item("name", j, end, name=NameHit(j, end, _surf(doc, j, end), "honorific")))
                    i = end
                    continue
                end1 = name_run(doc, j, min_len=1)
                if end1 == j + 1 and not v.roles.longest(text, tokens, j):
                    items.append(Item("short", j, j + 1, name=NameHit(j, j + 1, tokens[j].text, "honorific")))
                    i = j + 1
                    continue
            name_may_follow_at = j
            i = j
            continue
        if i == name_may_follow_at and _titlecase(tokens[i].text) and i > 0 \
                and text[tokens[i - 1].end:tokens[i].start] == " " and not _starts_body(doc, i):
            k = skip_country(doc, i)
            end = name_run(doc, k) if k < n else None
            if end is not None and doc.place_at.get(k) is None:
                items.append(Item("name", k, end, name=NameHit(k, end, _surf(doc, k, end), "title")))
                i = end
                continue
        key = tok.key
        sn = surname_name(doc, i) if key in v.gz.surnames else None
        t = parse_title(doc, i) if key in v.title_keys and not (
            i > 0 and (tokens[i - 1].key, key) in v.not_role_starts) else None
        if t is not None and (sn is None or t.end >= sn.end):  # "Phó Ban …" is a role, not Mr Phó
            items.append(Item("title", t.start, t.end, title=t))
            i = t.end
            name_may_follow_at = i
            continue
        o = parse_org(doc, i) if key in v.org_keys else None
        if sn is not None and doc.place_at.get(i) is None and (o is None or o.end <= sn.end):
            items.append(Item("name", sn.start, sn.end, name=sn))
            i = sn.end
            continue
        if o is not None:
            items.append(Item("org", o.start, o.end, org=o))
            i = o.end
            continue
        p = doc.place_at.get(i)
        if p is not None:
            i = p.end
            continue
        i += 1
    return items


def _honorific_ok(doc: Doc, i: int, end: int) -> bool:
    """``ông``/``bà`` are honorifics only before a capitalised word (not ``ông bà``, ``bà con``)."""
    tokens = doc.tokens
    if end >= len(tokens):
        return False
    nxt = tokens[end]
    if doc.text[tokens[end - 1].end:nxt.start] not in (" ", ". ", "."):
        return False
    return nxt.text[:1].isupper() or doc.v.honorifics.longest(doc.text, tokens, end) is not None


def _surf(doc: Doc, i: int, j: int) -> str:
    return doc.text[doc.tokens[i].start:doc.tokens[j - 1].end]


def _starts_body(doc: Doc, i: int) -> bool:
    v, text, tokens = doc.v, doc.text, doc.tokens
    return any(lex.longest(text, tokens, i) for lex in (v.central, v.body_types, v.unit_heads, v.roles))
