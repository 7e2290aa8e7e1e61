"""OpenSanctions exports: ``targets.simple.csv`` and FollowTheMoney entities as JSON lines (``entities.ftm.json``).

Both carry one entity per target with its names, countries and programmes. In the FtM stream, names come from the
``name``, ``alias``, ``previousName`` and ``weakAlias`` properties; ``Sanction`` entities lend their programme and
listing date to the entity they name, and ``Address`` entities their full text. OpenSanctions data is licensed
CC BY-NC 4.0: commercial use needs a licence from OpenSanctions.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import polars as pl

from screener.contracts import ListInfo
from screener.errors import ListError
from screener.lists.common import csv_dicts, decode_text, make_info, sha256_of
from screener.lists.format import ListFile, ListFormat
from screener.lists.schema import (
    ADDRESSES,
    COUNTRIES,
    IDENTIFIERS,
    LISTED_AS,
    REMARKS,
    STATUS,
    entries_frame,
    join_unique,
    name_rows,
)
from screener.normalize.countries import country_code
from screener.normalize.identifiers import encode, guess_identifier, make_identifier

PUBLISHER = "OpenSanctions.org"
LICENCE = "CC BY-NC 4.0 (OpenSanctions; commercial use needs an OpenSanctions licence)"
SOURCE_URL = "https://data.opensanctions.org/datasets/latest/default/targets.simple.csv"
ENTITY_URL = "https://www.opensanctions.org/entities/{}/"
SIMPLE_COLUMNS = (
    "id",
    "schema",
    "name",
    "aliases",
    "countries",
    "addresses",
    "sanctions",
    "program_ids",
    "dataset",
)
# FtM schemata of the things a list can name, and the entity type each becomes.
ENTITY_TYPES = {
    "Company": "entity",
    "Organization": "entity",
    "LegalEntity": "entity",
    "PublicBody": "entity",
    "Vessel": "vessel",
    "Person": "individual",
    "Airplane": "aircraft",
}
# FollowTheMoney identifier properties -> screener.normalize.identifiers types.
FTM_IDENTIFIERS = {
    "registrationNumber": "registration",
    "taxNumber": "tax_id",
    "vatCode": "vat",
    "leiCode": "lei",
    "innCode": "tax_id",  # Russia's taxpayer number
    "ogrnCode": "business_registration",  # Russia's primary state registration number
    "okpoCode": "gazette",  # what OFAC calls the "Government Gazette Number"
    "uniqueEntityId": "registration",
    "dunsCode": "duns",
    "imoNumber": "imo",
    "idNumber": "registration",
}
COUNTRY_PROPERTIES = ("country", "jurisdiction", "flag", "nationality", "citizenship")
NAME_PROPERTIES = (("alias", "aka"), ("previousName", "former name"), ("weakAlias", "weak aka"))


def _codes(values: list[str]) -> list[str]:
    return [code for code in dict.fromkeys(country_code(value) for value in values if value) if code]


def _date(text: str | None) -> str | None:
    return text[:10] if text and len(text) >= 10 else None


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def parse_targets_simple(
    path: str | Path, *, list_id: str = "opensanctions", version: str = ""
) -> tuple[pl.DataFrame, ListInfo]:
    """Entries of an OpenSanctions ``targets.simple.csv``; ``version`` defaults to the latest change date."""
    path = Path(path)
    rows: list[dict[str, object]] = []
    datasets: dict[str, None] = {}
    latest = ""
    for line, row in csv_dicts(path, SIMPLE_COLUMNS):
        entity_type = ENTITY_TYPES.get(row["schema"])
        if not row["id"] or not row["name"]:
            raise ListError(f"{path.name} line {line}: {'id' if not row['id'] else 'name'} is empty.")
        if entity_type is None:
            continue  # not a nameable thing (should not occur in targets)
        latest = max(latest, row.get("last_change", ""), row.get("last_seen", ""))
        datasets.update(dict.fromkeys(_split(row["dataset"])))
        codes = _codes(_split(row["countries"]))
        base = {
            "list_id": list_id,
            "entity_id": f"{list_id}:{row['id']}",
            "entity_type": entity_type,
            "country_code": codes[0] if codes else None,
            "address": (_split(row["addresses"]) or [None])[0],
            ADDRESSES: join_unique(_split(row["addresses"]), " | "),
            IDENTIFIERS: encode(
                guess_identifier(value, codes[0] if codes else None) for value in _split(row["identifiers"])
            ),
            "program": join_unique(_split(row["program_ids"])),
            "listed_on": _date(row.get("first_seen")),
            "source_url": ENTITY_URL.format(row["id"]),
            STATUS: "listed",
            REMARKS: row["sanctions"].strip().strip('"').strip(";").strip() or None,
            COUNTRIES: join_unique(codes, ";"),
            LISTED_AS: row["name"],
        }
        rows.extend(name_rows(base, row["name"], [(alias, "aka") for alias in _split(row["aliases"])]))
    version = version or _date(latest) or ""
    entries = entries_frame(rows).with_columns(pl.lit(version).alias("list_version"))
    title = "OpenSanctions: " + (", ".join(datasets) or "targets")
    info = make_info(
        entries,
        list_id=list_id,
        title=title,
        publisher=PUBLISHER,
        source_url=SOURCE_URL,
        version=version,
        sha256=sha256_of([path]),
        licence=LICENCE,
        format="opensanctions",
    )
    return entries, info


def _ftm_records(path: Path) -> list[tuple[int, dict]]:
    """(line, entity) for each JSON line; one ListError naming the first broken line."""
    records = []
    for line, text in enumerate(decode_text(path).splitlines(), start=1):
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as error:
            raise ListError(f"{path.name} line {line}: not a JSON object ({error.msg}).") from error
        except RecursionError as error:
            raise ListError(f"{path.name} line {line}: JSON nested too deeply to be an entity.") from error
        if not isinstance(record, dict) or not isinstance(record.get("properties", {}), dict):
            raise ListError(f"{path.name} line {line}: properties is not an object.")
        for field in ("id", "schema"):
            if not record.get(field):
                raise ListError(
                    f"{path.name} line {line}: {field} is missing.", hint="Is this a FollowTheMoney file?"
                )
            if not isinstance(record[field], str):
                raise ListError(f"{path.name} line {line}: {field} is not a text.", hint=FTM_SHAPE)
        record["properties"] = _text_lists(record.get("properties", {}), path, line)
        records.append((line, record))
    return records


FTM_SHAPE = 'In FollowTheMoney every property is a list of texts: "name": ["Acme Ltd"].'


def _text_lists(properties: dict, path: Path, line: int) -> dict[str, list[str]]:
    """Every property as a list of texts. A lone text is one value (iterating it gave one name per letter);
    anything else (numbers, objects) is refused, naming the property."""
    cleaned = {}
    for name, values in properties.items():
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
            raise ListError(
                f"{path.name} line {line}: property {name!r} is not a list of texts.", hint=FTM_SHAPE
            )
        cleaned[name] = values
    return cleaned


def parse_ftm(path: str | Path, *, list_id: str = "ftm", version: str = "") -> tuple[pl.DataFrame, ListInfo]:
    """Entries of FollowTheMoney entities as JSON lines (e.g. OpenSanctions ``entities.ftm.json``)."""
    path = Path(path)
    records = _ftm_records(path)
    sanctions: dict[str, list[dict]] = defaultdict(list)
    addresses: dict[str, str] = {}
    for _, record in records:
        props = record.get("properties", {})
        if record["schema"] == "Sanction":
            for target in props.get("entity", []):
                sanctions[target].append(props)
        elif record["schema"] == "Address":
            addresses[record["id"]] = (props.get("full") or [record.get("caption", "")])[0]
    rows: list[dict[str, object]] = []
    latest = ""
    for line, record in records:
        entity_type = ENTITY_TYPES.get(record["schema"])
        if entity_type is None or record.get("target") is False:
            continue
        props = record.get("properties", {})
        names = props.get("name") or ([record["caption"]] if record.get("caption") else [])
        if not names:
            raise ListError(f"{path.name} line {line}: entity {record['id']} has no name property.")
        latest = max(latest, record.get("last_change") or "", record.get("last_seen") or "")
        rows.extend(_ftm_rows(record, names, sanctions.get(record["id"], []), addresses, list_id))
    version = version or _date(latest) or ""
    entries = entries_frame(rows).with_columns(pl.lit(version).alias("list_version"))
    info = make_info(
        entries,
        list_id=list_id,
        title="FollowTheMoney entities",
        publisher=PUBLISHER,
        source_url="https://data.opensanctions.org/datasets/latest/default/entities.ftm.json",
        version=version,
        sha256=sha256_of([path]),
        licence=LICENCE,
        format="ftm",
    )
    return entries, info


def _ftm_rows(
    record: dict, names: list[str], sanctions: list[dict], addresses: dict[str, str], list_id: str
) -> list[dict[str, object]]:
    props = record.get("properties", {})
    countries = [*(value for name in COUNTRY_PROPERTIES for value in props.get(name, []))]
    codes = _codes(countries)
    texts = [
        *props.get("address", []),
        *(addresses[a] for a in props.get("addressEntity", []) if a in addresses),
    ]
    programs = [*props.get("program", []), *(p for s in sanctions for p in s.get("program", []))]
    listed = [d for s in sanctions for d in [*s.get("listingDate", []), *s.get("startDate", [])]]
    base = {
        "list_id": list_id,
        "entity_id": f"{list_id}:{record['id']}",
        "entity_type": ENTITY_TYPES[record["schema"]],
        "country_code": codes[0] if codes else None,
        "address": texts[0] if texts else None,
        "program": join_unique(programs),
        "listed_on": _date(min(listed)) if listed else _date(record.get("first_seen")),
        "source_url": (props.get("sourceUrl") or [ENTITY_URL.format(record["id"])])[0],
        STATUS: "listed",
        REMARKS: join_unique([*props.get("topics", []), *props.get("notes", [])]),
        COUNTRIES: join_unique(codes, ";"),
        LISTED_AS: record.get("caption") or names[0],
        IDENTIFIERS: encode(
            make_identifier(id_type, value, codes[0] if codes else None)
            for prop, id_type in FTM_IDENTIFIERS.items()
            for value in props.get(prop, [])
        ),
        ADDRESSES: join_unique(texts, " | "),
    }
    aliases = [(name, "aka") for name in names[1:]]
    aliases += [(value, kind) for prop, kind in NAME_PROPERTIES for value in props.get(prop, [])]
    return name_rows(base, names[0], aliases)


FTM_SUFFIXES = (".json", ".jsonl", ".ndjson", ".ftm")


def _is_targets_simple(file: ListFile) -> bool:
    return {"id", "schema", "name", "aliases", "sanctions"} <= file.header


FORMAT = ListFormat(
    id="opensanctions",
    title="OpenSanctions targets.simple.csv",
    parse=parse_targets_simple,
    sniff=_is_targets_simple,
)
FTM_FORMAT = ListFormat(
    id="ftm",
    title="FollowTheMoney entities, one JSON object a line (OpenSanctions entities.ftm.json)",
    parse=parse_ftm,
    sniff=lambda file: file.suffix in FTM_SUFFIXES,
    download_name="entities.ftm.json",
)
