"""Work that runs the whole pipeline and then a stage on its result: training the supplier risk model on a
labelled supplier file. It lives above the pipeline so that no stage imports the pipeline (tests/test_layering.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from screener.pipeline import screen
from screener.risk.training import TrainingReport, check_output_free, train_on_screening


def train_from_file(
    path: str | Path,
    *,
    label_column: str,
    output: str | Path,
    rules: Sequence[str | Path] | None = None,
    lists: Sequence[str | Path] = (),
    folds: int = 5,
    seed: int = 0,
    force: bool = False,
    as_of: dt.date | None = None,
    notice: str | None = None,
    max_iter: int = 150,
    importance_repeats: int = 5,
    progress: Callable[[str], None] | None = None,
) -> TrainingReport:
    """Screen ``path``, train on its labelled rows, write model.skops + model.json + MODEL_CARD.md to ``output``."""
    check_output_free(output, force)
    # model=False: training must not depend on (or spend time scoring with) an existing model
    screening = screen([path], lists=lists, rules=rules, apply_reviews=False, model=False, progress=progress)
    return train_on_screening(
        screening,
        path,
        label_column=label_column,
        output=output,
        folds=folds,
        seed=seed,
        as_of=as_of,
        notice=notice,
        max_iter=max_iter,
        importance_repeats=importance_repeats,
        progress=progress,
    )
