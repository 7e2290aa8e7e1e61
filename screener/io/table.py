"""Turn a grid and its header into supplier rows: output columns named, canonical fields mapped, bad rows marked.

All work here is polars expressions over whole columns (no per-row Python), so a 100k-row sheet costs little more
than reading it. Rows are never dropped silently: blank rows are counted, rows that cannot be suppliers carry a
reason and go to the rejected frame.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from screener import schema
from screener.io.columns import latest_spend_column
from screener.io.grid import LINE, Grid
from screener.io.header import HeaderChoice
from screener.quality import CONTROL_CHARACTERS, FORMAT_CHARACTERS, INVISIBLE_CHARACTERS
from screener.schema import (
    AUDIT_DATE,
    CANONICAL_SUPPLIER_FIELDS,
    CORE_SUPPLIER_FIELDS,
    NAME,
    SOURCE_FILE,
    SOURCE_ROW,
    SOURCE_SHEET,
    SPEND,
    SUPPLIER_ID,
    WORKER_VOICE_FIELDS,
    field_words,
)

REASON_COLUMN = "__reason"
# Every column name of the data contracts (screener.schema): an input header equal to one is carried as input_X,
# so later stages that add score, tier, country_code... never collide with a supplier file's own columns.
RESERVED = {value for key, value in vars(schema).items() if key.isupper() and isinstance(value, str)}
RESERVED |= set(CANONICAL_SUPPLIER_FIELDS) | set(WORKER_VOICE_FIELDS)

# A cell made only of whitespace or ruler characters ("-----", "====") is blank: SAP list exports draw lines.
BLANK_CELL = r"^[\s\-=_*~.|+]*$"
# Placeholders that are not a supplier name (compared lower-cased, stripped).
NOT_A_NAME = [
    "n/a", "na", "n.a.", "n.a", "#n/a", "null", "none", "nan", "nil", "tbd", "tba", "unknown", "x", "xx", "xxx",
    "#ref!", "#value!", "#name?", "#div/0!", "#null!", "#num!", "unbekannt", "inconnu", "desconocido",
    "sconosciuto", "desconhecido", "onbekend", "未知", "无",
]  # fmt: skip
# A totals label, lower-cased. Words no company is named after may be followed by anything ("Subtotal China",
# "Summe Asien", SAP's "Gesamtergebnis" / "Overall Result"); a plain "Total" (SAP: "Ergebnis") only by a year or
# currency, since "Total SA" is a company.
TOTALS_LABEL = (
    r"^(?:(?:grand ?total|sub ?-?total|zwischensumme|summe|gesamtsumme|endsumme|gesamtergebnis|overall result|"
    r"total g[eé]n[eé]ral|total geral|"
    r"totale generale|suma total|eindtotaal|subtotaal|合计|总计|小计|總計|合計)\b.*"
    r"|(?:total|totals|gesamt|ergebnis|totale|suma|totaal)(?:\s+(?:\d{4}|eur|usd|gbp|chf|cny|rmb|€|\$))?\s*[:.]?)$"
)
# A page line of a printed export saved as a file ('Page 3 of 12', 'Seite 2 von 5', 'Página 1 de 4', '第 2 页'),
# compared lower-cased and stripped: no supplier is called that.
PAGE_LINE = (
    r"^(?:page|seite|página|pagina|pág\.?|pag\.?|blatt|feuille|sida|side|strona)\s*\d+\s*"
    r"(?:(?:of|von|de|di|sur|av|z|/)\s*\d+)?\s*$|^第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?$"
)
NUMBER = r"(?i)^[\s(+\-−]*(?:[$€£¥]|[a-z]{3})?\s*\d[\d\s.,'’]*\)?\s*(?:[$€£¥%]|[a-z]{3})?\s*$"


@dataclass
class Table:
    """Supplier rows from one grid (reason set on rows to reject), with what the reader learned about it."""

    frame: pl.DataFrame
    column_map: dict[str, str]  # canonical field -> output header
    empty_rows: int
    blank_rows: list[int] = field(
        default_factory=list
    )  # Excel rows (csv: records) of those between data rows
    choices: dict[str, str] = field(default_factory=dict)  # canonical field -> why its column was taken
    number_formats: dict[str, str] = field(default_factory=dict)  # input column -> its cells' number format
    repeated: dict[str, str] = field(
        default_factory=dict
    )  # a header over several columns -> what was made of it


def officer_header(name: str) -> str:
    """The header the file gives a column, from its output name: a reserved header ('name', 'country') is carried
    as input_name, input_country (see :func:`output_names`), but the officer's file says 'name', 'country'."""
    label = name.removeprefix("input_")
    return label if label != name and (label in RESERVED or label.startswith("__")) else name


def output_names(labels: list[str | None], width: int) -> list[str]:
    """Input headers as output column names: blanks become unnamed_N, reserved ones input_X, and a header over
    several columns names the first and says which of them the others are ('Name (2nd)'), in the file's words."""
    names: list[str] = []
    seen: set[str] = set()
    times: dict[str, int] = {}
    for col in range(width):
        label = labels[col] if col < len(labels) and labels[col] else f"unnamed_{col + 1}"
        if label in RESERVED or label.startswith("__"):
            label = f"input_{label}"
        times[label] = times.get(label, 0) + 1
        name = label if times[label] == 1 else f"{label} ({ordinal(times[label])})"
        n = 1
        while name in seen:  # a header that is itself written 'Name (2nd)'
            n += 1
            name = f"{label}_{n}"
        seen.add(name)
        names.append(name)
    return names


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 22nd."""
    suffix = "th" if 11 <= number % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def repeated_headers(labels: list[str | None], names: list[str], columns: dict[str, int]) -> dict[str, str]:
    """A header written over several columns -> what was made of them, said in the file's words: the first is
    the one read (a repeated header is never read twice, see screener.io.columns.map_columns) and every one is
    kept in the report under its name. ``columns``: canonical field -> column read."""
    read_as = {col: field for field, col in columns.items()}
    where: dict[str, list[int]] = {}
    for col, label in enumerate(labels):
        if label and col < len(names):
            where.setdefault(label, []).append(col)
    said = {}
    for label, cols in where.items():
        if len(cols) < 2:
            continue
        read = [
            f"the {ordinal(n)} is read as the {field_words(read_as[c])}"
            for n, c in enumerate(cols, start=1)
            if c in read_as
        ]
        kept = ", ".join(f"'{names[c]}'" for c in cols)
        said[label] = (
            f"{len(cols)} columns are headed '{label}': "
            + ("; ".join(read) if read else "none of them is read as a supplier field")
            + f"; all are kept in the report, as {kept}. If another of them holds what should be read, give each "
            "its own header and run again"
        )
    return said


def build_table(
    grid: Grid, header: HeaderChoice, source_file: str, cell_formats: dict[tuple[int, int], str] | None = None
) -> Table:
    """Supplier rows below the header, with canonical fields and a reject reason where one applies;
    ``cell_formats`` (xlsx: (Excel row, column) -> number format of the first rows) gives each input column the
    number format of its first formatted cells below the header."""
    cells = grid.cell_columns
    names = output_names(header.labels, len(cells))
    data = grid.frame.slice(header.data_start).rename(dict(zip(cells, names, strict=True)))
    data = _drop_unnamed_empty_columns(data, names, header.labels)
    kept = set(data.columns)  # once: data.columns builds a new list on every call (quadratic in wide files)
    inputs = [n for n in names if n in kept]
    data, empty_rows, blank_rows = _without_blank_rows(data, inputs)
    mapping, spend_choice = latest_spend_column(header.labels, header.mapping)
    column_map = {f: names[col] for f, col in mapping.columns.items()}
    canonical = [
        f
        for f in (*CANONICAL_SUPPLIER_FIELDS, *WORKER_VOICE_FIELDS)
        if f in column_map or f in CORE_SUPPLIER_FIELDS
    ]
    unclean = _with_invisible_characters(data, [column_map[f] for f in canonical if f in column_map])
    frame = data.select(
        pl.lit(source_file, dtype=pl.String).alias(SOURCE_FILE),
        pl.lit(grid.sheet, dtype=pl.String).alias(SOURCE_SHEET),
        pl.col(LINE).cast(pl.Int64).alias(SOURCE_ROW),
        *[_canonical(column_map.get(f), f, column_map.get(f) in unclean).alias(f) for f in canonical],
        *[pl.col(n) for n in inputs],
    )
    name_label = header.labels[mapping.columns[NAME]] if NAME in mapping.columns else None
    frame = frame.with_columns(_reject_reason(column_map, inputs, name_label).alias(REASON_COLUMN))
    formats = _column_formats(grid, header, names, kept, cell_formats or {})
    choices = {SPEND: spend_choice} if spend_choice else {}
    repeated = repeated_headers(header.labels, names, mapping.columns)
    return Table(frame, column_map, empty_rows, blank_rows, choices, formats, repeated)


def _column_formats(
    grid: Grid,
    header: HeaderChoice,
    names: list[str],
    kept: set[str],
    cell_formats: dict[tuple[int, int], str],
) -> dict[str, str]:
    """Input column -> the number format its first formatted data cell had in the workbook."""
    if not cell_formats or header.data_start >= grid.frame.height:
        return {}
    first = int(grid.frame.get_column(LINE)[header.data_start])
    formats: dict[str, str] = {}
    for (row, col), code in sorted(cell_formats.items()):
        if row >= first and col < len(names) and names[col] in kept:
            formats.setdefault(names[col], code)
    return formats


def _drop_unnamed_empty_columns(
    data: pl.DataFrame, names: list[str], labels: list[str | None]
) -> pl.DataFrame:
    """Columns with neither a header nor any value (formatting ghosts at the sheet's right edge) carry nothing."""
    unnamed = [name for col, name in enumerate(names) if not (col < len(labels) and labels[col])]
    if not unnamed:
        return data
    nulls = data.select(pl.col(unnamed).null_count()).row(0) if data.height else [0] * len(unnamed)
    return data.drop([name for name, count in zip(unnamed, nulls, strict=True) if count == data.height])


def _without_blank_rows(data: pl.DataFrame, inputs: list[str]) -> tuple[pl.DataFrame, int, list[int]]:
    """Drop rows whose every cell is blank (or a ruler line): (the rest, how many were dropped, the Excel rows of
    those between the header and the last filled row, for the report to name). Blank rows below the last filled
    row are the sheet's end (a stray space at row 600,000 makes Excel's used range that long), not a gap."""
    if not inputs:
        return data.clear(), data.height, []
    blank = pl.all_horizontal(pl.col(c).is_null() | pl.col(c).str.contains(BLANK_CELL) for c in inputs)
    mask = data.select(blank).to_series()
    filled = (~mask).arg_true()
    inside = mask.head(int(filled[-1]) + 1) if len(filled) else mask.clear()
    rows = data.head(inside.len()).filter(inside).get_column(LINE).cast(pl.Int64).to_list()
    return data.filter(~mask), int(mask.sum()), rows


def _with_invisible_characters(data: pl.DataFrame, sources: list[str]) -> set[str]:
    """The columns holding an invisible character in any cell (one search per column: most hold none, and
    replacing in a column that holds none costs three times as much)."""
    sources = list(dict.fromkeys(sources))
    if not sources or data.is_empty():
        return set()
    found = data.select(pl.col(c).str.contains(INVISIBLE_CHARACTERS).any().alias(c) for c in sources)
    return {column for column, has in found.row(0, named=True).items() if has}


def _canonical(source: str | None, field: str, unclean: bool = False) -> pl.Expr:
    """A canonical field: the input column's text with surrounding whitespace stripped, blank as null.

    An Excel date read as text carries a midnight time ("2023-05-04 00:00:00"); audit_date drops it. Invisible
    characters (a zero-width space, a byte-order mark, a stray control character) are left out: 'Total\u200b' is
    a totals row and 'Chi\u200bna' China (screener.quality.invisible_characters says where they were); ``unclean``
    says the column holds any.
    """
    if source is None:
        return pl.lit(None, dtype=pl.String)
    visible = pl.col(source)
    if unclean:
        visible = visible.str.replace_all(FORMAT_CHARACTERS, "").str.replace_all(CONTROL_CHARACTERS, " ")
    stripped = visible.str.strip_chars()
    if field == AUDIT_DATE:
        stripped = stripped.str.replace(r"^(\d{4}-\d{2}-\d{2}) 00:00:00$", "${1}")
    return pl.when(stripped.str.len_bytes() > 0).then(stripped)


def _shortened(text: pl.Expr, limit: int = 60) -> pl.Expr:
    """A value quoted in a reason, cut to ``limit`` characters so a 32k-character cell stays readable."""
    return pl.when(text.str.len_chars() > limit).then(text.str.slice(0, limit) + "...").otherwise(text)


def _folded(column: str) -> pl.Expr:
    return pl.col(column).str.to_lowercase().str.strip_chars()


def _notes_below_table(inputs: list[str], totals: pl.Expr) -> pl.Expr:
    """Lines under the table ('Source: SAP export 07.12.2026', 'Prepared by: J. Smith', '* excl. VAT'): rows of
    one filled cell after the last row of several, set apart from it by a blank row or by being under a totals
    row. A sheet of names alone (no row of several cells) has no such notes."""
    filled = pl.sum_horizontal(
        (pl.col(c).is_not_null() & (pl.col(c).str.strip_chars() != "")).cast(pl.Int32) for c in inputs
    )
    row = pl.col(SOURCE_ROW)
    last = pl.when(filled >= 2).then(row).max()
    after = (row > last).fill_null(False)
    blank_between = (row - last) > after.cast(pl.Int64).cum_sum()
    under_totals = pl.when(row == last).then(totals).max().fill_null(False)
    return after & (filled == 1) & (blank_between | under_totals)


def _reject_reason(column_map: dict[str, str], inputs: list[str], name_label: str | None = None) -> pl.Expr:
    """Why a row is not a supplier (null when it is one): a totals row, a repeated header, a page line of a
    printed export, or no usable name.
    The name column is called by the header the file gives it (``name_label``), not its output name: a header
    'name' is carried as column input_name, but the officer's file says 'name'."""
    name = pl.col(NAME)
    name_header = name_label or column_map[NAME]
    label_columns = [NAME] + ([SUPPLIER_ID] if SUPPLIER_ID in column_map else []) + inputs[:1]
    is_total_label = pl.any_horizontal(
        _folded(c).str.contains(TOTALS_LABEL).fill_null(False) for c in label_columns
    )
    if SPEND in column_map:
        has_number = pl.col(SPEND).str.contains(NUMBER).fill_null(False)
    else:
        has_number = pl.any_horizontal(pl.col(c).str.contains(NUMBER).fill_null(False) for c in inputs)
    lower = name.str.to_lowercase()
    header_again = lower == " ".join(name_header.split()).lower()
    unusable = name.is_null() | ~name.str.contains(r"\p{L}") | lower.is_in(NOT_A_NAME)
    # A section title ('Lieferanten Asien') above the header repeated for the next block: only the name cell is
    # filled and the next filled row is the header again.
    others = [c for c in inputs if c != column_map[NAME]]
    only_name = pl.all_horizontal(pl.col(c).is_null() for c in others) if others else pl.lit(False)
    section_title = only_name & header_again.shift(-1).fill_null(False)
    notes = _notes_below_table(inputs, is_total_label & has_number)
    found = (
        pl.when(name.is_not_null())
        .then(pl.concat_str(pl.lit(" (found '"), _shortened(name), pl.lit("')")))
        .otherwise(pl.lit(""))
    )
    # A totals label with a number, or alone on its row (its sums are formulas a program wrote without saved
    # values, so they read empty): a row naming only "Total" is no supplier.
    return (
        pl.when(is_total_label & (has_number | only_name.fill_null(False)))
        .then(pl.lit("totals row"))
        .when(header_again.fill_null(False))
        .then(pl.lit(f"header row repeated ('{name_header}')"))
        .when(lower.str.strip_chars().str.contains(PAGE_LINE).fill_null(False))
        .then(pl.concat_str(pl.lit("page line of a printed export (found '"), _shortened(name), pl.lit("')")))
        .when(notes)
        .then(
            pl.concat_str(
                pl.lit("note below the table (found '"),
                _shortened(pl.coalesce(*[pl.col(c) for c in inputs])),
                pl.lit("'): one cell filled, after the last supplier and a blank or totals row"),
            )
        )
        .when(section_title.fill_null(False))
        .then(
            pl.concat_str(
                pl.lit("section title above a repeated header (found '"), _shortened(name), pl.lit("')")
            )
        )
        .when(unusable)
        .then(pl.concat_str(pl.lit(f"no supplier name in column '{name_header}'"), found))
        .otherwise(pl.lit(None, dtype=pl.String))
    )
