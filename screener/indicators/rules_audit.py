"""The supplier's last social audit: a failed result (as the audit_result column words it) aggravates, and findings
that report child labour are a rule of their own, reported apart from forced labour (category child_labour)."""

from __future__ import annotations

import polars as pl

from screener.indicators.base import AUDIT, CHILD_LABOUR, RuleInfo, Weights, hits_frame
from screener.indicators.context import Context
from screener.normalize.phrases import PhraseIndex
from screener.schema import AUDIT_DATE, AUDIT_FINDINGS, AUDIT_RESULT


def failed_rule(rules) -> RuleInfo:
    return RuleInfo(
        "audit.failed",
        AUDIT,
        "Failed social audit",
        "The supplier's last social audit result is a fail (words of [audit] failed_results).",
        Weights.from_config(rules.section("audit")["failed"]),
    )


def child_labour_rule(rules) -> RuleInfo:
    return RuleInfo(
        "audit.child_labour",
        CHILD_LABOUR,
        "Child labour in audit findings",
        "The supplier's audit findings report child labour ([audit] child_labour_phrases).",
        Weights.from_config(rules.section("audit")["child_labour"]),
    )


def describe(rules, lists=None) -> list[RuleInfo]:
    return [failed_rule(rules), child_labour_rule(rules)]


def evaluate(ctx: Context) -> pl.DataFrame:
    index = PhraseIndex((word, word) for word in ctx.rules.section("audit")["failed_results"])
    rule = failed_rule(ctx.rules)
    rows = []
    for row_id, result, date in ctx.rows(AUDIT_RESULT, AUDIT_DATE):
        found = index.find(result, skip_negated=True)
        if found:
            when = f" (audit of {date})" if date else ""
            rows.append((row_id, rule, f"audit_result is {result.strip()!r}{when}", AUDIT_RESULT))
    rows += _child_labour(ctx)
    return hits_frame(rows, ctx.row_id_dtype)


def _child_labour(ctx: Context) -> list[tuple]:
    index = PhraseIndex(((p, p) for p in ctx.rules.section("audit")["child_labour_phrases"]), max_gap=1)
    rule = child_labour_rule(ctx.rules)
    rows = []
    for row_id, findings in ctx.rows(AUDIT_FINDINGS):
        found = index.find(findings, skip_negated=True)
        if found:
            quotes = "; ".join(dict.fromkeys(f"{hit.quote!r}" for hit in found))
            rows.append((row_id, rule, f"audit_findings says {quotes}", AUDIT_FINDINGS))
    return rows
