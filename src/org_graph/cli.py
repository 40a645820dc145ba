"""The ``org-graph`` command line: a thin shell over the library (:mod:`org_graph.batch`).

Output goes to stdout or ``-o``; every problem goes to stderr as ``path:line: message``, so the
JSON Lines output stays clean for the next tool. Exit status: 0 when every input was read and
extracted, 1 when anything failed (the rest is still processed and written), 2 for usage errors.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Annotated

import typer
from rich.console import Console
from rich.live import Live
from rich.text import Text

from . import __version__
from .articles import DEFAULT_MAX_CHARS
from .batch import BatchStats, extract_many
from .cli_graph import ArticleTimeoutOpt, article_timeout
from .model import Extraction
from .render import extraction_tree, problem_text, summary_text

app = typer.Typer(
    name="org-graph",
    help="Knowledge graph of Vietnamese officials and institutions from news bulletins.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"org-graph {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Knowledge graph of Vietnamese officials and institutions from news bulletins."""
    # Every command may read the loader files (a source's province is a hint for extraction):
    # a broken one is one clear line here rather than a traceback in the middle of a batch.
    from .sources import LoaderError, sources

    try:
        sources()
    except LoaderError as exc:
        Console(stderr=True, highlight=False, soft_wrap=True).print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(1) from None


@contextlib.contextmanager
def _json_sink(output: Path | None) -> Iterator[IO[bytes]]:
    """Where JSON lines go: the -o file, or stdout's bytes (JSON Lines are UTF-8, whatever the
    locale says)."""
    if output is not None:
        try:
            handle = open(output, "wb")  # noqa: SIM115 - closed below
        except OSError as err:
            raise typer.BadParameter(
                f"cannot write {output}: {err.strerror}", param_hint="'-o'"
            ) from err
        with handle:
            yield handle
        return
    sys.stdout.flush()
    yield sys.stdout.buffer
    sys.stdout.buffer.flush()


EXTRACT_HELP = (
    "Extract people, posts, organisations, documents and events: one JSON line per article.\n\n"
    "Lines come out in input order. Unreadable inputs and failed extractions are reported on "
    "stderr as path:line: message and the rest goes on; the exit status is then 1. On a "
    "terminal, stdout shows a readable view instead of JSON (--json forces JSON)."
)


@app.command("extract", help=EXTRACT_HELP)
def extract_command(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            help="JSON Lines files (.jsonl, .jsonl.gz), text files (.txt, one article each) "
            "or folders of them.",
            show_default=False,
            metavar="INPUT",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Write JSON lines to this file (default: stdout).",
            dir_okay=False,
        ),
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, help="Worker processes extracting in parallel.")
    ] = 1,
    json_output: Annotated[
        bool, typer.Option("--json", help="Write JSON lines to stdout even when it is a terminal.")
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="No summary or progress; problems are still reported."),
    ] = False,
    max_chars: Annotated[
        int,
        typer.Option(
            "--max-chars", min=1, help="Reject articles longer than this many characters."
        ),
    ] = DEFAULT_MAX_CHARS,
    article_timeout_s: ArticleTimeoutOpt = None,
) -> None:
    """Read the inputs, extract every article (in parallel with --workers) and write the results
    in input order; report problems on stderr and go on."""
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    out = Console(highlight=False)
    readable = output is None and not json_output and sys.stdout.isatty()
    show_summary = not quiet and (output is not None or readable)
    stats = BatchStats()
    results = extract_many(inputs, workers=workers, max_chars=max_chars, stats=stats,
                           article_timeout=article_timeout(article_timeout_s))

    progress = None
    if show_summary and output is not None and err.is_terminal:
        # Refreshed by hand, not by rich's refresh thread: worker processes are forked, and
        # forking while another thread holds a lock can deadlock the child.
        progress = Live(Text("extracting…"), console=err, auto_refresh=False, transient=True)
        progress.start(refresh=True)
    try:
        if readable:
            for result in results:
                if isinstance(result, Extraction):
                    out.print(extraction_tree(result.to_json_dict()))
                else:
                    err.print(problem_text(result))
        else:
            with _json_sink(output) as sink:
                for result in results:
                    if isinstance(result, Extraction):
                        line = json.dumps(result.to_json_dict(), ensure_ascii=False) + "\n"
                        sink.write(line.encode("utf-8"))
                        if progress is not None and stats.extracted % 100 == 0:
                            progress.update(Text(f"extracting… {stats.extracted:,} articles"))
                            progress.refresh()
                    else:
                        err.print(problem_text(result))
    except BrokenPipeError:
        # The reader of stdout went away (`| head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        err.print("interrupted", style="bold red")
        raise typer.Exit(130) from None
    finally:
        if progress is not None:
            progress.stop()
    if show_summary:
        err.print(summary_text(stats, os.fspath(output) if output else None))
    if not stats.ok:
        raise typer.Exit(1)


# The graph commands (ingest, who-held, timeline …) live in their own module.
from .cli_graph import register as _register_graph_commands  # noqa: E402

_register_graph_commands(app)

from .cli_export import register as _register_export_commands  # noqa: E402
_register_export_commands(app)

from .cli_serve import register as _register_serve_commands  # noqa: E402
_register_serve_commands(app)
from .cli_sources import register as _register_source_commands  # noqa: E402
_register_source_commands(app)


if __name__ == "__main__":
    app()
