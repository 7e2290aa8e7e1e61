"""The engine as a whole: any supplier values give hits in the contract, never an exception."""

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screener.indicators import describe_rules, evaluate_indicators, load_rules
from screener.schema import INDICATOR_HIT_COLUMNS
from tests.indicators.conftest import RUN_DATE, hits_for, suppliers

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


# --- rules evaluated once per distinct value, against a row-by-row loop ------------------------------------------
def _row_by_row(ctx, columns, findings):
    """The plain loop hits_per_distinct replaces: every supplier's values read and judged on their own."""
    from screener.indicators.base import hits_frame

    rows = [
        (row_id, rule, facts, source)
        for row_id, *values in ctx.rows(*columns)
        for rule, facts, source in findings(tuple(values))
    ]
    return hits_frame(rows, ctx.row_id_dtype)


def _sample_suppliers() -> pl.DataFrame:
    """The 1,500 labelled sample suppliers (every column filled, values repeated) in shuffled row order, plus
    rows without country, goods or audit data and a row_id gap."""
    from pathlib import Path

    from screener.io import read_suppliers
    from screener.normalize.countries import add_country_codes

    path = Path(__file__).parents[2] / "sample_data" / "training" / "labelled_suppliers.xlsx"
    frame = add_country_codes(read_suppliers([path]).suppliers)
    blanks = frame.head(4).with_columns(
        pl.Series("row_id", [9001, 9002, 9003, 9005]),
        pl.lit(None, dtype=pl.String).alias("country_code"),
        pl.Series("goods", [None, "", "cotton", None]),
        pl.Series("audit_date", [None, "31.02.2024", "2010-01-01", ""]),
    )
    return pl.concat([frame, blanks], how="vertical_relaxed").sample(fraction=1.0, shuffle=True, seed=3)


def test_rules_judged_per_distinct_value_give_the_row_by_row_hits(monkeypatch, tmp_path):
    """Same hits, same order, same evidence as judging every supplier on its own (country, gap, worker-voice,
    audit, ILO and workforce-share rules go through hits_per_distinct), with an ILO yes/no flag column too."""
    import sys

    from screener.indicators.kinds import rule_kinds

    path = tmp_path / "rules.toml"
    path.write_text(
        'extends = "default.toml"\n[ilo]\nflag_columns = { debt_bondage = ["recruitment_fees", "absent"] }\n',
        encoding="utf-8",
    )
    rules = load_rules(path)
    frame = _sample_suppliers()
    shares = ["80%", "0.3", None, "75", "abc"]
    frame = frame.with_columns(
        pl.Series("female_worker_share", [shares[i % 5] for i in range(frame.height)], dtype=pl.String)
    )
    fast = hits_for(frame, rules)
    modules = [sys.modules[kind.evaluate.__module__] for kind in rule_kinds()]
    patched = [module for module in modules if hasattr(module, "hits_per_distinct")]
    assert len(patched) == 7
    for kind in patched:
        monkeypatch.setattr(kind, "hits_per_distinct", _row_by_row)
    plain = hits_for(frame, rules)
    assert fast.equals(plain)
    fired = set(fast.get_column("rule_id").to_list())
    assert {"gap.no_country", "gap.no_goods", "gap.audit_date_unreadable", "gap.audit_outdated"} <= fired
    assert {"ilo.debt_bondage", "workforce.female_majority", "audit.failed"} <= fired
    assert any(r.startswith("country.") for r in fired) and any(r.startswith("voice.") for r in fired)


def test_hits_per_distinct_keeps_supplier_order_and_each_suppliers_finding_order():
    from screener.indicators.base import RuleInfo, Weights
    from screener.indicators.context import Context, hits_per_distinct

    first = RuleInfo("t.first", "x", "First", "", Weights(5, "low", 0.1))
    second = RuleInfo("t.second", "x", "Second", "", Weights(1, "low", 0.1))
    silent = RuleInfo("t.silent", "x", "Silent", "", Weights(0, "low", 0.0))
    frame = pl.DataFrame(
        {"row_id": [7, 3, 5, 1, 9], "a": ["x", None, "x", "y", None], "b": ["1", "2", "1", None, "2"]}
    )

    def findings(values):
        a, b = values
        found = [(second, f"b={b}", "b")] if b else []
        return found + ([(first, f"a={a}", "a"), (silent, "never shown", None)] if a else [])

    ctx = Context(frame, pl.DataFrame(), None, RULES)
    got = hits_per_distinct(ctx, ["a", "b", "absent"], lambda v: findings(v[:2]))
    assert got.equals(_row_by_row(ctx, ["a", "b", "absent"], lambda v: findings(v[:2])))
    assert got.select("row_id", "rule_id").rows() == [
        (7, "t.second"), (7, "t.first"), (3, "t.second"), (5, "t.second"), (5, "t.first"), (1, "t.first"),
        (9, "t.second"),
    ]  # fmt: skip
    assert hits_per_distinct(ctx, ["a"], lambda v: []).height == 0
