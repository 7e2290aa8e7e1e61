"""Reading decisions back from a reviewed report workbook (the Suppliers and Matches sheets).

The workbook may have been re-saved by Excel or LibreOffice: columns are found by their header labels (the
"(key)" columns of screener.report.excel), never by position, and only cell values are read (openpyxl read-only,
cached values, no formulas evaluated or kept).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import polars as pl
from openpyxl.utils import get_column_letter

from screener.errors import InputFileError
from screener.report.excel import DECISION_LABELS, KEY_LABELS, LABELS
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
from screener.review.keys import ENTRY_FINGERPRINT, SUPPLIER_FINGERPRINT
from screener.schema import ENTITY_ID, LIST_ID, LIST_VERSION, MATCHED_NAME, NAME, SUPPLIER_ID

HEADER_SEARCH_ROWS = 10
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


def _open(path: Path):
    if not path.is_file():
        raise InputFileError(
            f"{path}: file not found.", hint="Give the path of the reviewed report workbook (.xlsx)."
        )
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise InputFileError(
            f"{path}: cannot be read as an xlsx workbook ({type(error).__name__}).",
            hint="Save the reviewed report as .xlsx (Excel Workbook) and import that file.",
        ) from error


def _header(rows: list[tuple], wanted: str) -> tuple[int, dict[str, int]] | None:
    """The header row index and label -> first column index, found by the fingerprint key label."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        labels = [str(v).strip() if v is not None else None for v in row]
        if wanted in labels:
            positions: dict[str, int] = {}
            for col, label in enumerate(labels):
                if label is not None and label not in positions:
                    positions[label] = col
            return index, positions
    return None


def _decision_date(value, today: dt.date) -> str:
    """ISO date from a date cell, an ISO text, or an Excel serial number; today when blank or unreadable."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float) and 20_000 < value < 80_000:
        return (EXCEL_EPOCH + dt.timedelta(days=int(value))).isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10]).isoformat()
        except ValueError:
            pass
    return today.isoformat()


def _cell_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def read_sheet_decisions(
    path: Path, sheet, fields: dict[str, str], reviewer: str | None, problems: list[str], notes: list[str]
) -> list[dict]:
    """Decision records from one sheet; unknown decisions go to ``problems``, notes without a decision to
    ``notes`` (cell references)."""
    sheet.reset_dimensions()  # files re-saved by other programs may declare wrong dimensions
    rows = list(sheet.iter_rows(values_only=True))
    found = _header(rows, fields[SUPPLIER_FINGERPRINT])
    if found is None:
        return []
    header_index, positions = found
    missing = [label for label in REVIEW_FIELDS.values() if label not in positions]
    if missing:
        problems.append(f"sheet {sheet.title}: no column {', '.join(repr(m) for m in missing)}")
        return []
    today = dt.date.today()
    records = []
    for offset, row in enumerate(rows[header_index + 1 :], start=header_index + 2):

        def value(label: str, row=row):
            col = positions.get(label)
            return row[col] if col is not None and col < len(row) else None

        raw_decision = _cell_text(value(REVIEW_FIELDS[DECISION]))
        note = _cell_text(value(REVIEW_FIELDS[NOTE]))
        if raw_decision is None:
            if note is not None:
                notes.append(f"{sheet.title}!{get_column_letter(positions[REVIEW_FIELDS[NOTE]] + 1)}{offset}")
            continue
        decision = canonical_decision(raw_decision)
        cell = f"{sheet.title}!{get_column_letter(positions[REVIEW_FIELDS[DECISION]] + 1)}{offset}"
        if decision is None:
            problems.append(f"{cell}: {raw_decision!r} is not a decision")
            continue
        record = {name: _cell_text(value(label)) for name, label in fields.items()}
        if record[SUPPLIER_FINGERPRINT] is None:
            problems.append(f"{cell}: the row has no supplier fingerprint (key)")
            continue
        record.update(
            {
                DECISION: decision,
                NOTE: note,
                REVIEWER: _cell_text(value(REVIEW_FIELDS[REVIEWER])) or reviewer,
                DECIDED_ON: _decision_date(value(REVIEW_FIELDS[DECIDED_ON]), today),
                SOURCE: f"{path.name} {cell}",
            }
        )
        records.append(record)
    return records


def read_workbook_decisions(path: str | Path, reviewer: str | None = None) -> tuple[pl.DataFrame, list[str]]:
    """Every decision in a reviewed report (Suppliers sheet first, then Matches, which is more specific), and the
    cells holding a note but no decision. Raises InputFileError naming every unreadable decision cell."""
    path = Path(path)
    book = _open(path)
    problems: list[str] = []
    notes: list[str] = []
    records: list[dict] = []
    try:
        for title, fields in (("Suppliers", SUPPLIERS_FIELDS), ("Matches", MATCHES_FIELDS)):
            if title in book.sheetnames:
                records += read_sheet_decisions(path, book[title], fields, reviewer, problems, notes)
    finally:
        book.close()
    if not any(title in book.sheetnames for title in ("Suppliers", "Matches")):
        raise InputFileError(
            f"{path}: no Suppliers or Matches sheet.", hint="Import a report written by `screener screen`."
        )
    if problems:
        shown = "; ".join(problems[:10]) + (f"; and {len(problems) - 10} more" if len(problems) > 10 else "")
        raise InputFileError(
            f"{path}: {len(problems)} decision cell(s) cannot be read: {shown}.",
            hint="Use one of: confirmed, false positive, needs information (the dropdown); nothing was imported.",
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
