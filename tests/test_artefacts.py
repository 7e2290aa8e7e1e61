"""One skops loader for both models: an exact allow-list of types (no trust by module prefix) and atomic writes."""

from __future__ import annotations

from collections import Counter

import pytest

from screener.artefacts import TRUSTED_TYPES, dump_skops, load_skops
from screener.atomic import write_atomically
from screener.errors import ModelError
from screener.match import classifier
from screener.risk import model as risk_model


def _foreign_model(path):
    """A file holding a type neither trainer makes, which the matcher once trusted by its 'collections.' prefix."""
    dump_skops({"estimator": Counter({"a": 1})}, path)
    return path


def test_both_models_use_the_one_allow_list():
    assert risk_model.ALLOWED_TYPES is TRUSTED_TYPES
    assert not hasattr(classifier, "TRUSTED_PREFIXES")


def test_the_match_model_loader_refuses_a_type_off_the_list(tmp_path):
    path = _foreign_model(tmp_path / "matcher.skops")
    with pytest.raises(
        ModelError, match=r"match model .*matcher.skops contains types screener does not trust: "
    ):
        classifier._read_estimator(path)
    with pytest.raises(ModelError, match="collections.Counter"):
        load_skops(path, hint="retrain")


def test_the_bundled_match_model_holds_only_listed_types():
    loaded = classifier.load_model()
    assert loaded.estimator is not None


def test_a_failed_write_leaves_the_earlier_file_and_no_temporary(tmp_path):
    path = tmp_path / "model.skops"
    write_atomically(path, b"the model that works")
    with pytest.raises(TypeError):
        write_atomically(path, "not bytes")  # type: ignore[arg-type]
    assert path.read_bytes() == b"the model that works"
    assert [p.name for p in tmp_path.iterdir()] == ["model.skops"]


def test_a_file_that_is_not_skops_is_named(tmp_path):
    path = tmp_path / "model.skops"
    path.write_bytes(b"\x80\x04pickle")
    with pytest.raises(ModelError, match="is not a skops model file"):
        load_skops(path, hint="retrain")
