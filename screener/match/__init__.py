"""Matching suppliers against list entries: normalised keys, candidate generation, pair features, classifier.

Public API: :func:`build_index`, :func:`match_suppliers`, :class:`MatchSettings`.
"""

from __future__ import annotations

from screener.contracts import MatchSettings
from screener.match.engine import build_index, match_suppliers

__all__ = ["MatchSettings", "build_index", "match_suppliers"]
