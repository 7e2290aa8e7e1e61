"""Rows a legacy .xls hides (Hide, a collapsed group, a filter) are said like an xlsx's and an .ods's: calamine
reads every row alike, so a row the officer opening the file would not see was screened and never mentioned
(officer trial t09). The fixture is a real BIFF8 file written by xlwt with row 5 hidden."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from screener.io import read_suppliers
from screener.io.xls_rows import xls_hidden_rows
from tests.pipeline.officer import data_quality_line, screened

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "layouts" / "legacy_hidden_row.xls"


def test_the_hidden_row_of_an_xls_is_found_by_its_excel_number():
    hidden = xls_hidden_rows(FIXTURE)
    assert {name: (found.rows, found.filtered) for name, found in hidden.items()} == {
        "Cover": ([], False),
        "Fornitori": ([5], False),
    }
    info = read_suppliers([FIXTURE]).inputs[0]
    assert (info.sheet, info.hidden_rows, info.hidden_by_filter) == ("Fornitori", [5], False)


def test_the_hidden_row_of_an_xls_is_on_the_console_and_the_data_quality_sheet(tmp_path):
    copy = tmp_path / FIXTURE.name
    copy.write_bytes(FIXTURE.read_bytes())
    result, out = screened(copy)
    assert data_quality_line(result) == "  hidden_row: 1 row, e.g. 'Hoshine Silicon Industry Co Ltd' (row 5)"
    rows = list(openpyxl.load_workbook(out)["Data quality"].iter_rows(min_row=2, values_only=True))
    assert [row[:5] for row in rows if row[0] == "hidden_row"] == [
        ("hidden_row", str(copy), "Fornitori", 5, "Ragione sociale")
    ]


def test_a_file_that_is_no_ole2_container_hides_nothing(tmp_path):
    path = tmp_path / "not.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0 broken")
    assert xls_hidden_rows(path) == {}
