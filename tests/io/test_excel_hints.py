"""Files an officer's folder holds beside the supplier list: a csv whose first line is Excel's 'sep=;' hint (Excel
obeys it and does not show it, so the rows it shows start one higher), and the '~$' lock file Excel keeps while a
workbook is open (a `screener screen suppliers/*.xlsx` picks it up)."""

from __future__ import annotations

from click.testing import CliRunner

from screener.cli import cli
from screener.io import read_suppliers


def test_rows_of_a_csv_with_excels_sep_hint_are_the_rows_excel_shows(tmp_path):
    path = tmp_path / "lieferanten.csv"
    path.write_bytes(
        b"sep=;\r\nLieferant;Name 1;Land;Umsatz\r\n0000100234;Hoshine Silicon Industry Co Ltd;CN;1.000,00\r\n"
        b"0000100235;;DE;200,00\r\n"
    )
    read = read_suppliers([path])
    assert read.inputs[0].header_row == 1
    assert read.suppliers.select("source_row", "name").rows() == [(2, "Hoshine Silicon Industry Co Ltd")]
    assert read.rejected.select("source_row", "reason").rows() == [(3, "no supplier name in column 'Name 1'")]


def test_an_excel_lock_file_is_one_clear_error(tmp_path):
    workbook = tmp_path / "suppliers.xlsx"
    workbook.write_bytes(b"not read")
    lock = tmp_path / "~$ppliers.xlsx"
    lock.write_bytes(b"\x0bJohn Smith" + b" " * 40 + b"\x00\x00")

    result = CliRunner().invoke(cli, ["screen", str(lock), "-o", str(tmp_path / "r.xlsx"), "-q"])

    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"Error: '{lock}' is the lock file Excel (or LibreOffice) keeps beside a workbook while it is open, not a "
        "supplier list. Leave it out and pass the workbook itself (closing the workbook removes the lock file).",
    ]
    assert not (tmp_path / "r.xlsx").exists()
