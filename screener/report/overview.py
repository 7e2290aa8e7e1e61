"""The workbook's Summary and Method sheets: counts, charts, top risks; how the report was made.

Written top to bottom with a cursor (xlsxwriter's constant-memory mode needs rows in order). Only a list's source
URL may become a hyperlink here; supplier text never does.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from pathlib import Path

import polars as pl

from screener.contracts import blank_rows_message, not_screened_messages, sheets_not_screened
from screener.indicators.config import PRIORITY_KEYS
from screener.normalize.countries import country_name
from screener.quality import quality_summary
from screener.report.labels import (
    CONTROL_CHARACTERS,
    LINE_POINTS,
    MAX_ROW_LINES,
    TIER_COLOURS,
    XLSX_MAX_CELL_CHARS,
    Styles,
    is_web_url,
    one_reason_per_line,
)
from screener.report.tables import change_counts, flatten_nested, review_counts, universal_hits
from screener.risk.ranking import priority_explanation
from screener.schema import (
    COUNTRY,
    COUNTRY_CODE,
    EVIDENCE,
    LIST_ID,
    NAME,
    RANK,
    REASONS,
    ROW_ID,
    RULE_ID,
    SCORE,
    TIER,
    TIERS,
)

# The first thing the officer reads on opening the workbook (it stood under the charts, some 45 rows down).
WHAT_TO_DO = (
    "Start at rank 1 on the Suppliers sheet (tier high first). For each list hit set the Decision (confirmed / "
    "false positive / needs information) on the Suppliers or Matches sheet, save, and run: screener review import "
    "THIS_FILE.xlsx; the next screening keeps your decisions."
)


class _Cursor:
    """Writes Summary/Method rows top to bottom (constant-memory mode needs rows in order)."""

    def __init__(self, sheet, styles: Styles) -> None:
        self.sheet, self.styles, self.row = sheet, styles, 0

    def line(self, *values, style=None, link_column: int | None = None) -> int:
        """Write one row; only the value in ``link_column`` (a list's source URL) may become a hyperlink."""
        for col, value in enumerate(values):
            _write_any(
                self.sheet, self.row, col, value, style or self.styles.top, self.styles, col == link_column
            )
        self.row += 1
        return self.row - 1

    def skip(self, rows: int = 1) -> None:
        self.row += rows


def _write_any(sheet, row: int, col: int, value, style, styles: Styles, link: bool = False) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value, style)
    elif isinstance(value, int | float):
        if math.isfinite(value):
            sheet.write_number(row, col, value, style)
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, col, value, styles.date)
    else:
        text = re.sub(CONTROL_CHARACTERS, "", str(value))[:XLSX_MAX_CELL_CHARS]
        if link and is_web_url(text):
            sheet.write_url(row, col, text, styles.link, text)
        else:
            sheet.write_string(row, col, text, style)


def tier_counts(ranking: pl.DataFrame) -> dict[str, int]:
    """Suppliers per tier, every tier present (0 when none)."""
    if TIER not in ranking.columns:
        return dict.fromkeys(TIERS, 0)
    counts = dict(ranking.get_column(TIER).cast(pl.String).value_counts().iter_rows())
    return {tier: int(counts.get(tier, 0)) for tier in TIERS}


def hits_by_list(matches: pl.DataFrame) -> pl.DataFrame:
    """list_id, suppliers (distinct row_id) and matches per list, most suppliers first."""
    if matches.is_empty() or LIST_ID not in matches.columns:
        return pl.DataFrame(schema={LIST_ID: pl.String, "suppliers": pl.Int64, "matches": pl.Int64})
    return (
        matches.group_by(LIST_ID)
        .agg(
            pl.col(ROW_ID).n_unique().cast(pl.Int64).alias("suppliers"),
            pl.len().cast(pl.Int64).alias("matches"),
        )
        .sort(["suppliers", LIST_ID], descending=[True, False])
    )


def tiers_by_country(suppliers: pl.DataFrame, top: int = 15) -> pl.DataFrame:
    """Countries with the most high then medium-tier suppliers: country, high, medium, low."""
    if suppliers.is_empty() or TIER not in suppliers.columns:
        return pl.DataFrame(schema={"country": pl.String, **dict.fromkeys(TIERS, pl.Int64)})
    labelled = suppliers.with_columns(_country_label(suppliers).fill_null("(unknown)").alias("country"))
    counts = labelled.group_by("country").agg(
        *[(pl.col(TIER) == tier).sum().cast(pl.Int64).alias(tier) for tier in TIERS]
    )
    return counts.sort(["high", "medium", "low", "country"], descending=[True, True, True, False]).head(top)


def write_summary(book, sheet, screening, tables: dict[str, pl.DataFrame], styles: Styles) -> None:
    """Counts by tier, rows read/ranked/rejected, hits per list, top risks, two charts, the run essentials."""
    manifest = screening.manifest or {}
    out = _Cursor(sheet, styles)
    sheet.set_column(0, 0, 30)
    sheet.set_column(1, 3, 14)
    sheet.set_column(4, 4, 40)
    sheet.set_column(5, 5, 80)
    out.line("Supplier forced-labour risk screening", style=styles.title)
    out.line("What to do", WHAT_TO_DO, style=styles.bold)
    out.line("Run at", manifest.get("run_at"))
    out.line("Tool", f"{manifest.get('tool', 'screener')} {manifest.get('version', '')}".strip())
    out.line("Input files", ", ".join(dict.fromkeys(Path(str(i.path)).name for i in screening.inputs or [])))
    out.line("Rows read", manifest.get("rows_in", screening.suppliers.height + screening.rejected.height))
    out.line("Rows ranked", screening.ranking.height)
    out.line("Rows rejected", screening.rejected.height)
    if (blank := blank_rows_message(screening.inputs)) is not None:
        out.line(blank, style=styles.bold)
    for message in not_screened_messages(screening.inputs, screening.rejected):
        out.line(message, style=styles.warning)
    matched = screening.matches.get_column(ROW_ID).n_unique() if ROW_ID in screening.matches.columns else 0
    out.line("Suppliers with list hits", matched)
    for status, count in review_counts(screening.matches).items():
        out.line(f"List hits {status} (reviewer decisions)", count)
    shared, _ = universal_hits(tables["indicators"], tables["suppliers"].height)
    if shared.height and RULE_ID in shared.columns:
        out.line("Indicators every supplier has (one row each in the Indicators sheet)", style=styles.bold)
        for record in shared.iter_rows(named=True):
            out.line(f"  {record[RULE_ID]}", record.get(EVIDENCE))
    changes = change_counts(screening.ranking, getattr(screening, "removed", None))
    if changes:
        out.line("Changes since the previous screening (suppliers)", style=styles.bold)
        for kind, count in changes.items():
            out.line(f"  {kind}", count)
    quality = quality_summary(tables["data_quality"])
    if quality.height:
        out.line(
            "Data quality (rows; each one on the Data quality sheet)", "Rows", "Examples", style=styles.bold
        )
        for check, rows, examples in quality.iter_rows():
            out.line(f"  {check}", rows, examples)
    out.skip()

    out.line("Tier", "Suppliers", style=styles.bold)
    first = out.row
    for tier, count in tier_counts(screening.ranking).items():
        sheet.write_string(out.row, 0, tier, styles.tier[tier])
        out.line(None, count)
    tier_chart = book.add_chart({"type": "column"})
    tier_chart.add_series(
        {
            "name": "Suppliers by tier",
            "categories": ["Summary", first, 0, out.row - 1, 0],
            "values": ["Summary", first, 1, out.row - 1, 1],
            "points": [{"fill": {"color": TIER_COLOURS[t]}, "border": {"color": "#7F7F7F"}} for t in TIERS],
            "data_labels": {"value": True},
        }
    )
    tier_chart.set_title({"name": "Suppliers by tier"})
    tier_chart.set_legend({"none": True})
    sheet.insert_chart(1, 6, tier_chart, {"x_scale": 0.9, "y_scale": 0.9})
    out.skip()

    out.line("List", "Suppliers hit", "Matches", style=styles.bold)
    for list_id, suppliers, matches in hits_by_list(screening.matches).iter_rows():
        out.line(list_id, suppliers, matches)
    out.skip()

    by_country = tiers_by_country(tables["suppliers"])
    out.line("Country", *TIERS, style=styles.bold)
    first = out.row
    for values in by_country.iter_rows():
        out.line(*values)
    if by_country.height:
        country_chart = book.add_chart({"type": "bar", "subtype": "stacked"})
        for offset, tier in enumerate(TIERS, start=1):
            country_chart.add_series(
                {
                    "name": tier,
                    "categories": ["Summary", first, 0, out.row - 1, 0],
                    "values": ["Summary", first, offset, out.row - 1, offset],
                    "fill": {"color": TIER_COLOURS[tier]},
                    "border": {"color": "#7F7F7F"},
                }
            )
        country_chart.set_title({"name": f"Suppliers by country (top {by_country.height} by risk)"})
        country_chart.set_y_axis({"reverse": True})
        sheet.insert_chart(17, 6, country_chart, {"x_scale": 1.1, "y_scale": 1.3})
    out.skip()

    out.line("Top risks", style=styles.section)
    out.line("Rank", "Tier", "Score", "Country", "Supplier", "Reasons", style=styles.bold)
    for record in top_risks(tables["suppliers"]).iter_rows(named=True):
        lines = min(MAX_ROW_LINES, (record[REASONS] or "").count("\n") + 1)
        if lines > 1:
            sheet.set_row(out.row, LINE_POINTS * lines)
        row = out.line(record[RANK], None, record[SCORE], record[COUNTRY], record[NAME])
        tier, reasons = record[TIER], record[REASONS]
        if tier is not None:
            sheet.write_string(row, 1, str(tier), styles.tier.get(str(tier), styles.top))
        if reasons is not None:
            _write_any(sheet, row, 5, reasons, styles.wrap, styles)
    out.skip()
    _write_priority(out, screening)


def priority_order(screening) -> list[str]:
    """The rules file's ``prioritisation.order`` of this run (the default's when the rules are not at hand)."""
    try:
        return [str(key) for key in screening.rules.section("prioritisation")["order"]]
    except (AttributeError, KeyError, TypeError):
        return list(PRIORITY_KEYS)


PRIORITY_TITLE = "Priority: how suppliers are ordered"


def _write_priority(out: _Cursor, screening) -> None:
    """The ranking rule in words (from the rules file's prioritisation order): why rank and score can disagree."""
    out.line(PRIORITY_TITLE, style=out.styles.section)
    for line in priority_explanation(priority_order(screening)):
        out.line(line)


def top_risks(suppliers: pl.DataFrame, limit: int = 10) -> pl.DataFrame:
    """The first ``limit`` ranked suppliers: rank, tier, score, country (name of the code, else as given), name,
    reasons (one per line)."""
    table = flatten_nested(one_reason_per_line(suppliers.head(limit)))
    table = table.with_columns(_country_label(table).alias(COUNTRY))
    columns = (RANK, TIER, SCORE, COUNTRY, NAME, REASONS)
    return table.select([pl.col(c) if c in table.columns else pl.lit(None).alias(c) for c in columns])


def _country_label(suppliers: pl.DataFrame) -> pl.Expr:
    code = pl.col(COUNTRY_CODE) if COUNTRY_CODE in suppliers.columns else pl.lit(None, pl.String)
    given = pl.col(COUNTRY).cast(pl.String) if COUNTRY in suppliers.columns else pl.lit(None, pl.String)
    return code.map_elements(country_name, return_dtype=pl.String).fill_null(given)


# --- Method -------------------------------------------------------------------------------------------------------


def _spend_section(out, spend: dict | None, inputs, styles: Styles, unknown: int = 0) -> None:
    """Which column is the spend (and why, when there were several), the reporting currency and the rates used."""
    if not spend:
        return
    out.skip()
    out.line("Spend and currency", style=styles.section)
    chosen = spend.get("chosen") or {}
    column = spend.get("column")
    for info in inputs:
        where = str(info.path) + (f" [{info.sheet}]" if info.sheet else "")
        label = "Spend column" if len(inputs) == 1 else f"Spend column ({where})"
        header = (getattr(info, "column_map", {}) or {}).get(column, column)
        out.line(label, chosen.get(where) or f"'{header}'")
    reporting = spend.get("reporting_currency")
    rates = spend.get("rates") or {}
    out.line("Reporting currency", reporting)
    out.line("Exchange rates", f"{rates.get('source')}" + (f", {rates['date']}" if rates.get("date") else ""))
    held = ", ".join(f"{code} {n}" for code, n in (spend.get("currencies") or {}).items())
    without = f"; without a currency {unknown} (see the Data quality sheet)" if unknown else ""
    out.line("Spend values by currency", (held or "none") + without)
    out.line(
        "Spend columns",
        f"spend_value: the amount as written, in its own currency; spend_currency: its ISO code (from the cell, "
        f"else the header; ¥ and kr by the supplier's country); spend_converted: in {reporting}, what leverage "
        "uses. A value without a currency or a rate has no spend_converted and is listed as a value to check.",
    )


def _unknown_currency(screening) -> int:
    """How many spend values had no currency (the data-quality check unknown_currency): they weigh nothing in
    leverage, which the Method sheet's count of values by currency would otherwise hide."""
    table = getattr(screening, "data_quality", None)
    if table is None or table.is_empty() or "check" not in table.columns:
        return 0
    return int((table.get_column("check") == "unknown_currency").sum())


def write_method(sheet, screening, styles: Styles) -> None:
    """How this report was made: tool, rules, list versions, model card, input files with sha256, run time."""
    manifest = screening.manifest or {}
    out = _Cursor(sheet, styles)
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 9, 24)
    out.line("How this report was made", style=styles.title)
    out.line("Tool", manifest.get("tool", "screener"))
    out.line("Version", manifest.get("version"))
    out.line("Run at (UTC)", manifest.get("run_at"))
    out.line("Run time (seconds)", manifest.get("seconds"))
    out.line("Rows read / ranked / rejected", _rows_line(manifest, screening))
    out.line(
        "Text cells",
        "Every value is written as text or a number, never as a formula; links only from list source URLs.",
    )
    for label, text in tier_method(screening.rules):
        out.line(label, text)
    out.skip()

    out.line("Rules files", style=styles.section)
    out.line("Path", "sha256", style=styles.bold)
    for path, sha in _rule_sources(screening, manifest):
        out.line(path, sha)
    out.skip()
    _write_priority(out, screening)
    out.skip()

    out.line("Risk lists", style=styles.section)
    out.line(
        "List",
        "Title",
        "Publisher",
        "Version",
        "Retrieved",
        "sha256",
        "Licence",
        "Entities",
        "Names",
        "Source",
        style=styles.bold,
    )
    for info in getattr(screening.lists, "lists", []) or []:
        out.line(
            info.list_id,
            info.title,
            info.publisher,
            f"{info.version} (pinned)" if info.extra.get("pinned") else info.version,
            info.retrieved,
            info.sha256,
            info.licence,
            info.entity_count,
            info.name_count,
            info.source_url,
            link_column=9,
        )
    out.skip()

    out.line("Input files", style=styles.section)
    out.line(
        "Path", "sha256", "Sheet", "Header row", "Rows read", "Rows rejected", "Column map", style=styles.bold
    )
    for info in screening.inputs or []:
        column_map = "; ".join(f"{k} <- {v}" for k, v in (getattr(info, "column_map", {}) or {}).items())
        out.line(
            str(info.path),
            info.sha256,
            info.sheet,
            info.header_row,
            info.rows_read,
            getattr(info, "rows_rejected", None),
            column_map,
        )
    skipped = sheets_not_screened(screening.inputs)
    if skipped:
        out.line("Sheets not screened", style=styles.section)
        out.line("Path", "Sheet", "Why", style=styles.bold)
        for path, sheet, why, _ in skipped:
            out.line(path, sheet, why)
    _spend_section(out, manifest.get("spend"), screening.inputs or [], styles, _unknown_currency(screening))
    out.skip()
    out.line("Reference tables", style=styles.section)
    out.line("File", "Publisher", "Edition", "sha256", "Licence", style=styles.bold)
    for table in manifest.get("reference") or []:
        out.line(
            table.get("file"),
            table.get("publisher"),
            table.get("edition"),
            table.get("sha256"),
            table.get("licence"),
        )
    models = manifest.get("models") or [m for m in (manifest.get("model"), manifest.get("matcher")) if m]
    for card in models if isinstance(models, list) else [models]:
        out.skip()
        title = card.get("name", "supplier risk model") if isinstance(card, dict) else "supplier risk model"
        out.line(f"Model card: {title}", style=styles.section)
        for key, value in card.items() if isinstance(card, dict) else [("summary", card)]:
            if key != "name":
                out.line(
                    str(key),
                    value if isinstance(value, str | int | float) else json.dumps(value, default=str),
                )
    known = {
        "tool",
        "version",
        "run_at",
        "seconds",
        "inputs",
        "lists",
        "rules",
        "rows_in",
        "rows_ranked",
        "rows_rejected",
        "model",
        "models",
        "data_quality",
        "spend",
        "matcher",
        "reference",
    }
    extra = {k: v for k, v in manifest.items() if k not in known}
    if extra:
        out.skip()
        out.line("Other run details", style=styles.section)
        for key, value in extra.items():
            out.line(
                str(key), value if isinstance(value, str | int | float) else json.dumps(value, default=str)
            )


def tier_method(rules) -> list[tuple[str, str]]:
    """How tiers were set, in words, from the rules used: thresholds and the abstract-risk cap."""
    try:
        tiers, actions = rules.section("tiers"), rules.section("actions")
    except (AttributeError, KeyError, TypeError):
        return []
    lines = [
        (
            "Tiers",
            f"high from a score of {tiers['high']:g}, medium from {tiers['medium']:g}, else low; a "
            "confirmed listing in force that bars (force_high) is always high",
        )
    ]
    cap = tiers.get("abstract_risk_cap", "high")
    if cap != "high":
        lines.append(
            (
                "Abstract vs concrete risk",
                f"Country, commodity and sector risk alone (abstract risk, LkSG guidance) puts a supplier at most in "
                f"tier {cap}, with the action: {actions.get('abstract_risk', '')} A higher tier needs a hit of one "
                f"of these rules about the supplier itself: {', '.join(tiers.get('concrete_rules', ()))} "
                "([tiers] abstract_risk_cap and concrete_rules in the rules file).",
            )
        )
    lines.append(
        (
            "List entries no longer in force",
            "A match with a revoked, modified (lifted), inactive or removed list entry is shown as history with "
            "the entry's status and date; it never bars and never escalates on its own ([list_status]).",
        )
    )
    return lines


def _rows_line(manifest: dict, screening) -> str:
    rows_in = manifest.get("rows_in", screening.suppliers.height + screening.rejected.height)
    return f"{rows_in} / {screening.ranking.height} / {screening.rejected.height}"


def _rule_sources(screening, manifest: dict) -> list[tuple[str, str | None]]:
    """(path, sha256) of each rules file the run loaded, base first."""
    recorded = manifest.get("rules") or []
    if recorded and all(isinstance(r, dict) for r in recorded):
        return [(str(r.get("path")), r.get("sha256")) for r in recorded]
    sources = getattr(screening.rules, "sources", None) or recorded
    return [(str(source), None) for source in sources] or [("(bundled default rules)", None)]
