"""Ranking invariants and the prioritisation order."""

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screener.indicators import load_rules
from screener.risk import rank_suppliers
from screener.risk.ranking import tier_changes
from tests.indicators.conftest import hits_for, suppliers

RULES = load_rules(None)


def _hits(*rows):
    """Hits from (row_id, rule_id, points, severity, likelihood)."""
    return pl.DataFrame(
        [
            {
                "row_id": r,
                "rule_id": rule,
                "category": "x",
                "points": float(p),
                "severity": s,
                "evidence": f"{rule} on {r}",
                "likelihood": float(lk),
                "source": None,
            }
            for r, rule, p, s, lk in rows
        ],  # fmt: skip
        schema_overrides={"row_id": pl.Int64},
    )


def _frame(n, spend=None):
    return pl.DataFrame(
        {"row_id": list(range(1, n + 1)), "spend": spend or [None] * n}, schema_overrides={"spend": pl.String}
    )


def test_every_supplier_ranked_once_even_without_hits():
    frame = _frame(4)
    ranking = rank_suppliers(frame, _hits((2, "dol.forced_labour", 20, "high", 0.3)), RULES)
    assert sorted(ranking.get_column("row_id").to_list()) == [1, 2, 3, 4]
    assert sorted(ranking.get_column("rank").to_list()) == [1, 2, 3, 4]
    assert ranking.filter(pl.col("rank") == 1).get_column("row_id")[0] == 2
    assert ranking.filter(pl.col("row_id") == 1).get_column("reasons")[0] == ""
    assert ranking.get_column("model_probability").null_count() == 4


def test_confirmed_uflpa_or_cbp_match_is_always_high(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text(
        'extends = "default.toml"\n[lists.uflpa]\nmatch = { points = 1 }\n[lists.cbp-wro]\nmatch = { points = 1 }\n'
    )
    rules = load_rules(path)
    hits = _hits((1, "list.uflpa.match", 1, "critical", 0.9), (2, "list.cbp-wro.match", 1, "critical", 0.9),
                 (3, "list.uflpa.review", 1, "high", 0.3))  # fmt: skip
    ranking = rank_suppliers(_frame(3), hits, rules).sort("row_id")
    assert ranking.get_column("tier").to_list() == ["high", "high", "low"]
    assert ranking.get_column("recommended_action")[0].startswith("Escalate")


def test_tiers_follow_score_thresholds():
    hits = _hits((1, "a", 70, "high", 0.2), (2, "b", 30, "medium", 0.2), (3, "c", 10, "low", 0.1))
    ranking = rank_suppliers(_frame(3), hits, RULES).sort("row_id")
    assert ranking.get_column("tier").to_list() == ["high", "medium", "low"]
    assert ranking.get_column("score").to_list() == [70, 30, 10]


def test_within_a_tier_severity_then_likelihood_then_leverage():
    hits = _hits(
        (1, "a", 40, "high", 0.5),
        (2, "b", 30, "critical", 0.1),  # gravest: first although fewer points
        (3, "c", 40, "high", 0.5),  # equal to 1 but more spend: more leverage
        (4, "d", 40, "high", 0.7),
    )
    ranking = rank_suppliers(_frame(4, ["10", "10", "500", "10"]), hits, RULES)
    assert ranking.sort("rank").get_column("row_id").to_list() == [2, 4, 3, 1]


def test_mitigating_hits_lower_score_and_likelihood_and_are_shown():
    hits = _hits(
        (1, "a", 30, "high", 0.5),
        (2, "a", 30, "high", 0.5),
        (2, "voice.grievance_mechanism", -5, "info", 0.2),
    )
    ranking = rank_suppliers(_frame(2), hits, RULES).sort("row_id")
    assert ranking.get_column("score").to_list() == [30, 25]
    assert ranking.get_column("likelihood").to_list() == [0.5, 0.4]
    assert "voice.grievance_mechanism on 2" in ranking.get_column("reasons")[1]


def test_model_probability_enters_the_score_by_its_weight():
    model = pl.DataFrame({"row_id": [1, 2], "model_probability": [0.9, 0.1]})
    ranking = rank_suppliers(_frame(2), _hits((1, "a", 10, "low", 0.1)), RULES, model).sort("row_id")
    weight = RULES.section("model")["weight"]
    assert ranking.get_column("score").to_list() == [
        pytest.approx(10 + 0.9 * weight),
        pytest.approx(0.1 * weight),
    ]
    assert ranking.get_column("model_probability").to_list() == [0.9, 0.1]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 12), st.integers(-10, 80), st.sampled_from(["critical", "high", "low"]),
                          st.floats(0, 1)), max_size=30), st.integers(1, 12))  # fmt: skip
def test_ranking_invariants(raw, n):
    hits = _hits(*[(r, f"rule{i}", p, s, lk) for i, (r, p, s, lk) in enumerate(raw) if r <= n])
    ranking = rank_suppliers(_frame(n), hits, RULES)
    assert ranking.height == n
    assert sorted(ranking.get_column("rank").to_list()) == list(range(1, n + 1))
    assert ranking.get_column("row_id").n_unique() == n
    assert (ranking.get_column("score") >= 0).all()
    tiers = ranking.sort("rank").get_column("tier").to_list()
    order = {"high": 0, "medium": 1, "low": 2}
    assert [order[t] for t in tiers] == sorted(order[t] for t in tiers)


def test_tier_changes_between_two_rankings():
    frame = _frame(3)
    old = rank_suppliers(frame, _hits((1, "a", 70, "high", 0.2), (2, "b", 30, "medium", 0.2)), RULES)
    new = rank_suppliers(
        frame, _hits((1, "a", 20, "high", 0.2), (2, "b", 30, "medium", 0.2), (3, "c", 90, "high", 0.5)), RULES
    )
    changes = tier_changes(old, new)
    assert changes.select("row_id", "old_tier", "new_tier", "change").rows() == [
        (3, "low", "high", "up"),
        (1, "high", "low", "down"),
    ]


def test_real_hits_rank_chinese_cotton_above_german_cotton():
    frame = suppliers(
        {"country": "China", "goods": "cotton yarn"}, {"country": "Germany", "goods": "cotton yarn"}
    )
    ranking = rank_suppliers(frame, hits_for(frame), RULES)
    assert ranking.sort("rank").get_column("row_id").to_list() == [1, 2]
    assert "DOL List of Goods" in ranking.filter(pl.col("row_id") == 1).get_column("reasons")[0]


def test_confirmed_listing_ranks_first_within_high():
    hits = _hits(
        (1, "ilo.debt_bondage", 45, "critical", 0.85),
        (1, "audit.failed", 40, "high", 0.5),
        (2, "list.uflpa.match", 100, "critical", 0.6),
    )
    ranking = rank_suppliers(_frame(2), hits, RULES)
    assert ranking.sort("rank").get_column("row_id").to_list() == [2, 1]


def test_hits_of_one_category_are_one_piece_of_evidence():
    hits = pl.concat(
        [
            _hits((1, "dol.forced_labour", 20, "high", 0.3), (2, "dol.forced_labour", 20, "high", 0.3)),
            _hits(
                (1, "dol.child_labour", 15, "high", 0.3), (2, "country.tip.tier_3", 15, "high", 0.3)
            ).with_columns(pl.Series("category", ["forced_labour", "country"])),
        ]
    ).with_columns(
        pl.when(pl.col("rule_id").str.starts_with("dol."))
        .then(pl.lit("forced_labour"))
        .otherwise(pl.col("category"))
        .alias("category")
    )
    ranking = rank_suppliers(_frame(2), hits, RULES).sort("row_id")
    assert ranking.get_column("likelihood").to_list() == [0.3, pytest.approx(1 - 0.7 * 0.7)]


def test_model_reason_is_shown_when_the_model_adds_points():
    model = pl.DataFrame(
        {"row_id": [1, 2], "model_probability": [0.8, 0.0], "model_reasons": ["high-risk country", None]}
    )
    ranking = rank_suppliers(_frame(2), _hits((2, "a", 10, "low", 0.1)), RULES, model).sort("row_id")
    assert ranking.get_column("reasons")[0].startswith(
        "Risk model: probability 0.8 (+12.0 points): high-risk country"
    )
    assert "Risk model" not in ranking.get_column("reasons")[1]
