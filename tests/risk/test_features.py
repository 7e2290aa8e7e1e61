"""Supplier features: one documented function per feature, computed from the pipeline's frames."""

from __future__ import annotations

import datetime as dt
import math

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from screener.risk import features as F
from screener.risk.features import FEATURE_NAMES, FEATURES, supplier_features

AS_OF = dt.date(2026, 6, 30)


def _suppliers() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "row_id": [3, 1, 2],  # not sorted: features must follow the suppliers' order
            "name": ["Ningbo Yarn Co", "Hamburg Office GmbH", "Nowhere Ltd"],
            "country_code": ["CN", "DE", None],
            "goods": ["Cotton yarn, 40s combed", "Office supplies", None],
            "hs_code": [None, None, None],
            "audit_date": ["2025-06-30", None, "03.02.2024"],
            "audit_result": ["FAILED", "Not audited", "Pass"],
            "certifications": ["SA8000; amfori BSCI (expired)", None, "ISO 9001"],
            "grievance_mechanism": ["Nein", "Yes", None],
            "worker_survey_result": ["45", None, "80"],
            "worker_organisation": ["no", "ja", None],
            "recruitment_fees": ["Yes", "No", None],
            "migrant_worker_share": ["35%", "10", None],
        }
    )


def _matches() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "row_id": [3, 3, 3, 1],
            "list_id": ["uflpa", "uflpa", "cbp-wro", "ofac-sdn"],
            "probability": [0.91, 0.55, 0.3, 0.12],
        }
    )


def _hits() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "row_id": [3, 3, 3, 3, 1],
            "rule_id": [
                "ilo.passports",
                "ilo.passports",
                "ilo.fees",
                "goods.forced",
                "worker_voice.grievance",
            ],
            "category": ["ilo_indicator", "ilo_indicator", "ilo_indicator", "forced_labour", "worker_voice"],
            "points": [10, 10, 8, 20, -5],
            "severity": ["high"] * 5,
            "evidence": ["x"] * 5,
        }
    )


@pytest.fixture(scope="module")
def frame() -> pl.DataFrame:
    return supplier_features(_suppliers(), _matches(), _hits(), as_of=AS_OF)


def _value(frame: pl.DataFrame, row_id: int, name: str) -> float:
    return frame.filter(pl.col("row_id") == row_id).get_column(name).item()


def test_every_feature_is_named_documented_and_directed():
    assert len(set(FEATURE_NAMES)) == len(FEATURE_NAMES) == len(FEATURES)
    for item in FEATURES:
        assert len(item.description) > 30, item.name
        assert item.direction in (-1, 0, 1)
        assert item.label and item.label == item.label.strip()


def test_declared_categories_cover_every_category_the_rules_engine_emits():
    from screener.indicators import base

    emitted = {base.LIST, base.FORCED_LABOUR, base.CHILD_LABOUR, base.ORDER, base.COUNTRY, base.ILO}
    emitted |= {base.DATA_GAP, base.WORKFORCE, base.WORKER_VOICE, base.AUDIT}
    assert emitted <= set(F.HIT_CATEGORIES)
    assert base.ILO == F.ILO_CATEGORY


def test_frame_has_row_id_and_every_feature_in_supplier_order(frame):
    assert frame.columns == ["row_id", *FEATURE_NAMES]
    assert frame.get_column("row_id").to_list() == [3, 1, 2]
    assert all(frame.schema[name] == pl.Float64 for name in FEATURE_NAMES)


def test_best_match_probability_per_list_and_zero_without_candidate(frame):
    assert _value(frame, 3, "list_prob_uflpa") == 0.91
    assert _value(frame, 3, "list_prob_cbp_wro") == 0.3
    assert _value(frame, 3, "list_prob_ofac_sdn") == 0.0
    assert _value(frame, 1, "list_prob_ofac_sdn") == 0.12
    assert _value(frame, 2, "list_prob_uflpa") == 0.0


def test_points_summed_per_category_and_distinct_ilo_rules_counted(frame):
    assert _value(frame, 3, "points_ilo_indicator") == 28.0
    assert _value(frame, 3, "points_forced_labour") == 20.0
    assert _value(frame, 3, "points_country") == 0.0
    assert _value(frame, 1, "points_worker_voice") == -5.0
    assert _value(frame, 3, "ilo_indicator_count") == 2.0


def test_country_and_goods_features(frame):
    assert _value(frame, 3, "tip_tier") >= 2.0  # China: Tier 2 Watch List or Tier 3 in every recent edition
    assert _value(frame, 1, "tip_tier") == 1.0
    assert math.isnan(_value(frame, 2, "tip_tier"))
    assert _value(frame, 3, "dol_forced_labour") == 1.0  # DOL 2022: China, Thread/Yarn and Cotton
    assert _value(frame, 1, "dol_forced_labour") == 0.0
    assert (_value(frame, 2, "country_missing"), _value(frame, 2, "goods_missing")) == (1.0, 1.0)
    assert (_value(frame, 3, "country_missing"), _value(frame, 3, "goods_missing")) == (0.0, 0.0)


def test_audit_features(frame):
    assert _value(frame, 3, "audit_age_months") == 12.0
    assert _value(frame, 3, "audit_result_level") == 2.0
    assert _value(frame, 1, "never_audited") == 1.0
    assert math.isnan(_value(frame, 1, "audit_result_level"))
    assert _value(frame, 2, "audit_age_months") == 29.0  # 3 February 2024, day first
    assert _value(frame, 3, "social_certifications") == 1.0  # SA8000 counts, an expired BSCI does not
    assert _value(frame, 2, "social_certifications") == 0.0  # ISO 9001 is not a social scheme


def test_worker_voice_features(frame):
    assert (_value(frame, 3, "grievance_mechanism"), _value(frame, 1, "grievance_mechanism")) == (0.0, 1.0)
    assert _value(frame, 3, "worker_survey_score") == 45.0
    assert _value(frame, 1, "worker_organisation") == 1.0
    assert _value(frame, 3, "recruitment_fees_paid") == 1.0
    assert _value(frame, 3, "migrant_worker_share") == 0.35
    assert _value(frame, 1, "migrant_worker_share") == 0.1  # "10" means 10%
    assert [_value(frame, r, "worker_voice_missing") for r in (3, 1, 2)] == [0.0, 1.0, 4.0]


def test_absent_columns_and_empty_stage_frames_give_missing_or_zero():
    suppliers = pl.DataFrame({"row_id": [1, 2], "name": ["A", "B"], "country_code": ["DE", "MY"]})
    empty_matches = pl.DataFrame(schema={"row_id": pl.Int64, "list_id": pl.String, "probability": pl.Float64})
    empty_hits = pl.DataFrame(
        schema={"row_id": pl.Int64, "rule_id": pl.String, "category": pl.String, "points": pl.Int64}
    )
    frame = supplier_features(suppliers, empty_matches, empty_hits, as_of=AS_OF)
    assert frame.height == 2
    assert frame.get_column("list_prob_uflpa").to_list() == [0.0, 0.0]
    assert frame.get_column("points_list").to_list() == [0.0, 0.0]
    assert all(math.isnan(v) for v in frame.get_column("worker_survey_score").to_list())
    assert frame.get_column("worker_voice_missing").to_list() == [5.0, 5.0]
    assert frame.get_column("never_audited").to_list() == [1.0, 1.0]


def test_every_feature_stays_under_256_distinct_values_on_noisy_input():
    """Rounded to their stated resolution, so gradient boosting bins them exactly (see RESOLUTION)."""
    n = 2000
    suppliers = pl.DataFrame(
        {
            "row_id": range(n),
            "audit_date": [AS_OF - dt.timedelta(days=3 * i) for i in range(n)],
            "worker_survey_result": [str(i * 0.0517) for i in range(n)],
            "migrant_worker_share": [i / n for i in range(n)],
        }
    )
    matches = pl.DataFrame(
        {"row_id": range(n), "list_id": ["uflpa"] * n, "probability": [i / n for i in range(n)]}
    )
    frame = supplier_features(suppliers, matches, pl.DataFrame(), as_of=AS_OF)
    for name in FEATURE_NAMES:
        assert frame.get_column(name).n_unique() <= 256, name


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Pass", 0),
        ("approved", 0),
        ("Conditional pass", 1),
        ("C", 1),
        ("FAILED", 2),
        ("major findings", 2),
        ("Zero tolerance", 3),
        ("E", 3),
        ("Not audited", None),
        ("n/a", None),
        ("", None),
        (None, None),
        ("blue", None),
    ],
)
def test_audit_level(text, level):
    assert F.audit_level(text) == (None if level is None else float(level))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Yes", 1.0),
        ("ja", 1.0),
        ("Sí", 1.0),
        ("是", 1.0),
        (1, 1.0),
        (True, 1.0),
        ("No", 0.0),
        ("nein", 0.0),
        ("否", 0.0),
        (0, 0.0),
        ("maybe", None),
        ("", None),
        (None, None),
        (7, None),
    ],
)
def test_yes_no(value, expected):
    assert F.yes_no(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("35%", 0.35), ("35 %", 0.35), (0.35, 0.35), (35, 0.35), ("0,35", 0.35), ("-3", None), ("x", None)],
)
def test_share(value, expected):
    assert F.share(value) == pytest.approx(expected) if expected is not None else F.share(value) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2025, 1, 2), dt.date(2025, 1, 2)),
        (dt.datetime(2025, 1, 2, 9, 30), dt.date(2025, 1, 2)),
        ("2025-01-02", dt.date(2025, 1, 2)),
        ("2025-01-02 00:00:00", dt.date(2025, 1, 2)),
        ("02.01.2025", dt.date(2025, 1, 2)),
        (45659, dt.date(2025, 1, 2)),
        ("soon", None),
        (None, None),
        (3, None),
    ],
)
def test_parse_date(value, expected):
    assert F.parse_date(value) == expected


@given(st.one_of(st.text(max_size=30), st.floats(allow_nan=True), st.integers(), st.none()))
def test_cell_parsers_never_raise(value):
    for parse in (F.yes_no, F.number, F.share, F.audit_level, F.parse_date, F.social_certifications_in):
        parse(value)


def test_reason_wording():
    by_name = F.FEATURES_BY_NAME
    assert by_name["list_prob_uflpa"].describe(0.97) == "UFLPA match probability 0.97"
    assert by_name["never_audited"].describe(1.0) == "never audited: yes"
    assert by_name["tip_tier"].describe(2.5) == "US TIP tier of the country: Tier 2 Watch List"
    assert by_name["audit_result_level"].describe(3.0) == "last audit result: zero tolerance"
    assert by_name["migrant_worker_share"].describe(0.35) == "migrant worker share 35%"
    assert by_name["worker_survey_score"].describe(float("nan")) == "worker survey score missing"


# --- features computed per distinct value against a plain cell-by-cell reference ---------------------------------
def reference_cell_features(suppliers: pl.DataFrame, as_of: dt.date) -> dict[str, list]:
    """Obviously right and slow: every cell read on its own, every supplier's goods looked up on their own."""
    from screener.normalize.goods import recognise_goods

    def column(name):
        return (
            suppliers.get_column(name).to_list() if name in suppliers.columns else [None] * suppliers.height
        )

    def age(value):
        date = F.parse_date(value)
        return None if date is None else min(120.0, max(0.0, (as_of - date).days / F.DAYS_PER_MONTH))

    tiers = F.latest_tip_tiers()
    codes = dict(zip(column("row_id"), column("country_code"), strict=True))
    forced, child = {}, {}
    for row_id, good in recognise_goods(suppliers).select("row_id", "good").iter_rows():
        f, c = F._dol_pairs().get((codes[row_id], good), (False, False))
        forced[row_id], child[row_id] = forced.get(row_id, False) or f, child.get(row_id, False) or c
    return {
        "tip_tier": [tiers.get(code) if code else None for code in column("country_code")],
        "audit_result_level": [F.audit_level(v) for v in column("audit_result")],
        "audit_age_months": [age(v) for v in column("audit_date")],
        "never_audited": [
            float(F.parse_date(d) is None and F.audit_level(r) is None)
            for d, r in zip(column("audit_date"), column("audit_result"), strict=True)
        ],
        "social_certifications": [float(F.social_certifications_in(v)) for v in column("certifications")],
        "grievance_mechanism": [F.yes_no(v) for v in column("grievance_mechanism")],
        "worker_survey_score": [F.number(v) for v in column("worker_survey_result")],
        "worker_organisation": [F.yes_no(v) for v in column("worker_organisation")],
        "recruitment_fees_paid": [F.yes_no(v) for v in column("recruitment_fees")],
        "migrant_worker_share": [F.share(v) for v in column("migrant_worker_share")],
        "dol_forced_labour": [float(forced.get(r, False)) for r in column("row_id")],
        "dol_child_labour": [float(child.get(r, False)) for r in column("row_id")],
    }


def _sample_suppliers() -> pl.DataFrame:
    from pathlib import Path

    from screener.io import read_suppliers
    from screener.normalize.countries import add_country_codes

    path = Path(__file__).parents[2] / "sample_data" / "training" / "labelled_suppliers.xlsx"
    return add_country_codes(read_suppliers([path]).suppliers)


@pytest.mark.parametrize("audit_dates_as", ["text", "dates"])
def test_features_read_per_distinct_value_equal_the_cell_by_cell_reference(audit_dates_as):
    """1,500 real-looking suppliers (sample data: every column filled, many values repeated) plus odd cells; with
    audit dates as text (read once per distinct text) and as date cells (read cell by cell)."""
    suppliers = _sample_suppliers()
    odd = suppliers.head(6).with_columns(
        pl.Series("row_id", [10**6 + i for i in range(6)]),
        pl.Series("audit_result", ["", " ", None, "ZERO TOLERANCE", "pass", "D"]),
        pl.Series("migrant_worker_share", ["", "35 %", "0,4", "-3", "abc", None]),
        pl.Series("country_code", ["", None, "CN", "MY", "XX", "US"]),
        pl.Series("goods", ["", None, "cotton; tomatoes", "Cotton", "bricks", "gloves"]),
    )
    suppliers = pl.concat([suppliers, odd], how="vertical_relaxed")
    if audit_dates_as == "dates":
        suppliers = suppliers.with_columns(pl.col("audit_date").str.to_date("%Y-%m-%d", strict=False))
    frame = supplier_features(suppliers, pl.DataFrame(), pl.DataFrame(), as_of=AS_OF)
    by_name = {item.name: item for item in FEATURES}
    for name, expected in reference_cell_features(suppliers, AS_OF).items():
        kind = by_name[name].kind
        expected = pl.Series(name, expected, dtype=pl.Float64)
        expected = expected.round(F.RESOLUTION[kind]) if kind in F.RESOLUTION else expected
        assert frame.get_column(name).equals(expected.fill_null(float("nan"))), name
    assert (
        frame.get_column("audit_age_months").drop_nans().n_unique() > 20
    )  # dates were read, not all missing
    assert frame.get_column("dol_forced_labour").sum() > 0 and frame.get_column("tip_tier").n_unique() > 2
