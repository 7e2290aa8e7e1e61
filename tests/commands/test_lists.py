"""`screener lists show|import` through click's CliRunner."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from screener.cli import cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lists"


@pytest.fixture(scope="module")
def _list_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("list-cache")


@pytest.fixture(autouse=True)
def _share_parsed_lists(_list_cache, monkeypatch):
    """Parsed lists are cached by content sha256: one cache for the module keeps the tests fast."""
    monkeypatch.setenv("SCREENER_CACHE", str(_list_cache))


def test_show_names_the_bundled_lists_with_counts_dates_sources_licences():
    result = CliRunner().invoke(cli, ["lists", "show"])
    assert result.exit_code == 0, result.output
    text = result.output
    assert "uflpa: UFLPA Entity List" in text and "144 entities" in text
    assert "cbp-wro: CBP Withhold Release Orders and Findings" in text and "5 region/product orders" in text
    assert "ofac-sdn: OFAC Specially Designated Nationals (SDN) List" in text
    assert "version:   2023-12-28" in text and "version:   2025-01-15" in text
    assert "https://www.dhs.gov/uflpa-entity-list" in text
    assert text.count("licence:   US Government work") == 3


def test_show_json():
    result = CliRunner().invoke(cli, ["lists", "show", "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in json.loads(result.output)}
    assert set(rows) == {"uflpa", "cbp-wro", "ofac-sdn"}
    assert rows["uflpa"]["entities"] == 144
    assert rows["ofac-sdn"]["other_entities"] == 7024
    assert len(rows["cbp-wro"]["sha256"]) == 64


def test_import_then_show_with_an_explicit_store(tmp_path):
    store = tmp_path / "my-store"
    runner = CliRunner()
    result = runner.invoke(
        cli,
        [
            "lists", "import", str(FIXTURES / "opensanctions_targets_simple_excerpt.csv"),
            "--format", "opensanctions", "--id", "os-excerpt", "--title", "OpenSanctions excerpt",
            "--store", str(store),
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Imported os-excerpt: 20 entities" in result.output
    assert (store / "lists" / "os-excerpt" / "manifest.json").is_file()
    shown = json.loads(runner.invoke(cli, ["lists", "show", "--json", "--store", str(store)]).output)
    assert [row["id"] for row in shown] == ["uflpa", "cbp-wro", "ofac-sdn", "os-excerpt"]
    assert shown[-1]["title"] == "OpenSanctions excerpt"
    assert shown[-1]["licence"].startswith("CC BY-NC 4.0")
    # the default store (SCREENER_STORE) was not touched
    default = json.loads(runner.invoke(cli, ["lists", "show", "--json"]).output)
    assert len(default) == 3


def test_import_ofac_folder_with_sniffed_format():
    result = CliRunner().invoke(cli, ["lists", "import", str(FIXTURES / "ofac_raw"), "--id", "ofac-sdn"])
    assert result.exit_code == 0, result.output
    assert "Imported ofac-sdn: 5 entities" in result.output


def test_import_malformed_file_is_one_error_line(tmp_path):
    broken = tmp_path / "uflpa.csv"
    lines = (FIXTURES / "uflpa_excerpt.csv").read_text(encoding="utf-8").splitlines()
    broken.write_text(
        "\n".join([lines[0], lines[1].replace(",2025-01-15,", ",15/01/2025,")]) + "\n", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["lists", "import", str(broken), "--format", "uflpa", "--id", "x"])
    assert result.exit_code == 2
    assert result.output.strip() == (
        "Error: uflpa.csv line 2: date_added '15/01/2025' is not an ISO date (YYYY-MM-DD)."
    )


def test_show_lists_earlier_versions_after_a_reimport(tmp_path):
    runner = CliRunner()
    smaller = tmp_path / "uflpa_excerpt.csv"
    lines = (FIXTURES / "uflpa_excerpt.csv").read_text(encoding="utf-8").splitlines()
    smaller.write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    for path in (FIXTURES / "uflpa_excerpt.csv", smaller):
        result = runner.invoke(cli, ["lists", "import", str(path), "--format", "uflpa", "--id", "mine"])
        assert result.exit_code == 0, result.output
    shown = runner.invoke(cli, ["lists", "show"]).output
    assert "mine: UFLPA Entity List" in shown
    assert "  earlier:   2025-01-15 (4 entities)" in shown
    rows = json.loads(runner.invoke(cli, ["lists", "show", "--json"]).output)
    assert [v["entity_count"] for v in rows[-1]["versions"]] == [4, 2]
