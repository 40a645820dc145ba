"""Bytes of a fetched page → clean NFC Unicode, whatever the page was written in.

Vietnamese pages come in UTF-8 (sometimes decomposed, NFD), Windows-1258 (tone marks as combining
characters), and the pre-Unicode font encodings TCVN3 and VNI, which travel as Latin-1 text drawn
with a special font. Some also arrive as mojibake: UTF-8 decoded once as Windows-1252 and saved.

The declared charset is tried first. When the result does not read as Vietnamese (too few of the
letters only Vietnamese uses, see :func:`org_graph.articles.vietnamese_ratio`), every repair is
tried and the one that reads most like Vietnamese wins. The conversion tables are data, in
``ontology/encodings/``.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ftfy
import ftfy.bad_codecs  # noqa: F401 - registers sloppy-windows-1252
from charset_normalizer import from_bytes

from ..articles import MIN_VIETNAMESE_RATIO, vietnamese_ratio
from ..gazetteer import ontology_dir

#: How far into a page to look for <meta charset>, as browsers do.
_PRESCAN_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
#: Share of words spelled as Vietnamese above which the first decoding is taken as it is
#: (real bulletins: 0.97-1.0, with names of foreign people and places making up the rest).
_GOOD_SCORE = 0.9
#: A repair must read at least this well to be believed.
_REPAIRED_SCORE = 0.6
#: Fewer letters than this cannot be judged: keep the declared decoding.
_MIN_LETTERS = 40
#: Text has almost no control characters; random bytes read as Latin-1 have about 25 %.
_MAX_CONTROL_SHARE = 0.05


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we know (a binary file served as a page)."""


@dataclass(frozen=True)
class Decoded:
    text: str
    #: What the bytes were read as: ``utf-8``, ``windows-1258``, ``tcvn3``, ``vni``, ``mojibake`` …
    encoding: str


@lru_cache(maxsize=1)
def _tcvn3() -> dict[int, str]:
    table = {}
    for line in _lines("tcvn3.tsv"):
        code, letter = line.split("\t")
        table[int(code, 16)] = letter
    return table


@lru_cache(maxsize=1)
def _vni() -> tuple[re.Pattern[str], dict[str, str]]:
    table = dict(line.split("\t") for line in _lines("vni.tsv"))
    # Longest sequences first, so "aá" (ấ) wins over a bare "a".
    keys = sorted(table, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, keys))), table


def _lines(name: str) -> list[str]:
    path: Path = ontology_dir() / "encodings" / name
    return [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]


def from_tcvn3(text: str) -> str:
    return text.translate(_tcvn3())


def from_vni(text: str) -> str:
    pattern, table = _vni()
    return pattern.sub(lambda m: table[m.group(0)], text)


def declared_charset(raw: bytes, header: str | None = None) -> str | None:
    """The charset the HTTP header or the page's own <meta> names, if Python knows it."""
    candidates = []
    if header:
        m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", header, re.I)
        if m:
            candidates.append(m.group(1))
    m = _META_CHARSET.search(raw[:_PRESCAN_BYTES])
    if m:
        candidates.append(m.group(1).decode("ascii", "replace"))
    for name in candidates:
        try:
            return codecs.lookup(name).name
        except LookupError:
            continue
    return None


def _first_decoding(raw: bytes, declared: str | None) -> tuple[str, str]:
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            return raw.decode(enc, errors="replace"), enc.removesuffix("-sig")
    if b"\x00" in raw[:_PRESCAN_BYTES * 4]:
        raise UndecodableError("binary content (NUL bytes), not a text page")
    for enc in filter(None, (declared, "utf-8")):
        try:
            return raw.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    best = from_bytes(raw[:1 << 20]).best()
    if best is not None:
        return raw.decode(best.encoding, errors="replace"), best.encoding
    # Legacy font encodings often defeat detection; Latin-1 keeps every byte for the repairs.
    return raw.decode("latin-1"), "unknown"


_WORD = re.compile(r"[^\W\d_]+")
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_VOWEL_MARKS = frozenset("\u0302\u0306\u031b")
_SAMPLE = 20_000


@lru_cache(maxsize=65536)
def _is_vietnamese_word(word: str) -> bool:
    """Spelled with the Vietnamese alphabet and at most one tone mark (loanwords pass too)."""
    if word.isascii():
        return True
    tones = 0
    for c in unicodedata.normalize("NFD", word):
        if c in _TONES:
            tones += 1
        elif c not in _VOWEL_MARKS and not ("a" <= c <= "z" or "A" <= c <= "Z" or c in "đĐ"):
            return False
    return tones <= 1


def _score(text: str) -> float:
    """How much ``text`` reads like Vietnamese: the share of its words that are spelled as
    Vietnamese words, less what a wrong decoding leaves behind, or 0 when too short to judge."""
    sample = text[:_SAMPLE]
    words = _WORD.findall(sample)
    if sum(map(len, words)) < _MIN_LETTERS:
        return 0.0
    _, ratio = vietnamese_ratio(sample)
    if ratio < MIN_VIETNAMESE_RATIO:
        return 0.0
    good = sum(map(_is_vietnamese_word, words)) / len(words)
    junk = (sample.count("\ufffd") + sum(1 for c in sample if "\x80" <= c <= "\x9f")) / len(words)
    return good - junk


def decode(raw: bytes, content_type: str | None = None) -> Decoded:
    """Clean NFC text from ``raw``; raises :class:`UndecodableError` for binary content."""
    declared = declared_charset(raw, content_type)
    text, enc = _first_decoding(raw, declared)
    first = _score(unicodedata.normalize("NFC", text))
    if first >= _GOOD_SCORE and "\ufffd" not in text:
        return Decoded(unicodedata.normalize("NFC", text), enc)
    # Legacy pages were typed on Windows: the bytes 0x80-0x9f are punctuation there (– “ ”).
    latin = raw.decode("sloppy-windows-1252")
    candidates = {enc: text, "mojibake": ftfy.fix_encoding(text),
                  "windows-1258": raw.decode("cp1258", errors="replace"),
                  "tcvn3": from_tcvn3(latin), "vni": from_vni(latin)}
    if enc in ("utf-8", "utf-16"):
        # A CMS that once took legacy text for Latin-1 keeps it as UTF-8 letters: convert those.
        candidates["tcvn3-in-unicode"] = from_tcvn3(text)
        candidates["vni-in-unicode"] = from_vni(text)
    scored = {name: _score(unicodedata.normalize("NFC", t)) for name, t in candidates.items()}
    best = max(scored, key=scored.__getitem__)
    if scored[best] >= _REPAIRED_SCORE and scored[best] > first:
        return Decoded(unicodedata.normalize("NFC", candidates[best]), best)
    if _controls(text) > _MAX_CONTROL_SHARE:
        raise UndecodableError("binary content, not text in any known encoding")
    return Decoded(unicodedata.normalize("NFC", text), enc)


def _controls(text: str) -> float:
    sample = text[:10_000]
    if not sample:
        return 0.0
    return sum(1 for c in sample if (c < " " and c not in "\t\n\r\f") or "\x7f" <= c <= "\x9f") / len(sample)
