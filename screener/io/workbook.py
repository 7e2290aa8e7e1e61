"""Reading workbook sheets (xlsx/xlsm/xlsb, xls, ods) as text grids with calamine (fastexcel).

Every cell is read as text, so IDs keep leading zeros and are never turned into floats; formula cells give their
cached value (the value Excel last computed and saved). Each sheet is parsed once: calamine reads a whole sheet
anyway, so header detection looks at the first rows of the grid already in memory.
"""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path
from xml.etree.ElementTree import ParseError

import fastexcel
import polars as pl

from screener.contracts import ReadLimits
from screener.errors import InputFileError
from screener.io.grid import LINE, Grid, frame_of_rows, positional
from screener.io.ods_text import untyped_text_sheets
from screener.io.sniff import SAVE_AS_XLSX, too_many_columns, too_many_rows
from screener.io.xls_rows import xls_hidden_rows

# calamine logs through Python's logging (pyo3-log); with no handler set, Python prints its warnings bare on stderr
# ("'chartsheet' not a valid worksheet" for a chart sheet, which is simply not a table). What it cannot read is
# said by this module's own errors and by the sheets listed as not read, so its log is not the officer's.
logging.getLogger("calamine").addHandler(logging.NullHandler())

KIND_NAMES = {
    "xlsx": "an Excel workbook",
    "xls": "a legacy Excel (.xls) workbook",
    "ods": "an OpenDocument spreadsheet",
}


def read_workbook(path: Path, shown: str, kind: str, limits: ReadLimits) -> list[Grid]:
    """Every sheet of the workbook as a grid whose ``__line`` is the Excel row number."""
    try:
        reader = fastexcel.read_excel(str(path))
        names = list(reader.sheet_names)
    except fastexcel.FastExcelError as exc:
        raise _unreadable(shown, kind, exc) from exc
    except BaseException as exc:
        raise _unreadable(shown, kind, _panic(exc)) from exc
    grids = [_read_sheet(reader, index, name, shown, kind, limits) for index, name in enumerate(names)]
    if kind == "xls":
        return _with_hidden_xls_rows(path, grids)
    return _with_untyped_ods_cells(path, shown, grids, limits) if kind == "ods" else grids


def _with_hidden_xls_rows(path: Path, grids: list[Grid]) -> list[Grid]:
    """Every sheet of a legacy .xls learns the rows it hides (from its BIFF ROW records: calamine reads them all)."""
    hidden = xls_hidden_rows(path)
    for grid in grids:
        found = hidden.get(grid.sheet or "")
        if found is not None:
            grid.hidden_rows, grid.hidden_by_filter = found.rows, found.filtered
    return grids


def _with_untyped_ods_cells(path: Path, shown: str, grids: list[Grid], limits: ReadLimits) -> list[Grid]:
    """An .ods sheet holding text cells without a value type (which calamine reads as empty) read again from
    its content.xml, so nothing LibreOffice shows is lost; every sheet learns the rows it hides."""
    hidden: dict[str, tuple[list[int], bool]] = {}
    try:
        found = untyped_text_sheets(path, hidden)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, ParseError) as exc:
        raise _unreadable(shown, "ods", exc) from exc
    for grid in grids:
        grid.hidden_rows, grid.hidden_by_filter = hidden.get(grid.sheet or "", ([], False))
        rows = found.get(grid.sheet)
        if rows is None:
            continue
        grid.frame = frame_of_rows(rows, shown, limits, grid.sheet)
    return grids


def _read_sheet(
    reader: fastexcel.ExcelReader, index: int, name: str, shown: str, kind: str, limits: ReadLimits
) -> Grid:
    try:
        # header_row=None + skip_rows=0: no header, and leading blank rows kept, so row i is Excel row i + 1.
        sheet = reader.load_sheet(index, header_row=None, skip_rows=0, dtypes="string")
        if sheet.height > limits.max_rows:
            raise too_many_rows(shown, sheet.height, limits, name)
        if sheet.width > limits.max_columns:
            raise too_many_columns(shown, sheet.width, limits, name)
        frame = positional(sheet.to_polars())
    except fastexcel.FastExcelError as exc:
        raise _unreadable(shown, kind, exc, sheet=name) from exc
    except BaseException as exc:
        raise _unreadable(shown, kind, _panic(exc), sheet=name) from exc
    frame = frame.with_columns(pl.int_range(1, pl.len() + 1, dtype=pl.Int64).alias(LINE))
    return Grid(frame, sheet=name, visible=str(sheet.visible) == "visible")


def _panic(exc: BaseException) -> BaseException:
    """calamine panics on some damaged files; pyo3 raises that as PanicException (a BaseException): a bad file,
    not a bug of ours. Anything else (KeyboardInterrupt, ...) goes on up."""
    if type(exc).__name__ != "PanicException":
        raise exc
    return exc


def _unreadable(shown: str, kind: str, exc: Exception, sheet: str | None = None) -> InputFileError:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    where = f"'{shown}'" + (f" sheet '{sheet}'" if sheet else "")
    if "password" in text.lower() or "encrypt" in text.lower():
        return InputFileError(
            f"{where} is password-protected (encrypted) and cannot be read.",
            hint="Open it in Excel, remove the password and save again, then run again.",
        )
    return InputFileError(
        f"{where} could not be read as {KIND_NAMES.get(kind, 'a workbook')}: {text}.",
        hint=f"The file may be damaged. {SAVE_AS_XLSX}",
    )
