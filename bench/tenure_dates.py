"""How much of the time model is dated: the share of tenures with a start, an end bound or a
dated attestation, in a store. Prints figures, never asserts.

    .venv/bin/org-graph ingest ../shared/corpus/bench/vietnews-20000.jsonl.gz --store /tmp/vn
    .venv/bin/python bench/tenure_dates.py /tmp/vn

Reads only predicates that stores of every version have (og:startDate, og:endedBy, the
og:date of a tenure's evidence), so a store built by an older checkout can be compared with one
built now. Also prints the attestations by date basis (stores from issue 11 on).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _table import print_table  # noqa: E402

from org_graph.store.oxigraph import GraphStore  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store")
    args = ap.parse_args()
    st = GraphStore.open(args.store, read_only=True)
    n = lambda q: int(st.select(q)[0]["n"])  # noqa: E731
    total = n("SELECT (COUNT(?t) AS ?n) WHERE { ?t a og:Tenure }")
    start = n("SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t a og:Tenure ; og:startDate ?d }")
    end = n("SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t a og:Tenure ; og:endedBy ?d }")
    dated = n("SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t a og:Tenure ; og:evidence ?a . ?a og:date ?d }")
    anyd = n("""SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t a og:Tenure .
                { ?t og:startDate ?d } UNION { ?t og:endedBy ?d } UNION { ?t og:evidence ?a . ?a og:date ?d } }""")
    pct = lambda k: f"{100 * k / total:.1f} %" if total else "-"  # noqa: E731
    print(f"store {args.store}: {total:,} tenures")
    print_table(("tenures with", "count", "share"), [
        ("a start", f"{start:,}", pct(start)),
        ("an end bound", f"{end:,}", pct(end)),
        ("a dated attestation", f"{dated:,}", pct(dated)),
        ("any of these", f"{anyd:,}", pct(anyd)),
    ])
    rows = st.select("""SELECT ?b (COUNT(?a) AS ?n) WHERE { ?a a og:Attestation . OPTIONAL { ?a og:dateBasis ?b0 }
                        BIND(COALESCE(?b0, IF(EXISTS { ?a og:date ?d }, "(no basis recorded)", "undated")) AS ?b) }
                        GROUP BY ?b ORDER BY DESC(?n)""")
    print()
    print_table(("attestations by date basis", "count"), [(r["b"], f"{int(r['n']):,}") for r in rows])
    st.close()


if __name__ == "__main__":
    main()
