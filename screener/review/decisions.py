"""Reviewer decisions: their vocabulary, the decisions file in the store, and which decision holds for a key.

The file is ``<store>/decisions.jsonl``, one JSON object per decision, appended, never edited: the history of
every decision stays readable for an auditor. For one key (supplier fingerprint, list id, entity id) the decision
appended last is the one that holds.

An import adds all its decisions or none: the file with the new lines is written beside the old one, flushed to
disk and renamed over it, under a lock, so a full disk or a kill leaves the previous file whole (a plain append had
left 2 of 17 decisions and half a line, and every later run failed). A last line cut off by an older writer is
skipped with a warning when read, and kept in ``decisions.torn.jsonl`` when the file is next written.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import warnings
from pathlib import Path

import polars as pl

from screener.atomic import remove_stale_temp, write_atomically
from screener.errors import ScreenerError, ScreenerWarning
from screener.keys import ENTRY_FINGERPRINT, SUPPLIER_FINGERPRINT
from screener.schema import ENTITY_ID, LIST_ID, LIST_VERSION, MATCHED_NAME, SUPPLIER_ID
from screener.store import locked
from screener.store import store_dir as default_store_dir

DECISIONS_FILE = "decisions.jsonl"

CONFIRMED = "confirmed"
FALSE_POSITIVE = "false positive"
NEEDS_INFORMATION = "needs information"
DECISIONS = (CONFIRMED, FALSE_POSITIVE, NEEDS_INFORMATION)

# What reviewers type when they do not use the dropdown (LibreOffice and pasted values skip validation).
DECISION_SYNONYMS = {
    CONFIRMED: CONFIRMED,
    "confirm": CONFIRMED,
    "true positive": CONFIRMED,
    "true match": CONFIRMED,
    "tp": CONFIRMED,
    FALSE_POSITIVE: FALSE_POSITIVE,
    "false-positive": FALSE_POSITIVE,
    "falsepositive": FALSE_POSITIVE,
    "fp": FALSE_POSITIVE,
    "not a match": FALSE_POSITIVE,
    "no match": FALSE_POSITIVE,
    "cleared": FALSE_POSITIVE,
    NEEDS_INFORMATION: NEEDS_INFORMATION,
    "needs info": NEEDS_INFORMATION,
    "need information": NEEDS_INFORMATION,
    "need info": NEEDS_INFORMATION,
    "more information needed": NEEDS_INFORMATION,
    "pending": NEEDS_INFORMATION,
}

SUPPLIER_NAME = "supplier_name"
REVIEWER = "reviewer"
DECIDED_ON = "decided_on"
NOTE = "note"
SOURCE = "source"
IMPORTED_AT = "imported_at"
DECISION = "decision"
KEY = (SUPPLIER_FINGERPRINT, LIST_ID, ENTITY_ID)
DECISION_SCHEMA = {
    SUPPLIER_FINGERPRINT: pl.String,
    SUPPLIER_ID: pl.String,
    SUPPLIER_NAME: pl.String,
    LIST_ID: pl.String,
    ENTITY_ID: pl.String,
    ENTRY_FINGERPRINT: pl.String,
    LIST_VERSION: pl.String,
    MATCHED_NAME: pl.String,
    DECISION: pl.String,
    REVIEWER: pl.String,
    DECIDED_ON: pl.String,
    NOTE: pl.String,
    SOURCE: pl.String,
    IMPORTED_AT: pl.String,
}


def canonical_decision(text) -> str | None:
    """The decision a reviewer meant ('FP', 'False Positive ' -> 'false positive'); None when blank or unknown."""
    if text is None:
        return None
    key = " ".join(str(text).replace("_", " ").split()).casefold()
    return DECISION_SYNONYMS.get(key)


def decisions_path(store_dir: str | Path | None = None) -> Path:
    """Where the decisions file lives in the store."""
    return default_store_dir(store_dir) / DECISIONS_FILE


def empty_decisions() -> pl.DataFrame:
    return pl.DataFrame(schema=DECISION_SCHEMA)


def load_decisions(store_dir: str | Path | None = None) -> pl.DataFrame:
    """Every decision ever imported, oldest first (DECISION_SCHEMA); empty when none were imported yet."""
    path = decisions_path(store_dir)
    if not path.exists():
        return empty_decisions()
    complete, torn = split_torn_line(path.read_bytes())
    if torn:
        warnings.warn(_torn_message(path, torn), ScreenerWarning, stacklevel=2)
    records = []
    for number, line in enumerate(complete.decode("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise ScreenerError(
                f"{path}: line {number} is not valid JSON ({error.msg}).",
                hint="Fix or remove that line; every other decision is kept.",
            ) from error
        records.append({name: _text(record.get(name)) for name in DECISION_SCHEMA})
    return pl.DataFrame(records, schema=DECISION_SCHEMA, orient="row") if records else empty_decisions()


def _text(value) -> str | None:
    return None if value is None or value == "" else str(value)


def latest_decisions(decisions: pl.DataFrame) -> pl.DataFrame:
    """The decision that holds for each key: the one appended last."""
    if decisions.is_empty():
        return decisions
    return (
        decisions.with_row_index("_order")
        .group_by(list(KEY))
        .agg(pl.all().sort_by("_order").last())
        .drop("_order")
    )


def new_decisions(imported: pl.DataFrame, stored: pl.DataFrame) -> pl.DataFrame:
    """The imported decisions that change something: a key without a decision yet, or a different decision,
    reviewer or note. Re-importing the same workbook (or a report pre-filled with earlier decisions) adds nothing."""
    if imported.is_empty() or stored.is_empty():
        return imported
    compared = (DECISION, REVIEWER, NOTE, ENTRY_FINGERPRINT)
    latest = latest_decisions(stored).select(
        *KEY, *[pl.col(c).alias(f"{c}_stored") for c in (*compared, DECIDED_ON)]
    )
    joined = imported.join(latest, on=list(KEY), how="left", nulls_equal=True)
    changed = pl.any_horizontal(pl.col(c).ne_missing(pl.col(f"{c}_stored")) for c in compared)
    # A changed decision left with the date of the earlier one (pre-filled in the report) is dated today.
    same_date = pl.col(DECIDED_ON).eq_missing(pl.col(f"{DECIDED_ON}_stored"))
    redated = (
        pl.when(same_date & pl.col(DECISION).ne_missing(pl.col(f"{DECISION}_stored")))
        .then(pl.lit(dt.date.today().isoformat()))
        .otherwise(pl.col(DECIDED_ON))
        .alias(DECIDED_ON)
    )
    return joined.filter(changed).with_columns(redated).select(imported.columns)


def split_torn_line(data: bytes) -> tuple[bytes, bytes]:
    """The file's complete lines, and a torn last line: text after the last line break that is not a JSON
    record (a write cut off). A last record that parses but lacks its line break is complete."""
    cut = data.rfind(b"\n") + 1
    tail = data[cut:]
    if not tail.strip():
        return data, b""
    try:
        json.loads(tail)
    except ValueError:
        return data[:cut], tail
    return data + b"\n", b""


def _torn_message(path: Path, torn: bytes) -> str:
    return (
        f"{path}: the last line is cut off ({len(torn):,} bytes, an interrupted write) and was skipped; the "
        f"decisions before it hold. It is kept in {path.with_name(TORN_FILE)} when decisions are next imported."
    )


TORN_FILE = "decisions.torn.jsonl"


def append_decisions(decisions: pl.DataFrame, store_dir: str | Path | None = None) -> Path:
    """Add ``decisions`` (DECISION_SCHEMA) to the end of the decisions file, all or none (see the module
    docstring), creating the store folder if needed."""
    path = decisions_path(store_dir)
    lines = [
        json.dumps(record, ensure_ascii=False) + "\n"
        for record in decisions.select(list(DECISION_SCHEMA)).to_dicts()
    ]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with locked(path.with_name(DECISIONS_FILE + ".lock")):
            remove_stale_temp(
                path
            )  # what an import killed half way (kill -9, power cut) left beside the file
            complete, torn = split_torn_line(path.read_bytes()) if path.exists() else (b"", b"")
            if torn:
                warnings.warn(_torn_message(path, torn), ScreenerWarning, stacklevel=2)
                _append_synced(path.with_name(TORN_FILE), torn + b"\n")
            write_atomically(path, complete + "".join(lines).encode("utf-8"), durable=True)
    except OSError as error:
        raise ScreenerError(
            f"{path}: cannot save the decisions ({error.strerror}); nothing was imported, the file is as it was.",
            hint="Free disk space or choose a writable store with --store or SCREENER_STORE, then import again.",
        ) from error
    return path


def _append_synced(path: Path, data: bytes) -> None:
    """``data`` added to the end of ``path`` and flushed to disk (the torn lines kept aside: a log, not a file
    rewritten whole)."""
    with path.open("ab") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
