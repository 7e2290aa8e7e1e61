"""Hits resting only on common words: the backgrounds of common words and the verdict for a pair."""

from __future__ import annotations

import polars as pl
import pytest

from screener.match import MatchSettings, build_index, match_suppliers
from screener.match.features import TokenWeights, aligned_word_pairs
from screener.match.generic import (
    DROPPED,
    HELD,
    Background,
    Verdict,
    _Common,
    generic_words,
    judge_pair,
    supplier_background,
)
from screener.normalize.names import normalize_name

from .conftest import entries_frame, suppliers_frame


def test_supplier_background_counts_each_word_once_per_distinct_name():
    names = pl.Series(["Boyle Chemicals PLC", "Boyle Chemicals PLC", "Boyle-Ray Ltd", "Nolan Ltd", None])
    background = supplier_background(names)
    assert background.names == 3
    assert background.counts["boyle"] == 2
    assert background.counts["ltd"] == 2
    assert background.counts["chemicals"] == 1


def test_a_word_is_common_in_the_screened_file_from_ten_names_and_a_ten_thousandth_of_them():
    assert Background({"boyle": 10}, 50).is_common("boyle")
    assert not Background({"boyle": 9}, 50).is_common("boyle")
    assert not Background({"boyle": 11}, 200_000).is_common("boyle")  # 20 needed among 200,000 names
    assert Background({"chemicals": 12}, 100).is_common("chemical")  # the plural as written counts
    assert not Background({}, 0).is_common("boyle")


def test_generic_words_hold_the_shipped_table_normalised_and_the_places():
    words = generic_words()
    assert {"handels", "deutschland", "pacific", "steel", "trading", "biotechnology"} <= words
    assert "xinjiang" in words  # a place word
    assert "daqo" not in words


def _row(supplier: str, listed: str, q_country=None, e_country=None) -> dict:
    q, e = normalize_name(supplier), normalize_name(listed)
    return {
        "q_key": q.key,
        "e_key": e.key,
        "q_tokens": list(q.tokens),
        "e_tokens": list(e.tokens),
        "q_country": q_country,
        "e_country": e_country,
        "q_legal": q.legal_form,
        "e_legal": e.legal_form,
    }


@pytest.fixture
def common() -> _Common:
    # List weights from a few names (each word of them used once: none is common in the list) and a screened file
    # where "boyle" is a frequent family name.
    weights = TokenWeights.from_frequencies({"xinghua": 1, "daqo": 1}, 1_000)
    judge = _Common(weights, Background({"boyle": 40}, 1_000))
    return judge


@pytest.mark.parametrize(
    ("supplier", "listed", "q_country", "e_country", "action"),
    [
        # Only common words shared: held when one name has a word of its own, dropped when both do or when the
        # countries differ.
        (
            "Daqo Handels GmbH",
            "Intercontinental Baumaschinen und Nutzfahrzeuge Handels GmbH",
            "DE",
            "DE",
            DROPPED,
        ),
        ("Dhaka Steel Pacific LLC", "PACIFIC STEEL FZE", "BD", "AE", DROPPED),
        # The listed name itself, made of common words, under another country: held for a reviewer.
        (
            "Myanmar Chemical and Machinery Company Limited",
            "MYANMAR CHEMICAL AND MACHINERY COMPANY LIMITED",
            "BD",
            "MM",
            HELD,
        ),
        ("Xinjiang Trading Co., Ltd.", "Zhejiang Weixin Trading Co., Ltd.", "CN", "CN", DROPPED),
        ("Xinjiang Daqo Trading Co", "Xinjiang Trading Co", "CN", "CN", HELD),
        # Another pinyin name more than one slip away is another company: dropped. One slip away it may be a
        # typo: held, not matched.
        ("Jinan Huafang Trading Co. Ltd", "Jinan Haifang Trading Co., Ltd.", "CN", "CN", DROPPED),
        ("Dongguan Yashen Trading Co., Ltd.", "Dongguan Yasheng Trading Co., Ltd.", "CN", "CN", HELD),
        ("Foshan Yashen International Trade Co Ltd", "Yasheng International Trade", "CN", "CN", HELD),
        # A short word with another first letter is another word, not a slip: only 'alpha' (common) is shared,
        # and the countries differ.
        ("Alpha Knit Ltd", "ALPHA UNIT", "BD", "BY", DROPPED),
        # The brand misspelt as the pair features align it (two letters swapped, one mistyped; the first kept) is
        # the shared distinctive word.
        ("LBIETTY SHIPPING CO LTD", "LIBERTY SHIPPING CO LTD", "CN", "CN", None),
        ("FOZfor Trading", "FOZ FOR TRADING", "SY", "SY", None),
        # Two slips in a word of 6+ letters, its first letter kept, are one word misspelt twice; another word
        # (three slips) or two pinyin names of other syllables are not.
        ("Golssen Star Trading LLC", "GOLDEN STAR TRADING LLC", "SY", "SY", None),
        ("Dv Kjrtis LLC", "KHARTIS DV LLC", "RU", "RU", None),
        ("Golkar Star Trading LLC", "GOLDEN STAR TRADING LLC", "SY", "SY", HELD),
        ("Hongfeng Textile Co", "HONGSHENG TEXTILE CO", "CN", "CN", DROPPED),
        # Another country, and the supplier's name begins with a city of its own country: held. A city after the
        # name, or a branch named, is the listed company's site abroad: left to the model.
        ("Jiangmen Yusong Shipping Group Co Ltd", "YUSONG SHIPPING CO", "CN", "KP", HELD),
        ("Yusong Shipping Co, Jiangmen", "YUSONG SHIPPING CO", "CN", "KP", None),
        ("Jiangmen Yusong Shipping Co Branch", "YUSONG SHIPPING CO", "CN", "KP", None),
        ("Jiangmen Yusong Shipping Group Co Ltd", "YUSONG SHIPPING CO", "CN", "CN", None),
        # ... or names its own country: a national company, not the listed one.
        ("Cubanacan U.K. Limited", "CUBANACAN", "GB", "CU", HELD),
        ("Cubanacan U.K. Limited", "CUBANACAN", "CU", "CU", None),
        ("Daqo Deutschland GmbH", "Xinjiang Daqo New Energy Co., Ltd.", "DE", "CN", HELD),
        # Both names carry numbers, and they differ: two vessels or plants (Roman numerals too).
        ("Bicentenario II", "BICENTENARIO XII", "VE", "VE", HELD),
        ("Daqo Plant 2", "Daqo Plant 12", "CN", "CN", HELD),
        ("Bicentenario XII", "BICENTENARIO XII", "VE", "VE", None),
        ("Agusta Grand I LLC", "AGUSTA GRAND LLC", "US", "US", None),  # a number on one side only
        # The list name's initials are its own words; a one-word list name that is a common word (a given name,
        # a place) beside other words of the supplier's is no evidence.
        ("Yantai Daxing Semiconductor Co., Ltd.", "C&I SEMICONDUCTOR CO LTD", "CN", "CN", DROPPED),
        ("JSC CB'is BANK'", "JSC CB 'IS BANK'", "RU", "RU", HELD),  # the initials written together
        ("Ana Wise Steel Limited", "ANA", "US", None, DROPPED),
        ("Xinghua (Tianjin) Co Ltd", "XINGHUA", "CN", "CN", None),
        ("Tianjin Xinghua Plastic Products Co. Ltd", "XINGHUA CO. LTD.", "CN", "CN", DROPPED),
        # A family name frequent among the user's own suppliers is not distinctive.
        ("Boyle Chemicals PLC", "BOYLE CHEMICAL CO., LTD.", "US", "CN", DROPPED),
        # One brand, two industries: sister companies.
        ("Changsha Xuanda Electronics Holdings Limited", "Xuanda Food", "CN", "CN", HELD),
        # A one-word list name beside another distinctive word.
        ("ООО Авиасервис Плюс", "OOO AVIASERVIS", "RU", "RU", HELD),
        ("Camel", "Camel Group Co., Ltd.", "CN", "CN", HELD),
        # ... but not for a legal form left inside the list name.
        ("LLC Tekhnopol Company", "LLC COMPANY TEKHNOPOL", "RU", "RU", None),
        # A distinctive word of the list name with 3 letters or more in a row changed is another word (a sister
        # company's), not a typing slip: held. One or two letters changed, swapped or dropped are a slip.
        ("Wuhan Yuancheng Gongchuapra Technology", "WUHAN YUANCHENG GONGCHUANG TECHNOLOGY", "CN", "CN", HELD),
        ("Wuhan Yuancheng Gonchguang Technology", "WUHAN YUANCHENG GONGCHUANG TECHNOLOGY", "CN", "CN", None),
        ("Wuhan Yuancheng Gongchuan Technology", "WUHAN YUANCHENG GONGCHUANG TECHNOLOGY", "CN", "CN", None),
        # Distinctive words shared (a typo counts): nothing to do.
        ("Xinjiang Daqo New Energy Co Ltd", "Xinjiang Daqo New Energy Co., Ltd.", "CN", "CN", None),
        ("Xinjiang Dago New Energy Co Ltd", "Xinjiang Daqo New Energy Co., Ltd.", "CN", "CN", None),
        ("Daqo New Energy (Xinjiang)", "Xinjiang Daqo New Energy Co., Ltd.", None, "CN", None),
        # The same name in the same or an unknown country is its own evidence, even of common words only.
        ("Xinghua Co Ltd", "XINGHUA CO. LTD.", "CN", "CN", None),
        ("Pacific Steel FZE", "PACIFIC STEEL FZE", None, "AE", None),
        # ... but a one-word list name that is a common word (a letter's name, a planet's) needs more than that
        # word: a country on both sides, or the same legal form; under another country it is held, or dropped
        # when the legal forms differ too.
        ("Eta Oy", "ETA", "FI", None, HELD),
        ("Eta", "ETA", None, None, HELD),
        ("Eta Oy", "ETA", "FI", "FI", None),
        ("Denise Company", "DENISE COMPANY", None, "US", None),
        ("11420 Corp", "11420 CORP.", None, "US", None),  # a number is no common word
        ("Neptun GmbH", "NEPTUN", "GB", "RU", HELD),
        ("Neptun LLC", "NEPTUN", "RU", "RU", None),
        (
            "Gamma Inc",
            "FEDERAL STATE UNITARY ENTERPRISE SCIENTIFIC AND PRODUCTION ENTERPRISE GAMMA",
            "US",
            "RU",
            DROPPED,
        ),
        # Only business words shared, and each name has a common word that names it (a family name frequent
        # among the user's suppliers, initials): held; the supplier's name having none of its own, left alone.
        (
            "YM HAVACILIK AŞ",
            "BOYLE HAVACILIK ITHALAT IHRACAT SANAYI VE TICARET ANONIM SIRKETI",
            "TR",
            "TR",
            HELD,
        ),
        ("Havacilik Sanayi AS", "BOYLE HAVACILIK SANAYI", "TR", "TR", None),
    ],
)
def test_judge_pair(common, supplier, listed, q_country, e_country, action):
    row = _row(supplier, listed, q_country, e_country)
    common.prepare(set(row["q_tokens"]) | set(row["e_tokens"]))
    verdict = judge_pair(row, common)
    assert verdict.action == action, verdict.reason
    assert bool(verdict.reason) == (action is not None)


@pytest.mark.parametrize(
    ("supplier", "entity", "action"),
    [
        # The alias names no industry; its entity's name does, another than the supplier's.
        (
            "DONGGUAN MINGSHENG OPTOELECTRONICS CO LIMITED",
            "JINHU MINSHENG PHARMACEUTICAL MACHINERY CO. LTD",
            HELD,
        ),
        (
            "Mingsheng Pharmaceutical Machinery Co Ltd",
            "JINHU MINSHENG PHARMACEUTICAL MACHINERY CO. LTD",
            None,
        ),
        ("DONGGUAN MINGSHENG OPTOELECTRONICS CO LIMITED", None, None),  # no entity name to judge by
    ],
)
def test_an_alias_naming_no_industry_is_judged_with_its_entity_name(common, supplier, entity, action):
    row = _row(supplier, "MINGSHENG PM", "CN", "CN")
    row["entity_tokens"] = list(normalize_name(entity).tokens) if entity else None
    common.prepare(set(row["q_tokens"]) | set(row["e_tokens"]))
    verdict = judge_pair(row, common)
    assert verdict.action == action, verdict.reason
    if action:
        assert verdict.reason == (
            "the names share 'mingsheng' but name other industries ('optoelectronics' / 'machinery' of the "
            "listed entity's name)"
        )


def test_a_replaced_part_of_a_word_is_said_in_the_reason(common):
    row = _row("Editora Hulsparencia S.A.", "EDITORA TRANSPARENCIA S.A.", "PE", "PE")
    common.prepare(set(row["q_tokens"]) | set(row["e_tokens"]))
    verdict = judge_pair(row, common)
    assert verdict == Verdict(
        HELD, "the supplier's 'hulsparencia' is not the list's 'transparencia' ('hul' for 'tran' differs)"
    )


def test_aligned_word_pairs_are_typing_slips_and_cuts_with_the_first_letter_kept():
    pairs = [
        ("lbietty", "liberty", True),  # two letters swapped and one mistyped, apart
        ("chmical", "chemical", True),
        ("bus", "business", True),  # cut short
        ("knit", "unit", False),  # another first letter
        ("fasheng", "yasheng", False),
        ("hongfeng", "hongsheng", False),  # a syllable replaced: two edits side by side
    ]
    aligned = aligned_word_pairs([a for a, _, _ in pairs], [b for _, b, _ in pairs])
    assert aligned.tolist() == [expected for _, _, expected in pairs]
    assert aligned_word_pairs([], []).tolist() == []


def test_a_held_hit_says_why_and_keeps_the_model_probability_in_the_explanation(bundled_index):
    # 'Boye' is one letter short of the listed brand 'Boyle' (a typing slip to the model: 0.58 against BOYLE
    # CHEMICAL CO., LTD., 0.98 against its alias SHANGHAI BOYLE CHEMICAL CO., LTD.), but it is no list word, so
    # the only words the names share are common ones: held at review, for a person to look at; both names are
    # held at the same probability, so the primary name is shown.
    suppliers = suppliers_frame(["Shanghai Boye Chemical Co Ltd"], ["CN"])
    matches = match_suppliers(suppliers, bundled_index, MatchSettings()).head(1)
    assert matches["matched_name"].to_list() == ["BOYLE CHEMICAL CO., LTD."]
    assert matches["band"].to_list() == ["review"]
    assert matches["probability"][0] == pytest.approx(
        MatchSettings().match_threshold - 0.001
    )  # just under it
    explanation = matches["explanation"][0]
    assert (
        "held at review: the names share only common words ('chemical'); 'boye' is not in the other name"
        in explanation
    )
    assert "(model probability 0.581)" in explanation  # the model alone would put it in the match band
    # The sentence before agrees with the check: the shared words are not called distinctive.
    assert "distinctive" not in explanation


def test_a_dropped_hit_is_not_reported():
    index = build_index(entries_frame([("e1", "PACIFIC STEEL FZE", False, "AE")]))
    matches = match_suppliers(suppliers_frame(["Dhaka Steel Pacific LLC"], ["BD"]), index, MatchSettings())
    assert matches.height == 0


def test_held_hits_of_one_common_word_say_why():
    index = build_index(
        entries_frame(
            [
                ("e1", "EUZKADI TA ASKATASUNA", False, None),
                ("e1", "ETA", True, None),
                ("e2", "NEPTUN", False, "RU"),
            ]
        )
    )
    suppliers = suppliers_frame(["Eta Oy", "Neptun GmbH"], ["FI", "GB"])
    matches = match_suppliers(suppliers, index, MatchSettings()).sort("row_id")
    assert matches["band"].to_list() == ["review", "review"]
    eta, neptun = matches["explanation"].to_list()
    assert (
        "held at review: the list name is one common word ('eta') and neither a country (the list entry gives "
        "none) nor a legal form confirms it (model probability" in eta
    )
    assert (
        "held at review: the names are the same but made only of common words ('neptun'), and the countries "
        "differ" in neptun
    )


def test_an_alias_of_one_brand_in_another_industry_is_held_against_the_bundled_lists(bundled_index):
    # MINGSHENG PM is an alias of JINHU MINSHENG PHARMACEUTICAL MACHINERY CO. LTD: the supplier shares the brand
    # but names another industry (the shared 100k workbook's match-band false hit at the model's 0.472 step).
    suppliers = suppliers_frame(["DONGGUAN MINGSHENG OPTOELECTRONICS CO LIMITED"], ["CN"])
    matches = match_suppliers(suppliers, bundled_index, MatchSettings())
    held = matches.filter(pl.col("matched_name") == "MINGSHENG PM").row(0, named=True)
    assert held["band"] == "review"
    assert (
        "held at review: the names share 'mingsheng' but name other industries ('optoelectronics' / "
        "'machinery' of the listed entity's name)" in held["explanation"]
    )
