"""Dates of the supplier file as dates: ``audit_date_value`` typed beside the audit date as given.

Each file's audit-date column is read by the one date parser (screener.normalize.dates). A slashed date such as
``04/05/2023`` is read in the order the column's other dates show (``31/12/2023`` beside it: day first); when they
show none or both, it is left unread and listed with the other unreadable dates. A date read by the column's order
is written back into the canonical ``audit_date`` as YYYY-MM-DD, so the rules and the risk model read the same day.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from screener.normalize.dates import is_day_number, read_date, slash_order
from screener.schema import AUDIT_DATE, AUDIT_DATE_VALUE, ROW_ID, SOURCE_FILE, SOURCE_ROW, SOURCE_SHEET


def add_audit_dates(suppliers: pl.DataFrame, inputs: Sequence) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Suppliers with ``audit_date_value``; and one row per audit date that could not be read, or that was a bare
    number read as an Excel day number (said: the officer's file shows a number there)."""
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
            column = headers.get((source, sheet), AUDIT_DATE)
            if read.problem and text is not None:
                check = "ambiguous_date" if read.problem.startswith("ambiguous") else "unparseable_date"
                problems.append((row_id, check, source, sheet, row, column, text, read.problem))
            elif read.date is not None and is_day_number(text):
                detail = f"a number, read as the Excel day number of {read.date.isoformat()}: check the date in the file"
                problems.append((row_id, "date_from_day_number", source, sheet, row, column, text, detail))
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
