"""Reading the values people type into supplier sheets: yes/no in several languages, shares, survey scores.

Numbers and dates come from the one parser of each (screener.normalize.numbers, screener.normalize.dates).

Each parser returns None when the cell says nothing usable, so a rule can tell "no" from "not given".
"""

from __future__ import annotations

import re

from screener.normalize.dates import months_between, parse_date
from screener.normalize.numbers import parse_number
from screener.normalize.phrases import fold

__all__ = ["months_between", "parse_bool", "parse_date", "parse_number", "parse_score", "parse_share"]

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
