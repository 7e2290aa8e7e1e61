"""Worker voice (issue 10): aggravating and mitigating evidence from supplier-file columns; absence is a gap."""

import polars as pl
import pytest

from screener.indicators.rules_worker_voice import fees_paid_by_workers, worker_organisation_present
from screener.risk import rank_suppliers
from tests.indicators.conftest import evidence, hits_for, rule_ids, suppliers

BASE = {"name": "Supplier", "country": "Malaysia", "goods": "electronics", "audit_date": "2026-05-01",
        "audit_result": "Pass", "worker_organisation": "No", "worker_survey_result": "70%"}  # fmt: skip


def test_recruitment_fees_and_no_grievance_mechanism_rank_above_an_otherwise_equal_supplier(default_rules):
    frame = suppliers(
        {**BASE, "grievance_mechanism": "yes", "recruitment_fees": "no"},
        {**BASE, "grievance_mechanism": "nein", "recruitment_fees": "USD 1,500"},
    )
    hits = hits_for(frame, default_rules)
    ranking = rank_suppliers(frame, hits, default_rules)
    assert ranking.sort("rank").get_column("row_id").to_list() == [2, 1]
    reasons = ranking.filter(pl.col("row_id") == 2).get_column("reasons")[0]
    assert "Recruitment fees paid by workers" in reasons and "recruitment fees = 'USD 1,500'" in reasons
    assert "No grievance mechanism" in reasons and "grievance mechanism = 'nein'" in reasons
    assert (
        "Grievance mechanism in place (mitigating)"
        in ranking.filter(pl.col("row_id") == 1).get_column("reasons")[0]
    )


def test_mitigating_hits_have_negative_points(default_rules):
    frame = suppliers(
        {
            "grievance_mechanism": "oui",
            "worker_organisation": "Trade union (CBA signed)",
            "certifications": "SA8000; BSCI",
        }
    )
    hits = hits_for(frame, default_rules)
    voice = hits.filter(pl.col("category") == "worker_voice")
    assert set(voice.get_column("rule_id")) == {
        "voice.grievance_mechanism",
        "voice.worker_organisation",
        "voice.certification",
    }
    assert (voice.get_column("points") < 0).all()


def test_absence_of_data_is_a_gap_not_a_pass(default_rules):
    hits = hits_for(suppliers({"name": "No worker data"}), default_rules)
    assert "voice.missing" in rule_ids(hits)
    text = evidence(hits, "voice.missing")
    assert text.endswith("no value for grievance mechanism, worker organisation, recruitment fees")
    assert not {r for r in rule_ids(hits) if r.startswith("voice.") and r != "voice.missing"}


def test_shares_and_survey(default_rules):
    frame = suppliers({"migrant_worker_share": "45%", "agency_worker_share": "0.35", "worker_survey_result": "2/5"},
                      {"migrant_worker_share": "10%", "agency_worker_share": "0.05", "worker_survey_result": "4/5"})  # fmt: skip
    hits = hits_for(frame, default_rules)
    assert {"voice.high_migrant_share", "voice.high_agency_share", "voice.poor_survey"} <= rule_ids(hits, 1)
    assert not {"voice.high_migrant_share", "voice.high_agency_share", "voice.poor_survey"} & rule_ids(
        hits, 2
    )
    assert "read as 40% of its scale" in evidence(hits, "voice.poor_survey")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("yes", True), ("Ja", True), ("sí", True), ("是", True), ("no", False), ("否", False), ("0", False),
     ("EUR 300", True), ("paid by workers", True), ("Employer pays all fees", False), ("", None), (None, None),
     ("unknown", None)],
)  # fmt: skip
def test_fees_values(value, expected):
    assert fees_paid_by_workers(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("yes", True),
        ("Gewerkschaft", True),
        ("worker committee", True),
        ("工会", True),
        ("none", False),
        ("n/a", None),
    ],
)
def test_worker_organisation_values(value, expected):
    assert worker_organisation_present(value) is expected


def test_workforce_sectors_and_female_majority(default_rules):
    frame = suppliers({"country": "Bangladesh", "goods": "garments", "female_worker_share": "80%"},
                      {"country": "Thailand", "goods": "frozen shrimp", "female_worker_share": "40%"})  # fmt: skip
    hits = hits_for(frame, default_rules)
    assert {"workforce.female_dominated_sector", "workforce.female_majority"} <= rule_ids(hits, 1)
    assert "workforce.migrant_dominated_sector" in rule_ids(hits, 2)
    assert "workforce.female_majority" not in rule_ids(hits, 2)
