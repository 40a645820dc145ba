"""Ingest: read → extract (in parallel) → store each article's graph → resolve once.

A notebook can call :func:`ingest` directly. Problems with single inputs are reported and the
batch goes on; the store's article graphs are written one article at a time, and the resolved
graph is rebuilt once at the end (or by the next run, if this one is killed: the store says it
is stale until then).
"""
from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .articles import DEFAULT_MAX_CHARS, InputError, SourcedArticle, read_sourced
from .batch import BatchStats, ExtractionFailure, extract_stream
from .graph.identity import Decisions
from .model import Extraction
from .store.oxigraph import GraphStore, IngestStats

DEFAULT_DECISIONS = "org-graph-decisions.yaml"


def default_decisions_path() -> Path:
    return Path(os.environ.get("ORG_GRAPH_DECISIONS") or DEFAULT_DECISIONS)


@dataclass
class IngestReport:
    stored: IngestStats = field(default_factory=IngestStats)
    batch: BatchStats = field(default_factory=BatchStats)
    problems: list[InputError | ExtractionFailure] = field(default_factory=list)
    people: int = 0
    tenures: int = 0


def ingest(store: GraphStore, paths: Iterable[str | os.PathLike[str]], *, workers: int = 1,
           decisions: Decisions | None = None, max_chars: int = DEFAULT_MAX_CHARS,
           on_problem: Callable[[InputError | ExtractionFailure], None] | None = None,
           article_timeout: float | None = None) -> IngestReport:
    return ingest_items(store, read_sourced(paths, max_chars=max_chars), workers=workers, decisions=decisions,
                        on_problem=on_problem, article_timeout=article_timeout)


def ingest_items(store: GraphStore, items: Iterable[SourcedArticle | InputError], *, workers: int = 1,
                 decisions: Decisions | None = None,
                 on_problem: Callable[[InputError | ExtractionFailure], None] | None = None,
                 on_stored: Callable[[SourcedArticle, str], None] | None = None,
                 resolve: bool = True, start_method: str | None = None,
                 article_timeout: float | None = None) -> IngestReport:
    """Extract and store articles from any source of them (files, loaders …).

    ``on_stored(article, outcome)`` is called once an article's graph is written (outcome
    ``new``, ``changed`` or ``unchanged``), so a loader records a page as seen only then.
    ``article_timeout``: see :func:`~org_graph.batch.extract_stream`.
    """
    report = IngestReport()
    pending: deque[SourcedArticle] = deque()

    def remember(items: Iterable[SourcedArticle | InputError]) -> Iterator[SourcedArticle | InputError]:
        # Results come back in input order: the n-th result is the n-th article read.
        for item in items:
            if isinstance(item, SourcedArticle):
                pending.append(item)
            yield item

    results = extract_stream(remember(items), workers=workers, stats=report.batch, start_method=start_method,
                             article_timeout=article_timeout)
    for result in results:
        if isinstance(result, InputError):
            report.problems.append(result)
            if on_problem:
                on_problem(result)
            continue
        sourced = pending.popleft()
        if isinstance(result, ExtractionFailure):
            report.problems.append(result)
            if on_problem:
                on_problem(result)
            continue
        assert isinstance(result, Extraction) and result.article_id == sourced.article.id
        outcome = store.put_article(sourced.article, result)
        setattr(report.stored, outcome, getattr(report.stored, outcome) + 1)
        if on_stored:
            on_stored(sourced, outcome)
    if resolve and (report.stored.new or report.stored.changed or store.stale):
        clusters, tenures = store.resolve(decisions)
        report.people, report.tenures = len(clusters), len(tenures)
    return report
