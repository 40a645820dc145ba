import datetime as dt

from org_graph.extract.dates import find_dates


def _found(text, published=None):
    return [(text[d.start:d.end], d.date.isoformat()) for d in find_dates(text, published)]


def test_full_and_partial_dates_with_year_from_publication():
    got = _found("Chiều ngày 07/01/2022, hội nghị. Sáng 21/3, tại tỉnh.", dt.date(2025, 3, 22))
    assert ("07/01/2022", "2022-01-07") in got
    assert ("21/3", "2025-03-21") in got


def test_fraction_is_not_a_date_and_ranges_take_their_first_day():
    got = _found("có 50/53 đại biểu; trong 2 ngày (27-28/4)", dt.date(2021, 4, 30))
    assert got == [("27-28/4", "2021-04-27")]


def test_undated_article_takes_year_from_the_text_or_drops_the_date():
    text = "nghỉ hưu từ ngày 1/3/2025. Sáng 21/3, kỳ họp khai mạc."
    got = dict(_found(text))
    assert got["21/3"] == "2025-03-21"
    assert _found("Sáng 21/3, kỳ họp khai mạc.") == []


def test_relative_days_need_a_publication_date():
    assert _found("Chiều nay (30/4), UBND tỉnh ban hành", dt.date(2021, 4, 30))[0][1] == "2021-04-30"
    assert _found("Chiều nay, UBND tỉnh họp") == []
