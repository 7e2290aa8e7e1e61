"""Matching suppliers against list entries: normalised keys, candidate generation, pair features, classifier.

Public API: :func:`build_index`, :func:`match_suppliers`, :class:`MatchSettings`.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from screener.contracts import MatchSettings

__all__ = ["MatchSettings", "build_index", "match_suppliers"]


def build_index(entries: pl.DataFrame, *, cache_key: str | None = None, cache_dir: Path | None = None):
    """Build (or load from cache) the candidate index over list entries (schema.LIST_ENTRY_COLUMNS)."""
    from screener.match.engine import build_index as _build

    return _build(entries, cache_key=cache_key, cache_dir=cache_dir)


def match_suppliers(suppliers: pl.DataFrame, index, settings: MatchSettings | None = None) -> pl.DataFrame:
    """Matches in band match or review: row_id, list_id, entity_id, matched_name, probability, band, features,
    explanation (schema names). Suppliers with no candidate above the review threshold have no row."""
    from screener.match.engine import match_suppliers as _match

    return _match(suppliers, index, settings or MatchSettings())
