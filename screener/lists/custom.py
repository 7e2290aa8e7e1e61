"""A company's own list: any CSV or xlsx with a name column and, optionally, aliases, country, id and notes.

Headers are mapped by a few synonyms (name / entity / company / supplier; alias / aliases / aka; country; id /
reference; notes / reason / program). Aliases are ``;``-separated. Rows sharing an id are names of one entity.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import polars as pl

from screener.contracts import ListInfo
from screener.errors import InputFileError, ListError
from screener.io import read_suppliers
from screener.lists.common import csv_records, make_info, require_file, sha256_of
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
    slug,
)
from screener.normalize.countries import country_code
from screener.normalize.identifiers import encode, parse_identifiers

# canonical field -> header spellings (compared case-, space- and punctuation-insensitively)
SYNONYMS = {
    "name": (
        "name",
        "entity",
        "entity name",
        "company",
        "company name",
        "supplier",
        "supplier name",
        "organisation",
        "organization",
    ),
    "aliases": ("alias", "aliases", "aka", "also known as", "other names"),
    "country": ("country", "country code", "jurisdiction"),
    "id": ("id", "reference", "ref", "entity id", "list id", "number"),
    "notes": ("notes", "note", "reason", "program", "programme", "remarks", "comment", "comments"),
    "address": ("address",),
    "identifiers": ("identifiers", "identifier", "ids", "id numbers", "registration numbers"),
    "listed_on": ("listed on", "date added", "listed", "date"),
}
HEADER_SEARCH_ROWS = 20


def _key(header: object) -> str:
    return re.sub(r"[^a-z0-9]+", " ", str(header or "").casefold()).strip()


def _field_of(header: object) -> str | None:
    key = _key(header)
    return next((field for field, names in SYNONYMS.items() if key in names), None)


def _rows(path: Path) -> Iterator[tuple[int, list[object]]]:
    """(row number as a person sees it, cells) from a CSV or the first sheet of an xlsx."""
    if path.suffix.casefold() in (".xlsx", ".xlsm"):
        yield from _xlsx_rows(path)
    else:
        yield from csv_records(path)


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[object]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(require_file(path), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a broken file
        raise ListError(f"{path.name}: not a readable xlsx workbook ({error}).") from error
    try:
        for number, cells in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1):
            if any(cell not in (None, "") for cell in cells):
                yield number, list(cells)
    finally:
        workbook.close()


def parse_custom(
    path: str | Path, *, list_id: str = "custom", version: str = ""
) -> tuple[pl.DataFrame, ListInfo]:
    """Entries of a custom list (CSV or xlsx); ``version`` defaults to the file's modification date."""
    path = require_file(Path(path))
    version = version or _modified(path)
    header_line, records = _records(path)
    grouped: dict[str, list[dict[str, str]]] = {}
    for line, values in records:
        key = slug(values.get("id") or "") or slug(values["name"]) or f"row-{line}"
        grouped.setdefault(key, []).append(values)
    entries = entries_frame(
        r for key, group in grouped.items() for r in _entity_rows(key, group, list_id, version, path)
    )
    info = make_info(
        entries,
        list_id=list_id,
        title=path.stem,
        publisher="",
        source_url=str(path.resolve()),
        version=version,
        sha256=sha256_of([path]),
        licence="",
        format="csv",
        header_row=header_line,
    )
    return entries, info


def _records(path: Path) -> tuple[int, list[tuple[int, dict[str, str]]]]:
    """(header row, [(row number, canonical field -> text)]): list headers first, else the supplier-file reader."""
    rows = _rows(path)
    try:
        header_line, columns = _find_header(path, rows)
    except ListError:
        return _records_as_supplier_file(path)
    unit = "row" if path.suffix.casefold() in (".xlsx", ".xlsm") else "line"
    records = []
    for line, cells in rows:
        values = {
            field: _text(cells[index]) if index < len(cells) else "" for field, index in columns.items()
        }
        if not values["name"]:
            raise ListError(
                f"{path.name} {unit} {line}: the name is empty.",
                hint="Give every row a name, or delete the row.",
            )
        records.append((line, values))
    return header_line, records


def _records_as_supplier_file(path: Path) -> tuple[int, list[tuple[int, dict[str, str]]]]:
    """Read a list laid out like a supplier file (headers in any language the supplier reader knows)."""
    try:
        read = read_suppliers([path])
    except InputFileError as error:
        raise ListError(
            f"{path.name}: no name column found ({error.message}).",
            hint="Add a header such as 'name', 'company' or 'supplier' above the names.",
        ) from error
    if read.rejected.height:
        first = read.rejected.row(0, named=True)
        raise ListError(
            f"{path.name} row {first['source_row']}: {first['reason']}.", hint="Fix or delete the row."
        )
    header_row = read.inputs[0].header_row or 0
    extra = {_field_of(column): column for column in read.suppliers.columns}
    extra = {field: column for field, column in extra.items() if field in ("aliases", "notes", "identifiers")}
    records = []
    for row in read.suppliers.iter_rows(named=True):
        values = {
            "name": row["name"] or "",
            "id": row.get("supplier_id") or "",
            "country": row.get("country") or "",
        }
        values["address"] = row.get("address") or ""
        values.update({field: row.get(column) or "" for field, column in extra.items()})
        records.append((int(row["source_row"]), values))
    return header_row, records


def _find_header(path: Path, rows: Iterator[tuple[int, list[object]]]) -> tuple[int, dict[str, int]]:
    for line, cells in rows:
        columns: dict[str, int] = {}
        for index, cell in enumerate(cells):
            field = _field_of(cell)
            if field and field not in columns:
                columns[field] = index
        if "name" in columns:
            return line, columns
        if line >= HEADER_SEARCH_ROWS:
            break
    raise ListError(
        f"{path.name}: no name column in the first {HEADER_SEARCH_ROWS} rows.",
        hint="Add a header such as 'name', 'company' or 'supplier' above the names.",
    )


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if hasattr(cell, "isoformat"):
        return cell.isoformat()[:10]
    return str(cell).strip()


def _modified(path: Path) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).date().isoformat()


def _entity_rows(
    key: str, group: list[dict[str, str]], list_id: str, version: str, path: Path
) -> list[dict[str, object]]:
    first = group[0]
    codes = [c for c in dict.fromkeys(country_code(v.get("country")) for v in group) if c]
    aliases = [(v["name"], "aka") for v in group[1:]]
    aliases += [(a, "aka") for v in group for a in re.split(r"[;|]", v.get("aliases", "")) if a.strip()]
    base = {
        "list_id": list_id,
        "entity_id": f"{list_id}:{key}",
        "entity_type": "entity",
        "country_code": codes[0] if codes else None,
        "address": first.get("address") or None,
        "program": join_unique(v.get("notes") for v in group),
        "listed_on": first.get("listed_on") or None,
        "source_url": str(path.resolve()),
        "list_version": version,
        STATUS: "listed",
        REMARKS: None,
        COUNTRIES: join_unique(codes, ";"),
        LISTED_AS: first["name"],
        IDENTIFIERS: encode(
            identifier
            for v in group
            for identifier in parse_identifiers(v.get("identifiers"), codes[0] if codes else None)
        ),
        ADDRESSES: join_unique((v.get("address") for v in group), " | "),
    }
    return name_rows(base, first["name"], aliases)


SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls")  # a spreadsheet list is always a company's own list


def _is_spreadsheet(file: ListFile) -> bool:
    return file.suffix in SPREADSHEET_SUFFIXES


FORMAT = ListFormat(
    id="csv",
    title="a company's own list: any CSV or xlsx with a name column (and aliases, country, id, notes)",
    parse=parse_custom,
    sniff=_is_spreadsheet,
    fallback=True,
)
