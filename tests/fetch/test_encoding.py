"""Legacy Vietnamese encodings and mojibake come out as clean NFC Unicode."""
from __future__ import annotations

import os
import unicodedata

import ftfy.bad_codecs  # noqa: F401
import pytest

from org_graph.fetch.encoding import UndecodableError, decode, declared_charset, from_tcvn3, from_vni

from .encodings import to_cp1258, to_tcvn3, to_vni


@pytest.mark.parametrize("legacy,unicode", [
    # Examples published with the converters of these encodings.
    ("hép møt tÕt", "hộp mứt tết"),
    ("Xin chµo tÊt c¶ mäi ng\xadêi", "Xin chào tất cả mọi người"),
])
def test_tcvn3_table(legacy, unicode):
    assert from_tcvn3(legacy) == unicode


@pytest.mark.parametrize("legacy,unicode", [
    ("Xin chaøo caùc baïn", "Xin chào các bạn"),
    ("Ñaûng Coäng saûn Vieät Nam", "Đảng Cộng sản Việt Nam"),
    ("UÛy ban nhaân daân tænh", "Ủy ban nhân dân tỉnh"),
])
def test_vni_table(legacy, unicode):
    assert from_vni(legacy) == unicode


def corpus_texts(real_records):
    return [r["text"] for r in real_records[:30]]


@pytest.mark.parametrize("name,encode,exact", [
    ("utf-8", lambda t: t.encode("utf-8"), True),
    ("nfd", lambda t: unicodedata.normalize("NFD", t).encode("utf-8"), True),
    ("utf-8 with BOM", lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), True),
    ("windows-1258", to_cp1258, True),
    ("windows-1258 declared", lambda t: b'<meta charset="windows-1258">' + to_cp1258(t), True),
    ("mojibake", lambda t: t.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8"), True),
    ("vni", to_vni, True),
    ("tcvn3", to_tcvn3, False),  # toned capitals had no codes of their own: case is lost
])
def test_every_encoding_reads_back_as_the_original(real_records, name, encode, exact):
    for text in corpus_texts(real_records):
        got = decode(encode(text)).text.removeprefix('<meta charset="windows-1258">')
        assert unicodedata.is_normalized("NFC", got)
        if exact:
            assert got == text, name
        else:
            assert got.casefold() == text.casefold(), name


def test_declared_charset_from_header_or_meta():
    assert declared_charset(b"<html>", "text/html; charset=UTF-8") == "utf-8"
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">') == "cp1258"
    assert declared_charset(b"<meta charset='no-such-charset'>") is None


def test_binary_bytes_are_refused():
    with pytest.raises(UndecodableError):
        decode(b"\x89PNG\r\n\x1a\n" + os.urandom(50_000))
    with pytest.raises(UndecodableError):
        decode(bytes(range(1, 32)) * 2000)


def test_english_pages_are_left_alone(english_text):
    assert decode(english_text.encode("cp1252")).text == english_text
