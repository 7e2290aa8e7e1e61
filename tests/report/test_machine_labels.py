"""csv and parquet reports keep the machine column names (a program's contract: screener.schema), and say the
workbook's header of each column in the manifest's report.labels: the file's own 'name' column, carried as
input_name beside the tool's name, is labelled 'name' as the workbook and the Data quality table call it."""

from __future__ import annotations

import json

import polars as pl
from click.testing import CliRunner

from screener.cli import cli
from tests.pipeline.officer import one_sheet_workbook

HEADER = ["name", "country", "spend"]
ROWS = [["Acme Tools GmbH", "DE", 100], ["Bravo Te\u200bxtiles Ltd", "BD", 250.5]]


def test_csv_and_parquet_say_the_workbook_header_of_each_machine_column(tmp_path):
    path = one_sheet_workbook(tmp_path / "vendors.xlsx", HEADER, ROWS)
    for fmt in ("csv", "parquet"):
        out = tmp_path / f"report-{fmt}"
        result = CliRunner().invoke(
            cli, ["screen", str(path), "-o", str(out), "--format", fmt, "--no-model", "-q"]
        )
        assert result.exit_code == 0, result.output
        suppliers = (
            pl.read_csv(out / "suppliers.csv") if fmt == "csv" else pl.read_parquet(out / "suppliers.parquet")
        )
        assert {"name", "input_name", "spend_converted"} <= set(suppliers.columns)
        labels = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["report"]["labels"]
        assert {
            c: labels["suppliers"][c] for c in ("name", "input_name", "spend_converted", "input_spend")
        } == {
            "name": "Supplier name",
            "input_name": "name",
            "spend_converted": "Spend (EUR)",
            "input_spend": "spend",
        }
        quality = (
            pl.read_csv(out / "data_quality.csv")
            if fmt == "csv"
            else pl.read_parquet(out / "data_quality.parquet")
        )
        assert quality.filter(pl.col("check") == "invisible_characters").get_column("column").to_list() == [
            "name"
        ]
        assert "rank" in labels["suppliers"] and "check" in labels["data_quality"]
