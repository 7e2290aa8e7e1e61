"""The decisions file: vocabulary, history, which decision holds."""

import polars as pl
import pytest

from screener.errors import ScreenerError
from screener.review.decisions import (
    DECISION_SCHEMA,
    append_decisions,
    canonical_decision,
    decisions_path,
    latest_decisions,
    load_decisions,
    new_decisions,
)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("false positive", "false positive"),
        ("False Positive ", "false positive"),
        ("FP", "false positive"),
        ("false_positive", "false positive"),
        ("Confirmed", "confirmed"),
        ("needs info", "needs information"),
        ("", None),
        (None, None),
        ("maybe", None),
    ],
)
def test_canonical_decision(typed, meant):
    assert canonical_decision(typed) == meant


def decision(entity="e1", value="false positive", note=None, reviewer="A", on="2025-01-02") -> dict:
    record = dict.fromkeys(DECISION_SCHEMA)
    record.update(
        supplier_fingerprint="acme|CN|1", list_id="uflpa", entity_id=entity, decision=value, note=note,
        reviewer=reviewer, decided_on=on, entry_fingerprint="f1",
    )  # fmt: skip
    return record


def frame(*records) -> pl.DataFrame:
    return pl.DataFrame(list(records), schema=DECISION_SCHEMA, orient="row")


def test_history_appended_and_latest_holds(tmp_path):
    append_decisions(frame(decision(), decision("e2", "confirmed")), tmp_path)
    append_decisions(frame(decision(value="confirmed", on="2025-02-01")), tmp_path)
    history = load_decisions(tmp_path)
    assert history.height == 3
    latest = latest_decisions(history).sort("entity_id")
    assert latest.get_column("decision").to_list() == ["confirmed", "confirmed"]
    assert latest.get_column("decided_on").to_list() == ["2025-02-01", "2025-01-02"]


def test_only_changes_are_new():
    stored = frame(decision())
    assert new_decisions(frame(decision()), stored).is_empty()
    assert new_decisions(frame(decision(note="checked")), stored).height == 1
    changed = new_decisions(frame(decision(value="confirmed")), stored)
    assert changed.height == 1
    assert (
        changed.item(0, "decided_on") != "2025-01-02"
    )  # a changed decision left with the old date is dated today


def test_broken_line_names_the_file_and_line(tmp_path):
    append_decisions(frame(decision()), tmp_path)
    with decisions_path(tmp_path).open("a") as out:
        out.write("{not json\n")
    with pytest.raises(ScreenerError, match="decisions.jsonl: line 2 is not valid JSON"):
        load_decisions(tmp_path)
