"""Running the tool as an officer does, for the tests of what the officer is told: ``screener screen FILE -o
REPORT`` through the CLI, the exit code checked, the report opened with openpyxl."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from click.testing import CliRunner, Result

from screener.cli import cli
from screener.pipeline import Screening, screen


def screened(path: Path, *options: str) -> tuple[Result, Path]:
    """Screen ``path`` (no risk model: its score is not what these tests look at) into FILE-risk.xlsx beside it;
    the CLI's result, exit code 0 checked, and the report's path."""
    out = path.with_name(f"{path.stem}-risk.xlsx")
    result = CliRunner().invoke(cli, ["screen", str(path), "-o", str(out), "--no-model", *options])
    assert result.exit_code == 0, result.output
    return result, out


def data_quality_line(result: Result) -> str:
    """The first line under the console's 'Data quality' heading: the check found most often first."""
    lines = result.stdout.splitlines()
    return lines[lines.index("Data quality (see the Data quality sheet):") + 1]


def screened_export(folder: Path, name: str, text: str, encoding: str) -> Screening:
    """A csv as a legacy system exports it (``text`` in ``encoding``: cp1252, GB18030...) screened by the library
    (no risk model)."""
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return screen([path], model=False)


def one_sheet_workbook(path: Path, header: list[str], rows: list[list]) -> Path:
    """An .xlsx at ``path`` with one sheet: ``header`` on row 1, then ``rows``, as an officer's export looks."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def suppliers_column(report: Path, *columns: str) -> dict:
    """Supplier name -> the value of ``columns`` on the report's Suppliers sheet (a tuple for several columns)."""
    sheet = openpyxl.load_workbook(report)["Suppliers"]
    header = [cell.value for cell in sheet[1]]
    at = [header.index(column) for column in columns]
    return {
        row[header.index("Supplier name")]: row[at[0]] if len(at) == 1 else tuple(row[i] for i in at)
        for row in sheet.iter_rows(min_row=2, values_only=True)
    }
