"""What an officer would not see by comparing the report with the file is said once, where the file shows it: a
supplier-like sheet not screened (loudly, on the console and in red on the Summary; every sheet on the Method
sheet), blank rows skipped (with the rows Excel shows), and rows the workbook hides but which were screened (a
filter, a collapsed group: the Data quality sheet, one row each)."""

from __future__ import annotations

import openpyxl
import xlsxwriter

from tests.pipeline.officer import data_quality_line, screened


def test_every_supplier_sheet_is_screened_and_one_not_screened_is_said_once_loudly(tmp_path):
    book = openpyxl.Workbook()
    europe = book.active
    europe.title = "EU"
    europe.append(["Supplier", "Country", "Category"])
    europe.append(["Rheinland Verpackung GmbH", "DE", "cardboard boxes"])
    asia = book.create_sheet("Asia")
    asia.append(["Vendor name", "Country/Region", "Commodity"])
    asia.append(["Ningbo Haitian Plastics Co Ltd", "CN", "plastic housings"])
    americas = book.create_sheet("Americas")  # another layout, still a supplier list: screened
    americas.append(["Supplier", "Country", "Buyer"])
    americas.append(["Central Romana Corporation", "DO", "J. Doe"])
    contacts = book.create_sheet("Contacts")  # a bare 'Name' beside a country: people, not screened, said
    contacts.append(["Name", "Country", "E-mail"])
    contacts.append(["Ann Lee", "CN", "ann@example.com"])
    archive = book.create_sheet("Archive 2019")  # hidden: not screened, said, with how to have it screened
    archive.append(["Supplier", "Country", "Category"])
    archive.append(["Old Mill Ltd", "GB", "yarn"])
    archive.sheet_state = "hidden"
    pivot = book.create_sheet("Pivot")
    pivot.append(["Country", "Sum of spend"])
    pivot.append(["China", 1200])
    path = tmp_path / "regions.xlsx"
    book.save(path)
    result, out = screened(path)

    assert result.stdout.splitlines()[:4] == [
        "Rows read: 3 from 1 file (3 sheets); ranked 3, rejected 0",
        "NOT SCREENED: sheet 'Contacts' of 'regions.xlsx': a different layout from sheet 'Asia' (maps country, "
        "name) whose name column 'Name' does not say supplier: taken for a list of people; if it lists suppliers, "
        "rename its name column to 'Supplier Name' and run again",
        "NOT SCREENED: sheet 'Archive 2019' of 'regions.xlsx': hidden sheet; if its suppliers are current, unhide "
        "it (right-click a sheet tab, Unhide) and run again",
        "List hits: 1 supplier (cbp-wro 1)",
    ]
    report = openpyxl.load_workbook(out)
    summary_rows = [row[0] for row in report["Summary"].iter_rows(values_only=True)]
    summary = {row[0]: row[1] for row in report["Summary"].iter_rows(values_only=True) if row[0]}
    assert summary["Input files"] == "regions.xlsx"
    # the first sheet an officer opens says it too, right under the counts, in red
    rejected_at = summary_rows.index("Rows rejected")
    assert summary_rows[rejected_at + 1 : rejected_at + 3] == result.stdout.splitlines()[1:3]
    assert report["Summary"].cell(rejected_at + 2, 1).font.color.rgb == "FFC00000"
    suppliers = report["Suppliers"]
    header = [cell.value for cell in suppliers[1]]
    sheets = {
        row[header.index("Supplier name")]: row[header.index("Source sheet")]
        for row in suppliers.iter_rows(min_row=2, values_only=True)
    }
    assert sheets == {
        "Rheinland Verpackung GmbH": "EU",
        "Ningbo Haitian Plastics Co Ltd": "Asia",
        "Central Romana Corporation": "Americas",
    }
    method = [row[:3] for row in report["Method"].iter_rows(values_only=True)]
    start = method.index(("Sheets not screened", None, None))
    assert method[start + 1 : start + 5] == [
        ("Path", "Sheet", "Why"),
        (
            str(path),
            "Contacts",
            "a different layout from sheet 'Asia' (maps country, name) whose name column 'Name' does not say "
            "supplier: taken for a list of people",
        ),
        (str(path), "Archive 2019", "hidden sheet"),
        (str(path), "Pivot", "no supplier-name column (cover, notes or lookup sheet)"),
    ]


def test_blank_rows_are_said_once_with_their_excel_rows_on_console_and_summary(tmp_path):
    """Blank rows hold nothing to screen, but an officer counting rows must see where they went: said once, with
    the rows Excel shows, on the console and on the Summary sheet (and in the manifest's inputs)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Vendors"
    for row in [
        ["Vendor Name", "Country"],
        ["Nordlicht Bürobedarf GmbH", "DE"],
        [],
        ["Bergwerk Stahl AG", "DE"],
        [],
        [],
        [],
        ["Alpenblick Papier GmbH", "AT"],
    ]:
        sheet.append(row)
    book.save(tmp_path / "vendors.xlsx")
    result, out = screened(tmp_path / "vendors.xlsx")
    assert result.stdout.splitlines()[:2] == [
        "Rows read: 3 from 1 file; ranked 3, rejected 0",
        "Blank rows skipped (nothing in them to screen): 4, 'vendors.xlsx' sheet 'Vendors' rows 3, 5-7",
    ]
    summary = [row[0] for row in openpyxl.load_workbook(out)["Summary"].iter_rows(values_only=True)]
    assert (
        summary.count(
            "Blank rows skipped (nothing in them to screen): 4, 'vendors.xlsx' sheet 'Vendors' rows 3, 5-7"
        )
        == 1
    )


def test_rows_the_workbook_hides_are_screened_and_said(tmp_path):
    """Rows hidden by a filter (the officer filtered on 'active' before saving) or by Hide are screened like every
    row, and each is a Data quality row saying how it was hidden: the top risk may be one the officer never sees
    when opening the file."""
    path = tmp_path / "vendors.xlsx"
    book = xlsxwriter.Workbook(path)
    europe = book.add_worksheet("EU")
    rows = [
        ("Rheinland Verpackung GmbH", "DE", "active"),
        ("Hoshine Silicon Industry Co Ltd", "CN", "blocked"),
        ("Alpenblick Papier GmbH", "AT", "active"),
    ]
    europe.write_row(0, 0, ["Supplier Name", "Country", "Status"])
    for number, row in enumerate(rows, start=1):
        europe.write_row(number, 0, row)
    europe.autofilter(0, 0, len(rows), 2)
    europe.filter_column(2, "Status == active")
    europe.set_row(2, None, None, {"hidden": True})  # Excel row 3: what the filter hides, as Excel saves it
    asia = book.add_worksheet("Asia")
    asia.write_row(0, 0, ["Supplier Name", "Country", "Status"])
    asia.write_row(1, 0, ["Ningbo Haitian Plastics Co Ltd", "CN", "active"])
    asia.write_row(2, 0, ["Kumar Carpet Pvt.", "IN", "active"])
    asia.set_row(2, None, None, {"hidden": True})  # Excel row 3, hidden by hand
    book.close()

    result, out = screened(path)

    assert result.stdout.splitlines()[0] == "Rows read: 5 from 1 file (2 sheets); ranked 5, rejected 0"
    assert data_quality_line(result) == (
        "  hidden_row: 2 rows, e.g. 'Hoshine Silicon Industry Co Ltd' (row 3), 'Kumar Carpet Pvt.' (row 3)"
    )
    quality = [row[:7] for row in openpyxl.load_workbook(out)["Data quality"].iter_rows(values_only=True)]
    assert [row for row in quality if row[0] == "hidden_row"] == [
        (
            "hidden_row",
            str(path),
            "EU",
            3,
            "Supplier Name",
            "Hoshine Silicon Industry Co Ltd",
            "row hidden by the filter set on the sheet: screened like every other row; in Excel, clear the filter or "
            "unhide the rows to see it",
        ),
        (
            "hidden_row",
            str(path),
            "Asia",
            3,
            "Supplier Name",
            "Kumar Carpet Pvt.",
            "row hidden in the workbook (a collapsed group or Hide): screened like every other row; in Excel, clear "
            "the filter or unhide the rows to see it",
        ),
    ]
