"""The one date parser: rules and the risk model read the same dates; ambiguous day/month is not guessed."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from screener.indicators.values import parse_date as rules_parse_date
from screener.normalize.dates import parse_date, read_date, slash_order
from screener.risk import features

D = dt.date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-05-04", D(2023, 5, 4)),
        ("2023-05-04 00:00:00", D(2023, 5, 4)),
        ("2023-05-04T13:45:00Z", D(2023, 5, 4)),
        ("2023/05/04", D(2023, 5, 4)),
        ("20230504", D(2023, 5, 4)),
        ("2023/05", D(2023, 5, 1)),
        ("2023-05", D(2023, 5, 1)),
        ("2023年5月", D(2023, 5, 1)),
        ("2023年5月4日", D(2023, 5, 4)),
        ("2023년 5월 4일", D(2023, 5, 4)),
        ("04.05.2023", D(2023, 5, 4)),
        ("4.5.23", D(2023, 5, 4)),
        ("31/12/2023", D(2023, 12, 31)),
        ("12/31/2023", D(2023, 12, 31)),
        ("05/05/2023", D(2023, 5, 5)),
        ("45050", D(2023, 5, 4)),
        (45050, D(2023, 5, 4)),
        (dt.datetime(2023, 5, 4, 9), D(2023, 5, 4)),
        # the month's name, in the languages supplier files come in (CLDR names)
        ("12. März 2025", D(2025, 3, 12)),
        ("5 de marzo de 2025", D(2025, 3, 5)),
        ("March 5th, 2025", D(2025, 3, 5)),
        ("05-MAR-25", D(2025, 3, 5)),
        ("1er février 2024", D(2024, 2, 1)),
        ("12 марта 2025 г.", D(2025, 3, 12)),
        ("15 października 2023", D(2023, 10, 15)),
        ("Sept. 2022", D(2022, 9, 1)),
        ("31 February 2024", None),
        ("3 May", None),  # no year
        ("Marzipan 2024", None),
        ("31.02.2023", None),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_dates(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("text", ["12/31/2023", "2023/05", "2023年5月", "31/12/2023", "02.01.2025"])
def test_rules_and_model_agree(text):
    """They used to differ: three of these were dates for the rules and missing for the model."""
    assert rules_parse_date is parse_date
    assert features.parse_date is parse_date
    assert parse_date(text) is not None


def test_ambiguous_day_month_is_flagged_not_guessed():
    read = read_date("04/05/2023")
    assert read.date is None
    assert read.problem == (
        "ambiguous: 4 May 2023 or 5 April 2023 (day/month or month/day); write it as YYYY-MM-DD"
    )
    assert parse_date("04/05/2023", "dmy") == D(2023, 5, 4)
    assert parse_date("04/05/2023", "mdy") == D(2023, 4, 5)


@pytest.mark.parametrize(
    ("values", "order"),
    [
        (["04/05/2023", "31/12/2023"], "dmy"),
        (["04/05/2023", "12/31/2023", None], "mdy"),
        (["04/05/2023", "31/12/2023", "12/31/2023"], None),
        (["04/05/2023"], None),
        (["2023-05-04"], None),
    ],
)
def test_a_column_tells_its_order_when_its_dates_agree(values, order):
    assert slash_order(pl.Series(values, dtype=pl.String)) == order


@given(st.dates(min_value=D(1960, 1, 1), max_value=D(2099, 12, 31)))
def test_unambiguous_forms_round_trip(date):
    assert parse_date(date.isoformat()) == date
    assert parse_date(date.strftime("%d.%m.%Y")) == date
    assert parse_date(f"{date.year}年{date.month}月{date.day}日") == date
    slashed = date.strftime("%d/%m/%Y")
    expected = date if date.day > 12 or date.day == date.month else None
    assert parse_date(slashed) == expected
    assert parse_date(slashed, "dmy") == date
    assert parse_date(date.strftime("%m/%d/%Y"), "mdy") == date


@pytest.mark.parametrize("locale", ["en", "de", "fr", "es", "it", "pt", "nl", "ru", "pl", "tr"])
@given(date=st.dates(min_value=D(1960, 1, 1), max_value=D(2099, 12, 31)))
def test_month_names_round_trip(locale, date):
    from babel.dates import format_date

    for style in ("long", "medium"):
        assert parse_date(format_date(date, style, locale=locale)) == date


@given(st.one_of(st.text(max_size=30), st.floats(), st.integers(), st.none()))
def test_never_raises(value):
    read = read_date(value)
    assert read.date is None or isinstance(read.date, dt.date)


def test_month_names_survive_the_country_table_build():
    """Building the CLDR country table loads every locale un-merged; babel caches load() by locale name whatever
    was merged, which once left the date parser run after it without German month names (KeyError 'wide')."""
    from babel import localedata

    from screener.normalize import countries

    localedata._cache.clear()  # as in a fresh process that builds the country table first
    countries._read_cldr_names()
    assert "wide" in localedata.load("de")["months"]["stand-alone"]
