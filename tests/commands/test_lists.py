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
    sha = json.loads(runner.invoke(cli, ["lists", "show", "--json"]).output)[-1]["versions"][0]["sha256"]
    assert f"  earlier:   2025-01-15 (4 entities, sha256 {sha[:12]})" in shown
    rows = json.loads(runner.invoke(cli, ["lists", "show", "--json"]).output)
    assert [v["entity_count"] for v in rows[-1]["versions"]] == [4, 2]


# --- lists use ID@VERSION, lists rollback ID ---------------------------------------------------------------------

V1 = "name,country\nAksu Redstone Textile Co Ltd,CN\nBlue Harbor Cotton Trading Co,CN\n"
V2 = "name,country\nBlue Harbor Cotton Trading Co,CN\nKashgar Sunrise Garment Co,CN\n"


def _two_versions(tmp_path, runner, between=lambda: None):
    """Import two files as versions of our-list (calling ``between`` after the first); returns their sha256s."""
    shas = []
    for number, text in ((1, V1), (2, V2)):
        if number == 2:
            between()
        path = tmp_path / f"v{number}" / "our-list.csv"
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
        result = runner.invoke(cli, ["lists", "import", str(path), "--format", "csv", "--id", "our-list"])
        assert result.exit_code == 0, result.output
        rows = json.loads(runner.invoke(cli, ["lists", "show", "--json"]).output)
        shas.append(rows[-1]["sha256"])
    return shas


def _report_hits(tmp_path, runner, name):
    suppliers = tmp_path / "suppliers.csv"
    suppliers.write_text(
        "Vendor Name,Country\nAksu Redstone Textile Co Ltd,CN\nKashgar Sunrise Garment Co,CN\n"
    )
    out = tmp_path / name  # a csv report is a folder of tables
    result = runner.invoke(cli, ["screen", str(suppliers), "--format", "csv", "-o", str(out), "--no-model"])
    assert result.exit_code == 0, result.output
    lines = (out / "matches.csv").read_text(encoding="utf-8").splitlines()
    return sorted(line for line in lines if "our-list:" in line)


def test_use_pins_a_version_and_a_rerun_reproduces_the_earlier_report(tmp_path):
    runner = CliRunner()
    earlier = []
    first, second = _two_versions(
        tmp_path, runner, lambda: earlier.extend(_report_hits(tmp_path, runner, "earlier"))
    )
    newer = _report_hits(tmp_path, runner, "newer")
    result = runner.invoke(cli, ["lists", "use", f"our-list@{first[:10]}"])
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"our-list: pinned to version {_today()} (sha256 {first[:12]}), 2 entities. "
        "Updates are stored but not used until `screener lists use our-list@latest`.\n"
    )
    pinned = _report_hits(tmp_path, runner, "pinned")
    assert pinned == earlier != newer and any("Aksu Redstone" in line for line in pinned)
    manifest = json.loads((tmp_path / "pinned" / "manifest.json").read_text(encoding="utf-8"))
    ours = next(row for row in manifest["lists"] if row["list_id"] == "our-list")
    assert (ours["sha256"], ours["pinned"]) == (
        first,
        True,
    )  # the report says which version, and that it was pinned
    shown = runner.invoke(cli, ["lists", "show"]).output
    assert f"  newer:     {_today()} (2 entities, sha256 {second[:12]})" in shown
    assert "; pinned 20" in shown
    result = runner.invoke(cli, ["lists", "use", "our-list@latest"])
    assert result.output == (
        f"our-list: uses the newest stored version, {_today()} (sha256 {second[:12]}), and follows updates.\n"
    )
    assert _report_hits(tmp_path, runner, "latest") == newer


def test_import_while_pinned_says_the_list_stays_pinned(tmp_path):
    runner = CliRunner()
    first, _ = _two_versions(tmp_path, runner)
    runner.invoke(cli, ["lists", "use", f"our-list@{first[:12]}"])
    third = tmp_path / "v3" / "our-list.csv"
    third.parent.mkdir()
    third.write_text(V2 + "Hotan Bright Silk Co,CN\n", encoding="utf-8")
    result = runner.invoke(cli, ["lists", "import", str(third), "--format", "csv", "--id", "our-list"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == (
        f"our-list stays pinned to version {_today()} (sha256 {first[:12]}); "
        "`screener lists use our-list@latest` uses the new one."
    )


def test_rollback_cli(tmp_path):
    runner = CliRunner()
    first, second = _two_versions(tmp_path, runner)
    result = runner.invoke(cli, ["lists", "rollback", "our-list"])
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"our-list: rolled back from version {_today()} (sha256 {second[:12]}) to {_today()} "
        f"(sha256 {first[:12]}), 2 entities; pinned there (`screener lists use our-list@latest` follows updates "
        "again).\n"
    )
    result = runner.invoke(cli, ["lists", "rollback", "our-list"])
    assert result.exit_code == 2
    assert result.output == (
        f"Error: list 'our-list' has no version before {_today()} (sha256 {first[:12]}). See the stored versions "
        "with `screener lists show`; pin one with `screener lists use our-list@VERSION`.\n"
    )


def test_use_without_a_version_is_a_usage_error():
    result = CliRunner().invoke(cli, ["lists", "use", "ofac-sdn"])
    assert result.exit_code == 2
    assert "'ofac-sdn': give ID@VERSION, e.g. ofac-sdn@2023-12-28 or ofac-sdn@latest." in result.output


def test_use_an_unknown_version_lists_the_stored_ones(tmp_path):
    runner = CliRunner()
    first, second = _two_versions(tmp_path, runner)
    result = runner.invoke(cli, ["lists", "use", "our-list@1999-01-01"])
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == (
        f"Error: '1999-01-01' is not a stored version of our-list. Stored: {_today()} (sha256 {first[:12]}); "
        f"{_today()} (sha256 {second[:12]}). Name the version by its sha256 prefix (6 characters or more), e.g. "
        f"`screener lists use our-list@{second[:12]}`."
    )


def _today() -> str:
    import datetime as dt

    return dt.datetime.now(dt.UTC).date().isoformat()
