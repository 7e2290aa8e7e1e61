"""Reading outcome labels for training, and the bundled model's card."""

from __future__ import annotations

import json

import polars as pl
import pytest

from screener.data import models_dir
from screener.errors import InputFileError
from screener.risk.training import find_label_column, label_value, read_labels


@pytest.mark.parametrize(
    ("value", "label"),
    [("Yes", 1), ("confirmed", 1), ("Confirmed ", 1), ("TRUE", 1), (1, 1), (1.0, 1), (True, 1), ("x", 1),
     ("No", 0), ("false positive", 0), ("False  Positive", 0), ("cleared", 0), (0, 0), (False, 0), ("nein", 0),
     (None, None), ("", None), ("needs information", None), ("n/a", None), ("pending", None)],
)  # fmt: skip
def test_label_values(value, label):
    assert label_value(value) == label


@pytest.mark.parametrize("value", ["maybe", "2", 2, 0.5, "yes please"])
def test_unreadable_label_values(value):
    with pytest.raises(ValueError):
        label_value(value)


def test_label_column_found_ignoring_case_and_spacing():
    suppliers = pl.DataFrame({"row_id": [1], "Forced  Labour Finding": ["Yes"]})
    assert find_label_column(suppliers, "forced labour finding", "f.xlsx") == "Forced  Labour Finding"
    with pytest.raises(
        InputFileError, match=r"f.xlsx: no label column 'Outcome'. Columns: Forced  Labour Finding"
    ):
        find_label_column(suppliers, "Outcome", "f.xlsx")


def test_every_unreadable_label_reported_at_once():
    suppliers = pl.DataFrame(
        {"source_row": range(6, 14), "Outcome": ["a", "Yes", "b", "c", "d", "e", "g", "No"]}
    )
    with pytest.raises(
        InputFileError, match=r"6 label\(s\) are not an outcome \(row 6: 'a'; row 8: 'b'.* and 1 more\)"
    ):
        read_labels(suppliers, "Outcome", "f.xlsx")


def test_bundled_card_says_first_that_labels_are_synthetic_and_matches_the_sidecar():
    folder = models_dir() / "supplier_risk"
    card = (folder / "MODEL_CARD.md").read_text(encoding="utf-8")
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    opening = card.split("## What it predicts")[0]
    assert "SYNTHETIC" in opening and "Train your own model on your own outcomes" in opening
    cv = meta["cross_validation"]
    assert f"| ROC AUC | {cv['roc_auc']:.3f}" in card and f"| Brier score | {cv['brier']:.4f}" in card
    assert f"| sha256 | {meta['data']['sha256']} |" in card
