"""The rules on the demo workbook (sample_data/suppliers.xlsx, read by the real reader): planted region/goods risks
fire, every audit-finding family is recognised, and changing the rule profile moves suppliers between tiers."""

from pathlib import Path

import polars as pl
import pytest

from screener.data import rules_dir
from screener.indicators import evaluate_indicators, load_rules
from screener.io import read_suppliers
from screener.lists import load_lists
from screener.normalize.countries import add_country_codes
from screener.risk import rank_suppliers
from screener.risk.ranking import tier_changes
from tests.indicators.conftest import RUN_DATE

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "suppliers.xlsx"
pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason="sample data not generated")


@pytest.fixture(scope="module")
def screened():
    suppliers = add_country_codes(read_suppliers([SAMPLE]).suppliers)
    lists = load_lists()
    rules = load_rules(None)
    hits = evaluate_indicators(suppliers, None, lists, rules, run_date=RUN_DATE)
    return suppliers, lists, hits


def _names_with(suppliers, hits, prefix):
    rows = hits.filter(pl.col("rule_id").str.starts_with(prefix)).get_column("row_id").unique()
    return set(suppliers.filter(pl.col("row_id").is_in(rows.to_list())).get_column("name").to_list())


def test_xinjiang_addresses_on_no_list_fire_the_presumption(screened):
    suppliers, _, hits = screened
    xinjiang = suppliers.filter(
        pl.concat_str(["address", "city", "region"], separator=" ", ignore_nulls=True).str.contains(
            "(?i)urumqi|korla|kashgar"
        )
    )
    assert xinjiang.height >= 3
    fired = set(hits.filter(pl.col("rule_id") == "xinjiang.presumption").get_column("row_id").to_list())
    assert set(xinjiang.get_column("row_id").to_list()) <= fired


def test_every_audit_finding_family_with_a_forced_labour_indicator_fires(screened):
    suppliers, _, hits = screened
    ilo_rows = set(hits.filter(pl.col("category") == "ilo_indicator").get_column("row_id").to_list())
    findings = suppliers.filter(
        pl.col("audit_findings").str.contains(
            "(?i)passport|pasaporte|护照|recruitment fees|wage withholding|threats|exit restricted|excessive overtime"
        )
    )
    assert findings.height > 0
    assert set(findings.get_column("row_id").to_list()) <= ilo_rows
    clean = suppliers.filter(pl.col("audit_findings").str.contains("(?i)^no findings|^minor|first-aid|noise"))
    assert not set(clean.get_column("row_id").to_list()) & ilo_rows


def test_dol_pairs_fire(screened):
    suppliers, _, hits = screened
    dol = hits.filter(pl.col("rule_id").str.starts_with("dol."))
    countries = set(
        suppliers.filter(pl.col("row_id").is_in(dol.get_column("row_id").to_list())).get_column(
            "country_code"
        )
    )
    assert {"CN", "MY", "TM", "CI", "TH", "CD", "BD", "IN", "BR", "PK", "MX"} <= countries


@pytest.mark.parametrize("profile", ["uflpa.toml", "eu-flr.toml", "lksg.toml"])
def test_profile_change_moves_suppliers(screened, profile):
    suppliers, lists, _ = screened

    def ranking(path):
        rules = load_rules(path)
        hits = evaluate_indicators(suppliers, None, lists, rules, run_date=RUN_DATE)
        return rank_suppliers(suppliers, hits, rules)

    default = ranking(rules_dir() / "default.toml")
    changed = ranking(rules_dir() / profile)
    moved = tier_changes(default, changed).height
    reordered = (default.sort("row_id").get_column("rank") != changed.sort("row_id").get_column("rank")).sum()
    assert moved > 0 or reordered > 0
    if profile == "uflpa.toml":
        assert moved > 0
