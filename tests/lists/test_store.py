"""The list store: bundled lists load in the contract frame, with provenance and counts."""

import polars as pl

from screener.lists import load_lists
from screener.lists.schema import ENTRY_COLUMNS
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
