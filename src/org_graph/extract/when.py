"""When each title holds: the date, its basis, the term and a given start of every ``holds``/``held``.

A pure function over the finished extraction (relations with spans into the original text), the
article's :class:`~org_graph.extract.doc.Doc` (normalised text, sentences), its date mentions
(:mod:`~org_graph.extract.dates`), the documents and the events found in it. The date a fact is
attested on is, in this order (``date_basis``):

* ``clause``: a date expression of the same sentence, before the title (``Ngày 13/11, HĐND tỉnh …
  bầu ông X``; ``Chiều 31/12 … công bố``), or after it as a time of day (``… trao quyết định vào
  chiều 11/9``);
* ``event``: the date of the event the sentence reports, else of the article's main (first dated)
  reported event;
* ``published``: the article's publication day;
* ``inferred``: the article's date inferred from its text (only its year, when its own dates
  agree on one), as ``YYYY``;
* otherwise undated.

Never a cited document's date (``Nghị quyết số 28-NQ/TW ngày 25/10/2013``), a birth date, nor a
bound (``từ ngày …``: that is a start, ``since``, when it follows a current title; after a former,
dismissed, retired or transferred title it is the day the end takes effect, and that title's
date). ``term`` is the ``nhiệm kỳ YYYY-YYYY`` or ``khóa X`` written right after the title.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right

from ..model import Extraction
from ..text import Text
from .dates import DateMention, is_bound, is_document_date, text_year
from .doc import Doc

_BIRTH = re.compile(r"(?:sinh|SN|s\.)\s*(?:ngày\s*)?(?:năm\s*)?$", re.I)
# A date after the title counts only as the time of the act: "vào chiều 11/9", "ngày 25-5".
_AFTER_TIME = re.compile(r"(?:^|\s)(?:vào\s+)?(?:sáng|chiều|tối|trưa|ngày|hôm)\s*$", re.I)
_FUTURE = re.compile(r"\b(?:dự kiến|sẽ|dự định)\b", re.I)
_RANGE = re.compile(r"^\d{1,2}\s*-\s*\d{1,2}\s*[/.]")
_TERM = re.compile(r"nhiệm\s+kỳ\s+((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})|\bkhó[aá]\s+([IVXLC]+)\b",
                   re.I)
_SINCE = re.compile(
    r"^(?:\s+[^\W\d]+){0,2}?\s*,?\s*(?:kể\s+)?từ\s+(?:(?:ngày\s+)?(?P<d>\d{1,2})\s*[/.-]\s*(?P<dm>\d{1,2})\s*[/.-]\s*(?P<dy>(?:19|20)\d{2})"
    r"|tháng\s+(?P<m>\d{1,2})\s*[/.-]\s*(?P<my>(?:19|20)\d{2})|tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<my2>(?:19|20)\d{2})"
    r"|năm\s+(?P<y>(?:19|20)\d{2}))", re.I)
_ENDING = {"dismissed", "retired", "transferred"}


def annotate(ex: Extraction, doc: Doc, text: Text, dates: list[DateMention],
             doc_spans: list[tuple[int, int]], events: list) -> None:
    """Set ``date``/``date_basis``/``term``/``since`` on each holds/held relation of ``ex`` and the
    article's inferred date (``date_inferred``) when it has no publication day. In place."""
    norm = doc.text
    sents = doc.sentences
    sent_starts = [s for s, _ in sents]

    usable = [d for d in dates if _usable(norm, d, doc_spans)]
    ev_dates = [(ev.sentence, ev.date) for ev in events if ev.date is not None]
    # The article's main reported event: its first dated event near the article's time (a
    # "Lễ kỷ niệm … 30/4/1975" of a 2025 article is history, not the day the article reports).
    ref = dt.date.fromisoformat(ex.date) if ex.date else max(
        (d.date for d in usable if d.explicit_year), default=None)
    main_event = next((d for _, d in ev_dates if ref is None or _near(d, ref, bool(ex.date))), None)
    if ex.date is None:
        if main_event is not None:
            ex.date_inferred, ex.date_inferred_basis = main_event.isoformat(), "event"
        else:
            year = _article_year(norm, dates, doc_spans)
            if year is not None:
                ex.date_inferred, ex.date_inferred_basis = str(year), "year"

    rels = [r for r in ex.relations if r.type in ("holds", "held")]
    spans = [(_norm(text, r.start), _norm(text, r.end)) for r in rels]
    ends_sorted = sorted(e for _, e in spans)
    for r, (rs, re_) in zip(rels, spans):
        k = bisect_right(sent_starts, rs) - 1
        s, e = sents[k] if k >= 0 else (0, len(norm))
        if not (s <= rs < e):
            s, e = rs, re_
        date, basis = None, None
        before = [d for d in usable if s <= d.start and d.end <= rs]
        if before:
            date, basis = before[-1].date.isoformat(), "clause"
        else:
            after = [d for d in usable if re_ <= d.start < e and _AFTER_TIME.search(norm, max(s, d.start - 14), d.start)]
            if after:
                date, basis = after[0].date.isoformat(), "clause"
        if date is None:
            sent_ev = next((d for (a, b), d in ev_dates if a <= rs < b), None)
            if sent_ev is not None or main_event is not None:
                date, basis = (sent_ev or main_event).isoformat(), "event"
        if date is None and ex.date:
            date, basis = ex.date, "published"
        if date is None and ex.date_inferred:
            date, basis = ex.date_inferred, "inferred"
        r.date, r.date_basis = date, basis
        nxt = next((x for x in ends_sorted if x > re_), e)  # the next title of a chain
        stop = min(e, nxt, re_ + 120)
        r.term = _term(norm, re_, stop) or _term(norm, rs, re_)
        bound = _since(norm, re_, min(e, re_ + 60))
        if r.type == "holds" and not (_ENDING & set(r.qualifiers)):
            r.since = bound
        elif bound is not None and r.date is not None and len(bound) == 10 and bound >= r.date[:10]:
            # "miễn nhiệm … đối với ông A từ ngày 1/3/2025", "nghỉ hưu từ ngày …": the end takes
            # effect then; that is the day of this (former) fact.
            r.date, r.date_basis = bound, "clause"


def _near(d: dt.date, ref: dt.date, published: bool) -> bool:
    """A reported event is on or shortly before the article's day (a publication day), or within
    the year before the latest full date of an undated article."""
    if published:
        return -7 <= (ref - d).days <= 60
    return -31 <= (ref - d).days <= 366


def _norm(text: Text, i: int) -> int:
    """An offset of the original text as an offset of the normalised one."""
    return text.to_norm(i)


def _usable(norm: str, d: DateMention, doc_spans: list[tuple[int, int]]) -> bool:
    if any(0 <= d.start - b <= 12 for _, b in doc_spans) or is_document_date(norm, d.start):
        return False
    if is_bound(norm, d.start) and not _RANGE.match(norm[d.start:d.end]):
        return False  # "từ ngày 5-8/12" is the period of an event; "từ ngày 1/3" a bound
    if _BIRTH.search(norm, max(0, d.start - 12), d.start):
        return False
    line_start = max(norm.rfind(".", 0, d.start), norm.rfind("\n", 0, d.start)) + 1
    return not _FUTURE.search(norm, line_start, d.start)


def _article_year(norm: str, dates: list[DateMention], doc_spans) -> int | None:
    years = {d.date.year for d in dates if d.explicit_year and _usable(norm, d, doc_spans)}
    if len(years) == 1:
        return years.pop()
    if years:
        return None
    return text_year(norm)


def _term(norm: str, start: int, stop: int) -> str | None:
    m = _TERM.search(norm, start, stop)
    if m is None:
        return None
    gap = norm[start:m.start()]
    if ";" in gap or "." in gap.replace("T.Ư", "").replace("TP.", ""):
        return None
    if m.group(1):
        return f"nhiệm kỳ {m.group(1)}-{m.group(2)}"
    return f"khóa {m.group(3).upper()}"


def _since(norm: str, start: int, stop: int) -> str | None:
    m = _SINCE.match(norm[start:stop])
    if m is None:
        return None
    g = m.groupdict()
    try:
        if g["d"]:
            return dt.date(int(g["dy"]), int(g["dm"]), int(g["d"])).isoformat()
        if g["m"] or g["m2"]:
            month, year = int(g["m"] or g["m2"]), int(g["my"] or g["my2"])
            return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
        return g["y"]
    except ValueError:
        return None
