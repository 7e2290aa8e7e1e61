"""Age and gender, and migration: sectors whose workforce is mostly women or migrants carry particular risks
(gender-based violence and harassment; recruitment debt and document retention). Configurable lists of DOL goods
mark those sectors; a supplier reporting a mostly female workforce counts too. Child labour is reported apart from
forced labour by the DOL goods rules (category child_labour)."""

from __future__ import annotations

import polars as pl

from screener.indicators.base import WORKFORCE, RuleInfo, Weights, empty_hits, grouped_rows, hits_frame
from screener.indicators.context import Context, hits_per_distinct
from screener.indicators.kinds import RuleIds, RuleKind, register
from screener.indicators.settings import Good, weights
from screener.indicators.validate import ListOf, Number, Setting, table
from screener.indicators.values import parse_share
from screener.normalize.goods import GOOD
from screener.schema import FEMALE_WORKER_SHARE, field_words

RULES = {
    "female_dominated": (
        "female_dominated_sector",
        "Female-dominated sector",
        "The supplier's good comes from a sector whose workforce is mostly women ([workforce] female_dominated_goods).",
    ),
    "migrant_dominated": (
        "migrant_dominated_sector",
        "Migrant-dominated sector",
        "The supplier's good comes from a sector whose workforce is mostly migrants ([workforce] migrant_dominated_goods).",
    ),
    "female_majority": (
        "female_majority",
        "Mostly female workforce",
        "The supplier reports a share of women above [workforce] female_share_above.",
    ),
}

SETTINGS = (
    Setting(
        "workforce",
        table(
            Setting(
                "female_dominated",
                weights(),
                "the supplier's good is in a sector with a mostly female workforce",
            ),
            Setting(
                "female_dominated_goods", ListOf(Good()), "DOL goods counted as female-dominated sectors"
            ),
            Setting(
                "migrant_dominated",
                weights(),
                "the supplier's good is in a sector with a mostly migrant workforce",
            ),
            Setting(
                "migrant_dominated_goods", ListOf(Good()), "DOL goods counted as migrant-dominated sectors"
            ),
            Setting(
                "female_majority",
                weights(),
                "the supplier reports a mostly female workforce (female_worker_share above female_share_above)",
            ),
            Setting(
                "female_share_above",
                Number(0, 1),
                "share of women (0-1) above which female_majority fires",
            ),
        ),
        "Age and gender: sectors whose workforce is mostly women or migrants (gender-based violence, recruitment "
        "debt, document retention). The goods lists are the project's judgement; adjust them to your own risk "
        "analysis.",
    ),
)


def workforce_rule(rules, key: str) -> RuleInfo:
    rule_id, title, description = RULES[key]
    return RuleInfo(
        f"workforce.{rule_id}",
        WORKFORCE,
        title,
        description,
        Weights.from_config(rules.section("workforce")[key]),
    )


def describe(rules, lists=None) -> list[RuleInfo]:
    return [workforce_rule(rules, key) for key in RULES]


def evaluate(ctx: Context) -> pl.DataFrame:
    config = ctx.rules.section("workforce")
    rows = []
    for key, goods_key in (
        ("female_dominated", "female_dominated_goods"),
        ("migrant_dominated", "migrant_dominated_goods"),
    ):
        rule = workforce_rule(ctx.rules, key)
        matched = ctx.goods.filter(pl.col(GOOD).is_in(list(config[goods_key])))
        for row_id, group in grouped_rows(matched):
            goods = ", ".join(dict.fromkeys(row[GOOD] for row in group))
            rows.append((row_id, rule, f"goods read as {goods}", f"rules [workforce] {goods_key}"))
    rule = workforce_rule(ctx.rules, "female_majority")

    def female_majority(values: tuple) -> list[tuple]:  # once per distinct share text
        share = parse_share(values[0])
        if share is None or share <= config["female_share_above"]:
            return []
        facts = f"{field_words(FEMALE_WORKER_SHARE)} = {str(values[0]).strip()!r}, above {config['female_share_above']:.0%}"
        return [(rule, facts, FEMALE_WORKER_SHARE)]

    # per supplier: the goods-based hits, then the share-based one (the engine keeps that order per supplier)
    by_goods = hits_frame(rows, ctx.row_id_dtype) if rows else empty_hits(ctx.row_id_dtype)
    return pl.concat([by_goods, hits_per_distinct(ctx, [FEMALE_WORKER_SHARE], female_majority)])


KIND = register(
    RuleKind(
        name="workforce",
        order=80,
        settings=SETTINGS,
        describe=describe,
        evaluate=evaluate,
        rule_ids=(
            RuleIds(
                "`workforce.<finding>`",
                "workforce",
                "female- or migrant-dominated sector; mostly female workforce",
            ),
        ),
    )
)
