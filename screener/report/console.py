"""The short summary printed after a screening: counts, tiers, the top 10, and where the report is.

Names and reasons come from untrusted files: control characters (terminal escape sequences) are removed before
printing. ``--quiet`` is handled by the caller, which then does not call :func:`print_summary`.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import click
import polars as pl

from screener.contracts import blank_rows_message, not_screened_messages
from screener.quality import quality_summary
from screener.report.overview import hits_by_list, priority_order, tier_counts
from screener.report.tables import change_counts, review_counts, supplier_table
from screener.schema import (
    NAME,
    RANK,
    REASONS,
    ROW_ID,
    SCORE,
    TIER,
)

# C0 and C1 controls (ESC starts a terminal escape sequence, 0x9b is one on its own) and the bidirectional
# overrides and isolates, which make a terminal show text in another order than it is
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Characters that take no column but would break the table's alignment or hide in a copied name (zero-width
# space, word joiner, a byte-order mark pasted from another file): left out of what is printed.
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff]")


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def printable(value, width: int | None = None) -> str:
    """One line of text without control characters, cut to ``width`` terminal columns with an ellipsis."""
    text = _INVISIBLE.sub("", _UNPRINTABLE.sub(" ", "" if value is None else str(value))).strip()
    if width is None or len(text) <= width // 2 or display_width(text) <= width:
        return text
    used = (
        0  # one pass (it was a loop re-measuring the text per character cut: 58 s for a 40k-character name)
    )
    for end, char in enumerate(text):
        used += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used > width - 1:
            return text[:end] + "…"
    return text


def pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal columns (wide characters counted twice)."""
    return text + " " * max(0, width - display_width(text))


def first_reason(reasons) -> str:
    """The strongest reason: the first of a list, or the first part of a ' | ' (or '; ') separated text."""
    if reasons is None:
        return ""
    if isinstance(reasons, list | tuple | pl.Series):
        return str(reasons[0]) if len(reasons) else ""
    text = str(reasons)
    return text.split(" | " if " | " in text else "; ")[0].split("\n")[0]


def summary_lines(screening, written: Sequence[Path] = (), top: int = 10) -> list[str]:
    """The summary as lines of text (tested directly; print_summary echoes them)."""
    manifest = screening.manifest or {}
    rows_in = manifest.get("rows_in", screening.suppliers.height + screening.rejected.height)
    inputs = screening.inputs or []
    files = len({str(i.path) for i in inputs}) or 1
    sheets = f" ({len(inputs)} sheets)" if len(inputs) > files else ""
    lines = [
        f"Rows read: {rows_in} from {files} file{'s' if files != 1 else ''}{sheets}; "
        f"ranked {screening.ranking.height}, rejected {screening.rejected.height}"
        + (f" (see {_where(written, 'Rejected', 'rejected')})" if screening.rejected.height else ""),
    ]
    if (blank := blank_rows_message(inputs)) is not None:
        lines.append(printable(blank))
    lines.extend(printable(line) for line in not_screened_messages(inputs, screening.rejected))
    by_list = hits_by_list(screening.matches)
    hit_suppliers = (
        screening.matches.get_column(ROW_ID).n_unique() if ROW_ID in screening.matches.columns else 0
    )
    detail = ", ".join(f"{printable(lid)} {n}" for lid, n, _ in by_list.iter_rows())
    lines.append(
        f"List hits: {hit_suppliers} supplier{'s' if hit_suppliers != 1 else ''}"
        + (f" ({detail})" if detail else "")
    )
    lines.append(
        "Tiers: " + ", ".join(f"{tier} {count}" for tier, count in tier_counts(screening.ranking).items())
    )
    lines.extend(value_lines(screening))
    reviewed = review_counts(screening.matches)
    if reviewed:
        lines.append("Reviewer decisions on list hits: " + ", ".join(f"{s} {n}" for s, n in reviewed.items()))
    changes = change_counts(screening.ranking, getattr(screening, "removed", None))
    if changes:
        lines.append("Since the previous screening: " + ", ".join(f"{k} {n}" for k, n in changes.items()))
    lines.extend(quality_lines(screening, _where(written, "Data quality", "data_quality")))
    ranked = supplier_table(screening).head(top) if screening.ranking.height else None
    if ranked is not None and ranked.height:
        lines.append(top_title(screening, ranked.height))
        lines.append(f"  {'rank':>4}  {'tier':<6} {'score':>6}  {'supplier':<40}  reason")
        for record in ranked.iter_rows(named=True):
            score = record.get(SCORE)
            score_text = f"{score:6.1f}" if isinstance(score, int | float) else f"{printable(score):>6}"
            lines.append(
                f"  {printable(record.get(RANK)):>4}  {printable(record.get(TIER)):<6} {score_text}  "
                f"{pad(printable(record.get(NAME), 40), 40)}  {printable(first_reason(record.get(REASONS)), 70)}"
            )
    for path in written:
        if Path(path).is_dir():
            tables = sorted(p.name for p in Path(path).iterdir() if not p.name.startswith("."))
            lines.append(f"Report (a folder): {path}{os.sep} ({', '.join(tables)})")
        else:
            lines.append(f"Report: {path}")
    return lines


def top_title(screening, count: int) -> str:
    """The top list's title says its order: rank is by tier and the rules' priority keys, so a supplier can stand
    above one with a higher score, and a list read as sorted by score would look wrong."""
    keys = ", ".join(priority_order(screening))
    return f"Top {count} by rank: tier, then {keys} (not by score alone):"


def _where(written: Sequence[Path], sheet: str, table: str) -> str:
    """Where a table is in the report just written: a sheet of the workbook, a file of the folder (csv, parquet),
    a key of the json."""
    report = Path(written[0]) if written else None
    if report is None or report.suffix.lower() in (".xlsx", ".xlsm"):
        return f"the {sheet} sheet"
    if report.is_dir():
        found = sorted(p.name for p in report.glob(f"{table}.*"))
        return found[0] if found else f"the {table} table"
    return f"'{table}' in {report.name}"


def quality_lines(screening, where: str = "the Data quality sheet") -> list[str]:
    """What the data-quality checks found, said once: rows per check with a few examples."""
    table = getattr(screening, "data_quality", None)
    quality = quality_summary(table) if table is not None else None
    if quality is None or quality.is_empty():
        return []
    lines = [f"Data quality (see {where}):"]
    for check, rows, examples in quality.iter_rows():
        lines.append(f"  {check}: {rows} row{'s' if rows != 1 else ''}, e.g. {printable(examples, 100)}")
    return lines


def value_lines(screening) -> list[str]:
    """How spend was converted, when any was not in the reporting currency (the values that could not be used
    are in the data quality lines)."""
    spend = (screening.manifest or {}).get("spend") or {}
    currencies = spend.get("currencies") or {}
    reporting = spend.get("reporting_currency")
    lines = []
    if set(currencies) - {reporting}:
        rates = spend.get("rates") or {}
        dated = f" of {rates['date']}" if rates.get("date") else ""
        held = ", ".join(f"{code} {n}" for code, n in currencies.items())
        lines.append(f"Spend: {held}; converted to {reporting} at {rates.get('source')}{dated}")
    return lines


def print_summary(screening, written: Sequence[Path] = ()) -> None:
    """Print rows read/rejected, list hits, tier counts, the top 10 and where the report is."""
    for line in summary_lines(screening, written):
        click.echo(line)
