"""UFLPA Entity List: one entity per entity_key, every section in the program, aliases and former names."""

import polars as pl
import pytest

from screener.data import LISTS_DIR
from screener.errors import ListError
from screener.lists.uflpa import parse_uflpa


def _entity(entries, key):
    return entries.filter(pl.col("entity_id") == f"uflpa:{key}")


def test_entity_in_several_sections_is_one_entity(fixtures):
    entries, info = parse_uflpa(fixtures / "uflpa_excerpt.csv")
    assert info.entity_count == 4
    xpcc = _entity(entries, "xinjiang-production-and-construction-corps")
    assert xpcc.get_column("program").unique().to_list() == [
        "UFLPA 2(d)(2)(B)(i); UFLPA 2(d)(2)(B)(ii); UFLPA 2(d)(2)(B)(v)"
    ]
    names = dict(xpcc.select("name", "name_type").iter_rows())
    assert names["Xinjiang Production and Construction Corps"] == "primary"
    assert names["XPCC"] == "aka" and names["Bingtuan"] == "aka"
    assert xpcc.get_column("entity_name").unique().to_list() == ["Xinjiang Production and Construction Corps"]


def test_moved_entity_keeps_its_first_listing_date_and_history(fixtures):
    entries, _ = parse_uflpa(fixtures / "uflpa_excerpt.csv")
    esquel = _entity(entries, "changji-esquel-textile").row(0, named=True)
    assert esquel["name"] == "Changji Esquel Textile Co., Ltd."
    assert esquel["program"] == "UFLPA 2(d)(2)(B)(v)"  # section (i) no longer in force
    assert esquel["listed_on"] == "2022-06-21"  # on the list since the initial batch
    assert esquel["status"] == "listed"
    assert "2(d)(2)(B)(i): removed from this section" in esquel["remarks"]


def test_former_names_and_sector(fixtures):
    entries, info = parse_uflpa(fixtures / "uflpa_excerpt.csv")
    biaoxin = _entity(entries, "aksu-biaoxin-fiber")
    assert dict(biaoxin.select("name", "name_type").iter_rows()) == {
        "Aksu Biaoxin Fiber Co., Ltd.": "primary",
        "Aksu Shangheng Fiber Co., Ltd.": "former name",
    }
    assert biaoxin.get_column("merchandise").str.starts_with("cotton / textiles").all()
    assert biaoxin.get_column("country_code").to_list() == ["CN", "CN"]
    assert info.version == "2025-01-15"  # the latest date an entity was added


def test_bundled_list_has_144_entities():
    entries, info = parse_uflpa(LISTS_DIR / "uflpa_entity_list.csv")
    assert info.entity_count == 144
    assert entries.filter(~pl.col("is_alias")).height == 144
    assert entries.get_column("listed_on").min() == "2022-06-21"
    assert entries.filter(pl.col("is_alias")).height == info.name_count - 144


def test_bad_date_names_line_and_field(fixtures, tmp_path):
    lines = (fixtures / "uflpa_excerpt.csv").read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4].replace(",2022-06-21,", ",June 2022,", 1)
    broken = tmp_path / "uflpa.csv"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ListError, match=r"^uflpa\.csv line 5: date_added 'June 2022' is not an ISO date"):
        parse_uflpa(broken)


def test_missing_column(tmp_path):
    broken = tmp_path / "uflpa.csv"
    broken.write_text("entity_key,entity_name\nx,X Co\n", encoding="utf-8")
    with pytest.raises(ListError, match=r"uflpa\.csv line 1: missing column\(s\) aliases, former_names"):
        parse_uflpa(broken)
