"""The gazetteer of qualifier cities and the branch phrases."""

from __future__ import annotations

from screener.match.features import place_words
from screener.normalize.places import branch_words, cities, city_words


def test_cities_are_the_large_ones_and_the_capitals_with_native_names():
    frame = cities()
    assert frame.height > 5_000
    assert (frame["population"] >= 100_000).mean() > 0.95  # and the capitals, some small (or of unknown size)
    nicosia = frame.filter(frame["name"] == "Nicosia").row(0, named=True)
    assert nicosia["country_code"] == "CY"
    moscow = frame.filter(frame["name"] == "Moscow").row(0, named=True)
    assert "Москва" in moscow["native_names"].split("|")


def test_city_words_are_places_but_not_ordinary_or_brand_words():
    words = city_words()
    assert {"nicosia", "guadalajara", "petersburg", "jebel", "tyumen", "juba", "abidjan"} <= words
    # Business words, pinyin syllables and words of many place names are no place by themselves.
    assert not {"company", "industry", "hong", "dong", "saint", "city", "union", "golden"} & words


def test_branch_words_in_the_main_languages():
    words = branch_words()
    assert {"branch", "filiale", "succursale", "sucursal", "filial", "representative", "office"} <= words
    # The pinyin syllables of 分公司 / 办事处 are brand syllables too.
    assert {"fen", "shi", "ban"}.isdisjoint(words)


def test_place_words_of_the_matcher_hold_cities_and_branches():
    words = place_words()
    assert {"nicosia", "branch", "sucursal", "xinjiang"} <= words
