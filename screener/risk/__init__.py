"""Supplier risk: the final ranking from indicator hits, and the supplier risk model (train, predict, explain).

Public API: :func:`rank_suppliers`.
"""

from __future__ import annotations

import polars as pl


def rank_suppliers(
    suppliers: pl.DataFrame, hits: pl.DataFrame, rules, model_scores: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Ranking: row_id, score, tier, rank, model_probability, reasons, recommended_action, one row per supplier."""
    from screener.risk.ranking import rank_suppliers as _rank

    return _rank(suppliers, hits, rules, model_scores)
