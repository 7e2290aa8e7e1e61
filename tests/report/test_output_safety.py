"""Issue 19, finding 10 and part of 11: a report never replaces an input (even with --force), leftovers of killed
runs are cleaned when the same report is next written, and every report gets one file mode (the user's umask:
large spliced workbooks were 0600, small ones 0644)."""

from __future__ import annotations

import hashlib
import os
import stat

import openpyxl
import pytest
from click.testing import CliRunner

from screener.cli import cli
from screener.errors import OutputError
from screener.report import excel, write_report
from tests.report.conftest import make_screening


def supplier_workbook(path):
    book = openpyxl.Workbook()
    book.active.append(["Supplier Name", "Country"])
    book.active.append(["Acme Textiles", "Bangladesh"])
    book.save(path)
    return path


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_output_equal_to_the_input_is_refused_even_with_force(tmp_path):
    suppliers = supplier_workbook(tmp_path / "suppliers.xlsx")
    before = digest(suppliers)
    result = CliRunner().invoke(cli, ["screen", str(suppliers), "-o", str(suppliers), "--force", "-q"])
    assert result.exit_code == 2
    assert result.output == (
        f"Error: {suppliers} is the input {suppliers}: the report would replace it. Choose another path with -o; "
        "an input is never overwritten, even with --force.\n"
    )
    assert digest(suppliers) == before


def test_a_link_to_the_input_and_a_folder_holding_it_are_refused(tmp_path):
    suppliers = supplier_workbook(tmp_path / "suppliers.xlsx")
    link = tmp_path / "link.xlsx"
    link.symlink_to(suppliers)
    linked = CliRunner().invoke(cli, ["screen", str(suppliers), "-o", str(link), "--force", "-q"])
    assert linked.exit_code == 2 and "the report would replace it" in linked.output
    folder = CliRunner().invoke(
        cli, ["screen", str(suppliers), "-o", str(tmp_path), "--format", "csv", "--force", "-q"]
    )
    assert folder.exit_code == 2
    assert f"{tmp_path} holds the input {suppliers}" in folder.output
    assert suppliers.exists() and link.is_symlink()


def test_the_library_refuses_too(tmp_path):
    screening = make_screening()
    target = tmp_path / "suppliers.xlsx"
    supplier_workbook(target)
    screening.inputs[0].path = str(target)
    with pytest.raises(OutputError, match="the report would replace it"):
        write_report(screening, target, force=True)


def test_leftovers_of_killed_runs_are_removed_and_live_ones_kept(tmp_path):
    dead = 999_999_999  # above any process id the kernel hands out
    leftovers = [
        tmp_path / f".report.xlsx.{dead}.k2j4h1.tmp",
        tmp_path / f"..report.xlsx.{dead}.k2j4h1.tmp.p9q8r7.splice",
        tmp_path / f".report.xlsx.{dead}.x1y2z3.old",
    ]
    for path in leftovers[:2]:
        path.write_bytes(b"half a workbook")
    leftovers[2].mkdir()
    (leftovers[2] / "suppliers.csv").write_text("old", encoding="utf-8")
    alive = tmp_path / f".report.xlsx.{os.getppid()}.a1b2c3.tmp"  # a run still writing
    alive.write_bytes(b"in progress")
    other = tmp_path / f".other.xlsx.{dead}.a1b2c3.tmp"  # another report's: not ours to touch
    other.write_bytes(b"x")

    write_report(make_screening(), tmp_path / "report.xlsx")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted([alive.name, other.name, "report.xlsx"])


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640)])
def test_every_report_gets_the_mode_the_umask_gives(tmp_path, monkeypatch, umask, mode):
    previous = os.umask(umask)
    try:
        (small,) = write_report(make_screening(), tmp_path / "small.xlsx")
        monkeypatch.setattr(excel, "FAST_SHEET_MIN_ROWS", 2)  # sheets spliced in by sheet_xml
        (large,) = write_report(make_screening(), tmp_path / "large.xlsx")
        (folder,) = write_report(make_screening(), tmp_path / "tables", "csv")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(small.stat().st_mode) == mode
    assert stat.S_IMODE(large.stat().st_mode) == mode
    assert stat.S_IMODE((folder / "suppliers.csv").stat().st_mode) == mode
