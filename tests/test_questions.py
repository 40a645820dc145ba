"""The time questions of ../shared/eval (questions-dev.jsonl, questions-outlets.jsonl) asked of a
store built from articles.jsonl + outlets.jsonl, judged as ../shared/eval/questions.py judges
them: every `expect` person in the who-held answer and no `not` person (whatever the status);
for a timeline, the `expect_order` posts found in order of their start or first attested day.

The questions listed in KNOWN are wrong today for reasons outside the time model (what the
extractor reads: lists, unresolved provinces, end frames, identity; or a text that gives no
year); they are xfail(strict=True): one that starts passing fails here until it leaves the
list, so the list is always the true state."""
from __future__ import annotations

import json
import sys

import pytest

from org_graph import query as Q
from org_graph.ingest import ingest
from org_graph.store.oxigraph import GraphStore, StoreError

#: label -> why it fails today (strict: a question that starts passing must leave this list)
KNOWN = {
    "timeline Phùng Xuân Nhạ": "Bộ trưởng is seen only as a former title (no start, no attested day): the "
                               "bio's 'từ tháng 4/20216' is a typo, so the checker has nothing to order by",
    "timeline Vương Quốc Tuấn": "his Bắc Ninh posts are a career list ('đã từng trải qua các vị trí công tác "
                                "như …'): former posts with an end bound but no day to order by",
    "timeline Phạm Hoàng Sơn": "Thái Nguyên is seen only as dismissed that day (an end bound, no start or "
                               "attested day to order by)",
    "timeline Lê Minh Ngân": "the article (Ngày 5/6, no year anywhere) does not determine its date",
    "timeline Trần Phong": "the article (Ngày 5/6, no year anywhere) does not determine its date",
}


@pytest.fixture(scope="module")
def norm(shared_dir):
    sys.path.insert(0, str(shared_dir / "eval"))
    from score import norm as n

    return n


@pytest.fixture(scope="module")
def store(shared_dir):
    st = GraphStore.in_memory()
    ingest(st, [shared_dir / "corpus" / "articles.jsonl", shared_dir / "corpus" / "outlets.jsonl"])
    return st


def _questions():
    from conftest import SHARED

    out = []
    for name in ("questions-dev.jsonl", "questions-outlets.jsonl"):
        path = SHARED / "eval" / name
        if path.is_file():
            out += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


def _label(q):
    return f'{q["post"]} @ {q["on"]}' if q["q"] == "who-held" else f'timeline {q["person"]}'


def _params():
    for q in _questions():
        label = _label(q)
        marks = [pytest.mark.xfail(reason=KNOWN[label], strict=True)] if label in KNOWN else []
        yield pytest.param(q, id=label, marks=marks)


@pytest.mark.parametrize("q", list(_params()))
def test_time_question(q, store, norm):
    if q["q"] == "who-held":
        try:
            rows = Q.who_held(store, q["post"], q["on"])
        except StoreError:
            rows = []
        names = {norm(r["person"]) for r in rows}
        assert all(norm(n) in names for n in q["expect"]), rows
        assert not any(norm(n) in names for n in q["not"]), rows
        return
    try:
        people = Q.timeline(store, q["person"])
    except StoreError:
        people = []
    good = False
    for person in people:
        ts = person["tenures"]

        def first(role, org):
            s = [t.get("start") or t.get("first_attested") or "" for t in ts
                 if norm(t.get("role")) == norm(role) and norm(t.get("organization")) == norm(org)]
            return min(s) if s else None

        found = [first(r, o) for r, o in q["expect_order"]]
        good = good or (all(found) and found == sorted(found))
    assert good, people
