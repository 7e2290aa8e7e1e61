"""A supplier file's identifier columns, checked with python-stdnum and brought to the lists' compact form.

An invalid value (a wrong check digit, a VAT number of the wrong length) is reported as a data-quality finding,
never silently dropped; it still counts as evidence when it equals a listed number exactly (a list may carry the
same typo), but it never lowers a name match.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import polars as pl

from screener import schema as s
from screener.normalize.identifiers import Identifier, family_expression, make_identifier

# supplier field -> identifier type, and how the report names the supplier's column
SUPPLIER_TYPES = {
    s.VAT_NUMBER: ("vat", "VAT number"),
    s.TAX_NUMBER: ("tax_id", "tax ID"),
    s.USCC: ("uscc", "USCC"),
    s.LEI: ("lei", "LEI"),
    s.DUNS: ("duns", "DUNS number"),
    s.IMO_NUMBER: ("imo", "IMO number"),
    s.REGISTRATION_NUMBER: ("registration", "registration number"),
}
# stdnum module names that may hold a country's tax number, tried in order (a "tax number" column holds whichever
# the country uses: Steuernummer, INN, RFC, NIT, EIN...).
TAX_MODULES = ("vat", "tin", "stnr", "inn", "rfc", "nit", "ruc", "rut", "cuit", "ein", "npwp", "gstin", "pan")
DATA_QUALITY_CHECK = "invalid_identifier"
SUPPLIER_ID_COLUMNS = ("row_id", "field", "id_type", "id_value", "id_country", "valid", "family")
PROBLEM_COLUMNS = (
    "check",
    "source_file",
    "source_sheet",
    "source_row",
    "column",
    "value",
    "detail",
    "row_id",
)


def supplier_identifiers(
    suppliers: pl.DataFrame, header_of: Callable[[str], pl.Expr] | None = None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(one row per supplier identifier: SUPPLIER_ID_COLUMNS, the invalid values: PROBLEM_COLUMNS, the rows of
    the Data quality table).

    ``header_of(field)`` gives the input column a field was read from (screener.quality.QualityInput.header_of);
    without it the problems name the field.
    """
    fields = [field for field in SUPPLIER_TYPES if field in suppliers.columns]
    country = pl.col(s.COUNTRY_CODE) if s.COUNTRY_CODE in suppliers.columns else pl.lit(None, pl.String)
    where = [c for c in (s.SOURCE_FILE, s.SOURCE_SHEET, s.SOURCE_ROW) if c in suppliers.columns]
    empty = pl.DataFrame(
        schema={s.ROW_ID: pl.Int64, "field": pl.String, "value": pl.String, "country": pl.String}
    )
    long = pl.concat(
        [
            suppliers.select(
                s.ROW_ID,
                *where,
                pl.lit(field).alias("field"),
                pl.col(field).cast(pl.String).str.strip_chars().alias("value"),
                country.alias("country"),
            ).filter(pl.col("value").is_not_null() & (pl.col("value") != ""))
            for field in fields
        ]
        or [empty],
        how="diagonal_relaxed",
    )
    long = long.join(
        _checked_values(long),
        on=["field", "value", "country"],
        how="left",
        nulls_equal=True,
        maintain_order="left",
    )
    identifiers = (
        long.drop_nulls("id_value")
        .with_columns(pl.col("problem").is_null().alias("valid"), family_expression())
        .select(SUPPLIER_ID_COLUMNS)
    )
    return identifiers, _problems(long.filter(pl.col("problem").is_not_null()), header_of)


def _problems(invalid: pl.DataFrame, header_of: Callable[[str], pl.Expr] | None) -> pl.DataFrame:
    """The data-quality rows of the invalid values: which file, sheet, row and column, and what is wrong."""
    optional = {
        c: pl.col(c) if c in invalid.columns else pl.lit(None)
        for c in (s.SOURCE_FILE, s.SOURCE_SHEET, s.SOURCE_ROW)
    }
    parts = [
        part.select(
            pl.lit(DATA_QUALITY_CHECK).alias("check"),
            optional[s.SOURCE_FILE].cast(pl.String).alias("source_file"),
            optional[s.SOURCE_SHEET].cast(pl.String).alias("source_sheet"),
            optional[s.SOURCE_ROW].cast(pl.Int64).alias("source_row"),
            (header_of(field) if header_of else pl.lit(field)).cast(pl.String).alias("column"),
            "value",
            pl.col("problem").alias("detail"),
            pl.col(s.ROW_ID).cast(pl.Int64),
        )
        for (field,), part in invalid.group_by("field", maintain_order=True)
    ]
    empty = pl.DataFrame(schema=dict.fromkeys(PROBLEM_COLUMNS, pl.String)).with_columns(
        pl.col("source_row", s.ROW_ID).cast(pl.Int64)
    )
    return pl.concat([empty, *parts]).sort(s.ROW_ID, maintain_order=True)


def _checked_values(long: pl.DataFrame) -> pl.DataFrame:
    """Each distinct (field, value, country) checked once: its identifier columns and problem."""
    distinct = long.select("field", "value", "country").unique(maintain_order=True)
    checked = [_checked(*values) for values in distinct.iter_rows()]
    return distinct.with_columns(
        pl.Series("id_type", [c[0].type if c[0] else None for c in checked], dtype=pl.String),
        pl.Series("id_value", [c[0].value if c[0] else None for c in checked], dtype=pl.String),
        pl.Series("id_country", [c[0].country if c[0] else None for c in checked], dtype=pl.String),
        pl.Series("problem", [c[1] for c in checked], dtype=pl.String),
    )


def _checked(field: str, value: str, country: str | None) -> tuple[Identifier | None, str | None]:
    """(the identifier in compact form, what is wrong with it or None)."""
    id_type, name = SUPPLIER_TYPES[field]
    identifier = make_identifier(id_type, value, country)
    if identifier is None:
        return None, f"no letters or digits in this {name}"
    if (
        id_type in ("tax_id", "registration")
        and (identifier.country in (None, "CN"))
        and _valid_uscc(identifier.value)
    ):
        return make_identifier("uscc", identifier.value, "CN"), None  # China's tax and registration number
    problem = _problem(identifier, name)
    return identifier, problem


def _valid_uscc(value: str) -> bool:
    from stdnum.cn import uscc

    return len(value) == 18 and uscc.is_valid(value)


def _problem(identifier: Identifier, name: str) -> str | None:
    """What python-stdnum finds wrong with an identifier (None when valid, or when no check is known)."""
    from stdnum import imo, lei
    from stdnum.cn import uscc
    from stdnum.exceptions import ValidationError

    checks = {"lei": [lei], "uscc": [uscc], "imo": [imo]}
    value = identifier.value
    if identifier.type == "duns":
        return (
            None
            if re.fullmatch(r"\d{9}", value)
            else f"a DUNS number has 9 digits, this one {len(value)} characters"
        )
    if identifier.type == "registration":
        return None
    if identifier.type in ("vat", "tax_id"):
        if identifier.country is None:
            return None  # no country: no way to tell the format
        checks[identifier.type] = _country_modules(
            identifier.country, ("vat",) if identifier.type == "vat" else TAX_MODULES
        )
    errors = []
    for module in checks.get(identifier.type, []):
        try:
            module.validate(value)
            return None
        except ValidationError as error:
            errors.append(str(error).rstrip(".").lower())
    if not errors:
        return None
    where = f" for {identifier.country}" if identifier.type in ("vat", "tax_id") else ""
    return f"not a valid {name}{where} ({errors[0]})"


@cache
def _country_modules(country: str, names: tuple[str, ...]) -> list:
    """python-stdnum's modules for one country's numbers of these kinds (empty when it has none)."""
    from stdnum.util import get_cc_module

    modules = []
    for name in names:
        try:
            module = get_cc_module(country.lower(), name)
        except (ImportError, ValueError):
            module = None
        if module is not None and module not in modules:
            modules.append(module)
    return modules
