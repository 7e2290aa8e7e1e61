"""The typed-values stage: spend's currency from the cell, the header or the country; audit dates read in the
order their column shows, the rest listed, never guessed."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import polars as pl
import pytest

from screener.normalize.spend import Rates, RatesFileError, add_spend_values, header_unit, load_rates_file
from screener.normalize.typed import add_audit_dates

RATES = Rates(
    "EUR", dt.date(2024, 12, 31), {"USD": 1.04, "CNY": 7.6, "JPY": 160.0, "SEK": 11.5}, "test rates"
)


def suppliers(spend: list[str | None], countries: list[str | None], sheet: str = "S") -> pl.DataFrame:
    n = len(spend)
    return pl.DataFrame(
        {
            "row_id": list(range(1, n + 1)),
            "source_file": ["f.xlsx"] * n,
            "source_sheet": [sheet] * n,
            "source_row": list(range(2, n + 2)),
            "country_code": countries,
            "spend": spend,
        }
    )


@pytest.mark.parametrize(
    ("header", "unit"),
    [
        ("Spend (EUR)", ("EUR", 1.0)),
        ("年采购额(万元)", ("CNY", 10_000.0)),
        ("Umsatz in TEUR", ("EUR", 1_000.0)),
        ("Montant annuel (€)", ("EUR", 1.0)),
        ("Annual spend k$", ("USD", 1_000.0)),
        ("Spend 2024", (None, 1.0)),
        ("Importo", (None, 1.0)),
    ],
)
def test_header_units(header, unit):
    assert header_unit(header) == unit


def test_header_currency_and_magnitude_apply_to_plain_cells_only():
    frame = suppliers(["500", "USD 100"], ["CN", "US"])
    result = add_spend_values(frame, "spend", {("f.xlsx", "S"): "采购额(万元)"}, "EUR", RATES)
    rows = result.suppliers.select("spend_value", "spend_currency", "spend_converted").rows()
    assert rows[0] == (5_000_000.0, "CNY", pytest.approx(5_000_000 / 7.6))
    assert rows[1] == (100.0, "USD", pytest.approx(100 / 1.04))


def test_signs_told_by_country_and_flagged_without_one():
    frame = suppliers(["¥ 1,000", "¥ 1,000", "¥ 1,000", "12 000 kr"], ["CN", "JP", "DE", "SE"])
    result = add_spend_values(frame, "spend", {}, "EUR", RATES)
    assert result.suppliers["spend_currency"].to_list() == ["CNY", "JPY", None, "SEK"]
    unknown = result.problems.filter(pl.col("check") == "unknown_currency")
    assert unknown.select("source_row", "value").rows() == [(4, "¥ 1,000")]
    assert unknown["detail"][0] == "'¥' names a currency only with the country (e.g. ¥: CN yuan, JP yen)"


def test_a_bare_dollar_is_usd_and_said_where_the_country_writes_its_own_currency_dollar():
    """'$' stays US dollars (ERP exports write it so), but for a supplier in Canada, Australia or Mexico, whose
    own currency is written '$' too, the officer is told which value and what to write; 'US$', 'USD' and a
    supplier in the US or China are not flagged."""
    frame = suppliers(
        ["$12,000", "$ 5.000,00", "US$ 300", "$100", "$200", "USD 7"], ["CA", "AU", "CA", "US", "CN", "MX"]
    )
    result = add_spend_values(frame, "spend", {}, "EUR", RATES)
    assert result.suppliers["spend_currency"].to_list() == ["USD"] * 6
    flagged = result.problems.filter(pl.col("check") == "dollar_read_as_usd")
    assert flagged.select("source_row", "value").rows() == [(2, "$12,000"), (3, "$ 5.000,00")]
    assert flagged["detail"][0] == (
        "'$' read as US dollars (USD), as ERP exports write it; the supplier is in Canada, whose own currency (CAD) "
        "is written '$' too: if it is CAD, write CAD in the cell, the header or a currency column"
    )
    assert "Australia" in flagged["detail"][1] and "(AUD)" in flagged["detail"][1]


def test_a_dollar_header_is_flagged_like_a_dollar_cell():
    frame = suppliers(["12,000", "5,000"], ["MX", "US"])
    result = add_spend_values(frame, "spend", {("f.xlsx", "S"): "Spend ($)"}, "EUR", RATES)
    flagged = result.problems.filter(pl.col("check") == "dollar_read_as_usd")
    assert flagged.select("source_row", "column").rows() == [(2, "Spend ($)")]
    assert "Mexico, whose own currency (MXN)" in flagged["detail"][0]


def test_a_column_naming_no_currency_is_read_in_the_reporting_currency_and_said_once():
    result = add_spend_values(suppliers(["100", "200"], ["DE", "FR"]), "spend", {}, "EUR", RATES)
    assert result.suppliers["spend_converted"].to_list() == [100.0, 200.0]
    assert result.problems.select("check", "source_row").rows() == [
        ("currency_assumed", 2)
    ]  # once, at the first


def test_a_currency_column_gives_each_amount_its_currency_after_the_cell():
    frame = suppliers(["100", "1.234,50", "€ 50", "300", "400", "500"], ["US", "CN", "US", "JP", "DE", "DE"])
    frame = frame.with_columns(pl.Series("currency", ["USD", "rmb", "USD", "¥", "Pesos?", None]))
    result = add_spend_values(frame, "spend", {("f.xlsx", "S"): "Spend (TEUR)"}, "EUR", RATES)
    rows = result.suppliers.select("spend_value", "spend_currency").rows()
    # the column's currency, the header's magnitude; a currency in the cell wins; ¥ told by the country;
    # an unreadable column value and an empty one leave the amount without a currency (the header's EUR
    # applies only where no currency is given at all)
    assert rows == [
        (100_000.0, "USD"),
        (1_234_500.0, "CNY"),
        (50.0, "EUR"),
        (300_000.0, "JPY"),
        (400_000.0, None),
        (500_000.0, "EUR"),
    ]
    assert result.suppliers["spend_converted"][0] == pytest.approx(100_000 / 1.04)
    problems = result.problems.select("check", "source_row", "detail").rows()
    assert problems == [("unknown_currency", 6, "the currency column gives 'Pesos?', not a currency")]


def test_own_rates_file_errors_name_every_problem(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text('base = "EUR"\ndate = "31.12.2024"\n[rates]\nUSD = "abc"\nZZZ = 1\n', encoding="utf-8")
    with pytest.raises(RatesFileError) as caught:
        load_rates_file(path)
    message = str(caught.value)
    assert "date '31.12.2024' is not a date (write YYYY-MM-DD)" in message
    assert "rates.USD: rate 'abc' for USD is not a positive number" in message
    assert "rates.ZZZ: currency 'ZZZ' is not an ISO 4217 code" in message


def _dates(values: list[str | None]) -> tuple[pl.DataFrame, pl.DataFrame]:
    frame = suppliers([None] * len(values), [None] * len(values)).with_columns(
        pl.Series("audit_date", values, dtype=pl.String)
    )
    info = SimpleNamespace(path="f.xlsx", sheet="S", column_map={"audit_date": "Last audit"})
    return add_audit_dates(frame, [info])


def test_a_slashed_date_is_read_in_the_order_its_column_shows():
    typed, problems = _dates(["04/05/2023", "31/12/2023", None])
    assert typed["audit_date_value"].to_list() == [dt.date(2023, 5, 4), dt.date(2023, 12, 31), None]
    assert typed["audit_date"].to_list() == [
        "2023-05-04",
        "31/12/2023",
        None,
    ]  # rules and model read the same
    assert problems.is_empty()


def test_an_ambiguous_date_is_listed_not_guessed():
    typed, problems = _dates(["04/05/2023", "2023-06-01", "soon"])
    assert typed["audit_date_value"].to_list() == [None, dt.date(2023, 6, 1), None]
    assert problems.select("check", "source_row", "column", "value").rows() == [
        ("ambiguous_date", 2, "Last audit", "04/05/2023"),
        ("unparseable_date", 4, "Last audit", "soon"),
    ]


def test_a_bare_number_read_as_an_excel_day_number_is_said():
    """45366 in an audit-date column (a date column exported as numbers) is 15 March 2024, and the officer is told,
    since the file shows a number where the report shows a date; a date cell or ISO text is not said."""
    typed, problems = _dates(["45366", "45366.0", "2024-03-15 00:00:00", "12"])
    assert typed["audit_date_value"].to_list() == [dt.date(2024, 3, 15)] * 3 + [None]
    assert problems.select("check", "source_row", "value", "detail").rows() == [
        (
            "date_from_day_number",
            2,
            "45366",
            "a number, read as the Excel day number of 2024-03-15: check the date in the file",
        ),
        (
            "date_from_day_number",
            3,
            "45366.0",
            "a number, read as the Excel day number of 2024-03-15: check the date in the file",
        ),
        ("unparseable_date", 5, "12", "not a date"),
    ]
