"""The committed sample workbook is what the script makes, and its ground truth is true to the bundled lists."""

from __future__ import annotations

import csv
import importlib.util
import random
import sys
from pathlib import Path

import polars as pl
import pytest

from screener.data import LISTS_DIR

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data" / "suppliers.xlsx"
PLANTED = ROOT / "sample_data" / "planted_hits.csv"


def _script():
    spec = importlib.util.spec_from_file_location(
        "make_sample_data", ROOT / "scripts" / "make_sample_data.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is created
    spec.loader.exec_module(module)
    return module


def _planted() -> list[dict]:
    with PLANTED.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _list_names() -> dict[str, set[str]]:
    """Every published name and alias per list id, read straight from the bundled files."""
    uflpa = pl.read_csv(LISTS_DIR / "uflpa_entity_list.csv", infer_schema=False)
    names = set(uflpa["entity_name"]) | {
        a.strip() for aliases in uflpa["aliases"].drop_nulls() for a in aliases.split(";")
    }
    cbp = pl.read_csv(LISTS_DIR / "cbp_wro_findings.csv", infer_schema=False)
    sdn = pl.read_csv(LISTS_DIR / "ofac_sdn.csv", infer_schema=False)
    alt = pl.read_csv(LISTS_DIR / "ofac_alt.csv", infer_schema=False)
    return {
        "uflpa": names,
        "cbp-wro": set(cbp["entity"]),
        "ofac-sdn": set(sdn["sdn_name"]) | set(alt["alt_name"].drop_nulls()),
    }


def _cells(path: Path) -> dict:
    """Every sheet's cells (value and type): the content, whichever XML library openpyxl serialised with."""
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    return {
        sheet.title: [[(c.value, c.data_type, c.number_format) for c in row] for row in sheet.iter_rows()]
        for sheet in workbook.worksheets
    }


def test_script_reproduces_the_committed_workbook(tmp_path):
    module = _script()
    suppliers = module.demo_suppliers(random.Random(module.SEED))
    rows = module.write_demo_workbook(tmp_path / "suppliers.xlsx", suppliers)
    module.write_planted_hits(tmp_path / "planted_hits.csv", suppliers, rows)
    assert _cells(tmp_path / "suppliers.xlsx") == _cells(SAMPLE)
    assert (tmp_path / "planted_hits.csv").read_text(encoding="utf-8") == PLANTED.read_text(encoding="utf-8")


def test_planted_names_sit_on_the_rows_the_ground_truth_names():
    frame = pl.read_excel(
        SAMPLE, sheet_name="Vendor master", read_options={"header_row": 4}, infer_schema_length=0
    )
    by_row = {6 + i: name for i, name in enumerate(frame["Vendor Name"].to_list())}
    for case in _planted():
        written = by_row[int(case["source_row"])]
        assert (written or "").strip() == case["supplier_name"].strip(), case


def test_every_planted_entity_is_really_on_its_bundled_list():
    published = _list_names()
    matches = [case for case in _planted() if case["expected"] == "match"]
    assert len(matches) >= 10
    assert {case["list_id"] for case in matches} == {"uflpa", "cbp-wro", "ofac-sdn"}
    for case in matches:
        assert case["list_entity_name"] in published[case["list_id"]], case
        assert case["supplier_name"] != case["list_entity_name"], "a planted name must be mangled"


@pytest.mark.parametrize("expected", ["no_match", "rejected", "text_not_formula"])
def test_ground_truth_covers_decoys_rejects_and_formula_injection(expected):
    assert any(case["expected"] == expected for case in _planted())


def test_decoys_are_not_published_names():
    published = set().union(*_list_names().values())
    for case in _planted():
        if case["expected"] == "no_match":
            assert case["supplier_name"] not in published


def test_formula_like_name_is_stored_as_text_not_formula():
    from openpyxl import load_workbook

    sheet = load_workbook(SAMPLE)["Vendor master"]
    case = next(c for c in _planted() if c["expected"] == "text_not_formula")
    cell = sheet.cell(row=int(case["source_row"]), column=2)
    assert cell.data_type == "s" and cell.value.startswith("=")


def test_outcome_probability_rises_with_risk_factors():
    module = _script()
    tiers = {"DE": 1.0, "CN": 3.0}
    calm = module.low_risk_supplier(random.Random(1))
    calm.iso2, calm.facts, calm.fees_paid = "DE", {"ilo": []}, "No"
    risky = module.low_risk_supplier(random.Random(1))
    risky.iso2, risky.facts, risky.fees_paid = "CN", {"listed": True, "dol_forced": True, "ilo": ["x"]}, "Yes"
    assert (
        module.outcome_probability(risky, tiers, 0.0)
        > 0.9
        > 0.1
        > module.outcome_probability(calm, tiers, 0.0)
    )


def test_rows_to_screen_and_to_reject_add_up_to_the_sheet():
    frame = pl.read_excel(
        SAMPLE, sheet_name="Vendor master", read_options={"header_row": 4}, infer_schema_length=0
    )
    rejected = [case for case in _planted() if case["expected"] == "rejected"]
    assert frame.height == 297 and len(rejected) == 3
    assert int(rejected[-1]["source_row"]) == 5 + frame.height  # the totals row is the last one
