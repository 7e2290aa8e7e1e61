"""--format ftm: FollowTheMoney entities, read back and validated with the followthemoney library."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from screener.report import write_report
from screener.report.ftm import entity_id, make_entity
from tests.report.conftest import empty_screening


def read_lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def exported(tmp_path, screening):
    (path,) = write_report(screening, tmp_path / "report", "ftm")
    assert path.name == "report.ftm.jsonl"
    return read_lines(path)


def test_entities_by_schema_and_references(exported):
    counts = Counter(entity["schema"] for entity in exported)
    # 4 suppliers, 3 matched list entities each with its listing, 3 hits, 4 indicator findings
    assert counts == {"Company": 4, "Organization": 3, "Sanction": 3, "UnknownLink": 3, "Note": 4}
    ids = {entity["id"] for entity in exported}
    assert len(ids) == len(exported)
    for entity in exported:
        props = entity["properties"]
        for ref in ("entity", "subject", "object"):
            for target in props.get(ref, []):
                assert target in ids, (entity["schema"], ref)
        assert all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in props.values())


def test_supplier_and_hit_content(exported):
    first = next(e for e in exported if e["schema"] == "Company")
    assert first["properties"]["name"] == ["Xinjiang Zhongtai Chemical Co Ltd"]
    assert first["properties"]["country"] == ["cn"]
    assert "tier high, score 97.5, rank 1 of 4" in first["properties"]["summary"][0]
    uflpa = next(
        e for e in exported if e["schema"] == "Organization" and "forced.labor" in e["properties"]["topics"]
    )
    assert uflpa["properties"]["name"] == ["Xinjiang Zhongtai Chemical Co., Ltd."]
    assert uflpa["properties"]["alias"] == ["XINJIANG ZHONGTAI CHEMICAL CO. LTD."]
    sanction = next(
        e for e in exported if e["schema"] == "Sanction" and e["properties"]["entity"] == [uflpa["id"]]
    )
    assert sanction["properties"]["listingDate"] == ["2023-06-09"]
    assert sanction["properties"]["authority"] == ["DHS"]
    link = next(
        e for e in exported if e["schema"] == "UnknownLink" and e["properties"]["object"] == [uflpa["id"]]
    )
    assert link["properties"]["subject"] == [first["id"]]
    assert "probability 0.98" in link["properties"]["role"][0]
    # a non-web source URL from list data is not exported as a URL
    ofac = next(
        e for e in exported if e["schema"] == "Organization" and "sanction" in e["properties"]["topics"]
    )
    assert "sourceUrl" not in ofac["properties"]


def test_ids_are_stable_and_valid():
    assert entity_id("supplier", "acme|CN|1") == entity_id("supplier", "acme|CN|1")
    assert entity_id("supplier", "acme|CN|1") != entity_id("supplier", "acme|CN|2")
    assert make_entity("Company", "x", name=None, alias=["", "A"])["properties"] == {"alias": ["A"]}


def test_empty_screening_writes_an_empty_file(tmp_path):
    (path,) = write_report(empty_screening(), tmp_path / "e.ftm")
    assert path.read_text() == ""


def test_round_trip_with_followthemoney(exported):
    ftm = pytest.importorskip(
        "followthemoney", reason="followthemoney not installed (pip install screener[ftm])"
    )
    model = ftm.model
    for data in exported:
        proxy = model.get_proxy(data, cleaned=False)  # cleans every value by its FtM type, drops invalid ones
        assert proxy.schema.name == data["schema"]
        cleaned = proxy.to_dict()["properties"]
        # nothing dropped as invalid (URLs may gain a trailing slash when cleaned)
        assert {k: len(v) for k, v in cleaned.items()} == {k: len(v) for k, v in data["properties"].items()}
        assert cleaned.get("name") == data["properties"].get("name")
        if proxy.schema.edge:
            assert proxy.edgepairs(), data["id"]
