"""The rules engine: evaluates every rule kind over the suppliers and collects their hits in one frame.

Each rule kind is a module with ``describe(rules, lists) -> [RuleInfo]`` (what ``screener rules list`` shows) and
``evaluate(context) -> hits``. Adding a kind means adding its module to ``RULE_KINDS``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from types import ModuleType

import polars as pl

from screener.indicators import (
    rules_audit,
    rules_country,
    rules_gaps,
    rules_goods,
    rules_ilo,
    rules_lists,
    rules_orders,
    rules_worker_voice,
    rules_workforce,
)
from screener.indicators.base import HIT_COLUMNS, RuleInfo, empty_hits, hit_schema, hits_frame
from screener.indicators.config import RuleSet, load_rules
from screener.indicators.context import Context
from screener.normalize.countries import add_country_codes
from screener.schema import COUNTRY_CODE, POINTS, ROW_ID

RULE_KINDS: tuple[ModuleType, ...] = (
    rules_lists,
    rules_orders,
    rules_goods,
    rules_country,
    rules_ilo,
    rules_audit,
    rules_worker_voice,
    rules_workforce,
    rules_gaps,
)


def evaluate_indicators(
    suppliers: pl.DataFrame,
    matches: pl.DataFrame | None,
    lists,
    rules: RuleSet | None,
    *,
    run_date: dt.date | None = None,
) -> pl.DataFrame:
    """Hits of every rule on every supplier: schema.INDICATOR_HIT_COLUMNS plus likelihood and source.

    ``run_date`` (default today) is the date audits are aged against."""
    rules = rules if rules is not None else load_rules(None)
    if matches is None:
        matches = pl.DataFrame()
    if (
        COUNTRY_CODE not in suppliers.columns
    ):  # a library caller's raw frame: resolve countries as the pipeline does
        suppliers = add_country_codes(suppliers)
    ctx = Context(suppliers, matches, lists, rules, run_date or dt.date.today())
    frames = [kind.evaluate(ctx) for kind in RULE_KINDS]
    dtype = ctx.row_id_dtype
    frames = [f.select(HIT_COLUMNS).cast({ROW_ID: dtype}) for f in frames if f.height]
    if not frames:
        return empty_hits(dtype)
    return pl.concat(frames, how="vertical").sort(
        [ROW_ID, POINTS], descending=[False, True], maintain_order=True
    )


def describe_rules(rules: RuleSet, lists=None) -> list[RuleInfo]:
    """Every rule of a rule set, in evaluation order, as ``screener rules list`` shows them."""
    return [info for kind in RULE_KINDS for info in kind.describe(rules, lists)]


def hits_per_distinct(
    ctx: Context,
    columns: Sequence[str],
    findings: Callable[[tuple], Iterable[tuple[RuleInfo, str, str | None]]],
) -> pl.DataFrame:
    """Hits of rules whose findings for a supplier depend only on ``columns`` (read as text, as ``Context.rows``
    gives them): ``findings(values)`` -> (rule, facts, source) runs once per distinct combination of values and its
    hits are joined back to every supplier with that combination, in supplier order and, per supplier, in the order
    ``findings`` gave them: the frame a row-by-row loop builds, without the loop over every supplier."""
    keys = [f"_value_{i}" for i in range(len(columns))]
    frame = ctx.suppliers.select(ROW_ID).with_columns(
        [ctx.column(name).alias(key) for name, key in zip(columns, keys, strict=True)]
    )
    combinations = frame.select(keys).unique(maintain_order=True).with_row_index("_combination")
    rows = [
        (combination, rule, facts, source)
        for combination, *values in combinations.iter_rows()
        for rule, facts, source in findings(tuple(values))
    ]
    found = hits_frame(rows, pl.UInt32)
    if found.height == 0:
        return empty_hits(ctx.row_id_dtype)
    found = found.rename({ROW_ID: "_combination"}).with_row_index("_sequence")
    return (
        frame.with_row_index("_order")
        .join(combinations, on=keys, how="inner", nulls_equal=True)
        .join(found, on="_combination", how="inner")
        .sort(["_order", "_sequence"])
        .select(list(hit_schema(ctx.row_id_dtype)))
    )
