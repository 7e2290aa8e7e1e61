"""The training generator's ERP cut: it lands at a field length, and a cut that leaves nothing distinctive is no
positive (labelling it one teaches the classifier that generic words alone make a match)."""

from __future__ import annotations

import random

import pytest

from bench import match_data as md


@pytest.mark.parametrize(
    ("name", "width", "kept"),
    [
        ("PUBLICHNOE AKTSIONERNOE OBSCHESTVO SBERBANK ROSSII", 35, False),  # only legal-form words left
        ("St. Petersburg Limited Liability Company Krylov", 35, False),  # a place and a legal form
        (
            "Shanghai International Trading Company Limited Huafu",
            40,
            False,
        ),  # place, generic words, legal form
        ("LIMITED LIABILITY COMPANY HUAFUTEX", 29, False),  # 'HUA' of Huafutex: a piece too short to name it
        ("LIMITED LIABILITY COMPANY HUAFUTEX", 30, True),  # 'HUAF' still names it
        ("Xinjiang Daqo New Energy Company Limited", 30, True),  # Daqo survives
        ("Hefei Baolongda Information Technology Co., Ltd.", 30, True),
    ],
)
def test_a_cut_must_keep_a_distinctive_word(name, width, kept):
    assert md.cut_keeps_distinctive_word(name, width) is kept


def test_a_cut_lands_at_an_erp_field_length_or_not_at_all():
    rng = random.Random(3)
    name = "PUBLICHNOE AKTSIONERNOE OBSCHESTVO SBERBANK ROSSII"  # 50 characters: cut at 30, 35 or 40
    cuts = {md.truncate_field(name, rng) for _ in range(60)}
    # 30 and 35 leave only the legal form; 40 keeps 'SBERB', a piece of the bank's name.
    assert {cut.upper() for cut in cuts if cut} == {"PUBLICHNOE AKTSIONERNOE OBSCHESTVO SBERB"}
    assert None in cuts


def test_combined_damage_leaves_a_name_uncut_when_the_cut_would_empty_it():
    rng = random.Random(11)
    name = "St. Petersburg Limited Liability Company Krylov"
    for _ in range(200):
        variant = md.corrupt(name, "combined", rng)
        if variant:  # whatever else was done to it, Krylov (perhaps misspelt or spaced) is still there
            assert md._distinctive_tokens(variant), variant


def test_training_places_include_places_the_gazetteer_does_not_know(monkeypatch):
    # The lists' own addresses name places the qualifier gazetteer lacks (Kish Island, Esfahan, Eschborn); a
    # share of the places added to training names are such places, so the classifier does not learn that any
    # word beside a list name other than a gazetteer place means another company.
    from screener.match.features import place_words

    places = md._address_places()
    assert {"Esfahan", "Ardakan"} <= set(places["IR"]) and "Eschborn" in places["DE"]
    assert all(place_words().isdisjoint(md._fold(place).split()) for place in places[""])
    rng = random.Random(5)
    monkeypatch.setattr(md, "UNKNOWN_PLACE_SHARE", 0.0)
    assert all(md._city(rng, "IR").title() not in places[""] for _ in range(50))
    monkeypatch.setattr(md, "UNKNOWN_PLACE_SHARE", 0.5)
    drawn = [md._city(rng, "IR").title() for _ in range(200)]
    assert 60 < sum(city in places[""] for city in drawn) < 140
