"""Issue 19, finding 11: list files that are not what they claim. /dev/zero was read until memory ran out,
deeply nested JSON and wrong FollowTheMoney types were internal errors, a text "name" became one name per letter,
and eight concurrent imports lost a manifest update or crashed on a shared temporary file."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from screener.errors import ListError
from screener.lists.store import ListSource, import_list, lists_root, parse_source, read_manifest


def ftm_line(**properties) -> str:
    return json.dumps({"id": "e1", "schema": "Company", "properties": properties})


def parse_ftm_file(tmp_path, text: str):
    path = tmp_path / "entities.ftm.json"
    path.write_text(text + "\n", encoding="utf-8")
    return parse_source(ListSource(list_id="t", format="ftm", path=path, origin="file"))[0]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused_before_reading():
    with pytest.raises(ListError, match=r"/dev/zero: not a regular file \(a device, pipe or socket\)"):
        import_list("/dev/zero", fmt="csv", list_id="zero")


def test_deeply_nested_json_is_one_clear_error(tmp_path):
    with pytest.raises(ListError, match="line 1: JSON nested too deeply to be an entity"):
        parse_ftm_file(tmp_path, "[" * 100_000 + "]" * 100_000)


def test_wrong_ftm_types_name_the_property(tmp_path):
    with pytest.raises(ListError, match=r"line 1: property 'country' is not a list of texts"):
        parse_ftm_file(tmp_path, ftm_line(name=["Acme Ltd"], country=5))
    with pytest.raises(ListError, match=r"line 1: id is not a text"):
        parse_ftm_file(tmp_path, json.dumps({"id": 7, "schema": "Company", "properties": {}}))


def test_a_text_name_is_one_name_not_one_per_letter(tmp_path):
    entries = parse_ftm_file(tmp_path, ftm_line(name="Acme Ltd", country="cn"))
    assert entries.get_column("name").to_list() == ["Acme Ltd"]
    assert entries.get_column("country_code").to_list() == ["CN"]


def test_concurrent_imports_of_one_list_keep_every_version(tmp_path):
    files = []
    for number in range(8):
        path = tmp_path / f"ours-{number}.csv"
        path.write_text(f"name,country\nSupplier number {number} Ltd,China\n", encoding="utf-8")
        files.append(path)
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda path: import_list(path, fmt="csv", list_id="ours"), files))
    manifest = read_manifest(lists_root() / "ours")
    assert len(manifest["versions"]) == 8
    assert sorted(p.name for p in (lists_root() / "ours").iterdir() if p.suffix == ".tmp") == []
