"""The process that answers SPARQL queries for the server (``python -m org_graph.web.sparql_worker``).

It opens the store read-only and answers one query at a time, read from a pipe as JSON, with a
JSON header (status, content type, headers) and the body. A query cannot be interrupted inside
Oxigraph, so a query past its time limit is stopped by the server killing this process
(:mod:`org_graph.web.sparql`), which then starts another one.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from multiprocessing.connection import Connection

from pyoxigraph import NamedNode, QueryBoolean, QuerySolutions, Store

from ..graph import terms as T
from .results import NotAcceptable, ask_bytes, choose, graph_bytes, media_type, select_bytes


def answer(store: Store, job: dict) -> tuple[dict, bytes]:
    """One query -> (header, body). The header has ``status`` and, when it went well,
    ``content_type``, ``rows`` and ``truncated``; otherwise ``error``."""
    max_rows = int(job.get("max_rows") or 10_000)
    kw: dict = {"prefixes": dict(T.PREFIXES)}
    defaults = job.get("default_graph") or []
    named = job.get("named_graph") or []
    if defaults:
        kw["default_graph"] = [NamedNode(g) for g in defaults]
    else:
        kw["use_default_graph_as_union"] = True
    if named:
        kw["named_graphs"] = [NamedNode(g) for g in named]
    try:
        res = store.query(job["query"], **kw)
        if isinstance(res, QuerySolutions):
            names = [v.value for v in res.variables]
            rows, truncated = [], False
            for sol in res:
                if len(rows) >= max_rows:
                    truncated = True
                    break
                rows.append([sol[n] for n in names])
            fmt = choose("results", job.get("accept"), job.get("format"))
            body = select_bytes(fmt, names, rows)
        elif isinstance(res, QueryBoolean):
            fmt = choose("results", job.get("accept"), job.get("format"))
            rows, truncated = [], False
            body = ask_bytes(fmt, bool(res))
        else:
            rows, truncated = [], False
            for t in res:
                if len(rows) >= max_rows:
                    truncated = True
                    break
                rows.append(t)
            fmt = choose("graph", job.get("accept"), job.get("format"))
            body = graph_bytes(fmt, rows, dict(T.PREFIXES))
    except SyntaxError as exc:
        return {"status": 400, "error": f"SPARQL syntax error: {exc}"}, b""
    except NotAcceptable as exc:
        return {"status": 406, "error": str(exc)}, b""
    except (ValueError, TypeError) as exc:  # e.g. a bad IRI in default-graph-uri
        return {"status": 400, "error": f"bad request: {exc}"}, b""
    except Exception as exc:  # noqa: BLE001 — an evaluation error inside the engine
        return {"status": 500, "error": f"query failed: {type(exc).__name__}: {exc}"}, b""
    return {"status": 200, "content_type": media_type(fmt), "rows": len(rows), "truncated": truncated,
            "max_rows": max_rows}, body


def _die_with_parent(parent: int) -> None:
    """Linux: be killed when the server dies, even in the middle of a long query."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001 — not Linux: the pipe's EOF still ends an idle worker
        return
    if os.getppid() != parent:
        os._exit(0)


def main(argv: list[str] | None = None) -> int:
    _die_with_parent(int(os.environ.get("ORG_GRAPH_SERVE_PID", "0")) or os.getppid())
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", required=True)
    ap.add_argument("--rfd", type=int, required=True)
    ap.add_argument("--wfd", type=int, required=True)
    args = ap.parse_args(argv)
    inp = Connection(args.rfd, writable=False)
    out = Connection(args.wfd, readable=False)
    try:
        store = Store.read_only(args.store)
        store.query("ASK { }")
    except Exception as exc:  # noqa: BLE001 — reported to the server, which reports it
        out.send_bytes(json.dumps({"status": 500, "error": f"store {args.store}: cannot be opened: {exc}"}).encode())
        return 1
    out.send_bytes(json.dumps({"status": 0, "ready": True}).encode())
    while True:
        try:
            job = json.loads(inp.recv_bytes())
        except (EOFError, OSError):
            return 0
        header, body = answer(store, job)
        out.send_bytes(json.dumps(header).encode())
        out.send_bytes(body)


if __name__ == "__main__":
    sys.exit(main())
