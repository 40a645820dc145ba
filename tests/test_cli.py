"""``org-graph extract`` end to end: real articles, bad inputs beside them, exit statuses.

Every bad input is put next to real articles: the test checks that the problem is reported on
stderr naming the file (and the line, for a JSON line), that every good article still reaches
the output, and that the exit status is 1.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner, Result

from org_graph import __version__
from org_graph.cli import app
from org_graph.model import Extraction
from org_graph.render import extraction_tree

WriteJsonl = Callable[[str, list[str]], Path]


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args])


def output_ids(path: Path) -> list[str]:
    return [
        json.loads(line)["article_id"] for line in path.read_text(encoding="utf-8").splitlines()
    ]


def ids_of(lines: list[str]) -> list[str]:
    return [json.loads(line)["id"] for line in lines]


def test_real_corpus(tmp_path: Path, corpus_path: Path, real_records: list[dict]) -> None:
    out = tmp_path / "out.jsonl"
    result = run("extract", corpus_path, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert output_ids(out) == [r["id"] for r in real_records]
    assert "92 articles read; 92 extracted, 0 failed;" in result.stderr
    assert "articles/s" in result.stderr


def test_workers_give_the_same_lines(tmp_path: Path, corpus_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run("extract", corpus_path, "-o", one, "--workers", "1").exit_code == 0
    assert run("extract", corpus_path, "-o", two, "--workers", "2").exit_code == 0
    lines = one.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 92
    assert two.read_text(encoding="utf-8").splitlines() == lines


def test_json_to_stdout_when_not_a_terminal(corpus_path: Path, real_records: list[dict]) -> None:
    result = run("extract", corpus_path)
    assert result.exit_code == 0
    assert [json.loads(x)["article_id"] for x in result.stdout.splitlines()] == [
        r["id"] for r in real_records
    ]
    assert result.stderr == ""  # no summary mixed with a pipeline's data
    assert run("extract", corpus_path, "--json").stdout == result.stdout


def test_quiet_has_no_summary(tmp_path: Path, corpus_path: Path) -> None:
    result = run("extract", corpus_path, "-o", tmp_path / "o.jsonl", "--quiet")
    assert result.exit_code == 0 and result.stderr == ""


# --- bad inputs -----------------------------------------------------------------------------------


def check_reported(result: Result, *expected: str) -> None:
    assert result.exit_code == 1, result.stderr
    lines = result.stderr.splitlines()
    for line in expected:
        assert line in lines, f"{line!r} not in stderr:\n{result.stderr}"


def test_invalid_json_line_in_the_middle(
    tmp_path: Path, write_jsonl: WriteJsonl, real_lines: list[str]
) -> None:
    cut = '{"id": "cut", "text": "Chủ tịch UBND'  # the line ends inside the string
    path = write_jsonl("mixed.jsonl", real_lines[:40] + [cut] + real_lines[40:])
    out = tmp_path / "out.jsonl"
    result = run("extract", path, "-o", out)
    check_reported(
        result, f"{path}:41: invalid JSON: Invalid control character (column {len(cut) + 1})"
    )
    assert output_ids(out) == ids_of(real_lines)
    assert "92 articles read, 1 input error; 92 extracted, 0 failed" in result.stderr


def test_line_without_text(tmp_path: Path, write_jsonl: WriteJsonl, real_lines: list[str]) -> None:
    bad = [
        '{"id": "no-text", "title": "Hội nghị"}',
        '{"id": "blank", "text": "  "}',
        '{"text": "Cà Mau"}',
    ]
    path = write_jsonl("gaps.jsonl", real_lines[:10] + bad + real_lines[10:])
    out = tmp_path / "out.jsonl"
    result = run("extract", path, "-o", out)
    check_reported(
        result,
        f'{path}:11: article no-text: missing "text"',
        f"{path}:12: article blank: empty text",
        f'{path}:13: missing "id"',
    )
    assert output_ids(out) == ids_of(real_lines)


def test_bad_date(tmp_path: Path, write_jsonl: WriteJsonl, real_lines: list[str]) -> None:
    path = write_jsonl(
        "dates.jsonl", [real_lines[0], '{"id": "d", "text": "Chủ tịch", "published": "2022-02-30"}']
    )
    out = tmp_path / "out.jsonl"
    result = run("extract", path, "-o", out)
    check_reported(
        result,
        f'{path}:2: article d: bad "published" date "2022-02-30" (expected YYYY-MM-DD or null)',
    )
    assert len(output_ids(out)) == 1


def test_binary_files(tmp_path: Path, corpus_path: Path) -> None:
    blob = tmp_path / "photo.jsonl"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64)
    txt = tmp_path / "scan.txt"
    txt.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 64)
    out = tmp_path / "out.jsonl"
    result = run("extract", blob, corpus_path, txt, "-o", out)
    check_reported(
        result,
        f"{blob}: binary or unknown encoding",
        f"{txt}: article scan: binary or unknown encoding",
    )
    assert len(output_ids(out)) == 92


def test_english_text_file(english_text: str, tmp_path: Path, corpus_path: Path) -> None:
    english = tmp_path / "english.txt"
    english.write_text(english_text, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run("extract", corpus_path, english, "-o", out)
    assert result.exit_code == 1
    [line] = [x for x in result.stderr.splitlines() if x.startswith(str(english))]
    assert line.startswith(
        f"{english}: article english: does not look like Vietnamese text (0.0% of the first "
    )
    assert len(output_ids(out)) == 92


def test_ten_megabyte_article(
    tmp_path: Path, write_jsonl: WriteJsonl, real_lines: list[str], huge_text: str
) -> None:
    path = write_jsonl(
        "huge.jsonl",
        real_lines[:50] + [json.dumps({"id": "huge", "text": huge_text})] + real_lines[50:],
    )
    txt = tmp_path / "huge.txt"
    txt.write_text(huge_text, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run("extract", path, txt, "-o", out)
    size = f"{len(huge_text):,}"
    check_reported(
        result,
        f"{path}:51: article huge: article is {size} characters, over the limit of 2,000,000",
        f"{txt}: article huge: article is {size} characters, over the limit of 2,000,000",
    )
    assert output_ids(out) == ids_of(real_lines)
    # The limit is an option.
    small = run("extract", path, "-o", out, "--max-chars", "5000")
    assert small.exit_code == 1 and "over the limit of 5,000" in small.stderr


def test_article_over_the_time_limit(
    tmp_path: Path, write_jsonl: WriteJsonl, real_lines: list[str]
) -> None:
    # Issue 10's adversarial article: 1.9 million characters of titles, seconds to extract.
    huge = json.dumps({"id": "titles", "text": "Chủ tịch UBND tỉnh Cà Mau Huỳnh Quốc Việt, " * 44_000})
    path = write_jsonl("slow.jsonl", real_lines[:3] + [huge] + real_lines[3:6])
    out = tmp_path / "out.jsonl"
    result = run("extract", path, "-o", out, "--article-timeout", "0.5")
    check_reported(
        result,
        f"{path}:4: article titles: extraction failed: timed out: took longer than the limit of "
        "0.5 s per article (--article-timeout)",
    )
    assert output_ids(out) == ids_of(real_lines[:6])
    assert run("extract", path, "--article-timeout", "-1").exit_code == 2


def test_empty_files(tmp_path: Path, corpus_path: Path) -> None:
    empty_jsonl, empty_txt = tmp_path / "empty.jsonl", tmp_path / "empty.txt"
    empty_jsonl.write_bytes(b"")
    empty_txt.write_bytes(b"")
    out = tmp_path / "out.jsonl"
    result = run("extract", empty_jsonl, corpus_path, empty_txt, "-o", out)
    check_reported(result, f"{empty_jsonl}: empty file", f"{empty_txt}: article empty: empty file")
    assert len(output_ids(out)) == 92


def test_missing_and_unsupported_paths(tmp_path: Path, corpus_path: Path) -> None:
    html = tmp_path / "page.html"
    html.write_text("<p>Chủ tịch</p>", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run("extract", tmp_path / "nope.jsonl", html, corpus_path, "-o", out)
    check_reported(
        result,
        f"{tmp_path / 'nope.jsonl'}: no such file or directory",
        f"{html}: article page: truncated HTML: the page ends before </body></html>",
    )
    assert len(output_ids(out)) == 92


def test_all_bad_inputs_at_once_with_workers(
    english_text: str, tmp_path: Path, write_jsonl: WriteJsonl, real_lines: list[str]
) -> None:
    path = write_jsonl(
        "mixed.jsonl", real_lines[:30] + ["{", "[]", '{"id": "x"}'] + real_lines[30:]
    )
    english = tmp_path / "en.txt"
    english.write_text(english_text)
    outs = []
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}.jsonl"
        result = run(
            "extract", path, english, tmp_path / "missing", "-o", out, "--workers", workers
        )
        assert result.exit_code == 1
        problems = [x for x in result.stderr.splitlines() if x.startswith(str(tmp_path))]
        assert [p.split(": ")[0] for p in problems] == [
            f"{path}:31",
            f"{path}:32",
            f"{path}:33",
            str(english),
            str(tmp_path / "missing"),
        ]
        outs.append(out.read_text(encoding="utf-8"))
    assert outs[0] == outs[1] and len(outs[0].splitlines()) == 92


# --- input kinds --------------------------------------------------------------------------------


def test_folder_input(tmp_path: Path, real_lines: list[str], real_records: list[dict]) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.jsonl").write_text("\n".join(real_lines[:5]), encoding="utf-8")
    (folder / "sub" / "b.txt").write_text(real_records[5]["text"], encoding="utf-8")
    (folder / "c.jsonl.gz").write_bytes(gzip.compress("\n".join(real_lines[6:9]).encode("utf-8")))
    (folder / "README.md").write_text("ignored")
    out = tmp_path / "out.jsonl"
    result = run("extract", folder, "-o", out)
    assert result.exit_code == 0, result.stderr
    # Sorted by path: a.jsonl, c.jsonl.gz, sub/b.txt.
    assert output_ids(out) == ids_of(real_lines[:5]) + ids_of(real_lines[6:9]) + ["b"]


def test_gzipped_jsonl_input(tmp_path: Path, bench_gz: Path) -> None:
    # The first 150 articles of the real gzipped bench file, still gzipped (the whole file is
    # read in test_articles; extracting all of it here would only make the suite slow).
    path = tmp_path / "dantri-150.jsonl.gz"
    with gzip.open(bench_gz, "rt", encoding="utf-8") as src:
        head = [next(src) for _ in range(150)]
    path.write_bytes(gzip.compress("".join(head).encode("utf-8")))
    out = tmp_path / "out.jsonl"
    result = run("extract", path, "-o", out, "--workers", "2")
    assert result.exit_code == 0, result.stderr
    assert output_ids(out) == [json.loads(line)["id"] for line in head]


def test_txt_input(tmp_path: Path, real_records: list[dict]) -> None:
    path = tmp_path / "bien-phong-ca-mau.txt"
    path.write_text(real_records[0]["text"], encoding="utf-8")
    result = run("extract", path, "--json")
    assert result.exit_code == 0, result.stderr
    [line] = result.stdout.splitlines()
    assert json.loads(line)["article_id"] == "bien-phong-ca-mau"


# --- usage ----------------------------------------------------------------------------------------


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"org-graph {__version__}"


@pytest.mark.parametrize(
    "args",
    [["extract"], ["extract", "x.jsonl", "--workers", "0"], ["extract", "--bogus", "x"], ["nope"]],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert run(*args).exit_code == 2


def test_unwritable_output_is_a_usage_error(tmp_path: Path, corpus_path: Path) -> None:
    result = run("extract", corpus_path, "-o", tmp_path / "no" / "such" / "dir.jsonl")
    assert result.exit_code == 2
    assert "cannot write" in result.stderr


# --- as real processes --------------------------------------------------------------------------


def test_as_a_subprocess(tmp_path: Path, write_jsonl: WriteJsonl, real_lines: list[str]) -> None:
    path = write_jsonl("mixed.jsonl", real_lines[:3] + ["{"] + real_lines[3:6])
    console_script = Path(sys.executable).parent / "org-graph"
    commands = [[sys.executable, "-m", "org_graph.cli"]]
    if console_script.exists():
        commands.append([str(console_script)])
    for command in commands:
        proc = subprocess.run(
            [*command, "extract", str(path), "--workers", "2"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            check=False,
        )
        assert proc.returncode == 1, proc.stderr
        assert proc.stderr.splitlines() == [
            f"{path}:4: invalid JSON: Expecting property name enclosed in double quotes (column 2)"
        ]
        assert [json.loads(x)["article_id"] for x in proc.stdout.splitlines()] == ids_of(
            real_lines[:6]
        )


def test_readable_view_on_a_terminal(corpus_path: Path, real_records: list[dict]) -> None:
    """With stdout a terminal (a pseudo-terminal here), people get a readable view, not JSON."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "org_graph.cli", "extract", str(corpus_path)],
        stdout=slave,
        stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": "120", "TERM": "dumb"},
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO once the child has closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    assert proc.wait(timeout=120) == 0, stderr
    shown = b"".join(chunks).decode("utf-8", errors="replace")
    assert not shown.lstrip().startswith("{")
    for record in real_records:
        assert record["id"] in shown
    assert "92 articles read; 92 extracted, 0 failed" in stderr


def test_readable_view_of_an_extraction() -> None:
    # The example of ../shared/eval/README.md, as the extractor would give it.
    extraction = Extraction.model_validate(
        {
            "article_id": "seed-camau-2022-01-07",
            "date": "2022-01-07",
            "province": "Cà Mau",
            "people": [{"id": "p1", "name": "Huỳnh Quốc Việt", "start": 0, "end": 1}],
            "organizations": [
                {
                    "id": "o1",
                    "name": "Ủy ban nhân dân tỉnh Cà Mau",
                    "type": "ubnd",
                    "start": 0,
                    "end": 1,
                }
            ],
            "documents": [
                {
                    "id": "d1",
                    "number": "28-NQ/TW",
                    "type": "Nghị quyết",
                    "date": "2013-10-25",
                    "issuer": "o7",
                    "start": 0,
                    "end": 1,
                }
            ],
            "events": [
                {"id": "e1", "name": "Hội nghị sơ kết", "date": "2022-01-07", "start": 0, "end": 1}
            ],
            "relations": [
                {
                    "type": "holds",
                    "person": "p1",
                    "role": "Chủ tịch",
                    "organization": "o1",
                    "start": 0,
                    "end": 1,
                },
                {
                    "type": "held",
                    "person": "p1",
                    "role": "Bí thư",
                    "organization": "o9",
                    "start": 0,
                    "end": 1,
                },
                {"type": "attended", "person": "p1", "event": "e1", "start": 0, "end": 1},
                {"type": "cites", "source": "e1", "document": "d1", "start": 0, "end": 1},
            ],
        }
    )
    console = Console(file=io.StringIO(), width=120, color_system=None)
    console.print(extraction_tree(extraction.to_json_dict()))
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    for expected in [
        "seed-camau-2022-01-07 (2022-01-07, Cà Mau)",
        "Huỳnh Quốc Việt",
        "Chủ tịch, Ủy ban nhân dân tỉnh Cà Mau",
        "former Bí thư, o9",  # an id the extraction does not define is shown as is
        "attended Hội nghị sơ kết (2022-01-07)",
        "Ủy ban nhân dân tỉnh Cà Mau (ubnd)",
        "Nghị quyết 28-NQ/TW of 2013-10-25, issued by o7",
        "attended by: Huỳnh Quốc Việt",
        "cites: 28-NQ/TW",
    ]:
        assert expected in shown, shown
