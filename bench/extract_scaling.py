"""Is extraction time linear in the text? Prints figures, never asserts.

    .venv/bin/python bench/extract_scaling.py [--runs N] [--sizes 10,100,500,2000] [--kinds …]
                                              [--budget SECONDS]

Adversarial articles of each kind, built at each size (thousands of characters), are extracted
in this process through :func:`org_graph.extract.extract`, N times, median reported as
milliseconds per 1,000 characters; the last column is the ratio of that figure at the largest
size to the smallest (1.0 is linear; a quadratic step doubles it with every doubling of the text):

- ``titles``: ``Chủ tịch UBND tỉnh Cà Mau Huỳnh Quốc Việt, `` … repeated, one sentence;
- ``bare titles``: ``Chủ tịch UBND tỉnh`` repeated (issue 10's 1.9M-character article);
- ``documents``: ``Nghị quyết số 28-NQ/TW ngày 25/10/2013 của Ban Chấp hành Trung ương Đảng; ``
  repeated, with varied numbers;
- ``attendees``: ``Đến dự có đồng chí Nguyễn Văn An, Bí thư Tỉnh ủy; đồng chí …`` with varied
  names and titles, one sentence;
- ``one sentence``: the real dev articles with every sentence end turned into a comma;
- ``paragraphs``: the real dev articles, one after the other, paragraph by paragraph.

Once a size of a kind takes longer than ``--budget`` seconds (a run of the code before issue 10
would take hours), the larger sizes of that kind are skipped and shown as ``–``; the ratio is
then that of the largest size measured. ``--no-gc`` collects before each run and switches the
cyclic garbage collector off during it: what growth is left is the extractor's own (with the
collector on, a big article pays for full collections a small one never triggers).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import re
import statistics
import sys
import time
from pathlib import Path

from _table import print_table  # bench/ is on sys.path when a bench runs

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "articles.jsonl"
DEFAULT_SIZES = (10, 100, 500, 2000)

_SURNAMES = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý".split()
_MIDDLE = "Văn Thị Minh Quốc Thanh Hữu Đức Công Ngọc Xuân".split()
_GIVEN = ("An Bình Cường Dũng Hải Hùng Khoa Lâm Long Nam Phong Quang Tâm Thắng Tuấn Việt Hiếu "
          "Khánh Lộc Phúc").split()
_TITLES = ["Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh", "Phó Chủ tịch HĐND tỉnh", "Giám đốc Sở Y tế",
           "Trưởng Ban Tuyên giáo Tỉnh ủy", "Phó Bí thư Thường trực Tỉnh ủy"]
_DOC_TYPES = [("Nghị quyết", "NQ/TW"), ("Chỉ thị", "CT/TW"), ("Kết luận", "KL/TW"),
              ("Quyết định", "QĐ-TTg")]


def _name(k: int) -> str:
    """The k-th of 64,000 distinct four-syllable names."""
    s, k = _SURNAMES[k % len(_SURNAMES)], k // len(_SURNAMES)
    m, k = _MIDDLE[k % len(_MIDDLE)], k // len(_MIDDLE)
    g1, k = _GIVEN[k % len(_GIVEN)], k // len(_GIVEN)
    g2 = _GIVEN[k % len(_GIVEN)]
    return f"{s} {m} {g1} {g2}"


def _repeat(unit, size: int, head: str = "") -> str:
    """``head`` then ``unit(0)``, ``unit(1)`` … up to ``size`` characters."""
    parts, n, k = [head], len(head), 0
    while n < size:
        piece = unit(k)
        parts.append(piece)
        n += len(piece)
        k += 1
    return "".join(parts)[:size]


def _real_texts(corpus: Path) -> list[str]:
    with open(corpus, encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in handle if line.strip()]


def build(kind: str, size: int, texts: list[str]) -> str:
    if kind == "titles":
        return _repeat(lambda k: "Chủ tịch UBND tỉnh Cà Mau Huỳnh Quốc Việt, ", size)
    if kind == "bare titles":
        return _repeat(lambda k: "Chủ tịch UBND tỉnh ", size)
    if kind == "documents":
        return _repeat(
            lambda k: f"{_DOC_TYPES[k % 4][0]} số {k % 997 + 1}-{_DOC_TYPES[k % 4][1]} ngày "
            f"{k % 28 + 1}/{k % 12 + 1}/{2000 + k % 25} của Ban Chấp hành Trung ương Đảng; ",
            size, "Tỉnh ủy Cà Mau quán triệt ")
    if kind == "attendees":
        return _repeat(lambda k: f"đồng chí {_name(k)}, {_TITLES[k % len(_TITLES)]}; ", size,
                       "Sáng 7/1/2022, Tỉnh ủy Cà Mau tổ chức Hội nghị tổng kết. Đến dự có ")
    if kind == "lists":
        # Frames and lists of holders in one sentence: each title's list ends at the next frame.
        return _repeat(
            lambda k: f"bầu bổ sung chức danh Ủy viên UBND tỉnh đối với các ông: {_name(2 * k)} - "
            f"Giám đốc Sở Tài chính; {_name(2 * k + 1)} - Giám đốc Sở Y tế; 3 Phó Chủ tịch HĐND tỉnh "
            f"là các ông: {_name(3 * k)}, {_name(3 * k + 1)} và {_name(3 * k + 2)}; ",
            size, "Ngày 5/6/2021, HĐND tỉnh Cà Mau họp: ")
    if kind == "one sentence":
        flat = [re.sub(r"[.!?…]+(\s)", r",\1", t).replace("\n", " ") for t in texts]
        return _repeat(lambda k: flat[k % len(flat)] + ", ", size)
    if kind == "paragraphs":
        return _repeat(lambda k: texts[k % len(texts)] + "\n\n", size)
    raise ValueError(kind)


KINDS = ("titles", "bare titles", "documents", "attendees", "lists", "one sentence", "paragraphs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per size (median reported)")
    parser.add_argument(
        "--sizes", default=",".join(map(str, DEFAULT_SIZES)),
        help="text sizes in thousands of characters, comma-separated",
    )
    parser.add_argument("--kinds", default=",".join(KINDS), help="kinds to run, comma-separated")
    parser.add_argument(
        "--budget", type=float, default=60.0,
        help="skip the larger sizes of a kind once one run takes longer than this (seconds)",
    )
    parser.add_argument("--no-gc", action="store_true",
                        help="no cyclic garbage collection during a run (collected before each)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="real articles for the 'one sentence' and 'paragraphs' kinds")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    kinds = [k.strip() for k in args.kinds.split(",")]
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise SystemExit(f"unknown kind(s): {', '.join(unknown)} (known: {', '.join(KINDS)})")
    if not args.corpus.is_file():
        raise SystemExit(f"{args.corpus}: not found (give --corpus)")

    from org_graph.extract import extract
    from org_graph.model import Article

    texts = _real_texts(args.corpus)
    extract(Article(id="warm-up", text=texts[0], published=dt.date(2022, 1, 7)))  # gazetteers

    print(
        f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; "
        f"{args.runs} run(s) per size, median ms per 1,000 characters "
        f"(sizes in thousands of characters){'; no cyclic GC during runs' if args.no_gc else ''}\n"
    )
    header = ("kind", *(f"{s:,}k" for s in sizes), f"{sizes[-1]:,}k / {sizes[0]:,}k",
              "s, largest run")
    rows = []
    for kind in kinds:
        cells: list[str] = []
        per_k: dict[int, float] = {}
        over = False
        for size in sizes:
            if over:
                cells.append("–")
                continue
            text = build(kind, size * 1000, texts)
            article = Article(id=f"{kind}-{size}k", text=text, published=dt.date(2022, 1, 7))
            times = []
            for _ in range(args.runs):
                if args.no_gc:
                    gc.collect()
                    gc.disable()
                started = time.perf_counter()
                try:
                    extract(article)
                finally:
                    times.append(time.perf_counter() - started)
                    gc.enable()
                if times[-1] > args.budget:
                    over = True
                    break
            seconds = statistics.median(times)
            per_k[size] = seconds * 1000 / (len(text) / 1000)
            cells.append(f"{per_k[size]:.2f}")
        largest = max(per_k)
        ratio = f"{per_k[largest] / per_k[sizes[0]]:.2f}"
        if largest != sizes[-1]:
            ratio += f" (at {largest:,}k)"
        rows.append((kind, *cells, ratio, f"{seconds:.1f}"))  # seconds at the largest size run
        print(f"{kind}: done", file=sys.stderr, flush=True)
    print_table(header, rows)


if __name__ == "__main__":
    main()
