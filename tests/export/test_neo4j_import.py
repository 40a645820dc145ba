"""The neo4j-csv export loaded by the real ``neo4j-admin database import full`` — the import tool of
the Neo4j the test suite already builds (tools/neo4j), run through the folder's own import.sh."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from org_graph.export import export
from org_graph.export.filters import counts

LIB = Path(__file__).resolve().parents[2] / "tools" / "neo4j" / "target" / "lib"


@pytest.fixture
def neo4j_home(tmp_path):
    if shutil.which("java") is None or not list(LIB.glob("neo4j-import-tool-*.jar")):
        pytest.skip("no Java or no Neo4j jars (built by `make neo4j-up` in tools/neo4j/target/lib)")
    home = tmp_path / "neo4j-home"
    (home / "bin").mkdir(parents=True)
    (home / "conf").mkdir()
    (home / "conf" / "neo4j.conf").write_text("", encoding="utf-8")
    admin = home / "bin" / "neo4j-admin"
    # What the distribution's bin/neo4j-admin does: run the admin tool on Neo4j's jars.
    admin.write_text(f'#!/bin/sh\nexec java -Xmx512m -cp "{LIB}/*" org.neo4j.cli.AdminTool "$@"\n', encoding="utf-8")
    admin.chmod(0o755)
    return home


def test_neo4j_admin_imports_every_node_and_relationship(store, projection, tmp_path, neo4j_home):
    out = tmp_path / "csv"
    export(store, "neo4j-csv", out)
    env = {**os.environ, "NEO4J_HOME": str(neo4j_home), "NEO4J_CONF": str(neo4j_home / "conf")}
    res = subprocess.run(["sh", out / "import.sh"], check=False, capture_output=True, text=True, timeout=600, env=env)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    nodes, rels = counts(projection)
    assert re.search(rf"\b{nodes} nodes\b", res.stdout) and re.search(rf"\b{rels} relationships\b", res.stdout), \
        res.stdout[-1500:]
    report = out / "import.report"
    assert not report.exists() or report.read_text(encoding="utf-8").strip() == ""  # no bad entry skipped
