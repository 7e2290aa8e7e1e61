"""A workbook's sheets that were not screened are said: a supplier-like one loudly on the console, every one on
the Method sheet, and a file of several supplier sheets is one file."""

from __future__ import annotations

import openpyxl
from click.testing import CliRunner

from screener.cli import cli


def test_a_supplier_like_sheet_not_screened_is_said_once_loudly(tmp_path):
    book = openpyxl.Workbook()
    europe = book.active
    europe.title = "EU"
    europe.append(["Supplier", "Country", "Category"])
    europe.append(["Rheinland Verpackung GmbH", "DE", "cardboard boxes"])
    asia = book.create_sheet("Asia")
    asia.append(["Vendor name", "Country/Region", "Commodity"])
    asia.append(["Ningbo Haitian Plastics Co Ltd", "CN", "plastic housings"])
    americas = book.create_sheet("Americas")  # another layout: not screened, and said so
    americas.append(["Supplier", "Country", "Buyer"])
    americas.append(["Central Romana Corporation", "DO", "J. Doe"])
    pivot = book.create_sheet("Pivot")
    pivot.append(["Country", "Sum of spend"])
    pivot.append(["China", 1200])
    path = tmp_path / "regions.xlsx"
    book.save(path)
    out = tmp_path / "regions-risk.xlsx"

    result = CliRunner().invoke(cli, ["screen", str(path), "-o", str(out), "--no-model"])

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "Rows read: 2 from 1 file (2 sheets); ranked 2, rejected 0",
        "NOT SCREENED: sheet 'Americas' of 'regions.xlsx': a different layout from sheet 'Asia' (maps country, "
        "name); screen it as a file of its own, or give it the chosen sheet's columns",
    ]
    report = openpyxl.load_workbook(out)
    summary = {row[0]: row[1] for row in report["Summary"].iter_rows(values_only=True) if row[0]}
    assert summary["Input files"] == "regions.xlsx"
    method = [row[:3] for row in report["Method"].iter_rows(values_only=True)]
    start = method.index(("Sheets not screened", None, None))
    assert method[start + 1 : start + 4] == [
        ("Path", "Sheet", "Why"),
        (str(path), "Americas", "a different layout from sheet 'Asia' (maps country, name)"),
        (str(path), "Pivot", "no supplier-name column (cover, notes or lookup sheet)"),
    ]
