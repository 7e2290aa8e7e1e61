"""Training on a screened, labelled supplier file: read the outcome column, train, write model and card.

Labels are outcomes a company knows: audits that found forced-labour indicators, detained shipments, confirmed
cases, or a reviewer's decision in an earlier report (Decision: confirmed / false positive).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from screener.contracts import Screening
from screener.errors import InputFileError, ModelError, OutputError, option
from screener.risk.card import render_card
from screener.risk.features import supplier_features
from screener.risk.model import SupplierRiskModel, file_sha256, model_paths, save_model, train
from screener.schema import (
    CANONICAL_SUPPLIER_FIELDS,
    COUNTRY_CODE,
    ROW_ID,
    SOURCE_FILE,
    SOURCE_ROW,
    SOURCE_SHEET,
    TYPED_VALUE_COLUMNS,
    WORKER_VOICE_FIELDS,
)

POSITIVE_LABELS = frozenset(
    {
        "1",
        "yes",
        "y",
        "true",
        "t",
        "x",
        "confirmed",
        "positive",
        "found",
        "forced labour",
        "forced labor",
        "ja",
        "oui",
        "si",
        "sí",
    }
)
NEGATIVE_LABELS = frozenset(
    {"0", "no", "n", "false", "f", "false positive", "cleared", "negative", "not found", "nein", "non"}
)
UNKNOWN_LABELS = frozenset({"", "needs information", "unknown", "n/a", "na", "pending", "open", "?", "-"})


@dataclass
class TrainingReport:
    """What ``screener train`` produced."""

    model: SupplierRiskModel
    model_path: Path
    card_path: Path
    card: str


def label_value(value: object) -> int | None:
    """An outcome cell -> 1 (positive), 0 (negative) or None (no label yet); ValueError when unreadable."""
    if value is None:
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        if value in (0, 1):
            return int(value)
        raise ValueError(value)
    key = re.sub(r"\s+", " ", str(value).strip().casefold())
    if key in POSITIVE_LABELS:
        return 1
    if key in NEGATIVE_LABELS:
        return 0
    if key in UNKNOWN_LABELS:
        return None
    raise ValueError(value)


def find_label_column(suppliers: pl.DataFrame, wanted: str, source: str) -> str:
    """The supplier column named ``wanted`` (exact, then ignoring case and spacing); else a clear error."""
    if wanted in suppliers.columns:
        return wanted
    key = re.sub(r"\s+", " ", wanted.strip().casefold())
    for column in suppliers.columns:
        if re.sub(r"\s+", " ", column.strip().casefold()) == key:
            return column
    derived = {ROW_ID, SOURCE_FILE, SOURCE_SHEET, SOURCE_ROW, COUNTRY_CODE}
    derived |= set(CANONICAL_SUPPLIER_FIELDS) | set(WORKER_VOICE_FIELDS) | set(TYPED_VALUE_COLUMNS)
    headers = [column for column in suppliers.columns if column not in derived] or suppliers.columns
    raise InputFileError(
        f"{source}: no label column {wanted!r}. Columns: {', '.join(headers)}.",
        hint=f"Pass the outcome column's header with {option('label_column')}.",
    )


def read_labels(suppliers: pl.DataFrame, column: str, source: str) -> list[int | None]:
    """Every supplier's label; all unreadable values are reported at once with their Excel rows."""
    labels, problems = [], []
    rows = (
        suppliers.get_column("source_row").to_list()
        if "source_row" in suppliers.columns
        else [None] * len(suppliers)
    )
    for row, value in zip(rows, suppliers.get_column(column).to_list(), strict=True):
        try:
            labels.append(label_value(value))
        except ValueError:
            labels.append(None)
            problems.append(f"row {row}: {str(value)[:40]!r}")
    if problems:
        shown = "; ".join(problems[:5]) + (f" and {len(problems) - 5} more" if len(problems) > 5 else "")
        raise InputFileError(
            f"{source}, column {column!r}: {len(problems)} label(s) are not an outcome ({shown}).",
            hint="Use yes/no, 1/0, true/false or confirmed/false positive; leave unknown outcomes blank.",
        )
    return labels


def check_output_free(output: str | Path, force: bool) -> None:
    """Refuse before any work when the model file exists and ``force`` is not given."""
    skops_path, _, _ = model_paths(output)
    if skops_path.exists() and not force:
        raise OutputError(
            f"{skops_path} already exists.",
            hint=f"Use {option('force', 'True')} to overwrite it, or another path with {option('output')}.",
        )


def train_on_screening(
    screening: Screening,
    path: str | Path,
    *,
    label_column: str,
    output: str | Path,
    folds: int = 5,
    seed: int = 0,
    as_of: dt.date | None = None,
    notice: str | None = None,
    max_iter: int = 150,
    importance_repeats: int = 5,
    progress: Callable[[str], None] | None = None,
) -> TrainingReport:
    """Train on the labelled rows of ``screening`` (the screening of the file ``path``), write model.skops +
    model.json + MODEL_CARD.md to ``output`` (screener.workflows.train_from_file screens the file first)."""
    say = progress or (lambda _msg: None)
    path = Path(path)
    _, _, card_path = model_paths(output)
    suppliers = screening.suppliers
    column = find_label_column(suppliers, label_column, str(path))
    labels = read_labels(suppliers, column, str(path))
    known = pl.Series([label is not None for label in labels])
    say(f"building features for {int(known.sum())} labelled suppliers")
    features = supplier_features(suppliers, screening.matches, screening.hits, as_of=as_of).filter(known)
    data = {
        "file": path.name,
        "sha256": file_sha256(path),
        "label_column": column,
        "rows_in_file": screening.rows_in,
        "rows_rejected": screening.rejected.height,
        "rows_screened": suppliers.height,
        "rows_unlabelled_skipped": int((~known).sum()),
        "as_of": (as_of or dt.date.today()).isoformat(),
        "lists": [f"{info.list_id} {getattr(info, 'version', '')}".strip() for info in screening.lists.lists],
    }
    say(f"training with {folds}-fold cross-validation")
    try:
        model = train(
            features,
            [label for label in labels if label is not None],
            folds=folds,
            seed=seed,
            max_iter=max_iter,
            importance_repeats=importance_repeats,
            data=data,
        )
    except ModelError as error:
        raise ModelError(f"{path}: {error.message}", hint=error.hint) from error
    card = render_card(model.metadata, notice=notice)
    written = save_model(model, output, card=card)
    return TrainingReport(model, written, card_path, card)
