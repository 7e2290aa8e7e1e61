"""Train the bundled default supplier-risk model on the synthetic training sample, reproducibly.

    python scripts/make_sample_data.py        # (re)makes sample_data/training/labelled_suppliers.xlsx
    python scripts/train_default_model.py     # writes models/supplier_risk/{model.skops,model.json,MODEL_CARD.md}

The labels are SYNTHETIC (see sample_data/training/README.md); the card says so first.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import random
import sys
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
TRAINING_FILE = ROOT / "sample_data" / "training" / "labelled_suppliers.xlsx"
LABEL_COLUMN = "Forced Labour Finding"
OUTPUT = ROOT / "models" / "supplier_risk"
AS_OF = dt.date(2026, 6, 30)  # the export date of the sample, so audit ages do not drift with the calendar
SEED = 0


def _sample_script():
    spec = importlib.util.spec_from_file_location(
        "make_sample_data", ROOT / "scripts" / "make_sample_data.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def oracle_auc() -> float:
    """ROC AUC of the generating formula itself (knows the weights, not the noise): the ceiling for any model."""
    from sklearn.metrics import roc_auc_score

    sample = _sample_script()
    suppliers = sample.training_suppliers(random.Random(sample.TRAINING_SEED))
    tiers = sample._tip_tiers()
    truth = [sample.outcome_probability(s, tiers, 0.0) for s in suppliers]
    labels = pl.read_excel(
        TRAINING_FILE, sheet_name="Vendor master", read_options={"header_row": 4}, infer_schema_length=0
    ).get_column(LABEL_COLUMN)
    pairs = [(t, label == "Yes") for t, label in zip(truth, labels.to_list(), strict=True) if label]
    return float(roc_auc_score([y for _, y in pairs], [t for t, _ in pairs]))


def notice(oracle: float) -> str:
    return f"""> **The labels this model was trained on are SYNTHETIC.** No supplier in the training file was found to use
> forced labour by anyone. The file (`sample_data/training/labelled_suppliers.xlsx`, 1,500 suppliers made by
> `scripts/make_sample_data.py`) draws each outcome from a logistic formula over the supplier's own risk factors
> (listed entity, DOL country x good, US TIP tier, ILO indicators in the audit findings, audit result, grievance
> mechanism, recruitment fees, migrant share, survey score) plus Gaussian noise; the weights are in
> `sample_data/training/README.md`.
>
> **What the metrics below mean under that:** they measure how well the pipeline (lists, rules, features, model)
> recovers a formula that was written to depend on the same facts it reads. A model that knew the formula's
> weights but not its noise would reach ROC AUC {oracle:.3f} on these labels. The numbers say the code works;
> they say nothing about how well any model predicts forced labour in the real world.
>
> **Train your own model on your own outcomes** before you rely on the model probability: audits that found
> forced-labour indicators, detained or excluded shipments, confirmed cases, or the Decision column of reports
> your reviewers worked through (`screener train reviewed-report.xlsx --label-column Decision -o models/ours`).
> Until then the rule score, not this model, should drive decisions."""


def main() -> None:
    from screener.workflows import train_from_file

    oracle = oracle_auc()
    report = train_from_file(
        TRAINING_FILE,
        label_column=LABEL_COLUMN,
        output=OUTPUT,
        seed=SEED,
        force=True,
        as_of=AS_OF,
        notice=notice(oracle),
        progress=lambda msg: print(f"  {msg}...", file=sys.stderr),
    )
    cv = report.model.metadata["cross_validation"]
    print(
        f"oracle ROC AUC {oracle:.3f}; cross-validated ROC AUC {cv['roc_auc']:.3f}, PR AUC {cv['pr_auc']:.3f}, "
    )
    print(f"Brier {cv['brier']:.4f}; written to {report.model_path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
