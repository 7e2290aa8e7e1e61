"""Country names as people write them -> ISO 3166-1 alpha-2.

Built from ISO 3166-1 (codes and names) and the countrynames variant table (names in many languages and scripts),
both shipped in ``screener/data/reference``, then every territory name of every locale in Unicode CLDR as babel
ships it (``Chine``, ``Südkorea``...), the translated official names of Debian's iso-codes as pycountry ships them
(``Volksrepublik China``, ``République populaire de Chine``, ``Korea, Republik``), and a short table of
abbreviations neither carries (``country_short_forms.csv``: VR China, RPC, VAE, Elfenbeinküste...). Where the tables disagree
the first wins; a CLDR name that means two countries in two locales is left out. Codes are read as text, so
Norway's ``NO`` stays Norway.

Reading CLDR's ~1,100 locale files takes seconds (2.3 s of CPU), so the name table ships with the package, made by
scripts/build_cldr_country_names.py with the babel and pycountry versions it names; where other versions are
installed it is built once per version pair and kept in the cache folder (screener.store.cache_dir).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import unicodedata
from functools import lru_cache

import polars as pl

from screener.atomic import write_atomically
from screener.data import REFERENCE_DIR, reference_path
from screener.schema import COUNTRY, COUNTRY_CODE
from screener.store import cache_dir

# Codes in the variant table that are not countries (FAIL = "known not to be a country"), or are historic.
_NOT_A_COUNTRY = {"FAIL", "ZZ", "UN", "EU", "SUHH", "YUCS", "CSXX", "DDDE", "ANHH", "X-SO"}
# Kosovo has no ISO assignment but every list and the World Bank use XK.
_EXTRA_CODES = {"XK": "Kosovo"}


def _loose(key: str) -> bool:
    """A key of at most three Latin letters: in CLDR's minority locales and the variant table such forms are
    mostly other words ("Sin" is China in one locale, "My" the US in another, "End" India, "Dev" Devon), so only
    the ISO codes and the abbreviations of country_short_forms.csv are read at that length; never a guess."""
    return len(key) <= 3 and key.isascii() and key.isalpha()


def _key(text: str) -> str:
    """Case-, accent- and punctuation-insensitive lookup key."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[.'’`]", "", text)
    text = re.sub(r"[\s,()\-_/&]+", " ", text)
    return text.strip()


@lru_cache(maxsize=2)
def _tables(cldr: bool = True) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    iso = pl.read_csv(reference_path("iso3166_1_countries.csv"), infer_schema=False)
    variants = pl.read_csv(reference_path("country_name_variants.csv"), infer_schema=False)
    alpha2 = {r["alpha_2"]: r["alpha_2"] for r in iso.iter_rows(named=True)} | {c: c for c in _EXTRA_CODES}
    alpha3 = {r["alpha_3"]: r["alpha_2"] for r in iso.iter_rows(named=True)} | {"XKX": "XK"}
    names: dict[str, str] = {}
    for row in iso.iter_rows(named=True):
        for column in ("name", "official_name", "common_name"):
            if row[column]:
                names[_key(row[column])] = row["alpha_2"]
    if (
        cldr
    ):  # before the variant table: it has a few wrong entries CLDR gets right (Kazakh North/South Korea)
        for key, code in cldr_names().items():
            if code in alpha2 and not _loose(key):
                names.setdefault(key, code)
    for code, variant in variants.select("code", "variant").iter_rows():
        resolved = _resolve_variant_code(code)
        if variant and resolved is not None and not (cldr and _loose(_key(variant))):
            names.setdefault(_key(variant), resolved)
    for code, name in _EXTRA_CODES.items():
        names.setdefault(_key(name), code)
    if cldr:
        short = pl.read_csv(reference_path("country_short_forms.csv"), infer_schema=False, comment_prefix="#")
        for code, form in short.select("code", "short_form").iter_rows():
            names.setdefault(_key(form), code)
    return alpha2, alpha3, names


CLDR_TABLE_FORMAT = 2  # 2: with iso-codes translations
# The table as scripts/build_cldr_country_names.py made it: {"versions": ..., "names": {key: alpha-2}} (gzip).
SHIPPED_CLDR_TABLE = REFERENCE_DIR / "cldr_country_names.json.gz"


def cldr_table_versions() -> str:
    """The babel and pycountry versions installed, and the table's format: a table made with others differs."""
    import babel
    import pycountry

    return f"babel-{babel.__version__}-pycountry-{getattr(pycountry, '__version__', '')}-{CLDR_TABLE_FORMAT}"


def cldr_names() -> dict[str, str]:
    """Lookup key -> alpha-2 for every territory name in every CLDR locale babel ships (names that mean two
    countries in two locales left out): the shipped table when it was made with the installed babel and pycountry,
    else the cache folder's when built before with them."""
    versions = cldr_table_versions()
    shipped = _shipped_cldr_names(versions)
    if shipped is not None:
        return shipped
    path = cache_dir() / "countries" / f"cldr-names-{versions}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    table = _read_cldr_names()
    try:  # whole or not at all: two runs building the table at once never leave half a file
        write_atomically(path, json.dumps(table, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    except OSError:  # a read-only cache folder: the table is rebuilt next run, nothing else is lost
        pass
    return table


def _shipped_cldr_names(versions: str) -> dict[str, str] | None:
    """The shipped table, None when it is missing, unreadable or made with other versions than ``versions``."""
    try:
        shipped = json.loads(gzip.decompress(SHIPPED_CLDR_TABLE.read_bytes()))
    except (OSError, ValueError, EOFError):
        return None
    if not isinstance(shipped, dict) or shipped.get("versions") != versions:
        return None
    names = shipped.get("names")
    return names if isinstance(names, dict) else None


def _read_cldr_names() -> dict[str, str]:
    """CLDR's territory names (babel) and iso-codes' translated names and official names (pycountry)."""
    from babel import localedata

    codes: dict[str, set[str]] = {}
    # babel caches what load() returns by locale name whatever merge_inherited was, so a later Locale("de") would
    # get this un-merged data (no month names, KeyError 'wide'): what this adds to its cache is taken out again.
    cache = getattr(localedata, "_cache", {})
    cached_before = set(cache)
    try:
        for locale in localedata.locale_identifiers():
            territories = localedata.load(locale, merge_inherited=False).get("territories", {})
            for code, name in territories.items():
                if len(code) == 2 and code.isalpha() and name:
                    codes.setdefault(_key(name), set()).add(code)
    finally:
        for locale in set(cache) - cached_before:
            cache.pop(locale, None)
    for code, name in _iso_codes_translations():
        codes.setdefault(_key(name), set()).add(code)
    return {key: next(iter(found)) for key, found in codes.items() if key and len(found) == 1}


def _iso_codes_translations():
    """(alpha-2, name) for every translation pycountry ships of every country's name, official and common name."""
    import gettext

    import pycountry

    countries = list(pycountry.countries)
    for language in sorted(os.listdir(pycountry.LOCALES_DIR)):
        try:
            translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        except OSError:
            continue
        for country in countries:
            for field in ("name", "official_name", "common_name"):
                english = getattr(country, field, None)
                if english:
                    yield country.alpha_2, translation.gettext(english)


def _resolve_variant_code(code: str) -> str | None:
    if code in _NOT_A_COUNTRY:
        return None
    if "-" in code:  # sub-national codes such as UA-DPR belong to their country
        head = code.split("-", 1)[0]
        return head if len(head) == 2 else None
    return code if len(code) == 2 else None


def country_code(text: str | None, *, cldr: bool = True) -> str | None:
    """ISO 3166-1 alpha-2 for a country name, alpha-2 or alpha-3 code, in any common spelling; else None.

    ``cldr`` False leaves CLDR names and short forms out (the name normaliser, whose keys the match classifier was
    trained on, reads bracketed countries with the smaller table, kept as it was trained: loose short forms too)."""
    if text is None:
        return None
    raw = str(text).strip()
    if not raw:
        return None
    alpha2, alpha3, names = _tables(cldr)
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
