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


class Extraction(BaseModel):
    article_id: str
    date: str | None = None
    province: str | None = None
    people: list[Person] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    documents: list[Document] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)

    def to_json_dict(self) -> dict:
        return self.model_dump(mode="json", exclude_none=True)
