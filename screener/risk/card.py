"""The model card: what a trained supplier-risk model is, what it was trained on and how good it measured.

Rendered from the model's metadata only (the same dict the JSON sidecar holds), so the card can never disagree with
the model it describes.
"""

from __future__ import annotations


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


def _performance(cv: dict) -> list[str]:
    folds = cv["roc_auc_per_fold"]
    spread = f"{min(folds):.3f}-{max(folds):.3f}" if folds else "n/a"
    return [
        f"Measured by {cv['folds']}-fold stratified cross-validation: every supplier is scored by a model (boosting and "
        "calibration refitted) that did not see it. Numbers are on those out-of-fold probabilities.",
        "",
        *_table(
            ["metric", "value", "what it means"],
            [
                [
                    "ROC AUC",
                    f"{cv['roc_auc']:.3f} (folds {spread})",
                    "chance that a positive supplier is ranked above a negative one; 0.5 = coin flip",
                ],
                [
                    "PR AUC (average precision)",
                    f"{cv['pr_auc']:.3f} (base rate {cv['base_rate']:.3f})",
                    "precision averaged over recall levels; compare with the base rate, what random ranking scores",
                ],
                [
                    "Brier score",
                    f"{cv['brier']:.4f} (base-rate forecast {cv['brier_base_rate']:.4f})",
                    "mean squared error of the probabilities; lower is better",
                ],
            ],
        ),
    ]


def _calibration(cv: dict) -> list[str]:
    rows = [
        [
            b["suppliers"],
            f"{b['predicted_from']:.3f}-{b['predicted_to']:.3f}",
            f"{b['mean_predicted']:.3f}",
            f"{b['observed_rate']:.3f}",
            b["positives"],
        ]
        for b in cv["calibration"]
    ]
    return [
        "Suppliers sorted by out-of-fold probability into equal-count bins. A calibrated model's mean predicted "
        "probability matches the observed rate in each bin.",
        "",
        *_table(["suppliers", "predicted range", "mean predicted", "observed rate", "positives"], rows),
    ]


def _importances(metadata: dict) -> list[str]:
    labels = {f["name"]: f["label"] for f in metadata["features"]}
    rows = [
        [item["feature"], labels.get(item["feature"], ""), f"{item['roc_auc_drop']:+.4f}"]
        for item in metadata["cross_validation"]["permutation_importance"]
    ]
    return [
        "Permutation importance on the held-out folds: how much ROC AUC drops when the feature's values are shuffled "
        "(averaged over folds and repeats). Near zero = the model does not rely on it.",
        "",
        *_table(["feature", "in words", "ROC AUC drop"], rows),
    ]


def _features(metadata: dict) -> list[str]:
    arrow = {1: "higher = riskier", -1: "lower = riskier", 0: "learned"}
    rows = [[f["name"], arrow[f["direction"]], f["description"]] for f in metadata["features"]]
    return _table(["feature", "direction (monotonic constraint)", "definition"], rows)


def _data(metadata: dict) -> list[str]:
    names = {
        "lists": "lists screened against",
        "features_absent": "features absent from the file (not learned)",
    }
    rows = [
        [
            names.get(key, key.replace("_", " ")),
            ", ".join(value) or "none" if isinstance(value, list) else value,
        ]
        for key, value in metadata["data"].items()
    ]
    return _table(["", ""], rows)


def render_card(metadata: dict, *, notice: str | None = None) -> str:
    """The model card in Markdown; ``notice`` goes first (e.g. that the labels are synthetic)."""
    model = metadata["model"]
    versions = ", ".join(f"{name} {version}" for name, version in metadata["versions"].items())
    lines = ["# Supplier risk model: model card", ""]
    if notice:
        lines += [notice.strip(), ""]
    lines += [
        "## What it predicts",
        f"The probability that a supplier's outcome in column `{metadata['data'].get('label_column', '?')}` is "
        "positive (1), learned from the features below. It ranks suppliers for review; it is not a finding.",
        "",
        "## Training data",
        *_data(metadata),
        "",
        "## Model",
        f"`{model['estimator']}`, parameters `{model['params']}`.",
        "",
        "Why: histogram gradient boosting reads the mix of probabilities, counts, flags and missing values without "
        "imputation or scaling and captures interactions; each feature's declared direction is a monotonic "
        "constraint, so the model cannot learn that, say, a higher UFLPA match probability lowers risk; "
        "`class_weight='balanced'` makes the rare positive outcomes count; sigmoid calibration on held-out folds "
        "turns the re-weighted scores back into probabilities (isotonic calibration overfits a few hundred positives).",
        "",
        "## Cross-validated performance",
        *_performance(metadata["cross_validation"]),
        "",
        "## Calibration",
        *_calibration(metadata["cross_validation"]),
        "",
        "## Feature importances",
        *_importances(metadata),
        "",
        "## Features",
        *_features(metadata),
        "",
        "## How a supplier's reasons are computed",
        "For each feature, the supplier's probability minus its probability with that feature set to the training "
        "median (the typical supplier's value); the three largest changes are reported, e.g. "
        "`UFLPA match probability 0.97 (+0.41)`. Changes below 0.005 are not reported.",
        "",
        "## Limitations",
        "- The model can only be as good as the outcomes it learned from: outcomes exist mostly where someone looked "
        "(audited, detained, reviewed), so unaudited risk is under-represented.",
        "- A probability is relative to the training population; retrain when your supplier base or the lists change.",
        "- List matches and rule points are inputs: a change of rules or lists changes the features. Retrain after "
        "editing rules weights.",
        "",
        "## Versions",
        f"Trained {metadata['created_at']} with {versions}. Model format `{metadata['format']}`.",
        "",
    ]
    return "\n".join(lines)
