"""``screener match``: one name against the bundled lists, as text and as JSON."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from screener.cli import cli


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("match-cache")


@pytest.fixture(autouse=True)
def _reuse_match_index(shared_cache, monkeypatch):
    """The index is built by the first test and read from the cache by the others (as on a user's machine)."""
    monkeypatch.setenv("SCREENER_CACHE", str(shared_cache))


def test_match_prints_the_listed_entity_with_band_and_reason():
    result = CliRunner().invoke(cli, ["match", "XINJIANG DAQO NEW ENERGY CO LT", "--country", "China"])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith("MATCH") and "[uflpa uflpa:xinjiang-daqo-new-energy]" in first
    assert "why: matches" in result.output and "country agrees (CN)" in result.output
    assert "source: https://www.dhs.gov/uflpa-entity-list" in result.output


def test_match_json_carries_probability_features_and_explanation():
    result = CliRunner().invoke(cli, ["match", "Hoshine Silicon Ind (Shanshan) Co Ltd", "--json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    assert records and records[0]["band"] == "match"
    assert "hoshine" in records[0]["matched_name"].lower()
    assert 0.8 <= records[0]["probability"] <= 1.0
    assert records[0]["explanation"].startswith("matches ")
    assert any(key.startswith("f_") for key in records[0])


def test_no_match_says_so():
    result = CliRunner().invoke(cli, ["match", "Acme Widgets GmbH", "--country", "DE"])
    assert result.exit_code == 0
    assert "No listed entity matches 'Acme Widgets GmbH'" in result.output
    as_json = CliRunner().invoke(cli, ["match", "Acme Widgets GmbH", "--json"])
    assert json.loads(as_json.output) == []


def test_bad_rules_file_is_one_clear_error(tmp_path):
    rules = tmp_path / "bad.toml"
    rules.write_text("[matching]\nmatch_threshold = 'high'\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["match", "Daqo", "--rules", str(rules)])
    assert result.exit_code == 2
    assert result.output.startswith("Error:") and "bad.toml" in result.output
