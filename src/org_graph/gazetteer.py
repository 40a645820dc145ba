"""Domain vocabulary loaded from ``ontology/``: the data the extractor's rules run on.

Everything that names a Vietnamese role, body, place, honorific or document code lives in the
gazetteer files, reviewed like code; this module only reads them into lookup tables. The tables
are built once per process (``load()`` is cached) and are read-only afterwards, so extraction
stays a pure function that parallelises across processes.
"""
from __future__ import annotations

import csv
import unicodedata
import datetime as dt
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .text import fold


def ontology_dir() -> Path:
    env = os.environ.get("ORG_GRAPH_ONTOLOGY")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "ontology"


@dataclass(frozen=True, slots=True)
class Province:
    name: str
    type: str  # "tỉnh" | "thành phố"
    aliases: tuple[str, ...]
    valid_from: dt.date | None
    valid_to: dt.date | None
    merged_into: str | None
    #: The form used where a body name has no level word ("Thành ủy Thành phố Hồ Chí Minh").
    place_form: str | None = None

    def full_name(self) -> str:
        return f"{self.type} {self.name}"

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True, slots=True)
class Body:
    """A central body (a ministry, the Politburo …) known by name."""

    name: str
    type: str
    aliases: tuple[str, ...]
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class BodyType:
    """A kind of body that exists per jurisdiction (``Ủy ban nhân dân`` of a province …)."""

    id: str
    name: str
    aliases: tuple[str, ...]
    levels: tuple[str, ...]
    pattern: str
    kind: str
    #: For bodies of another body ("Ban Thường vụ" of a "Tỉnh ủy"): the parent's type ids.
    parent_types: tuple[str, ...] = ()
    #: Named alone ("Ủy viên Ban Thường vụ, …"), the body is that of the article's province.
    bare_in_province: bool = False
    #: A Party board's central counterpart ("Ban Tuyên giáo Trung ương").
    central: str | None = None


@dataclass(frozen=True, slots=True)
class Role:
    name: str
    kind: str
    single_seat: bool
    default_body: str | None


@dataclass(slots=True)
class Gazetteer:
    provinces: list[Province]
    province_by_key: dict[str, Province]  # folded name or alias -> province
    bodies: list[Body]
    body_by_key: dict[str, Body]
    body_types: list[BodyType]
    body_type_by_key: dict[str, BodyType]
    roles: dict[str, Role]  # folded role name -> role
    honorifics: dict[str, str]  # folded word -> category
    surnames: frozenset[str]  # folded
    doc_types: dict[str, tuple[str, str]]  # code (upper, Đ kept) -> (name, kind)
    doc_type_words: dict[str, str]  # folded word -> type name
    issuer_codes: dict[str, tuple[str, str]]  # code (upper) -> (issuer name, kind)
    place_levels: dict[str, str]  # folded word -> canonical level
    event_heads: dict[str, str]  # folded head -> kind
    attendance_cues: dict[str, list[tuple[str, str]]]  # folded cue -> [(role, position)]
    role_synonyms: dict[str, str] = field(default_factory=dict)  # folded variant -> role
    extra: dict = field(default_factory=dict)

    def canonical_role(self, role: str) -> str:
        """``Phó Ban`` -> ``Phó Trưởng ban``; roles without a synonym stay as they are."""
        role = self.role_synonyms.get(fold(role), role)
        entry = self.roles.get(fold(role))
        return entry.name if entry else role  # one spelling per role ("Trưởng ban", not "Trưởng Ban")

    def province(self, name: str) -> Province | None:
        return self.province_by_key.get(fold(name))

    def province_of_host(self, host: str) -> Province | None:
        """The province a provincial outlet's site is named for: ``baotayninh.vn``,
        ``baoquangngai.vn``, ``nghean24h.vn``, ``baodaklak.vn``. Only the first label of the host
        counts, and only a name of five letters or more, so national outlets match nothing."""
        label = host.lower().split(":")[0].removeprefix("www.").split(".")[0]
        label = label.removeprefix("bao")
        best = None
        for p in self.provinces:
            for name in (p.name, *p.aliases):
                key = ascii_key(name)
                if len(key) >= 5 and label.startswith(key) and (best is None or len(key) > best[0]):
                    best = (len(key), p)
        return best[1] if best else None


@dataclass(frozen=True, slots=True)
class Term:
    """A national leader's term in one of the top posts (``national_leaders.yaml``)."""

    name: str
    role: str
    body: str
    start: dt.date
    end: dt.date | None


@lru_cache(maxsize=1)
def national_leaders() -> tuple[Term, ...]:
    data = yaml.safe_load((ontology_dir() / "national_leaders.yaml").read_text(encoding="utf-8"))
    return tuple(Term(r["name"], r["role"], r["body"], r["from"], r.get("to")) for r in data["leaders"])


def ascii_key(text: str) -> str:
    """Letters and digits without diacritics: ``Tây Ninh`` -> ``tayninh``, as in a domain name."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if c.isascii() and c.isalnum())


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a gazetteer TSV (header line, ``#`` comments)."""
    with path.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _date(v) -> dt.date | None:
    if v in (None, ""):
        return None
    if isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v))


def read_lines(path: Path) -> list[str]:
    """Entries of a one-per-line gazetteer (``#`` starts a comment)."""
    out = []
    for ln in path.read_text(encoding="utf-8").splitlines():
        ln = ln.split("#", 1)[0].strip()
        if ln:
            out.append(ln)
    return out


@lru_cache(maxsize=4)
def load(directory: str | None = None) -> Gazetteer:
    d = Path(directory) if directory else ontology_dir()

    provinces: list[Province] = []
    province_by_key: dict[str, Province] = {}
    for row in yaml.safe_load((d / "provinces.yaml").read_text(encoding="utf-8"))["provinces"]:
        p = Province(row["name"], row.get("type", "tỉnh"), tuple(row.get("aliases") or ()),
                     _date(row.get("valid_from")), _date(row.get("valid_to")), row.get("merged_into"),
                     row.get("place_form"))
        provinces.append(p)
    # Prefer the unit that exists longest when two share a key (e.g. Huế city and its province).
    for p in sorted(provinces, key=lambda p: (p.valid_to is None, p.valid_to or dt.date.max)):
        for key in (p.name, *p.aliases):
            province_by_key[fold(key)] = p

    bodies: list[Body] = []
    body_by_key: dict[str, Body] = {}
    for row in yaml.safe_load((d / "central_bodies.yaml").read_text(encoding="utf-8"))["bodies"]:
        b = Body(row["name"], row.get("type", ""), tuple(row.get("aliases") or ()), row.get("parent"))
        bodies.append(b)
        for key in (b.name, *b.aliases):
            body_by_key.setdefault(fold(key), b)

    body_types: list[BodyType] = []
    body_type_by_key: dict[str, BodyType] = {}
    for row in yaml.safe_load((d / "body_types.yaml").read_text(encoding="utf-8"))["body_types"]:
        bt = BodyType(row["id"], row["name"], tuple(row.get("aliases") or ()),
                      tuple(row.get("levels") or ()), row.get("pattern", "{name} {level} {place}"),
                      row.get("kind", ""), tuple(row.get("parent_types") or ()),
                      bool(row.get("bare_in_province")), row.get("central"))
        body_types.append(bt)
        for key in (bt.name, *bt.aliases):
            body_type_by_key.setdefault(fold(key), bt)

    roles = {}
    for row in read_tsv(d / "roles.tsv"):
        roles[fold(row["role"])] = Role(row["role"], row.get("kind", ""), row.get("seats") == "single",
                                       (row.get("default_body") or "").strip() or None)

    honorifics = {}
    for ln in read_lines(d / "honorifics.txt"):
        word, _, cat = ln.partition("\t")
        honorifics[fold(word)] = cat.strip() or "honorific"

    surnames = frozenset(fold(s) for s in read_lines(d / "surnames.txt"))

    doc_types = {r["code"].strip(): (r["name"].strip(), r.get("kind", "").strip())
                 for r in read_tsv(d / "document_types.tsv")}
    doc_type_words = {fold(r["word"]): r["name"].strip() for r in read_tsv(d / "document_type_words.tsv")}
    issuer_codes = {r["code"].strip(): (r["issuer"].strip(), r.get("kind", "").strip())
                    for r in read_tsv(d / "issuer_codes.tsv")}
    place_levels = {fold(r["word"]): r["level"].strip() for r in read_tsv(d / "place_levels.tsv")}
    event_heads = {fold(r["head"]): r["kind"].strip() for r in read_tsv(d / "event_heads.tsv")}
    attendance_cues: dict[str, list[tuple[str, str]]] = {}
    for r in read_tsv(d / "attendance_cues.tsv"):
        attendance_cues.setdefault(fold(r["cue"]), []).append((r["role"].strip(), r["position"].strip()))

    role_synonyms = {fold(r["variant"]): r["role"].strip() for r in read_tsv(d / "role_synonyms.tsv")}
    return Gazetteer(provinces, province_by_key, bodies, body_by_key, body_types, body_type_by_key,
                     roles, honorifics, surnames, doc_types, doc_type_words, issuer_codes,
                     place_levels, event_heads, attendance_cues, role_synonyms)
