import unicodedata

from .helpers import holds, orgs, run

SEED = ("Chiều ngày 07/01/2022, tại Bộ Chỉ huy Bộ đội Biên phòng tỉnh Cà Mau tổ chức Hội nghị. "
        "Đến dự Hội nghị có đồng chí Huỳnh Quốc Việt, Ủy viên dự khuyết Ban Chấp hành Trung ương "
        "Đảng, Phó Bí thư Tỉnh ủy, Chủ tịch Ủy ban nhân dân tỉnh; đồng chí Lương Hoàng Đông, Tỉnh "
        "ủy viên, Chỉ huy trưởng Bộ Chỉ huy Bộ đội Biên phòng tỉnh.")


def test_title_chain_after_a_name_resolves_bare_province_bodies():
    got = holds(run(SEED, "2022-01-07"))
    assert {
        ("Huỳnh Quốc Việt", "Ủy viên dự khuyết", "Ban Chấp hành Trung ương Đảng"),
        ("Huỳnh Quốc Việt", "Phó Bí thư", "Tỉnh ủy Cà Mau"),
        ("Huỳnh Quốc Việt", "Chủ tịch", "Ủy ban nhân dân tỉnh Cà Mau"),
        ("Lương Hoàng Đông", "Tỉnh ủy viên", "Tỉnh ủy Cà Mau"),
        ("Lương Hoàng Đông", "Chỉ huy trưởng", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Cà Mau"),
    } == got


def test_nfd_input_gives_the_same_facts():
    assert holds(run(unicodedata.normalize("NFD", SEED), "2022-01-07")) == holds(run(SEED, "2022-01-07"))


def test_title_before_name_and_abbreviations():
    got = holds(run("Chủ tịch UBND TP.HCM Nguyễn Thành Phong và Bí thư Thành ủy Hà Nội Đinh Tiến Dũng "
                    "dự họp. Bộ trưởng Bộ GD&ĐT Nguyễn Kim Sơn phát biểu."))
    assert ("Nguyễn Thành Phong", "Chủ tịch", "Ủy ban nhân dân Thành phố Hồ Chí Minh") in got
    assert ("Đinh Tiến Dũng", "Bí thư", "Thành ủy Hà Nội") in got
    assert ("Nguyễn Kim Sơn", "Bộ trưởng", "Bộ Giáo dục và Đào tạo") in got


def test_a_title_before_the_next_name_is_not_the_previous_ones():
    got = holds(run("Phó Thủ tướng Trương Hòa Bình, Bộ trưởng Bộ Y tế Nguyễn Thanh Long dự họp."))
    assert got == {("Trương Hòa Bình", "Phó Thủ tướng", "Chính phủ"),
                   ("Nguyễn Thanh Long", "Bộ trưởng", "Bộ Y tế")}


def test_former_titles_are_not_current_holds():
    ex = run("Đối với ông Lê Hoàng Nghi - Tỉnh ủy viên, nguyên Giám đốc Sở Kế hoạch và Đầu tư tỉnh Bình Định.")
    assert ("Lê Hoàng Nghi", "Giám đốc", "Sở Kế hoạch và Đầu tư tỉnh Bình Định") in holds(ex, "held")
    assert ("Lê Hoàng Nghi", "Giám đốc", "Sở Kế hoạch và Đầu tư tỉnh Bình Định") not in holds(ex)


def test_acting_is_a_qualifier():
    ex = run("Ông Nguyễn Kim Hùng, Quyền Viện trưởng Viện Kinh tế Việt Nam, phát biểu.")
    rel = [r for r in ex["relations"] if r["type"] == "holds"][0]
    assert rel["role"] == "Viện trưởng" and rel["qualifiers"] == ["acting"]


def test_unresolved_bare_province_is_no_body_of_the_graph():
    # Which province's People's Committee is left open: no organisation "Ủy ban nhân dân tỉnh"
    # that every such mention of every article would share, and no post in it; the person stays.
    ex = run("Chủ tịch UBND tỉnh Nguyễn Văn Bình phát biểu.", published=None)
    assert orgs(ex) == [] and holds(ex) == set()
    assert [p["name"] for p in ex["people"]] == ["Nguyễn Văn Bình"]


def test_bare_province_takes_the_province_of_its_paragraph():
    ex = run("Khánh Hòa: Ông Lê Thanh Quang giữ chức chủ tịch HĐND tỉnh.\n\n"
             "Bình Dương: Ông Vũ Minh Sang giữ chức chủ tịch HĐND tỉnh.", published=None)
    assert ("Lê Thanh Quang", "Chủ tịch", "Hội đồng nhân dân tỉnh Khánh Hòa") in holds(ex)
    assert ("Vũ Minh Sang", "Chủ tịch", "Hội đồng nhân dân tỉnh Bình Dương") in holds(ex)


def test_provincial_outlet_names_its_province():
    ex = run("HĐND tỉnh bầu ông Nguyễn Văn Đước giữ chức Chủ tịch UBND tỉnh.",
             source="https://baotayninh.vn/mien-nhiem-a1.html")
    assert ("Nguyễn Văn Đước", "Chủ tịch", "Ủy ban nhân dân tỉnh Tây Ninh") in holds(ex)


def test_source_hint_resolves_bare_province():
    ex = run("Chủ tịch UBND tỉnh Phạm Anh Tuấn phát biểu.", source="YangKlee/BinhDinhNews app/1.php")
    assert ("Phạm Anh Tuấn", "Chủ tịch", "Ủy ban nhân dân tỉnh Bình Định") in holds(ex)


def test_minister_named_without_bo_and_foreign_body():
    got = holds(run("Bộ trưởng Quốc phòng Trung Quốc Ngụy Phượng Hòa và Bộ trưởng Nội vụ Phạm Thị Thanh Trà."))
    assert ("Ngụy Phượng Hòa", "Bộ trưởng", "Bộ Quốc phòng Trung Quốc") in got
    assert ("Phạm Thị Thanh Trà", "Bộ trưởng", "Bộ Nội vụ") in got


def test_appointment_concurrent_and_by_authority():
    ex = run("Bộ Chính trị quyết định điều động, bổ nhiệm ông Phùng Xuân Nhạ - nguyên Bộ trưởng Bộ Giáo dục "
             "và Đào tạo - giữ chức Phó Trưởng Ban Tuyên giáo Trung ương. Ông Trịnh Tuấn Thành, Chủ tịch UBND "
             "thị xã Bỉm Sơn đồng thời là Chủ tịch Ủy ban bầu cử thị xã Bỉm Sơn. Ông Nguyễn Thành Hải - Giám đốc "
             "Sở Tài chính tỉnh Bình Định thừa ủy quyền Chủ tịch UBND tỉnh trình bày tờ trình.")
    rels = {(r["role"], r["type"], tuple(r["qualifiers"])) for r in ex["relations"] if r["type"] in ("holds", "held")}
    assert ("Bộ trưởng", "held", ()) in rels
    assert ("Phó Trưởng Ban", "holds", ("appointed",)) in rels or ("Phó Trưởng ban", "holds", ("appointed",)) in rels
    assert ("Chủ tịch", "holds", ("concurrent",)) in rels
    got = holds(ex)
    assert ("Nguyễn Thành Hải", "Giám đốc", "Sở Tài chính tỉnh Bình Định") in got
    assert not any(p == "Nguyễn Thành Hải" and r == "Chủ tịch" for p, r, _ in got)


def test_implied_body_of_a_lower_level_role_is_resolved_where_it_stands():
    got = holds(run("Ông Nguyễn Văn Bình, Huyện ủy viên, Chủ tịch UBND huyện Bát Xát, tỉnh Lào Cai, phát biểu."))
    assert ("Nguyễn Văn Bình", "Huyện ủy viên", "Huyện ủy Bát Xát") in got
    assert ("Nguyễn Văn Bình", "Chủ tịch", "Ủy ban nhân dân huyện Bát Xát") in got


def test_a_sub_unit_named_with_its_parent_after_a_comma_names_both():
    ex = run("Ông Nguyễn Duy Bắc, Vụ trưởng Vụ Tổ chức - Cán bộ, Học viện Chính trị Quốc gia Hồ Chí Minh, "
             "phát biểu. Ông Nguyễn Chí Hiến, Giám đốc Sở Kế hoạch - Đầu tư tỉnh Phú Yên, dự họp.")
    assert {"Học viện Chính trị quốc gia Hồ Chí Minh", "Sở Kế hoạch và Đầu tư tỉnh Phú Yên"} <= set(orgs(ex))
