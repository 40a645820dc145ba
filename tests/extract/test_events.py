from .helpers import attended, run


def test_event_date_year_from_publication_and_attendance_lists():
    ex = run("Sáng 21/3, HĐND tỉnh tiến hành Kỳ họp thứ 22. Tham dự kỳ họp có Chủ tịch UBND tỉnh "
             "Phạm Anh Tuấn. Các đồng chí: Hồ Quốc Dũng - Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh và Đoàn "
             "Văn Phi - Phó Chủ tịch HĐND tỉnh chủ trì kỳ họp.", "2025-03-22", title="Kỳ họp HĐND tỉnh Bình Định")
    assert {e["date"] for e in ex["events"]} == {"2025-03-21"}
    assert attended(ex) == {"Phạm Anh Tuấn", "Hồ Quốc Dũng", "Đoàn Văn Phi"}


def test_undated_article_leaves_open_dates_out():
    ex = run("Sáng 21/3, Hội nghị tổng kết được tổ chức.", published=None)
    assert [e.get("date") for e in ex["events"]] == [None]


def test_announced_event_is_not_a_reported_one():
    ex = run("Quốc hội dự kiến khai mạc Kỳ họp thứ nhất vào ngày 20/7.")
    assert all(e.get("date") is None for e in ex["events"])


def test_merely_mentioned_people_did_not_attend():
    ex = run("Theo báo cáo, ông Nguyễn Văn Bình từng làm Giám đốc Sở Y tế tỉnh Hà Nam.")
    assert attended(ex) == set()
