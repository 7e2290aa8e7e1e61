"""The rules engine: loads rules/*.toml, evaluates every rule over frames, emits indicator hits with evidence.

Public API: :func:`load_rules` -> :class:`RuleSet`, :func:`evaluate_indicators`, :func:`describe_rules`;
:func:`plug_in_modules` / :func:`import_plug_ins` carry rule kinds registered outside screener to worker processes.
"""

from screener.indicators.config import load_rules
from screener.indicators.engine import evaluate_indicators
from screener.indicators.kinds import describe_rules, import_plug_ins, plug_in_modules
from screener.indicators.ruleset import RuleSet

__all__ = [
    "RuleSet",
    "describe_rules",
    "evaluate_indicators",
    "import_plug_ins",
    "load_rules",
    "plug_in_modules",
]
