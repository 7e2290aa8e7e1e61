"""Invisible characters in a cell (a zero-width space pasted from a web page, a byte-order mark, a soft hyphen, a
stray control character from a terminal export): the field read from the cell leaves them out, so 'Total\u200b' is
a totals row and 'Chi\u200bna' is China, and the officer is told which cells held them, the characters named."""

from __future__ import annotations

import openpyxl

from tests.pipeline.officer import data_quality_line, screened

CSV = (
    "Supplier\u200b Name,Country,Spend (EUR)\r\n"
    "Hoshine\u00ad Silicon Industry Co Ltd,China,2000\r\n"
    "Acme Textiles Ltd,Chi\u200bna,1500\r\n"
    "Tab\u0007Bell Industries,\ufeffUSA,700\r\n"
    "Nordlicht GmbH,Germany,300\r\n"
    "Total\u200b,,4500\r\n"
)


def test_invisible_characters_are_left_out_of_what_is_read_and_said(tmp_path):
    source = tmp_path / "vendors.csv"
    source.write_bytes(CSV.encode("utf-8"))

    result, out = screened(source)

    assert (
        result.stdout.splitlines()[0]
        == "Rows read: 5 from 1 file; ranked 4, rejected 1 (see the Rejected sheet)"
    )
    assert data_quality_line(result) == (
        "  invisible_characters: 4 rows, e.g. 'Hoshine<U+00AD> Silicon Industry Co Ltd' (row 2), "
        "'Chi<U+200B>na' (row 3), 'Tab<U+0007>Bell Indust…"
    )
    report = openpyxl.load_workbook(out)
    assert [row[3] for row in report["Rejected"].iter_rows(min_row=2, values_only=True)] == ["totals row"]
    suppliers = report["Suppliers"]
    header = [cell.value for cell in suppliers[1]]
    read = {
        row[header.index("Supplier name")]: (
            row[header.index("Country code")],
            row[header.index("Best hit list")],
        )
        for row in suppliers.iter_rows(min_row=2, values_only=True)
    }
    assert read == {
        "Hoshine Silicon Industry Co Ltd": ("CN", "cbp-wro"),
        "Acme Textiles Ltd": ("CN", None),
        "Tab Bell Industries": ("US", None),
        "Nordlicht GmbH": ("DE", None),
    }
    quality = {
        (row[3], row[4]): row[6]
        for row in report["Data quality"].iter_rows(min_row=2, values_only=True)
        if row[0] == "invisible_characters"
    }
    assert quality == {
        (
            2,
            "Supplier Name",
        ): "invisible characters in the supplier name (soft hyphen U+00AD): left out of what "
        "was read and matched (a control character as a space); the input column keeps the cell as the file has "
        "it; clean the cell at the source",
        (
            3,
            "Country",
        ): "invisible characters in the country (zero width space U+200B): left out of what was read "
        "and matched (a control character as a space); the input column keeps the cell as the file has it; clean "
        "the cell at the source",
        (
            4,
            "Supplier Name",
        ): "invisible characters in the supplier name (control character U+0007): left out of "
        "what was read and matched (a control character as a space); the input column keeps the cell as the file "
        "has it; clean the cell at the source",
        (
            4,
            "Country",
        ): "invisible characters in the country (zero width no-break space U+FEFF): left out of what "
        "was read and matched (a control character as a space); the input column keeps the cell as the file has "
        "it; clean the cell at the source",
    }
