"""Which titles belong to which name.

* title–name order: ``Chủ tịch UBND tỉnh Phạm Anh Tuấn``, with the chain of titles before it
  joined by commas or ``kiêm`` (``Ủy viên Bộ Chính trị, Bí thư Thành ủy Hà Nội Đinh Tiến Dũng``);
  a plural title (``các Phó Chủ tịch HĐND tỉnh A, B``) goes to every name of the list;
* name–title order: ``Huỳnh Quốc Việt, Ủy viên …, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh``, or
  after ``-``, ``(``, ``là``, ``giữ chức``, ``làm``; the chain runs while titles follow titles;
* ``bầu/miễn nhiệm chức danh X … đối với các ông: A, B``: the title goes to the listed names.

A title that directly precedes a name belongs to that name, never to the one before it.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from ..text import fold
from .cues import cues
from .doc import Doc
from .scan import Item
from .titles import TitleHit

_C = cues()
# What may stand between a name and its first title: punctuation, a parenthesis ("(Sinh năm
# 1971)"), and the verbs of office ("là", "giữ chức", "được điều động, bổ nhiệm làm" …).
_ADV = r"(?:" + _C.adverbs + r"\s+)*"
_OFFICE_VERBS = (r"(?:" + _ADV + r"(?:" + _C.appointment + r")(?:\s*(?:,|và)\s*)?)+\s*" + _ADV +
                 r"(?:" + _C.office + r")?")
# "ông A từng giữ các chức vụ: …", "đã từng trải qua các vị trí công tác như …"
_CAREER = (r"(?:đã\s+)?" + _C.career_verbs + r"(?:\s+(?:các|nhiều))?(?:\s+" + _C.career_objects +
           r")?(?:\s+(?:như|là|gồm))?\s*:?")
_CAREER_GAP = re.compile(r"\b" + _CAREER + r"\s*$", re.I)
_POST_SEP = re.compile(
    r"^\s*(?:\([^()\n]{0,60}\)\s*|[^()\n]{0,30}\)\s*)?"
    # "ông Trần Phong, sinh năm 1974, giữ chức …": a birth year between commas
    r"(?:,\s*(?:sinh năm|sinh ngày|SN|năm sinh)\s*[\d/.]{4,10}\s*)?(?:,|-|–|—|\(|:)?\s*"
    r"(?:(?:hiện|đương kim|hiện là|hiện đang là|nay là|lúc đó là|khi đó là)\s+)?"
    r"(?:(?:" + _CAREER + "|" + _OFFICE_VERBS + "|" + _ADV + _C.office + "|" + _ADV + "(?:xin\\s+)?" + _C.end + r"(?:\s+" + _C.office + r")?)\s*)?[-–,]?\s*$",
    re.I)
# Between two titles of one chain: a comma, "kiêm" …, and at most three lower-case words that
# finish the first title ("Bí thư Đảng ủy cơ quan, Chủ tịch …").
_CHAIN_SEP = re.compile(r"^(?:(?:\s+[a-zà-ỹđ]+){1,3}\s*[,;]|\s*[,;]?)\s*"
                        r"(?:" + _C.concurrent + r"(?:\s+là)?|và|,|-|–|(?:cũng|và) là)?\s*$")
_CONCURRENT = re.compile(r"\b" + _C.concurrent + r"\b", re.I)
# "ông X - nguyên Bộ trưởng … - giữ chức Phó Trưởng Ban …": a new office after a former one.
_CHAIN_OFFICE = re.compile(r"^\s*[-–,]?\s*(?:" + _OFFICE_VERBS + r"|giữ chức(?: vụ)?|làm)\s*$", re.I)
_BEFORE_NAME = re.compile(_C.appointment + r"[^.;:\n]{0,20}$", re.I)
_PRE_CHAIN = re.compile(r"^\s*(?:,|kiêm|,\s*kiêm)\s*$", re.I)
_ELECTED = re.compile(r"(?:được\s+)?" + _C.election, re.I)
_APPOINTED = re.compile(_C.appointment + r"|giữ chức", re.I)
_PLURAL = re.compile(r"(?:các|hai|ba|bốn|\d+)\s*$", re.I)
_LIST_JOIN = re.compile(r"^\s*(?:,|và|;)\s*$")
_ENDS = re.compile(_C.end, re.I)
_SENTENCE_END = re.compile(r"\.(?:\s|$)|\n")
_SENTENCE_ENDS = re.compile(r"\.(?=\s|$)|\n")  # the same starts, none consumed by the one before
_STARTS = re.compile(r"\b" + _C.appointment, re.I)
_REELECTED = re.compile(_C.reelection, re.I)
_RETIRED = re.compile(r"\b" + _C.retirement + r"\b", re.I)
_TRANSFERRED = re.compile(r"\b" + _C.transfer + r"\b", re.I)
# "được điều động, bổ nhiệm giữ chức …": a transfer to a post named next, not only a departure.
_STARTS_AFTER = re.compile(r"\b(?:bổ nhiệm|" + _C.office + r")\b", re.I)
# "Thay mặt Thủ tướng Chính phủ, …", "Thừa ủy quyền của Chủ tịch nước và Thủ tướng Chính phủ, …"
_PRINCIPAL = re.compile(r"(?:^|[\s,(])" + _C.principal + r"\s*(?:(?:[^\s,.;:]+\s+){0,6}?và\s+)?$", re.I)
# Between a plural title and the list of its holders: "3 Phó Chủ tịch UBND tỉnh là các ông:",
# "3 Phó Bí thư Tỉnh ủy khóa mới gồm các đồng chí:" (honorifics are already left out).
_COPULA = re.compile(r"^[\s,]*(?:(?:(?:khóa|khoá|nhiệm kỳ)\s+mới|đương nhiệm|hiện nay|hiện tại)\s*,?\s*)?(" +
                     _C.list_copulas + r")[\s,:]*(các|những)?[\s,:]*$", re.I)
# What may stand between the items of one list: separators, brackets, a term ("nhiệm kỳ
# 2011- 2016", "khóa XVI") and "và"; a name entry needs a separator before it.
_LIST_GAP = re.compile(r"^(?:\s|[,;:()\-–—]|\bvà\b|\bcùng\b|\bnhiệm kỳ\b|\bkhóa\b|\bkhoá\b|\d+|\b[IVXLC]+\b)*$",
                       re.I)
_ENTRY_SEP = re.compile(r"[,;]|\bvà\b", re.I)
_NAMES_JOIN = re.compile(r"^\s*(?:,|và|,\s*và)\s*$", re.I)
_FOR = re.compile(r"đối với\s*:?\s*(?:[^.;:\n]{0,40}?\b(?:gồm|là)\b)?\s*(?:các|những)?\s*:?\s*", re.I)


@dataclass(slots=True)
class Assignment:
    name_item: int  # index in items
    title: TitleHit
    qualifiers: list[str] = field(default_factory=list)
    former: bool = False


def assign(doc: Doc, items: list[Item]) -> list[Assignment]:
    text, tokens = doc.text, doc.tokens
    out: list[Assignment] = []

    def between(a: Item, b: Item) -> str:
        """The text between two items, with ranks and honorifics (``Đại tướng``) left out when
        nothing else stands there."""
        return _gap(doc, a, b, anywhere=False)

    def plain_gap(a: Item, b: Item) -> str:
        """The text between two items with every honorific and rank left out, wherever it
        stands ("gồm các ông: " -> "gồm các : ")."""
        return _gap(doc, a, b, anywhere=True)

    def principal(y: int) -> bool:
        """Title y is the post of someone on whose behalf or to whom the next person acts."""
        s = tokens[items[y].start].start
        return bool(_PRINCIPAL.search(text, max(0, s - 60), s))

    pre_of: dict[int, int] = {}  # title item index -> name item index it precedes
    for x, it in enumerate(items):
        if it.kind not in ("name", "short"):
            continue
        # -- title before the name ------------------------------------------------------
        if x > 0 and items[x - 1].kind == "title" and _adjacent(doc, items[x - 1], it) and not (
                "," in text[tokens[items[x - 1].end - 1].end:tokens[it.start].start]
                and (_in_post_chain(doc, items, x - 1) or principal(x - 1))):
            y = x - 1
            pre_of[y] = x
            out.append(Assignment(x, items[y].title, [], items[y].title.former))
            while y > 0 and items[y - 1].kind == "title" and _PRE_CHAIN.match(between(items[y - 1], items[y])) \
                    and not principal(y - 1):
                y -= 1
                pre_of[y] = x
                out.append(Assignment(x, items[y].title, [], items[y].title.former))
            # plural title: "các Phó Chủ tịch HĐND tỉnh A, B và C"
            before = text[max(0, tokens[items[x - 1].start].start - 12):tokens[items[x - 1].start].start]
            if _PLURAL.search(before):
                z = x
                while z + 1 < len(items) and items[z + 1].kind == "name" and _LIST_JOIN.match(between(items[z], items[z + 1])):
                    z += 1
                    out.append(Assignment(z, items[x - 1].title, [], items[x - 1].title.former))
    titled = set(pre_of.values())
    for x, it in enumerate(items):
        if it.kind not in ("name", "short"):
            continue
        # -- titles after the name ------------------------------------------------------
        y = x + 1
        first = True
        ended = career = False
        before_name = ""
        while y < len(items) and items[y].kind == "title" and y not in pre_of:
            gap = between(items[y - 1], items[y])
            if first:
                m = _POST_SEP.match(gap)
                if not m or (gap.strip() == "" and not _rank_led(doc, it, x, titled)):
                    break  # "Nguyễn Văn A Giám đốc …" without a separator is not a chain
                quals = []
                before_name = text[max(0, tokens[it.start].start - 40):tokens[it.start].start]
                verb_before = _BEFORE_NAME.search(before_name)
                # "bầu ông X làm Chủ tịch": the verb before the name, the office word in the gap.
                office_gap = bool(re.search(r"\b(?:làm|giữ chức|vào chức)\b", gap, re.I))
                if _REELECTED.search(gap):
                    quals.append("re-elected")
                elif _ELECTED.search(gap) or (verb_before and office_gap and "bầu" in verb_before.group()):
                    quals.append("elected")
                elif _APPOINTED.search(gap) or (verb_before and office_gap):
                    quals.append("appointed")
                career = bool(_CAREER_GAP.search(gap))
                if career:
                    quals = ["career"]
                ended = bool(_ENDS.search(gap))
                if ended:
                    # "ông A thôi giữ chức Chủ tịch", "được cho thôi nhiệm vụ …": a post left.
                    quals = ["dismissed"]
                if quals or office_gap:
                    # "Ông A và bà B được bầu giữ chức Phó Chủ tịch": the frame takes the list.
                    z = x
                    while z > 0 and items[z - 1].kind in ("name", "short") and \
                            _NAMES_JOIN.match(plain_gap(items[z - 1], items[z])):
                        z -= 1
                        out.append(Assignment(z, items[y].title, list(quals), items[y].title.former or ended))
            else:
                quals = []
                office = _CHAIN_OFFICE.match(gap)
                if (not _CHAIN_SEP.match(gap) and not office) or ";" in gap:
                    break
                if office:
                    quals = ["re-elected"] if _REELECTED.search(gap) else (
                        ["elected"] if _ELECTED.search(gap) or "bầu" in before_name else ["appointed"])
                elif _CONCURRENT.search(gap):
                    quals = ["concurrent"]  # "Chủ tịch UBND … kiêm / đồng thời là Chủ tịch …"
            t = items[y].title
            former = t.former or (first and ended) or career
            if career:
                quals = sorted(set(quals) | {"career"})
            out.append(Assignment(x, t, quals, former))
            first = False
            y += 1
    out.extend(_for_lists(doc, items, plain_gap))
    out.extend(_copula_lists(doc, items, plain_gap))
    _departures(doc, items, out)
    return out


def _departures(doc: Doc, items: list[Item], out: list[Assignment]) -> None:
    """``ông A - Giám đốc Sở X, nghỉ hưu theo chế độ từ ngày 1/3``, ``… do được điều động nhận
    nhiệm vụ mới``: the posts named before the words of leaving, up to the next person, are
    left by retirement (``retired``) or transfer (``transferred``)."""
    text, tokens = doc.text, doc.tokens
    name_starts = sorted(tokens[it.start].start for it in items if it.kind in ("name", "short"))
    for a in out:
        t_end = tokens[a.title.end - 1].end
        stop = _sentence_end(text, t_end, _ends(doc))
        k = bisect_right(name_starts, t_end)
        if k < len(name_starts):
            stop = min(stop, name_starts[k])
        if _RETIRED.search(text, t_end, stop):
            a.qualifiers = sorted(set(a.qualifiers) | {"retired"})
        elif _TRANSFERRED.search(text, t_end, stop) and not _STARTS_AFTER.search(text, t_end, stop):
            a.qualifiers = sorted(set(a.qualifiers) | {"transferred"})


def list_members(doc: Doc, items: list[Item], x: int, stop: int, between) -> list[int]:
    """The name items of the list that starts at name item x, up to character ``stop``:
    ``A, B và C``; ``A (Phó Bí thư …), B (…) và C``; ``A- Giám đốc Sở X, B- Giám đốc Sở Y``.
    Each entry's own titles may stand between the names; a name needs a separator before it.
    ``between`` must leave honorifics out wherever they stand (``plain_gap``)."""
    tokens = doc.tokens
    members = [x]
    y = x + 1
    while y < len(items) and tokens[items[y].start].start < stop:
        gap = between(items[y - 1], items[y])
        if not _LIST_GAP.match(gap):
            # "A - nguyên Giám đốc …, do được điều động nhận nhiệm vụ mới; ông B - …": an entry
            # may end with words of its own; the next one starts after the semicolon.
            # Only words, no other title or body, may stand in that tail: another frame's title
            # ends the list.
            if items[y].kind not in ("name", "short") or ";" not in gap or \
                    not _LIST_GAP.match(gap.rsplit(";", 1)[1]):
                break
            members.append(y)
            y += 1
            continue
        if items[y].kind in ("name", "short"):
            if not _ENTRY_SEP.search(gap):
                break
            members.append(y)
        y += 1
    return members


# Bodies whose "gồm" lists their members (committees, councils, the Politburo), not a
# delegation's or a company's staff.
_MEMBER_KINDS = frozenset({"party", "assembly", "state"})
_MEMBER_CENTRAL = frozenset({"party_central", "party_committee", "assembly_body", "government"})


def _has_members(doc: Doc, type_id: str | None) -> bool:
    bt = doc.v.body_type_by_id.get(type_id or "")
    return (bt is not None and bt.kind in _MEMBER_KINDS) or type_id in _MEMBER_CENTRAL


def _copula_lists(doc: Doc, items: list[Item], between) -> list[Assignment]:
    """``3 Phó Chủ tịch UBND tỉnh là các ông: A, B và C``, ``Các phó chủ tịch UBND tỉnh gồm ông A,
    B, C``, ``Chủ tịch là ông A``: a title, a copula, then its holder or (plural) holders."""
    text, tokens = doc.text, doc.tokens
    out: list[Assignment] = []
    member = doc.v.gz.roles.get(fold("Ủy viên"))
    for y, it in enumerate(items[:-1]):
        nxt = items[y + 1]
        if it.kind not in ("title", "org") or nxt.kind not in ("name", "short"):
            continue
        m = _COPULA.match(between(it, nxt))
        if not m or _in_post_chain(doc, items, y):
            continue
        if it.kind == "org":
            # "Ban Thường vụ Tỉnh ủy gồm các đồng chí: A, B, C": the members of a body.
            if m.group(1).lower() == "là" or member is None or it.org.unresolved \
                    or not _has_members(doc, it.org.type):
                continue
            title = TitleHit(it.start, it.end, member.name, member, it.org)
            stop = _sentence_end(text, tokens[nxt.start].start, _ends(doc))
            for z in list_members(doc, items, y + 1, stop, between):
                out.append(Assignment(z, title, [], False))
            continue
        s = tokens[it.start].start
        before = text[max(0, s - 14):s]
        plural = bool(_PLURAL.search(before)) or m.group(1).lower() != "là" or bool(m.group(2))
        stop = _sentence_end(text, tokens[nxt.start].start, _ends(doc))
        members = list_members(doc, items, y + 1, stop, between) if plural else [y + 1]
        clause = text[max(0, s - 60):s]
        quals = ["elected"] if _ELECTED.search(clause) else (["appointed"] if _APPOINTED.search(clause) else [])
        for z in members:
            out.append(Assignment(z, it.title, quals, it.title.former))
    return out


def _gap(doc: Doc, a: Item, b: Item, anywhere: bool) -> str:
    text, tokens = doc.text, doc.tokens
    k = a.end
    parts = []
    last = tokens[a.end - 1].end
    while k < b.start:
        h = doc.v.honorifics.longest(text, tokens, k, limit=b.start)
        if h is None:
            if not anywhere:
                return text[tokens[a.end - 1].end:tokens[b.start].start]
            k += 1
            continue
        parts.append(text[last:tokens[k].start])
        last = tokens[h[0] - 1].end
        k = h[0]
    parts.append(text[last:tokens[b.start].start])
    out = "".join(parts)
    return out if anywhere else re.sub(r"(,\s*)+", ", ", out)


def _rank_led(doc: Doc, name: Item, x: int, titled: set[int]) -> bool:
    """``Đại tướng Phan Văn Giang Bộ trưởng Bộ Quốc phòng,``: a name led by a rank or honorific
    and given no title before it may take one right after it, without a comma."""
    if x in titled or name.name is None or name.name.led_by != "honorific":
        return False
    k = name.end
    return k < len(doc.tokens) and doc.text[doc.tokens[k - 1].end:doc.tokens[k].start] == " "


def _adjacent(doc: Doc, title: Item, name: Item) -> bool:
    """Only spaces, honorifics or ranks between a title and a name."""
    tokens, text, v = doc.tokens, doc.text, doc.v
    k = title.end
    gap = text[tokens[title.end - 1].end:tokens[k].start] if k < len(tokens) else ""
    if gap.strip() not in ("", ","):
        return False
    while k < name.start:
        h = v.honorifics.longest(text, tokens, k)
        if h is None:
            return False
        k = h[0]
    if gap.strip() == "," and k == title.end:
        return False
    return k == name.start


def _in_post_chain(doc: Doc, items: list[Item], y: int) -> bool:
    """Title y follows a name (``A - Giám đốc Sở X, Thiếu tướng B - …``): it is A's, not B's."""
    text, tokens = doc.text, doc.tokens
    k = y
    while k > 0 and items[k - 1].kind == "title" and _CHAIN_SEP.match(
            text[tokens[items[k - 1].end - 1].end:tokens[items[k].start].start]):
        k -= 1
    if k == 0 or items[k - 1].kind not in ("name", "short"):
        return False
    return bool(_POST_SEP.match(text[tokens[items[k - 1].end - 1].end:tokens[items[k].start].start]))


def _for_lists(doc: Doc, items: list[Item], between) -> list[Assignment]:
    """``bầu bổ sung chức danh Ủy viên UBND tỉnh … đối với các ông: A - …; B - …``, ``phê chuẩn
    kết quả bầu Phó chủ tịch UBND tỉnh … đối với: bà A, …; ông B, ông C``: a verb of office, the
    title, then ``đối với`` and the list of the people it is done to."""
    text, tokens = doc.text, doc.tokens
    out: list[Assignment] = []
    for y, it in enumerate(items):
        if it.kind != "title":
            continue
        s = tokens[it.start].start
        before = text[max(0, s - 60):s]
        sent_start = max(before.rfind(". "), before.rfind("\n"), before.rfind(";"))
        verb_zone = before[sent_start + 1:] if sent_start >= 0 else before
        if not re.search(r"chức danh|chức vụ", verb_zone[-25:], re.I) and not (
                _STARTS.search(verb_zone[-30:]) or _ENDS.search(verb_zone[-30:])):
            continue
        former = bool(_ENDS.search(verb_zone))
        started = bool(_STARTS.search(verb_zone))
        if not (former or started):
            continue
        sentence_end = _sentence_end(text, tokens[it.end - 1].end, _ends(doc))
        # "đối với" right after the title (and its term), in the same sentence
        m = _FOR.search(text, tokens[it.end - 1].end, min(sentence_end, tokens[it.end - 1].end + 40))
        if not m:
            continue
        first = next((x for x in range(y + 1, len(items)) if items[x].kind in ("name", "short")
                      and tokens[items[x].start].start >= m.end()), None)
        if first is None or tokens[items[first].start].start - m.end() > 16 or \
                tokens[items[first].start].start >= sentence_end:
            continue
        if former:
            quals = ["dismissed"]
        elif _REELECTED.search(verb_zone):
            quals = ["re-elected"]
        else:
            quals = ["elected"] if _ELECTED.search(verb_zone) else ["appointed"]
        for x in list_members(doc, items, first, sentence_end, between):
            out.append(Assignment(x, it.title, quals, former))
    return out


def _ends(doc: Doc) -> list[int]:
    """Every position where a sentence ends, listed once per article: bisected, never searched
    again from each title (a long text without full stops would make that quadratic)."""
    ends = doc.memo.get("holds_sentence_ends")
    if ends is None:
        ends = doc.memo["holds_sentence_ends"] = [e.start() for e in _SENTENCE_ENDS.finditer(doc.text)]
    return ends


def _sentence_end(text: str, pos: int, ends: list[int] | None = None) -> int:
    """Where the sentence at ``pos`` ends; ``ends``, when given: every position where
    ``_SENTENCE_END`` matches (``_SENTENCE_ENDS``), to bisect instead of searching."""
    if ends is not None:
        k = bisect_left(ends, pos)
        return ends[k] if k < len(ends) else len(text)
    m = _SENTENCE_END.search(text, pos)
    return m.start() if m else len(text)
