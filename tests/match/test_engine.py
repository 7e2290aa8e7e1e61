"""match_suppliers end to end on the real lists and the bundled model: the matches contract and its rules."""

from __future__ import annotations

import polars as pl

from screener import schema as s
from screener.match import MatchSettings, build_index, match_suppliers
from screener.match.engine import candidate_frame, normalise_suppliers, score_pairs
from screener.match.features import FEATURE_NAMES

from .conftest import entries_frame, suppliers_frame


def test_contract_columns_and_bands(bundled_index):
    suppliers = suppliers_frame(
        ["XINJIANG DAQO NEW ENERGY CO LT", "Acme Widgets GmbH", "Hoshine Silicon Ind (Shanshan) Co Ltd"],
        ["CN", "DE", None],
    )
    matches = match_suppliers(suppliers, bundled_index)
    assert matches.columns[:7] == [
        s.ROW_ID,
        s.LIST_ID,
        s.ENTITY_ID,
        s.MATCHED_NAME,
        s.PROBABILITY,
        s.BAND,
        s.EXPLANATION,
    ]
    for column in (s.ENTITY_NAME, s.IS_ALIAS, s.COUNTRY_CODE, s.PROGRAM, s.LISTED_ON, s.SOURCE_URL):
        assert column in matches.columns
    assert [c for c in matches.columns if c.startswith("f_")] == [f"f_{n}" for n in FEATURE_NAMES]
    assert set(matches[s.BAND]) <= {"match", "review"}
    assert 2 not in matches[s.ROW_ID].to_list()  # nothing listed is called Acme Widgets
    daqo = matches.filter(pl.col(s.ROW_ID) == 1).row(0, named=True)
    assert daqo[s.ENTITY_ID] == "uflpa:xinjiang-daqo-new-energy" and daqo[s.BAND] == "match"
    assert "country agrees (CN)" in daqo[s.EXPLANATION]


def test_one_row_per_entity_with_its_best_name():
    entries = entries_frame(
        [
            ("e1", "Tianrui Textile Co., Ltd.", False, "CN"),
            ("e1", "Tianrui Textiles Company Limited", True, "CN"),
            ("e1", "TIANRUI TEXTILE", True, "CN"),
        ]
    )
    index = build_index(entries)
    matches = match_suppliers(suppliers_frame(["TIANRUI TEXTILE CO LTD"]), index)
    assert matches.height == 1
    # The primary name and the alias 'Tianrui Textiles Company Limited' have the same features but for f_is_alias;
    # the model may only lower the probability for an alias (monotone constraint), so the primary name, at least
    # as probable, is the one shown (before the constraint the alias was scored 0.95 and the primary 0.84).
    scored = score_pairs(
        candidate_frame(normalise_suppliers(suppliers_frame(["TIANRUI TEXTILE CO LTD"])), index, 10), index
    )
    probability = dict(zip(scored[s.MATCHED_NAME].to_list(), scored[s.PROBABILITY].to_list(), strict=True))
    assert probability["Tianrui Textiles Company Limited"] <= probability["Tianrui Textile Co., Ltd."]
    assert matches[s.MATCHED_NAME][0] == "Tianrui Textile Co., Ltd."
    assert matches[s.PROBABILITY][0] == probability["Tianrui Textile Co., Ltd."]


def test_thresholds_decide_the_band_and_what_is_returned(bundled_index):
    suppliers = suppliers_frame(["Xinjiang Daqo New Energy"])
    best = match_suppliers(suppliers, bundled_index)[s.PROBABILITY].max()
    strict = match_suppliers(
        suppliers, bundled_index, MatchSettings(match_threshold=best + 1e-9, review_threshold=0.5)
    )
    assert strict[s.BAND].to_list()[:1] == ["review"]
    above = best + 1e-6
    none = match_suppliers(
        suppliers, bundled_index, MatchSettings(match_threshold=above, review_threshold=above)
    )
    assert none.height == 0


def test_suppliers_without_name_or_country_column_are_handled(bundled_index):
    suppliers = pl.DataFrame(
        {s.ROW_ID: [1, 2, 3], s.NAME: [None, "", "Co., Ltd."]}, schema={s.ROW_ID: pl.Int64, s.NAME: pl.String}
    )
    matches = match_suppliers(suppliers, bundled_index)
    assert matches.height == 0


def test_empty_supplier_frame(bundled_index):
    matches = match_suppliers(suppliers_frame([]), bundled_index)
    assert matches.height == 0 and s.PROBABILITY in matches.columns


def test_country_mismatch_lowers_the_probability(bundled_index):
    suppliers = suppliers_frame(["Xinjiang Daqo New Energy Co", "Xinjiang Daqo New Energy Co"], ["CN", "BR"])
    matches = match_suppliers(suppliers, bundled_index).filter(
        pl.col(s.ENTITY_ID) == "uflpa:xinjiang-daqo-new-energy"
    )
    same, other = matches.sort(s.ROW_ID)[s.PROBABILITY].to_list()
    assert other < same
    assert "country differs (supplier BR, list CN)" in matches.sort(s.ROW_ID)[s.EXPLANATION][1]


def test_a_blank_country_code_is_no_country_not_a_conflict(bundled_index):
    """A caller's frame may hold "" or spaces for no country: scored like a missing country, never as a mismatch."""
    suppliers = suppliers_frame(["Xinjiang Daqo New Energy Co"] * 3, [None, "", "  "])
    matches = match_suppliers(suppliers, bundled_index).filter(
        pl.col(s.ENTITY_ID) == "uflpa:xinjiang-daqo-new-energy"
    )
    missing, empty, spaces = matches.sort(s.ROW_ID)[s.PROBABILITY].to_list()
    assert missing == empty == spaces
    assert not any("country differs" in text for text in matches[s.EXPLANATION])


def test_duplicate_suppliers_each_get_their_matches(bundled_index, monkeypatch):
    from screener.match import engine

    monkeypatch.setattr(engine, "CHUNK_SUPPLIERS", 2)  # several chunks, duplicates across them
    names = [
        "Xinjiang Daqo New Energy Co",
        "Acme Widgets",
        "Xinjiang Daqo New Energy Co",
        "Hoshine Silicon Industry",
    ]
    suppliers = suppliers_frame(names, ["CN", None, "CN", None])
    matches = match_suppliers(suppliers, bundled_index)
    daqo = matches.filter(pl.col(s.ENTITY_ID) == "uflpa:xinjiang-daqo-new-energy")
    assert daqo[s.ROW_ID].to_list() == [1, 3]
    assert daqo[s.PROBABILITY][0] == daqo[s.PROBABILITY][1]
    assert matches.filter(pl.col(s.ROW_ID) == 4).height >= 1
    assert matches[s.ROW_ID].is_sorted()


def test_a_short_one_word_list_name_beside_other_words_is_not_a_match(bundled_index):
    """OFAC lists 'FIAN' (an alias of a Russian institute): a supplier called just that, or that plus a legal
    form or a site, is a match; 'Fian Logistics' is a word coinciding with an acronym, for a reviewer (the model
    gives it 0.59; hold_short_names_at_review keeps it under the match band)."""
    names = ["Fian Logistics", "FIAN LLC", "Fian (Moscow)"]
    matches = match_suppliers(suppliers_frame(names), bundled_index, MatchSettings())
    fian = matches.filter(pl.col(s.MATCHED_NAME) == "FIAN").sort(s.ROW_ID)
    assert fian["supplier_name"].to_list() == names
    assert fian[s.BAND].to_list() == ["review", "match", "match"]
    assert fian[s.PROBABILITY][0] < MatchSettings().match_threshold


def _short_name_pairs(probability: float) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "q_key": ["fian logistics", "fian", "fian moscow"],
            "e_key": ["fian", "fian", "fian"],
            "f_rarest_unmatched_non_place_word": [0.6, 0.0, 0.0],  # 'moscow' is a place: a site, not a word
            s.PROBABILITY: [probability] * 3,
        }
    )


def test_a_short_one_word_list_name_beside_other_words_is_held_at_review():
    from screener.match.engine import hold_short_names_at_review

    held = hold_short_names_at_review(_short_name_pairs(0.93), MatchSettings())
    ceiling = MatchSettings().match_threshold - 0.001
    assert held[s.PROBABILITY].to_list() == [ceiling, 0.93, 0.93]
    assert held["_model_probability"].to_list() == [0.93, None, None]  # the explanation gives the model's own
    below = hold_short_names_at_review(_short_name_pairs(0.45), MatchSettings())
    assert below[s.PROBABILITY].to_list() == [0.45, 0.45, 0.45]  # nothing to hold under the match band


def test_the_short_name_rule_can_be_turned_off():
    from screener.match.engine import hold_short_names_at_review

    kept = hold_short_names_at_review(_short_name_pairs(0.93), MatchSettings(short_name_letters=0))
    assert kept[s.PROBABILITY].to_list() == [0.93, 0.93, 0.93]  # the model's own probability, nothing held
    assert kept["_model_probability"].to_list() == [None, None, None]


def test_the_name_shown_for_an_entity_does_not_depend_on_the_order_pairs_arrive_in():
    """Two names of one entity tied on every score key: the list's own first name is shown, whichever order the
    chunks, parts or batches delivered the pairs in (a sort that is not stable once showed either)."""
    from screener.match.engine import best_per_entity

    pairs = pl.DataFrame(
        {
            s.ROW_ID: [1, 1, 1, 2],
            s.ENTITY_ID: ["e1", "e1", "e2", "e1"],
            s.MATCHED_NAME: ["ACME TRADING", "ACME TRADING CO", "ACME", "ACME TRADING CO"],
            s.PROBABILITY: [0.91, 0.91, 0.5, 0.7],
            s.IS_ALIAS: [True, True, False, True],
            "entry_row": [7, 3, 9, 3],
        }
    )
    shown = {
        tuple(best_per_entity(pairs[list(order)]).sort(s.ROW_ID, s.ENTITY_ID)[s.MATCHED_NAME])
        for order in ([0, 1, 2, 3], [1, 0, 3, 2], [3, 2, 1, 0], [2, 0, 3, 1])
    }
    assert shown == {("ACME TRADING CO", "ACME", "ACME TRADING CO")}
