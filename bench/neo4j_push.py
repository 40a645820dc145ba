"""How fast is pushing the graph to Neo4j, and how fast are the ready questions there?
Prints figures, never asserts.

    .venv/bin/python bench/neo4j_push.py [--input FILE] [--runs N] [--batch-size N]
                                         [--sample-fraction F] [--full-single]

Needs a Neo4j: the one named by NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD (``eval "$(make -s
neo4j-up)"``), or, when NEO4J_URI is unset, the development one of ``tools/neo4j/up.sh``, which
this script then starts itself and stops at the end with ``tools/neo4j/down.sh`` (only if it was
not already running). THE GRAPH IN THAT NEO4J IS DELETED (:meth:`Neo4jStore.clear`), before the
pushes and again at the end, so that tests start clean.

First the embedded store is built once from ``../shared/corpus/bench/dantri-unc-2653.jsonl.gz``
(:func:`org_graph.ingest.ingest`, 2 workers, in a temporary folder) and projected once to a
property graph (:func:`org_graph.store.projection.project`); both times are printed, but are not
part of any push figure. Then, N times each (default 3), median reported:

- ``whole graph, batched``: :meth:`Neo4jStore.push` of the whole projection with
  ``batch_size`` rows per transaction (default 2000) into an empty Neo4j (cleared before each
  run, constraints and indexes created once beforehand), after one untimed push (into a freshly
  started Neo4j the first push pays JIT compilation and query planning; its time is printed
  apart). Reported: seconds, rows/s, and the time split by what the push sends (each
  transaction timed on the client): node batches (→ nodes/s), relationship batches
  (→ relationships/s), retracting older pushes, and the rest (the content hash and row cleaning,
  on the client); node and relationship counts, as pushed and as found in Neo4j afterwards; and
  the time per label and per relationship type;
- ``re-push``: the same graph pushed again onto itself (nothing changes: every MERGE matches,
  nothing is retracted); the baseline is the first push above;
- query latency with the whole graph in Neo4j: questions picked from the Neo4j graph itself
  (posts with a day a tenure of them was first attested; names of people holding a post), at
  most 20 of each, each asked once to warm up and then 30 times, median and p95 milliseconds per
  call of the ready queries ``who-held`` and ``timeline`` through :meth:`Neo4jStore.ready`; the
  baseline, measured in the same run: the same questions through :meth:`GraphStore.ready` on the
  embedded store (the ready query alone, without the evidence look-ups that
  :mod:`org_graph.query` adds, so both sides run one query per call);
- ``one row per transaction``: ``batch_size=1`` against the batched push, on a deterministic
  sample (every label's first ``--sample-fraction`` of node rows by id, default 10 %, and only
  the relationships whose two ends are both in the sample), cleared before each push, the two
  alternated within each run, after one untimed round of both (the first pushes after the
  whole graph pay for Neo4j re-planning its statements for a much smaller graph). Reported:
  rows/s of each and the ratio of their times, and a rough estimate for the whole graph from
  the sample's per-row times. ``--full-single`` also pushes the whole graph one row per
  transaction (N times; slow: about a minute each).

Timing excludes interpreter start, imports, ingest and projection; each push includes everything
:meth:`Neo4jStore.push` does (schema statements, content hash, batches, retraction).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from _table import print_table  # bench/ is on sys.path when a bench runs

REPO = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = REPO.parent / "shared" / "corpus" / "bench" / "dantri-unc-2653.jsonl.gz"

TARGET_QUERY_MS = 20.0  # median per call, as in bench/ingest_speed.py
QUERY_REPEATS = 30  # timed calls per question
QUESTIONS = 20  # at most this many of each kind, taken from the Neo4j graph

WHO_HELD_PARAMS = f"""
    MATCH (t:Tenure)-[:OF_POST]->(p:Post) WHERE t.first_attested IS NOT NULL
    RETURN p.id AS post, t.first_attested AS day LIMIT {QUESTIONS}"""
TIMELINE_PARAMS = f"""
    MATCH (p:Person)-[:HOLDS]->() RETURN DISTINCT p.name_key AS name LIMIT {QUESTIONS}"""


# -- printing ---------------------------------------------------------------------------------
def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def med(values) -> float:
    return statistics.median(list(values))


def rate(n: float, seconds: float) -> str:
    return f"{n / seconds:,.0f}" if seconds > 0 else "–"


# -- Neo4j: given, or started (and then stopped) by this script ------------------------------
def neo4j_env() -> bool:
    """Make sure NEO4J_* are set; True if this script started the server (and must stop it)."""
    if os.environ.get("NEO4J_URI"):
        return False
    pid_file = REPO / ".neo4j" / "pid"
    already = False
    if pid_file.is_file():
        try:
            os.kill(int(pid_file.read_text().strip()), 0)
            already = True  # someone else's development Neo4j: use it, leave it running
        except (OSError, ValueError):
            pass
    print("NEO4J_URI unset: starting tools/neo4j/up.sh…" if not already
          else "NEO4J_URI unset: using the running tools/neo4j server…", file=sys.stderr)
    proc = subprocess.run([str(REPO / "tools" / "neo4j" / "up.sh")], capture_output=True, text=True,
                          check=False)
    if proc.returncode != 0:
        raise SystemExit(f"tools/neo4j/up.sh failed:\n{proc.stderr}")
    for line in proc.stdout.splitlines():
        key, sep, value = line.partition("=")
        if sep and key.startswith("NEO4J_"):
            os.environ[key.strip()] = value.strip()
    return not already


def neo4j_stop() -> None:
    subprocess.run([str(REPO / "tools" / "neo4j" / "down.sh")], check=False)


# -- timed pushes -----------------------------------------------------------------------------
class Timed:
    """Wraps one Neo4jStore's ``_write`` (every statement a push sends is one call, one
    transaction) to split a push's time by what each statement writes."""

    def __init__(self, neo):
        self.neo, self.write = neo, neo._write
        self.seconds: dict[tuple[str, str], float] = defaultdict(float)
        self.calls: dict[tuple[str, str], int] = defaultdict(int)
        neo._write = self._timed  # on this instance only

    def _timed(self, query: str, **params):
        t0 = time.perf_counter()
        try:
            return self.write(query, **params)
        finally:
            key = classify(query)
            self.seconds[key] += time.perf_counter() - t0
            self.calls[key] += 1

    def reset(self) -> None:
        self.seconds.clear()
        self.calls.clear()

    def phase(self, kind: str) -> float:
        return sum(s for (k, _), s in self.seconds.items() if k == kind)


def classify(query: str) -> tuple[str, str]:
    """(phase, label or type) of a statement Neo4jStore sends."""
    if query.startswith("CREATE CONSTRAINT") or query.startswith("CREATE INDEX"):
        return "schema", ""
    if "MERGE (n:" in query:
        return "nodes", query.split("MERGE (n:", 1)[1].split(" ", 1)[0]
    if "MERGE (a)-[x:" in query:
        return "rels", query.split("MERGE (a)-[x:", 1)[1].split(" ", 1)[0]
    if "DELETE" in query:
        return "retract", ""
    return "other", ""


def timed_push(neo, timer: Timed, graph, batch_size: int, clear: bool) -> dict:
    if clear:
        t0 = time.perf_counter()
        neo.clear()
        clear_s = time.perf_counter() - t0
    else:
        clear_s = 0.0
    timer.reset()
    t0 = time.perf_counter()
    stats = neo.push(graph, batch_size=batch_size)
    seconds = time.perf_counter() - t0
    written = sum(timer.seconds.values())
    return {
        "seconds": seconds,
        "clear_seconds": clear_s,
        "nodes": stats.nodes,
        "relationships": stats.relationships,
        "batches": stats.batches,
        "deleted": stats.deleted,
        "nodes_s": timer.phase("nodes"),
        "rels_s": timer.phase("rels"),
        "retract_s": timer.phase("retract"),
        "schema_s": timer.phase("schema"),
        "client_s": seconds - written,
        "by_key": {k: (timer.seconds[k], timer.calls[k]) for k in timer.seconds
                   if k[0] in ("nodes", "rels")},
    }


def push_row(label: str, runs: list[dict]) -> tuple[str, ...]:
    secs = [r["seconds"] for r in runs]
    r0 = runs[0]
    return (
        label,
        f"{r0['nodes']:,} + {r0['relationships']:,}",
        f"{r0['batches']:,}",
        f"{med(secs):.2f}",
        f"{min(secs):.2f} – {max(secs):.2f}",
        rate(r0["nodes"] + r0["relationships"], med(secs)),
        rate(r0["nodes"], med(r["nodes_s"] for r in runs)),
        rate(r0["relationships"], med(r["rels_s"] for r in runs)),
        f"{med(r['nodes_s'] for r in runs):.2f} / {med(r['rels_s'] for r in runs):.2f} / "
        f"{med(r['retract_s'] for r in runs):.2f} / {med(r['client_s'] for r in runs):.2f}",
    )


PUSH_HEADER = ("push", "node + rel rows", "transactions", "median s", "min – max s", "rows/s",
               "nodes/s", "rels/s", "s: nodes / rels / retract / client")


# -- the sample -------------------------------------------------------------------------------
def sample_graph(graph, fraction: float):
    """Every label's first ``fraction`` of node rows (by id, at least one), and only the
    relationships whose two ends are both in the sample."""
    from org_graph.store.projection import ENDS, PropertyGraph

    sample = PropertyGraph()
    ids: dict[str, set[str]] = {}
    for label, rows in graph.nodes.items():
        ordered = sorted(rows, key=lambda r: r["id"])
        keep = ordered[: max(1, round(len(ordered) * fraction))] if ordered else []
        sample.nodes[label] = keep
        ids[label] = {r["id"] for r in keep}
    for rtype, rows in graph.rels.items():
        start, end = ENDS[rtype]
        sample.rels[rtype] = [
            r for r in rows
            if r["from"] in ids.get(r.get("from_label") or start, ()) and r["to"] in ids.get(end, ())
        ]
    return sample


def rows_of(graph) -> tuple[int, int]:
    return (sum(len(v) for v in graph.nodes.values()), sum(len(v) for v in graph.rels.values()))


# -- questions --------------------------------------------------------------------------------
def time_calls(ask, questions: list[dict], repeats: int) -> tuple[list[float], int]:
    """Milliseconds per call over every question (each asked once first); and how many of the
    questions had at least one row."""
    answered = sum(bool(ask(q)) for q in questions)  # warm-up
    times = []
    for q in questions:
        for _ in range(repeats):
            t0 = time.perf_counter()
            ask(q)
            times.append((time.perf_counter() - t0) * 1000)
    return times, answered


def norm(rows: list[dict]) -> list[tuple]:
    return sorted(tuple(sorted((k, "" if v is None else str(v)) for k, v in r.items())) for r in rows)


def bench_queries(neo, store) -> None:
    from org_graph.store.oxigraph import Day, Iri

    questions = {
        "who-held": [{"post": Iri(r["post"]), "on": Day(r["day"])}
                     for r in neo.cypher(WHO_HELD_PARAMS)],
        "timeline": [{"name": r["name"]} for r in neo.cypher(TIMELINE_PARAMS)],
    }
    print(f"\nquery latency with the whole graph in Neo4j ({QUERY_REPEATS} calls per question after "
          "one warm-up call; the embedded store is the baseline):")
    rows, same = [], {}
    for name, qs in questions.items():
        same[name] = sum(norm(neo.ready(name, q)) == norm(store.ready(name, q)) for q in qs)
        for backend, target in (("Neo4j", neo), ("embedded", store)):
            ms, answered = time_calls(lambda q, t=target, n=name: t.ready(n, q), qs, QUERY_REPEATS)
            median = med(ms) if ms else float("nan")
            verdict = "meets" if median <= TARGET_QUERY_MS else "MISSES"
            rows.append((
                f"{name}, {backend}", f"{answered} of {len(qs)}", f"{median:.2f}",
                f"{p95(ms):.2f}" if len(ms) > 1 else "–", f"{max(ms):.2f}" if ms else "–",
                f"{verdict} ≤ {TARGET_QUERY_MS:.0f} ms",
            ))
    print_table(("question, store", "with rows", "median ms", "p95 ms", "max ms", "target (median)"),
                rows)
    for name, qs in questions.items():
        print(f"{name}: the same rows from both stores for {same[name]} of {len(qs)} questions")


# -- main -------------------------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT, help="a .jsonl(.gz) file of articles")
    parser.add_argument("--runs", type=int, default=3, help="runs per configuration (median reported)")
    parser.add_argument("--batch-size", type=int, default=None,
                        help="rows per transaction (default: the library's, 2000)")
    parser.add_argument("--sample-fraction", type=float, default=0.10,
                        help="share of each label's nodes in the one-row-per-transaction sample")
    parser.add_argument("--full-single", action="store_true",
                        help="also push the whole graph one row per transaction (slow)")
    args = parser.parse_args()
    if not args.input.is_file():
        raise SystemExit(f"{args.input}: not found (give --input)")

    from org_graph.ingest import ingest
    from org_graph.store.neo4j import DEFAULT_BATCH, Neo4jConfig, Neo4jStore
    from org_graph.store.oxigraph import GraphStore
    from org_graph.store.projection import project

    batch = args.batch_size or DEFAULT_BATCH
    started = neo4j_env()
    folder = Path(tempfile.mkdtemp(prefix="org-graph-bench-"))
    neo = store = None
    try:
        neo = Neo4jStore(Neo4jConfig.from_env())
        version = neo.cypher("CALL dbms.components() YIELD name, versions, edition "
                             "RETURN name, versions[0] AS v, edition")[0]
        print(f"input: {args.input} ({args.input.stat().st_size / 2**20:.1f} MiB)")
        print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; "
              f"{version['name']} {version['v']} {version['edition']} at {neo.config.uri} "
              f"({'started by this script' if started else 'given'}); "
              f"{args.runs} run(s) per configuration")

        t0 = time.perf_counter()
        store = GraphStore.open(folder / "store")
        report = ingest(store, [str(args.input)], workers=2)
        ingest_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        graph = project(store)
        project_s = time.perf_counter() - t0
        n_nodes, n_rels = rows_of(graph)
        print(f"embedded store: {report.batch.articles:,} articles ingested in {ingest_s:.1f} s "
              f"(workers=2), projected in {project_s:.1f} s to {n_nodes:,} node rows and "
              f"{n_rels:,} relationship rows (neither time is part of a push)")

        timer = Timed(neo)
        neo.clear()
        t0 = time.perf_counter()
        neo.ensure_schema()
        print(f"schema (constraints and indexes, created once beforehand): "
              f"{time.perf_counter() - t0:.2f} s\n")

        # -- the whole graph, batched, into an empty Neo4j; then re-pushed onto itself --------
        # One untimed push first: into a freshly started Neo4j it pays JIT compilation and
        # query planning (several times a warm push); its time is printed, not counted.
        warm = timed_push(neo, timer, graph, batch, clear=True)
        full = [timed_push(neo, timer, graph, batch, clear=True) for _ in range(args.runs)]
        counts = neo.counts()
        again = [timed_push(neo, timer, graph, batch, clear=False) for _ in range(args.runs)]
        counts_again = neo.counts()
        print(f"whole graph into an empty Neo4j (cleared before each run, in at most "
              f"{max(r['clear_seconds'] for r in full):.2f} s, not counted), then pushed again "
              f"onto itself; batch_size={batch}; after one untimed push, which took "
              f"{warm['seconds']:.2f} s):")
        print_table(PUSH_HEADER, [push_row("whole graph, batched", full),
                                  push_row("re-push, nothing changed", again)])
        in_neo_nodes = sum(v for k, v in counts.items() if k != "relationships")
        by_label = ", ".join(f"{k} {v:,}" for k, v in counts.items() if k != "relationships")
        print(f"in Neo4j after the push: {in_neo_nodes:,} nodes, {counts['relationships']:,} "
              f"relationships ({by_label}); pushed {full[0]['nodes']:,} node rows, "
              f"{full[0]['relationships']:,} relationship rows")
        same = "unchanged" if counts_again == counts else f"CHANGED: {counts_again}"
        print(f"re-push: {med(r['seconds'] for r in again) / med(r['seconds'] for r in full):.2f}× "
              f"the time of the first push; retracted {again[-1]['deleted']} (first push: "
              f"{full[-1]['deleted']}); counts after it {same}")

        print(f"\nwhole graph, batched: time per label / relationship type (median of {args.runs}):")
        rows = []
        for key in full[0]["by_key"]:
            kind, name = key
            secs = med(r["by_key"][key][0] for r in full)
            n = len(graph.nodes[name]) if kind == "nodes" else len(graph.rels[name])
            again_s = med(r["by_key"][key][0] for r in again)
            rows.append((f"{'(' if kind == 'nodes' else '-['}{name}{')' if kind == 'nodes' else ']-'}",
                         f"{n:,}", f"{full[0]['by_key'][key][1]}", f"{secs:.3f}", rate(n, secs),
                         f"{again_s:.3f}", rate(n, again_s)))
        print_table(("label / type", "rows", "transactions", "push s", "rows/s", "re-push s",
                     "re-push rows/s"), rows)

        # -- questions, with the whole graph in -----------------------------------------------
        bench_queries(neo, store)

        # -- one row per transaction, against batched, on a sample ------------------------------
        sample = sample_graph(graph, args.sample_fraction)
        s_nodes, s_rels = rows_of(sample)
        # One untimed round first: after the whole graph, Neo4j re-plans every statement for the
        # small one (its statistics changed), which the first timed push alone would pay.
        timed_push(neo, timer, sample, batch, clear=True)
        timed_push(neo, timer, sample, 1, clear=True)
        batched_runs, single_runs = [], []
        for _ in range(args.runs):
            batched_runs.append(timed_push(neo, timer, sample, batch, clear=True))
            single_runs.append(timed_push(neo, timer, sample, 1, clear=True))
        b_s, s_s = med(r["seconds"] for r in batched_runs), med(r["seconds"] for r in single_runs)
        print(f"\none row per transaction, on a sample: every label's first "
              f"{args.sample_fraction:.0%} of nodes by id and the relationships between them "
              f"({s_nodes:,} node rows, {s_rels:,} relationship rows; cleared before each push; after one "
              f"untimed round of both):")
        rows = [push_row(f"sample, batch_size={batch}", batched_runs),
                push_row("sample, batch_size=1", single_runs)]
        full_single = []
        if args.full_single:
            full_single = [timed_push(neo, timer, graph, 1, clear=True) for _ in range(args.runs)]
            rows.append(push_row("whole graph, batch_size=1", full_single))
        print_table(PUSH_HEADER, rows)
        print(f"sample: one row per transaction takes {s_s / b_s:.1f}× the time of batch_size={batch} "
              f"({rate(s_nodes + s_rels, s_s)} against {rate(s_nodes + s_rels, b_s)} rows/s)")
        # Per-row costs of the sample's single-row push, scaled to the whole graph's rows.
        per_node = med(r["nodes_s"] for r in single_runs) / max(s_nodes, 1)
        per_rel = med(r["rels_s"] for r in single_runs) / max(s_rels, 1)
        fixed = med(r["retract_s"] + r["schema_s"] for r in single_runs)
        estimate = per_node * n_nodes + per_rel * n_rels + fixed + med(r["client_s"] for r in full)
        full_b = med(r["seconds"] for r in full)
        print(f"whole graph one row per transaction, estimated from the sample's per-row times "
              f"({per_node * 1000:.2f} ms a node, {per_rel * 1000:.2f} ms a relationship): "
              f"≈ {estimate:.0f} s, ≈ {estimate / full_b:.0f}× the batched push")
        if full_single:
            fs = med(r["seconds"] for r in full_single)
            print(f"whole graph, measured: one row per transaction takes {fs / full_b:.1f}× the "
                  f"time of batch_size={batch} ({fs:.1f} s against {full_b:.2f} s)")
    finally:
        if neo is not None:
            try:
                neo.clear()  # leave an empty graph, so that tests start clean
            finally:
                neo.close()
        if store is not None:
            store.close()
        shutil.rmtree(folder, ignore_errors=True)
        if started:
            neo4j_stop()


if __name__ == "__main__":
    main()
