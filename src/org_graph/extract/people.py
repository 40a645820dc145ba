"""Personal names: syllable runs in title case, led by a surname, an honorific or a title.

A Vietnamese name is two to four capitalised syllables, the first usually one of a few hundred
family names (``surnames.txt``). A run not led by a known surname counts only right after an
honorific (``ông``, ``Thượng tướng``) or a title (``Bộ trưởng Ngụy Phượng Hòa``). Initials
(``Nguyễn Văn T.``), bylines and photo credits are not people.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import cues
from .doc import Doc, _titlecase, parse_place

MAX_NAME = 4
_CREDIT = re.compile(r"(?:\(|^|\n)\s*" + cues().credit + r"\s*:", re.M | re.I)


@dataclass(slots=True)
class NameHit:
    start: int  # token index
    end: int
    name: str
    led_by: str  # "surname" | "honorific" | "title"


def name_run(doc: Doc, i: int, min_len: int = 2) -> int | None:
    """End of a name starting at token i, or None."""
    tokens, text, v = doc.tokens, doc.text, doc.v
    k = i
    while k < len(tokens) and k - i < MAX_NAME:
        t = tokens[k]
        if k > i and text[tokens[k - 1].end:t.start] != " ":
            break
        if not _titlecase(t.text) or t.text.isdigit():
            break
        if k > i and _starts_other(doc, k):
            break
        k += 1
    if k - i < min_len:
        return None
    # "Nguyễn Văn T." names someone the paper keeps anonymous.
    last = tokens[k - 1]
    if len(last.text) == 1:
        return None
    if any(len(t.text) == 1 for t in tokens[i + (tokens[i].key in v.gz.surnames):k]):
        return None  # an initial inside a name; a one-letter particle ("Y Biêr Niê") may open it
    # A run that is exactly a province ("Hà Nam", "Lâm Đồng") is a place; so is one that starts
    # with a place or body that is never a person ("Châu Âu", "Lầu Năm Góc", "Hà Lan …"), and a
    # preposition-like family name before such a place ("Từ Nam Du": from Nam Du).
    pm = v.provinces.longest(text, tokens, i)
    if pm is not None and pm[0] == k:
        return None
    if v.not_people.longest(text, tokens, i) is not None or v.countries.longest(text, tokens, i) is not None:
        return None
    if k - i >= 3:  # (provinces are given names too: "Trương Hòa Bình", "Nguyễn Hải Dương")
        m = v.not_people.longest(text, tokens, i + 1)
        if m is not None and m[0] == k:
            return None
    return k


def _starts_other(doc: Doc, k: int) -> bool:
    """A role, body or place starts at k ("Hoàng Văn Tỉnh" is a name; "… Tỉnh ủy" is not)."""
    v, text, tokens = doc.v, doc.text, doc.tokens
    for lex in (v.roles, v.body_types, v.central):
        m = lex.longest(text, tokens, k)
        if m is not None and (m[0] - k >= 2 or not _titlecase(tokens[k].text)):
            return True
    if v.levels.longest(text, tokens, k) and parse_place(v, text, tokens, k) is not None:
        return True
    return False


def skip_country(doc: Doc, i: int) -> int:
    """``Thủ tướng Singapore Lý Hiển Long``: the country belongs to the title, not the name."""
    m = doc.v.countries.longest(doc.text, doc.tokens, i)
    if m is not None and all(t.cap for t in doc.tokens[i:m[0]]):
        return m[0]
    return i


def _blocked_by_previous(doc: Doc, i: int) -> bool:
    tokens, blockers = doc.tokens, doc.v.name_blockers
    if doc.text[tokens[i - 1].end:tokens[i].start] != " ":
        return False
    if tokens[i - 1].key in blockers:
        return True
    return i > 1 and f"{tokens[i - 2].key} {tokens[i - 1].key}" in blockers


def surname_name(doc: Doc, i: int) -> NameHit | None:
    t = doc.tokens[i]
    if t.key not in doc.v.gz.surnames or not _titlecase(t.text):
        return None
    if i > 0 and _blocked_by_previous(doc, i):
        return None  # "đường Đinh Tiên Hoàng": a street named for someone
    if doc.v.provinces.longest(doc.text, doc.tokens, i) is not None or \
            doc.v.countries.longest(doc.text, doc.tokens, i) is not None:
        return None  # "Hà Nội", "Thái Lan": a place that starts like a name
    end = name_run(doc, i)
    if end is None:
        return None
    return NameHit(i, end, _surface(doc, i, end), "surname")


def _surface(doc: Doc, i: int, j: int) -> str:
    return doc.text[doc.tokens[i].start:doc.tokens[j - 1].end]


_NON_SPACE = re.compile(r"\S+")


def _more_words(text: str, start: int, end: int, n: int) -> bool:
    """``text[start:end]`` has more than n words (stops counting there)."""
    for k, _ in enumerate(_NON_SPACE.finditer(text, start, end)):
        if k >= n:
            return True
    return False


def credit_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of photo credits and bylines, where names are not people of the story."""
    spans = []
    # The next line break and ")" after a label, kept from one label to the next (matches come
    # in text order): a long line of labels is not searched again for each.
    nl = close_at = -2
    for m in _CREDIT.finditer(text):
        if nl != -1 and nl < m.end():
            nl = text.find("\n", m.end())
        if close_at != -1 and close_at < m.end():
            close_at = text.find(")", m.end())
        end, close = nl, close_at
        if close != -1 and (end == -1 or close < end) and text[m.start()] == "(":
            end = close
        if end == -1:
            end = len(text)
        if _more_words(text, m.end(), end, 6):
            continue  # not a credit: counted without cutting out what may be the whole line
        seg = text[m.end():end]
        # "Ảnh: Đồng chí Huỳnh Quốc Việt phát biểu" is a caption about someone, not a credit.
        if len(seg.split()) <= 6 and not re.search(r"[đĐ]ồng chí|[ôÔ]ng |[bB]à ", seg):
            spans.append((m.start(), end))
    # The last paragraph, when it is only a short name or two, is the byline.
    paras = [p for p in re.finditer(r"[^\n]+", text)]
    for p in paras[-2:]:
        words = p.group().strip().split()
        if 1 <= len(words) <= 8 and not re.search(r"[.:;!?]$", p.group().strip()) and \
                all(w[:1].isupper() or w in ("-", "–", "và", ",") for w in words):
            spans.append((p.start(), p.end()))
    return spans
