"""When a title holds (extract/when.py): the date of its clause, of its event, the publication
day or the article's inferred date, with the basis; never a cited document's date; terms; starts."""
from .helpers import run


def rel(ex, name, role):
    p = {x["id"]: x["name"] for x in ex["people"]}
    return next(r for r in ex["relations"] if r["type"] in ("holds", "held") and p[r["person"]] == name
                and r["role"] == role)


def test_the_clause_date_comes_first():
    ex = run("Ngày 13/11, HĐND tỉnh Cà Mau bầu ông Nguyễn Văn An giữ chức Chủ tịch UBND tỉnh Cà Mau.",
             published="2021-11-15")
    r = rel(ex, "Nguyễn Văn An", "Chủ tịch")
    assert (r["date"], r["date_basis"]) == ("2021-11-13", "clause")


def test_the_event_of_the_article_then_the_published_day():
    ex = run("Chiều 31/12, Tỉnh ủy Cà Mau tổ chức Hội nghị công bố quyết định về công tác cán bộ.\n\n"
             "Dự hội nghị có ông Huỳnh Quốc Việt, Chủ tịch UBND tỉnh Cà Mau.", published="2022-01-02")
    r = rel(ex, "Huỳnh Quốc Việt", "Chủ tịch")
    assert (r["date"], r["date_basis"]) == ("2021-12-31", "event")
    ex = run("Ông Huỳnh Quốc Việt, Chủ tịch UBND tỉnh Cà Mau, cho biết tỉnh đã hoàn thành kế hoạch.",
             published="2022-01-02")
    r = rel(ex, "Huỳnh Quốc Việt", "Chủ tịch")
    assert (r["date"], r["date_basis"]) == ("2022-01-02", "published")


def test_an_undated_page_never_takes_a_cited_documents_date():
    text = ("Chiều ngày 07/01, tại Bộ Chỉ huy Quân sự tỉnh Cà Mau tổ chức Hội nghị sơ kết. Đến dự Hội nghị có "
            "đồng chí Huỳnh Quốc Việt, Chủ tịch Ủy ban nhân dân tỉnh Cà Mau. Hội nghị triển khai Nghị quyết "
            "số 28-NQ/TW ngày 25/10/2013 của Ban Chấp hành Trung ương Đảng (khóa XI).")
    ex = run(text, published=None)
    assert ex.get("date_inferred") is None  # the year is not determined by the text
    assert all(e.get("date") in (None,) for e in ex["events"]) or not any(
        e.get("date", "").startswith("2013") for e in ex["events"])
    assert not rel(ex, "Huỳnh Quốc Việt", "Chủ tịch").get("date", "").startswith("2013")
    # With the year in the text, the event day is the article's inferred date.
    ex = run(text.replace("07/01,", "07/01/2022,"), published=None)
    assert (ex["date_inferred"], ex["date_inferred_basis"]) == ("2022-01-07", "event")
    assert rel(ex, "Huỳnh Quốc Việt", "Chủ tịch")["date"] == "2022-01-07"


def test_the_year_of_an_undated_article_from_its_own_words():
    ex = run("Ngày 25/6, Bộ Công an tổ chức Hội nghị sơ kết công tác công an 6 tháng đầu năm 2020. "
             "Dự hội nghị có ông Tô Lâm, Bộ trưởng Bộ Công an.", published=None)
    assert ex["date_inferred"] == "2020-06-25"
    assert rel(ex, "Tô Lâm", "Bộ trưởng")["date"] == "2020-06-25"


def test_a_term_ahead_is_not_the_articles_time():
    ex = run("Ngày 5/9, tỉnh Quảng Ngãi tổ chức Lễ công bố Quyết định bổ nhiệm ông Nguyễn Văn Trọng giữ chức "
             "Giám đốc Sở Kế hoạch và Đầu tư tỉnh Quảng Ngãi, thời hạn 5 năm, kể từ ngày 05/9/2023 đến 05/9/2028.",
             published=None)
    assert ex["date_inferred"] == "2023-09-05"


def test_terms_and_given_starts():
    ex = run("HĐND tỉnh Nghệ An bầu ông Lê Hồng Vinh giữ chức Chủ tịch UBND tỉnh Nghệ An nhiệm kỳ 2021-2026.")
    assert rel(ex, "Lê Hồng Vinh", "Chủ tịch")["term"] == "nhiệm kỳ 2021-2026"
    ex = run("Ông Lưu Đình Phúc giữ chức Cục trưởng Cục Báo chí từ tháng 3/2024 đến nay.")
    r = rel(ex, "Lưu Đình Phúc", "Cục trưởng")
    assert r["since"] == "2024-03"
    assert r["date"] != "2024-03"  # a bound is a start, not the day of the fact


def test_a_history_date_is_not_the_articles_event():
    ex = run("Lễ kỷ niệm ngày giải phóng 30/4/1975 được tỉnh Cà Mau tổ chức trọng thể.\n\n"
             "Ông Huỳnh Quốc Việt, Chủ tịch UBND tỉnh Cà Mau, ôn lại truyền thống.", published="2025-04-29")
    assert any(e.get("date") == "1975-04-30" for e in ex["events"])
    r = rel(ex, "Huỳnh Quốc Việt", "Chủ tịch")
    assert (r["date"], r["date_basis"]) == ("2025-04-29", "published")


def test_an_end_takes_effect_on_its_bound_day():
    ex = run("Ngày 20/2, HĐND tỉnh Cà Mau miễn nhiệm chức vụ Chủ tịch UBND tỉnh Cà Mau đối với ông Lê Văn Sử "
             "từ ngày 1/3/2025.", published="2025-02-21")
    r = rel(ex, "Lê Văn Sử", "Chủ tịch")
    assert (r["type"], r["date"], r["date_basis"]) == ("held", "2025-03-01", "clause")
    assert "since" not in r
