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
    assert (
        summary["  list entry changed"],
        summary["  list hit no longer found"],
        summary["  tier down"],
    ) == (
        1,
        1,
        0,
    )
    assert summary["  removed (not in this file)"] == 0
    lines = summary_lines(marked)
    assert (
        "Since the previous screening: new supplier 1, tier up 1, tier down 0, country changed 0, name changed 0, "
        "supplier id changed 0, new list hit 1, list entry changed 1, list hit no longer found 1, "
        "removed (not in this file) 0"
    ) in lines


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


def quarter_later():
    """The sample screening a quarter later: Nordic Timber (S-004) left the file, Acme (0042) moved from
    Bangladesh to Viet Nam, the supplier S-002 was renamed, and a supplier without an id changed country."""
    suppliers = supplier_frame()
    suppliers = pl.concat(
        [
            suppliers.filter(pl.col("supplier_id") != "S-004").with_columns(
                pl.when(pl.col("supplier_id") == "0042")
                .then(pl.lit("VN"))
                .otherwise(pl.col("country_code"))
                .alias("country_code"),
                pl.when(pl.col("supplier_id") == "S-002")
                .then(pl.lit("Hyperlink Gloves Sdn Bhd"))
                .otherwise(pl.col("name"))
                .alias("name"),
            ),
            pl.DataFrame({"row_id": [6], "name": ["Baltic Pallets OU"], "country_code": ["EE"]}),
        ],
        how="diagonal_relaxed",
    )
    ranking = pl.concat(
        [
            ranking_frame().filter(pl.col("row_id") != 4),
            pl.DataFrame({"row_id": [6], "score": [2.0], "tier": ["low"], "rank": [4]}),
        ],
        how="diagonal_relaxed",
    )
    return make_screening(suppliers=suppliers, ranking=ranking)


def quarter_before():
    """The earlier screening, with one more supplier: Baltic Pallets OU, no supplier id, then in Latvia."""
    suppliers = pl.concat(
        [
            supplier_frame(),
            pl.DataFrame({"row_id": [6], "name": ["Baltic Pallets OU"], "country_code": ["LV"]}),
        ],
        how="diagonal_relaxed",
    )
    ranking = pl.concat(
        [ranking_frame(), pl.DataFrame({"row_id": [6], "score": [2.0], "tier": ["low"], "rank": [5]})],
        how="diagonal_relaxed",
    )
    return make_screening(suppliers=suppliers, ranking=ranking)


def test_removed_supplier_and_changed_country_are_changes_not_new(previous_formats, tmp_path):
    (path,) = write_report(quarter_before(), tmp_path / "q1", previous_formats)
    changes = compare_with_previous(quarter_later(), path)
    assert changes_by_row(changes["suppliers"]) == {
        1: None,
        2: "name: hyperlink http x y → hyperlink gloves sdn bhd",
        3: "country: BD → VN",
        6: "country: LV → EE",
    }
    removed = changes["removed"].drop("supplier_fingerprint")
    assert removed.to_dicts() == [
        {
            "supplier_id": "S-004",
            "name": "Nordic Timber AB",
            "country_code": "SE",
            "tier_before": "low",
            "change": "not in this screening",
        }
    ]
    # the hits of a supplier whose name changed are the same hits, not new ones
    assert changes["matches"].get_column("change").to_list() == [None, None, None]


@pytest.fixture(params=["xlsx", "json", "csv", "parquet"])
def previous_formats(request):
    return request.param


def test_removed_suppliers_in_every_report_and_the_summary(tmp_path):
    (path,) = write_report(quarter_before(), tmp_path / "q1.xlsx")
    marked = mark_changes(quarter_later(), path)
    (report,) = write_report(marked, tmp_path / "q2.xlsx")
    book = openpyxl.load_workbook(report)
    rows = list(book["Removed since"].iter_rows(values_only=True))
    assert rows == [
        (
            "Supplier ID",
            "Supplier name",
            "Country code",
            "Tier before",
            "Change",
            "supplier fingerprint (key)",
        ),
        ("S-004", "Nordic Timber AB", "SE", "low", "not in this screening", "nordic timber ab|SE|S-004"),
    ]
    assert (
        "Since the previous screening: new supplier 0, tier up 0, tier down 0, country changed 2, "
        in "\n".join(summary_lines(marked))
    )
    assert "removed (not in this file) 1" in "\n".join(summary_lines(marked))
    (folder,) = write_report(marked, tmp_path / "q2-tables", "csv")
    assert pl.read_csv(folder / "removed.csv").get_column("name").to_list() == ["Nordic Timber AB"]
