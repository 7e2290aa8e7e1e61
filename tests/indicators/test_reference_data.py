"""The reference tables the rules compile ship with their source and an up-to-date checksum in provenance.json."""

import hashlib
import json

import pytest

from screener.data import DATA_DIR

RULE_TABLES = [
    "reference/hs_dol_goods.csv",
    "reference/goods_synonyms.csv",
    "reference/dol_derived_inputs.csv",
    "reference/xinjiang_places.csv",
    "reference/ilo_indicator_phrases.csv",
]


@pytest.mark.parametrize("name", RULE_TABLES)
def test_table_has_provenance_with_current_checksum(name):
    entries = {e["file"]: e for e in json.loads((DATA_DIR / "provenance.json").read_text(encoding="utf-8"))}
    entry = entries[name]
    assert entry["source"] and entry["licence"] and entry["publisher"]
    assert entry["sha256"] == hashlib.sha256((DATA_DIR / name).read_bytes()).hexdigest(), (
        "update provenance.json"
    )
