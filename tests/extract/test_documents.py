from .helpers import run


def _docs(ex):
    o = {x["id"]: x["name"] for x in ex["organizations"]}
    return {d["number"]: (d.get("type"), d.get("date"), o.get(d.get("issuer")), d.get("term"))
            for d in ex["documents"]}


def test_party_and_state_numbers_with_date_issuer_and_term():
    ex = run("Thực hiện Nghị quyết số 28-NQ/TW ngày 25/10/2013 của Ban Chấp hành Trung ương Đảng (khóa XI); "
             "Kế hoạch số 147/KH-UBND ngày 30/6/2020 của Ủy ban nhân dân tỉnh Cà Mau; Chỉ thị số "
             "45/CT-TTg ngày 13/12/2017 của Thủ tướng Chính phủ; Nghị định 116/2020/NĐ-CP.", "2022-01-07")
    d = _docs(ex)
    assert d["28-NQ/TW"] == ("Nghị quyết", "2013-10-25", "Ban Chấp hành Trung ương Đảng", "khóa XI")
    assert d["147/KH-UBND"][:3] == ("Kế hoạch", "2020-06-30", "Ủy ban nhân dân tỉnh Cà Mau")
    # The issuing authority of "-TTg" documents is the Prime Minister of the Government.
    assert d["45/CT-TTg"][:3] == ("Chỉ thị", "2017-12-13", "Thủ tướng Chính phủ")
    assert d["116/2020/NĐ-CP"][0] == "Nghị định" and d["116/2020/NĐ-CP"][2] == "Chính phủ"


def test_bare_number_after_type_word_and_issuer_code_with_local_context():
    ex = run("HĐND tỉnh Bình Định sửa đổi Nghị quyết số 47 ngày 13/12/2019 của HĐND tỉnh.", "2025-03-21")
    assert _docs(ex)["47"][:3] == ("Nghị quyết", "2019-12-13", "Hội đồng nhân dân tỉnh Bình Định")
    ex = run("Thực hiện công văn số 1159/UBND-VX3 ngày 28/02/2021 của UBND tỉnh Quảng Ninh.", "2021-04-30")
    assert _docs(ex)["1159/UBND-VX3"][:3] == ("Công văn", "2021-02-28", "Ủy ban nhân dân tỉnh Quảng Ninh")


def test_date_and_issuer_from_the_sentence():
    ex = run("Ngày 31/8/2018, Chính phủ ban hành Nghị quyết 115/NQ-CP về cơ chế đặc thù.", "2024-09-01")
    assert _docs(ex)["115/NQ-CP"][:3] == ("Nghị quyết", "2018-08-31", "Chính phủ")


def test_fractions_and_dates_are_not_documents():
    assert run("Có 50/53 đại biểu dự họp ngày 21/3/2025, tỷ lệ 24-27/4.")["documents"] == []
