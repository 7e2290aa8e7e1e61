"""An audit date given as a month or a quarter ('03/2024', 'Q1 2024') was 'not a date' although '2024-03' and
'Mar 2024' were read: each is now its first day (an audit's age taken at its oldest, see screener.normalize.dates)
and leaves the report as a date."""

from __future__ import annotations

import datetime as dt

import pytest

from screener.normalize.dates import read_date
from tests.pipeline.officer import one_sheet_workbook, screened, suppliers_column


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("03/2024", dt.date(2024, 3, 1)),
        ("3/2024", dt.date(2024, 3, 1)),
        ("03.2024", dt.date(2024, 3, 1)),
        ("Q1 2024", dt.date(2024, 1, 1)),
        ("q4 2023", dt.date(2023, 10, 1)),
        ("2024-Q2", dt.date(2024, 4, 1)),
        ("Q3/2024", dt.date(2024, 7, 1)),
    ],
)
def test_a_month_or_quarter_is_its_first_day(text, date):
    assert read_date(text).date == date


@pytest.mark.parametrize(("text", "problem"), [("13/2024", "no such day"), ("Q5 2024", "not a date")])
def test_a_month_or_quarter_that_does_not_exist_is_said(text, problem):
    assert read_date(text).problem == problem


def test_month_and_quarter_audit_dates_leave_the_report_as_dates(tmp_path):
    rows = [
        ["Acme Tools GmbH", "Germany", "03/2024"],
        ["Bravo Parts AG", "Germany", "2024-03"],
        ["Charlie Ltd", "Germany", "Mar 2024"],
        ["Delta Werke KG", "Germany", "Q1 2024"],
        ["Echo Metall GmbH", "Germany", "2023/05"],
    ]
    path = one_sheet_workbook(tmp_path / "audits.xlsx", ["Supplier Name", "Country", "Last Audit"], rows)
    result, out = screened(path)
    audits = suppliers_column(out, "Audit date (as read)")
    assert audits == {
        "Acme Tools GmbH": dt.datetime(2024, 3, 1),
        "Bravo Parts AG": dt.datetime(2024, 3, 1),
        "Charlie Ltd": dt.datetime(2024, 3, 1),
        "Delta Werke KG": dt.datetime(2024, 1, 1),
        "Echo Metall GmbH": dt.datetime(2023, 5, 1),
    }
    assert "unparseable_date" not in result.stdout
