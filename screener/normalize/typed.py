"""Dates of the supplier file as dates: ``audit_date_value`` typed beside the audit date as given.

Each file's audit-date column is read by the one date parser (screener.normalize.dates). A slashed date such as
``04/05/2023`` is read in the order the column's other dates show (``31/12/2023`` beside it: day first); when they
show none or both, it is left unread and listed with the other unreadable dates. A date read by the column's order
is written back into the canonical ``audit_date`` as YYYY-MM-DD, so the rules and the risk model read the same day.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import polars as pl

from screener.normalize.dates import read_date, slash_order
from screener.schema import AUDIT_DATE, AUDIT_DATE_VALUE, ROW_ID, SOURCE_FILE, SOURCE_ROW, SOURCE_SHEET


def add_audit_dates(suppliers: pl.DataFrame, inputs: Sequence) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Suppliers with ``audit_date_value``; and one problem row per audit date that could not be read."""
    if AUDIT_DATE not in suppliers.columns:
        return suppliers, pl.DataFrame()
    headers = {(i.path, i.sheet): (i.column_map or {}).get(AUDIT_DATE, AUDIT_DATE) for i in inputs}
    dates, texts, problems = [], [], []
    for (source, sheet), part in suppliers.group_by(SOURCE_FILE, SOURCE_SHEET, maintain_order=True):
        values = part.get_column(AUDIT_DATE)
        order = slash_order(values)
        reads = {text: read_date(text, order) for text in values.unique().to_list()}
        plain = {text: read_date(text) for text in reads}
        for row_id, row, text in part.select(ROW_ID, SOURCE_ROW, AUDIT_DATE).iter_rows():
            read = reads[text]
            dates.append((row_id, read.date))
            resolved = read.date is not None and plain[text].date is None
            texts.append((row_id, read.date.isoformat() if resolved else text))
            if read.problem and text is not None:
                column = headers.get((source, sheet), AUDIT_DATE)
                check = "ambiguous_date" if read.problem.startswith("ambiguous") else "unparseable_date"
                problems.append((row_id, check, source, sheet, row, column, text, read.problem))
    typed = pl.DataFrame(
        {
            ROW_ID: [r for r, _ in dates],
            AUDIT_DATE_VALUE: [d for _, d in dates],
            "_text": [t for _, t in texts],
        },
        schema={ROW_ID: pl.Int64, AUDIT_DATE_VALUE: pl.Date, "_text": pl.String},
    )
    joined = suppliers.join(typed, on=ROW_ID, how="left", maintain_order="left")
    joined = joined.with_columns(pl.col("_text").alias(AUDIT_DATE)).drop("_text")
    problem_frame = pl.DataFrame(
        problems,
        schema=[ROW_ID, "check", SOURCE_FILE, SOURCE_SHEET, SOURCE_ROW, "column", "value", "detail"],
        orient="row",
    )
    return joined, problem_frame


# How calamine gives a number cell and a date cell as text; csv files may hold the same plain forms.
MACHINE_NUMBER = r"^-?(?:0|[1-9]\d{0,14})(?:\.\d+)?$"  # no leading zero (0042 is an ID), at most 15 digits
MACHINE_DATE = r"^\d{4}-\d{2}-\d{2}(?: 00:00:00)?$"
MACHINE_DATETIME = r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$"
# Headers of columns that hold codes, never amounts, even when every value is digits.
CODE_HEADER = re.compile(
    r"(?i)(?:\b(?:id|no|nr|nb|num|zip|plz|cap|tel|fax|iban|bic|vat|lei|duns|imo|sap|erp|ust|org|plant|werk)\b|"
    r"number|nummer|buchungskreis|"
    r"numéro|numero|número|code|código|codice|postal|phone|telefon|tax|steuer|kennung|编号|代码|号码|番号|邮编)"
)


def typed_input_columns(suppliers: pl.DataFrame, code_columns: set[str]) -> pl.DataFrame:
    """The input's own columns typed where every value is a plain number (a number cell as calamine gives it)
    or a date (a date cell): spend, audit dates and survey scores sort as numbers and dates in every report.
    Columns named like codes (ID, number, postal code, VAT...) and ``code_columns`` stay text, as do columns
    with any other value."""
    from screener.io.table import RESERVED

    candidates = [
        name
        for name, dtype in suppliers.schema.items()
        if dtype == pl.String
        and name not in RESERVED
        and name not in code_columns
        and not CODE_HEADER.search(name)
    ]
    if not candidates:
        return suppliers
    stripped = [pl.col(c).str.strip_chars() for c in candidates]
    checks = suppliers.select(
        *[
            (s.is_not_null() & (s != "")).any().alias(f"{c}\x00any")
            for c, s in zip(candidates, stripped, strict=True)
        ],
        *[
            s.str.contains(MACHINE_NUMBER).all().alias(f"{c}\x00num")
            for c, s in zip(candidates, stripped, strict=True)
        ],
        *[
            s.str.contains(r"\.").any().alias(f"{c}\x00dec")
            for c, s in zip(candidates, stripped, strict=True)
        ],
        *[
            s.str.contains(MACHINE_DATE).all().alias(f"{c}\x00date")
            for c, s in zip(candidates, stripped, strict=True)
        ],
        *[
            s.str.contains(MACHINE_DATETIME).all().alias(f"{c}\x00time")
            for c, s in zip(candidates, stripped, strict=True)
        ],
    ).row(0, named=True)
    typed = []
    for name in candidates:
        value = pl.col(name).str.strip_chars()
        if not checks[f"{name}\x00any"]:
            continue
        if checks[f"{name}\x00num"]:
            typed.append(value.cast(pl.Float64 if checks[f"{name}\x00dec"] else pl.Int64).alias(name))
        elif checks[f"{name}\x00date"]:
            typed.append(value.str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False).alias(name))
        elif checks[f"{name}\x00time"]:
            typed.append(value.str.replace("T", " ").str.to_datetime(strict=False).alias(name))
    return suppliers.with_columns(typed) if typed else suppliers
