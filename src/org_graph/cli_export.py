"""``org-graph export FORMAT``: the graph, or part of it, for Gephi, Cytoscape, neo4j-admin and
RDF tools; thin over :mod:`org_graph.export`. Errors follow the other graph commands: one red
line on stderr, exit status 1, nothing written.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .cli_graph import StoreOpt, _store, err
from .export import MAX_DEPTH, ExportError, Format, Selection, export, parse_day
from .store.oxigraph import StoreError


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export_command(
        fmt: Annotated[Format, typer.Argument(
            metavar="FORMAT", help="graphml, gexf (dynamic, for Gephi's timeline), cytoscape (Cytoscape.js JSON), "
            "neo4j-csv (a folder for neo4j-admin database import), jsonld, turtle or nquads.", show_default=False)],
        output: Annotated[Path | None, typer.Option(
            "--output", "-o", help="File to write (default: stdout); for neo4j-csv a folder (required).",
            show_default=False)] = None,
        province: Annotated[str | None, typer.Option(
            "--province", help="Keep what belongs to this province (docs/exports.md says what that is).",
            show_default=False)] = None,
        start: Annotated[str | None, typer.Option(
            "--from", help="Keep what the time window from this day on holds (YYYY-MM-DD, YYYY-MM or YYYY).",
            show_default=False)] = None,
        end: Annotated[str | None, typer.Option(
            "--to", help="… up to this day, included (YYYY-MM-DD, YYYY-MM or YYYY: its last day).",
            show_default=False)] = None,
        around: Annotated[str | None, typer.Option(
            "--around", help="Keep the network around this person (a name, or a node's IRI).",
            show_default=False)] = None,
        depth: Annotated[int | None, typer.Option(
            "--depth", help=f"Hops from --around, 0 to {MAX_DEPTH} (default 1).", show_default=False)] = None,
        store: StoreOpt = None,
    ) -> None:
        """Write the graph as FORMAT, whole or only the part the filters keep (they combine)."""
        try:
            if depth is not None and around is None:
                raise ExportError("--depth needs --around PERSON")
            selection = Selection(
                province=province,
                start=parse_day(start) if start is not None else None,
                end=parse_day(end, last=True) if end is not None else None,
                around=around, depth=1 if depth is None else depth)
            if fmt is Format.neo4j_csv and output is None:
                raise ExportError("neo4j-csv writes a folder of files: give it with -o FOLDER")
        except StoreError as exc:
            err.print(f"[bold red]error:[/] {exc}")
            raise typer.Exit(1) from None
        with _store(store, read_only=True) as st:  # turns a StoreError into the red line and exit 1
            res = export(st, fmt, output, selection)
        what = (f"{res.quads} {'triples' if fmt is Format.turtle else 'quads'}" if fmt.rdf
                else f"{res.nodes} nodes, {res.edges} edges")
        where = f" to {res.path}" if res.path else ""
        err.print(f"{fmt.value}: {what}{where} in {res.seconds:.2f} s")
        if (res.quads if fmt.rdf else res.nodes) == 0:
            err.print("[yellow]warning:[/] the selection is empty")
        if res.command:
            err.print(f"load with: {res.path / 'import.sh'} (see {res.path / 'README.md'})")
