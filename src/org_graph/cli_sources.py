"""``org-graph ingest --source NAME`` / ``ingest URL`` (the loader side of ingest) and
``org-graph sources``: thin over :mod:`org_graph.fetch`.

Long runs show a progress bar with counts on stderr; each run ends with a summary line of what
was fetched, new, changed, unchanged, duplicate, already seen and failed, and every failure as
``URL: reason``.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .cli_graph import StateOpt, StoreOpt
from .fetch.http import FetchOptions
from .fetch.run import RunReport, run_source, run_urls
from .fetch.state import FetchState, state_folder
from .graph.identity import Decisions
from .sources import LoaderError, SourceInfo, source_named, sources
from .store.oxigraph import GraphStore, default_store_path

err = Console(stderr=True, highlight=False, soft_wrap=True)


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def _state(store: GraphStore, state_dir: Path | None) -> FetchState:
    assert store.path is not None
    return FetchState(state_dir) if state_dir else FetchState.beside(store.path)


def run_loaders(store: GraphStore, names: list[str], urls: list[str], *, state_dir: Path | None, workers: int,
                threads: int, decisions: Decisions | None, recheck: bool, limit: int | None,
                timeout: float, article_timeout: float | None = None) -> list[RunReport]:
    """Run the named loaders (``all`` for every loader with feeds or listings), then the URLs."""
    try:
        chosen = _chosen(names)
    except LoaderError as exc:
        err.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(1) from None
    state = _state(store, state_dir)
    reports: list[RunReport] = []
    try:
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      TextColumn("{task.fields[counts]}"), console=err, transient=True) as bar:
            def progress_for(label: str):
                task = bar.add_task(label, total=None, counts="")

                def on(kind: str, url: str) -> None:
                    if kind == "total":
                        bar.update(task, total=int(url))
                    else:
                        bar.advance(task)
                return on

            options = FetchOptions(timeout=timeout)
            for src in chosen:
                reports.append(run_source(store, state, src, options=options, workers=workers, threads=threads,
                                          decisions=decisions, recheck=recheck, limit=limit,
                                          progress=progress_for(src.name), article_timeout=article_timeout))
            if urls:
                reports += run_urls(store, state, urls, options=options, workers=workers, threads=threads,
                                    decisions=decisions, recheck=recheck, progress=progress_for("URLs"),
                                    article_timeout=article_timeout)
    finally:
        state.close()
    for report in reports:
        _summary(report)
    return reports


def _chosen(names: list[str]) -> list[SourceInfo]:
    known = {s.name: s for s in sources()}
    if names == ["all"]:
        return [s for s in known.values() if s.feeds or s.listings]
    chosen = []
    for name in names:
        src = source_named(name)
        if src is None:
            raise LoaderError(f"no loader named {name!r} (known: {', '.join(sorted(known)) or 'none'})")
        if not (src.feeds or src.listings):
            raise LoaderError(f"loader {name!r} has no feeds or listing pages to fetch")
        chosen.append(src)
    return chosen


def _summary(report: RunReport) -> None:
    c = report.counts
    err.print(f"[bold]{report.source}[/]: {c['discovered']} links, {c['fetched']} fetched, {c['new']} new, "
              f"{c['changed']} changed, {c['unchanged']} unchanged, {c['duplicate']} duplicate, "
              f"{c['seen']} already seen, {c['failed']} failed")
    for p in report.problems:
        err.print(f"  [red]failed[/] {p.url}: {p.reason}")


def register(app: typer.Typer) -> None:
    @app.command("sources")
    def sources_command(
        store: StoreOpt = None,
        state_dir: StateOpt = None,
        as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    ) -> None:
        """The loaders, what each has fetched, when, and what failed in its last run."""
        try:
            loaders = list(sources())
        except LoaderError as exc:
            err.print(f"[bold red]error:[/] {exc}")
            raise typer.Exit(1) from None
        folder = state_dir or state_folder(store or default_store_path())
        seen = {row["source"]: row for row in FetchState(folder).summary()} if folder.exists() else {}
        rows = []
        for src in loaders:
            row = seen.pop(src.name, {"pages": 0, "articles": 0, "runs": 0, "failures": []})
            rows.append({"name": src.name, "title": src.title, "province": src.province,
                         "feeds": len(src.feeds), "listings": len(src.listings), **row})
        rows += [{"name": name, "title": "(no loader file: URLs given on the command line)", "province": None,
                  "feeds": 0, "listings": 0, **row} for name, row in seen.items()]
        for row in rows:
            row.pop("source", None)
        if as_json:
            sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
            return
        table = Table(highlight=False)
        for col in ("name", "province", "feeds", "listings", "runs", "last run", "pages", "articles",
                    "last: new/changed/failed"):
            table.add_column(col)
        for r in rows:
            last = f"{r.get('new', 0)}/{r.get('changed', 0)}/{r.get('failed', 0)}" if r["runs"] else ""
            table.add_row(r["name"], r["province"] or "", str(r["feeds"]), str(r["listings"]), str(r["runs"]),
                          r.get("last_finished") or r.get("last_started") or "never", str(r["pages"]),
                          str(r["articles"]), last)
        Console(highlight=False).print(table)
        for r in rows:
            for f in r["failures"]:
                Console(highlight=False).print(f"{r['name']}: failed {f['url']}: {f['reason']}")
