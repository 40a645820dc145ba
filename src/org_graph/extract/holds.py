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
from bisect import bisect_left
from dataclasses import dataclass, field

from .cues import cues
from .doc import Doc
from .scan import Item
from .titles import TitleHit

_C = cues()
# What may stand between a name and its first title: punctuation, a parenthesis ("(Sinh năm
# 1971)"), and the verbs of office ("là", "giữ chức", "được điều động, bổ nhiệm làm" …).
_OFFICE_VERBS = (r"(?:(?:được|đã được|vừa được)\s+)?(?:" + _C.appointment + r"(?:\s*(?:,|và)\s*)?)+\s*"
                 r"(?:" + _C.office + r")?")
_POST_SEP = re.compile(
    r"^\s*(?:\([^()\n]{0,60}\)\s*|[^()\n]{0,30}\)\s*)?(?:,|-|–|—|\(|:)?\s*"
    r"(?:(?:hiện|đương kim|hiện là|hiện đang là|nay là|lúc đó là|khi đó là)\s+)?"
    r"(?:(?:" + _OFFICE_VERBS + "|" + _C.office + r")\s*)?[-–,]?\s*$",
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
_FOR_LIST = re.compile(r"đối với\s+(?:các\s+)?(?:ông|bà|đồng chí)(?:\s*,?\s*bà)?\s*:?", re.I)
_SENTENCE_END = re.compile(r"\.(?:\s|$)|\n")
_SENTENCE_ENDS = re.compile(r"\.(?=\s|$)|\n")  # the same starts, none consumed by the one before
_FOR_LIST_AT = re.compile(r"đối với", re.I)  # where a _FOR_LIST match may start
_STARTS = re.compile(r"\b" + _C.appointment, re.I)


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
        """The text between two items, with ranks and honorifics (``Đại tướng``) left out."""
        k = a.end
        parts = []
        last = tokens[a.end - 1].end
        while k < b.start:
            h = doc.v.honorifics.longest(text, tokens, k, limit=b.start)
            if h is None:
                return text[tokens[a.end - 1].end:tokens[b.start].start]
            parts.append(text[last:tokens[k].start])
            last = tokens[h[0] - 1].end
            k = h[0]
        parts.append(text[last:tokens[b.start].start])
        return re.sub(r"(,\s*)+", ", ", "".join(parts))

    pre_of: dict[int, int] = {}  # title item index -> name item index it precedes
    for x, it in enumerate(items):
        if it.kind not in ("name", "short"):
            continue
        # -- title before the name ------------------------------------------------------
        if x > 0 and items[x - 1].kind == "title" and _adjacent(doc, items[x - 1], it) and not (
                "," in text[tokens[items[x - 1].end - 1].end:tokens[it.start].start]
                and _in_post_chain(doc, items, x - 1)):
            y = x - 1
            pre_of[y] = x
            out.append(Assignment(x, items[y].title, [], items[y].title.former))
            while y > 0 and items[y - 1].kind == "title" and _PRE_CHAIN.match(between(items[y - 1], items[y])):
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
    for x, it in enumerate(items):
        if it.kind not in ("name", "short"):
            continue
        # -- titles after the name ------------------------------------------------------
        y = x + 1
        first = True
        before_name = ""
        while y < len(items) and items[y].kind == "title" and y not in pre_of:
            gap = between(items[y - 1], items[y])
            if first:
                m = _POST_SEP.match(gap)
                if not m or gap.strip() == "":
                    break  # "Nguyễn Văn A Giám đốc …" without a separator is not a chain
                quals = []
                before_name = text[max(0, tokens[it.start].start - 40):tokens[it.start].start]
                verb_before = _BEFORE_NAME.search(before_name)
                # "bầu ông X làm Chủ tịch": the verb before the name, the office word in the gap.
                office_gap = bool(re.search(r"\b(?:làm|giữ chức|vào chức)\b", gap, re.I))
                if _ELECTED.search(gap) or (verb_before and office_gap and "bầu" in verb_before.group()):
                    quals.append("elected")
                elif _APPOINTED.search(gap) or (verb_before and office_gap):
                    quals.append("appointed")
            else:
                quals = []
                office = _CHAIN_OFFICE.match(gap)
                if (not _CHAIN_SEP.match(gap) and not office) or ";" in gap:
                    break
                if office:
                    quals = ["elected"] if _ELECTED.search(gap) or "bầu" in before_name else ["appointed"]
                elif _CONCURRENT.search(gap):
                    quals = ["concurrent"]  # "Chủ tịch UBND … kiêm / đồng thời là Chủ tịch …"
            t = items[y].title
            out.append(Assignment(x, t, quals, t.former))
            first = False
            y += 1
    out.extend(_for_lists(doc, items))
    return out


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


def _for_lists(doc: Doc, items: list[Item]) -> list[Assignment]:
    """``bầu bổ sung chức danh Ủy viên UBND tỉnh … đối với các ông: A - …; B - …``."""
    text, tokens = doc.text, doc.tokens
    out: list[Assignment] = []
    # Listed once, when a title asks: where sentences end, where "đối với" stands, where each
    # item starts. A long sentence of titles is then not searched again for each of them.
    ends: list[int] | None = None
    for_at: list[int] = []
    item_chars: list[int] = []
    for y, it in enumerate(items):
        if it.kind != "title":
            continue
        s = tokens[it.start].start
        before = text[max(0, s - 60):s]
        if not re.search(r"chức danh|chức vụ", before[-25:], re.I):
            continue
        if ends is None:
            ends = [e.start() for e in _SENTENCE_ENDS.finditer(text)]
            for_at = [f.start() for f in _FOR_LIST_AT.finditer(text)]
            item_chars = [tokens[i.start].start for i in items]
        sentence_end = _sentence_end(text, tokens[it.end - 1].end, ends)
        verb_zone = before
        former = bool(_ENDS.search(verb_zone))
        started = bool(_STARTS.search(verb_zone))
        if not (former or started):
            continue
        # find "đối với … :" after the title in the same sentence
        m = None  # _FOR_LIST.search(text, tokens[it.end - 1].end, sentence_end), from its candidates
        for c in range(bisect_left(for_at, tokens[it.end - 1].end), len(for_at)):
            if for_at[c] >= sentence_end:
                break
            m = _FOR_LIST.match(text, for_at[c], sentence_end)
            if m:
                break
        if not m:
            continue
        # Items before the list are skipped at once (they all are inside the sentence).
        for x in range(max(y + 1, bisect_left(item_chars, m.end())), len(items)):
            nx = items[x]
            if tokens[nx.start].start >= sentence_end:
                break
            if nx.kind == "name" and tokens[nx.start].start >= m.end():
                # Each entry of the list starts after ":" or ";"
                prev = text[max(m.end(), tokens[nx.start].start - 6):tokens[nx.start].start]
                if tokens[nx.start].start - m.end() < 12 or ";" in prev:
                    out.append(Assignment(x, it.title, ["elected" if started else "dismissed"], former))
    return out


def _sentence_end(text: str, pos: int, ends: list[int] | None = None) -> int:
    """Where the sentence at ``pos`` ends; ``ends``, when given: every position where
    ``_SENTENCE_END`` matches (``_SENTENCE_ENDS``), to bisect instead of searching."""
    if ends is not None:
        k = bisect_left(ends, pos)
        return ends[k] if k < len(ends) else len(text)
    m = _SENTENCE_END.search(text, pos)
    return m.start() if m else len(text)
