"""Rows a legacy .xls workbook hides, read from its BIFF records: calamine reads every row alike.

An Excel 97-2003 workbook is an OLE2 compound file whose ``Workbook`` stream (``Book`` in Excel 5/95 files) is a
run of records: a BOUNDSHEET record names each sheet and says where its records start; among a sheet's records, a
ROW record whose option flags carry fDyZero (0x20) is a row Excel does not show (Hide, a collapsed group, a
filter), and a FILTERMODE record says a filter is set. The file numbers rows from 0; Excel shows them from 1.
"""

from __future__ import annotations

import struct
from pathlib import Path

import olefile

from screener.io.formulas import HiddenRows

BOF, EOF, BOUNDSHEET, ROW, FILTERMODE = 0x0809, 0x000A, 0x0085, 0x0208, 0x009B
ROW_HIDDEN = 0x20  # fDyZero in the ROW record's option flags (its 7th 16-bit field)
STREAMS = ("Workbook", "Book")  # BIFF8, then BIFF5


def xls_hidden_rows(path: Path) -> dict[str, HiddenRows]:
    """Sheet name -> the rows it hides (as Excel numbers them) and whether a filter is set. Empty when the
    container or its records cannot be followed: the reader has read the cells already, and says what it
    could not."""
    try:
        with olefile.OleFileIO(str(path)) as ole:
            stream = next((name for name in STREAMS if ole.exists(name)), None)
            if stream is None:
                return {}
            data = ole.openstream(stream).read()
            return {name: _sheet_rows(data, start) for name, start in _sheets(data, stream == "Workbook")}
    except (
        OSError,
        ValueError,
        struct.error,
        IndexError,
        UnicodeDecodeError,
    ):  # olefile's errors are OSError
        return {}


def _records(data: bytes, position: int):
    """(record type, body, position of the next record) from ``position`` to the end of the stream."""
    while position + 4 <= len(data):
        kind, size = struct.unpack_from("<HH", data, position)
        body = data[position + 4 : position + 4 + size]
        position += 4 + size
        yield kind, body, position


def _sheets(data: bytes, biff8: bool) -> list[tuple[str, int]]:
    """(sheet name, where its BOF record starts) from the workbook globals' BOUNDSHEET records."""
    found = []
    for kind, body, _ in _records(data, 0):
        if kind == EOF:
            break
        if kind == BOUNDSHEET and len(body) >= 7:
            start, length = struct.unpack_from("<I", body)[0], body[6]
            if biff8 and len(body) >= 8 and body[7] & 1:  # ShortXLUnicodeString: UTF-16 characters
                name = body[8 : 8 + 2 * length].decode("utf-16-le")
            elif biff8:
                name = body[8 : 8 + length].decode("latin-1")
            else:
                name = body[7 : 7 + length].decode("cp1252", errors="replace")
            found.append((name, start))
    return found


def _sheet_rows(data: bytes, start: int) -> HiddenRows:
    """The hidden rows and the filter of the sheet whose records start at ``start`` (embedded chart records,
    each between a BOF and its EOF, are passed over)."""
    found = HiddenRows()
    depth = 0
    for kind, body, _ in _records(data, start):
        if kind == BOF:
            depth += 1
        elif kind == EOF:
            depth -= 1
            if depth <= 0:
                break
        elif depth == 1 and kind == ROW and len(body) >= 14:
            row, flags = struct.unpack_from("<H", body)[0], struct.unpack_from("<H", body, 12)[0]
            if flags & ROW_HIDDEN:
                found.rows.append(row + 1)
        elif depth == 1 and kind == FILTERMODE:
            found.filtered = True
    return found
