#!/usr/bin/env python3
"""Item-level misses and extras of a prediction file against a gold folder, for debugging rules.

Scores come from ``../shared/eval/score.py`` (run it for the figures); this only lists, per
article and field, which gold items were missed (``-``) and which predictions were extra (``+``),
using the scorer's own name normalisation.

    python tools/eval/diff.py GOLD_DIR PRED.jsonl [--field holds] [--article ID]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path


def _scorer(gold_dir: Path):
    path = gold_dir.resolve().parents[1] / "score.py"
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", type=Path)
    ap.add_argument("pred", type=Path)
    ap.add_argument("--field", action="append")
    ap.add_argument("--article")
    a = ap.parse_args()
    sc = _scorer(a.gold)
    alt = sc.alternatives
    preds = {}
    for line in a.pred.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            preds[d["article_id"]] = d
    for gp in sorted(a.gold.glob("*.json")):
        g = json.loads(gp.read_text(encoding="utf-8"))
        aid = g["article_id"]
        if a.article and a.article not in aid:
            continue
        p = preds.get(aid, {})
        by_id = {x["id"]: x for k in ("people", "organizations", "documents", "events") for x in p.get(k) or []}

        def nm(ref):
            x = by_id.get(ref)
            return (x.get("name") or x.get("number") or "") if x else (ref or "")

        fields = {
            "people": ([alt(x["name"]) + alt(x.get("aliases")) for x in g.get("people", [])],
                       [x["name"] for x in p.get("people") or []],
                       [alt(x) for x in g.get("optional_people", [])],
                       lambda gi, pi: sc.names_match(gi, pi), lambda gi: gi[0], str),
            "organizations": ([alt(x["name"]) + alt(x.get("aliases")) for x in g.get("organizations", [])],
                              [x["name"] for x in p.get("organizations") or []],
                              [alt(x) for x in g.get("optional_organizations", [])],
                              lambda gi, pi: sc.names_match(gi, pi), lambda gi: gi[0], str),
            "holds": ([(alt(h["person"]), alt(h["role"]), alt(h["organization"])) for h in g.get("holds", [])],
                      [(nm(r["person"]), r.get("role", ""), nm(r.get("organization"))) for r in p.get("relations") or []
                       if r.get("type") == "holds"],
                      [(alt(h["person"]), alt(h["role"]), alt(h["organization"])) for h in g.get("optional_holds", [])],
                      lambda gi, pi: all(sc.names_match(gi[k], pi[k]) for k in range(3)),
                      lambda gi: " | ".join("/".join(x) for x in gi), lambda pi: " | ".join(pi)),
            "attended": ([alt(x) for x in g.get("attended", [])],
                         sorted({nm(r["person"]) for r in p.get("relations") or [] if r.get("type") == "attended"}),
                         [], lambda gi, pi: sc.names_match(gi, pi), lambda gi: "/".join(gi), str),
            "event_dates": ([[d] for d in sorted({e["date"] for e in g.get("events", []) if e.get("date")})],
                            sorted({e["date"] for e in p.get("events") or [] if e.get("date")}), [],
                            lambda gi, pi: gi[0] == pi, lambda gi: gi[0], str),
            "documents": ([(sc.norm_number(d["number"]), d.get("date"), sc.norm(d.get("type")), d.get("issuer")) for d in g.get("documents", [])],
                          [(sc.norm_number(d["number"]), d.get("date"), sc.norm(d.get("type")), nm(d.get("issuer"))) for d in p.get("documents") or []],
                          [], lambda gi, pi: gi[:3] == pi[:3], str, str),
        }
        for f, (gold_items, pred_items, optional, same, gshow, pshow) in fields.items():
            if a.field and f not in a.field:
                continue
            used = [False] * len(pred_items)
            missed = []
            for gi in gold_items:
                for k, pi in enumerate(pred_items):
                    if not used[k] and same(gi, pi):
                        used[k] = True
                        break
                else:
                    missed.append(gi)
            extra = [pi for k, pi in enumerate(pred_items) if not used[k] and not any(same(o, pi) for o in optional)]
            for gi in missed:
                print(f"{aid}\t{f}\t-\t{gshow(gi)}")
            for pi in extra:
                print(f"{aid}\t{f}\t+\t{pshow(pi)}")


if __name__ == "__main__":
    main()
