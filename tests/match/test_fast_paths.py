"""The vectorised and threaded paths of the engine give exactly what the plain definitions give."""

from __future__ import annotations

import random

import numpy as np
import polars as pl
import pytest
from rapidfuzz import fuzz

from screener.match import candidates as cand
from screener.match import classifier as clf
from screener.match import features as f
from screener.match.explain import _plain

from .test_features import WEIGHTS


def _reference_overlap(q_tokens, e_tokens, weights: f.TokenWeights) -> dict[str, float]:
    """token_weight_table for one pair, written as plain set arithmetic."""
    known = dict(zip(weights.frame["token"].to_list(), weights.frame["weight"].to_list(), strict=True))
    q, e = set(q_tokens or ()), set(e_tokens or ())
    unseen = weights.unseen_weights(sorted((q | e) - set(known)))
    weight = {t: known.get(t, unseen.get(t)) for t in q | e}
    places = f.place_words()
    common, q_only, e_only = q & e, q - e, e - q

    def best(word, others):
        scores = [0.0]
        for other in others:
            score = float(np.float32(fuzz.ratio(word, other))) / 100.0  # rapidfuzz cpdist gives float32
            if (len(word) >= 3 and other.startswith(word)) or (len(other) >= 3 and word.startswith(other)):
                score = max(score, f.CUT_WORD_SIMILARITY)
            scores.append(score)
        return max(scores)

    rows = [(t, "q", best(t, e_only)) for t in q_only] + [(t, "e", best(t, q_only)) for t in e_only]
    credit = {"q": 0.0, "e": 0.0}
    unmatched = []
    for token, side, similarity in rows:
        matched = similarity >= f.FUZZY_WORD_MIN
        credit[side] += weight[token] * similarity if matched else 0.0
        unmatched.append((token, side, 0.0 if matched else weight[token]))
    place_sides = {side for token, side, value in unmatched if token in places and value > 0}
    return {
        "q": sum(weight[t] for t in q),
        "e": sum(weight[t] for t in e),
        "common": sum(weight[t] for t in common),
        "common_max": max((weight[t] for t in common), default=0.0),
        "only_max": max((weight[t] for t in q_only | e_only), default=0.0),
        "q_fuzzy": credit["q"],
        "e_fuzzy": credit["e"],
        "unmatched_max": max((v for _, _, v in unmatched), default=0.0),
        "non_place_max": max((v for t, _, v in unmatched if t not in places), default=0.0),
        "place_conflict": float(place_sides == {"q", "e"}),
    }


def _damaged(tokens: list[str], rng: random.Random) -> list[str]:
    words = list(tokens)
    if len(words) > 1 and rng.random() < 0.4:
        words.pop(rng.randrange(len(words)))
    if words and rng.random() < 0.5:
        i = rng.randrange(len(words))
        word = words[i]
        words[i] = word[: max(3, len(word) // 2)] if rng.random() < 0.5 else word[::-1]
    if rng.random() < 0.3:
        words += ["xinjiang", "trading", "limted"][: rng.randint(1, 3)]
    return words + words[:1] if rng.random() < 0.2 else words  # a repeated word counts once


def test_word_overlap_table_equals_the_plain_definition(bundled_index):
    rng = random.Random(7)
    names = bundled_index.entries["name_tokens"].to_list()
    rows = []
    for _ in range(300):
        listed = rng.choice(names)
        supplier = _damaged(listed, rng) if rng.random() < 0.7 else rng.choice(names)
        rows.append((supplier, listed))
    rows += [([], ["daqo"]), (None, ["daqo"]), (["daqo"], None), (None, None), (["hoshine"], ["hoshine"])]
    frame = pl.DataFrame(
        {"q_tokens": [q for q, _ in rows], "e_tokens": [e for _, e in rows]},
        schema={"q_tokens": pl.List(pl.String), "e_tokens": pl.List(pl.String)},
    )
    table = f.token_weight_table(frame, WEIGHTS)
    assert table["pair"].to_list() == list(range(len(rows)))
    assert all(dtype == pl.Float64 for dtype in table.dtypes)
    for i, (q_tokens, e_tokens) in enumerate(rows):
        expected = _reference_overlap(q_tokens, e_tokens, WEIGHTS)
        got = table.row(i, named=True)
        for column, value in expected.items():
            assert got[column] == pytest.approx(value, abs=1e-12), (q_tokens, e_tokens, column)


def test_word_overlap_table_of_no_pairs_is_empty():
    frame = pl.DataFrame(schema={"q_tokens": pl.List(pl.String), "e_tokens": pl.List(pl.String)})
    assert f.token_weight_table(frame, WEIGHTS).height == 0


def _numbers_reference(frame: pl.DataFrame) -> np.ndarray:
    numbers = frame.select(
        pl.col("q_key").str.extract_all(r"\d+").list.sort().alias("q"),
        pl.col("e_key").str.extract_all(r"\d+").list.sort().alias("e"),
    )
    both = (numbers["q"].list.len() > 0) & (numbers["e"].list.len() > 0)
    return (both & numbers.select((pl.col("q") != pl.col("e")).alias("d"))["d"]).cast(pl.Float64).to_numpy()


def test_number_and_acronym_features_skip_only_pairs_that_cannot_score():
    keys = [
        ("no 1 factory", "no 2 factory"),
        ("no 1 factory", "no 1 factory"),
        ("plant 7", "plant"),
        ("bnc", "banco nacional de cuba"),
        ("banco nacional de cuba", "bnc"),
        ("bnc", "bank of china"),
        (None, "plant 7"),
        ("", ""),
    ]
    frame = pl.DataFrame(
        {
            "q_key": [q for q, _ in keys],
            "e_key": [e for _, e in keys],
            "q_tokens": [q.split() if q is not None else None for q, _ in keys],
            "e_tokens": [e.split() if e is not None else None for _, e in keys],
        },
        schema_overrides={"q_key": pl.String, "e_key": pl.String},
    )
    pairs = f.Pairs(frame, WEIGHTS)
    np.testing.assert_array_equal(f.number_mismatch(pairs), _numbers_reference(frame))
    np.testing.assert_array_equal(f.number_mismatch(pairs)[:3], [1.0, 0.0, 0.0])
    np.testing.assert_array_equal(f.acronym_match(pairs)[3:6], [1.0, 1.0, 0.0])
    np.testing.assert_array_equal(f.acronym_match(pairs), f._acronym(frame))


def test_threaded_prediction_equals_one_call(monkeypatch):
    rng = np.random.default_rng(3)
    features = pl.DataFrame({f"f_{name}": rng.random(257) for name in f.FEATURE_NAMES})
    model = clf.load_model()
    monkeypatch.setattr(clf, "MIN_ROWS_PER_THREAD", 10**9)
    alone = model.probability(features)
    monkeypatch.setattr(clf, "MIN_ROWS_PER_THREAD", 50)
    monkeypatch.setattr(clf.os, "cpu_count", lambda: 4)
    np.testing.assert_array_equal(model.probability(features), alone)


def test_threaded_candidate_blocks_equal_one_thread(bundled_index, monkeypatch):
    entries = bundled_index.entries.head(1500)
    keys, tokens = entries["name_key"].fill_null("").to_list(), entries["name_tokens"].to_list()
    monkeypatch.setattr(cand, "BLOCK_ROWS", 100)
    monkeypatch.setattr(cand, "MAX_THREADS", 1)
    alone = cand.candidate_pairs(bundled_index.candidates, keys, tokens, 10)
    monkeypatch.setattr(cand, "MAX_THREADS", 4)
    monkeypatch.setattr(cand.os, "cpu_count", lambda: 4)
    threaded = cand.candidate_pairs(bundled_index.candidates, keys, tokens, 10)
    assert threaded.equals(alone)
    assert alone.height > 1500


def test_plain_text_splits_on_what_is_not_a_letter_or_digit():
    assert _plain("Shenzhen_A&B  Co.,Ltd") == "shenzhen a b co ltd"
    texts = ["STRAẞE Nº٣ 株式会社", "a\u00a0b\tc__d", ""] + [chr(c) + "x" + chr(c) for c in range(0x3000)]
    for text in texts:  # the definition: every character that is not str.isalnum() separates words
        words = "".join(c if c.isalnum() else " " for c in text.casefold()).split()
        assert _plain(text) == " ".join(words)


def test_chunk_scored_in_parallel_parts_equals_one_part(bundled_index, monkeypatch):
    from screener import schema as s
    from screener.match import MatchSettings, engine, match_suppliers

    rng = random.Random(11)
    names = bundled_index.entries["name"].to_list()
    picked = [rng.choice(names) for _ in range(700)]
    picked = [n if rng.random() < 0.5 else n.upper() + " Co" for n in picked] + picked[:50]  # with repeats
    suppliers = pl.DataFrame(
        {
            s.ROW_ID: list(range(1, len(picked) + 1)),
            s.NAME: picked,
            s.COUNTRY_CODE: [rng.choice(["CN", None]) for _ in picked],
        }
    )
    settings = MatchSettings()
    monkeypatch.setattr(cand, "BLOCK_ROWS", 128)  # the pairs' order depends on the block boundaries
    monkeypatch.setattr(engine, "CHUNK_SUPPLIERS", 512)  # two chunks: their parts share one pool of threads
    monkeypatch.setattr(engine, "PIPELINE_THREADS", 1)
    monkeypatch.setattr(engine, "PIPELINE_SUPPLIERS", 10**6)
    alone = match_suppliers(suppliers, bundled_index, settings)
    monkeypatch.setattr(engine, "PIPELINE_THREADS", 2)
    monkeypatch.setattr(engine, "PIPELINE_SUPPLIERS", 256)  # a multiple of the candidate block size
    monkeypatch.setattr(engine.os, "cpu_count", lambda: 2)
    parts = match_suppliers(suppliers, bundled_index, settings)
    assert parts.equals(alone)
    assert alone[s.ROW_ID].n_unique() > 300


def test_pairs_with_the_same_feature_inputs_are_scored_once_and_alike(bundled_index, monkeypatch):
    from screener import schema as s
    from screener.match import MatchSettings, engine

    names = bundled_index.entries["name"].head(40).to_list()
    spellings = [n for name in names for n in (name, name.upper(), name + ".", name.lower() + " ")]
    suppliers = pl.DataFrame(
        {
            s.ROW_ID: list(range(1, len(spellings) + 1)),
            s.NAME: spellings,
            s.COUNTRY_CODE: ["CN" if i % 8 < 4 else None for i in range(len(spellings))],
        }
    )
    pairs = engine.candidate_frame(
        engine.normalise_suppliers(suppliers), bundled_index, MatchSettings().max_candidates
    )
    shared = engine._same_features(pairs)
    assert shared is not None and shared["first"].len() < pairs.height / 2
    assert engine.repeated_queries(engine.normalise_suppliers(suppliers))
    once = engine.score_pairs(pairs, bundled_index)
    monkeypatch.setattr(engine, "_same_features", lambda pairs: None)
    assert once.equals(engine.score_pairs(pairs, bundled_index))


def test_distinct_suppliers_have_no_pairs_to_share(bundled_index):
    """repeated_queries answers for the suppliers what _same_features finds in their pairs: with every supplier
    different after normalisation no pair shares its features (so score_pairs need not look); one more spelling
    of a name (same normalised name, country and length class) and it must look."""
    from screener import schema as s
    from screener.match import MatchSettings, engine

    names = bundled_index.entries["name"].head(30).to_list()
    distinct = pl.DataFrame({s.ROW_ID: range(1, 31), s.NAME: names, s.COUNTRY_CODE: ["CN"] * 30})
    queries = engine.normalise_suppliers(distinct)
    pairs = engine.candidate_frame(queries, bundled_index, MatchSettings().max_candidates)
    assert not engine.repeated_queries(queries)
    assert engine._same_features(pairs) is None
    again = pl.concat(
        [distinct, pl.DataFrame({s.ROW_ID: [31], s.NAME: [names[0].upper()], s.COUNTRY_CODE: ["CN"]})]
    )
    assert engine.repeated_queries(engine.normalise_suppliers(again))


def test_shown_list_columns_gathered_after_scoring_give_the_same_matches(bundled_index, monkeypatch):
    """The match stage gathers the list columns no feature reads (names, ids, programme, links) only for the
    pairs kept after scoring: the sample workbook's matches are the frame gathering them for every candidate
    gives."""
    from pathlib import Path

    from polars.testing import assert_frame_equal

    from screener.indicators import load_rules
    from screener.io import read_suppliers
    from screener.match import engine, match_suppliers
    from screener.normalize.countries import add_country_codes

    suppliers = add_country_codes(
        read_suppliers([Path(__file__).resolve().parents[2] / "sample_data" / "suppliers.xlsx"]).suppliers
    )
    settings = load_rules(None).match_settings
    queries = engine.normalise_suppliers(suppliers.head(300))
    late = engine.with_shown_columns(
        engine.candidate_frame(queries, bundled_index, 10, shown=False), bundled_index
    )
    early = engine.candidate_frame(queries, bundled_index, 10)
    assert late.select(early.columns).equals(early)

    matches = match_suppliers(suppliers, bundled_index, settings)
    assert matches.filter(pl.col("band") == "match").height >= 10  # the sample's planted listed suppliers
    every_candidate = engine.candidate_frame
    monkeypatch.setattr(
        engine, "candidate_frame", lambda q, index, k, shown=True: every_candidate(q, index, k, shown=True)
    )
    monkeypatch.setattr(engine, "with_shown_columns", lambda pairs, index: pairs)
    assert_frame_equal(match_suppliers(suppliers, bundled_index, settings), matches)
