"""The one number parser: amounts as ERPs and people write them, with currency and magnitude."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from screener.indicators.values import parse_number as rules_parse_number
from screener.normalize.numbers import Amount, parse_amount, parse_number
from screener.risk import features


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("99364.54", 99364.54, None),
        ("1,234.56", 1234.56, None),
        ("1.234,56", 1234.56, None),
        ("12 345,67", 12345.67, None),
        ("12\u00a0345,67 €", 12345.67, "EUR"),
        ("CHF 1'234.50", 1234.5, "CHF"),
        ("(1,023.84)", -1023.84, None),
        ("(€ 1.000)", -1000.0, "EUR"),
        ("1.234,56-", -1234.56, None),
        ("−5,5", -5.5, None),
        ("€ 3.5m", 3_500_000.0, "EUR"),
        ("€3.5k", 3500.0, "EUR"),
        ("3,5 Mio. €", 3_500_000.0, "EUR"),
        ("2 Mrd", 2e9, None),
        ("450 TEUR", 450_000.0, "EUR"),
        ("k€ 12", 12_000.0, "EUR"),
        ("500万元", 5_000_000.0, "CNY"),
        ("3亿元", 3e8, "CNY"),
        ("1.2万", 12_000.0, None),
        ("25 000 000 CZK", 25_000_000.0, "CZK"),
        ("US$ 1,200", 1200.0, "USD"),
        ("$ 1,234.56", 1234.56, "USD"),
        ("R$ 5.000,00", 5000.0, "BRL"),
        ("2.500.000,00 CZK", 2_500_000.0, "CZK"),
        (
            "¥ 12,000,000",
            12_000_000.0,
            "¥",
        ),  # yuan or yen: the supplier's country tells (screener.normalize.spend)
        ("12 000 kr", 12_000.0, "kr"),
        ("0,35", 0.35, None),
        ("ca. 5000 EUR", 5000.0, "EUR"),
    ],
)
def test_amounts_read_with_currency_and_magnitude(text, value, currency):
    amount = parse_amount(text)
    assert amount.value == pytest.approx(value)
    assert amount.currency == currency
    assert amount.problem is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("1,000-2,000", "more than one number"),
        ("5000 EUR gross", "unknown word 'gross'"),
        ("abc", "no number"),
        ("€ 5 $", "two currencies (EUR, USD)"),
    ],
)
def test_what_is_not_understood_is_said(text, problem):
    assert parse_amount(text).problem == problem


@pytest.mark.parametrize("text", ["", "  ", "n/a", "-", None])
def test_empty_cells_are_no_amount_and_no_problem(text):
    assert parse_amount(text) == Amount(None)


def test_rules_and_model_read_numbers_alike():
    assert rules_parse_number is parse_number
    for text in ("1.234,5", "72,5", "1,234", "(12)"):
        assert features.number(text) == parse_number(text)
    assert features.number("35 %") == pytest.approx(0.35)


@given(st.integers(min_value=-(10**12), max_value=10**12), st.sampled_from([",", ".", " ", "'", ""]))
def test_integers_with_any_thousands_separator_round_trip(number, separator):
    digits = f"{abs(number):,}".replace(",", separator)
    text = f"-{digits}" if number < 0 else digits
    assert parse_number(text) == number


@given(
    st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from([("en", ",", "."), ("de", ".", ","), ("fr", " ", ","), ("ch", "'", ".")]),
    st.booleans(),
)
def test_two_decimal_amounts_in_any_locale_and_accounting_brackets(number, style, bracketed):
    _, thousands, decimal = style
    whole, cents = f"{number:.2f}".split(".")
    text = f"{int(whole):,}".replace(",", thousands) + decimal + cents
    if bracketed:
        text = f"({text})"
    expected = -float(number) if bracketed else float(number)
    assert parse_number(text) == pytest.approx(expected)


@given(st.one_of(st.text(max_size=40), st.floats(), st.integers(), st.none(), st.booleans()))
def test_never_raises_and_a_value_is_finite_or_absent(value):
    amount = parse_amount(value)
    assert amount.value is None or isinstance(amount.value, float)


@pytest.mark.parametrize("text", ["ß€", "1.000 ß€", "ﬀ€ 12", "İ€x"])
def test_a_letter_that_casefolds_longer_does_not_loop(text):
    """'ß'.casefold() is 'ss': a sign found in the folded text must not be cut at the folded text's index
    (it recursed without end; found by the hypothesis test of the indicator engine)."""
    parse_amount(text)  # returns a reading or a reason, never a RecursionError


def test_the_spend_bench_table_reads_right():
    """bench/spend/cells.csv (the table price-parser was measured on, `make bench-spend`): every cell right."""
    from bench.spend.compare import cases, ours, right

    wrong = [case["cell"] for case in cases() if right(ours(case["cell"]), case) != (True, True)]
    assert wrong == []
