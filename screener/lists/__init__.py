"""Risk lists: the list-entry schema, one parser per official format, and the local list store.

Public API: :func:`load_lists` -> :class:`ListSet`; list formats are registered in :mod:`screener.lists.formats`.
"""

from __future__ import annotations

from screener.contracts import ListInfo, ListSet
from screener.lists.store import load_lists

__all__ = ["ListInfo", "ListSet", "load_lists"]
