from org_graph.graph.identity import Decisions, MentionRecord, resolve_people


def m(iri, name, article, province=None, posts=(), orgs=()):
    return MentionRecord(iri, name, article, iri.rsplit("/", 1)[-1], province, frozenset(posts), frozenset(orgs))


def test_same_name_alone_never_merges():
    a = m("x/a/p1", "Nguyễn Văn Hùng", "a", "Hà Nam", ["post/giam-doc--so-y-te-tinh-ha-nam"])
    b = m("x/b/p1", "Nguyễn Văn Hùng", "b", "Lào Cai", ["post/chu-tich--ubnd-huyen-bat-xat"])
    assert len(resolve_people([a, b])) == 2


def test_shared_post_body_or_province_merges_with_a_reason():
    a = m("x/a/p1", "Huỳnh Quốc Việt", "a", None, ["post/chu-tich--ubnd-ca-mau"])
    b = m("x/b/p2", "Huỳnh Quốc Việt", "b", None, ["post/chu-tich--ubnd-ca-mau"])
    c = m("x/c/p1", "Huỳnh Quốc Việt", "c", None, [], ["org/tinh-uy-ca-mau"])
    d = m("x/d/p1", "Huỳnh Quốc Việt", "d", None, ["post/bi-thu--tinh-uy-ca-mau", "post/chu-tich--ubnd-ca-mau"],
          ["org/tinh-uy-ca-mau"])
    clusters = resolve_people([a, b, c, d])
    assert len(clusters) == 1
    reasons = " | ".join(clusters[0].reasons)
    assert "shared post post/chu-tich--ubnd-ca-mau" in reasons and "shared body org/tinh-uy-ca-mau" in reasons


def test_tone_placement_does_not_split_a_person():
    a = m("x/a/p1", "Đoàn Thanh Thủy", "a", "Cà Mau")
    b = m("x/b/p1", "Đoàn Thanh Thuỷ", "b", "Cà Mau")
    assert len(resolve_people([a, b])) == 1


def test_decisions_force_and_forbid_merges():
    a = m("x/a/p1", "Lê Văn Tùng", "a", "Bình Định")
    b = m("x/b/p1", "Lê Văn Tùng", "b", "Bình Định")
    c = m("x/c/p3", "Lê Tùng", "c")
    assert len(resolve_people([a, b], Decisions(never=[["a#p1", "b#p1"]]))) == 2
    merged = resolve_people([a, b, c], Decisions(merge=[["a#p1", "c#p3"]]))
    assert len(merged) == 1 and any("decisions file" in r for r in merged[0].reasons)
