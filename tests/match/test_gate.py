"""The scoring cascade (screener/match/gate.py): pairs a gate stops are not scored further and get probability
0.0; every other pair, and so every reported match, is what scoring all pairs in full gives."""

from __future__ import annotations

import csv
import dataclasses
import json
import shutil
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from screener import schema as s
from screener.data import file_sha256
from screener.match import MatchSettings, build_index, match_suppliers
from screener.match import engine as e
from screener.match.classifier import MODEL_FILE, bundled_model_dir, load_model, model_provenance
from screener.match.features import FEATURE_NAMES
from screener.match.gate import GATE_FILE, GATE_MODELS, GATED_PROBABILITY, load_gate

from .conftest import entries_frame, suppliers_frame

CASES_FILE = Path(__file__).resolve().parents[1] / "fixtures" / "match_cases.csv"
SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "suppliers.xlsx"


@pytest.fixture(scope="module")
def model():
    loaded = load_model()
    assert loaded.gate is not None, "the bundled model has no gates: run `python scripts/fit_gate.py`"
    return loaded


def _with_model(index, model):
    return dataclasses.replace(index, model=model)


def _scored(index, model, names, countries=None, *, gated=True):
    queries = e.normalise_suppliers(suppliers_frame(names, countries))
    pairs = e.candidate_frame(queries, index, 15)
    return e.score_pairs(pairs, _with_model(index, model), gated=gated)


def test_the_bundled_gates_belong_to_the_bundled_model(model):
    meta = json.loads((bundled_model_dir() / GATE_FILE).read_text(encoding="utf-8"))
    assert meta["model_sha256"] == file_sha256(bundled_model_dir() / MODEL_FILE), (
        "models/matcher/gate.json was fitted for another matcher.skops: run `python scripts/fit_gate.py`"
    )
    # The safety margin the card states: no fitted pair at or above 0.3 was stopped.
    assert meta["fitted_on"]["highest_probability_stopped"] < meta["safe_probability"] == 0.3
    assert [len(stage["features"]) for stage in meta["stages"]][-1] == len(FEATURE_NAMES)


def test_a_listed_name_as_an_erp_holds_it_passes_every_gate(bundled_index, model):
    scored = _scored(bundled_index, model, ["XINJIANG DAQO NEW ENERGY CO LT"], ["CN"])
    best = scored.sort(s.PROBABILITY, descending=True).row(0, named=True)
    assert "DAQO" in best[s.MATCHED_NAME].upper()
    assert best[s.PROBABILITY] >= 0.75
    assert all(best[f"f_{name}"] is not None for name in FEATURE_NAMES)


def test_a_plainly_different_pair_is_stopped_with_probability_zero(bundled_index, model):
    names = ["Bäckerei Müller Hofladen GmbH"]
    gated = _scored(bundled_index, model, names, ["DE"])
    full = _scored(bundled_index, model, names, ["DE"], gated=False)
    stopped = gated.filter(pl.col(s.PROBABILITY) == GATED_PROBABILITY)
    assert stopped.height > 0
    assert GATED_PROBABILITY == 0.0 < MatchSettings().review_threshold  # never reported
    # Most are stopped by the first gate: their word-table features were never computed; the cheap ones were.
    assert stopped["f_weighted_overlap"].null_count() > stopped.height / 2
    assert stopped["f_ngram_cosine"].null_count() == 0
    # ... and the full model puts every stopped pair far below the review band.
    on = ["entry_row"]
    both = stopped.select(on).join(full.select(*on, s.PROBABILITY), on=on)
    assert both.height == stopped.height
    assert both[s.PROBABILITY].max() < 0.3


def test_pairs_that_pass_get_the_full_features_and_probability(bundled_index, model):
    names = [
        "Hetian Taida Apparel Limited",
        "Ninestar Corp. Zhuhai Plant",
        "Acme Widgets Ltd",
        "OOO Sberbank",
    ]
    gated = _scored(bundled_index, model, names)
    full = _scored(bundled_index, model, names, gated=False)
    passed = gated.filter(pl.col(s.PROBABILITY) != GATED_PROBABILITY)
    assert 0 < passed.height < gated.height
    keys = [s.ROW_ID, "entry_row"]
    assert_frame_equal(passed, full.join(passed.select(keys), on=keys, how="semi"))


def _cases() -> list[dict]:
    return list(csv.DictReader(CASES_FILE.open(encoding="utf-8")))


def test_match_cases_give_the_same_matches_with_and_without_gates(model):
    cases = _cases()
    names = list(dict.fromkeys((c["list_name"], c["list_country"] or None) for c in cases))
    index = build_index(entries_frame([(f"case-{i}", n, False, c) for i, (n, c) in enumerate(names)]))
    suppliers = suppliers_frame(
        [c["supplier_name"] for c in cases], [c["supplier_country"] or None for c in cases]
    )
    gated = match_suppliers(suppliers, _with_model(index, model))
    full = match_suppliers(suppliers, _with_model(index, dataclasses.replace(model, gate=None)))
    assert gated.height > 100
    assert_frame_equal(gated, full)


def test_sample_workbook_gives_the_same_matches_against_the_bundled_lists(bundled_index, model):
    from screener.io import read_suppliers
    from screener.normalize.countries import add_country_codes

    suppliers = add_country_codes(read_suppliers([SAMPLE]).suppliers)
    cases = _cases()
    more = suppliers_frame(
        [c["supplier_name"] for c in cases], [c["supplier_country"] or None for c in cases]
    ).with_columns(pl.col(s.ROW_ID) + 100_000)
    suppliers = pl.concat([suppliers.select(more.columns), more])
    gated = match_suppliers(suppliers, _with_model(bundled_index, model))
    full = match_suppliers(suppliers, _with_model(bundled_index, dataclasses.replace(model, gate=None)))
    assert gated.height > 50
    assert_frame_equal(gated, full)


def test_gates_fitted_for_another_model_are_not_used(tmp_path):
    folder = tmp_path / "matcher"
    shutil.copytree(bundled_model_dir(), folder)
    assert load_gate(folder, file_sha256(folder / MODEL_FILE)) is not None
    meta = json.loads((folder / GATE_FILE).read_text(encoding="utf-8"))
    meta["model_sha256"] = "0" * 64  # as after a retraining that did not refit the gates
    (folder / GATE_FILE).write_text(json.dumps(meta), encoding="utf-8")
    assert load_model(folder).gate is None
    (folder / GATE_MODELS).unlink()
    assert load_gate(folder, file_sha256(folder / MODEL_FILE)) is None


def test_the_run_manifest_says_whether_the_gates_were_used(tmp_path):
    bundled = model_provenance()
    assert bundled["gate_used"] is True
    assert bundled["gate_sha256"] == file_sha256(bundled_model_dir() / GATE_MODELS)
    folder = tmp_path / "matcher"
    shutil.copytree(bundled_model_dir(), folder)
    meta = json.loads((folder / GATE_FILE).read_text(encoding="utf-8"))
    meta["model_sha256"] = "0" * 64
    (folder / GATE_FILE).write_text(json.dumps(meta), encoding="utf-8")
    assert model_provenance(folder)["gate_used"] is False
    (folder / GATE_MODELS).unlink()
    assert model_provenance(folder) | {"path": None} == bundled | {
        "path": None,
        "gate_sha256": None,
        "gate_used": False,
    }
