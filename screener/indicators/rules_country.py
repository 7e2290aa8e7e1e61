"""Country indicators: the US TIP Report tier, the World Bank list of Fragile and Conflict-Affected Situations,
Walk Free's Global Slavery Index (only from a file the user points to), the user's own country table, and the
user's watch list.

Every reason names the edition it used. A country a source does not rate is "not found" and scores nothing:
it is never assumed to be in a middle tier.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import polars as pl

from screener.data import reference_path
from screener.errors import ConfigError
from screener.indicators.base import COUNTRY, RuleInfo, Weights
from screener.indicators.context import Context, hits_per_distinct
from screener.indicators.kinds import RuleIds, RuleKind, register
from screener.indicators.settings import WEIGHT_SETTINGS, weights
from screener.indicators.validate import Country, FilePath, ListOf, Number, Setting, Text, table
from screener.indicators.values import parse_number
from screener.normalize.countries import country_code, country_name
from screener.schema import COUNTRY_CODE

TIP_FILE = "us_state_tip_tiers.csv"
FCS_FILE = "worldbank_fcs_list.csv"

# TIP tier as the table writes it -> key in [tip], words for the reason
TIP_TIERS = {
    "1": ("tier_1", "Tier 1"),
    "2": ("tier_2", "Tier 2"),
    "2WL": ("tier_2_watch_list", "Tier 2 Watch List"),
    "3": ("tier_3", "Tier 3"),
    "special": ("special_case", "a Special Case (not ranked)"),
}
FCS_CATEGORIES = {
    "conflict": "conflict",
    "institutional and social fragility": "institutional_and_social_fragility",
}


_BAND = table(
    Setting(
        "min", Number(), "the value at or above which the band applies (the highest band reached counts)"
    ),
    *WEIGHT_SETTINGS[:3],
)
TIP_DESCRIPTIONS = {
    "tier_1": "Tier 1: the government fully meets the minimum standards of the TVPA",
    "tier_2": "Tier 2: does not fully meet them but makes significant efforts",
    "tier_2_watch_list": "Tier 2 Watch List: as Tier 2, with a significant or increasing number of victims",
    "tier_3": "Tier 3: does not meet the minimum standards and makes no significant efforts",
    "special_case": "Special case: not ranked (conflict or humanitarian crisis)",
}

SETTINGS = (
    Setting(
        "tip",
        table(
            *(Setting(key, weights(), TIP_DESCRIPTIONS[key]) for key, _ in TIP_TIERS.values()),
            Setting(
                "oldest_edition",
                Number(2000, 2100, integer=True),
                "editions older than this year are ignored (the country is then not found)",
            ),
        ),
        "US State Department Trafficking in Persons Report: the country's tier in the newest edition that rates it "
        "(the reason names the edition). A country no edition rates scores nothing.",
    ),
    Setting(
        "fcs",
        table(
            Setting("conflict", weights(), "the country is on the list as a conflict situation"),
            Setting(
                "institutional_and_social_fragility",
                weights(),
                "the country is on the list for institutional and social fragility",
            ),
            Setting(
                "fiscal_year",
                Text(),
                'which edition: "latest" (the newest fiscal year in the table) or e.g. "FY2025"',
            ),
        ),
        "World Bank Classification of Fragile and Conflict-Affected Situations (FY2020-FY2026 shipped); the reason "
        "names the fiscal year.",
    ),
    Setting(
        "gsi",
        table(
            Setting(
                "path",
                FilePath(),
                'your copy of the GSI 2023 summary sheet (CSV or xlsx), relative to the rules file; "" = off',
            ),
            Setting(
                "prevalence",
                ListOf(_BAND),
                "bands of the estimated prevalence of modern slavery per 1,000 people",
            ),
            Setting("vulnerability", ListOf(_BAND), "bands of the total vulnerability score (0-100 %)"),
        ),
        "Walk Free Global Slavery Index 2023: its licence forbids shipping it, so it is off until `path` points to "
        "your copy.",
    ),
    Setting(
        "country_table",
        table(
            Setting(
                "path",
                FilePath(),
                'a CSV with columns country, indicator, value, relative to the rules file; "" = off',
            ),
            Setting(
                "indicators",
                ListOf(
                    table(
                        Setting("indicator", Text(), "the indicator's name in the CSV"),
                        Setting(
                            "above", Number(required=False), "the value must be greater than this to fire"
                        ),
                        Setting("below", Number(required=False), "the value must be less than this to fire"),
                        *WEIGHT_SETTINGS[:3],
                        Setting("description", Text(), "the rule's title in the reasons"),
                    )
                ),
                "one table per rule, turning one indicator of the CSV into a rule",
            ),
        ),
        "Your own country indicators, for data the project cannot ship.",
    ),
    Setting(
        "watchlist",
        table(
            Setting(
                "countries",
                ListOf(Country()),
                'ISO 3166-1 alpha-2 codes or names in quotes, e.g. ["MM", "KP"]; empty = off',
            ),
            Setting("listed", weights(), "weights of a supplier in a watch-listed country"),
        ),
        "Countries your own policy treats as high risk (e.g. after a crisis).",
    ),
)


def tip_rule(rules, key: str) -> RuleInfo:
    words = {k: w for k, w in TIP_TIERS.values()}[key]
    return RuleInfo(
        f"country.tip.{key}",
        COUNTRY,
        f"US TIP Report {words}",
        f"The supplier's country is rated {words} in the newest edition of the US State Department's Trafficking "
        "in Persons Report that rates it.",
        Weights.from_config(rules.section("tip")[key]),
    )


def fcs_rule(rules, key: str) -> RuleInfo:
    words = key.replace("_", " ")
    return RuleInfo(
        f"country.fcs.{key}",
        COUNTRY,
        f"World Bank fragile and conflict-affected situation ({words})",
        f"The supplier's country is on the World Bank's list of Fragile and Conflict-Affected Situations ({words}).",
        Weights.from_config(rules.section("fcs")[key]),
    )


def watchlist_rule(rules) -> RuleInfo:
    return RuleInfo(
        "country.watchlist",
        COUNTRY,
        "Country on your watch list",
        "The supplier's country is on the watch list of this rules file ([watchlist] countries).",
        Weights.from_config(rules.section("watchlist")["listed"]),
    )


def describe(rules, lists=None) -> list[RuleInfo]:
    infos = [tip_rule(rules, key) for key, _ in TIP_TIERS.values()]
    infos += [fcs_rule(rules, key) for key in FCS_CATEGORIES.values()]
    infos.append(watchlist_rule(rules))
    if rules.section("gsi")["path"]:
        infos += [gsi_rule(kind, band) for kind in GSI_MEASURES for band in rules.section("gsi")[kind]]
    infos += [country_table_rule(entry) for entry in rules.section("country_table")["indicators"]]
    return infos


def evaluate(ctx: Context) -> pl.DataFrame:
    return hits_per_distinct(
        ctx, [COUNTRY_CODE], lambda values: _country_facts(ctx, values[0]) if values[0] else []
    )


def _country_facts(ctx: Context, code: str) -> list[tuple[RuleInfo, str, str]]:
    """Every country rule that fires for one country, with its facts; computed once per country."""
    found = []
    found += _tip(ctx.rules, code)
    found += _fcs(ctx.rules, code)
    if code in ctx.rules.section("watchlist")["countries"]:
        found.append((watchlist_rule(ctx.rules), f"{country_name(code)} ({code})", "rules [watchlist]"))
    if ctx.rules.section("gsi")["path"]:
        found += _gsi(ctx.rules, code)
    if ctx.rules.section("country_table")["path"]:
        found += _country_table(ctx.rules, code)
    return found


# --- TIP -------------------------------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def newest_tip_tiers(oldest_edition: int) -> dict[str, dict]:
    """Country code -> its row in the newest TIP edition (not older than ``oldest_edition``) that rates it."""
    table = pl.read_csv(reference_path(TIP_FILE), infer_schema=False)
    table = (
        table.filter(pl.col("iso2").is_not_null())
        .with_columns(pl.col("report_year").cast(pl.Int32))
        .filter(pl.col("report_year") >= oldest_edition)
        .sort("report_year", descending=True)
        .unique(subset=["iso2"], keep="first")
    )
    return {row["iso2"]: row for row in table.iter_rows(named=True)}


def tip_tier(code: str, oldest_edition: int = 2014) -> dict | None:
    """The newest TIP rating of a country: {tier, report_year, country, confidence, source_url}; None = not found."""
    return newest_tip_tiers(oldest_edition).get(code)


def _tip(rules, code: str) -> list[tuple[RuleInfo, str, str]]:
    row = tip_tier(code, int(rules.section("tip")["oldest_edition"]))
    if row is None or row["tier"] not in TIP_TIERS:
        return []
    key, words = TIP_TIERS[row["tier"]]
    facts = (
        f"{row['country']} is {words} in the {row['report_year']} TIP Report, the newest edition in the shipped "
        f"table that rates it (source confidence {row['confidence']})"
    )
    return [(tip_rule(rules, key), facts, f"{TIP_FILE}: {row['source_url']}")]


# --- World Bank FCS --------------------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def fcs_edition(fiscal_year: str) -> tuple[str, dict[str, dict]]:
    """(fiscal year used, country code -> row) for "latest" or a named fiscal year such as "FY2025"."""
    table = pl.read_csv(reference_path(FCS_FILE), infer_schema=False)
    years = sorted(table.get_column("fiscal_year").unique().to_list())
    year = years[-1] if fiscal_year == "latest" else fiscal_year
    if year not in years:
        raise ConfigError(
            f"rules: fcs.fiscal_year = {fiscal_year!r} is not in the shipped World Bank table",
            hint=f'Use "latest" or one of {", ".join(years)}.',
        )
    rows = table.filter(pl.col("fiscal_year") == year)
    return year, {row["iso2"]: row for row in rows.iter_rows(named=True) if row["iso2"]}


def _fcs(rules, code: str) -> list[tuple[RuleInfo, str, str]]:
    year, rows = fcs_edition(str(rules.section("fcs")["fiscal_year"]))
    row = rows.get(code)
    if row is None or row["category"] not in FCS_CATEGORIES:
        return []
    facts = (
        f"{row['country']} is listed under {row['category']} in the World Bank Classification of Fragile and "
        f"Conflict-Affected Situations, {year} edition"
    )
    return [
        (fcs_rule(rules, FCS_CATEGORIES[row["category"]]), facts, f"{FCS_FILE} {year}: {row['source_url']}")
    ]


# --- Walk Free Global Slavery Index (user-supplied file) --------------------------------------------------------

GSI_MEASURES = {
    "prevalence": ("prevalence_per_1000", "estimated prevalence of modern slavery per 1,000 people"),
    "vulnerability": ("vulnerability_total_pct", "total vulnerability score (%)"),
}
GSI_CITATION = "Walk Free 2023, The Global Slavery Index 2023, Minderoo Foundation"


def gsi_rule(kind: str, band) -> RuleInfo:
    _, words = GSI_MEASURES[kind]
    return RuleInfo(
        f"country.gsi.{kind}",
        COUNTRY,
        f"Global Slavery Index {kind}",
        f"The Global Slavery Index gives the supplier's country a {words} of at least {band['min']:g}.",
        Weights(float(band["points"]), str(band["severity"]), float(band["likelihood"])),
    )


@lru_cache(maxsize=4)
def read_gsi(path: str) -> dict[str, dict[str, float]]:
    """Country code -> {prevalence_per_1000, vulnerability_total_pct} from the user's GSI csv or xlsx.

    Columns are found by name, so the project's extract (country, iso3, prevalence_per_1000, ...) and the Walk Free
    workbook's summary sheet ("Estimated prevalence of modern slavery per 1,000 population", "Total Vulnerability
    score (%)") both work."""
    frame = _read_table(Path(path))
    columns = {_column_key(c): c for c in frame.columns}
    country_col = _pick(columns, ("iso3", "iso", "country"), path)
    found = {}
    wanted = {
        "prevalence_per_1000": ("prevalence_per_1000", "prevalence"),
        "vulnerability_total_pct": ("vulnerability_total_pct", "total vulnerability"),
    }
    picked = {measure: _pick(columns, keys, path) for measure, keys in wanted.items()}
    for row in frame.iter_rows(named=True):
        code = country_code(str(row[country_col])) if row[country_col] is not None else None
        if code is None and "country" in columns and columns["country"] != country_col:
            code = country_code(str(row[columns["country"]] or ""))
        if code is None:
            continue
        values = {}
        for measure, column in picked.items():
            value = row[column]
            try:
                values[measure] = float(value) if value not in (None, "") else None
            except (TypeError, ValueError):
                values[measure] = None
        found[code] = values
    return found


def _column_key(name: str) -> str:
    return " ".join(str(name).casefold().replace("_", " ").split())


def _pick(columns: dict[str, str], keys: tuple[str, ...], path: str) -> str:
    for key in keys:
        wanted = _column_key(key)
        for normalised, original in columns.items():
            if normalised == wanted or normalised.startswith(wanted) or wanted in normalised:
                return original
    raise ConfigError(
        f"{path}: no column for {keys[0]!r} in the file given by [gsi] path",
        hint=f"Columns found: {', '.join(columns.values())}. Save the GSI 2023 summary sheet with its own headers.",
    )


def _read_table(path: Path) -> pl.DataFrame:
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
            return pl.read_excel(path, infer_schema_length=0)
        return pl.read_csv(path, infer_schema=False, encoding="utf8-lossy")
    except (OSError, pl.exceptions.PolarsError) as error:
        raise ConfigError(
            f"{path}: cannot read this table ({error})", hint="Give a CSV or xlsx file."
        ) from error


def _gsi(rules, code: str) -> list[tuple[RuleInfo, str, str]]:
    path = rules.section("gsi")["path"]
    values = read_gsi(path).get(code)
    if not values:
        return []
    found = []
    for kind, (measure, words) in GSI_MEASURES.items():
        value = values.get(measure)
        if value is None:
            continue
        for band in sorted(rules.section("gsi")[kind], key=lambda b: -b["min"]):
            if value >= band["min"]:
                facts = f"{country_name(code)}: {words} {value:g} ({GSI_CITATION}; file {Path(path).name})"
                found.append((gsi_rule(kind, band), facts, f"GSI {path}"))
                break
    return found


# --- the user's country table ----------------------------------------------------------------------------------


def country_table_rule(entry) -> RuleInfo:
    bounds = []
    if entry.get("above") is not None:
        bounds.append(f"above {entry['above']:g}")
    if entry.get("below") is not None:
        bounds.append(f"below {entry['below']:g}")
    return RuleInfo(
        f"country.table.{entry['indicator']}",
        COUNTRY,
        entry["description"],
        f"{entry['description']}: the country's {entry['indicator']} in your country table is {' and '.join(bounds)}.",
        Weights(float(entry["points"]), str(entry["severity"]), float(entry["likelihood"])),
    )


@lru_cache(maxsize=4)
def read_country_table(path: str) -> dict[tuple[str, str], str]:
    """(country code, indicator) -> value text, from a CSV with columns country, indicator, value."""
    frame = _read_table(Path(path))
    columns = {_column_key(c): c for c in frame.columns}
    missing = [c for c in ("country", "indicator", "value") if c not in columns]
    if missing:
        raise ConfigError(
            f"{path}: the country table has no column {', '.join(missing)}",
            hint="It needs the columns country, indicator, value (one row per country and indicator).",
        )
    table = {}
    for row in frame.iter_rows(named=True):
        code = country_code(row[columns["country"]])
        if code and row[columns["indicator"]] is not None:
            table[(code, str(row[columns["indicator"]]).strip())] = row[columns["value"]]
    return table


def _country_table(rules, code: str) -> list[tuple[RuleInfo, str, str]]:
    path = rules.section("country_table")["path"]
    table = read_country_table(path)
    found = []
    for entry in rules.section("country_table")["indicators"]:
        raw = table.get((code, entry["indicator"]))
        value = parse_number(raw)
        if value is None:
            continue
        if entry.get("above") is not None and not value > entry["above"]:
            continue
        if entry.get("below") is not None and not value < entry["below"]:
            continue
        facts = f"{country_name(code)}: {entry['indicator']} = {raw} (your country table {Path(path).name})"
        found.append((country_table_rule(entry), facts, f"country table {path}"))
    return found


KIND = register(
    RuleKind(
        name="country",
        order=40,
        settings=SETTINGS,
        describe=describe,
        evaluate=evaluate,
        rule_ids=(
            RuleIds(
                "`country.tip.<tier>`",
                "country",
                "the newest US TIP Report edition rating the country (edition named)",
            ),
            RuleIds(
                "`country.fcs.<category>`",
                "country",
                "World Bank list of Fragile and Conflict-Affected Situations (fiscal year named)",
            ),
            RuleIds(
                "`country.gsi.<measure>`",
                "country",
                "Walk Free Global Slavery Index, only from a file you point to",
            ),
            RuleIds(
                "`country.table.<indicator>`",
                "country",
                "your own country table (CSV: country, indicator, value)",
            ),
            RuleIds("`country.watchlist`", "country", "a country on your watch list"),
        ),
    )
)
