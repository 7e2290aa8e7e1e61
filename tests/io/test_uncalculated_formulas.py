"""A workbook written by a program (openpyxl here, as report generators and some ERP exports do) holds formulas
that were never calculated: calamine reads their cells as empty. A row whose name is such a formula is rejected
with a reason that says so and what to do, and the console says it once."""

from __future__ import annotations

import openpyxl
from click.testing import CliRunner

from screener.cli import cli
from screener.io import read_suppliers


def _vendors(path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Vendors"
    sheet.append(["Vendor ID", "Vendor Name", "Country", "Spend 2024"])
    sheet.append(["00123", "Nantong Textile Co", "China", 12000])
    sheet.append(["00124", "=B2", "China", "=D2*2"])
    sheet.append(["00125", "", "China", 5])  # empty, no formula: the plain reason
    sheet.append(["00126", '="Hetian "&"Taida Apparel"', "China", 500])
    sheet.append(
        ["Total", None, None, "=SUM(D2:D5)"]
    )  # a formula, but not in the name column: the plain reason
    book.save(path)
    return path


def test_a_name_that_is_a_formula_without_a_saved_value_says_so(tmp_path):
    path = _vendors(tmp_path / "vendors.xlsx")
    before = path.read_bytes()

    read = read_suppliers([path])

    assert read.suppliers["name"].to_list() == ["Nantong Textile Co"]
    assert read.rejected.select("source_row", "reason").rows() == [
        (
            3,
            "no supplier name in column 'Vendor Name': cell B3 holds a formula (=B2) with no saved value; open the "
            "file in Excel, save it and run again",
        ),
        (4, "no supplier name in column 'Vendor Name'"),
        (
            5,
            'no supplier name in column \'Vendor Name\': cell B5 holds a formula (="Hetian "&"Taida Apparel") with '
            "no saved value; open the file in Excel, save it and run again",
        ),
        (6, "no supplier name in column 'Vendor Name'"),
    ]
    assert path.read_bytes() == before


def test_the_console_says_once_which_rows_hold_formulas_without_values(tmp_path):
    path = _vendors(tmp_path / "vendors.xlsx")

    result = CliRunner().invoke(cli, ["screen", str(path), "-o", str(tmp_path / "r.xlsx"), "--no-model"])

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "Rows read: 5 from 1 file; ranked 1, rejected 4 (see the Rejected sheet)",
        "NOT SCREENED: 2 rows of 'vendors.xlsx' sheet 'Vendors' (rows 3, 5): the name cell holds a formula with no "
        "saved value (written by a program, never saved by Excel); open the file in Excel, save it and run again",
    ]
    summary = [
        row[0] for row in openpyxl.load_workbook(tmp_path / "r.xlsx")["Summary"].iter_rows(values_only=True)
    ]
    assert summary[summary.index("Rows rejected") + 1] == result.stdout.splitlines()[1]
