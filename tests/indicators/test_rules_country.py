"""Country rules on the shipped TIP and World Bank FCS tables; GSI and the user's country table from files made
here (the GSI file is synthetic: its licence forbids shipping or copying the real one)."""

import csv

from screener.indicators import load_rules
from screener.indicators.rules_country import tip_tier
from tests.indicators.conftest import evidence, hits_for, rule_ids, suppliers


def test_eritrea_tip_tier_comes_from_its_newest_edition(default_rules):
    hits = hits_for(suppliers({"country": "Eritrea"}), default_rules)
    text = evidence(hits, "country.tip.tier_3")
    assert "2025 TIP Report" in text
    assert tip_tier("ER")["report_year"] == 2025


def test_country_missing_from_the_newest_edition_uses_its_newest_own_edition(default_rules):
    # the 2025 edition in the table lacks most Tier 2 countries: Portugal's newest rating is from 2024
    newest = tip_tier("PT")
    assert (newest["report_year"], newest["tier"]) == (2024, "2")
    hits = hits_for(suppliers({"country": "Portugal"}), default_rules)
    assert "2024 TIP Report" in evidence(hits, "country.tip.tier_2")


def test_tier_1_adds_nothing_and_is_not_reported(default_rules):
    hits = hits_for(suppliers({"country": "Germany"}), default_rules)
    assert not {r for r in rule_ids(hits) if r.startswith("country.tip.")}


def test_unrated_country_is_not_found_never_tier_2(default_rules):
    # Netherlands Antilles (AN) has no current code; pick a code with no TIP row at all
    assert tip_tier("AQ") is None
    hits = hits_for(suppliers({"country": "Antarctica"}), default_rules)
    assert not {r for r in rule_ids(hits) if r.startswith("country.tip.")}


def test_fragile_and_conflict_situation_fires_citing_the_edition(default_rules):
    hits = hits_for(suppliers({"country": "Afghanistan"}), default_rules)
    text = evidence(hits, "country.fcs.conflict")
    assert "FY2026 edition" in text and "World Bank" in text


def test_fcs_fiscal_year_can_be_chosen(tmp_path):
    path = tmp_path / "fy.toml"
    path.write_text('extends = "default.toml"\n[fcs]\nfiscal_year = "FY2020"\n', encoding="utf-8")
    hits = hits_for(suppliers({"country": "Afghanistan"}), load_rules(path))
    assert "FY2020 edition" in " ".join(hits.get_column("evidence").to_list())


def _synthetic_gsi(path):
    """Columns of the GSI 2023 country extract; values invented for the test."""
    header = ["country", "iso3", "region", "prevalence_per_1000", "vulnerability_total_pct"]
    rows = [
        ["Testland North", "PRK", "Asia", "50.5", "95.0"],
        ["Testland South", "NOR", "Europe", "0.5", "10.0"],
    ]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def test_gsi_is_off_by_default(default_rules):
    hits = hits_for(suppliers({"country": "North Korea"}), default_rules)
    assert not {r for r in rule_ids(hits) if r.startswith("country.gsi")}


def test_gsi_fires_from_a_user_file(tmp_path):
    _synthetic_gsi(tmp_path / "gsi.csv")
    rules_file = tmp_path / "rules.toml"
    rules_file.write_text('extends = "default.toml"\n[gsi]\npath = "gsi.csv"\n', encoding="utf-8")
    hits = hits_for(suppliers({"country": "North Korea"}, {"country": "Norway"}), load_rules(rules_file))
    assert {"country.gsi.prevalence", "country.gsi.vulnerability"} <= rule_ids(hits, 1)
    assert "Global Slavery Index 2023" in evidence(hits, "country.gsi.prevalence")
    assert not {r for r in rule_ids(hits, 2) if r.startswith("country.gsi")}


def test_user_country_table(tmp_path):
    (tmp_path / "countries.csv").write_text(
        "country,indicator,value\nNO,migrant_stock_pct,15\nMalaysia,migrant_stock_pct,34\n", encoding="utf-8"
    )
    rules_file = tmp_path / "rules.toml"
    rules_file.write_text(
        'extends = "default.toml"\n[country_table]\npath = "countries.csv"\n'
        'indicators = [{ indicator = "migrant_stock_pct", above = 20, points = 5, severity = "medium", '
        'likelihood = 0.1, description = "Large migrant workforce" }]\n',
        encoding="utf-8",
    )
    hits = hits_for(suppliers({"country": "Malaysia"}, {"country": "Norway"}), load_rules(rules_file))
    assert "Large migrant workforce" in evidence(hits, "country.table.migrant_stock_pct", 1)
    assert "country.table.migrant_stock_pct" not in rule_ids(hits, 2)


def test_watchlist_keeps_no_as_norway(tmp_path):
    rules_file = tmp_path / "rules.toml"
    rules_file.write_text(
        'extends = "default.toml"\n[watchlist]\ncountries = ["NO", "MM"]\n', encoding="utf-8"
    )
    rules = load_rules(rules_file)
    assert rules.section("watchlist")["countries"] == ("NO", "MM")
    hits = hits_for(suppliers({"country": "Norway"}, {"country": "Sweden"}), rules)
    assert "country.watchlist" in rule_ids(hits, 1)
    assert "country.watchlist" not in rule_ids(hits, 2)


def test_gsi_from_a_synthetic_xlsx_with_the_workbook_headers(tmp_path):
    """Headers as Walk Free's summary sheet words them; the values are invented for the test."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Country", "Region", "Estimated prevalence of modern slavery per 1,000 population",
                  "Total Vulnerability score (%)"])  # fmt: skip
    sheet.append(["Testland", "Africa", 12.5, 41.0])
    sheet.append(["Norway", "Europe", 0.5, 5.0])
    book.save(tmp_path / "gsi.xlsx")
    rules_file = tmp_path / "rules.toml"
    rules_file.write_text('extends = "default.toml"\n[gsi]\npath = "gsi.xlsx"\n', encoding="utf-8")
    from screener.indicators.rules_country import read_gsi

    table = read_gsi(str(tmp_path / "gsi.xlsx"))
    assert table["NO"] == {"prevalence_per_1000": 0.5, "vulnerability_total_pct": 5.0}
    hits = hits_for(suppliers({"country": "Norway"}), load_rules(rules_file))
    assert not {r for r in rule_ids(hits) if r.startswith("country.gsi")}
