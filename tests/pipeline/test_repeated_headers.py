"""A header written over several columns (an ERP export with 'Lieferant' for the name and again for the name as
first registered, 'Land' as code and as name): the first of them is read, the officer is told which, and every
column stays in the report under the file's own header."""

from __future__ import annotations

import openpyxl

from tests.pipeline.officer import data_quality_line, screened


def test_a_repeated_header_is_read_once_and_said_in_the_files_words(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Lieferanten"
    sheet.append(["Lieferant", "Land", "Lieferant", "Land", "Umsatz (EUR)"])
    sheet.append(["Hoshine Silicon Industry Co Ltd", "CN", "Hoshine", "China", 2000])
    sheet.append(["Müller Stahl GmbH", "DE", "Mueller Stahl (alt)", "Deutschland", 1000])
    source = tmp_path / "kreditoren.xlsx"
    book.save(source)

    result, out = screened(source)

    assert data_quality_line(result) == (
        "  repeated_header: 2 rows, e.g. 'Lieferant' (row 1), 'Land' (row 1)"
    )
    report = openpyxl.load_workbook(out)
    quality = [row[:7] for row in report["Data quality"].iter_rows(min_row=2, values_only=True)]
    assert quality[:2] == [
        (
            "repeated_header",
            str(source),
            "Lieferanten",
            1,
            "Lieferant",
            "Lieferant",
            "2 columns are headed 'Lieferant': the 1st is read as the supplier name; all are kept in the report, as "
            "'Lieferant', 'Lieferant (2nd)'. If another of them holds what should be read, give each its own header "
            "and run again",
        ),
        (
            "repeated_header",
            str(source),
            "Lieferanten",
            1,
            "Land",
            "Land",
            "2 columns are headed 'Land': the 1st is read as the country; all are kept in the report, as 'Land', "
            "'Land (2nd)'. If another of them holds what should be read, give each its own header and run again",
        ),
    ]
    suppliers = report["Suppliers"]
    header = [cell.value for cell in suppliers[1]]
    rows = [dict(zip(header, row, strict=True)) for row in suppliers.iter_rows(min_row=2, values_only=True)]
    by_name = {row["Supplier name"]: row for row in rows}
    # the second 'Lieferant' is kept under its own words, and is not taken for the supplier number
    assert by_name["Müller Stahl GmbH"]["Lieferant (2nd)"] == "Mueller Stahl (alt)"
    assert by_name["Müller Stahl GmbH"]["Land (2nd)"] == "Deutschland"
    assert by_name["Müller Stahl GmbH"]["Supplier ID"] is None
    assert "Lieferant_2" not in header
