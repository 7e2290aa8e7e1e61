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


# ----------------------------------------------------------------------------------------------------------------
# The shortcuts of the word-overlap table change nothing
# ----------------------------------------------------------------------------------------------------------------
def _corrupted_pairs(index, count: int, seed: int) -> pl.DataFrame:
    """(q_tokens, e_tokens) of real list names against corrupted copies (bench corruptions) or other names."""
    import random

    from bench.match_data import CORRUPTIONS, corrupt
    from screener.normalize.names import normalize_names

    rng = random.Random(seed)
    names = index.entries["name"].to_list()
    listed = [rng.choice(names) for _ in range(count)]
    kinds = [*sorted(CORRUPTIONS), "combined"]
    supplier = [
        (corrupt(name, rng.choice(kinds), rng) or name) if rng.random() < 0.8 else rng.choice(names)
        for name in listed
    ]
    q = normalize_names(pl.Series(supplier, dtype=pl.String))["name_tokens"]
    e = normalize_names(pl.Series(listed, dtype=pl.String))["name_tokens"]
    return pl.DataFrame({"q_tokens": q, "e_tokens": e})


def test_word_similarity_bound_never_skips_a_near_or_cut_word():
    from rapidfuzz import fuzz

    words = sorted(
        {
            "limited",
            "limted",
            "lmited",
            "bus",
            "business",
            "tech",
            "technology",
            "xinjiang",
            "xinjang",
            "a",
            "ab",
        }
        | {
            "abc",
            "abd",
            "co",
            "oc",
            "zzzzzzzz",
            "z" * 300,
            "新疆",
            "新疆大全",
            "straße",
            "strasse",
            "1",
            "12",
            "123",
        }
        | {"daqo", "daquan", "hoshine", "hosine", "energy", "enrgy", "cotton", "coton", "silicon", "silicone"}
        | {"a" * 2000 + "q" * 1000, "b" + "a" * 1999 + "q" * 1000, "ж" * 3000, "a" + "ж" * 2999}  # no bound
    )
    spellings = f._Spellings.of(pl.Series(words, dtype=pl.String))
    q, e = (a.ravel() for a in np.meshgrid(np.arange(len(words)), np.arange(len(words))))
    near, alike = f._could_be_near(spellings, q, e)
    for i, j, is_near, is_alike in zip(q, e, near, alike, strict=True):
        a, b = words[i], words[j]
        cut = (len(a) >= 3 and b.startswith(a)) or (len(b) >= 3 and a.startswith(b))
        assert is_alike == (len(a) >= 3 and len(b) >= 3 and a[:3] == b[:3]), (a, b)
        if fuzz.ratio(a, b) >= f.FUZZY_WORD_MIN * 100 or cut:
            assert is_near, (a, b)
    assert not near[(q == words.index("zzzzzzzz")) & (e == words.index("daqo"))].any()


def test_word_overlap_table_is_the_same_without_the_similarity_bound(bundled_index, monkeypatch):
    """On 3,000 real list names against bench-corrupted copies, skipping the word pairs the bound rules out
    gives exactly the table of comparing every unshared word pair."""
    frame = _corrupted_pairs(bundled_index, 3000, seed=5)
    weights = bundled_index.weights
    fast = f.token_weight_table(frame, weights)

    def every_pair(spellings, q, e):
        starts = [w[:3] if len(w) >= 3 else None for w in spellings.tokens]
        alike = np.array(
            [starts[a] is not None and starts[a] == starts[b] for a, b in zip(q, e, strict=True)]
        )
        return np.ones(len(q), dtype=bool), alike.astype(bool)

    monkeypatch.setattr(f, "_could_be_near", every_pair)
    slow = f.token_weight_table(frame, weights)
    assert fast.equals(slow)
    assert (fast["q_fuzzy"] > 0).sum() > 100  # the corruptions do leave near-equal words


def test_known_weights_equal_a_lookup_in_the_frame():
    tokens = pl.Series(["xinjiang", "unknown", "daqo", "", None, "zzz", "cotton", "aaa"], dtype=pl.String)
    known = dict(zip(WEIGHTS.frame["token"].to_list(), WEIGHTS.frame["weight"].to_list(), strict=True))
    assert WEIGHTS.known_weights(tokens).to_list() == [known.get(t) for t in tokens.to_list()]
    empty = f.TokenWeights(frame=pl.DataFrame(schema={"token": pl.String, "weight": pl.Float64}))
    assert empty.known_weights(tokens).to_list() == [None] * tokens.len()


def test_prefix_ratio_equals_the_ratio_with_the_list_name_cut_to_the_supplier_length():
    from rapidfuzz import fuzz
    from rapidfuzz.process import cpdist

    keys = [("acme", "acme trading"), (None, "acme"), ("acme", None), ("", "x"), ("straße 1", "straße 12 co")]
    frame = pl.DataFrame(
        {"q_key": [q for q, _ in keys], "e_key": [e for _, e in keys]},
        schema={"q_key": pl.String, "e_key": pl.String},
    )
    cut = frame.select("q_key", pl.col("e_key").str.slice(0, pl.col("q_key").str.len_chars()).alias("e"))
    expected = cpdist(cut["q_key"].to_list(), cut["e"].to_list(), scorer=fuzz.ratio, dtype=np.float32)
    got = f.prefix_ratio(f.Pairs(frame, WEIGHTS))
    np.testing.assert_array_equal(got, np.asarray(expected, dtype=np.float64) / 100.0)
    assert got[0] == 1.0 and got[4] == 1.0


def test_sorted_and_compact_keys_give_the_rapidfuzz_and_polars_definitions():
    import random

    from rapidfuzz import fuzz
    from rapidfuzz.process import cpdist

    rng = random.Random(8)
    alphabet = "ab c  xyz019\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f-."
    keys = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14))) for _ in range(3000)]
    rows = [(rng.choice(keys), rng.choice(keys)) for _ in range(6000)] + [
        (None, "a b"),
        ("b a", None),
        ("", ""),
    ]
    rows += [
        ("new energy xinjiang", "xinjiang new energy"),
        ("straße b", "b straße"),
    ]  # not ASCII: plain path
    for chunk in (rows[:-2], rows):
        frame = pl.DataFrame(
            {"q_key": [q for q, _ in chunk], "e_key": [e for _, e in chunk]},
            schema={"q_key": pl.String, "e_key": pl.String},
        )
        pairs = f.Pairs(frame, WEIGHTS)
        q, e = frame["q_key"].to_list(), frame["e_key"].to_list()
        expected = cpdist(q, e, scorer=fuzz.token_sort_ratio, dtype=np.float32)
        np.testing.assert_array_equal(f.token_sort_ratio(pairs), np.asarray(expected, dtype=np.float64) / 100)
        compact = frame.select(pl.col("q_key", "e_key").str.replace_all(" ", "", literal=True))
        expected = cpdist(
            compact["q_key"].to_list(), compact["e_key"].to_list(), scorer=fuzz.ratio, dtype=np.float32
        )
        np.testing.assert_array_equal(f.compact_ratio(pairs), np.asarray(expected, dtype=np.float64) / 100)


def test_names_that_differ_only_by_a_place_or_a_branch_are_alike_at_their_core():
    p = pairs(
        ("St. Petersburg Hoshine Silicon", "Hoshine Silicon"),
        ("Hoshine Silicon Limited, Nicosia Branch", "Hoshine Silicon Limited"),
        ("Hoshlne Silicon - Juba Branch", "Hoshine Silicon"),  # a typo in the name as well: near-equal
        ("Kazan Daqo Energy", "Moscow Daqo Energy"),  # each names its own place: two sites, not one added
        ("Tianrui Silicon, Moscow", "Hoshine Silicon"),  # another brand with a place
    )
    assert f.core_token_sort_ratio(p)[:2].tolist() == [1.0, 1.0]
    assert f.token_sort_ratio(p)[0] < 0.8  # the whole names are much less alike
    assert f.core_token_sort_ratio(p)[2] > 0.9
    assert f.only_qualifiers_differ(p).tolist() == [1.0, 1.0, 1.0, 0.0, 0.0]
    coverage = f.core_coverage(p)
    assert coverage[:2].tolist() == [1.0, 1.0]
    assert coverage[2] > 0.8 and coverage[4] < 0.5


def test_a_name_made_only_of_places_is_compared_whole():
    p = pairs(("Moscow Branch", "Moscow"), ("Moscow", "Moscow"))
    assert f.core_token_sort_ratio(p)[1] == 1.0
    assert f.core_token_sort_ratio(p)[0] < 1.0  # nothing left once qualifiers are set aside: whole names
    assert f.only_qualifiers_differ(p).tolist() == [0.0, 0.0]


@pytest.mark.parametrize(
    ("supplier", "listed", "aligned"),
    [
        ("Hoshlne Silicon", "Hoshine Silicon", True),  # one letter mistyped
        ("Hosihne Silicon", "Hoshine Silicon", True),  # two neighbours swapped (one edit)
        ("Hoshinne Silicon", "Hoshine Silicon", True),  # a letter doubled
        ("Hsohinne Silicon", "Hoshine Silicon", True),  # two slips apart in a long word
        ("Daqo Hoshine Silicon", "Daqohoshine Silicon", True),  # words split
        ("Daqohoshine Silicon", "Daqo Hoshine Silicon", True),  # words joined
        ("Hoshine Silic Co", "Hoshine Silicon Co", True),  # a word cut short
        ("Huafu Hongsheng Silicon", "Huafu Hongfeng Silicon", False),  # a syllable replaced: a sister company
        ("Yasheng Silicon", "Fasheng Silicon", False),  # another first letter
        ("Ombarakeh Steel", "Mobarakeh Steel", True),  # the first two letters swapped: one slip
        ("Obmarakeh Steel", "Mobarakeh Steel", False),  # another first letter, not a swap
        ("Alpha Knit", "Alpha Unit", False),
        ("Tianrui Silicon", "Hoshine Silicon", False),  # another word
        # One name in two romanisations: letter groups, not slips, and sometimes another first letter.
        ("Kouznetzov Metallurgy", "Kuznetsov Metallurgy", True),  # ou/u, tz/ts
        ("Habarovsk Kraiteploenergo", "Khabarovsk Kraiteploenergo", True),  # kh/h
        ("Zhukovsky Aviatsia", "Jukovskiy Aviatsiya", True),  # zh/j, -y/-iy, ya/a
        ("Tsentrsnab Petrol", "Centrsnab Petrol", True),  # ts/c at the start
        ("Mohamed Trading Silicon", "Muhammad Trading Silicon", True),  # vowels and a doubled letter
    ],
)
def test_typing_slips_split_and_cut_words_are_aligned_but_a_changed_syllable_is_not(
    supplier, listed, aligned
):
    p = pairs((supplier, listed))
    assert bool(f.aligned_core_coverage(p)[0] == pytest.approx(1.0)) is aligned
    assert bool(f.rarest_unaligned_word(p)[0] == 0.0) is aligned


def test_the_common_word_check_aligns_words_as_the_features_do():
    # screener.match.generic asks aligned_word_pairs the question aligned_core_coverage answers.
    pairs = [("kouznetzov", "kuznetsov"), ("habarovsk", "khabarovsk"), ("riaq", "iraq"), ("knit", "unit")]
    aligned = f.aligned_word_pairs([a for a, _ in pairs], [b for _, b in pairs])
    assert aligned.tolist() == [True, True, True, False]
