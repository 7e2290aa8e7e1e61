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


def test_a_place_or_a_business_word_is_no_pinyin_brand():
    # 西宁 is the city Xining, not a spelling of SINO MACHINERY's 'sino' (a business word: China), however alike
    # their sounds (x/s, then n): the shared 100k workbook's one match-band false hit.
    assert listed_spelling("han", ["xining", "shengxiang", "machinery"], ["sino", "machinery"]) == (
        ["xining", "shengxiang", "machinery"],
        [],
    )


def test_latin_suppliers_are_read_in_the_lists_romanisation():
    pairs = pl.DataFrame(
        {
            "q_key": ["kontsern kalashnikov", "mohamed jamal group", "kalashnikov trading"],
            "q_tokens": [
                ["kontsern", "kalashnikov"],
                ["mohamed", "jamal", "group"],
                ["kalashnikov", "trading"],
            ],
            "q_script": ["latin", "latin", "latin"],
            "e_tokens": [
                ["kalashnikov", "concern"],
                ["muhammad", "jamal", "group"],
                ["kalashnikov", "treding"],
            ],
            "supplier_name": ["Kontsern Kalashnikov", "Mohamed Jamal Group", "Kalashnikov Trading"],
        }
    )
    read = read_as_listed(pairs)
    assert read["q_tokens"].to_list() == [
        ["concern", "kalashnikov"],
        ["muhammad", "jamal", "group"],
        ["kalashnikov", "trading"],  # business words are never re-read (Trading / Treding)
    ]
    assert read["q_key"].to_list() == ["concern kalashnikov", "muhammad jamal group", "kalashnikov trading"]
    assert read[NOTE].to_list() == [
        "; 'kontsern' read as the list's 'concern' (the same name in another romanisation)",
        "; 'mohamed' read as the list's 'muhammad' (the same name in another romanisation)",
        None,
    ]


def test_two_pinyin_names_are_not_one_romanisation_where_a_side_is_chinese():
    pairs = pl.DataFrame(
        {
            "q_key": ["taizhou ruyuan technology", "shaian shipping", "ruyuan technology"],
            "q_tokens": [
                ["taizhou", "ruyuan", "technology"],
                ["shaian", "shipping"],
                ["ruyuan", "technology"],
            ],
            "q_script": ["latin", "latin", "latin"],
            "q_country": ["CN", "IR", "US"],
            "e_country": ["TW", "IR", None],
            "e_tokens": [["ruiyuan", "keji"], ["shayan", "shipping"], ["ruiyuan", "technology"]],
            "supplier_name": ["Taizhou Ruyuan Technology", "Shaian Shipping", "Ruyuan Technology"],
        }
    )
    read = read_as_listed(pairs)
    # Ruyuan and Ruiyuan are two Chinese names (ru-yuan, rui-yuan); Shaian / Shayan, Persian, one name respelt.
    assert read["q_tokens"].to_list() == [
        ["taizhou", "ruyuan", "technology"],
        ["shayan", "shipping"],
        ["ruiyuan", "technology"],  # neither side Chinese: read as a respelling, as before
    ]


def test_a_last_word_cut_at_an_erp_field_length_is_read_as_the_list_word_it_begins():
    pairs = pl.DataFrame(
        {
            "q_key": ["zhejiang huayou cobalt industr", "zhejiang huayou cobalt indust"],
            "q_tokens": [
                ["zhejiang", "huayou", "cobalt", "industr"],
                ["zhejiang", "huayou", "cobalt", "indust"],
            ],
            "q_script": ["latin", "latin"],
            "e_tokens": [["zhejiang", "huayou", "cobalt", "industrial"]] * 2,
            # 30 characters (a field length) and 29 (an abbreviation of the supplier's own)
            "supplier_name": ["ZHEJIANG HUAYOU COBALT INDUSTR", "Zhejiang Huayou Cobalt Indust"],
        }
    )
    read = read_as_listed(pairs)
    assert read["q_key"].to_list() == ["zhejiang huayou cobalt industrial", "zhejiang huayou cobalt indust"]
    assert read[NOTE].to_list() == [
        "; 'industr' read as the list's 'industrial' (the name was cut short at its field length)",
        None,
    ]


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
