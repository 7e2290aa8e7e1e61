"""The number formats of an xlsx sheet's first rows, so a report can show the input's numbers and dates as the
input showed them (``#,##0.00 €``, ``dd.mm.yyyy``).

calamine gives values, not formats. Only the first rows of each sheet are read here, streamed from the package
(styles.xml's cellXfs and numFmts, then the sheet XML up to ``max_row``), so a 100k-row sheet costs no more than a
small one. Used by screener.io.table for the rows below the header; anything unreadable gives no formats.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import unescape

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# ECMA-376 built-in number formats (those with a fixed code); 0 is General: no format to keep.
BUILT_IN = {
    1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?",
    13: "# ??/??", 14: "yyyy-mm-dd", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "yyyy-mm-dd hh:mm", 37: "#,##0 ;(#,##0)",
    38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)", 45: "mm:ss",
    46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0",
}  # fmt: skip
SheetFormats = dict[tuple[int, int], str]  # (1-based Excel row, 0-based column) -> number format code


def xml_unescape(text: str) -> str:
    """Text of a workbook XML attribute or element as written: the five predefined entities read back."""
    return unescape(text, {"&quot;": '"', "&apos;": "'"})


def sheet_number_formats(
    path: Path, max_row: int, first_columns: dict[str, dict[int, int]] | None = None
) -> dict[str, SheetFormats]:
    """Sheet name -> the number format of each formatted cell in rows 1..max_row; {} when not an xlsx package.
    ``first_columns``, when given, is filled with sheet name -> row -> the least column holding a value in that
    row: calamine's grid starts at the sheet's first column holding a value, so a column of the grid is found in
    the sheet by comparing a row of both (:func:`grid_offset`)."""
    firsts = first_columns if first_columns is not None else {}
    try:
        with zipfile.ZipFile(path) as package:
            codes = _style_codes(package)
            return {
                name: _sheet_formats(package, entry, codes, max_row, firsts.setdefault(name, {}))
                for name, entry in _sheets(package)
            }
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, ValueError):
        firsts.clear()
        return {}


def grid_offset(first_columns: dict[int, int], row: int, first_in_grid: int | None) -> int:
    """How many sheet columns lie left of the grid's first: the sheet column of ``row``'s first value less its
    column in the grid (0 when either is unknown)."""
    if first_in_grid is None or row not in first_columns:
        return 0
    return max(first_columns[row] - first_in_grid, 0)


def _style_codes(package: zipfile.ZipFile) -> list[str | None]:
    """Format code of each cell style index (None: General or text)."""
    root = ElementTree.fromstring(package.read("xl/styles.xml"))
    custom = {int(fmt.get("numFmtId", "0")): fmt.get("formatCode", "") for fmt in root.iter(f"{MAIN}numFmt")}
    xfs = root.find(f"{MAIN}cellXfs")
    codes = []
    for xf in xfs if xfs is not None else []:
        number = int(xf.get("numFmtId", "0"))
        code = custom.get(number) or BUILT_IN.get(number)
        codes.append(code if code and code not in ("General", "@") else None)
    return codes


def _sheets(package: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, package entry) in workbook order."""
    workbook = ElementTree.fromstring(package.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{PACKAGE_REL}Relationship")}
    found = []
    for sheet in workbook.iter(f"{MAIN}sheet"):
        target = targets.get(sheet.get(f"{REL}id"), "")
        entry = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        found.append((sheet.get("name", ""), entry))
    return found


def _sheet_formats(
    package: zipfile.ZipFile, entry: str, codes: list[str | None], max_row: int, firsts: dict[int, int]
) -> SheetFormats:
    formats: SheetFormats = {}
    with package.open(entry) as stream:
        for _, element in ElementTree.iterparse(stream, events=("end",)):
            if element.tag == f"{MAIN}row" and int(element.get("r", "0") or 0) >= max_row:
                break
            if element.tag != f"{MAIN}c":
                continue
            row, col = _cell_position(element.get("r", ""))
            if row and (element.find(f"{MAIN}v") is not None or element.find(f"{MAIN}is") is not None):
                firsts[row] = min(firsts.get(row, col), col)
            style = int(element.get("s", "0"))
            code = codes[style] if style < len(codes) else None
            if code and element.get("t") in (None, "n", "d") and row and row <= max_row:
                formats[(row, col)] = code
            element.clear()
    return formats


def _cell_position(reference: str) -> tuple[int, int]:
    """'B12' -> (12, 1)."""
    letters = "".join(ch for ch in reference if ch.isalpha())
    digits = reference[len(letters) :]
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    return (int(digits) if digits.isdigit() else 0), col - 1
