"""DHS UFLPA Entity List, from the project's tidy CSV of the DHS page (one row per entity x statutory section).

One entity per ``entity_key``: its current name, its "also known as" aliases and former names, every statutory
section it is listed under (the program), the earliest date it was added, and its sector as merchandise.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import polars as pl

from screener.contracts import ListInfo
from screener.data import LISTS_DIR
from screener.errors import ListError
from screener.lists.common import csv_dicts, make_info, sha256_of
from screener.lists.format import BundledList, ListFile, ListFormat
from screener.lists.schema import (
    COUNTRIES,
    LISTED_AS,
    MERCHANDISE,
    REMARKS,
    STATUS,
    STATUS_ON,
    entries_frame,
    join_unique,
    name_rows,
)
from screener.normalize.countries import country_code

REQUIRED = ("entity_key", "entity_name", "aliases", "former_names", "country", "list_section", "date_added")
SOURCE_URL = "https://www.dhs.gov/uflpa-entity-list"
TITLE = "UFLPA Entity List"
PUBLISHER = "US Department of Homeland Security (FLETF)"
LICENCE = "US Government work, public domain (17 U.S.C. 105)"
# What every ListInfo of this format says of its publisher (make_info keywords).
PUBLICATION = {"title": TITLE, "publisher": PUBLISHER, "source_url": SOURCE_URL, "licence": LICENCE}
_CURRENT = "listed"


def parse_uflpa(
    path: str | Path, *, list_id: str = "uflpa", version: str = ""
) -> tuple[pl.DataFrame, ListInfo]:
    """Entries of the UFLPA Entity List CSV; ``version`` defaults to the latest date an entity was added."""
    path = Path(path)
    listings: dict[str, list[dict[str, str]]] = defaultdict(list)
    for line, row in csv_dicts(path, REQUIRED):
        _check_listing(path, line, row)
        listings[row["entity_key"]].append(row)
    if not listings:
        raise ListError(f"{path.name}: no entities in the file.")
    version = version or max(row["date_added"] for rows in listings.values() for row in rows)
    rows: list[dict[str, object]] = []
    for key, entity_listings in listings.items():
        rows.extend(_entity_rows(key, entity_listings, list_id, version))
    entries = entries_frame(rows)
    info = make_info(
        entries,
        list_id=list_id,
        version=version,
        sha256=sha256_of([path]),
        **PUBLICATION,
        format="uflpa",
    )
    return entries, info


def _check_listing(path: Path, line: int, row: dict[str, str]) -> None:
    for field in ("entity_key", "entity_name", "list_section"):
        if not row[field]:
            raise ListError(f"{path.name} line {line}: {field} is empty.")
    date = row["date_added"]
    if date and not (
        len(date) == 10 and date[4] == "-" and date[7] == "-" and date.replace("-", "").isdigit()
    ):
        raise ListError(f"{path.name} line {line}: date_added {date!r} is not an ISO date (YYYY-MM-DD).")


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _entity_rows(
    key: str, listings: list[dict[str, str]], list_id: str, version: str
) -> list[dict[str, object]]:
    """Name rows of one entity; sections no longer in force are kept in the remarks, not in the program."""
    current = [row for row in listings if row.get("status", _CURRENT) in (_CURRENT, "")] or listings
    listed = any(row.get("status", _CURRENT) in (_CURRENT, "") for row in listings)
    latest = max(current, key=lambda row: row["date_added"])
    primary = latest["entity_name"]
    aliases = [(alias, "aka") for row in listings for alias in _split(row["aliases"])]
    former = [(name, "former name") for row in listings for name in _split(row["former_names"])]
    older_names = [
        (row["entity_name"], "as listed in another section" if row in current else "earlier listing")
        for row in listings
        if row is not latest
    ]
    history = [
        f"{row['list_section']}: {row.get('status')} on {row.get('removed_on') or 'unknown date'}"
        for row in listings
        if row not in current
    ]
    codes = [code for code in dict.fromkeys(country_code(row["country"]) for row in listings) if code]
    base = {
        "list_id": list_id,
        "entity_id": f"{list_id}:{key}",
        "entity_type": "entity",
        "country_code": codes[0] if codes else None,
        "address": None,  # DHS publishes no addresses
        "program": join_unique(f"UFLPA {row['list_section']}" for row in current),
        "listed_on": min((row["date_added"] for row in listings if row["date_added"]), default=None),
        "source_url": latest.get("source_url") or SOURCE_URL,
        "list_version": version,
        STATUS: "listed" if listed else latest.get("status"),
        STATUS_ON: None if listed else (latest.get("removed_on") or None),
        MERCHANDISE: join_unique(row.get("sector") for row in listings),
        REMARKS: join_unique([*history, *(row.get("notes") for row in listings)]),
        COUNTRIES: join_unique(codes, ";"),
        LISTED_AS: latest.get("name_as_listed") or primary,
    }
    return name_rows(base, primary, [*aliases, *former, *older_names])


def _is_uflpa(file: ListFile) -> bool:
    return {"entity_key", "list_section", "date_added"} <= file.header


FORMAT = ListFormat(
    id="uflpa",
    title="UFLPA Entity List (the project's tidy CSV of the DHS page)",
    parse=parse_uflpa,
    sniff=_is_uflpa,
    topic="forced.labor",
    download_name="uflpa_entity_list.csv",
    no_download="DHS publishes the UFLPA Entity List as a web page, not a file",
    bundled=(
        BundledList(
            list_id="uflpa",
            path=LISTS_DIR / "uflpa_entity_list.csv",
            title=TITLE,
            retrieved="2026-07-09",
            source_url=SOURCE_URL,
            # DHS publishes the list as a web page only: update it by importing a CSV in the same layout.
            risk_feature="UFLPA",
        ),
    ),
)
