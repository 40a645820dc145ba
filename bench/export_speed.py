"""How long does each ``org-graph export`` format take on a whole store, and how big is the output?
Prints figures, never asserts.

    .venv/bin/python bench/export_speed.py [--input FILE] [--runs N]

Ingests ``--input`` (default ``../shared/corpus/articles.jsonl``; try
``../shared/corpus/bench/dantri-unc-2653.jsonl.gz`` for a bigger store) into a fresh store in a
temporary folder, then exports the whole store in every format through
:func:`org_graph.export.export` to a file, N times (default 3), and reports the median seconds
(projection or quad reading included; interpreter start and imports excluded), what was written
(nodes and edges, or quads) and the size on disk. One more row per filter shows what a selection
costs on top (GraphML, the property-graph format most tools read).
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _table import print_table  # bench/ is on sys.path when a bench runs

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from org_graph.export import Format, Selection, export
from org_graph.ingest import ingest
from org_graph.store.oxigraph import GraphStore

DEFAULT_INPUT = REPO.parent / "shared" / "corpus" / "articles.jsonl"


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store_dir = Path(tmp) / "data"
        st = GraphStore.open(store_dir)
        t0 = time.perf_counter()
        report = ingest(st, [args.input])
        st.close()
        print(f"{args.input.name}: {report.stored.new} articles ingested in {time.perf_counter() - t0:.1f} s\n")
        st = GraphStore.open(store_dir, read_only=True)
        jobs = [(f.value, f, Selection()) for f in Format]
        # A person with several tenures, by IRI: a name may be several people.
        person = st.select("SELECT ?p ?n WHERE { ?p a og:Person ; schema:name ?n ; ^org:member ?t } "
                           "GROUP BY ?p ?n HAVING (COUNT(?t) > 1) ORDER BY ?p LIMIT 1")
        jobs += [("graphml --province Hà Nội", Format.graphml, Selection(province="Hà Nội")),
                 ("graphml --from 2021 --to 2021", Format.graphml,
                  Selection(start=dt.date(2021, 1, 1), end=dt.date(2021, 12, 31)))]
        if person:
            jobs.append((f"graphml --around '{person[0]['n']}' --depth 2", Format.graphml,
                         Selection(around=person[0]["p"], depth=2)))
        rows = []
        for name, fmt, sel in jobs:
            out = Path(tmp) / ("csv" if fmt is Format.neo4j_csv else f"out.{fmt.value}")
            times, res = [], None
            for _ in range(args.runs):
                res = export(st, fmt, out, sel)
                times.append(res.seconds)
            unit = "triples" if fmt is Format.turtle else "quads"
            what = f"{res.quads} {unit}" if fmt.rdf else f"{res.nodes} n / {res.edges} e"
            rows.append((name, what, f"{_size(out) / 1e6:.2f}", f"{statistics.median(times):.3f}"))
        st.close()
    print_table(("export", "written", "MB", "median s"), rows)


if __name__ == "__main__":
    main()
