"""Number formats of an input workbook's first rows (calamine gives values only)."""

from pathlib import Path

import openpyxl

from screener.io import read_suppliers
from screener.io.number_formats import sheet_number_formats

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_formats_of_the_rows_below_the_header_are_kept(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Lieferanten"
    sheet.append(["Lieferantenliste 2024"])
    sheet.append(["Lieferant", "Land", "Umsatz", "Audit", "Lieferantennr."])
    sheet.append(["Alpha GmbH", "DE", 1234.5, None, 1001])
    sheet.append(["Beta AG", "DE", 99.0, None, 1002])
    sheet["C3"].number_format = '#,##0.00 "€"'
    sheet["D4"].number_format = "dd.mm.yyyy"
    path = tmp_path / "formats.xlsx"
    book.save(path)
    assert sheet_number_formats(path, 10)["Lieferanten"] == {(3, 2): '#,##0.00 "€"', (4, 3): "dd.mm.yyyy"}
    info = read_suppliers([path]).inputs[0]
    assert info.number_formats == {"Umsatz": '#,##0.00 "€"', "Audit": "dd.mm.yyyy"}


def test_a_list_that_starts_in_column_c_keeps_each_columns_format(tmp_path):
    """calamine's grid starts at the sheet's first column holding a value: the formats of a list in columns C:F
    had been given to the columns two to their right (the audit date lost its dd.mm.yyyy, the amount's € went
    to the date)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Lieferanten"
    sheet["C1"] = "Lieferantenliste 2024"
    for row, values in enumerate(
        [
            ("Lieferant", "Land", "Umsatz", "Audit"),
            ("Alpha GmbH", "DE", 1234.5, 45352),
            ("Beta AG", "DE", 99.0, 45200),
        ],
        start=3,
    ):
        for column, value in enumerate(values, start=3):
            sheet.cell(row, column, value)
    for row in (4, 5):
        sheet.cell(row, 5).number_format = '#,##0.00 "€"'
        sheet.cell(row, 6).number_format = "dd.mm.yyyy"
    path = tmp_path / "offset.xlsx"
    book.save(path)
    info = read_suppliers([path]).inputs[0]
    assert info.number_formats == {"Umsatz": '#,##0.00 "€"', "Audit": "dd.mm.yyyy"}


def test_an_openpyxl_fixture_and_a_csv():
    info = read_suppliers([FIXTURES / "layouts" / "german_title_block.xlsx"]).inputs[0]
    assert info.number_formats == {"Letztes Audit": "DD.MM.YYYY"}
    assert read_suppliers([FIXTURES / "layouts" / "bom_utf8_spanish.csv"]).inputs[0].number_formats == {}


def test_not_a_package_gives_no_formats(tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"not a zip")
    assert sheet_number_formats(path, 10) == {}
