"""How fast is extraction, and how much memory does it take? Prints figures, never asserts.

    .venv/bin/python bench/extract_speed.py [--input FILE] [--runs N]

Over ``../shared/corpus/bench/dantri-unc-2653.jsonl.gz`` by default, through the library
(:mod:`org_graph.batch`), each configuration measured in a fresh Python process (so that memory
peaks and warm caches do not carry over from one to the next), N times, median reported:

- ``read only``: read and validate the articles, no extraction: the floor every run pays;
- ``extract, 1 process``: read → extract → serialise each result to a JSON line (discarded);
- ``extract, --workers 2``: the same with two worker processes.

Peak memory is the RSS high-water mark from ``getrusage``: of the main process, and of the
largest worker process (workers are reaped before it is read). Timing excludes interpreter start
and imports, but includes the first extraction's loading of gazetteers.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _table import print_table  # bench/ is on sys.path when a bench runs

REPO = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = REPO.parent / "shared" / "corpus" / "bench" / "dantri-unc-2653.jsonl.gz"

CONFIGS: list[tuple[str, str, int]] = [
    ("read only", "read", 1),
    ("extract, 1 process", "extract", 1),
    ("extract, --workers 2", "extract", 2),
]


def child(mode: str, workers: int, path: str) -> None:
    """Run one configuration in this (fresh) process and print its figures as one JSON line."""
    from org_graph.articles import read_articles
    from org_graph.batch import BatchStats, extract_many
    from org_graph.model import Article, Extraction

    started = time.perf_counter()
    articles = problems = 0
    if mode == "read":
        for item in read_articles(path):
            if isinstance(item, Article):
                articles += 1
            else:
                problems += 1
    else:
        stats = BatchStats()
        with open(os.devnull, "w", encoding="utf-8") as sink:
            for result in extract_many(path, workers=workers, stats=stats):
                if isinstance(result, Extraction):
                    sink.write(json.dumps(result.to_json_dict(), ensure_ascii=False) + "\n")
        articles, problems = stats.articles, stats.problems
    seconds = time.perf_counter() - started
    kib = 1 if sys.platform != "darwin" else 1 / 1024  # ru_maxrss is KiB on Linux, bytes on macOS
    print(
        json.dumps(
            {
                "articles": articles,
                "problems": problems,
                "seconds": seconds,
                "main_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * kib / 1024,
                "worker_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
                * kib
                / 1024,
            }
        )
    )


def measure(mode: str, workers: int, path: Path) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(workers), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"configuration {mode}/{workers} failed:\n{proc.stderr}")
    figures: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--input", type=Path, default=DEFAULT_INPUT, help="a .jsonl(.gz) file of articles"
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="runs per configuration (median reported)"
    )
    parser.add_argument(
        "--child", nargs=3, metavar=("MODE", "WORKERS", "PATH"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        mode, workers, path = args.child
        child(mode, int(workers), path)
        return
    if not args.input.is_file():
        raise SystemExit(f"{args.input}: not found (give --input)")

    print(f"input: {args.input} ({args.input.stat().st_size / 2**20:.1f} MiB)")
    print(
        f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; "
        f"{args.runs} run(s) per configuration, each in a fresh process\n"
    )
    rows = []
    medians: dict[str, float] = {}
    for label, mode, workers in CONFIGS:
        runs = [measure(mode, workers, args.input) for _ in range(args.runs)]
        rates = [r["articles"] / r["seconds"] for r in runs]
        medians[label] = statistics.median(r["seconds"] for r in runs)
        worker_peak = max(r["worker_rss_mib"] for r in runs) if workers > 1 else None
        rows.append(
            (
                label,
                f"{statistics.median(rates):,.1f}",
                f"{min(rates):,.1f} – {max(rates):,.1f}",
                f"{medians[label]:.2f}",
                f"{max(r['main_rss_mib'] for r in runs):.0f}",
                f"{worker_peak:.0f}" if worker_peak is not None else "–",
                f"{runs[0]['articles']:,}"
                + (f" (+{runs[0]['problems']} problems)" if runs[0]["problems"] else ""),
            )
        )

    header = (
        "configuration",
        "median art/s",
        "min – max art/s",
        "median s",
        "peak RSS MiB",
        "worker RSS MiB",
        "articles",
    )
    print_table(header, rows)

    read = medians["read only"]
    print()
    for label in ("extract, 1 process", "extract, --workers 2"):
        print(
            f"{label}: {medians[label] / read:.1f}× the time of reading alone "
            f"(extraction itself ≈ {max(medians[label] - read, 0):.2f} s)"
        )
    print(
        f"speed-up of --workers 2 over 1 process: "
        f"{medians['extract, 1 process'] / medians['extract, --workers 2']:.2f}×"
    )


if __name__ == "__main__":
    main()
