"""How fast is ingesting into the graph store, how big is the store, how fast are its questions?
Prints figures, never asserts.

    .venv/bin/python bench/ingest_speed.py [--input FILE] [--runs N] [--workers N]

Over ``../shared/corpus/bench/dantri-unc-2653.jsonl.gz`` by default, through the library, each
configuration measured in a fresh Python process (so that memory peaks, warm caches and open
stores do not carry over from one to the next), N times (default 3), median reported:

- ``ingest``: :func:`org_graph.ingest.ingest` end to end into a fresh on-disk store in a new
  temporary folder: read → extract → store each article's graph → resolve people and tenures
  once. Reported: articles/s, the part of the time spent resolving, peak RSS (of the process
  and of its largest worker), the store's size on disk after closing it, people and tenures;
- ``extract only``: the baseline, measured in the same run: the same articles through
  :func:`org_graph.batch.extract_many` with the same number of workers, no store. The ratio of
  the two times is what storing and resolving cost on top of extraction.

Both with 1 and with 2 worker processes, or only with ``--workers N`` if given.

Then query latency, on the store built by the last ingest run, in one more fresh process: open
it once, pick questions from the store itself (posts with a day they were held, names of people
holding a post) so that they have answers, ask each once to warm up, then 30 times each, and
report the median and p95 milliseconds per call of :func:`org_graph.query.who_held` and of
:func:`org_graph.query.timeline` (each call includes the evidence queries it makes per row).

Targets, printed next to the figures: ingest ≥ 100 articles/s on the 2-core machine; who-held
and timeline ≤ 20 ms median. Timing excludes interpreter start and imports, but includes the
first extraction's loading of gazetteers.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _table import print_table  # bench/ is on sys.path when a bench runs

REPO = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = REPO.parent / "shared" / "corpus" / "bench" / "dantri-unc-2653.jsonl.gz"

TARGET_INGEST_RATE = 100.0  # articles/s, on the 2-core machine
TARGET_QUERY_MS = 20.0  # median per call
QUERY_REPEATS = 30  # timed calls per question
QUESTIONS = 20  # at most this many of each kind, taken from the store

# Questions are picked from the store so that they exist: a post's label with a day it was held…
WHO_HELD_PARAMS = """
    SELECT DISTINCT ?label ?first WHERE {
      ?t a og:Tenure ; og:post ?p ; og:firstAttested ?first . ?p skos:prefLabel ?label }
    LIMIT %d"""
# …and the name of a person holding some post.
TIMELINE_PARAMS = """
    SELECT DISTINCT ?n WHERE { ?p a og:Person ; schema:name ?n . ?t org:member ?p } LIMIT %d"""


# -- child processes: each prints its figures as one JSON line --------------------------------
def peak_rss_mib() -> tuple[float, float]:
    """RSS high-water marks of this process and of its largest reaped child (worker)."""
    kib = 1 if sys.platform != "darwin" else 1 / 1024  # ru_maxrss is KiB on Linux, bytes on macOS
    return (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * kib / 1024,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * kib / 1024,
    )


def folder_mib(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20


def child_ingest(workers: int, path: str, store_dir: str) -> dict:
    from org_graph.ingest import ingest
    from org_graph.store.oxigraph import GraphStore

    started = time.perf_counter()
    store = GraphStore.open(store_dir)
    # Wrap this store's resolve() (ingest calls it once at the end) to split the time.
    resolve, resolve_seconds = store.resolve, []

    def timed_resolve(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return resolve(*args, **kwargs)
        finally:
            resolve_seconds.append(time.perf_counter() - t0)

    store.resolve = timed_resolve  # type: ignore[method-assign]
    report = ingest(store, [path], workers=workers)
    store.close()
    seconds = time.perf_counter() - started  # closing (flushing) is part of ingesting
    del store
    gc.collect()  # the engine lets go of its files when the last reference goes
    main_rss, worker_rss = peak_rss_mib()
    return {
        "articles": report.batch.articles,
        "stored": report.stored.new,
        "problems": len(report.problems),
        "people": report.people,
        "tenures": report.tenures,
        "seconds": seconds,
        "resolve_seconds": sum(resolve_seconds),
        "main_rss_mib": main_rss,
        "worker_rss_mib": worker_rss,
        "store_mib": folder_mib(Path(store_dir)),
    }


def child_extract(workers: int, path: str) -> dict:
    from org_graph.batch import BatchStats, extract_many

    started = time.perf_counter()
    stats = BatchStats()
    for _ in extract_many([path], workers=workers, stats=stats):
        pass  # results are dropped: the baseline is extraction alone
    seconds = time.perf_counter() - started
    main_rss, worker_rss = peak_rss_mib()
    return {
        "articles": stats.articles,
        "problems": stats.problems,
        "seconds": seconds,
        "main_rss_mib": main_rss,
        "worker_rss_mib": worker_rss,
    }


def time_calls(ask, questions: list[tuple], repeats: int) -> tuple[list[float], int]:
    """Milliseconds per call over every answerable question; and how many were not answerable."""
    from org_graph import query as Q

    answerable = []
    for q in questions:  # warm-up: each question once (caches, gazetteers, store pages)
        try:
            ask(*q)
            answerable.append(q)
        except Q.NotFound:
            pass  # a label the title reader does not read back: not a latency figure
    times = []
    for q in answerable:
        for _ in range(repeats):
            t0 = time.perf_counter()
            ask(*q)
            times.append((time.perf_counter() - t0) * 1000)
    return times, len(questions) - len(answerable)


def child_query(store_dir: str) -> dict:
    from org_graph import query as Q
    from org_graph.store.oxigraph import GraphStore

    t0 = time.perf_counter()
    store = GraphStore.open(store_dir)
    open_ms = (time.perf_counter() - t0) * 1000
    posts = [(store, r["label"], r["first"]) for r in store.select(WHO_HELD_PARAMS % QUESTIONS)]
    names = [(store, r["n"]) for r in store.select(TIMELINE_PARAMS % QUESTIONS)]
    who, who_missing = time_calls(Q.who_held, posts, QUERY_REPEATS)
    tl, tl_missing = time_calls(Q.timeline, names, QUERY_REPEATS)
    store.close()
    return {
        "open_ms": open_ms,
        "who_held": {"asked": len(posts), "not_found": who_missing, "ms": who},
        "timeline": {"asked": len(names), "not_found": tl_missing, "ms": tl},
    }


def child(args: list[str]) -> None:
    mode, rest = args[0], args[1:]
    if mode == "ingest":
        figures = child_ingest(int(rest[0]), rest[1], rest[2])
    elif mode == "extract":
        figures = child_extract(int(rest[0]), rest[1])
    else:
        figures = child_query(rest[0])
    print(json.dumps(figures))


# -- the parent: runs children, prints tables -------------------------------------------------
def run_child(*args: str) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise SystemExit(f"child {' '.join(args)} failed:\n{proc.stderr}")
    figures: dict = json.loads(proc.stdout.strip().splitlines()[-1])
    return figures


def ingest_runs(workers: int, path: Path, runs: int, keep_last: bool) -> tuple[list[dict], Path]:
    """Each run in a fresh folder, removed afterwards except the last one if ``keep_last``."""
    results, folder = [], Path()
    for i in range(runs):
        folder = Path(tempfile.mkdtemp(prefix="org-graph-bench-"))
        store_dir = folder / "store"  # a folder the store creates itself, as a user's would be
        try:
            results.append(run_child("ingest", str(workers), str(path), str(store_dir)))
        finally:
            if not (keep_last and i == runs - 1):
                shutil.rmtree(folder, ignore_errors=True)
    return results, folder


def rates(runs: list[dict]) -> list[float]:
    return [r["articles"] / r["seconds"] for r in runs]


def table_row(label: str, runs: list[dict], workers: int) -> tuple[str, ...]:
    rs = rates(runs)
    resolve = (
        f"{statistics.median(r['resolve_seconds'] for r in runs):.2f}"
        if "resolve_seconds" in runs[0]
        else "–"
    )
    return (
        label,
        f"{statistics.median(rs):,.1f}",
        f"{min(rs):,.1f} – {max(rs):,.1f}",
        f"{statistics.median(r['seconds'] for r in runs):.2f}",
        resolve,
        f"{max(r['main_rss_mib'] for r in runs):.0f}",
        f"{max(r['worker_rss_mib'] for r in runs):.0f}" if workers > 1 else "–",
    )




def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def bench_ingest(path: Path, runs: int, worker_counts: list[int]) -> Path:
    """Print the ingest and baseline tables; return the folder of the last store built."""
    measured: list[tuple[int, list[dict], list[dict]]] = []
    folder = Path()
    for workers in worker_counts:
        extracted = [run_child("extract", str(workers), str(path)) for _ in range(runs)]
        keep = workers == worker_counts[-1]  # the last store built is the one queried
        ingested, folder = ingest_runs(workers, path, runs, keep_last=keep)
        measured.append((workers, ingested, extracted))

    rows = []
    for workers, ingested, extracted in measured:
        rows.append(table_row(f"ingest, workers={workers}", ingested, workers))
        rows.append(table_row(f"extract only, workers={workers}", extracted, workers))
    print_table(
        ("configuration", "median art/s", "min – max art/s", "median s", "resolve s",
         "peak RSS MiB", "worker RSS MiB"),
        rows,
    )

    print()
    for workers, ingested, _ in measured:
        r = ingested[-1]
        print(
            f"store, workers={workers}: {statistics.median(x['store_mib'] for x in ingested):.1f} "
            f"MiB on disk; {r['articles']:,} articles read, {r['stored']:,} stored, "
            f"{r['problems']} problems; {r['people']:,} people, {r['tenures']:,} tenures"
        )

    print()
    for workers, ingested, extracted in measured:
        ingest_s = statistics.median(r["seconds"] for r in ingested)
        extract_s = statistics.median(r["seconds"] for r in extracted)
        rate = statistics.median(rates(ingested))
        verdict = "meets" if rate >= TARGET_INGEST_RATE else "MISSES"
        print(
            f"workers={workers}: ingest time / extraction time = {ingest_s / extract_s:.2f}× "
            f"(storing + resolving ≈ {max(ingest_s - extract_s, 0):.2f} s); "
            f"{rate:,.1f} art/s {verdict} the target ≥ {TARGET_INGEST_RATE:.0f} art/s"
        )
    return folder


def bench_queries(folder: Path) -> None:
    figures = run_child("query", str(folder / "store"))
    print(f"\nquery latency on the last store (opened in {figures['open_ms']:.0f} ms; "
          f"{QUERY_REPEATS} calls per question after one warm-up call):")
    rows = []
    for kind in ("who_held", "timeline"):
        f = figures[kind]
        ms = f["ms"]
        median = statistics.median(ms) if ms else float("nan")
        verdict = "meets" if median <= TARGET_QUERY_MS else "MISSES"
        rows.append((
            kind.replace("_", "-"), f"{f['asked'] - f['not_found']} of {f['asked']}",
            f"{median:.1f}", f"{p95(ms):.1f}" if len(ms) > 1 else "–",
            f"{max(ms):.1f}" if ms else "–", f"{verdict} ≤ {TARGET_QUERY_MS:.0f} ms",
        ))
    print_table(("question", "answered", "median ms", "p95 ms", "max ms", "target (median)"),
                rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--input", type=Path, default=DEFAULT_INPUT, help="a .jsonl(.gz) file of articles"
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="runs per configuration (median reported)"
    )
    parser.add_argument(
        "--workers", type=int, default=None, help="only this many workers (default: 1 and 2)"
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    if not args.input.is_file():
        raise SystemExit(f"{args.input}: not found (give --input)")

    print(f"input: {args.input} ({args.input.stat().st_size / 2**20:.1f} MiB)")
    print(
        f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; "
        f"{args.runs} run(s) per configuration, each in a fresh process (and a fresh store)\n"
    )
    worker_counts = [args.workers] if args.workers else [1, 2]
    folder = bench_ingest(args.input, args.runs, worker_counts)
    try:
        bench_queries(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
