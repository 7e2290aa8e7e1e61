"""The rules engine: loads rules/*.toml, evaluates every rule over frames, emits indicator hits with evidence.

Public API: :func:`load_rules` -> :class:`RuleSet`, :func:`evaluate_indicators`, :func:`describe_rules`.
"""

from screener.indicators.config import load_rules
from screener.indicators.engine import evaluate_indicators
from screener.indicators.kinds import describe_rules
from screener.indicators.ruleset import RuleSet

__all__ = ["RuleSet", "describe_rules", "evaluate_indicators", "load_rules"]
