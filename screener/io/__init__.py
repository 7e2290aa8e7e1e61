"""Reading supplier files as they really are: format sniffing, sheet and header-row detection, column mapping.

Public API: :func:`read_suppliers` -> :class:`SupplierRead`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from screener.contracts import InputInfo, ReadLimits, SupplierRead

__all__ = ["InputInfo", "ReadLimits", "SupplierRead", "decoding_warnings", "read_suppliers"]


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


def read_suppliers(paths: Sequence[str | Path], limits: ReadLimits | None = None) -> SupplierRead:
    """Read one or more supplier files (xlsx/xlsm, xls, ods, csv/tsv/txt) into one supplier frame.

    row_id runs 1.. across all files in order. Rows without a usable supplier name and totals rows go to
    ``rejected`` with a reason; every value is text. Bad input raises one :class:`~screener.errors.InputFileError`
    naming the file and the fix. ``inputs`` has one entry per file and sheet read.
    """
    from screener.io.reader import read_suppliers as _read

    return _read(paths, limits or ReadLimits())
