"""The engine as a whole: any supplier values give hits in the contract, never an exception."""

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screener.indicators import describe_rules, evaluate_indicators, load_rules
from screener.schema import INDICATOR_HIT_COLUMNS
from tests.indicators.conftest import RUN_DATE, suppliers

RULES = load_rules(None)
FIELDS = ["name", "country", "address", "city", "region", "goods", "hs_code", "spend", "audit_date", "audit_result",
          "audit_findings", "grievance_mechanism", "worker_survey_result", "worker_organisation", "recruitment_fees",
          "migrant_worker_share", "agency_worker_share", "female_worker_share", "certifications"]  # fmt: skip
CELLS = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.sampled_from(
        [
            "China",
            "NO",
            "Xinjiang",
            "5205.12",
            "yes",
            "否",
            "35%",
            "2019-02-30",
            "45000",
            "passports held",
            "=cmd()",
            "1.000,5",
            "护照被扣",
            "cotton yarn",
            "-",
            "n/a",
        ]
    ),  # fmt: skip
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.fixed_dictionaries({field: CELLS for field in FIELDS}), min_size=1, max_size=5))
def test_any_values_give_contract_hits(rows):
    frame = suppliers(*rows)
    hits = evaluate_indicators(frame, None, None, RULES, run_date=RUN_DATE)
    assert tuple(hits.columns[: len(INDICATOR_HIT_COLUMNS)]) == INDICATOR_HIT_COLUMNS
    assert set(hits.get_column("row_id").to_list()) <= set(frame.get_column("row_id").to_list())
    known = {info.rule_id for info in describe_rules(RULES)}
    assert set(hits.get_column("rule_id").to_list()) <= known | {
        r for r in hits["rule_id"] if r.startswith("list.")
    }
    assert hits.filter(pl.col("evidence").str.len_chars() == 0).height == 0


def test_empty_suppliers_frame():
    frame = pl.DataFrame({"row_id": pl.Series([], dtype=pl.Int64), "name": pl.Series([], dtype=pl.String)})
    hits = evaluate_indicators(frame, None, None, RULES)
    assert hits.height == 0 and tuple(hits.columns[:6]) == INDICATOR_HIT_COLUMNS
