"""The list-entry frame: the contract columns of ``screener.schema`` plus evidence columns for the report.

Every parser returns rows through :func:`entries_frame`, so all lists share one column order and one dtype per
column and can be concatenated without surprises.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

import polars as pl

from screener.schema import LIST_ENTRY_COLUMNS

# Evidence columns after the contract ones: what an officer wants to see beside a hit.
NAME_TYPE = "name_type"  # primary / aka / fka / nka / weak aka / former name / earlier listing / named party
STATUS = "status"  # listed / active / modified / partially modified / revoked / ... as the publisher words it
STATUS_ON = "status_on"  # ISO date the status took effect (revoked, modified, removed...); null while listed
MERCHANDISE = "merchandise"  # goods or sector named by the listing (CBP merchandise, UFLPA sector)
REMARKS = "remarks"  # publisher remarks and the history of changes
COUNTRIES = "countries"  # every country code of the entity, ';'-joined (country_code holds the first)
LISTED_AS = "listed_as"  # the entity exactly as the publisher words it (before splitting names out)
IDENTIFIERS = (
    "identifiers"  # tax/registration numbers, LEI, USCC, IMO...: screener.normalize.identifiers.encode
)
LINKED_TO = "linked_to"  # names of other listed parties the publisher links the entity to, "; "-joined
ADDRESSES = "addresses"  # every address of the entity, " | "-joined (address holds the first)
EXTRA_COLUMNS = (
    NAME_TYPE,
    STATUS,
    STATUS_ON,
    MERCHANDISE,
    REMARKS,
    COUNTRIES,
    LISTED_AS,
    IDENTIFIERS,
    LINKED_TO,
    ADDRESSES,
)
ENTRY_COLUMNS = (*LIST_ENTRY_COLUMNS, *EXTRA_COLUMNS)
ENTRY_SCHEMA = {column: (pl.Boolean if column == "is_alias" else pl.String) for column in ENTRY_COLUMNS}

# Entity types: organisations and vessels are what a supplier could be; people and aircraft are kept apart.
MATCHED_TYPES = ("entity", "vessel")
OTHER_TYPES = ("individual", "aircraft")

ORDER_COLUMNS = (
    "order_id",
    "date",
    "type",
    "description",
    "country_code",
    "merchandise",
    "status",
    "source_url",
    "remarks",
)
ORDER_SCHEMA = {column: pl.String for column in ORDER_COLUMNS}


def entries_frame(rows: Iterable[Mapping[str, object]]) -> pl.DataFrame:
    """A list-entry frame in the shared column order; missing keys become null."""
    records = [{column: row.get(column) for column in ENTRY_COLUMNS} for row in rows]
    return pl.DataFrame(records, schema=ENTRY_SCHEMA, orient="row") if records else empty_entries()


def empty_entries() -> pl.DataFrame:
    """A list-entry frame with no rows."""
    return pl.DataFrame(schema=ENTRY_SCHEMA)


def orders_frame(rows: Iterable[Mapping[str, object]]) -> pl.DataFrame:
    """A frame of region- or product-wide orders (inputs for rules, not names to match)."""
    records = [{column: row.get(column) for column in ORDER_COLUMNS} for row in rows]
    return pl.DataFrame(records, schema=ORDER_SCHEMA, orient="row") if records else empty_orders()


def empty_orders() -> pl.DataFrame:
    """An orders frame with no rows."""
    return pl.DataFrame(schema=ORDER_SCHEMA)


def split_matched(frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(organisations and vessels, individuals and aircraft): only the first are matched by default."""
    matched = pl.col("entity_type").is_in(MATCHED_TYPES)
    return frame.filter(matched), frame.filter(~matched)


def slug(text: str) -> str:
    """A stable ascii id fragment: 'Aksu Huafu Co., Ltd.' -> 'aksu-huafu-co-ltd'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def join_unique(values: Iterable[str | None], sep: str = "; ") -> str | None:
    """Distinct non-empty values in first-seen order, joined; None when there are none."""
    seen: dict[str, None] = {}
    for value in values:
        if value and value.strip():
            seen.setdefault(value.strip(), None)
    return sep.join(seen) if seen else None


def name_rows(
    base: Mapping[str, object], primary: str, aliases: Iterable[tuple[str, str]]
) -> list[dict[str, object]]:
    """One row for the primary name and one per distinct alias ``(name, name_type)`` (case-insensitive)."""
    rows = [{**base, "name": primary, "is_alias": False, "entity_name": primary, NAME_TYPE: "primary"}]
    seen = {primary.casefold()}
    for alias, name_type in aliases:
        alias = alias.strip()
        if alias and alias.casefold() not in seen:
            seen.add(alias.casefold())
            rows.append(
                {**base, "name": alias, "is_alias": True, "entity_name": primary, NAME_TYPE: name_type}
            )
    return rows
