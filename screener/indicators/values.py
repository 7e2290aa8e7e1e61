"""Reading the values people type into supplier sheets: yes/no in several languages, shares, amounts, dates.

Each parser returns None when the cell says nothing usable, so a rule can tell "no" from "not given".
"""

from __future__ import annotations

import datetime as dt
import re

from screener.normalize.phrases import fold

_YES = {
    "yes", "y", "true", "1", "x", "ja", "j", "oui", "si", "sim", "da", "是", "有", "在", "是的", "present",
    "in place", "available", "exists", "existe", "vorhanden", "ok", "yes, functioning", "implemented",
}  # fmt: skip
_NO = {
    "no", "n", "false", "0", "nein", "non", "nao", "nee", "否", "无", "没有", "不", "無", "沒有", "none", "absent",
    "not in place", "not available", "nicht vorhanden", "keine", "kein", "aucun", "aucune", "ninguno", "ninguna",
    "missing", "nil",
}  # fmt: skip
_UNKNOWN = {
    "",
    "-",
    "--",
    "n/a",
    "na",
    "unknown",
    "not known",
    "?",
    "tbd",
    "unbekannt",
    "inconnu",
    "desconocido",
    "不详",
}


def parse_bool(value: object) -> bool | None:
    """True / False from yes/no/ja/nein/oui/non/sí/是/否 and similar; None when empty, unknown or unreadable."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = fold(str(value)).strip().strip(".!")
    if text in _UNKNOWN:
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    first = re.split(r"[\s,;:(/]+", text, maxsplit=1)[0]
    if first in _YES:
        return True
    if first in _NO:
        return False
    return None


_NUMBER = re.compile(r"[-+]?\d[\d\s.,'’]*")


def parse_number(value: object) -> float | None:
    """A number as written in a sheet: '1,234.56', '1.234,56', '12 000', '€ 3.5k' is not read (None)."""
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip()
    found = _NUMBER.search(text)
    if not found:
        return None
    number = re.sub(r"[\s'’]", "", found.group()).rstrip(".,")
    if "," in number and "." in number:
        decimal = "," if number.rfind(",") > number.rfind(".") else "."
        number = number.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif number.count(",") > 1:
        number = number.replace(",", "")
    elif "," in number:
        head, tail = number.split(",")
        # a comma before exactly 3 digits separates thousands (1,234); otherwise it is a decimal comma (0,35)
        number = head + tail if len(tail) == 3 and head.lstrip("+-") != "0" else f"{head}.{tail}"
    elif number.count(".") > 1:
        number = number.replace(".", "")
    elif "." in number:
        head, tail = number.split(".")
        # a dot before exactly 3 digits separates thousands in European writing (1.000 = one thousand)
        number = head + tail if len(tail) == 3 and head.lstrip("+-") not in ("0", "") else number
    try:
        return float(number)
    except ValueError:
        return None


def parse_share(value: object) -> float | None:
    """A share from 0 to 1: '35%' -> 0.35, '0.35' -> 0.35, '35' -> 0.35 (a number above 1 is read as a percent)."""
    number = parse_number(value)
    if number is None or number < 0:
        return None
    if "%" in str(value) or number > 1:
        number = number / 100
    return number if number <= 1 else None


def parse_score(value: object) -> float | None:
    """A survey result as a share of its scale: '3/5' -> 0.6, '72%' -> 0.72, '7.5 of 10' -> 0.75, '0.4' -> 0.4,
    words such as poor / good / schlecht / bon / malo / 差 -> 0.25 / 0.75; None when unreadable."""
    if value is None:
        return None
    text = fold(str(value)).strip()
    scale = re.search(r"(\d+(?:[.,]\d+)?)\s*(?:/|of|von|sur|de|out of)\s*(\d+(?:[.,]\d+)?)", text)
    if scale:
        got, top = (float(x.replace(",", ".")) for x in scale.groups())
        return got / top if top else None
    for words, share in ((_POOR_WORDS, 0.25), (_GOOD_WORDS, 0.75)):
        if any(
            re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text) or (not w.isascii() and w in text) for w in words
        ):
            return share
    return parse_share(value)


_POOR_WORDS = ("poor", "bad", "low", "very low", "negative", "unsatisfactory", "critical", "schlecht", "niedrig",
               "mauvais", "faible", "malo", "bajo", "deficiente", "ruim", "差", "低", "不满意")  # fmt: skip
_GOOD_WORDS = ("good", "high", "positive", "satisfactory", "excellent", "gut", "hoch", "bon", "bonne", "bueno",
               "alto", "bom", "好", "高", "满意")  # fmt: skip


def parse_date(value: object) -> dt.date | None:
    """A date from ISO text, day/month/year (European order), a datetime, or an Excel serial number."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    if re.fullmatch(r"\d{5}(\.\d+)?", text):  # Excel serial day number
        serial = float(text)
        if 20000 < serial < 80000:
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(serial))
    iso = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if iso:
        return _date(*map(int, iso.groups()))
    dmy = re.fullmatch(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})", text)
    if dmy:
        day, month, year = map(int, dmy.groups())
        if month > 12 >= day:  # 12/31/2023: a US date
            day, month = month, day
        return _date(year, month, day)
    year_month = re.fullmatch(r"(\d{4})[/-](\d{1,2})", text)
    if year_month:
        return _date(int(year_month.group(1)), int(year_month.group(2)), 1)
    cjk = re.fullmatch(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?", text)
    if cjk:
        year, month, day = cjk.groups()
        return _date(int(year), int(month), int(day or 1))
    return None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole months from ``earlier`` to ``later``."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (1 if later.day < earlier.day else 0)
