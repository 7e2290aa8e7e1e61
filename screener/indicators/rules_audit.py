"""The supplier's last social audit result: a failed audit (as the audit_result column words it) aggravates."""

from __future__ import annotations

import polars as pl

from screener.indicators.base import AUDIT, RuleInfo, Weights, hits_frame
from screener.indicators.context import Context
from screener.normalize.phrases import PhraseIndex
from screener.schema import AUDIT_DATE, AUDIT_RESULT


def failed_rule(rules) -> RuleInfo:
    return RuleInfo(
        "audit.failed",
        AUDIT,
        "Failed social audit",
        "The supplier's last social audit result is a fail (words of [audit] failed_results).",
        Weights.from_config(rules.section("audit")["failed"]),
    )


def describe(rules, lists=None) -> list[RuleInfo]:
    return [failed_rule(rules)]


def evaluate(ctx: Context) -> pl.DataFrame:
    index = PhraseIndex((word, word) for word in ctx.rules.section("audit")["failed_results"])
    rule = failed_rule(ctx.rules)
    rows = []
    for row_id, result, date in ctx.rows(AUDIT_RESULT, AUDIT_DATE):
        found = index.find(result, skip_negated=True)
        if found:
            when = f" (audit of {date})" if date else ""
            rows.append((row_id, rule, f"audit_result is {result.strip()!r}{when}", AUDIT_RESULT))
    return hits_frame(rows, ctx.row_id_dtype)
