"""Issue 19, finding 11: a device given as the supplier file said "empty (0 bytes)" (/dev/zero never ends), and a
rules file nested thousands deep was an internal error."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from screener.cli import cli
from screener.errors import ConfigError, InputFileError
from screener.indicators import load_rules
from screener.io import read_suppliers


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_not_a_supplier_file():
    with pytest.raises(InputFileError) as caught:
        read_suppliers(["/dev/zero"])
    assert str(caught.value) == (
        "'/dev/zero' is not a regular file (a device, pipe or socket). Save the supplier list as a file and pass "
        "its path."
    )


def test_a_rules_file_nested_too_deeply_is_one_problem(tmp_path):
    path = tmp_path / "deep.toml"
    path.write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_rules(path)
    assert caught.value.problems == [f"{path}: values nested too deeply to be a rules file"]
    result = CliRunner().invoke(cli, ["rules", "check", str(path)])
    assert result.exit_code == 2 and "internal error" not in result.output


def test_a_locked_or_unreadable_file_is_one_clear_error_not_an_internal_one(tmp_path, monkeypatch):
    """Excel on a shared drive holds the file open and locked (Windows: PermissionError on open): the officer was
    told 'internal error ... Please report it'."""
    from pathlib import Path

    from click.testing import CliRunner

    from screener.cli import cli

    path = tmp_path / "vendors.csv"
    path.write_text("Vendor Name,Country\nNordlicht GmbH,DE\n", encoding="utf-8")
    real_open = Path.open

    def locked(self, *args, **kwargs):
        if self.name == "vendors.csv":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", locked)
    result = CliRunner().invoke(cli, ["screen", str(path), "-o", str(tmp_path / "r.xlsx"), "-q"])
    assert (result.exit_code, result.output) == (
        2,
        f"Error: Supplier file '{path}' cannot be read (Permission denied). If another program has it open and "
        "locked, close it there; check that you may read it (copy it to a local folder), then run again.\n",
    )
    assert not (tmp_path / "r.xlsx").exists()


def test_a_chart_sheet_and_a_stray_space_far_below_are_no_news_to_the_officer(tmp_path):
    """A chart sheet first and a stray ' ' at row 5,000 (Excel's used range runs that far): calamine's log line
    "'chartsheet' not a valid worksheet" reached the console bare, and the 4,996 rows down to the stray space
    were announced as blank rows skipped. Neither is said now; the suppliers are read from their sheet."""
    import subprocess
    import sys

    import openpyxl
    from click.testing import CliRunner
    from openpyxl.chart import BarChart, Reference

    from screener.cli import cli
    from screener.io import read_suppliers

    book = openpyxl.Workbook()
    chart = book.create_chartsheet("Chart")
    sheet = book.create_sheet("Suppliers")
    sheet.append(["Supplier Name", "Country", "Spend"])
    sheet.append(["Nordlicht GmbH", "DE", 100])
    sheet.append(["Bergwerk Stahl AG", "DE", 200])
    sheet["A5000"] = " "
    bars = BarChart()
    bars.add_data(Reference(sheet, min_col=3, min_row=1, max_row=3), titles_from_data=True)
    chart.add_chart(bars)
    book.move_sheet("Chart", offset=-2)
    path = tmp_path / "charted.xlsx"
    book.save(path)
    (info,) = read_suppliers([path]).inputs
    assert (info.sheet, info.rows_read, info.empty_rows, info.blank_rows) == ("Suppliers", 2, 4997, [])
    result = CliRunner().invoke(cli, ["screen", str(path), "-o", str(tmp_path / "r.xlsx"), "--no-model"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "Rows read: 2 from 1 file; ranked 2, rejected 0",
        "List hits: 0 suppliers",
    ]
    # in a process of its own: pytest's log capture would hide what Python prints when no handler is set
    code = "import sys; from screener.io import read_suppliers; read_suppliers([sys.argv[1]])"
    shown = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    )
    assert (shown.stdout, shown.stderr) == ("", "")
