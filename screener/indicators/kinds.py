"""The rule kinds, in evaluation order: each a module with ``describe(rules, lists) -> [RuleInfo]`` (what ``screener
rules list`` shows) and ``evaluate(context) -> hits``. Adding a kind means adding its module to ``RULE_KINDS``.
"""

from __future__ import annotations

from types import ModuleType

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
from screener.indicators.base import RuleInfo
from screener.indicators.ruleset import RuleSet

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


def describe_rules(rules: RuleSet, lists=None) -> list[RuleInfo]:
    """Every rule of a rule set, in evaluation order, as ``screener rules list`` shows them."""
    return [info for kind in RULE_KINDS for info in kind.describe(rules, lists)]
