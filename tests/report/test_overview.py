"""The Summary and Method sheets, reopened with openpyxl."""

from __future__ import annotations

import openpyxl
import polars as pl
import pytest

from screener.report import write_report
from tests.report.conftest import hit_frame, make_screening


@pytest.fixture
def book(tmp_path, screening):
    (path,) = write_report(screening, tmp_path / "out" / "report.xlsx")
    return openpyxl.load_workbook(path)


def test_summary_counts_charts_and_top_risks(book):
    sheet = book["Summary"]
    values = {row[0].value: row[1].value for row in sheet.iter_rows() if row[0].value is not None}
    assert values["Rows read"] == 5
    assert values["Rows rejected"] == 1
    assert (values["high"], values["medium"], values["low"]) == (1, 2, 1)
    assert values["uflpa"] == 2  # suppliers hit per list
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "Top risks" in texts
    assert "Xinjiang Zhongtai Chemical Co Ltd" in texts
    assert len(sheet._charts) == 2  # by tier, by country


def test_charts_written(tmp_path, screening):
    import zipfile

    (path,) = write_report(screening, tmp_path / "r.xlsx")
    names = zipfile.ZipFile(path).namelist()
    assert len([n for n in names if n.startswith("xl/charts/chart")]) == 2


def test_method_sheet_names_lists_inputs_and_rules(book):
    texts = [c.value for row in book["Method"].iter_rows() for c in row if c.value is not None]
    assert "a" * 64 in texts and "c" * 64 in texts  # list and input sha256
    assert "2024-12-16" in texts  # list version
    assert "rules/default.toml" in texts
    assert "0.1.0" in texts


def test_method_sheet_shows_model_cards_from_the_manifest(tmp_path):
    screening = make_screening()
    screening.manifest["models"] = [
        {"name": "match classifier", "model": "HistGradientBoosting", "holdout_metrics": {"auc": 0.99}},
    ]
    (path,) = write_report(screening, tmp_path / "r.xlsx")
    rows = [
        [c for c in row if c is not None]
        for row in openpyxl.load_workbook(path)["Method"].iter_rows(values_only=True)
    ]
    assert ["Model card: match classifier"] in rows
    assert ["holdout_metrics", '{"auc": 0.99}'] in rows


def test_summary_names_the_indicators_every_supplier_has(tmp_path):
    gap = pl.DataFrame(
        {
            "row_id": [1, 2, 3, 4],
            "rule_id": ["voice.missing"] * 4,
            "category": ["data_gap"] * 4,
            "points": [5.0] * 4,
            "severity": ["low"] * 4,
            "evidence": ["No worker-voice or grievance information given"] * 4,
        }
    )
    (path,) = write_report(make_screening(hits=pl.concat([hit_frame(), gap])), tmp_path / "r.xlsx")
    rows = [[c.value for c in row] for row in openpyxl.load_workbook(path)["Summary"].iter_rows()]
    heading = next(i for i, row in enumerate(rows) if str(row[0]).startswith("Indicators every supplier has"))
    assert rows[heading + 1][:2] == ["  voice.missing", "No worker-voice or grievance information given"]
    assert not any(str(row[0]).strip() == "dol_forced_labour" for row in rows)  # hits of some suppliers only


def test_summary_without_universal_hits_has_no_such_section(book):
    texts = [c.value for row in book["Summary"].iter_rows() for c in row if isinstance(c.value, str)]
    assert not any(t.startswith("Indicators every supplier has") for t in texts)


def test_the_first_rows_tell_the_officer_what_to_do(book):
    """The officer who opens the workbook reads what to do first, not under the charts some 45 rows down."""
    rows = [[c.value for c in row][:2] for row in book["Summary"].iter_rows(max_row=2)]
    assert rows == [
        ["Supplier forced-labour risk screening", None],
        [
            "What to do",
            "Start at rank 1 on the Suppliers sheet (tier high first). For each list hit set the Decision (confirmed "
            "/ false positive / needs information) on the Suppliers or Matches sheet, save, and run: screener review "
            "import THIS_FILE.xlsx; the next screening keeps your decisions.",
        ],
    ]
    texts = [c.value for row in book["Summary"].iter_rows() for c in row if isinstance(c.value, str)]
    assert sum("screener review import" in text for text in texts) == 1
