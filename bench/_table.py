"""What every benchmark here shares: a plain-text table of figures."""
from __future__ import annotations


def print_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """First column left-aligned, figures right-aligned, a dashed rule under the header."""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print(
            "  ".join(
                str(cell).ljust(w) if i == 0 else str(cell).rjust(w)
                for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            )
        )
