"""The time model: runs, starts, end bounds, successions, terms, possible windows, statuses."""
from org_graph.graph.timeline import Attestation, build_tenures, is_single_seat, who_held

POST = "post/chu-tich--ubnd-tinh-x"


def att(person, date, status="current", quals=(), post=POST, single=True, n=[0], term=None, since=None,
        basis="published"):
    n[0] += 1
    return Attestation(f"att{n[0]}", person, post, "Chủ tịch", "org/x", "UBND tỉnh X", single, status,
                       date, tuple(quals), f"art{n[0]}", 0, 10, "…", basis, term, since)


def holders(ts, day, post=POST):
    return [(h.tenure.person, h.status) for h in who_held(ts, post, day)]


def test_run_from_first_to_last_attestation_and_unknown_end():
    (t,) = build_tenures([att("A", "2020-03-01"), att("A", "2021-06-01"), att("A", "2020-09-01")])
    assert (t.first_attested, t.last_attested, t.start_date, t.ended_by, t.status) == \
        ("2020-03-01", "2021-06-01", None, None, "unknown")


def test_appointment_starts_and_former_title_bounds_the_end():
    (t,) = build_tenures([att("A", "2020-03-01", quals=["elected"]), att("A", "2021-06-01"),
                          att("A", "2022-02-01", status="former")])
    assert (t.start_date, t.start_precision, t.start_reason) == ("2020-03-01", "day", "elected")
    assert (t.ended_by, t.ended_by_reason, t.status) == ("2022-02-01", "former title", "ended")
    assert (t.possible_from, t.possible_until) == ("2020-03-01", "2022-01-31")
    assert holders([t], "2020-02-29") == []  # before the election
    assert holders([t], "2022-01-15") == [("A", "possible")]
    assert holders([t], "2022-02-01") == []  # a former title that day


def test_re_election_is_not_a_start_when_attested_before():
    (t,) = build_tenures([att("A", "2019-05-01"), att("A", "2021-06-28", quals=["re-elected"])])
    assert t.start_date is None


def test_dismissed_retired_transferred_end_a_tenure():
    for q in ("dismissed", "retired", "transferred"):
        (t,) = build_tenures([att("A", "2020-01-10"), att("A", "2020-07-31", quals=[q])])
        assert (t.ended_by, t.ended_by_reason, t.last_attested) == ("2020-07-31", q, "2020-01-10")


def test_since_gives_a_start_with_its_precision():
    (t,) = build_tenures([att("A", "2025-05-02", since="2024-03")])
    assert (t.start_date, t.start_precision, t.start_reason) == ("2024-03", "month", "since")
    assert t.possible_from == "2024-03-01"
    assert holders([t], "2024-02-29") == []
    assert holders([t], "2024-03-01") == [("A", "possible")]
    (y,) = build_tenures([att("A", "2025-05-02", since="2019")])
    assert (y.start_date, y.start_precision, y.possible_from) == ("2019", "year", "2019-01-01")


def test_a_successor_elected_on_d_ends_the_earlier_holder_by_d():
    ts = build_tenures([att("A", "2019-01-01"), att("A", "2020-01-01"),
                        att("B", "2021-05-01", quals=["elected"])])
    a = next(t for t in ts if t.person == "A")
    b = next(t for t in ts if t.person == "B")
    assert (a.ended_by, a.ended_by_reason, a.successor) == ("2021-05-01", "succeeded by", "B")
    assert a.ended_by_evidence == b.start_evidence
    assert a.possible_until == "2021-04-30"
    assert holders(ts, "2021-05-01") == [("B", "attested")]
    # between A's last day and B's election: A possibly; B not before his start
    assert holders(ts, "2020-06-01") == [("A", "possible")]


def test_another_holders_run_bounds_the_window_on_single_seats_only():
    ts = build_tenures([att("A", "2019-01-01"), att("A", "2020-01-01"), att("B", "2021-05-01")])
    a = next(t for t in ts if t.person == "A")
    b = next(t for t in ts if t.person == "B")
    assert a.ended_by is None  # B is only seen, not elected: a bound of the window, not an end
    assert (a.possible_until, a.possible_until_reason) == ("2021-04-30", "other holder")
    assert (b.possible_from, b.possible_from_reason) == ("2020-01-02", "other holder")
    assert holders(ts, "2019-01-01") == [("A", "attested")]
    assert holders(ts, "2019-06-01") == [("A", "inside attested run")]
    assert set(holders(ts, "2020-06-01")) == {("A", "possible"), ("B", "possible")}
    assert holders(ts, "2021-05-01") == [("B", "attested")]
    multi = build_tenures([att("A", "2019-01-01", single=False, post="p2"),
                           att("B", "2021-05-01", single=False, post="p2", quals=["elected"])])
    assert all(t.ended_by is None for t in multi)
    assert set(holders(multi, "2021-06-01", post="p2")) == {("A", "possible"), ("B", "possible")}


def test_a_term_bounds_the_tenure_elected_for_it():
    (t,) = build_tenures([att("A", "2021-06-28", quals=["elected"], term="nhiệm kỳ 2021-2026")])
    assert (t.possible_until, t.possible_until_reason) == ("2026-12-31", "term")
    assert holders([t], "2026-12-31") == [("A", "possible")]
    assert holders([t], "2027-01-01") == []
    (u,) = build_tenures([att("A", "2023-03-01", term="nhiệm kỳ 2021-2026")])
    assert (u.possible_from, u.possible_from_reason) == ("2021-01-01", "term")
    assert holders([u], "2020-12-31") == []


def test_the_default_window_is_one_term_around_what_is_attested():
    """Today's bug: a 2021 holder was 'possible' in 1990 and in 2030."""
    (t,) = build_tenures([att("A", "2021-04-27")])
    assert (t.possible_from, t.possible_until) == ("2016-04-27", "2026-04-27")
    assert t.possible_from_reason == t.possible_until_reason == "default window"
    assert holders([t], "1990-01-01") == holders([t], "2030-01-01") == []
    assert holders([t], "2018-01-01") == [("A", "possible")]


def test_precision_is_kept_and_a_year_only_widens_the_window():
    (t,) = build_tenures([att("A", "2019", basis="inferred")])
    assert (t.first_attested, t.last_attested) == (None, None)  # no day: no run, nothing padded
    assert (t.possible_from, t.possible_until) == ("2014-01-01", "2024-12-31")
    assert holders([t], "2019-04-22") == [("A", "possible")]


def test_seen_evidence_wins_over_a_contradicting_bound():
    (t,) = build_tenures([att("A", "2020-01-01", term="nhiệm kỳ 2021-2026"), att("A", "2022-01-01")])
    assert t.possible_from == "2020-01-01" and t.possible_from_reason == "attested"


def test_single_seats_are_data():
    assert is_single_seat("Chủ tịch") and is_single_seat("Bí thư") and is_single_seat("Bộ trưởng")
    assert is_single_seat("Chánh án") and is_single_seat("Giám đốc") and is_single_seat("Thủ tướng")
    assert is_single_seat("Phó Chủ tịch nước")  # a deputy post with one holder by law
    for role in ("Phó Chủ tịch", "Ủy viên", "Thành viên", "Đại biểu Quốc hội", "Phó Thủ tướng"):
        assert not is_single_seat(role), role


def test_a_tenure_seen_only_as_former_is_possible_before_its_end_bound():
    (t,) = build_tenures([att("A", "2021-04-27", status="former")])
    assert (t.ended_by, t.first_attested) == ("2021-04-27", None)
    assert (t.possible_from, t.possible_until, t.possible_until_reason) == ("2016-04-26", "2021-04-26", "former title")
    assert holders([t], "2019-01-01") == [("A", "possible")]
    assert holders([t], "2021-04-27") == []


def test_a_national_khoa_bounds_like_its_years_a_provincial_one_does_not():
    from org_graph.graph.timeline import term_years

    assert term_years("khóa XV", "Ủy ban Đối ngoại của Quốc hội") == (2021, 2026)
    assert term_years("khóa XIII", "Ban Chấp hành Trung ương Đảng") == (2021, 2026)
    assert term_years("khóa XVII", "Hội đồng nhân dân tỉnh Thanh Hóa") is None
    assert term_years("nhiệm kỳ 2016-2021") == (2016, 2021)
