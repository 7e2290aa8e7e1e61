"""--since: what is new or changed against an earlier report (xlsx, json, csv or parquet)."""

from __future__ import annotations

import datetime as dt

import openpyxl
import polars as pl
import pytest

from screener.errors import InputFileError
from screener.report import write_report
from screener.report.console import summary_lines
from screener.review import compare_with_previous, mark_changes
from tests.report.conftest import make_screening, match_frame, ranking_frame, supplier_frame


def current_screening():
    """The earlier screening one quarter later: a new supplier, a tier change, a new hit, a changed entry, a hit
    gone, and the input rows re-ordered (row ids shifted)."""
    suppliers = pl.concat(
        [
            supplier_frame().with_columns(pl.col("row_id") + 10),
            pl.DataFrame({"row_id": [15], "name": ["Brand New Supplier"], "country_code": ["VN"]}),
        ],
        how="diagonal_relaxed",
    )
    ranking = pl.concat(
        [
            ranking_frame()
            .with_columns(pl.col("row_id") + 10)
            .with_columns(
                pl.when(pl.col("row_id") == 13).then(pl.lit("high")).otherwise("tier").alias("tier")
            ),
            pl.DataFrame({"row_id": [15], "score": [1.0], "tier": ["low"], "rank": [5]}),
        ],
        how="diagonal_relaxed",
    )
    matches = match_frame().filter(pl.col("entity_id") != "ofac-9001").with_columns(pl.col("row_id") + 10)
    matches = matches.with_columns(
        pl.when(pl.col("entity_id") == "uflpa-77")
        .then(pl.lit(dt.date(2025, 3, 1)))
        .otherwise(pl.col("listed_on"))
        .alias("listed_on")
    )
    new_hit = match_frame().head(1).with_columns(row_id=pl.lit(13), entity_id=pl.lit("uflpa-99"))
    return make_screening(
        suppliers=suppliers, ranking=ranking, matches=pl.concat([matches, new_hit], how="vertical_relaxed")
    )


@pytest.fixture(params=["xlsx", "json", "csv", "parquet"])
def previous(request, tmp_path):
    (path,) = write_report(make_screening(), tmp_path / "q1", request.param)
    return path


def changes_by_row(frame: pl.DataFrame) -> dict:
    return dict(frame.select("row_id", "change").iter_rows())


def test_changes_against_every_report_format(previous):
    changes = compare_with_previous(current_screening(), previous)
    suppliers = changes_by_row(changes["suppliers"])
    assert suppliers == {
        11: "list hit no longer found",
        12: "list entry changed",
        13: "tier up: medium → high; new list hit",
        14: None,
        15: "new supplier",
    }
    matches = {(r, e): c for r, _, e, c in changes["matches"].iter_rows()}
    assert matches == {
        (11, "uflpa-12"): None,
        (12, "uflpa-77"): "list entry changed",
        (13, "uflpa-99"): "new list hit",
    }


def test_same_screening_has_no_changes(tmp_path):
    (path,) = write_report(make_screening(), tmp_path / "q1.xlsx")
    changes = compare_with_previous(make_screening(), path)
    assert changes["suppliers"].get_column("change").null_count() == 4
    assert changes["matches"].get_column("change").null_count() == 3


def test_marked_changes_show_in_the_report(tmp_path):
    (path,) = write_report(make_screening(), tmp_path / "q1.xlsx")
    marked = mark_changes(current_screening(), path)
    (report,) = write_report(marked, tmp_path / "q2.xlsx")
    book = openpyxl.load_workbook(report)
    for title in ("Suppliers", "Matches"):
        assert book[title].cell(row=1, column=1).value == "Change", title
    change_cells = [row[0].value for row in book["Suppliers"].iter_rows(min_row=2)]
    assert "tier up: medium → high; new list hit" in change_cells
    assert "new supplier" in change_cells
    assert marked.ranking.height == 5 and marked.matches.height == 3
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row[0]}
    assert (summary["  new supplier"], summary["  tier up"], summary["  new list hit"]) == (1, 1, 1)
    assert (summary["  list entry changed"], summary["  list hit no longer"], summary["  tier down"]) == (
        1,
        1,
        0,
    )
    lines = summary_lines(marked)
    assert (
        "Since the previous screening: new supplier 1, tier up 1, tier down 0, new list hit 1"
        in "\n".join(lines)
    )


def test_not_a_report_is_refused(tmp_path):
    other = tmp_path / "other.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Suppliers"
    book.active.append(["Name", "Country"])
    book.save(other)
    with pytest.raises(InputFileError, match="not a screener report.*supplier fingerprint"):
        compare_with_previous(make_screening(), other)
    with pytest.raises(InputFileError, match="file not found"):
        compare_with_previous(make_screening(), tmp_path / "missing.json")
    text = tmp_path / "q1.txt"
    text.write_text("x")
    with pytest.raises(InputFileError, match=r"\.xlsx, \.json or a csv/parquet folder"):
        compare_with_previous(make_screening(), text)
