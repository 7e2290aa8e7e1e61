"""Supplier risk: the final ranking from indicator hits, and the supplier risk model (train, predict, explain).

Public API: :func:`rank_suppliers`.
"""

from __future__ import annotations

from screener.risk.ranking import rank_suppliers

__all__ = ["rank_suppliers"]
