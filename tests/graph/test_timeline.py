from org_graph.graph.timeline import Attestation, build_tenures, who_held

POST = "post/chu-tich--ubnd-tinh-x"


def att(person, date, status="current", quals=(), post=POST, single=True, n=[0]):
    n[0] += 1
    return Attestation(f"att{n[0]}", person, post, "Chủ tịch", "org/x", "UBND tỉnh X", single, status,
                       date, tuple(quals), f"art{n[0]}", 0, 10, "…")


def test_run_from_first_to_last_attestation_and_unknown_end():
    (t,) = build_tenures([att("A", "2020-03-01"), att("A", "2021-06-01"), att("A", "2020-09-01")])
    assert (t.first_attested, t.last_attested, t.start_date, t.ended_by, t.status) == \
        ("2020-03-01", "2021-06-01", None, None, "unknown")


def test_appointment_starts_and_former_title_bounds_the_end():
    (t,) = build_tenures([att("A", "2020-03-01", quals=["elected"]), att("A", "2021-06-01"),
                          att("A", "2022-02-01", status="former")])
    assert t.start_date == "2020-03-01"
    assert (t.ended_by, t.ended_by_reason, t.status) == ("2022-02-01", "former title", "ended")


def test_next_holder_bounds_a_single_seat_post_only():
    ts = build_tenures([att("A", "2019-01-01"), att("A", "2020-01-01"), att("B", "2021-05-01")])
    a = next(t for t in ts if t.person == "A")
    assert (a.ended_by, a.ended_by_reason) == ("2021-05-01", "next holder")
    multi = build_tenures([att("A", "2019-01-01", single=False, post="p2"),
                           att("B", "2021-05-01", single=False, post="p2")])
    assert all(t.ended_by is None for t in multi)


def test_who_held_says_how_it_knows():
    ts = build_tenures([att("A", "2019-01-01"), att("A", "2020-01-01"), att("B", "2021-05-01")])
    assert [(h.tenure.person, h.status) for h in who_held(ts, POST, "2019-01-01")] == [("A", "attested")]
    assert [(h.tenure.person, h.status) for h in who_held(ts, POST, "2019-06-01")] == [("A", "inside attested run")]
    # after A's last day, before B: A possibly still held it; B possibly already did
    assert {(h.tenure.person, h.status) for h in who_held(ts, POST, "2020-06-01")} == \
        {("A", "possible"), ("B", "possible")}
    # once B is attested, A (bounded by B) is not an answer
    assert [(h.tenure.person, h.status) for h in who_held(ts, POST, "2021-05-01")] == [("B", "attested")]
