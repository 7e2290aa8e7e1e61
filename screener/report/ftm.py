"""FollowTheMoney export (``--format ftm``): the screening as FtM entities, one JSON object per line.

Readable by OpenSanctions and Aleph tooling (``ftm`` command line, ``followthemoney`` library). Only schemata that
have long been in the default FtM model are used, so older readers accept the file too:

- each ranked supplier is a ``Company`` (name, country, address, sector = goods; the risk tier, score and reasons in
  ``summary``/``notes``);
- each matched list entity is an ``Organization`` (its primary name, the matched alias, country, programme, topics)
  with a ``Sanction`` entity holding the listing (authority, programme, listing date, source URL);
- each list hit is an ``UnknownLink`` from the supplier to the list entity whose ``role`` says it is a possible
  match with its probability and band, and whose ``status`` carries a reviewer's decision;
- each indicator hit is a ``Note`` on the supplier: the rule as name, the evidence as description.

Nothing here imports followthemoney: it is an optional extra, used by the tests to validate the output.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import polars as pl

from screener.keys import ENTRY_COUNTRY_CODE, SUPPLIER_FINGERPRINT
from screener.lists.formats import find_format, format_of_list
from screener.report.tables import DECISION, DECISION_STATUS, SUPPLIER_NAME
from screener.schema import (
    ADDRESS,
    BAND,
    CATEGORY,
    COUNTRY_CODE,
    ENTITY_ID,
    ENTITY_NAME,
    EVIDENCE,
    EXPLANATION,
    GOODS,
    LIST_ID,
    LISTED_ON,
    MATCHED_NAME,
    NAME,
    POINTS,
    PROBABILITY,
    PROGRAM,
    RANK,
    REASONS,
    ROW_ID,
    RULE_ID,
    SCORE,
    SEVERITY,
    SOURCE_FILE,
    SOURCE_ROW,
    SOURCE_SHEET,
    SOURCE_URL,
    SUPPLIER_ID,
    TIER,
)

ID_PREFIX = "screener"
PUBLISHER = "screener (supplier forced-labour risk screening)"


def entity_id(kind: str, *parts) -> str:
    """A stable FtM id (letters, digits, dots and dashes only) from what identifies the thing."""
    digest = hashlib.sha1("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{ID_PREFIX}-{kind}-{digest[:24]}"


def _values(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [v for item in value for v in _values(item)]
    if isinstance(value, float):
        text = f"{value:g}"
    else:
        text = str(value).strip()
    return [text] if text else []


def make_entity(schema: str, ident: str, **properties) -> dict:
    """An FtM entity dict; empty values dropped, every value a string in a list (FtM's wire format)."""
    cleaned = {name: _values(value) for name, value in properties.items()}
    return {"id": ident, "schema": schema, "properties": {k: v for k, v in cleaned.items() if v}}


def _country(code) -> str | None:
    return code.lower() if isinstance(code, str) and re.fullmatch(r"[A-Za-z]{2}", code) else None


def _url(value) -> str | None:
    return value if isinstance(value, str) and re.fullmatch(r"https?://\S+", value) else None


def _date(value) -> str | None:
    text = None if value is None else str(value)[:10]
    return text if text and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text) else None


def _topics(list_id, info) -> list[str]:
    """The FtM topic of the list's format (forced.labor, sanction), if it declares one: the format the list was
    read in, else (provenance that records none) the format of the bundled list of that id."""
    recorded = info.extra.get("format") if info is not None else None
    fmt = find_format(recorded) if recorded else format_of_list(str(list_id))
    return [fmt.topic] if fmt is not None and fmt.topic else []


def supplier_entity(record: dict, total: int) -> dict:
    """A ranked supplier as a Company, its risk in summary and reasons in notes."""
    reasons = record.get(REASONS)
    if isinstance(reasons, list):
        reasons = "; ".join(str(r) for r in reasons)
    where = ", ".join(
        f"{label} {record[key]}"
        for label, key in (("file", SOURCE_FILE), ("sheet", SOURCE_SHEET), ("row", SOURCE_ROW))
        if record.get(key) is not None
    )
    return make_entity(
        "Company",
        supplier_entity_id(record),
        name=record.get(NAME),
        country=_country(record.get(COUNTRY_CODE)),
        address=record.get(ADDRESS),
        sector=record.get(GOODS),
        summary=(
            f"Forced-labour risk screening: tier {record.get(TIER)}, score {record.get(SCORE)}, "
            f"rank {record.get(RANK)} of {total}"
        ),
        notes=[reasons, f"Supplier {record.get(SUPPLIER_ID) or '(no id)'} in the screened file ({where})"],
        publisher=PUBLISHER,
    )


def supplier_entity_id(record: dict) -> str:
    return entity_id("supplier", record.get(SUPPLIER_FINGERPRINT))


def list_entities(record: dict, lists: dict) -> list[dict]:
    """The matched list entity (Organization) and its listing (Sanction)."""
    info = lists.get(record.get(LIST_ID))
    listed = entity_id("entry", record.get(LIST_ID), record.get(ENTITY_ID))
    primary = record.get(ENTITY_NAME) or record.get(MATCHED_NAME)
    aliases = [record.get(MATCHED_NAME)] if record.get(MATCHED_NAME) != primary else []
    organization = make_entity(
        "Organization",
        listed,
        name=primary,
        alias=aliases,
        country=_country(record.get(ENTRY_COUNTRY_CODE)),
        program=record.get(PROGRAM),
        topics=_topics(record.get(LIST_ID), info),
        sourceUrl=_url(record.get(SOURCE_URL)),
        publisher=getattr(info, "publisher", None),
    )
    sanction = make_entity(
        "Sanction",
        entity_id("listing", record.get(LIST_ID), record.get(ENTITY_ID)),
        entity=listed,
        authority=getattr(info, "publisher", None),
        program=record.get(PROGRAM) or getattr(info, "title", None),
        listingDate=_date(record.get(LISTED_ON)),
        sourceUrl=_url(record.get(SOURCE_URL)) or _url(getattr(info, "source_url", None)),
        recordId=record.get(ENTITY_ID),
        country=_country(record.get(ENTRY_COUNTRY_CODE)),
        publisher=getattr(info, "title", None),
        retrievedAt=_date(getattr(info, "retrieved", None)),
        summary=f"{getattr(info, 'title', record.get(LIST_ID))}, version {getattr(info, 'version', '?')}",
    )
    return [organization, sanction]


def match_link(record: dict) -> dict:
    """A list hit as an UnknownLink from supplier to list entity: a possible match, never asserted identity."""
    probability = record.get(PROBABILITY)
    role = f"possible match on {record.get(LIST_ID)} (band {record.get(BAND)}, probability {probability})"
    return make_entity(
        "UnknownLink",
        entity_id("hit", record.get(SUPPLIER_FINGERPRINT), record.get(LIST_ID), record.get(ENTITY_ID)),
        subject=supplier_entity_id(record),
        object=entity_id("entry", record.get(LIST_ID), record.get(ENTITY_ID)),
        role=role,
        status=record.get(DECISION_STATUS) or record.get(DECISION),
        description=record.get(EXPLANATION),
        summary=f"supplier {record.get(SUPPLIER_NAME)!r} ~ list name {record.get(MATCHED_NAME)!r}",
        publisher=PUBLISHER,
    )


def finding_note(record: dict, ident: str) -> dict:
    """An indicator hit as a Note on the supplier."""
    return make_entity(
        "Note",
        ident,
        entity=supplier_entity_id(record),
        name=record.get(RULE_ID),
        summary=f"{record.get(CATEGORY)} indicator, severity {record.get(SEVERITY)}, {record.get(POINTS)} points",
        description=record.get(EVIDENCE),
        publisher=PUBLISHER,
    )


def ftm_entities(screening, tables: dict[str, pl.DataFrame]):
    """Every entity of the export, suppliers first, then list entities and listings, hits, findings."""
    suppliers = tables["suppliers"]
    fingerprints = (
        dict(suppliers.select(ROW_ID, SUPPLIER_FINGERPRINT).iter_rows()) if suppliers.height else {}
    )
    for record in suppliers.iter_rows(named=True):
        yield supplier_entity(record, suppliers.height)
    lists = {info.list_id: info for info in getattr(screening.lists, "lists", []) or []}
    seen: set[tuple] = set()
    matches = tables["matches"]
    for record in matches.iter_rows(named=True):
        key = (record.get(LIST_ID), record.get(ENTITY_ID))
        if key not in seen:
            seen.add(key)
            yield from list_entities(record, lists)
    for record in matches.iter_rows(named=True):
        yield match_link(record)
    hits = tables["indicators"]
    for record in hits.iter_rows(named=True):
        record[SUPPLIER_FINGERPRINT] = fingerprints.get(record.get(ROW_ID))
        ident = entity_id("finding", record[SUPPLIER_FINGERPRINT], record.get(RULE_ID), record.get(EVIDENCE))
        yield finding_note(record, ident)


def write_ftm(screening, tables: dict[str, pl.DataFrame], path: Path) -> None:
    """Write the FtM entities as JSON lines to ``path``."""
    with path.open("w", encoding="utf-8") as out:
        for entity in ftm_entities(screening, tables):
            out.write(json.dumps(entity, ensure_ascii=False))
            out.write("\n")
