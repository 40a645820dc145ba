from .helpers import names, run


def test_names_after_honorifics_ranks_and_titles():
    ex = run("Đến dự có Thượng tướng Phan Văn Giang; GS.TS Nguyễn Văn Bình; Bộ trưởng Ngụy Phượng Hòa "
             "và bà Kpă H'Ven.")
    assert {"Phan Văn Giang", "Nguyễn Văn Bình", "Ngụy Phượng Hòa", "Kpă H'Ven"} <= set(names(ex))


def test_places_streets_and_initials_are_not_people():
    ex = run("Đoàn công tác tới Hà Nội, đi qua đường Đinh Tiên Hoàng và thăm các huyện: Hà Trung, "
             "Thạch Thành. Ông Nguyễn Văn T. cho biết đã nhận tiền.")
    assert names(ex) == []


def test_byline_and_photo_credit_are_not_people():
    ex = run("Tổng thư ký Quốc hội Bùi Văn Cường chủ trì cuộc họp báo (ảnh: Quốc Chính).\n\nPhương Thảo")
    assert names(ex) == ["Bùi Văn Cường"]


def test_alias_in_brackets_is_the_same_person():
    ex = run("Ông Lương Văn Cường (Lương Cường - Sinh năm 1957), Ủy viên Bộ Chính trị.")
    assert names(ex) == ["Lương Văn Cường"]


def test_tone_mark_placement_is_one_name_and_spans_point_into_the_original():
    text = "Đồng chí Đoàn Thanh Thuỷ, Phó Giám đốc Công an tỉnh Cà Mau, phát biểu."
    ex = run(text)
    assert names(ex) == ["Đoàn Thanh Thủy"]
    p = ex["people"][0]
    assert text[p["start"]:p["end"]] == "Đoàn Thanh Thuỷ"


def test_places_listed_after_their_level_word_are_not_people():
    ex = run("Quận Cầu Giấy có 8 phường, gồm: Yên Hòa, Trung Hòa, Mai Dịch, Quan Hoa. Đơn vị bầu cử số 8 "
             "gồm các huyện Quốc Oai, Chương Mỹ và Thạch Thất. Bà Ung Thị Xuân Hương, Phó Ban nghiên cứu "
             "phát biểu.")
    people = {p["name"] for p in ex["people"]}
    assert not people & {"Yên Hòa", "Trung Hòa", "Mai Dịch", "Quan Hoa", "Thạch Thất", "Phó Ban"}
    assert "Ung Thị Xuân Hương" in people
