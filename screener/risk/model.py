"""The supplier risk model: train, save, load, predict and explain.

The model is a gradient-boosted tree ensemble (scikit-learn's HistGradientBoostingClassifier) whose probabilities
are calibrated by Platt scaling on cross-validation folds (CalibratedClassifierCV). Why this choice:

* the features mix probabilities, counts, flags and many missing values; histogram boosting handles missing values
  natively (no imputation that would hide "unknown"), needs no scaling and captures interactions such as
  "listed AND in a DOL country";
* every feature declares which way is riskier; those directions become monotonic constraints, so the model can
  never learn that a higher UFLPA match probability lowers risk, which keeps reasons believable to an auditor;
* positive outcomes are rare; ``class_weight="balanced"`` makes the trees see them, and sigmoid calibration on
  held-out folds turns the re-weighted scores back into probabilities (sigmoid, not isotonic: with a few hundred
  positives isotonic regression overfits).

Artefacts are saved with skops (never pickle) plus a JSON sidecar with the feature names, reference values,
metrics and library versions. :func:`load_model` checks every type in the file against an explicit allow-list and
refuses a model whose features differ from :data:`screener.risk.features.FEATURE_NAMES`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import platform
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl
from threadpoolctl import threadpool_limits

from screener.artefacts import TRUSTED_TYPES, dump_skops, load_skops, trusted_types
from screener.atomic import write_atomically
from screener.data import models_dir
from screener.errors import ModelError, option
from screener.risk.features import FEATURE_NAMES, FEATURES, FEATURES_BY_NAME, supplier_features
from screener.schema import MODEL_PROBABILITY, ROW_ID
from screener.version import __version__

MODEL_FORMAT = "screener-supplier-risk/1"
UNTRUSTED_HINT = "Only scikit-learn gradient-boosting models saved by `screener train` can be loaded."
MODEL_FILE = "model.skops"
METADATA_FILE = "model.json"
CARD_FILE = "MODEL_CARD.md"
MODEL_REASONS = "model_reasons"
REASONS_PER_SUPPLIER = 3
# Gradient boosting's OpenMP threads help little on a few thousand rows and stall badly on a busy 2-core machine
# (measured: one fit 15 s with all threads under load vs 1 s with one), so fitting and scoring use one thread.
THREADS = 1
MIN_CONTRIBUTION = 0.005
MIN_KNOWN_VALUES = 10  # a feature known for fewer training rows is not learned from (see _fill_absent_features)  # a feature that moves the probability by less than half a point is not a reason

ALLOWED_TYPES = TRUSTED_TYPES  # screener.artefacts: one allow-list for both models


@dataclass
class SupplierRiskModel:
    """A fitted, calibrated classifier with the feature names it was trained on and what is known about it."""

    estimator: object
    feature_names: tuple[str, ...]
    reference: dict[str, float]  # per feature: the training median, the "typical supplier" reasons compare to
    metadata: dict = field(default_factory=dict)  # training data, metrics, calibration, importances, versions


def _limited_threads():
    """Limit OpenMP/BLAS threads; scikit-learn's OpenMP runtime must be loaded first for the limit to reach it."""
    import sklearn.ensemble  # noqa: F401  (loads the OpenMP runtime the boosting uses)

    return threadpool_limits(THREADS)


# --- training ------------------------------------------------------------------------------------------------------
def make_estimator(seed: int = 0, *, max_iter: int = 150, calibration_folds: int = 3):
    """The untrained pipeline: monotone, class-weighted gradient boosting inside sigmoid calibration."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.ensemble import HistGradientBoostingClassifier

    booster = HistGradientBoostingClassifier(
        learning_rate=0.05,
        max_iter=max_iter,
        max_leaf_nodes=8,
        min_samples_leaf=20,
        l2_regularization=1.0,
        class_weight="balanced",
        monotonic_cst=[FEATURES_BY_NAME[name].direction for name in FEATURE_NAMES],
        early_stopping=False,
        random_state=seed,
    )
    # ensemble=False: one booster fitted on all rows, its sigmoid fitted on cross-validated scores. Averaging
    # boosters trained on 2/3 of the rows each (ensemble=True) measured 0.01 AUC worse on a few hundred rows.
    return CalibratedClassifierCV(booster, method="sigmoid", cv=calibration_folds, ensemble=False)


def feature_matrix(features: pl.DataFrame, names: tuple[str, ...] = FEATURE_NAMES) -> np.ndarray:
    """The features as a float matrix in the model's column order; nulls become NaN."""
    missing = [name for name in names if name not in features.columns]
    if missing:
        raise ModelError(
            f"The feature table lacks {', '.join(missing)}.",
            hint="Build it with screener.risk.features.supplier_features(...).",
        )
    return features.select([pl.col(n).cast(pl.Float64).fill_null(float("nan")) for n in names]).to_numpy()


def _check_labels(y: np.ndarray, folds: int) -> None:
    positives, negatives = int(y.sum()), int(len(y) - y.sum())
    if min(positives, negatives) < folds:
        raise ModelError(
            f"Training needs at least {folds} positive and {folds} negative labels for {folds}-fold "
            f"cross-validation; got {positives} positive and {negatives} negative.",
            hint=f"Label more suppliers (both outcomes), or lower {option('folds')}.",
        )


def _calibration_table(y: np.ndarray, p: np.ndarray, bins: int = 10) -> list[dict]:
    """Suppliers grouped by predicted probability (equal-count bins): predicted vs observed rate per bin."""
    order = np.argsort(p, kind="stable")
    table = []
    for chunk in np.array_split(order, min(bins, len(p))):
        if len(chunk):
            table.append(
                {
                    "suppliers": int(len(chunk)),
                    "predicted_from": round(float(p[chunk].min()), 4),
                    "predicted_to": round(float(p[chunk].max()), 4),
                    "mean_predicted": round(float(p[chunk].mean()), 4),
                    "observed_rate": round(float(y[chunk].mean()), 4),
                    "positives": int(y[chunk].sum()),
                }
            )
    return table


def cross_validate(
    x: np.ndarray,
    y: np.ndarray,
    *,
    folds: int = 5,
    seed: int = 0,
    max_iter: int = 150,
    importance_repeats: int = 5,
) -> dict:
    """Out-of-fold probabilities, metrics, a calibration table and permutation importances on held-out folds.

    Every number is measured on suppliers the fitted model did not see; the whole pipeline (boosting and its
    calibration) is refitted inside each fold, so nothing of a test fold leaks into its model."""
    from sklearn.inspection import permutation_importance
    from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score
    from sklearn.model_selection import StratifiedKFold

    out_of_fold = np.zeros(len(y))
    fold_auc, importances = [], []
    for train_idx, test_idx in StratifiedKFold(folds, shuffle=True, random_state=seed).split(x, y):
        estimator = make_estimator(seed, max_iter=max_iter).fit(x[train_idx], y[train_idx])
        out_of_fold[test_idx] = estimator.predict_proba(x[test_idx])[:, 1]
        fold_auc.append(roc_auc_score(y[test_idx], out_of_fold[test_idx]))
        if importance_repeats:
            result = permutation_importance(
                estimator,
                x[test_idx],
                y[test_idx],
                scoring="roc_auc",
                n_repeats=importance_repeats,
                random_state=seed,
            )
            importances.append(result.importances_mean)
    mean_importance = np.mean(importances, axis=0) if importances else np.zeros(x.shape[1])
    return {
        "folds": folds,
        "roc_auc": round(float(roc_auc_score(y, out_of_fold)), 4),
        "roc_auc_per_fold": [round(float(a), 4) for a in fold_auc],
        "pr_auc": round(float(average_precision_score(y, out_of_fold)), 4),
        "brier": round(float(brier_score_loss(y, out_of_fold)), 4),
        "brier_base_rate": round(float(brier_score_loss(y, np.full(len(y), y.mean()))), 4),
        "base_rate": round(float(y.mean()), 4),
        "calibration": _calibration_table(y, out_of_fold),
        "permutation_importance": sorted(
            (
                {"feature": n, "roc_auc_drop": round(float(v), 4)}
                for n, v in zip(FEATURE_NAMES, mean_importance, strict=True)
            ),
            key=lambda item: -item["roc_auc_drop"],
        ),
        "out_of_fold": out_of_fold,
    }


def library_versions() -> dict[str, str]:
    """Versions of everything that shapes a trained model's numbers."""
    import polars
    import sklearn
    import skops

    return {
        "python": platform.python_version(),
        "screener": __version__,
        "scikit-learn": sklearn.__version__,
        "numpy": np.__version__,
        "polars": polars.__version__,
        "skops": skops.__version__,
    }


def train(
    features: pl.DataFrame,
    labels,
    *,
    folds: int = 5,
    seed: int = 0,
    max_iter: int = 150,
    importance_repeats: int = 5,
    data: dict | None = None,
) -> SupplierRiskModel:
    """Cross-validate, then fit the calibrated model on all labelled rows.

    ``features`` is the output of ``supplier_features`` for the labelled suppliers, ``labels`` their 0/1 outcomes in
    the same order; ``data`` describes the training data for the card (file, sha256, row counts, label column)."""
    x = feature_matrix(features)
    y = np.asarray(list(labels), dtype=float)
    if len(y) != len(x):
        raise ModelError(
            f"{len(y)} labels for {len(x)} feature rows.", hint="Pass one label per supplier row."
        )
    _check_labels(y, folds)
    reference = {name: _median(x[:, i]) for i, name in enumerate(FEATURE_NAMES)}  # NaN for an absent feature
    x, absent = _fill_absent_features(x)
    with _limited_threads():
        evaluation = cross_validate(
            x, y, folds=folds, seed=seed, max_iter=max_iter, importance_repeats=importance_repeats
        )
        estimator = make_estimator(seed, max_iter=max_iter).fit(x, y)
    evaluation.pop("out_of_fold")
    metadata = {
        "format": MODEL_FORMAT,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "model": {
            "estimator": (
                "CalibratedClassifierCV(HistGradientBoostingClassifier, method='sigmoid', cv=3, ensemble=False)"
            ),
            "params": {
                "learning_rate": 0.05,
                "max_iter": max_iter,
                "max_leaf_nodes": 8,
                "min_samples_leaf": 20,
                "l2_regularization": 1.0,
                "class_weight": "balanced",
                "seed": seed,
            },
        },
        "features": [
            {"name": f.name, "label": f.label, "direction": f.direction, "description": f.description}
            for f in FEATURES
        ],
        "feature_names": list(FEATURE_NAMES),
        "reference": reference,
        "data": {
            **(data or {}),
            "rows_used": int(len(y)),
            "positives": int(y.sum()),
            "negatives": int(len(y) - y.sum()),
            "features_absent": absent,
        },
        "cross_validation": evaluation,
        "versions": library_versions(),
    }
    return SupplierRiskModel(estimator, FEATURE_NAMES, reference, metadata)


def _fill_absent_features(x: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Features known for fewer than MIN_KNOWN_VALUES training rows (typically: the file has no such column)
    become a constant 0 for training, so the model does not use them at all.

    Nothing can be learned from a handful of values; and scikit-learn's binning fails on a column that is missing
    on every row, which a cross-validation fold of a sparse column can be."""
    known = (~np.isnan(x)).sum(axis=0)
    absent = [name for j, name in enumerate(FEATURE_NAMES) if known[j] < MIN_KNOWN_VALUES]
    if absent:
        x = x.copy()
        x[:, [FEATURE_NAMES.index(name) for name in absent]] = 0.0
    return x, absent


def _median(column: np.ndarray) -> float:
    known = column[~np.isnan(column)]
    return float(np.median(known)) if len(known) else float("nan")


def file_sha256(path: str | Path) -> str:
    """sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# --- saving and loading --------------------------------------------------------------------------------------------
def model_paths(path: str | Path) -> tuple[Path, Path, Path]:
    """(model.skops, model.json, MODEL_CARD.md) for a model folder or a ``.skops`` file path."""
    path = Path(path)
    if path.suffix == ".skops":
        return path, path.with_suffix(".json"), path.parent / CARD_FILE
    return path / MODEL_FILE, path / METADATA_FILE, path / CARD_FILE


def _plain(value):
    """Metadata as strict JSON: NaN -> null, numpy scalars -> Python numbers."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def save_model(model: SupplierRiskModel, path: str | Path, *, card: str | None = None) -> Path:
    """Write the skops file, its JSON sidecar and (optionally) the model card; returns the skops path."""

    skops_path, json_path, card_path = model_paths(path)
    payload = {
        "format": MODEL_FORMAT,
        "feature_names": list(model.feature_names),
        "reference": [model.reference[name] for name in model.feature_names],
        "estimator": model.estimator,
    }
    dump_skops(payload, skops_path)
    metadata = {**model.metadata, "model_file": skops_path.name, "model_sha256": file_sha256(skops_path)}
    text = json.dumps(_plain(metadata), indent=2, ensure_ascii=False, allow_nan=False)
    write_atomically(json_path, (text + "\n").encode("utf-8"))
    if card is not None:
        write_atomically(card_path, card.encode("utf-8"))
    return skops_path


def default_model_path() -> Path:
    """The bundled model: ``models/supplier_risk/model.skops`` (inside the wheel: screener/data/models/...)."""
    return models_dir() / "supplier_risk" / MODEL_FILE


def check_model_file(path: str | Path) -> None:
    """What can be known of a model without loading it (milliseconds, not seconds): the skops file is there, holds
    only trusted types, and its metadata names the features this version of screener computes."""
    skops_path, json_path, _ = model_paths(path)
    if not skops_path.is_file():
        raise ModelError(
            f"No model file at {skops_path}.", hint="Train one with `screener train LABELS -o PATH`."
        )
    trusted_types(skops_path, what="", hint=UNTRUSTED_HINT)
    sidecar = tuple(_read_metadata(json_path).get("feature_names", ()))
    if sidecar != FEATURE_NAMES:
        raise ModelError(
            f"The model {skops_path} was trained on other features than this version of screener computes "
            f"({_difference(FEATURE_NAMES, sidecar)}).",
            hint="Retrain it with `screener train` on your labelled suppliers.",
        )


def load_model(path: str | Path | None = None) -> SupplierRiskModel:
    """Load a model saved by :func:`save_model`; refuses unknown types and features that differ from the code's."""

    skops_path, json_path, _ = model_paths(path if path is not None else default_model_path())
    if not skops_path.is_file():
        raise ModelError(
            f"No model file at {skops_path}.", hint="Train one with `screener train LABELS -o PATH`."
        )
    trusted_types(skops_path, what="", hint=UNTRUSTED_HINT)
    try:
        payload = load_skops(skops_path, hint=UNTRUSTED_HINT)
    except ModelError:
        raise
    except Exception as error:  # a corrupt archive fails inside skops in many ways
        raise ModelError(
            f"{skops_path} could not be read as a skops model: {error}.", hint="Retrain it."
        ) from error
    if not isinstance(payload, dict) or payload.get("format") != MODEL_FORMAT:
        raise ModelError(
            f"{skops_path} is not a screener supplier-risk model ({MODEL_FORMAT}).", hint="Retrain it."
        )
    metadata = _read_metadata(json_path)
    stored = tuple(payload["feature_names"])
    _check_feature_names(skops_path, stored, tuple(metadata.get("feature_names", ())), json_path)
    reference = {
        name: float(v) if v is not None else float("nan")
        for name, v in zip(stored, payload["reference"], strict=True)
    }
    return SupplierRiskModel(payload["estimator"], stored, reference, metadata)


def _read_metadata(json_path: Path) -> dict:
    if not json_path.is_file():
        raise ModelError(
            f"The model's metadata file {json_path} is missing.", hint="Keep model.json beside model.skops."
        )
    try:
        return json.loads(json_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ModelError(f"{json_path} is not valid JSON: {error}.", hint="Retrain the model.") from error


def _check_feature_names(skops_path: Path, stored: tuple, sidecar: tuple, json_path: Path) -> None:
    if sidecar != stored:
        raise ModelError(
            f"{json_path} lists features that differ from those stored in {skops_path.name} "
            f"({_difference(stored, sidecar)}).",
            hint="The metadata was edited or belongs to another model: retrain with `screener train`.",
        )
    if stored != FEATURE_NAMES:
        raise ModelError(
            f"The model {skops_path} was trained on other features than this version of screener computes "
            f"({_difference(FEATURE_NAMES, stored)}).",
            hint="Retrain it with `screener train` on your labelled suppliers.",
        )


def _difference(expected: tuple, found: tuple) -> str:
    missing = [n for n in expected if n not in found]
    extra = [n for n in found if n not in expected]
    parts = ([f"missing: {', '.join(missing)}"] if missing else []) + (
        [f"unexpected: {', '.join(extra)}"] if extra else []
    )
    return "; ".join(parts) or "same names in a different order"


# --- prediction and explanation ------------------------------------------------------------------------------------
NO_REASON = "no feature moves this supplier's probability away from a typical supplier's"
BLOCK_ROWS = (
    32_768  # rows scored tree by tree at once: bounds the (trees x rows) table of tree outputs to ~40 MB
)
_HASH_PRIME = np.uint64(0x100000001B3)


def distinct_rows(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(indices of the first row of each distinct feature row, per row the position of its distinct row).

    Suppliers share feature rows (same list probabilities, same country points, same missing fields), and a row's
    probability and reasons depend on nothing else, so each distinct row is scored and explained once. Rows are
    equal when their bytes are (a hash of the bytes groups them; every row is then checked against its group's first
    row, so a hash collision cannot merge two different rows)."""
    bits = np.asfortranarray(x).view(np.uint64)
    digest = np.zeros(len(bits), dtype=np.uint64)
    for j in range(bits.shape[1]):
        digest ^= bits[:, j]
        digest *= _HASH_PRIME
        digest ^= digest >> np.uint64(29)
    hashes = pl.Series("hash", digest)
    first = hashes.is_first_distinct().arg_true().to_numpy()
    keys = pl.DataFrame({"hash": digest[first], "distinct": np.arange(len(first))})
    inverse = (
        hashes.to_frame()
        .join(keys, on="hash", how="left", maintain_order="left")
        .get_column("distinct")
        .to_numpy()
    )
    representative = first[inverse]
    if all(np.array_equal(bits[representative, j], bits[:, j]) for j in range(bits.shape[1])):
        return first, inverse
    _, first, inverse = np.unique(  # a hash collision (practically never): the exact, slower byte comparison
        np.ascontiguousarray(x).view(np.dtype((np.void, x.dtype.itemsize * x.shape[1]))).ravel(),
        return_index=True,
        return_inverse=True,
    )
    return first, inverse.ravel()


@dataclass(frozen=True)
class _TreeScorer:
    """The calibrated gradient boosting taken apart into its trees, to score "this supplier with one feature at the
    typical value" without re-running every tree: a tree that never splits on the feature gives the same output.

    The probability is rebuilt exactly as scikit-learn computes it (baseline plus each tree's output, added in
    boosting order, then the sigmoid calibrator); :meth:`contributions` checks that on every block and gives up
    (None) if a scikit-learn version computes it otherwise, so the numbers never differ from predict_proba's."""

    trees: tuple  # one TreePredictor per boosting iteration, in order
    baseline: np.ndarray  # the booster's baseline raw prediction, shape (1, 1)
    calibrator: object  # the fitted _SigmoidCalibration
    trees_using: dict[int, np.ndarray]  # feature index -> iterations whose tree splits on it
    known_cat_bitsets: np.ndarray
    f_idx_map: np.ndarray

    @classmethod
    def of(cls, model: SupplierRiskModel) -> _TreeScorer | None:
        """The scorer for a model trained by :func:`train`; None for any other estimator."""
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.ensemble import HistGradientBoostingClassifier

        estimator = model.estimator
        if not isinstance(estimator, CalibratedClassifierCV) or len(estimator.calibrated_classifiers_) != 1:
            return None
        calibrated = estimator.calibrated_classifiers_[0]
        booster = calibrated.estimator
        if (
            not isinstance(booster, HistGradientBoostingClassifier)
            or calibrated.method != "sigmoid"
            or len(calibrated.calibrators) != 1
            or len(calibrated.classes) != 2
            or booster.n_trees_per_iteration_ != 1
            or getattr(booster, "_preprocessor", None) is not None
        ):
            return None
        trees = tuple(iteration[0] for iteration in booster._predictors)
        using: dict[int, list[int]] = {}
        for t, tree in enumerate(trees):
            nodes = tree.nodes
            for j in np.unique(nodes["feature_idx"][nodes["is_leaf"] == 0]):
                using.setdefault(int(j), []).append(t)
        bitsets, f_idx_map = booster._bin_mapper.make_known_categories_bitsets()
        return cls(
            trees,
            booster._baseline_prediction,
            calibrated.calibrators[0],
            {j: np.array(ts) for j, ts in sorted(using.items())},
            bitsets,
            f_idx_map,
        )

    def outputs(self, x: np.ndarray, trees) -> np.ndarray:
        """(len(trees), rows): each tree's raw output per row."""
        x = np.ascontiguousarray(x, dtype=np.float64)
        return np.stack(
            [self.trees[t].predict(x, self.known_cat_bitsets, self.f_idx_map, THREADS) for t in trees]
        )

    def probability(self, outputs: np.ndarray) -> np.ndarray:
        """Calibrated probability from every tree's output, summed in boosting order as scikit-learn does."""
        raw = np.zeros((outputs.shape[1], 1), dtype=self.baseline.dtype, order="F")
        raw += self.baseline
        raw = raw[:, 0]
        for row in outputs:
            raw += row
        return self.calibrator.predict(raw)

    def contributions(
        self, x: np.ndarray, probability: np.ndarray, reference: np.ndarray
    ) -> np.ndarray | None:
        """As :func:`contributions`; None when the rebuilt probability is not bit for bit predict_proba's."""
        result = np.zeros_like(x)
        everything = range(len(self.trees))
        for start in range(0, len(x), BLOCK_ROWS):
            block = np.ascontiguousarray(x[start : start + BLOCK_ROWS])
            base = probability[start : start + BLOCK_ROWS]
            outputs = self.outputs(block, everything)
            if not np.array_equal(self.probability(outputs), base):
                return None
            for j, trees in self.trees_using.items():
                differs = _differs(block[:, j], reference[j])
                if not differs.any():
                    continue
                changed = block[differs]
                changed[:, j] = reference[j]
                changed_outputs = outputs[:, differs]
                changed_outputs[trees] = self.outputs(changed, trees)
                result[start + np.flatnonzero(differs), j] = base[differs] - self.probability(changed_outputs)
        return result  # features no tree splits on keep 0: setting them to the median changes nothing


def _differs(column: np.ndarray, reference: float) -> np.ndarray:
    return ~((column == reference) | (np.isnan(column) & math.isnan(reference)))


def contributions(model: SupplierRiskModel, x: np.ndarray, probability: np.ndarray) -> np.ndarray:
    """Per supplier and feature: probability minus the probability with that feature set to the training median.

    Positive = the feature's value raises this supplier's risk compared with a typical supplier's value.
    ``probability`` is the model's predict_proba for ``x``. For a model trained by :func:`train` only the trees
    that split on a feature are re-run (same numbers, a few times faster); otherwise one prediction per feature."""
    reference = np.array([model.reference[name] for name in model.feature_names], dtype=np.float64)
    try:
        scorer = _TreeScorer.of(model)
        result = scorer.contributions(x, probability, reference) if scorer is not None else None
    except (AttributeError, IndexError, KeyError, TypeError, ValueError):  # scikit-learn's internals changed
        result = None
    return result if result is not None else _contributions_by_prediction(model, x, probability, reference)


def _contributions_by_prediction(
    model: SupplierRiskModel, x: np.ndarray, probability: np.ndarray, reference: np.ndarray
) -> np.ndarray:
    result = np.zeros_like(x)
    for j in range(x.shape[1]):
        differs = _differs(x[:, j], reference[j])
        if not differs.any():
            continue
        changed = x[differs].copy()
        changed[:, j] = reference[j]
        result[differs, j] = probability[differs] - model.estimator.predict_proba(changed)[:, 1]
    return result


def reason_text(name: str, value: float, contribution: float) -> str:
    """One reason in words: 'UFLPA match probability 0.97 (+0.41)'."""
    return f"{FEATURES_BY_NAME[name].describe(value)} ({contribution:+.2f})"


def explain(model: SupplierRiskModel, x: np.ndarray, parts: np.ndarray) -> pl.Series:
    """Per row of ``x``: its top reasons (features moving the probability by at least MIN_CONTRIBUTION, strongest
    first, at most REASONS_PER_SUPPLIER, each as :func:`reason_text` words them), or NO_REASON.

    Built a column at a time: the strongest features by one argsort over all rows, each distinct (feature, value)
    and each distinct contribution put into words once."""
    order = np.argsort(-np.abs(parts), axis=1, kind="stable")[:, :REASONS_PER_SUPPLIER]
    values = np.take_along_axis(x, order, axis=1)
    strength = np.take_along_axis(parts, order, axis=1)
    kept = np.abs(strength) >= MIN_CONTRIBUTION
    columns = [
        _reason_column(model, order[:, k], values[:, k], strength[:, k], kept[:, k])
        for k in range(order.shape[1])
    ]
    joined = pl.select(
        pl.concat_str([pl.lit(c) for c in columns], separator="; ", ignore_nulls=True)
    ).to_series()
    return (
        pl.select(pl.when(joined == "").then(pl.lit(NO_REASON)).otherwise(joined))
        .to_series()
        .alias(MODEL_REASONS)
    )


def _reason_column(
    model: SupplierRiskModel, feature: np.ndarray, value: np.ndarray, strength: np.ndarray, kept: np.ndarray
) -> pl.Series:
    """One reason per row (null where ``kept`` is False): 'label value (+0.12)'."""
    rows = np.flatnonzero(kept)
    described = np.full(len(feature), -1, dtype=np.int64)
    words: list[str] = []
    for j in np.unique(feature[rows]):
        of_feature = rows[feature[rows] == j]
        distinct, inverse = np.unique(value[of_feature], return_inverse=True)
        described[of_feature] = len(words) + inverse.ravel()
        words.extend(FEATURES_BY_NAME[model.feature_names[j]].describe(v) for v in distinct)
    signed, inverse = np.unique(strength[rows], return_inverse=True)
    stated = np.full(len(feature), -1, dtype=np.int64)
    stated[rows] = inverse.ravel()
    frame = pl.DataFrame({"described": described, "stated": stated}).with_columns(pl.all().replace(-1, None))
    return frame.select(
        pl.format(
            "{} ({})",
            pl.lit(pl.Series(words, dtype=pl.String)).gather(pl.col("described")),
            pl.lit(pl.Series([f"{c:+.2f}" for c in signed], dtype=pl.String)).gather(pl.col("stated")),
        )
    ).to_series()


def predict(model: SupplierRiskModel, features: pl.DataFrame) -> pl.DataFrame:
    """row_id, model_probability (calibrated, 0-1) and model_reasons (top contributing features in words).

    Each distinct feature row is scored and explained once (:func:`distinct_rows`); suppliers sharing one get the
    same numbers and words they would get one by one."""
    x = feature_matrix(features, model.feature_names)
    if len(x) == 0:
        return pl.DataFrame(
            schema={
                ROW_ID: features.schema.get(ROW_ID, pl.Int64),
                MODEL_PROBABILITY: pl.Float64,
                MODEL_REASONS: pl.String,
            }
        )
    first, inverse = distinct_rows(x)
    distinct = x[first]
    with _limited_threads():
        probability = model.estimator.predict_proba(distinct)[:, 1]
        parts = contributions(model, distinct, probability)
    reasons = explain(model, distinct, parts)
    return pl.DataFrame(
        {
            ROW_ID: features.get_column(ROW_ID),
            MODEL_PROBABILITY: probability.round(4)[inverse],
            MODEL_REASONS: reasons.gather(inverse),
        },
        schema_overrides={MODEL_PROBABILITY: pl.Float64, MODEL_REASONS: pl.String},
    )


def score_suppliers(
    suppliers: pl.DataFrame,
    matches: pl.DataFrame,
    hits: pl.DataFrame,
    model: SupplierRiskModel | str | Path | None = None,
    *,
    as_of: dt.date | None = None,
) -> pl.DataFrame:
    """Pipeline entry point: features from the stage outputs, then :func:`predict` with the given or bundled model."""
    loaded = model if isinstance(model, SupplierRiskModel) else load_model(model)
    return predict(loaded, supplier_features(suppliers, matches, hits, as_of=as_of))
