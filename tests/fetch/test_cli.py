"""``org-graph ingest --source`` / ``ingest URL`` and ``org-graph sources``, as a user runs them."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

from .conftest import build_site, local_loader
from .server import Page

ORG_GRAPH = [sys.executable, "-m", "org_graph.cli"]


def run(*args, env=None, **kw):
    return subprocess.run([*ORG_GRAPH, *map(str, args)], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "COLUMNS": "200", **(env or {})}, **kw)


def test_ingest_source_then_sources_shows_what_was_fetched(tmp_path: Path, server, portal_records):
    build_site(server, portal_records[:6])
    server.routes["/gone-1022000000099.htm"] = Page(b"<html><body>gone</body></html>", status=404)
    loaders = tmp_path / "loaders"
    loaders.mkdir()
    for name in ("camau", "dantri"):
        info = local_loader(name, server).model_dump(exclude_defaults=True)
        (loaders / f"{name}.yml").write_text(yaml.safe_dump(info, allow_unicode=True), encoding="utf-8")
    import shutil
    shutil.copy(Path(__file__).resolve().parents[2] / "loaders" / "dantri_hooks.py", loaders)
    env = {"ORG_GRAPH_LOADERS": str(loaders)}
    store = tmp_path / "data"

    first = run("ingest", "--source", "camau", "--source", "dantri", "--store", store, env=env)
    assert first.returncode == 0, first.stderr
    assert "camau: 2 links, 2 fetched, 2 new" in first.stderr
    assert "dantri: 2 links, 2 fetched, 2 new" in first.stderr

    again = run("ingest", "--source", "all", "--store", store, env=env)
    assert again.returncode == 0, again.stderr
    assert "camau: 0 links, 0 fetched, 0 new" in again.stderr  # the listing answered 304

    url_run = run("ingest", server.url("/gone-1022000000099.htm"), "--store", store, "--timeout", "2", env=env)
    assert url_run.returncode == 1
    assert f"failed {server.url('/gone-1022000000099.htm')}: HTTP 404" in url_run.stderr

    listing = run("sources", "--store", store, "--json", env=env)
    assert listing.returncode == 0, listing.stderr
    rows = {r["name"]: r for r in json.loads(listing.stdout)}
    assert rows["camau"]["pages"] == 2 and rows["camau"]["runs"] == 2 and rows["camau"]["province"] == "Cà Mau"
    assert rows["dantri"]["articles"] == 2
    (host,) = [r for n, r in rows.items() if n not in ("camau", "dantri")]
    assert host["failures"] == [{"url": server.url("/gone-1022000000099.htm"), "reason": "HTTP 404 Not Found"}]
    table = run("sources", "--store", store, env=env)
    assert "camau" in table.stdout and "HTTP 404" in table.stdout

    timeline = run("who-held", "Chủ tịch Ủy ban nhân dân tỉnh Cà Mau", "--on", "2022-01-07", "--store", store,
                   "--format", "json")
    assert json.loads(timeline.stdout)[0]["person"] == "Huỳnh Quốc Việt"


def test_unknown_loader_and_nothing_to_do_are_clear_errors(tmp_path: Path):
    r = run("ingest", "--source", "nosuch", "--store", tmp_path / "d")
    assert r.returncode == 1 and "no loader named 'nosuch'" in r.stderr and "Traceback" not in r.stderr
    r = run("ingest", "--store", tmp_path / "d")
    assert r.returncode == 2 and "nothing to ingest" in r.stderr


def test_a_broken_loader_file_names_the_file_and_field(tmp_path: Path):
    loaders = tmp_path / "loaders"
    loaders.mkdir()
    (loaders / "bad.yml").write_text("name: bad\nfeeds: [https://x.vn/rss]\nrate_limit: -1\n")
    r = run("sources", "--store", tmp_path / "d", env={"ORG_GRAPH_LOADERS": str(loaders)})
    assert r.returncode == 1 and "bad.yml: rate_limit" in r.stderr and "Traceback" not in r.stderr
    # Extraction reads the loaders too (for a source's province): the same clear error.
    r = run("extract", Path(__file__).resolve().parents[2] / "examples" / "seed-camau-2022-01-07.jsonl",
            env={"ORG_GRAPH_LOADERS": str(loaders)})
    assert r.returncode == 1 and "bad.yml: rate_limit" in r.stderr and "Traceback" not in r.stderr
