"""Longest-match lookup of multi-word phrases over a token sequence.

A phrase is a sequence of folded syllables; between two syllables the text may have only
spaces, or exactly the punctuation the phrase itself has there (``TP.HCM``, ``GD&ĐT``,
``Lao động - Thương binh``). A comma or a bracket therefore always ends a phrase.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Generic, TypeVar

from ..text import fold
from .tokens import Token

T = TypeVar("T")
_WORD = re.compile(r"\w+")
_END = object()


_DASHES = str.maketrans({"–": "-", "—": "-", "‑": "-"})


def _gap_key(gap: str) -> str:
    # A line break always ends a phrase: headings and captions sit on lines of their own.
    # Dashes of every width are one: "Lao động – Thương binh" is "Lao động - Thương binh".
    return "\n" if "\n" in gap else "".join(gap.split()).translate(_DASHES)


def _step(node: dict, gap: str, key: str):
    """The child of ``node`` for the next syllable ``key`` after ``gap``. A dash where the phrase
    has a space or a comma is the same name ("Thừa Thiên – Huế", "Bà Rịa-Vũng Tàu")."""
    if gap == " ":
        return node.get(key)
    g = _gap_key(gap)
    nxt = node.get(g + key)
    if nxt is None and g == "-":
        # "Sở Văn hóa - Thể thao và Du lịch" is the official "Sở Văn hóa, Thể thao và Du lịch".
        nxt = node.get(key) or node.get("," + key)
    return nxt


def phrase_keys(phrase: str) -> tuple[str, ...]:
    """``"Sở GD&ĐT"`` -> ``("sở", "gd", "&đt")``: each syllable after the first carries its gap."""
    phrase = fold(phrase)
    keys: list[str] = []
    last = None
    for m in _WORD.finditer(phrase):
        if last is None:
            keys.append(m.group())
        else:
            keys.append(_gap_key(phrase[last:m.start()]) + m.group())
        last = m.end()
    return tuple(keys)


class Lexicon(Generic[T]):
    def __init__(self, entries: Iterable[tuple[str, T]] = ()):
        self._root: dict = {}
        self._first: frozenset[str] | None = None
        for phrase, value in entries:
            self.add(phrase, value)

    def add(self, phrase: str, value: T) -> None:
        keys = phrase_keys(phrase)
        if not keys:
            return
        self._first = None
        node = self._root
        for k in keys:
            node = node.setdefault(k, {})
        node.setdefault(_END, value)  # first entry wins: files list the preferred reading first

    def first_keys(self) -> frozenset[str]:
        """Folded syllables that begin some phrase: a cheap test before a lookup."""
        if self._first is None:
            self._first = frozenset(self._root)
        return self._first

    def longest_after(self, head: str, text: str, tokens: list[Token], i: int) -> tuple[int, T] | None:
        """Longest phrase that starts with ``head`` followed by the tokens from i
        ("Bộ" + "Quốc phòng" in "Bộ trưởng Quốc phòng")."""
        node = self._root
        for k in phrase_keys(head):
            node = node.get(k)
            if node is None:
                return None
        best = None
        j = i
        while j < len(tokens):
            g = text[tokens[j - 1].end:tokens[j].start] if j > i else " "
            node = _step(node, g, tokens[j].key)
            if node is None:
                break
            j += 1
            if _END in node:
                best = (j, node[_END])
        return best

    def matches(self, text: str, tokens: list[Token], i: int, limit: int | None = None
                ) -> list[tuple[int, T]]:
        """All ``(end_token_index_exclusive, value)`` for phrases starting at token ``i``, longest first."""
        out: list[tuple[int, T]] = []
        node = self._root.get(tokens[i].key)
        if node is None:
            return out
        j = i + 1
        n = len(tokens) if limit is None else min(limit, len(tokens))
        while node is not None:
            if _END in node:
                out.append((j, node[_END]))
            if j >= n:
                break
            node = _step(node, text[tokens[j - 1].end:tokens[j].start], tokens[j].key)
            j += 1
        out.reverse()
        return out

    def longest(self, text: str, tokens: list[Token], i: int, limit: int | None = None
                ) -> tuple[int, T] | None:
        # The hot path of the whole extractor: most words begin no phrase at all.
        node = self._root.get(tokens[i].key)
        if node is None:
            return None
        best = None
        j = i + 1
        n = len(tokens) if limit is None else min(limit, len(tokens))
        while True:
            if _END in node:
                best = (j, node[_END])
            if j >= n:
                break
            g = text[tokens[j - 1].end:tokens[j].start]
            node = node.get(tokens[j].key) if g == " " else _step(node, g, tokens[j].key)
            if node is None:
                break
            j += 1
        return best
