"""Country x good from the US DOL List of Goods Produced by Child Labor or Forced Labor (2022 edition).

A supplier's country together with a good it supplies (recognised from the goods text or the HS code, see
``screener.normalize.goods``) is listed by DOL. Forced labour, child labour and forced child labour are separate
rules, so child labour is reported apart from forced labour; goods DOL lists because they are made with a listed
input (solar modules with polysilicon, batteries with cobalt) are a fourth rule. One hit per supplier and rule,
naming every good that fired it.
"""

from __future__ import annotations

from functools import lru_cache

import polars as pl

from screener.indicators.base import (
    CHILD_LABOUR,
    FORCED_LABOUR,
    RuleInfo,
    Weights,
    empty_hits,
    grouped_rows,
)
from screener.indicators.context import Context, hits_per_distinct
from screener.indicators.kinds import RuleIds, RuleKind, register
from screener.indicators.settings import Good, weights
from screener.indicators.validate import Flag, ListOf, MapOf, Setting, table
from screener.normalize.countries import country_code, country_name
from screener.normalize.goods import GOOD, MATCHED, VIA, derived_inputs_table, dol_goods_table
from screener.schema import COUNTRY_CODE, GOODS, HS_CODE, ROW_ID

EDITION_LABEL = "US DOL List of Goods Produced by Child Labor or Forced Labor"

# rule key in [goods] -> (DOL column that must say Yes, category, title, description)
KINDS = {
    "forced_labour": (
        "forced_labor",
        FORCED_LABOUR,
        "DOL List of Goods: forced labour",
        "The supplier's country and good are listed together by US DOL as produced with forced labour.",
    ),
    "child_labour": (
        "child_labor",
        CHILD_LABOUR,
        "DOL List of Goods: child labour",
        "The supplier's country and good are listed together by US DOL as produced with child labour.",
    ),
    "forced_child_labour": (
        "forced_child_labor",
        CHILD_LABOUR,
        "DOL List of Goods: forced child labour",
        "The supplier's country and good are listed by US DOL as produced with forced child labour.",
    ),
    "derived_input": (
        "derived_labor_exploitation",
        FORCED_LABOUR,
        "DOL List of Goods: made with a listed input",
        "US DOL lists the supplier's good from its country because it is made with an input produced with child "
        "or forced labour.",
    ),
}


SETTINGS = (
    Setting(
        "goods",
        table(
            Setting(
                "forced_labour", weights(), "the good from this country is listed as made with forced labour"
            ),
            Setting(
                "child_labour",
                weights(),
                "the good from this country is listed as made with child labour (reported apart from forced labour)",
            ),
            Setting(
                "forced_child_labour",
                weights(),
                "extra weights when the good is also listed for forced child labour",
            ),
            Setting(
                "derived_input",
                weights(),
                "the good is listed because it is made with a listed input (solar modules with Xinjiang polysilicon)",
            ),
            Setting("use_text", Flag(), "recognise goods in the free-text goods column (several languages)"),
            Setting("use_hs_codes", Flag(), "recognise goods from HS / HTS / CN codes"),
            Setting(
                "extra_synonyms",
                MapOf(ListOf(Good()), key_label="phrase"),
                'your own phrases -> DOL goods, e.g. { "hoodies" = ["Garments"] }',
            ),
        ),
        "US DOL List of Goods Produced by Child Labor or Forced Labor (2022 edition, shipped): a supplier's country "
        "and one of its goods listed together.",
    ),
)


def goods_rule(rules, key: str) -> RuleInfo:
    _, category, title, description = KINDS[key]
    return RuleInfo(
        f"dol.{key}", category, title, description, Weights.from_config(rules.section("goods")[key])
    )


def describe(rules, lists=None) -> list[RuleInfo]:
    return [goods_rule(rules, key) for key in KINDS]


@lru_cache(maxsize=1)
def dol_rows() -> pl.DataFrame:
    """The DOL table with an ISO country code per row (ILAB's own country names resolved once)."""
    table = dol_goods_table()
    codes = {name: country_code(name) for name in table.get_column("country").unique().to_list()}
    inputs = derived_inputs_table().select(
        pl.col("good"),
        pl.col("country"),
        pl.col("input_good"),
        pl.col("derived_country").alias("_input_country"),
    )
    return (
        table.with_columns(pl.col("country").replace_strict(codes, default=None).alias("dol_country_code"))
        .join(inputs, on=["good", "country"], how="left")
        .rename({"good": GOOD})
    )


def evaluate(ctx: Context) -> pl.DataFrame:
    goods = ctx.goods
    if goods.height == 0 or COUNTRY_CODE not in ctx.suppliers.columns:
        return empty_hits(ctx.row_id_dtype)
    # A supplier's hits depend only on its country and its goods text and HS code (the goods read from them): the
    # hits of the first supplier with each combination are worked out and given to every supplier with it.
    columns = [COUNTRY_CODE, GOODS, HS_CODE]
    keyed = ctx.suppliers.select(ROW_ID).with_columns([ctx.column(c).alias(f"_value_{c}") for c in columns])
    first = keyed.unique(subset=[f"_value_{c}" for c in columns], keep="first", maintain_order=True)
    listed = (
        goods.join(
            ctx.suppliers.select(ROW_ID, COUNTRY_CODE).filter(
                pl.col(ROW_ID).is_in(first.get_column(ROW_ID).implode())
            ),
            on=ROW_ID,
            how="inner",
            maintain_order="left",
        )
        .filter(pl.col(COUNTRY_CODE).is_not_null())
        .join(
            dol_rows(),
            left_on=[COUNTRY_CODE, GOOD],
            right_on=["dol_country_code", GOOD],
            how="inner",
            maintain_order="left",
        )
    )
    found: dict[object, list[tuple]] = {}
    for key, (column, *_rest) in KINDS.items():
        rule = goods_rule(ctx.rules, key)
        fired = listed.filter(pl.col(column) == "Yes")
        for row_id, group in grouped_rows(fired):
            found.setdefault(row_id, []).append((rule, _facts(group, key), _source(group)))
    by_values = {tuple(values): found.get(row_id, []) for row_id, *values in first.iter_rows()}
    return hits_per_distinct(ctx, columns, lambda values: by_values[values])


def _facts(group: list[dict], key: str) -> str:
    first = group[0]
    country = first["country"]
    goods = []
    for row in group:
        read = row[MATCHED] if row[VIA] == "hs" else f"goods {row[MATCHED]!r}"
        text = f"{row[GOOD]} (from {read}; listed since the {row['first_seen_edition']} edition)"
        if key == "derived_input" and row.get("input_good"):
            origin = country_name(country_code(row["_input_country"])) or row["_input_country"]
            text = f"{row[GOOD]} made with {row['input_good']} from {origin} (from {read})"
        goods.append(text)
    return f"{country}: {'; '.join(goods)}. Source: {EDITION_LABEL}, {first['list_edition']} edition"


def _source(group: list[dict]) -> str:
    entries = ", ".join(f"{row['country']} / {row[GOOD]}" for row in group)
    return f"DOL List of Goods {group[0]['list_edition']}: {entries}"


KIND = register(
    RuleKind(
        name="goods",
        order=30,
        settings=SETTINGS,
        describe=describe,
        evaluate=evaluate,
        rule_ids=(
            RuleIds(
                "`dol.forced_labour`, `dol.child_labour`, `dol.forced_child_labour`, `dol.derived_input`",
                "forced_labour / child_labour",
                "country x good on the DOL List of Goods 2022",
            ),
        ),
    )
)
