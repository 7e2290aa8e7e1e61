"""Company identifiers (tax and VAT numbers, USCC, LEI, DUNS, IMO, registration numbers), one form for both sides.

A name is the weakest thing a supplier and a list entry share; an identifier of the same kind with the same value
is strong evidence on its own, and one with a different value is evidence against. Both sides are brought to the
same form here: a type (``IDENTIFIER_TYPES``), the value in compact form (upper case, letters and digits only, the
country prefix of a VAT number split off) and an ISO country code where one is known. Values are checked with
python-stdnum, which keeps the formats and check digits of about a hundred countries' numbers.

List entries carry their identifiers in one text column, ``type:VALUE`` or ``type:VALUE:CC`` joined by ``"; "``
(see :func:`encode`); :func:`identifier_frame` turns that column into one row per identifier for joining.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

from screener.normalize.countries import country_code

# type -> (how the report names it, family). Two identifiers can be the same number only within one family: a
# supplier's "tax number" may be the number a list gives as "USCC" or "registration number" (one Chinese number
# is all three), never an LEI or an IMO number.
IDENTIFIER_TYPES = {
    "tax_id": ("tax ID", "national"),
    "vat": ("VAT number", "national"),
    "uscc": ("USCC", "national"),
    "registration": ("registration number", "national"),
    "business_registration": ("business registration number", "national"),
    "company_number": ("company number", "national"),
    "gazette": ("government gazette number", "national"),
    "lei": ("LEI", "lei"),
    "duns": ("DUNS number", "duns"),
    "imo": ("IMO number", "imo"),
}
# A national number shorter than this is evidence only when both sides name the same country: "26740" is a
# registration number in Iran, and a supplier number somewhere else.
SHORT_NATIONAL = 8

# OFAC's remark labels (and the usual spellings in custom lists), checked in order, case-insensitively, at the
# start of a remark after an optional "alt.". The value follows; a country in brackets may follow the value.
LABELS: tuple[tuple[str, str], ...] = (
    (r"unified social credit code(?:\s*\(uscc\))?|uscc|统一社会信用代码", "uscc"),
    (r"legal entity (?:number|identifier)|lei(?: code| number)?", "lei"),
    (
        r"(?:identification number|company number|vessel registration identification)\s+imo|imo(?: number)?",
        "imo",
    ),
    (r"d-?u-?n-?s(?: number)?", "duns"),
    (r"v\.?a\.?t\.?(?: number| no\.?| id)?|ust-?id(?:nr)?\.?|vat registration number", "vat"),
    (
        r"tax id no\.?|tax id|tax identification number|tax registration number|taxpayer identification number"
        r"|tax number|inn|nit\s*#?|ruc\s*#?|rif\s*#?|cuit|rfc|nif|tin",
        "tax_id",
    ),
    (
        r"business registration (?:number|document\s*#?)|ogrn|primary state registration number",
        "business_registration",
    ),
    (r"government gazette number|okpo", "gazette"),
    (r"company number|company no\.?|company registration number", "company_number"),
    (
        r"registration (?:number|id|no\.?)|commercial registry number|c\.r\. no\.|chamber of commerce number"
        r"|trade license no\.?|folio mercantil no\.?|matricula mercantil no\.?|central registration system number"
        r"|istanbul chamber of comm\. no\.|economic register number \(cbls\)|identification number"
        r"|national id no\.",
        "registration",
    ),
)
_LABEL = re.compile(
    r"^\s*(?:alt\.\s*)?(?:" + "|".join(f"(?P<t{i}>{pattern})" for i, (pattern, _) in enumerate(LABELS)) + r")"
    r"(?![A-Za-z])\s*[:#]?\s*(?P<value>[A-Za-z0-9][A-Za-z0-9 ./\-]*?)\s*(?:\((?P<country>[^)]*)\)|\([^)]*\)\s*\((?P<country2>[^)]*)\))?"
    r"\s*(?:issued\b.*|expires\b.*)?\.?\s*$",
    re.IGNORECASE,
)
_LINKED = re.compile(r"^\s*linked to:\s*(?P<name>.+?)\.?\s*$", re.IGNORECASE)
_NOT_ALNUM = re.compile(r"[^0-9A-Z]+")


@dataclass(frozen=True)
class Identifier:
    """One identifier in compact form: type (IDENTIFIER_TYPES), value, ISO country code or None."""

    type: str
    value: str
    country: str | None = None

    def encoded(self) -> str:
        return f"{self.type}:{self.value}" + (f":{self.country}" if self.country else "")


def label(id_type: str) -> str:
    """How a report names an identifier type ("USCC", "tax ID")."""
    return IDENTIFIER_TYPES.get(id_type, (id_type, ""))[0]


def compact(value: str) -> str:
    """Upper case, letters and digits only: 'DE 136 695 976' -> 'DE136695976'."""
    return _NOT_ALNUM.sub("", value.upper())


def parse_remark(text: str) -> Identifier | None:
    """An identifier from one publisher remark ("Tax ID No. 9165... (China)"), or None when it is not one."""
    found = _LABEL.match(text)
    if not found:
        return None
    id_type = next(
        LABELS[int(name[1:])][1] for name, value in found.groupdict().items() if name[0] == "t" and value
    )
    place = (
        found["country"] or found["country2"]
    )  # "(Texas) (United States)": the last bracket is the country
    country = country_code(place) if place else None
    return make_identifier(id_type, found["value"], country)


def make_identifier(id_type: str, value: str, country: str | None = None) -> Identifier | None:
    """The compact identifier (a VAT number's country prefix split off into the country), or None if empty."""
    value = compact(value)
    if id_type == "imo" and value.startswith("IMO"):
        value = value[3:]
    if id_type == "vat" and len(value) > 2 and value[:2].isalpha():
        prefix = "GR" if value[:2] == "EL" else value[:2]
        if country is None or country == prefix:
            value, country = value[2:], prefix
    return Identifier(id_type, value, country) if value else None


def linked_name(text: str) -> str | None:
    """The name in an OFAC "Linked To: NAME." remark, else None."""
    found = _LINKED.match(text)
    return found["name"].strip() if found else None


def guess_identifier(value: str, country: str | None = None) -> Identifier | None:
    """The type of an untyped identifier (OpenSanctions targets.simple): IMO, LEI, USCC by their check digits,
    else a registration number."""
    from stdnum import lei
    from stdnum.cn import uscc
    from stdnum.ru import inn, ogrn

    text = compact(value)
    if re.fullmatch(r"IMO\d{7}", text):  # a ship's number (check digit) or its owner's company number
        return make_identifier("imo", text, country)
    if lei.is_valid(text):
        return make_identifier("lei", text, country)
    if uscc.is_valid(text):
        return make_identifier("uscc", text, country or "CN")
    if country == "RU" and inn.is_valid(text):
        return make_identifier("tax_id", text, country)
    if country == "RU" and ogrn.is_valid(text):
        return make_identifier("business_registration", text, country)
    return make_identifier("registration", text, country)


def parse_identifiers(text: str | None, country: str | None = None) -> list[Identifier]:
    """Identifiers of a custom list's ``identifiers`` cell: ';'-separated, each "LEI 5299..." (typed by its
    label) or a bare value (typed by guess_identifier)."""
    found = []
    for part in re.split(r"[;|\n]", text or ""):
        if part.strip():
            typed = parse_remark(part)
            if typed is not None and typed.country is None and country:
                typed = make_identifier(typed.type, typed.value, country)
            found.append(typed or guess_identifier(part, country))
    return [identifier for identifier in found if identifier is not None]


def encode(identifiers: Iterable[Identifier | None]) -> str | None:
    """The list-entry column form: distinct identifiers as ``type:VALUE[:CC]`` joined by "; "; None if none."""
    seen = dict.fromkeys(i.encoded() for i in identifiers if i is not None)
    return "; ".join(seen) or None


def identifier_frame(
    frame: pl.DataFrame, column: str = "identifiers", keys: Iterable[str] = ("entity_id",)
) -> pl.DataFrame:
    """One row per identifier of ``column`` (the encoded form): ``keys``, id_type, id_value, id_country, family."""
    keys = list(keys)
    schema = {**{key: frame.schema[key] for key in keys}, "id_type": pl.String, "id_value": pl.String}
    if column not in frame.columns:
        return pl.DataFrame(schema={**schema, "id_country": pl.String, "family": pl.String})
    parts = (
        frame.select(*keys, pl.col(column).str.split("; ").alias("_id"))
        .unique(keys, maintain_order=True)
        .explode("_id")
        .drop_nulls("_id")
        .with_columns(pl.col("_id").str.split(":").alias("_parts"))
    )
    return (
        parts.select(
            *keys,
            pl.col("_parts").list.get(0).alias("id_type"),
            pl.col("_parts").list.get(1, null_on_oob=True).alias("id_value"),
            pl.col("_parts").list.get(2, null_on_oob=True).alias("id_country"),
        )
        .with_columns(family_expression())
        .drop_nulls("id_value")
    )


def family_expression() -> pl.Expr:
    """The family of the id_type column (see IDENTIFIER_TYPES)."""
    families = {id_type: family for id_type, (_, family) in IDENTIFIER_TYPES.items()}
    return (
        pl.col("id_type").replace_strict(families, default="national", return_dtype=pl.String).alias("family")
    )
