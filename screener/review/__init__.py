"""Reviewer decisions: read them back from a reviewed workbook, apply them on the next run, compare with a
previous screening.

Public API: :func:`import_reviewed_workbook`, :func:`load_decisions`, :func:`apply_decisions`,
:func:`apply_supplier_decisions`, :func:`counting_matches`, :func:`compare_with_previous`, :func:`mark_changes`.
"""

from screener.review.apply import apply_decisions, apply_supplier_decisions, counting_matches
from screener.review.compare import compare_with_previous, mark_changes
from screener.review.decisions import load_decisions
from screener.review.workbook import import_reviewed_workbook

__all__ = [
    "apply_decisions",
    "apply_supplier_decisions",
    "compare_with_previous",
    "counting_matches",
    "import_reviewed_workbook",
    "load_decisions",
    "mark_changes",
]
