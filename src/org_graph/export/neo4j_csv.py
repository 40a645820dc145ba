"""CSV files for ``neo4j-admin database import full``: the fastest way to load a big graph into an
empty Neo4j, and the same graph ``org-graph push neo4j`` writes over Bolt.

Layout of the folder::

    nodes/Person.csv            id:ID,name:string,name_key:string,merge_reasons:string[],:LABEL
    relationships/HOLDS.csv     :START_ID,:END_ID,:TYPE
    relationships/ATTENDED.csv  :START_ID,:END_ID,:TYPE,role:string,article_id:string,start:int,…
    import.sh                   the exact neo4j-admin command line, run from this folder
    README.md                   what is here and how to load it

Property names and values are the projection's, as ``push neo4j`` stores them (dates as
``YYYY-MM-DD`` text, ``start``/``end`` of ATTENDED and MENTIONED_IN as character offsets), so the
ready Cypher queries in ``queries/cypher`` answer the same on an imported database. Ids are the
IRIs, one id space for all labels (IRIs never collide across labels). A null is an empty field,
which neo4j-admin imports as no property — as push does.
"""
from __future__ import annotations

import csv
import shlex
from dataclasses import dataclass
from pathlib import Path

from ..store.projection import PropertyGraph

#: Array delimiters to choose from: the first no list value contains wins, so an element never
#: splits in two on import.
_ARRAY_DELIMITERS = (";", "|", "\u001f")
_SKIP_REL = ("from", "to", "from_label")


@dataclass
class Written:
    nodes: dict[str, Path]
    relationships: dict[str, Path]
    command: list[str]


def _type(values: list) -> str:
    present = [v for v in values if v is not None]
    if any(isinstance(v, list) for v in present):
        return "string[]"
    if present and all(isinstance(v, bool) for v in present):
        return "boolean"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "long"  # offsets fit in int, but long is what Cypher integers are anyway
    if present and all(isinstance(v, float) for v in present):
        return "double"
    return "string"


def _columns(rows: list[dict], skip: tuple[str, ...]) -> list[tuple[str, str]]:
    """(name, neo4j type) of every property any row has, in the order rows first show them."""
    names: dict[str, None] = {}
    for r in rows:
        for k in r:
            if k not in skip:
                names.setdefault(k)
    return [(k, _type([r.get(k) for r in rows])) for k in names]


def _cell(value, delimiter: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return delimiter.join(str(v) for v in value)
    return str(value)


def _array_delimiter(g: PropertyGraph) -> str:
    values = [str(v) for rows in (*g.nodes.values(), *g.rels.values()) for r in rows
              for lst in r.values() if isinstance(lst, list) for v in lst]
    for d in _ARRAY_DELIMITERS:
        if not any(d in v for v in values):
            return d
    raise ValueError("every array delimiter candidate occurs in some list value")  # pragma: no cover


def _cli_char(c: str) -> str:
    return c if c.isprintable() else f"U+{ord(c):04X}"


def write(g: PropertyGraph, folder: Path, database: str = "neo4j") -> Written:
    folder = Path(folder)
    nodes_dir, rels_dir = folder / "nodes", folder / "relationships"
    for d in (nodes_dir, rels_dir):
        d.mkdir(parents=True, exist_ok=True)
        # A former export of another selection may have left files for labels this one lacks.
        for old in d.glob("*.csv"):
            old.unlink()
    delim = _array_delimiter(g)
    multiline = any("\n" in v or "\r" in v for rows in (*g.nodes.values(), *g.rels.values()) for r in rows
                    for v in r.values() if isinstance(v, str))
    written = Written({}, {}, [])
    for label in sorted(g.nodes):
        rows = sorted(g.nodes[label], key=lambda r: r["id"])
        if not rows:
            continue  # neo4j-admin needs no file for a label without nodes
        cols = _columns(rows, ("id",))
        path = nodes_dir / f"{label}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["id:ID", *(f"{k}:{t}" for k, t in cols), ":LABEL"])
            for r in rows:
                w.writerow([r["id"], *(_cell(r.get(k), delim) for k, _ in cols), label])
        written.nodes[label] = path
    for rtype in sorted(g.rels):
        rows = sorted(g.rels[rtype], key=lambda r: (r["from"], r["to"], repr(sorted(r.items(), key=str))))
        if not rows:
            continue
        cols = _columns(rows, _SKIP_REL)
        path = rels_dir / f"{rtype}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow([":START_ID", ":END_ID", ":TYPE", *(f"{k}:{t}" for k, t in cols)])
            for r in rows:
                w.writerow([r["from"], r["to"], rtype, *(_cell(r.get(k), delim) for k, _ in cols)])
        written.relationships[rtype] = path
    written.command = command(written, folder, database, delim, multiline)
    _write_instructions(folder, written, database)
    return written


def command(written: Written, folder: Path, database: str, delim: str, multiline: bool) -> list[str]:
    """The argv of the import, with paths relative to the export folder (run it from there)."""
    # Since Neo4j 5.19 the database name must come before the named options.
    cmd = ["neo4j-admin", "database", "import", "full", database, "--overwrite-destination=true",
           "--id-type=string", f"--array-delimiter={_cli_char(delim)}"]
    if multiline:
        cmd.append("--multiline-fields=true")
    cmd += [f"--nodes={p.relative_to(folder).as_posix()}" for p in written.nodes.values()]
    cmd += [f"--relationships={p.relative_to(folder).as_posix()}" for p in written.relationships.values()]
    return cmd


def _write_instructions(folder: Path, written: Written, database: str) -> None:
    line = " ".join(shlex.quote(a) for a in written.command)
    script = folder / "import.sh"
    script.write_text(
        "#!/bin/sh\n"
        "# Load this export into an empty (or stopped, to be replaced) Neo4j database. Run with\n"
        "# neo4j-admin on the PATH, or NEO4J_HOME set; then start the database (Neo4j 5:\n"
        f"# CREATE DATABASE {database} if it did not exist, or restart the server).\n"
        "set -e\n"
        'cd "$(dirname "$0")"\n'
        'ADMIN="neo4j-admin"\n'
        '[ -n "$NEO4J_HOME" ] && ADMIN="$NEO4J_HOME/bin/neo4j-admin"\n'
        f'"$ADMIN" {line.split(" ", 1)[1]}\n', encoding="utf-8")
    script.chmod(0o755)
    files = "\n".join(f"- `{p.relative_to(folder).as_posix()}`" for p in
                      [*written.nodes.values(), *written.relationships.values()])
    constraints = "\n".join(f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE;"
                            for label in written.nodes)
    (folder / "README.md").write_text(
        "# org-graph export for neo4j-admin\n\n"
        "Nodes (one file per label, header `id:ID,…,:LABEL`) and relationships (one file per type,\n"
        "header `:START_ID,:END_ID,:TYPE,…`), written by `org-graph export neo4j-csv`.\n\n"
        f"{files}\n\n"
        "Load them into an empty database (Neo4j 5.19 or later; the database must be stopped), from\n"
        "this folder:\n\n"
        f"```sh\n{line}\n```\n\n"
        "(`./import.sh` runs exactly this.) Then start the database and create the constraints\n"
        "`org-graph push neo4j` creates (the ready Cypher queries look nodes up by `id`):\n\n"
        f"```cypher\n{constraints}\n```\n\n"
        "Do not `push neo4j` onto an imported database: push keys some relationships on properties\n"
        "an import leaves out (e.g. no `start` on a body's MENTIONED_IN), so it would add them twice.\n", encoding="utf-8")
