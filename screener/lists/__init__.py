"""Risk lists: the list-entry schema, one parser per official format, and the local list store.

Public API: :func:`load_lists` -> :class:`ListSet`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from screener.contracts import ListInfo, ListSet

__all__ = ["ListInfo", "ListSet", "load_lists"]


def load_lists(
    extra: Sequence[str | Path] = (),
    *,
    include_default: bool = True,
    store_dir: str | Path | None = None,
) -> ListSet:
    """The bundled lists (unless ``include_default`` is false), lists imported to the store, and ``extra`` files."""
    from screener.lists.store import load_lists as _load

    return _load(extra, include_default=include_default, store_dir=store_dir)
