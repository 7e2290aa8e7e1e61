"""The rules engine: loads rules/*.toml, evaluates every rule over frames, emits indicator hits with evidence.

Public API: :func:`load_rules` -> RuleSet, :func:`evaluate_indicators`, :func:`describe_rules`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import polars as pl


def load_rules(paths: Sequence[str | Path] | None = None):
    """Load and validate a rules file (and the profiles it extends); None = the bundled default.

    Raises ConfigError listing every problem at once (file, key path, value, what is allowed)."""
    from screener.indicators.config import load_rules as _load

    return _load(paths)


def evaluate_indicators(
    suppliers: pl.DataFrame, matches: pl.DataFrame, lists, rules, *, run_date: dt.date | None = None
) -> pl.DataFrame:
    """Indicator hits: row_id, rule_id, category, points, severity, evidence (schema.INDICATOR_HIT_COLUMNS), plus
    likelihood (0-1) and source (which list entry, DOL row, column or table).

    ``run_date`` (default today) is the date audits are aged against."""
    from screener.indicators.engine import evaluate_indicators as _evaluate

    return _evaluate(suppliers, matches, lists, rules, run_date=run_date)


def describe_rules(rules, lists=None) -> list:
    """Every rule of a rule set as users see it (RuleInfo: rule_id, category, title, description, weights), in
    evaluation order: what ``screener rules list`` prints and a report's method sheet can show."""
    from screener.indicators.engine import describe_rules as _describe

    return _describe(rules, lists)
