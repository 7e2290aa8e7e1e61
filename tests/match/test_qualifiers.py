"""Places and branches a supplier adds to a list name are set aside before the pair is scored."""

from __future__ import annotations

import polars as pl

from screener.match import MatchSettings, build_index, match_suppliers
from screener.match.native import NOTE, WITH_QUALIFIERS
from screener.match.qualifiers import set_qualifiers_aside

from .conftest import entries_frame, suppliers_frame


def _pairs(rows: list[tuple[str, list[str], list[str], str | None, str | None]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "supplier_name": [row[0] for row in rows],
            "q_key": [" ".join(row[1]) for row in rows],
            "q_tokens": [row[1] for row in rows],
            "e_tokens": [row[2] for row in rows],
            "q_country": [row[3] for row in rows],
            "e_country": [row[4] for row in rows],
        },
        schema_overrides={"q_country": pl.String, "e_country": pl.String},
    )


def test_a_list_name_held_whole_is_compared_without_the_suppliers_places_and_branches():
    read = set_qualifiers_aside(
        _pairs(
            [
                (
                    "Ninestar Corporation Zhuhai Plant",
                    ["ninestar", "corporation", "zhuhai", "plant"],
                    ["ninestar"],
                    "CN",
                    "CN",
                ),
                (
                    "St. Petersburg Stroytransgaz",
                    ["st", "petersburg", "stroytransgaz"],
                    ["stroytransgaz"],
                    "RU",
                    "RU",
                ),
                # another country: only a named branch says it is the same company
                (
                    "Sakhatrans Limited, Nicosia Branch",
                    ["sakhatrans", "limited", "nicosia", "branch"],
                    ["sakhatrans"],
                    "CY",
                    "RU",
                ),
                ("Sakhatrans Nicosia", ["sakhatrans", "nicosia"], ["sakhatrans"], "CY", "RU"),
                # what is left names nobody in particular
                ("Moscow Trading House", ["moscow", "trading", "house"], ["trading", "house"], "RU", "RU"),
                # the list name has a word of its own: not a qualifier difference
                (
                    "Zhuhai Ninestar Plant",
                    ["zhuhai", "ninestar", "plant"],
                    ["ninestar", "management"],
                    "CN",
                    "CN",
                ),
            ]
        )
    )
    assert read["q_key"].to_list() == [
        "ninestar",
        "stroytransgaz",
        "sakhatrans",
        "sakhatrans nicosia",
        "moscow trading house",
        "zhuhai ninestar plant",
    ]
    assert read[WITH_QUALIFIERS].to_list()[:3] == [
        ["ninestar", "corporation", "zhuhai", "plant"],
        ["st", "petersburg", "stroytransgaz"],
        ["sakhatrans", "limited", "nicosia", "branch"],
    ]
    assert read[WITH_QUALIFIERS].to_list()[3:] == [None, None, None]
    assert read[NOTE].to_list() == [
        "; place 'Zhuhai Plant' set aside (the list name holds the rest whole)",
        "; place 'St. Petersburg' set aside (the list name holds the rest whole)",
        "; branch 'Nicosia Branch' set aside (the list name holds the rest whole)",
        None,
        None,
        None,
    ]


def test_the_explanation_names_what_was_set_aside():
    index = build_index(
        entries_frame(
            [
                ("ninestar", "Ninestar Corporation", False, "CN"),
                ("arta", "ARTA SHIPPING ENTERPRISES LIMITED", False, "CY"),
            ]
        )
    )
    suppliers = suppliers_frame(
        ["Ninestar Corporation Zhuhai Plant", "Arta Shipping Enterprises Limited, Nicosia Branch"],
        ["CN", "CY"],
    )
    best = match_suppliers(suppliers, index, MatchSettings()).sort("row_id")
    assert best.select("row_id", "entity_id", "band").rows() == [
        (1, "ninestar", "match"),
        (2, "arta", "match"),
    ]
    explanations = best["explanation"].to_list()
    assert "place 'Zhuhai Plant' set aside (the list name holds the rest whole)" in explanations[0]
    assert "branch 'Nicosia Branch' set aside" in explanations[1]


def test_the_name_without_its_places_is_looked_up_only_when_something_distinctive_is_left():
    from screener.match.qualifiers import names_without_qualifiers

    tokens = pl.Series(
        [
            ["sberbank", "nicosia", "branch"],
            ["ninestar", "zhuhai", "plant"],
            ["moscow", "trading", "house"],  # only generic words left
            ["ab", "zhuhai", "12"],  # only a short word and a number left
            ["ninestar", "corporation"],  # no place
            ["zhuhai"],
            [],
            None,
        ],
        dtype=pl.List(pl.String),
    )
    assert names_without_qualifiers(tokens).to_list() == [
        "sberbank",
        "ninestar",
        None,
        None,
        None,
        None,
        None,
        None,
    ]


def test_a_place_of_several_words_is_set_aside_whole_and_its_short_word_alone_is_not():
    # 'Ali' (a common given name, three letters) is no place alone; 'Jebel Ali', the whole GeoNames name, is.
    read = set_qualifiers_aside(
        _pairs(
            [
                (
                    "Petropars International FZE (Jebel Ali)",
                    ["petropars", "international", "jebel", "ali"],
                    ["petropars", "international"],
                    "AE",
                    "AE",
                ),
                (
                    "Petropars International FZE Ali",
                    ["petropars", "international", "ali"],
                    ["petropars", "international"],
                    "AE",
                    "AE",
                ),
                (
                    "Petropars International Ali Jebel",
                    ["petropars", "international", "ali", "jebel"],
                    ["petropars", "international"],
                    "AE",
                    "AE",
                ),
            ]
        )
    )
    assert read["q_key"].to_list() == [
        "petropars international",
        "petropars international ali",
        "petropars international ali jebel",
    ]
    assert read[NOTE].to_list() == [
        "; place 'Jebel Ali' set aside (the list name holds the rest whole)",
        None,
        None,
    ]
