"""The SPARQL 1.1 Protocol endpoint's machinery: reading a request, refusing what a read-only
endpoint must not do, and running the query in a worker process under a time limit.

Oxigraph cannot interrupt a running query from Python, so queries run in worker processes
(:mod:`.sparql_worker`) that open the store read-only; one that overruns its time limit is
killed and replaced, and the client gets a 503 at once.
"""
from __future__ import annotations

import json
import os
import queue
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from urllib.parse import parse_qsl

MAX_QUERY_BYTES = 512 * 1024
MAX_GRAPH_PARAMS = 32


class ProtocolError(Exception):
    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


# -- reading a request -------------------------------------------------------------------------
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_STRIP = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
                    r'|"(?:[^"\\\n]|\\.)*"' r"|'(?:[^'\\\n]|\\.)*'" r'|<[^<>"{}|^`\\\s]*>|#[^\n]*', re.DOTALL)
_PROLOGUE = re.compile(r"^\s*(?:(?:PREFIX\s+[^\s:]*:|BASE)\s*)*", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+")
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)


def check_query(text: str) -> None:
    """Refuse, before running it, what this endpoint does not do: updates and federation."""
    bare = _STRIP.sub(" ", text)
    rest = bare[_PROLOGUE.match(bare).end():]
    m = _WORD.match(rest.lstrip())
    if m and m.group(0).upper() in _UPDATE_WORDS:
        raise ProtocolError(403, "this SPARQL endpoint is read-only: SPARQL Update "
                                 f"({m.group(0).upper()} …) is not accepted")
    if _SERVICE.search(bare):
        raise ProtocolError(400, "SERVICE (federated query) is not allowed on this endpoint")


def _one(pairs: list[tuple[str, str]], name: str) -> str | None:
    vals = [v for k, v in pairs if k == name]
    if len(vals) > 1:
        raise ProtocolError(400, f"more than one {name!r} parameter")
    return vals[0] if vals else None


def read_request(method: str, url_pairs: list[tuple[str, str]], content_type: str | None,
                 body: bytes) -> dict | None:
    """The query job of a protocol request, or None when the request carries no query at all.
    Raises :class:`ProtocolError` for what the protocol or this endpoint refuses."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    pairs = list(url_pairs)
    query = None
    if method == "POST":
        if len(body) > MAX_QUERY_BYTES:
            raise ProtocolError(413, f"request body over {MAX_QUERY_BYTES // 1024} KiB")
        if ctype == "application/sparql-update":
            raise ProtocolError(403, "this SPARQL endpoint is read-only: SPARQL Update is not accepted")
        if ctype == "application/x-www-form-urlencoded":
            try:
                form = parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False,
                                 max_num_fields=2 * MAX_GRAPH_PARAMS + 8)
            except UnicodeDecodeError:
                raise ProtocolError(400, "form body is not UTF-8") from None
            except ValueError as exc:
                raise ProtocolError(400, f"bad form body: {exc}") from None
            if any(k == "update" for k, _ in form):
                raise ProtocolError(403, "this SPARQL endpoint is read-only: SPARQL Update is not accepted")
            pairs += form
            query = _one(form, "query")
            if _one(url_pairs, "query") is not None:
                raise ProtocolError(400, "query given both in the URL and in the form body")
        elif ctype == "application/sparql-query":
            try:
                query = body.decode("utf-8")
            except UnicodeDecodeError:
                raise ProtocolError(400, "query body is not UTF-8") from None
            if _one(url_pairs, "query") is not None:
                raise ProtocolError(400, "query given both in the URL and in the body")
        else:
            raise ProtocolError(415, "POST a query as application/sparql-query or as a form "
                                     "(application/x-www-form-urlencoded, query=…)")
    else:
        if any(k == "update" for k, _ in url_pairs):
            raise ProtocolError(403, "this SPARQL endpoint is read-only: SPARQL Update is not accepted")
        query = _one(url_pairs, "query")
    if query is None:
        return None
    if len(query.encode("utf-8")) > MAX_QUERY_BYTES:
        raise ProtocolError(413, f"query over {MAX_QUERY_BYTES // 1024} KiB")
    if not query.strip():
        raise ProtocolError(400, "empty query")
    check_query(query)
    graphs = {k: [v for kk, v in pairs if kk == k] for k in ("default-graph-uri", "named-graph-uri")}
    for k, vs in graphs.items():
        if len(vs) > MAX_GRAPH_PARAMS:
            raise ProtocolError(400, f"too many {k} parameters (at most {MAX_GRAPH_PARAMS})")
        for v in vs:
            if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]*", v):
                raise ProtocolError(400, f"{k}: not an absolute IRI: {v[:200]!r}")
    return {"query": query, "default_graph": graphs["default-graph-uri"], "named_graph": graphs["named-graph-uri"],
            "format": _one(pairs, "format")}


# -- the workers -------------------------------------------------------------------------------
@dataclass
class _Slot:
    proc: subprocess.Popen | None = None
    to_child: Connection | None = None
    from_child: Connection | None = None


class WorkerError(Exception):
    pass


class SparqlPool:
    """``workers`` processes, each answering one query at a time within ``timeout`` seconds and
    returning at most ``max_rows`` rows (or triples)."""

    def __init__(self, store_path: Path | str, workers: int = 2, timeout: float = 10.0, max_rows: int = 10_000,
                 start_timeout: float = 60.0):
        self.store_path = str(store_path)
        self.timeout = timeout
        self.max_rows = max_rows
        self.start_timeout = start_timeout
        self.queue_grace = 15.0  # seconds a query may wait for a worker beyond the time limit
        self._idle: queue.Queue[_Slot] = queue.Queue()
        self._slots = [_Slot() for _ in range(max(1, workers))]
        self._closed = False
        # Workers die with the thread that started them (PR_SET_PDEATHSIG follows the thread), so
        # one thread that lives as long as the pool starts them all.
        self._spawns: queue.Queue = queue.Queue()
        self._spawner = threading.Thread(target=self._spawn_loop, daemon=True, name="sparql-spawner")
        self._spawner.start()

    def _spawn_loop(self) -> None:
        while True:
            item = self._spawns.get()
            if item is None:
                return
            slot, done = item
            try:
                self._start_process(slot)
            except BaseException as exc:  # noqa: BLE001 — handed to the waiting caller
                done.put(exc)
            else:
                done.put(None)

    def _spawn(self, s: _Slot) -> None:
        done: queue.Queue = queue.Queue()
        self._spawns.put((s, done))
        exc = done.get()
        if exc is not None:
            raise exc

    def start(self) -> None:
        for s in self._slots:
            self._spawn(s)
            self._idle.put(s)

    def close(self) -> None:
        self._closed = True
        self._spawns.put(None)
        for s in self._slots:
            self._kill(s)

    def _start_process(self, s: _Slot) -> None:
        r1, w1 = os.pipe()
        r2, w2 = os.pipe()
        try:
            s.proc = subprocess.Popen(
                [sys.executable, "-m", "org_graph.web.sparql_worker", "--store", self.store_path,
                 "--rfd", str(r1), "--wfd", str(w2)],
                pass_fds=(r1, w2), stdin=subprocess.DEVNULL, close_fds=True,
                env={**os.environ, "ORG_GRAPH_SERVE_PID": str(os.getpid())})
        finally:
            os.close(r1)
            os.close(w2)
        s.to_child = Connection(w1, readable=False)
        s.from_child = Connection(r2, writable=False)
        if not s.from_child.poll(self.start_timeout):
            self._kill(s)
            raise WorkerError("the SPARQL worker did not start in time")
        try:
            hello = json.loads(s.from_child.recv_bytes())
        except (EOFError, OSError):
            self._kill(s)
            raise WorkerError("the SPARQL worker exited on start") from None
        if not hello.get("ready"):
            self._kill(s)
            raise WorkerError(hello.get("error") or "the SPARQL worker could not start")

    @staticmethod
    def _kill(s: _Slot) -> None:
        if s.proc is not None:
            try:
                s.proc.kill()
            except OSError:
                pass
            try:
                s.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        for c in (s.to_child, s.from_child):
            if c is not None:
                try:
                    c.close()
                except OSError:
                    pass
        s.proc = s.to_child = s.from_child = None

    def _respawn_later(self, s: _Slot) -> None:
        def run():
            try:
                if not self._closed:
                    self._spawn(s)
            except Exception as exc:  # noqa: BLE001 — the next use tries again and reports it
                print(f"org-graph serve: SPARQL worker restart failed: {exc}", file=sys.stderr)
            finally:
                self._idle.put(s)
        threading.Thread(target=run, daemon=True, name="sparql-respawn").start()

    def run(self, job: dict) -> tuple[dict, bytes]:
        """(header, body) as :func:`.sparql_worker.answer` gives them; a query past the time
        limit gives status 503, as does a server whose workers are all busy for that long."""
        began = time.monotonic()
        wait = self.timeout + self.queue_grace  # a busy worker is free (or replaced) by then
        try:
            s = self._idle.get(timeout=wait)
        except queue.Empty:
            return {"status": 503, "error": f"all SPARQL workers are busy (waited {wait:g} s); "
                                            "try again", "retry_after": 1}, b""
        began = time.monotonic()
        requeue = True
        try:
            if s.proc is None or s.proc.poll() is not None:
                self._kill(s)
                self._spawn(s)
            job = {**job, "max_rows": self.max_rows}
            s.to_child.send_bytes(json.dumps(job).encode())
            if not s.from_child.poll(self.timeout):
                self._kill(s)
                requeue = False
                self._respawn_later(s)
                return {"status": 503, "error": f"query stopped: it ran past the time limit of {self.timeout:g} s "
                                                f"(after {time.monotonic() - began:.1f} s)"}, b""
            header = json.loads(s.from_child.recv_bytes())
            body = s.from_child.recv_bytes()
            return header, body
        except (EOFError, OSError, WorkerError) as exc:
            self._kill(s)
            return {"status": 500, "error": f"the SPARQL worker failed ({exc or type(exc).__name__}); "
                                            "it is restarted for the next query"}, b""
        finally:
            if requeue:
                self._idle.put(s)
