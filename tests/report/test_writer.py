"""Writing safely: formats by suffix, no overwrite without force, nothing half-written left behind."""

from __future__ import annotations

import openpyxl
import polars as pl
import pytest

import screener.report.excel as excel
from screener.errors import OutputError
from screener.report import write_report
from screener.report.writer import choose_format, target_path


def files_in(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_creates_parent_folder_and_returns_path(tmp_path, screening):
    written = write_report(screening, tmp_path / "a" / "b" / "report.xlsx")
    assert written == [tmp_path / "a" / "b" / "report.xlsx"]
    assert files_in(tmp_path / "a" / "b") == ["report.xlsx"]


def test_existing_report_not_overwritten_without_force(tmp_path, screening):
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"the officer's reviewed workbook")
    with pytest.raises(OutputError, match="already exists.*force=True.*the output argument"):
        write_report(screening, target)
    assert target.read_bytes() == b"the officer's reviewed workbook"
    assert files_in(tmp_path) == ["report.xlsx"]


def test_force_overwrites_file_and_folder(tmp_path, screening):
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"old")
    write_report(screening, target, force=True)
    assert openpyxl.load_workbook(target).sheetnames[0] == "Summary"
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "stale.csv").write_text("old")
    write_report(screening, folder, "csv", force=True)
    assert "stale.csv" not in files_in(folder)
    assert files_in(tmp_path) == ["report.xlsx", "tables"]


def test_failure_midway_leaves_nothing_and_keeps_old_report(tmp_path, screening, monkeypatch):
    def broken(sheet, frame, styles, notes=None):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(excel, "write_table_sheet", broken)
    with pytest.raises(RuntimeError):
        write_report(screening, tmp_path / "new.xlsx")
    assert files_in(tmp_path) == []
    old = tmp_path / "old.xlsx"
    old.write_bytes(b"previous")
    with pytest.raises(RuntimeError):
        write_report(screening, old, force=True)
    assert old.read_bytes() == b"previous"
    assert files_in(tmp_path) == ["old.xlsx"]


def test_failure_in_folder_format_leaves_no_folder(tmp_path, screening, monkeypatch):
    import screener.report.machine as machine

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(machine, "escape_formula_text", broken)
    with pytest.raises(OutputError, match="No space left"):
        write_report(screening, tmp_path / "tables", "csv")
    assert files_in(tmp_path) == []


def test_unwritable_location_is_an_output_error(tmp_path, screening):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="cannot write"):
        write_report(screening, blocker / "report.xlsx")


def test_folder_where_a_file_is_wanted_is_refused(tmp_path, screening):
    (tmp_path / "report.xlsx").mkdir()
    with pytest.raises(OutputError, match="is a folder"):
        write_report(screening, tmp_path / "report.xlsx", force=True)


def test_format_from_suffix_and_suffix_added():
    from pathlib import Path

    assert choose_format(Path("r.json"), None) == "json"
    assert choose_format(Path("r"), None) == "xlsx"
    assert choose_format(Path("r.xlsx"), "csv") == "csv"
    assert target_path(Path("out/r"), "xlsx") == Path("out/r.xlsx")
    assert target_path(Path("out/r"), "csv") == Path("out/r")
    with pytest.raises(OutputError, match="unknown report format"):
        choose_format(Path("r"), "pdf")


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json", "parquet", "ftm"])
def test_minimal_frames_are_enough(tmp_path, fmt):
    """Only the contract's required columns, other integer types for row_id: every format still writes."""
    from tests.report.conftest import make_screening

    screening = make_screening(
        suppliers=pl.DataFrame({"row_id": pl.Series([1, 2], dtype=pl.UInt32), "name": ["A", "B"]}),
        ranking=pl.DataFrame(
            {
                "row_id": pl.Series([2, 1], dtype=pl.Int32),
                "score": [5, 1],
                "tier": ["low", "low"],
                "rank": [1, 2],
            }
        ),
        matches=pl.DataFrame(
            {
                "row_id": [1],
                "list_id": ["uflpa"],
                "entity_id": ["e1"],
                "matched_name": ["A"],
                "probability": [0.9],
            }
        ),
        hits=pl.DataFrame({"row_id": [2], "rule_id": ["r"], "points": [5], "evidence": ["because"]}),
        rejected=pl.DataFrame({"source_file": ["f.csv"], "source_row": [3], "reason": ["no name"]}),
    )
    (path,) = write_report(screening, tmp_path / "r", fmt)
    assert path.exists()
    if fmt == "xlsx":
        sheet = openpyxl.load_workbook(path)["Suppliers"]
        names = [row[0].value for row in sheet.iter_rows(min_row=2, max_col=1)]
        assert names == [1, 2]  # ranks, in order


def test_progress_hears_of_each_sheet(tmp_path, screening):
    heard = []
    write_report(screening, tmp_path / "r.xlsx", progress=heard.append)
    assert heard[0] == "writing the Suppliers sheet (4 rows)"
    assert "writing the Indicators sheet (4 rows)" in heard
    write_report(screening, tmp_path / "r.json", progress=heard.append)
    assert heard[-1] == "writing the json report"


def test_report_that_appears_during_writing_is_not_overwritten(tmp_path, screening, monkeypatch):
    target = tmp_path / "race.xlsx"
    real = excel.write_workbook

    def slow_write(*args, **kwargs):
        real(*args, **kwargs)
        target.write_bytes(b"someone else's file")  # another process wins the race

    monkeypatch.setattr(excel, "write_workbook", slow_write)
    with pytest.raises(OutputError, match="appeared while the report was being written"):
        write_report(screening, target)
    assert target.read_bytes() == b"someone else's file"
    assert files_in(tmp_path) == ["race.xlsx"]
