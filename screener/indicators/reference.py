"""The reference part of rules/README.md, written from the declarations the rules files are checked against: the
rule-id table from each rule kind's ``rule_ids``, and one table per rules-file table with every key, what it does,
what values it allows and its value in the shipped default.toml. ``make readme`` writes them between the README's
markers (scripts/update_readme.py); a test fails when the committed README is not what they give.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from screener.indicators.kinds import rule_kinds, rules_settings
from screener.indicators.settings import WEIGHT_SETTINGS, WeightsTable
from screener.indicators.validate import Country, FilePath, ListOf, MapOf, Setting, Spec, Table, Text

MAX_CHOICES = 8  # more choices than this are named by the spec's label
MAX_ITEMS = 4  # a longer list or table is shown by its first items and its length
MAX_TEXT = 70
MAX_DEFAULT = 24  # a longer default is left to the "in default.toml" column


def rule_ids_table() -> str:
    """The markdown table of rule ids (id pattern, category, when it fires), in evaluation order."""
    lines = ["| rule id | category | fires when |", "|---|---|---|"]
    for kind in rule_kinds():
        lines += [f"| {r.ids} | {r.category} | {_cell(r.fires_when)} |" for r in kind.rule_ids]
    return "\n".join(lines)


def settings_reference(defaults: Mapping[str, Any]) -> str:
    """Markdown: the weights every rule has, then one table per rules-file table (in the order of the schema) with
    each key, what it does, what it allows and its value in ``defaults`` (the shipped default.toml, loaded)."""
    settings = rules_settings()
    top = [s for s in settings if not isinstance(s.spec, Table | MapOf)]
    parts = [_weights_note(), _section("The file itself", "", top, defaults)]
    for setting in settings:
        if isinstance(setting.spec, Table):
            parts.append(
                _section(
                    f"`[{setting.key}]`",
                    setting.description,
                    setting.spec.settings,
                    defaults.get(setting.key, {}),
                    optional=not setting.spec.required,
                )
            )
        elif isinstance(setting.spec, MapOf) and isinstance(setting.spec.item, Table):
            label = setting.spec.key_label.replace(" ", "_")
            values = defaults.get(setting.key, {})
            parts.append(
                _section(
                    f"`[{setting.key}.<{label}>]`",
                    setting.description,
                    setting.spec.item.settings,
                    {key: _per_entry(values, key) for key in setting.spec.item.fields},
                    shown_as_is=True,
                )
            )
    return "\n\n".join(parts)


def _weights_note() -> str:
    keys = "; ".join(
        f"`{s.key}`: {s.description} ({allowed(s.spec)}{_optional(s.spec)})" for s in WEIGHT_SETTINGS
    )
    return (
        'A rule\'s **weights** are a table such as `{ points = 20, severity = "high", likelihood = 0.3 }`. '
        f"{keys}. In the tables below they are shown as points, severity, likelihood."
    )


def _section(
    title: str,
    description: str,
    settings: Sequence[Setting],
    values: Mapping[str, Any],
    *,
    optional: bool = False,
    shown_as_is: bool = False,
) -> str:
    lines = [f"### {title}"]
    if description or optional:
        note = " The whole table is optional." if optional else ""
        lines += ["", f"{description}{note}".strip()]
    lines += ["", "| key | what it does | allowed | in default.toml |", "|---|---|---|---|"]
    for setting in settings:
        value = values.get(setting.key, _ABSENT)
        if shown_as_is and value is not _ABSENT:
            default = value
        else:
            default = "" if value is _ABSENT else f"`{_cell(shown(value))}`"
        lines.append(
            f"| `{setting.key}` | {_cell(setting.description)} | {_cell(allowed(setting.spec))}"
            f"{_optional(setting.spec)} | {default} |"
        )
        item = setting.spec.item if isinstance(setting.spec, ListOf) else None
        if isinstance(item, Table) and not isinstance(item, WeightsTable):
            lines += [
                f"| `{setting.key}[].{sub.key}` | {_cell(sub.description)} | {_cell(allowed(sub.spec))}"
                f"{_optional(sub.spec)} |  |"
                for sub in item.settings
            ]
    return "\n".join(lines)


def _per_entry(values: Mapping[str, Any], key: str) -> str:
    """One key of every entry of a table of tables ([lists.uflpa] match, [lists.custom] match...), as one cell."""
    shown_values = {name: shown(entry.get(key)) for name, entry in values.items() if key in entry}
    if len(set(shown_values.values())) == 1:
        return f"`{_cell(next(iter(shown_values.values())))}`"
    return "; ".join(f"{name}: `{_cell(text)}`" for name, text in shown_values.items())


def allowed(spec: Spec) -> str:
    """What a value may be, in words."""
    if isinstance(spec, WeightsTable):
        return "weights"
    if isinstance(spec, FilePath):
        return "a file path"
    if isinstance(spec, Text) and spec.choices is not None and len(spec.choices) > MAX_CHOICES:
        return spec.label or f"one of {len(spec.choices)} values"
    if isinstance(spec, ListOf):
        item = spec.item
        if isinstance(item, Table) and not isinstance(item, WeightsTable):
            return "a list of tables (keys below)"
        if isinstance(item, Country):
            return "a list of country codes or names"
        return f"a list of {allowed(item)}"
    if isinstance(spec, MapOf):
        return f"a table: {spec.key_label} = {allowed(spec.item)}"
    return spec.describe()


def _optional(spec: Spec) -> str:
    if spec.required:
        return ""
    if spec.default is None:
        return "; optional"
    default = shown(spec.default)
    if isinstance(spec.default, Mapping) or len(default) > MAX_DEFAULT:
        return "; optional, with a default"
    return f"; optional, default `{_cell(default)}`"


def shown(value: Any) -> str:
    """A configuration value, short: weights as points, severity, likelihood; long lists by their first items."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        text = value if len(value) <= MAX_TEXT else value[: MAX_TEXT - 3] + "..."
        return f'"{text}"'
    if isinstance(value, Mapping):
        if {"points", "severity", "likelihood"} <= set(value):
            return _weights(value)
        if not value:
            return "{}"
        items = [f"{key}: {shown(item)}" for key, item in list(value.items())[:MAX_ITEMS]]
        more = f"; ... ({len(value)} in all)" if len(value) > MAX_ITEMS else ""
        return "; ".join(items) + more
    if isinstance(value, Sequence):
        if not value:
            return "[]"
        items = [
            f"{{ {shown(item)} }}" if isinstance(item, Mapping) else shown(item)
            for item in list(value)[:MAX_ITEMS]
        ]
        more = f", ... ({len(value)} in all)" if len(value) > MAX_ITEMS else ""
        return ", ".join(items) + more
    return str(value)


def _weights(value: Mapping[str, Any]) -> str:
    other = [f"{key} {shown(item)}" for key, item in value.items() if key not in _WEIGHT_KEYS]
    text = f"{shown(value['points'])} points, {value['severity']}, {shown(value['likelihood'])}"
    if value.get("enabled") is False:
        text += ", disabled"
    return f"{', '.join(other)}: {text}" if other else text


_WEIGHT_KEYS = {s.key for s in WEIGHT_SETTINGS}
_ABSENT = object()


def _cell(text: str) -> str:
    """Text safe inside a markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")
