"""The Method sheet and every machine manifest say which exact files made a report: the sha256 of each rules file,
list, model (supplier risk and matcher, with the matcher's version) and reference table, with its edition."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import openpyxl
import pytest

from screener.data import DATA_DIR, rules_dir
from screener.match.classifier import bundled_model_dir
from screener.pipeline import screen
from screener.report import write_report
from screener.risk.model import default_model_path

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "suppliers.xlsx"
REFERENCE = DATA_DIR / "reference"


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def screening():
    return screen([SAMPLE], rules=["lksg"])


@pytest.fixture(scope="module")
def expected() -> dict[str, str]:
    """file -> sha256, computed here from the files themselves."""
    files = [
        rules_dir() / "default.toml",
        rules_dir() / "lksg.toml",
        default_model_path(),
        bundled_model_dir() / "matcher.skops",
        *[REFERENCE / name for name in ("dol_ilab_tvpra_goods_2022.csv", "us_state_tip_tiers.csv")],
        REFERENCE / "worldbank_fcs_list.csv",
    ]
    return {Path(f).name: sha(f) for f in files}


def test_manifest_names_every_file_by_sha256(screening, expected):
    manifest = screening.manifest
    rules = {Path(r["path"]).name: r["sha256"] for r in manifest["rules"]}
    assert rules == {"default.toml": expected["default.toml"], "lksg.toml": expected["lksg.toml"]}
    assert manifest["model"]["sha256"] == expected["model.skops"]
    assert manifest["matcher"]["sha256"] == expected["matcher.skops"]
    assert manifest["matcher"]["version"] == expected["matcher.skops"][:12]
    reference = {t["file"]: t for t in manifest["reference"]}
    editions = {name: reference[name]["edition"] for name in EDITIONS}
    assert editions == EDITIONS
    for name in EDITIONS:
        assert reference[name]["sha256"] == expected[name]
    assert all(len(list_info["sha256"]) == 64 for list_info in manifest["lists"])


EDITIONS = {
    "dol_ilab_tvpra_goods_2022.csv": "2022",
    "us_state_tip_tiers.csv": "2009-2025",
    "worldbank_fcs_list.csv": "FY2020-FY2026",
}


def test_method_sheet_shows_them(screening, expected, tmp_path):
    (path,) = write_report(screening, tmp_path / "report.xlsx")
    rows = [
        [cell for cell in row if cell is not None]
        for row in openpyxl.load_workbook(path)["Method"].iter_rows(values_only=True)
    ]
    text = {cell for row in rows for cell in row}
    for name, digest in expected.items():
        assert digest in text, name
    assert [row for row in rows if row and row[0] == "us_state_tip_tiers.csv"] == [
        [
            "us_state_tip_tiers.csv",
            "US Department of State, Trafficking in Persons Report",
            "2009-2025",
            expected["us_state_tip_tiers.csv"],
            "US Government work, public domain",
        ]
    ]
    assert ["version", expected["matcher.skops"][:12]] in rows
    assert "Other run details" not in text


@pytest.mark.parametrize("fmt", ["json", "csv", "parquet"])
def test_machine_manifests_carry_the_same(screening, expected, tmp_path, fmt):
    (path,) = write_report(screening, tmp_path / "report", fmt)
    if fmt == "json":
        manifest = json.loads(path.read_text(encoding="utf-8"))["manifest"]
    else:
        manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["matcher"]["sha256"] == expected["matcher.skops"]
    assert manifest["model"]["sha256"] == expected["model.skops"]
    assert {t["file"]: t["edition"] for t in manifest["reference"] if t["file"] in EDITIONS} == EDITIONS
    assert {Path(r["path"]).name for r in manifest["rules"]} == {"default.toml", "lksg.toml"}
