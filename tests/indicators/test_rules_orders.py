"""CBP region/product orders (from a ListSet built here and from the bundled lists) and the Xinjiang presumption."""

import polars as pl
import pytest

from screener.indicators import load_rules
from screener.lists import ListSet, load_lists
from tests.indicators.conftest import evidence, hits_for, rule_ids, suppliers


def _orders(*rows):
    columns = [
        "order_id",
        "date",
        "type",
        "description",
        "country_code",
        "merchandise",
        "status",
        "source_url",
        "remarks",
    ]
    return ListSet(
        entries=pl.DataFrame(),
        lists=[],
        orders=pl.DataFrame(
            [dict(zip(columns, r, strict=True)) for r in rows], schema={c: pl.String for c in columns}
        ),
    )


TURKMEN = ("cbp-wro:tm", "2018-05-18", "WRO", "All Turkmenistan Cotton or products produced in whole or in part with "
           "Turkmenistan cotton.", "TM", "Cotton", "active", "https://www.cbp.gov", None)  # fmt: skip
XUAR = ("cbp-wro:xuar", "2021-01-13", "WRO", "Xinjiang Uyghur Autonomous Region (XUAR)", "CN",
        "Cotton, Tomatoes and Downstream Products", "active", "https://www.cbp.gov", None)  # fmt: skip


def test_turkmenistan_cotton_fires_the_region_order(default_rules):
    hits = hits_for(
        suppliers({"country": "Turkmenistan", "goods": "raw cotton"}), default_rules, lists=_orders(TURKMEN)
    )
    text = evidence(hits, "order.cbp_region")
    assert "2018-05-18" in text and "Turkmenistan" in text and "'raw cotton'" in text


def test_downstream_goods_are_covered(default_rules):
    hits = hits_for(suppliers({"country": "TM", "goods": "T-shirts"}), default_rules, lists=_orders(TURKMEN))
    assert "Garments, made from Cotton" in evidence(hits, "order.cbp_region")


def test_other_country_or_revoked_order_does_not_fire(default_rules):
    revoked = (*TURKMEN[:6], "revoked", *TURKMEN[7:])
    frame = suppliers(
        {"country": "Uzbekistan", "goods": "raw cotton"}, {"country": "Turkmenistan", "goods": "cotton"}
    )
    hits = hits_for(frame, default_rules, lists=_orders(revoked, TURKMEN))
    assert "order.cbp_region" not in rule_ids(hits, 1)
    assert len(hits.filter((pl.col("row_id") == 2) & (pl.col("rule_id") == "order.cbp_region"))) == 1


def test_region_order_needs_the_region(default_rules):
    frame = suppliers(
        {"country": "China", "city": "Shanghai", "goods": "cotton"},
        {"country": "China", "address": "88 Beijing Road, Korla", "goods": "tomato paste"},
    )
    hits = hits_for(frame, default_rules, lists=_orders(XUAR))
    assert "order.cbp_region" not in rule_ids(hits, 1)
    assert "Tomato Products, made from Tomatoes" in evidence(hits, "order.cbp_region", 2)


def test_bundled_cbp_orders_cover_the_five_region_orders(default_rules):
    frame = suppliers(
        {"country": "Turkmenistan", "goods": "cotton"},
        {"country": "Malawi", "hs_code": "2401.20"},
        {"country": "Congo, Democratic Republic of the", "goods": "gold"},
        {"country": "Zimbabwe", "goods": "rough diamonds"},
        {"country": "China", "region": "Xinjiang", "goods": "tomatoes"},
    )
    hits = hits_for(frame, default_rules, lists=load_lists())
    for row_id in range(1, 6):
        assert "order.cbp_region" in rule_ids(hits, row_id), row_id


@pytest.mark.parametrize(
    "fields",
    [
        {"address": "No. 1 Renmin Road, Urumqi"},
        {"city": "Kashgar"},
        {"region": "XUAR"},
        {"address": "新疆维吾尔自治区和田市"},
        {"name": "Hotan Haolin Hair Accessories"},
        {"city": "Shihezi"},
        {"address": "Changji Hui Autonomous Prefecture"},
        {"address": "吐鲁番市高昌区"},
        {"city": "Hami", "country": "China"},
    ],
)
def test_xinjiang_address_fires_the_presumption(default_rules, fields):
    row = {"country": "CN", "name": "Supplier", **fields}
    hits = hits_for(suppliers(row), default_rules)
    assert "xinjiang.presumption" in rule_ids(hits)


def test_presumption_quotes_the_place(default_rules):
    hits = hits_for(suppliers({"country": "China", "address": "Korla, Bayingolin"}), default_rules)
    text = evidence(hits, "xinjiang.presumption")
    assert "'Korla'" in text and "Xinjiang" in text


def test_ambiguous_names_need_china_and_other_countries_never_fire(default_rules):
    frame = suppliers(
        {"country": "Kazakhstan", "city": "Aksu"},
        {"country": None, "city": "Aksu"},
        {"country": "Turkey", "address": "Xinjiang Restaurant, Istanbul"},
        {"country": None, "address": "Urumqi"},
    )
    hits = hits_for(frame, default_rules)
    assert [("xinjiang.presumption" in rule_ids(hits, r)) for r in range(1, 5)] == [False, False, False, True]


def test_ambiguous_name_in_another_province_is_read_as_that_province(default_rules):
    """沙湾 is a Xinjiang county-level city and a district of Leshan, Sichuan; Qinghe a Xinjiang county and a
    county of Hebei; Baicheng a Xinjiang county and a city of Jilin. Named with another province they are not
    Xinjiang; alone, or with Xinjiang named, they still count."""
    frame = suppliers(
        {"country": "CN", "address": "四川省乐山市沙湾区嘉农镇"},
        {"country": "CN", "name": "Hebei Qinghe Cashmere Co", "address": None},
        {"country": "CN", "name": "Baicheng Grain Trading", "address": "Jilin Province, Baicheng"},
        {"country": "CN", "address": "沙湾市"},
        {"country": "CN", "address": "新疆维吾尔自治区塔城地区沙湾市"},
        {"country": "CN", "address": "Sichuan Road, Urumqi"},
    )
    hits = hits_for(frame, default_rules)
    fired = [("xinjiang.presumption" in rule_ids(hits, r)) for r in range(1, 7)]
    assert fired == [False, False, False, True, True, True]
    assert "'沙湾'" in evidence(hits, "xinjiang.presumption", row_id=4)


def test_a_street_named_after_a_xinjiang_place_is_not_xinjiang(default_rules):
    frame = suppliers(
        {"country": "CN", "address": "上海市静安区乌鲁木齐北路 459 号"},
        {"country": "CN", "address": "No. 8 Xinjiang Road, Qingdao"},
        {"country": "CN", "address": "青岛市新疆路 18号"},
        {"country": "CN", "address": "乌鲁木齐市天山区人民路 1 号"},
        {"country": "CN", "address": "Renmin Road, Urumqi"},
    )
    hits = hits_for(frame, default_rules)
    fired = [("xinjiang.presumption" in rule_ids(hits, r)) for r in range(1, 6)]
    assert fired == [False, False, False, True, True]


def test_extra_places_and_force_high(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text(
        'extends = "default.toml"\n[xinjiang]\nextra_places = ["Lop Nur Industrial Park"]\n', encoding="utf-8"
    )
    hits = hits_for(suppliers({"country": "CN", "address": "Lop Nur Industrial Park"}), load_rules(path))
    assert "xinjiang.presumption" in rule_ids(hits)
