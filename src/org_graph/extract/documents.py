"""Numbered documents: ``28-NQ/TW``, ``147/KH-UBND``, ``116/2020/NĐ-CP``, ``80/2015/QH13``, and
``Nghị quyết số 47`` where a type word introduces a bare number.

Type comes from the word before the number or from the code's type part; the date from a
following ``ngày d/m/yyyy``; the issuer from a following ``của <body>`` or, failing that, from
the issuer code (``TTg`` → the Prime Minister of the Government; ``UBND`` → the People's
Committee of the article's province). Party numbers repeat across terms, so a ``khóa`` after the
issuer is kept as the document's term.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .dates import DateMention
from .doc import Doc
from .orgs import OrgHit, parse_org
from .titles import _default_org

_LETTERS = "A-Za-zĐđ"
# 28-NQ/TW, 01-CT/TW, 36-HD/BTCTW  |  147/KH-UBND, 116/2020/NĐ-CP, 1159/UBND-VX3, 80/2015/QH13
_CODE = re.compile(
    rf"(?<![\w/])(\d{{1,5}})(?:"
    rf"-([{_LETTERS}]{{1,6}})/([{_LETTERS}][{_LETTERS}0-9&]*(?:-[{_LETTERS}0-9]+)*)"
    rf"|/((?:19|20)\d{{2}}/)?([{_LETTERS}][{_LETTERS}0-9&]*)(?:-([{_LETTERS}][{_LETTERS}0-9&]*(?:-[{_LETTERS}0-9]+)*))?"
    rf")(?![\w/])"
)
_LEAD = re.compile(r"\d+[-/]?")
_BARE = re.compile(r"\s+(?:số\s+)?(\d{1,5})(?=\s+ngày\b|\s+của\b|[\s,.;)]|$)")


@dataclass(slots=True)
class DocHit:
    start: int  # char offsets
    end: int
    number: str
    type: str | None
    date: dt.date | None
    issuer: OrgHit | None
    issuer_role: str | None
    term: str | None


def find_documents(doc: Doc, dates: list[DateMention]) -> list[DocHit]:
    v, text = doc.v, doc.text
    out: list[DocHit] = []
    seen_spans: list[tuple[int, int]] = []
    for m in _CODE.finditer(text):
        number = m.group(0)
        party_type, party_issuer = m.group(2), m.group(3)
        year, state_a, state_b = m.group(4), m.group(5), m.group(6)
        code_type = None
        issuer_code = None
        if party_type:
            code_type, issuer_code = party_type, party_issuer
        elif state_b:
            # "147/KH-UBND": type then issuer; "1159/UBND-VX3": issuer then its unit.
            if state_a in v.gz.doc_types or state_a.upper() in v.gz.doc_types:
                code_type, issuer_code = state_a, state_b
            else:
                issuer_code = state_a
        else:
            # "80/2015/QH13" (a law or a resolution of the National Assembly): issuer only.
            if not year and not _known_issuer(v, state_a):
                continue
            issuer_code = state_a
        if code_type is None and issuer_code is None:
            continue
        if code_type and code_type not in v.gz.doc_types and code_type.upper() not in v.gz.doc_types:
            continue
        type_word = _type_before(doc, m.start())
        type_name = type_word or (v.gz.doc_types.get(code_type, v.gz.doc_types.get((code_type or "").upper(), (None,)))[0]
                                  if code_type else None)
        if type_name is None and issuer_code is None:
            continue
        out.append(_finish(doc, m.start(), m.end(), number, type_name, issuer_code, dates))
        seen_spans.append((m.start(), m.end()))
    # "Nghị quyết số 47 ngày 13/12/2019": a type word, then a bare number.
    # The coded numbers found so far (in text order, not overlapping), and each one's type with
    # its leading number and separator ("281/" of "281/QĐ-TTg"): bare numbers are then looked up.
    seen_starts = [a for a, _ in seen_spans]
    coded = {(h.type, _LEAD.match(h.number).group()) for h in out}
    for word_end, type_name, word_start in _type_words(doc):
        bm = _BARE.match(text, word_end)
        if not bm:
            continue
        s, e = bm.start(1), bm.end(1)
        k = bisect_right(seen_starts, s) - 1
        if k >= 0 and s < seen_spans[k][1]:
            continue
        has_so = "số" in text[word_end:s]
        follows = text[e:e + 8]
        if (type_name, bm.group(1) + "/") in coded or (type_name, bm.group(1) + "-") in coded:
            continue  # "Quyết định 281" after "Quyết định 281/QĐ-TTg": the same document
        if not has_so and not follows.lstrip().startswith(("ngày", "của")):
            continue
        out.append(_finish(doc, s, e, bm.group(1), type_name, None, dates))
    out.sort(key=lambda d: d.start)
    return out


def _known_issuer(v, code: str) -> bool:
    return _issuer_entry(v, code) is not None


def _issuer_entry(v, code: str):
    codes = v.gz.issuer_codes
    if code in codes:
        return codes[code]
    base = re.sub(r"\d+$", "", code)
    return codes.get(base)


def _type_words(doc: Doc):
    tokens, text, v = doc.tokens, doc.text, doc.v
    first = v.doc_words.first_keys()
    for i in range(len(tokens)):
        if tokens[i].key not in first:
            continue
        m = v.doc_words.longest(text, tokens, i)
        if m:
            yield tokens[m[0] - 1].end, m[1], tokens[i].start


def _type_before(doc: Doc, char_pos: int) -> str | None:
    """The type word right before a number: ``Nghị quyết số 28-NQ/TW``, ``Thông tư 25/2020/…``."""
    tokens, text, v = doc.tokens, doc.text, doc.v
    # Find the token index just before char_pos.
    k = _token_before(tokens, char_pos)
    if k is None:
        return None
    if tokens[k].key == "số" and text[tokens[k].end:char_pos].strip() in ("", ":"):
        k -= 1
    elif text[tokens[k].end:char_pos].strip():
        return None
    for start in range(max(0, k - 4), k + 1):
        m = v.doc_words.longest(text, tokens, start)
        if m and m[0] == k + 1:
            return m[1]
    return None


def _token_before(tokens, char_pos: int) -> int | None:
    lo, hi = 0, len(tokens) - 1
    best = None
    while lo <= hi:
        mid = (lo + hi) // 2
        if tokens[mid].end <= char_pos:
            best = mid
            lo = mid + 1
        else:
            hi = mid - 1
    return best


def _token_after(tokens, char_pos: int) -> int | None:
    for_idx = _token_before(tokens, char_pos)
    k = 0 if for_idx is None else for_idx + 1
    return k if k < len(tokens) else None


def _finish(doc: Doc, start: int, end: int, number: str, type_name: str | None,
            issuer_code: str | None, dates: list[DateMention]) -> DocHit:
    text, tokens, v = doc.text, doc.tokens, doc.v
    date = None
    pos = end
    # "ngày 25/10/2013" right after the number (dates are in text order: start at the first one
    # at pos, stop past pos + 8).
    for x in range(bisect_left(_date_starts(doc, dates), pos), len(dates)):
        d = dates[x]
        if d.start - pos > 8:
            break
        if d.start >= pos and d.start - pos <= 8 and text[pos:d.start].strip() in ("", "ngày") \
                and d.explicit_year:
            date = d.date
            pos = d.end
            break
    issuer = None
    issuer_role = None
    term = None
    k = _token_after(tokens, pos)
    if k is not None and tokens[k].key == "của" and text[pos:tokens[k].start].strip() in ("", ","):
        role = v.roles.longest(text, tokens, k + 1)
        org = parse_org(doc, k + 1)
        if role is not None and (org is None or org.start != k + 1):
            # "của Thủ tướng Chính phủ": a post issues it; the body is the post's organization.
            org = parse_org(doc, role[0]) or (_default_org(doc, role[1].default_body, k + 1)
                                              if role[1].default_body else None)
            issuer_role = role[1].name
        if org is not None:
            issuer = org
            term = org.term
    if issuer is None or date is None:
        # "Ngày 31/8/2018, Chính phủ ban hành Nghị quyết 115/NQ-CP": the sentence gives the date
        # and its subject the issuer.
        subj, subj_date = _subject_issuer(doc, start, dates)
        if issuer is None and subj is not None:
            issuer = subj
        if date is None and subj_date is not None:
            date = subj_date
    if issuer is None and issuer_code:
        entry = _issuer_entry(v, issuer_code)
        if entry is not None:
            name, kind = entry
            if kind == "local":
                issuer = _default_org(doc, name, _token_after(tokens, start) or 0)
                if issuer is not None and issuer.jurisdiction is None:
                    issuer = None
            else:
                issuer = _default_org(doc, name, _token_after(tokens, start) or 0)
        qh = re.search(r"QH(\d+)$", issuer_code)
        if qh:
            term = f"khóa {_roman(int(qh.group(1)))}"
    return DocHit(start, end, _canonical_number(number), type_name, date, issuer, issuer_role, term)


_ISSUE_VERB = re.compile(r"(?:đã|vừa|mới)?\s*(?:ban hành|có|ký|ký ban hành|công bố|phát hành|ra)\s*$", re.I)


def _subject_issuer(doc: Doc, start: int, dates: list[DateMention]) -> tuple[OrgHit | None, dt.date | None]:
    text, tokens = doc.text, doc.tokens
    k = _token_before(tokens, start)
    if k is None:
        return None, None
    # Back over the type word and "số".
    while k >= 0 and (doc.v.doc_words.longest(text, tokens, k) is None) and start - tokens[k].start < 30:
        k -= 1
    if k < 0:
        return None, None
    sent_start = _sentence_start(doc, tokens[k].start)
    m = _issue_verb(text, sent_start, tokens[k].start)
    if not m:
        return None, None
    verb_at = m.start()
    issuer = None
    for i in range(max(0, k - 14), k):
        if tokens[i].start < sent_start:
            continue
        o = parse_org(doc, i)
        if o is not None and o.end <= len(tokens) and text[tokens[o.end - 1].end:verb_at].strip() == "":
            issuer = o
            break
    date = None
    last = bisect_left(_date_starts(doc, dates), verb_at) - 1  # the last date before the verb
    if last >= 0 and dates[last].start >= sent_start:
        date = dates[last].date
    return issuer, date


def _date_starts(doc: Doc, dates: list[DateMention]) -> list[int]:
    """Where the dates start (they are in text order), computed once per article."""
    memo = doc.memo.get("date_starts")
    if memo is None or memo[0] is not dates:
        memo = doc.memo["date_starts"] = (dates, [d.start for d in dates])
    return memo[1]


def _sentence_start(doc: Doc, pos: int) -> int:
    """Just after the last ". " or line break before ``pos`` (0 when none): the positions of
    both are listed once per article, so that each number does not search its sentence again."""
    marks = doc.memo.get("sentence_marks")
    if marks is None:
        text = doc.text
        marks = doc.memo["sentence_marks"] = ([m.start() for m in re.finditer(r"\. ", text)],
                                              [m.start() for m in re.finditer(r"\n", text)])
    dots, breaks = marks
    d = bisect_right(dots, pos - 2) - 1  # ". " wholly before pos
    b = bisect_right(breaks, pos - 1) - 1
    return max(dots[d] if d >= 0 else -1, breaks[b] if b >= 0 else -1) + 1


def _issue_verb(text: str, start: int, end: int) -> re.Match | None:
    """``_ISSUE_VERB`` searched in ``text[start:end]``, looking only at its tail: a match ends
    at ``end`` with the verb (at most 11 characters) before trailing spaces, and may begin only
    with spaces and ``đã``/``vừa``/``mới`` before the verb. Offsets are the text's."""
    tail = end
    while tail > start and text[tail - 1].isspace():
        tail -= 1
    w = max(start, tail - 11)
    while w > start and text[w - 1].isspace():
        w -= 1
    return _ISSUE_VERB.search(text, max(start, w - 3), end)


def _canonical_number(number: str) -> str:
    return re.sub(r"\s+", "", number)


def _roman(n: int) -> str:
    vals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for val, sym in vals:
        while n >= val:
            out += sym
            n -= val
    return out
