"""Issue 19, findings 6 and 7: a wide report is written in time linear in its columns, never cut at Excel's last
column (XFD) without a word, and `review import` fails loudly when decisions cannot be tied to a supplier; a
name longer than a cell still has a fingerprint that survives the round trip."""

from __future__ import annotations

import time

import openpyxl
import polars as pl
import pytest
from click.testing import CliRunner

from screener.cli import cli
from screener.errors import OutputError
from screener.keys import MAX_READABLE_FINGERPRINT, supplier_fingerprint
from screener.report import write_report
from screener.review import load_decisions
from tests.report.conftest import make_screening, supplier_frame


def with_extra_columns(count: int) -> pl.DataFrame:
    return supplier_frame().with_columns(pl.lit("x").alias(f"extra {i}") for i in range(count))


def test_a_table_wider_than_a_sheet_is_refused_before_writing(tmp_path):
    output = tmp_path / "report.xlsx"
    with pytest.raises(OutputError) as caught:
        write_report(make_screening(suppliers=with_extra_columns(16_400)), output)
    assert "columns, more than the 16,384 an Excel sheet holds" in str(caught.value)
    assert "--format csv or --format parquet" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_writing_is_linear_in_columns(tmp_path):
    timings = []
    for count in (500, 2_000):
        screening = make_screening(suppliers=with_extra_columns(count))
        started = time.process_time()
        write_report(screening, tmp_path / f"r{count}.xlsx")
        timings.append(time.process_time() - started)
    assert timings[1] < 8 * timings[0] + 0.5, timings
    sheet = openpyxl.load_workbook(tmp_path / "r2000.xlsx", read_only=True)["Suppliers"]
    header = next(sheet.iter_rows(max_row=1, values_only=True))
    assert "extra 1999" in header and "supplier fingerprint (key)" in header


def decide_first_match(path, *, delete: str | None = None) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book["Matches"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(2, header.index("Decision") + 1, "false positive")
    if delete:
        sheet.delete_cols(header.index(delete) + 1)
    book.save(path)


def test_review_import_refuses_decisions_without_their_key_column(tmp_path):
    (path,) = write_report(make_screening(), tmp_path / "report.xlsx")
    decide_first_match(path, delete="supplier fingerprint (key)")
    result = CliRunner().invoke(cli, ["review", "import", str(path)])
    assert result.exit_code == 2
    assert (
        "1 decision cell(s) cannot be read: sheet Matches: 1 decision(s) but no 'supplier fingerprint (key)' "
        "column to tie them to a supplier (was it deleted?)." in result.output
    )
    assert load_decisions().is_empty()


def test_a_name_longer_than_a_cell_keeps_a_working_fingerprint(tmp_path):
    long_name = "Acme " + "Textiles " * 5_000  # 45,005 characters: more than a cell holds
    suppliers = supplier_frame().with_columns(
        pl.when(pl.col("row_id") == 1).then(pl.lit(long_name)).otherwise(pl.col("name")).alias("name")
    )
    fingerprints = suppliers.select(supplier_fingerprint(suppliers)).to_series().to_list()
    assert len(fingerprints[0]) < MAX_READABLE_FINGERPRINT and "…sha256:" in fingerprints[0]
    assert (
        fingerprints[1:]
        == supplier_frame().select(supplier_fingerprint(supplier_frame())).to_series()[1:].to_list()
    )

    (path,) = write_report(make_screening(suppliers=suppliers), tmp_path / "report.xlsx")
    decide_first_match(path)  # the first match row is supplier 1's
    result = CliRunner().invoke(cli, ["review", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert load_decisions().get_column("supplier_fingerprint").to_list() == [fingerprints[0]]
