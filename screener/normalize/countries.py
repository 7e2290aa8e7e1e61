"""Country names as people write them -> ISO 3166-1 alpha-2.

Built from ISO 3166-1 (codes and names) and the countrynames variant table (names in many languages and scripts),
both shipped in ``screener/data/reference``. Codes are read as text, so Norway's ``NO`` stays Norway.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import polars as pl

from screener.data import reference_path
from screener.schema import COUNTRY, COUNTRY_CODE

# Codes in the variant table that are not countries (FAIL = "known not to be a country"), or are historic.
_NOT_A_COUNTRY = {"FAIL", "ZZ", "UN", "EU", "SUHH", "YUCS", "CSXX", "DDDE", "ANHH", "X-SO"}
# Kosovo has no ISO assignment but every list and the World Bank use XK.
_EXTRA_CODES = {"XK": "Kosovo"}


def _key(text: str) -> str:
    """Case-, accent- and punctuation-insensitive lookup key."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[.'’`]", "", text)
    text = re.sub(r"[\s,()\-_/&]+", " ", text)
    return text.strip()


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    iso = pl.read_csv(reference_path("iso3166_1_countries.csv"), infer_schema=False)
    variants = pl.read_csv(reference_path("country_name_variants.csv"), infer_schema=False)
    alpha2 = {r["alpha_2"]: r["alpha_2"] for r in iso.iter_rows(named=True)} | {c: c for c in _EXTRA_CODES}
    alpha3 = {r["alpha_3"]: r["alpha_2"] for r in iso.iter_rows(named=True)} | {"XKX": "XK"}
    names: dict[str, str] = {}
    for code, variant in variants.select("code", "variant").iter_rows():
        resolved = _resolve_variant_code(code)
        if variant and resolved is not None:
            names.setdefault(_key(variant), resolved)
    for row in iso.iter_rows(named=True):
        for column in ("name", "official_name", "common_name"):
            if row[column]:
                names[_key(row[column])] = row["alpha_2"]
    for code, name in _EXTRA_CODES.items():
        names.setdefault(_key(name), code)
    return alpha2, alpha3, names


def _resolve_variant_code(code: str) -> str | None:
    if code in _NOT_A_COUNTRY:
        return None
    if "-" in code:  # sub-national codes such as UA-DPR belong to their country
        head = code.split("-", 1)[0]
        return head if len(head) == 2 else None
    return code if len(code) == 2 else None


def country_code(text: str | None) -> str | None:
    """ISO 3166-1 alpha-2 for a country name, alpha-2 or alpha-3 code, in any common spelling; else None."""
    if text is None:
        return None
    raw = str(text).strip()
    if not raw:
        return None
    alpha2, alpha3, names = _tables()
    upper = raw.upper()
    if len(upper) == 2 and upper in alpha2:
        return alpha2[upper]
    if len(upper) == 3 and upper in alpha3:
        return alpha3[upper]
    for candidate in _spellings(raw):
        found = names.get(_key(candidate))
        if found is not None:
            return found
    return None


# Abbreviations in World Bank / UN style names ("Congo, Dem. Rep.", "Micronesia, Fed. Sts.", "Lao PDR").
_ABBREVIATIONS = {
    "dem": "democratic",
    "rep": "republic",
    "fed": "federated",
    "sts": "states",
    "is": "islands",
    "pdr": "peoples democratic republic",
    "rb": "bolivarian republic",
    "st": "saint",
}


def _expand(text: str) -> str:
    return " ".join(_ABBREVIATIONS.get(word, word) for word in _key(text).split())


def _spellings(raw: str) -> list[str]:
    """The name as given, then the readings that resolve the usual list styles: the part in brackets (more
    specific: "Congo (DRC)"), the part before it, abbreviations spelt out, and "Korea, Rep." turned around."""
    spellings = [raw]
    if "(" in raw:
        outside, _, inside = raw.partition("(")
        spellings += [inside.rstrip(") "), outside]
    expanded = [_expand(text) for text in spellings]
    spellings += expanded
    for text in list(spellings):
        head, comma, tail = text.partition(",")
        if comma:
            spellings += [
                f"{tail} of {head}",
                f"{tail} {head}",
                _expand(f"{tail} of {head}"),
                _expand(f"{tail} {head}"),
            ]
    return spellings


@lru_cache(maxsize=1)
def _code_names() -> dict[str, str]:
    iso = pl.read_csv(reference_path("iso3166_1_countries.csv"), infer_schema=False)
    return {r["alpha_2"]: (r["common_name"] or r["name"]) for r in iso.iter_rows(named=True)} | _EXTRA_CODES


def country_name(code: str | None) -> str | None:
    """A readable English name for an alpha-2 code (for reasons and reports)."""
    if not code:
        return None
    return _code_names().get(code.upper(), code)


def add_country_codes(frame: pl.DataFrame, source: str = COUNTRY, target: str = COUNTRY_CODE) -> pl.DataFrame:
    """Add ``target`` (alpha-2 or null) from the free-text ``source`` column; each distinct value looked up once."""
    if source not in frame.columns:
        return frame.with_columns(pl.lit(None, dtype=pl.String).alias(target))
    distinct = frame.get_column(source).cast(pl.String).unique().drop_nulls().to_list()
    mapping = {value: country_code(value) for value in distinct}
    return frame.with_columns(
        pl.col(source)
        .cast(pl.String)
        .replace_strict(mapping, default=None, return_dtype=pl.String)
        .alias(target)
    )
