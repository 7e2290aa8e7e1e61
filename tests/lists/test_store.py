"""The list store: bundled lists load in the contract frame, with provenance and counts."""

import json
import shutil

import polars as pl
import pytest

from screener.errors import ListError
from screener.lists import load_lists, store
from screener.lists.schema import ENTRY_COLUMNS
from screener.lists.store import import_list, lists_root, read_manifest
from screener.schema import LIST_ENTRY_COLUMNS


def test_bundled_lists_load_in_the_contract_frame():
    lists = load_lists()
    assert tuple(lists.entries.columns[: len(LIST_ENTRY_COLUMNS)]) == LIST_ENTRY_COLUMNS
    assert tuple(lists.entries.columns) == ENTRY_COLUMNS
    assert [info.list_id for info in lists.lists] == ["uflpa", "cbp-wro", "ofac-sdn"]
    assert set(lists.entries.get_column("entity_type").unique()) == {"entity", "vessel"}
    assert set(lists.other_entries.get_column("entity_type").unique()) == {"individual", "aircraft"}
    assert lists.entries.get_column("entity_id").str.starts_with(lists.entries.get_column("list_id")).all()


def test_bundled_counts():
    infos = {info.list_id: info for info in load_lists().lists}
    assert infos["uflpa"].entity_count == 144
    assert infos["uflpa"].version == "2025-01-15"
    assert infos["ofac-sdn"].version == "2023-12-28"
    # 6,033 organisations + 764 vessels; 6,646 individuals + 378 aircraft kept apart
    assert infos["ofac-sdn"].entity_count == 6033 + 764
    assert infos["ofac-sdn"].extra["other_entity_count"] == 6646 + 378
    assert infos["cbp-wro"].version == "2026-06-23"
    assert infos["cbp-wro"].extra["order_count"] == 5


def test_every_entity_has_exactly_one_primary_name():
    entries = load_lists().entries
    primaries = entries.filter(~pl.col("is_alias")).group_by("entity_id").len()
    assert primaries.get_column("len").max() == 1
    assert primaries.height == entries.get_column("entity_id").n_unique()


# --- import, replace, versions -----------------------------------------------------------------------------------


def test_import_adds_a_list_and_keeps_the_bundled_ones(fixtures):
    info = import_list(fixtures / "uflpa_excerpt.csv", fmt="uflpa", list_id="uflpa-excerpt", title="Excerpt")
    assert (info.entity_count, info.title, info.extra["origin"]) == (4, "Excerpt", "store")
    lists = load_lists()
    assert [i.list_id for i in lists.lists] == ["uflpa", "cbp-wro", "ofac-sdn", "uflpa-excerpt"]
    assert lists.entries.filter(pl.col("list_id") == "uflpa-excerpt").get_column("entity_id").n_unique() == 4


def test_import_with_a_bundled_id_replaces_it(fixtures):
    before = load_lists().versions_key()
    import_list(fixtures / "ofac_raw", fmt="ofac", list_id="ofac-sdn", version="2023-12-28")
    lists = load_lists()
    ofac = next(i for i in lists.lists if i.list_id == "ofac-sdn")
    assert (ofac.entity_count, ofac.extra["origin"]) == (5, "store")
    assert lists.entries.filter(pl.col("list_id") == "ofac-sdn").get_column("entity_id").n_unique() == 5
    assert lists.versions_key() != before  # the match index cache follows the content
    # without the defaults, neither the bundled lists nor stored replacements of them are loaded
    assert load_lists(include_default=False).lists == []


def test_reimport_keeps_previous_versions(fixtures, tmp_path):
    import_list(fixtures / "uflpa_excerpt.csv", fmt="uflpa", list_id="mine")
    smaller = tmp_path / "uflpa_excerpt.csv"
    lines = (fixtures / "uflpa_excerpt.csv").read_text(encoding="utf-8").splitlines()
    smaller.write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    info = import_list(smaller, fmt="uflpa", list_id="mine")
    assert info.entity_count == 2
    manifest = read_manifest(lists_root() / "mine")
    assert [v["entity_count"] for v in manifest["versions"]] == [4, 2]
    assert manifest["current"] == manifest["versions"][-1]["folder"]
    for version in manifest["versions"]:
        assert (lists_root() / "mine" / version["folder"] / "uflpa_excerpt.csv").is_file()


def test_a_file_that_does_not_parse_is_not_imported(tmp_path):
    broken = tmp_path / "list.csv"
    broken.write_text("Spend,Country\n1,CN\n", encoding="utf-8")
    with pytest.raises(ListError, match="no name column"):
        import_list(broken, fmt="csv", list_id="broken")
    assert not (lists_root() / "broken").exists()


def test_bad_list_id(fixtures):
    with pytest.raises(ListError, match="list id 'My List' is not valid"):
        import_list(fixtures / "uflpa_excerpt.csv", fmt="uflpa", list_id="My List")


def test_extra_files_are_sniffed(fixtures, tmp_path):
    shutil.copytree(fixtures / "ofac_raw", tmp_path / "ofac")
    extra = [
        fixtures / "uflpa_excerpt.csv",
        fixtures / "cbp_excerpt.csv",
        fixtures / "opensanctions_targets_simple_excerpt.csv",
        fixtures / "entities.ftm.json",
        tmp_path / "ofac",
    ]
    lists = load_lists(extra, include_default=False)
    formats = {i.list_id: i.extra["format"] for i in lists.lists}
    assert formats == {
        "uflpa-excerpt": "uflpa",
        "cbp-excerpt": "cbp-wro",
        "opensanctions-targets-simple-excerpt": "opensanctions",
        "entities-ftm": "ftm",
        "ofac": "ofac",
    }
    assert lists.orders.height == 2  # the two region orders of the CBP excerpt
    assert lists.other_entries.get_column("entity_type").unique().sort().to_list() == [
        "aircraft",
        "individual",
    ]


def test_missing_extra_file():
    with pytest.raises(ListError, match="nope.csv: list file not found"):
        load_lists(["nope.csv"])


def test_second_load_reads_the_parquet_cache(monkeypatch):
    first = load_lists()

    def refuse(fmt):
        raise AssertionError(f"parsed {fmt} again")

    monkeypatch.setattr(store, "get_format", refuse)
    second = load_lists()
    assert second.versions_key() == first.versions_key()
    assert second.entries.equals(first.entries)


def test_broken_manifest_is_named(fixtures):
    import_list(fixtures / "uflpa_excerpt.csv", fmt="uflpa", list_id="mine")
    (lists_root() / "mine" / "manifest.json").write_text("{", encoding="utf-8")
    with pytest.raises(ListError, match=r"mine/manifest\.json: the list store's manifest cannot be read"):
        load_lists()


def test_manifest_records_provenance(fixtures):
    import_list(
        fixtures / "opensanctions_targets_simple_excerpt.csv",
        fmt="opensanctions",
        list_id="os",
        licence="CC BY-NC 4.0",
        download_urls=["http://127.0.0.1/targets.simple.csv"],
    )
    manifest = json.loads((lists_root() / "os" / "manifest.json").read_text())
    assert manifest["licence"] == "CC BY-NC 4.0"
    assert manifest["download_urls"] == ["http://127.0.0.1/targets.simple.csv"]
    version = manifest["versions"][0]
    assert version["sha256"] and version["entity_count"] == 20 and version["retrieved"]


def test_provenance_for_the_report():
    records = load_lists().provenance()
    assert [r["list_id"] for r in records] == ["uflpa", "cbp-wro", "ofac-sdn"]
    uflpa = records[0]
    assert uflpa["version"] == "2025-01-15" and uflpa["entities"] == 144
    assert uflpa["sha256"].startswith("02d7095c9866307e")  # as recorded in screener/data/provenance.json
