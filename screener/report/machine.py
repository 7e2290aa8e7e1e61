"""Machine formats: csv (a folder, one file per table), json (one document), parquet (a folder, one file per table).

Each carries the same tables as the workbook under their machine column names, plus ``manifest.json`` (json: a
``manifest`` member) saying how the run was made and how text was escaped.

Why machine names and not the workbook's headers: a program reads ``name``, ``spend_converted``, ``tier`` by the
data contracts of screener.schema, which stay the same whatever a supplier file calls its columns and however a
workbook label is worded ("Spend (EUR)" names this run's currency). The file's own columns keep the file's headers,
but a header that is one of those names is carried as ``input_<header>`` (the file's own ``name`` column as
``input_name``, beside the tool's ``name``). The manifest's ``report.labels`` gives, per table, the workbook's header
of every column whose header differs from its machine name, so the two can be put side by side.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import polars as pl

from screener.report.labels import column_labels, run_labels
from screener.report.tables import flatten_nested, mixed_columns
from screener.report.typed_columns import MACHINE_NUMBER

CSV_FORMULA_PREFIX = r"^[=+\-@\t\r]"
# A formula character right after a separator (quotes and spaces between allowed): a program that splits the line
# on another delimiter than ours starts a cell there.
CSV_FORMULA_AFTER_SEPARATOR = r"([,;\t|][\"\s]*)([=+\-@])"
CSV_ESCAPING_NOTE = (
    "Text cells that begin with =, +, -, @, a tab or a carriage return are prefixed with a single quote (') so that "
    "spreadsheet programs show them as text instead of running them as formulas; remove the first character of "
    "such cells to get the original value. Inside a text cell, a ' is put between a separator (, ; tab |) and an "
    "=, +, - or @ that follows it, and every text cell is in double quotes, so a program that splits lines on ; "
    "or a tab (Excel in many European locales) cannot start a formula in the middle of one."
)
# Text always quoted, numbers never: with only the delimiter quoted, 'Acme;=cmd|...' reached a European Excel
# (which splits on ;) as a cell beginning with =.
CSV_QUOTE_STYLE = "non_numeric"


def report_manifest(screening, tables: dict[str, pl.DataFrame], fmt: str, **extra) -> dict:
    """The run manifest plus what this report holds (table names and row counts, format, escaping)."""
    manifest = dict(screening.manifest or {})
    manifest["report"] = {
        "format": fmt,
        "tables": {name: frame.height for name, frame in tables.items()},
        "labels": workbook_headers(screening, tables),
        **extra,
    }
    return manifest


def workbook_headers(screening, tables: dict[str, pl.DataFrame]) -> dict[str, dict[str, str]]:
    """Per table, machine column name -> the header the workbook gives that column, where the two differ
    (``input_name`` -> ``name``, ``spend_converted`` -> ``Spend (EUR)``)."""
    run = run_labels(screening)
    return {
        name: {
            column: label
            for column, label in zip(frame.columns, column_labels(frame.columns, run), strict=True)
            if label != column
        }
        for name, frame in tables.items()
    }


def _dump(document) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False, default=str)


def escape_formula_text(frame: pl.DataFrame) -> pl.DataFrame:
    """Prefix ``'`` to every text cell (and header) that a spreadsheet would read as a formula."""
    strings = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    inner = (
        frame.select(pl.col(strings).str.contains(CSV_FORMULA_AFTER_SEPARATOR).any()).row(0)
        if strings
        else ()
    )
    with_inner = {name for name, found in zip(strings, inner, strict=True) if found}
    escaped = frame.with_columns(
        pl.when(pl.col(c).str.contains(CSV_FORMULA_PREFIX))
        .then(pl.lit("'") + _inner_escaped(c, c in with_inner))
        .otherwise(_inner_escaped(c, c in with_inner))
        .alias(c)
        for c in strings
    )
    renames = {c: f"'{c}" for c in escaped.columns if c[:1] in ("=", "+", "-", "@", "\t", "\r")}
    return escaped.rename(renames) if renames else escaped


def _inner_escaped(column: str, needed: bool) -> pl.Expr:
    text = pl.col(column)
    return text.str.replace_all(CSV_FORMULA_AFTER_SEPARATOR, "${1}'${2}") if needed else text


def write_csv_folder(screening, tables: dict[str, pl.DataFrame], folder: Path) -> None:
    """suppliers.csv, matches.csv, indicators.csv, rejected.csv and manifest.json in ``folder`` (UTF-8)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        escape_formula_text(flatten_nested(frame)).write_csv(
            folder / f"{name}.csv", quote_style=CSV_QUOTE_STYLE
        )
    manifest = report_manifest(screening, tables, "csv", text_escaping=CSV_ESCAPING_NOTE, list_separator="; ")
    (folder / "manifest.json").write_text(_dump(manifest), encoding="utf-8")


def write_parquet_folder(screening, tables: dict[str, pl.DataFrame], folder: Path) -> None:
    """One parquet file per table (types kept, lists stay lists) and manifest.json in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        frame.write_parquet(folder / f"{name}.parquet")
    (folder / "manifest.json").write_text(
        _dump(report_manifest(screening, tables, "parquet")), encoding="utf-8"
    )


def write_json_document(screening, tables: dict[str, pl.DataFrame], path: Path) -> None:
    """One JSON object: ``manifest`` then one array of row objects per table (streamed table by table)."""
    manifest = report_manifest(screening, tables, "json")
    mixed = mixed_columns(screening, tables["suppliers"]) if "suppliers" in tables else set()
    with path.open("w", encoding="utf-8") as out:
        out.write('{\n"manifest": ')
        out.write(_dump(manifest))
        for name, frame in tables.items():
            out.write(f',\n"{name}": ')
            write_json_rows(frame, out, mixed if name == "suppliers" else set())
        out.write("\n}\n")


JSON_CHUNK_BYTES = 64_000_000  # rows go to polars' json writer in pieces of about this size
JSON_ROW_ALONE_BYTES = 512_000_000  # a row larger than this is encoded by Python's json module


def write_json_rows(frame: pl.DataFrame, out, mixed: set[str] = frozenset()) -> None:
    """The rows as one JSON array, written in pieces of about JSON_CHUNK_BYTES: a table holding a 200 MB cell (in
    several columns) had made polars' writer abort the process, leaving an empty file. In the ``mixed`` text
    columns (number cells among text, see :func:`~screener.report.tables.mixed_columns`) a number cell leaves as a
    JSON number, as the workbook writes it as a number cell."""
    sizes = _row_bytes(frame)
    if sum(sizes) <= JSON_CHUNK_BYTES:  # the usual case: one piece, as polars writes it
        out.write(_json_rows(frame, mixed))
        return
    out.write("[")
    written = False
    start = 0
    while start < frame.height:
        end = _chunk_end(sizes, start)
        chunk = frame.slice(start, end - start)
        if end - start == 1 and sizes[start] > JSON_ROW_ALONE_BYTES:
            inner = json.dumps(
                _numbers_typed(chunk.rows(named=True), mixed)[0], ensure_ascii=False, default=str
            )
        else:
            inner = _json_rows(chunk, mixed).strip()[1:-1]
        if inner.strip():
            out.write(("," if written else "") + inner)
            written = True
        start = end
    out.write("]")


def _row_bytes(frame: pl.DataFrame) -> list[int]:
    texts = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    if not texts or frame.is_empty():
        return [frame.width * 32] * frame.height
    lengths = frame.select(pl.sum_horizontal(pl.col(texts).str.len_bytes().fill_null(0)).alias("n"))
    return [int(n) + frame.width * 32 for n in lengths.get_column("n").to_list()]


def _chunk_end(sizes: list[int], start: int) -> int:
    total, end = 0, start
    while end < len(sizes) and (end == start or total + sizes[end] <= JSON_CHUNK_BYTES):
        total += sizes[end]
        end += 1
    return end


def _json_rows(frame: pl.DataFrame, mixed: set[str] = frozenset()) -> str:
    """Rows as a JSON array; types polars cannot encode (objects) as text; number cells of ``mixed`` columns as
    numbers (polars writes a column in one type, so those rows go through Python's json module)."""
    odd = [name for name, dtype in frame.schema.items() if dtype == pl.Object]
    if odd:
        frame = frame.with_columns(pl.col(odd).map_elements(str, return_dtype=pl.String))
    text = frame.write_json()
    if not mixed & set(frame.columns):
        return text
    rows = _numbers_typed(json.loads(text), mixed)
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


_MACHINE_NUMBER = re.compile(MACHINE_NUMBER)


def _numbers_typed(rows: list[dict], mixed: set[str]) -> list[dict]:
    """``rows`` with every number cell of the ``mixed`` columns as an int or a float (a date cell stays the ISO
    date text polars writes for a date column)."""
    for row in rows:
        for column in mixed & row.keys():
            value = row[column]
            if isinstance(value, str) and _MACHINE_NUMBER.match(text := value.strip()):
                row[column] = float(text) if "." in text else int(text)
    return rows
