"""The match classifier: a calibrated probability that a supplier and a list name are the same organisation.

The artefact is two files in ``models/matcher/``: ``matcher.skops`` (the scikit-learn estimator, loaded with skops,
never with pickle, and only if every type in it comes from scikit-learn/numpy/scipy) and ``matcher.json`` (feature
names, library versions, training data summary, holdout metrics). Loading refuses an artefact whose feature list
differs from :data:`screener.match.features.FEATURE_NAMES`: a model must be retrained when the features change.
Beside them, ``gate.skops`` and ``gate.json`` hold the scoring cascade's gates fitted for this estimator file
(screener/match/gate.py); they are used only when gate.json names the estimator file's sha256.
"""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl

from screener.artefacts import NotSkopsFile, dump_skops, load_skops, write_atomically
from screener.data import file_sha256, models_dir
from screener.errors import ModelError
from screener.match.features import FEATURE_NAMES
from screener.match.gate import GATE_FILE, GATE_MODELS, Gate, load_gate, one_openmp_thread

MODEL_FILE = "matcher.skops"
RETRAIN_HINT = "Retrain with `python scripts/train_matcher.py`."
META_FILE = "matcher.json"
# Prediction threads: at most one per CPU, and only when each gets this many rows.
MAX_THREADS = 4
MIN_ROWS_PER_THREAD = 20_000


def bundled_model_dir() -> Path:
    """``models/matcher`` inside the wheel (or at the top of a source checkout)."""
    return models_dir() / "matcher"


@dataclass
class MatchModel:
    """A fitted estimator with ``predict_proba`` and the metadata it was saved with."""

    estimator: object
    feature_names: tuple[str, ...]
    meta: dict = field(default_factory=dict)
    # The scoring cascade's gates fitted for this estimator (screener.match.gate); None: every pair scored in full.
    gate: Gate | None = None

    def probability(self, features: pl.DataFrame) -> np.ndarray:
        """Calibrated match probability for each row of ``f_<name>`` feature columns."""
        if features.height == 0:
            return np.zeros(0)
        # Row-major: polars hands a column-major array, and the tree walk reads one row's features at a time
        # (measured ~10% less CPU for the walk over the 100k workbook's pairs; the same numbers come out).
        matrix = np.ascontiguousarray(
            features.select([f"f_{name}" for name in self.feature_names]).to_numpy(), dtype=np.float64
        )
        # One OpenMP thread per call: the trees are small, and on two cores scikit-learn's threaded tree walk is
        # measured 2-3x slower than a single thread here. Instead, large inputs are cut into one slice per CPU,
        # each predicted in its own thread (the tree walk releases the GIL); rows are independent, so the
        # result is the same as one call.
        slices = min(os.cpu_count() or 1, MAX_THREADS, max(1, len(matrix) // MIN_ROWS_PER_THREAD))
        if slices == 1:
            return self._predict(matrix)
        with ThreadPoolExecutor(max_workers=slices) as pool:
            return np.concatenate(list(pool.map(self._predict, np.array_split(matrix, slices))))

    def _predict(self, matrix: np.ndarray) -> np.ndarray:
        with one_openmp_thread():
            return self.estimator.predict_proba(matrix)[:, 1]


def save_model(estimator, folder: Path, meta: dict) -> None:
    """Write the estimator (skops) and its metadata (JSON, with the feature names) into ``folder``."""
    dump_skops(estimator, folder / MODEL_FILE)
    meta = {**meta, "feature_names": list(FEATURE_NAMES)}
    write_atomically(folder / META_FILE, (json.dumps(meta, indent=2, sort_keys=False) + "\n").encode("utf-8"))


def model_provenance(folder: Path | None = None) -> dict[str, object]:
    """What the run manifest records of the matcher: its files, sha256 and version (the first 12 hex digits of
    the estimator file's sha256: any retraining changes it), the estimator and the library it was trained with,
    and the scoring gates: their file's sha256 and whether they were used (only when fitted for this estimator)."""
    folder = Path(folder) if folder else bundled_model_dir()
    skops_path, meta_path = folder / MODEL_FILE, folder / META_FILE
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
    sha = file_sha256(skops_path) if skops_path.is_file() else None
    return {
        "name": "name matcher",
        "path": str(skops_path),
        "version": sha[:12] if sha else None,
        "sha256": sha,
        "metadata_sha256": file_sha256(meta_path) if meta_path.is_file() else None,
        "estimator": meta.get("model"),
        "scikit_learn": (meta.get("versions") or {}).get("scikit-learn"),
        "features": len(meta.get("feature_names") or ()),
        **_gate_provenance(folder, sha),
    }


def _gate_provenance(folder: Path, model_sha256: str | None) -> dict[str, object]:
    gate_meta_path, gate_models_path = folder / GATE_FILE, folder / GATE_MODELS
    if not gate_meta_path.is_file() or not gate_models_path.is_file():
        return {"gate_sha256": None, "gate_used": False}
    try:
        fitted_for = json.loads(gate_meta_path.read_text(encoding="utf-8")).get("model_sha256")
    except (OSError, ValueError):
        fitted_for = None
    return {
        "gate_sha256": file_sha256(gate_models_path),
        "gate_used": model_sha256 is not None and fitted_for == model_sha256,
    }


def load_model(folder: Path | None = None) -> MatchModel:
    """Load and check a saved matcher; ModelError when it is missing, unsafe, or built for other features."""
    folder = Path(folder) if folder else bundled_model_dir()
    meta = _read_meta(folder / META_FILE)
    check_feature_names(meta.get("feature_names"), folder / META_FILE)
    estimator = _read_estimator(folder / MODEL_FILE)
    gate = load_gate(folder, file_sha256(folder / MODEL_FILE))
    return MatchModel(estimator=estimator, feature_names=FEATURE_NAMES, meta=meta, gate=gate)


def _read_meta(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(
            f"match model metadata not found: {path}.",
            hint="Reinstall screener, or retrain with `python scripts/train_matcher.py`.",
        ) from None
    except (OSError, ValueError) as error:
        raise ModelError(f"cannot read match model metadata {path}: {error}.") from None


def check_feature_names(saved, source: Path | str) -> None:
    """Refuse a model trained on features other than the code's (different names or a different order)."""
    if list(saved or []) != list(FEATURE_NAMES):
        missing = sorted(set(FEATURE_NAMES) - set(saved or []))
        extra = sorted(set(saved or []) - set(FEATURE_NAMES))
        raise ModelError(
            f"match model {source} was trained on other features than this version of screener computes "
            f"(missing: {', '.join(missing) or 'none'}; unknown: {', '.join(extra) or 'none'}; "
            "or a different order).",
            hint="Retrain it with `python scripts/train_matcher.py` or install the matching screener version.",
        )


def _read_estimator(path: Path):
    if not path.is_file():
        raise ModelError(
            f"match model not found: {path}.", hint="Retrain with `python scripts/train_matcher.py`."
        )
    try:
        return load_skops(
            path, what="match model ", hint="Only models made by scripts/train_matcher.py can be loaded."
        )
    except NotSkopsFile as error:
        raise ModelError(f"cannot load match model {path}: not a skops file.", hint=RETRAIN_HINT) from error
    except ModelError:
        raise
    except Exception as error:  # skops raises many kinds for a broken or foreign file
        raise ModelError(f"cannot load match model {path}: {type(error).__name__}: {error}.") from None
