"""Dates as supplier sheets hold them: the one date parser of the tool (rules, risk model and report).

Read: date and datetime cells, ISO text with or without a time, ``2023/05/04``, ``20230504``, a month alone
(``2023-05``, ``2023/05``, ``05/2023``, ``05.2023``, ``2023年5月``, ``May 2023``) and a quarter (``Q2 2023``,
``2023-Q2``, ``Q2/2023``) as their FIRST day: an audit "in May 2023" may have been on the 1st, and "how old is
the last audit" is taken at its oldest, so an audit is never read as more recent than the file says it could be
(a month's last day would let an overdue audit pass as in time). ``04.05.2023`` (dots: day first, as
every country that writes them), ``31/12/2023`` and ``12/31/2023`` (the order told by a part above 12), Excel
serial day numbers, and dates with the month's name in the languages supplier files come in (``12. März 2025``,
``5 de marzo de 2025``, ``March 5, 2025``, ``05-MAR-25``, ``12 марта 2025 г.``, ``Mar 2025``: CLDR month names
through babel). ``04/05/2023`` could be 4 May or 5 April: it is not guessed. :func:`slash_order` tells the
order from the other dates of the same column when they agree; otherwise the date is left unread with a problem
that says why, for the report's data quality table.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Literal

import polars as pl

EXCEL_EPOCH = dt.date(1899, 12, 30)
SERIAL_RANGE = (20000, 80000)  # 1954 .. 2119: a five-digit number in this range in a date column is a serial
Order = Literal["dmy", "mdy"]

_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_YEAR_MONTH = re.compile(r"(\d{4})[-/.](\d{1,2})")
# 03/2024, 03.2024: month and year as SAP and Excel write them; a quarter: Q1 2024, 2024-Q1, Q1/2024
_MONTH_YEAR = re.compile(r"(\d{1,2})[-/.](\d{4})")
_QUARTER = re.compile(r"(?i)(?:q([1-4])[\s/.-]*(\d{4})|(\d{4})[\s/.-]*q([1-4]))")
_CJK = re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월](?:\s*(\d{1,2})\s*[日일])?")
_DOTTED = re.compile(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
_SLASHED = re.compile(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")
_NAMED_TOKENS = re.compile(r"\d+|[^\W\d_]+")
_ORACLE = re.compile(r"(\d{1,2})-([^\W\d_]+)-(\d{2}|\d{4})")  # 05-MAR-25, as Oracle and SAP exports write it
# CLDR locales whose month names are read: the languages of the supplier files the header synonyms know.
MONTH_LOCALES = ("en", "de", "fr", "es", "it", "pt", "nl", "ru", "uk", "tr", "pl", "cs", "ro", "sv", "da", "nb",
                 "fi", "hu", "id", "ms")  # fmt: skip
# Words around a named month that say nothing about the date: "5 de marzo de 2025", "March 5th", "1er mars",
# "12 марта 2025 г.", "the 3rd of May".
_DATE_FILLERS = frozenset(
    {"de", "del", "of", "the", "st", "nd", "rd", "th", "er", "eme", "г", "года", "r", "den"}
)


@dataclass(frozen=True)
class DateRead:
    """A cell read as a date: the date (None when there is none) and why it could not be read (None when clear)."""

    date: dt.date | None
    problem: str | None = None


def parse_date(value: object, order: Order | None = None) -> dt.date | None:
    """The date in a cell, or None when empty, unreadable or ambiguous (see :func:`read_date`)."""
    return read_date(value, order).date


def read_date(value: object, order: Order | None = None) -> DateRead:
    """A date from a cell; ``order`` ('dmy' or 'mdy', from :func:`slash_order`) settles ``04/05/2023``."""
    if value is None or isinstance(value, bool):
        return DateRead(None)
    if isinstance(value, dt.datetime):
        return DateRead(value.date())
    if isinstance(value, dt.date):
        return DateRead(value)
    if isinstance(value, int | float):
        return _serial(float(value))
    return _read_text(" ".join(str(value).split()), order)


@cache
def _read_text(text: str, order: Order | None) -> DateRead:
    if not text or text.casefold() in ("-", "--", "n/a", "na", "none", "unknown", "tbd"):
        return DateRead(None)
    if _SERIAL.fullmatch(text):
        return _serial(float(text))
    for pattern in (_ISO, _CJK):
        found = pattern.fullmatch(text)
        if found:
            year, month, day = found.groups()
            return _checked(int(year), int(month), int(day or 1), text)
    found = _COMPACT.fullmatch(text) or _YEAR_MONTH.fullmatch(text)
    if found:
        year, month, *day = found.groups()
        return _checked(int(year), int(month), int(day[0]) if day else 1, text)
    found = _MONTH_YEAR.fullmatch(text)
    if found:
        month, year = found.groups()
        return _checked(int(year), int(month), 1, text)
    found = _QUARTER.fullmatch(text)
    if found:
        quarter, year = (
            (found.group(1), found.group(2)) if found.group(1) else (found.group(4), found.group(3))
        )
        return _checked(int(year), 3 * int(quarter) - 2, 1, text)
    found = _DOTTED.fullmatch(text)
    if found:
        day, month, year = found.groups()
        return _checked(_year(year), int(month), int(day), text)
    found = _SLASHED.fullmatch(text)
    if found:
        return _slashed(found, text, order)
    return _month_named(text) or DateRead(None, "not a date")


def _month_named(text: str) -> DateRead | None:
    """A date whose month is written as a word: one month name, a four-digit year, a day or none (the first)."""
    oracle = _ORACLE.fullmatch(text)
    tokens = _NAMED_TOKENS.findall(_folded(text))
    words = [t for t in tokens if not t.isdigit() and t not in _DATE_FILLERS]
    if len(words) != 1 or (month := month_numbers().get(words[0])) is None:
        return None
    numbers = [t for t in tokens if t.isdigit()]
    if oracle:
        return _checked(_year(oracle.group(3)), month, int(oracle.group(1)), text)
    years = [n for n in numbers if len(n) == 4]
    days = [n for n in numbers if len(n) <= 2]
    if len(years) != 1 or len(days) > 1 or len(years) + len(days) != len(numbers):
        return None
    return _checked(int(years[0]), month, int(days[0]) if days else 1, text)


@cache
def month_numbers() -> dict[str, int]:
    """Month names, wide and abbreviated, as written in a date and standing alone, folded -> month number."""
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for code in MONTH_LOCALES:
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in get_month_names(width, context, code).items():
                    key = _folded(name).replace(".", "").strip()
                    if key.isalpha():
                        names.setdefault(key, number)
    return names


def _folded(text: str) -> str:
    """Case and accents folded: 'März' and 'marz', 'février' and 'fevrier' read the same."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _slashed(found: re.Match, text: str, order: Order | None) -> DateRead:
    first, second, year = int(found.group(1)), int(found.group(2)), _year(found.group(3))
    told = _told_order(first, second) or order
    if told is None:
        return DateRead(
            None,
            f"ambiguous: {_day_month(first, second, year)} or {_day_month(second, first, year)} "
            "(day/month or month/day); write it as YYYY-MM-DD",
        )
    day, month = (first, second) if told == "dmy" else (second, first)
    return _checked(year, month, day, text)


def _told_order(first: int, second: int) -> Order | None:
    """The order one date shows by itself: a part above 12 is the day; equal parts read the same either way."""
    if first > 12 >= second or first == second:
        return "dmy"
    if second > 12 >= first:
        return "mdy"
    return None


def _day_month(day: int, month: int, year: int) -> str:
    try:
        return dt.date(year, month, day).strftime("%-d %B %Y")
    except ValueError:
        return f"{day}/{month}/{year}"


def slash_order(values: pl.Series) -> Order | None:
    """The day/month order of a column's slashed dates, when its dates that show one all agree."""
    if values.dtype != pl.String:
        return None
    parts = (
        values.drop_nulls()
        .unique()
        .str.extract_groups(r"^\s*(\d{1,2})[/-](\d{1,2})[/-]\d{2,4}")
        .struct.unnest()
        .drop_nulls()
        .cast(pl.Int64)
    )
    if parts.is_empty():
        return None
    first, second = parts.get_column(parts.columns[0]), parts.get_column(parts.columns[1])
    day_first, month_first = (
        bool(((first > 12) & (second <= 12)).any()),
        bool(((second > 12) & (first <= 12)).any()),
    )
    if day_first == month_first:
        return None
    return "dmy" if day_first else "mdy"


def _year(text: str) -> int:
    """A two-digit year is in this century up to 69 and the last one from 70 (as Excel reads them)."""
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def is_day_number(value: object) -> bool:
    """A cell that is a bare number read as an Excel serial day (``45366``, a date column exported as numbers): the
    date is read, and said, since the officer sees a number where the report shows a date."""
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, int | float):
        return SERIAL_RANGE[0] < value < SERIAL_RANGE[1]
    text = str(value).strip()
    return bool(_SERIAL.fullmatch(text)) and SERIAL_RANGE[0] < float(text) < SERIAL_RANGE[1]


def _serial(serial: float) -> DateRead:
    if SERIAL_RANGE[0] < serial < SERIAL_RANGE[1]:
        return DateRead(EXCEL_EPOCH + dt.timedelta(days=int(serial)))
    return DateRead(None, "a number, not a date")


def _checked(year: int, month: int, day: int, text: str) -> DateRead:
    try:
        return DateRead(dt.date(year, month, day))
    except ValueError:
        return DateRead(None, "no such day")


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole months from ``earlier`` to ``later``."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (1 if later.day < earlier.day else 0)
