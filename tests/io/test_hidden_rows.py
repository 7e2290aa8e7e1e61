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


ODS_ROW = (
    '<table:table-row{hidden}><table:table-cell office:value-type="string"><text:p>{name}</text:p>'
    '</table:table-cell><table:table-cell office:value-type="string"><text:p>{country}</text:p>'
    "</table:table-cell></table:table-row>"
)


def test_rows_an_ods_hides_are_found_as_libreoffice_numbers_them(tmp_path):
    """LibreOffice marks a row its filter hides table:visibility="filter" and a hidden one "collapse"; an empty
    row repeated below does not count."""
    rows = [
        ("", "Supplier Name", "Country"),
        ("", "Alpha Textil GmbH", "DE"),
        (' table:visibility="filter"', "Hoshine Silicon Industry Co Ltd", "CN"),
        (' table:visibility="filter"', "Kumar Carpet Pvt.", "IN"),
        ("", "Gamma Foods SA", "ES"),
    ]
    body = "".join(ODS_ROW.format(hidden=h, name=n, country=c) for h, n, c in rows)
    body += '<table:table-row table:number-rows-repeated="1048570" table:visibility="collapse"><table:table-cell/></table:table-row>'
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
        f'<office:spreadsheet><table:table table:name="Lieferanten">{body}</table:table></office:spreadsheet>'
        "</office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    path = tmp_path / "lieferanten.ods"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        package.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        package.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    read = read_suppliers([path])
    assert read.suppliers.select("source_row", "name").rows()[1] == (3, "Hoshine Silicon Industry Co Ltd")
    assert (read.inputs[0].hidden_rows, read.inputs[0].hidden_by_filter) == ([3, 4], True)
