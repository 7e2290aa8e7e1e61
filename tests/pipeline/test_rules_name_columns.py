"""A rules file that names a column of the officer's file by its header ([prioritisation] leverage_column, [ilo]
flag_columns) and a file without that column: one error naming the rules file, each key and the file's headers,
and no report. It had made a report in which every supplier's leverage was 0 and the yes/no check never ran,
with nothing said (officer trial r3)."""

from __future__ import annotations

from click.testing import CliRunner

from screener.cli import cli
from tests.pipeline.officer import one_sheet_workbook

HEADER = ["Vendor No", "Vendor Name", "Country", "Annual Spend"]
ROWS = [["0000100234", "Acme Tools GmbH", "DE", 125000.5], ["0000100235", "Bravo Textiles Ltd", "BD", 45000]]


def test_rules_naming_columns_the_file_lacks_are_one_error_and_no_report(tmp_path):
    suppliers = one_sheet_workbook(tmp_path / "vendors.xlsx", HEADER, ROWS)
    rules = tmp_path / "our-rules.toml"
    rules.write_text(
        'extends = "default.toml"\n[prioritisation]\nleverage_column = "Jahresumsatz 2023"\n'
        '[ilo]\nflag_columns = { excessive_overtime = ["Overtime > 60h", "Annual Spend"] }\n',
        encoding="utf-8",
    )
    out = tmp_path / "out" / "report.xlsx"
    result = CliRunner().invoke(
        cli, ["screen", str(suppliers), "--rules", str(rules), "-o", str(out), "--no-model", "-q"]
    )
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "Error: rules file our-rules.toml names 2 columns that 'vendors.xlsx' does not have (its headers: "
        "'Vendor No', 'Vendor Name', 'Country', 'Annual Spend'); give the header as the file writes it, or take "
        "the keys out of the rules file:",
        "  - our-rules.toml: prioritisation.leverage_column = 'Jahresumsatz 2023': no such column",
        "  - our-rules.toml: ilo.flag_columns.excessive_overtime = 'Overtime > 60h': no such column",
    ]
    assert not out.parent.exists()


def test_rules_naming_a_column_the_file_has_screen_by_it(tmp_path):
    suppliers = one_sheet_workbook(tmp_path / "vendors.xlsx", HEADER, ROWS)
    rules = tmp_path / "our-rules.toml"
    rules.write_text(
        'extends = "default.toml"\n[prioritisation]\nleverage_column = "Annual Spend"\n', "utf-8"
    )
    out = tmp_path / "report.xlsx"
    result = CliRunner().invoke(
        cli, ["screen", str(suppliers), "--rules", str(rules), "-o", str(out), "--no-model", "-q"]
    )
    assert result.exit_code == 0, result.output
    assert out.exists()
