"""Encoders that write Unicode text the way legacy Vietnamese pages were written.

The tests build pages in these encodings and check that org-graph reads them back. The tables are
the ones the reader uses (``ontology/encodings``), run backwards, plus Python's own Windows-1258;
``test_encoding.py`` checks the tables themselves against published examples.
"""
from __future__ import annotations

import unicodedata as ud

import ftfy.bad_codecs  # noqa: F401

from org_graph.gazetteer import ontology_dir

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    """Windows-1258: a letter with its vowel marks, then its tone as a combining character."""
    out = []
    for ch in ud.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            d = ud.normalize("NFD", ch)
            tones = [c for c in d if c in TONES]
            base = ud.normalize("NFC", "".join(c for c in d if c not in TONES))
            out.append(base.encode("cp1258", errors="replace") + "".join(tones).encode("cp1258"))
    return b"".join(out)


def _table(name: str) -> dict[str, str]:
    rows = [ln.split("\t") for ln in (ontology_dir() / "encodings" / name).read_text(encoding="utf-8").splitlines()
            if ln and not ln.startswith("#")]
    return {letter: legacy for legacy, letter in rows}


def to_tcvn3(text: str) -> bytes:
    """TCVN3 bytes; toned capitals lose their case, as they did in a .VnTime font."""
    table = {letter: chr(int(code, 16)) for letter, code in _table("tcvn3.tsv").items()}
    out = []
    for ch in ud.normalize("NFC", text):
        if ch in table:
            out.append(table[ch])
        elif ch.lower() in table and not ch.isascii():
            out.append(table[ch.lower()])
        else:
            out.append(ch)
    return "".join(out).encode("sloppy-windows-1252", errors="replace")


def to_vni(text: str) -> bytes:
    table = _table("vni.tsv")
    return "".join(table.get(ch, ch) for ch in ud.normalize("NFC", text)).encode("cp1252", errors="replace")
