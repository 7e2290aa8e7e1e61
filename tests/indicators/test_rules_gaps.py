"""Data gaps and the audit result."""

import polars as pl

from tests.indicators.conftest import RUN_DATE, evidence, hits_for, rule_ids, suppliers


def test_gaps_no_country_no_goods_no_audit(default_rules):
    frame = suppliers(
        {"name": "A"}, {"name": "B", "country": "Atlantis", "goods": "valves", "audit_result": "Pass"}
    )
    hits = hits_for(frame, default_rules)
    assert {"gap.no_country", "gap.no_goods", "gap.no_audit"} <= rule_ids(hits, 1)
    assert "gap.no_goods" not in rule_ids(hits, 2)
    assert "'Atlantis' is not a recognised country" in evidence(hits, "gap.no_country", 2)
    assert "gap.no_audit" not in rule_ids(hits, 2)


def test_audit_older_than_the_limit_relative_to_the_run_date(default_rules):
    months = default_rules.section("gaps")["audit_max_age_months"]
    old = RUN_DATE.replace(year=RUN_DATE.year - months // 12 - 1).isoformat()
    recent = RUN_DATE.replace(year=RUN_DATE.year - 1).isoformat()
    frame = suppliers(
        {"audit_date": old}, {"audit_date": recent}, {"audit_date": "sometime"}, {"audit_date": "45000"}
    )
    hits = hits_for(frame, default_rules)
    assert f"last audit {old}" in evidence(hits, "gap.audit_outdated", 1)
    assert "gap.audit_outdated" not in rule_ids(hits, 2)
    assert "gap.audit_date_unreadable" in rule_ids(hits, 3)
    assert "gap.audit_outdated" in rule_ids(hits, 4)  # Excel serial 45000 = 2023-03-15


def test_failed_audit(default_rules):
    frame = suppliers(
        {"audit_result": "FAIL"},
        {"audit_result": "Pass"},
        {"audit_result": "不合格"},
        {"audit_result": "not failed"},
    )
    hits = hits_for(frame, default_rules)
    assert ["audit.failed" in rule_ids(hits, r) for r in range(1, 5)] == [True, False, True, False]
    assert hits.filter(pl.col("rule_id") == "audit.failed").get_column("category").unique().to_list() == [
        "audit"
    ]


def test_not_audited_is_no_audit(default_rules):
    hits = hits_for(suppliers({"audit_result": "Not audited"}, {"audit_result": "未审核"}), default_rules)
    assert "audit result is 'Not audited'" in evidence(hits, "gap.no_audit", 1)
    assert "gap.no_audit" in rule_ids(hits, 2)


def test_child_labour_in_audit_findings_is_its_own_rule(default_rules):
    frame = suppliers(
        {"audit_findings": "Two underage workers (14 years) found in packing"},
        {"audit_findings": "发现童工"},
        {"audit_findings": "No child labour found; young workers registered."},
    )
    hits = hits_for(frame, default_rules)
    assert "'underage workers'" in evidence(hits, "audit.child_labour", 1)
    assert "audit.child_labour" in rule_ids(hits, 2)
    assert "audit.child_labour" not in rule_ids(hits, 3)
    assert hits.filter(pl.col("rule_id") == "audit.child_labour").get_column(
        "category"
    ).unique().to_list() == ["child_labour"]
