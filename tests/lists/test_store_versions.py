"""Pinning a stored list version and rolling back: an audit re-run reproduces an earlier screening."""

import json

import polars as pl
import pytest

from screener import screen
from screener.errors import ListError
from screener.lists import load_lists
from screener.lists.store import (
    import_list,
    lists_root,
    pinned_version,
    read_manifest,
    rollback_list,
    use_version,
)

V1 = "name,country\nAksu Redstone Textile Co Ltd,CN\nBlue Harbor Cotton Trading Co,CN\n"
V2 = "name,country\nBlue Harbor Cotton Trading Co,CN\nKashgar Sunrise Garment Co,CN\n"
SUPPLIERS = (
    "Vendor Name,Country\n"
    "Aksu Redstone Textile Co Ltd,CN\n"
    "Blue Harbor Cotton Trading Co,CN\n"
    "Kashgar Sunrise Garment Co,CN\n"
)


@pytest.fixture
def files(tmp_path):
    for name, text in (("v1/our-list.csv", V1), ("v2/our-list.csv", V2), ("suppliers.csv", SUPPLIERS)):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def _hits(path) -> list[tuple]:
    matches = screen([path], include_default_lists=False, model=False, apply_reviews=False).matches
    return matches.select("row_id", "entity_id", "matched_name", "band").sort("row_id").rows()


def _manifest():
    return read_manifest(lists_root() / "our-list")


def test_a_pinned_version_reproduces_the_earlier_screening_after_a_newer_import(files):
    first = import_list(files / "v1" / "our-list.csv", fmt="csv", list_id="our-list")
    earlier = _hits(files / "suppliers.csv")
    assert [hit[2] for hit in earlier] == ["Aksu Redstone Textile Co Ltd", "Blue Harbor Cotton Trading Co"]
    import_list(files / "v2" / "our-list.csv", fmt="csv", list_id="our-list")  # the publisher's newer file
    assert _hits(files / "suppliers.csv") != earlier
    record = use_version("our-list", first.sha256[:8])
    assert record["sha256"] == first.sha256
    assert _hits(files / "suppliers.csv") == earlier
    assert _manifest()["pinned"]["sha256"] == first.sha256  # recorded in the manifest
    lists = load_lists(include_default=False)
    info = next(i for i in lists.lists if i.list_id == "our-list")
    assert info.sha256 == first.sha256  # and in every report's run manifest (Method sheet)
    assert next(p for p in lists.provenance() if p["list_id"] == "our-list")["pinned"] is True
    use_version("our-list", "latest")
    assert load_lists(include_default=False).provenance()[0]["pinned"] is False


def test_an_import_while_pinned_is_stored_but_not_used(files):
    first = import_list(files / "v1" / "our-list.csv", fmt="csv", list_id="our-list")
    use_version("our-list", first.sha256[:12])
    stored = import_list(files / "v2" / "our-list.csv", fmt="csv", list_id="our-list")
    assert stored.extra["pinned_to"]["sha256"] == first.sha256
    assert [v["sha256"] for v in _manifest()["versions"]] == [first.sha256, stored.sha256]
    assert _manifest()["current"] == _manifest()["versions"][0]["folder"]
    use_version("our-list", "latest")
    assert pinned_version("our-list") is None
    assert _manifest()["current"] == _manifest()["versions"][1]["folder"]


def test_rollback_returns_to_the_previous_version_and_pins_it(files):
    first = import_list(files / "v1" / "our-list.csv", fmt="csv", list_id="our-list")
    second = import_list(files / "v2" / "our-list.csv", fmt="csv", list_id="our-list")
    before, after = rollback_list("our-list")
    assert (before["sha256"], after["sha256"]) == (second.sha256, first.sha256)
    assert pinned_version("our-list")["sha256"] == first.sha256
    with pytest.raises(ListError, match="has no version before"):
        rollback_list("our-list")


def test_rollback_of_an_imported_bundled_list_returns_to_the_bundled_copy(fixtures):
    bundled = next(i for i in load_lists().lists if i.list_id == "ofac-sdn")
    import_list(fixtures / "ofac_raw", fmt="ofac", list_id="ofac-sdn")
    assert next(i for i in load_lists().lists if i.list_id == "ofac-sdn").entity_count == 5
    before, after = rollback_list("ofac-sdn")
    assert after["bundled"] and after["sha256"] == bundled.sha256
    ofac = next(i for i in load_lists().lists if i.list_id == "ofac-sdn")
    assert (ofac.sha256, ofac.extra["origin"], ofac.extra["pinned"]) == (bundled.sha256, "bundled", True)
    use_version("ofac-sdn", "latest")
    assert next(i for i in load_lists().lists if i.list_id == "ofac-sdn").entity_count == 5


def test_an_ambiguous_or_unknown_version_names_the_stored_ones(files):
    import_list(files / "v1" / "our-list.csv", fmt="csv", list_id="our-list")
    second = import_list(files / "v2" / "our-list.csv", fmt="csv", list_id="our-list")
    # a custom list's version is its file's date: both files were written today
    with pytest.raises(ListError, match=r"names several stored versions of our-list\. Stored: "):
        use_version("our-list", second.version)
    with pytest.raises(ListError, match=r"'1999-01-01' is not a stored version of our-list"):
        use_version("our-list", "1999-01-01")
    with pytest.raises(ListError, match="no list with id 'nope'"):
        use_version("nope", "latest")


def test_a_bundled_list_never_updated_has_nothing_to_pin():
    with pytest.raises(ListError, match="'uflpa' has only the version it shipped with"):
        rollback_list("uflpa")


def test_manifest_pin_is_plain_json(files):
    first = import_list(files / "v1" / "our-list.csv", fmt="csv", list_id="our-list")
    use_version("our-list", first.sha256[:8])
    raw = json.loads((lists_root() / "our-list" / "manifest.json").read_text(encoding="utf-8"))
    assert set(raw["pinned"]) == {"folder", "version", "sha256", "pinned_at"}
    assert pl.Series([raw["pinned"]["folder"]]).str.ends_with(first.sha256[:12]).all()
