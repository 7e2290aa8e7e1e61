"""The values rule kinds share when they declare their settings: a rule's weights and a DOL good.

Every rules-file key is declared once, next to the code that reads it, as a :class:`Setting` (key, spec, one line
on what it does; the spec gives the type, range or choices and the default), the idea of nomenklatura's
``ConfigVar``. Rule kinds list theirs in their :class:`~screener.indicators.kinds.RuleKind`; the tables that are
no rule kind (matching, tiers, actions...) are in screener.indicators.sections. The rules-file schema and the
reference in rules/README.md are both assembled from these declarations.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache

from screener.indicators.base import SEVERITIES
from screener.indicators.validate import MISSING, Flag, Number, Setting, Table, Text, table
from screener.normalize.goods import dol_vocabulary

WEIGHT_SETTINGS = (
    Setting(
        "points", Number(-1000, 1000), "added to the score when the rule fires; negative points mitigate"
    ),
    Setting("severity", Text(SEVERITIES), "how grave the harm the rule points to is"),
    Setting("likelihood", Number(0, 1), "how likely that harm is at this supplier given this evidence alone"),
    Setting(
        "enabled",
        Flag(required=False, default=True),
        "false switches the rule off without deleting its weights",
    ),
)


@dataclass
class WeightsTable(Table):
    """A rule's weights: ``{ points = 20, severity = "high", likelihood = 0.3 }`` (checked as any table)."""


def weights(required: bool = True) -> WeightsTable:
    """The weights of one rule: points, severity and likelihood required, enabled optional (default true)."""
    return WeightsTable({s.key: s.spec for s in WEIGHT_SETTINGS}, required=required, settings=WEIGHT_SETTINGS)


def partial_weights() -> WeightsTable:
    """Weights where every key may be left out (filled from a default table at use time)."""
    optional = (
        Setting("points", Number(-1000, 1000, required=False), WEIGHT_SETTINGS[0].description),
        Setting("severity", Text(SEVERITIES, required=False), WEIGHT_SETTINGS[1].description),
        Setting("likelihood", Number(0, 1, required=False), WEIGHT_SETTINGS[2].description),
        Setting("enabled", Flag(required=False), WEIGHT_SETTINGS[3].description),
    )
    return WeightsTable({s.key: s.spec for s in optional}, settings=optional)


@lru_cache(maxsize=1)
def _dol_goods() -> tuple[str, ...]:
    return dol_vocabulary()


class Good(Text):
    """A good of the DOL List of Goods, spelt as DOL spells it."""

    def check(self, value, path, problems):
        if not isinstance(value, str):
            problems.add(path, value, "must be a DOL good name in quotes")
            return MISSING
        if value not in _dol_goods():
            close = difflib.get_close_matches(value, _dol_goods(), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problems.add(
                path, value, f"is not a good of the DOL List of Goods (see `screener rules goods`){hint}"
            )
            return MISSING
        return value

    def describe(self) -> str:
        return "DOL good names"


__all__ = ["WEIGHT_SETTINGS", "Good", "Setting", "WeightsTable", "partial_weights", "table", "weights"]
