"""A title: (role, organization) with qualifiers, as written before or after a name.

``Phó Bí thư Tỉnh ủy`` is the role ``Phó Bí thư`` in ``Tỉnh ủy Cà Mau``; ``Tỉnh ủy viên`` is a
role whose body is implied (``default_body`` in ``roles.tsv``); ``Chủ tịch tỉnh`` is a role
followed by a place, meaning the body ``role_place_bodies.yaml`` names for that level. Of the
readings the lexicons allow, the longest wins and, among equally long ones, the one that splits
role from body (``Chủ tịch`` + ``Quốc hội`` rather than a role ``Chủ tịch Quốc hội`` alone).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..gazetteer import Role
from .doc import Doc, _light_gap, is_name_start, parse_place
from .orgs import OrgHit, _compose, parse_org
from ..text import fold
from .tokens import tokenize


@dataclass(slots=True)
class TitleHit:
    start: int
    end: int
    role: str
    role_entry: Role
    org: OrgHit | None
    qualifiers: list[str] = field(default_factory=list)
    former: bool = False
    #: The body is implied by the role (``Thủ tướng`` → ``Chính phủ``), not named in the text.
    implied: bool = False


def parse_title(doc: Doc, i: int) -> TitleHit | None:
    v, tokens, text = doc.v, doc.tokens, doc.text
    if i >= len(tokens):
        return None
    # Where a run of modifiers was already walked to no role ("nguyên nguyên …"): a walk from
    # any modifier of the run ends at the same token, so the scan does not walk it again.
    no_role = doc.memo.setdefault("title_no_role", set())
    if i in no_role:
        return None
    qualifiers: list[str] = []
    former = False
    j = i
    walked: list[int] = []
    while j < len(tokens):
        mod = v.role_modifiers.longest(text, tokens, j)
        if mod is None:
            break
        end, kind = mod
        if kind == "acting" and j > 0 and tokens[j - 1].key == "ủy":
            break  # "thừa ủy quyền Chủ tịch": by authority of the chairman, not an acting one
        if kind == "former":
            former = True
        else:
            qualifiers.append(kind)
        walked.append(j)
        j = end
    if j >= len(tokens):
        no_role.update(walked)
        return None
    roles = v.roles.matches(text, tokens, j)
    if not roles:
        no_role.update(walked)
        return None
    best: TitleHit | None = None
    for r_end, role in roles:  # longest role first
        org = None
        end = r_end
        if r_end < len(tokens) and _light_gap(text, tokens[r_end - 1], tokens[r_end]):
            org = parse_org(doc, r_end, allow_lower_head=True) or _role_place(doc, role, r_end)
            if org is None and tokens[r_end].key == "của" and r_end + 1 < len(tokens):
                org = parse_org(doc, r_end + 1)
        head = v.role_heads.get(fold(role.name)) if role.name and r_end < len(tokens) else None
        if head is not None:
            # "Bộ trưởng Quốc phòng", "Cục trưởng Cảnh sát giao thông", "Chánh Văn phòng Trung
            # ương Đảng": the role's head word also heads the body, which is named without it.
            # A body already named after the role yields only to a known one that the head
            # completes ("Văn phòng Trung ương Đảng" over "Trung ương Đảng").
            headed = _headed_org(doc, head, r_end, known_only=org is not None)
            if headed is not None and (org is None or headed.end >= org.end):
                org = headed
        if org is None and r_end - j >= 2 and tokens[r_end - 1].key in v.role_final_heads:
            # "Trưởng ban Tuyên giáo Trung ương", "Phó Ban nghiên cứu …": the role's last word
            # is the head of the body's name.
            org = parse_org(doc, r_end - 1, allow_lower_head=True, head_lower_ok=True)
            if org is not None and org.end <= r_end:
                org = None
        if org is not None:
            end = org.end
        hit = TitleHit(i, end, role.name, role, org,
                       list(qualifiers), former)
        # Longest reading wins; at equal length the shorter role with a body named after it
        # ("Chủ nhiệm" + "Tổng cục Chính trị …" rather than "Chủ nhiệm Tổng cục Chính trị" + …).
        # A role that embeds its body ("Chủ tịch Quốc hội", "Ủy viên Bộ Chính trị") yields to the
        # split; one that does not ("Phó Bí thư Thường trực") keeps its longer name.
        if best is None or hit.end > best.end or (
                hit.end == best.end and hit.org is not None
                and (best.org is None or best.role_entry.default_body is not None)):
            best = hit
    if best is not None and best.org is None and best.role_entry.default_body:
        c = v.countries.longest(text, tokens, best.end) if best.end < len(tokens) else None
        if c is not None and c[1] != "Việt Nam" and all(t.cap for t in tokens[best.end:c[0]]):
            # "Thủ tướng Singapore": the same post in another country's body.
            best.org = OrgHit(best.end, c[0], f"{best.role_entry.default_body} {c[1]}", "foreign", None)
            best.end = c[0]
        else:
            best.org = _default_org(doc, best.role_entry.default_body, i)
            best.implied = True
    return best


def _headed_org(doc: Doc, head: str, k: int, known_only: bool = False) -> OrgHit | None:
    """The body ``head`` + the words from token k name, read as one phrase in the article's
    context; None when the text repeats the head itself ("Bộ trưởng Bộ Công an") or a person
    follows. ``known_only``: only a central body of the gazetteer."""
    tokens = doc.tokens
    head_keys = fold(head).split()
    if tokens[k].key == head_keys[0] or not _light_gap(doc.text, tokens[k - 1], tokens[k]) \
            or is_name_start(doc.v, doc.text, tokens, k):
        return None
    hit = _central_after_head(doc, head, k)
    if hit is not None or known_only or not tokens[k].cap:
        return hit
    last = min(len(tokens), k + 24) - 1
    phrase = f"{head} {doc.text[tokens[k].start:tokens[last].end]}"
    sub = Doc(phrase, tokenize(phrase), doc.v, doc.published, hint=doc.hint, within=(doc, k))
    found = parse_org(sub, 0)
    n = len(head_keys)
    if found is None or found.end <= n:
        return None
    st = sub.tokens
    if found.type not in doc.v.body_type_by_id and not found.central and (
            not all(t.cap for t in st[n:found.end]) or
            (found.end < len(st) and not sub.text[st[found.end - 1].end:st[found.end].start].strip())):
        return None  # a unit name read past its capitals ("Cục Cảnh sát … về ma túy") is a guess
    return OrgHit(k, k + found.end - n, found.name, found.type, found.jurisdiction, found.term,
                  found.central)


def _central_after_head(doc: Doc, head: str, k: int) -> OrgHit | None:
    v, text, tokens = doc.v, doc.text, doc.tokens
    if not tokens[k].cap:
        return None
    m = v.central.longest_after(head, text, tokens, k)
    if m is None:
        return None
    end, body = m
    name = body.name
    if end < len(tokens) and _light_gap(text, tokens[end - 1], tokens[end]):
        c = v.countries.longest(text, tokens, end)
        if c is not None and all(t.cap for t in tokens[end:c[0]]) and c[1] != "Việt Nam":
            name, end = f"{name} {c[1]}", c[0]
    return OrgHit(k, end, name, body.type, None, central=True)


def _role_place(doc: Doc, role: Role, k: int) -> OrgHit | None:
    """``Chủ tịch tỉnh``/``Bí thư Hà Nội``: a role followed by a place means a body of that place."""
    v = doc.v
    place = parse_place(v, doc.text, doc.tokens, k)
    if place is not None and place.province is not None and not v.levels.longest(doc.text, doc.tokens, k) \
            and is_name_start(v, doc.text, doc.tokens, k) and place.end - k >= 3:
        return None  # "Chủ tịch Hồ Chí Minh" is the man, not the city's People's Committee
    if place is not None:
        level = place.province.type if place.province else place.level
        name = place.name
        end = place.end
    else:
        lv = v.levels.longest(doc.text, doc.tokens, k)
        if lv is None:
            return None
        level = lv[1]
        end = lv[0]
        name = doc.resolve_bare(level, k)
        if end < len(doc.tokens) and doc.tokens[end].cap and not name:
            return None
    bt_id = v.role_place.get((fold(role.name), level))
    if bt_id is None:
        return None
    bt = v.body_type_by_id.get(bt_id)
    if bt is None:
        return None
    return OrgHit(k, end, _compose(bt, level, name), bt.id, name, unresolved=name is None)


def _default_org(doc: Doc, body: str, at: int) -> OrgHit | None:
    """Resolve a role's implied body (``Tỉnh ủy`` for ``Tỉnh ủy viên``) in this article's context."""
    key = ("default_org", body, at)
    if key not in doc.memo:
        doc.memo[key] = _resolve_body_name(doc, body, at)
    hit = doc.memo[key]
    if hit is None:
        return None
    return OrgHit(at, at, hit.name, hit.type, hit.jurisdiction, central=hit.central,
                  unresolved=hit.unresolved)


def _resolve_body_name(doc: Doc, body: str, at: int) -> OrgHit | None:
    sub = Doc(body, tokenize(body), doc.v, doc.published, hint=doc.hint, within=(doc, at))
    hit = parse_org(sub, 0)
    if hit is None or hit.end != len(sub.tokens):
        return None  # "Đảng ủy" alone names no particular body
    return hit
