"""Typed records at the pipeline's boundaries: an article in, an extraction out.

The extraction's JSON form is the one of ``../shared/eval/README.md`` (ids referenced by
relations), with an evidence span (``start``/``end`` character offsets into the article's
original text) on every mention and every relation.
"""
from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Article(BaseModel):
    """One bulletin as a loader hands it over."""

    model_config = ConfigDict(extra="ignore")

    id: str
    text: str
    source: str | None = None
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    #: Province or body the source belongs to; resolves a bare ``tỉnh`` when the text does not.
    province_hint: str | None = None


class Span(BaseModel):
    start: int
    end: int


class Mention(BaseModel):
    """Something found in the text, with where it was first found and every other place."""

    id: str
    start: int
    end: int
    # A plain empty default (pydantic copies it per instance): model_construct on the hot path
    # would otherwise inspect a default_factory's signature on every call.
    mentions: list[Span] = []


class Person(Mention):
    name: str


class Organization(Mention):
    name: str
    #: Body type from ``ontology/body_types.yaml`` (``ubnd``, ``tinh_uy``, ``ministry`` …).
    type: str | None = None
    #: Canonical province/city name, or None for central and foreign bodies.
    jurisdiction: str | None = None
    #: Party or assembly term (``khóa XIII``) when the text gives one.
    term: str | None = None


class Document(Mention):
    number: str
    type: str | None = None
    date: str | None = None
    issuer: str | None = None  # id of an Organization
    term: str | None = None


class Event(Mention):
    name: str
    date: str | None = None
    kind: str | None = None


#: ``held`` is a former title (``nguyên``/``cựu``): a past tenure, not one held on the article date.
RelationType = Literal["holds", "held", "attended", "cites"]


class Relation(BaseModel):
    type: RelationType
    start: int
    end: int
    person: str | None = None
    role: str | None = None
    organization: str | None = None
    #: ``acting`` (Quyền), ``standing`` (Thường trực), ``concurrent`` (kiêm), ``elected``,
    #: ``appointed`` …
    qualifiers: list[str] = []
    event: str | None = None
    source: str | None = None
    document: str | None = None
    #: ``holds``/``held`` only (``extract/when.py``): the day the text gives this fact, ISO
    #: ``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY`` when only that is known (the length is the
    #: precision), and where it comes from: ``clause`` (a date in the same sentence before the
    #: title), ``event`` (the event the sentence or the article reports), ``published`` (the
    #: article's day) or ``inferred`` (the article's year or day inferred from its text).
    date: str | None = None
    date_basis: Literal["clause", "event", "published", "inferred"] | None = None
    #: The term the title is given for (``nhiệm kỳ 2021-2026``, ``khóa XV``).
    term: str | None = None
    #: A start the text gives (``từ tháng 3/2024``, ``từ năm 2019 đến nay``): ISO, with precision.
    since: str | None = None


class Extraction(BaseModel):
    article_id: str
    #: The article's publication day.
    date: str | None = None
    #: Without a publication day: the article's day (or ``YYYY-MM`` / ``YYYY``) inferred from its
    #: own text where that is determined (``event``: the date of the events it reports;
    #: ``year``: only the year, from its own dates), never from a document it cites.
    date_inferred: str | None = None
    date_inferred_basis: Literal["event", "year"] | None = None
    province: str | None = None
    people: list[Person] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    documents: list[Document] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)

    def to_json_dict(self) -> dict:
        return self.model_dump(mode="json", exclude_none=True)
