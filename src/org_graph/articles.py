"""Read input files into :class:`~org_graph.model.Article` records, one at a time.

Inputs are JSON Lines files (``.jsonl``, optionally gzip-compressed), plain-text files (``.txt``,
one article each) and folders of those. The reader is a generator so that a corpus of any size
streams through in constant memory, and it never raises on bad input: every problem becomes an
:class:`InputError` yielded *in place* (naming the file and line), so one bad line or file does
not cost the rest of a batch.

The text is handed over exactly as read (only a UTF-8 byte-order mark is dropped): the extractor
records character offsets into it, so any normalisation here would silently shift every span.
"""

from __future__ import annotations

import codecs
import datetime as dt
import gzip
import io
import json
import os
import re
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pydantic import ValidationError

from .model import Article

__all__ = [
    "DEFAULT_MAX_CHARS",
    "InputError",
    "SourcedArticle",
    "format_problem",
    "read_articles",
    "read_sourced",
    "text_problem",
    "vietnamese_ratio",
]

#: Longest article accepted, in characters. Real bulletins are a few thousand characters; a text
#: past two million is a concatenated dump or a wrong file, and would only slow the batch down.
DEFAULT_MAX_CHARS = 2_000_000

#: Below this share of Vietnamese-specific letters, a text is taken for another language.
MIN_VIETNAMESE_RATIO = 0.02
#: Texts with fewer letters than this are too short to judge their language.
MIN_LETTERS_TO_JUDGE = 200
#: The language check looks at the start of the text only: enough to judge, and O(1) per article.
LANGUAGE_SAMPLE_CHARS = 10_000

_GZIP_MAGIC = b"\x1f\x8b"
_UTF8_BOM = codecs.BOM_UTF8
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_READ_CHUNK = 1 << 20

_JSONL_SUFFIXES = (".jsonl",)
_TEXT_SUFFIXES = (".txt",)
_HTML_SUFFIXES = (".html", ".htm")
_UNSUPPORTED_SUFFIXES: dict[str, str] = {}
_EXPECTED = "expected .jsonl, .jsonl.gz, .txt or .html"
#: A saved page larger than this is not one article (see fetch.http.DEFAULT_MAX_BYTES).
_MAX_HTML_BYTES = 10 * 1024 * 1024

_BINARY = "binary or unknown encoding"

# Letters that occur in Vietnamese and (practically) in no other Latin-script language: ă đ ơ ư,
# and vowels with a dot below, a hook above, a tilde on e/i/u/y or two diacritics. The plain
# accented vowels (à á â ê ô ã õ …) are left out on purpose: French or Portuguese prose has 5–13 %
# of them and would pass for Vietnamese, whereas real Vietnamese news has 10–25 % of the letters
# below (measured over the 22,000 articles of ../shared/corpus/bench).
_VIETNAMESE_ONLY = "ăđơưạặậẹệịọộợụựỵảẳẩẻểỉỏổởủửỷẽĩũỹằắẵầấẫềếễồốỗờớỡừứữỳ"
_VIETNAMESE_RE = re.compile("[" + _VIETNAMESE_ONLY + _VIETNAMESE_ONLY.upper() + "]")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def format_problem(path: str, line: int | None, article_id: str | None, message: str) -> str:
    """``path:line: article ID: message``, the shape compilers use, so editors can jump to it."""
    where = f"{path}:{line}" if line is not None else path
    who = f"article {article_id}: " if article_id else ""
    return f"{where}: {who}{message}"


@dataclass(frozen=True, slots=True)
class InputError:
    """An input that could not be read into an article; the batch reports it and goes on.

    ``line`` is the 1-based line of a JSON Lines file (None for a whole file), ``article_id``
    the id when the record got far enough to have one.
    """

    path: str
    line: int | None
    article_id: str | None
    message: str

    def __str__(self) -> str:
        return format_problem(self.path, self.line, self.article_id, self.message)


@dataclass(frozen=True, slots=True)
class SourcedArticle:
    """An article with where it was read from, so later failures can point back at the input."""

    article: Article
    path: str
    line: int | None


def vietnamese_ratio(text: str, sample: int = LANGUAGE_SAMPLE_CHARS) -> tuple[int, float]:
    """(letters, share of them that only Vietnamese uses) over the first ``sample`` characters.

    The sample is NFC-normalised for counting only, so decomposed (NFD) input counts the same.
    """
    head = unicodedata.normalize("NFC", text[:sample])
    letters = sum(map(str.isalpha, head))  # four times faster than a regex over the sample
    if not letters:
        return 0, 0.0
    return letters, len(_VIETNAMESE_RE.findall(head)) / letters


def text_problem(text: str, max_chars: int = DEFAULT_MAX_CHARS) -> str | None:
    """Why ``text`` is not an article the extractor should see, or None when it is fine."""
    if len(text) > max_chars:
        return f"article is {len(text):,} characters, over the limit of {max_chars:,}"
    if not text or text.isspace():
        return "empty text"
    letters, ratio = vietnamese_ratio(text)
    if letters >= MIN_LETTERS_TO_JUDGE and ratio < MIN_VIETNAMESE_RATIO:
        return (
            f"does not look like Vietnamese text ({ratio:.1%} of the first {letters:,} letters "
            f"are Vietnamese-specific, expected at least {MIN_VIETNAMESE_RATIO:.0%})"
        )
    return None


def read_articles(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[Article | InputError]:
    """Articles and input errors from files and folders, in input order, lazily."""
    for item in read_sourced(paths, max_chars=max_chars):
        yield item.article if isinstance(item, SourcedArticle) else item


def read_sourced(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[SourcedArticle | InputError]:
    """Like :func:`read_articles`, keeping each article's file and line for error reports.

    Folders are walked recursively in sorted order (hidden entries skipped), taking ``.jsonl``,
    ``.jsonl.gz`` and ``.txt`` files; HTML files there are reported as unsupported, anything else
    is ignored. A file named on its own with another suffix is reported as unsupported.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for given in paths:
        display = os.fspath(given)
        if not display:
            yield InputError("''", None, None, "empty path")
            continue
        path = Path(display)
        if path.is_dir():
            yield from _read_folder(path, max_chars)
        elif not path.exists():
            yield InputError(display, None, None, "no such file or directory")
        else:
            yield from _read_file(path, display, max_chars)


def _read_folder(root: Path, max_chars: int) -> Iterator[SourcedArticle | InputError]:
    """Every input file under ``root``, sorted by relative path (as ``find | sort`` would list
    them, folder by folder), so a folder reads the same way on every machine."""
    walk_errors: list[InputError] = []

    def on_error(err: OSError) -> None:
        walk_errors.append(InputError(err.filename or str(root), None, None, _os_message(err)))

    files: list[tuple[tuple[str, ...], Path]] = []
    for folder, dirnames, filenames in os.walk(root, onerror=on_error):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if not name.startswith(".") and _kind(name) is not None:
                file = Path(folder, name)
                files.append((file.relative_to(root).parts, file))
    files.sort()
    yield from walk_errors
    if not files and not walk_errors:
        yield InputError(os.fspath(root), None, None, f"no input files in folder ({_EXPECTED})")
    for _, file in files:
        yield from _read_file(file, os.fspath(file), max_chars)


def _kind(name: str) -> str | None:
    """``jsonl``, ``text``, ``unsupported:<what>`` or None (not an input) from a file name."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    suffix = os.path.splitext(lower)[1]
    if suffix in _JSONL_SUFFIXES:
        return "jsonl"
    if suffix in _TEXT_SUFFIXES:
        return "text"
    if suffix in _HTML_SUFFIXES:
        return "html"
    if suffix in _UNSUPPORTED_SUFFIXES:
        return "unsupported:" + _UNSUPPORTED_SUFFIXES[suffix]
    return None


def _read_file(path: Path, display: str, max_chars: int) -> Iterator[SourcedArticle | InputError]:
    kind = _kind(path.name)
    if kind is None:
        suffix = "".join(path.suffixes) or "(none)"
        yield InputError(display, None, None, f"unsupported file type {suffix} ({_EXPECTED})")
        return
    if kind.startswith("unsupported:"):
        what = kind.split(":", 1)[1]
        yield InputError(display, None, None, f"{what} input is not supported yet ({_EXPECTED})")
        return
    if kind == "html":
        yield _read_html(path, display, max_chars)
        return
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed below, after the generator is drained
    except OSError as err:
        yield InputError(display, None, None, _os_message(err))
        return
    with raw:
        try:
            stream: BinaryIO = raw
            if raw.peek(2)[:2] == _GZIP_MAGIC:
                stream = gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[assignment]
            if kind == "jsonl":
                yield from _read_jsonl(stream, display, max_chars)
            else:
                yield from _read_text(stream, display, _text_id(path.name), max_chars)
        except (OSError, EOFError, zlib.error) as err:
            yield InputError(display, None, None, f"cannot read file: {_os_message(err)}")


def _text_id(name: str) -> str:
    lower = name.lower()
    if lower.endswith(".gz"):
        name = name[:-3]
    return os.path.splitext(name)[0]


def _os_message(err: BaseException) -> str:
    if isinstance(err, OSError) and err.strerror:
        return err.strerror[0].lower() + err.strerror[1:]
    return str(err) or type(err).__name__


def _peek(stream: BinaryIO, n: int) -> bytes:
    peek = getattr(stream, "peek", None)
    if peek is None:  # pragma: no cover - open() and GzipFile both have peek()
        raise TypeError("stream cannot peek")
    return bytes(peek(n)[:n])


# --- JSON Lines -------------------------------------------------------------------------------


def _read_jsonl(
    stream: BinaryIO, display: str, max_chars: int
) -> Iterator[SourcedArticle | InputError]:
    """One article per non-blank line. JSON Lines is UTF-8; a UTF-16 file with a BOM is accepted."""
    head = _peek(stream, 4)
    if not head:
        yield InputError(display, None, None, "empty file")
        return
    if head[:2] in _UTF16_BOMS:
        lines: Iterator[tuple[int, str | None, str | None]] = _utf16_lines(stream, max_chars)
    else:
        lines = _utf8_lines(stream, max_chars)
    seen = lineno = 0
    try:
        for lineno, text, problem in lines:
            if problem is not None:
                if problem == _BINARY and seen == 0:
                    # Nothing readable so far: this is not a text file at all, so one error for
                    # the file rather than one per "line" of random bytes.
                    yield InputError(display, None, None, _BINARY)
                    return
                yield InputError(display, lineno, None, problem)
                seen += 1
                continue
            assert text is not None
            if not text or text.isspace():
                continue
            seen += 1
            yield _record(text, display, lineno, max_chars)
    except (OSError, EOFError, zlib.error) as err:  # a truncated or corrupt gzip stream
        yield InputError(display, lineno + 1, None, f"cannot read file: {_os_message(err)}")
        return
    if seen == 0:
        yield InputError(display, None, None, "empty file (no JSON lines)")


def _max_line_bytes(max_chars: int) -> int:
    # The most bytes a JSON line can take for a text of max_chars characters: every character
    # written as a surrogate-pair escape (12 bytes), plus room for the other fields. A longer line
    # is over the limit whatever it holds, so it is skipped without being kept in memory.
    return 12 * max_chars + (1 << 16)


def _utf8_lines(stream: BinaryIO, max_chars: int) -> Iterator[tuple[int, str | None, str | None]]:
    """(line number, decoded line or None, problem or None) for each physical line."""
    cap = _max_line_bytes(max_chars)
    lineno = 0
    while True:
        data = stream.readline(cap)
        if not data:
            return
        lineno += 1
        if lineno == 1 and data.startswith(_UTF8_BOM):
            data = data[len(_UTF8_BOM) :]
        if len(data) == cap and not data.endswith(b"\n"):
            total = len(data)
            del data
            while True:  # skip the rest of the line in bounded chunks
                more = stream.readline(_READ_CHUNK)
                total += len(more)
                if not more or more.endswith(b"\n"):
                    break
            yield (
                lineno,
                None,
                (
                    f"line is {total:,} bytes, too long for an article of at most "
                    f"{max_chars:,} characters"
                ),
            )
            continue
        if b"\x00" in data:
            yield lineno, None, _BINARY
            continue
        try:
            line = data.decode("utf-8")
        except UnicodeDecodeError:
            yield lineno, None, _BINARY
            continue
        del data  # do not keep the bytes alongside the decoded line while it is parsed
        yield lineno, line, None


def _utf16_lines(stream: BinaryIO, max_chars: int) -> Iterator[tuple[int, str | None, str | None]]:
    cap = _max_line_bytes(max_chars)
    text = io.TextIOWrapper(stream, encoding="utf-16", errors="strict", newline="")
    lineno = 0
    try:
        while True:
            line = text.readline(cap)
            if not line:
                return
            lineno += 1
            if len(line) == cap and not line.endswith("\n"):
                while (more := text.readline(_READ_CHUNK)) and not more.endswith("\n"):
                    pass
                yield (
                    lineno,
                    None,
                    f"line too long for an article of at most {max_chars:,} characters",
                )
                continue
            yield lineno, line, None
    except UnicodeDecodeError:
        yield lineno + 1, None, _BINARY
    finally:
        text.detach()


def _json_kind(value: object) -> str:
    return {
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
    }.get(type(value), "null" if value is None else type(value).__name__)


def _record(line: str, display: str, lineno: int, max_chars: int) -> SourcedArticle | InputError:
    """Validate one JSON line into an article, or say precisely what is wrong with it."""

    def error(message: str, article_id: str | None = None) -> InputError:
        return InputError(display, lineno, article_id, message)

    try:
        obj = json.loads(line)
    except json.JSONDecodeError as err:
        # The column in the line, not json's line/column: the end of line is not a position.
        end = len(line) - (2 if line.endswith("\r\n") else 1 if line.endswith("\n") else 0)
        return error(
            f"invalid JSON: {err.msg.removesuffix(' at')} (column {min(err.pos, end) + 1})"
        )
    except RecursionError:
        return error("invalid JSON: nested too deeply")
    if not isinstance(obj, dict):
        return error(f"expected a JSON object, got {_json_kind(obj)}")

    raw_id = obj.get("id")
    if raw_id is None:
        return error('missing "id"')
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)) or not str(raw_id).strip():
        return error(f'"id" must be a non-empty string, got {_json_kind(raw_id)}')
    article_id = str(raw_id)

    text = obj.get("text")
    if text is None:
        return error('missing "text"', article_id)
    if not isinstance(text, str):
        return error(f'"text" must be a string, got {_json_kind(text)}', article_id)
    problem = text_problem(text, max_chars)
    if problem is not None:
        return error(problem, article_id)

    published = obj.get("published")
    if published == "":
        published = None
    if published is not None:
        try:
            if not isinstance(published, str) or not _DATE_RE.fullmatch(published):
                raise ValueError
            published = dt.date.fromisoformat(published)
        except ValueError:
            shown = json.dumps(published, ensure_ascii=False)
            return error(f'bad "published" date {shown} (expected YYYY-MM-DD or null)', article_id)

    fields = {**obj, "id": article_id, "text": text, "published": published}
    try:
        article = Article.model_validate(fields)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        return error(f'bad "{where}": {first["msg"]}', article_id)
    return SourcedArticle(article, display, lineno)


# --- saved web pages ---------------------------------------------------------------------------


def _read_html(path: Path, display: str, max_chars: int) -> SourcedArticle | InputError:
    """A saved article page, read as a loader reads a fetched one (encodings, selectors or main
    text). The loader whose ``match`` fits the file's path or the page's canonical URL gives the
    selectors and the province."""
    from .fetch.encoding import UndecodableError, decode
    from .fetch.page import PageError, parse_article
    from .sources import ArticleRules, source_for

    article_id = _text_id(path.name)
    try:
        size = path.stat().st_size
        if size > _MAX_HTML_BYTES:
            return InputError(display, None, article_id, f"page is {size / 1048576:.1f} MB, over the limit of "
                                                         f"{_MAX_HTML_BYTES / 1048576:.0f} MB")
        raw = path.read_bytes()
    except OSError as err:
        return InputError(display, None, article_id, _os_message(err))
    if not raw.strip():
        return InputError(display, None, article_id, "empty file")
    source = source_for(display)
    try:
        page = parse_article(decode(raw).text, path.resolve().as_uri(), source.article if source else ArticleRules())
    except (UndecodableError, PageError) as err:
        return InputError(display, None, article_id, str(err))
    problem = text_problem(page.text, max_chars)
    if problem is not None:
        return InputError(display, None, article_id, problem)
    url = page.canonical_url if page.canonical_url.startswith("http") else None
    source = source or source_for(url)
    article = Article(id=article_id, text=page.text, source=display, title=page.title, published=page.published,
                      url=url, province_hint=source.province if source else None)
    return SourcedArticle(article, display, None)


# --- plain text -------------------------------------------------------------------------------


def _read_text(
    stream: BinaryIO, display: str, article_id: str, max_chars: int
) -> Iterator[SourcedArticle | InputError]:
    """The whole file is one article. Decoded in chunks so that an oversized or binary file is
    rejected without ever being held in memory whole."""
    head = _peek(stream, 4)
    if not head:
        yield InputError(display, None, article_id, "empty file")
        return
    if head[:2] in _UTF16_BOMS:
        encoding = "utf-16"  # the codec reads the BOM and drops it
    elif head.startswith(_UTF8_BOM):
        encoding = "utf-8-sig"
    else:
        encoding = "utf-8"
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    pieces: list[str] = []
    count = 0
    while True:
        chunk = stream.read(_READ_CHUNK)
        try:
            if encoding != "utf-16" and b"\x00" in chunk:
                raise ValueError
            piece = decoder.decode(chunk, final=not chunk)
            if "\x00" in piece:
                raise ValueError
        except ValueError:  # UnicodeDecodeError is a ValueError
            yield InputError(display, None, article_id, _BINARY)
            return
        count += len(piece)
        if count <= max_chars:
            pieces.append(piece)
        elif pieces:
            pieces.clear()
        if not chunk:
            break
    if count > max_chars:
        message = f"article is {count:,} characters, over the limit of {max_chars:,}"
        yield InputError(display, None, article_id, message)
        return
    text = "".join(pieces)
    problem = text_problem(text, max_chars)
    if problem is not None:
        yield InputError(display, None, article_id, problem)
        return
    yield SourcedArticle(Article(id=article_id, text=text, source=display), display, None)
