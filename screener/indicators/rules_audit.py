"""The supplier's last social audit: a failed result (as the audit_result column words it) aggravates, and findings
that report child labour are a rule of their own, reported apart from forced labour (category child_labour)."""

from __future__ import annotations

import polars as pl

from screener.indicators.base import AUDIT, CHILD_LABOUR, RuleInfo, Weights
from screener.indicators.context import Context, hits_per_distinct
from screener.indicators.kinds import RuleIds, RuleKind, register
from screener.indicators.settings import weights
from screener.indicators.validate import ListOf, Setting, Text, table
from screener.normalize.phrases import PhraseIndex
from screener.schema import AUDIT_DATE, AUDIT_FINDINGS, AUDIT_RESULT, field_words

SETTINGS = (
    Setting(
        "audit",
        table(
            Setting("failed", weights(), "the audit result is a fail"),
            Setting(
                "failed_results",
                ListOf(Text()),
                "words of the audit_result column that mean a fail (whole words, without case or accents)",
            ),
            Setting(
                "child_labour",
                weights(),
                "the audit findings report child labour (reported apart from forced labour)",
            ),
            Setting(
                "child_labour_phrases",
                ListOf(Text()),
                'phrases that report child labour in audit findings; negated ones ("no child labour found") '
                "don't count",
            ),
        ),
        "The supplier's last social audit result.",
    ),
)


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

    def failed(values: tuple) -> list[tuple]:  # once per distinct (result, date)
        result, date = values
        if not index.find(result, skip_negated=True):
            return []
        when = f" (audit of {date})" if date else ""
        return [(rule, f"{field_words(AUDIT_RESULT)} is {result.strip()!r}{when}", AUDIT_RESULT)]

    # per supplier: the failed-audit hit, then the child-labour one (the engine keeps that order per supplier)
    return pl.concat([hits_per_distinct(ctx, [AUDIT_RESULT, AUDIT_DATE], failed), _child_labour(ctx)])


def _child_labour(ctx: Context) -> pl.DataFrame:
    index = PhraseIndex(((p, p) for p in ctx.rules.section("audit")["child_labour_phrases"]), max_gap=1)
    rule = child_labour_rule(ctx.rules)

    def said(values: tuple) -> list[tuple]:  # once per distinct findings text
        found = index.find(values[0], skip_negated=True)
        if not found:
            return []
        quotes = "; ".join(dict.fromkeys(f"{hit.quote!r}" for hit in found))
        return [(rule, f"{field_words(AUDIT_FINDINGS)}: {quotes}", AUDIT_FINDINGS)]

    return hits_per_distinct(ctx, [AUDIT_FINDINGS], said)


KIND = register(
    RuleKind(
        name="audit",
        order=60,
        settings=SETTINGS,
        describe=describe,
        evaluate=evaluate,
        rule_ids=(
            RuleIds(
                "`audit.failed`, `audit.child_labour`",
                "audit / child_labour",
                "failed audit result; child labour in the findings",
            ),
        ),
    )
)
