"""The workbook, reopened with openpyxl: sheets, frozen headers, filters, dropdowns, links, colours, text cells."""

from __future__ import annotations

import openpyxl
import polars as pl
import pytest

from screener.errors import OutputError
from screener.io import InputInfo
from screener.report import write_report
from screener.report.excel import DECISION_CHOICES, XLSX_MAX_DATA_ROWS, check_fits_xlsx
from screener.report.labels import TIER_COLOURS
from tests.report.conftest import (
    HOSTILE_NAME,
    empty_screening,
    hit_frame,
    make_screening,
    ranking_frame,
    supplier_frame,
)

SHEETS = [
    "Summary",
    "Suppliers",
    "Matches",
    "Match features",
    "Indicators",
    "Rejected",
    "Data quality",
    "Method",
]


@pytest.fixture
def book(tmp_path, screening):
    (path,) = write_report(screening, tmp_path / "out" / "report.xlsx")
    return openpyxl.load_workbook(path)


def headers(sheet) -> list[str]:
    return [cell.value for cell in sheet[1]]


def column(sheet, header: str) -> list:
    index = headers(sheet).index(header)
    return [row[index] for row in sheet.iter_rows(min_row=2)]


def test_sheets_in_order(book):
    assert book.sheetnames == SHEETS


def test_data_sheets_have_frozen_header_and_filter(book):
    # the header, and on sheets that begin with rank, tier and name, everything up to the supplier's name
    frozen = {
        "Suppliers": "D2",
        "Matches": "D2",
        "Match features": "C2",
        "Indicators": "D2",
        "Rejected": "A2",
    }
    for title, cell in frozen.items():
        sheet = book[title]
        assert sheet.freeze_panes == cell, title
        assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A1:"), title


def test_suppliers_ranked_with_reasons_best_hit_and_every_input_column(book):
    sheet = book["Suppliers"]
    head = headers(sheet)
    for label in (
        "Rank",
        "Tier",
        "Score",
        "Reasons",
        "Best hit list",
        "Best hit name",
        "Recommended action",
        "Decision",
        "Notes",
        "Reviewer",
        "Decision date",
        "Vendor No",
        "Annual spend",
        "Buyer notes",
        "row_id (key)",
        "supplier fingerprint (key)",
    ):
        assert label in head, label
    assert [c.value for c in column(sheet, "Rank")] == [1, 2, 3, 4]
    assert [c.value for c in column(sheet, "Best hit name")][:2] == [
        "XINJIANG ZHONGTAI CHEMICAL CO. LTD.",
        "HYPERLINK GLOVES SDN BHD",
    ]
    # one reason per line in a wrapped cell, the row tall enough for a few lines
    reasons = column(sheet, "Reasons")[0]
    assert reasons.value.splitlines() == [
        "Listed on the UFLPA Entity List as XINJIANG ZHONGTAI CHEMICAL CO. LTD.",
        "PVC from China; DOL 2022",
    ]
    assert reasons.alignment.wrap_text
    assert sheet.row_dimensions[2].height == 30  # 2 reasons, each within the column's width: two lines
    # ID-like text stays text, leading zeros kept
    assert column(sheet, "Supplier ID")[2].value == "0042"
    assert column(sheet, "Supplier ID")[2].data_type == "s"


def test_hostile_name_is_a_text_cell_everywhere(book):
    for title, header in (
        ("Suppliers", "Supplier name"),
        ("Matches", "Supplier name"),
        ("Indicators", "Supplier name"),
    ):
        cells = [c for c in column(book[title], header) if c.value == HOSTILE_NAME]
        assert cells, title
        assert all(c.data_type == "s" for c in cells), title
    # leading +, @, - and tab in carried-through columns are text too
    notes = [c for c in column(book["Suppliers"], "Buyer notes")]
    assert [c.data_type for c in notes] == ["s"] * 4
    assert notes[0].value == "+44 20 7946 0000"


def test_no_formula_cell_anywhere(book):
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)


def test_decision_dropdown_on_suppliers_and_matches(book):
    for title in ("Suppliers", "Matches"):
        sheet = book[title]
        letter = openpyxl.utils.get_column_letter(headers(sheet).index("Decision") + 1)
        validations = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
        assert len(validations) == 1, title
        (validation,) = validations
        assert validation.formula1 == '"' + ",".join(DECISION_CHOICES) + '"'
        assert f"{letter}2" in validation.sqref


def test_tier_cells_coloured(book):
    tiers = column(book["Suppliers"], "Tier")
    colours = {c.value: c.fill.fgColor.rgb for c in tiers}
    for tier, colour in TIER_COLOURS.items():
        assert colours[tier].upper().endswith(colour.lstrip("#").upper())


def test_matches_side_by_side_with_real_links_only_for_http(book):
    sheet = book["Matches"]
    head = headers(sheet)
    for label in (
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
        "Source",
        "Explanation",
        "Decision",
        "Notes",
        "list version (key)",
        "entity_id (key)",
        "entry fingerprint (key)",
        "supplier fingerprint (key)",
        "row_id (key)",
    ):
        assert label in head, label
    sources = column(sheet, "Source")
    assert sources[0].hyperlink.target == "https://www.dhs.gov/uflpa-entity-list"
    assert sources[1].value == "javascript:alert(1)"
    assert sources[1].hyperlink is None  # not a web URL: plain text
    assert column(sheet, "Listed on")[0].is_date


def test_indicators_and_rejected(book):
    evidence = [c.value for c in column(book["Indicators"], "Evidence")]
    assert "DOL 2022 List of Goods: garments, Bangladesh, child labour" in evidence
    rejected = book["Rejected"]
    assert [c.value for c in column(rejected, "Reason")] == ["no supplier name"]
    assert [c.value for c in column(rejected, "Source row")] == [8]


def test_empty_screening_still_writes_every_sheet(tmp_path):
    (path,) = write_report(empty_screening(), tmp_path / "empty.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == SHEETS
    assert book["Suppliers"].max_row == 1
    assert book["Rejected"].max_row == 2


def test_extra_columns_and_control_characters_are_tolerated(tmp_path):
    suppliers = supplier_frame().with_columns(
        pl.Series("tags", [["a", "b"], [], None, ["c"]]),
        pl.Series("name", ["Bell\x07 Co", "Tab\tCo", "New\nLine", "X" * 40000]),
    )
    (path,) = write_report(make_screening(suppliers=suppliers), tmp_path / "r.xlsx")
    sheet = openpyxl.load_workbook(path)["Suppliers"]
    names = [c.value for c in column(sheet, "Supplier name")]
    assert names[0] == "Bell Co"
    assert len(names[3]) == 32767 and names[3].endswith("[truncated: see the csv or json report]")
    assert [c.value for c in column(sheet, "tags")][0] == "a; b"


def test_too_many_rows_for_a_sheet_is_refused_with_the_way_out(tmp_path):
    big = pl.DataFrame({"row_id": pl.int_range(0, XLSX_MAX_DATA_ROWS + 1, eager=True)})
    with pytest.raises(OutputError, match="csv or --format parquet"):
        check_fits_xlsx({"suppliers": big}, tmp_path / "r.xlsx")


def test_input_columns_named_like_report_columns_are_kept_as_data(tmp_path):
    suppliers = supplier_frame().with_columns(
        pl.lit("approved").alias("decision"), pl.lit(7).alias("rank"), pl.lit("x").alias("change")
    )
    (path,) = write_report(make_screening(suppliers=suppliers), tmp_path / "r.xlsx")
    sheet = openpyxl.load_workbook(path)["Suppliers"]
    assert [c.value for c in column(sheet, "decision (input)")] == ["approved"] * 4
    assert [c.value for c in column(sheet, "rank (input)")] == [7] * 4
    assert [c.value for c in column(sheet, "Decision")] == [None] * 4
    assert [c.value for c in column(sheet, "Rank")] == [1, 2, 3, 4]
    assert "Change" not in headers(sheet)


def test_urls_from_supplier_data_never_become_links(tmp_path):
    suppliers = supplier_frame().with_columns(
        pl.Series("name", ["https://phish.example/login", "b", "c", "d"]),
        pl.lit("https://phish.example/x").alias("Website"),
    )
    (path,) = write_report(make_screening(suppliers=suppliers), tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(path)
    linked = {
        (sheet.title, cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.hyperlink is not None
    }
    assert linked  # list source URLs are links...
    assert all("phish" not in str(value) for _, value in linked)  # ...supplier data never
    assert {title for title, _ in linked} == {"Matches", "Method"}


def test_hit_every_supplier_has_is_one_workbook_row_but_every_row_in_csv(tmp_path):
    gap = pl.DataFrame(
        {
            "row_id": [1, 2, 3, 4],
            "rule_id": ["gap.no_audit"] * 4,
            "category": ["data_gap"] * 4,
            "points": [5.0] * 4,
            "severity": ["low"] * 4,
            "evidence": ["Data gap: no audit date, result or findings given"] * 4,
        }
    )
    screening = make_screening(hits=pl.concat([hit_frame(), gap]))
    (xlsx,) = write_report(screening, tmp_path / "r.xlsx")
    sheet = openpyxl.load_workbook(xlsx)["Indicators"]
    assert sheet.max_row == 1 + 4 + 1  # header, the four per-supplier hits, one row for the gap
    first = {label: cell.value for label, cell in zip(headers(sheet), sheet[2], strict=True)}
    assert first["Rule"] == "gap.no_audit"
    assert first["Supplier name"] == "(all 4 screened suppliers)"
    assert first["Evidence"] == "Data gap: no audit date, result or findings given"
    assert first["Rank"] is None and first["row_id (key)"] is None
    (folder,) = write_report(screening, tmp_path / "r-csv", "csv")
    assert pl.read_csv(folder / "indicators.csv").height == 8


def test_canonical_copies_of_input_columns_and_one_source_file_are_not_repeated(tmp_path):
    suppliers = supplier_frame().with_columns(pl.col("country").alias("Ctry"))
    screening = make_screening(suppliers=suppliers)
    screening.inputs = [
        InputInfo(
            "suppliers.xlsx", "c" * 64, "Vendors", 4, {"supplier_id": "Vendor No", "country": "Ctry"}, 5, 1
        )
    ]
    (path,) = write_report(screening, tmp_path / "r.xlsx")
    head = headers(openpyxl.load_workbook(path)["Suppliers"])
    assert "Country" not in head and "Source file" not in head and "Source sheet" not in head
    assert head.index("Ctry") == head.index("Supplier name") + 1  # the officer's column where the copy was
    assert {"Supplier ID", "Source row", "Country code"} <= set(head)
    assert "Vendor No" not in head  # the same values as Supplier ID, which the review import reads
    (folder,) = write_report(screening, tmp_path / "r-csv", "csv")
    assert {"country", "Ctry", "source_file"} <= set(pl.read_csv(folder / "suppliers.csv").columns)


def test_nan_and_infinite_numbers_are_empty_cells_and_decimals_numbers(tmp_path):
    ranking = ranking_frame().with_columns(
        pl.Series("model_probability", [float("nan"), float("inf"), 0.5, None]),
    )
    suppliers = supplier_frame().with_columns(
        pl.Series("Annual spend", ["120000.50", "3400", None, "77"]).cast(pl.Decimal(12, 2))
    )
    (path,) = write_report(make_screening(ranking=ranking, suppliers=suppliers), tmp_path / "r.xlsx")
    sheet = openpyxl.load_workbook(path)["Suppliers"]
    assert [c.value for c in column(sheet, "Model probability")] == [None, None, 0.5, None]
    assert [c.value for c in column(sheet, "Annual spend")] == [120000.5, 3400, None, 77]
