"""What a list entry's status means for a supplier that matches it: in force, or history.

Publishers word statuses their own way (CBP: active, modified, partially modified, revoked, "inactive (modified)",
"inactive-pending litigation"; a party removed from an order; DHS: removed from the UFLPA Entity List; OFAC: an
entity present in an earlier stored version and gone from the current one). Rules read one of a few kinds:

* ``in_force``: listed, active, or partially modified (an order lifted for other parties or goods still names this
  one). A match counts with the list's own weights and may bar (``force_high``).
* ``modified``: CBP lifted the order after the company showed its goods are no longer made with forced labour
  (imports admitted again). History: weighed by ``[list_status.modified]``, never a bar.
* ``revoked``: the order was withdrawn. History, ``[list_status.revoked]``.
* ``inactive``: the order is not being enforced (pending litigation). History, ``[list_status.inactive]``.
* ``removed``: the party was taken off the order, or the entity off the list. History, ``[list_status.removed]``.

A wording this module does not know counts as in force: an unknown status never lifts a bar.
"""

from __future__ import annotations

import polars as pl

from screener.lists.schema import STATUS, STATUS_ON
from screener.schema import ENTITY_ID, LIST_ID

IN_FORCE = "in_force"
HISTORY_KINDS = ("modified", "revoked", "inactive", "removed")
STATUS_KIND = "status_kind"
ENTRY_STATUS = (
    "entry_status"  # the publisher's wording, on matches (a supplier file may have its own "status")
)
ENTRY_STATUS_ON = "entry_status_on"


def status_kind(status: str | None) -> str:
    """The kind of a publisher's status wording (module docstring); unknown wordings are in force."""
    text = " ".join((status or "").casefold().split())
    if text.startswith("revoked"):
        return "revoked"
    if text.startswith(("removed", "delisted")):
        return "removed"
    if text.startswith("inactive"):
        return "modified" if "modified" in text else "inactive"
    if text == "modified":
        return "modified"
    return IN_FORCE


def entry_statuses(entries: pl.DataFrame) -> pl.DataFrame:
    """list_id, entity_id, entry_status, entry_status_on, status_kind: one row per entity of ``entries``."""
    schema = {
        LIST_ID: pl.String,
        ENTITY_ID: pl.String,
        ENTRY_STATUS: pl.String,
        ENTRY_STATUS_ON: pl.String,
        STATUS_KIND: pl.String,
    }
    if entries is None or entries.is_empty() or STATUS not in entries.columns:
        return pl.DataFrame(schema=schema)
    status_on = pl.col(STATUS_ON) if STATUS_ON in entries.columns else pl.lit(None, pl.String)
    table = entries.select(
        pl.col(LIST_ID).cast(pl.String),
        pl.col(ENTITY_ID).cast(pl.String),
        pl.col(STATUS).cast(pl.String).alias(ENTRY_STATUS),
        status_on.cast(pl.String).alias(ENTRY_STATUS_ON),
    ).unique([LIST_ID, ENTITY_ID], keep="first", maintain_order=True)
    kinds = {text: status_kind(text) for text in table.get_column(ENTRY_STATUS).unique().to_list()}
    return table.with_columns(
        pl.col(ENTRY_STATUS)
        .replace_strict(kinds, default=IN_FORCE, return_dtype=pl.String)
        .alias(STATUS_KIND)
    )


def with_entry_status(matches: pl.DataFrame, entries: pl.DataFrame | None) -> pl.DataFrame:
    """``matches`` with their entry's status (entry_status, entry_status_on, status_kind); in force when the entry
    is not among ``entries``."""
    statuses = entry_statuses(entries) if entries is not None else entry_statuses(pl.DataFrame())
    if matches.is_empty() or LIST_ID not in matches.columns or ENTITY_ID not in matches.columns:
        return matches.with_columns(
            pl.lit(None, pl.String).alias(ENTRY_STATUS),
            pl.lit(None, pl.String).alias(ENTRY_STATUS_ON),
            pl.lit(IN_FORCE).alias(STATUS_KIND),
        )
    carried = [c for c in (ENTRY_STATUS, ENTRY_STATUS_ON, STATUS_KIND) if c in matches.columns]
    joined = matches.drop(carried).join(statuses, on=[LIST_ID, ENTITY_ID], how="left", maintain_order="left")
    return joined.with_columns(pl.col(STATUS_KIND).fill_null(IN_FORCE))


def in_force(matches: pl.DataFrame, entries: pl.DataFrame | None) -> pl.DataFrame:
    """The matches whose list entry is in force (what a risk model or a bar may read), in their order."""
    if matches.is_empty() or LIST_ID not in matches.columns:
        return matches
    marked = with_entry_status(matches, entries)
    return marked.filter(pl.col(STATUS_KIND) == IN_FORCE).select(matches.columns)


def history_note(status: str | None, status_on: str | None, kind: str, noun: str = "listing") -> str:
    """The entry's status in words, with its date: "order revoked 2020-03-23", "order modified 2021-09-10 (lifted:
    goods admitted again)", "removed from the order on 1998-10-06", "order inactive-pending litigation (date not
    published)"."""
    text = " ".join((status or "").split())
    if text.casefold().startswith(("removed", "delisted")):
        return text if (not status_on or status_on in text) else f"{text} {status_on}"
    words = f"{noun} {text} {status_on}" if status_on else f"{noun} {text} (date not published)"
    if kind == "modified":
        words += " (lifted: goods admitted again)"
    elif kind == IN_FORCE and text.casefold() == "partially modified":
        words += " (lifted for other parties or goods: still names this one)"
    return words
