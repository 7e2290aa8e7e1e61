"""Applying stored decisions to a new screening's matches.

A false positive stays cleared for that supplier and list entity until the list entry changes (its fingerprint:
primary name, programme, listing date, country); a confirmed hit stays confirmed, even when the entry changes. A
clearance (or a "needs information") on an entry that has changed since is not carried over: the hit comes back for
review, with the earlier decision described in the note.
"""

from __future__ import annotations

import polars as pl

from screener.keys import (
    ENTRY_FINGERPRINT,
    SUPPLIER_FINGERPRINT,
    entry_fingerprint,
    supplier_fingerprint,
)
from screener.review.decisions import (
    CONFIRMED,
    DECIDED_ON,
    DECISION,
    FALSE_POSITIVE,
    KEY,
    NEEDS_INFORMATION,
    NOTE,
    REVIEWER,
    latest_decisions,
)
from screener.schema import BAND, COUNTRY_CODE, ENTITY_ID, LIST_ID, ROW_ID

DECISION_DATE = "decision_date"
DECISION_REVIEWER = "decision_reviewer"
DECISION_NOTE = "decision_note"
DECISION_STATUS = "decision_status"
CLEARED = "cleared"
EXPIRED = "expired: list entry changed"
APPLIED_COLUMNS = (DECISION, DECISION_DATE, DECISION_REVIEWER, DECISION_NOTE, DECISION_STATUS)


def _with_null_decisions(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(pl.lit(None, pl.String).alias(c) for c in APPLIED_COLUMNS)


def supplier_keys(suppliers: pl.DataFrame) -> pl.DataFrame:
    """row_id -> supplier fingerprint."""
    keys = suppliers.select(pl.col(ROW_ID).cast(pl.Int64), supplier_fingerprint(suppliers))
    return keys


def apply_decisions(matches: pl.DataFrame, suppliers: pl.DataFrame, decisions: pl.DataFrame) -> pl.DataFrame:
    """``matches`` plus decision, decision_date, decision_reviewer, decision_note and decision_status
    ('cleared' / 'confirmed' / 'needs information' / 'expired: list entry changed' / null), one row per match as
    given (order kept). ``decisions`` is screener.review.load_decisions() (all history; the latest per key holds).
    """
    existing = [c for c in APPLIED_COLUMNS if c in matches.columns]
    matches = matches.drop(existing)
    held = (
        latest_decisions(decisions.filter(pl.col(ENTITY_ID).is_not_null())) if decisions.height else decisions
    )
    if matches.is_empty() or held.is_empty() or ROW_ID not in matches.columns:
        return _with_null_decisions(matches)
    current = matches.select(
        pl.int_range(pl.len()).alias("_order"),
        pl.col(ROW_ID).cast(pl.Int64),
        pl.col(LIST_ID).cast(pl.String),
        pl.col(ENTITY_ID).cast(pl.String),
    ).with_columns(entry_fingerprint(matches, COUNTRY_CODE).alias("_entry_now"))
    current = current.join(supplier_keys(suppliers), on=ROW_ID, how="left")
    stored = held.select(
        *KEY,
        pl.col(DECISION),
        pl.col(DECIDED_ON).alias(DECISION_DATE),
        pl.col(REVIEWER).alias(DECISION_REVIEWER),
        pl.col(NOTE).alias(DECISION_NOTE),
        pl.col(ENTRY_FINGERPRINT).alias("_entry_then"),
    )
    joined = current.join(stored, on=list(KEY), how="left").sort("_order")
    # Only a clearance expires: a confirmed hit stays confirmed whatever the publisher edits in the entry.
    changed = (
        pl.col("_entry_then").is_not_null()
        & (pl.col("_entry_then") != pl.col("_entry_now"))
        & (pl.col(DECISION) != CONFIRMED)
    )
    status = (
        pl.when(pl.col(DECISION).is_null())
        .then(None)
        .when(changed)
        .then(pl.lit(EXPIRED))
        .when(pl.col(DECISION) == FALSE_POSITIVE)
        .then(pl.lit(CLEARED))
        .when(pl.col(DECISION) == CONFIRMED)
        .then(pl.lit(CONFIRMED))
        .when(pl.col(DECISION) == NEEDS_INFORMATION)
        .then(pl.lit(NEEDS_INFORMATION))
        .alias(DECISION_STATUS)
    )
    expired_note = pl.concat_str(
        pl.lit("earlier decision '"),
        pl.col(DECISION),
        pl.lit("' by "),
        pl.col(DECISION_REVIEWER).fill_null("unknown reviewer"),
        pl.lit(" on "),
        pl.col(DECISION_DATE).fill_null("?"),
        pl.lit(" no longer applies: the list entry changed since; review again"),
        pl.when(pl.col(DECISION_NOTE).is_not_null()).then(pl.lit(". Earlier note: ") + pl.col(DECISION_NOTE)),
        ignore_nulls=True,
    )
    applied = joined.with_columns(status).with_columns(
        # An expired decision is not pre-filled: re-importing the new report must not clear the hit unseen.
        *[
            pl.when(pl.col(DECISION_STATUS) == EXPIRED).then(None).otherwise(pl.col(c)).alias(c)
            for c in (DECISION, DECISION_DATE, DECISION_REVIEWER)
        ],
        pl.when(pl.col(DECISION_STATUS) == EXPIRED)
        .then(expired_note)
        .otherwise(pl.col(DECISION_NOTE))
        .alias(DECISION_NOTE),
    )
    return pl.concat([matches, applied.select(APPLIED_COLUMNS)], how="horizontal")


def apply_supplier_decisions(
    ranking: pl.DataFrame, suppliers: pl.DataFrame, decisions: pl.DataFrame
) -> pl.DataFrame:
    """``ranking`` plus decision, decision_date, decision_reviewer, decision_note from decisions recorded on a
    supplier without a list hit (the Suppliers sheet of a supplier that had no best hit). Kept on the ranking, not
    on the suppliers frame, so no input column can be mistaken for a decision."""
    ranking = ranking.drop([c for c in APPLIED_COLUMNS if c in ranking.columns])
    held = latest_decisions(decisions.filter(pl.col(ENTITY_ID).is_null())) if decisions.height else decisions
    columns = (DECISION, DECISION_DATE, DECISION_REVIEWER, DECISION_NOTE)
    if ranking.is_empty() or held.is_empty():
        return ranking.with_columns(pl.lit(None, pl.String).alias(c) for c in columns)
    stored = held.select(
        SUPPLIER_FINGERPRINT,
        DECISION,
        pl.col(DECIDED_ON).alias(DECISION_DATE),
        pl.col(REVIEWER).alias(DECISION_REVIEWER),
        pl.col(NOTE).alias(DECISION_NOTE),
    )
    keyed = supplier_keys(suppliers).join(stored, on=SUPPLIER_FINGERPRINT, how="inner").unique(ROW_ID)
    original = ranking.schema[ROW_ID]
    joined = ranking.with_columns(pl.col(ROW_ID).cast(pl.Int64)).join(
        keyed.select(ROW_ID, *columns), on=ROW_ID, how="left", maintain_order="left"
    )
    return joined.with_columns(pl.col(ROW_ID).cast(original))


def counting_matches(matches: pl.DataFrame) -> pl.DataFrame:
    """The matches that count towards the score: all but those a reviewer cleared as false positives; a possible
    match a reviewer confirmed counts as a match."""
    if DECISION_STATUS not in matches.columns:
        return matches
    return matches.filter(pl.col(DECISION_STATUS).ne_missing(CLEARED)).with_columns(
        pl.when(pl.col(DECISION_STATUS).eq_missing(CONFIRMED))
        .then(pl.lit("match"))
        .otherwise(pl.col(BAND))
        .alias(BAND)
    )
