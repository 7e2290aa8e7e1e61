"""Zip packages that are not workbooks, renamed .xlsx: an Apple Numbers document was told "a zip archive (unzip
it and pass the spreadsheet inside)", which unzipping cannot satisfy (officer trial t13), and an Office package
without its workbook part the same. Each is one error saying what the file is and what to do, and no report."""

from __future__ import annotations

import zipfile

from click.testing import CliRunner

from screener.cli import cli

# The parts of a Numbers package as Numbers 13 saves one (a zip of protobuf .iwa streams, a preview and metadata).
NUMBERS_PARTS = (
    "Index/Document.iwa",
    "Index/CalculationEngine.iwa",
    "Index/Tables/DataList.iwa",
    "Metadata/Properties.plist",
    "Metadata/DocumentIdentifier",
    "preview.jpg",
)


def _screen(path):
    out = path.with_name("report.xlsx")
    result = CliRunner().invoke(cli, ["screen", str(path), "-o", str(out), "--no-model", "-q"])
    assert not out.exists()
    return result.exit_code, result.output.splitlines()


def test_a_numbers_document_renamed_xlsx_says_export_it_from_numbers(tmp_path):
    path = tmp_path / "Suppliers.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for part in NUMBERS_PARTS:
            package.writestr(part, b"\x00\x01\x02")
    assert _screen(path) == (
        2,
        [
            f"Error: '{path}' is an Apple Numbers (iWork) document, not a supplier spreadsheet. Open it in Numbers, "
            "choose File > Export To > Excel (or CSV), and pass the exported file."
        ],
    )


def test_an_office_package_without_its_workbook_part_says_damaged(tmp_path):
    path = tmp_path / "vendors.xlsx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("_rels/.rels", "<Relationships/>")
        package.writestr("xl/styles.xml", "<styleSheet/>")
    assert _screen(path) == (
        2,
        [
            f"Error: '{path}' is an Office file with no workbook in it (xl/workbook.xml is missing): damaged, or "
            "not an Excel workbook. Open it in Excel and save it again as .xlsx, or export the supplier list again."
        ],
    )
