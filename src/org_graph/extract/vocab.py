"""The gazetteers compiled into token lexicons, once per process."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from ..gazetteer import BodyType, Gazetteer, Role, load, ontology_dir, read_lines, read_tsv
from ..text import fold
from .cues import cue_data
from .lexicon import Lexicon


@dataclass(slots=True)
class Vocab:
    gz: Gazetteer
    roles: Lexicon[Role]
    role_modifiers: Lexicon[str]  # nguyên / cựu / Quyền … before a role
    central: Lexicon
    body_types: Lexicon[BodyType]
    body_type_by_id: dict[str, BodyType]
    body_types_by_alias: dict[str, tuple[BodyType, ...]]  # word keys of an alias -> every type so named
    long_forms: Lexicon[dict[str, BodyType]]  # "Ban Chấp hành Đảng bộ" -> level -> type
    unit_heads: Lexicon[tuple[str, bool]]  # head -> (kind, named with its parent after a comma)
    provinces: Lexicon
    levels: Lexicon[str]
    honorifics: Lexicon[str]
    doc_words: Lexicon[str]
    event_heads: Lexicon[str]
    cues: Lexicon[list[tuple[str, str]]]
    countries: Lexicon[str]
    name_blockers: frozenset[str]  # "đường", "cầu" …: a name after them is not a person
    not_people: Lexicon[str]  # "Châu Âu", "Lầu Năm Góc": proper names that are never a person
    stopwords: frozenset[str]
    abbreviations: dict[str, str]  # folded abbr -> full
    role_place: dict[tuple[str, str], str]  # (folded role, level) -> body type id
    role_heads: dict[str, str]  # folded role -> head word its body's name drops ("Bộ")
    role_final_heads: frozenset[str]  # "ban" of "Trưởng ban": also the head of the body's name
    not_role_starts: frozenset[tuple[str, str]] = frozenset()  # ("chức", "vụ"): no role at "vụ"
    #: Syllables that may begin a title, body, honorific or place: all other lower-case words
    #: are skipped at once by the scan.
    start_keys: frozenset[str] = frozenset()
    place_keys: frozenset[str] = frozenset()
    org_keys: frozenset[str] = frozenset()
    title_keys: frozenset[str] = frozenset()


def _read_lines(name: str) -> list[str]:
    return read_lines(ontology_dir() / name)


def _read_tsv(name: str) -> list[dict[str, str]]:
    return read_tsv(ontology_dir() / name)


def _variants_table() -> list[tuple[str, list[str]]]:
    return [(r["full"], [x.strip() for x in r["variants"].split(",") if x.strip()])
            for r in _read_tsv("name_variants.tsv")]


def _with_variants(names, table) -> list[str]:
    """Each name, and the same name with the press's short forms of its words (TW for Trung ương)."""
    out = []
    for name in names:
        out.append(name)
        for full, short in table:
            if full in name:
                out.extend(name.replace(full, s) for s in short)
    return out


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    gz = load()
    variants = _variants_table()
    roles: Lexicon[Role] = Lexicon()
    for role in gz.roles.values():
        for name in _with_variants((role.name,), variants):
            roles.add(name, role)
    modifiers = Lexicon([("nguyên", "former"), ("cựu", "former"), ("cố", "former"), ("Quyền", "acting"),
                         ("tân", "new"), ("đương kim", "incumbent"), ("Phụ trách", "in_charge")])
    central = Lexicon()
    for body in gz.bodies:
        for alias in _with_variants((body.name, *body.aliases), variants):
            central.add(alias, body)
    body_types: Lexicon[BodyType] = Lexicon()
    by_alias: dict[str, list[BodyType]] = {}
    for bt in gz.body_types:
        if "{qualifier}" in bt.pattern or "{unit}" in bt.pattern:
            continue  # "Đảng ủy Khối …": named like a unit, read by the unit rule
        for alias in _with_variants((bt.name, *bt.aliases), variants):
            body_types.add(alias, bt)
            same = by_alias.setdefault(" ".join(re.findall(r"\w+", fold(alias))), [])
            if bt not in same:
                same.append(bt)
    unit_heads = Lexicon((r["head"], (r["kind"], (r.get("part_of") or "").strip() == "yes"))
                         for r in _read_tsv("unit_heads.tsv"))
    raw = yaml.safe_load((ontology_dir() / "body_types.yaml").read_text(encoding="utf-8"))["body_types"]
    heads: dict[str, dict[str, BodyType]] = {}
    by_id = {b.id: b for b in gz.body_types}
    for row in raw:
        lf = row.get("long_form")
        if lf and "{level}" in lf:
            head = lf.split("{level}")[0].strip()
            for level in row.get("levels") or ():
                heads.setdefault(head, {}).setdefault(level, by_id[row["id"]])
    long_forms = Lexicon(heads.items())
    provinces = Lexicon()
    for p in gz.provinces:
        for alias in (p.name, *p.aliases):
            provinces.add(alias, p)
    levels = Lexicon(gz.place_levels.items())
    honorifics = Lexicon(gz.honorifics.items())
    doc_words = Lexicon(gz.doc_type_words.items())
    event_heads = Lexicon(gz.event_heads.items())
    cues = Lexicon(gz.attendance_cues.items())
    countries = Lexicon((c, c) for c in _read_lines("countries.txt"))
    not_people = Lexicon((c, c) for c in _read_lines("not_people.txt"))
    stopwords = frozenset(fold(w) for w in _read_lines("stopwords.txt"))
    name_blockers = frozenset(fold(w) for w in _read_lines("name_blockers.txt"))
    abbreviations = {fold(r["abbr"]): r["full"] for r in _read_tsv("abbreviations.tsv")}
    role_place: dict[tuple[str, str], str] = {}
    data = yaml.safe_load((ontology_dir() / "role_place_bodies.yaml").read_text(encoding="utf-8"))
    for row in data["role_place_bodies"]:
        for r in row["roles"]:
            for level, bt in row["body"].items():
                role_place[(fold(r), level)] = bt
    role_heads = {fold(r): row["head"] for row in data.get("role_body_heads") or () for r in row["roles"]}
    role_final_heads = frozenset(fold(w) for w in data.get("role_final_heads") or ())
    not_role_starts = frozenset(tuple(fold(w).split()[:2]) for w in cue_data().get("not_role_starts") or ())
    start_keys = frozenset().union(*(lex.first_keys() for lex in (
        roles, modifiers, central, body_types, long_forms, unit_heads, provinces, levels, honorifics)))
    return Vocab(
        gz=gz, roles=roles, role_modifiers=modifiers, central=central, body_types=body_types,
        body_type_by_id=by_id, body_types_by_alias={k: tuple(x) for k, x in by_alias.items()},
        long_forms=long_forms, unit_heads=unit_heads, provinces=provinces,
        levels=levels, honorifics=honorifics, doc_words=doc_words, event_heads=event_heads, cues=cues,
        countries=countries, name_blockers=name_blockers, not_people=not_people, stopwords=stopwords,
        abbreviations=abbreviations, role_place=role_place, role_heads=role_heads,
        role_final_heads=role_final_heads, not_role_starts=not_role_starts, start_keys=start_keys,
        place_keys=levels.first_keys() | provinces.first_keys(),
        org_keys=frozenset().union(*(x.first_keys() for x in (central, body_types, long_forms, unit_heads))),
        title_keys=roles.first_keys() | modifiers.first_keys())
