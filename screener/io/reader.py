"""read_suppliers: supplier files in, one supplier frame and one rejected frame out.

Per file: check the path and limits, tell the format by content, read every sheet (or the text table) as a text grid,
find the header row and the supplier sheet(s), map columns, mark rows to reject. Then all files are stacked and
row_id is assigned across them, so rows in = suppliers + rejected, always.

Sheet choice: the sheet whose header maps a supplier-name column with the best score wins (visible sheets before
hidden ones). Other sheets are read too when their header maps exactly the same set of fields (regional tabs of
one supplier list); cover, notes and lookup sheets, and supplier-like sheets of a different layout, are skipped and
recorded in ``InputInfo.skipped_sheets`` with the reason.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import polars as pl

from screener.contracts import InputInfo, ReadLimits, SupplierRead
from screener.errors import InputFileError
from screener.io.columns import accepted_name_examples
from screener.io.grid import LINE, Grid
from screener.io.header import SCAN_ROWS, HeaderChoice, check_name_values, detect_header
from screener.io.isolated import read_workbook_isolated
from screener.io.number_formats import sheet_number_formats
from screener.io.sniff import CHUNK, FileKind, check_path, sniff
from screener.io.table import REASON_COLUMN, Table, build_table
from screener.io.text import DELIMITER_NAMES, read_text_table
from screener.io.workbook import read_workbook
from screener.schema import (
    CANONICAL_SUPPLIER_FIELDS,
    REASON,
    REJECTED_COLUMNS,
    ROW_ID,
    SOURCE_FILE,
    SOURCE_ROW,
    SOURCE_SHEET,
    WORKER_VOICE_FIELDS,
)

META_COLUMNS = (ROW_ID, SOURCE_FILE, SOURCE_SHEET, SOURCE_ROW)
NAME_SAMPLE_ROWS = 50
FORMAT_ROWS = 20  # data rows below the header scan whose cells' number formats are read (xlsx)  # data rows looked at to check that the name column holds names


def read_suppliers(paths: Sequence[str | Path], limits: ReadLimits) -> SupplierRead:
    """Read every file in order into one supplier frame (see screener.io.read_suppliers)."""
    if isinstance(paths, str | Path):
        paths = [paths]
    if not paths:
        raise InputFileError("No supplier file was given.", hint="Pass one or more .xlsx or .csv files.")
    tables: list[Table] = []
    inputs: list[InputInfo] = []
    for path in paths:
        file_tables, file_inputs = read_file(path, limits)
        tables.extend(file_tables)
        inputs.extend(file_inputs)
    return _stack(tables, inputs)


def read_file(path_like: str | Path, limits: ReadLimits) -> tuple[list[Table], list[InputInfo]]:
    """One file's supplier tables (one per sheet read) and their InputInfo."""
    shown = str(path_like)
    path = Path(path_like)
    check_path(path, shown, limits)
    kind = sniff(path, shown, limits)
    digest = _sha256(path)
    delimiter = None
    if kind.kind == "csv":
        grid, delimiter = read_text_table(
            path, shown, kind.encoding or "utf-8", limits, replace_invalid=kind.invalid_bytes > 0
        )
        grids = [grid]
    elif kind.kind == "xls":
        grids = read_workbook_isolated(path, shown, kind.kind, limits)
    else:
        grids = read_workbook(path, shown, kind.kind, limits)
    chosen, skipped = choose_sheets(grids, shown)
    formats = sheet_number_formats(path, SCAN_ROWS + FORMAT_ROWS) if kind.kind == "xlsx" else {}
    tables, inputs = [], []
    for grid, header in chosen:
        table = build_table(grid, header, shown, formats.get(grid.sheet or "", {}))
        tables.append(table)
        inputs.append(_input_info(shown, digest, kind, delimiter, grid, header, table, skipped))
    if sum(t.frame.height for t in tables) == 0:
        raise _no_rows(shown, chosen)
    return tables, inputs


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def choose_sheets(grids: list[Grid], shown: str) -> tuple[list[tuple[Grid, HeaderChoice]], dict[str, str]]:
    """The supplier sheet(s) with their headers, and every other sheet with the reason it was skipped."""
    filled = [g for g in grids if not g.is_empty]
    if not filled:
        what = "workbook has no data in any sheet" if grids and grids[0].sheet else "file holds no data"
        raise InputFileError(f"'{shown}': the {what}.", hint="Check that you exported the right file.")
    detected = {id(g): (g, _detect(g)) for g in filled}
    if all(h is None for _, h in detected.values()):
        raise InputFileError(
            f"'{shown}': no header row found in the first {SCAN_ROWS} filled rows.",
            hint="Put the column titles (e.g. 'Supplier Name', 'Country') in a row above the suppliers.",
        )
    named = [(g, h) for g, h in detected.values() if h is not None and h.mapping.has_name]
    if not named:
        raise _no_name_column(shown, list(detected.values()))
    best, chosen = _same_kind_as_best(named)
    skipped = {
        g.sheet: _skip_reason(g, detected.get(id(g), (g, None))[1], best)
        for g in grids
        if g.sheet is not None and all(g is not c for c, _ in chosen)
    }
    return chosen, skipped


def _same_kind_as_best(
    named: list[tuple[Grid, HeaderChoice]],
) -> tuple[Grid, list[tuple[Grid, HeaderChoice]]]:
    """The best supplier sheet (visible before hidden, then by header score) and, in sheet order, every other
    sheet whose header maps exactly the same fields (regional tabs of one list), hidden ones only if it is."""
    best_grid, best_header = max(named, key=lambda gh: (gh[0].visible, gh[1].mapping.score))
    fields = set(best_header.mapping.columns)
    return best_grid, [
        (g, h)
        for g, h in named
        if g is best_grid or (set(h.mapping.columns) == fields and g.visible >= best_grid.visible)
    ]


def _detect(grid: Grid) -> HeaderChoice | None:
    """The header of a grid, searched in the first filled rows; its start is an index into the whole grid."""
    offset = grid.first_filled_row()
    header = detect_header(grid.head_rows(SCAN_ROWS, offset))
    if header is None:
        return None
    header.start += offset
    return check_name_values(header, grid.head_rows(NAME_SAMPLE_ROWS, header.data_start))


def _skip_reason(grid: Grid, header: HeaderChoice | None, best: Grid) -> str:
    if header is None:
        return "empty"
    if not header.mapping.has_name:
        return "no supplier-name column (cover, notes or lookup sheet)"
    if not grid.visible and best.visible:
        return "hidden sheet"
    fields = ", ".join(sorted(header.mapping.columns))
    return f"a different layout from sheet '{best.sheet}' (maps {fields})"


def _no_name_column(shown: str, detected: list[tuple[Grid, HeaderChoice | None]]) -> InputFileError:
    grid, header = max(
        ((g, h) for g, h in detected if h is not None),
        key=lambda gh: (gh[1].mapping.score, sum(1 for x in gh[1].labels if x)),
    )
    where = f"'{shown}'" + (f" sheet '{grid.sheet}'" if grid.sheet else "")
    row = grid.frame.get_column(LINE)[header.start]
    found = ", ".join(f"'{label}'" for label in header.labels if label)
    if len(found) > 400:
        found = found[:400] + "..."
    return InputFileError(
        f"No column in {where} looks like the supplier name (header looked for in the first {SCAN_ROWS} rows; "
        f"best guess row {row}: {found}).",
        hint=f"Rename the column that holds supplier names to one of {accepted_name_examples()}, and run again.",
    )


def _no_rows(shown: str, chosen: list[tuple[Grid, HeaderChoice]]) -> InputFileError:
    grid, header = chosen[0]
    where = f"'{shown}'" + (f" sheet '{grid.sheet}'" if grid.sheet else "")
    row = grid.frame.get_column(LINE)[header.start + header.rows - 1]
    return InputFileError(
        f"{where} has a header (row {row}) but no supplier rows below it.",
        hint="Check that you exported the list with its rows, not only the column titles.",
    )


def _input_info(
    shown: str,
    digest: str,
    kind: FileKind,
    delimiter: str | None,
    grid: Grid,
    header: HeaderChoice,
    table: Table,
    skipped: dict[str, str],
) -> InputInfo:
    rejected = table.frame.get_column(REASON_COLUMN).is_not_null().sum()
    return InputInfo(
        path=shown,
        sha256=digest,
        sheet=grid.sheet,
        header_row=int(grid.frame.get_column(LINE)[header.start]),
        column_map=dict(table.column_map),
        rows_read=table.frame.height,
        rows_rejected=int(rejected),
        file_format=kind.kind,
        encoding=kind.encoding,
        invalid_bytes=kind.invalid_bytes,
        first_invalid_line=kind.first_invalid_line,
        delimiter=DELIMITER_NAMES.get(delimiter) if delimiter else None,
        header_rows=header.rows,
        empty_rows=table.empty_rows,
        skipped_sheets=dict(skipped),
        column_choices=dict(table.choices),
        number_formats=dict(table.number_formats),
    )


def _stack(tables: list[Table], inputs: list[InputInfo]) -> SupplierRead:
    """Stack every table, number rows 1.. across them, split suppliers from rejected rows."""
    combined = pl.concat([t.frame for t in tables], how="diagonal_relaxed")
    combined = combined.with_row_index(ROW_ID, offset=1).with_columns(pl.col(ROW_ID).cast(pl.Int64))
    canonical = [c for c in (*CANONICAL_SUPPLIER_FIELDS, *WORKER_VOICE_FIELDS) if c in combined.columns]
    rest = [c for c in combined.columns if c not in (*META_COLUMNS, *canonical, REASON_COLUMN)]
    rejected_mask = pl.col(REASON_COLUMN).is_not_null()
    suppliers = combined.filter(~rejected_mask).select(*META_COLUMNS, *canonical, *rest)
    rejected = combined.filter(rejected_mask).select(*META_COLUMNS, pl.col(REASON_COLUMN).alias(REASON))
    return SupplierRead(suppliers=suppliers, rejected=rejected.select(REJECTED_COLUMNS), inputs=inputs)
