"""Reading inputs into articles: real corpus files, and every kind of bad input next to them."""

from __future__ import annotations

import gzip
import itertools
import json
import time
import tracemalloc
import types
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from org_graph.articles import (
    DEFAULT_MAX_CHARS,
    InputError,
    SourcedArticle,
    read_articles,
    read_sourced,
    vietnamese_ratio,
)
from org_graph.model import Article

WriteJsonl = Callable[[str, list[str]], Path]


def split(items: list) -> tuple[list[Article], list[InputError]]:
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(articles) + len(errors) == len(items)
    return articles, errors


def test_reads_the_real_corpus_exactly(corpus_path: Path, real_records: list[dict]) -> None:
    articles, errors = split(list(read_articles(corpus_path)))
    assert errors == []
    assert len(articles) == len(real_records) == 92
    for article, record in zip(articles, real_records, strict=True):
        assert article.id == record["id"]
        assert article.text == record["text"]  # not normalised, not stripped: offsets stay valid
        assert article.title == record["title"]
        assert article.source == record["source"]
        assert (article.published.isoformat() if article.published else None) == record["published"]


def test_sourced_articles_carry_their_line(corpus_path: Path) -> None:
    items = list(itertools.islice(read_sourced(str(corpus_path)), 3))
    assert [(i.path, i.line) for i in items] == [(str(corpus_path), n) for n in (1, 2, 3)]
    assert all(isinstance(i, SourcedArticle) for i in items)


def test_reading_is_lazy(bench_gz: Path) -> None:
    reader = read_articles([bench_gz])
    assert isinstance(reader, types.GeneratorType)
    started = time.perf_counter()
    first = list(itertools.islice(reader, 5))
    assert time.perf_counter() - started < 2  # five articles, not 2,653
    assert next(a.id for a in first if isinstance(a, Article)) == "dantri-unc-business-001"


def test_gzipped_jsonl(bench_gz: Path) -> None:
    articles, errors = split(list(read_articles(bench_gz)))
    assert errors == []
    assert len(articles) == 2653


def test_gzip_is_detected_by_its_magic_bytes(tmp_path: Path, real_lines: list[str]) -> None:
    path = tmp_path / "really-gzipped.jsonl"  # no .gz in the name
    path.write_bytes(gzip.compress("\n".join(real_lines[:7]).encode("utf-8")))
    articles, errors = split(list(read_articles(path)))
    assert errors == [] and len(articles) == 7


def test_plain_file_named_gz_is_read_too(tmp_path: Path, real_lines: list[str]) -> None:
    path = tmp_path / "not-compressed.jsonl.gz"
    path.write_text("\n".join(real_lines[:4]), encoding="utf-8")
    articles, errors = split(list(read_articles(path)))
    assert errors == [] and len(articles) == 4


def test_truncated_gzip_is_an_error_after_the_good_part(
    tmp_path: Path, real_lines: list[str]
) -> None:
    data = gzip.compress("\n".join(real_lines).encode("utf-8"))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    articles, errors = split(list(read_articles(path)))
    assert 0 < len(articles) < 92
    assert len(errors) == 1 and errors[0].path == str(path)
    assert errors[0].line == len(articles) + 1  # where reading stopped
    assert errors[0].message == (
        "cannot read file: Compressed file ended before the end-of-stream marker was reached"
    )


# --- bad lines in the middle of real articles ----------------------------------------------------

BAD_LINES = [
    (
        '{"id": "broken", "text": "Hà Nội',
        None,
        "invalid JSON: Invalid control character (column 33)",
    ),
    (
        '{"id": "broken", "text": "Hà Nội",}',
        None,
        "invalid JSON: Expecting property name enclosed in double quotes",
    ),
    ("[1, 2, 3]", None, "expected a JSON object, got an array"),
    ('"just a string"', None, "expected a JSON object, got a string"),
    ('{"text": "Ủy ban nhân dân tỉnh Cà Mau"}', None, 'missing "id"'),
    ('{"id": "", "text": "Ủy ban nhân dân tỉnh"}', None, '"id" must be a non-empty string'),
    ('{"id": "no-text", "title": "Hội nghị"}', "no-text", 'missing "text"'),
    ('{"id": "null-text", "text": null}', "null-text", 'missing "text"'),
    ('{"id": "num-text", "text": 42}', "num-text", '"text" must be a string, got a number'),
    ('{"id": "empty", "text": ""}', "empty", "empty text"),
    ('{"id": "blank", "text": " \\n\\t  "}', "blank", "empty text"),
    (
        '{"id": "d1", "text": "Chủ tịch", "published": "2022-13-45"}',
        "d1",
        'bad "published" date "2022-13-45"',
    ),
    (
        '{"id": "d2", "text": "Chủ tịch", "published": "07/01/2022"}',
        "d2",
        'bad "published" date "07/01/2022"',
    ),
    (
        '{"id": "d3", "text": "Chủ tịch", "published": 20220107}',
        "d3",
        'bad "published" date 20220107',
    ),
    (
        '{"id": "t", "text": "Chủ tịch", "title": ["a"]}',
        "t",
        'bad "title": Input should be a valid string',
    ),
]


@pytest.mark.parametrize(("bad", "article_id", "message"), BAD_LINES)
def test_bad_line_is_reported_and_the_rest_is_read(
    write_jsonl: WriteJsonl, real_lines: list[str], bad: str, article_id: str | None, message: str
) -> None:
    path = write_jsonl("mixed.jsonl", real_lines[:10] + [bad] + real_lines[10:20])
    articles, errors = split(list(read_articles(path)))
    assert [a.id for a in articles] == [json.loads(line)["id"] for line in real_lines[:20]]
    assert len(errors) == 1
    error = errors[0]
    assert (error.path, error.line, error.article_id) == (str(path), 11, article_id)
    assert error.message.startswith(message)
    assert str(error).startswith(f"{path}:11: ")


def test_invalid_json_gives_the_column(write_jsonl: WriteJsonl) -> None:
    path = write_jsonl("bad.jsonl", ['{"id": "x", "text": "abc"'])
    [error] = list(read_articles(path))
    assert isinstance(error, InputError)
    assert error.message == "invalid JSON: Expecting ',' delimiter (column 26)"


def test_blank_lines_are_skipped_and_lines_still_counted(
    write_jsonl: WriteJsonl, real_lines: list[str]
) -> None:
    path = write_jsonl("gaps.jsonl", [real_lines[0], "", "   ", real_lines[1], "{oops", ""])
    items = list(read_sourced(path))
    assert [i.line for i in items] == [1, 4, 5]
    assert isinstance(items[2], InputError)


def test_several_errors_in_one_file(write_jsonl: WriteJsonl, real_lines: list[str]) -> None:
    lines = list(real_lines[:30])
    lines[3], lines[17], lines[29] = "{", "[]", '{"id": "z"}'
    articles, errors = split(list(read_articles(write_jsonl("many.jsonl", lines))))
    assert len(articles) == 27
    assert [e.line for e in errors] == [4, 18, 30]


# --- encodings and binary files ---------------------------------------------------------------


def test_binary_jsonl_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "image.jsonl"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    assert list(read_articles(path)) == [
        InputError(str(path), None, None, "binary or unknown encoding")
    ]


def test_binary_txt(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 40)
    assert list(read_articles(path)) == [
        InputError(str(path), None, "photo", "binary or unknown encoding")
    ]


def test_legacy_encoded_txt_is_unknown_encoding(tmp_path: Path, real_records: list[dict]) -> None:
    path = tmp_path / "cp1258.txt"
    path.write_bytes(real_records[0]["text"].encode("cp1258", errors="replace"))
    [error] = list(read_articles(path))
    assert isinstance(error, InputError) and error.message == "binary or unknown encoding"


def test_undecodable_line_after_good_ones(tmp_path: Path, real_lines: list[str]) -> None:
    path = tmp_path / "latin.jsonl"
    good = [line.encode("utf-8") for line in real_lines[:3]]
    path.write_bytes(
        b"\n".join([*good, '{"id": "l", "text": "café"}'.encode("latin-1"), *good]) + b"\n"
    )
    articles, errors = split(list(read_articles(path)))
    assert len(articles) == 6
    assert [(e.line, e.message) for e in errors] == [(4, "binary or unknown encoding")]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_txt_with_bom(tmp_path: Path, real_records: list[dict], encoding: str) -> None:
    text = real_records[5]["text"]
    path = tmp_path / "bai-viet.txt"
    path.write_bytes(text.encode(encoding))  # both codecs write a BOM
    [article] = list(read_articles(path))
    assert isinstance(article, Article)
    assert article.text == text and article.id == "bai-viet" and article.title is None


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_jsonl_with_bom(tmp_path: Path, real_lines: list[str], encoding: str) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes("\n".join(real_lines[:5]).encode(encoding))
    articles, errors = split(list(read_articles(path)))
    assert errors == [] and [a.id for a in articles] == [
        json.loads(x)["id"] for x in real_lines[:5]
    ]


def test_text_is_left_exactly_as_read(tmp_path: Path, real_records: list[dict]) -> None:
    decomposed = unicodedata.normalize("NFD", real_records[0]["text"]).replace("\n", "\r\n")
    txt = tmp_path / "nfd.txt"
    txt.write_bytes(decomposed.encode("utf-8"))
    jsonl = tmp_path / "nfd.jsonl"
    jsonl.write_text(json.dumps({"id": "nfd", "text": decomposed}) + "\n", encoding="utf-8")
    for path in (txt, jsonl):
        [article] = list(read_articles(path))
        assert isinstance(article, Article) and article.text == decomposed


# --- language -----------------------------------------------------------------------------------


def test_english_text_is_not_vietnamese(english_text: str, tmp_path: Path) -> None:
    path = tmp_path / "english.txt"
    path.write_text(english_text, encoding="utf-8")
    [error] = list(read_articles(path))
    assert isinstance(error, InputError)
    assert (error.path, error.line, error.article_id) == (str(path), None, "english")
    assert error.message.startswith("does not look like Vietnamese text")


def test_french_is_not_vietnamese_either() -> None:
    # Accented like Vietnamese (é, è, ê, à, ô) but without any letter only Vietnamese uses.
    french = (
        "Le président a reçu à l'Élysée les représentants des collectivités territoriales. Après "
        "une réunion très animée, ils ont évoqué la réforme des retraites, l'écologie et la "
        "sécurité. La fête était prévue à Noël, près du théâtre où l'on a joué une pièce célèbre."
    )
    letters, ratio = vietnamese_ratio(french)
    assert letters >= 200 and ratio == 0


def test_every_real_article_looks_vietnamese(real_records: list[dict]) -> None:
    assert min(vietnamese_ratio(r["text"])[1] for r in real_records) > 0.1


def test_short_texts_are_not_judged(write_jsonl: WriteJsonl) -> None:
    [article] = list(
        read_articles(write_jsonl("short.jsonl", ['{"id": "s", "text": "Breaking news"}']))
    )
    assert isinstance(article, Article)


# --- size ---------------------------------------------------------------------------------------


def test_huge_article_in_jsonl(
    write_jsonl: WriteJsonl, real_lines: list[str], huge_text: str
) -> None:
    huge = json.dumps({"id": "huge", "text": huge_text}, ensure_ascii=False)
    path = write_jsonl("huge.jsonl", real_lines[:2] + [huge] + real_lines[2:4])
    del huge
    tracemalloc.start()
    try:
        articles, errors = split(list(read_articles(path)))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(articles) == 4
    [error] = errors
    assert (error.line, error.article_id) == (3, "huge")
    assert (
        error.message
        == f"article is {len(huge_text):,} characters, over the limit of {DEFAULT_MAX_CHARS:,}"
    )
    # The line must be parsed to know its length, but nothing beyond a few copies of it is held.
    assert peak < 6 * path.stat().st_size


def test_huge_txt_is_rejected_without_being_loaded(tmp_path: Path, huge_text: str) -> None:
    path = tmp_path / "huge.txt"
    path.write_text(huge_text, encoding="utf-8")
    tracemalloc.start()
    try:
        [error] = list(read_articles(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(error, InputError)
    assert error.message == f"article is {len(huge_text):,} characters, over the limit of 2,000,000"
    assert peak < 8 * 2**20  # read in 1 MiB chunks, never whole


def test_max_chars_is_a_parameter(corpus_path: Path, real_records: list[dict]) -> None:
    limit = 3000
    articles, errors = split(list(read_articles(corpus_path, max_chars=limit)))
    assert len(articles) == sum(len(r["text"]) <= limit for r in real_records)
    assert len(errors) == sum(len(r["text"]) > limit for r in real_records) > 0
    assert all(e.message.endswith("over the limit of 3,000") for e in errors)


def test_overlong_line_is_skipped_without_parsing(tmp_path: Path, real_lines: list[str]) -> None:
    path = tmp_path / "long-line.jsonl"
    path.write_text(
        "\n".join([real_lines[0], "x" * 100_000, real_lines[1]]) + "\n", encoding="utf-8"
    )
    articles, errors = split(list(read_articles(path, max_chars=100)))
    assert articles == []  # the real articles are over 100 characters too
    assert errors[1].line == 2 and errors[1].message.startswith("line is 100,001 bytes, too long")


# --- files and folders --------------------------------------------------------------------------


def test_empty_files(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "blank.jsonl").write_text("\n  \n\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\n ")
    names = ["empty.jsonl", "blank.jsonl", "empty.txt", "blank.txt"]
    items = list(read_articles([tmp_path / n for n in names]))
    assert [(e.path, e.line, e.article_id, e.message) for e in items] == [
        (str(tmp_path / "empty.jsonl"), None, None, "empty file"),
        (str(tmp_path / "blank.jsonl"), None, None, "empty file (no JSON lines)"),
        (str(tmp_path / "empty.txt"), None, "empty", "empty file"),
        (str(tmp_path / "blank.txt"), None, "blank", "empty text"),
    ]


def test_a_saved_article_page_is_read_like_a_fetched_one(tmp_path: Path, real_records: list[dict]) -> None:
    rec = real_records[0]
    paras = "".join(f"<p>{p}</p>" for p in rec["text"].split("\n\n"))
    page = (f'<html><head><meta charset="utf-8"><title>Cà Mau</title><link rel="canonical" '
            f'href="https://camau.gov.vn/tin-tuc-su-kien/hoi-nghi"></head><body><nav><a href="/">Trang chủ</a></nav>'
            f'<h1>Hội nghị sơ kết</h1><div class="post-date">07/01/2022</div><article>{paras}</article></body></html>')
    (tmp_path / "hoi-nghi.html").write_bytes(page.encode("utf-8"))
    (article,) = read_articles(tmp_path / "hoi-nghi.html")
    assert article.id == "hoi-nghi" and article.title == "Hội nghị sơ kết"
    assert article.url == "https://camau.gov.vn/tin-tuc-su-kien/hoi-nghi"
    assert article.province_hint == "Cà Mau"  # the camau loader matches the canonical URL
    assert str(article.published) == "2022-01-07"
    assert " ".join(rec["text"].split("\n\n")[0].split()) in article.text


def test_missing_path_and_unsupported_types(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("<p>Chủ tịch</p>")
    (tmp_path / "data.csv").write_text("id,text\n")
    items = list(
        read_articles([tmp_path / "nope.jsonl", tmp_path / "page.html", tmp_path / "data.csv", ""])
    )
    assert [e.message for e in items] == [
        "no such file or directory",
        "truncated HTML: the page ends before </body></html>",
        "unsupported file type .csv (expected .jsonl, .jsonl.gz, .txt or .html)",
        "empty path",
    ]


def test_txt_id_is_the_file_stem(tmp_path: Path, real_records: list[dict]) -> None:
    (tmp_path / "cau-mau-2022.txt").write_text(real_records[0]["text"], encoding="utf-8")
    (tmp_path / "nen.txt.gz").write_bytes(gzip.compress(real_records[1]["text"].encode("utf-8")))
    items = list(read_articles([tmp_path / "cau-mau-2022.txt", tmp_path / "nen.txt.gz"]))
    assert [(a.id, a.text) for a in items] == [
        ("cau-mau-2022", real_records[0]["text"]),
        ("nen", real_records[1]["text"]),
    ]
    assert items[0].source == str(tmp_path / "cau-mau-2022.txt")


def test_folder_is_walked_recursively_in_sorted_order(
    tmp_path: Path, real_lines: list[str], real_records: list[dict]
) -> None:
    root = tmp_path / "in"
    (root / "b" / "deeper").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "b" / "z.jsonl").write_text("\n".join(real_lines[:2]), encoding="utf-8")
    (root / "b" / "deeper" / "y.txt").write_text(real_records[2]["text"], encoding="utf-8")
    (root / "a.jsonl.gz").write_bytes(gzip.compress("\n".join(real_lines[3:5]).encode("utf-8")))
    (root / "c.txt").write_text(real_records[5]["text"], encoding="utf-8")
    (root / "notes.md").write_text("not an input")
    (root / ".hidden.jsonl").write_text(real_lines[6])
    (root / ".git" / "x.jsonl").write_text(real_lines[7])
    (root / "page.htm").write_text("<html/>")
    items = list(read_sourced(root))
    ids = [i.article.id if isinstance(i, SourcedArticle) else i.message.split()[0] for i in items]
    expected = [r["id"] for r in real_records[3:5]]  # a.jsonl.gz
    expected += ["y"]  # b/deeper/y.txt
    expected += [r["id"] for r in real_records[:2]]  # b/z.jsonl
    expected += ["c", "truncated"]  # c.txt, page.htm
    assert ids == expected
    assert items[0].path == str(root / "a.jsonl.gz")


def test_folder_without_inputs(tmp_path: Path) -> None:
    (tmp_path / "readme.md").write_text("nothing here")
    [error] = list(read_articles(tmp_path))
    assert isinstance(error, InputError) and error.message.startswith("no input files in folder")
