"""Reading decisions back from a reviewed report workbook (the Suppliers and Matches sheets).

The workbook may have been re-saved by Excel or LibreOffice: columns are found by their header labels (the
"(key)" columns of screener.report.excel), never by position, and only cell values are read (screener.review.sheets:
calamine, cached values, no formulas evaluated or kept).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from openpyxl.utils import get_column_letter

from screener.errors import InputFileError
from screener.keys import ENTRY_FINGERPRINT, SUPPLIER_FINGERPRINT
from screener.report.labels import DECISION_LABELS, KEY_LABELS, LABELS
from screener.review.decisions import (
    DECIDED_ON,
    DECISION,
    DECISION_SCHEMA,
    IMPORTED_AT,
    KEY,
    NOTE,
    REVIEWER,
    SOURCE,
    SUPPLIER_NAME,
    append_decisions,
    canonical_decision,
    latest_decisions,
    load_decisions,
    new_decisions,
)
from screener.review.sheets import read_labelled_columns, sheet_names
from screener.schema import ENTITY_ID, LIST_ID, LIST_VERSION, MATCHED_NAME, NAME, SUPPLIER_ID

EXCEL_EPOCH = dt.date(1899, 12, 30)

# record field -> the header label it is read from, per sheet
MATCHES_FIELDS = {
    SUPPLIER_FINGERPRINT: KEY_LABELS[SUPPLIER_FINGERPRINT],
    LIST_ID: LABELS[LIST_ID],
    ENTITY_ID: KEY_LABELS[ENTITY_ID],
    ENTRY_FINGERPRINT: KEY_LABELS[ENTRY_FINGERPRINT],
    LIST_VERSION: KEY_LABELS[LIST_VERSION],
    MATCHED_NAME: LABELS[MATCHED_NAME],
    SUPPLIER_NAME: LABELS["supplier_name"],
}
SUPPLIERS_FIELDS = {
    SUPPLIER_FINGERPRINT: KEY_LABELS[SUPPLIER_FINGERPRINT],
    LIST_ID: LABELS["best_list_id"],
    ENTITY_ID: KEY_LABELS["best_entity_id"],
    ENTRY_FINGERPRINT: KEY_LABELS["best_entry_fingerprint"],
    LIST_VERSION: KEY_LABELS["best_list_version"],
    MATCHED_NAME: LABELS["best_matched_name"],
    SUPPLIER_NAME: LABELS[NAME],
    SUPPLIER_ID: LABELS[SUPPLIER_ID],
}
REVIEW_FIELDS = {
    DECISION: DECISION_LABELS["decision"],
    NOTE: DECISION_LABELS["decision_note"],
    REVIEWER: DECISION_LABELS["decision_reviewer"],
    DECIDED_ON: DECISION_LABELS["decision_date"],
}


@dataclass
class ImportResult:
    """What ``review import`` did: decisions added, those already stored, notes left without a decision."""

    path: Path
    decisions_file: Path | None
    read: int = 0
    added: int = 0
    unchanged: int = 0
    notes_without_decision: list[str] = field(default_factory=list)


def _decision_date(value, today: dt.date) -> str:
    """ISO date from a date cell (read as text), an ISO text, or an Excel serial number; today when blank or
    unreadable."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = "" if value is None else str(value).strip()
    try:
        serial = float(text)
    except ValueError:
        serial = None
    if serial is not None and 20_000 < serial < 80_000:
        return (EXCEL_EPOCH + dt.timedelta(days=int(serial))).isoformat()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return today.isoformat()


def _cell_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def read_sheet_decisions(
    path: Path,
    sheet: str,
    fields: dict[str, str],
    reviewer: str | None,
    problems: list[str],
    notes: list[str],
) -> list[dict]:
    """Decision records from one sheet; unknown decisions go to ``problems``, notes without a decision to
    ``notes`` (cell references)."""
    labels = [*fields.values(), *REVIEW_FIELDS.values()]
    found = read_labelled_columns(path, sheet, fields[SUPPLIER_FINGERPRINT], labels)
    if found is None:
        _check_no_unkeyed_decisions(path, sheet, fields[SUPPLIER_FINGERPRINT], problems)
        return []
    missing = [label for label in REVIEW_FIELDS.values() if label not in found.positions]
    if missing:
        problems.append(f"sheet {sheet}: no column {', '.join(repr(m) for m in missing)}")
        return []
    decision_label, note_label = REVIEW_FIELDS[DECISION], REVIEW_FIELDS[NOTE]
    filled = (
        found.frame.with_row_index("_row", offset=found.first_row)
        .with_columns(pl.col(decision_label, note_label).str.strip_chars().replace("", None))
        .filter(pl.col(decision_label).is_not_null() | pl.col(note_label).is_not_null())
    )
    decision_column = get_column_letter(found.positions[decision_label] + 1)
    note_column = get_column_letter(found.positions[note_label] + 1)
    today = dt.date.today()
    records = []
    for row in filled.iter_rows(named=True):
        raw_decision, note = row[decision_label], row[note_label]
        if raw_decision is None:
            notes.append(f"{sheet}!{note_column}{row['_row']}")
            continue
        cell = f"{sheet}!{decision_column}{row['_row']}"
        decision = canonical_decision(raw_decision)
        if decision is None:
            problems.append(f"{cell}: {raw_decision!r} is not a decision")
            continue
        record = {name: _cell_text(row.get(label)) for name, label in fields.items()}
        if record[SUPPLIER_FINGERPRINT] is None:
            problems.append(f"{cell}: the row has no supplier fingerprint (key)")
            continue
        record.update(
            {
                DECISION: decision,
                NOTE: note,
                REVIEWER: _cell_text(row.get(REVIEW_FIELDS[REVIEWER])) or reviewer,
                DECIDED_ON: _decision_date(row.get(REVIEW_FIELDS[DECIDED_ON]), today),
                SOURCE: f"{path.name} {cell}",
            }
        )
        records.append(record)
    return records


def _check_no_unkeyed_decisions(path: Path, sheet: str, key_label: str, problems: list[str]) -> None:
    """A sheet without its key column is fine while it holds no decision; decisions that cannot be keyed (the
    column deleted, or cut off past Excel's last column) are a problem, never 0 decisions read and exit 0."""
    decision_label = REVIEW_FIELDS[DECISION]
    found = read_labelled_columns(path, sheet, decision_label, [decision_label])
    if found is None or decision_label not in found.positions:
        return
    decided = found.frame.get_column(decision_label).str.strip_chars().replace("", None).drop_nulls()
    if decided.len():
        problems.append(
            f"sheet {sheet}: {decided.len()} decision(s) but no {key_label!r} column to tie them to a supplier "
            "(was it deleted?)"
        )


def read_workbook_decisions(path: str | Path, reviewer: str | None = None) -> tuple[pl.DataFrame, list[str]]:
    """Every decision in a reviewed report (Suppliers sheet first, then Matches, which is more specific), and the
    cells holding a note but no decision. Raises InputFileError naming every unreadable decision cell."""
    path = Path(path)
    names = sheet_names(path)
    if not any(title in names for title in ("Suppliers", "Matches")):
        raise InputFileError(
            f"{path}: no Suppliers or Matches sheet.", hint="Import a report written by `screener screen`."
        )
    problems: list[str] = []
    notes: list[str] = []
    records: list[dict] = []
    for title, fields in (("Suppliers", SUPPLIERS_FIELDS), ("Matches", MATCHES_FIELDS)):
        if title in names:
            records += read_sheet_decisions(path, title, fields, reviewer, problems, notes)
    if problems:
        shown = "; ".join(problems[:10]) + (f"; and {len(problems) - 10} more" if len(problems) > 10 else "")
        raise InputFileError(
            f"{path}: {len(problems)} decision cell(s) cannot be read: {shown}.",
            hint="Use one of: confirmed, false positive, needs information (the dropdown), and keep the '(key)' "
            "columns as the report wrote them; nothing was imported.",
        )
    imported_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    frame = pl.DataFrame(
        [
            {name: record.get(name) for name in DECISION_SCHEMA} | {IMPORTED_AT: imported_at}
            for record in records
        ],
        schema=DECISION_SCHEMA,
        orient="row",
    )
    return frame, notes


def resolve_within_import(imported: pl.DataFrame, stored: pl.DataFrame, path: Path) -> pl.DataFrame:
    """One decision per key from one workbook. When two rows (Suppliers and Matches sheet, or duplicate supplier
    rows) disagree, the one that changes the stored decision wins; two different changes are an error."""
    if imported.is_empty():
        return imported
    held = (
        latest_decisions(stored).select(*KEY, pl.col(DECISION).alias("_held"))
        if not stored.is_empty()
        else None
    )
    frame = imported.with_row_index("_order")
    frame = (
        frame.join(held, on=list(KEY), how="left", nulls_equal=True)
        if held is not None
        else frame.with_columns(pl.lit(None, pl.String).alias("_held"))
    )
    frame = frame.with_columns(pl.col(DECISION).ne_missing(pl.col("_held")).alias("_changes"))
    conflicts = (
        frame.filter(pl.col("_changes"))
        .group_by(list(KEY))
        .agg(pl.col(DECISION).n_unique().alias("n"), pl.col(SOURCE))
        .filter(pl.col("n") > 1)
    )
    if conflicts.height:
        where = "; ".join(" vs ".join(sources) for sources in conflicts.get_column(SOURCE).to_list()[:5])
        raise InputFileError(
            f"{path}: different decisions for the same supplier and list entry: {where}.",
            hint="Make those cells agree (the Matches sheet is per list entry); nothing was imported.",
        )
    # Prefer rows that change the held decision, then the later row (Matches after Suppliers).
    chosen = (
        frame.sort(["_changes", "_order"])
        .group_by(list(KEY), maintain_order=True)
        .agg(pl.all().last())
        .sort("_order")
    )
    return chosen.select(imported.columns)


def import_reviewed_workbook(
    path: str | Path, *, store_dir: str | Path | None = None, reviewer: str | None = None
) -> ImportResult:
    """Read the decisions in a reviewed report and append those that change something to the store's
    decisions file; importing the same workbook twice adds nothing the second time."""
    path = Path(path)
    imported, notes = read_workbook_decisions(path, reviewer)
    stored = load_decisions(store_dir)
    resolved = resolve_within_import(imported, stored, path)
    added = new_decisions(resolved, stored)
    written = append_decisions(added, store_dir) if added.height else None
    return ImportResult(
        path=path,
        decisions_file=written,
        read=resolved.height,
        added=added.height,
        unchanged=resolved.height - added.height,
        notes_without_decision=notes,
    )
