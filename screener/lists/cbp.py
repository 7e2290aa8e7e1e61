"""CBP Withhold Release Orders (WROs) and Findings, from the project's tidy CSV of CBP's table.

Orders naming companies or vessels (``is_entity=true``) become list entries: one entity per named party, so an
order against "A Sdn Bhd, B Sdn Bhd, and C Sdn Bhd (Group)" yields three entities that each carry the order.
Modification and revocation rows are change events: they update the status of the order they relate to, and the
history goes into the remarks. Revoked and modified orders stay as entries with their status, so rules can weigh
them lower while an officer still sees them. Orders against a region or product (``is_entity=false``: Turkmenistan
cotton, XUAR, DRC artisanal gold...) become ``orders``: inputs for rules, not names to match.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from screener.contracts import ListInfo
from screener.data import LISTS_DIR
from screener.errors import ListError
from screener.lists.common import csv_dicts, csv_records, make_info, sha256_of
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
    orders_frame,
    slug,
)
from screener.normalize.countries import country_code

REQUIRED = ("date", "type", "entity", "aliases", "country", "merchandise", "status", "is_entity")
SOURCE_URL = "https://www.cbp.gov/document/stats/withhold-release-orders-findings"
TITLE = "CBP Withhold Release Orders and Findings"
PUBLISHER = "US Customs and Border Protection"
LICENCE = "US Government work, public domain (17 U.S.C. 105)"
# What every ListInfo of this format says of its publisher (make_info keywords).
PUBLICATION = {"title": TITLE, "publisher": PUBLISHER, "source_url": SOURCE_URL, "licence": LICENCE}
ORDER_TYPES = ("WRO", "Finding")
# CBP's own CSV (withhold-release-orders-findings-fy26-....csv): field -> its column, compared case-insensitively.
PUBLISHER_COLUMNS = {
    "date": "effective date",
    "type": "wro/finding",
    "entity": "entity",
    "country": "country",
    "merchandise": "merchandise",
    "industry": "industry",
    "status": "status",
    "remarks": "remarks",
}
# CBP's file has no flag for orders against a region or a product rather than a producer; these wordings mark
# the known ones (Turkmenistan cotton, XUAR, DRC artisanal gold, Malawi tobacco, Marange diamonds).
_REGION_ORDER = re.compile(
    r"^(?:all\b(?! products harvested)|tobacco produced|artisanal)|diamond fields|autonomous region",
    re.IGNORECASE,
)
EVENT_TYPES = ("modification", "revocation")

_LEGAL_END = re.compile(
    r"\b(?:Ltd|Limited|Inc|Co|Corp|Corporation|Company|Bhd|Berhad|C\.V|LLC|L\.L\.C|Pvt|GmbH|S\.R\.L|D\.O\.O|"
    r"S\.A|Sdn Bhd|Ltda|Plc|AG)\.?$",
    re.IGNORECASE,
)
_LEGAL_START = re.compile(r"^(?:Ltd|Limited|Inc|LLC|S\.A|Co|Pvt|Sdn)\b\.?", re.IGNORECASE)
_VESSEL = re.compile(r"^Fishing Vessel:\s*(.+)$", re.IGNORECASE)
_VESSELS_OWNED = re.compile(r"^Fishing Vessels owned by\s+(.+)$", re.IGNORECASE)
_ITS_SUBSIDIARIES = re.compile(r",\s+its\s+subsidiaries\b.*$", re.IGNORECASE)
_AND_SUBSIDIARIES = re.compile(
    r",?\s+and\s+(?:(?:its|their)\s+)?(?:\w+\s+){0,2}?(?:subsidiaries|subordinates)\b(?:\s+from\s+\w+)?\s*,?\s*",
    re.IGNORECASE,
)
_TRAILING_PAREN = re.compile(r"\s*\(([^()]+)\)\s*$")
_RELATED = re.compile(r"\b(WRO|Finding)\s+(\d{4}-\d{2}-\d{2})")
_PAREN = re.compile(r"\([^()]*\)")


@dataclass
class NamedParties:
    """The names one CBP ``entity`` cell carries: the parties the order names, and the group's short names."""

    entity_type: str
    parties: list[str]
    group_names: list[str] = field(default_factory=list)
    aliases: dict[str, list[str]] = field(default_factory=dict)  # party slug -> its 'a/k/a' names
    notes: list[str] = field(default_factory=list)


def named_parties(text: str) -> NamedParties:
    """Split CBP's wording into the companies or vessel it names.

    'Fishing Vessel: Da Wang' -> vessel 'Da Wang'; 'X Berhad, its subsidiaries and joint ventures' -> 'X Berhad';
    'A Sdn Bhd, B Sdn Bhd, and C Sdn Bhd (Group)' -> A, B, C with the group name 'Group'; 'A Co., Ltd. and B Co.,
    Ltd.' -> A, B; a lone trailing place ('...; Kathmandu.') is dropped. Text that is not clearly a list of
    companies ('State Penitentiary, Ciudad Victoria, Tamaulipas, Mexico') stays one name.
    """
    text, akas = _split_akas(re.sub(r"\.\.$", ".", " ".join(text.split())))
    vessel = _VESSEL.match(text)
    if vessel:
        return NamedParties(
            "vessel", [vessel.group(1).strip()], aliases=_assign(akas, [vessel.group(1).strip()])
        )
    notes: list[str] = []
    owned = _VESSELS_OWNED.match(text)
    if owned:
        text = owned.group(1)
        notes.append("Order covers the fishing vessels this company owns.")
    text = _ITS_SUBSIDIARIES.sub("", text)
    head, _, included = text.partition(", including ")
    head, *subsidiaries = _AND_SUBSIDIARIES.split(head, maxsplit=1)
    group_names: list[str] = []
    paren = _TRAILING_PAREN.search(head)
    if paren and not paren.group(1).casefold().startswith(("of ", "or ")):
        group_names.append(paren.group(1).strip())
        head = head[: paren.start()]
    parties = [*_parties(head), *_parties(included), *(p for tail in subsidiaries for p in _parties(tail))]
    parties = parties or [text.strip()]
    return NamedParties("entity", parties, group_names, _assign(akas, parties), notes)


def _split_akas(text: str) -> tuple[str, dict[str, list[str]]]:
    """'A, a/k/a B, a/k/a C; D' (CBP's own wording) -> ('A; D', {'a': ['B', 'C']})."""
    if "a/k/a" not in text.casefold():
        return text, {}
    heads, akas = [], {}
    for segment in _split_outside_parens(text, ";"):
        head, *names = re.split(r",?\s*\ba/k/a\b\s*", segment, flags=re.IGNORECASE)
        heads.append(head.strip(" ,"))
        akas[slug(_strip_location(head))] = [name.strip(" ,;") for name in names if name.strip(" ,;")]
    return "; ".join(heads), akas


def _assign(akas: dict[str, list[str]], parties: list[str]) -> dict[str, list[str]]:
    """Give each party its a/k/a names; names of a clause that was split further go to the first party."""
    found: dict[str, list[str]] = {}
    for key, names in akas.items():
        target = key if key in {slug(p) for p in parties} else slug(parties[0])
        found.setdefault(target, []).extend(names)
    return found


def _parties(text: str) -> list[str]:
    """The company names in one clause: split on ';', enumerations 'A, B, and C', and 'A Ltd. and B Ltd.'."""
    text = text.strip(" ,")
    if not text:
        return []
    segments = [segment for part in _split_outside_parens(text, ";") for segment in _split_enumeration(part)]
    segments = [_strip_location(segment) for segment in segments]
    if len(segments) > 1:
        segments = [segment for segment in segments if len(segment.split()) > 1]
    return [segment for segment in segments if segment]


def _strip_location(segment: str) -> str:
    segment = re.sub(r"(?<=[a-z]{4})\.$", "", segment.strip(" ,"))  # 'Limited.' -> 'Limited'; 'Ltd.' stays
    paren = _TRAILING_PAREN.search(segment)
    if paren and paren.group(1).casefold().startswith("of "):
        segment = segment[: paren.start()]
    return segment.rstrip(" ,")


def _split_outside_parens(text: str, separator: str) -> list[str]:
    """Split on a literal separator, never inside parentheses."""
    masked = _PAREN.sub(lambda m: "\x00" * len(m.group()), text)
    pieces, start = [], 0
    for index, char in enumerate(masked):
        if masked.startswith(separator, index) and char != "\x00":
            pieces.append(text[start:index])
            start = index + len(separator)
    pieces.append(text[start:])
    return [piece.strip() for piece in pieces if piece.strip()]


def _split_enumeration(text: str) -> list[str]:
    """'A, B, and C' -> [A, B, C] when every piece is a multi-word name; 'A Ltd. and B' -> [A Ltd., B]."""
    if ", and " in text:
        pieces: list[str] = []
        for piece in _split_outside_parens(text, ", "):
            piece = re.sub(r"^and\s+", "", piece)
            if pieces and _LEGAL_START.match(piece):
                pieces[-1] = f"{pieces[-1]}, {piece}"
            else:
                pieces.append(piece)
        if len(pieces) > 1 and all(len(piece.split()) > 1 for piece in pieces):
            return [name for piece in pieces for name in _split_on_and(piece)]
    return _split_on_and(text)


def _split_on_and(text: str) -> list[str]:
    """'A Co., Ltd. and B Co., Ltd.' -> two names; 'Trade and Business Co.' stays one."""
    pieces: list[str] = []
    for piece in _split_outside_parens(text, " and "):
        if pieces and _LEGAL_END.search(pieces[-1]):
            pieces.append(piece)
        elif pieces:
            pieces[-1] = f"{pieces[-1]} and {piece}"
        else:
            pieces.append(piece)
    return pieces


@dataclass
class _Order:
    line: int
    row: dict[str, str]
    names: NamedParties
    status: str
    history: list[str] = field(default_factory=list)
    removed: dict[str, str] = field(default_factory=dict)  # party slug -> 'removed from the order on DATE'
    status_on: str | None = None  # date of the change event that set the status (None: as CBP's row gives it)
    removed_on: dict[str, str] = field(default_factory=dict)  # party slug -> date removed from the order

    @property
    def label(self) -> str:
        return f"{self.row['type']} {self.row['date']}"


def parse_cbp(
    path: str | Path, *, list_id: str = "cbp-wro", version: str = ""
) -> tuple[pl.DataFrame, ListInfo]:
    """Entries (named companies and vessels) of the CBP WRO/Findings CSV; ``version`` defaults to its latest date."""
    path = Path(path)
    orders, version = _read_orders(path, version)
    entries = entries_frame(_entity_rows([o for o in orders if _is_entity(o)], list_id, version))
    info = make_info(
        entries,
        list_id=list_id,
        version=version,
        sha256=sha256_of([path]),
        **PUBLICATION,
        format="cbp-wro",
        order_count=sum(not _is_entity(order) for order in orders),
    )
    return entries, info


def parse_cbp_orders(path: str | Path, *, list_id: str = "cbp-wro") -> pl.DataFrame:
    """Region- or product-wide orders (is_entity=false) of the CBP CSV, with their status and history."""
    orders, _ = _read_orders(Path(path), "")
    return orders_frame(_order_record(order, list_id) for order in orders if not _is_entity(order))


def _is_entity(order: _Order) -> bool:
    return order.row["is_entity"].casefold() == "true"


def _read_orders(path: Path, version: str) -> tuple[list[_Order], str]:
    """Orders with change events applied, and the version (the latest date in the file unless given)."""
    orders: list[_Order] = []
    events: list[tuple[int, dict[str, str]]] = []
    for line, row in _rows(path):
        _check_row(path, line, row)
        if row["type"] in EVENT_TYPES:
            events.append((line, row))
        else:
            orders.append(_Order(line, row, named_parties(row["entity"]), row["status"] or "active"))
    if not orders:
        raise ListError(f"{path.name}: no WRO or Finding rows in the file.")
    for line, event in events:
        for order in _related_orders(path, line, event, orders):
            _apply_event(order, event)
    return orders, version or max(row["date"] for row in [o.row for o in orders] + [e for _, e in events])


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows in the project's tidy layout, read from it or from CBP's own CSV (recognised by its header)."""
    records = csv_records(path)
    first = next(records, None)
    if first is None:
        raise ListError(f"{path.name}: the file is empty.")
    header = [name.strip().casefold() for name in first[1]]
    if not set(PUBLISHER_COLUMNS.values()) <= set(header):
        yield from csv_dicts(path, REQUIRED)
        return
    index = {field: header.index(name) for field, name in PUBLISHER_COLUMNS.items()}
    for line, fields in records:
        values = {field: (fields[i].strip() if i < len(fields) else "") for field, i in index.items()}
        if not values["entity"] and not values["type"]:
            continue  # CBP's file has a few empty formatting rows
        yield line, _tidy(path, line, values)


def _tidy(path: Path, line: int, values: dict[str, str]) -> dict[str, str]:
    """A row of CBP's CSV in the tidy layout: ISO date, WRO/Finding, lower-case status, region orders flagged."""
    try:
        date = dt.datetime.strptime(values["date"], "%m/%d/%Y").date().isoformat()
    except ValueError:
        raise ListError(
            f"{path.name} line {line}: Effective Date {values['date']!r} is not a date (MM/DD/YYYY)."
        ) from None
    kind = {"wro": "WRO", "finding": "Finding"}.get(values["type"].casefold(), values["type"])
    region = bool(_REGION_ORDER.search(values["entity"]))
    return {
        **values,
        "date": date,
        "type": kind,
        "aliases": "",
        "status": values["status"].casefold(),
        "is_entity": "false" if region else "true",
        "related_order": "",
        "source_url": SOURCE_URL,
    }


def _check_row(path: Path, line: int, row: dict[str, str]) -> None:
    if row["type"] not in ORDER_TYPES + EVENT_TYPES:
        raise ListError(
            f"{path.name} line {line}: type {row['type']!r} is not one of {', '.join(ORDER_TYPES + EVENT_TYPES)}."
        )
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["date"]):
        raise ListError(f"{path.name} line {line}: date {row['date']!r} is not an ISO date (YYYY-MM-DD).")
    if not row["entity"]:
        raise ListError(f"{path.name} line {line}: entity is empty.")
    if row["is_entity"].casefold() not in ("true", "false"):
        raise ListError(f"{path.name} line {line}: is_entity {row['is_entity']!r} is not true or false.")


def _related_orders(path: Path, line: int, event: dict[str, str], orders: list[_Order]) -> list[_Order]:
    """The order(s) a change event refers to: by type and date, then by party name or country when ambiguous."""
    references = _RELATED.findall(event.get("related_order", ""))
    if not references:
        raise ListError(
            f"{path.name} line {line}: related_order {event.get('related_order')!r} names no 'WRO|Finding YYYY-MM-DD'."
        )
    found = []
    event_parties = {slug(p) for p in named_parties(event["entity"]).parties}
    for kind, date in references:
        candidates = [o for o in orders if o.row["type"] == kind and o.row["date"] == date]
        if len(candidates) > 1:
            same = [o for o in candidates if event_parties & {slug(p) for p in o.names.parties}]
            candidates = same or [o for o in candidates if o.row["country"] == event["country"]]
        if len(candidates) > 1:
            candidates = [o for o in candidates if not _is_entity(o)] or candidates
        if len(candidates) != 1:
            raise ListError(
                f"{path.name} line {line}: related_order '{kind} {date}' matches {len(candidates)} orders, expected one."
            )
        found.append(candidates[0])
    return found


def _apply_event(order: _Order, event: dict[str, str]) -> None:
    """Record the change in the order's history; set its status (revoked, modified, partially modified)."""
    parties = named_parties(event["entity"]).parties
    own = {slug(p) for p in order.names.parties}
    detail = join_unique([event["merchandise"], event.get("remarks")], ". ")
    order.history.append(
        f"{event['type']} {event['date']}: {event['entity']}" + (f" ({detail})" if detail else "")
    )
    event_slugs = {slug(p) for p in parties}
    whole_order = event_slugs >= own or slug(order.names.parties[0]) in event_slugs
    if whole_order:
        if event["type"] == "revocation":
            order.status = "revoked"
        elif order.status == "active":
            order.status = "modified"
        order.status_on = event["date"]
        return
    for party in parties:
        if slug(party) in own:
            order.removed[slug(party)] = f"removed from the order on {event['date']}"
            order.removed_on[slug(party)] = event["date"]
    if order.status == "active":
        order.status = "partially modified"
    if order.status == "partially modified":
        order.status_on = event["date"]


def _order_record(order: _Order, list_id: str) -> dict[str, object]:
    row = order.row
    return {
        "order_id": f"{list_id}:{row['type'].casefold()}-{row['date']}-{slug(row['entity'])[:48]}",
        "date": row["date"],
        "type": row["type"],
        "description": row["entity"],
        "country_code": country_code(row["country"]),
        "merchandise": row["merchandise"] or None,
        "status": order.status,
        "source_url": row.get("source_url") or SOURCE_URL,
        "remarks": join_unique([row.get("remarks"), *order.history]),
    }


def _entity_rows(orders: list[_Order], list_id: str, version: str) -> list[dict[str, object]]:
    """One entity per named party (merged across the orders naming it), one row per name."""
    by_party: dict[str, list[tuple[_Order, int]]] = {}
    for order in orders:
        for position, party in enumerate(order.names.parties):
            by_party.setdefault(slug(party), []).append((order, position))
    rows: list[dict[str, object]] = []
    for key, mentions in by_party.items():
        rows.extend(_party_rows(key, mentions, list_id, version))
    return rows


def _party_rows(
    key: str, mentions: list[tuple[_Order, int]], list_id: str, version: str
) -> list[dict[str, object]]:
    mentions = sorted(mentions, key=lambda mention: mention[0].row["date"])
    latest, position = mentions[-1]
    primary = latest.names.parties[position]
    aliases: list[tuple[str, str]] = []
    for order, index in mentions:
        aliases.append((order.names.parties[index], "as named in another order"))
        aliases += [(alias, "aka") for alias in order.names.aliases.get(key, [])]
        if index == 0:  # the a/k/a names and the group's short name belong to the order's first party
            aliases += [(alias.strip(), "aka") for alias in order.row["aliases"].split(";")]
            aliases += [(name, "group name") for name in order.names.group_names]
    codes = [c for c in dict.fromkeys(country_code(order.row["country"]) for order, _ in mentions) if c]
    base = {
        "list_id": list_id,
        "entity_id": f"{list_id}:{key}",
        "entity_type": latest.names.entity_type,
        "country_code": codes[0] if codes else None,
        "address": None,
        "program": join_unique(order.label for order, _ in mentions),
        "listed_on": mentions[0][0].row["date"],
        "source_url": latest.row.get("source_url") or SOURCE_URL,
        "list_version": version,
        STATUS: latest.removed.get(key, latest.status),
        STATUS_ON: latest.removed_on.get(key, latest.status_on),
        MERCHANDISE: join_unique(order.row["merchandise"] for order, _ in mentions),
        REMARKS: join_unique(
            note
            for order, _ in mentions
            for note in [*order.names.notes, order.row.get("remarks"), *order.history, order.removed.get(key)]
        ),
        COUNTRIES: join_unique(codes, ";"),
        LISTED_AS: join_unique(order.row["entity"] for order, _ in mentions),
    }
    return name_rows(base, primary, aliases)


_CSV_LINK = re.compile(r"""href=["']([^"']*withhold-release-orders-findings[^"']*\.csv)["']""", re.IGNORECASE)


def csv_link_on_page(page: Path, page_url: str) -> str:
    """The address of the current WRO/Findings CSV, from CBP's document page (its file name changes each edition)."""
    found = _CSV_LINK.search(page.read_text(encoding="utf-8", errors="replace"))
    if not found:
        raise ListError(
            f"{page_url}: the page has no link to a withhold-release-orders-findings CSV. Nothing was changed.",
            hint="Give the CSV's address with --url.",
        )
    return urllib.parse.urljoin(page_url, found.group(1))


def _is_cbp(file: ListFile) -> bool:
    return {"is_entity", "related_order", "merchandise"} <= file.header or {
        "wro/finding",
        "entity",
    } <= file.header


FORMAT = ListFormat(
    id="cbp-wro",
    title="CBP Withhold Release Orders and Findings (CBP's CSV or the project's tidy CSV)",
    parse=parse_cbp,
    sniff=_is_cbp,
    orders=parse_cbp_orders,
    topic="forced.labor",
    download_name="cbp_wro_findings.csv",
    find_download=csv_link_on_page,
    bundled=(
        BundledList(
            list_id="cbp-wro",
            path=LISTS_DIR / "cbp_wro_findings.csv",
            title=TITLE,
            retrieved="2026-07-09",
            source_url=SOURCE_URL,
            # CBP's page links to a CSV whose name changes with every edition: update finds the link on the page.
            download_urls=(SOURCE_URL,),
            risk_feature="CBP Withhold Release Order",
        ),
    ),
)
