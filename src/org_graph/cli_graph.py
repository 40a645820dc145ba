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
from .batch import article_timeout_default
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
StateOpt = Annotated[Path | None, typer.Option(
    "--state", help="Loader state folder (default: $ORG_GRAPH_STATE, or beside the store: STORE.sources).",
    show_default=False)]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="table (for people), json or csv (for programs).")]
Neo4jOpt = Annotated[str | None, typer.Option(
    "--neo4j", help="Answer from this Neo4j (bolt://host:7687) instead of the embedded store; "
    "user and password from NEO4J_USER / NEO4J_PASSWORD.", show_default=False)]

ArticleTimeoutOpt = Annotated[float | None, typer.Option(
    "--article-timeout", min=0, metavar="SECONDS",
    help="Give up an article whose extraction takes longer than this, report it and go on "
    "(default: $ORG_GRAPH_ARTICLE_TIMEOUT or 30; 0: no limit).", show_default=False)]

err = Console(stderr=True, highlight=False, soft_wrap=True)


def article_timeout(value: float | None) -> float:
    """--article-timeout, else $ORG_GRAPH_ARTICLE_TIMEOUT, else the default; a bad variable is a
    usage error (exit 2) before anything is read."""
    if value is not None:
        return value
    try:
        return article_timeout_default()
    except ValueError as exc:
        err.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(2) from None


@contextmanager
def _backend(path: Path | None, neo4j: str | None):
    """The store a question is asked of: Neo4j when --neo4j is given, else the embedded one."""
    if neo4j is None:
        with _store(path, read_only=True) as st:
            yield st
        return
    from .store.neo4j import Neo4jConfig, Neo4jStore

    try:
        neo = Neo4jStore(Neo4jConfig.from_env(uri=neo4j))
    except StoreError as exc:
        err.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(1) from None
    try:
        yield neo
    except StoreError as exc:
        err.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(1) from None
    finally:
        neo.close()


def _push(st: GraphStore, uri: str | None) -> None:
    from .store.neo4j import Neo4jConfig, Neo4jStore

    neo = Neo4jStore(Neo4jConfig.from_env(uri=uri))
    try:
        stats = neo.push(st)
        err.print(f"Neo4j {neo.config.uri}: {stats.nodes} nodes, {stats.relationships} relationships in "
                  f"{stats.batches} batches; {stats.deleted} retracted")
    finally:
        neo.close()


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


STATUS_HELP = "\n\n" + " ".join("""Statuses (the same in who-held, timeline, holders, the viewer and the exports):
'attested': an article attests the title on that very day (the date of the clause, of the
reported event, the publication day or the article's inferred date: each evidence row says
which, as date_basis); 'inside attested run': between the first and the last attested day;
'possible': inside the tenure's possible window (first/last possible day), outside the run.
The window never crosses the tenure's start (elected, re-elected, appointed, or a start the
text gives: 'since'), its end bound (former title, dismissed, retired, transferred, succeeded
by: on a single-seat post a holder elected or appointed on day d ends the earlier tenure by
d), a term (nhiệm kỳ 2021-2026: not before 2021, not after 2026), another holder's attested
run on a single-seat post, nor, when no term is known, the default window of 5 years before
the first and after the last attestation (ontology/seats.yaml). A tenure's own status is 'ended' (an end bound is
known) or 'unknown' (never 'current').""".split())

WHO_HELD_HELP = ("Who held a post (role then body, in Vietnamese) on a day, with the evidence. On a single-seat "
                 "post several candidates are a conflict: ranked by evidence (rank 1 strongest), never equals."
                 + STATUS_HELP)
TIMELINE_HELP = "The posts of everyone with this name (one name can be several people)." + STATUS_HELP
HOLDERS_HELP = "Everyone who held a post, in time order." + STATUS_HELP


def _evidence_cell(e: dict) -> str:
    cell = f"{e.get('article_id')}:{e.get('start')}-{e.get('end')}"
    if e.get("date"):
        cell += f" {e['date']} ({e.get('date_basis') or 'published'})"
    return cell


def _window(frm: str | None, until: str | None) -> str:
    return f"{frm} … {until}" if frm else ""


def _bounds(r: dict) -> str:
    """``start 2025-01-03 (elected); ended by 2025-11-21 (succeeded by X)``."""
    out = []
    if r.get("start"):
        out.append(f"start {r['start']} ({r.get('start_reason') or 'start'})")
    if r.get("end"):
        why = r.get("end_reason") or "end"
        if r.get("successor"):
            why += f" {r['successor']}"
        out.append(f"ended by {r['end']} ({why})")
    return "; ".join(out)


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, list):
        return "; ".join(_evidence_cell(e) if isinstance(e, dict) else str(e) for e in v)
    return str(v)


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    def ingest_command(
        inputs: Annotated[list[str] | None, typer.Argument(
            help="JSON Lines, text or HTML files, folders, feed or page URLs.", metavar="[INPUT|URL]...",
            show_default=False)] = None,
        source: Annotated[list[str] | None, typer.Option(
            "--source", "-s", help="Run the loader loaders/NAME.yml (repeatable; 'all' for every loader with "
            "feeds).", show_default=False)] = None,
        store: StoreOpt = None,
        workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Extraction worker processes.")] = 1,
        threads: Annotated[int, typer.Option("--threads", min=1, max=32, help="Parallel page fetches "
                                             "(each host stays within its loader's rate limit).")] = 4,
        decisions: Annotated[Path | None, typer.Option(
            "--decisions", help="Identity decisions file (default: $ORG_GRAPH_DECISIONS or "
            "./org-graph-decisions.yaml if present).", show_default=False)] = None,
        neo4j: Annotated[str | None, typer.Option(
            "--neo4j", help="Also push the graph to this Neo4j (bolt://…; NEO4J_USER / NEO4J_PASSWORD).",
            show_default=False)] = None,
        state_dir: StateOpt = None,
        recheck: Annotated[bool, typer.Option("--recheck", help="Ask again for pages already seen "
                                              "(conditionally), to pick up edits feeds do not announce.")] = False,
        limit: Annotated[int | None, typer.Option("--limit", min=1, help="At most this many new pages per "
                                                  "loader.", show_default=False)] = None,
        timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds per HTTP request.")] = 20.0,
        article_timeout_s: ArticleTimeoutOpt = None,
    ) -> None:
        """Extract articles (files, URLs or loaders) and store them; re-resolve people and tenures."""
        from .cli_sources import is_url, run_loaders

        limit_s = article_timeout(article_timeout_s)

        inputs, source = inputs or [], source or []
        if not inputs and not source:
            err.print("[bold red]error:[/] nothing to ingest: give files, folders, URLs or --source NAME")
            raise typer.Exit(2)
        urls = [i for i in inputs if is_url(i)]
        paths = [i for i in inputs if not is_url(i)]
        dec = _decisions(decisions)
        failed = False
        with _store(store, read_only=False) as st:
            if paths:
                report = ingest(st, paths, workers=workers, decisions=dec,
                                on_problem=lambda p: err.print(problem_text(p)), article_timeout=limit_s)
                s = report.stored
                err.print(f"{s.new} new, {s.changed} changed, {s.unchanged} unchanged articles; "
                          f"{len(report.problems)} problems; {report.people} people, {report.tenures} tenures "
                          f"in {st.path}")
                failed = bool(report.problems)
            if urls or source:
                runs = run_loaders(st, source, urls, state_dir=state_dir, workers=workers, threads=threads,
                                   decisions=dec, recheck=recheck, limit=limit, timeout=timeout,
                                   article_timeout=limit_s)
                failed = failed or any(r.problems for r in runs)
            if neo4j is not None:
                _push(st, neo4j)
        if failed:
            raise typer.Exit(1)

    @app.command("push")
    def push_command(
        target: Annotated[str, typer.Argument(help="Where to: neo4j.", metavar="TARGET")],
        uri: Annotated[str | None, typer.Option("--uri", help="bolt://host:7687 (default: $NEO4J_URI).",
                                                show_default=False)] = None,
        store: StoreOpt = None,
    ) -> None:
        """Copy the embedded store's graph into Neo4j (batched, idempotent; retracts what is gone)."""
        if target != "neo4j":
            err.print(f"[bold red]error:[/] unknown push target {target!r} (known: neo4j)")
            raise typer.Exit(2)
        with _store(store, read_only=True) as st:
            _push(st, uri)

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

    @app.command("who-held", help=WHO_HELD_HELP)
    def who_held_command(post: str, on: Annotated[str, typer.Option("--on", help="YYYY-MM-DD")],
                         store: StoreOpt = None, fmt: FormatOpt = Format.table, neo4j: Neo4jOpt = None) -> None:
        with _backend(store, neo4j) as st:
            rows = Q.who_held(st, post, on)
        title = f"{post} on {on}"
        if rows and rows[0]["conflict"]:
            title += f" — conflict: {len(rows)} candidates for one seat, ranked by evidence"
        for r in rows:
            r["window"] = _window(r.get("possible_from"), r.get("possible_until"))
            r["bounds"] = _bounds(r)
        _emit(rows, fmt, ["rank", "person", "status", "first_attested", "last_attested", "window", "bounds", "evidence"],
              title=title)

    @app.command("timeline", help=TIMELINE_HELP)
    def timeline_command(name: str, store: StoreOpt = None, fmt: FormatOpt = Format.table, neo4j: Neo4jOpt = None) -> None:
        with _backend(store, neo4j) as st:
            people = Q.timeline(st, name)
        if fmt is Format.json:
            _emit(people, fmt, [])
            return
        rows = [{"person": p["person"], "person_id": p["person_id"].rsplit("/", 1)[-1], **t}
                for p in people for t in (p["tenures"] or [{}])]
        for r in rows:
            r["bounds"] = _bounds(r)
            r["window"] = _window(r.get("possible_from"), r.get("possible_until"))
        _emit(rows, fmt, ["person_id", "role", "organization", "first_attested", "last_attested", "bounds",
                          "window", "status", "evidence"], title=name)

    @app.command("holders", help=HOLDERS_HELP)
    def holders_command(post: str, store: StoreOpt = None, fmt: FormatOpt = Format.table, neo4j: Neo4jOpt = None) -> None:
        with _backend(store, neo4j) as st:
            rows = Q.holders(st, post)
        if fmt is Format.table:
            for r in rows:
                r["bounds"] = _bounds(r)
                r["window"] = _window(r.get("from"), r.get("until"))
        _emit(rows, fmt, ["person", "role", "organization", "first", "last", "bounds", "window", "status"]
              if fmt is Format.table else ["person", "role", "organization", "start", "start_reason", "end",
                                           "end_reason", "first", "last", "from", "until", "status"])

    @app.command("attendees")
    def attendees_command(event: str, store: StoreOpt = None, fmt: FormatOpt = Format.table, neo4j: Neo4jOpt = None) -> None:
        """Who attended events whose name contains EVENT."""
        with _backend(store, neo4j) as st:
            rows = Q.attendees(st, event)
        _emit(rows, fmt, ["date", "event", "person", "role", "article_id", "quote"])

    @app.command("co-attendance")
    def co_attendance_command(name: str, store: StoreOpt = None, fmt: FormatOpt = Format.table, neo4j: Neo4jOpt = None) -> None:
        """Who attended the same events as a person, and how often."""
        with _backend(store, neo4j) as st:
            rows = Q.co_attendance(st, name)
        _emit(rows, fmt, ["other", "events"])

    @app.command("cites")
    def cites_command(document: str, store: StoreOpt = None, fmt: FormatOpt = Format.table, neo4j: Neo4jOpt = None) -> None:
        """What cites a document number (28-NQ/TW …)."""
        with _backend(store, neo4j) as st:
            rows = Q.cites(st, document)
        _emit(rows, fmt, ["number", "type", "date", "term", "issuer", "citer_name", "article_id"])

    @app.command("cited-by")
    def cited_by_command(body: str, store: StoreOpt = None, fmt: FormatOpt = Format.table, neo4j: Neo4jOpt = None) -> None:
        """The documents cited in the articles that name a body."""
        with _backend(store, neo4j) as st:
            rows = Q.cited_by(st, body)
        _emit(rows, fmt, ["number", "type", "date", "issuer", "articles"])

    @app.command("explain")
    def explain_command(name: str, store: StoreOpt = None, fmt: FormatOpt = Format.table, neo4j: Neo4jOpt = None) -> None:
        """Why the mentions of a name are one person, or several."""
        with _backend(store, neo4j) as st:
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
        cypher: Annotated[str | None, typer.Option("--cypher", help="A Cypher query, run against Neo4j "
                                                   "(--neo4j or $NEO4J_URI), read-only.")] = None,
        neo4j: Neo4jOpt = None,
        sparql_file: Annotated[Path | None, typer.Option("--sparql-file", exists=True, dir_okay=False)] = None,
        param: Annotated[list[str] | None, typer.Option(
            "--param", "-p", help="Bind a variable: name=value (<iri>, YYYY-MM-DD or text); repeatable.")] = None,
        store: StoreOpt = None, fmt: FormatOpt = Format.table,
    ) -> None:
        """Run SPARQL over the store (all graphs as the default graph; prefixes og, org, schema … predefined)."""
        if sum(x is not None for x in (sparql, sparql_file, cypher)) != 1:
            err.print("[bold red]error:[/] give exactly one of --sparql, --sparql-file or --cypher")
            raise typer.Exit(2)
        if cypher is not None:
            import os as _os

            with _backend(store, neo4j or _os.environ.get("NEO4J_URI") or "") as neo:
                rows = neo.cypher(cypher, {k.value: v.value for k, v in Q.parse_params(param or []).items()})
            _emit(rows, fmt, list(rows[0]) if rows else [])
            return
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
