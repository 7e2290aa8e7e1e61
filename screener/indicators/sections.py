"""The keys of a rules file that belong to no rule kind, declared the way rule kinds declare theirs
(screener.indicators.settings): the file's own keys, ``[matching]`` (read by the matcher) and the tables the
ranking reads (``[tiers]``, ``[actions]``, ``[prioritisation]``, ``[model]``, ``[reasons]``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from screener.indicators.validate import Flag, ListOf, Number, Setting, Text, table
from screener.normalize.numbers import ISO_CURRENCIES
from screener.schema import TIERS

PRIORITY_KEYS = ("severity", "likelihood", "leverage", "score")

# Abstract vs concrete risk (LkSG guidance): rules whose hit is evidence about this supplier itself. Used when a
# rules file that does not extend default.toml leaves [tiers] concrete_rules out.
DEFAULT_CONCRETE_RULES = (
    "list.*.match",
    "list.*.review",
    "order.*",
    "xinjiang.*",
    "audit.*",
    "ilo.*",
    "voice.recruitment_fees",
    "voice.poor_survey",
    "voice.no_grievance_mechanism",
    "voice.no_worker_organisation",
    "voice.high_migrant_share",
    "voice.high_agency_share",
)
DEFAULT_ABSTRACT_ACTION = (
    "Request information: ask the supplier for a self-assessment questionnaire, or commission an audit. The risk "
    "found so far is its country's, commodity's or sector's (abstract risk), nothing specific to this supplier yet."
)

FILE_SETTINGS = (
    Setting("format", Number(1, 1, integer=True), "version of the rules-file format; only 1 exists"),
    Setting("name", Text(), "name of the rule set, shown in the report and by `screener rules list`"),
    Setting("description", Text(), "one sentence on what the rule set is for, shown in the report"),
    Setting(
        "extends",
        Text(required=False),
        "the rules file this one builds on (looked up next to it, then among the shipped ones); "
        "tables merge key by key, other values replace",
    ),
)


def _thresholds_in_order(matching: Mapping[str, Any]) -> list[str]:
    if matching["review_threshold"] > matching["match_threshold"]:
        return [
            f"matching.review_threshold = {matching['review_threshold']}: must not exceed "
            f"matching.match_threshold = {matching['match_threshold']}"
        ]
    return []


MATCHING_SETTINGS = (
    Setting(
        "matching",
        table(
            Setting(
                "match_threshold",
                Number(0, 1),
                "matcher probability at or above which a candidate is a match (a confirmed list hit)",
            ),
            Setting(
                "review_threshold",
                Number(0, 1),
                "probability at or above which a candidate is shown for review; below it candidates are dropped",
            ),
            Setting(
                "max_candidates",
                Number(1, 100, integer=True),
                "most candidates kept per supplier and list (the best by probability)",
            ),
            Setting(
                "short_name_letters",
                Number(0, 10, integer=True, required=False, default=4),
                "a one-word list name of at most this many letters (an acronym) found beside other words is held "
                "for review; 0 turns this off",
            ),
        ),
        "Name matching against the risk lists: the matcher's calibrated probability decides a candidate's band.",
        check=_thresholds_in_order,
    ),
)


def _tiers_in_order(tiers: Mapping[str, Any]) -> list[str]:
    if tiers["medium"] > tiers["high"]:
        return [f"tiers.medium = {tiers['medium']}: must not exceed tiers.high = {tiers['high']}"]
    return []


def _priority_keys_once(prioritisation: Mapping[str, Any]) -> list[str]:
    order = prioritisation["order"]
    if len(set(order)) != len(order) or not order:
        return [f"prioritisation.order = {order}: name each of {', '.join(PRIORITY_KEYS)} at most once"]
    return []


_TIERS = table(
    Setting("high", Number(0), "score at or above which a supplier is in tier high"),
    Setting("medium", Number(0), "score at or above which a supplier is in tier medium (below: low)"),
    Setting(
        "review_hits_count_for_high",
        Flag(required=False, default=False),
        "true: points of list hits in band review count toward tier high too; false: only toward medium",
    ),
    Setting(
        "abstract_risk_cap",
        Text(TIERS, required=False, default="medium"),
        "highest tier of a supplier without a hit of concrete_rules (country, commodity or sector risk alone); "
        '"high" = no cap',
    ),
    Setting(
        "concrete_rules",
        ListOf(Text(), required=False, default=list(DEFAULT_CONCRETE_RULES)),
        "rule ids or patterns (* = any text) whose hit is evidence about the supplier itself",
    ),
)

_ACTIONS = table(
    Setting("high", Text(), "recommended action for tier high"),
    Setting("medium", Text(), "recommended action for tier medium"),
    Setting("low", Text(), "recommended action for tier low"),
    Setting(
        "abstract_risk",
        Text(required=False, default=DEFAULT_ABSTRACT_ACTION),
        "action for a supplier held at [tiers] abstract_risk_cap: information to ask for, nothing to remediate yet",
    ),
    Setting(
        "overrides",
        ListOf(
            table(
                Setting("rules", ListOf(Text()), "rule ids or patterns (* = any text) that must have fired"),
                Setting("min_tier", Text(TIERS), "the lowest tier the override applies to"),
                Setting("action", Text(), "what to do instead"),
            )
        ),
        "actions for particular rules; the first override that fits wins",
    ),
)

RANKING_SETTINGS = (
    Setting("tiers", _TIERS, "Tier thresholds on the score.", check=_tiers_in_order),
    Setting("actions", _ACTIONS, "Recommended action per tier, and overrides for particular rules."),
    Setting(
        "prioritisation",
        table(
            Setting(
                "order",
                ListOf(Text(PRIORITY_KEYS)),
                "order of the sort keys within a tier (LkSG guidance: severity and likelihood first, then leverage)",
            ),
            Setting(
                "leverage_column",
                Text(),
                'supplier column with spend ("spend" = the column the reader mapped as spend); leverage is the '
                "supplier's share of the total",
            ),
            Setting(
                "currency",
                Text(
                    tuple(sorted(ISO_CURRENCIES)),
                    required=False,
                    default="EUR",
                    label='an ISO 4217 currency code, e.g. "EUR", "USD"',
                ),
                "reporting currency (ISO 4217) spend is converted to before leverage is computed",
            ),
        ),
        "Prioritisation within a tier (LkSG s.3(2)).",
        check=_priority_keys_once,
    ),
    Setting(
        "model",
        table(
            Setting(
                "weight",
                Number(0, 1000),
                "points added per unit of the risk model's probability (15: a probability of 0.9 adds 13.5); "
                "0 = ignore the model",
            )
        ),
        "The supplier risk model (`screener train`): how its probability enters the score.",
    ),
    Setting(
        "reasons",
        table(
            Setting(
                "max_reasons",
                Number(1, 50, integer=True),
                "most reasons shown per supplier (highest points first; mitigating reasons always shown)",
            )
        ),
        "Reasons shown in the ranking.",
    ),
)
