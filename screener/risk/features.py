"""Supplier features for the risk model: one small documented function per feature.

A feature reads the pipeline's frames (suppliers, matches, indicator hits) and returns one number per supplier.
Its docstring is what a user reads about it (model card, ``screener train`` output), its ``label`` is how a reason
names it ("UFLPA match probability 0.97 (+0.41)"). Feature names are part of a trained model: the model stores
them and :func:`screener.risk.model.load_model` refuses a model whose names differ from :data:`FEATURE_NAMES`.

Missing inputs stay missing (NaN): the gradient-boosted model routes them itself, and ``*_missing`` features say
so in words. A column the file does not carry at all is the same as a column that is empty.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import polars as pl

from screener.data import reference_path
from screener.lists.formats import bundled_lists
from screener.normalize.countries import country_code
from screener.normalize.dates import parse_date
from screener.normalize.goods import dol_goods_table, recognise_goods
from screener.normalize.numbers import parse_amount
from screener.schema import (
    AUDIT_DATE,
    AUDIT_RESULT,
    CATEGORY,
    CERTIFICATIONS,
    COUNTRY_CODE,
    GOODS,
    GRIEVANCE_MECHANISM,
    HS_CODE,
    LIST_ID,
    MIGRANT_WORKER_SHARE,
    POINTS,
    PROBABILITY,
    RECRUITMENT_FEES,
    ROW_ID,
    RULE_ID,
    WORKER_ORGANISATION,
    WORKER_SURVEY_RESULT,
)

# Lists whose best match probability is a feature: list_id -> the words a reason uses (the bundled lists that
# declare a ``risk_feature``; the bundled model is trained on exactly these, so a new one needs a new model).
LISTS = {bundled.list_id: bundled.risk_feature for bundled in bundled_lists() if bundled.risk_feature}
# Indicator categories the rules engine emits (screener.indicators.base); the points of each are a feature, and a
# category with no hit for a supplier counts 0.
HIT_CATEGORIES = {  # category -> (how a reason names it, what it covers)
    "list": ("risk-list indicator points", "a risk-list hit (UFLPA, CBP, OFAC or a custom list)"),
    "forced_labour": ("DOL forced-labour goods points", "a DOL List of Goods forced-labour country x good"),
    "child_labour": ("DOL child-labour goods points", "a DOL List of Goods child-labour country x good"),
    "region_order": (
        "region-order points",
        "a region-wide order (UFLPA Xinjiang presumption, CBP region WRO)",
    ),
    "country": (
        "country indicator points",
        "a country indicator (TIP tier, fragility and conflict, watch lists)",
    ),
    "ilo_indicator": (
        "ILO indicator points",
        "an ILO forced-labour indicator evidenced in the audit findings",
    ),
    "data_gap": ("data-gap points", "a data gap (no audit, no address, no goods on file)"),
    "workforce": (
        "workforce indicator points",
        "a workforce indicator (migrant- or female-dominated sector)",
    ),
    "worker_voice": (
        "worker-voice points",
        "worker-voice evidence (negative points: a grievance channel, a union)",
    ),
    "audit": ("audit indicator points", "an audit indicator (failed, overdue or missing audit)"),
}
ILO_CATEGORY = "ilo_indicator"
WORKER_VOICE_INPUTS = (
    GRIEVANCE_MECHANISM,
    WORKER_SURVEY_RESULT,
    WORKER_ORGANISATION,
    RECRUITMENT_FEES,
    MIGRANT_WORKER_SHARE,
)
DAYS_PER_MONTH = 30.4375
MAX_AUDIT_AGE_MONTHS = 120.0  # older than ten years counts as ten years
# Decimals each kind of feature is stated to. Besides being the precision a reason shows, it keeps every feature
# under 256 distinct values, so gradient boosting bins them exactly and cheaply (with class weights, binning more
# distinct values falls back to weighted percentiles: 20 s instead of 0.2 s per fit on 1,000 rows, measured).
RESOLUTION = {"probability": 2, "share": 2, "months": 0, "score": 0, "points": 1, "count": 0}


@dataclass(frozen=True)
class Feature:
    """A named number per supplier; ``direction`` says which way is riskier (+1 higher, -1 lower, 0 unknown)."""

    name: str
    label: str
    description: str
    direction: int
    kind: str  # probability / points / count / flag / tier / months / level / score / share
    compute: Callable[[FeatureInputs], pl.Series]

    def describe(self, value: float) -> str:
        """Feature and value in words: 'UFLPA match probability 0.97', 'never audited: yes'."""
        separator = ": " if self.kind in ("flag", "tier", "level") else " "
        return f"{self.label}{separator}{self.describe_value(value)}"

    def describe_value(self, value: float) -> str:
        """The value in words for a reason: '0.97', 'yes', '14 months', 'missing'."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "missing"
        if self.kind == "flag":
            return "yes" if value >= 0.5 else "no"
        if self.kind == "probability":
            return f"{value:.2f}"
        if self.kind == "share":
            return f"{value:.0%}"
        if self.kind == "months":
            return f"{value:.0f} months"
        if self.kind == "level":
            return AUDIT_LEVEL_WORDS.get(round(value), f"{value:g}")
        if self.kind == "tier":
            return "Tier 2 Watch List" if value == 2.5 else f"Tier {value:g}"
        return f"{value:g}"


@dataclass
class FeatureInputs:
    """The frames a feature reads, plus the date audit ages are measured from."""

    suppliers: pl.DataFrame
    matches: pl.DataFrame
    hits: pl.DataFrame
    as_of: dt.date
    _cache: dict = field(default_factory=dict)

    def column(self, name: str) -> pl.Series:
        """A supplier column as given, or all-null when the file did not carry it."""
        if name in self.suppliers.columns:
            return self.suppliers.get_column(name)
        return pl.Series(name, [None] * self.suppliers.height, dtype=pl.String)

    def per_row(self, frame: pl.DataFrame, value: str, default: float | None) -> pl.Series:
        """Align a (row_id, value) frame to the suppliers' row order, ``default`` where a supplier has no row."""
        aligned = self.suppliers.select(ROW_ID).join(frame, on=ROW_ID, how="left", maintain_order="left")
        series = aligned.get_column(value).cast(pl.Float64)
        return series.fill_null(default) if default is not None else series


FEATURES: list[Feature] = []


def per_value(series: pl.Series, function: Callable[[object], float | None]) -> pl.Series:
    """``function`` of every cell as Float64 (None -> null). Text columns repeat few values, so for text it runs once
    per distinct value and the results are joined back; other column types are read cell by cell."""
    if series.dtype != pl.String:
        return pl.Series([function(value) for value in series.to_list()], dtype=pl.Float64)
    distinct = series.unique(maintain_order=True)
    lookup = pl.DataFrame(
        {
            "_key": distinct,
            "_value": pl.Series([function(value) for value in distinct.to_list()], dtype=pl.Float64),
        }
    )
    return (
        series.to_frame("_key")
        .join(lookup, on="_key", how="left", nulls_equal=True, maintain_order="left")
        .get_column("_value")
    )


def feature(label: str, *, direction: int, kind: str, name: str | None = None):
    """Register a function as a feature; its docstring is the feature's description."""

    def register(function: Callable[[FeatureInputs], pl.Series]) -> Callable[[FeatureInputs], pl.Series]:
        description = " ".join((function.__doc__ or "").split())
        FEATURES.append(Feature(name or function.__name__, label, description, direction, kind, function))
        return function

    return register


# --- list matches ----------------------------------------------------------------------------------------------------
def _best_probability(inputs: FeatureInputs, list_id: str) -> pl.Series:
    matches = inputs.matches
    if matches.is_empty() or LIST_ID not in matches.columns:
        return pl.Series([0.0] * inputs.suppliers.height, dtype=pl.Float64)
    best = (
        matches.filter(pl.col(LIST_ID) == list_id)
        .group_by(ROW_ID)
        .agg(pl.col(PROBABILITY).cast(pl.Float64).max().alias("best"))
    )
    return inputs.per_row(best, "best", 0.0)


def _list_feature(list_id: str, words: str) -> None:
    def compute(inputs: FeatureInputs) -> pl.Series:
        return _best_probability(inputs, list_id)

    compute.__doc__ = (
        f"Best match probability of the supplier's name against the {words} list (names and aliases); "
        "0 when the matcher proposed no candidate."
    )
    name = "list_prob_" + re.sub(r"\W+", "_", list_id)
    feature(f"{words} match probability", direction=+1, kind="probability", name=name)(compute)


for _list_id, _words in LISTS.items():
    _list_feature(_list_id, _words)


# --- indicator points ----------------------------------------------------------------------------------------------
def _category_points(inputs: FeatureInputs, category: str) -> pl.Series:
    hits = inputs.hits
    if hits.is_empty() or CATEGORY not in hits.columns:
        return pl.Series([0.0] * inputs.suppliers.height, dtype=pl.Float64)
    points = (
        hits.filter(pl.col(CATEGORY) == category)
        .group_by(ROW_ID)
        .agg(pl.col(POINTS).cast(pl.Float64).sum().alias("points"))
    )
    return inputs.per_row(points, "points", 0.0)


def _points_feature(category: str, label: str, words: str) -> None:
    def compute(inputs: FeatureInputs) -> pl.Series:
        return _category_points(inputs, category)

    compute.__doc__ = f"Sum of the rule points the supplier scored for {words}; 0 when no such rule fired."
    feature(label, direction=+1, kind="points", name=f"points_{category}")(compute)


for _category, (_label, _words) in HIT_CATEGORIES.items():
    _points_feature(_category, _label, _words)


@feature("ILO forced-labour indicators found", direction=+1, kind="count")
def ilo_indicator_count(inputs: FeatureInputs) -> pl.Series:
    """Number of distinct ILO forced-labour indicator rules that fired for the supplier (category ilo_indicator)."""
    hits = inputs.hits
    if hits.is_empty() or CATEGORY not in hits.columns:
        return pl.Series([0.0] * inputs.suppliers.height, dtype=pl.Float64)
    counts = (
        hits.filter(pl.col(CATEGORY) == ILO_CATEGORY)
        .group_by(ROW_ID)
        .agg(pl.col(RULE_ID).n_unique().alias("n"))
    )
    return inputs.per_row(counts, "n", 0.0)


# --- country and goods --------------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def latest_tip_tiers() -> dict[str, float]:
    """Latest US TIP report tier per ISO code (Tier 2 Watch List = 2.5; 'special case' countries left out)."""
    table = pl.read_csv(reference_path("us_state_tip_tiers.csv"), infer_schema=False)
    tiers = {"1": 1.0, "2": 2.0, "2WL": 2.5, "3": 3.0}
    latest = (
        table.filter(pl.col("tier").str.to_uppercase().is_in(list(tiers)) & pl.col("iso2").is_not_null())
        .with_columns(pl.col("report_year").cast(pl.Int32), pl.col("tier").str.to_uppercase())
        .sort("report_year")
        .group_by("iso2")
        .agg(pl.col("tier").last())
    )
    return {code: tiers[tier] for code, tier in latest.iter_rows()}


@feature("US TIP tier of the country", direction=+1, kind="tier")
def tip_tier(inputs: FeatureInputs) -> pl.Series:
    """US State Department Trafficking in Persons report tier of the supplier's country, latest edition: 1, 2,
    2.5 (Tier 2 Watch List) or 3; missing when the country is unknown or a special case."""
    tiers = latest_tip_tiers()
    return per_value(
        inputs.column(COUNTRY_CODE).cast(pl.String), lambda code: tiers.get(code) if code else None
    )


@lru_cache(maxsize=1)
def _dol_pairs() -> dict[tuple[str, str], tuple[bool, bool]]:
    """(ISO code, DOL good) -> (listed for forced labour, listed for child labour), from the DOL 2022 list."""
    pairs = {}
    for row in dol_goods_table().iter_rows(named=True):
        code = country_code(row["country"])
        if code:
            pairs[(code, row["good"])] = (
                row["forced_labor"] == "Yes" or row["forced_child_labor"] == "Yes",
                row["child_labor"] == "Yes",
            )
    return pairs


@lru_cache(maxsize=1)
def _dol_pair_table() -> pl.DataFrame:
    """:func:`_dol_pairs` as a frame to join on: code, good, forced, child."""
    pairs = _dol_pairs()
    return pl.DataFrame(
        {
            "_code": [code for code, _ in pairs],
            "_good": [good for _, good in pairs],
            "_forced": [forced for forced, _ in pairs.values()],
            "_child": [child for _, child in pairs.values()],
        },
        schema={"_code": pl.String, "_good": pl.String, "_forced": pl.Boolean, "_child": pl.Boolean},
    )


def _dol_flags(inputs: FeatureInputs) -> pl.DataFrame:
    """row_id, forced, child: whether any good the supplier sells is DOL-listed for its country.

    The flags depend only on the goods text, the HS code and the country, so each distinct combination of the three
    is recognised once and the result joined back to its suppliers."""
    if "dol" not in inputs._cache:
        columns = [c for c in (GOODS, HS_CODE) if c in inputs.suppliers.columns]
        keyed = inputs.suppliers.select(ROW_ID, *[pl.col(c).cast(pl.String) for c in columns]).with_columns(
            inputs.column(COUNTRY_CODE).cast(pl.String).alias("_country")
        )
        combos = keyed.select(*columns, "_country").unique(maintain_order=True).with_row_index("_combo")
        goods = recognise_goods(combos.select(pl.col("_combo").alias(ROW_ID), *columns))
        flags = (
            goods.select(pl.col(ROW_ID).alias("_combo"), pl.col("good").alias("_good"))
            .join(combos.select("_combo", "_country"), on="_combo", how="left")
            .join(_dol_pair_table(), left_on=["_country", "_good"], right_on=["_code", "_good"], how="left")
            .group_by("_combo")
            .agg(pl.col("_forced").fill_null(False).any(), pl.col("_child").fill_null(False).any())
        )
        inputs._cache["dol"] = (
            keyed.join(combos, on=[*columns, "_country"], how="left", nulls_equal=True)
            .join(flags, on="_combo", how="left")
            .select(
                ROW_ID,
                pl.col("_forced").fill_null(False).cast(pl.Float64).alias("forced"),
                pl.col("_child").fill_null(False).cast(pl.Float64).alias("child"),
            )
        )
    return inputs._cache["dol"]


@feature("DOL forced-labour good from this country", direction=+1, kind="flag")
def dol_forced_labour(inputs: FeatureInputs) -> pl.Series:
    """1 when a good the supplier sells (read from its goods text or HS code) is on the US DOL List of Goods
    (2022) as produced with forced labour in the supplier's country; else 0."""
    return inputs.per_row(_dol_flags(inputs), "forced", 0.0)


@feature("DOL child-labour good from this country", direction=+1, kind="flag")
def dol_child_labour(inputs: FeatureInputs) -> pl.Series:
    """1 when a good the supplier sells is on the US DOL List of Goods (2022) as produced with child labour in
    the supplier's country; else 0."""
    return inputs.per_row(_dol_flags(inputs), "child", 0.0)


@feature("country unknown", direction=0, kind="flag")
def country_missing(inputs: FeatureInputs) -> pl.Series:
    """1 when the supplier's country could not be read as an ISO country; country indicators then cannot fire."""
    return inputs.column(COUNTRY_CODE).is_null().cast(pl.Float64)


@feature("goods unknown", direction=0, kind="flag")
def goods_missing(inputs: FeatureInputs) -> pl.Series:
    """1 when the file gives neither goods text nor an HS code; goods indicators then cannot fire."""
    goods = _blank(inputs.column(GOODS))
    hs = _blank(inputs.column(HS_CODE))
    return (goods & hs).cast(pl.Float64)


# --- audits ----------------------------------------------------------------------------------------------------------
AUDIT_LEVEL_WORDS = {0: "pass", 1: "conditional pass", 2: "fail", 3: "zero tolerance"}
_AUDIT_LEVELS = (  # first pattern that matches wins; checked on the case-folded result text
    (3, r"zero[\s-]*tolerance|critical|forced labou?r|child labou?r|^e$"),
    (2, r"fail|major|reject|not approved|non[\s-]*compliant|red|^d$"),
    (1, r"conditional|minor|improvement|follow[\s-]*up|corrective|amber|yellow|^c$"),
    (0, r"pass|approved|compliant|satisfactory|\bok\b|green|^[ab]$"),
)
_NOT_AUDITED = r"not audited|no audit|none|^n/?a$|pending|planned|^-$"


def audit_level(text: object) -> float | None:
    """An audit result in words ('Conditional pass', 'FAILED', amfori grade 'D') -> 0 pass ... 3 zero tolerance."""
    if text is None:
        return None
    key = str(text).strip().casefold()
    if not key or re.search(_NOT_AUDITED, key):
        return None
    for level, pattern in _AUDIT_LEVELS:
        if re.search(pattern, key):
            return float(level)
    return None


@feature("last audit result", direction=+1, kind="level")
def audit_result_level(inputs: FeatureInputs) -> pl.Series:
    """The last audit's result as a level: 0 pass, 1 conditional pass, 2 fail, 3 zero tolerance (amfori grades
    A/B, C, D, E likewise); missing when not audited or unreadable."""
    return per_value(inputs.column(AUDIT_RESULT), audit_level)


@feature("months since last audit", direction=+1, kind="months")
def audit_age_months(inputs: FeatureInputs) -> pl.Series:
    """Months between the last audit date and the screening date (at most 120); missing when no audit date is on
    file."""

    def age(value: object) -> float | None:
        date = parse_date(value)
        months = None if date is None else (inputs.as_of - date).days / DAYS_PER_MONTH
        return None if months is None else min(MAX_AUDIT_AGE_MONTHS, max(0.0, months))

    return per_value(inputs.column(AUDIT_DATE), age)


@feature("never audited", direction=+1, kind="flag")
def never_audited(inputs: FeatureInputs) -> pl.Series:
    """1 when the file has neither an audit date nor a readable audit result for the supplier."""
    no_date = per_value(inputs.column(AUDIT_DATE), lambda v: float(parse_date(v) is None))
    no_result = per_value(inputs.column(AUDIT_RESULT), lambda v: float(audit_level(v) is None))
    return no_date * no_result


SOCIAL_SCHEMES = (
    r"sa\s*8000",
    r"\bbsci\b",
    r"\bsmeta\b|\bsedex\b",
    r"\bwrap\b",
    r"fair\s*trade",
    r"rainforest alliance|\butz\b",
    r"\brspo\b",
    r"\bbci\b|better cotton",
    r"fair labou?r",
    r"\bfairwear\b|fair wear",
    r"\brba\b|responsible business alliance",
    r"bonsucro",
)


def social_certifications_in(text: object) -> int:
    """How many social-compliance certifications a text names (expired ones do not count)."""
    if text is None:
        return 0
    count = 0
    for part in re.split(r"[;,|/\n]+", str(text).casefold()):
        if re.search(r"expired|abgelaufen|expir|lapsed|suspended", part):
            continue
        count += sum(bool(re.search(pattern, part)) for pattern in SOCIAL_SCHEMES)
    return count


@feature("social-compliance certifications", direction=0, kind="count")
def social_certifications(inputs: FeatureInputs) -> pl.Series:
    """Number of current social-compliance certifications named in the certifications column (SA8000, amfori
    BSCI, SMETA, WRAP, Fairtrade, Rainforest Alliance, RSPO, BCI, ...). Quality schemes such as ISO 9001 do not
    count. Direction left to the data: audits and certificates have missed forced labour before."""
    return per_value(inputs.column(CERTIFICATIONS), lambda v: float(social_certifications_in(v)))


# --- worker voice ----------------------------------------------------------------------------------------------------
_YES = {
    "yes",
    "y",
    "ja",
    "j",
    "oui",
    "si",
    "sí",
    "sim",
    "true",
    "1",
    "x",
    "是",
    "有",
    "available",
    "in place",
}
_NO = {"no", "n", "nein", "non", "não", "nao", "false", "0", "否", "无", "none", "not available"}


def yes_no(value: object) -> float | None:
    """Yes/No in several languages (and 1/0, true/false) -> 1.0 / 0.0; anything else -> missing."""
    if value is None:
        return None
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, int | float):
        return float(value) if value in (0, 1) else None
    key = str(value).strip().casefold()
    return 1.0 if key in _YES else 0.0 if key in _NO else None


def number(value: object) -> float | None:
    """A number from a cell by the tool's one number parser ('72', '72,5', '1.234,5'); '35 %' is 0.35; missing
    when the cell holds anything besides the number."""
    amount = parse_amount(value)
    if amount.value is None or amount.problem is not None:
        return None
    return amount.value / 100 if "%" in str(value) else amount.value


def share(value: object) -> float | None:
    """A share of the workforce as 0-1: '35%', 0.35 and 35 all mean 35%."""
    parsed = number(value)
    if parsed is None or parsed < 0:
        return None
    return parsed / 100 if parsed > 1 else parsed


def _blank(series: pl.Series) -> pl.Series:
    return series.cast(pl.String).str.strip_chars().fill_null("").eq("")


@feature("grievance mechanism in place", direction=-1, kind="flag")
def grievance_mechanism(inputs: FeatureInputs) -> pl.Series:
    """1 when the supplier has a grievance mechanism workers can use, 0 when it has none, missing if unknown."""
    return per_value(inputs.column(GRIEVANCE_MECHANISM), yes_no)


@feature("worker survey score", direction=-1, kind="score")
def worker_survey_score(inputs: FeatureInputs) -> pl.Series:
    """The latest worker survey score on a 0-100 scale, higher is better (convert 1-5 scales before training);
    missing if none."""
    return per_value(inputs.column(WORKER_SURVEY_RESULT), number)


@feature("worker committee or union", direction=-1, kind="flag")
def worker_organisation(inputs: FeatureInputs) -> pl.Series:
    """1 when workers have a union or an elected worker committee, 0 when not, missing if unknown."""
    return per_value(inputs.column(WORKER_ORGANISATION), yes_no)


@feature("recruitment fees paid by workers", direction=+1, kind="flag")
def recruitment_fees_paid(inputs: FeatureInputs) -> pl.Series:
    """1 when workers paid recruitment fees (an ILO indicator of debt bondage), 0 when not, missing if unknown."""
    return per_value(inputs.column(RECRUITMENT_FEES), yes_no)


@feature("migrant worker share", direction=+1, kind="share")
def migrant_worker_share(inputs: FeatureInputs) -> pl.Series:
    """Share of migrant workers in the workforce, 0-1 ('35%', 0.35 and 35 all read as 35%); missing if unknown."""
    return per_value(inputs.column(MIGRANT_WORKER_SHARE), share)


@feature("worker-voice fields missing", direction=0, kind="count")
def worker_voice_missing(inputs: FeatureInputs) -> pl.Series:
    """How many of the five worker-voice fields (grievance mechanism, survey score, union, recruitment fees,
    migrant share) are empty or absent for the supplier: 0 = fully reported, 5 = nothing known."""
    missing = [_blank(inputs.column(name)).cast(pl.Float64) for name in WORKER_VOICE_INPUTS]
    return pl.Series(sum(missing[1:], missing[0]), dtype=pl.Float64)


FEATURE_NAMES: tuple[str, ...] = tuple(f.name for f in FEATURES)
FEATURES_BY_NAME: dict[str, Feature] = {f.name: f for f in FEATURES}


def supplier_features(
    suppliers: pl.DataFrame, matches: pl.DataFrame, hits: pl.DataFrame, *, as_of: dt.date | None = None
) -> pl.DataFrame:
    """One row per supplier: row_id and every feature of :data:`FEATURE_NAMES` (Float64; NaN = missing)."""
    inputs = FeatureInputs(suppliers, matches, hits, as_of or dt.date.today())
    columns = {ROW_ID: suppliers.get_column(ROW_ID)}
    for item in FEATURES:
        values = item.compute(inputs).cast(pl.Float64)
        if item.kind in RESOLUTION:
            values = values.round(RESOLUTION[item.kind])
        columns[item.name] = values.fill_null(float("nan"))
    return pl.DataFrame(columns)
