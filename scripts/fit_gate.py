"""Fit the scoring cascade's gates (screener/match/gate.py) for the match model in models/matcher.

    python scripts/build_match_training.py   # the training pairs, if build/ does not hold them yet
    python scripts/fit_gate.py               # writes models/matcher/gate.skops and gate.json, refreshes the card

scripts/train_matcher.py runs the same step after each retraining (a gate belongs to one model file: the engine
ignores gates fitted for another). Each gate is a small gradient-boosted classifier over some pair features,
taught which training and holdout pairs the full model gives probability >= LABEL_PROBABILITY; its threshold is
the lowest score of any pair the full model gives >= SAFE_PROBABILITY (0.3, below the review band), so no such
pair is stopped. Deterministic: fixed seed, the pairs in their file order.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from screener.artefacts import dump_skops, write_atomically  # noqa: E402
from screener.data import file_sha256  # noqa: E402
from screener.match.classifier import MODEL_FILE, load_model  # noqa: E402
from screener.match.features import FEATURE_NAMES  # noqa: E402
from screener.match.gate import GATE_FILE, GATE_MODELS, SAFE_PROBABILITY  # noqa: E402

SEED = 20260415
# The gate models learn which pairs the full model gives at least this (a little below SAFE_PROBABILITY, so
# the pairs near the threshold are among those they learn to pass).
LABEL_PROBABILITY = 0.1
# Gate 1 reads only features that cost little (no word tables): the 3-gram cosine from candidate generation,
# three character similarities of the keys and flags. Partial, prefix, sorted-token and spaceless ratios were
# left out: each costs as much as the others, and without them the gate passed fewer of the shared 100k
# workbook's pairs at the same safety margin (0.42 of them against 0.50 with all 16), none at or above 0.3.
CHEAP_FEATURES = (
    "ngram_cosine",
    "name_ratio",
    "token_set_ratio",
    "jaro_winkler",
    "length_ratio",
    "supplier_at_field_limit",
    "country_agreement",
    "legal_form_agreement",
    "is_alias",
    "non_latin_supplier",
    "acronym_match",
    "number_mismatch",
)
# (trees, depth) of each gate: gate 1 over CHEAP_FEATURES, gate 2 over every feature.
GATE_SHAPES = ((30, 4), (40, 5))


def fit_gates(pairs: pl.DataFrame, folder: Path) -> dict:
    """Fit both gates for the model in ``folder`` on ``pairs`` (f_ feature columns, every split), write
    gate.skops and gate.json there, and return the summary written to gate.json."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    model = load_model(folder)
    probability = model.probability(pairs)
    labels = (probability >= LABEL_PROBABILITY).astype(int)
    safe = probability >= SAFE_PROBABILITY
    cheap = tuple(name for name in CHEAP_FEATURES if name in FEATURE_NAMES)
    estimators, stages = [], []
    alive = np.ones(pairs.height, dtype=bool)
    for features, (trees, depth) in zip((cheap, FEATURE_NAMES), GATE_SHAPES, strict=True):
        matrix = np.ascontiguousarray(pairs.select([f"f_{name}" for name in features]).to_numpy())
        estimator = HistGradientBoostingClassifier(
            max_iter=trees,
            max_depth=depth,
            learning_rate=0.2,
            class_weight="balanced",
            early_stopping=False,
            random_state=SEED,
        ).fit(matrix, labels)
        score = estimator.decision_function(matrix)
        threshold = float(score[safe].min()) if safe.any() else float(score.max())
        passes = score >= threshold
        estimators.append(estimator)
        stages.append(
            {
                "features": list(features),
                "trees": trees,
                "depth": depth,
                "threshold": threshold,
                "pairs_passing": round(float(passes.mean()), 4),
                "pairs_passing_after_earlier_gates": round(
                    float((passes & alive).sum() / max(alive.sum(), 1)), 4
                ),
            }
        )
        alive &= passes
    summary = {
        "model_sha256": file_sha256(folder / MODEL_FILE),
        "safe_probability": SAFE_PROBABILITY,
        "label_probability": LABEL_PROBABILITY,
        "fitted_on": {
            "pairs": pairs.height,
            "pairs_at_or_above_safe_probability": int(safe.sum()),
            "highest_probability_stopped": round(float(probability[~alive].max()), 4)
            if (~alive).any()
            else None,
            "pairs_passing_every_gate": round(float(alive.mean()), 4),
        },
        "stages": stages,
    }
    dump_skops(estimators, folder / GATE_MODELS)
    write_atomically(folder / GATE_FILE, (json.dumps(summary, indent=2) + "\n").encode("utf-8"))
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=ROOT / "build" / "match_training" / "pairs.parquet")
    parser.add_argument("--out", type=Path, default=ROOT / "models" / "matcher")
    args = parser.parse_args()
    if not args.pairs.is_file():
        sys.exit(f"{args.pairs} not found: run `python scripts/build_match_training.py` first.")
    summary = fit_gates(pl.read_parquet(args.pairs), args.out)
    from scripts.train_matcher import write_card

    write_card(args.out)
    print(
        json.dumps(summary["fitted_on"]),
        *(json.dumps({k: v for k, v in s.items() if k != "features"}) for s in summary["stages"]),
        sep="\n",
    )


if __name__ == "__main__":
    main()
