"""Per-article working state: tokens, the places the article names, and bare-level resolution.

``UBND tỉnh`` in a Cà Mau bulletin is the People's Committee of Cà Mau: a bare level word
(``tỉnh``, ``thành phố``, ``huyện`` …) is resolved from the places of that level the article
names, the source's hint and the title. When the article leaves it open (two provinces named
equally, none at all) the body is reported as written, without a jurisdiction.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field

from ..gazetteer import Province
from .tokens import Token, sentences, tokenize
from .vocab import Vocab, vocab

PROVINCIAL = ("tỉnh", "thành phố")
# Between a plural level word and the list of its places: "8 phường, gồm: ", "các huyện: ".
_LIST_INTRO = re.compile(r"\s*,?\s*(?:bao\s+)?gồm\s*:?\s*|\s*:\s*")
_APOS = re.compile("['’]")


@dataclass(slots=True)
class Place:
    start: int  # token index
    end: int
    level: str
    name: str
    province: Province | None  # set for provincial-level units


@dataclass
class Doc:
    text: str
    tokens: list[Token]
    v: Vocab
    published: dt.date | None
    title_places: list[Place] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    place_at: dict[int, Place] = field(default_factory=dict)
    hint: str | None = None
    _main: dict[str, str | None] = field(default_factory=dict)
    #: Per-article results worth computing once (implied bodies of roles …).
    memo: dict = field(default_factory=dict)
    #: For a phrase read apart from its article: the article's Doc and the token it stands at.
    within: tuple["Doc", int] | None = None

    @classmethod
    def build(cls, text: str, title: str | None, published: dt.date | None,
              hint: str | None = None) -> "Doc":
        doc = cls(text, tokenize(text), vocab(), published, hint=hint)
        doc.places = doc._scan_places(doc.text, doc.tokens)
        doc.place_at = {p.start: p for p in doc.places}
        if title:
            doc.title_places = doc._scan_places(title, tokenize(title))
        return doc

    # -- places -------------------------------------------------------------------------
    def _scan_places(self, text: str, tokens: list[Token]) -> list[Place]:
        out: list[Place] = []
        i = 0
        first = self.v.place_keys
        while i < len(tokens):
            if tokens[i].key not in first:
                i += 1
                continue
            p = parse_place(self.v, text, tokens, i)
            if p is None:
                # "Quận Cầu Giấy có 8 phường, gồm: Yên Hòa, Trung Hòa, Mai Dịch …": the level
                # word, then the list of its places.
                lv = self.v.levels.longest(text, tokens, i)
                m = _LIST_INTRO.match(text, tokens[lv[0] - 1].end) if lv and lv[0] < len(tokens) else None
                k = next((x for x in range(lv[0], min(lv[0] + 3, len(tokens)))
                          if tokens[x].start >= m.end()), None) if m else None
                if k is not None and tokens[k].start == m.end() and tokens[k].cap:
                    end = proper_run(self.v, text, tokens, k, max_len=3)
                    if end > k and not (is_name_start(self.v, text, tokens, k) and _run_len(tokens, k, text) >= 3):
                        p = Place(k, end, lv[1], _surface(text, tokens, k, end), None)
            if p:
                out.append(p)
                i = p.end
                # "các huyện Hà Trung, Thạch Thành và Quan Sơn": a list shares its level word.
                while p.province is None and i < len(tokens):
                    gap = text[tokens[i - 1].end:tokens[i].start].strip()
                    last = tokens[i].key == "và" and gap in ("", ",")
                    if last:  # "…, Chương Mỹ và Thạch Thất": the last of the list
                        i += 1
                        if i >= len(tokens) or text[tokens[i - 1].end:tokens[i].start] != " ":
                            break
                    elif gap != ",":
                        break
                    end = proper_run(self.v, text, tokens, i, max_len=3)
                    if end == i or (is_name_start(self.v, text, tokens, i) and _run_len(tokens, i, text) >= 3):
                        break
                    p = Place(i, end, p.level, _surface(text, tokens, i, end), None)
                    out.append(p)
                    i = end
                    if last:
                        break
            else:
                i += 1
        return out

    @property
    def sentences(self) -> list[tuple[int, int]]:
        if "sentences" not in self.memo:
            self.memo["sentences"] = sentences(self.text)
        return self.memo["sentences"]

    def main_place(self, level: str) -> str | None:
        """The place a bare level word refers to in this article, or None when open."""
        if self.within is not None:
            return self.within[0].main_place(level)
        if level in self._main:
            return self._main[level]
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        weight_title = 3
        for weight, places in ((weight_title, self.title_places), (1, self.places)):
            for p in places:
                if _fits(p, level):
                    counts[p.name] += weight
                    first.setdefault(p.name, p.start if weight == 1 else -1)
        if self.hint:
            hp = self.v.gz.province(self.hint)
            if hp and (level not in PROVINCIAL or hp.type == level):
                counts[hp.name] += 2
                first.setdefault(hp.name, -2)
        result = None
        if counts:
            ranked = sorted(counts.items(), key=lambda kv: (-kv[1], first.get(kv[0], 0)))
            top = ranked[0]
            # A bare level is only resolved when one place clearly dominates.
            if len(ranked) == 1 or top[1] > ranked[1][1] or (level not in PROVINCIAL):
                result = top[0]
        self._main[level] = result
        return result

    def nearest_place(self, level: str, token_index: int) -> str | None:
        """Lower levels (huyện, xã …): a place of that level named just after, in the same
        sentence ("Ủy viên Ban Chấp hành Đảng bộ huyện, Chủ tịch … huyện Như Xuân"), else the last
        one named before this point."""
        # Places are in text order: the last one of the level before this point comes from the
        # level's own list, and the walk starts here (it stops 30 tokens on).
        by_level = self.memo.get("places_by_level")
        if by_level is None:
            by_level = self.memo["places_by_level"] = {}
            for p in self.places:
                starts, names = by_level.setdefault(p.level, ([], []))
                starts.append(p.start)
                names.append(p.name)
            self.memo["place_starts"] = [p.start for p in self.places]
        starts, names = by_level.get(level, ((), ()))
        last = bisect_left(starts, token_index) - 1
        best = names[last] if last >= 0 else None
        for x in range(bisect_left(self.memo["place_starts"], token_index), len(self.places)):
            p = self.places[x]
            if p.start >= token_index:
                if p.level == level and p.start - token_index <= 30 and not any(
                        "\n" in self.text[self.tokens[k].end:self.tokens[k + 1].start] or
                        self.text[self.tokens[k].end:self.tokens[k + 1].start].strip().startswith((".", ";"))
                        for k in range(token_index, min(p.start, len(self.tokens) - 1))):
                    return p.name
                if p.start - token_index > 30:
                    break
                continue
            if p.level == level:
                best = p.name
        return best or self.main_place(level)

    def resolve_bare(self, level: str, token_index: int) -> str | None:
        if self.within is not None:
            # A phrase read apart from the article (a role's implied body): its bare levels are
            # the article's, at the place the phrase stands for.
            parent, at = self.within
            return parent.resolve_bare(level, at)
        if level in PROVINCIAL:
            return self.main_place(level) or self.local_province(level, token_index)
        return self.nearest_place(level, token_index)

    def local_province(self, level: str, token_index: int) -> str | None:
        """An article about several provinces ("Với tỉnh Sơn La, … Với tỉnh Hòa Bình, …",
        "Khánh Hòa: Ông … giữ chức chủ tịch HĐND tỉnh"): a bare provincial level is the province
        last named before it in its paragraph, else the one named next in its sentence, else
        the one last named before it in the article."""
        fitting = self.memo.get(("fitting", level))
        if fitting is None:
            fitting = [p for p in self.places if _fits(p, level)]
            self.memo[("fitting", level)] = fitting
        if not fitting:
            return None
        starts = self.memo.get(("fitting_starts", level))
        if starts is None:
            starts = [p.start for p in fitting]
            self.memo[("fitting_starts", level)] = starts
        k = bisect_right(starts, token_index) - 1
        pos = self.tokens[token_index].start if token_index < len(self.tokens) else len(self.text)
        para_start = self.text.rfind("\n", 0, pos) + 1
        if k >= 0 and self.tokens[fitting[k].start].start >= para_start:
            return fitting[k].name
        if k + 1 < len(fitting):
            nxt = fitting[k + 1]
            s, e = self.sentence_at(pos)
            if self.tokens[nxt.start].start < e:
                return nxt.name
        return fitting[k].name if k >= 0 else None

    def central_party_sentence(self, token_index: int) -> bool:
        """Whether the sentence of a token names one of the Party's central organs (Bộ Chính trị,
        Ban Bí thư, the Central Committee …) and no province: where a board named alone is the
        central one."""
        if self.within is not None:
            return self.within[0].central_party_sentence(self.within[1])
        flagged = self.memo.get("central_party_sentences")
        if flagged is None:
            flagged = set()
            v, text, tokens = self.v, self.text, self.tokens
            keys = v.central.first_keys()
            province_at = {self.sentence_at(tokens[p.start].start)[0] for p in self.places if p.province}
            for k, t in enumerate(tokens):
                if t.key in keys and t.cap:
                    m = v.central.longest(text, tokens, k)
                    if m is not None and m[1].type == "party_central":
                        s = self.sentence_at(t.start)[0]
                        if s not in province_at:
                            flagged.add(s)
            self.memo["central_party_sentences"] = flagged
        pos = self.tokens[token_index].start if token_index < len(self.tokens) else len(self.text)
        return self.sentence_at(pos)[0] in flagged

    def sentence_at(self, pos: int) -> tuple[int, int]:
        sents = self.sentences
        starts = self.memo.get("sentence_starts")
        if starts is None:
            starts = [a for a, _ in sents]
            self.memo["sentence_starts"] = starts
        k = bisect_right(starts, pos) - 1
        return sents[k] if k >= 0 else (0, 0)

    def main_province(self) -> str | None:
        """The article's province or centrally-run city, whichever its text is about."""
        if self.within is not None:
            return self.within[0].main_province()
        if "main_province" in self.memo:  # asked by every body of a provincial type
            return self.memo["main_province"]
        t = self.main_place("tỉnh")
        c = self.main_place("thành phố")
        if t and c:
            result = t if self._count(t) >= self._count(c) else c
        else:
            result = t or c
        self.memo["main_province"] = result
        return result

    def _count(self, name: str) -> int:
        return sum(1 for p in self.places if p.name == name) + 3 * sum(
            1 for p in self.title_places if p.name == name)


def _fits(p: Place, level: str) -> bool:
    if level in PROVINCIAL:
        if p.province is not None:
            return p.province.type == level
        return p.level == level
    return p.level == level


def parse_place(v: Vocab, text: str, tokens: list[Token], i: int) -> Place | None:
    lv = v.levels.longest(text, tokens, i)
    if lv is not None:
        j, level = lv
        g = text[tokens[j - 1].end:tokens[j].start] if j < len(tokens) else "\n"
        if "\n" in g or (g.strip() not in ("", ":") and g != "."):
            return None  # "TP.HCM" and "các huyện: A, B" yes; "quận. Lấy ý kiến" no
        pm = v.provinces.longest(text, tokens, j)
        if pm is not None and level in PROVINCIAL:
            end, prov = pm
            if prov.type == level or level == "tỉnh":
                return Place(i, end, prov.type, prov.name, prov)
            # "thành phố Thanh Hóa": the provincial city, not the province.
            return Place(i, end, level, _surface(text, tokens, j, end), None)
        if level == "tỉnh":
            return None  # every province is in the gazetteer: "tỉnh Phạm Anh Tuấn" is a bare "tỉnh"
        if is_name_start(v, text, tokens, j) and _run_len(tokens, j, text) >= 3:
            return None  # "UBND huyện Nguyễn Văn A": a bare level, then a person
        end = proper_run(v, text, tokens, j, max_len=3)
        if end > j:
            return Place(i, end, level, _surface(text, tokens, j, end), None)
        return None
    pm = v.provinces.longest(text, tokens, i)
    if pm is not None:
        end, prov = pm
        if not all(t.cap for t in tokens[i:end]) and not tokens[i].key.startswith("tp"):
            return None
        # "Hà Nam" inside "Nguyễn Thị Hà Nam"? Only when a surname run does not lead into it.
        return Place(i, end, prov.type, prov.name, prov)
    return None


def _light_gap(text: str, a: Token, b: Token) -> bool:
    g = text[a.end:b.start]
    return "\n" not in g and g.strip() in ("", ".")


def _space_gap(text: str, a: Token, b: Token) -> bool:
    g = text[a.end:b.start]
    return "\n" not in g and g.strip() in ("", "-", "–")


def _surface(text: str, tokens: list[Token], i: int, j: int) -> str:
    return text[tokens[i].start:tokens[j - 1].end]


def is_name_start(v: Vocab, text: str, tokens: list[Token], i: int) -> bool:
    """A surname followed by at least one more capitalised syllable: a person starts here."""
    if i + 1 >= len(tokens):
        return False
    t, n = tokens[i], tokens[i + 1]
    return (t.key in v.gz.surnames and _titlecase(t.text) and _titlecase(n.text)
            and text[t.end:n.start] == " ")


def _titlecase(s: str) -> bool:
    """``Huỳnh``, ``H'Ven``: an upper-case letter, then lower case (each part after an apostrophe)."""
    if not s[:1].isupper():
        return False
    return all(p and p[1:] == p[1:].lower() for p in _APOS.split(s))


def proper_run(v: Vocab, text: str, tokens: list[Token], j: int, max_len: int = 3) -> int:
    """End of a run of capitalised syllables or numbers (a place or unit name) starting at j."""
    k = j
    while k < len(tokens) and k - j < max_len:
        t = tokens[k]
        if k > j and not _space_gap(text, tokens[k - 1], t):
            break
        if not (_titlecase(t.text) or t.text.isdigit()):
            break
        if k > j and is_name_start(v, text, tokens, k) and _run_len(tokens, k, text) >= 3:
            break
        if k > j and (v.roles.longest(text, tokens, k) or v.body_types.longest(text, tokens, k)):
            break
        k += 1
    return k


def _run_len(tokens: list[Token], k: int, text: str | None = None, most: int = 16) -> int:
    """Capitalised syllables in a row from k, joined by single spaces, counted up to ``most``
    (callers ask whether a run is long enough for a name; counting a whole run of capitals at
    each of its tokens would take n² steps)."""
    n = 0
    while k < len(tokens) and tokens[k].cap and n < most:
        if n and text is not None and text[tokens[k - 1].end:tokens[k].start] != " ":
            break
        n += 1
        k += 1
    return n
