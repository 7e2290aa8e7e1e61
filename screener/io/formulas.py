"""What an xlsx sheet's XML says that calamine's values do not: formulas without a saved value, and merged cells.

calamine reads a formula cell's cached value: what Excel computed when it last saved the file. A workbook written
by a program (openpyxl, a report generator, some ERP exports) holds formulas that were never computed, so their
cells read as empty although Excel shows a value when it opens the file. A merged cell (a supplier's name merged
down over the rows of its plants) holds its value in its top-left cell only, although Excel shows it across.

The sheet XML is scanned as bytes with regular expressions, chunk by chunk (a 100k-row sheet in ~0.2 s; an XML
parse of it took ~10 s), and only for a sheet that needs it.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from screener.io.number_formats import _sheets, xml_unescape

CHUNK = 1 << 20
# A cell with content (not an empty styled <c .../>): calamine's columns start at the first column holding one.
_VALUE_CELL = re.compile(rb'<c\s+r="([A-Z]+)\d+"[^>]*?(?<!/)>')
_VALUE_CELL_IN_A = re.compile(rb'<c\s+r="A\d+"[^>]*?(?<!/)>')
_MERGE = re.compile(rb'<mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
# A cell whose first child is a formula: its reference, the formula text (none for a shared formula's followers),
# and its value element if any. Excel, openpyxl and xlsxwriter write r= first.
_FORMULA_CELL = re.compile(
    rb'<c\s+r="([A-Z]+)(\d+)"[^>/]*>\s*<f\b[^>]*?(?:/>|>(.*?)</f>)\s*(<v\s*/>|<v\b[^>/]*>(.*?)</v>)?', re.S
)


@dataclass
class SheetXml:
    """What the scan found: the first column holding a value (0-based; calamine's column 0), merged ranges as (first row, first
    column, last row, last column) with Excel rows and 0-based columns, and formulas with no saved value by
    (row, column) -> (reference, formula)."""

    first_column: int = 0
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    uncalculated: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)


def scan_sheet(path: Path, sheet: str, formula_rows: Collection[int] = ()) -> SheetXml:
    """Scan one sheet of an xlsx: merged ranges always, formulas with no saved value in ``formula_rows``;
    an empty result when the file is not an xlsx package or has no such sheet."""
    wanted = set(formula_rows)
    found = SheetXml()
    try:
        with _sheet_stream(path, sheet) as stream:
            if stream is not None:
                _scan(stream, wanted, found)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return SheetXml()
    return found


@contextmanager
def _sheet_stream(path: Path, sheet: str) -> Iterator[IO[bytes] | None]:
    """The sheet's XML as a byte stream, decompressed as it is read (None when the package has no such sheet)."""
    with zipfile.ZipFile(path) as package:
        entry = dict(_sheets(package)).get(sheet)
        if entry is None:
            yield None
            return
        with package.open(entry) as stream:
            yield stream


def _scan(stream, wanted: set[int], found: SheetXml) -> None:
    carry = b""
    first_column: int | None = None
    while chunk := stream.read(CHUNK):
        text = carry + chunk
        cut = text.rfind(b"</row>")  # whole rows only: a cell cut between chunks would look uncalculated
        if cut < 0:
            carry = text
            continue
        done, carry = text[: cut + 6], text[cut + 6 :]
        first_column = _first_column(done, first_column)
        _collect(done, wanted, found)
    first_column = _first_column(carry, first_column)
    _collect(carry, wanted, found)
    found.first_column = first_column or 0


def _first_column(text: bytes, so_far: int | None) -> int | None:
    """The least column holding a value, so far; column A is found by one search (the usual case), any other by
    reading every cell's reference."""
    if so_far == 0:
        return 0
    if _VALUE_CELL_IN_A.search(text):
        return 0
    columns = [column_index(letters) for letters in set(_VALUE_CELL.findall(text))]
    return min([*columns, *([so_far] if so_far is not None else [])], default=so_far)


def _collect(text: bytes, wanted: set[int], found: SheetXml) -> None:
    for merge in _MERGE.finditer(text):
        found.merges.append(
            (
                int(merge.group(2)),
                column_index(merge.group(1)),
                int(merge.group(4)),
                column_index(merge.group(3)),
            )
        )
    if not wanted or b"<f" not in text:
        return
    for cell in _FORMULA_CELL.finditer(text):
        row = int(cell.group(2))
        if row not in wanted or (cell.group(5) or b"").strip():
            continue
        reference = (cell.group(1) + cell.group(2)).decode("ascii")
        formula = cell.group(3)
        text_of = "=" + xml_unescape(formula.decode("utf-8", "replace")) if formula else "a shared formula"
        found.uncalculated[(row, column_index(cell.group(1)))] = (reference, text_of)


def column_index(letters: bytes) -> int:
    """b'A' -> 0, b'AB' -> 27."""
    index = 0
    for byte in letters:
        index = index * 26 + byte - 64
    return index - 1


_ROW_TAG = re.compile(rb"<row\b[^>]*>")
_HIDDEN_ATTRIBUTE = re.compile(rb'\bhidden="(?:1|true)"')
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_FILTER_ON = re.compile(rb'<sheetPr\b[^>]*\bfilterMode="(?:1|true)"|<filterColumn\b')


@dataclass
class HiddenRows:
    """Rows Excel does not show (Excel row numbers), and whether the sheet has a filter set, which is what usually
    hides them."""

    rows: list[int] = field(default_factory=list)
    filtered: bool = False
    last_row: int = 0  # while scanning: the row the last row tag stands for (a generator may leave out r=)


def hidden_rows(path: Path, sheet: str) -> HiddenRows:
    """The rows of an xlsx sheet that are hidden (by a filter, a collapsed group or Hide): read like every row,
    but the officer who opens the file does not see them. A plain search for the attribute first, so a sheet
    without one costs only its decompression (~0.08 s CPU for 100k rows)."""
    found = HiddenRows()
    try:
        with _sheet_stream(path, sheet) as stream:
            carry = b""
            while stream is not None and (chunk := stream.read(CHUNK)):
                text = carry + chunk
                cut = text.rfind(b">") + 1  # whole tags only
                done, carry = text[:cut], text[cut:]
                _collect_hidden(done, found)
            _collect_hidden(carry, found)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return HiddenRows()
    return found


def _collect_hidden(text: bytes, found: HiddenRows) -> None:
    """Hidden rows and a filter in ``text`` (whole tags); plain searches first, the regular expressions only where
    they found something."""
    if not found.filtered and (b"filterMode" in text or b"<filterColumn" in text) and _FILTER_ON.search(text):
        found.filtered = True
    if b'hidden="' not in text:
        found.last_row = _last_row(text, found.last_row)
        return
    for tag in _ROW_TAG.finditer(text):
        number = _ROW_NUMBER.search(tag.group(0))
        found.last_row = int(number.group(1)) if number else found.last_row + 1
        if _HIDDEN_ATTRIBUTE.search(tag.group(0)):
            found.rows.append(found.last_row)


def _last_row(text: bytes, before: int) -> int:
    """The row the last row tag of ``text`` stands for: its r=, or (a report generator that numbers no row, as
    the format allows) the rows counted on from ``before``."""
    last = max(text.rfind(b"<row "), text.rfind(b"<row>"))
    if last < 0:
        return before
    number = _ROW_NUMBER.search(text, last, text.find(b">", last) + 1)
    if number:
        return int(number.group(1))
    return before + text.count(b"<row ") + text.count(b"<row>")
