"""A sheet or text table as read, before the header is known: positional text columns plus the row number.

Columns are ``c0``, ``c1``... (String); ``__line`` is the row number a person sees: the Excel row, or the csv
record number (header = 1), which is the row Excel shows when it opens the csv, whatever line breaks quoted fields
hold. Every reader (workbook, csv) produces grids; header detection and mapping work on grids.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from screener.contracts import ReadLimits
from screener.io.header import SCAN_ROWS, clean
from screener.io.sniff import too_many_columns, too_many_rows

LINE = "__line"


@dataclass
class Grid:
    """One table of cells as text; ``sheet`` is None for csv."""

    frame: pl.DataFrame
    sheet: str | None
    visible: bool = True
    hidden_rows: list[int] | None = None  # rows the sheet hides, where the reader of its format knows (ods)
    hidden_by_filter: bool = False

    @property
    def cell_columns(self) -> list[str]:
        return [name for name in self.frame.columns if name != LINE]

    def head_rows(self, n: int, offset: int = 0) -> list[list[str | None]]:
        """``n`` rows from ``offset`` as lists of cell text, for header detection (a small read)."""
        return [list(row) for row in self.frame.select(self.cell_columns).slice(offset, n).iter_rows()]

    def first_filled_row(self) -> int:
        """Index of the first row with any cell set: leading blank rows do not use up the header search."""
        if not self.cell_columns or self.frame.height == 0:
            return 0
        filled = pl.any_horizontal(pl.col(c).is_not_null() for c in self.cell_columns)
        found = self.frame.select(filled.arg_true().first()).item()
        return int(found) if found is not None else 0

    @property
    def is_empty(self) -> bool:
        """No cell holds anything but whitespace (a cheap null count first; the text check only if needed)."""
        cells = self.cell_columns
        if self.frame.height == 0 or all(
            self.frame.get_column(c).null_count() == self.frame.height for c in cells
        ):
            return True
        if any(clean(cell) for row in self.head_rows(SCAN_ROWS) for cell in row):
            return False
        blank = pl.all_horizontal(pl.col(c).is_null() | (pl.col(c).str.strip_chars() == "") for c in cells)
        return bool(self.frame.select(blank.all()).item())


def positional(frame: pl.DataFrame) -> pl.DataFrame:
    """Rename whatever columns a reader produced to c0, c1, ... (all String)."""
    return frame.rename({old: f"c{i}" for i, old in enumerate(frame.columns)}).cast(pl.String)


def frame_of_rows(
    rows: list[list[str | None]], shown: str, limits: ReadLimits, sheet: str | None
) -> pl.DataFrame:
    """A grid frame from rows of cell text a reader parsed itself (.ods content.xml, HTML, XML Spreadsheet 2003):
    ragged rows padded, the read limits checked, ``__line`` the row number."""
    width = max((len(row) for row in rows), default=0)
    if len(rows) > limits.max_rows:
        raise too_many_rows(shown, len(rows), limits, sheet)
    if width > limits.max_columns:
        raise too_many_columns(shown, width, limits, sheet)
    columns = {f"c{i}": [row[i] if i < len(row) else None for row in rows] for i in range(max(width, 1))}
    frame = pl.DataFrame(columns, schema=dict.fromkeys(columns, pl.String))
    return frame.with_columns(pl.int_range(1, pl.len() + 1, dtype=pl.Int64).alias(LINE))
