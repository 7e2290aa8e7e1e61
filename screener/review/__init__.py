"""Reviewer decisions: read them back from a reviewed workbook, apply them on the next run, compare with a
previous screening.

Public API: :func:`import_reviewed_workbook`, :func:`load_decisions`, :func:`apply_decisions`,
:func:`apply_supplier_decisions`, :func:`compare_with_previous`, :func:`mark_changes`.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl


def import_reviewed_workbook(
    path: str | Path, *, store_dir: str | Path | None = None, reviewer: str | None = None
):
    """Append the decisions of a reviewed report (Suppliers and Matches sheets) to ``<store>/decisions.jsonl``;
    returns an ImportResult (decisions read, added, unchanged; notes left without a decision)."""
    from screener.review.workbook import import_reviewed_workbook as _import

    return _import(path, store_dir=store_dir, reviewer=reviewer)


def load_decisions(store_dir: str | Path | None = None) -> pl.DataFrame:
    """Every decision imported so far, oldest first (empty frame when none)."""
    from screener.review.decisions import load_decisions as _load

    return _load(store_dir)


def apply_decisions(matches: pl.DataFrame, suppliers: pl.DataFrame, decisions: pl.DataFrame) -> pl.DataFrame:
    """``matches`` plus decision, decision_date, decision_reviewer, decision_note and decision_status ('cleared',
    'confirmed', 'needs information', 'expired: list entry changed' or null)."""
    from screener.review.apply import apply_decisions as _apply

    return _apply(matches, suppliers, decisions)


def apply_supplier_decisions(
    ranking: pl.DataFrame, suppliers: pl.DataFrame, decisions: pl.DataFrame
) -> pl.DataFrame:
    """``ranking`` plus the decision columns of decisions recorded on suppliers without a list hit."""
    from screener.review.apply import apply_supplier_decisions as _apply

    return _apply(ranking, suppliers, decisions)


def compare_with_previous(screening, previous_path: str | Path) -> dict[str, pl.DataFrame]:
    """What is new or changed since an earlier report: {"suppliers": row_id, change; "matches": row_id, list_id,
    entity_id, change}."""
    from screener.review.compare import compare_with_previous as _compare

    return _compare(screening, previous_path)


def mark_changes(screening, previous_path: str | Path):
    """A copy of ``screening`` with a ``change`` column on ranking and matches (the report's Change column)."""
    from screener.review.compare import mark_changes as _mark

    return _mark(screening, previous_path)
