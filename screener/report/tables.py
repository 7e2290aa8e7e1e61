"""The report's tables, built once from a Screening and shared by every format (xlsx, csv, json, parquet, ftm).

Column names here are the machine names csv/json/parquet carry; the workbook labels them for people
(screener.report.excel.LABELS). Extra columns on the stage frames are carried through, never dropped.
"""

from __future__ import annotations

import re

import polars as pl

from screener.io.table import RESERVED, officer_header
from screener.keys import (
    ENTRY_COUNTRY_CODE,
    ENTRY_FINGERPRINT,
    SUPPLIER_FINGERPRINT,
    entry_fingerprint,
    supplier_fingerprint,
)
from screener.lists.status import ENTRY_STATUS, ENTRY_STATUS_ON, STATUS_KIND, with_entry_status
from screener.quality import conform, duplicate_marks, empty_issues
from screener.report.typed_columns import mixed_input_columns, typed_input_columns
from screener.schema import (
    ADDRESS,
    AUDIT_DATE,
    AUDIT_DATE_VALUE,
    BAND,
    CATEGORY,
    CITY,
    COLUMN,
    COUNTRY,
    COUNTRY_CODE,
    CURRENCY,
    DATA_QUALITY_COLUMNS,
    DETAIL,
    DUPLICATE_OF,
    ENTITY_ID,
    ENTITY_NAME,
    EVIDENCE,
    EXPLANATION,
    GOODS,
    HS_CODE,
    IDENTIFIER_FIELDS,
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
    REGION,
    REJECTED_COLUMNS,
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
)

# Review columns (filled by screener.review.apply_decisions on matches; empty for the reviewer to fill otherwise).
DECISION = "decision"
DECISION_NOTE = "decision_note"
DECISION_REVIEWER = "decision_reviewer"
DECISION_DATE = "decision_date"
DECISION_STATUS = "decision_status"
DECISION_COLUMNS = (DECISION, DECISION_NOTE, DECISION_REVIEWER, DECISION_DATE)
CHANGE = "change"  # from screener.review.compare_with_previous

BEST_LIST_ID = "best_list_id"
BEST_ENTITY_ID = "best_entity_id"
BEST_MATCHED_NAME = "best_matched_name"
BEST_PROBABILITY = "best_probability"
BEST_ENTRY_FINGERPRINT = "best_entry_fingerprint"
BEST_LIST_VERSION = "best_list_version"
MATCH_COUNT = "match_count"
SUPPLIER_NAME = "supplier_name"
SUPPLIER_COUNTRY = "supplier_country"
SUPPLIER_COUNTRY_CODE = "supplier_country_code"
CLEARED = "cleared"

REPORT_COLUMNS = (
    CHANGE,
    DECISION,
    DECISION_NOTE,
    DECISION_REVIEWER,
    DECISION_DATE,
    DECISION_STATUS,
    BEST_LIST_ID,
    BEST_ENTITY_ID,
    BEST_MATCHED_NAME,
    BEST_PROBABILITY,
    BEST_ENTRY_FINGERPRINT,
    BEST_LIST_VERSION,
    MATCH_COUNT,
    DUPLICATE_OF,
)
LIKELIHOOD = "likelihood"  # screener.risk's ordering columns, beside severity
LEVERAGE = "leverage"
BEST_HIT_COLUMNS = (BEST_LIST_ID, BEST_MATCHED_NAME, BEST_PROBABILITY)
# The Suppliers table in the order an officer reads a row: who and how risky, spend in the reporting currency, the
# best list hit, what to do and the decision to record; then the reasons, then what ordered the row (priority),
# then the spend as written and the input's own columns.
# With --since, what changed comes first (as on Matches).
SUPPLIER_FIRST_COLUMNS = (
    CHANGE,
    RANK,
    TIER,
    NAME,
    COUNTRY,
    SPEND_CONVERTED,
    *BEST_HIT_COLUMNS,
    RECOMMENDED_ACTION,
    DECISION,
    DECISION_NOTE,
    DECISION_REVIEWER,
    DECISION_DATE,
    REASONS,
    SEVERITY,
    LIKELIHOOD,
    LEVERAGE,
    SCORE,
    MODEL_PROBABILITY,
    MATCH_COUNT,
    SPEND_VALUE,  # the spend as written and its currency, beside the input's spend column
    SPEND_CURRENCY,
    SPEND,
    SUPPLIER_ID,
    COUNTRY_CODE,
    ADDRESS,
    GOODS,
    SOURCE_FILE,
    SOURCE_SHEET,
    SOURCE_ROW,
    DUPLICATE_OF,
)


def _keyed(frame: pl.DataFrame) -> pl.DataFrame:
    """``row_id`` as Int64 on every frame, so stage frames with different integer types still join."""
    if ROW_ID in frame.columns and frame.schema[ROW_ID] != pl.Int64:
        return frame.with_columns(pl.col(ROW_ID).cast(pl.Int64))
    return frame


def _present(frame: pl.DataFrame, columns) -> list[str]:
    return [c for c in columns if c in frame.columns]


def _ordered(frame: pl.DataFrame, first, last=()) -> pl.DataFrame:
    """``first`` columns (those present), then every other column in its order, then ``last``."""
    head, tail = _present(frame, first), _present(frame, last)
    middle = [c for c in frame.columns if c not in head and c not in tail]
    return frame.select(head + middle + tail)


def with_supplier_fingerprint(suppliers: pl.DataFrame) -> pl.DataFrame:
    """The suppliers frame with its review key (see screener.keys)."""
    if SUPPLIER_FINGERPRINT in suppliers.columns:
        return suppliers
    return suppliers.with_columns(supplier_fingerprint(suppliers))


def is_cleared(matches: pl.DataFrame) -> pl.Expr:
    """True on matches a reviewer cleared as a false positive that still hold (decision_status 'cleared')."""
    if DECISION_STATUS not in matches.columns:
        return pl.lit(False)
    return (pl.col(DECISION_STATUS) == "cleared").fill_null(False)


def list_versions(screening) -> dict[str, str]:
    """list_id -> version of the lists this run used."""
    return {info.list_id: info.version for info in getattr(screening.lists, "lists", [])}


def enriched_matches(screening) -> pl.DataFrame:
    """Matches with the entry's country renamed ``entry_country_code``, the entry fingerprint and list version."""
    matches = _keyed(screening.matches)
    if ROW_ID not in matches.columns:
        matches = pl.DataFrame(schema={ROW_ID: pl.Int64, LIST_ID: pl.String, ENTITY_ID: pl.String})
    if COUNTRY_CODE in matches.columns:
        matches = matches.rename({COUNTRY_CODE: ENTRY_COUNTRY_CODE})
    matches = matches.with_columns(entry_fingerprint(matches, ENTRY_COUNTRY_CODE))
    entries = getattr(screening.lists, "entries", None)
    if entries is not None and ENTRY_STATUS not in matches.columns:
        matches = with_entry_status(matches, entries).drop(STATUS_KIND)
    if LIST_VERSION not in matches.columns:
        versions = list_versions(screening)
        matches = matches.with_columns(
            pl.col(LIST_ID)
            .cast(pl.String)
            .replace_strict(versions, default=None, return_dtype=pl.String)
            .alias(LIST_VERSION)
        )
    return matches


def match_table(screening) -> pl.DataFrame:
    """Each list hit with the supplier beside the list entry, sorted by supplier rank then probability."""
    matches = enriched_matches(screening)
    suppliers = with_supplier_fingerprint(_keyed(screening.suppliers))
    side = suppliers.select(
        pl.col(ROW_ID),
        *[
            pl.col(c).alias(a)
            for c, a in ((NAME, SUPPLIER_NAME), (COUNTRY, SUPPLIER_COUNTRY))
            if c in suppliers.columns
        ],
        *([pl.col(COUNTRY_CODE).alias(SUPPLIER_COUNTRY_CODE)] if COUNTRY_CODE in suppliers.columns else []),
        pl.col(SUPPLIER_FINGERPRINT),
    )
    side = side.join(_ranking_side(screening), on=ROW_ID, how="left")
    table = matches.join(
        side.select([c for c in side.columns if c not in matches.columns or c == ROW_ID]),
        on=ROW_ID,
        how="left",
    )
    table = _with_decision_columns(table)
    sort_by = _present(table, (RANK, PROBABILITY))
    if sort_by:
        table = table.sort(sort_by, descending=[c == PROBABILITY for c in sort_by], nulls_last=True)
    first = (
        CHANGE,
        RANK,
        TIER,
        SUPPLIER_NAME,
        SUPPLIER_COUNTRY,
        MATCHED_NAME,
        ENTITY_NAME,
        ENTRY_COUNTRY_CODE,
        PROBABILITY,
        BAND,
        LIST_ID,
        PROGRAM,
        LISTED_ON,
        ENTRY_STATUS,
        ENTRY_STATUS_ON,
        SOURCE_URL,
        EXPLANATION,
        DECISION_STATUS,
        *DECISION_COLUMNS,
    )
    features = [c for c in table.columns if c.startswith("f_")]
    keys = (ROW_ID, ENTITY_ID, LIST_VERSION, ENTRY_FINGERPRINT, SUPPLIER_FINGERPRINT, SUPPLIER_COUNTRY_CODE)
    return _ordered(table, first, (*keys, *features))


def _with_decision_columns(table: pl.DataFrame) -> pl.DataFrame:
    """Empty Decision/Notes/Reviewer/Decision date columns for the reviewer, unless decisions were applied."""
    missing = [c for c in DECISION_COLUMNS if c not in table.columns]
    return table.with_columns(pl.lit(None, dtype=pl.String).alias(c) for c in missing) if missing else table


def _ranking_side(screening) -> pl.DataFrame:
    ranking = _keyed(screening.ranking)
    return ranking.select(_present(ranking, (ROW_ID, RANK, TIER)))


def best_hits(matches: pl.DataFrame) -> pl.DataFrame:
    """Per supplier: the strongest hit not cleared by a reviewer (list, name, probability, its decision) and the
    number of hits."""
    if matches.is_empty() or PROBABILITY not in matches.columns:
        return pl.DataFrame(schema={ROW_ID: pl.Int64})
    carried = _present(
        matches,
        (LIST_ID, ENTITY_ID, MATCHED_NAME, PROBABILITY, ENTRY_FINGERPRINT, LIST_VERSION, *DECISION_COLUMNS),
    )
    ranked = matches.with_columns(is_cleared(matches).alias(CLEARED)).sort(
        [ROW_ID, CLEARED, PROBABILITY], descending=[False, False, True], nulls_last=True
    )
    best = ranked.group_by(ROW_ID, maintain_order=True).agg(
        *[pl.col(c).first() for c in carried], pl.len().cast(pl.Int64).alias(MATCH_COUNT)
    )
    return best.rename(
        {
            LIST_ID: BEST_LIST_ID,
            ENTITY_ID: BEST_ENTITY_ID,
            MATCHED_NAME: BEST_MATCHED_NAME,
            PROBABILITY: BEST_PROBABILITY,
            ENTRY_FINGERPRINT: BEST_ENTRY_FINGERPRINT,
            LIST_VERSION: BEST_LIST_VERSION,
        },
        strict=False,
    )


def rename_reserved(suppliers: pl.DataFrame, reserved: set[str]) -> pl.DataFrame:
    """Input columns whose header is one of the report's own column names get " (input)" appended, so an input
    column called "decision" or "rank" is carried through as data and never read as a review decision or rank."""
    renames = {}
    for column in suppliers.columns:
        if column in reserved:
            target = f"{column} (input)"
            while target in suppliers.columns or target in renames.values():
                target += "'"
            renames[column] = target
    return suppliers.rename(renames) if renames else suppliers


def supplier_table(screening) -> pl.DataFrame:
    """Ranked suppliers: ranking, best hit, review columns, identity, every input column, then the keys."""
    ranking = _keyed(screening.ranking)
    suppliers = with_supplier_fingerprint(_keyed(screening.suppliers))
    suppliers = typed_input_columns(suppliers, code_columns(screening.inputs or []))
    suppliers = rename_reserved(
        suppliers, {*ranking.columns, *REPORT_COLUMNS} - {ROW_ID, SUPPLIER_FINGERPRINT}
    )
    table = ranking.join(suppliers, on=ROW_ID, how="left")
    best = best_hits(enriched_matches(screening))
    best = best.rename({c: f"{c}_best" for c in DECISION_COLUMNS if c in best.columns})
    table = table.join(
        best.select([c for c in best.columns if c not in table.columns or c == ROW_ID]), on=ROW_ID, how="left"
    )
    table = _with_decision_columns(table)
    table = table.join(_duplicate_marks(screening), on=ROW_ID, how="left")
    # The best hit's decision first; else a supplier-level one (on ranking: screener.review.apply_supplier_decisions).
    table = table.with_columns(
        pl.coalesce(pl.col(f"{c}_best").cast(pl.String), pl.col(c).cast(pl.String)).alias(c)
        for c in DECISION_COLUMNS
        if f"{c}_best" in table.columns
    ).drop([f"{c}_best" for c in DECISION_COLUMNS], strict=False)
    if RANK in table.columns:
        table = table.sort(RANK, nulls_last=True)
    return _ordered(
        table,
        SUPPLIER_FIRST_COLUMNS,
        (ROW_ID, SUPPLIER_FINGERPRINT, BEST_ENTITY_ID, BEST_ENTRY_FINGERPRINT, BEST_LIST_VERSION),
    )


def code_columns(inputs) -> set[str]:
    """Input headers read as supplier numbers, HS codes or identifiers: text even when every value is digits."""
    fields = {SUPPLIER_ID, HS_CODE, *IDENTIFIER_FIELDS}
    return {
        header
        for info in inputs
        for f, header in (getattr(info, "column_map", {}) or {}).items()
        if f in fields
    }


def mixed_columns(screening, suppliers: pl.DataFrame) -> set[str]:
    """The input's text columns whose number and date cells are written as numbers and dates one by one (the
    supplier's name, address, country, goods and codes stay text whatever they hold: a postcode alone in the
    address column is no amount)."""
    inputs = screening.inputs or []
    text_fields = (NAME, COUNTRY, ADDRESS, CITY, REGION, GOODS, CURRENCY)  # words, whatever a cell holds
    texts = {(getattr(info, "column_map", {}) or {}).get(field) for info in inputs for field in text_fields}
    own = set(screening.suppliers.columns) - RESERVED - code_columns(inputs) - texts
    return mixed_input_columns(suppliers, own)


def _duplicate_marks(screening) -> pl.DataFrame:
    """row_id -> "Duplicate of row N (...)" for rows the data-quality checks found repeating an earlier one."""
    table = getattr(screening, "data_quality", None)
    if table is None or table.is_empty():
        return pl.DataFrame(schema={ROW_ID: pl.Int64, DUPLICATE_OF: pl.String})
    return duplicate_marks(table)


def data_quality_table(screening) -> pl.DataFrame:
    """What the tool noticed about the input (screener.quality), by check then input order."""
    table = getattr(screening, "data_quality", None)
    if table is None:
        return empty_issues()
    table = conform(table).select(DATA_QUALITY_COLUMNS)
    internal = [c for c in table.get_column(COLUMN).unique().drop_nulls().to_list() if officer_header(c) != c]
    for name in internal:  # a reserved header is carried as input_X: each row and message says the file's X
        table = table.with_columns(
            pl.col(COLUMN).replace(name, officer_header(name)),
            pl.col(DETAIL).str.replace_all(f"'{name}'", f"'{officer_header(name)}'", literal=True),
        )
    return table


def indicator_table(screening) -> pl.DataFrame:
    """Every rule hit with its evidence, beside the supplier it concerns, riskiest supplier first."""
    hits = _keyed(screening.hits)
    if ROW_ID not in hits.columns:
        return hits
    side = _ranking_side(screening)
    suppliers = _keyed(screening.suppliers).select(
        _present(screening.suppliers, (ROW_ID, SUPPLIER_ID, NAME, COUNTRY))
    )
    side = side.join(suppliers, on=ROW_ID, how="left")
    table = hits.join(
        side.select([c for c in side.columns if c not in hits.columns or c == ROW_ID]), on=ROW_ID, how="left"
    )
    sort_by = _present(table, (RANK, POINTS))
    if sort_by:
        table = table.sort(sort_by, descending=[c == POINTS for c in sort_by], nulls_last=True)
    first = (RANK, TIER, NAME, COUNTRY, RULE_ID, CATEGORY, POINTS, SEVERITY, EVIDENCE, SUPPLIER_ID)
    return _ordered(table, first, (ROW_ID,))


def rejected_table(screening) -> pl.DataFrame:
    """Rows not screened, with the reason, in input order."""
    rejected = _keyed(screening.rejected)
    return (
        _ordered(rejected, (SOURCE_FILE, SOURCE_SHEET, SOURCE_ROW, REASON), (ROW_ID,))
        if rejected.columns
        else (pl.DataFrame(schema={c: pl.String for c in REJECTED_COLUMNS}))
    )


# --- workbook views: what the xlsx shows instead of repeating one fact 100,000 times --------------------------------
# csv, parquet and json keep the full tables above; these only shape what a reviewer scrolls through in Excel, where
# every cell costs write time (xlsxwriter ~190k cells/s) and attention.

SUPPLIER_SIDE = (RANK, TIER, NAME, COUNTRY, SUPPLIER_ID, ROW_ID)
ALL_SUPPLIERS = "(all {n:,} screened suppliers)"
REVIEW_READ_COLUMNS = (SUPPLIER_ID, NAME)
MIDNIGHT = " 00:00:00"  # how the reader gives a date cell's value as text  # read back by screener.review.workbook under their own labels


def universal_hits(indicators: pl.DataFrame, screened: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(hits every one of the ``screened`` suppliers has with the same evidence, one row each with the supplier
    columns empty and the name saying "all N", in first-seen order; every other hit, in its order)."""
    none = indicators.clear()
    if screened < 2 or ROW_ID not in indicators.columns or indicators.is_empty():
        return none, indicators
    facts = [c for c in indicators.columns if c not in SUPPLIER_SIDE]
    if not facts:
        return none, indicators
    everyone = (pl.len().over(facts) == screened) & (pl.col(ROW_ID).n_unique().over(facts) == screened)
    marked = indicators.with_columns(everyone.alias("_everyone"))
    if not marked.get_column("_everyone").any():
        return none, indicators
    rest = marked.filter(~pl.col("_everyone")).drop("_everyone")
    shared = marked.filter(pl.col("_everyone")).drop("_everyone").unique(subset=facts, maintain_order=True)
    shared = shared.with_columns(
        pl.lit(None, dtype=indicators.schema[c]).alias(c) for c in SUPPLIER_SIDE if c in indicators.columns
    )
    if NAME in indicators.columns:
        label = ALL_SUPPLIERS.format(n=screened)
        shared = shared.with_columns(pl.lit(label).cast(indicators.schema[NAME]).alias(NAME))
    return shared, rest


def collapse_universal_hits(indicators: pl.DataFrame, screened: int) -> pl.DataFrame:
    """Indicator hits that fire for every screened supplier with the same evidence (data gaps such as no audit
    column in the file) as one row naming all ``screened`` suppliers, first; every other hit keeps its own row.

    Measured on a 100k-supplier file: two such rules were 200,000 of 316,470 rows, identical but for the supplier.
    """
    shared, rest = universal_hits(indicators, screened)
    return pl.concat([shared, rest], how="vertical") if shared.height else indicators


def without_copied_columns(suppliers: pl.DataFrame, column_maps: list[dict[str, str]]) -> pl.DataFrame:
    """The Suppliers sheet's columns without repeats: a canonical column (country, goods, city...) that is an
    exact copy of the input column it was read from gives way to that input column, moved into its place so the
    officer's own header stands beside the ranking (a date read from a date cell, whose input text carries a
    midnight time, stands under the input's header as the date; a number cell under a header the tool also uses,
    'spend', keeps its number); source file and sheet go when one value fills every row (the Method sheet names the
    input file and sheet); a canonical column the file gave nothing for (no address column: every cell empty) goes;
    the audit date read as text goes where it cannot give way to one input column (several files): each file's own
    date column holds the text, 'Audit date (as read)' the date.
    Supplier ID and name stay (the review import reads them): the input column they were read from goes when it
    holds the same values where it holds any (another file's rows have none), but for spaces around them ('Vendor
    Name' beside 'Supplier name'); one that differs more
    (an invisible character the Data quality sheet names) stays, the cell as the file has it.
    """
    if suppliers.height == 0:  # nothing to compare: every test of "the same on every row" would hold
        return suppliers
    replace: dict[str, str] = {}
    typed_into: dict[str, str] = {}  # canonical column -> the typed input column whose values it shows
    moved: set[str] = set()
    dates: set[str] = set()  # canonical dates read from date cells: the date under the input's header
    for column_map in column_maps:
        for canonical, header in column_map.items():
            if (
                header == f"input_{canonical}"  # the input's header was the canonical name itself
                and canonical in suppliers.columns
                and header in suppliers.columns
                and _same_values(suppliers, canonical, header)
            ):
                moved.add(header)  # the same values under the same name twice: the labelled column stays,
                if suppliers.schema[header] != pl.String:  # with the input's number or date cells
                    typed_into[canonical] = header
                continue
            if (
                canonical in REVIEW_READ_COLUMNS
                and header in suppliers.columns
                and canonical in suppliers.columns
                and _copied_where_given(suppliers, canonical, header)
            ):
                moved.add(header)  # the tool's copy, which the review import reads, stays under its label
                continue
            if (
                canonical in REVIEW_READ_COLUMNS
                or canonical == header
                or canonical in replace
                or header in replace.values()
                or canonical not in suppliers.columns
                or header not in suppliers.columns
            ):
                continue
            if _same_values(suppliers, canonical, header):
                replace[canonical] = header
            elif (
                (suppliers.get_column(canonical).cast(pl.String, strict=False) + MIDNIGHT)
                .eq_missing(suppliers.get_column(header).cast(pl.String, strict=False))
                .all()
            ):
                replace[canonical] = header
                dates.add(canonical)
    if AUDIT_DATE not in replace and {AUDIT_DATE, AUDIT_DATE_VALUE} <= set(suppliers.columns) and column_maps:
        moved.add(
            AUDIT_DATE
        )  # several files: each one's own date column holds the text, the date stands beside
    if AUDIT_DATE in replace and AUDIT_DATE_VALUE in suppliers.columns:
        typed = suppliers.get_column(replace[AUDIT_DATE])
        if typed.dtype == pl.Date and typed.eq_missing(suppliers.get_column(AUDIT_DATE_VALUE)).all():
            moved.add(AUDIT_DATE_VALUE)  # the input's date column already holds the audit date as a date
    constant = [
        c
        for c in (SOURCE_FILE, SOURCE_SHEET)
        if c in suppliers.columns and suppliers.get_column(c).n_unique() == 1
    ]
    mapped = {canonical for column_map in column_maps for canonical in column_map}
    unread = [
        c
        for c in (ADDRESS, GOODS, CITY, REGION)
        if c in suppliers.columns
        and c not in mapped
        and suppliers.get_column(c).null_count() == suppliers.height
    ]
    moved |= set(replace.values())
    order = [
        pl.col(c).alias(replace[c])
        if c in dates
        else pl.col(typed_into[c]).alias(c)
        if c in typed_into
        else pl.col(replace.get(c, c))
        for c in suppliers.columns
        if c not in moved and c not in constant and c not in unread
    ]
    return suppliers.select(order)


def _copied_where_given(suppliers: pl.DataFrame, canonical: str, header: str) -> bool:
    """Whether the tool's ``canonical`` column holds the input column ``header``'s value (spaces around it aside)
    on every row that column has one: with several files, the rows of another file have none."""
    given = suppliers.get_column(header).is_not_null()
    if not given.any():
        return False
    ours, theirs = (
        suppliers.filter(given).get_column(c).cast(pl.String, strict=False).str.strip_chars()
        for c in (canonical, header)
    )
    return bool(ours.eq_missing(theirs).all())


def _same_values(suppliers: pl.DataFrame, canonical: str, header: str) -> bool:
    """Whether the tool's ``canonical`` column copies the input column ``header`` row for row (an input number
    cell, typed by typed_input_columns, compared as a number: '100' is 100.0)."""
    ours = suppliers.get_column(canonical).cast(pl.String, strict=False)
    theirs = suppliers.get_column(header).cast(pl.String, strict=False)
    typed = suppliers.get_column(header)
    if typed.dtype.is_numeric():
        ours = ours.str.strip_chars().cast(pl.Float64, strict=False).cast(pl.String)
        theirs = typed.cast(pl.Float64).cast(pl.String)
    return bool(ours.eq_missing(theirs).all())


def report_tables(screening) -> dict[str, pl.DataFrame]:
    """The data tables every format writes, by name (with --since, also the suppliers no longer there)."""
    tables = {
        "suppliers": supplier_table(screening),
        "matches": match_table(screening),
        "indicators": indicator_table(screening),
        "rejected": rejected_table(screening),
        "data_quality": data_quality_table(screening),
    }
    removed = getattr(screening, "removed", None)
    if removed is not None:
        tables["removed"] = removed
    return tables


def flatten_nested(frame: pl.DataFrame, separator: str = "; ") -> pl.DataFrame:
    """Lists joined with ``separator``, structs and other nested values as JSON text: for cell-based formats."""
    exprs = []
    for name, dtype in frame.schema.items():
        if isinstance(dtype, pl.List | pl.Array):
            exprs.append(pl.col(name).cast(pl.List(pl.String)).list.join(separator).alias(name))
        elif isinstance(dtype, pl.Struct):
            exprs.append(pl.col(name).struct.json_encode().alias(name))
        elif dtype == pl.Object or dtype == pl.Null:
            exprs.append(pl.col(name).cast(pl.String).alias(name))
        elif isinstance(dtype, pl.Categorical | pl.Enum):
            exprs.append(pl.col(name).cast(pl.String).alias(name))
    return frame.with_columns(exprs) if exprs else frame


def review_counts(matches: pl.DataFrame) -> dict[str, int]:
    """List hits by reviewer decision status (cleared, confirmed, needs information, expired); empty when no
    decisions were applied."""
    if DECISION_STATUS not in matches.columns or matches.is_empty():
        return {}
    counts = matches.get_column(DECISION_STATUS).drop_nulls().value_counts(sort=True)
    return {str(status): int(n) for status, n in counts.iter_rows()}


# kind of change (as counted) -> how each part of a supplier's change text begins (screener.review.compare)
CHANGE_KINDS = {
    "new supplier": "new supplier",
    "tier up": "tier up",
    "tier down": "tier down",
    "country changed": "country:",
    "name changed": "name:",
    "supplier id changed": "supplier id:",
    "new list hit": "new list hit",
    "list entry changed": "list entry changed",
    "list hit no longer found": "list hit no longer found",
}
REMOVED_KIND = "removed (not in this file)"


def change_counts(ranking: pl.DataFrame, removed: pl.DataFrame | None = None) -> dict[str, int]:
    """Suppliers per kind of change since the previous screening (--since), and those no longer there; empty
    when not compared."""
    if CHANGE not in ranking.columns:
        return {}
    change = pl.col(CHANGE).fill_null("")
    counts = ranking.select(
        change.str.contains(f"(^|; ){re.escape(start)}").sum().alias(kind)
        for kind, start in CHANGE_KINDS.items()
    )
    found = {kind: int(n) for kind, n in counts.row(0, named=True).items()}
    return {**found, REMOVED_KIND: 0 if removed is None else removed.height}
