"""What every rule kind shares: its weights, its description, and the frame of hits it emits.

A rule is described once (``RuleInfo``: id, title, description). The same text is shown by ``screener rules list``
and starts every reason in the report, so the words an auditor reads come from the rule, never typed twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import polars as pl

from screener.schema import CATEGORY, EVIDENCE, POINTS, ROW_ID, RULE_ID, SEVERITY

# Severity of the harm a rule points to, gravest first (LkSG: scale, scope and irreversibility of the harm).
SEVERITIES = ("critical", "high", "medium", "low", "info")
SEVERITY_RANK = {name: len(SEVERITIES) - i for i, name in enumerate(SEVERITIES)}  # critical 5 ... info 1
# A supplier (not a rule) is "barred" when a force_high rule fired: a confirmed UFLPA, CBP or OFAC listing is a
# legal bar on import or dealing, graver than any risk to weigh, so it sorts before "critical".
BARRED = "barred"
SEVERITY_RANK[BARRED] = len(SEVERITIES) + 1

LIKELIHOOD = "likelihood"  # how likely the harm is at this supplier given this evidence alone, 0..1
SOURCE = "source"  # which list entry, DOL row, column or reference table the hit came from
HIT_COLUMNS = (ROW_ID, RULE_ID, CATEGORY, POINTS, SEVERITY, EVIDENCE, LIKELIHOOD, SOURCE)

# Categories of rules (the report groups hits by these).
LIST = "list"
LIST_HISTORY = "list_history"  # a hit on a list entry no longer in force (revoked, lifted, removed)
FORCED_LABOUR = "forced_labour"
CHILD_LABOUR = "child_labour"
ORDER = "region_order"
COUNTRY = "country"
ILO = "ilo_indicator"
DATA_GAP = "data_gap"
WORKFORCE = "workforce"
WORKER_VOICE = "worker_voice"
AUDIT = "audit"


@dataclass(frozen=True)
class Weights:
    """How much one rule counts: points added to the score (negative = mitigating), the severity of the harm it
    points to, and the likelihood of that harm given this evidence."""

    points: float
    severity: str
    likelihood: float
    enabled: bool = True

    @property
    def reported(self) -> bool:
        """A disabled rule, or one that adds neither points nor likelihood, emits no hit (no noise in the report)."""
        return self.enabled and (self.points != 0 or self.likelihood != 0)

    @classmethod
    def from_config(cls, table) -> Weights:
        return cls(
            points=float(table["points"]),
            severity=str(table["severity"]),
            likelihood=float(table["likelihood"]),
            enabled=bool(table.get("enabled", True)),
        )


@dataclass(frozen=True)
class RuleInfo:
    """A rule as users see it: ``rules list`` prints it, and every hit's evidence starts with its title."""

    rule_id: str
    category: str
    title: str
    description: str
    weights: Weights

    def evidence(self, facts: str) -> str:
        """The sentence in the report: the rule's title, then the facts of this hit."""
        return f"{self.title}: {facts}"


def hit_schema(row_id_dtype: pl.DataType = pl.Int64) -> dict[str, pl.DataType]:
    return {
        ROW_ID: row_id_dtype,
        RULE_ID: pl.String,
        CATEGORY: pl.String,
        POINTS: pl.Float64,
        SEVERITY: pl.String,
        EVIDENCE: pl.String,
        LIKELIHOOD: pl.Float64,
        SOURCE: pl.String,
    }


def empty_hits(row_id_dtype: pl.DataType = pl.Int64) -> pl.DataFrame:
    return pl.DataFrame(schema=hit_schema(row_id_dtype))


def hits_frame(
    rows: Iterable[tuple[object, RuleInfo, str, str | None]], row_id_dtype: pl.DataType = pl.Int64
) -> pl.DataFrame:
    """Hits from (row_id, rule, facts, source) tuples; a disabled or weightless rule emits nothing."""
    row_ids: list[object] = []
    rules: list[RuleInfo] = []
    evidence: list[str] = []
    sources: list[str | None] = []
    for row_id, rule, facts, source in rows:
        if rule.weights.reported:
            row_ids.append(row_id)
            rules.append(rule)
            evidence.append(rule.evidence(facts))
            sources.append(source)
    if not row_ids:
        return empty_hits(row_id_dtype)
    columns = {
        ROW_ID: row_ids,
        RULE_ID: [r.rule_id for r in rules],
        CATEGORY: [r.category for r in rules],
        POINTS: [r.weights.points for r in rules],
        SEVERITY: [r.weights.severity for r in rules],
        EVIDENCE: evidence,
        LIKELIHOOD: [r.weights.likelihood for r in rules],
        SOURCE: sources,
    }
    return pl.DataFrame(columns, schema=hit_schema(row_id_dtype))


def text_or_none(value: object) -> str | None:
    """A cell as stripped text; None for empty or null."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


# The 11 ILO indicators of forced labour (ILO, "ILO Indicators of Forced Labour", 2012), id -> name.
ILO_INDICATORS = {
    "abuse_of_vulnerability": "Abuse of vulnerability",
    "deception": "Deception",
    "restriction_of_movement": "Restriction of movement",
    "isolation": "Isolation",
    "physical_and_sexual_violence": "Physical and sexual violence",
    "intimidation_and_threats": "Intimidation and threats",
    "retention_of_identity_documents": "Retention of identity documents",
    "withholding_of_wages": "Withholding of wages",
    "debt_bondage": "Debt bondage",
    "abusive_working_and_living_conditions": "Abusive working and living conditions",
    "excessive_overtime": "Excessive overtime",
}


def grouped_rows(frame: pl.DataFrame, key: str = ROW_ID) -> Iterator[tuple[object, list[dict]]]:
    """(key value, its rows as dicts) in order of first appearance: grouping in Python is much faster than
    iterating polars groups one by one when most groups hold a row or two."""
    groups: dict[object, list[dict]] = {}
    for row in frame.iter_rows(named=True):
        groups.setdefault(row[key], []).append(row)
    return iter(groups.items())
