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


def test_an_openpyxl_fixture_and_a_csv():
    info = read_suppliers([FIXTURES / "layouts" / "german_title_block.xlsx"]).inputs[0]
    assert info.number_formats == {"Letztes Audit": "DD.MM.YYYY"}
    assert read_suppliers([FIXTURES / "layouts" / "bom_utf8_spanish.csv"]).inputs[0].number_formats == {}


def test_not_a_package_gives_no_formats(tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"not a zip")
    assert sheet_number_formats(path, 10) == {}
