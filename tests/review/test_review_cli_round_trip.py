"""Issue 7's round trip through the real CLI: screen, mark a false positive in the workbook with openpyxl,
`review import`, screen again with --since: the hit shows as cleared (not new) and no longer scores."""

from __future__ import annotations

import openpyxl
import pytest
from click.testing import CliRunner

from screener.cli import cli

SUPPLIERS = (
    "Supplier Name,Country,Goods\n"
    "Xinjiang Daqo New Energy Co Ltd,China,Polysilicon\n"
    "Nordic Timber AB,Sweden,timber\n"
    "Acme Textiles,Bangladesh,garments\n"
)


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


def rows(sheet) -> list[dict]:
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


@pytest.mark.slow
def test_cleared_false_positive_stays_cleared_on_the_next_screening(tmp_path):
    suppliers = tmp_path / "suppliers.csv"
    suppliers.write_text(SUPPLIERS, encoding="utf-8")
    first = tmp_path / "q1.xlsx"
    run("screen", suppliers, "-o", first, "-q")

    book = openpyxl.load_workbook(first)
    matches = book["Matches"]
    header = [c.value for c in matches[1]]
    hit_rows = [
        r for r in range(2, matches.max_row + 1) if matches.cell(r, header.index("List") + 1).value == "uflpa"
    ]
    assert hit_rows, "the planted UFLPA entity was not matched"
    row = hit_rows[0]
    entity = matches.cell(row, header.index("entity_id (key)") + 1).value
    matches.cell(row, header.index("Decision") + 1, "false positive")
    matches.cell(row, header.index("Notes") + 1, "different company: checked the registry")
    book.save(first)
    score_before = next(r for r in rows(book["Suppliers"]) if r["Supplier name"].startswith("Xinjiang"))[
        "Score"
    ]

    imported = run("review", "import", first, "--reviewer", "A. Officer")
    assert "1 new or changed" in imported.output

    second = tmp_path / "q2.xlsx"
    run("screen", suppliers, "-o", second, "--since", first, "-q")
    again = openpyxl.load_workbook(second)
    hit = next(r for r in rows(again["Matches"]) if r["entity_id (key)"] == entity)
    assert hit["Decision status"] == "cleared"
    assert hit["Decision"] == "false positive"
    assert hit["Reviewer"] == "A. Officer"
    assert hit["Change"] is None  # not new
    supplier = next(r for r in rows(again["Suppliers"]) if r["Supplier name"].startswith("Xinjiang"))
    assert supplier["Score"] < score_before  # the cleared hit no longer counts

    # importing the new report (decision pre-filled) adds nothing
    assert "0 new or changed" in run("review", "import", second).output
