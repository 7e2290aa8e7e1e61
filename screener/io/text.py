"""Reading csv / tsv / txt supplier tables as text grids: encoding and delimiter sniffed, every value kept as text.

polars does the parsing (fast, bounded memory); Python's csv module only looks at the first records to choose the
delimiter, and takes over when polars refuses a file (a record with more fields than any early one, a stray quote).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import tempfile
from pathlib import Path

import polars as pl

from screener.contracts import ReadLimits
from screener.errors import InputFileError
from screener.io.grid import LINE, Grid, positional
from screener.io.sniff import CHUNK, count_lines, too_many_columns, too_many_rows

DELIMITERS = (",", ";", "\t", "|")
SNIFF_CHARS = 1 << 16
SNIFF_RECORDS = 50
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


# Excel's delimiter hint, the first line of many European csv exports: Excel obeys it and does not show it.
EXCEL_HINT = re.compile(r"sep=(.)\r?\n")


def read_text_table(
    path: Path, shown: str, encoding: str, limits: ReadLimits, replace_invalid: bool = False
) -> tuple[Grid, str]:
    """The whole text table as a grid, and the delimiter used. ``replace_invalid``: bytes not valid in
    ``encoding`` become U+FFFD (the sniffer counted them) instead of failing."""
    lines, _quoted = count_lines(path)
    if lines > limits.max_rows + 1:
        raise too_many_rows(shown, lines, limits)
    with tempfile.TemporaryDirectory(prefix="screener-csv-") as scratch:
        data = _utf8_source(path, encoding, Path(scratch), replace_invalid)
        head = _head_text(data)
        if not head.strip():
            raise InputFileError(
                f"Supplier file '{shown}' holds no data (only blank lines).", hint="Export it again."
            )
        delimiter = sniff_delimiter(head)
        width = _max_fields(head, delimiter)
        if width > limits.max_columns:  # the head alone has more fields than allowed: nothing more is read
            raise too_many_columns(shown, width, limits)
        try:
            frame = _polars_grid(data, delimiter, width)
        except (pl.exceptions.ComputeError, pl.exceptions.SchemaError, pl.exceptions.NoDataError):
            frame = _python_grid(data, delimiter, shown, limits)
    if EXCEL_HINT.match(
        head
    ):  # Excel reads 'sep=;' as an instruction and does not show it: row 1 is the next
        frame = frame.slice(1).with_columns(pl.col(LINE) - 1)
    return Grid(frame, sheet=None), delimiter


def _utf8_source(path: Path, encoding: str, scratch: Path, replace_invalid: bool = False) -> Path:
    """polars reads valid UTF-8 (BOM or not) straight from the input; anything else is transcoded to a scratch file
    first, in chunks, so memory stays bounded whatever the file's size. The input itself is only ever read."""
    if encoding in ("utf-8", "utf-8-sig") and not replace_invalid:
        return path
    target = scratch / "utf8.csv"
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace" if replace_invalid else "strict")
    with path.open("rb") as source, target.open("wb") as out:
        while chunk := source.read(CHUNK):
            out.write(decoder.decode(chunk).encode("utf-8"))
        out.write(decoder.decode(b"", final=True).encode("utf-8"))
    return target


def _head_text(data: Path) -> str:
    with data.open("rb") as handle:
        raw = handle.read(SNIFF_CHARS)
    return raw.decode("utf-8", errors="ignore").lstrip("\ufeff")


def _sample_records(head: str, delimiter: str) -> list[list[str]]:
    """The first complete records of the head (the last, maybe cut, record is left out)."""
    lines = head.splitlines(keepends=True)
    if len(lines) > 1:
        lines = lines[:-1]
    reader = csv.reader(io.StringIO("".join(lines[: SNIFF_RECORDS * 4])), delimiter=delimiter)
    records = []
    try:
        for record in reader:
            records.append(record)
            if len(records) >= SNIFF_RECORDS:
                break
    except csv.Error:
        pass
    return records


def sniff_delimiter(head: str) -> str:
    """The delimiter that splits the most early records into the same number (>1) of fields.

    Excel's own hint line ``sep=;`` on the first line wins when present.
    """
    hint = EXCEL_HINT.match(head)
    if hint and hint.group(1) in DELIMITERS:
        return hint.group(1)
    best, best_key = ",", (0, 0, 0)
    for rank, delimiter in enumerate(DELIMITERS):
        counts = [len(r) for r in _sample_records(head, delimiter) if any(cell.strip() for cell in r)]
        multi = [n for n in counts if n > 1]
        if not multi:
            continue
        modal = max(set(multi), key=lambda n: (multi.count(n), n))
        key = (multi.count(modal), modal, -rank)
        if key > best_key:
            best, best_key = delimiter, key
    return best


def _max_fields(head: str, delimiter: str) -> int:
    return max((len(r) for r in _sample_records(head, delimiter)), default=1) or 1


def _polars_grid(data: Path, delimiter: str, width: int) -> pl.DataFrame:
    schema = {f"c{i}": pl.String for i in range(width)}
    frame = pl.read_csv(
        data,
        has_header=False,
        separator=delimiter,
        schema=schema,
        missing_columns="insert",
        quote_char='"',
        raise_if_empty=False,
    )
    return with_record_numbers(frame)


def with_record_numbers(frame: pl.DataFrame) -> pl.DataFrame:
    """Number the records 1, 2, ... (the header record is 1): the row Excel shows when it opens the csv. A quoted
    field holding a line break is still one record, so it does not shift the rows after it; a blank line is a
    record (an empty row in Excel)."""
    return frame.with_columns(pl.int_range(1, pl.len() + 1, dtype=pl.Int64).alias(LINE))


def _python_grid(data: Path, delimiter: str, shown: str, limits: ReadLimits) -> pl.DataFrame:
    """Slow path for files polars refuses: Python's csv module, records numbered as Excel shows them; an error
    names the line where the bad record starts."""
    stream = io.StringIO(data.read_bytes().decode("utf-8-sig"), newline="")
    reader = csv.reader(stream, delimiter=delimiter, strict=True)
    rows, line = [], 1
    try:
        for record in reader:
            rows.append(record)
            line = reader.line_num + 1
    except csv.Error as exc:
        raise InputFileError(
            f"'{shown}' cannot be read as a {DELIMITER_NAMES[delimiter]}-separated table near line {line}: {exc}.",
            hint='Check that quotes (") are balanced, or export the file again from the source system.',
        ) from exc
    width = max((len(r) for r in rows), default=1) or 1
    if width > limits.max_columns:  # a long record past the head: refused before any frame is built
        raise too_many_columns(shown, width, limits)
    padded = [[cell if cell != "" else None for cell in r] + [None] * (width - len(r)) for r in rows]
    frame = pl.DataFrame(padded, schema=[f"c{i}" for i in range(width)], orient="row")
    return with_record_numbers(positional(frame))
