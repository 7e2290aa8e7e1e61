"""Reading supplier files as they really are: format sniffing, sheet and header-row detection, column mapping.

Public API: :func:`read_suppliers` -> :class:`SupplierRead`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl


@dataclass(frozen=True)
class ReadLimits:
    """Guards checked before a file is loaded, so a hostile or huge file cannot exhaust the machine."""

    max_rows: int = 2_000_000
    max_file_bytes: int = 1_000_000_000
    max_uncompressed_bytes: int = (
        2_000_000_000  # xlsx is a zip: checked from the zip directory before reading
    )


@dataclass
class InputInfo:
    """What was read from one input file: for the report's Method sheet and the run manifest."""

    path: str
    sha256: str
    sheet: str | None
    header_row: int | None  # the Excel row number of the header
    column_map: dict[str, str] = field(default_factory=dict)  # canonical field -> input header
    rows_read: int = 0
    rows_rejected: int = 0


@dataclass
class SupplierRead:
    """Suppliers (schema.ROW_ID, SOURCE_*, canonical fields, then every input column) and rejected rows."""

    suppliers: pl.DataFrame
    rejected: pl.DataFrame
    inputs: list[InputInfo]


def read_suppliers(paths: Sequence[str | Path], limits: ReadLimits | None = None) -> SupplierRead:
    """Read one or more supplier files (xlsx, csv) into one supplier frame; row_id runs across all files."""
    from screener.io.reader import read_suppliers as _read

    return _read(paths, limits or ReadLimits())
