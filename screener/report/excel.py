"""The xlsx workbook officers work in: Summary, Suppliers, Matches, Indicators, Rejected, Data quality, Method (the Summary
and Method sheets are laid out by screener.report.overview).

Written with xlsxwriter in constant-memory mode (measured ~1.5x faster than openpyxl write-only at 100k rows, with
flat memory; ~7% slower than its shared-string mode but ~350 MB less at 100k suppliers). Its own per-cell work is
~6 us, so a sheet of FAST_SHEET_MIN_ROWS rows or more gets only its header, widths, filter, dropdown and formats
from xlsxwriter, and its data rows from screener.report.sheet_xml (vectorised polars, the same cells; 100k
suppliers: 24.6 s -> 4.4 s CPU). The workbook also leaves out what repeats without telling a reviewer anything
(workbook_sheets); the csv, parquet and json reports keep every row and column. Every string is written as a text
cell (``write_string``, or an inline string on the fast path): no cell is ever a formula made from data, whatever it
starts with, and no text is ever markup: xlsxwriter's constant-memory mode would copy text shaped like ``<r>...</r>``
into the sheet as raw rich-string XML (a live formula, or a sheet no reader opens), so every sheet is a
PlainTextWorksheet, which escapes such text like any other. Hyperlinks are made only from http/https URLs in the
list data, never from supplier data (a sheet with a source URL column stays with xlsxwriter).

A sheet holds at most 1,048,575 data rows. A table larger than that is refused before anything is written (an
OutputError pointing to --format csv or parquet) rather than split across sheets: a split Suppliers sheet would
break sorting, filtering and the review read-back, which is what the workbook is for.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import polars as pl
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from screener.errors import OutputError
from screener.match.features import FEATURE_NAMES, feature_description
from screener.report.labels import (
    CONTROL_CHARACTERS,
    KEY_LABELS,
    LINE_POINTS,
    MAX_SHEET_ROW_LINES,
    XLSX_MAX_CELL_CHARS,
    Styles,
    column_labels,
    is_web_url,
    one_reason_per_line,
    run_labels,
)
from screener.report.overview import priority_order, write_method, write_summary
from screener.report.sheet_xml import (
    MIXED_DATE,
    MIXED_NUMBER,
    PLACEHOLDER_ROW,
    ColumnCells,
    SheetRows,
    splice_sheets,
)
from screener.report.tables import (
    BEST_PROBABILITY,
    DECISION,
    DECISION_DATE,
    DECISION_NOTE,
    DECISION_REVIEWER,
    LEVERAGE,
    LIKELIHOOD,
    SUPPLIER_NAME,
    collapse_universal_hits,
    flatten_nested,
    mixed_columns,
    without_copied_columns,
)
from screener.risk.ranking import PRIORITY_MEANINGS, priority_explanation
from screener.schema import (
    BAND,
    DETAIL,
    DUPLICATE_OF,
    EVIDENCE,
    EXPLANATION,
    LIST_ID,
    MATCHED_NAME,
    MODEL_PROBABILITY,
    NAME,
    PROBABILITY,
    RANK,
    REASON,
    REASONS,
    RECOMMENDED_ACTION,
    SCORE,
    SEVERITY,
    SOURCE_URL,
    SPEND_CONVERTED,
    SPEND_VALUE,
    TIER,
)

XLSX_MAX_DATA_ROWS = 1_048_575  # 1,048,576 rows per sheet, one of them the header
XLSX_MAX_COLUMNS = 16_384  # A to XFD
XLSX_MAX_URLS_PER_SHEET = 65_530
DECISION_CHOICES = ("confirmed", "false positive", "needs information")
WORKBOOK_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "nan_inf_to_errors": True,
    "remove_timezone": True,
}

WRAP_COLUMNS = {REASONS, EXPLANATION, EVIDENCE, REASON, DECISION_NOTE, RECOMMENDED_ACTION, DETAIL}
WIDE_WIDTH, MIN_WIDTH, MAX_WIDTH = 60, 6, 45
REASONS_WIDTH = 90  # one reason a line: wide enough that most fit on one or two lines
# Columns frozen beside the header: everything up to the supplier's name, when it is among the first few columns.
FROZEN_NAME_COLUMNS = (NAME, SUPPLIER_NAME)
FROZEN_NAME_WITHIN = 4
# Sheets with at least this many rows get their data rows from screener.report.sheet_xml (vectorised, ~1 us a
# cell instead of xlsxwriter's ~6 us); smaller sheets are written cell by cell by xlsxwriter.
FAST_SHEET_MIN_ROWS = 5_000

Writer = Callable[[int, int, object, object], object]


class PlainTextWorksheet(Worksheet):
    """xlsxwriter's worksheet whose constant-memory cells are always plain text. xlsxwriter writes a string that
    starts with ``<r>`` and ends with ``</r>`` unescaped, as the XML of a rich string; the report never writes
    rich strings, so such a string is data (a supplier name, a list entry, a reviewer's note) and is escaped.
    tests/report/test_excel_injection.py checks that this override is still the one xlsxwriter calls."""

    def _xml_rich_inline_string(self, string, attributes=()) -> None:
        self._xml_inline_string(string, string[:1].isspace() or string[-1:].isspace(), attributes)


def new_workbook(path: Path) -> xlsxwriter.Workbook:
    """An xlsxwriter workbook with the report's options whose sheets write text only as text."""
    book = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    book.worksheet_class = PlainTextWorksheet
    return book


def check_fits_xlsx(tables: dict[str, pl.DataFrame], output: Path) -> None:
    """Refuse before writing anything when a table has more rows or columns than an xlsx sheet holds (Excel and
    xlsxwriter would cut the columns past XFD, and with them the key columns the review import needs)."""
    for name, frame in tables.items():
        if frame.width > XLSX_MAX_COLUMNS:
            raise OutputError(
                f"{output}: the {name} table has {frame.width:,} columns, more than the {XLSX_MAX_COLUMNS:,} an "
                "Excel sheet holds.",
                hint="Write the report with --format csv or --format parquet (no column limit), or leave out "
                "input columns screening does not need.",
            )
        if frame.height > XLSX_MAX_DATA_ROWS:
            raise OutputError(
                f"{output}: the {name} table has {frame.height:,} rows, more than the {XLSX_MAX_DATA_ROWS:,} an "
                "Excel sheet holds.",
                hint="Write the report with --format csv or --format parquet (no row limit), or split the input.",
            )


def write_workbook(
    screening, tables: dict[str, pl.DataFrame], path: Path, progress: Callable[[str], None] | None = None
) -> None:
    """Write the whole workbook to ``path`` (the caller makes it atomic); ``progress`` hears of each sheet."""
    say = progress or (lambda _message: None)
    book = new_workbook(path)
    spliced: dict[str, SheetRows] = {}
    try:
        styles = Styles(book)
        styles.input_codes = input_number_formats(screening)
        styles.labels = run_labels(screening)
        styles.mixed_columns = mixed_columns(screening, tables["suppliers"])
        summary = book.add_worksheet("Summary")
        sheets = workbook_sheets(screening, tables)
        notes = header_notes(screening)
        for title, frame in sheets.items():
            say(f"writing the {title} sheet ({frame.height:,} rows)")
            sheet = book.add_worksheet(title)
            if frame.height >= FAST_SHEET_MIN_ROWS:
                fast_rows = write_fast_table_sheet(sheet, frame, styles, notes)
                if fast_rows is not None:
                    spliced[title] = fast_rows
                    continue
            write_table_sheet(sheet, frame, styles, notes)
        write_summary(book, summary, screening, tables, styles)
        write_method(book.add_worksheet("Method"), screening, styles)
        say("compressing the workbook")
    finally:
        book.close()
    if spliced:
        say(f"writing the rows of the {', '.join(spliced)} sheet(s)")
        splice_sheets(path, spliced)


def workbook_sheets(screening, tables: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """The data sheets by title. The workbook drops repeats that cost seconds and help no reviewer (a hit every
    supplier has, a canonical column copying an input column, one source file in every row: see
    screener.report.tables); csv, parquet and json keep the full tables."""
    column_maps = [dict(getattr(info, "column_map", {}) or {}) for info in screening.inputs or []]
    suppliers = without_copied_columns(tables["suppliers"], column_maps)
    if (
        DUPLICATE_OF in suppliers.columns
        and suppliers.get_column(DUPLICATE_OF).null_count() == suppliers.height
    ):
        suppliers = suppliers.drop(DUPLICATE_OF)  # no duplicates: no empty column to scroll past
    matches, features = split_match_features(tables["matches"])
    return {
        "Suppliers": suppliers,
        "Matches": matches,
        "Match features": features,
        "Indicators": collapse_universal_hits(tables["indicators"], tables["suppliers"].height),
        "Rejected": tables["rejected"],
        "Data quality": tables["data_quality"],
        **({"Removed since": tables["removed"]} if "removed" in tables else {}),
    }


MATCH_FEATURE_SIDE = (RANK, SUPPLIER_NAME, MATCHED_NAME, LIST_ID, PROBABILITY, BAND)


def split_match_features(matches: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(the Matches sheet without the matcher's ``f_*`` pair features, the features beside the pair they
    describe): the officer reads the match and its explanation; the features are there for whoever checks the
    model, each explained in its header note."""
    features = [c for c in matches.columns if c.startswith("f_")]
    side = [c for c in MATCH_FEATURE_SIDE if c in matches.columns]
    return matches.drop(features), matches.select(side + features)


def header_notes(screening) -> dict[str, str]:
    """Header notes by column: how the ranking orders suppliers (on Rank and each ordering column, from the
    rules file's prioritisation order) and what each matcher feature measures (its docstring)."""
    order = priority_order(screening)
    notes = {f"f_{name}": feature_description(name) for name in FEATURE_NAMES}
    notes[RANK] = priority_explanation(order)[0]
    if (spend_note := converted_spend_note(screening)) is not None:
        notes[SPEND_CONVERTED] = spend_note
    for key, meaning in PRIORITY_MEANINGS.items():
        position = f" Key {order.index(key) + 1} of the rank order." if key in order else ""
        notes[{"severity": SEVERITY, "likelihood": LIKELIHOOD, "leverage": LEVERAGE, "score": SCORE}[key]] = (
            f"{meaning}.{position}"
        )
    return notes


def converted_spend_note(screening) -> str | None:
    """What the converted spend is: its currency, the rates, and the one assumption an officer should know (a
    bare "$" is US dollars)."""
    spend = (screening.manifest or {}).get("spend") or {}
    reporting = spend.get("reporting_currency")
    if not reporting:
        return None
    rates = spend.get("rates") or {}
    dated = f" of {rates['date']}" if rates.get("date") else ""
    return (
        f"Spend in {reporting}, the reporting currency: each value converted from its own currency (Spend, "
        f"Spend currency) at {rates.get('source')}{dated}. A bare '$' is read as US dollars (where the "
        "supplier's country writes its own currency '$' too, the Data quality sheet says so: "
        "dollar_read_as_usd). Empty: no spend, no currency or no rate (see the Data quality sheet)."
    )


# --- data sheets --------------------------------------------------------------------------------------------------


def _text_ready(frame: pl.DataFrame) -> pl.DataFrame:
    """Nested values flattened; strings without XML-illegal control characters and within Excel's cell limit."""
    frame = flatten_nested(one_reason_per_line(frame))
    strings = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    floats = [name for name, dtype in frame.schema.items() if dtype.is_float() or dtype.is_decimal()]
    # one scan finds the columns holding a control character: only those are rewritten
    found = frame.select(pl.col(strings).str.contains(CONTROL_CHARACTERS).any()).row(0) if strings else ()
    with_controls = {name for name, has in zip(strings, found, strict=True) if has}
    return frame.with_columns(
        *[
            _fit_cell(
                pl.col(name).str.replace_all(CONTROL_CHARACTERS, "")
                if name in with_controls
                else pl.col(name)
            )
            for name in strings
        ],
        # NaN and infinity have no cell value in Excel: left empty, like a missing number
        *[_finite(pl.col(name).cast(pl.Float64)).alias(name) for name in floats],
    )


def _finite(number: pl.Expr) -> pl.Expr:
    return pl.when(number.is_finite()).then(number)


TRUNCATED = " …[truncated: see the csv or json report]"


def _fit_cell(text: pl.Expr) -> pl.Expr:
    """Text within Excel's 32,767 characters a cell holds, visibly marked when cut."""
    keep = XLSX_MAX_CELL_CHARS - len(TRUNCATED)
    return (
        pl.when(text.str.len_chars() > XLSX_MAX_CELL_CHARS)
        .then(text.str.slice(0, keep) + pl.lit(TRUNCATED))
        .otherwise(text)
    )


def _wrapped_lines(column: str) -> pl.Expr:
    """Lines a wrapped column's text takes: each of its lines wrapped at the column's width (estimated from the
    number of characters: about 1.1 per unit of column width)."""
    per_line = int(_wrap_width(column) * 1.1)
    lines = pl.col(column).fill_null("").str.split("\n")
    return lines.list.eval(((pl.element().str.len_chars() + per_line - 1) // per_line).clip(1)).list.sum()


def row_lines(frame: pl.DataFrame) -> list[int] | None:
    """Lines each row needs for its wrapped columns, 1 up to what Excel's tallest row shows (27 lines): the
    reasons are read in full on the sheet; the Indicators sheet keeps every hit's evidence."""
    wrapped = [c for c, dtype in frame.schema.items() if c in WRAP_COLUMNS and dtype == pl.String]
    if not wrapped or frame.is_empty():
        return None
    estimates = [_wrapped_lines(c) for c in wrapped]
    lines = frame.select(pl.max_horizontal(estimates).clip(1, MAX_SHEET_ROW_LINES).alias("lines"))
    return lines.get_column("lines").to_list()


def _wrap_width(column: str) -> float:
    return REASONS_WIDTH if column == REASONS else WIDE_WIDTH


def _widths(frame: pl.DataFrame, labels: list[str]) -> list[float]:
    """Each column's width from its label and the 90th percentile of its first 500 values' lengths (one query
    for all columns: per column, polars' overhead made a wide sheet slow)."""
    sample = frame.head(500)
    longest = (
        sample.select(pl.all().cast(pl.String, strict=False).str.len_chars().quantile(0.9)).row(0)
        if sample.height
        else [None] * frame.width
    )
    return [
        _wrap_width(column)
        if column in WRAP_COLUMNS
        else float(
            min(MAX_WIDTH, max(MIN_WIDTH, len(label) * 0.9 if len(label) < 25 else 22, int(long or 0) + 2))
        )
        for column, label, long in zip(frame.columns, labels, longest, strict=True)
    ]


def _cell_writer(sheet, column: str, dtype: pl.DataType, styles: Styles) -> tuple[Writer, object]:
    """The method that writes this column's cells and their format, chosen once by column name and type. Plain
    columns get xlsxwriter's own bound method (no wrapper per cell: this loop runs millions of times)."""
    if column == TIER:
        default, by_tier = styles.top, styles.tier

        def write_tier(row: int, col: int, value, _format) -> None:
            text = str(value)
            sheet.write_string(row, col, text, by_tier.get(text.lower(), default))

        return write_tier, None
    if column == SOURCE_URL:
        return _url_writer(sheet, styles), None
    if column in (DECISION, DECISION_NOTE, DECISION_REVIEWER, DECISION_DATE) and dtype == pl.String:
        return sheet.write_string, styles.decision
    if dtype == pl.String and column in styles.mixed_columns:
        return _mixed_writer(sheet, column, styles), styles.top
    if dtype == pl.String:
        return sheet.write_string, styles.wrap if column in WRAP_COLUMNS else styles.top
    if dtype.is_numeric():  # non-finite floats were made empty by _text_ready
        return sheet.write_number, _number_format(column, styles)
    if dtype == pl.Boolean:
        return sheet.write_boolean, styles.top
    if dtype == pl.Date:
        return sheet.write_datetime, styles.input_format(column) or styles.date
    if isinstance(dtype, pl.Datetime):
        return sheet.write_datetime, styles.input_format(column) or styles.datetime

    def write_text(row: int, col: int, value, cell_format) -> None:
        sheet.write_string(row, col, str(value)[:XLSX_MAX_CELL_CHARS], cell_format)

    return write_text, styles.top


def _mixed_writer(sheet, column: str, styles: Styles) -> Writer:
    """An input text column's cells: a number cell as a number (in the input's number format), a date cell as a
    date, other text as text (the fast path's "mixed" cells, screener.report.sheet_xml)."""
    number_format = styles.input_format(column) or styles.top
    is_number, is_date = re.compile(MIXED_NUMBER), re.compile(MIXED_DATE)

    def write_mixed(row: int, col: int, value, cell_format) -> None:
        text = str(value).strip()
        if is_number.match(text):
            sheet.write_number(row, col, float(text), number_format)
            return
        if is_date.match(text):
            try:
                sheet.write_datetime(row, col, dt.date.fromisoformat(text), styles.date)
                return
            except ValueError:
                pass
        sheet.write_string(row, col, str(value), cell_format)

    return write_mixed


def _url_writer(sheet, styles: Styles) -> Writer:
    links = 0

    def write_url(row: int, col: int, value, _format=None) -> None:
        nonlocal links
        text = str(value)
        if is_web_url(text) and links < XLSX_MAX_URLS_PER_SHEET:
            links += 1
            sheet.write_url(row, col, text, styles.link, text)
        else:
            sheet.write_string(row, col, text, styles.top)

    return write_url


def write_table_sheet(
    sheet, frame: pl.DataFrame, styles: Styles, notes: dict[str, str] | None = None
) -> None:
    """One table as a sheet: labelled frozen header (with ``notes`` on its cells), filters, widths, typed cells,
    a Decision dropdown."""
    frame = _text_ready(frame)
    _write_header(sheet, frame, styles, notes)
    # frame.schema once: it is rebuilt on every access (per column, a 17,000-column sheet took minutes)
    chosen = [_cell_writer(sheet, column, dtype, styles) for column, dtype in frame.schema.items()]
    writers = [write for write, _ in chosen]
    formats = [cell_format for _, cell_format in chosen]
    lines = row_lines(frame) or []
    for row, values in enumerate(frame.iter_rows(), start=1):
        if lines and lines[row - 1] > 1:
            sheet.set_row(row, LINE_POINTS * lines[row - 1])
        for col, value in enumerate(values):
            if value is not None:
                writers[col](row, col, value, formats[col])
    _declare_data_range(sheet, frame)


def write_fast_table_sheet(
    sheet, frame: pl.DataFrame, styles: Styles, notes: dict[str, str] | None = None
) -> SheetRows | None:
    """A large table's sheet without its data rows: the header and everything that spans the data (widths,
    filter, dropdown, frozen panes) as write_table_sheet writes them, plus a placeholder row holding one blank cell
    in each format the data uses. Returns the rows for screener.report.sheet_xml.splice_sheets to put in place of
    the placeholder, or None (nothing written) when a column needs xlsxwriter's own cells (hyperlinks). Dates go
    as Excel serial numbers in a date format, the cells xlsxwriter's write_datetime makes."""
    ready = _text_ready(frame)
    frame, dated = excel_serial_dates(ready)
    slots: list = []

    def slot(cell_format) -> int:
        if cell_format not in slots:
            slots.append(cell_format)
        return slots.index(cell_format)

    columns = []
    for column, dtype in frame.schema.items():
        kind_format = _fast_cells(column, dtype, styles)
        if column in dated:
            own = styles.input_format(column)
            kind_format = ("number", own or (styles.date if dated[column] == pl.Date else styles.datetime))
        if kind_format is None:
            return None
        kind, cell_format = kind_format
        by_text = (
            {tier: slot(tier_format) for tier, tier_format in styles.tier.items()} if column == TIER else {}
        )
        mixed = {}
        if kind == "mixed":
            mixed = {
                "number_slot": slot(styles.input_format(column) or styles.top),
                "date_slot": slot(styles.date),
            }
        columns.append(ColumnCells(column, kind, slot(cell_format), by_text, **mixed))
    _write_header(sheet, ready, styles, notes)
    for col, cell_format in enumerate(slots):
        sheet.write_blank(PLACEHOLDER_ROW - 1, col, None, cell_format)
    _declare_data_range(sheet, ready)
    lines = row_lines(ready)
    heights = None
    if lines is not None:
        heights = pl.Series("height", lines, dtype=pl.Int64)
        heights = pl.select(pl.when(heights > 1).then(heights * LINE_POINTS)).to_series()
    return SheetRows(frame, columns, heights)


def _fast_cells(column: str, dtype: pl.DataType, styles: Styles) -> tuple[str, object] | None:
    """The sheet_xml cell kind and format of a column, the same ones _cell_writer gives; None for a column that
    only xlsxwriter writes (source URLs become hyperlinks; dates and other types)."""
    if column == TIER:
        return "text", styles.top
    if column == SOURCE_URL:
        return None
    if column in (DECISION, DECISION_NOTE, DECISION_REVIEWER, DECISION_DATE) and dtype == pl.String:
        return "text", styles.decision
    if dtype == pl.String and column in styles.mixed_columns:
        return "mixed", styles.top
    if dtype == pl.String:
        return "text", styles.wrap if column in WRAP_COLUMNS else styles.top
    if dtype.is_numeric():
        return "number", _number_format(column, styles)
    if dtype == pl.Boolean:
        return "boolean", styles.top
    return None


EXCEL_EPOCH = dt.datetime(1899, 12, 30)
EXCEL_LEAP_BUG_END = dt.datetime(
    1900, 3, 1
)  # Excel counts a 29 February 1900: serials before it are one less


def excel_serial_dates(frame: pl.DataFrame) -> tuple[pl.DataFrame, dict[str, pl.DataType]]:
    """Date and datetime columns as Excel serial day numbers (Float64), as xlsxwriter's write_datetime computes
    them, so the fast path writes them as numbers in a date format; and each such column's original type."""
    temporal = {n: t for n, t in frame.schema.items() if t == pl.Date or isinstance(t, pl.Datetime)}
    if not temporal:
        return frame, {}
    exprs = []
    for name in temporal:
        moment = pl.col(name).cast(pl.Datetime("us")).dt.replace_time_zone(None)
        days = (moment - pl.lit(EXCEL_EPOCH)).dt.total_microseconds() / 86_400_000_000
        exprs.append(pl.when(moment < EXCEL_LEAP_BUG_END).then(days - 1).otherwise(days).alias(name))
    return frame.with_columns(exprs), temporal


def input_number_formats(screening) -> dict[str, str]:
    """Input column -> the number format its cells had in the input workbook (the first file that says wins)."""
    codes: dict[str, str] = {}
    for info in screening.inputs or []:
        for column, code in (getattr(info, "number_formats", {}) or {}).items():
            codes.setdefault(column, code)
    return codes


def _number_format(column: str, styles: Styles):
    """Numbers rounded for the eye by their cell format (an input column keeps the input's own format); the cell
    keeps the full value."""
    own = styles.input_format(column)
    if own is not None:
        return own
    if column in (PROBABILITY, MODEL_PROBABILITY, BEST_PROBABILITY, LIKELIHOOD) or column.startswith("f_"):
        return styles.probability
    if column == LEVERAGE:
        return styles.share
    if column in (SPEND_VALUE, SPEND_CONVERTED):
        return styles.money
    return styles.score if column == SCORE else styles.top


def _write_header(sheet, frame: pl.DataFrame, styles: Styles, notes: dict[str, str] | None = None) -> None:
    """Labels, widths and header notes (a comment on the header cell); the "(key)" columns the review import
    reads are grouped and collapsed at the right, out of the officer's way."""
    notes = notes or {}
    keys = [col for col, column in enumerate(frame.columns) if column in KEY_LABELS]
    labels = column_labels(frame.columns, styles.labels)
    widths = _widths(frame, labels)
    for col, (column, label) in enumerate(zip(frame.columns, labels, strict=True)):
        is_key = column in KEY_LABELS
        options = {"level": 1, "hidden": True} if is_key else {}
        if keys and col == keys[-1] + 1:
            options = {"collapsed": True}
        sheet.set_column(col, col, widths[col], None, options)
        sheet.write_string(0, col, label, styles.key_header if is_key else styles.header)
        if notes.get(column):
            sheet.write_comment(0, col, notes[column], {"x_scale": 2.5, "y_scale": 2})
    if keys and keys[-1] + 1 == len(frame.columns):
        sheet.set_column(len(frame.columns), len(frame.columns), None, None, {"collapsed": True})


def frozen_columns(columns: list[str]) -> int:
    """How many columns stay in view beside the header: those up to the supplier's name, when it comes early."""
    for col, column in enumerate(columns[:FROZEN_NAME_WITHIN]):
        if column in FROZEN_NAME_COLUMNS:
            return col + 1
    return 0


def _declare_data_range(sheet, frame: pl.DataFrame) -> None:
    """What spans the data rows: error suppression, frozen header (and name), filter, the Decision dropdown."""
    columns = frame.columns
    last_row = max(frame.height, 1)
    # IDs such as "0042" are text on purpose: no green "number stored as text" warning on every cell.
    sheet.ignore_errors({"number_stored_as_text": f"A1:XFD{last_row + 1}"})
    sheet.freeze_panes(1, frozen_columns(columns))
    if columns:
        sheet.autofilter(0, 0, frame.height, len(columns) - 1)
    if DECISION in columns:
        col = columns.index(DECISION)
        sheet.data_validation(
            1,
            col,
            max(last_row, 1000) if frame.height < XLSX_MAX_DATA_ROWS - 1000 else last_row,
            col,
            {
                "validate": "list",
                "source": list(DECISION_CHOICES),
                "input_title": "Review decision",
                "input_message": "confirmed, false positive or needs information",
                "error_title": "Not a decision",
                "error_message": "Choose confirmed, false positive or needs information.",
            },
        )
