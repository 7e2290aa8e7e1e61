"""A rejected row's reason names the column by the header the file gives it: a csv headed 'name' (screener's own
field name, carried as input_name) was told 'no supplier name in column 'input_name''."""

from __future__ import annotations

from click.testing import CliRunner

from screener.cli import cli
from screener.io import read_suppliers


def test_a_rejected_rows_reason_names_the_files_own_header(tmp_path):
    path = tmp_path / "suppliers.csv"
    path.write_text("name,country\nAcme Fishing Co,TH\n,CN\nname,country\n", encoding="utf-8")
    read = read_suppliers([path])
    assert read.rejected.select("source_row", "reason").rows() == [
        (3, "no supplier name in column 'name'"),
        (4, "header row repeated ('name')"),
    ]


def test_a_list_file_with_an_empty_name_is_one_error_naming_the_header(tmp_path):
    suppliers = tmp_path / "suppliers.csv"
    suppliers.write_text("Supplier Name,Country\nNippon Fishing,JP\n", encoding="utf-8")
    blocklist = tmp_path / "blocklist.csv"
    blocklist.write_bytes(b"name;country;notes\r\nAcme Fishing Co;TH;debt bondage\r\n;CN;missing\r\n")

    result = CliRunner().invoke(
        cli, ["screen", str(suppliers), "--lists", str(blocklist), "-o", str(tmp_path / "r.xlsx"), "-q"]
    )

    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "Error: blocklist.csv row 3: no supplier name in column 'name'. Fix or delete the row."
    ]
    assert not (tmp_path / "r.xlsx").exists()
