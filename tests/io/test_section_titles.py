"""A hand-kept list of blocks: the European suppliers, a blank row, a title 'Lieferanten Asien', the header again,
the Asian suppliers, a subtotal, a grand total. The title was screened as a supplier called 'Lieferanten Asien'."""

from __future__ import annotations

import openpyxl

from screener.io import read_suppliers


def test_a_section_title_above_a_repeated_header_is_rejected_with_its_reason(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Lieferanten"
    header = ["Lieferantenname", "Land", "Warengruppe", "Umsatz (EUR)"]
    sheet.append(header)
    sheet.append(["Müller Textil GmbH", "DE", "Stoffe", 1000])
    sheet.append(["Nordwind", None, None, None])  # a supplier with only its name: still a supplier
    sheet.append([])
    sheet.append(["Lieferanten Asien"])
    sheet.append(header)
    sheet.append(["Hetian Taida Apparel Co Ltd", "CN", "Bekleidung", 500])
    sheet.append(["Zwischensumme Asien", None, None, 500])
    sheet.append([])
    sheet.append(["Gesamtsumme", None, None, 1500])
    path = tmp_path / "bloecke.xlsx"
    book.save(path)

    read = read_suppliers([path])

    assert read.suppliers.select("source_row", "name").rows() == [
        (2, "Müller Textil GmbH"),
        (3, "Nordwind"),
        (7, "Hetian Taida Apparel Co Ltd"),
    ]
    assert read.rejected.select("source_row", "reason").rows() == [
        (5, "section title above a repeated header (found 'Lieferanten Asien')"),
        (6, "header row repeated ('Lieferantenname')"),
        (8, "totals row"),
        (10, "totals row"),
    ]
