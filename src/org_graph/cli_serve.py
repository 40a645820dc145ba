"""``org-graph serve``: the web viewer and the SPARQL endpoint over a store (see docs/viewer.md).

The store is opened read-only, so the server can run beside the CLI's questions; run
``org-graph ingest`` with the server stopped (a read-only reader does not see, and must not be
open during, a write), then start it again.
"""
from __future__ import annotations

import socket
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from .store.oxigraph import GraphStore, StoreError, default_store_path

err = Console(stderr=True, highlight=False, soft_wrap=True)

StoreOpt = Annotated[Path | None, typer.Option("--store", help="Data folder (default: $ORG_GRAPH_STORE or ./org-graph-data).",
                                                  show_default=False)]


def _fail(message: str) -> None:
    err.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(1)


def serve(
    store: StoreOpt = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on (0: any free port, printed).")] = 8000,
    timeout: Annotated[float, typer.Option("--timeout", help="SPARQL time limit per query, in seconds.")] = 10.0,
    max_rows: Annotated[int, typer.Option("--max-rows", help="SPARQL results are cut after this many rows (or triples).")] = 10_000,
    workers: Annotated[int, typer.Option("--sparql-workers", help="Queries run at once (one process each).")] = 2,
    log_level: Annotated[str, typer.Option("--log-level", help="uvicorn log level: info logs every request.")] = "info",
) -> None:
    """Web viewer (search, timelines with sources, graph view) and read-only SPARQL endpoint at /sparql."""
    if not 0 <= port <= 65535:
        _fail(f"--port {port}: not a port number")
    if not 0 < timeout <= 3600:
        _fail("--timeout: give a number of seconds above 0 (at most 3600)")
    if max_rows < 1:
        _fail("--max-rows: give at least 1")
    if not 1 <= workers <= 32:
        _fail("--sparql-workers: give 1 to 32")
    path = store or default_store_path()
    try:
        st = GraphStore.open(path, read_only=True)
    except StoreError as exc:
        _fail(str(exc))
    try:
        if st.stale:
            err.print(f"[yellow]warning:[/] store {path} was changed by an ingest that did not finish; "
                      "run `org-graph ingest` again to complete it")
    finally:
        st.close()

    try:
        sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        _fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
    except UnicodeError:
        _fail(f"--host {host!r}: not an address")
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{bound}/"

    import uvicorn

    from .web import ServeConfig, create_app

    def ready() -> None:
        print(f"org-graph viewer on {url} (SPARQL endpoint {url}sparql; store {path})", flush=True)

    app = create_app(ServeConfig(path, timeout=timeout, max_rows=max_rows, workers=workers, on_ready=ready))
    config = uvicorn.Config(app, log_level=log_level.lower(), timeout_graceful_shutdown=5, server_header=False,
                            limit_concurrency=200)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except StoreError as exc:
        _fail(str(exc))
    if not server.started:
        _fail("the server did not start (see the messages above)")
    sys.exit(0)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
