"""read_suppliers: supplier files in, one supplier frame and one rejected frame out.

Per file: check the path and limits, tell the format by content, read every sheet (or the text table) as a text grid,
find the header row and the supplier sheet(s), map columns, mark rows to reject. Then all files are stacked and
row_id is assigned across them, so rows in = suppliers + rejected, always.

Sheet choice: the sheet whose header maps a supplier-name column with the best score wins (visible sheets before
hidden ones). Every other sheet that is a supplier list is read too, each by its own header: one that maps the
same fields (regional tabs of one list), or of another layout when its name column says whose name it is
('Supplier', 'Vendor name', 'Raison sociale') or it maps a supplier field beyond name and place (an ID, spend,
goods, audit). Cover, notes and lookup sheets, a bare 'Name' beside a country (a contact list as likely as a
supplier list) and hidden sheets beside visible ones are skipped and recorded in ``InputInfo.skipped_sheets``
with the reason.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import polars as pl

from screener.contracts import InputInfo, ReadLimits, SupplierRead
from screener.errors import InputFileError
from screener.io.columns import GENERIC_WEIGHT, accepted_name_examples, says_supplier
from screener.io.formulas import HiddenRows, SheetXml, hidden_rows, scan_sheet
from screener.io.grid import LINE, Grid, positional
from screener.io.header import SCAN_ROWS, HeaderChoice, check_name_values, detect_header
from screener.io.isolated import read_workbook_isolated
from screener.io.markup import read_html_table, read_xml_spreadsheet
from screener.io.number_formats import grid_offset, sheet_number_formats
from screener.io.sniff import CHUNK, FileKind, check_path, sniff
from screener.io.table import REASON_COLUMN, Table, build_table
from screener.io.text import DELIMITER_NAMES, read_text_table
from screener.io.workbook import read_workbook
from screener.schema import (
    ADDRESS,
    CANONICAL_SUPPLIER_FIELDS,
    CITY,
    COUNTRY,
    NAME,
    REASON,
    REGION,
    REJECTED_COLUMNS,
    ROW_ID,
    SOURCE_FILE,
    SOURCE_ROW,
    SOURCE_SHEET,
    WORKER_VOICE_FIELDS,
)

META_COLUMNS = (ROW_ID, SOURCE_FILE, SOURCE_SHEET, SOURCE_ROW)
# Fields a list of people (contacts, buyers, auditors) has as well as a list of suppliers: a sheet of another
# layout that maps only these beside a bare 'Name' is not taken for a supplier list.
PERSON_FIELDS = frozenset({NAME, COUNTRY, ADDRESS, CITY, REGION})
# The key column of a screener report's Suppliers sheet (report.labels): in a report read back (`screener train` on
# a reviewed report) that sheet holds the suppliers, and every other sheet is about them.
REPORT_KEY = "supplier fingerprint (key)"
NAME_SAMPLE_ROWS = 50
FORMAT_ROWS = 20  # data rows below the header scan whose cells' number formats are read (xlsx)  # data rows looked at to check that the name column holds names


def read_suppliers(paths, limits: ReadLimits | None = None) -> SupplierRead:
    """Read one or more supplier files (xlsx/xlsm, xls, ods, csv/tsv/txt) or in-memory tables (a polars or pandas
    DataFrame, see :func:`read_frame`) into one supplier frame.

    ``paths``: one path or table, or a sequence of them. row_id runs 1.. across all of them in order. Rows without
    a usable supplier name and totals rows go to ``rejected`` with a reason; every value is text. Bad input raises
    one :class:`~screener.errors.InputFileError` naming the file and the fix. ``inputs`` has one entry per file
    and sheet read.
    """
    limits = limits or ReadLimits()
    if isinstance(paths, str | Path) or is_frame(paths):
        paths = [paths]
    if not paths:
        raise InputFileError("No supplier file was given.", hint="Pass one or more .xlsx or .csv files.")
    tables: list[Table] = []
    inputs: list[InputInfo] = []
    seen: dict[object, str] = {}  # resolved path, then content digest -> the file first given
    for number, path in enumerate(paths, start=1):
        if not is_frame(path):
            _given_once(Path(path).resolve(), str(path), seen, "is given twice")
        file_tables, file_inputs = (
            read_frame(path, f"DataFrame {number}") if is_frame(path) else read_file(path, limits)
        )
        if file_inputs and not is_frame(path):
            _given_once(file_inputs[0].sha256, str(path), seen, "has the same content as")
        tables.extend(file_tables)
        inputs.extend(file_inputs)
    return _stack(tables, inputs)


def _given_once(key: object, shown: str, seen: dict[object, str], what: str) -> None:
    """One supplier file read twice (the same path twice, or a copy) would count every supplier twice, spend and
    leverage with them: refused, naming both."""
    if key not in seen:
        seen[key] = shown
        return
    said = f"'{shown}' {what} '{seen[key]}'" if what != "is given twice" else f"'{shown}' is given twice"
    raise InputFileError(
        f"Supplier file {said}: its suppliers would be counted twice.",
        hint="Pass each supplier file once.",
    )


def decoding_warnings(inputs: Sequence[InputInfo]) -> list[str]:
    """One sentence per input file holding bytes that are not valid in its encoding: they were read as U+FFFD,
    and a name holding one may have lost a list hit."""
    return [
        f"{info.path}: {info.invalid_bytes:,} byte(s) are not valid {(info.encoding or '').upper()} (first on line "
        f"{info.first_invalid_line}) and were read as \ufffd; names holding one may miss a list hit. Export the "
        "file again as 'CSV UTF-8' or .xlsx."
        for info in inputs
        if info.invalid_bytes
    ]


def is_frame(value: object) -> bool:
    """A polars DataFrame, or a pandas one (told by its shape, so pandas is not imported to ask)."""
    if isinstance(value, pl.DataFrame):
        return True
    return all(hasattr(value, name) for name in ("columns", "dtypes", "iloc"))


def read_frame(frame, shown: str) -> tuple[list[Table], list[InputInfo]]:
    """A supplier table already in memory, read as a csv file holding the same table is read: the header mapped
    by its synonyms, every value as text, totals and unnamed rows rejected. The header counts as row 1, so
    ``source_row`` is the frame's row position + 2, the row a spreadsheet of the table shows."""
    texts = _text_columns(frame)
    header = pl.DataFrame({name: [name] for name in texts})
    grid_frame = pl.concat([header, pl.DataFrame(texts, schema=dict.fromkeys(texts, pl.String))])
    grid = Grid(
        positional(grid_frame).with_columns(pl.int_range(1, pl.len() + 1, dtype=pl.Int64).alias(LINE)), None
    )
    chosen, skipped = choose_sheets([grid], shown)
    digest = hashlib.sha256(grid_frame.write_csv().encode("utf-8")).hexdigest()
    tables, inputs = [], []
    for grid_read, choice in chosen:
        table = build_table(grid_read, choice, shown)
        tables.append(table)
        inputs.append(
            _input_info(shown, digest, FileKind("dataframe"), None, grid_read, choice, table, skipped)
        )
    if sum(t.frame.height for t in tables) == 0:
        raise _no_rows(shown, chosen)
    return tables, inputs


def _text_columns(frame) -> dict[str, list[str | None]]:
    """Each column's values as text (None for missing), under its name as text."""
    if isinstance(frame, pl.DataFrame):
        return {str(name): frame.get_column(name).cast(pl.String).to_list() for name in frame.columns}
    return {  # pandas: NaN and None are missing
        str(name): [None if value is None or value != value else str(value) for value in frame[name].tolist()]
        for name in frame.columns
    }


def read_file(path_like: str | Path, limits: ReadLimits) -> tuple[list[Table], list[InputInfo]]:
    """One file's supplier tables (one per sheet read) and their InputInfo. A file the system will not let us
    read (locked by the program that has it open, no permission on a share, gone half way) is one clear error,
    not an internal one."""
    try:
        return _read_file(path_like, limits)
    except OSError as error:
        raise InputFileError(
            f"Supplier file '{path_like}' cannot be read ({error.strerror or type(error).__name__}).",
            hint="If another program has it open and locked, close it there; check that you may read it "
            "(copy it to a local folder), then run again.",
        ) from error


def _read_file(path_like: str | Path, limits: ReadLimits) -> tuple[list[Table], list[InputInfo]]:
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
    elif kind.kind == "html":
        grids = [read_html_table(path, shown, kind.encoding or "utf-8", limits)]
    elif kind.kind == "xmlss":
        grids = read_xml_spreadsheet(path, shown, kind.encoding or "utf-8", limits)
    elif kind.kind == "xls":
        grids = read_workbook_isolated(path, shown, kind.kind, limits)
    else:
        grids = read_workbook(path, shown, kind.kind, limits)
    chosen, skipped = choose_sheets(grids, shown)
    first_columns: dict[str, dict[int, int]] = {}
    formats = (
        sheet_number_formats(path, SCAN_ROWS + FORMAT_ROWS, first_columns) if kind.kind == "xlsx" else {}
    )
    tables, inputs = [], []
    for grid, header in chosen:
        sheet_xml = _scan_xlsx_sheet(path, grid, header) if kind.kind == "xlsx" and grid.sheet else None
        if sheet_xml is not None and sheet_xml.merges:
            grid = Grid(_fill_merged_down(grid, header, sheet_xml), grid.sheet, grid.visible)
        cell_formats = _in_grid_columns(
            formats.get(grid.sheet or "", {}), first_columns.get(grid.sheet or ""), grid, header
        )
        table = build_table(grid, header, shown, cell_formats)
        if sheet_xml is not None and sheet_xml.uncalculated:
            table.frame = _explain_uncalculated(table.frame, sheet_xml, header.mapping.columns[NAME])
        tables.append(table)
        info = _input_info(shown, digest, kind, delimiter, grid, header, table, skipped)
        if kind.kind == "xlsx" and grid.sheet:
            info.hidden_rows, info.hidden_by_filter = _hidden_supplier_rows(
                hidden_rows(path, grid.sheet), table
            )
        elif grid.hidden_rows:
            found = HiddenRows(grid.hidden_rows, grid.hidden_by_filter)
            info.hidden_rows, info.hidden_by_filter = _hidden_supplier_rows(found, table)
        inputs.append(info)
    if sum(t.frame.height for t in tables) == 0:
        raise _no_rows(shown, chosen)
    return tables, inputs


def _hidden_supplier_rows(found: HiddenRows, table: Table) -> tuple[list[int], bool]:
    """The rows of the table that the sheet hides (as Excel or LibreOffice numbers them), and whether a filter is
    set on the sheet."""
    if not found.rows:
        return [], found.filtered
    read = set(table.frame.get_column(SOURCE_ROW).to_list())
    return sorted(row for row in set(found.rows) if row in read), found.filtered


def _in_grid_columns(
    cell_formats: dict[tuple[int, int], str],
    first_columns: dict[int, int] | None,
    grid: Grid,
    header: HeaderChoice,
) -> dict[tuple[int, int], str]:
    """The number formats keyed by the grid's columns: a sheet whose first columns are empty (the list starts in
    column C) is read by calamine from its first column holding a value, so the sheet's column C is the grid's
    first; the header row, found in both, tells by how much they differ."""
    if not cell_formats or not first_columns:
        return cell_formats
    row = header.start + header.rows - 1
    labels = grid.frame.select(grid.cell_columns).row(row)
    first_in_grid = next((i for i, value in enumerate(labels) if value not in (None, "")), None)
    offset = grid_offset(first_columns, int(grid.frame.get_column(LINE)[row]), first_in_grid)
    if not offset:
        return cell_formats
    return {(r, c - offset): code for (r, c), code in cell_formats.items() if c >= offset}


def _scan_xlsx_sheet(path: Path, grid: Grid, header: HeaderChoice) -> SheetXml | None:
    """For a sheet with empty name cells below its header (None for the others: a clean sheet costs nothing),
    its merged ranges and which of those cells hold a formula with no saved value."""
    column = grid.cell_columns[header.mapping.columns[NAME]]
    data = grid.frame.slice(header.data_start)
    empty = data.filter(pl.col(column).is_null() | (pl.col(column).str.strip_chars() == ""))
    if empty.is_empty():
        return None
    return scan_sheet(path, grid.sheet or "", empty.get_column(LINE).to_list())


def _fill_merged_down(grid: Grid, header: HeaderChoice, sheet_xml: SheetXml) -> pl.DataFrame:
    """Below the header, a cell merged down over several rows (a supplier's name over the rows of its plants)
    gives its value to every row it covers, as Excel shows it; only down its first column."""
    first_line = (
        int(grid.frame.get_column(LINE)[header.data_start]) if header.data_start < grid.frame.height else 0
    )
    columns = grid.cell_columns
    fills: dict[str, tuple[list[int], list[int]]] = {}
    for top, left, bottom, _ in sheet_xml.merges:
        index = left - sheet_xml.first_column
        if bottom <= top or top < first_line or not 0 <= index < len(columns):
            continue
        tops, lines = fills.setdefault(columns[index], ([], []))
        tops.extend([top] * (bottom - top))
        lines.extend(range(top + 1, bottom + 1))
    frame = grid.frame
    for column, (tops, lines) in fills.items():
        spans = pl.DataFrame({"__top": tops, LINE: lines}, schema={"__top": pl.Int64, LINE: pl.Int64})
        values = frame.select(pl.col(LINE).alias("__top"), pl.col(column).alias("__value"))
        spans = spans.join(values, on="__top", how="left").select(LINE, "__value")
        frame = (
            frame.join(spans, on=LINE, how="left", maintain_order="left")
            .with_columns(pl.coalesce(column, "__value").alias(column))
            .drop("__value")
        )
    return frame


def _explain_uncalculated(frame: pl.DataFrame, sheet_xml: SheetXml, name_column: int) -> pl.DataFrame:
    """A row rejected for an empty name whose name cell holds a formula never calculated (a workbook written by a
    program, not saved by Excel) says so, and what to do, in its reason."""
    empty = pl.col(REASON_COLUMN).str.starts_with("no supplier name") & pl.col(NAME).is_null()
    absolute = name_column + sheet_xml.first_column
    why = {
        row: f": cell {ref} holds a formula ({formula}) with no saved value; open the file in Excel, save it and "
        "run again"
        for (row, column), (ref, formula) in sheet_xml.uncalculated.items()
        if column == absolute
    }
    if not why:
        return frame
    extra = pl.col(SOURCE_ROW).replace_strict(why, default=None, return_dtype=pl.String)
    return frame.with_columns(
        pl.when(empty & extra.is_not_null())
        .then(pl.concat_str(pl.col(REASON_COLUMN), extra))
        .otherwise(pl.col(REASON_COLUMN))
        .alias(REASON_COLUMN)
    )


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
        g.sheet: _skip_reason(g, detected.get(id(g), (g, None))[1], best, detected[id(best)][1])
        for g in grids
        if g.sheet is not None and all(g is not c for c, _ in chosen)
    }
    return chosen, skipped


def _same_kind_as_best(
    named: list[tuple[Grid, HeaderChoice]],
) -> tuple[Grid, list[tuple[Grid, HeaderChoice]]]:
    """The best supplier sheet (visible before hidden, then by header score) and, in sheet order, every other
    supplier sheet (see :func:`_is_supplier_list`), hidden ones only if the best is hidden too. A sheet of another
    layout whose every name is on the best sheet or one of its layout is a view of them (a pivot, a 'Top 10', the
    Matches sheet of a screener report): not read, so no supplier is counted twice."""
    best_grid, best_header = max(named, key=lambda gh: (gh[0].visible, gh[1].mapping.score))
    if REPORT_KEY in best_header.labels:
        return best_grid, [(best_grid, best_header)]
    fields = set(best_header.mapping.columns)
    listed = [(g, h) for g, h in named if g is best_grid or g.visible >= best_grid.visible]
    same = [(g, h) for g, h in listed if g is best_grid or set(h.mapping.columns) == fields]
    others = [(g, h) for g, h in listed if all(g is not s for s, _ in same) and _is_supplier_list(h)]
    if others:
        known = pl.concat([_names(g, h) for g, h in same]).unique()
        others = [(g, h) for g, h in others if not _names(g, h).is_in(known.implode()).all()]
    return best_grid, [(g, h) for g, h in listed if any(g is c for c, _ in (*same, *others))]


def _names(grid: Grid, header: HeaderChoice) -> pl.Series:
    """A sheet's supplier names as compared across sheets (folded, stripped), leaving out blanks and labels in
    brackets ('(blank)' of a pivot table, '(all 90 screened suppliers)')."""
    column = grid.cell_columns[header.mapping.columns[NAME]]
    folded = grid.frame.get_column(column).slice(header.data_start).str.strip_chars().str.to_lowercase()
    return folded.filter(folded.is_not_null() & (folded != "") & ~folded.str.contains(r"^\(.*\)$")).unique()


def _is_supplier_list(header: HeaderChoice) -> bool:
    """A sheet of another layout beside the best one is a supplier list when its name header is a synonym (not a
    word inside a title: 'Lieferanten DE' in a data row is no header) and either says supplier or the sheet maps a
    field a list of people would not have."""
    if header.mapping.quality.get(NAME, 0.0) < GENERIC_WEIGHT:
        return False
    if set(header.mapping.columns) - PERSON_FIELDS:
        return True
    return any(says_supplier(label) for label in header.alternatives[header.mapping.columns[NAME]])


def _detect(grid: Grid) -> HeaderChoice | None:
    """The header of a grid, searched in the first filled rows; its start is an index into the whole grid."""
    offset = grid.first_filled_row()
    header = detect_header(grid.head_rows(SCAN_ROWS, offset))
    if header is None:
        return None
    header.start += offset
    return check_name_values(header, grid.head_rows(NAME_SAMPLE_ROWS, header.data_start))


def _skip_reason(grid: Grid, header: HeaderChoice | None, best: Grid, best_header: HeaderChoice) -> str:
    if header is None:
        return "empty"
    if not header.mapping.has_name:
        return "no supplier-name column (cover, notes or lookup sheet)"
    if not grid.visible and best.visible:
        return "hidden sheet"
    if REPORT_KEY in best_header.labels:
        return f"a sheet of a screener report, whose suppliers are on sheet '{best.sheet}'"
    if _is_supplier_list(header):
        return f"every supplier name on it is on sheet '{best.sheet}' or one of its layout (a view of them)"
    fields = ", ".join(sorted(header.mapping.columns))
    label = header.labels[header.mapping.columns[NAME]]
    return (
        f"a different layout from sheet '{best.sheet}' (maps {fields}) whose name column '{label}' does not say "
        "supplier: taken for a list of people"
    )


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
        blank_rows=list(table.blank_rows),
        skipped_sheets=dict(skipped),
        column_choices=dict(table.choices),
        number_formats=dict(table.number_formats),
        repeated_headers=dict(table.repeated),
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
