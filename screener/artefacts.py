"""Model artefacts on disk, for both models (the match classifier and the supplier risk model).

A skops file is loaded only when every type it holds is on one exact allow-list (never pickle, never a type
trusted by its module prefix), and every artefact file is written atomically (a temporary file in the same
folder, then a rename), so a crash or a full disk never leaves half a model where the last good one was.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from screener.atomic import write_atomically
from screener.errors import ModelError

# Every type a saved model may hold beyond skops' defaults: what the gradient-boosting classifiers, their
# calibration and their metadata are made of. Anything else in a file is refused before it is loaded.
TRUSTED_TYPES = frozenset(
    {
        "builtins.dict",
        "builtins.list",
        "builtins.str",
        "builtins.float",
        "builtins.int",
        "builtins.tuple",
        "numpy.dtype",
        "numpy.ndarray",
        "numpy.float64",
        "numpy.int64",
        "numpy.random.mtrand.RandomState",
        "numpy.random._mt19937.MT19937",
        "sklearn._loss.link.Interval",
        "sklearn._loss.link.LogitLink",
        "sklearn._loss.loss.HalfBinomialLoss",
        "sklearn.calibration.CalibratedClassifierCV",
        "sklearn.calibration._CalibratedClassifier",
        "sklearn.calibration._SigmoidCalibration",
        "sklearn.ensemble._hist_gradient_boosting.binning._BinMapper",
        "sklearn.ensemble._hist_gradient_boosting.gradient_boosting.HistGradientBoostingClassifier",
        "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
        "sklearn.model_selection._split.StratifiedKFold",
        "sklearn.preprocessing._label.LabelEncoder",
        "collections.OrderedDict",
    }
)


class NotSkopsFile(ModelError):
    """The file is not a skops archive at all (a pickle, a truncated download, another format)."""


NOT_SKOPS_HINT = "screener loads models only from skops files, never pickle: retrain with `screener train`."


def untrusted_types(path: Path, hint: str = NOT_SKOPS_HINT) -> list[str]:
    """The types of a skops file that skops does not trust by default (read from the archive, nothing loaded)."""
    if not zipfile.is_zipfile(path):  # before importing skops and scikit-learn (seconds)
        raise NotSkopsFile(f"{path} is not a skops model file (BadZipFile).", hint=hint)
    # skops imports scikit-learn (seconds): only when a model is read or written, never for `screener --help`.
    import skops.io as sio

    try:
        return sio.get_untrusted_types(file=path)
    except (zipfile.BadZipFile, KeyError, ValueError, json.JSONDecodeError, TypeError) as error:
        raise NotSkopsFile(
            f"{path} is not a skops model file ({type(error).__name__}).", hint=hint
        ) from error


def trusted_types(path: Path, *, what: str, hint: str) -> list[str]:
    """The file's types beyond skops' defaults, after checking every one is in TRUSTED_TYPES (ModelError naming
    the others otherwise)."""
    found = untrusted_types(path)
    refused = sorted(set(found) - TRUSTED_TYPES)
    if refused:
        raise ModelError(
            f"{what}{path} contains types screener does not trust: {', '.join(refused)}.", hint=hint
        )
    return found


def load_skops(path: Path, *, what: str = "", hint: str):
    """The object in a skops file whose types are all trusted (see :func:`trusted_types`); skops' own errors for
    a damaged archive pass through for the caller to word."""
    import skops.io as sio

    return sio.load(path, trusted=trusted_types(path, what=what, hint=hint))


def dump_skops(value, path: Path) -> None:
    """``value`` as a skops file at ``path``, written atomically."""
    import skops.io as sio

    write_atomically(path, sio.dumps(value))
