"""Find the header row of a supplier table: often not row 1 (title block, export date, blank lines above it).

Each of the first rows is scored by how many canonical fields its cells map to (and how well); the best row wins,
the earliest on a tie. A two-row header ("Supplier" merged over "Name | Country", or "Vendor ID" merged down over
two rows) is read as one when combining the row with the one above maps strictly better than the row alone.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from screener.io.columns import ColumnMap, map_columns, normalize_header
from screener.schema import NAME

SCAN_ROWS = 30
TWO_ROW_MARGIN = 0.05


@dataclass
class HeaderChoice:
    """Where the header is in a grid (0-based first row, 1 or 2 rows), its labels per column, and the mapping."""

    start: int
    rows: int
    labels: list[str | None]
    mapping: ColumnMap
    alternatives: list[list[str]] = field(default_factory=list)  # the labels each column was judged by

    @property
    def data_start(self) -> int:
        return self.start + self.rows


def clean(cell: str | None) -> str | None:
    """A header cell's text, or None when blank."""
    if cell is None:
        return None
    text = " ".join(str(cell).split())
    if not text.isascii():  # a zero-width space or byte-order mark inside a header is not part of its words
        text = " ".join("".join(ch for ch in text if unicodedata.category(ch) != "Cf").split())
    return text or None


def detect_header(rows: list[list[str | None]]) -> HeaderChoice | None:
    """The best header among the first rows, preferring one that maps a supplier-name column; None if all blank."""
    best: HeaderChoice | None = None
    for index, row in enumerate(rows[:SCAN_ROWS]):
        lower = [clean(cell) for cell in row]
        if not any(lower):
            continue
        single = [[x] if x else [] for x in lower]
        candidate = HeaderChoice(index, 1, lower, map_columns(single), single)
        # The lower row of a two-row header is a header itself (it maps something), never a data row.
        if index > 0 and candidate.mapping.columns and any(clean(cell) for cell in rows[index - 1]):
            two_row = _two_row_header(index, [clean(cell) for cell in rows[index - 1]], lower)
            if two_row.mapping.score > candidate.mapping.score + TWO_ROW_MARGIN:
                candidate = two_row
        if best is None or _rank(candidate) > _rank(best):
            best = candidate
    return best


def _rank(choice: HeaderChoice) -> tuple[bool, float]:
    return choice.mapping.has_name, choice.mapping.score


def _two_row_header(index: int, upper: list[str | None], lower: list[str | None]) -> HeaderChoice:
    """Combine a group row with the row below: a merged group label spans the columns to its right."""
    width = max(len(upper), len(lower))
    upper = upper + [None] * (width - len(upper))
    lower = lower + [None] * (width - len(lower))
    spanning: list[str | None] = []
    for col in range(width):
        if upper[col]:
            spanning.append(upper[col])
        elif lower[col] and col > 0:
            spanning.append(spanning[col - 1])
        else:
            spanning.append(None)
    labels = [_combined(upper[c], spanning[c], lower[c]) for c in range(width)]
    alternatives = [[x for x in (lower[c], labels[c]) if x] for c in range(width)]
    return HeaderChoice(index - 1, 2, labels, map_columns(alternatives), alternatives)


def _combined(upper: str | None, spanning: str | None, lower: str | None) -> str | None:
    if not lower:
        return upper  # a cell merged down over both rows: "Vendor ID"
    if not spanning or normalize_header(lower).startswith(normalize_header(spanning)):
        return lower
    return f"{spanning} {lower}"


def check_name_values(header: HeaderChoice, sample: list[list[str | None]]) -> HeaderChoice:
    """Re-map when the chosen name column holds no names (mostly values without a letter, such as SAP vendor
    numbers under "Vendor"): the next-best column takes the name field, if there is one."""
    forbidden: set[tuple[int, str]] = set()
    while header.mapping.has_name:
        col = header.mapping.columns[NAME]
        values = [row[col].strip() for row in sample if col < len(row) and row[col] and row[col].strip()]
        with_letter = sum(1 for v in values if any(ch.isalpha() for ch in v))
        if len(values) < 3 or with_letter >= len(values) / 2:
            return header
        forbidden.add((col, NAME))
        remapped = map_columns(header.alternatives, frozenset(forbidden))
        if not remapped.has_name:
            return header  # no other candidate: keep it; its rows are rejected with the reason
        header = HeaderChoice(header.start, header.rows, header.labels, remapped, header.alternatives)
    return header
