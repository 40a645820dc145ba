import unicodedata

from org_graph.text import Text, canonical_tones, fold


def test_tone_placement_is_folded_to_one_form():
    assert canonical_tones("Thuỷ hoà khoẻ") == "Thủy hòa khỏe"
    # "qu" + y keeps the tone on y; a final consonant keeps it on the second vowel.
    assert canonical_tones("quý Quỳnh Hoàng thuyết") == "quý Quỳnh Hoàng thuyết"
    assert fold("Đoàn Thanh Thuỷ") == fold("đoàn thanh thủy")


def test_nfd_input_keeps_offsets_into_the_original():
    original = unicodedata.normalize("NFD", "Ông Đoàn Thanh Thuỷ, Cà Mau")
    t = Text(original)
    assert t.norm == "Ông Đoàn Thanh Thủy, Cà Mau"
    i = t.norm.index("Cà Mau")
    s, e = t.to_original(i, i + len("Cà Mau"))
    assert unicodedata.normalize("NFC", original[s:e]) == "Cà Mau"


def test_nfc_input_maps_identically():
    t = Text("Chủ tịch Huỳnh Quốc Việt")
    assert t.to_original(3, 7) == (3, 7)
