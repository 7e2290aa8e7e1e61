"""The typed records that pass between the stages: what a stage hands on, what the report and the review read.

They live at the base of the package (beside ``schema``, the column names) so that every stage can type its
arguments with them without importing a stage above it (tests/test_layering.py). Each stage's face re-exports the
records it makes: ``screener.io.InputInfo``, ``screener.lists.ListSet``, ``screener.match.MatchSettings``,
``screener.pipeline.Screening``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from screener.schema import (
    CHECK,
    COLUMN,
    DATA_QUALITY_COLUMNS,
    DETAIL,
    RANK,
    ROW_ID,
    SOURCE_FILE,
    SOURCE_ROW,
    SOURCE_SHEET,
    VALUE,
)

# --- reading supplier files (screener.io) -------------------------------------------------------------------


@dataclass(frozen=True)
class ReadLimits:
    """Guards checked before a file is loaded, so a hostile or huge file cannot exhaust the machine."""

    max_rows: int = 2_000_000
    max_columns: int = 16_384  # Excel's width: a wider file is refused before it is loaded
    max_file_bytes: int = 1_000_000_000
    max_uncompressed_bytes: int = (
        2_000_000_000  # xlsx is a zip: checked from the zip directory before reading
    )
    max_compression_ratio: float = (
        100.0  # a zip member expanding more than this is a bomb (Apache POI's default)
    )
    min_ratio_checked_bytes: int = 1_000_000  # small members may compress any amount


@dataclass
class InputInfo:
    """What was read from one input file: for the report's Method sheet and the run manifest."""

    path: str
    sha256: str
    sheet: str | None
    header_row: int | None  # the Excel row number of the header
    column_map: dict[str, str] = field(default_factory=dict)  # canonical field -> input header
    rows_read: int = 0  # data rows that were not blank: rows_read = suppliers + rows_rejected
    rows_rejected: int = 0
    file_format: str = ""  # xlsx / xls / ods / csv, told by content, not extension
    encoding: str | None = None  # csv only
    delimiter: str | None = None  # csv only
    # csv only: bytes not valid in its encoding, each read as U+FFFD (said once as a warning), and the first's line
    invalid_bytes: int = 0
    first_invalid_line: int | None = None
    header_rows: int = 1  # 2 for a merged two-row header starting at header_row
    empty_rows: int = 0  # entirely blank rows below the header: skipped, neither suppliers nor rejected
    blank_rows: list[int] = field(
        default_factory=list
    )  # those rows, as Excel numbers them (csv: record numbers)
    skipped_sheets: dict[str, str] = field(
        default_factory=dict
    )  # other sheets of the workbook -> why not read
    column_choices: dict[str, str] = field(
        default_factory=dict
    )  # canonical field -> why this column was taken
    number_formats: dict[str, str] = field(default_factory=dict)  # input column -> number format (xlsx cells)
    # a header written over several columns -> which of them was read, and the names all are kept under
    repeated_headers: dict[str, str] = field(default_factory=dict)
    # xlsx: rows read (screened or rejected) that the sheet hides, as Excel numbers them, and whether a filter is set
    hidden_rows: list[int] = field(default_factory=list)
    hidden_by_filter: bool = False


@dataclass
class SupplierRead:
    """Suppliers (schema.ROW_ID, SOURCE_*, canonical fields, then every input column) and rejected rows."""

    suppliers: pl.DataFrame
    rejected: pl.DataFrame
    inputs: list[InputInfo]


# --- risk lists (screener.lists) ----------------------------------------------------------------------------


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
        counts, licence, source, and whether the version is pinned (`screener lists use`)."""
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
                "pinned": bool(info.extra.get("pinned")),
            }
            for info in self.lists
        ]

    def versions_key(self) -> str:
        """A key that changes whenever any list's content changes (for caching the match index)."""
        return "-".join(sorted(f"{info.list_id}:{info.sha256[:16]}" for info in self.lists))


# --- matching (screener.match) ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatchSettings:
    """Band thresholds on the calibrated match probability (set in the rules file, [matching])."""

    match_threshold: float = 0.47
    review_threshold: float = 0.45
    max_candidates: int = 10
    # A one-word list name of at most this many letters beside other words than places is held at review
    # (screener.match.engine.hold_short_names_at_review); 0 turns the rule off.
    short_name_letters: int = 4


# --- data quality (screener.quality) ------------------------------------------------------------------------


DATA_QUALITY_SCHEMA = {
    CHECK: pl.String,
    SOURCE_FILE: pl.String,
    SOURCE_SHEET: pl.String,
    SOURCE_ROW: pl.Int64,
    COLUMN: pl.String,
    VALUE: pl.String,
    DETAIL: pl.String,
    ROW_ID: pl.Int64,
}
assert tuple(DATA_QUALITY_SCHEMA) == DATA_QUALITY_COLUMNS


def empty_issues() -> pl.DataFrame:
    """A data-quality table without rows."""
    return pl.DataFrame(schema=DATA_QUALITY_SCHEMA)


# --- one run (screener.pipeline) ----------------------------------------------------------------------------


@dataclass
class Screening:
    """Everything one run produced, in the data contracts of screener.schema, plus how it was produced."""

    suppliers: pl.DataFrame
    rejected: pl.DataFrame
    matches: pl.DataFrame
    hits: pl.DataFrame
    ranking: pl.DataFrame
    lists: ListSet
    rules: Any  # screener.indicators.RuleSet
    inputs: list[InputInfo]
    manifest: dict = field(default_factory=dict)
    data_quality: pl.DataFrame = field(
        default_factory=empty_issues
    )  # screener.quality: duplicates, unread values
    removed: pl.DataFrame | None = None  # with --since: the earlier report's suppliers not in this screening

    def ranked_suppliers(self) -> pl.DataFrame:
        """Suppliers with their ranking columns, best-ranked (riskiest) first."""
        return self.ranking.join(self.suppliers, on=ROW_ID, how="left").sort(RANK)

    @property
    def rows_in(self) -> int:
        return self.suppliers.height + self.rejected.height


# Reasons screener.io gives for a sheet it did not read that nonetheless has a supplier-name column: its rows are
# suppliers nobody screened, so the officer is told on the console, not only on the Method sheet.
SUPPLIER_LIKE_SKIPS = ("a different layout", "hidden sheet")


def not_screened_messages(inputs, rejected) -> list[str]:
    """One sentence per thing an officer would take for screened that was not: a supplier-like sheet skipped, and
    per file and sheet the rows whose name is a formula with no saved value. Said on the console and at the top of
    the Summary sheet."""
    messages = [
        f"NOT SCREENED: sheet {sheet!r} of {Path(path).name!r}: {why}; {not_screened_hint(why)}"
        for path, sheet, why, supplier_like in sheets_not_screened(inputs)
        if supplier_like
    ]
    needed = {"reason", "source_file", "source_sheet", "source_row"}
    if rejected is None or rejected.is_empty() or not needed <= set(rejected.columns):
        return messages
    found = rejected.filter(pl.col("reason").str.contains("with no saved value", literal=True))
    for (path, sheet), rows in found.group_by("source_file", "source_sheet", maintain_order=True):
        numbers = rows.get_column("source_row").to_list()
        shown = ", ".join(str(n) for n in numbers[:10]) + (", ..." if len(numbers) > 10 else "")
        plural = "s" if len(numbers) != 1 else ""
        messages.append(
            f"NOT SCREENED: {len(numbers)} row{plural} of {Path(path).name!r} sheet {sheet!r} (row{plural} {shown}): "
            "the name cell holds a formula with no saved value (written by a program, never saved by Excel); open "
            "the file in Excel, save it and run again"
        )
    return messages


def blank_rows_message(inputs) -> str | None:
    """The blank rows between the header and the last filled row, said once (console and Summary sheet): nothing on them was screened, and
    the officer can check that none should have held a supplier. Rows are listed as Excel numbers them, runs as
    ranges ("rows 10, 17, 40-99")."""
    parts, total = [], 0
    for info in inputs or []:
        rows = list(getattr(info, "blank_rows", None) or [])
        if not rows:
            continue
        total += len(rows)
        where = repr(Path(str(info.path)).name) + (f" sheet {info.sheet!r}" if info.sheet else "")
        parts.append(f"{where} {'row' if len(rows) == 1 else 'rows'} {row_ranges(rows)}")
    if not total:
        return None
    plural = "s" if total != 1 else ""
    them = "them" if plural else "it"
    return f"Blank row{plural} skipped (nothing in {them} to screen): {total}, " + "; ".join(parts)


def row_ranges(rows: list[int], most: int = 10) -> str:
    """Row numbers as runs: [10, 17, 40, 41, 42] -> '10, 17, 40-42'; after ``most`` runs, how many more rows."""
    runs: list[list[int]] = []
    for row in sorted(rows):
        if runs and row == runs[-1][1] + 1:
            runs[-1][1] = row
        else:
            runs.append([row, row])
    shown = [str(a) if a == b else f"{a}-{b}" for a, b in runs[:most]]
    rest = sum(b - a + 1 for a, b in runs[most:])
    return ", ".join(shown) + (f" and {rest} more" if rest else "")


def not_screened_hint(why: str) -> str:
    """What the officer does to have a supplier-like sheet that was not screened screened."""
    if why.startswith("hidden sheet"):
        return "if its suppliers are current, unhide it (right-click a sheet tab, Unhide) and run again"
    return "if it lists suppliers, rename its name column to 'Supplier Name' and run again"


def sheets_not_screened(inputs) -> list[tuple[str, str, str, bool]]:
    """(file, sheet, why, supplier_like) for each sheet of the input workbooks that was not screened, once each
    (every chosen sheet of a workbook carries the same record)."""
    seen: dict[tuple[str, str], tuple[str, str, str, bool]] = {}
    for info in inputs or []:
        for sheet, why in (getattr(info, "skipped_sheets", None) or {}).items():
            key = (str(info.path), sheet)
            seen.setdefault(key, (str(info.path), sheet, why, why.startswith(SUPPLIER_LIKE_SKIPS)))
    return list(seen.values())
