"""Shared fixtures: the real corpus in ``../shared`` and helpers to build bad inputs from it.

The corpus is read where it lives (it is not ours to copy into the repository); set
``ORG_GRAPH_SHARED`` to use another copy.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"

SHARED = Path(
    os.environ.get("ORG_GRAPH_SHARED") or Path(__file__).resolve().parents[1].parent / "shared"
)

#: Plain English news prose, long enough for the language check to judge it.
ENGLISH_TEXT = (
    "The provincial committee met on Tuesday to review the budget for the coming year. "
    "Members discussed road building, school repairs and the hospital that opened last spring. "
    "The chairman said the plan would be put to a vote at the next session, after a public "
    "consultation that will run until the end of the month."
)


@pytest.fixture(scope="session")
def english_text() -> str:
    return ENGLISH_TEXT


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "corpus" / "articles.jsonl").is_file():
        pytest.skip(f"shared corpus not found at {SHARED} (set ORG_GRAPH_SHARED)")
    return SHARED


@pytest.fixture(scope="session")
def corpus_path(shared_dir: Path) -> Path:
    """The 92 development articles, one JSON object per line."""
    return shared_dir / "corpus" / "articles.jsonl"


@pytest.fixture(scope="session")
def bench_gz(shared_dir: Path) -> Path:
    path = shared_dir / "corpus" / "bench" / "dantri-unc-2653.jsonl.gz"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    return path


@pytest.fixture(scope="session")
def real_lines(corpus_path: Path) -> list[str]:
    """The raw lines of articles.jsonl, exactly as in the file (without the newline)."""
    return corpus_path.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="session")
def real_records(real_lines: list[str]) -> list[dict]:
    return [json.loads(line) for line in real_lines]


@pytest.fixture(scope="session")
def huge_text(real_records: list[dict]) -> str:
    """Over 10 MB of real Vietnamese text: one article repeated."""
    text = real_records[0]["text"] + "\n\n"
    return text * (10_000_000 // len(text) + 1)


@pytest.fixture
def write_jsonl(tmp_path: Path) -> Callable[[str, list[str]], Path]:
    """Write lines (already JSON or deliberately not) to ``tmp_path/name``."""

    def write(name: str, lines: list[str]) -> Path:
        path = tmp_path / name
        path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        return path

    return write
