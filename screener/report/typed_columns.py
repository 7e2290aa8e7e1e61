"""The input's own columns typed for the reports: number cells as numbers, date cells as dates.

The reader keeps every input value as text (IDs keep their leading zeros); a report gives back the types a
column evidently had, so spend, audit dates and survey scores sort by value in Excel, csv, json and parquet.
"""

from __future__ import annotations

import re

import polars as pl

from screener.io.table import RESERVED

# How calamine gives a number cell and a date cell as text; csv files may hold the same plain forms.
MACHINE_NUMBER = r"^-?(?:0|[1-9]\d{0,14})(?:\.\d+)?$"  # no leading zero (0042 is an ID), at most 15 digits
MACHINE_DATE = r"^\d{4}-\d{2}-\d{2}(?: 00:00:00)?$"
DATE_CELL = r"^\s*(\d{4}-\d{2}-\d{2}) 00:00:00\s*$"  # a date cell in a column that also holds text
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
        *[
            s.str.contains(DATE_CELL).any().alias(f"{c}\x00cell")
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
        elif checks[
            f"{name}\x00cell"
        ]:  # date cells among text ('05.03.2025', 'n/a'): shown as the input showed them
            typed.append(pl.col(name).str.replace(DATE_CELL, "${1}").alias(name))
    return suppliers.with_columns(typed) if typed else suppliers


ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"  # a date cell among text, as typed_input_columns leaves it


def mixed_input_columns(table: pl.DataFrame, input_columns: set[str]) -> set[str]:
    """Input columns left as text (a column has one type) that hold number or date cells among their text
    ('250000' beside '1.234,56 €', '2024-03-01' beside 'n/a'). The workbook writes those cells one by one as the
    numbers and dates they were; ``input_columns`` are the candidates (codes and names left out by the caller)."""
    candidates = [
        name
        for name, dtype in table.schema.items()
        if dtype == pl.String and name in input_columns and not CODE_HEADER.search(name)
    ]
    if not candidates:
        return set()
    pattern = f"{MACHINE_NUMBER}|{ISO_DATE}"
    found = table.select(pl.col(c).str.strip_chars().str.contains(pattern).any() for c in candidates)
    return {name for name, has in found.row(0, named=True).items() if has}
