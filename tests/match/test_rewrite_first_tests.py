"""The cheap first tests in front of read_as_listed and set_qualifiers_aside (screener.match.native,
screener.match.qualifiers) only save time: with them or without them the rewritten pairs are the same."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from screener.match import native, qualifiers
from screener.match.engine import candidate_frame, normalise_suppliers
from screener.normalize.names import normalize_names
from screener.normalize.pinyin import pinyin_syllables
from screener.normalize.romanise import brand_key, brand_spelling_keys, pinyin_brand_like

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "match_cases.csv"


def _case_pairs() -> pl.DataFrame:
    """One pair per row of match_cases.csv (supplier name against its list name, both normalised)."""
    cases = pl.read_csv(CASES, infer_schema=False)
    supplier = normalize_names(cases["supplier_name"])
    listed = normalize_names(cases["list_name"])
    return pl.DataFrame(
        {
            "supplier_name": cases["supplier_name"],
            "q_key": supplier["name_key"].fill_null(""),
            "q_tokens": supplier["name_tokens"],
            "q_script": supplier["script"],
            "q_country": cases["supplier_country"],
            "e_key": listed["name_key"].fill_null(""),
            "e_tokens": listed["name_tokens"],
            "e_country": cases["list_country"],
        }
    )


@pytest.fixture(scope="module")
def pairs(bundled_index) -> pl.DataFrame:
    """The cases' own pairs and every candidate pair of their supplier names among the bundled lists."""
    cases = pl.read_csv(CASES, infer_schema=False)
    suppliers = pl.DataFrame(
        {
            "row_id": range(1, cases.height + 1),
            "name": cases["supplier_name"],
            "country_code": cases["supplier_country"],
        }
    )
    found = candidate_frame(normalise_suppliers(suppliers), bundled_index, 15, shown=False)
    return pl.concat([_case_pairs(), found.select(_case_pairs().columns)])


def _all_pass(rows: pl.DataFrame, *_) -> pl.Series:
    return pl.repeat(True, rows.height, eager=True)


def test_read_as_listed_rewrites_the_same_pairs_without_its_first_tests(pairs, monkeypatch):
    fast = native.read_as_listed(pairs)
    rewritten = fast.filter(pl.col(native.NOTE).is_not_null())
    assert rewritten.height >= 10  # Cyrillic, pinyin brands, Latin romanisations and cut words among them
    assert rewritten["q_script"].is_in(["han", "cyrillic"]).any()
    assert (rewritten["q_script"] == "latin").any()
    monkeypatch.setattr(native, "_may_be_respelt", _all_pass)
    monkeypatch.setattr(native, "_may_be_read_natively", _all_pass)
    assert_frame_equal(fast, native.read_as_listed(pairs))


def test_set_qualifiers_aside_sets_aside_the_same_words_without_its_first_test(pairs, monkeypatch):
    read = native.read_as_listed(pairs)
    fast = qualifiers.set_qualifiers_aside(read)
    assert fast[native.WITH_QUALIFIERS].is_not_null().sum() >= 5
    monkeypatch.setattr(qualifiers, "_may_set_aside", _all_pass)
    assert_frame_equal(fast, qualifiers.set_qualifiers_aside(read))


_SYLLABLES = sorted(pinyin_syllables())


@given(
    syllables=st.lists(st.sampled_from(_SYLLABLES), min_size=2, max_size=3),
    kept=st.integers(min_value=1, max_value=4),
    vowels=st.lists(st.sampled_from("aeiouy"), min_size=4, max_size=4),
)
def test_a_brand_spelling_shares_its_pinyins_brand_key(syllables, kept, vowels):
    """English spellings made as brands shorten pinyin (the first syllable whole, then some of the rest's
    consonants in order, vowels anywhere): whenever pinyin_brand_like takes one for the pinyin, the keys meet."""
    pinyin = "".join(syllables)
    consonants = [letter for letter in "".join(syllables[1:]) if letter not in "aeiouv"][:kept]
    english = syllables[0] + "".join(c + v for c, v in zip(consonants, vowels, strict=False))
    assume(english != pinyin and pinyin_brand_like(pinyin, english))
    assert brand_key(pinyin) in brand_spelling_keys(english)


@pytest.mark.parametrize(
    ("pinyin", "english"), [("daquan", "daqo"), ("jingke", "jinko"), ("xinyuan", "shinyuan")]
)
def test_the_brand_keys_of_real_brands_meet(pinyin, english):
    assert pinyin_brand_like(pinyin, english)
    assert brand_key(pinyin) in brand_spelling_keys(english)
