"""Word tokens and sentences of a normalised text, with character offsets.

Vietnamese writes one syllable per space-separated word; names, roles and bodies are
sequences of syllables, so every lexicon match works on token sequences.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


# "H'Ven", "Kpă": ethnic-minority names keep their apostrophe inside the word.
_WORD = re.compile(r"\w+(?:['’]\w+)*")
# A sentence ends at . ! ? … followed by space and a capital/quote, at a line break, or at
# the end of the text. Abbreviations like "TP." or "GS.TS" have no space before the capital.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-ZĐÀ-ỸÂĂÊÔƠƯ0-9])|\n+")


@dataclass(slots=True)
class Token:
    text: str
    key: str  # folded: lower case, canonical tones
    start: int
    end: int
    index: int
    cap: bool  # starts with a capital letter or a digit


def tokenize(text: str) -> list[Token]:
    """Tokens of a text already in normalised form (``Text.norm``): its key is its lower case."""
    lower = text.lower()
    if len(lower) != len(text):  # a character whose lower case is longer: slice each word
        lower = None
    new = Token.__new__
    out = []
    append = out.append
    for i, m in enumerate(_WORD.finditer(text)):
        s, e = m.span()
        w = text[s:e]
        t = new(Token)
        t.text = w
        t.key = lower[s:e] if lower is not None else w.lower()
        t.start = s
        t.end = e
        t.index = i
        c = w[0]
        t.cap = c.isupper() or c.isdigit()
        append(t)
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``[start, end)`` over the text."""
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def gap(text: str, left: Token, right: Token) -> str:
    """What stands between two tokens (spaces, punctuation)."""
    return text[left.end:right.start]
