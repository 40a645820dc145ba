"""The batch library: order, bounded streaming, and one failing article not stopping the rest."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

from org_graph.articles import InputError, SourcedArticle, read_sourced
from org_graph.batch import BatchStats, ExtractionFailure, extract_many, extract_stream
from org_graph.model import Article, Extraction

FAILING_ID = "dantri-unc-education-040"

# These extractors are real functions handed to the batch (module level, so picklable for the
# worker processes). The batch mechanics are tested with a trivial extraction so that they hold
# whatever the real extractor finds, or fails on, while it is being written.


def empty_extractor(article: Article) -> Extraction:
    return Extraction(article_id=article.id)


def failing_extractor(article: Article) -> Extraction:
    """Raises on one article."""
    if article.id == FAILING_ID:
        raise ValueError(f"cannot handle {article.id}")
    return empty_extractor(article)


def dying_extractor(article: Article) -> Extraction:
    """Kills its worker process on one article, as a segfault or the OOM killer would."""
    if article.id == FAILING_ID:
        os._exit(3)
    return empty_extractor(article)


def ids(results: list) -> list[str | None]:
    return [r.article_id for r in results]


def test_results_keep_input_order(corpus_path: Path, real_records: list[dict]) -> None:
    for workers in (1, 2):
        stats = BatchStats()
        results = list(
            extract_many(
                corpus_path, workers=workers, stats=stats, chunksize=5, extractor=empty_extractor
            )
        )
        assert ids(results) == [r["id"] for r in real_records]
        assert (stats.articles, stats.extracted, stats.failed, stats.input_errors) == (92, 92, 0, 0)
        assert stats.ok and stats.finished is not None


def test_input_errors_stay_in_place(tmp_path: Path, real_lines: list[str]) -> None:
    lines = list(real_lines[:40])
    lines[0], lines[13], lines[39] = "{", "[]", "nope"
    path = tmp_path / "holes.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    expected = [
        (type(r).__name__, getattr(r, "line", None))
        for r in extract_many(path, extractor=empty_extractor)
    ]
    for workers in (2,):
        results = list(extract_many(path, workers=workers, chunksize=3, extractor=empty_extractor))
        got = [(type(r).__name__, getattr(r, "line", None)) for r in results]
        assert got == expected
        assert [r.line for r in results if isinstance(r, InputError)] == [1, 14, 40]


def test_an_exception_in_extract_fails_one_article(corpus_path: Path) -> None:
    for workers in (1, 2):
        stats = BatchStats()
        results = list(
            extract_many(corpus_path, workers=workers, stats=stats, extractor=failing_extractor)
        )
        failures = [r for r in results if isinstance(r, ExtractionFailure)]
        assert len(results) == 92 and len(failures) == 1
        failure = failures[0]
        assert (failure.path, failure.line, failure.article_id) == (str(corpus_path), 3, FAILING_ID)
        assert str(failure) == (
            f"{corpus_path}:3: article {FAILING_ID}: extraction failed: "
            f"ValueError: cannot handle {FAILING_ID}"
        )
        assert (stats.extracted, stats.failed, stats.ok) == (91, 1, False)


def test_a_dying_worker_does_not_stop_the_batch(
    corpus_path: Path, real_records: list[dict]
) -> None:
    stats = BatchStats()
    results = list(
        extract_many(corpus_path, workers=2, stats=stats, extractor=dying_extractor, chunksize=4)
    )
    assert ids(results) == [r["id"] for r in real_records]
    failed = [r for r in results if isinstance(r, ExtractionFailure)]
    # The chunk in flight is redone article by article, so only the culprit is lost.
    assert [(f.article_id, f.line, f.message) for f in failed] == [
        (FAILING_ID, 3, "worker process died while extracting this article")
    ]
    assert stats.extracted == 91 and stats.failed == 1


def test_reading_stays_bounded_ahead_of_the_output(bench_gz: Path) -> None:
    pulled = 0

    def counting() -> Iterator[SourcedArticle | InputError]:
        nonlocal pulled
        for item in read_sourced(bench_gz):
            pulled += 1
            yield item

    results = extract_stream(counting(), workers=2, chunksize=8, extractor=empty_extractor)
    first = list(itertools.islice(results, 10))
    results.close()  # type: ignore[attr-defined]
    assert len(first) == 10
    assert pulled <= 8 * (2 * 2 + 1)  # chunks in flight, plus the one being filled


def test_bare_articles_can_be_extracted(real_records: list[dict]) -> None:
    articles = [Article.model_validate(r) for r in real_records[:3]]
    results = list(extract_stream(articles, extractor=empty_extractor))
    assert [r.article_id for r in results] == [r["id"] for r in real_records[:3]]
    assert all(isinstance(r, Extraction) for r in results)


#: The adversarial article of issue 10: 1.9 million characters of one title after another. It
#: takes seconds (extraction is linear in the text), far beyond the limits below.
HUGE_ID = "adversarial-titles"
HUGE_TEXT = "Chủ tịch UBND tỉnh Cà Mau Huỳnh Quốc Việt, " * 44_000
#: Generous beside the dev articles (each well under 0.05 s), tiny beside the huge one.
LIMIT = 0.5


def test_an_article_over_the_time_limit_fails_alone(real_records: list[dict]) -> None:
    normal = [Article.model_validate(r) for r in real_records[:6]]
    huge = Article(id=HUGE_ID, text=HUGE_TEXT)
    articles = normal[:3] + [huge] + normal[3:]
    for workers in (1, 2):
        stats = BatchStats()
        results = list(
            extract_stream(articles, workers=workers, stats=stats, chunksize=2, article_timeout=LIMIT)
        )
        assert ids(results) == [a.id for a in articles]
        failures = [r for r in results if isinstance(r, ExtractionFailure)]
        assert [f.article_id for f in failures] == [HUGE_ID]
        assert str(failures[0]) == (
            f"<article>: article {HUGE_ID}: extraction failed: timed out: took longer than the "
            f"limit of {LIMIT:g} s per article (--article-timeout)"
        )
        extracted = [r for r in results if isinstance(r, Extraction)]
        assert len(extracted) == 6 and all(r.people for r in extracted)
        assert (stats.extracted, stats.failed) == (6, 1)


def test_the_time_limit_comes_from_the_environment(monkeypatch, real_records: list[dict]) -> None:
    monkeypatch.setenv("ORG_GRAPH_ARTICLE_TIMEOUT", str(LIMIT))
    articles = [Article(id=HUGE_ID, text=HUGE_TEXT), Article.model_validate(real_records[0])]
    results = list(extract_stream(articles))
    assert isinstance(results[0], ExtractionFailure) and f"limit of {LIMIT:g} s" in results[0].message
    assert isinstance(results[1], Extraction)
    # The timer is gone once the batch is: nothing fires later.
    import signal

    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0
