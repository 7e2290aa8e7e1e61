"""The supplier risk model: honest cross-validation, safe loading, calibrated probabilities, reasons in words."""

from __future__ import annotations

import json
import math
import pickle

import numpy as np
import polars as pl
import pytest
import skops.io as sio

from screener.errors import ModelError
from screener.risk import model as M
from screener.risk.card import render_card
from screener.risk.features import FEATURE_NAMES

FAST = {"max_iter": 100, "importance_repeats": 2, "folds": 3}


def synthetic_features(n: int, seed: int = 0, *, with_truth: bool = False):
    """Features in the ranges the pipeline produces, and outcomes that depend on a few of them plus noise."""
    rng = np.random.default_rng(seed)
    columns = {name: np.zeros(n) for name in FEATURE_NAMES}
    columns["list_prob_uflpa"] = np.where(rng.random(n) < 0.06, np.round(rng.uniform(0.7, 1, n), 2), 0.0)
    columns["tip_tier"] = rng.choice([1.0, 2.0, 2.5, 3.0], n)
    columns["dol_forced_labour"] = (rng.random(n) < 0.25).astype(float)
    columns["ilo_indicator_count"] = rng.choice([0.0, 0.0, 0.0, 1.0, 2.0], n)
    columns["worker_survey_score"] = np.where(rng.random(n) < 0.4, np.nan, np.round(rng.uniform(20, 100, n)))
    columns["audit_age_months"] = np.round(rng.uniform(0, 60, n))
    columns["grievance_mechanism"] = rng.choice([0.0, 1.0, np.nan], n)
    logit = (
        -3.2
        + 4 * columns["list_prob_uflpa"]
        + 0.8 * (columns["tip_tier"] - 1)
        + 1.2 * columns["dol_forced_labour"]
    )
    logit += 1.0 * columns["ilo_indicator_count"]
    labels = (rng.random(n) < 1 / (1 + np.exp(-(logit + rng.normal(0, 0.5, n))))).astype(int)
    frame = pl.DataFrame({"row_id": np.arange(1, n + 1), **columns})
    return (frame, labels, logit) if with_truth else (frame, labels)


@pytest.fixture(scope="module")
def trained():
    features, labels = synthetic_features(600)
    model = M.train(features, labels, seed=1, data={"file": "synthetic", "label_column": "outcome"}, **FAST)
    return model, features, labels


@pytest.fixture(scope="module")
def saved(trained, tmp_path_factory):
    folder = tmp_path_factory.mktemp("model")
    M.save_model(trained[0], folder, card=render_card(trained[0].metadata))
    return folder


def test_shuffled_labels_give_chance_auc():
    """No leakage: with labels unrelated to the features, out-of-fold AUC stays near a coin flip."""
    features, labels = synthetic_features(600, seed=2)
    shuffled = np.random.default_rng(3).permutation(labels).astype(float)
    with M._limited_threads():
        result = M.cross_validate(
            M.feature_matrix(features), shuffled, folds=3, max_iter=40, importance_repeats=0
        )
    assert abs(result["roc_auc"] - 0.5) < 0.08
    assert result["pr_auc"] < result["base_rate"] + 0.08


def test_real_signal_gives_auc_clearly_above_chance(trained):
    from sklearn.metrics import roc_auc_score

    _, labels, logit = synthetic_features(600, with_truth=True)
    oracle = roc_auc_score(labels, logit)  # what knowing the true odds (but not the noise) achieves
    cv = trained[0].metadata["cross_validation"]
    assert cv["roc_auc"] > 0.68 and cv["roc_auc"] > oracle - 0.1
    assert cv["pr_auc"] > cv["base_rate"] + 0.15
    assert cv["brier"] < cv["brier_base_rate"]


def test_metadata_records_data_metrics_calibration_importances_versions(trained):
    model, features, labels = trained
    meta = model.metadata
    assert meta["feature_names"] == list(FEATURE_NAMES)
    assert meta["data"]["rows_used"] == len(labels) and meta["data"]["positives"] == int(labels.sum())
    assert sum(b["suppliers"] for b in meta["cross_validation"]["calibration"]) == len(labels)
    assert sum(b["positives"] for b in meta["cross_validation"]["calibration"]) == int(labels.sum())
    top = [item["feature"] for item in meta["cross_validation"]["permutation_importance"][:4]]
    assert "tip_tier" in top and "list_prob_uflpa" in top
    assert {"scikit-learn", "numpy", "polars", "skops", "screener", "python"} <= set(meta["versions"])


def test_calibrated_probabilities_track_observed_rates(trained):
    calibration = trained[0].metadata["cross_validation"]["calibration"]
    low, high = calibration[0], calibration[-1]
    assert low["mean_predicted"] < 0.1 and low["observed_rate"] < 0.15
    assert high["observed_rate"] > 0.4 and abs(high["mean_predicted"] - high["observed_rate"]) < 0.25


def test_monotone_in_declared_risk_direction(trained):
    model, features, _ = trained
    row = features.head(1)
    grid = pl.concat(
        [row.with_columns(pl.lit(p).alias("list_prob_uflpa")) for p in (0.0, 0.5, 0.8, 0.95, 1.0)]
    )
    probabilities = M.predict(model, grid).get_column("model_probability").to_list()
    assert probabilities == sorted(probabilities) and probabilities[-1] > probabilities[0]


def test_predict_gives_probability_and_reasons_in_words(trained):
    model, features, _ = trained
    listed = features.with_columns(pl.lit(0.97).alias("list_prob_uflpa"), pl.lit(3.0).alias("tip_tier")).head(
        3
    )
    scores = M.predict(model, listed)
    assert scores.columns == ["row_id", "model_probability", "model_reasons"]
    assert scores.get_column("row_id").to_list() == [1, 2, 3]
    for reasons in scores.get_column("model_reasons").to_list():
        assert reasons.startswith("UFLPA match probability 0.97 (+0.")
        assert len(reasons.split("; ")) <= M.REASONS_PER_SUPPLIER


def test_reasons_compare_with_the_typical_supplier(trained):
    model, features, _ = trained
    typical = features.head(1).with_columns(
        [pl.lit(model.reference[name]).alias(name) for name in FEATURE_NAMES]
    )
    scores = M.predict(model, typical)
    assert "typical supplier" in scores.get_column("model_reasons").item()
    x = M.feature_matrix(typical)
    assert not M.contributions(model, x, model.estimator.predict_proba(x)[:, 1]).any()


def test_save_and_load_round_trip(trained, saved):
    model, features, _ = trained
    assert {p.name for p in saved.iterdir()} >= {"model.skops", "model.json", "MODEL_CARD.md"}
    loaded = M.load_model(saved)
    assert loaded.feature_names == FEATURE_NAMES
    before = M.predict(model, features.head(50))
    after = M.predict(loaded, features.head(50))
    assert before.equals(after)
    assert M.load_model(saved / "model.skops").feature_names == FEATURE_NAMES  # the file path works too
    sidecar = json.loads((saved / "model.json").read_text(encoding="utf-8"))
    assert sidecar["model_sha256"] == M.file_sha256(saved / "model.skops")


def test_saved_file_holds_only_allow_listed_types(saved):
    assert set(sio.get_untrusted_types(file=saved / "model.skops")) <= M.ALLOWED_TYPES


def test_loader_refuses_a_tampered_feature_list(saved, tmp_path):
    for name in ("model.skops", "model.json"):
        (tmp_path / name).write_bytes((saved / name).read_bytes())
    meta = json.loads((tmp_path / "model.json").read_text(encoding="utf-8"))
    meta["feature_names"] = meta["feature_names"][:-1] + ["supplier_is_nice"]
    (tmp_path / "model.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match=r"differ.*unexpected: supplier_is_nice"):
        M.load_model(tmp_path)


def test_loader_refuses_a_model_trained_on_other_features(trained, tmp_path, monkeypatch):
    model = trained[0]
    renamed = tuple(FEATURE_NAMES[:-1]) + ("old_feature",)
    old = M.SupplierRiskModel(
        model.estimator,
        renamed,
        dict(zip(renamed, model.reference.values(), strict=True)),
        {**model.metadata, "feature_names": list(renamed)},
    )
    M.save_model(old, tmp_path)
    with pytest.raises(
        ModelError, match=r"trained on other features.*missing: worker_voice_missing.*Retrain"
    ):
        M.load_model(tmp_path)


@pytest.mark.parametrize(
    "content",
    [
        pickle.dumps({"format": M.MODEL_FORMAT, "estimator": None}),
        b"not a model at all",
        b"PK\x03\x04broken zip",
    ],
)
def test_loader_refuses_a_file_that_is_not_skops(tmp_path, content):
    (tmp_path / "model.skops").write_bytes(content)
    (tmp_path / "model.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ModelError, match="not a skops model file.*never pickle"):
        M.load_model(tmp_path)


class Untrusted:
    """A type no allow-list names: loading a file that holds it must be refused, not executed."""

    def __init__(self):
        self.payload = "anything"


def test_loader_refuses_types_outside_the_allow_list(tmp_path):
    payload = {"format": M.MODEL_FORMAT, "feature_names": list(FEATURE_NAMES), "estimator": Untrusted()}
    (tmp_path / "model.skops").write_bytes(sio.dumps(payload))
    (tmp_path / "model.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ModelError, match="does not trust: .*Untrusted"):
        M.load_model(tmp_path)


def test_missing_model_and_missing_sidecar(saved, tmp_path):
    with pytest.raises(ModelError, match="No model file at .*screener train"):
        M.load_model(tmp_path / "nowhere")
    (tmp_path / "model.skops").write_bytes((saved / "model.skops").read_bytes())
    with pytest.raises(ModelError, match="metadata file .*model.json is missing"):
        M.load_model(tmp_path)


def test_training_needs_both_outcomes_in_every_fold():
    features, _ = synthetic_features(50)
    labels = np.zeros(50, dtype=int)
    labels[:2] = 1
    with pytest.raises(ModelError, match="at least 3 positive .* got 2 positive and 48 negative"):
        M.train(features, labels, **FAST)


def test_card_states_the_measured_numbers(trained):
    meta = trained[0].metadata
    card = render_card(meta, notice="**Synthetic labels.**")
    assert card.startswith("# Supplier risk model: model card\n\n**Synthetic labels.**")
    assert f"{meta['cross_validation']['roc_auc']:.3f}" in card
    assert f"{meta['cross_validation']['brier']:.4f}" in card
    for section in (
        "## Training data",
        "## Cross-validated performance",
        "## Calibration",
        "## Feature importances",
    ):
        assert section in card
    assert all(name in card for name in FEATURE_NAMES)


def test_features_the_file_does_not_carry_are_left_out_not_a_crash():
    features, labels = synthetic_features(300, seed=4)
    sparse = np.full(300, np.nan)
    sparse[:4] = 1.0  # known for 4 suppliers only: nothing to learn from
    features = features.with_columns(
        pl.lit(None, dtype=pl.Float64).alias("worker_survey_score"), pl.Series("grievance_mechanism", sparse)
    )
    model = M.train(features, labels, **FAST)
    assert model.metadata["data"]["features_absent"] == ["grievance_mechanism", "worker_survey_score"]
    assert math.isnan(model.reference["worker_survey_score"])
    scores = M.predict(model, features.head(20).with_columns(pl.lit(95.0).alias("worker_survey_score")))
    assert not any("survey" in reasons for reasons in scores.get_column("model_reasons").to_list())


def test_bundled_model_loads_with_this_code_and_ranks_sensibly():
    """Fails when features change without retraining (python scripts/train_default_model.py)."""
    model = M.load_model()
    assert M.default_model_path().is_file() and model.feature_names == FEATURE_NAMES
    assert model.metadata["data"]["label_column"] == "Forced Labour Finding"
    typical = {name: model.reference[name] for name in FEATURE_NAMES}
    calm = {
        **typical,
        "tip_tier": 1.0,
        "points_country": 0.0,
        "points_forced_labour": 0.0,
        "points_ilo_indicator": 0.0,
    }
    risky = {**typical, "list_prob_uflpa": 0.99, "points_list": 100.0, "points_forced_labour": 20.0,
             "points_ilo_indicator": 45.0, "ilo_indicator_count": 1.0, "tip_tier": 3.0, "recruitment_fees_paid": 1.0}  # fmt: skip
    frame = pl.DataFrame([{"row_id": 1, **calm}, {"row_id": 2, **risky}])
    calm_p, risky_p = M.predict(model, frame).get_column("model_probability").to_list()
    assert risky_p > 0.3 > 0.1 > calm_p


# --- the fast prediction path against a plain, row-by-row reference ----------------------------------------------
def reference_predict(model: M.SupplierRiskModel, features: pl.DataFrame) -> pl.DataFrame:
    """Obviously right and slow: per feature, every row's probability with that feature at the training median
    (a row already at the median gets its own probability back, so 0); reasons picked and worded row by row."""
    x = M.feature_matrix(features, model.feature_names)
    at_median = np.empty_like(x)
    with M._limited_threads():  # OpenMP threads stall on a busy 2-core machine
        probability = model.estimator.predict_proba(x)[:, 1]
        for j, name in enumerate(model.feature_names):
            changed = x.copy()
            changed[:, j] = model.reference[name]
            at_median[:, j] = model.estimator.predict_proba(changed)[:, 1]
    reasons = []
    for i in range(len(x)):
        parts = probability[i] - at_median[i]
        order = np.argsort(-np.abs(parts), kind="stable")[: M.REASONS_PER_SUPPLIER]
        words = [
            M.reason_text(model.feature_names[j], x[i, j], parts[j])
            for j in order
            if abs(parts[j]) >= M.MIN_CONTRIBUTION
        ]
        reasons.append("; ".join(words) or M.NO_REASON)
    return pl.DataFrame(
        {
            "row_id": features.get_column("row_id"),
            "model_probability": probability.round(4),
            "model_reasons": reasons,
        }
    )


def varied_features(n: int, seed: int) -> pl.DataFrame:
    """Every feature varied (missing values included) at the precision the pipeline states it, with repeated rows,
    so rows share and do not share feature rows, values and contributions."""
    from screener.risk.features import FEATURES_BY_NAME, RESOLUTION

    rng = np.random.default_rng(seed)
    columns = {}
    for name in FEATURE_NAMES:
        kind = FEATURES_BY_NAME[name].kind
        values = {
            "probability": np.where(rng.random(n) < 0.3, rng.uniform(0, 1, n), 0.0),
            "share": rng.uniform(0, 1, n),
            "flag": rng.choice([0.0, 1.0], n),
            "tier": rng.choice([1.0, 2.0, 2.5, 3.0], n),
            "level": rng.choice([0.0, 1.0, 2.0, 3.0], n),
            "months": rng.uniform(0, 120, n),
            "score": rng.uniform(0, 100, n),
            "points": rng.choice([0.0, 5.0, 10.0, 20.0, 25.5, 45.0, -5.0], n),
        }.get(kind, rng.integers(0, 6, n).astype(float))
        values = np.round(values, RESOLUTION[kind]) if kind in RESOLUTION else values
        columns[name] = np.where(rng.random(n) < 0.15, np.nan, values)
    frame = pl.DataFrame({"row_id": np.arange(1, n + 1), **columns})
    repeated = frame.sample(n // 2, with_replacement=True, seed=seed).with_columns(
        (pl.col("row_id") + n).alias("row_id")
    )
    return pl.concat([frame, repeated]).sample(fraction=1.0, shuffle=True, seed=seed)


@pytest.mark.parametrize("which", ["bundled", "trained"])
def test_predict_equals_the_row_by_row_reference(which, trained):
    """Same probabilities and the same reason text, character for character, as scoring each row on its own."""
    model = M.load_model() if which == "bundled" else trained[0]
    features = varied_features(1000, seed=11)
    expected = reference_predict(model, features)
    got = M.predict(model, features)
    assert got.equals(expected)
    assert got.get_column("model_reasons").n_unique() > 500  # the comparison covered many different texts
    assert (got.get_column("model_reasons") == M.NO_REASON).sum() < got.height


def test_tree_by_tree_contributions_equal_one_prediction_per_feature():
    """The scorer that re-runs only the trees splitting on a feature gives the full predictions' numbers exactly,
    across several blocks of rows."""
    model = M.load_model()
    assert M._TreeScorer.of(model) is not None  # the bundled model takes the fast path
    x = M.feature_matrix(varied_features(3000, seed=12))
    reference = np.array([model.reference[name] for name in model.feature_names])
    with M._limited_threads():
        probability = model.estimator.predict_proba(x)[:, 1]
        plain = M._contributions_by_prediction(model, x, probability, reference)
        fast = M._TreeScorer.of(model).contributions(x, probability, reference)
    assert np.array_equal(fast, plain) and np.count_nonzero(plain) > x.size // 4


def test_tree_scorer_gives_up_when_its_probability_differs(monkeypatch):
    """If a scikit-learn version computed probabilities otherwise, contributions fall back to full predictions."""
    model = M.load_model()
    x = M.feature_matrix(varied_features(50, seed=13))
    reference = np.array([model.reference[name] for name in model.feature_names])
    scorer = M._TreeScorer.of(model)
    with M._limited_threads():
        probability = model.estimator.predict_proba(x)[:, 1]
        assert scorer.contributions(x, probability + 1e-12, reference) is None
        expected = M._contributions_by_prediction(model, x, probability, reference)
        monkeypatch.setattr(M._TreeScorer, "probability", lambda self, outputs: np.zeros(outputs.shape[1]))
        assert np.array_equal(M.contributions(model, x, probability), expected)


def test_distinct_rows_groups_byte_equal_rows_only():
    x = np.array(
        [[1.0, np.nan], [1.0, np.nan], [0.0, 2.0], [-0.0, 2.0], [0.0, 2.0], [np.nan, np.nan], [1.0, np.nan]]
    )
    first, inverse = M.distinct_rows(x)
    assert np.array_equal(x[first][inverse], x, equal_nan=True)
    assert len(first) == 4  # 0.0 and -0.0 differ in their bytes, so they are scored apart (harmless)
    assert inverse[0] == inverse[1] == inverse[6] and inverse[2] == inverse[4] != inverse[3]


def test_distinct_rows_survives_a_hash_collision(monkeypatch):
    """Rows that hash alike but differ are still told apart."""
    monkeypatch.setattr(M, "_HASH_PRIME", np.uint64(0))  # every row hashes to the same value
    x = np.array([[1.0, 2.0], [3.0, 4.0], [1.0, 2.0]])
    first, inverse = M.distinct_rows(x)
    assert len(first) == 2 and np.array_equal(x[first][inverse], x)


def test_contributions_fall_back_when_scikit_learn_internals_differ(monkeypatch):
    """A scikit-learn whose trees cannot be called as this code expects still gives the same contributions."""
    model = M.load_model()
    x = M.feature_matrix(varied_features(40, seed=14))
    reference = np.array([model.reference[name] for name in model.feature_names])
    with M._limited_threads():
        probability = model.estimator.predict_proba(x)[:, 1]
        expected = M._contributions_by_prediction(model, x, probability, reference)

        def changed_signature(self, x, trees):
            raise TypeError("predict() takes 2 positional arguments but 5 were given")

        monkeypatch.setattr(M._TreeScorer, "outputs", changed_signature)
        assert np.array_equal(M.contributions(model, x, probability), expected)
