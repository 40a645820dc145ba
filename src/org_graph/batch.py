"""Extract many articles: read → extract (optionally in worker processes) → results in input order.

This is the library behind ``org-graph extract``, usable as is from a notebook::

    stats = BatchStats()
    for result in extract_many(["../shared/corpus/articles.jsonl"], workers=2, stats=stats):
        ...  # an Extraction, an InputError or an ExtractionFailure
    print(stats.summary())

Results come out in input order, streaming: at most ``workers * window_per_worker`` chunks of
``chunksize`` articles are in flight, so memory stays bounded however big the input is (the
executors of the standard library would read the whole input ahead). One article whose
extraction raises, or even kills its worker process, is reported and the batch goes on; so is
one that takes longer than the per-article time limit (``article_timeout``, 30 s unless
``$ORG_GRAPH_ARTICLE_TIMEOUT`` says otherwise; 0 for none).
"""

from __future__ import annotations

import os
import multiprocessing
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from .articles import DEFAULT_MAX_CHARS, InputError, SourcedArticle, format_problem, read_sourced
from .extract import extract
from .extract.vocab import vocab
from .model import Article, Extraction

__all__ = [
    "ArticleTimeout",
    "BatchStats",
    "DEFAULT_ARTICLE_TIMEOUT",
    "ExtractionFailure",
    "Extractor",
    "Result",
    "extract_many",
    "extract_stream",
    "article_timeout_default",
]

Extractor = Callable[[Article], Extraction]

#: Articles sent to a worker at a time: large enough that pickling overhead is small, small
#: enough that results keep flowing and a dead worker loses little.
DEFAULT_CHUNKSIZE = 32
#: Chunks in flight per worker: two keep every worker busy while the previous result is written.
DEFAULT_WINDOW_PER_WORKER = 2
#: Seconds one article's extraction may take (extraction is linear in the text: a 2-million-
#: character article takes a few seconds; an article over the limit is a failure, not a hang).
DEFAULT_ARTICLE_TIMEOUT = 30.0
ARTICLE_TIMEOUT_ENV = "ORG_GRAPH_ARTICLE_TIMEOUT"


def article_timeout_default() -> float:
    """The per-article time limit: ``$ORG_GRAPH_ARTICLE_TIMEOUT`` (seconds, 0 for none), else
    :data:`DEFAULT_ARTICLE_TIMEOUT`."""
    env = os.environ.get(ARTICLE_TIMEOUT_ENV)
    if env is None or not env.strip():
        return DEFAULT_ARTICLE_TIMEOUT
    try:
        seconds = float(env)
    except ValueError:
        raise ValueError(f"${ARTICLE_TIMEOUT_ENV}: not a number of seconds: {env!r}") from None
    if seconds < 0 or seconds != seconds:
        raise ValueError(f"${ARTICLE_TIMEOUT_ENV}: must be 0 (no limit) or more, got {env!r}")
    return seconds


class ArticleTimeout(BaseException):
    """Raised inside an extraction that overran its time limit. A BaseException, so that no
    ``except Exception`` on the way swallows it."""


@dataclass(frozen=True, slots=True)
class ExtractionFailure:
    """An article that was read but whose extraction raised (or whose worker process died)."""

    path: str
    line: int | None
    article_id: str | None
    message: str

    def __str__(self) -> str:
        return format_problem(
            self.path, self.line, self.article_id, f"extraction failed: {self.message}"
        )


Result = Extraction | InputError | ExtractionFailure


@dataclass
class BatchStats:
    """Counts of a batch, updated as results are yielded (read them during or after the run)."""

    #: Articles read successfully (each is then either extracted or failed).
    articles: int = 0
    input_errors: int = 0
    extracted: int = 0
    failed: int = 0
    started: float = field(default_factory=time.perf_counter)
    finished: float | None = None

    @property
    def seconds(self) -> float:
        return (self.finished if self.finished is not None else time.perf_counter()) - self.started

    @property
    def rate(self) -> float:
        """Articles extracted per second of wall-clock time."""
        seconds = self.seconds
        return self.extracted / seconds if seconds > 0 else 0.0

    @property
    def problems(self) -> int:
        return self.input_errors + self.failed

    @property
    def ok(self) -> bool:
        return self.problems == 0

    def count(self, result: Result) -> None:
        if isinstance(result, Extraction):
            self.extracted += 1
        elif isinstance(result, ExtractionFailure):
            self.failed += 1
        else:
            self.input_errors += 1

    def summary(self) -> str:
        return (
            f"{self.articles:,} articles read, {self.input_errors:,} input error(s); "
            f"{self.extracted:,} extracted, {self.failed:,} failed; "
            f"{self.seconds:.2f} s, {self.rate:,.1f} articles/s"
        )


def extract_many(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    workers: int = 1,
    max_chars: int = DEFAULT_MAX_CHARS,
    stats: BatchStats | None = None,
    extractor: Extractor = extract,
    chunksize: int = DEFAULT_CHUNKSIZE,
    article_timeout: float | None = None,
) -> Iterator[Result]:
    """Read ``paths`` (files or folders, see :func:`~org_graph.articles.read_sourced`) and
    extract every article, yielding results and errors in input order."""
    items = read_sourced(paths, max_chars=max_chars)
    return extract_stream(
        items, workers=workers, stats=stats, extractor=extractor, chunksize=chunksize,
        article_timeout=article_timeout,
    )


def extract_stream(
    items: Iterable[SourcedArticle | Article | InputError],
    *,
    workers: int = 1,
    stats: BatchStats | None = None,
    extractor: Extractor = extract,
    chunksize: int = DEFAULT_CHUNKSIZE,
    start_method: str | None = None,
    article_timeout: float | None = None,
) -> Iterator[Result]:
    """Extract already-read items (bare Articles are accepted too), in order.

    ``article_timeout``: seconds one article's extraction may take before it is given up and
    reported as an :class:`ExtractionFailure` (``None``: :func:`article_timeout_default`; 0: no
    limit). The limit is a ``SIGALRM`` timer, so it holds where extraction runs in a main thread
    (worker processes, or a caller's main thread) on a platform with ``signal.setitimer``;
    elsewhere, or while the caller has an interval timer of its own running, there is none.

    With ``workers > 1`` the extractor must be picklable (a module-level function), as
    :class:`~concurrent.futures.ProcessPoolExecutor` requires. A caller that runs threads of
    its own while items are read (the loaders' fetch threads) passes ``start_method="forkserver"``:
    forking a process that has other threads can copy a lock in its held state.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    if chunksize < 1:
        raise ValueError(f"chunksize must be at least 1, got {chunksize}")
    timeout = article_timeout_default() if article_timeout is None else article_timeout
    if timeout < 0:
        raise ValueError(f"article_timeout must be 0 (no limit) or more, got {article_timeout}")
    stats = stats if stats is not None else BatchStats()
    stats.started = time.perf_counter()
    stats.finished = None
    sourced = (_sourced(item) for item in items)
    results = (
        _in_process(sourced, extractor, stats, timeout)
        if workers == 1
        else _in_pool(sourced, extractor, workers, chunksize, stats, start_method, timeout)
    )
    try:
        for result in results:
            stats.count(result)
            yield result
    finally:
        stats.finished = time.perf_counter()


def _sourced(item: SourcedArticle | Article | InputError) -> SourcedArticle | InputError:
    if isinstance(item, Article):
        return SourcedArticle(item, item.source or "<article>", None)
    return item


def _failure(item: SourcedArticle, message: str) -> ExtractionFailure:
    return ExtractionFailure(item.path, item.line, item.article.id, message)


def _describe(err: BaseException) -> str:
    text = str(err)
    return f"{type(err).__name__}: {text}" if text else type(err).__name__


def _timed_out(seconds: float) -> str:
    return f"timed out: took longer than the limit of {seconds:g} s per article (--article-timeout)"


def _extract_one(extractor: Extractor, article: Article, timeout: float = 0) -> Extraction | str:
    """The extraction, or the description of the exception it raised, or of its running out of
    time (picklable either way)."""
    try:
        if timeout > 0 and _can_time_out():
            if extractor is extract:
                vocab()  # the gazetteers load once per process (about a second), not on the clock
            return _with_time_limit(extractor, article, timeout)
        return extractor(article)
    except ArticleTimeout:
        return _timed_out(timeout)
    except Exception as err:
        return _describe(err)


def _can_time_out() -> bool:
    """A SIGALRM timer can stop the extraction here: a main thread, a platform with interval
    timers, and no timer of the caller's running (it is not ours to replace)."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )


def _with_time_limit(extractor: Extractor, article: Article, seconds: float) -> Extraction:
    def expire(signum: int, frame: object) -> None:
        raise ArticleTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            return extractor(article)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        # Restored even when the timer fires just as the extraction ends (it fires only once).
        signal.signal(signal.SIGALRM, previous)


def _extract_chunk(
    extractor: Extractor, articles: list[Article], timeout: float = 0
) -> list[Extraction | str]:
    return [_extract_one(extractor, article, timeout) for article in articles]


def _in_process(
    items: Iterator[SourcedArticle | InputError],
    extractor: Extractor,
    stats: BatchStats,
    timeout: float = 0,
) -> Iterator[Result]:
    for item in items:
        if isinstance(item, InputError):
            yield item
            continue
        stats.articles += 1
        result = _extract_one(extractor, item.article, timeout)
        yield result if isinstance(result, Extraction) else _failure(item, result)


def _ignore_sigint() -> None:
    # Ctrl-C goes to the whole process group; let the parent alone decide how to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@dataclass
class _Chunk:
    items: list[SourcedArticle | InputError]
    future: Future[list[Extraction | str]] | None = None
    #: The executor the chunk went to: when it breaks, only the current one is replaced.
    executor: ProcessPoolExecutor | None = None


#: What an article gets when its worker process died on it (crash, out of memory, ``os._exit``).
WORKER_DIED = "worker process died while extracting this article"


class _Pool:
    """A process pool that is replaced when a worker dies, so the batch can go on."""

    def __init__(
        self, workers: int, extractor: Extractor, start_method: str | None = None, timeout: float = 0
    ) -> None:
        self.workers = workers
        self.extractor = extractor
        self.timeout = timeout
        self.context = multiprocessing.get_context(start_method) if start_method else None
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        # The platform's default start method: fork on Linux up to Python 3.13, so workers start
        # in milliseconds and inherit what is loaded. Forking is only safe while the caller runs
        # no other threads, which is why the CLI's progress display has none.
        return ProcessPoolExecutor(max_workers=self.workers, initializer=_ignore_sigint, mp_context=self.context)

    def submit(
        self, articles: list[Article]
    ) -> tuple[Future[list[Extraction | str]], ProcessPoolExecutor]:
        try:
            future = self.executor.submit(_extract_chunk, self.extractor, articles, self.timeout)
        except BrokenProcessPool:
            self.renew()
            future = self.executor.submit(_extract_chunk, self.extractor, articles, self.timeout)
        return future, self.executor

    def outcomes(self, chunk: _Chunk) -> list[Extraction | str]:
        """The chunk's results; when its worker died, its articles are redone one at a time in
        a fresh pool, so that only the article that kills a worker is lost, not its neighbours."""
        assert chunk.future is not None
        try:
            return chunk.future.result()
        except BrokenProcessPool:
            if chunk.executor is self.executor:
                self.renew()
        articles = [item.article for item in chunk.items if isinstance(item, SourcedArticle)]
        redone: list[Extraction | str] = []
        for article in articles:
            future, executor = self.submit([article])
            try:
                redone.extend(future.result())
            except BrokenProcessPool:
                if executor is self.executor:
                    self.renew()
                redone.append(WORKER_DIED)
        return redone

    def renew(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _in_pool(
    items: Iterator[SourcedArticle | InputError],
    extractor: Extractor,
    workers: int,
    chunksize: int,
    stats: BatchStats,
    start_method: str | None = None,
    timeout: float = 0,
) -> Iterator[Result]:
    pool = _Pool(workers, extractor, start_method, timeout)
    window = workers * DEFAULT_WINDOW_PER_WORKER
    pending: deque[_Chunk] = deque()
    current: list[SourcedArticle | InputError] = []

    def submit(chunk_items: list[SourcedArticle | InputError]) -> None:
        articles = [item.article for item in chunk_items if isinstance(item, SourcedArticle)]
        chunk = _Chunk(chunk_items)
        if articles:
            chunk.future, chunk.executor = pool.submit(articles)
        pending.append(chunk)

    def drain(chunk: _Chunk) -> Iterator[Result]:
        outcomes = iter(pool.outcomes(chunk) if chunk.future is not None else [])
        for item in chunk.items:
            if isinstance(item, InputError):
                yield item
                continue
            outcome = next(outcomes)
            yield outcome if isinstance(outcome, Extraction) else _failure(item, outcome)

    try:
        for item in items:
            if isinstance(item, InputError) and not pending and not current:
                yield item  # nothing ahead of it: no need to queue it
                continue
            if isinstance(item, SourcedArticle):
                stats.articles += 1
            current.append(item)
            if len(current) >= chunksize:
                submit(current)
                current = []
                while len(pending) >= window:
                    yield from drain(pending.popleft())
        if current:
            submit(current)
        while pending:
            yield from drain(pending.popleft())
    finally:
        pool.close()
