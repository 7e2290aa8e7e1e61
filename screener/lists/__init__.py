"""Risk lists: the list-entry schema, one parser per official format, and the local list store.

Public API: :func:`load_lists` -> :class:`ListSet`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl


@dataclass
class ListInfo:
    """Provenance of one list version, recorded in every report."""

    list_id: str
    title: str
    publisher: str
    source_url: str
    retrieved: str  # ISO date the file was obtained
    version: str  # the list's own version/publication date
    sha256: str
    licence: str
    entity_count: int
    name_count: int
    extra: dict = field(default_factory=dict)


@dataclass
class ListSet:
    """Entries of all loaded lists (schema.LIST_ENTRY_COLUMNS), their provenance, and region/product orders.

    ``entries`` holds organisations and vessels (the names a supplier could be), with the contract columns first
    and evidence columns after them (``screener.lists.schema.EXTRA_COLUMNS``: name_type, status, merchandise,
    remarks, countries, listed_as). ``other_entries`` holds the individuals and aircraft of the same lists, in the
    same columns. ``orders`` holds CBP orders that name a region or product rather than a company
    (is_entity=false): inputs for rules, not names to match.
    """

    entries: pl.DataFrame
    lists: list[ListInfo]
    orders: pl.DataFrame
    other_entries: pl.DataFrame | None = None  # individuals and aircraft: listed, but not matched by default

    def provenance(self) -> list[dict[str, object]]:
        """One record per list for a report's run manifest: id, title, publisher, version, retrieved, sha256,
        counts, licence and source."""
        return [
            {
                "list_id": info.list_id,
                "title": info.title,
                "publisher": info.publisher,
                "version": info.version,
                "retrieved": info.retrieved,
                "sha256": info.sha256,
                "entities": info.entity_count,
                "names": info.name_count,
                "licence": info.licence,
                "source_url": info.source_url,
            }
            for info in self.lists
        ]

    def versions_key(self) -> str:
        """A key that changes whenever any list's content changes (for caching the match index)."""
        return "-".join(sorted(f"{info.list_id}:{info.sha256[:16]}" for info in self.lists))


def load_lists(
    extra: Sequence[str | Path] = (),
    *,
    include_default: bool = True,
    store_dir: str | Path | None = None,
) -> ListSet:
    """The bundled lists (unless ``include_default`` is false), lists imported to the store, and ``extra`` files."""
    from screener.lists.store import load_lists as _load

    return _load(extra, include_default=include_default, store_dir=store_dir)
