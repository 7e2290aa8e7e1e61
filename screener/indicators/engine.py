"""The rules engine: evaluates every rule kind over the suppliers and collects their hits in one frame.

Each rule kind registers itself (screener.indicators.kinds) with ``describe(rules, lists) -> [RuleInfo]`` (what
``screener rules list`` shows) and ``evaluate(context) -> hits``; the engine runs every registered kind in evaluation
order.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from screener.indicators.base import HIT_COLUMNS, empty_hits
from screener.indicators.config import load_rules
from screener.indicators.context import Context
from screener.indicators.kinds import rule_kinds
from screener.indicators.ruleset import RuleSet
from screener.normalize.countries import add_country_codes
from screener.schema import COUNTRY_CODE, POINTS, ROW_ID


def evaluate_indicators(
    suppliers: pl.DataFrame,
    matches: pl.DataFrame | None,
    lists,
    rules: RuleSet | None,
    *,
    run_date: dt.date | None = None,
) -> pl.DataFrame:
    """Hits of every rule on every supplier: row_id, rule_id, category, points, severity, evidence
    (schema.INDICATOR_HIT_COLUMNS), plus likelihood (0-1) and source (which list entry, DOL row, column or table).

    ``run_date`` (default today) is the date audits are aged against."""
    rules = rules if rules is not None else load_rules(None)
    if matches is None:
        matches = pl.DataFrame()
    if (
        COUNTRY_CODE not in suppliers.columns
    ):  # a library caller's raw frame: resolve countries as the pipeline does
        suppliers = add_country_codes(suppliers)
    ctx = Context(suppliers, matches, lists, rules, run_date or dt.date.today())
    frames = [kind.evaluate(ctx) for kind in rule_kinds()]
    dtype = ctx.row_id_dtype
    frames = [f.select(HIT_COLUMNS).cast({ROW_ID: dtype}) for f in frames if f.height]
    if not frames:
        return empty_hits(dtype)
    return pl.concat(frames, how="vertical").sort(
        [ROW_ID, POINTS], descending=[False, True], maintain_order=True
    )
