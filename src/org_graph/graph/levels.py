"""The administrative level of a body (``central``, ``province``, ``district``, ``commune``) and the
province it belongs to, so that questions across provinces do not mix districts in.

* ``central``: a body of ``ontology/central_bodies.yaml`` (or named after one, with no
  jurisdiction): the Party's central organs, the State, the Assembly, ministries …;
* ``province``: a body whose jurisdiction is a province or centrally-run city of
  ``provinces.yaml`` (``Ủy ban nhân dân tỉnh Cà Mau``, ``Thành ủy Hà Nội``);
* ``district`` / ``commune``: a jurisdiction that is not a province, by the level word of the
  name (``huyện``, ``quận``, ``thị xã``, ``thành phố`` / ``xã``, ``phường``, ``thị trấn``,
  ``đặc khu``) or, failing one, by the levels its body type exists at (``body_types.yaml``
  ``levels``: ``Huyện ủy`` is district-level). Its province is the article's province, when the
  article has one (districts are not in a gazetteer);
* no level when the text leaves the body unresolved (``Sở Tài chính`` with no province).
"""
from __future__ import annotations

import re

from ..gazetteer import Gazetteer
from ..text import fold

_DISTRICT_WORDS = {"huyện", "quận", "thị xã", "thành phố"}
_COMMUNE_WORDS = {"xã", "phường", "thị trấn", "đặc khu"}
_LEVEL_WORD = re.compile(r"\b(thị xã|thị trấn|thành phố|đặc khu|huyện|quận|xã|phường|tỉnh)\s+\S")
_CENTRAL_TYPES = {"party_central", "state_top", "assembly_body", "government", "ministry",
                  "ministerial_agency", "government_agency"}


def body_level(gz: Gazetteer, name: str, type_: str | None, jurisdiction: str | None,
               article_province: str | None) -> tuple[str | None, str | None]:
    """(level, province) of a body as an article names it."""
    if jurisdiction:
        prov = gz.province(jurisdiction)
        words = [m.group(1) for m in _LEVEL_WORD.finditer(fold(name))]
        if prov is not None and (not words or words[-1] in ("tỉnh", "thành phố")):
            return "province", prov.name
        level = None
        if words:
            level = "commune" if words[-1] in _COMMUNE_WORDS else "district" if words[-1] in _DISTRICT_WORDS else None
        if level is None:
            bt = next((b for b in gz.body_types if b.id == type_), None)
            lv = set(bt.levels) if bt else set()
            if lv and lv <= _COMMUNE_WORDS:
                level = "commune"
            elif lv and lv <= _DISTRICT_WORDS | _COMMUNE_WORDS:
                level = "district"
        if level is None:
            return None, None
        return level, article_province if article_province != jurisdiction else None
    body = gz.body_by_key.get(fold(name))
    if body is not None or type_ in _CENTRAL_TYPES:
        return "central", None
    return None, None
