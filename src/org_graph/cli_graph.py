"""``org-graph ingest``, ``who-held``, ``timeline`` … : the graph commands, thin over
:mod:`org_graph.ingest` and :mod:`org_graph.query`.

Every command takes ``--store DIR`` (or ``ORG_GRAPH_STORE``, default ``./org-graph-data``) and
reads answers as a table (default) or ``--format json`` for programs. A problem the user can act
on (no store, a locked or corrupt store, a SPARQL syntax error, an unknown person or post) is one
clear line on stderr and exit status 1 — never a traceback, and nothing written.
"""
from __future__ import annotations

import csv
import io
import json
import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from . import query as Q
from .graph.identity import Decisions
from .ingest import default_decisions_path, ingest
from .render import problem_text
from .store.oxigraph import GraphStore, StoreError, default_store_path


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


StoreOpt = Annotated[Path | None, typer.Option("--store", help="Data folder (default: $ORG_GRAPH_STORE or ./org-graph-data).",
                                                  show_default=False)]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="table (for people), json or csv (for programs).")]

err = Console(stderr=True, highlight=False, soft_wrap=True)


@contextmanager
def _store(path: Path | None, read_only: bool):
    try:
        store = GraphStore.open(path or default_store_path(), read_only=read_only)
    except StoreError as exc:
        err.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(1) from None
    try:
        if read_only and store.stale:
            err.print(f"[yellow]warning:[/] store {store.path} was changed by an ingest that did not finish; "
                      "run `org-graph ingest` again to complete it")
        yield store
    except StoreError as exc:
        err.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(1) from None
    finally:
        store.close()


def _emit(rows: list[dict], fmt: Format, columns: list[str], title: str | None = None) -> None:
    if fmt is Format.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return
    flat = [{c: _cell(r.get(c)) for c in columns} for r in rows]
    if fmt is Format.csv:
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        w.writerows(flat)
        sys.stdout.write(buf.getvalue())
        return
    table = Table(title=title, show_lines=False, highlight=False)
    for c in columns:
        table.add_column(c)
    for r in flat:
        table.add_row(*(r[c] for c in columns))
    Console(highlight=False).print(table)


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, list):
        return "; ".join(f"{e.get('article_id')}:{e.get('start')}-{e.get('end')}" if isinstance(e, dict) else str(e)
                         for e in v)
    return str(v)


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    def ingest_command(
        inputs: Annotated[list[Path], typer.Argument(help="JSON Lines files, text files or folders.",
                                                     metavar="INPUT", show_default=False)],
        store: StoreOpt = None,
        workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Extraction worker processes.")] = 1,
        decisions: Annotated[Path | None, typer.Option(
            "--decisions", help="Identity decisions file (default: $ORG_GRAPH_DECISIONS or "
            "./org-graph-decisions.yaml if present).", show_default=False)] = None,
    ) -> None:
        """Extract the articles and store them; re-resolve people and tenures."""
        dec = _decisions(decisions)
        with _store(store, read_only=False) as st:
            report = ingest(st, inputs, workers=workers, decisions=dec,
                            on_problem=lambda p: err.print(problem_text(p)))
            s = report.stored
            err.print(f"{s.new} new, {s.changed} changed, {s.unchanged} unchanged articles; "
                      f"{len(report.problems)} problems; {report.people} people, {report.tenures} tenures "
                      f"in {st.path}")
        if report.problems:
            raise typer.Exit(1)

    @app.command("remove")
    def remove_command(article_id: str, store: StoreOpt = None,
                       decisions: Annotated[Path | None, typer.Option("--decisions", show_default=False)] = None) -> None:
        """Retract an article and whatever only it supported."""
        with _store(store, read_only=False) as st:
            if not st.remove_article(article_id):
                err.print(f"[bold red]error:[/] no article {article_id!r} in {st.path}")
                raise typer.Exit(1)
            st.resolve(_decisions(decisions))
            err.print(f"removed {article_id}")

    @app.command("who-held")
    def who_held_command(post: str, on: Annotated[str, typer.Option("--on", help="YYYY-MM-DD")],
                         store: StoreOpt = None, fmt: FormatOpt = Format.table) -> None:
        """Who held a post (role then body, in Vietnamese) on a day, with the evidence."""
        with _store(store, read_only=True) as st:
            rows = Q.who_held(st, post, on)
        _emit(rows, fmt, ["person", "status", "start", "first_attested", "last_attested", "end", "evidence"],
              title=f"{post} on {on}")

    @app.command("timeline")
    def timeline_command(name: str, store: StoreOpt = None, fmt: FormatOpt = Format.table) -> None:
        """The posts of everyone with this name (one name can be several people)."""
        with _store(store, read_only=True) as st:
            people = Q.timeline(st, name)
        if fmt is Format.json:
            _emit(people, fmt, [])
            return
        rows = [{"person": p["person"], "person_id": p["person_id"].rsplit("/", 1)[-1], **t}
                for p in people for t in (p["tenures"] or [{}])]
        _emit(rows, fmt, ["person_id", "role", "organization", "start", "end", "first_attested",
                          "last_attested", "status", "evidence"], title=name)

    @app.command("holders")
    def holders_command(post: str, store: StoreOpt = None, fmt: FormatOpt = Format.table) -> None:
        """Everyone who held a post, in time order."""
        with _store(store, read_only=True) as st:
            rows = Q.holders(st, post)
        _emit(rows, fmt, ["person", "role", "organization", "start", "end", "first", "last", "status"])

    @app.command("attendees")
    def attendees_command(event: str, store: StoreOpt = None, fmt: FormatOpt = Format.table) -> None:
        """Who attended events whose name contains EVENT."""
        with _store(store, read_only=True) as st:
            rows = Q.attendees(st, event)
        _emit(rows, fmt, ["date", "event", "person", "role", "article_id", "quote"])

    @app.command("co-attendance")
    def co_attendance_command(name: str, store: StoreOpt = None, fmt: FormatOpt = Format.table) -> None:
        """Who attended the same events as a person, and how often."""
        with _store(store, read_only=True) as st:
            rows = Q.co_attendance(st, name)
        _emit(rows, fmt, ["other", "events"])

    @app.command("cites")
    def cites_command(document: str, store: StoreOpt = None, fmt: FormatOpt = Format.table) -> None:
        """What cites a document number (28-NQ/TW …)."""
        with _store(store, read_only=True) as st:
            rows = Q.cites(st, document)
        _emit(rows, fmt, ["number", "type", "date", "term", "issuer", "citer_name", "article_id"])

    @app.command("cited-by")
    def cited_by_command(body: str, store: StoreOpt = None, fmt: FormatOpt = Format.table) -> None:
        """The documents cited in the articles that name a body."""
        with _store(store, read_only=True) as st:
            rows = Q.cited_by(st, body)
        _emit(rows, fmt, ["number", "type", "date", "issuer", "articles"])

    @app.command("explain")
    def explain_command(name: str, store: StoreOpt = None, fmt: FormatOpt = Format.table) -> None:
        """Why the mentions of a name are one person, or several."""
        with _store(store, read_only=True) as st:
            rows = Q.explain(st, name)
        if fmt is Format.json:
            _emit(rows, fmt, [])
            return
        for p in rows:
            Console(highlight=False).print(f"[bold]{p['person']}[/] {p['person_id']}")
            for m in p["mentions"]:
                Console(highlight=False).print(f"  mention {m}")
            for why in p["reasons"] or ["(one mention, or nothing else agrees: not merged)"]:
                Console(highlight=False).print(f"  merged: {why}")

    @app.command("query")
    def query_command(
        sparql: Annotated[str | None, typer.Option("--sparql", help="A SPARQL SELECT/ASK/CONSTRUCT query.")] = None,
        sparql_file: Annotated[Path | None, typer.Option("--sparql-file", exists=True, dir_okay=False)] = None,
        param: Annotated[list[str] | None, typer.Option(
            "--param", "-p", help="Bind a variable: name=value (<iri>, YYYY-MM-DD or text); repeatable.")] = None,
        store: StoreOpt = None, fmt: FormatOpt = Format.table,
    ) -> None:
        """Run SPARQL over the store (all graphs as the default graph; prefixes og, org, schema … predefined)."""
        if (sparql is None) == (sparql_file is None):
            err.print("[bold red]error:[/] give exactly one of --sparql or --sparql-file")
            raise typer.Exit(2)
        text = sparql if sparql is not None else sparql_file.read_text(encoding="utf-8")
        try:
            bindings = Q.parse_params(param or [])
        except ValueError as exc:
            err.print(f"[bold red]error:[/] {exc}")
            raise typer.Exit(2) from None
        with _store(store, read_only=True) as st:
            columns, rows = Q.run_sparql(st, text, bindings)
        _emit(rows, fmt, columns)


def _decisions(path: Path | None) -> Decisions:
    p = path or default_decisions_path()
    if path is not None and not p.exists():
        err.print(f"[bold red]error:[/] decisions file {p}: no such file")
        raise typer.Exit(1)
    try:
        return Decisions.load(p)
    except Exception as exc:
        err.print(f"[bold red]error:[/] decisions file {p}: {exc}")
        raise typer.Exit(1) from None
