"""The review loop: write a report, decide in the workbook with openpyxl, `review import`, apply on the next run."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import polars as pl
import pytest
from click.testing import CliRunner

from screener.cli import cli
from screener.report import write_report
from screener.report.console import summary_lines
from screener.review import (
    apply_decisions,
    apply_supplier_decisions,
    import_reviewed_workbook,
    load_decisions,
)
from screener.review.decisions import decisions_path
from tests.report.conftest import make_screening, match_frame, ranking_frame, supplier_frame


def headers(sheet) -> list[str]:
    return [cell.value for cell in sheet[1]]


def find_row(sheet, header: str, value) -> int:
    col = headers(sheet).index(header)
    for row in sheet.iter_rows(min_row=2):
        if row[col].value == value:
            return row[col].row
    raise AssertionError(f"{value!r} not in {header}")


def set_cells(sheet, row: int, **values) -> None:
    for header, value in values.items():
        sheet.cell(row=row, column=headers(sheet).index(header) + 1, value=value)


def reviewed_report(tmp_path, edits, screening=None, name="report.xlsx"):
    """Write a report, apply ``edits`` ({sheet: [(key header, key value, {header: value})]}), save it again."""
    (path,) = write_report(screening or make_screening(), tmp_path / name)
    book = openpyxl.load_workbook(path)
    for title, changes in edits.items():
        for key_header, key_value, values in changes:
            set_cells(book[title], find_row(book[title], key_header, key_value), **values)
    book.save(path)
    return path


def clear_uflpa12(tmp_path, **extra):
    values = {"Decision": "false positive", "Notes": "different company (Shihezi)", **extra}
    return reviewed_report(tmp_path, {"Matches": [("entity_id (key)", "uflpa-12", values)]})


def import_via_cli(path, *args):
    return CliRunner().invoke(cli, ["review", "import", str(path), *args])


def status_of(applied: pl.DataFrame, entity_id: str):
    return applied.filter(pl.col("entity_id") == entity_id).row(0, named=True)


def test_round_trip_false_positive_is_cleared_then_expires_when_entry_changes(tmp_path):
    path = clear_uflpa12(tmp_path)
    result = import_via_cli(path, "--reviewer", "A. Officer")
    assert result.exit_code == 0, result.output
    assert "1 new or changed" in result.output

    decisions = load_decisions()
    assert decisions.height == 1
    stored = decisions.row(0, named=True)
    assert (stored["decision"], stored["reviewer"], stored["list_id"], stored["entity_id"]) == (
        "false positive",
        "A. Officer",
        "uflpa",
        "uflpa-12",
    )
    assert stored["supplier_fingerprint"] == "xinjiang zhongtai chemical co ltd|CN|S-001"
    assert stored["list_version"] == "2024-12-16"
    assert stored["decided_on"] == dt.date.today().isoformat()

    # next screening: same supplier, same entry (even with a new list version) -> cleared
    applied = apply_decisions(match_frame(), supplier_frame(), decisions)
    assert applied.height == 3 and applied.columns[: len(match_frame().columns)] == match_frame().columns
    row = status_of(applied, "uflpa-12")
    assert (row["decision_status"], row["decision"], row["decision_reviewer"]) == (
        "cleared",
        "false positive",
        "A. Officer",
    )
    assert row["decision_date"] == dt.date.today().isoformat()
    assert status_of(applied, "ofac-9001")["decision_status"] is None

    # the publisher changed the entry (new programme text): the decision expires and is not pre-filled
    changed = match_frame().with_columns(
        pl.when(pl.col("entity_id") == "uflpa-12")
        .then(pl.lit("UFLPA Entity List; also WRO"))
        .otherwise(pl.col("program"))
        .alias("program")
    )
    row = status_of(apply_decisions(changed, supplier_frame(), decisions), "uflpa-12")
    assert row["decision_status"] == "expired: list entry changed"
    assert row["decision"] is None
    assert "earlier decision 'false positive' by A. Officer" in row["decision_note"]
    assert "different company (Shihezi)" in row["decision_note"]

    # another supplier matching the same entity is not cleared
    other = supplier_frame().with_columns(pl.lit("Other Name Ltd").alias("name"))
    assert status_of(apply_decisions(match_frame(), other, decisions), "uflpa-12")["decision_status"] is None


def test_report_after_decisions_shows_them_and_reimport_adds_nothing(tmp_path):
    import_reviewed_workbook(clear_uflpa12(tmp_path, Reviewer="B. Reviewer"))
    decisions = load_decisions()
    screening = make_screening()
    screening.matches = apply_decisions(screening.matches, screening.suppliers, decisions)
    (path,) = write_report(screening, tmp_path / "next.xlsx")
    book = openpyxl.load_workbook(path)
    matches = book["Matches"]
    row = find_row(matches, "entity_id (key)", "uflpa-12")
    values = dict(zip(headers(matches), [c.value for c in matches[row]], strict=True))
    assert values["Decision"] == "false positive"
    assert values["Decision status"] == "cleared"
    assert values["Reviewer"] == "B. Reviewer"
    assert values["Decision date"] == dt.date.today().isoformat()
    # the cleared hit is no longer the supplier's best hit
    suppliers = book["Suppliers"]
    assert (
        suppliers.cell(row=2, column=headers(suppliers).index("Best hit name") + 1).value
        == "ZHONGTAI CHEMICAL"
    )

    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row[0]}
    assert summary["List hits cleared (reviewer decisions)"] == 1
    assert "Reviewer decisions on list hits: cleared 1" in summary_lines(screening)

    again = import_reviewed_workbook(path)
    assert (again.added, again.unchanged) == (0, 1)
    assert load_decisions().height == 1


def test_changed_decision_supersedes_and_history_is_kept(tmp_path):
    import_reviewed_workbook(clear_uflpa12(tmp_path))
    later = reviewed_report(
        tmp_path,
        {"Matches": [("entity_id (key)", "uflpa-12", {"Decision": "confirmed", "Reviewer": "C. Lead"})]},
        name="later.xlsx",
    )
    assert import_reviewed_workbook(later).added == 1
    history = load_decisions()
    assert history.get_column("decision").to_list() == ["false positive", "confirmed"]
    row = status_of(apply_decisions(match_frame(), supplier_frame(), history), "uflpa-12")
    assert (row["decision_status"], row["decision_reviewer"]) == ("confirmed", "C. Lead")
    # a confirmed hit stays confirmed when the publisher edits the entry (only clearances expire)
    edited = match_frame().with_columns(pl.lit("UFLPA Entity List (amended)").alias("program"))
    assert (
        status_of(apply_decisions(edited, supplier_frame(), history), "uflpa-12")["decision_status"]
        == "confirmed"
    )
    lines = decisions_path().read_text().splitlines()
    assert [json.loads(line)["decision"] for line in lines] == ["false positive", "confirmed"]


def test_suppliers_sheet_decision_applies_to_best_hit_or_to_the_supplier(tmp_path):
    path = reviewed_report(
        tmp_path,
        {
            "Suppliers": [
                ("Supplier ID", "S-002", {"Decision": "FP", "Decision date": dt.datetime(2025, 2, 3)}),
                ("Supplier ID", "0042", {"Decision": "Needs info", "Notes": "asked for audit report"}),
            ]
        },
    )
    result = import_reviewed_workbook(path, reviewer="A. Officer")
    assert result.added == 2
    decisions = load_decisions()
    on_hit = decisions.filter(pl.col("entity_id") == "uflpa-77").row(0, named=True)
    assert (on_hit["decision"], on_hit["decided_on"]) == ("false positive", "2025-02-03")
    assert status_of(apply_decisions(match_frame(), supplier_frame(), decisions), "uflpa-77")[
        "decision_status"
    ] == ("cleared")
    ranking = apply_supplier_decisions(ranking_frame(), supplier_frame(), decisions)
    assert ranking.height == ranking_frame().height
    acme = ranking.filter(pl.col("row_id") == 3).row(0, named=True)
    assert (acme["decision"], acme["decision_note"]) == ("needs information", "asked for audit report")
    assert (
        ranking.get_column("decision").null_count() == 3
    )  # the best-hit decision is on the matches, not here

    # the next report shows the supplier-level decision in the Suppliers sheet
    screening = make_screening(ranking=ranking)
    screening.matches = apply_decisions(screening.matches, screening.suppliers, decisions)
    (report,) = write_report(screening, tmp_path / "next.xlsx")
    sheet = openpyxl.load_workbook(report)["Suppliers"]
    row = find_row(sheet, "Supplier ID", "0042")
    assert sheet.cell(row=row, column=headers(sheet).index("Decision") + 1).value == "needs information"
    row = find_row(sheet, "Supplier ID", "S-002")
    # its only hit is cleared: still shown as best hit, with the decision that cleared it
    assert sheet.cell(row=row, column=headers(sheet).index("Decision") + 1).value == "false positive"
    assert import_reviewed_workbook(report).added == 0


def test_unknown_decision_is_refused_with_the_cell_and_nothing_stored(tmp_path):
    path = reviewed_report(
        tmp_path,
        {
            "Matches": [
                ("entity_id (key)", "uflpa-12", {"Decision": "false positive"}),
                ("entity_id (key)", "uflpa-77", {"Decision": "maybe?"}),
            ]
        },
    )
    result = import_via_cli(path)
    assert result.exit_code == 2
    assert "Matches!" in result.output and "'maybe?' is not a decision" in result.output
    assert "Traceback" not in result.output
    assert load_decisions().is_empty()


def test_conflicting_decisions_for_one_key_are_refused(tmp_path):
    path = reviewed_report(
        tmp_path,
        {
            "Suppliers": [("Supplier ID", "S-001", {"Decision": "confirmed"})],
            "Matches": [("entity_id (key)", "uflpa-12", {"Decision": "false positive"})],
        },
    )
    with pytest.raises(Exception, match="different decisions for the same supplier"):
        import_reviewed_workbook(path)
    assert load_decisions().is_empty()


def test_notes_without_decision_are_reported(tmp_path):
    path = reviewed_report(tmp_path, {"Matches": [("entity_id (key)", "uflpa-77", {"Notes": "check this"})]})
    result = import_via_cli(path)
    assert result.exit_code == 0
    assert "1 note(s) without a decision (Matches!" in result.output


def test_not_a_workbook_or_missing(tmp_path):
    bogus = tmp_path / "reviewed.xlsx"
    bogus.write_text("not a zip")
    result = import_via_cli(bogus)
    assert result.exit_code == 2 and "cannot be read as an xlsx workbook" in result.output
    result = import_via_cli(tmp_path / "missing.xlsx")
    assert result.exit_code == 2 and "file not found" in result.output


def test_store_option_and_empty_store(tmp_path):
    assert load_decisions(tmp_path / "nothing-here").is_empty()
    path = clear_uflpa12(tmp_path)
    result = import_via_cli(path, "--store", str(tmp_path / "team-store"))
    assert result.exit_code == 0
    assert load_decisions(tmp_path / "team-store").height == 1
    assert load_decisions().is_empty()


def test_apply_with_no_decisions_adds_null_columns():
    applied = apply_decisions(match_frame(), supplier_frame(), load_decisions())
    assert applied.get_column("decision_status").null_count() == 3
    empty = apply_decisions(match_frame().clear(), supplier_frame(), load_decisions())
    assert "decision_status" in empty.columns and empty.height == 0


def test_review_list_shows_what_holds_and_the_history(tmp_path):
    store = decisions_path(None)
    assert run_cli("review", "list").output == f"No decisions stored yet ({store}).\n"
    import_reviewed_workbook(clear_uflpa12(tmp_path))
    later = reviewed_report(
        tmp_path,
        {"Matches": [("entity_id (key)", "uflpa-12", {"Decision": "confirmed", "Reviewer": "C. Lead"})]},
        name="later.xlsx",
    )
    import_reviewed_workbook(later)
    today = dt.date.today().isoformat()  # the day each decision was imported
    confirmed = f"  {today}  confirmed          C. Lead           Xinjiang Zhongtai Chemical Co Ltd     uflpa:uflpa-12"
    cleared = (
        f"  {today}  false positive     -                 Xinjiang Zhongtai Chemical Co Ltd     uflpa:uflpa-12"
        "  (different company (Shihezi))"
    )
    assert run_cli("review", "list").output.splitlines() == [f"1 decision(s) in {store}:", confirmed]
    assert run_cli("review", "list", "--all").output.splitlines() == [
        f"2 decision(s) in {store}:",
        cleared,
        confirmed,
    ]


def run_cli(*args):
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result
