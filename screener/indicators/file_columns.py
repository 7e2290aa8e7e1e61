"""Rules keys that name a column of the officer's own file, checked against the file before anything is screened.

``[prioritisation] leverage_column = "Jahresumsatz 2023"`` or ``[ilo] flag_columns = { ... ["Overtime > 60h"] }``
naming a header the supplier file does not have had made a report in which leverage was 0 for every supplier, or
the yes/no check never ran, and nothing said so. Such a key is one error naming the rules file, the key and the
headers the file has.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path

from screener.errors import ConfigError
from screener.indicators.ruleset import RuleSet
from screener.io.table import RESERVED, officer_header

SPEND_FIELD = "spend"  # leverage_column's word for "the column the reader mapped as spend"


def named_columns(rules: RuleSet) -> list[tuple[str, str]]:
    """(key path, column) for every column of the supplier file that the rules name by its header."""
    named = []
    column = str(rules.section("prioritisation")["leverage_column"])
    if column != SPEND_FIELD:
        named.append(("prioritisation.leverage_column", column))
    for indicator, columns in rules.section("ilo")["flag_columns"].items():
        named += [(f"ilo.flag_columns.{indicator}", str(c)) for c in columns]
    return named


def check_file_columns(rules: RuleSet, columns: Iterable[str], files: Iterable[str]) -> None:
    """Raise one ConfigError when the rules name a column that none of ``files`` (their suppliers frame has
    ``columns``) has: the key, the rules file that sets it, and the headers to choose from."""
    columns = list(columns)
    missing = [(key, column) for key, column in named_columns(rules) if column not in columns]
    if not missing:
        return
    headers = ", ".join(repr(officer_header(c)) for c in columns if c not in RESERVED)
    names = [repr(Path(f).name) for f in files]
    shown = f"{names[0]} does not" if len(names) == 1 else f"none of {', '.join(names)}"
    many = len(missing) > 1
    raise ConfigError(
        f"rules file {_setting_file(rules, missing[0][0])} names {len(missing)} column{'s' if many else ''} that"
        f" {shown} have (its headers: {headers}); give the header as the file writes it, or take the"
        f" key{'s' if many else ''} out of the rules file:",
        problems=[
            f"{_setting_file(rules, key)}: {key} = {column!r}: no such column" for key, column in missing
        ],
    )


def _setting_file(rules: RuleSet, key: str) -> str:
    """The last rules file (of ``rules.sources``, base first) that sets ``key`` (``section.name...``)."""
    section, name = key.split(".")[:2]
    for path in reversed(rules.sources):
        try:
            table = tomllib.loads(Path(path).read_text(encoding="utf-8")).get(section, {})
        except (OSError, tomllib.TOMLDecodeError):
            continue
        if name in table:
            return Path(path).name
    return Path(rules.sources[-1]).name if rules.sources else "(rules)"
