"""The registry of rule kinds, and the rules-file schema assembled from it.

A rule kind is one module, ``screener/indicators/rules_<name>.py``, that registers itself once::

    KIND = register(RuleKind(name=..., order=..., settings=(...), describe=describe, evaluate=evaluate))

``settings`` declares the rules-file tables the kind reads (screener.indicators.settings), ``describe(rules, lists)
-> [RuleInfo]`` is what ``screener rules list`` shows and ``evaluate(context) -> hits`` finds the hits. Nothing else
names the kind: the shipped ``rules_*`` modules are found here, the schema ``load_rules`` checks against is built
here from every registered kind's settings plus the tables that are no rule kind (screener.indicators.sections),
and rules/README.md's reference is generated from the same declarations (screener.indicators.reference).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from screener.indicators.base import RuleInfo
from screener.indicators.context import Context
from screener.indicators.ruleset import RuleSet
from screener.indicators.sections import FILE_SETTINGS, MATCHING_SETTINGS, RANKING_SETTINGS
from screener.indicators.validate import Setting, Table

BUNDLED_PREFIX = "rules_"  # the shipped kinds: every screener/indicators/rules_*.py module


@dataclass(frozen=True)
class RuleIds:
    """A line of the rule-id table in rules/README.md: the ids a kind emits, their category, when they fire."""

    ids: str
    category: str
    fires_when: str


@dataclass(frozen=True)
class RuleKind:
    """One kind of rule: the rules-file tables it reads and the two functions the engine calls.

    ``order`` places the kind in evaluation order (lower first): ``rules list`` shows rules in it, and hits of
    equal points on one supplier are listed in it."""

    name: str
    order: int
    settings: tuple[Setting, ...]
    describe: Callable[[RuleSet, Any], list[RuleInfo]]
    evaluate: Callable[[Context], pl.DataFrame]
    rule_ids: tuple[RuleIds, ...] = ()


_KINDS: dict[str, RuleKind] = {}
_bundled_loaded = False


def register(kind: RuleKind) -> RuleKind:
    """Add a rule kind to the registry (its module calls this once); returns it.

    Raises ValueError when its name or one of its tables is taken: two kinds reading one table would each need
    the other's keys."""
    if kind.name in _KINDS:
        raise ValueError(f"rule kind {kind.name!r} is registered twice")
    taken = {s.key: "the rules file itself" for s in (*FILE_SETTINGS, *MATCHING_SETTINGS, *RANKING_SETTINGS)}
    taken |= {s.key: f"rule kind {other.name!r}" for other in _KINDS.values() for s in other.settings}
    for setting in kind.settings:
        if setting.key in taken:
            raise ValueError(
                f"rule kind {kind.name!r} declares [{setting.key}], already declared by {taken[setting.key]}"
            )
    _KINDS[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    """Take a kind out of the registry (a test's own kind, after the test)."""
    _KINDS.pop(name, None)


def rule_kinds() -> tuple[RuleKind, ...]:
    """Every registered rule kind, the shipped ones included, in evaluation order."""
    _load_bundled()
    return tuple(sorted(_KINDS.values(), key=lambda kind: (kind.order, kind.name)))


def plug_in_modules() -> tuple[str, ...]:
    """The modules outside screener that registered a rule kind (imported by name in a worker process, so its kind
    is registered there too before the rules file is read)."""
    modules = {kind.evaluate.__module__ for kind in rule_kinds()}
    return tuple(sorted(m for m in modules if m.split(".")[0] != "screener" and m != "__main__"))


def import_plug_ins(modules: Sequence[str]) -> None:
    """Import each plug-in module not imported yet: importing it registers its rule kind."""
    for module in modules:
        if module not in sys.modules:
            importlib.import_module(module)


def _load_bundled() -> None:
    """Import every shipped ``rules_*`` module once: importing one registers its kind."""
    global _bundled_loaded
    if _bundled_loaded:
        return
    for module in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if module.name.startswith(BUNDLED_PREFIX):
            importlib.import_module(f"{__package__}.{module.name}")
    _bundled_loaded = True


def rules_settings() -> tuple[Setting, ...]:
    """The top-level keys and tables of a rules file, in the order the reference lists them: the file's own keys,
    matching, each rule kind's tables in evaluation order, then tiers, actions and the other ranking tables."""
    kinds = tuple(s for kind in rule_kinds() for s in kind.settings)
    return (*FILE_SETTINGS, *MATCHING_SETTINGS, *kinds, *RANKING_SETTINGS)


def rules_schema() -> Table:
    """The schema a rules file is checked against, assembled from the declared settings."""
    settings = rules_settings()
    return Table({s.key: s.spec for s in settings}, settings=settings)


def describe_rules(rules: RuleSet, lists=None) -> list[RuleInfo]:
    """Every rule of a rule set, in evaluation order, as ``screener rules list`` shows them."""
    return [info for kind in rule_kinds() for info in kind.describe(rules, lists)]
