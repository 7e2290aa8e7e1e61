"""What the workbook looks like to people: column labels, styles, colours and Excel's cell limits.

Shared by the workbook's sheets (screener.report.excel, screener.report.overview) and by the review that reads a
reviewed workbook back by these labels (screener.review); it imports no other report module but the table column
names.
"""

from __future__ import annotations

import re

import polars as pl
import xlsxwriter

from screener.io.table import officer_header
from screener.keys import ENTRY_COUNTRY_CODE, ENTRY_FINGERPRINT, SUPPLIER_FINGERPRINT
from screener.lists.status import ENTRY_STATUS, ENTRY_STATUS_ON
from screener.report.tables import (
    BEST_LIST_ID,
    BEST_MATCHED_NAME,
    BEST_PROBABILITY,
    CHANGE,
    DECISION,
    DECISION_DATE,
    DECISION_NOTE,
    DECISION_REVIEWER,
    DECISION_STATUS,
    LEVERAGE,
    LIKELIHOOD,
    MATCH_COUNT,
    SUPPLIER_COUNTRY,
    SUPPLIER_COUNTRY_CODE,
    SUPPLIER_NAME,
)
from screener.schema import (
    ADDRESS,
    AUDIT_DATE_VALUE,
    BAND,
    CANONICAL_SUPPLIER_FIELDS,
    CATEGORY,
    CHECK,
    COLUMN,
    COUNTRY,
    COUNTRY_CODE,
    CURRENCY,
    DETAIL,
    DUNS,
    DUPLICATE_OF,
    ENTITY_ID,
    ENTITY_NAME,
    ENTITY_TYPE,
    EVIDENCE,
    EXPLANATION,
    GOODS,
    HS_CODE,
    IMO_NUMBER,
    IS_ALIAS,
    LEI,
    LIST_ID,
    LIST_VERSION,
    LISTED_ON,
    MATCHED_NAME,
    MODEL_PROBABILITY,
    NAME,
    POINTS,
    PROBABILITY,
    PROGRAM,
    RANK,
    REASON,
    REASONS,
    RECOMMENDED_ACTION,
    ROW_ID,
    RULE_ID,
    SCORE,
    SEVERITY,
    SOURCE_FILE,
    SOURCE_ROW,
    SOURCE_SHEET,
    SOURCE_URL,
    SPEND,
    SPEND_CONVERTED,
    SPEND_CURRENCY,
    SPEND_VALUE,
    SUPPLIER_ID,
    TIER,
    USCC,
    VALUE,
    VAT_NUMBER,
    WORKER_VOICE_FIELDS,
    field_words,
)

XLSX_MAX_CELL_CHARS = 32_767
XLSX_MAX_URL_CHARS = 2_079
TIER_COLOURS = {"high": "#F4B6B6", "medium": "#FFE699", "low": "#C6EFCE"}
CONTROL_CHARACTERS = r"[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]"

# Headers people read. The review loop finds its columns by these labels (screener.review.workbook), so they are
# part of the workbook's contract: the "(key)" columns must stay as they are for decisions to be read back.
DECISION_LABELS = {
    DECISION: "Decision",
    DECISION_NOTE: "Notes",
    DECISION_REVIEWER: "Reviewer",
    DECISION_DATE: "Decision date",
}
KEY_LABELS = {
    ROW_ID: "row_id (key)",
    SUPPLIER_FINGERPRINT: "supplier fingerprint (key)",
    ENTITY_ID: "entity_id (key)",
    LIST_VERSION: "list version (key)",
    ENTRY_FINGERPRINT: "entry fingerprint (key)",
    "best_entity_id": "best hit entity_id (key)",
    "best_entry_fingerprint": "best hit entry fingerprint (key)",
    "best_list_version": "best hit list version (key)",
    SUPPLIER_COUNTRY_CODE: "supplier country code (key)",
}
# Every field the reader maps (city, audit date, tax number, worker voice...) in words, capitalised, acronyms as
# written: the tool's reading of one stands on the Suppliers sheet when it is no copy of the file's own column (two
# files with different headers, a value cleaned), and a machine name (audit_date) is no header for an officer.
ACRONYMS = {
    HS_CODE: "HS code",
    VAT_NUMBER: "VAT number",
    USCC: "USCC",
    LEI: "LEI",
    DUNS: "DUNS",
    IMO_NUMBER: "IMO number",
}
FIELD_LABELS = {
    field: ACRONYMS.get(field) or field_words(field).capitalize()
    for field in (*CANONICAL_SUPPLIER_FIELDS, *WORKER_VOICE_FIELDS)
}
LABELS = {
    **FIELD_LABELS,  # the labels below win (Supplier name, Supplier ID...)
    CHANGE: "Change",
    RANK: "Rank",
    TIER: "Tier",
    SCORE: "Score",
    MODEL_PROBABILITY: "Model probability",
    REASONS: "Reasons",
    BEST_LIST_ID: "Best hit list",
    BEST_MATCHED_NAME: "Best hit name",
    BEST_PROBABILITY: "Best hit probability",
    MATCH_COUNT: "List hits",
    RECOMMENDED_ACTION: "Recommended action",
    DECISION_STATUS: "Decision status",
    SUPPLIER_NAME: "Supplier name",
    SUPPLIER_COUNTRY: "Supplier country",
    MATCHED_NAME: "Matched list name",
    ENTITY_NAME: "List entity name",
    ENTRY_COUNTRY_CODE: "List entry country",
    PROBABILITY: "Match probability",
    BAND: "Band",
    LIST_ID: "List",
    "tier_before": "Tier before",
    PROGRAM: "Programme",
    LISTED_ON: "Listed on",
    ENTRY_STATUS: "List entry status",
    ENTRY_STATUS_ON: "Status since",
    SOURCE_URL: "Source",
    EXPLANATION: "Explanation",
    RULE_ID: "Rule",
    CATEGORY: "Category",
    POINTS: "Points",
    SEVERITY: "Severity",
    # screener.risk's ordering columns (an input column of the same name is renamed "... (input)", never labelled)
    LIKELIHOOD: "Likelihood",
    LEVERAGE: "Leverage (spend share)",
    SPEND: "Spend",
    CURRENCY: "Currency",
    SPEND_VALUE: "Spend",
    SPEND_CURRENCY: "Spend currency",
    SPEND_CONVERTED: "Spend (reporting currency)",  # a workbook says which: run_labels
    AUDIT_DATE_VALUE: "Audit date (as read)",
    IS_ALIAS: "Alias",
    ENTITY_TYPE: "Entity type",
    EVIDENCE: "Evidence",
    REASON: "Reason",
    SUPPLIER_ID: "Supplier ID",
    NAME: "Supplier name",
    COUNTRY: "Country",
    COUNTRY_CODE: "Country code",
    ADDRESS: "Address",
    GOODS: "Goods",
    SOURCE_FILE: "Source file",
    SOURCE_SHEET: "Source sheet",
    SOURCE_ROW: "Source row",
    DUPLICATE_OF: "Duplicate of",
    CHECK: "Check",
    COLUMN: "Column",
    VALUE: "Value",
    DETAIL: "Detail",
    **DECISION_LABELS,
    **KEY_LABELS,
}


def run_labels(screening) -> dict[str, str]:
    """Labels that name this run's settings: the converted spend's header names its currency ("Spend (EUR)"), so
    the officer need not look it up on the Method sheet. Nothing reads this header back (the review import reads
    the "(key)" columns), so workbooks written before keep working."""
    spend = (getattr(screening, "manifest", None) or {}).get("spend") or {}
    reporting = spend.get("reporting_currency")
    return {SPEND_CONVERTED: f"Spend ({reporting})"} if reporting else {}


AS_READ = (
    " (as read)"  # the tool's reading of a field, as "Audit date (as read)" beside the file's own column
)


def column_labels(columns: list[str], run: dict[str, str] | None = None) -> list[str]:
    """Each column's header: the tool's label, or an input column's own header. A tool label the file also uses
    as a header ('Country' for the cleaned country beside the file's own 'Country' column, 'Spend' beside the
    file's 'Spend') reads "Country (as read)", so no header stands twice; Supplier ID and name keep theirs (the
    review import reads them, and an input copying them under the same header is dropped before)."""
    run = run or {}
    labelled = {column for column in columns if column in run or column in LABELS}
    labels = [run.get(column) or LABELS.get(column) or officer_header(column) for column in columns]
    # the file's own words: input columns, and the spend cell as written (beside the tool's number read from it)
    own = {
        label.casefold()
        for column, label in zip(columns, labels, strict=True)
        if column not in labelled or column == SPEND
    }
    return [
        f"{label}{AS_READ}"
        if column in labelled and label.casefold() in own and column not in (SUPPLIER_ID, NAME, SPEND)
        else label
        for column, label in zip(columns, labels, strict=True)
    ]


class Styles:
    """The workbook's formats, created once."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.header = book.add_format(
            {"bold": True, "bg_color": "#D9E1F2", "text_wrap": True, "valign": "top"}
        )
        self.key_header = book.add_format({"italic": True, "font_color": "#595959", "bg_color": "#EDEDED"})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.section = book.add_format({"bold": True, "font_size": 12})
        self.bold = book.add_format({"bold": True})
        self.warning = book.add_format(
            {"bold": True, "font_color": "#C00000", "valign": "top"}
        )  # not screened
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.top = book.add_format({"valign": "top"})
        self.date = book.add_format({"num_format": "yyyy-mm-dd", "valign": "top"})
        self.datetime = book.add_format({"num_format": "yyyy-mm-dd hh:mm", "valign": "top"})
        self.probability = book.add_format({"num_format": "0.00", "valign": "top"})
        self.score = book.add_format({"num_format": "0.0", "valign": "top"})
        self.share = book.add_format({"num_format": "0.0%", "valign": "top"})
        self.money = book.add_format({"num_format": "#,##0.00", "valign": "top"})
        self.link = book.add_format({"font_color": "#0563C1", "underline": 1, "valign": "top"})
        self.tier = {
            tier: book.add_format({"bg_color": colour, "bold": tier == "high", "valign": "top"})
            for tier, colour in TIER_COLOURS.items()
        }
        self.decision = book.add_format({"bg_color": "#FFF2CC", "valign": "top", "locked": False})
        self._book = book
        self.labels: dict[str, str] = {}  # this run's labels over LABELS (the spend's reporting currency)
        self.mixed_columns: set[str] = set()  # input text columns holding number/date cells (typed_columns)
        self._by_code: dict[str, object] = {}
        self.input_codes: dict[str, str] = {}  # input column -> its number format in the input workbook

    def input_format(self, column: str):
        """The input's own number format of one of its columns (read from an xlsx), made once; None without."""
        code = self.input_codes.get(column)
        if code is None:
            return None
        if code not in self._by_code:
            self._by_code[code] = self._book.add_format({"num_format": code, "valign": "top"})
        return self._by_code[code]


REASON_SEPARATOR = " | "  # how screener.risk joins a supplier's reasons into one text
MAX_ROW_LINES = 5  # the Summary's top risks
LINE_POINTS = 15
MAX_ROW_POINTS = 409  # Excel's tallest row
MAX_SHEET_ROW_LINES = MAX_ROW_POINTS // LINE_POINTS


def one_reason_per_line(frame: pl.DataFrame) -> pl.DataFrame:
    """Reasons (a list, or one text joined by REASON_SEPARATOR) as lines of one wrapped cell."""
    if REASONS not in frame.columns:
        return frame
    dtype = frame.schema[REASONS]
    if isinstance(dtype, pl.List):
        return frame.with_columns(pl.col(REASONS).cast(pl.List(pl.String)).list.join("\n"))
    if dtype == pl.String:
        return frame.with_columns(pl.col(REASONS).str.replace_all(REASON_SEPARATOR, "\n", literal=True))
    return frame


def is_web_url(value: str) -> bool:
    """Only absolute http(s) URLs without spaces become hyperlinks."""
    return bool(re.fullmatch(r"https?://[^\s\"<>]+", value)) and len(value) <= XLSX_MAX_URL_CHARS
