"""Data quality: what the tool noticed about the input that an officer should know before trusting the ranking.

The result is one table (schema.DATA_QUALITY_COLUMNS): the check that found it (a short id such as
``duplicate_id``), where it is (file, sheet and the row number Excel shows), the input column, the value, and a
sentence saying what it means. The report writes it as the "Data quality" sheet (and a table in csv, json and
parquet) and summarises it once per run on the console and the Summary sheet. Nothing here drops or changes a
supplier: a duplicate is still screened and ranked, only marked.

Adding a check is one function: take a :class:`QualityInput`, return rows made by :func:`issue_rows`, and
register it with :func:`quality_check`::

    @quality_check
    def spend_negative(data: QualityInput) -> pl.DataFrame:
        \"\"\"Spend below zero: a credit note, not a supplier's annual spend.\"\"\"
        rows = data.suppliers.filter(pl.col(SPEND).str.starts_with("-"))
        return issue_rows(rows, "spend_negative", SPEND, data, "spend below zero: is this a credit note?")

A stage that notices something while it works (the reader replacing undecodable bytes, say) builds rows of the
same shape with :func:`issue_rows` (or by hand, any missing column is filled with nulls) and the pipeline passes
them to :func:`data_quality` as ``found``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import polars as pl
from rapidfuzz.distance import OSA
from rapidfuzz.process import cdist

from screener.contracts import DATA_QUALITY_SCHEMA, empty_issues
from screener.normalize.legal_forms import curated_words
from screener.normalize.names import (
    _LEGAL_TYPO_MIN_LENGTH,
    _legal_word_edges,
    comparison_tokens,
    strip_legal_forms,
    surface_tokens,
)
from screener.normalize.names import _tables as _name_tables
from screener.normalize.scripts import to_ascii
from screener.schema import (
    CHECK,
    COLUMN,
    COUNTRY,
    COUNTRY_CODE,
    DETAIL,
    DUPLICATE_OF,
    NAME,
    ROW_ID,
    SOURCE_FILE,
    SOURCE_ROW,
    SOURCE_SHEET,
    SUPPLIER_ID,
    VALUE,
    field_words,
)


@dataclass(frozen=True)
class QualityInput:
    """What a check may look at: the suppliers as screened (country codes added) and what was read from each file
    (``column_map``: canonical field -> the input's own header)."""

    suppliers: pl.DataFrame
    inputs: Sequence = field(default_factory=tuple)

    def header_of(self, canonical: str) -> pl.Expr:
        """The input header the canonical field was read from, per row (files may name it differently)."""
        headers = {
            (info.path, info.sheet): (getattr(info, "column_map", {}) or {}).get(canonical, canonical)
            for info in self.inputs
        }
        if len(set(headers.values())) <= 1:
            return pl.lit(next(iter(headers.values()), canonical), dtype=pl.String)
        keyed = {f"{path}\x00{sheet or ''}": header for (path, sheet), header in headers.items()}
        where = (
            pl.col(SOURCE_FILE).cast(pl.String) + "\x00" + pl.col(SOURCE_SHEET).cast(pl.String).fill_null("")
        )
        return where.replace_strict(keyed, default=canonical, return_dtype=pl.String)


Check = Callable[[QualityInput], pl.DataFrame]
CHECKS: list[Check] = []


def quality_check(check: Check) -> Check:
    """Register ``check``: :func:`data_quality` runs every registered check, in the order they were defined."""
    CHECKS.append(check)
    return check


def conform(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` in the data-quality contract: its columns, in order, typed; missing ones null."""
    return frame.select(
        (pl.col(name) if name in frame.columns else pl.lit(None)).cast(dtype).alias(name)
        for name, dtype in DATA_QUALITY_SCHEMA.items()
    )


def issue_rows(
    rows: pl.DataFrame, check: str, canonical: str, data: QualityInput, detail: str | pl.Expr
) -> pl.DataFrame:
    """One data-quality row per supplier row in ``rows``: the ``canonical`` field's value under its input header."""
    if rows.is_empty():
        return empty_issues()
    value = pl.col(canonical).cast(pl.String) if canonical in rows.columns else pl.lit(None, pl.String)
    return conform(
        rows.select(
            pl.lit(check).alias(CHECK),
            pl.col(SOURCE_FILE),
            pl.col(SOURCE_SHEET),
            pl.col(SOURCE_ROW),
            data.header_of(canonical).alias(COLUMN),
            value.alias(VALUE),
            (detail if isinstance(detail, pl.Expr) else pl.lit(detail)).alias(DETAIL),
            pl.col(ROW_ID),
        )
    )


def data_quality(data: QualityInput, found: Sequence[pl.DataFrame] = ()) -> pl.DataFrame:
    """Every registered check's rows, then what the stages ``found``, in input order within each check."""
    frames = [conform(check(data)) for check in CHECKS] + [conform(frame) for frame in found]
    table = pl.concat([empty_issues(), *frames], how="vertical")
    order = {check: n for n, check in enumerate(dict.fromkeys(table.get_column(CHECK).to_list()))}
    return (
        table.with_columns(pl.col(CHECK).replace_strict(order, return_dtype=pl.Int64).alias("_order"))
        .sort(["_order", ROW_ID], nulls_last=True, maintain_order=True)
        .drop("_order")
    )


# --- duplicates ----------------------------------------------------------------------------------------------------


def _row_label(suppliers: pl.DataFrame) -> pl.Expr:
    """How the report names a row: "row 12", with file and sheet when the suppliers come from several."""
    row = pl.format("row {}", pl.col(SOURCE_ROW))
    if suppliers.select(SOURCE_FILE, SOURCE_SHEET).n_unique() <= 1:
        return row
    sheet = pl.col(SOURCE_SHEET).cast(pl.String)
    place = (
        pl.when(sheet.is_null()).then(pl.col(SOURCE_FILE)).otherwise(pl.format("{} [{}]", SOURCE_FILE, sheet))
    )
    return pl.format("{} {}", place, row)


def _duplicates_by(suppliers: pl.DataFrame, keys: list[pl.Expr]) -> pl.DataFrame:
    """Rows whose ``keys`` (all non-null) equal an earlier row's: row_id and that first row's label."""
    keyed = suppliers.with_columns(
        *[key.alias(f"_k{n}") for n, key in enumerate(keys)], _row_label(suppliers).alias("_label")
    )
    names = [f"_k{n}" for n in range(len(keys))]
    keyed = keyed.filter(pl.all_horizontal(pl.col(k).is_not_null() & (pl.col(k) != "") for k in names))
    first = keyed.group_by(names).agg(pl.col(ROW_ID).min().alias("_first"))
    labels = keyed.select(pl.col(ROW_ID).alias("_first"), pl.col("_label").alias("_first_label"))
    return (
        keyed.join(first, on=names)
        .filter(pl.col(ROW_ID) != pl.col("_first"))
        .join(labels, on="_first")
        .sort(ROW_ID)
    )


def _id_key() -> pl.Expr:
    return pl.col(SUPPLIER_ID).cast(pl.String).str.strip_chars().str.to_uppercase()


@quality_check
def duplicate_id(data: QualityInput) -> pl.DataFrame:
    """Two rows with the same supplier id: the same supplier listed twice (both are screened)."""
    if SUPPLIER_ID not in data.suppliers.columns:
        return empty_issues()
    dups = _duplicates_by(data.suppliers, [_id_key()])
    detail = pl.format("same supplier id as {}; both rows are screened and ranked", pl.col("_first_label"))
    return issue_rows(dups, "duplicate_id", SUPPLIER_ID, data, detail)


def _exact_name_key(name: str) -> str:
    """A name compared without legal form, case, accents and punctuation ("ACME Ltd" = "Acme Limited"). Lighter
    than the matcher's full key (no word folding, no split-word joining): at 100k names about half its cost, and a
    duplicate found this way is one an officer sees at once."""
    return " ".join(strip_legal_forms(surface_tokens(to_ascii(name)[1]))[0])


# An ASCII name holding no dotted initials ("S.A.", "L.L.C."): its surface tokens are made by the polars
# expression _ascii_tokens exactly as surface_tokens makes them (to_ascii leaves ASCII text as it is).
_DOTTED_INITIALS = r"(?:^|[^A-Za-z0-9])[A-Za-z]\.[A-Za-z]\."
_NOT_ASCII = r"[^\x00-\x7F]"
TYPO_CHUNK = 100_000  # words compared with the legal-form words at once (78 bytes of distances each)


def _ascii_tokens(name: pl.Expr) -> pl.Expr:
    """surface_tokens of an ASCII name without dotted initials, as a polars list of strings."""
    text = (
        name.str.to_lowercase()
        .str.replace_all(r"['`]", "")
        .str.replace_all("&", " and ", literal=True)
        .str.replace_all(r"[^a-z0-9]+", " ")
        .str.replace_all(r"([a-z])([0-9])", "${1} ${2}")  # two passes: a letter-digit boundary never
        .str.replace_all(r"([0-9])([a-z])", "${1} ${2}")  # shares a character with the next of its kind
    )
    return text.str.split(" ").list.filter(pl.element() != "")


@lru_cache(maxsize=1)
def _strippable_words() -> frozenset[str]:
    """Every word strip_legal_forms may take out of a name (besides one-letter words and legal-form words with a
    typo, told by _strippable): the words of every legal form, of the ERP notes, the curated legal-form words, and
    a leading "the" or trailing "and"."""
    tables = _name_tables()
    forms = (*tables.legal.end, *tables.legal.start, *tables.legal.anywhere, *tables.markers)
    curated = curated_words(comparison_tokens, 1)
    return frozenset({"the", "and", *curated, *(word for form in forms for word in form)})


def _strippable(words: pl.Series) -> pl.Series:
    """Whether strip_legal_forms may take each word out of a name or read it as another word: one of
    _strippable_words, one letter, or a legal-form word with a typo (as _legal_typos_corrected tells one: five
    letters or more, the edges of a curated legal-form word, one typo from it; found by rapidfuzz in C)."""
    heads, tails = _legal_word_edges()
    frame = pl.DataFrame({"word": words})
    length = pl.col("word").str.len_chars()
    edges = pl.col("word").str.slice(0, 2).is_in(list(heads)) | pl.col("word").str.slice(-2).is_in(
        list(tails)
    )
    candidates = frame.filter((length >= _LEGAL_TYPO_MIN_LENGTH) & edges).get_column("word")
    curated = sorted(curated_words(comparison_tokens, _LEGAL_TYPO_MIN_LENGTH))
    typos = [
        word
        for start in range(0, candidates.len(), TYPO_CHUNK)
        for word, near in zip(
            candidates.slice(start, TYPO_CHUNK).to_list(),
            cdist(
                candidates.slice(start, TYPO_CHUNK).to_list(),
                curated,
                scorer=OSA.distance,
                score_cutoff=1,
                dtype=np.uint8,
                workers=-1,
            ).min(axis=1, initial=2)
            <= 1,
            strict=True,
        )
        if near
    ]
    fixed = [*_strippable_words(), *typos]
    return frame.select((length == 1) | pl.col("word").is_in(fixed)).to_series()


def _name_key(suppliers: pl.DataFrame, country: pl.Expr) -> pl.Series:
    """The exact name key (_exact_name_key) of every row that may have a duplicate, null for the others.

    Computing the key is Python per name (1M names: ~12 s). strip_legal_forms only takes words out, each a word
    _strippable says it may take, so a name's words that are not strippable, in order (its rough key) are the same
    for two names with the same key: a row whose rough key and country no other row shares has no duplicate and
    needs no key. Plain ASCII names are split into words by polars, the others by surface_tokens."""
    names = suppliers.get_column(NAME).cast(pl.String)
    distinct = pl.DataFrame({"name": names.unique().drop_nulls()})
    plain = ~pl.col("name").str.contains(_NOT_ASCII) & ~pl.col("name").str.contains(_DOTTED_INITIALS)
    is_plain = distinct.select(plain).to_series()
    other = distinct.filter(~is_plain).get_column("name").to_list()
    words = pl.Series([list(surface_tokens(to_ascii(name)[1])) for name in other], dtype=pl.List(pl.String))
    tokens = pl.concat(
        [
            distinct.filter(is_plain).select("name", _ascii_tokens(pl.col("name")).alias("words")),
            pl.DataFrame({"name": pl.Series(other, dtype=pl.String), "words": words}),
        ]
    )
    vocabulary = tokens.select(pl.col("words").explode().drop_nulls().unique().alias("word"))
    strippable = vocabulary.get_column("word").filter(_strippable(vocabulary.get_column("word")))
    rough = tokens.select(
        "name",
        pl.col("words").list.filter(~pl.element().is_in(strippable.implode())).list.join(" ").alias("rough"),
    )
    rows = suppliers.select(names.alias("name"), country.alias("country")).join(
        rough, on="name", how="left", maintain_order="left"
    )
    shared = rows.select(pl.col("name").is_not_null() & (pl.len().over("rough", "country") > 1)).to_series()
    needed = names.filter(shared).unique().drop_nulls().to_list()
    keys = {name: _exact_name_key(name) for name in needed}
    return names.replace_strict(keys, default=None, return_dtype=pl.String)


def _country_key() -> pl.Expr:
    given = pl.col(COUNTRY).cast(pl.String).str.strip_chars().str.to_lowercase()
    return pl.coalesce(pl.col(COUNTRY_CODE).cast(pl.String), given, pl.lit("(no country)"))


@quality_check
def duplicate_name_country(data: QualityInput) -> pl.DataFrame:
    """Two rows with the same normalised name and country, whatever their ids (rows with the same id are told by
    duplicate_id already)."""
    suppliers = data.suppliers
    if NAME not in suppliers.columns or suppliers.height < 2:
        return empty_issues()
    if COUNTRY_CODE not in suppliers.columns:
        suppliers = suppliers.with_columns(pl.lit(None, pl.String).alias(COUNTRY_CODE))
    if COUNTRY not in suppliers.columns:
        suppliers = suppliers.with_columns(pl.lit(None, pl.String).alias(COUNTRY))
    suppliers = suppliers.with_columns(_name_key(suppliers, _country_key()).alias("_name_key"))
    dups = _duplicates_by(suppliers, [pl.col("_name_key"), _country_key()])
    if SUPPLIER_ID in suppliers.columns:
        same_id = _duplicates_by(suppliers, [_id_key()]).select(ROW_ID, pl.col("_first").alias("_id_first"))
        dups = dups.join(same_id, on=ROW_ID, how="left").filter(
            pl.col("_id_first").is_null() | (pl.col("_id_first") != pl.col("_first"))
        )
    detail = pl.format(
        "same name and country as {} (compared without legal form, case and accents); both rows are screened "
        "and ranked",
        pl.col("_first_label"),
    )
    return issue_rows(dups, "duplicate_name_country", NAME, data, detail)


DUPLICATE_CHECKS = {"duplicate_id": "same supplier id", "duplicate_name_country": "same name and country"}


def duplicate_marks(table: pl.DataFrame) -> pl.DataFrame:
    """row_id -> "Duplicate of row N (same supplier id)" for the Suppliers sheet, from the data-quality table."""
    dups = table.filter(pl.col(CHECK).is_in(list(DUPLICATE_CHECKS)) & pl.col(ROW_ID).is_not_null())
    mark = pl.format(
        "Duplicate of {} ({})",
        pl.col(DETAIL).str.extract(r" as (.+?)(?: \(compared without [^)]*\))?; both rows are screened", 1),
        pl.col(CHECK).replace_strict(DUPLICATE_CHECKS, return_dtype=pl.String),
    )
    return (
        dups.select(ROW_ID, mark.alias(DUPLICATE_OF))
        .group_by(ROW_ID, maintain_order=True)
        .agg(pl.col(DUPLICATE_OF).str.join("; "))
    )


# --- countries -----------------------------------------------------------------------------------------------------


@quality_check
def unrecognised_country(data: QualityInput) -> pl.DataFrame:
    """A country given that no name, code or spelling known to the tool resolves: the rules by country (TIP tier,
    DOL goods, fragile states, the watch list) cannot apply to the row, nor an ambiguous Xinjiang place name (Aksu,
    Hami), which counts only in China; an unambiguous one (Xinjiang, Urumqi, 新疆) still does, in any column."""
    suppliers = data.suppliers
    if COUNTRY not in suppliers.columns or COUNTRY_CODE not in suppliers.columns:
        return empty_issues()
    given = pl.col(COUNTRY).cast(pl.String).str.strip_chars()
    rows = suppliers.filter(given.is_not_null() & (given != "") & pl.col(COUNTRY_CODE).is_null())
    return issue_rows(
        rows,
        "unrecognised_country",
        COUNTRY,
        data,
        "country not recognised: rules by country (TIP tier, DOL List of Goods, fragile states, watch list) not "
        "applied, nor ambiguous Xinjiang place names (Aksu, Hami); write it as an ISO code or its English name",
    )


# --- decoding ------------------------------------------------------------------------------------------------------


@quality_check
def undecodable_bytes(data: QualityInput) -> pl.DataFrame:
    """Bytes of a text file that are not valid in its encoding (a cp1252 name pasted into a UTF-8 export): read
    as U+FFFD, so a name holding one may miss its list hit. One row per file, at the line of the first."""
    rows = [
        {
            CHECK: "undecodable_bytes",
            SOURCE_FILE: str(info.path),
            SOURCE_SHEET: info.sheet,
            SOURCE_ROW: getattr(info, "first_invalid_line", None),
            VALUE: f"{info.invalid_bytes:,} byte(s)",
            DETAIL: f"{info.invalid_bytes:,} byte(s) not valid {(info.encoding or '').upper()} read as \ufffd: "
            "names holding one may miss a list hit; export the file again as 'CSV UTF-8' or .xlsx",
        }
        for info in data.inputs
        if getattr(info, "invalid_bytes", 0)
    ]
    return conform(pl.DataFrame(rows)) if rows else empty_issues()


# --- invisible characters ------------------------------------------------------------------------------------------

# Format characters (zero-width space and joiners, word joiner, byte-order mark, soft hyphen, bidi marks: Unicode
# category Cf) and control characters other than tab and line breaks: a cell that shows 'Total' or 'China' and
# holds one is neither. The reader (screener.io.table) leaves them out of the fields it reads, a control character
# as a space; the input's own columns keep the cell as the file has it.
FORMAT_CHARACTERS = r"\p{Cf}"
CONTROL_CHARACTERS = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
INVISIBLE_CHARACTERS = r"[\p{Cf}\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"


@quality_check
def invisible_characters(data: QualityInput) -> pl.DataFrame:
    """A field read from a cell holding invisible characters: said with the characters named, since the cell and
    the field the tool read from it no longer look alike to the officer. One row per cell."""
    frames = []
    suppliers = data.suppliers
    for info in data.inputs:
        for canonical, header in (getattr(info, "column_map", None) or {}).items():
            if header not in suppliers.columns or suppliers.schema[header] != pl.String:
                continue
            rows = suppliers.filter(
                (pl.col(SOURCE_FILE) == str(info.path))
                & pl.col(SOURCE_SHEET).eq_missing(pl.lit(info.sheet, dtype=pl.String))
                & pl.col(header).str.contains(INVISIBLE_CHARACTERS).fill_null(False)
            )
            if rows.is_empty():
                continue
            cells = rows.get_column(header).to_list()
            frames.append(
                conform(
                    rows.select(SOURCE_FILE, SOURCE_SHEET, SOURCE_ROW, ROW_ID).with_columns(
                        pl.lit("invisible_characters").alias(CHECK),
                        pl.lit(header).alias(COLUMN),
                        pl.Series(VALUE, [_shown(cell) for cell in cells], dtype=pl.String),
                        pl.Series(
                            DETAIL, [_invisible_detail(cell, canonical) for cell in cells], dtype=pl.String
                        ),
                    )
                )
            )
    return pl.concat(frames) if frames else empty_issues()


def _invisible(text: str) -> list[str]:
    return [ch for ch in text if unicodedata.category(ch) in ("Cf", "Cc") and ch not in "\t\n\r"]


def _shown(text: str) -> str:
    """The cell with each invisible character written out as <U+200B>."""
    hidden = set(_invisible(text))
    return "".join(f"<U+{ord(ch):04X}>" if ch in hidden else ch for ch in text)


def _invisible_detail(text: str, canonical: str) -> str:
    names = ", ".join(
        f"{unicodedata.name(ch, 'control character').lower()} U+{ord(ch):04X}"
        for ch in dict.fromkeys(_invisible(text))
    )
    return (
        f"invisible characters in the {field_words(canonical)} ({names}): left out of what was read and matched (a control "
        "character as a space); the input column keeps the cell as the file has it; clean the cell at the source"
    )


# --- hidden rows ---------------------------------------------------------------------------------------------------


@quality_check
def hidden_row(data: QualityInput) -> pl.DataFrame:
    """A supplier row the workbook hides (a filter set on the sheet, a collapsed group, Hide): screened like every
    row, but the officer who opens the file to check it does not see it there, and may have hidden it on purpose.
    One row per supplier row."""
    frames = []
    for info in data.inputs:
        rows = getattr(info, "hidden_rows", None)
        if not rows:
            continue
        how = (
            "hidden by the filter set on the sheet"
            if getattr(info, "hidden_by_filter", False)
            else "hidden in the workbook (a collapsed group or Hide)"
        )
        found = data.suppliers.filter(
            (pl.col(SOURCE_FILE) == str(info.path))
            & pl.col(SOURCE_SHEET).eq_missing(pl.lit(info.sheet, dtype=pl.String))
            & pl.col(SOURCE_ROW).is_in(rows)
        )
        frames.append(
            issue_rows(
                found,
                "hidden_row",
                NAME,
                data,
                f"row {how}: screened like every other row; in Excel, clear the filter or unhide the rows to see it",
            )
        )
    return pl.concat(frames) if frames else empty_issues()


# --- headers -------------------------------------------------------------------------------------------------------


@quality_check
def repeated_header(data: QualityInput) -> pl.DataFrame:
    """A header written over several columns ('Lieferant', 'Land', 'Lieferant'): only one of them can be read as
    the supplier's name or country, so the officer is told which, and under what names the others are kept. One
    row per header, at the header row."""
    rows = [
        {
            CHECK: "repeated_header",
            SOURCE_FILE: str(info.path),
            SOURCE_SHEET: info.sheet,
            SOURCE_ROW: info.header_row,
            COLUMN: label,
            VALUE: label,
            DETAIL: said,
        }
        for info in data.inputs
        for label, said in (getattr(info, "repeated_headers", None) or {}).items()
    ]
    return conform(pl.DataFrame(rows)) if rows else empty_issues()


# --- summary -------------------------------------------------------------------------------------------------------


def quality_summary(table: pl.DataFrame, examples: int = 3) -> pl.DataFrame:
    """Per check, in table order: rows found and up to ``examples`` distinct values with their first row."""
    if table.is_empty():
        return pl.DataFrame(schema={CHECK: pl.String, "rows": pl.Int64, "examples": pl.String})
    example = pl.format(
        "'{}' (row {})", pl.col(VALUE).fill_null(""), pl.col(SOURCE_ROW).cast(pl.String).fill_null("?")
    )
    firsts = table.unique([CHECK, VALUE], keep="first", maintain_order=True)
    shown = firsts.group_by(CHECK, maintain_order=True).agg(
        example.head(examples).str.join(", ").alias("examples")
    )
    counts = table.group_by(CHECK, maintain_order=True).agg(pl.len().cast(pl.Int64).alias("rows"))
    return counts.join(shown, on=CHECK, how="left", maintain_order="left")


def quality_counts(table: pl.DataFrame) -> dict[str, int]:
    """Rows found per check, in table order (for the run manifest)."""
    return {str(check): int(n) for check, n in table.group_by(CHECK, maintain_order=True).len().iter_rows()}
