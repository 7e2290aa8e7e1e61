"""The final ranking: one row per supplier, every supplier, riskiest first.

How it is built (the rules file's [tiers], [prioritisation], [model], [actions] and [reasons] set the numbers):

* score = the sum of the points of the supplier's hits (mitigating hits count negative; never below 0)
  + ``model.weight`` x the risk model's probability, when model scores are given.
* tier = high when score >= ``tiers.high`` or a hit of a rule marked ``force_high`` fired (a confirmed UFLPA or
  CBP match is always high); medium when score >= ``tiers.medium``; else low. Unless
  ``tiers.review_hits_count_for_high``, the points of list hits in band review do not count toward high: a possible
  match alone never makes a supplier high risk. Without a hit of one of ``tiers.concrete_rules`` (evidence about the supplier itself: a list hit in force, a region order, audit findings,
  worker-voice red flags) the tier is at most ``tiers.abstract_risk_cap``: country, commodity and sector risk alone
  is abstract risk (LkSG guidance), a reason to ask, not a finding; such a supplier gets ``actions.abstract_risk``
  and a reason saying so.
* rank: by tier, then in the order of ``prioritisation.order``, by default as the German Supply Chain Due
  Diligence Act (LkSG s.3(2)) and BAFA's guidance prioritise: severity (the gravest aggravating hit; "barred",
  above critical, when a force_high rule fired: a confirmed UFLPA, CBP or OFAC listing is a legal bar), likelihood
  (the strongest hit of each category, categories combined as independent evidence, 1 - (1-l1)(1-l2)..., then
  reduced by mitigating categories, x (1-m1)(1-m2)...), leverage (the supplier's share of total spend), score;
  ties by row_id.
* reasons = the evidence of the hits with most points (up to ``reasons.max_reasons``), mitigating ones after; hits
  with equal points in rule_id order (then evidence), so the text never depends on the order hits arrive in.
* recommended_action = the first ``actions.overrides`` entry whose rules fired (at or above its min_tier), else the
  action of the tier.
"""

from __future__ import annotations

from fnmatch import fnmatchcase

import numpy as np
import polars as pl

from screener.indicators.base import BARRED, LIKELIHOOD, SEVERITIES, SEVERITY_RANK
from screener.indicators.values import parse_number
from screener.schema import (
    CATEGORY,
    EVIDENCE,
    MODEL_PROBABILITY,
    POINTS,
    RANK,
    REASONS,
    RECOMMENDED_ACTION,
    ROW_ID,
    RULE_ID,
    SCORE,
    SEVERITY,
    SPEND_CONVERTED,
    TIER,
    TIERS,
)

LEVERAGE = "leverage"
MODEL_REASONS = "model_reasons"  # the risk model's own reasons (screener.risk.model.predict)
FORCED_HIGH = "forced_high"
CONCRETE = "_concrete"  # a hit of one of tiers.concrete_rules with points above 0 fired
CAPPED = "_capped"  # the tier was lowered to tiers.abstract_risk_cap
REASON_SEPARATOR = " | "
RANKING_COLUMNS = (
    ROW_ID,
    SCORE,
    TIER,
    RANK,
    MODEL_PROBABILITY,
    REASONS,
    RECOMMENDED_ACTION,
    SEVERITY,
    LIKELIHOOD,
    LEVERAGE,
)
_TIER_ORDER = {tier: i for i, tier in enumerate(TIERS)}  # high 0, medium 1, low 2


def forces_high(rules, rule_id: str) -> bool:
    """True when a hit of this rule puts a supplier in tier high whatever its score."""
    parts = rule_id.split(".")
    if parts[0] == "list" and len(parts) == 3 and parts[2] == "match":
        return bool(rules.list_weights(parts[1])["force_high"])
    if parts[0] == "order":
        return bool(rules.section("orders")["force_high"])
    if parts[0] == "xinjiang":
        return bool(rules.section("xinjiang")["force_high"])
    return False


def _override_flag(i: int) -> str:
    return f"_override_{i}"


def supplier_summary(hits: pl.DataFrame, rules) -> pl.DataFrame:
    """Per supplier with hits: points, severity rank, combined likelihood, forced_high, reasons, and per
    ``actions.overrides`` entry whether one of its rules fired (``_override_<i>``)."""
    overrides = rules.section("actions")["overrides"]
    if hits.height == 0:
        return pl.DataFrame(
            schema={
                ROW_ID: hits.schema.get(ROW_ID, pl.Int64),
                POINTS: pl.Float64,
                "_severity": pl.Int64,
                FORCED_HIGH: pl.Boolean,
                CONCRETE: pl.Boolean,
                REASONS: pl.String,
                **{_override_flag(i): pl.Boolean for i in range(len(overrides))},
                LIKELIHOOD: pl.Float64,
            }
        )
    rule_ids = hits.get_column(RULE_ID).unique().to_list()
    forced = {rule_id: forces_high(rules, rule_id) for rule_id in rule_ids}
    max_reasons = int(rules.section("reasons")["max_reasons"])
    likelihood = hits.get_column(LIKELIHOOD) if LIKELIHOOD in hits.columns else pl.lit(0.0)
    aggravating = pl.col(POINTS) > 0
    frame = hits.with_columns(
        likelihood.fill_null(0.0).clip(0, 1).alias(LIKELIHOOD),
        pl.col(SEVERITY).replace_strict(SEVERITY_RANK, default=0, return_dtype=pl.Int64).alias("_sev"),
        pl.col(RULE_ID).replace_strict(forced, default=False, return_dtype=pl.Boolean).alias(FORCED_HIGH),
    ).with_columns(pl.when(aggravating).then(pl.col("_sev")).otherwise(0).alias("_aggravating_sev"))
    fired = [
        pl.col(RULE_ID)
        .is_in([r for r in rule_ids if any(fnmatchcase(r, p) for p in o["rules"])])
        .any()
        .alias(_override_flag(i))
        for i, o in enumerate(overrides)
    ]
    patterns = rules.section("tiers")["concrete_rules"]
    concrete_ids = [r for r in rule_ids if any(fnmatchcase(r, p) for p in patterns)]
    fired.append((pl.col(RULE_ID).is_in(concrete_ids) & aggravating).any().alias(CONCRETE))
    return (
        frame.sort(
            [ROW_ID, POINTS, RULE_ID, EVIDENCE], descending=[False, True, False, False], maintain_order=True
        )
        .group_by(ROW_ID, maintain_order=True)
        .agg(
            pl.col(POINTS).sum(),
            pl.col("_aggravating_sev").max().alias("_severity"),
            pl.col(FORCED_HIGH).any(),
            pl.col(EVIDENCE).filter(aggravating).head(max_reasons).alias("_worst"),
            pl.col(EVIDENCE).filter(pl.col(POINTS) < 0).alias("_mitigating"),
            *fired,
        )
        .with_columns(pl.concat_list("_worst", "_mitigating").list.join(REASON_SEPARATOR).alias(REASONS))
        .drop("_worst", "_mitigating")
        .join(combined_likelihood(frame), on=ROW_ID, how="left")
        .with_columns(pl.col(LIKELIHOOD).fill_null(0.0))
    )


def combined_likelihood(hits: pl.DataFrame) -> pl.DataFrame:
    """row_id, likelihood: hits of one category are one piece of evidence (the strongest counts: a good listed for
    forced and for child labour is one fact, not two); categories combine as independent evidence,
    1 - (1-l1)(1-l2)...; then each mitigating category multiplies by (1-m). The factors are multiplied in category
    order, so the last decimal never depends on the order hits arrive in."""
    hits = hits.filter(pl.col(POINTS) != 0)
    if hits.height == 0:
        return pl.DataFrame(schema={ROW_ID: hits.schema[ROW_ID], LIKELIHOOD: pl.Float64})
    categories = (
        sorted(hits.get_column(CATEGORY).drop_nulls().unique().to_list()) if CATEGORY in hits.columns else []
    )
    category = (
        pl.col(CATEGORY).replace_strict(
            {c: i for i, c in enumerate(categories)}, default=-1, return_dtype=pl.Int64
        )
        if categories
        else pl.lit(0, dtype=pl.Int64)
    )
    # One key per (category, aggravating or mitigating); hits sorted by supplier and key, each key's strongest
    # likelihood taken (fmax: a missing likelihood counts only when the key has no other).
    ordered = hits.select(
        ROW_ID, (category * 2 + (pl.col(POINTS) > 0).cast(pl.Int64)).alias("_key"), pl.col(LIKELIHOOD)
    ).sort([ROW_ID, "_key"])
    row_ids = ordered.get_column(ROW_ID)
    rows, key = row_ids.to_numpy(), ordered.get_column("_key").to_numpy()
    strongest = np.flatnonzero(np.r_[True, (rows[1:] != rows[:-1]) | (key[1:] != key[:-1])])
    likelihood = np.fmax.reduceat(ordered.get_column(LIKELIHOOD).cast(pl.Float64).to_numpy(), strongest)
    rows, aggravating = rows[strongest], key[strongest] % 2 == 1
    first = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    # np.multiply.reduceat multiplies each supplier's factors left to right, in category order.
    unlikely = np.multiply.reduceat(np.where(aggravating, 1 - likelihood, 1.0), first)
    mitigated = np.multiply.reduceat(np.where(aggravating, 1.0, 1 - likelihood), first)
    return pl.DataFrame(
        {ROW_ID: row_ids.gather(strongest[first]), LIKELIHOOD: (1 - unlikely) * mitigated},
        schema_overrides={LIKELIHOOD: pl.Float64},
    )


def leverage(suppliers: pl.DataFrame, column: str) -> pl.Series:
    """Each supplier's share of total spend (0 when its spend is missing or unreadable)."""
    if column not in suppliers.columns:
        return pl.Series(LEVERAGE, [0.0] * suppliers.height, dtype=pl.Float64)
    raw = suppliers.get_column(column)
    if raw.dtype.is_numeric():
        fast = raw.cast(pl.Float64)
    else:  # plain numbers in one vectorised cast; "1.000" (a thousand in Europe) and "1,234.5" by parse_number
        text = raw.cast(pl.String).str.strip_chars()
        plain = text.str.contains(r"^-?\d+(\.\d{1,2}|\.\d{4,})?$").fill_null(False)
        fast = pl.select(pl.when(plain).then(text.cast(pl.Float64, strict=False))).to_series()
    slow = fast.is_null() & raw.is_not_null()
    if slow.any():  # parse_number on each distinct text the vectorised cast could not read
        texts = raw.cast(pl.String).filter(slow)
        distinct = texts.unique().to_list()
        parsed = dict(zip(distinct, [parse_number(text) for text in distinct], strict=True))
        fast = fast.scatter(
            slow.arg_true(), pl.Series([parsed[t] for t in texts.to_list()], dtype=pl.Float64)
        )
    spend = fast.to_numpy(allow_copy=True).astype(np.float64, copy=True)
    spend[np.isnan(spend) & fast.is_null().to_numpy()] = 0.0  # unreadable or missing: no spend
    spend = np.where(0.0 > spend, 0.0, spend)  # max(v, 0.0)
    total = sum(spend.tolist())  # Python's left-to-right sum, as before
    return pl.Series(LEVERAGE, spend / total if total else np.zeros(len(spend)), dtype=pl.Float64)


def leverage_source(suppliers: pl.DataFrame, rules) -> str:
    """The spend converted to the reporting currency (screener.normalize.spend) when the pipeline made it, else the
    rules file's spend column as written."""
    return (
        SPEND_CONVERTED
        if SPEND_CONVERTED in suppliers.columns
        else str(rules.section("prioritisation")["leverage_column"])
    )


def rank_suppliers(
    suppliers: pl.DataFrame, hits: pl.DataFrame, rules, model_scores: pl.DataFrame | None = None
) -> pl.DataFrame:
    """One row per supplier (all of them, hits or not): row_id, score, tier, rank (1 = riskiest),
    model_probability, reasons, recommended_action, plus severity, likelihood and leverage that ordered it."""
    base = suppliers.select(ROW_ID).with_columns(leverage(suppliers, leverage_source(suppliers, rules)))
    summary = supplier_summary(hits, rules).with_columns(pl.col(ROW_ID).cast(base.schema[ROW_ID]))
    frame = base.join(summary, on=ROW_ID, how="left").with_columns(
        pl.col(POINTS).fill_null(0.0),
        pl.col("_severity").fill_null(0),
        pl.col(LIKELIHOOD).fill_null(0.0),
        pl.col(FORCED_HIGH).fill_null(False),
        pl.col(CONCRETE).fill_null(False),
        pl.col(REASONS).fill_null(""),
    )
    frame = frame.with_columns(
        pl.when(pl.col(FORCED_HIGH))
        .then(SEVERITY_RANK[BARRED])
        .otherwise(pl.col("_severity"))
        .alias("_severity")
    )
    frame = _with_model(frame, model_scores, float(rules.section("model")["weight"]))
    frame = frame.with_columns(_model_reason().alias(REASONS))
    tiers = rules.section("tiers")
    frame = frame.with_columns(
        (pl.col(POINTS).clip(lower_bound=0) + pl.col("_model_points")).round(2).alias(SCORE)
    )
    score_for_high = pl.col(SCORE)
    if not tiers.get("review_hits_count_for_high", False):  # a possible match alone is no high risk
        review = _review_points(hits).with_columns(pl.col(ROW_ID).cast(frame.schema[ROW_ID]))
        frame = frame.join(review, on=ROW_ID, how="left").with_columns(
            pl.col("_review_points").fill_null(0.0)
        )
        score_for_high = pl.col(SCORE) - pl.col("_review_points")
    frame = frame.with_columns(
        pl.when(pl.col(FORCED_HIGH) | (score_for_high >= tiers["high"]))
        .then(pl.lit("high"))
        .when(pl.col(SCORE) >= tiers["medium"])
        .then(pl.lit("medium"))
        .otherwise(pl.lit("low"))
        .alias(TIER)
    )
    frame = _capped_abstract_risk(frame, tiers)
    frame = sort_by_priority(frame, rules).with_columns(
        pl.int_range(1, pl.len() + 1, dtype=pl.Int64).alias(RANK)
    )
    frame = frame.with_columns(
        _action(rules),
        pl.col("_severity")
        .replace_strict({v: k for k, v in SEVERITY_RANK.items()}, default=None, return_dtype=pl.String)
        .alias(SEVERITY),
        pl.col(LIKELIHOOD).round(4),
    )
    return frame.select(RANKING_COLUMNS)


def _review_points(hits: pl.DataFrame) -> pl.DataFrame:
    """row_id and the points of its list hits in band review (rules list.<id>.review)."""
    if hits.height == 0:
        return pl.DataFrame(schema={ROW_ID: hits.schema.get(ROW_ID, pl.Int64), "_review_points": pl.Float64})
    review = pl.col(RULE_ID).str.starts_with("list.") & pl.col(RULE_ID).str.ends_with(".review")
    return (
        hits.filter(review & (pl.col(POINTS) > 0))
        .group_by(ROW_ID)
        .agg(pl.col(POINTS).sum().cast(pl.Float64).alias("_review_points"))
    )


def _capped_abstract_risk(frame: pl.DataFrame, tiers) -> pl.DataFrame:
    """Tiers above ``tiers.abstract_risk_cap`` lowered to it where no concrete rule fired, with a reason that says
    which tier the score alone would give and why it is not."""
    cap = str(tiers["abstract_risk_cap"])
    above = pl.col(TIER).replace_strict(_TIER_ORDER, return_dtype=pl.Int8) < _TIER_ORDER[cap]
    capped = above & ~pl.col(CONCRETE) & ~pl.col(FORCED_HIGH)
    note = pl.format(
        "Abstract risk only: the score {} would be tier {}, but only country, commodity or sector risk was found, "
        "nothing about this supplier itself; held at tier {} ([tiers] abstract_risk_cap)",
        pl.col(SCORE).round(1),
        pl.col(TIER),
        pl.lit(cap),
    )
    reasons = (
        pl.when(pl.col(REASONS) == "")
        .then(note)
        .otherwise(pl.concat_str([note, pl.lit(REASON_SEPARATOR), pl.col(REASONS)]))
    )
    return frame.with_columns(
        capped.alias(CAPPED),
        pl.when(capped).then(pl.lit(cap)).otherwise(pl.col(TIER)).alias(TIER),
        pl.when(capped).then(reasons).otherwise(pl.col(REASONS)).alias(REASONS),
    )


def _with_model(frame: pl.DataFrame, model_scores: pl.DataFrame | None, weight: float) -> pl.DataFrame:
    if model_scores is None or model_scores.height == 0:
        return frame.with_columns(
            pl.lit(None, dtype=pl.Float64).alias(MODEL_PROBABILITY),
            pl.lit(0.0).alias("_model_points"),
            pl.lit(None, dtype=pl.String).alias(MODEL_REASONS),
        )
    column = MODEL_PROBABILITY if MODEL_PROBABILITY in model_scores.columns else "probability"
    reasons = (
        pl.col(MODEL_REASONS).cast(pl.String)
        if MODEL_REASONS in model_scores.columns
        else pl.lit(None, pl.String)
    )
    scores = model_scores.select(
        pl.col(ROW_ID).cast(frame.schema[ROW_ID]),
        pl.col(column).cast(pl.Float64).alias(MODEL_PROBABILITY),
        reasons.alias(MODEL_REASONS),
    ).unique(subset=[ROW_ID], keep="first")
    return frame.join(scores, on=ROW_ID, how="left").with_columns(
        (pl.col(MODEL_PROBABILITY).fill_null(0.0) * weight).alias("_model_points")
    )


def _model_reason() -> pl.Expr:
    """The model's share of the score as one more reason, e.g. "Risk model: probability 0.82 (+24.6 points):
    <the model's own reasons>"."""
    text = pl.format(
        "Risk model: probability {} (+{} points)",
        pl.col(MODEL_PROBABILITY).round(2),
        pl.col("_model_points").round(1),
    )
    text = (
        pl.when(pl.col(MODEL_REASONS).is_not_null())
        .then(pl.concat_str([text, pl.lit(": "), pl.col(MODEL_REASONS)]))
        .otherwise(text)
    )
    with_model = (
        pl.when(pl.col(REASONS) == "")
        .then(text)
        .otherwise(pl.concat_str([pl.col(REASONS), pl.lit(REASON_SEPARATOR), text]))
    )
    return pl.when(pl.col("_model_points") > 0).then(with_model).otherwise(pl.col(REASONS))


# Likelihood and leverage order suppliers in steps, not by their last decimal: 0.9998 against 0.9997 is no
# difference an officer could act on, so such suppliers fall through to the next key (in the end, the score).
LIKELIHOOD_STEP = 0.1
LEVERAGE_STEP = 0.01


# What each ordering key means, in the words the report uses (Summary, Method and the columns' header notes).
PRIORITY_MEANINGS = {
    "severity": (
        "Severity: the gravest harm the supplier's findings point to (barred, when a confirmed UFLPA, CBP or OFAC "
        "listing bars trade, before critical, high, medium, low)"
    ),
    "likelihood": (
        "Likelihood: how likely the harm is, the strongest finding of each category combined, 0 to 1 (compared "
        f"in steps of {LIKELIHOOD_STEP:g})"
    ),
    "leverage": (
        "Leverage: the supplier's share of total spend, what the company can move (compared in steps of "
        f"{LEVERAGE_STEP:.0%})"
    ),
    "score": "Score: the rule points plus the weighted risk-model probability",
}


def priority_explanation(order) -> list[str]:
    """The ranking rule in words, one line each, for the ``prioritisation.order`` of a rules file: why a supplier
    with a lower score can rank above one with a higher score."""
    keys = [str(key) for key in order]
    return [
        "Rank: tier first (high, medium, low); within a tier by "
        + ", then ".join(keys)
        + "; suppliers equal on all of them keep their input order.",
        *[f"{PRIORITY_MEANINGS[key]}." for key in keys if key in PRIORITY_MEANINGS],
        "The score decides only between suppliers of the same tier that are equal on the keys before it, so a "
        "lower score can rank above a higher one.",
    ]


def sort_by_priority(frame: pl.DataFrame, rules) -> pl.DataFrame:
    """Suppliers in rank order: tier, then the rules' prioritisation keys (``_severity`` holds the severity's
    rank), ties by row_id. The one ordering of the ranking, also used by screener.batch.global_ranking."""
    keys = {
        "severity": pl.col("_severity"),
        "likelihood": (pl.col(LIKELIHOOD) / LIKELIHOOD_STEP + 1e-9).floor(),
        "leverage": (pl.col(LEVERAGE) / LEVERAGE_STEP + 1e-9).floor(),
        "score": pl.col(SCORE),
    }
    order = [keys[k] for k in rules.section("prioritisation")["order"]]
    tier = pl.col(TIER).replace_strict(_TIER_ORDER, return_dtype=pl.Int8)
    return frame.sort([tier, *order, pl.col(ROW_ID)], descending=[False, *[True] * len(order), False])


def _action(rules) -> pl.Expr:
    """The first ``actions.overrides`` entry whose rules fired for the supplier (at or above its min_tier), else
    the action of the supplier's tier."""
    actions = rules.section("actions")
    tier = pl.col(TIER).replace_strict(_TIER_ORDER, return_dtype=pl.Int8)
    chosen = pl.col(TIER).replace_strict({t: actions[t] for t in TIERS}, return_dtype=pl.String)
    for i, override in reversed(list(enumerate(actions["overrides"]))):  # built inside out: the first wins
        applies = pl.col(_override_flag(i)).fill_null(False) & (tier <= _TIER_ORDER[override["min_tier"]])
        chosen = pl.when(applies).then(pl.lit(override["action"], dtype=pl.String)).otherwise(chosen)
    abstract = pl.lit(actions["abstract_risk"], dtype=pl.String)
    return pl.when(pl.col(CAPPED)).then(abstract).otherwise(chosen).alias(RECOMMENDED_ACTION)


def tier_changes(old: pl.DataFrame, new: pl.DataFrame) -> pl.DataFrame:
    """Suppliers whose tier differs between two rankings: row_id, old/new tier, score, rank and reasons.

    The basis of ``screener rules diff``: what a change of rules does to the ranking."""
    columns = [ROW_ID, TIER, SCORE, RANK, REASONS]
    joined = old.select(columns).join(
        new.select(columns), on=ROW_ID, how="full", coalesce=True, suffix="_new"
    )
    joined = joined.rename({TIER: "old_tier", SCORE: "old_score", RANK: "old_rank", REASONS: "old_reasons"})
    joined = joined.rename(
        {
            f"{TIER}_new": "new_tier",
            f"{SCORE}_new": "new_score",
            f"{RANK}_new": "new_rank",
            f"{REASONS}_new": "new_reasons",
        }
    )
    changed = joined.filter(pl.col("old_tier").ne_missing(pl.col("new_tier")))
    direction = pl.col("new_tier").replace_strict(_TIER_ORDER, default=3, return_dtype=pl.Int8) - pl.col(
        "old_tier"
    ).replace_strict(_TIER_ORDER, default=3, return_dtype=pl.Int8)
    return changed.with_columns(
        pl.when(direction < 0).then(pl.lit("up")).otherwise(pl.lit("down")).alias("change")
    ).sort(["new_rank", ROW_ID], nulls_last=True)


def hit_differences(old_hits: pl.DataFrame, new_hits: pl.DataFrame) -> pl.DataFrame:
    """Per supplier and rule, the points under the old and the new rules (null = the rule did not fire), only
    where they differ: the "why" of a tier change."""
    key = [ROW_ID, RULE_ID]
    old = old_hits.group_by(key).agg(pl.col(POINTS).sum().alias("old_points"))
    new = new_hits.group_by(key).agg(pl.col(POINTS).sum().alias("new_points"))
    if old.height and new.height:
        new = new.with_columns(pl.col(ROW_ID).cast(old.schema[ROW_ID]))
    joined = old.join(new, on=key, how="full", coalesce=True)
    return joined.filter(pl.col("old_points").ne_missing(pl.col("new_points"))).sort(key)


def explain_changes(changes: pl.DataFrame, differences: pl.DataFrame) -> pl.DataFrame:
    """``tier_changes`` with a ``why`` column: each rule that fired only before (-), only now (+) or with other
    points, e.g. "+ xinjiang.presumption (+120); dol.forced_labour 20 -> 25; - gap.no_audit (-5)"."""
    why: dict[object, list[str]] = {}
    for row_id, rule_id, old, new in differences.select(
        ROW_ID, RULE_ID, "old_points", "new_points"
    ).iter_rows():
        if old is None:
            text = f"+ {rule_id} ({new:+g})"
        elif new is None:
            text = f"- {rule_id} ({-old:+g})"
        else:
            text = f"{rule_id} {old:g} -> {new:g}"
        why.setdefault(row_id, []).append(text)
    reasons = [
        "; ".join(why.get(row_id, [])) or "same hits; tier thresholds or forced-high settings changed"
        for row_id in changes.get_column(ROW_ID).to_list()
    ]
    return changes.with_columns(pl.Series("why", reasons, dtype=pl.String))


__all__ = [
    "rank_suppliers",
    "tier_changes",
    "hit_differences",
    "explain_changes",
    "RANKING_COLUMNS",
    "SEVERITIES",
]
