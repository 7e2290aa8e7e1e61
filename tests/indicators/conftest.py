"""Builders for small supplier frames in the suppliers contract (every value a string, as the reader gives them)."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from screener.indicators import evaluate_indicators, load_rules
from screener.normalize.countries import add_country_codes

RUN_DATE = dt.date(2026, 11, 1)


def suppliers(*rows: dict) -> pl.DataFrame:
    """Suppliers with row_id 1..n, country codes added as the pipeline adds them; absent fields are null."""
    columns = sorted({key for row in rows for key in row} | {"name", "country"})
    data = {c: [row.get(c) for row in rows] for c in columns}
    frame = pl.DataFrame(data, schema={c: pl.String for c in columns})
    frame = frame.with_columns(pl.int_range(1, frame.height + 1, dtype=pl.Int64).alias("row_id"))
    return add_country_codes(frame)


@pytest.fixture(scope="session")
def default_rules():
    return load_rules(None)


def hits_for(frame: pl.DataFrame, rules=None, matches=None, lists=None) -> pl.DataFrame:
    return evaluate_indicators(frame, matches, lists, rules or load_rules(None), run_date=RUN_DATE)


def rule_ids(hits: pl.DataFrame, row_id: int = 1) -> set[str]:
    return set(hits.filter(pl.col("row_id") == row_id).get_column("rule_id").to_list())


def evidence(hits: pl.DataFrame, rule_id: str, row_id: int = 1) -> str:
    found = hits.filter((pl.col("row_id") == row_id) & (pl.col("rule_id") == rule_id)).get_column("evidence")
    assert found.len() == 1, f"{rule_id} fired {found.len()} times on row {row_id}"
    return found[0]
