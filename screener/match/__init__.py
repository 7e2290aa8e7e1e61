"""Matching suppliers against list entries: normalised keys, candidate generation, pair features, classifier.

Public API: :func:`build_index`, :func:`match_suppliers`, :class:`MatchSettings`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl


@dataclass(frozen=True)
class MatchSettings:
    """Band thresholds on the calibrated match probability (set in the rules file, [matching])."""

    match_threshold: float = 0.80
    review_threshold: float = 0.50
    max_candidates: int = 10
    # A one-word list name of at most this many letters beside other words than places is held at review
    # (screener.match.engine.hold_short_names_at_review); 0 turns the rule off.
    short_name_letters: int = 4


def build_index(entries: pl.DataFrame, *, cache_key: str | None = None, cache_dir: Path | None = None):
    """Build (or load from cache) the candidate index over list entries (schema.LIST_ENTRY_COLUMNS)."""
    from screener.match.engine import build_index as _build

    return _build(entries, cache_key=cache_key, cache_dir=cache_dir)


def match_suppliers(suppliers: pl.DataFrame, index, settings: MatchSettings | None = None) -> pl.DataFrame:
    """Matches in band match or review: row_id, list_id, entity_id, matched_name, probability, band, features,
    explanation (schema names). Suppliers with no candidate above the review threshold have no row."""
    from screener.match.engine import match_suppliers as _match

    return _match(suppliers, index, settings or MatchSettings())
