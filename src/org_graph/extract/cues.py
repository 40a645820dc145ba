"""Patterns built from ``ontology/tenure_cues.yaml``: the words, as data; the grammar, in code."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from ..gazetteer import ontology_dir


def alternation(words: list[str]) -> str:
    """``["bổ nhiệm", "bầu"]`` -> ``(?:bổ\\s+nhiệm|bầu)``, longest first so prefixes never win."""
    parts = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in parts) + ")"


@dataclass(frozen=True)
class Cues:
    appointment: str
    election: str
    office: str
    concurrent: str
    end: str
    future: str
    credit: str
    reelection: str
    adverbs: str
    list_copulas: str
    retirement: str
    transfer: str
    ceremony_heads: str
    ceremony: str
    background: str
    principal: str
    career_verbs: str
    career_objects: str


@lru_cache(maxsize=1)
def cue_data() -> dict:
    """``ontology/tenure_cues.yaml`` as written: word lists by name."""
    return yaml.safe_load((ontology_dir() / "tenure_cues.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def cues() -> Cues:
    data = cue_data()
    return Cues(*(alternation(data[k]) for k in (
        "appointment_verbs", "election_verbs", "office_words", "concurrent_words", "end_verbs",
        "future_markers", "credit_labels", "reelection_verbs", "frame_adverbs", "list_copulas",
        "retirement_words", "transfer_words", "ceremony_heads", "ceremony_cues", "background_markers", "principal_markers", "career_verbs", "career_objects")))
