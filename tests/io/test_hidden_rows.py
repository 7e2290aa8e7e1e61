"""Rows a workbook hides are found in the sheet XML (calamine reads every row alike), also in a file from a
report generator that numbers neither rows nor cells (the format allows it: a row without r= follows the one
before)."""

from __future__ import annotations

import re
import zipfile

import openpyxl

from screener.io import read_suppliers

ROWS = [
    ["Vendor report 2026"],
    ["Supplier Name", "Country", "Spend"],
    ["Alpha Textil GmbH", "DE", 100],
    ["Hoshine Silicon Industry Co Ltd", "CN", 200],
    ["Gamma Foods SA", "ES", 300],
]


def _workbook(path, hidden_row: int) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in ROWS:
        sheet.append(row)
    sheet.row_dimensions[hidden_row].hidden = True
    book.save(path)


def test_a_hidden_row_is_found_by_its_number(tmp_path):
    path = tmp_path / "hidden.xlsx"
    _workbook(path, 4)
    info = read_suppliers([path]).inputs[0]
    assert (info.hidden_rows, info.hidden_by_filter) == ([4], False)


def test_a_hidden_row_of_a_generator_that_numbers_no_row_is_counted_to(tmp_path):
    numbered = tmp_path / "numbered.xlsx"
    _workbook(numbered, 4)
    bare = tmp_path / "generator.xlsx"
    with zipfile.ZipFile(numbered) as source, zipfile.ZipFile(bare, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'(<(?:row|c)\b[^>]*?) r="[A-Z]*\d+"', rb"\1", data)
                data = re.sub(rb"<dimension[^>]*/>", b"", data)
                assert b' r="' not in data
            target.writestr(item, data)
    read = read_suppliers([bare])
    assert read.suppliers.select("source_row", "name").rows()[1] == (4, "Hoshine Silicon Industry Co Ltd")
    assert read.inputs[0].hidden_rows == [4]
