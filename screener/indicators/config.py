"""Loading rules files: TOML, ``extends`` chains, validation of every key, one immutable :class:`RuleSet`.

A rules file either is complete (like ``rules/default.toml``) or names the file it builds on with
``extends = "default.toml"`` and overrides only what differs. Several files given at once are layered in order,
later files winning. Every problem in every file is collected and raised together in one ConfigError, each naming
the file, the key path, the value and what is allowed. The schema files are checked against is assembled from the
settings every registered rule kind declares (screener.indicators.kinds), so no key is listed here.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from screener.contracts import MatchSettings
from screener.data import rules_dir
from screener.errors import ConfigError
from screener.indicators.kinds import describe_rules, rules_schema, rules_settings
from screener.indicators.ruleset import CUSTOM_LIST, RuleSet, freeze
from screener.indicators.sections import PRIORITY_KEYS
from screener.indicators.validate import FilePath, Problems, Table, fill_defaults, missing_keys

DEFAULT_RULES = "default.toml"
__all__ = ["DEFAULT_RULES", "PRIORITY_KEYS", "load_rules", "resolve_rules_path", "shipped_profiles"]


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
    schema = rules_schema()
    problems: list[str] = []
    sources: list[Path] = []
    merged: dict[str, Any] = {}
    for path in paths:
        for source, data in _chain(Path(path), schema, problems):
            sources.append(source)
            merged = _merge(merged, data)
    shown = " + ".join(str(p) for p in paths)
    if not problems:
        problems += [
            f'{shown}: missing key {key}: add it, or start the file with extends = "{DEFAULT_RULES}"'
            for key in missing_keys(merged, schema)
        ]
    problems += _cross_checks(merged, shown)  # beside the per-key problems: all at once
    if problems:
        raise ConfigError(
            f"rules file {shown} has {len(problems)} problem{'s' if len(problems) != 1 else ''}:",
            problems=problems,
            hint=None,
        )
    merged = fill_defaults(merged, schema)
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


def _chain(
    path: Path, schema: Table, problems: list[str], seen: tuple[Path, ...] = ()
) -> list[tuple[Path, dict]]:
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
    checked = _check_file(path, data, schema, problems)
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
            chain = _chain(base_path, schema, problems, (*seen, resolved))
    checked.pop("extends", None)
    return [*chain, (path, checked)]


def _find_base(path: Path, name: str) -> Path | None:
    """The file ``extends`` names: beside the file, else a bundled profile (``"default"`` as ``--rules default``
    finds it)."""
    profile = name.removesuffix(".toml").lower().replace("_", "-")
    for candidate in (path.parent / name, rules_dir() / name, rules_dir() / f"{profile}.toml"):
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
        hint = (
            'a text value has no closing quote: end it with " on the same line'
            if reason == "Illegal character '\\n'"
            else 'text values need quotes, e.g. country = "NO"'
        )
        return f"{path}: line {line}, column {column}: TOML syntax error: {reason} ({hint})"
    return f"{path}: TOML syntax error: {reason}"


def _check_file(path: Path, data: dict, schema: Table, problems: list[str]) -> dict:
    found = Problems(str(path))
    checked = schema.check(data, "", found)
    checked = checked if isinstance(checked, dict) else {}
    for section, key in _path_keys(schema):
        value = checked.get(section, {}).get(key)
        if value:
            target = Path(value).expanduser()
            target = target if target.is_absolute() else (path.parent / target)
            if not target.is_file():
                found.add(f"{section}.{key}", value, f"file not found (looked for {target})")
            checked[section][key] = str(target)
    problems.extend(found.items)
    return checked


def _path_keys(schema: Table) -> list[tuple[str, str]]:
    """(table, key) of every file path a rules file names ([gsi] path...): read relative to the file."""
    return [
        (section, key)
        for section, spec in schema.fields.items()
        if isinstance(spec, Table)
        for key, field in spec.fields.items()
        if isinstance(field, FilePath)
    ]


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
    """Rules between keys that only the merged files show (thresholds in order...), as each table declares them.

    Run beside the per-key checks, so a file's every problem shows at once; a table whose keys are missing or of
    the wrong type (already a per-key problem) is left to that problem."""
    problems = []
    for setting in rules_settings():
        if setting.check is None or not isinstance(config.get(setting.key), dict):
            continue
        try:
            problems += [f"{shown}: {problem}" for problem in setting.check(config[setting.key])]
        except (KeyError, TypeError, ValueError):
            continue
    return problems
