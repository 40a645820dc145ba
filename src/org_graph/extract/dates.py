"""Date expressions: full dates, day/month with the year from context, and relative days.

A date keeps only what the text determines: a day/month without a year takes the year of the
article (its publication date, or the latest full date the text itself gives); when neither
exists the date is dropped rather than guessed.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_TIME_OF_DAY = r"(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa|[Đđ]êm|[Hh]ôm|[Nn]gày|[Tt]ừ ngày|[Đđ]ến ngày)"
# One digit-first pass finds both "07/01/2022" (year) and "21/3" (no year); what stands before a
# match is checked by hand, which is much cheaper than a look-behind at every position.
_DM = re.compile(r"(\d{1,2})\s*(?:-\s*\d{1,2}\s*)?[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*((?:19|20)\d{2}))?(?![\d/]|\.\d)")
_WORDY = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+((?:19|20)\d{2}))?", re.I)
# Day/month without a year counts only after a time word or an opening bracket ("Sáng 21/3",
# "(30/4)"): a bare "50/53" is a fraction.
_DAY_MONTH_PREFIX = re.compile(r"(?:(?:^|\W)" + _TIME_OF_DAY + r"\s|\()$")
_RELATIVE = re.compile(r" (nay|qua)\b")
_RELATIVE_BEFORE = re.compile(r"(?:^|\W)(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa|[Hh]ôm|[Đđ]êm)$")


@dataclass(slots=True, frozen=True)
class DateMention:
    start: int
    end: int
    date: dt.date
    explicit_year: bool


def _make(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


# What stands right before a document's own date: its number (``28-NQ/TW ngày``, ``số 47 ngày``,
# ``Quyết định 222/QĐ-TTg, ngày``) or its type and number with an issuing verb.
_DOC_BEFORE = re.compile(
    r"(?:\bsố\s+[\w./-]+|\b\d+[\w.]*[/-][\w./-]*[A-ZĐ][\w./-]*|\b[A-ZĐ]{2,}[\w./-]*)"
    r"(?:\s*\([^)]{0,30}\))?\s*,?\s*(?:(?:ban hành|ký|được ký)\s+)?(?:vào\s+)?(?:ngày\s*)?$")
# "năm 2020" as the article's own time ("6 tháng đầu năm 2020", "trong năm 2020"), not a plan's
# horizon ("đến năm 2030", "tầm nhìn 2045"), a birth year or a bound.
_UNTIL = re.compile(r"(?:đến|tới)\s+(?:ngày\s+)?$")
_YEAR = re.compile(r"\bnăm\s+((?:19|20)\d{2})\b")
_YEAR_NOT = re.compile(r"(?:đến|tới|trước|sau|từ|sinh|giai đoạn|tầm nhìn|vào|cho|mục tiêu|phương hướng|kế hoạch"
                       r"|dự kiến|định hướng)\W+(?:\S+\s+){0,3}$", re.I)


def is_document_date(text: str, start: int) -> bool:
    """Whether the date at ``start`` is a cited document's date (``Nghị quyết số 28-NQ/TW ngày
    25/10/2013``): never the article's, an event's or a fact's."""
    return bool(_DOC_BEFORE.search(text, max(0, start - 60), start))


def is_bound(text: str, start: int) -> bool:
    """``từ ngày 1/3/2025``, ``đến ngày …``: a tenure's bound, not the day something happened."""
    return bool(re.search(r"(?:từ|kể từ|đến|tính đến|trước|tới)\s+(?:ngày|tháng|năm)?\s*$",
                          text[max(0, start - 40):start]))


def reference_date(text: str, published: dt.date | None) -> tuple[dt.date | None, bool]:
    """The date day/month expressions are read against, and whether it is the publication date.

    Without a publication day: the latest full date of the text that is not a cited document's
    date (``28-NQ/TW ngày 25/10/2013`` says nothing of when the article was written)."""
    if published:
        return published, True
    full, until = [], []
    for m in _DM.finditer(text):
        if m.group(3) and _starts_clean(text, m.start()) and not is_document_date(text, m.start()):
            d = _make(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            if d:
                (until if _UNTIL.search(text, max(0, m.start() - 12), m.start()) else full).append(d)
    # "đến ngày 05/9/2028" closes a range; it is the article's time only for a short range
    # ("từ 30/12/2024 đến 4/1/2025"), not for a term ahead ("thời hạn 5 năm … đến 05/9/2028").
    full += [d for d in until if any(0 <= (d - f).days <= 60 for f in full)]
    return (max(full) if full else None), False


def text_year(text: str) -> int | None:
    """The year an undated article is about when it gives no full date: its ``năm YYYY``
    (``6 tháng đầu năm 2020``) when they all agree, else None (not determined)."""
    years = set()
    for m in _YEAR.finditer(text):
        if not _YEAR_NOT.search(text, max(0, m.start() - 30), m.start()):
            years.add(int(m.group(1)))
    return years.pop() if len(years) == 1 else None


def _starts_clean(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] not in "0123456789/"


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    ref, is_published = reference_date(text, published)
    if ref is None:
        year = text_year(text)
        if year is not None:
            ref = dt.date(year, 12, 31)  # day/month read in that year (never after it)
    found: list[DateMention] = []
    # The characters dates already cover (taken spans never overlap, none is empty): an overlap
    # test looks at the new span's own characters, not at every date found before.
    taken = bytearray(len(text) + 1)

    def add(start: int, end: int, date: dt.date | None, explicit: bool) -> None:
        if date is None or 1 in taken[start:end]:
            return
        taken[start:end] = b"\x01" * (end - start)
        found.append(DateMention(start, end, date, explicit))

    partial = []
    for m in _DM.finditer(text):
        if not _starts_clean(text, m.start()):
            continue
        if m.group(3):
            add(m.start(), m.end(), _make(int(m.group(3)), int(m.group(2)), int(m.group(1))), True)
        else:
            partial.append(m)
    for m in _WORDY.finditer(text):
        if m.group(3):
            add(m.start(), m.end(), _make(int(m.group(3)), int(m.group(2)), int(m.group(1))), True)
        elif ref:
            add(m.start(), m.end(), _in_year(ref, int(m.group(2)), int(m.group(1))), False)
    if ref:
        for m in partial:
            if _DAY_MONTH_PREFIX.search(text, max(0, m.start() - 12), m.start()):
                add(m.start(), m.end(), _in_year(ref, int(m.group(2)), int(m.group(1))), False)
    if published and is_published:
        for m in _RELATIVE.finditer(text):
            b = _RELATIVE_BEFORE.search(text, max(0, m.start() - 6), m.start())
            if b is None:
                continue
            delta = 0 if m.group(1) == "nay" else 1
            start = b.start() + (1 if b.group()[:1] and not b.group()[:1].isalpha() else 0)
            add(start, m.end(), published - dt.timedelta(days=delta), False)
    found.sort(key=lambda d: d.start)
    return found


def _in_year(ref: dt.date, month: int, day: int) -> dt.date | None:
    """Day/month read against a reference date: a month well after it belongs to the year before."""
    if not (1 <= month <= 12):
        return None
    d = _make(ref.year, month, day)
    if d and (d - ref).days > 60:
        d = _make(ref.year - 1, month, day)
    return d
