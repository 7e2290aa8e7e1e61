"""Native-script supplier names read with the list's spelling of their words."""

from __future__ import annotations

import polars as pl

from screener.match import MatchSettings, build_index, match_suppliers
from screener.match.native import NOTE, listed_spelling, read_as_listed

from .conftest import entries_frame, suppliers_frame


def test_a_cyrillic_word_takes_the_lists_romanisation():
    tokens, notes = listed_spelling("cyrillic", ["kontsern", "kalashnikov"], ["kalashnikov", "concern"])
    assert tokens == ["concern", "kalashnikov"]
    assert notes == ["'kontsern' read as the list's 'concern' (the same word in another romanisation)"]


def test_a_pinyin_brand_takes_the_lists_english_spelling():
    tokens, notes = listed_spelling(
        "han", ["xinjiang", "daquan", "new", "energy"], ["xinjiang", "daqo", "new", "energy"]
    )
    assert tokens == ["xinjiang", "daqo", "new", "energy"]
    assert notes == ["'daquan' read as the list's 'daqo' (the English spelling of the pinyin brand)"]


def test_another_pinyin_name_is_left_alone():
    assert listed_spelling("han", ["xinjiang", "daquan"], ["xinjiang", "daqin"]) == (
        ["xinjiang", "daquan"],
        [],
    )


def test_latin_suppliers_are_left_as_they_are():
    pairs = pl.DataFrame(
        {
            "q_key": ["kontsern kalashnikov"],
            "q_tokens": [["kontsern", "kalashnikov"]],
            "q_script": ["latin"],
            "e_tokens": [["kalashnikov", "concern"]],
        }
    )
    read = read_as_listed(pairs)
    assert read.drop(NOTE).equals(pairs)
    assert read[NOTE].to_list() == [None]


def test_native_script_names_match_the_listed_english_names_and_say_how():
    index = build_index(
        entries_frame(
            [
                ("rostec", "STATE CORPORATION ROSTEC", False, "RU"),
                ("kalashnikov", "JSC KALASHNIKOV CONCERN", False, "RU"),
                ("daqo", "Xinjiang Daqo New Energy Co., Ltd.", False, "CN"),
                ("rosatom", "ROSATOM", False, "RU"),
            ]
        )
    )
    suppliers = suppliers_frame(
        ["Ростех", "Концерн Калашников", "新疆大全新能源股份有限公司", "Rostekh Trading"],
        ["RU", "RU", "CN", "RU"],
    )
    matches = match_suppliers(suppliers, index, MatchSettings())
    best = matches.sort("probability", descending=True).unique("row_id", keep="first").sort("row_id")
    assert best.select("row_id", "entity_id", "band").rows() == [
        (1, "rostec", "match"),
        (2, "kalashnikov", "match"),
        (3, "daqo", "match"),
    ]
    explanations = best["explanation"].to_list()
    assert "'rostekh' read as the list's 'rostec' (the same word in another romanisation)" in explanations[0]
    assert "'daquan' read as the list's 'daqo' (the English spelling of the pinyin brand)" in explanations[2]


def test_a_brand_spelling_is_guessed_only_for_a_list_entry_of_the_suppliers_country():
    pairs = pl.DataFrame(
        {
            "q_key": ["xinjiang daquan", "xinjiang daquan"],
            "q_tokens": [["xinjiang", "daquan"], ["xinjiang", "daquan"]],
            "q_script": ["han", "han"],
            "q_country": ["CN", "CN"],
            "e_tokens": [["xinjiang", "daqo"], ["xinjiang", "daqo"]],
            "e_country": ["CN", "US"],
        }
    )
    read = read_as_listed(pairs)
    assert read["q_key"].to_list() == ["xinjiang daqo", "xinjiang daquan"]
    assert read["q_tokens"].to_list() == [["xinjiang", "daqo"], ["xinjiang", "daquan"]]
    assert read[NOTE].to_list() == [
        "; 'daquan' read as the list's 'daqo' (the English spelling of the pinyin brand)",
        None,
    ]
