"""The training pairs get the features the engine scores: the supplier's words rewritten the same way (a word read
in the list's spelling, places and branches set aside) before the features are computed. A model fitted on
features the engine never shows it scores names it was not trained on."""

from __future__ import annotations

import importlib.util

import polars as pl
from polars.testing import assert_frame_equal

from screener import schema as s
from screener.match import build_index
from screener.match.engine import as_compared, candidate_frame, normalise_suppliers, score_pairs
from screener.match.features import FEATURE_NAMES

from .conftest import ROOT, entries_frame

ENTRIES = entries_frame(
    [
        ("e1", "PETROPARS INTERNATIONAL FZE", False, "AE"),
        ("e2", "PETROCHEMICAL COMMERCIAL COMPANY FZE", False, "AE"),
        ("e4", "Sakhatrans LLC", False, "RU"),
    ]
)


def _build_match_training():
    spec = importlib.util.spec_from_file_location(
        "build_match_training", ROOT / "scripts/build_match_training.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_training_pairs_have_the_features_the_engine_scores():
    index = build_index(ENTRIES)
    names = ["Petropars International FZE (Jebel Ali)", "Sahatrans LLC", "Sakhatrans LLC, Nicosia Branch"]
    queries = pl.DataFrame(
        {
            "query_id": [1, 2, 3],
            s.NAME: names,
            s.COUNTRY_CODE: ["AE", "RU", "RU"],
            "case_type": ["place", "respelled", "branch"],
            "cluster": ["e1", "e4", "e4"],
            "masked_rows": [[], [], []],
        },
        schema_overrides={"masked_rows": pl.List(pl.UInt32)},
    )
    clusters = {e: e for e in ENTRIES[s.ENTITY_ID].to_list()}
    training = _build_match_training().label_pairs(queries, index, clusters, k=4)

    suppliers = queries.select(pl.col("query_id").alias(s.ROW_ID), s.NAME, s.COUNTRY_CODE)
    engine = score_pairs(as_compared(candidate_frame(normalise_suppliers(suppliers), index, 4)), index)
    columns = [f"f_{name}" for name in FEATURE_NAMES]
    key = ["query_id", s.ENTITY_ID]
    assert_frame_equal(
        training.select(*key, *columns).sort(key),
        engine.rename({s.ROW_ID: "query_id"}).select(*key, *columns).sort(key),
    )
    # The rewrite did something here: each supplier is compared with its own entity's name as the list writes it
    # (Jebel Ali and the Nicosia branch set aside, Sahatrans read as Sakhatrans); unrewritten, none is that name.
    own = training.filter(pl.col("label") == 1).sort("query_id")
    assert own["query_id"].to_list() == [1, 2, 3]
    assert own["f_name_ratio"].to_list() == [1.0, 1.0, 1.0]
    raw = score_pairs(candidate_frame(normalise_suppliers(suppliers), index, 4), index)
    expected = pl.DataFrame({s.ROW_ID: [1, 2, 3], s.ENTITY_ID: ["e1", "e4", "e4"]})
    raw_own = raw.join(expected, on=[s.ROW_ID, s.ENTITY_ID]).sort(s.ROW_ID)
    assert raw_own[s.ROW_ID].to_list() == [1, 2, 3]
    assert all(ratio < 1.0 for ratio in raw_own["f_name_ratio"].to_list())
