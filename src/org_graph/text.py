"""Vietnamese text normalisation that keeps offsets mappable to the original text.

Extraction works on a *normalised* copy of the article text: Unicode NFC and one tone-mark
placement (``hoà``/``hòa``, ``Thuỷ``/``Thủy`` become the traditional ``hòa``, ``Thủy``). Moving
a tone mark inside an NFC syllable never changes its length, so the only offset change comes from
NFC itself (NFD input is longer); :class:`Text` keeps a table mapping each normalised character
back to the original one, so every span we report points into the text the user gave us.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below

# Second vowel of the three rising diphthongs whose tone placement varies between styles.
_PAIRS = {("o", "a"), ("o", "e"), ("u", "y")}
_TONED_SECOND = re.compile(
    "([oOuU])([" + "".join(
        unicodedata.normalize("NFC", b + t)
        for b in "aeyAEY"
        for t in TONES
    ) + "])(?!\\w)"
)


def _move_tone(m: re.Match) -> str:
    first, second = m.group(1), m.group(2)
    decomposed = unicodedata.normalize("NFD", second)
    base, tone = decomposed[0], decomposed[1:]
    if (first.lower(), base.lower()) not in _PAIRS:
        return m.group(0)
    # "quý", "quỳ": after q the u is part of the consonant, so the tone belongs on y.
    start = m.start(1)
    string = m.string
    if start > 0 and string[start - 1] in "qQ":
        return m.group(0)
    return unicodedata.normalize("NFC", first + tone) + base


def canonical_tones(text: str) -> str:
    """Traditional tone placement (``hòa``, ``khỏe``, ``Thủy``); same length as the input."""
    return _TONED_SECOND.sub(_move_tone, text)


class Text:
    """An article text in normalised form, with offsets back into the original."""

    __slots__ = ("original", "norm", "_map")

    def __init__(self, original: str):
        self.original = original
        if unicodedata.is_normalized("NFC", original):
            nfc = original
            self._map: list[int] | None = None
        else:
            nfc, self._map = _nfc_with_map(original)
        self.norm = canonical_tones(nfc)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of :attr:`norm` to a span of :attr:`original`."""
        if self._map is None:
            return start, end
        m = self._map
        o_start = m[start] if start < len(m) else len(self.original)
        o_end = m[end] if end < len(m) else len(self.original)
        return o_start, o_end

    def to_norm(self, i: int) -> int:
        """An offset of :attr:`original` as an offset of :attr:`norm` (the character it is in)."""
        if self._map is None:
            return i
        from bisect import bisect_right

        return max(0, bisect_right(self._map, i) - 1)


def _nfc_with_map(text: str) -> tuple[str, list[int]]:
    """NFC per grapheme cluster (base + combining marks) so each output char knows its source."""
    out: list[str] = []
    mapping: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        cluster = unicodedata.normalize("NFC", text[i:j])
        out.append(cluster)
        mapping.extend([i] * len(cluster))
        i = j
    return "".join(out), mapping


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lookup key: NFC, traditional tone placement, lower case, collapsed spaces."""
    text = canonical_tones(unicodedata.normalize("NFC", text))
    return " ".join(text.lower().split())
