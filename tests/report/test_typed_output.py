"""Numbers leave as numbers and dates as dates: reopened, the workbook sorts spend, dates and scores by value, and
the csv, json and parquet tables carry the same types."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import polars as pl
import pytest
from click.testing import CliRunner

from screener.cli import cli

ROWS = [
    # name, country, spend as typed (text), audit date (a date cell), survey score (a number cell), vendor no
    ("Alpha Textil GmbH", "Germany", "99,364.54", dt.datetime(2024, 3, 1), 72, "0001"),
    ("Beta Metall AG", "Germany", "1,200,000.00", dt.datetime(2023, 11, 15), 8, "0002"),
    ("Gamma Plast SARL", "France", "(1,023.84)", dt.datetime(2025, 1, 20), 100, "0003"),
    ("Delta Kabel GmbH", "Germany", "€ 3.5m", None, 55.5, "0004"),
]


@pytest.fixture(scope="module")
def workbook_input(tmp_path_factory):
    folder = tmp_path_factory.mktemp("typed")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Vendor No", "Supplier Name", "Country", "Spend (EUR)", "Last Audit Date", "Survey Score"])
    for vendor_no_last in ROWS:
        name, country, spend, audit, score, number = vendor_no_last
        sheet.append([number, name, country, spend, audit, score])
    for row in range(2, len(ROWS) + 2):
        sheet.cell(row, 5).number_format = "dd.mm.yyyy"
    path = folder / "typed.xlsx"
    book.save(path)
    return path


@pytest.fixture(scope="module")
def reports(workbook_input):
    folder = workbook_input.parent
    for fmt in ("xlsx", "json", "csv", "parquet"):
        out = folder / f"report.{fmt}" if fmt in ("xlsx", "json") else folder / f"report-{fmt}"
        result = CliRunner().invoke(
            cli, ["screen", str(workbook_input), "-o", str(out), "--format", fmt, "-q", "--no-model"]
        )
        assert result.exit_code == 0, result.output
    return folder


def _column(sheet, label):
    header = [cell.value for cell in sheet[1]]
    return [row[header.index(label)] for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_reopened_workbook_has_number_and_date_cells_that_sort_by_value(reports):
    sheet = openpyxl.load_workbook(reports / "report.xlsx")["Suppliers"]
    spend = _column(sheet, "Spend")
    assert all(isinstance(v, int | float) for v in spend)  # openpyxl reads 3500000.0 back as an int
    # sorted descending, 1.2 million comes before 99,364.54 (text sorted the other way)
    assert sorted(spend, reverse=True) == [3_500_000.0, 1_200_000.0, 99_364.54, -1_023.84]
    header = [cell.value for cell in sheet[1]]
    audit_cell = sheet.cell(3, header.index("Last Audit Date") + 1)
    assert audit_cell.number_format == "dd.mm.yyyy"  # the input's own date format, kept
    audits = [v for v in _column(sheet, "Last Audit Date") if v is not None]
    assert all(isinstance(v, dt.datetime) for v in audits)
    assert min(audits) == dt.datetime(2023, 11, 15)
    scores = _column(sheet, "Survey Score")
    assert sorted(scores) == [8, 55.5, 72, 100]
    assert all(isinstance(v, int | float) for v in _column(sheet, "Score"))
    assert _column(sheet, "Supplier ID") == _column(sheet, "Supplier ID") and all(
        isinstance(v, str) for v in _column(sheet, "Supplier ID")
    )  # "0001" is an ID: it stays text


def test_machine_formats_carry_the_same_types(reports):
    parquet = pl.read_parquet(reports / "report-parquet" / "suppliers.parquet")
    assert parquet.schema["spend_value"] == pl.Float64
    assert parquet.schema["spend_converted"] == pl.Float64
    assert parquet.schema["Last Audit Date"] == pl.Date
    assert parquet.schema["audit_date_value"] == pl.Date
    assert parquet.schema["Survey Score"] == pl.Float64
    assert parquet.schema["Vendor No"] == pl.String
    assert parquet.schema["Spend (EUR)"] == pl.String  # the input's own text, kept as typed
    csv = pl.read_csv(reports / "report-csv" / "suppliers.csv", try_parse_dates=True)
    assert csv.schema["spend_value"] == pl.Float64 and csv.schema["Last Audit Date"] == pl.Date
    rows = {
        r["name"]: r for r in json.loads((reports / "report.json").read_text(encoding="utf-8"))["suppliers"]
    }
    assert rows["Gamma Plast SARL"]["spend_value"] == -1023.84
    assert rows["Beta Metall AG"]["Last Audit Date"] == "2023-11-15"
    assert rows["Delta Kabel GmbH"]["Survey Score"] == 55.5


def test_date_cells_among_text_keep_the_date_the_input_showed(tmp_path):
    """A column of date cells and typed text ('05.03.2025', 'n/a') stays text, and its date cells leave as date
    cells, not as the reader's '2024-03-05 00:00:00'."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Supplier Name", "Country", "Letztes Audit"])
    sheet.append(["Alpha Textil GmbH", "DE", dt.datetime(2024, 3, 5)])
    sheet.append(["Beta Metall AG", "DE", "05.03.2025"])
    sheet.append(["Gamma Plast SARL", "FR", "n/a"])
    path = tmp_path / "mixed-dates.xlsx"
    book.save(path)
    suppliers = openpyxl.load_workbook(_screen(path, tmp_path / "mixed-dates-risk.xlsx"))["Suppliers"]
    by_name = dict(zip(_column(suppliers, "Supplier name"), _column(suppliers, "Letztes Audit"), strict=True))
    assert by_name == {
        "Alpha Textil GmbH": dt.datetime(2024, 3, 5),
        "Beta Metall AG": "05.03.2025",
        "Gamma Plast SARL": "n/a",
    }


@pytest.mark.parametrize("path", ["xlsxwriter", "fast splice"])
def test_number_and_date_cells_in_a_column_that_also_holds_text_leave_as_numbers_and_dates(
    tmp_path, path, monkeypatch
):
    """'Umsatz 2025' holds number cells beside '1.234,56 €' and 'n/a'; 'Letztes Audit' date cells beside
    'unbekannt': a column has one type, so the column stays text, but each number and date cell is written as the
    number and date it was (sorting and sums work in Excel), by both writer paths alike. The supplier number
    stays text though it is digits."""
    from screener.report import excel

    if path == "fast splice":
        monkeypatch.setattr(excel, "FAST_SHEET_MIN_ROWS", 1)
    report = openpyxl.load_workbook(_screen(_mixed_workbook(tmp_path), tmp_path / "r.xlsx"))["Suppliers"]
    by_name = {name: i for i, name in enumerate(_column(report, "Supplier name"))}
    rows = sorted(by_name)
    assert rows == ["Bäckerei Nord", "Müller Stahl GmbH", "Nordlicht GmbH", "Weber KG"]
    spend = _column(report, "Umsatz 2025")
    audit = _column(report, "Letztes Audit")
    assert spend[by_name["Müller Stahl GmbH"]] == 250000
    assert spend[by_name["Nordlicht GmbH"]] == 99.5
    assert spend[by_name["Bäckerei Nord"]] == "1.234,56 €"
    assert spend[by_name["Weber KG"]] == "n/a"
    assert audit[by_name["Müller Stahl GmbH"]] == dt.datetime(2024, 3, 1)
    assert audit[by_name["Nordlicht GmbH"]] == dt.datetime(
        1900, 1, 1
    )  # before Excel's 29 February 1900: same day
    assert audit[by_name["Bäckerei Nord"]] == "unbekannt"
    assert sorted(_column(report, "Supplier ID")) == ["0042", "0043", "0044", "0045"]  # IDs stay text
    assert _column(report, "Anschrift")[by_name["Bäckerei Nord"]] == "20457"  # a postcode alone: no amount


def test_json_writes_number_cells_among_text_as_numbers(tmp_path):
    """The json report types the same cells the workbook does: in 'Umsatz 2025' the number cells are JSON
    numbers beside the text '1.234,56 €' and 'n/a'; the date cell is the ISO date a date column has in json; the
    supplier number and a postcode alone in the address stay text."""
    out = _screen(_mixed_workbook(tmp_path), tmp_path / "r.json", "--format", "json")
    rows = {r["name"]: r for r in json.loads(out.read_text(encoding="utf-8"))["suppliers"]}
    assert {name: row["Umsatz 2025"] for name, row in rows.items()} == {
        "Müller Stahl GmbH": 250000,
        "Bäckerei Nord": "1.234,56 €",
        "Nordlicht GmbH": 99.5,
        "Weber KG": "n/a",
    }
    assert rows["Müller Stahl GmbH"]["Letztes Audit"] == "2024-03-01"
    assert rows["Bäckerei Nord"]["Letztes Audit"] == "unbekannt"
    assert rows["Bäckerei Nord"]["Anschrift"] == "20457"
    assert rows["Müller Stahl GmbH"]["supplier_id"] == "0042"


def _mixed_workbook(folder):
    """A German vendor list whose spend and audit columns hold number and date cells beside text."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Kreditor", "Lieferantenname", "Land", "Umsatz 2025", "Letztes Audit", "Anschrift"])
    sheet.append(["0042", "Müller Stahl GmbH", "Deutschland", 250000, dt.datetime(2024, 3, 1), "Hafenstr. 1"])
    sheet.append(["0043", "Bäckerei Nord", "Deutschland", "1.234,56 €", "unbekannt", 20457])
    sheet.append(["0044", "Nordlicht GmbH", "Deutschland", 99.5, dt.datetime(1900, 1, 1), "Kiel"])
    sheet.append(["0045", "Weber KG", "Deutschland", "n/a", None, None])
    source = folder / "mixed.xlsx"
    book.save(source)
    return source


def _screen(source, out, *options):
    """``screener screen SOURCE -o OUT`` (quiet, no model); the report's path."""
    result = CliRunner().invoke(cli, ["screen", str(source), "-o", str(out), "-q", "--no-model", *options])
    assert result.exit_code == 0, result.output
    return out
