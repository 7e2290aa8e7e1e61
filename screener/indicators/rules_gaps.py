"""Data gaps: missing data is not a pass. A supplier with no country, no goods, no audit or an outdated audit gets a
small number of points (likelihood 0), so it rises above suppliers known to be clean and the report says what to
ask for."""

from __future__ import annotations

import polars as pl

from screener.indicators.base import DATA_GAP, RuleInfo, Weights, text_or_none
from screener.indicators.context import Context, hits_per_distinct
from screener.indicators.kinds import RuleIds, RuleKind, register
from screener.indicators.settings import weights
from screener.indicators.validate import Number, Setting, table
from screener.normalize.dates import months_between, read_date
from screener.normalize.phrases import fold
from screener.schema import (
    AUDIT_DATE,
    AUDIT_FINDINGS,
    AUDIT_RESULT,
    COUNTRY,
    COUNTRY_CODE,
    GOODS,
    HS_CODE,
    field_words,
)

GAPS = {
    "no_country": ("No country", "The supplier's country is missing or could not be recognised."),
    "no_goods": (
        "No goods",
        "Neither goods nor an HS code is given, so goods-based rules could not be checked.",
    ),
    "no_audit": ("No audit", "No social audit date, result or findings are given."),
    "audit_outdated": ("Outdated audit", "The last social audit is older than the rules file allows."),
    "audit_date_unreadable": ("Unreadable audit date", "The audit date cannot be read as a date."),
}

SETTINGS = (
    Setting(
        "gaps",
        table(
            Setting("no_country", weights(), "no country, or a country that could not be recognised"),
            Setting("no_goods", weights(), "neither goods text nor an HS code"),
            Setting("no_audit", weights(), "no audit date, result or findings"),
            Setting("audit_outdated", weights(), "the last audit is older than audit_max_age_months"),
            Setting("audit_date_unreadable", weights(), "the audit date cannot be read as a date"),
            Setting(
                "audit_max_age_months",
                Number(1, 600, integer=True),
                "age in months after which an audit is outdated (relative to the run date)",
            ),
        ),
        "Data gaps: missing data is not a pass. Small points, likelihood 0: they raise a supplier's place, not its "
        "risk.",
    ),
)


def gap_rule(rules, key: str) -> RuleInfo:
    title, description = GAPS[key]
    if key == "audit_outdated":
        months = rules.section("gaps")["audit_max_age_months"]
        description = f"The last social audit is more than {months} months old."
    return RuleInfo(f"gap.{key}", DATA_GAP, f"Data gap: {title.lower()}", description, _weights(rules, key))


def _weights(rules, key: str) -> Weights:
    return Weights.from_config(rules.section("gaps")[key])


def describe(rules, lists=None) -> list[RuleInfo]:
    return [gap_rule(rules, key) for key in GAPS]


def evaluate(ctx: Context) -> pl.DataFrame:
    rules = {key: gap_rule(ctx.rules, key) for key in GAPS}
    max_age = int(ctx.rules.section("gaps")["audit_max_age_months"])

    def gaps(values: tuple) -> list[tuple]:
        country, code, goods, hs_code, audit_date, result, findings = values
        found = []
        if not code:
            shown = text_or_none(country)
            facts = f"country {shown!r} is not a recognised country" if shown else "no country given"
            found.append((rules["no_country"], facts, COUNTRY))
        if not text_or_none(goods) and not text_or_none(hs_code):
            found.append((rules["no_goods"], "no goods and no HS code given", GOODS))
        audit = _audit_gaps(None, rules, audit_date, result, findings, ctx.run_date, max_age)
        return found + [(rule, facts, source) for _, rule, facts, source in audit]

    columns = (COUNTRY, COUNTRY_CODE, GOODS, HS_CODE, AUDIT_DATE, AUDIT_RESULT, AUDIT_FINDINGS)
    return hits_per_distinct(ctx, columns, gaps)


# audit_result values that say there was no audit
_NOT_AUDITED = {"not audited", "no audit", "none", "n/a", "na", "-", "not yet audited", "pending", "nicht auditiert",
                "kein audit", "non audite", "pas d'audit", "sin auditoria", "no auditado", "未审核", "未审计", "无"}  # fmt: skip


def _audit_gaps(row_id, rules, audit_date, result, findings, run_date, max_age: int) -> list[tuple]:
    not_audited = text_or_none(result) is not None and fold(result).strip().strip(".") in _NOT_AUDITED
    if not_audited and not text_or_none(audit_date):
        return [
            (row_id, rules["no_audit"], f"{field_words(AUDIT_RESULT)} is {result.strip()!r}", AUDIT_RESULT)
        ]
    if not any(text_or_none(v) for v in (audit_date, result, findings)):
        return [(row_id, rules["no_audit"], "no audit date, result or findings given", AUDIT_DATE)]
    if not text_or_none(audit_date):
        return []
    read = read_date(audit_date)
    date = read.date
    if date is None:
        why = "is not a date" if read.problem in (None, "not a date") else f"is {read.problem}"
        return [(row_id, rules["audit_date_unreadable"], f"audit date {audit_date!r} {why}", AUDIT_DATE)]
    age = months_between(date, run_date)
    if age > max_age:
        facts = f"last audit {date.isoformat()}, {age} months before {run_date.isoformat()} (limit {max_age})"
        return [(row_id, rules["audit_outdated"], facts, AUDIT_DATE)]
    return []


KIND = register(
    RuleKind(
        name="gaps",
        order=90,
        settings=SETTINGS,
        describe=describe,
        evaluate=evaluate,
        rule_ids=(
            RuleIds(
                "`gap.<gap>`, `voice.missing`",
                "data_gap",
                "no country, no goods, no audit, outdated or unreadable audit date, empty worker-voice fields",
            ),
        ),
    )
)
