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
    max_columns: int = 16_384  # Excel's width: a wider file is refused before it is loaded
    max_file_bytes: int = 1_000_000_000
    max_uncompressed_bytes: int = (
        2_000_000_000  # xlsx is a zip: checked from the zip directory before reading
    )
    max_compression_ratio: float = (
        100.0  # a zip member expanding more than this is a bomb (Apache POI's default)
    )
    min_ratio_checked_bytes: int = 1_000_000  # small members may compress any amount


@dataclass
class InputInfo:
    """What was read from one input file: for the report's Method sheet and the run manifest."""

    path: str
    sha256: str
    sheet: str | None
    header_row: int | None  # the Excel row number of the header
    column_map: dict[str, str] = field(default_factory=dict)  # canonical field -> input header
    rows_read: int = 0  # data rows that were not blank: rows_read = suppliers + rows_rejected
    rows_rejected: int = 0
    file_format: str = ""  # xlsx / xls / ods / csv, told by content, not extension
    encoding: str | None = None  # csv only
    delimiter: str | None = None  # csv only
    # csv only: bytes not valid in its encoding, each read as U+FFFD (said once as a warning), and the first's line
    invalid_bytes: int = 0
    first_invalid_line: int | None = None
    header_rows: int = 1  # 2 for a merged two-row header starting at header_row
    empty_rows: int = 0  # entirely blank rows below the header: skipped, neither suppliers nor rejected
    skipped_sheets: dict[str, str] = field(
        default_factory=dict
    )  # other sheets of the workbook -> why not read
    column_choices: dict[str, str] = field(
        default_factory=dict
    )  # canonical field -> why this column was taken


def decoding_warnings(inputs: Sequence[InputInfo]) -> list[str]:
    """One sentence per input file holding bytes that are not valid in its encoding: they were read as U+FFFD,
    and a name holding one may have lost a list hit."""
    return [
        f"{info.path}: {info.invalid_bytes:,} byte(s) are not valid {(info.encoding or '').upper()} (first on line "
        f"{info.first_invalid_line}) and were read as \ufffd; names holding one may miss a list hit. Export the "
        "file again as 'CSV UTF-8' or .xlsx."
        for info in inputs
        if info.invalid_bytes
    ]


@dataclass
class SupplierRead:
    """Suppliers (schema.ROW_ID, SOURCE_*, canonical fields, then every input column) and rejected rows."""

    suppliers: pl.DataFrame
    rejected: pl.DataFrame
    inputs: list[InputInfo]


def read_suppliers(paths: Sequence[str | Path], limits: ReadLimits | None = None) -> SupplierRead:
    """Read one or more supplier files (xlsx/xlsm, xls, ods, csv/tsv/txt) into one supplier frame.

    row_id runs 1.. across all files in order. Rows without a usable supplier name and totals rows go to
    ``rejected`` with a reason; every value is text. Bad input raises one :class:`~screener.errors.InputFileError`
    naming the file and the fix. ``inputs`` has one entry per file and sheet read.
    """
    from screener.io.reader import read_suppliers as _read

    return _read(paths, limits or ReadLimits())
