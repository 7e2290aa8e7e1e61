"""Issue 19, finding 3: every number in a rules file is finite and in range. ``review_threshold = nan`` passed
`rules check` and the screen then found no list hit at all (NaN fails every comparison); ``points = nan`` gave
null scores ranked first. Each numeric key of the bundled rules is set to nan, inf and -inf in turn."""

from __future__ import annotations

import tomllib

import pytest
from click.testing import CliRunner

from screener.cli import cli
from screener.data import rules_dir
from screener.errors import ConfigError
from screener.indicators import load_rules


def numeric_keys(table: dict, prefix: str = "") -> list[str]:
    """Dotted paths of every number in the bundled default rules (tables only, not arrays)."""
    found = []
    for key, value in table.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            found += numeric_keys(value, f"{path}.")
        elif isinstance(value, int | float) and not isinstance(value, bool):
            found.append(path)
    return found


DEFAULT_NUMBERS = numeric_keys(tomllib.loads((rules_dir() / "default.toml").read_text(encoding="utf-8")))


def test_the_bundled_rules_have_numbers_to_check():
    assert len(DEFAULT_NUMBERS) > 40
    assert "matching.review_threshold" in DEFAULT_NUMBERS and "lists.uflpa.match.points" in DEFAULT_NUMBERS


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_every_number_refuses_nan_and_infinity_naming_the_key(tmp_path, value):
    failures = []
    for key in DEFAULT_NUMBERS:
        path = tmp_path / "rules.toml"
        path.write_text(f'extends = "default.toml"\n{key} = {value}\n', encoding="utf-8")
        try:
            load_rules(path)
        except ConfigError as error:
            if not any(f"{key} = {value}: must be a" in problem for problem in error.problems):
                failures.append((key, error.problems))
        else:
            failures.append((key, "loaded"))
    assert failures == []


def test_rules_check_and_screen_refuse_a_nan_threshold(tmp_path):
    rules = tmp_path / "nan.toml"
    rules.write_text('extends = "default.toml"\n[matching]\nreview_threshold = nan\n', encoding="utf-8")
    checked = CliRunner().invoke(cli, ["rules", "check", str(rules)])
    assert checked.exit_code == 2
    assert checked.output == (
        f"Error: rules file {rules} has 1 problem:\n"
        f"  - {rules}: matching.review_threshold = nan: must be a finite number from 0 to 1 (not nan or inf)\n"
    )
    suppliers = tmp_path / "suppliers.csv"
    suppliers.write_text("Supplier Name,Country\nAcme Textiles,Bangladesh\n", encoding="utf-8")
    screened = CliRunner().invoke(cli, ["screen", str(suppliers), "--rules", str(rules), "-q"])
    assert screened.exit_code == 2
    assert "matching.review_threshold = nan: must be a finite number" in screened.output
    assert not (tmp_path / "out").exists()


def test_huge_numbers_are_out_of_range(tmp_path):
    rules = tmp_path / "huge.toml"
    rules.write_text('extends = "default.toml"\n[tiers]\nhigh = 1e300\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"tiers.high = 1e\+300: must be a finite number"):
        load_rules(rules)
