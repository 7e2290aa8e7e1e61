"""OpenSanctions targets.simple.csv and FollowTheMoney JSON lines."""

import json

import polars as pl
import pytest

from screener.errors import ListError
from screener.lists.opensanctions import parse_ftm, parse_targets_simple


def test_targets_simple(fixtures):
    entries, info = parse_targets_simple(fixtures / "opensanctions_targets_simple_excerpt.csv", list_id="os")
    assert info.entity_count == 20
    assert info.title == "OpenSanctions: Ukraine War and Sanctions"
    assert info.version == "2026-03-13"
    assert entries.filter(pl.col("entity_type") == "vessel").get_column("entity_id").n_unique() == 4
    rosalin = entries.filter(pl.col("entity_name") == "ROSALIN")
    assert set(rosalin.get_column("name")) == {"ROSALIN", "Ceram Sea", "Gold Sun", "Nurkez"}
    assert rosalin.get_column("countries").unique().to_list() == ["LR;PA;SG;ST"]
    assert rosalin.get_column("program").unique().to_list() == ["UA-WS-MARE"]
    assert rosalin.get_column("entity_id").str.starts_with("os:NK-").all()
    # the literal "" OpenSanctions writes for an empty sanctions text is not carried as a remark
    assert not entries.get_column("remarks").drop_nulls().is_in(['""', ""]).any()
    assert entries.get_column("listed_on").drop_nulls().str.contains(r"^\d{4}-\d{2}-\d{2}$").all()


def test_targets_simple_missing_columns(tmp_path):
    path = tmp_path / "targets.simple.csv"
    path.write_text("id,schema,name\nx,Company,X\n", encoding="utf-8")
    with pytest.raises(ListError, match=r"targets\.simple\.csv line 1: missing column\(s\) aliases"):
        parse_targets_simple(path)


def test_ftm_entities(fixtures):
    entries, info = parse_ftm(fixtures / "entities.ftm.json")
    assert (
        info.entity_count == 4
    )  # Company, Organization, LegalEntity, Vessel; the non-target company is skipped
    assert info.extra["other_entity_count"] == 1  # the Person
    hoshine = entries.filter(pl.col("entity_id") == "ftm:scr-hoshine-shanshan").row(0, named=True)
    assert hoshine["program"] == "UFLPA 2(d)(2)(B)(v)"  # from the Sanction entity that names it
    assert hoshine["listed_on"] == "2022-06-21"
    assert hoshine["address"] == "Shanshan County, Turpan, Xinjiang, China"  # from its Address entity
    types = dict(
        entries.filter(pl.col("entity_id") == "ftm:scr-xpcc").select("name", "name_type").iter_rows()
    )
    assert types == {
        "Xinjiang Production and Construction Corps": "primary",
        "XPCC": "aka",
        "Bingtuan": "aka",
        "Xinjiang Corps": "weak aka",
    }
    huafu = entries.filter(pl.col("entity_id") == "ftm:scr-aksu-huafu")
    assert ("Aksu Huafu Textiles Co., Ltd.", "former name") in huafu.select("name", "name_type").rows()
    assert huafu.get_column("country_code").unique().to_list() == ["CN"]  # from jurisdiction
    vessel = entries.filter(pl.col("entity_id") == "ftm:scr-da-wang").row(0, named=True)
    assert (vessel["entity_type"], vessel["country_code"]) == ("vessel", "VU")  # from flag
    assert "Huafu Fashion Co., Ltd." not in entries.get_column("name").to_list()


def test_ftm_broken_line(fixtures, tmp_path):
    lines = (fixtures / "entities.ftm.json").read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3][:-1]  # cut the closing brace
    path = tmp_path / "entities.ftm.json"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ListError, match=r"^entities\.ftm\.json line 4: not a JSON object"):
        parse_ftm(path)


def test_ftm_without_schema(tmp_path):
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"id": "a", "properties": {"name": ["A"]}}) + "\n", encoding="utf-8")
    with pytest.raises(ListError, match=r"^x\.json line 1: schema is missing"):
        parse_ftm(path)
