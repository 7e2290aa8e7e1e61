"""Loading rules files: TOML, ``extends`` chains, validation of every key, one immutable :class:`RuleSet`.

A rules file either is complete (like ``rules/default.toml``) or names the file it builds on with
``extends = "default.toml"`` and overrides only what differs. Several files given at once are layered in order,
later files winning. Every problem in every file is collected and raised together in one ConfigError, each naming
the file, the key path, the value and what is allowed.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from screener.contracts import MatchSettings
from screener.data import rules_dir
from screener.errors import ConfigError
from screener.indicators.base import ILO_INDICATORS, SEVERITIES
from screener.indicators.kinds import describe_rules
from screener.indicators.ruleset import BUNDLED_LIST_IDS, CUSTOM_LIST, RuleSet, freeze
from screener.indicators.validate import (
    MISSING,
    Country,
    Flag,
    ListOf,
    MapOf,
    Number,
    Problems,
    Table,
    Text,
    fill_defaults,
    missing_keys,
)
from screener.lists.status import HISTORY_KINDS
from screener.normalize.numbers import ISO_CURRENCIES
from screener.schema import CERTIFICATIONS, FEMALE_WORKER_SHARE, TIERS, WORKER_VOICE_FIELDS

DEFAULT_RULES = "default.toml"
PRIORITY_KEYS = ("severity", "likelihood", "leverage", "score")
# The worker-voice fields a rules file may require ([worker_voice] missing_fields): screener.schema's, except the
# workforce share and certifications, which are judged by their own rules, not asked for.
REQUIRABLE_VOICE_FIELDS = tuple(
    f for f in WORKER_VOICE_FIELDS if f not in (FEMALE_WORKER_SHARE, CERTIFICATIONS)
)


def _weights(required: bool = True) -> Table:
    return Table(
        {
            "points": Number(-1000, 1000),
            "severity": Text(SEVERITIES),
            "likelihood": Number(0, 1),
            "enabled": Flag(required=False, default=True),
        },
        required=required,
    )


def _partial_weights() -> Table:
    """Weights where every key may be left out (filled from a default table at use time)."""
    return Table(
        {
            "points": Number(-1000, 1000, required=False),
            "severity": Text(SEVERITIES, required=False),
            "likelihood": Number(0, 1, required=False),
            "enabled": Flag(required=False),
        }
    )


@lru_cache(maxsize=1)
def _dol_goods() -> tuple[str, ...]:
    from screener.normalize.goods import dol_vocabulary

    return dol_vocabulary()


class Good(Text):
    """A good of the DOL List of Goods, spelt as DOL spells it."""

    def check(self, value, path, problems):
        if not isinstance(value, str):
            problems.add(path, value, "must be a DOL good name in quotes")
            return MISSING
        if value not in _dol_goods():
            import difflib

            close = difflib.get_close_matches(value, _dol_goods(), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problems.add(
                path, value, f"is not a good of the DOL List of Goods (see `screener rules goods`){hint}"
            )
            return MISSING
        return value

    def describe(self) -> str:
        return "DOL good names"


def _list_id_problem(list_id: str, table: Any) -> str | None:
    if list_id in BUNDLED_LIST_IDS or list_id == CUSTOM_LIST:
        return None
    if isinstance(table, dict) and table.get("optional") is True:
        return None
    import difflib

    close = difflib.get_close_matches(list_id, [*BUNDLED_LIST_IDS, CUSTOM_LIST], n=1, cutoff=0.5)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return (
        f"unknown list id {list_id!r}: {hint}bundled lists are {', '.join(BUNDLED_LIST_IDS)} "
        f"(and {CUSTOM_LIST!r} for any other list); for a list you import yourself add optional = true to this table"
    )


def _ilo_key_problem(key: str, _value: Any) -> str | None:
    if key in ILO_INDICATORS:
        return None
    import difflib

    close = difflib.get_close_matches(key, list(ILO_INDICATORS), n=1)
    return "unknown ILO indicator" + (
        f"; did you mean {close[0]!r}?" if close else f"; known: {', '.join(ILO_INDICATORS)}"
    )


# Entries no longer in force (screener.lists.status): history, never a bar. Used when a rules file that does not
# extend default.toml has no [list_status] table.
DEFAULT_LIST_STATUS = {
    "modified": {"points": 10, "severity": "medium", "likelihood": 0.2},
    "revoked": {"points": 5, "severity": "low", "likelihood": 0.1},
    "inactive": {"points": 20, "severity": "high", "likelihood": 0.4},
    "removed": {"points": 5, "severity": "low", "likelihood": 0.1},
}

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

_BAND = Table(
    {
        "min": Number(),
        "points": Number(-1000, 1000),
        "severity": Text(SEVERITIES),
        "likelihood": Number(0, 1),
    }
)

SCHEMA = Table(
    {
        "format": Number(1, 1, integer=True),
        "name": Text(),
        "description": Text(),
        "extends": Text(required=False),
        "matching": Table(
            {
                "match_threshold": Number(0, 1),
                "review_threshold": Number(0, 1),
                "max_candidates": Number(1, 100, integer=True),
                "short_name_letters": Number(0, 10, integer=True, required=False, default=4),
            }
        ),
        "lists": MapOf(
            Table(
                {
                    "match": _weights(),
                    "review": _weights(),
                    "force_high": Flag(),
                    "optional": Flag(required=False, default=False),
                }
            ),
            key_check=_list_id_problem,
        ),
        "list_status": Table(
            {kind: _weights() for kind in HISTORY_KINDS},
            required=False,
            default=DEFAULT_LIST_STATUS,
        ),
        "goods": Table(
            {
                "forced_labour": _weights(),
                "child_labour": _weights(),
                "forced_child_labour": _weights(),
                "derived_input": _weights(),
                "use_text": Flag(),
                "use_hs_codes": Flag(),
                "extra_synonyms": MapOf(ListOf(Good())),
            }
        ),
        "orders": Table(
            {
                "region_order": _weights(),
                "force_high": Flag(),
                "statuses": ListOf(Text()),
                "downstream": MapOf(ListOf(Good())),
            }
        ),
        "xinjiang": Table(
            {
                "presumption": _weights(),
                "force_high": Flag(),
                "fields": ListOf(Text()),
                "extra_places": ListOf(Text()),
                "countries": ListOf(Country()),
            }
        ),
        "tip": Table(
            {
                "tier_1": _weights(),
                "tier_2": _weights(),
                "tier_2_watch_list": _weights(),
                "tier_3": _weights(),
                "special_case": _weights(),
                "oldest_edition": Number(2000, 2100, integer=True),
            }
        ),
        "fcs": Table(
            {
                "conflict": _weights(),
                "institutional_and_social_fragility": _weights(),
                "fiscal_year": Text(),
            }
        ),
        "gsi": Table({"path": Text(), "prevalence": ListOf(_BAND), "vulnerability": ListOf(_BAND)}),
        "country_table": Table(
            {
                "path": Text(),
                "indicators": ListOf(
                    Table(
                        {
                            "indicator": Text(),
                            "above": Number(required=False),
                            "below": Number(required=False),
                            "points": Number(-1000, 1000),
                            "severity": Text(SEVERITIES),
                            "likelihood": Number(0, 1),
                            "description": Text(),
                        }
                    )
                ),
            }
        ),
        "watchlist": Table({"countries": ListOf(Country()), "listed": _weights()}),
        "ilo": Table(
            {
                "columns": ListOf(Text()),
                "default": _weights(),
                "indicators": MapOf(_partial_weights(), key_check=_ilo_key_problem),
                "extra_phrases": MapOf(ListOf(Text()), key_check=_ilo_key_problem),
                "flag_columns": MapOf(ListOf(Text()), key_check=_ilo_key_problem),
            }
        ),
        "audit": Table(
            {
                "failed": _weights(),
                "failed_results": ListOf(Text()),
                "child_labour": _weights(),
                "child_labour_phrases": ListOf(Text()),
            }
        ),
        "gaps": Table(
            {
                "no_country": _weights(),
                "no_goods": _weights(),
                "no_audit": _weights(),
                "audit_outdated": _weights(),
                "audit_date_unreadable": _weights(),
                "audit_max_age_months": Number(1, 600, integer=True),
            }
        ),
        "workforce": Table(
            {
                "female_dominated": _weights(),
                "female_dominated_goods": ListOf(Good()),
                "migrant_dominated": _weights(),
                "migrant_dominated_goods": ListOf(Good()),
                "female_majority": _weights(),
                "female_share_above": Number(0, 1),
            }
        ),
        "worker_voice": Table(
            {
                "recruitment_fees": _weights(),
                "no_grievance_mechanism": _weights(),
                "grievance_mechanism": _weights(),
                "poor_survey": _weights(),
                "survey_poor_below": Number(0, 1),
                "no_worker_organisation": _weights(),
                "worker_organisation": _weights(),
                "high_migrant_share": _weights(),
                "migrant_share_above": Number(0, 1),
                "high_agency_share": _weights(),
                "agency_share_above": Number(0, 1),
                "certification": _weights(),
                "certifications": ListOf(Text()),
                "missing": _weights(),
                "missing_fields": ListOf(Text(REQUIRABLE_VOICE_FIELDS)),
            }
        ),
        "tiers": Table(
            {
                "high": Number(0),
                "medium": Number(0),
                "review_hits_count_for_high": Flag(required=False, default=False),
                "abstract_risk_cap": Text(TIERS, required=False, default="medium"),
                "concrete_rules": ListOf(Text(), required=False, default=list(DEFAULT_CONCRETE_RULES)),
            }
        ),
        "actions": Table(
            {
                "high": Text(),
                "medium": Text(),
                "low": Text(),
                "abstract_risk": Text(required=False, default=DEFAULT_ABSTRACT_ACTION),
                "overrides": ListOf(
                    Table({"rules": ListOf(Text()), "min_tier": Text(TIERS), "action": Text()})
                ),
            }
        ),
        "prioritisation": Table(
            {
                "order": ListOf(Text(PRIORITY_KEYS)),
                "leverage_column": Text(),
                "currency": Text(tuple(sorted(ISO_CURRENCIES)), required=False, default="EUR"),
            }
        ),
        "model": Table({"weight": Number(0, 1000)}),
        "reasons": Table({"max_reasons": Number(1, 50, integer=True)}),
    }
)

_PATH_KEYS = (("gsi", "path"), ("country_table", "path"))


def shipped_profiles() -> list[str]:
    """Names of the rule sets shipped with screener (default, uflpa, lksg, eu-flr...), usable as ``--rules NAME``."""
    return sorted(p.stem for p in rules_dir().glob("*.toml"))


def resolve_rules_path(value: str | Path) -> Path:
    """A rules file by path, or a shipped profile by name (``lksg``, ``eu-flr``, ``eu_flr``, ``uflpa.toml``) when
    no file of that name is there."""
    path = Path(value)
    if path.exists() or len(path.parts) != 1:
        return path
    name = path.name.removesuffix(".toml").lower()
    for candidate in (name, name.replace("_", "-")):
        shipped = rules_dir() / f"{candidate}.toml"
        if shipped.is_file():
            return shipped
    return path


def load_rules(paths: Sequence[str | Path] | str | Path | None = None) -> RuleSet:
    """Load, merge and validate rules files (each a path, or the name of a shipped profile) and the profiles they
    extend; None = the bundled ``default.toml``.

    Raises ConfigError listing every problem at once (file, key path, value, what is allowed)."""
    if paths is None:
        paths = [rules_dir() / DEFAULT_RULES]
    elif isinstance(paths, str | Path):
        paths = [paths]
    paths = [resolve_rules_path(path) for path in paths]
    if not paths:
        paths = [rules_dir() / DEFAULT_RULES]
    problems: list[str] = []
    sources: list[Path] = []
    merged: dict[str, Any] = {}
    for path in paths:
        for source, data in _chain(Path(path), problems):
            sources.append(source)
            merged = _merge(merged, data)
    shown = " + ".join(str(p) for p in paths)
    if not problems:
        problems += [
            f'{shown}: missing key {key}: add it, or start the file with extends = "{DEFAULT_RULES}"'
            for key in missing_keys(merged, SCHEMA)
        ]
    if not problems:
        problems += _cross_checks(merged, shown)
    if problems:
        raise ConfigError(
            f"rules file {shown} has {len(problems)} problem{'s' if len(problems) != 1 else ''}:",
            problems=problems,
            hint=None,
        )
    merged = fill_defaults(merged, SCHEMA)
    merged["lists"] = _lists_over_custom(merged["lists"])
    matching = merged["matching"]
    ruleset = RuleSet(
        name=merged["name"],
        description=merged["description"],
        sources=tuple(dict.fromkeys(sources)),
        match_settings=MatchSettings(
            match_threshold=float(matching["match_threshold"]),
            review_threshold=float(matching["review_threshold"]),
            max_candidates=int(matching["max_candidates"]),
            short_name_letters=int(matching["short_name_letters"]),
        ),
        config=freeze(merged),
    )
    problems = _override_problems(ruleset, shown)
    if problems:
        raise ConfigError(f"rules file {shown} has {len(problems)} problem(s):", problems=problems)
    return ruleset


def _override_problems(ruleset: RuleSet, shown: str) -> list[str]:
    """An [actions] override whose rule pattern matches no rule would silently never apply."""
    from fnmatch import fnmatchcase

    known = [info.rule_id for info in describe_rules(ruleset)] + [
        "list.any-imported-list.match",
        "list.any-imported-list.review",
    ]
    problems = []
    for i, override in enumerate(ruleset.section("actions")["overrides"]):
        for j, pattern in enumerate(override["rules"]):
            if not any(fnmatchcase(rule_id, pattern) for rule_id in known):
                problems.append(
                    f"{shown}: actions.overrides[{i}].rules[{j}] = {pattern!r}: matches no rule "
                    '(see `screener rules list`; * matches any text, e.g. "list.*.match", "ilo.*")'
                )
    return problems


def _chain(path: Path, problems: list[str], seen: tuple[Path, ...] = ()) -> list[tuple[Path, dict]]:
    """The file and the files it extends, base first, each checked on its own."""
    data = _read_toml(path, problems)
    if data is None:
        return []
    resolved = path.resolve()
    if resolved in seen:
        problems.append(
            f"{path}: extends: files extend each other in a circle ({' -> '.join(map(str, seen))})"
        )
        return []
    checked = _check_file(path, data, problems)
    base = data.get("extends")
    chain: list[tuple[Path, dict]] = []
    if isinstance(base, str):
        base_path = _find_base(path, base)
        if base_path is None:
            problems.append(
                f"{path}: extends = {base!r}: file not found next to {path.name} nor among the bundled rules "
                f"({', '.join(sorted(p.name for p in rules_dir().glob('*.toml')))})"
            )
        else:
            chain = _chain(base_path, problems, (*seen, resolved))
    checked.pop("extends", None)
    return [*chain, (path, checked)]


def _find_base(path: Path, name: str) -> Path | None:
    for candidate in (path.parent / name, rules_dir() / name):
        if candidate.is_file():
            return candidate
    return None


def _read_toml(path: Path, problems: list[str]) -> dict | None:
    try:
        text = path.read_text(encoding="utf-8").removeprefix("\ufeff")  # Notepad's byte-order mark
    except FileNotFoundError:
        problems.append(
            f"{path}: rules file not found (nor a shipped profile of that name: {', '.join(shipped_profiles())})"
        )
        return None
    except (OSError, UnicodeDecodeError) as error:
        problems.append(f"{path}: cannot read the rules file ({error}); save it as UTF-8 text")
        return None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        problems.append(_syntax_problem(path, error))
        return None
    except RecursionError:  # arrays or tables nested thousands deep: no rules file looks like that
        problems.append(f"{path}: values nested too deeply to be a rules file")
        return None


def _syntax_problem(path: Path, error: tomllib.TOMLDecodeError) -> str:
    message = str(error)
    found = re.search(r"\(at line (\d+), column (\d+)\)", message)
    reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", message) or "invalid TOML"
    if found:
        line, column = found.groups()
        return (
            f"{path}: line {line}, column {column}: TOML syntax error: {reason} "
            '(text values need quotes, e.g. country = "NO")'
        )
    return f"{path}: TOML syntax error: {reason}"


def _check_file(path: Path, data: dict, problems: list[str]) -> dict:
    found = Problems(str(path))
    checked = SCHEMA.check(data, "", found)
    checked = checked if isinstance(checked, dict) else {}
    for section, key in _PATH_KEYS:
        value = checked.get(section, {}).get(key)
        if value:
            target = Path(value).expanduser()
            target = target if target.is_absolute() else (path.parent / target)
            if not target.is_file():
                found.add(f"{section}.{key}", value, f"file not found (looked for {target})")
            checked[section][key] = str(target)
    problems.extend(found.items)
    return checked


def _merge(base: dict, override: dict) -> dict:
    """Tables merge key by key; any other value (numbers, text, lists) is replaced by the override."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _lists_over_custom(lists: dict) -> dict:
    """Each list's table on top of ``custom``: a list table that gives only some keys takes the rest from there."""
    custom = lists[CUSTOM_LIST]
    return {
        list_id: table if list_id == CUSTOM_LIST else _merge(custom, table)
        for list_id, table in lists.items()
    }


def _cross_checks(config: dict, shown: str) -> list[str]:
    """Rules between keys: thresholds in order."""
    problems = []
    matching = config["matching"]
    if matching["review_threshold"] > matching["match_threshold"]:
        problems.append(
            f"{shown}: matching.review_threshold = {matching['review_threshold']}: must not exceed "
            f"matching.match_threshold = {matching['match_threshold']}"
        )
    tiers = config["tiers"]
    if tiers["medium"] > tiers["high"]:
        problems.append(
            f"{shown}: tiers.medium = {tiers['medium']}: must not exceed tiers.high = {tiers['high']}"
        )
    order = config["prioritisation"]["order"]
    if len(set(order)) != len(order) or not order:
        problems.append(
            f"{shown}: prioritisation.order = {order}: name each of {', '.join(PRIORITY_KEYS)} at most once"
        )
    if CUSTOM_LIST not in config["lists"]:
        problems.append(
            f"{shown}: lists.{CUSTOM_LIST}: missing; it weighs lists that have no table of their own"
        )
    return problems
