"""The demo workbook reopened as an officer opens it: columns in reading order, the name frozen in view, the
matcher's features on their own sheet with their meaning, and the ranking rule in words. Both writer paths (the
cell-by-cell xlsxwriter one and the fast splice used for large sheets) give the same layout."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from screener.match.features import FEATURE_NAMES, feature_description
from screener.pipeline import screen
from screener.report import excel, write_report
from screener.report.overview import PRIORITY_TITLE

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "suppliers.xlsx"

# The demo's Suppliers sheet, left to right: the officer's columns, the reasons, what ordered the row, then the
# input's own columns (its headers, in the place of the tool's copies of them), the review keys last.
SUPPLIER_HEADERS = [
    "Rank",
    "Tier",
    "Supplier name",
    "Ctry",
    "Spend (EUR)",  # the reporting currency named
    "Best hit list",
    "Best hit name",
    "Best hit probability",
    "Recommended action",
    "Decision",
    "Notes",
    "Reviewer",
    "Decision date",
    "Reasons",
    "Severity",
    "Likelihood",
    "Leverage (spend share)",
    "Score",
    "Model probability",
    "List hits",
    "Spend",
    "Spend currency",
    "Annual Spend (EUR)",
    "Supplier ID",
]
MATCH_HEADERS = [
    "Rank",
    "Tier",
    "Supplier name",
    "Supplier country",
    "Matched list name",
    "List entity name",
    "List entry country",
    "Match probability",
    "Band",
    "List",
    "Programme",
    "Listed on",
    "List entry status",
    "Status since",
    "Source",
    "Explanation",
    "Decision status",
    "Decision",
    "Notes",
    "Reviewer",
    "Decision date",
    "Alias",
    "Entity type",
    "row_id (key)",
    "entity_id (key)",
    "list version (key)",
    "entry fingerprint (key)",
    "supplier fingerprint (key)",
    "supplier country code (key)",
]


@pytest.fixture(scope="module")
def screening():
    return screen([SAMPLE])


@pytest.fixture(scope="module", params=["xlsxwriter", "fast splice"])
def book(request, screening, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        if request.param == "fast splice":
            patch.setattr(excel, "FAST_SHEET_MIN_ROWS", 1)
        (path,) = write_report(screening, tmp_path_factory.mktemp("layout") / "report.xlsx")
    return openpyxl.load_workbook(path)


def headers(sheet) -> list:
    return [cell.value for cell in sheet[1]]


def test_suppliers_sheet_reads_left_to_right_as_an_officer_works(book):
    sheet = book["Suppliers"]
    found = headers(sheet)
    assert found[: len(SUPPLIER_HEADERS)] == SUPPLIER_HEADERS
    # the tool's snake_case copies never stand beside the input's columns they copy
    assert not {"audit_date", "spend", "country", "goods", "Country", "Goods"} & set(found)
    assert found[-5:] == [
        "row_id (key)",
        "supplier fingerprint (key)",
        "best hit entity_id (key)",
        "best hit entry fingerprint (key)",
        "best hit list version (key)",
    ]
    first = [cell.value for cell in sheet[2]]
    assert first[:4] == [1, "high", "XINJIANG DAQO NEW ENERGY CO LTD", "CN"]
    # the audit date read from a date cell stands under the input's header, as the date
    assert first[found.index("Last Audit Date")] == datetime(2024, 11, 5)  # a date cell, not text


def test_header_and_supplier_name_stay_in_view(book):
    assert book["Suppliers"].freeze_panes == "D2"  # rows above 2 and columns Rank, Tier, Supplier name
    assert book["Matches"].freeze_panes == "D2"
    assert book["Match features"].freeze_panes == "C2"


def hidden_columns(sheet) -> set[int]:
    """1-based indexes of hidden columns (openpyxl keeps a <col min max> range under its first letter)."""
    return {
        col
        for dimension in sheet.column_dimensions.values()
        if dimension.hidden
        for col in range(dimension.min, dimension.max + 1)
    }


def test_review_keys_are_grouped_and_collapsed(book):
    for title in ("Suppliers", "Matches"):
        sheet = book[title]
        keys = {col for col, label in enumerate(headers(sheet), start=1) if label.endswith("(key)")}
        assert len(keys) >= 5 and hidden_columns(sheet) == keys, title


def test_reasons_are_shown_whole_up_to_the_tallest_row(book, screening):
    sheet = book["Suppliers"]
    reasons = headers(sheet).index("Reasons") + 1
    longest = max(range(2, sheet.max_row + 1), key=lambda row: len(sheet.cell(row, reasons).value or ""))
    text = sheet.cell(longest, reasons).value
    assert len(text) > 1_500 and sheet.cell(longest, reasons).alignment.wrap_text
    # each reason line wrapped at the column's width: the row is as tall as its lines, far above the old 75 pt
    width = sheet.column_dimensions[openpyxl.utils.get_column_letter(reasons)].width
    per_line = int(excel.REASONS_WIDTH * 1.1)
    lines = sum(-(-max(len(line), 1) // per_line) for line in text.split("\n"))
    assert width == pytest.approx(excel.REASONS_WIDTH, abs=1)
    assert sheet.row_dimensions[longest].height == min(lines, 27) * 15 > 75


def test_ordering_columns_rounded_for_the_eye_with_full_precision_kept(book, screening):
    sheet = book["Suppliers"]
    found = headers(sheet)
    likelihood = sheet.cell(2, found.index("Likelihood") + 1)
    leverage = sheet.cell(2, found.index("Leverage (spend share)") + 1)
    assert likelihood.number_format == "0.00" and leverage.number_format == "0.0%"
    full = screening.ranking.sort("rank").row(0, named=True)
    assert leverage.value == pytest.approx(full["leverage"], rel=1e-12)
    assert leverage.value != round(leverage.value, 4)  # not rounded in the cell


def test_ordering_rule_in_words_on_summary_method_and_column_notes(book):
    for title in ("Summary", "Method"):
        lines = [row[0] for row in book[title].iter_rows(values_only=True)]
        start = lines.index(PRIORITY_TITLE)
        assert lines[start + 1] == (
            "Rank: tier first (high, medium, low); within a tier by severity, then likelihood, then leverage, "
            "then score; suppliers equal on all of them keep their input order."
        ), title
        assert lines[start + 5].startswith("Score: the rule points"), title
        assert "a lower score can rank above a higher one" in lines[start + 6], title
    sheet = book["Suppliers"]
    notes = {cell.value: cell.comment.text for cell in sheet[1] if cell.comment}
    assert set(notes) == {"Rank", "Spend (EUR)", "Severity", "Likelihood", "Leverage (spend share)", "Score"}
    assert notes["Rank"].startswith("Rank: tier first")
    # the converted spend says its currency, its rates and that a bare '$' is US dollars, where it is shown
    assert notes["Spend (EUR)"].startswith("Spend in EUR, the reporting currency: each value converted")
    assert "European Central Bank" in notes["Spend (EUR)"]
    assert "A bare '$' is read as US dollars" in notes["Spend (EUR)"]
    assert notes["Leverage (spend share)"].endswith("Key 3 of the rank order.")


def test_matches_sheet_without_features_and_features_sheet_explains_each(book, screening):
    assert headers(book["Matches"]) == MATCH_HEADERS
    sheet = book["Match features"]
    found = headers(sheet)
    assert found == [
        "Rank",
        "Supplier name",
        "Matched list name",
        "List",
        "Match probability",
        "Band",
        *[f"f_{name}" for name in FEATURE_NAMES],
    ]
    notes = {cell.value: cell.comment.text for cell in sheet[1] if cell.comment}
    assert notes.pop("Rank").startswith("Rank: tier first")
    assert notes == {f"f_{name}": feature_description(name) for name in FEATURE_NAMES}
    assert sheet.max_row - 1 == screening.matches.height
    # the same pairs in the same order as on Matches
    matches = book["Matches"]
    assert [c.value for c in matches["E"][1:]] == [c.value for c in sheet["C"][1:]]


def test_csv_keeps_the_features_in_its_matches_table(screening, tmp_path):
    (folder,) = write_report(screening, tmp_path / "tables", "csv")
    matches = pl.read_csv(folder / "matches.csv", infer_schema=False)
    assert {f"f_{name}" for name in FEATURE_NAMES} <= set(matches.columns)


def test_input_headers_that_are_canonical_names_are_not_shown_twice(tmp_path):
    """A file whose headers are screener's own field names (name, country, address, supplier_id) had each column
    twice on the Suppliers sheet, once labelled and once as input_X; the copy goes, the labelled one stays."""
    import openpyxl
    from click.testing import CliRunner

    from screener.cli import cli

    source = tmp_path / "plain.csv"
    source.write_text(
        "supplier_id,name,country,address,annual_spend\n"
        "S1,Rheinland Verpackung GmbH,DE,Hafenweg 1,100\n"
        "S2,Ohio Fasteners Inc,US,Main St 2,200\n",
        encoding="utf-8",
    )
    out = tmp_path / "plain-risk.xlsx"
    result = CliRunner().invoke(cli, ["screen", str(source), "-o", str(out), "-q", "--no-model"])
    assert result.exit_code == 0, result.output
    header = [cell.value for cell in openpyxl.load_workbook(out)["Suppliers"][1]]
    assert not [h for h in header if h.startswith("input_")]
    assert [h for h in header if h in ("Supplier name", "Country", "Address", "Supplier ID")] == [
        "Supplier name",
        "Country",
        "Supplier ID",
        "Address",
    ]
