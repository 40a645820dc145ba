"""Institutions: a mention in the text, resolved to its full name and jurisdiction.

Three shapes, tried at each position:

* a **body type** that exists per jurisdiction (``UBND tỉnh``, ``Tỉnh ủy``, ``Sở Y tế TP Hà Nội``)
  followed by a place, a bare level (resolved from the article) or nothing where the type implies
  its level;
* a **central body** by name or alias (``Bộ Chính trị``, ``Bộ GD&ĐT``), optionally of a foreign
  country (``Bộ Quốc phòng Trung Quốc``);
* a **named unit**: a head (``Trường``, ``Bệnh viện``, ``Công ty``, ``Ban``) and a proper name,
  optionally followed by the body it belongs to (``Ban Tổ chức Thành ủy Hà Nội``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import fold
from .vocab import vocab
from .doc import (PROVINCIAL, Doc, _light_gap, _run_len, _surface, _titlecase, is_name_start,
                  parse_place, proper_run)

_TERM = re.compile(r"\s*\(?\s*(khóa|khoá|nhiệm kỳ)\s+([IVXLC]+|\d{4}\s*[-–]\s*\d{4})\s*\)?", re.I)


@dataclass(slots=True)
class OrgHit:
    start: int
    end: int
    name: str
    type: str | None
    jurisdiction: str | None
    term: str | None = None
    central: bool = False
    head_end: int | None = None  # for named units: where the head word ends
    #: A bare level the article's context does not resolve ("UBND tỉnh" in an article about
    #: several provinces): no particular body, so never an organisation of the graph.
    unresolved: bool = False
    #: The body this one belongs to, when the text names it ("Tỉnh ủy Cà Mau" of "Ban Thường
    #: vụ Tỉnh ủy Cà Mau"): a body the article names too.
    parent: "OrgHit | None" = None


def parse_org(doc: Doc, i: int, allow_lower_head: bool = False, head_lower_ok: bool = False
              ) -> OrgHit | None:
    """The body named from token i, or None. ``head_lower_ok``: the head word may be written in
    lower case (it is the end of a role: ``Trưởng ban Tuyên giáo Trung ương``)."""
    if i >= len(doc.tokens):
        return None
    bt = _body_type(doc, i)
    unit = None
    m = doc.v.body_types.longest(doc.text, doc.tokens, i)
    if not (m is not None and m[1].parent_types and bt is None):
        # "Ban cán sự đảng" with no body after it names no particular body.
        unit = _unit(doc, i, allow_lower_head)
    central = _central(doc, i, head_lower_ok)
    known = max((h for h in (bt, central) if h), key=lambda h: h.end, default=None)
    if unit is not None and known is not None and unit.end > known.end and (unit.head_end or 0) <= known.end \
            and not all(t.cap for t in doc.tokens[known.end:unit.end]):
        unit = None  # "Bộ Y tế khẩn trương …": a known body, then the sentence goes on
    if doc.v.event_heads.longest(doc.text, doc.tokens, i) and unit is not None and known is None:
        unit = None  # "Hội nghị …" is an event, not the association "Hội …"
    hits = [h for h in (bt, central, unit) if h]
    if not hits:
        return None
    best = max(hits, key=lambda h: (h.end, h.central))
    return _with_term(doc, best)


def _with_term(doc: Doc, hit: OrgHit) -> OrgHit:
    tokens = doc.tokens
    if hit.end < len(tokens):
        m = _TERM.match(doc.text, tokens[hit.end - 1].end)
        if m:
            hit.term = f"{m.group(1).lower().replace('khoá', 'khóa')} {m.group(2)}"
            # Consume the term's tokens.
            end_char = m.end()
            k = hit.end
            while k < len(tokens) and tokens[k].end <= end_char:
                k += 1
            hit.end = k
    return hit


def _body_type(doc: Doc, i: int) -> OrgHit | None:
    v, tokens, text = doc.v, doc.tokens, doc.text
    m = v.body_types.longest(text, tokens, i)
    lf = v.long_forms.longest(text, tokens, i)
    if lf is not None and (m is None or lf[0] > m[0]):
        return _long_form(doc, i, *lf)
    if m is None:
        return None
    j, bt = m
    # Several types may share a name ("Ban Dân tộc" of the People's Committee and of the HĐND):
    # the one whose parent body follows wins, then the one that stands alone.
    shared = v.body_types_by_alias.get(" ".join(t.key for t in tokens[i:j]), (bt,))
    for cand in sorted(shared, key=lambda b: not b.parent_types):
        if not cand.parent_types:
            return _standalone_body(doc, i, j, cand)
        # "Ban Thường vụ" + "Tỉnh ủy Cà Mau": a body of another body.
        if j >= len(tokens) or not _light_gap(text, tokens[j - 1], tokens[j]):
            continue
        parent = _body_type(doc, j) or _central(doc, j)
        if parent is None or parent.type not in cand.parent_types:
            continue
        name = cand.pattern.replace("{name}", cand.name).replace("{parent}", parent.name)
        return OrgHit(i, parent.end, " ".join(name.split()), cand.id, parent.jurisdiction,
                      unresolved=parent.unresolved, parent=parent)
    if bt.central and doc.central_party_sentence(i):
        # "đồng chí Võ Văn Thưởng làm Trưởng ban Tuyên giáo", said with the Politburo's decisions:
        # the central board.
        body = v.gz.body_by_key.get(fold(bt.central))
        if body is not None:
            return OrgHit(i, j, body.name, body.type, None, central=True)
    if bt.bare_in_province and tokens[i].cap and (
            j >= len(tokens) or text[tokens[j - 1].end:tokens[j].start].strip() in (",", ";", ".", ")")):
        return _implied_parent(doc, i, j, bt)
    return None


def _implied_parent(doc: Doc, i: int, j: int, bt) -> OrgHit:
    """``Ủy viên Ban Thường vụ, Chủ nhiệm …`` in a bulletin about one province: the Ban Thường
    vụ of that province's committee (the first parent type that exists at its level). Where the
    context leaves the province open, the body is named but unresolved."""
    v = doc.v
    for pt in bt.parent_types:
        ptype = v.body_type_by_id.get(pt)
        if ptype is None or not set(ptype.levels) & set(PROVINCIAL):
            continue
        for level in (lv for lv in ptype.levels if lv in PROVINCIAL):
            place = doc.resolve_bare(level, i)
            p = v.gz.province(place) if place else None
            if p is None or p.type != level:
                continue
            parent_name = _compose(ptype, level, place)
            name = bt.pattern.replace("{name}", bt.name).replace("{parent}", parent_name)
            return OrgHit(i, j, " ".join(name.split()), bt.id, place)
    return OrgHit(i, j, bt.name, bt.id, None, unresolved=True)


def _standalone_body(doc: Doc, i: int, j: int, bt) -> OrgHit | None:
    """A body type named from token i to j, then its place, a bare level or nothing."""
    v, tokens, text = doc.v, doc.tokens, doc.text
    place = None
    level = None
    end = j
    if j < len(tokens) and _light_gap(text, tokens[j - 1], tokens[j]):
        place = parse_place(v, text, tokens, j)
    if place is None and "{level}" not in bt.pattern and len(bt.levels) == 1 and j < len(tokens) \
            and _light_gap(text, tokens[j - 1], tokens[j]) and tokens[j].cap \
            and not (is_name_start(v, text, tokens, j) and _run_len(tokens, j, text) >= 3):
        # "Huyện ủy Như Xuân", "Thị ủy Bỉm Sơn": the type names the level, the place follows.
        end = proper_run(v, text, tokens, j, max_len=3)
        if end > j:
            name = _surface(text, tokens, j, end)
            return OrgHit(i, end, _compose(bt, bt.levels[0], name), bt.id, name)
    if place is not None:
        level, name, end = place.level, place.name, place.end
        if place.province is not None:
            level = place.province.type
    else:
        # A bare level word ("UBND tỉnh") or nothing ("Tỉnh ủy", "Sở Y tế").
        lv = v.levels.longest(text, tokens, j) if j < len(tokens) else None
        if lv is not None and _light_gap(text, tokens[j - 1], tokens[j]):
            level = lv[1]
            end = lv[0]
            name = doc.resolve_bare(level, i)
            if name is None:
                return OrgHit(i, end, _compose(bt, level, None), bt.id, None, unresolved=True)
        else:
            levels = tuple(bt.levels)
            if not levels:
                return None
            if len(levels) == 1 or set(levels) <= set(PROVINCIAL):
                if len(levels) == 1:
                    level = levels[0]
                    name = doc.resolve_bare(level, i)
                else:
                    name = doc.main_province()
                    p = v.gz.province(name) if name else None
                    level = p.type if p else None
                if name is None or level is None:
                    return None
            else:
                return None
    if level not in bt.levels and bt.levels and not (level in PROVINCIAL and set(bt.levels) & set(PROVINCIAL)):
        return None
    return OrgHit(i, end, _compose(bt, level, name), bt.id, name)


def _long_form(doc: Doc, i: int, j: int, by_level: dict) -> OrgHit | None:
    """``Ban Chấp hành Đảng bộ tỉnh`` is the ``Tỉnh ủy``: one body, two names; keep the short one."""
    v, tokens, text = doc.v, doc.tokens, doc.text
    if j >= len(tokens) or not _light_gap(text, tokens[j - 1], tokens[j]):
        return None
    place = parse_place(v, text, tokens, j)
    if place is not None:
        level = place.province.type if place.province else place.level
        name, end = place.name, place.end
    else:
        lv = v.levels.longest(text, tokens, j)
        if lv is None:
            return None
        level, end = lv[1], lv[0]
        name = doc.resolve_bare(level, i)
    bt = by_level.get(level)
    if bt is None:
        return None
    if name is None:
        return OrgHit(i, end, _compose(bt, level, None), bt.id, None, unresolved=True)
    return OrgHit(i, end, _compose(bt, level, name), bt.id, name)


def _compose(bt, level: str | None, place: str | None) -> str:
    if place is None:
        return f"{bt.name} {level}" if level else bt.name
    p = vocab().gz.province(place)
    if p is not None and p.name == place and p.place_form and level == p.type:
        # "Thành ủy Thành phố Hồ Chí Minh", "Ủy ban nhân dân Thành phố Hồ Chí Minh": the city's
        # name carries its level word, capitalised.
        out = bt.pattern.replace("{level} {place}", "{place}").replace("{place}", p.place_form)
        return " ".join(out.replace("{name}", bt.name).replace("{level}", level).split())
    out = bt.pattern.replace("{name}", bt.name).replace("{level}", level or "").replace("{place}", place)
    return " ".join(out.split())


def _central(doc: Doc, i: int, head_lower_ok: bool = False) -> OrgHit | None:
    v, tokens, text = doc.v, doc.tokens, doc.text
    m = v.central.longest(text, tokens, i)
    if m is None:
        return None
    j, body = m
    if not tokens[i].cap and not (head_lower_ok and j - i >= 2 and tokens[i + 1].cap):
        return None
    name = body.name
    if j < len(tokens) and _light_gap(text, tokens[j - 1], tokens[j]):
        c = v.countries.longest(text, tokens, j)
        if c is not None and all(t.cap for t in tokens[j:c[0]]) and c[1] != "Việt Nam":
            # "Đảng Cộng sản Trung Quốc": the same kind of body in another country, named as
            # written, not after Việt Nam's ("Đảng Cộng sản Việt Nam Trung Quốc").
            written = _surface(text, tokens, i, j)
            name = f"{written if name.endswith('Việt Nam') else name} {c[1]}"
            j = c[0]
            return OrgHit(i, j, name, "foreign", None, central=True)
    return OrgHit(i, j, name, body.type, None, central=True)


def _unit(doc: Doc, i: int, allow_lower_head: bool) -> OrgHit | None:
    v, tokens, text = doc.v, doc.tokens, doc.text
    m = v.unit_heads.longest(text, tokens, i)
    if m is None:
        return None
    j, (kind, part_of) = m
    if kind == "none" or (not tokens[i].cap and j < len(tokens) and _person_starts(doc, j)
                          and _run_len(tokens, j, text) >= 3):
        return None  # "Báo cáo số 155"; "Phó ban Bùi Chí Hiếu": a person, not the unit's name
    head_cap = tokens[i].cap
    if not head_cap and not allow_lower_head:
        return None
    words: list[str] = [_surface_expanded(v, text, tokens, i, j)]
    k = j
    name_tokens = 0
    seen_cap = False
    lower_pending: list[int] = []
    hard_stop = False
    parent: OrgHit | None = None
    place_name = None
    while k < len(tokens):
        t = tokens[k]
        g = text[tokens[k - 1].end:t.start]
        gs = g.strip()
        if gs not in ("", "-", "–", "&") or "\n" in g:
            break
        if gs == "-" and not seen_cap:
            break
        if name_tokens >= 12:
            break
        # The body this unit belongs to: compose and stop.
        if seen_cap:
            sub = _body_type(doc, k) or _central(doc, k)
            if sub is not None and not lower_pending:
                parent = _with_term(doc, sub)
                k = parent.end
                break
            lv = v.levels.longest(text, tokens, k)
            if lv is not None:
                pl = parse_place(v, text, tokens, k)
                if pl is not None:
                    place_name = f"{pl.level} {pl.name}"
                    lower_pending = []
                    k = pl.end
                    break
        if seen_cap and _person_starts(doc, k) and _run_len(tokens, k, text) >= 3:
            break
        if seen_cap and v.roles.longest(text, tokens, k) and t.cap:
            break
        if t.cap or t.text.isdigit():
            if not _titlecase(t.text) and not t.text.isdigit() and not t.text.isupper():
                break
            if lower_pending and (v.roles.longest(text, tokens, k) or _person_starts(doc, k)):
                # "Sở Tài chính thừa ủy quyền Chủ tịch …": the name ended before the lower-case
                # words, unless they end at a person ("Bệnh viện Nông nghiệp Nguyễn Văn A").
                if not v.roles.longest(text, tokens, k):
                    hard_stop = True
                break
            seen_cap = True
            lower_pending = []
            name_tokens += 1
            k += 1
            continue
        # lower-case word; "và" joins two parts of one name unless another body follows it
        if t.key == "và" and seen_cap and k + 1 < len(tokens) and _titlecase(tokens[k + 1].text) \
                and not _starts_body(doc, k + 1) and not _person_starts(doc, k + 1):
            lower_pending.append(k)
            name_tokens += 1
            k += 1
            continue
        if t.key in v.stopwords:
            break
        if len(lower_pending) >= (8 if head_cap else 4):
            break
        lower_pending.append(k)
        name_tokens += 1
        k += 1
    # Trailing lower-case words belong to the name only right after capitalised ones
    # ("Trường Đại học Kinh tế quốc dân") and only when the phrase ends at a boundary.
    if lower_pending:
        # Trailing lower-case words are part of the name only when punctuation ends it there
        # ("Trường Đại học Kinh tế quốc dân;"), never when the sentence runs on ("Bộ Y tế rà soát").
        nxt = k
        boundary = hard_stop or nxt >= len(tokens) or \
            text[tokens[nxt - 1].end:tokens[nxt].start].strip() not in ("",)
        if not boundary or len(lower_pending) > 4 or tokens[lower_pending[-1]].key == "và":
            k = lower_pending[0]
    if not seen_cap:
        return None
    if k - j == 1 and parent is None and place_name is None and k < len(tokens) \
            and text[tokens[k - 1].end:tokens[k].start] == " " and not tokens[k].cap \
            and tokens[k].key not in v.stopwords and not tokens[k].text.isdigit():
        # "Hội Khuyến học", "Bệnh viện Nông nghiệp", "Ban Lãnh đạo": a proper name capitalises
        # only its first syllable, so one capital cut from the lower-case rest of its word is a
        # fragment, not a name.
        return None
    end = k
    if parent is not None:
        name_end = parent.start
    elif place_name is not None:
        name_end = _last_name_token(doc, i, end)
    else:
        name_end = end
    body = _surface_expanded(v, text, tokens, j, name_end)
    name = " ".join(x for x in (words[0], body) if x)
    jurisdiction = None
    if parent is not None:
        name = f"{name} {parent.name}"
        jurisdiction = parent.jurisdiction
    elif place_name is not None:
        name = f"{name} {place_name}"
        jurisdiction = place_name.split(" ", 1)[-1]
    elif part_of and end + 1 < len(tokens) and text[tokens[end - 1].end:tokens[end].start].strip() == "," \
            and "\n" not in text[tokens[end - 1].end:tokens[end].start]:
        # "Khoa Tim mạch - Lồng ngực, Bệnh viện Nhi Thanh Hóa": a sub-unit, then its parent.
        up = parse_org(doc, end)
        if up is not None:
            name = f"{name}, {up.name}"
            jurisdiction = up.jurisdiction
            end = up.end
            parent = up
    return OrgHit(i, end, " ".join(name.split()), kind, jurisdiction, head_end=j,
                  unresolved=parent is not None and parent.unresolved, parent=parent)


def _person_starts(doc: Doc, k: int) -> bool:
    """A personal name starts at k (a surname run that is not a province: "Hà Nội" is a place)."""
    v = doc.v
    return is_name_start(v, doc.text, doc.tokens, k) and v.provinces.longest(doc.text, doc.tokens, k) is None


def _starts_body(doc: Doc, k: int) -> bool:
    v, text, tokens = doc.v, doc.text, doc.tokens
    return any(lex.longest(text, tokens, k) for lex in (v.central, v.body_types, v.unit_heads))


def _last_name_token(doc: Doc, i: int, end: int) -> int:
    # The place starts at the level word: find it going back from end.
    for k in range(end - 1, i, -1):
        if doc.v.levels.longest(doc.text, doc.tokens, k):
            return k
    return end


def _surface_expanded(v, text, tokens, i, j) -> str:
    if j <= i:
        return ""
    parts = []
    for k in range(i, j):
        t = tokens[k]
        full = v.abbreviations.get(t.key) if t.text.isupper() and len(t.text) > 1 else None
        word = full or t.text
        if k > i:
            g = text[tokens[k - 1].end:t.start]
            parts.append(" - " if g.strip() in ("-", "–") else (g if g.strip() else " "))
        parts.append(word)
    out = "".join(parts)
    if out[:1].islower():
        out = out[0].upper() + out[1:]
    return out
