"""The Method sheet's count of spend values by currency says how many had none (they weigh nothing in leverage)."""

from __future__ import annotations

import openpyxl
from click.testing import CliRunner

from screener.cli import cli


def test_method_sheet_counts_the_spend_values_without_a_currency(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Supplier Name", "Country", "Spend 2025"])
    sheet.append(["Nordlicht GmbH", "DE", "€ 5.000"])
    sheet.append(["Bergwerk Stahl AG", "DE", 1200])
    sheet.append(["Weber KG", "DE", 300])
    path = tmp_path / "spend.xlsx"
    book.save(path)
    out = tmp_path / "r.xlsx"
    result = CliRunner().invoke(cli, ["screen", str(path), "-o", str(out), "-q", "--no-model"])
    assert result.exit_code == 0, result.output
    lines = {
        row[0]: row[1] for row in openpyxl.load_workbook(out)["Method"].iter_rows(values_only=True) if row[0]
    }
    assert lines["Spend values by currency"] == "EUR 1; without a currency 2 (see the Data quality sheet)"
