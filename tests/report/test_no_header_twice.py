"""The Suppliers sheet showed "Country" twice when the tool's cleaned country stood beside the file's own "Country"
column (and "Spend" twice beside a file's "Spend"): the tool's reading is headed "Country (as read)", as "Audit
date (as read)" is, so the officer can tell which is theirs."""

from __future__ import annotations

import openpyxl
from click.testing import CliRunner

from screener.cli import cli
from screener.report.labels import column_labels
from tests.pipeline.officer import one_sheet_workbook, screened


def _header(path) -> list[str]:
    return [cell.value for cell in openpyxl.load_workbook(path)["Suppliers"][1]]


def test_the_tools_country_and_spend_beside_the_files_own_columns_are_headed_as_read(tmp_path):
    rows = [["Acme Tools GmbH", "germany ", "100"], ["Bravo Parts Co", "PRC", "200"]]
    _, out = screened(
        one_sheet_workbook(tmp_path / "suppliers.xlsx", ["Supplier Name", "Country", "Spend"], rows)
    )
    header = _header(out)
    assert len(header) == len(set(header)), header
    assert header[:5] == ["Rank", "Tier", "Supplier name", "Country (as read)", "Spend (EUR)"]
    assert header[16:19] == ["Spend (as read)", "Spend currency", "Spend"]
    assert header.index("Country") > header.index("Source row")  # the file's own column, among the inputs


def test_a_file_whose_country_is_copied_unchanged_keeps_one_country_column(tmp_path):
    rows = [["Acme Tools GmbH", "Germany", 100], ["Bravo Parts Co", "China", 200]]
    header = ["Supplier Name", "Country", "Annual Spend"]
    _, out = screened(one_sheet_workbook(tmp_path / "clean.xlsx", header, rows))
    header = _header(out)
    assert header[:5] == ["Rank", "Tier", "Supplier name", "Country", "Spend (EUR)"]
    assert header.count("Country") == 1 and "Country (as read)" not in header


def test_a_reserved_input_header_is_shown_as_the_file_wrote_it():
    assert column_labels(["name", "country", "input_name", "input_country", "Country"]) == [
        "Supplier name",
        "Country (as read)",
        "name",
        "country",
        "Country",
    ]


def test_the_files_name_and_number_columns_are_not_shown_again_beside_the_tools(tmp_path):
    """Officer trial t00/t08: 'Vendor Name' and 'Vendor No' (or 'name', 'id') stood among the input columns with
    the very values of 'Supplier name' and 'Supplier ID'; an empty 'Address' and 'Goods' the file never had stood
    there too; a file headed 'spend' showed its number cells as text. Each fact once, numbers as numbers."""
    header = ["id", "name", "country", "spend"]
    rows = [["A1", "Acme Tools GmbH ", "DE", 100], ["A2", "Bravo Textiles Ltd", "BD", 250.5]]
    _, out = screened(one_sheet_workbook(tmp_path / "vendors.xlsx", header, rows))
    sheet = openpyxl.load_workbook(out)["Suppliers"]
    head = [cell.value for cell in sheet[1]]
    assert head[:5] == ["Rank", "Tier", "Supplier name", "Country", "Spend (EUR)"]
    shown = [h for h in head if not h.endswith("(key)")]
    assert shown[shown.index("Model probability") + 1 :] == [
        "Spend (as read)",
        "Spend currency",
        "Spend",
        "Supplier ID",
        "Country code",
        "Source row",
    ]
    spend = [row[head.index("Spend")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert spend == [250.5, 100]  # the file's number cells, as numbers


def test_two_files_with_their_own_headers_show_no_machine_name_and_no_copied_name(tmp_path):
    """Officer trial t15 (an xlsx and a German csv in one run): the tool's city and audit date stood headed
    'city' and 'audit_date', and each file's name and number columns repeated Supplier name and Supplier ID on
    that file's rows (empty on the other's); the audit date's text stood beside 'Audit date (as read)' and the
    files' own date columns."""
    first = one_sheet_workbook(
        tmp_path / "vendors.xlsx",
        ["Vendor No", "Vendor Name", "City", "Country", "Last Audit"],
        [
            ["0001", "Acme Tools GmbH", "Stuttgart", "DE", "2024-03-15"],
            ["0002", "Bravo Ltd", "Dhaka", "BD", None],
        ],
    )
    second = tmp_path / "lieferanten.csv"
    second.write_text(
        "Lieferantennr.;Lieferant;Ort;Land;Letztes Audit\n0003;Müller GmbH;Köln;DE;01.06.2022\n",
        encoding="utf-8",
    )
    out = tmp_path / "report.xlsx"
    result = CliRunner().invoke(cli, ["screen", str(first), str(second), "-o", str(out), "--no-model", "-q"])
    assert result.exit_code == 0, result.output
    head = [cell.value for cell in openpyxl.load_workbook(out)["Suppliers"][1]]
    inputs = head[
        head.index("Duplicate of") + 1 if "Duplicate of" in head else head.index("Source row") + 1 :
    ]
    assert [h for h in inputs if not h.endswith("(key)")] == [
        "City (as read)",
        "City",
        "Country",
        "Last Audit",
        "Ort",
        "Land",
        "Letztes Audit",
        "Audit date (as read)",
    ]


def test_a_file_of_one_supplier_shows_no_header_twice(tmp_path):
    """Officer trial t18: with one supplier the Suppliers sheet was left as it came, 'Spend' stood twice (the
    tool's and the file's), beside copies of the name, number and country and empty Address and Goods."""
    header = ["Vendor No", "Vendor Name", "Country", "Spend"]
    _, out = screened(
        one_sheet_workbook(tmp_path / "one.xlsx", header, [["0001", "Acme Tools GmbH", "DE", 100]])
    )
    head = [h for h in _header(out) if not h.endswith("(key)")]
    assert len(head) == len(set(head)), head
    assert head[:5] == ["Rank", "Tier", "Supplier name", "Country", "Spend (EUR)"]
    assert head[head.index("Model probability") + 1 :] == [
        "Spend (as read)",
        "Spend currency",
        "Spend",
        "Supplier ID",
        "Country code",
        "Source row",
    ]
