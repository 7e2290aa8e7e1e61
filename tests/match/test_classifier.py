"""The match model artefact: loads safely, refuses a model built for other features, gives calibrated output."""

from __future__ import annotations

import json
import shutil

import numpy as np
import polars as pl
import pytest

from screener.errors import ModelError
from screener.match.classifier import META_FILE, MODEL_FILE, bundled_model_dir, load_model
from screener.match.features import FEATURE_NAMES


def test_bundled_model_loads_with_the_code_feature_list():
    model = load_model()
    assert model.feature_names == FEATURE_NAMES
    assert model.meta["feature_names"] == list(FEATURE_NAMES)
    assert "holdout_metrics" in model.meta and "versions" in model.meta


def test_probabilities_are_between_zero_and_one_and_rise_with_similarity():
    model = load_model()
    low = {f"f_{n}": 0.0 for n in FEATURE_NAMES}
    high = {f"f_{n}": 1.0 for n in FEATURE_NAMES}
    for name in (
        "rarest_unmatched_word",
        "rarest_unmatched_non_place_word",
        "rarest_unaligned_word",
        "number_mismatch",
        "is_alias",
    ):
        high[f"f_{name}"] = 0.0
    high["f_non_latin_supplier"] = 0.0
    probability = model.probability(pl.DataFrame([low, high]))
    assert ((probability >= 0) & (probability <= 1)).all()
    assert probability[1] > 0.9 > 0.1 > probability[0]


def _copy_model(tmp_path):
    folder = tmp_path / "matcher"
    shutil.copytree(bundled_model_dir(), folder)
    return folder


def test_refuses_a_model_trained_on_other_features(tmp_path):
    folder = _copy_model(tmp_path)
    meta = json.loads((folder / META_FILE).read_text())
    meta["feature_names"] = meta["feature_names"][:-1] + ["f_shoe_size"]
    (folder / META_FILE).write_text(json.dumps(meta))
    with pytest.raises(ModelError, match=r"other features.*missing: acronym_match.*unknown: f_shoe_size"):
        load_model(folder)


def test_refuses_a_model_whose_feature_order_differs(tmp_path):
    folder = _copy_model(tmp_path)
    meta = json.loads((folder / META_FILE).read_text())
    meta["feature_names"] = list(reversed(meta["feature_names"]))
    (folder / META_FILE).write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="different order"):
        load_model(folder)


def test_missing_or_broken_files_are_model_errors(tmp_path):
    with pytest.raises(ModelError, match="metadata not found"):
        load_model(tmp_path)
    folder = _copy_model(tmp_path)
    (folder / MODEL_FILE).write_bytes(b"not a zip file")
    with pytest.raises(ModelError, match="cannot load match model"):
        load_model(folder)


def test_model_card_states_data_and_holdout_results():
    card = (bundled_model_dir() / "MODEL_CARD.md").read_text(encoding="utf-8")
    for heading in ("## Training data", "## Features", "## Holdout results", "## Calibration"):
        assert heading in card
    assert all(f"`f_{name}`" in card for name in FEATURE_NAMES)
    assert np.isfinite(load_model().meta["holdout_metrics"]["roc_auc"])
