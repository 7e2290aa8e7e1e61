"""rules/README.md's reference is written from the declarations the rules files are checked against: the committed
file is what they give (`make readme` refreshes it), every declared key says what it does, and the reference tells
an officer the value, the range and the default of each key."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from screener.indicators import load_rules
from screener.indicators.kinds import rule_kinds, rules_settings
from screener.indicators.reference import allowed, settings_reference, shown
from screener.indicators.validate import ListOf, MapOf, Number, Setting, Table

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "rules" / "README.md"


def _update_readme_module():
    spec = importlib.util.spec_from_file_location("update_readme", ROOT / "scripts" / "update_readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_rules_readme_is_the_generated_one():
    module = _update_readme_module()
    text = README.read_text(encoding="utf-8")
    assert "<!-- SETTINGS:START -->" in text and "<!-- RULE-IDS:START -->" in text
    assert module.fill(text, module.rules_sections()) == text, "rules/README.md is stale: run `make readme`"


def test_a_changed_declaration_makes_the_committed_readme_stale(monkeypatch):
    module = _update_readme_module()
    text = README.read_text(encoding="utf-8")
    audit = next(kind for kind in rule_kinds() if kind.name == "audit").settings[0].spec
    failed, *others = audit.settings
    changed = Setting(failed.key, failed.spec, "the audit result is a fail, as the officer reads it")
    monkeypatch.setattr(audit, "settings", (changed, *others))
    assert module.fill(text, module.rules_sections()) != text


def _declared(settings, path=""):
    for setting in settings:
        key = f"{path}.{setting.key}" if path else setting.key
        yield key, setting
        spec = setting.spec
        item = spec.item if isinstance(spec, ListOf | MapOf) else spec
        if isinstance(item, Table):
            yield from _declared(item.settings, key)


def test_every_declared_key_says_in_one_line_what_it_does():
    declared = dict(_declared(rules_settings()))
    assert len(declared) > 150
    for key, setting in declared.items():
        assert setting.description.strip(), key
        assert "\n" not in setting.description, key
    # every table's keys are declared settings, none is only a bare spec
    for key, setting in declared.items():
        spec = setting.spec.item if isinstance(setting.spec, ListOf | MapOf) else setting.spec
        if isinstance(spec, Table):
            assert [s.key for s in spec.settings] == list(spec.fields), key


def test_every_key_of_default_toml_has_a_row_with_its_value():
    reference = settings_reference(load_rules(None).config)
    assert (
        "| `match_threshold` | matcher probability at or above which a candidate is a match (a confirmed list "
        "hit) | a number from 0 to 1 | `0.47` |"
    ) in reference
    assert (
        "| `short_name_letters` | a one-word list name of at most this many letters (an acronym) found beside other "
        "words is held for review; 0 turns this off | a whole number from 0 to 10; optional, default `4` | `4` |"
    ) in reference
    assert "| `failed` | the audit result is a fail | weights | `20 points, high, 0.5` |" in reference
    assert (
        "| `force_high` | true: a confirmed match always puts the supplier in tier high | true or false | uflpa: "
        "`true`; cbp-wro: `true`; ofac-sdn: `true`; custom: `false` |"
    ) in reference
    assert (
        "| `indicators[].above` | the value must be greater than this to fire | a number; optional |  |"
        in (reference)
    )
    for section in (
        "matching",
        "list_status",
        "goods",
        "tiers",
        "actions",
        "prioritisation",
        "model",
        "reasons",
    ):
        assert f"### `[{section}]`" in reference
    assert "### `[lists.<list_id>]`" in reference


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ({"points": -5, "severity": "info", "likelihood": 0.15}, "-5 points, info, 0.15"),
        (
            {"points": 5, "severity": "low", "likelihood": 0.1, "enabled": False},
            "5 points, low, 0.1, disabled",
        ),
        (["a", "b", "c", "d", "e"], '"a", "b", "c", "d", ... (5 in all)'),
        (
            [{"min": 10.0, "points": 12, "severity": "high", "likelihood": 0.15}],
            "{ min 10.0: 12 points, high, 0.15 }",
        ),
        ({}, "{}"),
        ([], "[]"),
        (True, "true"),
        ("x" * 80, '"' + "x" * 67 + '..."'),
    ],
)
def test_values_are_shown_short(value, text):
    assert shown(value) == text


def test_allowed_values_in_words():
    assert allowed(Number(1, 600, integer=True)) == "a whole number from 1 to 600"
    currency = dict(_declared(rules_settings()))["prioritisation.currency"].spec
    assert allowed(currency) == 'an ISO 4217 currency code, e.g. "EUR", "USD"'
