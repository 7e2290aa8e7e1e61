"""Pair features: each checked on small, readable pairs of normalised names."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from screener.match import features as f
from screener.normalize.names import normalize_name

WEIGHTS = f.TokenWeights.from_frequencies(
    {
        "xinjiang": 60,
        "cotton": 30,
        "trading": 80,
        "daqo": 1,
        "energy": 20,
        "new": 25,
        "hoshine": 1,
        "silicon": 3,
    },
    names=1000,
    common_words={"limited": 500, "company": 800, "trading": 90, "xinjiang": 60},
)


def pairs(*rows: tuple, countries=None, aliases=None, scripts=None) -> f.Pairs:
    """Pairs from (supplier name, list name) tuples, normalised by the real normaliser."""
    q = [normalize_name(a) for a, _ in rows]
    e = [normalize_name(b) for _, b in rows]
    n = len(rows)
    frame = pl.DataFrame(
        {
            "supplier_name": [a for a, _ in rows],
            "q_key": [x.key for x in q],
            "e_key": [x.key for x in e],
            "q_tokens": [list(x.tokens) for x in q],
            "e_tokens": [list(x.tokens) for x in e],
            "q_legal": [x.legal_form for x in q],
            "e_legal": [x.legal_form for x in e],
            "q_country": [c[0] for c in countries] if countries else [None] * n,
            "e_country": [c[1] for c in countries] if countries else [None] * n,
            "is_alias": aliases or [False] * n,
            "q_script": scripts or [x.script for x in q],
            "cosine": [0.5] * n,
        },
        schema_overrides={
            "q_country": pl.String,
            "e_country": pl.String,
            "q_legal": pl.String,
            "e_legal": pl.String,
        },
    )
    return f.Pairs(frame, WEIGHTS)


def test_identical_names_score_one_on_every_similarity():
    p = pairs(("Xinjiang Daqo New Energy Co., Ltd.", "XINJIANG DAQO NEW ENERGY CO LTD"))
    for feature in (f.name_ratio, f.token_sort_ratio, f.token_set_ratio, f.jaro_winkler, f.compact_ratio):
        assert feature(p)[0] == pytest.approx(1.0)
    assert f.weighted_overlap(p)[0] == pytest.approx(1.0)
    assert f.rarest_unmatched_word(p)[0] == 0.0


def test_word_order_does_not_matter_to_token_sort():
    p = pairs(("Daqo New Energy Xinjiang", "Xinjiang Daqo New Energy"))
    assert f.token_sort_ratio(p)[0] == pytest.approx(1.0)
    assert f.name_ratio(p)[0] < 0.9


def test_generic_words_weigh_less_than_distinctive_ones():
    p = pairs(("Xinjiang Cotton Trading", "Xinjiang Cotton Daqo"), ("Daqo Trading", "Daqo Energy"))
    overlap = f.weighted_overlap(p)
    assert overlap[1] > overlap[0]  # sharing 'daqo' counts more than sharing 'xinjiang cotton'
    assert f.rarest_shared_word(p)[1] > f.rarest_shared_word(p)[0]


def test_a_typo_is_a_near_match_but_a_different_word_is_not():
    p = pairs(("Hoshlne Silicon", "Hoshine Silicon"), ("Tianrui Silicon", "Hoshine Silicon"))
    coverage = f.fuzzy_supplier_coverage(p)
    assert coverage[0] == pytest.approx(1.0, abs=0.15)
    assert coverage[1] < 0.5
    assert f.rarest_unmatched_word(p)[0] == 0.0
    assert f.rarest_unmatched_word(p)[1] == pytest.approx(1.0)


def test_a_misspelt_common_word_weighs_like_the_word():
    weights = WEIGHTS.unseen_weights(["limted", "trdaing", "zanzibarx"])
    assert weights["limted"] < 0.2
    assert weights["zanzibarx"] == 1.0


def test_place_qualifier_is_not_a_distinctive_difference():
    p = pairs(("Hoshine Silicon (Shanshan)", "Hoshine Silicon"))
    assert f.rarest_unmatched_word(p)[0] > 0.5
    assert f.rarest_unmatched_non_place_word(p)[0] == 0.0


@pytest.mark.parametrize(
    ("supplier", "listed", "expected"),
    [
        ("Daqo New Energy Co., Ltd.", "Daqo New Energy Company Limited", 1.0),
        ("Daqo New Energy Partnership", "Daqo New Energy Co., Ltd.", -1.0),
        ("Daqo New Energy", "Daqo New Energy Co., Ltd.", 0.0),
    ],
)
def test_legal_form_agreement(supplier, listed, expected):
    assert f.legal_form_agreement(pairs((supplier, listed)))[0] == expected


def test_country_agreement_mismatch_and_unknown():
    p = pairs(("A", "A"), ("A", "A"), ("A", "A"), countries=[("CN", "CN"), ("CN", "RU"), (None, "CN")])
    assert f.country_agreement(p).tolist() == [1.0, -1.0, 0.0]


def test_number_mismatch_only_when_both_names_have_numbers():
    p = pairs(
        ("Tianjin No. 3 Iron Plant", "Tianjin No. 2 Iron Plant"),
        ("Tianjin No. 2 Iron Plant", "Tianjin No 2 Iron Plant"),
        ("Tianjin Iron Plant", "Tianjin No. 2 Iron Plant"),
    )
    assert f.number_mismatch(p).tolist() == [1.0, 0.0, 0.0]


def test_acronym_match():
    p = pairs(("BNC", "Banco Nacional de Cuba"), ("BNC", "Banco Central"))
    assert f.acronym_match(p).tolist() == [1.0, 0.0]


def test_prefix_ratio_and_field_limit_recognise_an_erp_cut():
    listed = "Xinjiang Tianshan Wool Textile Company Limited"
    cut = listed.upper()[:35]
    p = pairs((cut, listed), ("XINJIANG TIANSHAN", listed))
    assert f.prefix_ratio(p)[0] > 0.95
    assert f.supplier_at_field_limit(p).tolist() == [1.0, 0.0]


def test_alias_and_script_flags():
    p = pairs(
        ("新疆大全新能源股份有限公司", "Xinjiang Daqo New Energy"), ("Daqo", "Daqo"), aliases=[True, False]
    )
    assert f.is_alias(p).tolist() == [1.0, 0.0]
    assert f.non_latin_supplier(p).tolist() == [1.0, 0.0]


def test_compute_features_gives_one_column_per_feature_in_order():
    frame = pairs(("Daqo", "Daqo New Energy"), ("Hoshine", "Hoshine Silicon")).frame
    table = f.compute_features(frame, WEIGHTS)
    assert table.columns == [f"f_{n}" for n in f.FEATURE_NAMES]
    assert table.height == 2
    assert np.isfinite(table.to_numpy()).all()


def test_every_feature_has_a_user_facing_description():
    for name in f.FEATURE_NAMES:
        assert len(f.feature_description(name)) > 30, name
