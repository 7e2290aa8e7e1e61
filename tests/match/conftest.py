"""Shared fixtures for the matching tests: the real bundled lists, indexed once per session."""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl
import pytest

from screener.lists import load_lists
from screener.match import build_index

# bench/ (the variant generators shared with the training script) lives at the top of the source tree.
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def bundled_entries() -> pl.DataFrame:
    return load_lists().entries


@pytest.fixture(scope="session")
def bundled_index(bundled_entries):
    return build_index(bundled_entries)


def entries_frame(rows: list[tuple]) -> pl.DataFrame:
    """List entries from (entity_id, name, is_alias, country_code) tuples, in the list-entry contract."""
    return pl.DataFrame(
        {
            "list_id": ["test"] * len(rows),
            "entity_id": [r[0] for r in rows],
            "name": [r[1] for r in rows],
            "is_alias": [r[2] for r in rows],
            "entity_name": [next(x[1] for x in rows if x[0] == r[0] and not x[2]) for r in rows],
            "entity_type": ["entity"] * len(rows),
            "country_code": [r[3] for r in rows],
            "address": [None] * len(rows),
            "program": ["TEST"] * len(rows),
            "listed_on": ["2024-01-01"] * len(rows),
            "source_url": ["https://example.org/list"] * len(rows),
            "list_version": ["v1"] * len(rows),
        },
        schema_overrides={"address": pl.String},
    )


def suppliers_frame(names: list[str], countries: list[str | None] | None = None) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "row_id": list(range(1, len(names) + 1)),
            "name": names,
            "country_code": countries or [None] * len(names),
        },
        schema={"row_id": pl.Int64, "name": pl.String, "country_code": pl.String},
    )
