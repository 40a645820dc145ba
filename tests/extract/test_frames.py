"""Frames of office and lists of holders: how officialese writes elections, appointments and
the leaders of a body (extract/holds.py), with the words as data (ontology/tenure_cues.yaml)."""
from .helpers import attended, holds, run


def quals(ex, person: str) -> set[str]:
    p = {x["id"]: x["name"] for x in ex["people"]}
    return {q for r in ex["relations"] if r["type"] == "holds" and p[r["person"]] == person
            for q in r["qualifiers"]}


def test_plural_title_and_copula_give_every_listed_holder():
    ex = run("Hiện tại, tỉnh Quảng Bình còn có 3 Phó Chủ tịch UBND tỉnh là các ông: Nguyễn Xuân Quang, "
             "Trần Tiến Dũng và Nguyễn Tiến Hoàng.")
    post = ("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Quảng Bình")
    assert {(n, *post) for n in ("Nguyễn Xuân Quang", "Trần Tiến Dũng", "Nguyễn Tiến Hoàng")} <= holds(ex)


def test_gom_list_with_each_entrys_own_titles_in_brackets():
    ex = run("Ban Chấp hành đã bầu 3 Phó Bí thư Tỉnh ủy Đắk Lắk khóa mới gồm các đồng chí: Phạm Minh Tấn "
             "(Phó Bí thư Thường trực Tỉnh ủy khóa XVI), Phạm Ngọc Nghị (Chủ tịch UBND tỉnh) và "
             "đồng chí Y Biêr Niê.")
    got = holds(ex)
    for n in ("Phạm Minh Tấn", "Phạm Ngọc Nghị", "Y Biêr Niê"):
        assert (n, "Phó Bí thư", "Tỉnh ủy Đắk Lắk") in got
    assert ("Phạm Ngọc Nghị", "Chủ tịch", "Ủy ban nhân dân tỉnh Đắk Lắk") in got
    assert quals(ex, "Phạm Minh Tấn") == {"elected"}


def test_doi_voi_list_after_a_verb_of_office():
    ex = run("Thủ tướng phê chuẩn kết quả bầu Phó chủ tịch UBND tỉnh Sơn La nhiệm kỳ 2016 - 2021 đối với: "
             "bà Tráng Thị Xuân, Ủy viên Ban Thường vụ Tỉnh ủy; ông Lò Minh Hùng, ông Phạm Văn Thủy, "
             "Tỉnh ủy viên.")
    got = holds(ex)
    for n in ("Tráng Thị Xuân", "Lò Minh Hùng", "Phạm Văn Thủy"):
        assert (n, "Phó Chủ tịch", "Ủy ban nhân dân tỉnh Sơn La") in got
    assert ("Phạm Văn Thủy", "Tỉnh ủy viên", "Tỉnh ủy Sơn La") in got
    assert ("Lò Minh Hùng", "Tỉnh ủy viên", "Tỉnh ủy Sơn La") not in got


def test_a_frame_is_shared_by_coordinated_names_and_reelection_is_a_qualifier():
    ex = run("Ông Nguyễn Quang Tuấn và bà Nguyễn Thị Ái Vân được bầu giữ chức Phó chủ tịch HĐND tỉnh "
             "Thừa Thiên – Huế. Ông Lê Trường Lưu đã tiếp tục tái đắc cử chức vụ chủ tịch HĐND tỉnh.")
    got = holds(ex)
    body = "Hội đồng nhân dân tỉnh Thừa Thiên Huế"
    assert {("Nguyễn Quang Tuấn", "Phó Chủ tịch", body), ("Nguyễn Thị Ái Vân", "Phó Chủ tịch", body),
            ("Lê Trường Lưu", "Chủ tịch", body)} <= got
    assert "re-elected" in quals(ex, "Lê Trường Lưu")
    assert "Thừa Thiên" not in {p["name"] for p in ex["people"]}


def test_dismissal_list_gives_former_titles():
    ex = run("HĐND tỉnh Tây Ninh miễn nhiệm chức danh Ủy viên UBND tỉnh đối với ông Nguyễn Hồng Thanh, "
             "nguyên Giám đốc Sở Văn hóa - Thể thao và Du lịch.")
    assert ("Nguyễn Hồng Thanh", "Ủy viên", "Ủy ban nhân dân tỉnh Tây Ninh") in holds(ex, "held")
    assert ("Nguyễn Hồng Thanh", "Ủy viên", "Ủy ban nhân dân tỉnh Tây Ninh") not in holds(ex)


def test_role_head_names_the_body_and_short_forms_of_trung_uong():
    got = holds(run("Ông Nguyễn Văn Trung, Cục trưởng Cảnh sát giao thông; ông Nguyễn Văn Nên giữ chức "
                    "Chánh văn phòng Trung ương Đảng; Đại tướng Tô Lâm, Bí thư Đảng ủy Công an T.Ư."))
    assert ("Nguyễn Văn Trung", "Cục trưởng", "Cục Cảnh sát giao thông") in got
    assert ("Nguyễn Văn Nên", "Chánh Văn phòng", "Văn phòng Trung ương Đảng") in got
    assert ("Tô Lâm", "Bí thư", "Đảng ủy Công an Trung ương") in got


def test_a_principals_title_is_not_the_actors():
    got = holds(run("Thay mặt Thủ tướng Chính phủ, Phó Thủ tướng Hoàng Trung Hải trao quyết định. "
                    "Thừa ủy quyền của Chủ tịch nước và Thủ tướng Chính phủ, Đại tướng Phan Văn Giang "
                    "Bộ trưởng Bộ Quốc phòng, đã trao Quyết định."))
    assert got == {("Hoàng Trung Hải", "Phó Thủ tướng", "Chính phủ"),
                   ("Phan Văn Giang", "Bộ trưởng", "Bộ Quốc phòng")}


def test_a_foreign_leader_takes_no_implied_vietnamese_post():
    got = holds(run("Thủ tướng Phạm Minh Chính gặp Thủ tướng Singapore Lý Hiển Long. "
                    "Thủ tướng Lý Hiển Long cảm ơn."))
    assert ("Lý Hiển Long", "Thủ tướng", "Chính phủ") not in got
    assert ("Phạm Minh Chính", "Thủ tướng", "Chính phủ") in got


def test_ceremony_presenters_and_receivers_attend_but_background_does_not():
    ex = run("Chiều 5/9, UBND tỉnh Quảng Ngãi tổ chức lễ công bố quyết định bổ nhiệm cán bộ. "
             "Tại buổi lễ, Giám đốc Sở Nội vụ Tạ Công Dũng đã công bố Quyết định bổ nhiệm ông Nguyễn "
             "Văn Trọng giữ chức Giám đốc Sở Kế hoạch và Đầu tư. Trước đó, ông Lê Văn Bình được bổ "
             "nhiệm làm Phó Giám đốc Sở Tài chính.", "2023-09-05")
    got = attended(ex)
    assert {"Tạ Công Dũng", "Nguyễn Văn Trọng"} <= got
    assert "Lê Văn Bình" not in got


def test_words_that_only_look_like_cues_are_not_attendance():
    ex = run("Hội nghị tổng kết diễn ra sáng 5/9. Ông Lê Thanh Cung tiếp tục được bầu làm chủ tịch "
             "UBND tỉnh Bình Dương. Ông Nguyễn Văn Hai dự kiến sẽ nghỉ hưu.", "2021-09-05")
    assert "Lê Thanh Cung" not in attended(ex) and "Nguyễn Văn Hai" not in attended(ex)


def test_leaving_office_retirement_and_transfer():
    ex = run("HĐND tỉnh miễn nhiệm chức danh Ủy viên UBND tỉnh Tây Ninh đối với ông Nguyễn Hồng Thanh - "
             "nguyên Giám đốc Sở Văn hoá - Thể thao và Du lịch, do được điều động nhận nhiệm vụ mới; "
             "ông Nguyễn Văn Đước - nguyên Giám đốc Sở Tài chính, nghỉ hưu theo chế độ. "
             "Bà Lê Thị Hoa thôi giữ chức Phó Chủ tịch UBND tỉnh.")
    held = holds(ex, "held")
    assert {("Nguyễn Hồng Thanh", "Ủy viên", "Ủy ban nhân dân tỉnh Tây Ninh"),
            ("Nguyễn Văn Đước", "Ủy viên", "Ủy ban nhân dân tỉnh Tây Ninh"),
            ("Nguyễn Hồng Thanh", "Giám đốc", "Sở Văn hóa, Thể thao và Du lịch tỉnh Tây Ninh"),
            ("Lê Thị Hoa", "Phó Chủ tịch", "Ủy ban nhân dân tỉnh Tây Ninh")} <= held
    p = {x["id"]: x["name"] for x in ex["people"]}
    o = {x["id"]: x["name"] for x in ex["organizations"]}
    q = {(p[r["person"]], o[r["organization"]]): set(r["qualifiers"]) for r in ex["relations"] if r["type"] == "held"}
    assert "transferred" in q[("Nguyễn Hồng Thanh", "Sở Văn hóa, Thể thao và Du lịch tỉnh Tây Ninh")]
    assert "retired" in q[("Nguyễn Văn Đước", "Sở Tài chính tỉnh Tây Ninh")]
    assert "dismissed" in q[("Lê Thị Hoa", "Ủy ban nhân dân tỉnh Tây Ninh")]


def test_a_body_and_gom_lists_its_members_but_a_delegation_does_not():
    got = holds(run("Ban Thường vụ Tỉnh ủy Quảng Bình gồm các ông, bà: Lê Văn Tùng, Hoàng Thị Hoa và "
                    "Trần Thắng. Đoàn công tác gồm các ông Nguyễn Văn Hải, Lê Quang Minh."))
    assert {(n, "Ủy viên", "Ban Thường vụ Tỉnh ủy Quảng Bình")
            for n in ("Lê Văn Tùng", "Hoàng Thị Hoa", "Trần Thắng")} <= got
    assert not {h for h in got if h[0] in ("Nguyễn Văn Hải", "Lê Quang Minh")}


def test_a_birth_year_between_commas_keeps_the_title_with_the_name():
    got = holds(run("Ông Trần Phong, sinh năm 1974, giữ chức Phó Chủ tịch UBND tỉnh Quảng Bình."))
    assert ("Trần Phong", "Phó Chủ tịch", "Ủy ban nhân dân tỉnh Quảng Bình") in got


def test_not_officials_of_viet_nam_and_history():
    ex = run("Ngày 5/5/2021, Thủ tướng Phạm Minh Chính gặp Thủ tướng Hà Lan Mark Rutte và nhắc lời Tổng "
             "Bí thư Lê Duẩn, cố Thủ tướng Võ Văn Kiệt. Liên minh Châu Âu và Lầu Năm Góc lên tiếng. "
             "Từ Nam Du, tàu chạy về.", published=None)
    people = {p["name"] for p in ex["people"]}
    assert not people & {"Châu Âu", "Lầu Năm Góc", "Từ Nam Du", "Hà Lan Mark Rutte"}
    got = holds(ex)
    assert ("Mark Rutte", "Thủ tướng", "Chính phủ Hà Lan") in got
    assert ("Phạm Minh Chính", "Thủ tướng", "Chính phủ") in got
    assert {("Lê Duẩn", "Tổng Bí thư", "Ban Chấp hành Trung ương Đảng"),
            ("Võ Văn Kiệt", "Thủ tướng", "Chính phủ")} <= holds(ex, "held")
    assert not {h for h in got if h[0] in ("Lê Duẩn", "Võ Văn Kiệt")}


def test_a_current_leader_in_his_term_is_no_history():
    got = holds(run("Tổng Bí thư Nguyễn Phú Trọng chủ trì hội nghị.", "2021-04-27"))
    assert ("Nguyễn Phú Trọng", "Tổng Bí thư", "Ban Chấp hành Trung ương Đảng") in got


def test_a_bare_ban_thuong_vu_is_the_provinces_and_reelection_by_vote_of_confidence():
    ex = run("Đại hội Đảng bộ tỉnh Thanh Hóa lần thứ XX. Bà Phạm Thị Thanh Thủy, Ủy viên Ban Thường vụ, "
             "Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy khóa XIX tiếp tục được tín nhiệm bầu giữ chức Chủ nhiệm "
             "Ủy ban Kiểm tra Tỉnh ủy khóa XX.")
    got = holds(ex)
    assert ("Phạm Thị Thanh Thủy", "Ủy viên", "Ban Thường vụ Tỉnh ủy Thanh Hóa") in got
    assert ("Phạm Thị Thanh Thủy", "Chủ nhiệm", "Ủy ban Kiểm tra Tỉnh ủy Thanh Hóa") in got
    assert "re-elected" in quals(ex, "Phạm Thị Thanh Thủy")


def test_a_party_board_named_alone_beside_the_central_organs_is_the_central_one():
    got = holds(run("Bộ Chính trị phân công một số Ủy viên Bộ Chính trị tham gia Ban Bí thư gồm: đồng chí "
                    "Trần Quốc Vượng (Chủ nhiệm Ủy ban Kiểm tra); đồng chí Võ Văn Thưởng (Trưởng ban Tuyên "
                    "giáo). Đồng chí Lê Văn Tám làm Trưởng ban Tuyên giáo Tỉnh ủy Cà Mau."))
    assert ("Trần Quốc Vượng", "Chủ nhiệm", "Ủy ban Kiểm tra Trung ương") in got
    assert ("Võ Văn Thưởng", "Trưởng Ban", "Ban Tuyên giáo Trung ương") in got
    assert ("Võ Văn Thưởng", "Ủy viên", "Ban Bí thư") in got
    assert ("Lê Văn Tám", "Trưởng Ban", "Ban Tuyên giáo Tỉnh ủy Cà Mau") in got


def test_a_career_list_gives_former_posts():
    ex = run("Trước khi giữ chức Chủ tịch UBND tỉnh Thái Nguyên, ông Vương Quốc Tuấn đã từng trải qua các "
             "vị trí công tác như Bí thư Thành ủy Bắc Ninh, Phó Bí thư Tỉnh ủy, Chủ tịch Ủy ban Nhân dân "
             "tỉnh Bắc Ninh. Ông Trần Phong từng giữ các chức vụ: Giám đốc Sở Tài nguyên và Môi trường "
             "tỉnh Quảng Bình.")
    held = holds(ex, "held")
    assert {("Vương Quốc Tuấn", "Bí thư", "Thành ủy Bắc Ninh"),
            ("Vương Quốc Tuấn", "Chủ tịch", "Ủy ban nhân dân tỉnh Bắc Ninh"),
            ("Trần Phong", "Giám đốc", "Sở Tài nguyên và Môi trường tỉnh Quảng Bình")} <= held
    assert ("Vương Quốc Tuấn", "Chủ tịch", "Ủy ban nhân dân tỉnh Bắc Ninh") not in holds(ex)
