"""OFAC Specially Designated Nationals list, legacy CSV layout (sdn.csv + alt.csv + add.csv).

Reads both OFAC's raw files (no header row, ``-0-`` as the null marker, cp1252, a trailing 0x1A byte) and copies
with a header row added. One entity per ``ent_num``: its SDN name, the aliases of alt.csv with their type
(aka / fka / nka), the weak a.k.a.s OFAC keeps in the remarks, and the countries and addresses of add.csv.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import polars as pl

from screener.contracts import ListInfo
from screener.data import LISTS_DIR
from screener.errors import ListError
from screener.lists.common import csv_records, decode_text, make_info, sha256_of
from screener.lists.format import BundledList, ListFile, ListFormat
from screener.lists.schema import (
    ADDRESSES,
    COUNTRIES,
    IDENTIFIERS,
    LINKED_TO,
    LISTED_AS,
    REMARKS,
    STATUS,
    entries_frame,
    join_unique,
    name_rows,
)
from screener.normalize.countries import country_code
from screener.normalize.identifiers import encode, linked_name, parse_remark

SDN_COLUMNS = (
    "ent_num",
    "sdn_name",
    "sdn_type",
    "program",
    "title",
    "call_sign",
    "vess_type",
    "tonnage",
    "grt",
    "vess_flag",
    "vess_owner",
    "remarks",
)
ALT_COLUMNS = ("ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks")
ADD_COLUMNS = ("ent_num", "add_num", "address", "city_state_province_postal", "country", "add_remarks")
FILE_NAMES = {"sdn": "sdn.csv", "alt": "alt.csv", "add": "add.csv"}

SOURCE_URL = "https://www.treasury.gov/ofac/downloads/sdn.csv"
ENTITY_URL = "https://sanctionssearch.ofac.treas.gov/Details.aspx?id={}"
TITLE = "OFAC Specially Designated Nationals (SDN) List"
PUBLISHER = "US Treasury, Office of Foreign Assets Control"
LICENCE = "US Government work, public domain"
# What every ListInfo of this format says of its publisher (make_info keywords).
PUBLICATION = {"title": TITLE, "publisher": PUBLISHER, "source_url": SOURCE_URL, "licence": LICENCE}
ALIAS_TYPES = {"aka": "aka", "fka": "fka", "nka": "nka"}
_WEAK_AKA = re.compile(r"\b([afn])\.k\.a\.\s+'([^']+)'")
_ENTITY_TYPES = {"": "entity", "individual": "individual", "vessel": "vessel", "aircraft": "aircraft"}


def ofac_paths(path: str | Path) -> tuple[Path, Path, Path]:
    """(sdn, alt, add) from a folder holding sdn.csv/alt.csv/add.csv (any case) or from the sdn file itself.

    Beside an ``*sdn*.csv`` file the siblings are found by replacing ``sdn`` with ``alt`` and ``add``.
    """
    path = Path(path)
    if path.is_dir():
        names = {child.name.casefold(): child for child in path.iterdir()}
        if "sdn.csv" not in names:
            raise ListError(
                f"{path}: no sdn.csv in this folder.", hint="An OFAC import needs sdn.csv, alt.csv, add.csv."
            )
        path = names["sdn.csv"]
        return (
            path,
            names.get("alt.csv", path.with_name("alt.csv")),
            names.get("add.csv", path.with_name("add.csv")),
        )
    if "sdn" not in path.name.casefold():
        raise ListError(f"{path}: not an OFAC sdn file.", hint="Give the folder or the sdn.csv file.")
    stem = path.name
    index = stem.casefold().index("sdn")
    sibling = lambda part: path.with_name(stem[:index] + part + stem[index + 3 :])  # noqa: E731
    return path, sibling("alt"), sibling("add")


def _ofac_rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of one OFAC file as dicts, header row optional, ``-0-`` read as empty; ent_num checked."""
    rows = []
    text = decode_text(path)
    for line, fields in csv_records(path, text):
        if line == 1 and fields and fields[0].strip().casefold() == columns[0]:
            continue  # header row of a tidied copy
        if len(fields) != len(columns):
            raise ListError(
                f"{path.name} line {line}: {len(fields)} fields, an OFAC {path.name} row has {len(columns)}.",
                hint="Is this the right OFAC file (sdn.csv, alt.csv or add.csv)?",
            )
        values = {
            name: ("" if value.strip() == "-0-" else value.strip())
            for name, value in zip(columns, fields, strict=True)
        }
        if not values["ent_num"].isdigit():
            raise ListError(f"{path.name} line {line}: ent_num {values['ent_num']!r} is not a number.")
        rows.append((line, values))
    return rows


def _programs(text: str) -> str | None:
    """'IRAN] [SDGT' -> 'IRAN; SDGT'."""
    return join_unique(part.strip(" []") for part in text.split("] ["))


def _addresses(rows: list[tuple[int, dict[str, str]]]) -> dict[str, list[tuple[str, str | None]]]:
    """ent_num -> [(address text, country code)] in file order."""
    found: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    codes: dict[str, str | None] = {}
    for _, row in rows:
        country = row["country"]
        if country not in codes:
            codes[country] = country_code(country)
        text = ", ".join(
            part for part in (row["address"], row["city_state_province_postal"], country) if part
        )
        found[row["ent_num"]].append((text, codes[country]))
    return found


def _aliases(path: Path, known: set[str]) -> dict[str, list[tuple[str, str]]]:
    """ent_num -> [(alias, aka/fka/nka)] from alt.csv."""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for line, row in _ofac_rows(path, ALT_COLUMNS):
        if row["ent_num"] not in known:
            raise ListError(f"{path.name} line {line}: ent_num {row['ent_num']} is not in the sdn file.")
        alias_type = ALIAS_TYPES.get(row["alt_type"].casefold().replace(".", ""), "aka")
        found[row["ent_num"]].append((row["alt_name"], alias_type))
    return found


def parse_ofac(
    path: str | Path, *, list_id: str = "ofac-sdn", version: str = ""
) -> tuple[pl.DataFrame, ListInfo]:
    """Entries of an OFAC SDN legacy CSV triple (folder or sdn.csv path); all entity types, typed."""
    sdn_path, alt_path, add_path = ofac_paths(path)
    sdn_rows = _ofac_rows(sdn_path, SDN_COLUMNS)
    known = {row["ent_num"] for _, row in sdn_rows}
    aliases = _aliases(alt_path, known)
    addresses = _addresses(_ofac_rows(add_path, ADD_COLUMNS))
    rows: list[dict[str, object]] = []
    for line, sdn in sdn_rows:
        entity_type = _ENTITY_TYPES.get(sdn["sdn_type"].casefold())
        if entity_type is None:
            raise ListError(
                f"{sdn_path.name} line {line}: sdn_type {sdn['sdn_type']!r} is not individual/vessel/aircraft."
            )
        rows.extend(_entity_rows(sdn, entity_type, aliases, addresses, list_id, version))
    entries = entries_frame(rows)
    info = make_info(
        entries,
        list_id=list_id,
        version=version,
        sha256=sha256_of([sdn_path, alt_path, add_path]),
        **PUBLICATION,
        format="ofac",
    )
    return entries, info


def _entity_rows(
    sdn: dict[str, str],
    entity_type: str,
    aliases: dict[str, list[tuple[str, str]]],
    addresses: dict[str, list[tuple[str, str | None]]],
    list_id: str,
    version: str,
) -> list[dict[str, object]]:
    ent_num = sdn["ent_num"]
    places = addresses.get(ent_num, [])
    codes = [code for _, code in places if code]
    if not codes and sdn["vess_flag"]:
        codes = [code for code in [country_code(sdn["vess_flag"])] if code]
    weak = [
        (name, "weak aka" if kind == "a" else f"{kind}ka") for kind, name in _WEAK_AKA.findall(sdn["remarks"])
    ]
    base = {
        "list_id": list_id,
        "entity_id": f"{list_id}:{ent_num}",
        "entity_type": entity_type,
        "country_code": codes[0] if codes else None,
        "address": next((text for text, _ in places if text), None),
        "program": _programs(sdn["program"]),
        "listed_on": None,  # the legacy CSV carries no designation date
        "source_url": ENTITY_URL.format(ent_num),
        "list_version": version,
        STATUS: "listed",
        REMARKS: sdn["remarks"] or None,
        COUNTRIES: join_unique(codes, ";"),
        LISTED_AS: sdn["sdn_name"],
        **remark_evidence(sdn["remarks"]),
        ADDRESSES: join_unique((text for text, _ in places), " | "),
    }
    return name_rows(base, sdn["sdn_name"], [*aliases.get(ent_num, []), *weak])


def remark_evidence(remarks: str) -> dict[str, str | None]:
    """The identifiers ("Tax ID No. ... (China)", "Legal Entity Number ...") and "Linked To:" names of the
    ';'-separated remarks of one SDN entry."""
    parts = remarks.split(";")
    return {
        IDENTIFIERS: encode(parse_remark(part) for part in parts),
        LINKED_TO: join_unique(linked_name(part) for part in parts),
    }


def sibling_urls(url: str) -> list[str]:
    """[sdn.csv, alt.csv, add.csv] URLs from the sdn.csv URL, keeping the server's letter case."""
    head, _, name = url.rpartition("/")
    index = name.casefold().rfind("sdn")
    if index < 0:
        raise ListError(
            f"{url}: an OFAC update needs the URL of sdn.csv (alt.csv and add.csv are read beside it)."
        )
    upper = name[index : index + 3].isupper()
    return [
        f"{head}/{name[:index]}{part.upper() if upper else part}{name[index + 3 :]}"
        for part in ("sdn", "alt", "add")
    ]


def _is_ofac(file: ListFile) -> bool:
    return file.path.is_dir() or "sdn" in file.name


FORMAT = ListFormat(
    id="ofac",
    title="OFAC SDN list, legacy CSV (sdn.csv with alt.csv and add.csv beside it, or their folder)",
    parse=parse_ofac,
    sniff=_is_ofac,
    files=lambda path: list(ofac_paths(path)),
    stored_names=tuple(FILE_NAMES.values()),
    topic="sanction",
    sibling_urls=sibling_urls,
    dated_by_download=True,
    bundled=(
        BundledList(
            list_id="ofac-sdn",
            path=LISTS_DIR / "ofac_sdn.csv",
            title="OFAC SDN List",
            retrieved="2023-12-28",
            version="2023-12-28",
            source_url=SOURCE_URL,
            download_urls=(
                "https://www.treasury.gov/ofac/downloads/sdn.csv",
                "https://www.treasury.gov/ofac/downloads/alt.csv",
                "https://www.treasury.gov/ofac/downloads/add.csv",
            ),
            risk_feature="OFAC SDN",
        ),
    ),
)
