"""SAP writes a credit with its minus last, after the currency too ('1 234,56 EUR-'): the minus was read as part
of an unknown word 'EUR-' and the supplier's spend was lost; the other negative forms already read negative.
A negative spend counted as no spend in the leverage without a word: it is now said as negative_spend."""

from __future__ import annotations

import openpyxl
import pytest

from screener.normalize.numbers import Amount, parse_amount
from tests.pipeline.officer import screened


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
    path = tmp_path / "kreditoren.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Supplier Name", "Country", "Annual Spend (EUR)"])
    for name, spend in [
        ("Acme Tools GmbH", "1.234,56-"),
        ("Bravo Parts AG", "1 234,56 EUR-"),
        ("Charlie Ltd", "1,234.56-"),
        ("Delta Werke KG", "(1,234.56)"),
        ("Echo Metall GmbH", "-1.234,56"),
    ]:
        sheet.append([name, "Germany", spend])
    book.save(path)
    result, out = screened(path)
    report = openpyxl.load_workbook(out)["Suppliers"]
    header = [cell.value for cell in report[1]]
    spends = {
        row[header.index("Supplier name")]: row[header.index("Spend (EUR)")]
        for row in report.iter_rows(min_row=2, values_only=True)
    }
    assert spends == {
        "Acme Tools GmbH": -1234.56,
        "Bravo Parts AG": -1234.56,
        "Charlie Ltd": -1234.56,
        "Delta Werke KG": -1234.56,
        "Echo Metall GmbH": -1234.56,
    }
    assert "unparseable_spend" not in result.stdout


def test_a_negative_spend_counts_as_no_spend_in_the_leverage_and_is_said(tmp_path):
    path = tmp_path / "gutschriften.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Supplier Name", "Country", "Annual Spend (EUR)"])
    sheet.append(["Acme Tools GmbH", "Germany", "1.234,56-"])
    sheet.append(["Bravo Parts AG", "Germany", "5.000,00"])
    book.save(path)
    result, out = screened(path)
    workbook = openpyxl.load_workbook(out)
    suppliers = workbook["Suppliers"]
    header = [cell.value for cell in suppliers[1]]
    shares = {
        row[header.index("Supplier name")]: (
            row[header.index("Spend (EUR)")],
            row[header.index("Leverage (spend share)")],
        )
        for row in suppliers.iter_rows(min_row=2, values_only=True)
    }
    assert shares == {"Acme Tools GmbH": (-1234.56, 0), "Bravo Parts AG": (5000, 1)}
    quality = workbook["Data quality"]
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
