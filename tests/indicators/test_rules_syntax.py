"""A rules file edited by hand: an unquoted country code and a text value whose closing quote is missing are one
problem each, with the line and what to write."""

from __future__ import annotations

from click.testing import CliRunner

from screener.cli import cli


def _check(tmp_path, text):
    path = tmp_path / "my-rules.toml"
    path.write_text(text, encoding="utf-8")
    return CliRunner().invoke(cli, ["rules", "check", str(path)]), path


def test_a_missing_closing_quote_says_so(tmp_path):
    result, path = _check(tmp_path, 'extends = "default.toml"\nname = "my-rules\n[tiers]\nhigh = 50\n')
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"Error: rules file {path} has 1 problem:",
        f"  - {path}: line 2, column 17: TOML syntax error: Illegal character '\\n' (a text value has no closing "
        'quote: end it with " on the same line)',
    ]


def test_an_unquoted_country_code_says_to_quote_it(tmp_path):
    result, path = _check(tmp_path, 'extends = "default.toml"\n[watchlist]\ncountries = [NO, "MM"]\n')
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"Error: rules file {path} has 1 problem:",
        f"  - {path}: line 3, column 14: TOML syntax error: Invalid value (text values need quotes, e.g. "
        'country = "NO")',
    ]
