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
    # audit.failed: evidence about the supplier itself, so a score of 70 may reach tier high (see test_abstract_risk)
    hits = _hits((1, "audit.failed", 70, "high", 0.2), (2, "b", 30, "medium", 0.2), (3, "c", 10, "low", 0.1))
    ranking = rank_suppliers(_frame(3), hits, RULES).sort("row_id")
    assert ranking.get_column("tier").to_list() == ["high", "medium", "low"]
    assert ranking.get_column("score").to_list() == [70, 30, 10]


def test_a_review_hit_alone_does_not_make_a_supplier_high(tmp_path):
    # Supplier 1: 35 points of country and goods evidence + a review-band list hit (30) = 65, above tiers.high (60):
    # medium, since without the possible match it is not high. Supplier 2: 65 points without a review hit, with a failed audit: high.
    hits = _hits((1, "dol.forced_labour", 35, "high", 0.3), (1, "list.ofac-sdn.review", 30, "high", 0.2),
                 (2, "dol.forced_labour", 35, "high", 0.3), (2, "audit.failed", 30, "medium", 0.2))  # fmt: skip
    ranking = rank_suppliers(_frame(2), hits, RULES).sort("row_id")
    assert ranking.get_column("score").to_list() == [65, 65]
    assert ranking.get_column("tier").to_list() == ["medium", "high"]
    path = tmp_path / "r.toml"
    path.write_text('extends = "default.toml"\n[tiers]\nreview_hits_count_for_high = true\n')
    counted = rank_suppliers(_frame(2), hits, load_rules(path)).sort("row_id")
    assert counted.get_column("tier").to_list() == ["high", "high"]


def test_abstract_risk_alone_is_held_at_medium():
    hits = _hits((1, "dol.forced_labour", 70, "high", 0.2), (2, "voice.missing", 70, "low", 0.2))
    ranking = rank_suppliers(_frame(2), hits, RULES).sort("row_id")
    assert ranking.get_column("tier").to_list() == ["medium", "medium"]
    assert ranking.get_column("recommended_action")[0].startswith("Request information")


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
    old = rank_suppliers(frame, _hits((1, "audit.a", 70, "high", 0.2), (2, "b", 30, "medium", 0.2)), RULES)
    new = rank_suppliers(
        frame,
        _hits((1, "audit.a", 20, "high", 0.2), (2, "b", 30, "medium", 0.2), (3, "audit.c", 90, "high", 0.5)),
        RULES,
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


def test_reasons_of_tied_hits_follow_rule_id_whatever_order_the_hits_arrive_in():
    """Equal points: rule_id order (then evidence), so two runs, chunks or callers give the same reasons text."""
    rows = [
        (1, "xinjiang.presumption", 15, "high", 0.5),
        (1, "country.tip.tier_3", 15, "high", 0.2),
        (1, "dol.forced_labour", 15, "high", 0.3),
        (1, "gap.no_audit", 5, "low", 0.05),
        (1, "voice.grievance", -5, "low", 0.1),
        (1, "audit.recent_pass", -5, "low", 0.1),
    ]
    hits = _hits(*rows)
    expected = " | ".join(
        f"{rule} on 1"
        for rule in (
            "country.tip.tier_3",
            "dol.forced_labour",
            "xinjiang.presumption",
            "gap.no_audit",
            "audit.recent_pass",
            "voice.grievance",
        )
    )
    for seed in range(6):
        shuffled = hits.sample(fraction=1.0, shuffle=True, seed=seed)
        ranking = rank_suppliers(_frame(1), shuffled, RULES)
        assert ranking.get_column("reasons").item() == expected


def _plain_likelihood(hits: pl.DataFrame) -> dict[int, float]:
    """Per supplier: the strongest hit per (category, aggravating or not), multiplied in category order."""
    strongest: dict[tuple, float] = {}
    for row_id, category, points, likelihood in hits.select(
        "row_id", "category", "points", "likelihood"
    ).iter_rows():
        if points != 0:
            key = (row_id, category, points > 0)
            strongest[key] = max(strongest.get(key, likelihood), likelihood)
    unlikely: dict[int, float] = {}
    mitigated: dict[int, float] = {}
    for (row_id, _, aggravating), likelihood in sorted(strongest.items()):
        unlikely[row_id] = unlikely.get(row_id, 1.0) * (1 - likelihood if aggravating else 1.0)
        mitigated[row_id] = mitigated.get(row_id, 1.0) * (1.0 if aggravating else 1 - likelihood)
    return {row_id: (1 - unlikely[row_id]) * mitigated[row_id] for row_id in unlikely}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 6), st.sampled_from(["list", "country", "dol", "ilo"]),
                          st.integers(-10, 40), st.floats(0, 1)), max_size=40), st.randoms())  # fmt: skip
def test_combined_likelihood_equals_a_plain_product_in_category_order(raw, random):
    from screener.risk.ranking import combined_likelihood

    rows = [
        {"row_id": r, "category": c, "points": float(p), "likelihood": lk, "rule_id": f"r{i}"}
        for i, (r, c, p, lk) in enumerate(raw)
    ]
    random.shuffle(rows)
    hits = pl.DataFrame(
        rows, schema={"row_id": pl.Int64, "category": pl.String, "points": pl.Float64, "likelihood": pl.Float64,
                      "rule_id": pl.String})  # fmt: skip
    got = dict(combined_likelihood(hits).iter_rows())
    assert got == _plain_likelihood(hits)  # exactly: same factors, same order


def test_recommended_action_takes_the_first_override_whose_rules_fired(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text(
        'extends = "default.toml"\n[actions]\noverrides = [\n'
        '  { rules = ["dol.*"], min_tier = "medium", action = "Check the goods" },\n'
        '  { rules = ["gap.no_audit", "dol.forced_labour"], min_tier = "low", action = "Audit it" },\n]\n'
    )
    rules = load_rules(path)
    hits = _hits((1, "dol.forced_labour", 30, "high", 0.3), (2, "dol.forced_labour", 1, "high", 0.3),
                 (3, "gap.no_audit", 1, "low", 0.1), (4, "ilo.passports", 200, "high", 0.5))  # fmt: skip
    ranking = rank_suppliers(_frame(5), hits, rules).sort("row_id")
    tiers = ranking.get_column("tier").to_list()
    actions = rules.section("actions")
    assert tiers[0] in ("high", "medium") and tiers[1] == tiers[2] == tiers[4] == "low" and tiers[3] == "high"
    assert ranking.get_column("recommended_action").to_list() == [
        "Check the goods",  # both overrides fit; the first wins
        "Audit it",  # tier low: below the first override's min_tier
        "Audit it",
        actions["high"],  # no override's rules fired
        actions["low"],  # no hits at all
    ]


@pytest.mark.parametrize(
    "spend",
    [
        ["1.000", "1,234.5", "-5", None, "abc", "12", "3.14", " 7 ", "1.000", "2,5", "€ 3", ""],
        [1000.0, None, -3.0, 0.5, 2.0, 1e6, 0.0, 7.25, None, 3.0, 4.0, 5.0],
        [None] * 12,
    ],
)
def test_leverage_equals_a_plain_share_of_spend(spend):
    from screener.indicators.values import parse_number
    from screener.risk.ranking import leverage

    values = [parse_number(v) for v in spend]
    values = [max(v, 0.0) if v is not None else 0.0 for v in values]
    total = sum(values)
    expected = [v / total if total else 0.0 for v in values]
    frame = pl.DataFrame({"row_id": range(12), "spend": spend}, strict=False)
    assert leverage(frame, "spend").to_list() == expected
