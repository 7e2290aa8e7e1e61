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


def test_the_page_lines_of_a_printed_export_are_rejected_as_page_lines(tmp_path):
    """A list printed to a file: every page ends with 'Page N of 4' and the next begins with the header again.
    The last page's line is followed by nothing; it had been screened as a supplier (and ranked first, having no
    data at all), the others were called section titles."""
    lines = []
    for page in range(1, 5):
        lines.append("Vendor Name,Country,Spend (EUR)")
        lines.extend(f"Supplier {page}{n} Trading Ltd,Germany,{n}00" for n in range(1, 4))
        lines.append(f"Page {page} of 4,,")
    lines.append("Seite 5 von 5,,")  # a German footer under the last one
    path = tmp_path / "printed.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")

    read = read_suppliers([path])

    assert read.suppliers.height == 12
    assert read.rejected.select("source_row", "reason").rows() == [
        (5, "page line of a printed export (found 'Page 1 of 4')"),
        (6, "header row repeated ('Vendor Name')"),
        (10, "page line of a printed export (found 'Page 2 of 4')"),
        (11, "header row repeated ('Vendor Name')"),
        (15, "page line of a printed export (found 'Page 3 of 4')"),
        (16, "header row repeated ('Vendor Name')"),
        (20, "page line of a printed export (found 'Page 4 of 4')"),
        (21, "page line of a printed export (found 'Seite 5 von 5')"),
    ]
