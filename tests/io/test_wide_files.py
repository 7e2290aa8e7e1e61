"""Issue 19, finding 6: wide files. Reading was quadratic in the number of columns (a 100k-column csv still being
read after 300 s; 1M columns aborted in Rust out of memory). Columns are now handled in one pass and a limit
(--max-columns, Excel's 16,384 by default) is checked before loading."""

from __future__ import annotations

import time

import pytest
import xlsxwriter
from click.testing import CliRunner

from screener.cli import cli
from screener.errors import InputFileError
from screener.io import ReadLimits, read_suppliers


def wide_csv(tmp_path, columns: int, rows: int = 2):
    path = tmp_path / f"wide{columns}.csv"
    header = "Supplier Name,Country," + ",".join(f"c{i}" for i in range(columns - 2))
    row = "Acme Textiles,Bangladesh," + ",".join("x" for _ in range(columns - 2))
    path.write_text("\n".join([header, *[row] * rows]) + "\n", encoding="utf-8")
    return path


def test_a_csv_wider_than_the_limit_is_refused_before_loading(tmp_path):
    path = wide_csv(tmp_path, 20_000)
    with pytest.raises(InputFileError) as caught:
        read_suppliers([path])
    assert str(caught.value) == (
        f"'{path}' has 20,000 columns, more than the limit of 16,384. Keep the columns screening needs (name, "
        "country, address, goods, audit...) or raise the limit with the max_columns argument."
    )
    assert caught.value.render(cli=True).endswith("or raise the limit with --max-columns.")


def test_a_long_record_past_the_head_is_refused_too(tmp_path):
    path = tmp_path / "ragged.csv"
    lines = (
        ["Supplier Name,Country"] + ["Acme,Bangladesh"] * 3_000 + ["Late,Row," + ",".join(["x"] * 200_000)]
    )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"has 200,002 columns, more than the limit of 16,384"):
        read_suppliers([path])


def test_max_columns_on_the_command_line(tmp_path):
    path = wide_csv(tmp_path, 50)
    result = CliRunner().invoke(
        cli, ["screen", str(path), "--max-columns", "20", "-q", "-o", str(tmp_path / "r.xlsx")]
    )
    assert result.exit_code == 2
    assert result.output == (
        f"Error: '{path}' has 50 columns, more than the limit of 20. Keep the columns screening needs (name, "
        "country, address, goods, audit...) or raise the limit with --max-columns.\n"
    )
    assert not (tmp_path / "r.xlsx").exists()


def test_an_xlsx_wider_than_the_limit_is_refused_from_its_dimension(tmp_path):
    path = tmp_path / "wide.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Suppliers")
    sheet.write_row(0, 0, ["Supplier Name", "Country"])
    sheet.write_row(1, 0, ["Acme Textiles", "Bangladesh"])
    sheet.write_string(1, 299, "far right")  # column KN
    book.close()
    with pytest.raises(
        InputFileError, match=r"sheet 'Suppliers' has 300 columns, more than the limit of 100"
    ):
        read_suppliers([path], ReadLimits(max_columns=100))
    assert read_suppliers([path]).suppliers.height == 1


def test_reading_is_linear_in_columns(tmp_path):
    """4x the columns costs about 4x the time (quadratic was 16x: 5,000 columns took minutes)."""
    timings = []
    for columns in (1_000, 4_000):
        path = wide_csv(tmp_path, columns)
        started = time.process_time()
        read = read_suppliers([path])
        timings.append(time.process_time() - started)
        assert read.suppliers.width > columns
    assert timings[1] < 8 * timings[0] + 0.5, timings
