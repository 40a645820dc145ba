"""A real store built from the real corpus, and real `org-graph serve` processes over it."""
from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from org_graph.ingest import ingest
from org_graph.store.oxigraph import GraphStore


@pytest.fixture(scope="session")
def web_store(corpus_path, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("web-store") / "data"
    st = GraphStore.open(path)
    ingest(st, [corpus_path])
    st.close()
    return path


class Server:
    def __init__(self, store: Path, log: Path, *args: str):
        cmd = [sys.executable, "-c", "from org_graph.cli import app; app()", "serve", "--store", str(store),
               "--port", "0", "--log-level", "warning", *args]
        self.log = log
        self._err = open(log, "wb")  # noqa: SIM115 — open as long as the server runs
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=self._err, text=True)
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=lambda: [lines.put(line) for line in self.proc.stdout], daemon=True).start()
        try:
            first = lines.get(timeout=90)
        except queue.Empty:
            self.stop()
            raise RuntimeError(f"server did not start; see {log}: {log.read_text()[-2000:]}") from None
        assert first.startswith("org-graph viewer on http://"), first
        self.url = first.split()[3].rstrip("/")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._err.close()

    def get(self, path: str, headers: dict | None = None, data: bytes | None = None, method: str | None = None,
            timeout: float = 30):
        """(status, headers, body) — errors included, never raised."""
        req = urllib.request.Request(self.url + path, data=data, headers=headers or {}, method=method)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()


@pytest.fixture(scope="session")
def server(web_store, tmp_path_factory):
    s = Server(web_store, tmp_path_factory.mktemp("logs") / "serve.log", "--max-rows", "100")
    yield s
    s.stop()


@pytest.fixture(scope="session")
def slow_server(web_store, tmp_path_factory):
    """The same store with a tiny time limit and one SPARQL worker."""
    s = Server(web_store, tmp_path_factory.mktemp("logs") / "serve-slow.log", "--timeout", "0.5",
               "--sparql-workers", "1")
    yield s
    s.stop()


@pytest.fixture(scope="session")
def artifacts_dir(tmp_path_factory) -> Path:
    env = os.environ.get("ORG_GRAPH_TEST_ARTIFACTS")
    path = Path(env) if env else tmp_path_factory.mktemp("artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path
