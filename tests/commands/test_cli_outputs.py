"""What each command prints on its main path, exactly (in the manner of sqlite-utils' tests/test_cli.py): the
officer's screen summary and progress, the refusal to overwrite, the review round trip, and rules list."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from screener.cli import cli

VENDORS = (
    "Vendor No,Vendor Name,Country,Commodity\n"
    "00017,XINJIANG DAQO NEW ENERGY CO LT,CN,polysilicon\n"
    "00018,Nordlicht Bürobedarf GmbH,DE,office supplies\n"
    "00019,,CN,cotton\n"
)


@pytest.fixture
def vendors(tmp_path) -> Path:
    path = tmp_path / "vendors.csv"
    path.write_text(VENDORS, encoding="utf-8")
    return path


def test_screen_prints_the_summary_and_its_progress(vendors, tmp_path):
    out = tmp_path / "out" / "r.xlsx"
    result = CliRunner().invoke(cli, ["screen", str(vendors), "-o", str(out)])
    assert result.exit_code == 0
    assert result.stdout == (
        "Rows read: 3 from 1 file; ranked 2, rejected 1 (see the Rejected sheet)\n"
        "List hits: 1 supplier (uflpa 1)\n"
        "Tiers: high 1, medium 0, low 1\n"
        "Top 2 by rank: tier, then severity, likelihood, leverage, score (not by score alone):\n"
        "  rank  tier    score  supplier                                  reason\n"
        "     1  high    209.5  XINJIANG DAQO NEW ENERGY CO LT            UFLPA Entity List (2025-01-15): match: "
        "'XINJIANG DAQO NEW ENERGY CO L…\n"
        "     2  low       7.8  Nordlicht Bürobedarf GmbH                 Data gap: no audit: no audit date, result "
        "or findings given\n"
        f"Report: {out}\n"
    )
    assert result.stderr.splitlines() == [
        "  loading risk lists...",
        "  reading supplier files...",
        "  matching 2 suppliers against 17525 list names...",
        "  evaluating indicators...",
        "  scoring with the supplier risk model...",
        "  writing the Suppliers sheet (2 rows)...",
        "  writing the Matches sheet (1 rows)...",
        "  writing the Match features sheet (1 rows)...",
        "  writing the Indicators sheet (6 rows)...",
        "  writing the Rejected sheet (1 rows)...",
        "  writing the Data quality sheet (0 rows)...",
        "  compressing the workbook...",
    ]
    again = CliRunner().invoke(cli, ["screen", str(vendors), "-o", str(out)])
    assert again.exit_code == 2
    assert again.output == (
        f"Error: {out} already exists. Use --force to overwrite it, or choose another path with -o.\n"
    )


def test_output_naming_an_existing_folder_puts_the_report_inside_it(vendors, tmp_path):
    """`-o reports` where reports/ exists: the report is reports/vendors-risk.xlsx (it was written beside the
    folder as reports.xlsx); a folder named like a report is refused at once (not first 'use --force')."""
    folder = tmp_path / "reports"
    folder.mkdir()
    result = CliRunner().invoke(cli, ["screen", str(vendors), "-o", str(folder), "--no-model"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == f"Report: {folder / 'vendors-risk.xlsx'}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports", "vendors.csv"]
    as_json = CliRunner().invoke(cli, ["screen", str(vendors), "-o", str(folder), "--format", "json", "-q"])
    assert as_json.exit_code == 0 and (folder / "vendors-risk.json").is_file()
    named = tmp_path / "r.xlsx"
    named.mkdir()
    refused = CliRunner().invoke(cli, ["screen", str(vendors), "-o", str(named)])
    assert (refused.exit_code, refused.output) == (
        2,
        f"Error: {named} is a folder, but the xlsx report is a file. Choose another path with -o.\n",
    )  # said at once, not after a --force that could not help


def test_an_unwritable_report_folder_is_refused_before_any_supplier_is_read(vendors, tmp_path, monkeypatch):
    """A read-only share as -o: said before the lists are loaded and the file read (it was said after the whole
    screening); the folders made to find out are gone again."""
    from screener.report import writer

    def read_only(target, *, folder=False):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(writer, "new_temp", read_only)
    out = tmp_path / "share" / "q1" / "r.xlsx"
    result = CliRunner().invoke(cli, ["screen", str(vendors), "-o", str(out)])
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"Error: {out}: cannot write in {out.parent} (Permission denied). Choose a writable folder with -o.\n",
    )
    assert not (tmp_path / "share").exists()


def test_a_csv_or_json_report_is_pointed_to_by_its_own_table_names(vendors, tmp_path):
    """The rejected rows are in rejected.csv or under 'rejected' in the json, not on a 'Rejected sheet'."""
    folder = tmp_path / "out"
    as_csv = CliRunner().invoke(
        cli, ["screen", str(vendors), "--format", "csv", "-o", str(folder), "--no-model"]
    )
    as_json = CliRunner().invoke(cli, ["screen", str(vendors), "-o", str(tmp_path / "r.json"), "--no-model"])
    assert (
        as_csv.stdout.splitlines()[0] == "Rows read: 3 from 1 file; ranked 2, rejected 1 (see rejected.csv)"
    )
    assert (
        as_json.stdout.splitlines()[0]
        == "Rows read: 3 from 1 file; ranked 2, rejected 1 (see 'rejected' in r.json)"
    )


def test_quiet_screen_prints_nothing(vendors, tmp_path):
    result = CliRunner().invoke(cli, ["screen", str(vendors), "-o", str(tmp_path / "r.xlsx"), "-q"])
    assert (result.exit_code, result.output) == (0, "")


def test_review_import_of_a_csv_report_folder_says_what_it_is(vendors, tmp_path):
    """The folder exists: 'file not found' sent the officer looking for a typo."""
    folder = tmp_path / "q1"
    screened = CliRunner().invoke(cli, ["screen", str(vendors), "--format", "csv", "-o", str(folder), "-q"])
    assert screened.exit_code == 0, screened.output
    result = CliRunner().invoke(cli, ["review", "import", str(folder), "--store", str(tmp_path / "store")])
    assert (result.exit_code, result.output) == (
        2,
        f"Error: {folder}: is a folder (a csv or parquet report), not a report workbook; decisions are recorded in "
        "the workbook's Decision column. Screen with the xlsx report (the default), record the decisions there, "
        "and import that .xlsx.\n",
    )


def test_review_round_trip_prints_what_it_read_and_the_next_run_counts_it(vendors, tmp_path):
    runner = CliRunner()
    first = tmp_path / "q1.xlsx"
    assert runner.invoke(cli, ["screen", str(vendors), "-o", str(first), "-q"]).exit_code == 0
    book = openpyxl.load_workbook(first)
    sheet = book["Matches"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(2, header.index("Decision") + 1, "false positive")
    sheet.cell(2, header.index("Reviewer") + 1, "A. Officer")
    book.save(first)
    imported = runner.invoke(cli, ["review", "import", str(first)])
    assert imported.exit_code == 0
    store = Path(os.environ["SCREENER_STORE"]) / "decisions.jsonl"
    assert imported.output == (
        f"Read 1 decision(s) from {first}: 1 new or changed, 0 already stored.\nDecisions file: {store}\n"
    )
    again = runner.invoke(cli, ["review", "import", str(first)])
    assert (
        again.output.splitlines()[0]
        == f"Read 1 decision(s) from {first}: 0 new or changed, 1 already stored."
    )
    second = runner.invoke(
        cli, ["screen", str(vendors), "-o", str(tmp_path / "q2.xlsx"), "--since", str(first)]
    )
    assert second.exit_code == 0
    lines = second.stdout.splitlines()
    assert lines[1:5] == [
        "List hits: 1 supplier (uflpa 1)",
        # still high: the name places it in Xinjiang (the UFLPA presumption), whatever the cleared list hit
        "Tiers: high 1, medium 0, low 1",
        "Reviewer decisions on list hits: cleared 1",
        "Since the previous screening: new supplier 0, tier up 0, tier down 0, country changed 0, name changed 0, "
        "supplier id changed 0, new list hit 0, list entry changed 0, list hit no longer found 0, "
        "removed (not in this file) 0",
    ]


def test_rules_list_prints_the_rule_set_and_a_table(tmp_path):
    result = CliRunner().invoke(cli, ["rules", "list", "lksg"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[:3] == [
        "Rule set 'lksg': German Supply Chain Due Diligence Act (LkSG): prioritised by severity, likelihood and "
        "leverage; child and forced labour alike.",
        "rule                                            points  severity  lklh  description",
        "list.uflpa.match                                   100  critical  0.95  The supplier's name matches an "
        "entry of UFLPA Entity List (band match).",
    ]


def test_screen_reads_an_erp_web_page_saved_as_xls(tmp_path):
    """SAP GUI's 'Spreadsheet' export is an HTML page called .xls: screened as Excel shows it, not refused."""
    page = tmp_path / "lfa1.xls"
    page.write_bytes(
        "<html><body><p>Lieferanten</p><table>"
        "<tr><th>Lieferant</th><th>Name 1</th><th>Land</th></tr>"
        "<tr><td>0000100017</td><td>XINJIANG DAQO NEW ENERGY CO LT</td><td>CN</td></tr>"
        "<tr><td>0000100018</td><td>Nordlicht Bürobedarf GmbH</td><td>DE</td></tr>"
        "<tr><td>0000100019</td><td>&nbsp;</td><td>CN</td></tr>"
        "</table></body></html>".encode("cp1252")
    )
    out = tmp_path / "r.xlsx"
    result = CliRunner().invoke(cli, ["screen", str(page), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:3] == [
        "Rows read: 3 from 1 file; ranked 2, rejected 1 (see the Rejected sheet)",
        "List hits: 1 supplier (uflpa 1)",
        "Tiers: high 1, medium 0, low 1",
    ]
    rejected = list(openpyxl.load_workbook(out)["Rejected"].iter_rows(values_only=True))
    assert [row[2:4] for row in rejected] == [
        ("Source row", "Reason"),
        (5, "no supplier name in column 'Name 1'"),
    ]
