"""The large data sheets' cells as SpreadsheetML built by polars string expressions, spliced into the package
xlsxwriter wrote.

xlsxwriter spends ~6 us of Python per cell; 100k suppliers are ~3.7M cells. So for a large sheet xlsxwriter
writes everything except the data rows (header, widths, frozen panes, filter and dropdown over the full range,
styles), plus one placeholder row holding a blank cell in each format the data needs: the ``s`` index Excel reads
from those cells is the style index of that format (read back from the file, no private xlsxwriter state). Then
``splice_sheets`` copies the package entry by entry, in order, replacing each such sheet's rows after the header
with rows built here, one string per row, vectorised, in bounded chunks.

The cells are the ones xlsxwriter's constant-memory mode writes for the same values: inline strings (never
formulas, whatever the text starts with; an empty text too), numbers as ``<v>``, booleans as ``t="b"``, null cells
left out. Text is escaped as xlsxwriter escapes it: ``& < >`` as entities; control characters
other than tab and line feed, and U+FFFE/U+FFFF, as Excel's ``_xHHHH_`` escape (a literal ``_xHHHH_`` in the text
gets its underscore escaped), so readers decode the same text; ``xml:space="preserve"`` when the text begins or
ends with white space. polars strings are UTF-8, so a lone surrogate cannot reach here. Numbers are written in
polars' shortest round-trip form (xlsxwriter writes 16 significant digits: same value to Excel's 15 digits).

The spliced sheets are deflated by ISA-L (the isal package) rather than zlib: the same deflate format every zip
reader reads, at a fraction of the CPU (100k suppliers, 295 MB of sheet XML: zlib level 3 1.6 s, ISA-L level 2
0.3 s, for 31 -> 34 MB of workbook).
"""

from __future__ import annotations

import os
import queue
import re
import stat
import tempfile
import threading
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Literal

import polars as pl
from isal import isal_zlib

from screener.io.number_formats import xml_unescape

# In a "mixed" column (input text holding number and date cells), the cells written as a number and as a date;
# the same patterns as screener.report.typed_columns (not imported: this module knows only cells).
MIXED_NUMBER = r"^-?(?:0|[1-9]\d{0,14})(?:\.\d+)?$"
MIXED_DATE = r"^\d{4}-\d{2}-\d{2}$"
EXCEL_EPOCH_DATE = "1899-12-30"
PLACEHOLDER_ROW = 2  # the 1-based sheet row holding one blank cell per format slot
CHUNK_ROWS = 10_000
# zlib's level for the entries copied from xlsxwriter's package (small: the big sheets' rows are spliced in)
COMPRESS_LEVEL = 3
# ISA-L's level (0-3) for the spliced sheets. The shared 100k workbook's Suppliers sheet (187 MB of XML), CPU
# seconds and MB deflated: zlib 1 / 3 / 6: 0.79 / 1.01 / 2.06 s, 25.5 / 23.0 / 20.0 MB; ISA-L 1 / 2 / 3: 0.18 /
# 0.19 / 0.60 s, 25.5 / 25.3 / 24.6 MB.
SPLICED_LEVEL = 2
ZLIB_COMPRESSOR = type(zlib.compressobj())  # what zipfile deflates an entry with
ZIP64_ABOVE_BYTES = 3_500_000_000  # a sheet entry this large (uncompressed, estimated) needs zip64 headers
XML_TEXT_SPECIALS = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
ESCAPED_CONTROLS = [chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20))] + ["\ufffe", "\uffff"]
CONTROL_PATTERN = "[\x00-\x08\x0b-\x1f\ufffe\uffff]"
EXCEL_ESCAPE_PATTERN = "(_x[0-9a-fA-F]{4}_)"
NEEDS_ESCAPING = f"{EXCEL_ESCAPE_PATTERN}|{CONTROL_PATTERN}|[&<>]"
# white space at either end, not counting the control characters that become _xHHHH_ escapes (as xlsxwriter)
LEADING_OR_TRAILING_SPACE = r"^[\s&&[^\x0b-\x1f]]|[\s&&[^\x0b-\x1f]]$"


@dataclass(frozen=True)
class ColumnCells:
    """How one column's cells are written: ``kind`` of cell and the format slot (position of its blank cell in
    the placeholder row); ``slots_by_text`` picks the slot by the cell's lower-cased text (tier colours),
    ``slot`` otherwise."""

    name: str
    kind: Literal["text", "number", "boolean", "mixed"]
    slot: int
    slots_by_text: dict[str, int] = field(default_factory=dict)
    number_slot: int = (
        0  # "mixed": text, with number and date cells (MIXED_NUMBER, MIXED_DATE) in these slots
    )
    date_slot: int = 0


@dataclass(frozen=True)
class SheetRows:
    """A sheet's data rows to splice in: the frame (cells already fitted for Excel), one ColumnCells per column
    in sheet order, and each row's height in points (null: default height) or None."""

    frame: pl.DataFrame
    columns: list[ColumnCells]
    heights: pl.Series | None = None


def column_letter(index: int) -> str:
    """Excel's column letters for a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def escape_text(frame: pl.DataFrame, name: str) -> pl.Expr:
    """The column's text escaped for an inline string (see the module docstring); the Excel-escape and control
    character passes only run for columns that need them."""
    text = pl.col(name)
    column = frame.get_column(name)
    if not column.str.contains(NEEDS_ESCAPING).any():
        return text
    if column.str.contains(EXCEL_ESCAPE_PATTERN).any():
        text = text.str.replace_all(EXCEL_ESCAPE_PATTERN, "_x005F$1")
    if column.str.contains(CONTROL_PATTERN).any():
        present = {ch for ch in ESCAPED_CONTROLS if column.str.contains(ch, literal=True).any()}
        for ch in sorted(present):
            text = text.str.replace_all(ch, f"_x{ord(ch):04X}_", literal=True)
    if column.str.contains("[&<>]").any():
        for special, entity in XML_TEXT_SPECIALS:
            text = text.str.replace_all(special, entity, literal=True)
    return text


@dataclass(frozen=True)
class TextColumns:
    """What the text columns of a sheet need, found once over the whole sheet rather than per chunk of rows:
    each column's escaped text (escape_text) and whether any of its values begins or ends with white space."""

    escaped: dict[str, pl.Expr]
    edge_space: dict[str, bool]

    @classmethod
    def of(cls, sheet: SheetRows) -> TextColumns:
        names = [spec.name for spec in sheet.columns if spec.kind in ("text", "mixed")]
        frame = sheet.frame
        spaced = (
            frame.select(pl.col(names).str.contains(LEADING_OR_TRAILING_SPACE).any()).row(0) if names else ()
        )
        return cls(
            {name: escape_text(frame, name) for name in names},
            {name: bool(found) for name, found in zip(names, spaced, strict=True)},
        )


def _cell_expr(index: int, spec: ColumnCells, row_numbers: pl.Expr, styles: list[int], text: TextColumns):
    """One column's cells as XML text (null where the value is null, so the cell is left out). Each cell is one
    concat_str (null when its value is null): no intermediate string column per piece."""
    value = pl.col(spec.name)
    opening = [pl.lit(f'<c r="{column_letter(index)}'), row_numbers, pl.lit('" s="')]
    if spec.slots_by_text:
        by_text = {text: str(styles[slot]) for text, slot in spec.slots_by_text.items()}
        style = value.str.to_lowercase().replace_strict(
            by_text, default=str(styles[spec.slot]), return_dtype=pl.String
        )
        opening.append(style)
    else:
        opening.append(pl.lit(str(styles[spec.slot])))
    if spec.kind == "number":
        return pl.concat_str([*opening, pl.lit('"><v>'), value.cast(pl.String), pl.lit("</v></c>")])
    if spec.kind == "boolean":
        return pl.concat_str(
            [*opening, pl.lit('" t="b"><v>'), value.cast(pl.UInt8).cast(pl.String), pl.lit("</v></c>")]
        )
    text_cell = _text_cell(spec, opening, text)
    if spec.kind == "mixed":
        return _mixed_cell(value, index, row_numbers, styles, spec, text_cell)
    return text_cell


def _mixed_cell(
    value: pl.Expr, index: int, row_numbers: pl.Expr, styles: list[int], spec, text_cell: pl.Expr
):
    """A number cell where the text is a number, a date cell (its Excel serial) where it is a date, else text."""
    stripped = value.str.strip_chars()
    day = stripped.str.to_date("%Y-%m-%d", strict=False)
    serial = (day - pl.lit(EXCEL_EPOCH_DATE).str.to_date()).dt.total_days()
    serial = pl.when(day < pl.date(1900, 3, 1)).then(serial - 1).otherwise(serial)  # Excel's 29 February 1900
    at = [pl.lit(f'<c r="{column_letter(index)}'), row_numbers, pl.lit('" s="')]
    number = pl.concat_str([*at, pl.lit(f'{styles[spec.number_slot]}"><v>'), stripped, pl.lit("</v></c>")])
    date = pl.concat_str(
        [*at, pl.lit(f'{styles[spec.date_slot]}"><v>'), serial.cast(pl.String), pl.lit("</v></c>")]
    )
    return (
        pl.when(stripped.str.contains(MIXED_NUMBER))
        .then(number)
        .when(stripped.str.contains(MIXED_DATE) & day.is_not_null())
        .then(date)
        .otherwise(text_cell)
    )


def _text_cell(spec, opening: list[pl.Expr], text: TextColumns) -> pl.Expr:
    value = pl.col(spec.name)
    if text.edge_space[spec.name]:
        space = (
            pl.when(value.str.contains(LEADING_OR_TRAILING_SPACE))
            .then(pl.lit(' xml:space="preserve"'))
            .otherwise(pl.lit(""))
        )
        tag = [pl.lit('" t="inlineStr"><is><t'), space, pl.lit(">")]
    else:  # no value of the column needs it: one literal for the whole tag
        tag = [pl.lit('" t="inlineStr"><is><t>')]
    return pl.concat_str([*opening, *tag, text.escaped[spec.name], pl.lit("</t></is></c>")])


def rows_xml(
    sheet: SheetRows,
    styles: list[int],
    offset: int = 0,
    length: int | None = None,
    text: TextColumns | None = None,
) -> pl.Series:
    """``<row>`` elements for data rows offset..offset+length (sheet rows start at 2, under the header);
    ``text``: the sheet's TextColumns (found here when not given)."""
    text = text or TextColumns.of(sheet)
    frame = sheet.frame.slice(offset, length)
    first = offset + 2
    row_numbers = pl.int_range(first, first + frame.height, dtype=pl.Int64).cast(pl.String)
    cells = [_cell_expr(i, spec, row_numbers, styles, text) for i, spec in enumerate(sheet.columns)]
    height = pl.lit("")
    if sheet.heights is not None:
        points = pl.lit(sheet.heights.slice(offset, frame.height))
        height = (
            pl.when(points.is_not_null())
            .then(pl.concat_str([pl.lit(' ht="'), points.cast(pl.String), pl.lit('" customHeight="1"')]))
            .otherwise(pl.lit(""))
        )
    # each column's cells in their own expression (polars builds them in parallel), then one string per row
    parts = frame.select(
        pl.concat_str([pl.lit('<row r="'), row_numbers, pl.lit('"'), height, pl.lit(">")]).alias("_row"),
        *[cell.alias(f"_{i}") for i, cell in enumerate(cells)],
        pl.lit("</row>").alias("_end"),
    )
    row = pl.concat_str(pl.all(), ignore_nulls=True)
    # a row without cells or height is left out, as xlsxwriter leaves it (null rows are skipped by the join)
    has_cells = pl.any_horizontal(
        [pl.col(f"_{i}").is_not_null() for i in range(len(cells))] or [pl.lit(False)]
    )
    if sheet.heights is not None:
        has_cells = has_cells | pl.col("_row").str.contains(" ht=", literal=True)
    return parts.select(pl.when(has_cells).then(row).alias("row")).get_column("row")


def rows_xml_chunks(sheet: SheetRows, styles: list[int], chunk_rows: int = CHUNK_ROWS) -> Iterator[bytes]:
    """All data rows as UTF-8 chunks of ``chunk_rows`` rows (bounded memory)."""
    text = TextColumns.of(sheet)
    for offset in range(0, sheet.frame.height, chunk_rows):
        # joined and turned to bytes by polars: ~2x faster than joining a list of Python strings
        yield rows_xml(sheet, styles, offset, chunk_rows, text).str.join("").cast(pl.Binary).item()


# --- the package splice -------------------------------------------------------------------------------------------


def sheet_entries(package: zipfile.ZipFile) -> dict[str, str]:
    """Zip entry of each worksheet by sheet name (from xl/workbook.xml and its relationships)."""
    workbook = package.read("xl/workbook.xml").decode()
    rels = package.read("xl/_rels/workbook.xml.rels").decode()
    targets = {}
    for rel in re.findall(r"<Relationship\b[^>]*>", rels):
        rel_id, target = re.search(r'\bId="([^"]*)"', rel), re.search(r'\bTarget="([^"]*)"', rel)
        if rel_id and target:
            targets[rel_id.group(1)] = target.group(1)
    entries = {}
    for sheet in re.findall(r"<sheet\b[^>]*>", workbook):
        name, rel_id = re.search(r'\bname="([^"]*)"', sheet), re.search(r'\br:id="([^"]*)"', sheet)
        if name and rel_id and rel_id.group(1) in targets:
            target = targets[rel_id.group(1)]
            path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
            entries[xml_unescape(name.group(1))] = path
    return entries


def split_sheet_xml(xml: str, last_column: int, last_row: int) -> tuple[str, list[int], str]:
    """The written sheet cut around its data rows: text up to the end of the header row (its dimension set to
    the full range), the style index of each placeholder cell by slot, and the text from ``</sheetData>`` on."""
    start = xml.find(f'<row r="{PLACEHOLDER_ROW}"')
    end = xml.find("</sheetData>")
    if start < 0 or end < start:
        raise ValueError("the sheet has no placeholder row to replace")
    placeholder = xml[start : xml.find("</row>", start)]
    styles = []
    for cell in re.findall(r"<c\b[^>]*>", placeholder):
        style = re.search(r'\bs="(\d+)"', cell)
        styles.append(int(style.group(1)) if style else 0)
    full_range = f"A1:{column_letter(last_column)}{last_row}"
    head = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="{full_range}"/>', xml[:start], count=1)
    return head, styles, xml[end:]


def _estimated_bytes(sheet: SheetRows) -> int:
    texts = [c for c, d in sheet.frame.schema.items() if d == pl.String]
    text_bytes = (
        sheet.frame.select(pl.sum_horizontal(pl.col(texts).str.len_bytes().sum())).item() if texts else 0
    )
    return int(text_bytes or 0) * 2 + sheet.frame.height * (len(sheet.columns) * 70 + 40)


def _background(chunks: Iterator[bytes], depth: int = 2) -> Iterator[bytes]:
    """``chunks`` produced on a worker thread (polars and zlib both release the GIL: building the next rows
    overlaps compressing the last)."""
    handoff: queue.Queue = queue.Queue(maxsize=depth)
    done = object()
    stop = threading.Event()

    def produce() -> None:
        try:
            for chunk in chunks:
                if stop.is_set():
                    return
                handoff.put(chunk)
            handoff.put(done)
        except BaseException as error:  # handed to the consumer, raised there
            handoff.put(error)

    worker = threading.Thread(target=produce, daemon=True)
    worker.start()
    try:
        while (item := handoff.get()) is not done:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while worker.is_alive():
            try:
                handoff.get(timeout=0.05)
            except queue.Empty:
                pass
        worker.join()


def deflate_with_isal(entry) -> bool:
    """Make a zip entry opened for writing (``ZipFile.open(name, "w")``, nothing written yet) deflate with ISA-L.

    zipfile has no public way to choose the deflate implementation; its writer calls ``compress`` and ``flush``
    on the ``_compressor`` it made (CPython 3.11-3.14), and ISA-L's raw-deflate compressor has the same two
    methods. Returns False, leaving zlib in place, where that attribute is not there (another Python):
    tests/report/test_sheet_xml.py fails then, so the speed is not lost unnoticed."""
    if not isinstance(getattr(entry, "_compressor", None), ZLIB_COMPRESSOR):
        return False
    entry._compressor = isal_zlib.compressobj(SPLICED_LEVEL, isal_zlib.DEFLATED, -isal_zlib.MAX_WBITS)
    return True


def splice_sheets(path: Path, sheets: dict[str, SheetRows], compress_level: int = COMPRESS_LEVEL) -> None:
    """Rewrite the xlsx package at ``path`` with each named sheet's data rows built from its SheetRows; every
    other entry is copied unchanged and in order. The new package is written beside ``path`` and replaces it."""
    path = Path(path)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".splice", dir=path.parent)
    os.close(handle)
    temp = Path(name)
    try:
        os.chmod(temp, stat.S_IMODE(path.stat().st_mode))  # mkstemp makes 0600: keep the report's mode
        with (
            zipfile.ZipFile(path) as source,
            zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED, compresslevel=compress_level) as target,
        ):
            entries = sheet_entries(source)
            missing = [title for title in sheets if title not in entries]
            if missing:
                raise ValueError(f"no sheet {', '.join(missing)} in the written workbook")
            by_entry = {entries[title]: sheet for title, sheet in sheets.items()}
            for info in source.infolist():
                sheet = by_entry.get(info.filename)
                if sheet is None:
                    target.writestr(info, source.read(info), zipfile.ZIP_DEFLATED, compress_level)
                    continue
                head, styles, tail = split_sheet_xml(
                    source.read(info).decode(), len(sheet.columns) - 1, sheet.frame.height + 1
                )
                slots = [spec.slot for spec in sheet.columns]
                slots += [slot for spec in sheet.columns for slot in spec.slots_by_text.values()]
                if slots and max(slots) >= len(styles):
                    raise ValueError(
                        f"the placeholder row of {info.filename} has {len(styles)} formats, not {max(slots) + 1}"
                    )
                large = _estimated_bytes(sheet) > ZIP64_ABOVE_BYTES
                with target.open(info.filename, "w", force_zip64=large) as out:
                    deflate_with_isal(out)
                    out.write(head.encode())
                    for chunk in _background(rows_xml_chunks(sheet, styles)):
                        out.write(chunk)
                    out.write(tail.encode())
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
