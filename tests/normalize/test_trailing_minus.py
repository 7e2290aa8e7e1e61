"""SAP writes a credit with its minus last, after the currency too ('1 234,56 EUR-'): the minus was read as part
of an unknown word 'EUR-' and the supplier's spend was lost; the other negative forms already read negative.
A negative spend counted as no spend in the leverage without a word: it is now said as negative_spend."""

from __future__ import annotations

import openpyxl
import pytest

from screener.normalize.numbers import Amount, parse_amount
from tests.pipeline.officer import one_sheet_workbook, screened, suppliers_column


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("1 234,56 EUR-", -1234.56, "EUR"),
        ("1 234,56 EUR -", -1234.56, "EUR"),
        ("3,5 Mio. €-", -3_500_000.0, "EUR"),
        ("1.234,56-", -1234.56, None),
        ("1,234.56-", -1234.56, None),
    ],
)
def test_a_minus_written_last_makes_the_amount_negative(text, value, currency):
    assert parse_amount(text) == Amount(value, currency, None)


def test_negative_spends_in_a_workbook_leave_the_report_as_negative_numbers(tmp_path):
    rows = [
        ["Acme Tools GmbH", "Germany", "1.234,56-"],
        ["Bravo Parts AG", "Germany", "1 234,56 EUR-"],
        ["Charlie Ltd", "Germany", "1,234.56-"],
        ["Delta Werke KG", "Germany", "(1,234.56)"],
        ["Echo Metall GmbH", "Germany", "-1.234,56"],
    ]
    header = ["Supplier Name", "Country", "Annual Spend (EUR)"]
    result, out = screened(one_sheet_workbook(tmp_path / "kreditoren.xlsx", header, rows))
    spends = suppliers_column(out, "Spend (EUR)")
    assert spends == {
        "Acme Tools GmbH": -1234.56,
        "Bravo Parts AG": -1234.56,
        "Charlie Ltd": -1234.56,
        "Delta Werke KG": -1234.56,
        "Echo Metall GmbH": -1234.56,
    }
    assert "unparseable_spend" not in result.stdout


def test_a_negative_spend_counts_as_no_spend_in_the_leverage_and_is_said(tmp_path):
    rows = [["Acme Tools GmbH", "Germany", "1.234,56-"], ["Bravo Parts AG", "Germany", "5.000,00"]]
    header = ["Supplier Name", "Country", "Annual Spend (EUR)"]
    result, out = screened(one_sheet_workbook(tmp_path / "gutschriften.xlsx", header, rows))
    shares = suppliers_column(out, "Spend (EUR)", "Leverage (spend share)")
    assert shares == {"Acme Tools GmbH": (-1234.56, 0), "Bravo Parts AG": (5000, 1)}
    quality = openpyxl.load_workbook(out)["Data quality"]
    columns = [cell.value for cell in quality[1]]
    negative = [
        (
            row[columns.index("Source row")],
            row[columns.index("Column")],
            row[columns.index("Value")],
            row[columns.index("Detail")],
        )
        for row in quality.iter_rows(min_row=2, values_only=True)
        if row[columns.index("Check")] == "negative_spend"
    ]
    assert negative == [
        (
            2,
            "Annual Spend (EUR)",
            "1.234,56-",
            "a negative spend (a credit note, a return): kept as written, counts as no spend in the leverage "
            "(spend share)",
        )
    ]
    assert "negative_spend: 1 row, e.g. '1.234,56-' (row 2)" in result.stdout
