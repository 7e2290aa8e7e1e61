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


def test_no_match_says_so_and_exits_1_as_grep():
    result = CliRunner().invoke(cli, ["match", "Acme Widgets GmbH", "--country", "DE"])
    assert result.exit_code == 1
    assert result.output == (
        "No listed entity matches 'Acme Widgets GmbH' (nothing at or above the review threshold).\n"
    )
    as_json = CliRunner().invoke(cli, ["match", "Acme Widgets GmbH", "--json"])
    assert as_json.exit_code == 1
    assert json.loads(as_json.output) == []


def test_a_match_exits_0_with_its_lines():
    result = CliRunner().invoke(
        cli, ["match", "Hoshine Silicon Industry (Shanshan) Co Ltd", "--country", "CN"]
    )
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("MATCH  ") and lines[1].startswith("       entity: ")
    assert lines[2].startswith("       why: matches ")


@pytest.mark.parametrize("name", ["", "   "])
def test_empty_name_is_refused(name):
    result = CliRunner().invoke(cli, ["match", name])
    assert result.exit_code == 2
    assert (
        result.output.splitlines()[-1]
        == "Error: Invalid value for NAME: the name is empty: give the name to look up."
    )


def test_unknown_country_is_refused():
    result = CliRunner().invoke(cli, ["match", "Daqo New Energy", "--country", "Narnia"])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: Invalid value for '--country': 'Narnia' is not a country screener knows: give an ISO code (CN) or "
        "a country name (China, Volksrepublik China)."
    )


def test_help_documents_the_exit_codes():
    result = CliRunner().invoke(cli, ["match", "-h"])
    assert result.exit_code == 0
    assert (
        "Exit code (as grep): 0 when a listed entity is shown (match or review band), 1 when none is, 2 on"
        in (" ".join(result.output.split()))
    )


def test_bad_rules_file_is_one_clear_error(tmp_path):
    rules = tmp_path / "bad.toml"
    rules.write_text("[matching]\nmatch_threshold = 'high'\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["match", "Daqo", "--rules", str(rules)])
    assert result.exit_code == 2
    assert result.output.startswith("Error:") and "bad.toml" in result.output


def test_an_identifier_equal_to_a_listed_entitys_matches_although_the_names_differ():
    result = CliRunner().invoke(
        cli,
        [
            "match",
            "Hebei Orchard Trading Co",
            "--country",
            "CN",
            "--city",
            "Sanhe",
            "--id",
            "tax ID 9113100033607322XK",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.output == (
        "MATCH  0.99  RAYBEAM OPTRONICS CO. LTD.  [ofac-sdn ofac-sdn:22685]\n"
        "       entity: RAYBEAM OPTRONICS CO. LTD. (NPWMD; IFSR)\n"
        "       why: tax ID 9113100033607322XK is the listed entity's USCC, a match on its own although the names "
        "differ (supplier 'Hebei Orchard Trading Co', listed 'RAYBEAM OPTRONICS CO. LTD.'): a renamed company or "
        "another trading name; address: city agrees (Sanhe; listed at '10-D Blessgo Industrial Park, Yanjiao "
        "Economic Development Zone, Sanhe, Hebei Province, China'); the list links this entity to LIU, Baoxia "
        "(ofac-sdn:22683)\n"
        "       source: https://sanctionssearch.ofac.treas.gov/Details.aspx?id=22685\n"
    )


def test_a_conflicting_lei_holds_the_name_match_at_review():
    result = CliRunner().invoke(
        cli, ["match", "VTB Bank PJSC", "--country", "RU", "--id", "LEI 5299000J2N45DDNE4Y28"]
    )
    assert result.exit_code == 0, result.output
    first, _, why = result.output.splitlines()[:3]
    assert first == "REVIEW 0.47  VTB BANK PUBLIC JOINT STOCK COMPANY  [ofac-sdn ofac-sdn:17013]"
    assert (
        "LEI differs: the supplier's 5299000J2N45DDNE4Y28 is not the listed entity's 253400V1H6ART1UQ0N98"
        in why
    )


def test_an_id_without_its_type_is_one_error_line():
    result = CliRunner().invoke(cli, ["match", "VTB Bank", "--id", "12345"])
    assert result.exit_code == 2
    assert result.output == (
        "Error: --id '12345': no identifier type before the value. Write the type first: \"USCC "
        '9113100033607322XK", "LEI 5299...", "VAT DE136695976", "tax ID ...", "DUNS ...", "IMO ...", '
        '"registration number ...".\n'
    )
