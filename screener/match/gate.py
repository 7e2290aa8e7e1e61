"""The scoring cascade: pairs that cannot reach the review band are set aside before the expensive steps.

Most candidate pairs are plainly two different organisations (on the shared 100k workbook about 99.9% of them end
below probability 0.3). Scoring every pair with all features and the 200-tree classifier is most of the match
stage's work, so the pairs go through gates first. A gate is a small gradient-boosted model over some of the pair
features, with a threshold: a pair whose gate score is below it is not scored further and gets probability 0.0.

- gate 1 reads only the cheap features (character similarities, cosine, country, legal form...), so for the pairs
  it stops the word tables, the remaining features and the classifier are never computed;
- gate 2 reads every feature and stops pairs before the 200-tree classifier.

The gates are learnt (``scripts/fit_gate.py``, run by ``scripts/train_matcher.py`` after each retraining) from the
training and holdout pairs, labelled by the full model's own probability; each threshold is the lowest gate score
of any of those pairs whose full-model probability is at least ``SAFE_PROBABILITY`` (0.3, below the review band's
0.5), so none of them would have been stopped. Gates fitted for another model than the one loaded are not used:
every pair is then scored in full (the result is the same; only slower).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import polars as pl
from threadpoolctl import ThreadpoolController

from screener.artefacts import load_skops
from screener.errors import ModelError
from screener.match.features import FEATURE_NAMES, FEATURES, Pairs, TokenWeights

GATE_FILE = "gate.json"
GATE_MODELS = "gate.skops"
# No training or holdout pair whose full-model probability reaches this is stopped by a gate.
SAFE_PROBABILITY = 0.3
# What a pair stopped by a gate is given: it was not scored by the classifier, and the gate showed it far below
# the review band.
GATED_PROBABILITY = 0.0


@lru_cache(maxsize=1)
def _threadpools() -> ThreadpoolController:
    return ThreadpoolController()


def one_openmp_thread():
    """A context in which scikit-learn's tree walks use one OpenMP thread (on two cores its threaded walk of these
    small trees is slower than one thread). The libraries are looked up once per process: threadpool_limits
    looks them all up again at each call (about 3 ms, three calls per part of suppliers)."""
    return _threadpools().limit(limits=1, user_api="openmp")


@dataclass(frozen=True)
class GateStage:
    """One gate: the features it reads (in this order), its model, and the lowest score that passes."""

    features: tuple[str, ...]
    estimator: object
    threshold: float

    def passes(self, features: dict[str, np.ndarray]) -> np.ndarray:
        """Which pairs score at or above the threshold (``features``: f_ name -> values, every pair)."""
        matrix = np.ascontiguousarray(np.column_stack([features[f"f_{name}"] for name in self.features]))
        if len(matrix) == 0:
            return np.zeros(0, dtype=bool)
        with one_openmp_thread():
            return self.estimator.decision_function(matrix) >= self.threshold


@dataclass(frozen=True)
class Gate:
    """The gates of one match model, in order; ``model_sha256`` is the estimator file they were fitted for."""

    stages: tuple[GateStage, ...]
    model_sha256: str
    meta: dict


def gated_features(frame: pl.DataFrame, weights: TokenWeights, gate: Gate) -> tuple[pl.DataFrame, np.ndarray]:
    """(every ``f_`` feature column, which pairs passed every gate): a feature is computed only for the pairs that
    passed the gates before the first gate reading it (and all of them for the pairs that passed every gate); the
    others are null. The values are those :func:`screener.match.features.compute_features` gives."""
    n = frame.height
    values = {f"f_{name}": np.full(n, np.nan) for name in FEATURE_NAMES}
    alive = np.arange(n)
    done: set[str] = set()
    for stage in (*gate.stages, None):
        needed = FEATURE_NAMES if stage is None else stage.features
        todo = [name for name in needed if name not in done]
        if todo and len(alive):
            pairs = Pairs(frame[alive] if len(alive) < n else frame, weights)
            for name in todo:
                values[f"f_{name}"][alive] = np.asarray(FEATURES[name](pairs), dtype=np.float64)
        done.update(todo)
        if stage is None or len(alive) == 0:
            break
        alive = alive[stage.passes({f"f_{name}": values[f"f_{name}"][alive] for name in stage.features})]
    passed = np.zeros(n, dtype=bool)
    passed[alive] = True
    columns = {key: pl.Series(key, column, dtype=pl.Float64).fill_nan(None) for key, column in values.items()}
    return pl.DataFrame(columns), passed


def load_gate(folder: Path, model_sha256: str | None) -> Gate | None:
    """The gates in ``folder`` when they were fitted for the model file with ``model_sha256``; None when there
    are none or they belong to another model (every pair is then scored in full)."""
    meta_path, models_path = folder / GATE_FILE, folder / GATE_MODELS
    if not meta_path.is_file() or not models_path.is_file() or model_sha256 is None:
        return None
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ModelError(f"cannot read the scoring gates {meta_path}: {error}.") from None
    if meta.get("model_sha256") != model_sha256:
        return None
    estimators = load_skops(
        models_path, what="scoring gate ", hint="Refit it with `python scripts/fit_gate.py`."
    )
    stages = tuple(
        GateStage(tuple(stage["features"]), estimator, float(stage["threshold"]))
        for stage, estimator in zip(meta["stages"], estimators, strict=True)
    )
    for stage in stages:
        unknown = sorted(set(stage.features) - set(FEATURE_NAMES))
        if unknown:
            raise ModelError(
                f"the scoring gate {meta_path} reads features this version does not compute: {', '.join(unknown)}.",
                hint="Refit it with `python scripts/fit_gate.py`.",
            )
    return Gate(stages=stages, model_sha256=model_sha256, meta=meta)
