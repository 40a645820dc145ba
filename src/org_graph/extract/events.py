"""Reported events (a conference, a session, a visit) with their dates, and who took part.

An event is a sentence that names an event head (``Hội nghị``, ``Kỳ họp``, ``Lễ`` …) or a strong
attendance cue, together with a date the text determines; dates inside a document citation
(``Nghị quyết … ngày 25/10/2013``) are the document's, not an event's.

Attendance comes from cues (``attendance_cues.tsv``): names after a cue that introduces a list
(``Đến dự Hội nghị có …``, ``tham dự có …``) and the name or list of names right before a cue that
follows its subject (``… chủ trì kỳ họp``, ``… phát biểu``). Weak cues (``cho biết``, ``nhấn mạnh``)
count only in an article that reports an event.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from .dates import DateMention
from .cues import cues
from .doc import Doc
from .scan import Item

# Where an event's name ends: punctuation, or the verb or preposition after it.
_PHRASE_END = re.compile(r"[,;:.(]|\s(?:tại|do|với|vào|diễn ra|đã|sẽ|được)\s")
_FUTURE = re.compile(r"\b" + cues().future + r"\b", re.I)
_CEREMONY_HEAD = re.compile(r"\b" + cues().ceremony_heads + r"\b", re.I)
_CEREMONY = re.compile(r"\b" + cues().ceremony + r"\b", re.I)
_BACKGROUND = re.compile(r"\b" + cues().background + r"\b", re.I)
# Cue roles that do not by themselves say an event was reported: weak verbs of saying, and the
# words that only look like a cue ("dự án", "tiếp tục").
_NOT_STRONG = frozenset({"spoke_weak", "none"})
_BRACKETED = re.compile(r"\([^()\n]{1,30}\)")
_WORDS = re.compile(r"\w+")
_JOIN_WORDS = {"và", "cùng", "các", "đồng", "chí", "ông", "bà", "đã", "đến", "với", "cùng với", "đều", "trực", "tiếp"}


@dataclass(slots=True)
class EventHit:
    start: int  # char offsets of the head phrase / sentence
    end: int
    name: str
    date: dt.date | None
    kind: str
    sentence: tuple[int, int]


@dataclass(slots=True)
class Attendance:
    name_item: int
    role: str
    start: int  # char span of the evidence (cue and name)
    end: int
    sentence: tuple[int, int] = field(default=(0, 0))


def find_events(doc: Doc, dates: list[DateMention], doc_spans: list[tuple[int, int]]) -> list[EventHit]:
    text, tokens, v = doc.text, doc.tokens, doc.v
    out: list[EventHit] = []
    sents = doc.sentences
    starts = [t.start for t in tokens]
    keys = v.event_heads.first_keys() | v.cues.first_keys()
    date_starts = [d.start for d in dates]  # dates are in text order
    doc_ends = sorted(b for _, b in doc_spans)
    first_of_kind: dict[str, EventHit] = {}  # the first hit of each kind in out
    kinds_seen = 0  # hits of out already in first_of_kind
    for s, e in sents:
        for hit in out[kinds_seen:]:  # a sentence adds at most one hit
            first_of_kind.setdefault(hit.kind, hit)
        kinds_seen = len(out)
        sdates = [d for d in dates[bisect_left(date_starts, s):bisect_left(date_starts, e)]
                  if not _in_doc(d, doc_ends, text) and not _is_bound(text, d)]
        heads = []
        cue_strong = False
        for i in range(bisect_left(starts, s), bisect_left(starts, e)):
            if tokens[i].key not in keys:
                continue
            h = v.event_heads.longest(text, tokens, i)
            if h is not None and (tokens[i].cap or sdates):
                heads.append((i, h[0], h[1]))
            c = v.cues.longest(text, tokens, i)
            if c is not None and any(role not in _NOT_STRONG for role, _ in c[1]):
                cue_strong = True
        if not heads and not cue_strong:
            continue
        if sdates and _FUTURE.search(text, s, sdates[0].start):
            sdates = []  # "dự kiến … khai mạc ngày 20/7": announced, not reported
        date = sdates[0].date if sdates else None
        if not heads:
            if date is None:
                continue
            out.append(EventHit(s, min(e, s + 120), _clip(text[s:e]), date, "event", (s, e)))
            continue
        i, j, kind = heads[0]
        start = tokens[i].start
        end = _phrase_end(text, start, e)
        if date is None:
            # "Đến dự Hội nghị có …", "Phát biểu tại Hội nghị": the event already reported.
            earlier = first_of_kind.get(kind)
            if earlier is not None:
                out.append(EventHit(earlier.start, earlier.end, earlier.name, earlier.date, kind, (s, e)))
                continue
            if end - start <= len(text[start:tokens[j - 1].end]) + 1 and out:
                continue  # a bare head ("Lễ") names nothing new
        out.append(EventHit(start, end, text[start:end].strip(), date, kind, (s, e)))
    return out


def _clip(s: str, n: int = 120) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[:n].rsplit(" ", 1)[0] + " …"


def _phrase_end(text: str, start: int, limit: int) -> int:
    m = _PHRASE_END.search(text, start, limit)
    end = m.start() if m else limit
    return min(end, start + 200)


def _in_doc(d: DateMention, doc_ends: list[int], text: str) -> bool:
    """A document's number ends at most 12 characters before the date (``doc_ends``: the ends
    of the documents' spans, sorted)."""
    k = bisect_left(doc_ends, d.start - 12)
    return k < len(doc_ends) and doc_ends[k] <= d.start


def _is_bound(text: str, d: DateMention) -> bool:
    """``từ ngày 1/3/2025`` after a retirement or transfer is a tenure bound, not an event."""
    before = text[max(0, d.start - 40):d.start]
    return bool(re.search(r"(?:từ|kể từ|đến|tính đến|trước)\s+(?:ngày\s+)?$", before))


def reports_event(doc: Doc) -> bool:
    """Whether the article reports an event at all (a meeting, a visit …), in any case."""
    v, text, tokens = doc.v, doc.text, doc.tokens
    keys = v.event_heads.first_keys() | v.cues.first_keys()
    for i in range(len(tokens)):
        if tokens[i].key not in keys:
            continue
        if v.event_heads.longest(text, tokens, i):
            return True
        c = v.cues.longest(text, tokens, i)
        if c is not None and any(role not in _NOT_STRONG for role, _ in c[1]):
            return True
    return False


def find_attendance(doc: Doc, items: list[Item], has_event: bool) -> list[Attendance]:
    text, tokens, v = doc.text, doc.tokens, doc.v
    out: list[Attendance] = []
    names = [(x, it) for x, it in enumerate(items) if it.kind in ("name", "short")]
    if not names:
        return out
    chain_end = _chain_ends(items)
    starts = [t.start for t in tokens]
    cue_keys = v.cues.first_keys()
    # Names are in text order, and so are the ends of their chains (a chain stops at the next
    # name): a sentence's names, and those whose chain ends before a cue, are found by bisection.
    name_chars = [tokens[it.start].start for _, it in names]
    name_starts = [it.start for _, it in names]
    name_chain_ends = [chain_end[x] for x, _ in names]
    for s, e in doc.sentences:
        cues = []
        for i in range(bisect_left(starts, s), bisect_left(starts, e)):
            if tokens[i].key not in cue_keys:
                continue
            c = v.cues.longest(text, tokens, i)
            if c is not None:
                cues.append((i, c[0], c[1]))
        if not cues:
            continue
        lo, hi = bisect_left(name_chars, s), bisect_left(name_chars, e)
        # From this token on, every name of the sentence was listed by an earlier cue of the
        # sentence that introduces a list: a later one would list them again, in vain (one
        # attendance per person and event), and a long list with many cues would take n² steps.
        listed_from = len(tokens)
        for ci, cend, readings in cues:
            if all(r == "none" for r, _ in readings):
                continue
            role = readings[0][0]
            positions = {p for _, p in readings}
            weak = all(r == "spoke_weak" for r, _ in readings)
            if weak and not has_event:
                continue
            before_reading = "before_names" in positions and not (
                "after_name" in positions and lo < hi and name_chain_ends[lo] <= ci)
            if before_reading:
                first = bisect_left(name_starts, cend, lo, hi)
                last = min(first + 1, hi) if weak else max(first, bisect_left(name_starts, listed_from, lo, hi))
                for x, it in names[first:last]:
                    if weak and not _right_after(doc, items, cend, x):
                        break  # only "Theo Giám đốc Sở Y tế Nguyễn Tấn Bỉnh, …": the name right after
                    out.append(Attendance(x, role, tokens[ci].start, tokens[it.end - 1].end, (s, e)))
                    if weak:
                        break
                if not weak:
                    listed_from = min(listed_from, cend)
                continue
            # after_name, and before_names cues that also follow a subject ("X chủ trì")
            if "after_name" not in positions:
                continue
            preceding = bisect_right(name_chain_ends, ci, lo, hi)  # names[lo:preceding]
            if preceding == lo:
                continue
            pos = ci
            for y in range(preceding - 1, lo - 1, -1):
                x, it = names[y]
                if pos - chain_end[x] > 4:
                    break  # more than four words between: checked first, the gap may be long
                gap_text = text[tokens[chain_end[x] - 1].end:tokens[pos].start]
                # "Ông A (phải) chúc mừng …": a caption's place in brackets is no gap.
                bare = _BRACKETED.sub(" ", gap_text)
                gap_tokens = [w.lower() for w in _WORDS.findall(bare)]
                if any(k not in _JOIN_WORDS for k in gap_tokens) or ";" in gap_text or len(gap_tokens) > 4:
                    if pos == ci:
                        break
                    break
                out.append(Attendance(x, role, tokens[it.start].start, tokens[ci].end if pos == ci else tokens[it.end - 1].end, (s, e)))
                pos = it.start
                if weak:
                    break
    return out


def _right_after(doc: Doc, items: list[Item], k: int, x: int) -> bool:
    """Name item x follows token k directly, or with only its own title and honorifics between."""
    v, text, tokens = doc.v, doc.text, doc.tokens
    pos = k
    for y in range(bisect_left(items, k, key=lambda it: it.start), len(items)):  # items in order
        it = items[y]
        if it is items[x]:
            break
        if it.kind != "title" or it.start != pos:
            return False
        pos = it.end
    while pos < items[x].start:
        h = v.honorifics.longest(text, tokens, pos)
        if h is None:
            return False
        pos = h[0]
    return pos == items[x].start


def _chain_ends(items: list[Item]) -> dict[int, int]:
    """For each name, the token where its name–title chain ends (titles right after the name)."""
    ends: dict[int, int] = {}
    for x, it in enumerate(items):
        if it.kind not in ("name", "short"):
            continue
        end = it.end
        y = x + 1
        while y < len(items) and items[y].kind in ("title", "org") and items[y].start - end <= 2:
            end = items[y].end
            y += 1
        ends[x] = end
    return ends


def find_ceremony_attendance(doc: Doc, items: list[Item], has_event: bool) -> list[Attendance]:
    """People of a ceremony that hands out posts or ranks (``ceremony_cues``): in an article
    that reports one (``ceremony_heads``), those named in such a sentence took part, before the cue as
    presenters, after it as receivers; sentences of background (``Trước đó, …``) excepted."""
    text, tokens = doc.text, doc.tokens
    if not has_event or _CEREMONY_HEAD.search(text) is None:
        return []
    out: list[Attendance] = []
    names = [(x, it) for x, it in enumerate(items) if it.kind in ("name", "short")]
    starts = [tokens[it.start].start for _, it in names]
    for s, e in doc.sentences:
        lo, hi = bisect_left(starts, s), bisect_left(starts, e)
        if lo == hi:
            continue
        m = _CEREMONY.search(text, s, e)
        if m is None or _BACKGROUND.search(text, s, e) or _FUTURE.search(text, s, m.start()):
            continue
        for x, it in names[lo:hi]:
            a = tokens[it.start].start
            role = "presenter" if a < m.start() else "receiver"
            out.append(Attendance(x, role, a, tokens[it.end - 1].end, (s, e)))
    return out
