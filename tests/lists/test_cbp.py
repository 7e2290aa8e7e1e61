"""CBP WRO/Findings: named parties become entries, change events update orders, region orders stay apart."""

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screener.data import LISTS_DIR
from screener.errors import ListError
from screener.lists.cbp import named_parties, parse_cbp, parse_cbp_orders


@pytest.mark.parametrize(
    ("text", "kind", "parties", "groups"),
    [
        ("Fishing Vessel: Da Wang", "vessel", ["Da Wang"], []),
        (
            "Fishing Vessels owned by Dalian Ocean Fishing Co. Ltd.",
            "entity",
            ["Dalian Ocean Fishing Co. Ltd."],
            [],
        ),
        ("FGV Holdings Berhad, its subsidiaries and joint ventures", "entity", ["FGV Holdings Berhad"], []),
        (
            "Hoshine Silicon Industry Co. Ltd. and Subsidiaries",
            "entity",
            ["Hoshine Silicon Industry Co. Ltd."],
            [],
        ),
        (
            "Xinjiang Production and Construction Corporation (XPCC) and its subordinates",
            "entity",
            ["Xinjiang Production and Construction Corporation"],
            ["XPCC"],
        ),
        (
            "Yili Zhuowan Garment Manufacturing Co., Ltd. and Baoding LYSZD Trade and Business Co., Ltd.",
            "entity",
            ["Yili Zhuowan Garment Manufacturing Co., Ltd.", "Baoding LYSZD Trade and Business Co., Ltd."],
            [],
        ),
        (
            "Brightway Holdings Sdn Bhd, Laglove (M) Sdn Bhd, and Biopro (M) Sdn Bhd (Brightway Group)",
            "entity",
            ["Brightway Holdings Sdn Bhd", "Laglove (M) Sdn Bhd", "Biopro (M) Sdn Bhd"],
            ["Brightway Group"],
        ),
        (
            "Shanghai Select Safety Products Company, Limited and its two subsidiaries from China, "
            "Select (Nantong) Safety Products Co. Limited and Select Protective Technology (HK) Limited.",
            "entity",
            [
                "Shanghai Select Safety Products Company, Limited",
                "Select (Nantong) Safety Products Co. Limited",
                "Select Protective Technology (HK) Limited",
            ],
            [],
        ),
        # a place, not a list of companies: stays one name
        (
            "State Penitentiary, Ciudad Victoria, Tamaulipas, Mexico",
            "entity",
            ["State Penitentiary, Ciudad Victoria, Tamaulipas, Mexico"],
            [],
        ),
        (
            "Inner Mongolia Hengzheng Group Baoanzhao Agriculture, Industry, and Trade Co., Ltd.",
            "entity",
            ["Inner Mongolia Hengzheng Group Baoanzhao Agriculture, Industry, and Trade Co., Ltd."],
            [],
        ),
    ],
)
def test_named_parties(text, kind, parties, groups):
    found = named_parties(text)
    assert (found.entity_type, found.parties, found.group_names) == (kind, parties, groups)


def _entity(entries, slug):
    return entries.filter(pl.col("entity_id") == f"cbp-wro:{slug}")


def test_vessel_with_wro_and_finding_is_one_entity(fixtures):
    entries, _ = parse_cbp(fixtures / "cbp_excerpt.csv")
    da_wang = _entity(entries, "da-wang").row(0, named=True)
    assert da_wang["entity_type"] == "vessel"
    assert da_wang["program"] == "WRO 2020-08-18; Finding 2022-01-28"
    assert da_wang["listed_on"] == "2020-08-18"
    assert da_wang["country_code"] == "VU"
    assert da_wang["listed_as"] == "Fishing Vessel: Da Wang"


def test_aliases(fixtures):
    entries, _ = parse_cbp(fixtures / "cbp_excerpt.csv")
    yunnan = _entity(entries, "yunnan-machinery")
    assert dict(yunnan.select("name", "name_type").iter_rows()) == {
        "Yunnan Machinery": "primary",
        "Golden Horse (JinMa) Diesel Factory": "aka",
        "Yunnan 1st Prison": "aka",
    }
    assert yunnan.get_column("merchandise").unique().to_list() == ["Diesel Engines"]


def test_revocation_and_partial_modifications_set_status(fixtures):
    entries, _ = parse_cbp(fixtures / "cbp_excerpt.csv")
    status = dict(entries.filter(~pl.col("is_alias")).select("name", "status").iter_rows())
    assert status["Tunago No. 61"] == "revoked"  # kept, with its status, so rules can weigh it lower
    assert status["Everest Carpet"] == "removed from the order on 1998-10-06"
    assert status["Kumar Carpet Pvt."] == "partially modified"
    assert status["Smart Glove Corporation Sdn Bhd"] == "modified"
    assert status["Platinum Glove Industries Sdn Bhd"] == "modified"
    tunago = _entity(entries, "tunago-no-61").row(0, named=True)
    assert "revocation 2020-04-01" in tunago["remarks"]


def test_named_parties_become_entities(fixtures):
    entries, info = parse_cbp(fixtures / "cbp_excerpt.csv")
    nepal = entries.filter(pl.col("listed_as").str.starts_with("Kumar Carpet"))
    assert nepal.get_column("entity_id").n_unique() == 7
    assert "Kathmandu." not in nepal.get_column("name").to_list()
    smart = entries.filter(pl.col("listed_as").str.starts_with("Smart Glove"))
    assert smart.get_column("entity_id").n_unique() == 5
    assert "Smart Glove" in smart.filter(pl.col("name_type") == "group name").get_column("name").to_list()
    # region/product orders and the buyers a modification exempted are not names to match
    names = set(entries.get_column("name").to_list())
    assert not {"Alliance One International", "Limbe Leaf Tobacco Company Limited"} & names
    assert not any("Turkmenistan" in name for name in names)
    assert info.entity_count == 1 + 1 + 1 + 7 + 5  # Da Wang, Yunnan, Tunago, Nepal carpets, Smart Glove


def test_region_orders_keep_their_history(fixtures):
    orders = parse_cbp_orders(fixtures / "cbp_excerpt.csv")
    assert orders.columns == [
        "order_id", "date", "type", "description", "country_code", "merchandise", "status", "source_url", "remarks"
    ]  # fmt: skip
    by_country = {row["country_code"]: row for row in orders.iter_rows(named=True)}
    assert set(by_country) == {"TM", "MW"}
    assert by_country["TM"]["status"] == "active"
    malawi = by_country["MW"]
    assert malawi["status"] == "partially modified"
    for buyer in ("Alliance One International", "Limbe Leaf Tobacco", "Premium Tobacco Malawi"):
        assert buyer in malawi["remarks"]


def test_bundled_counts():
    entries, info = parse_cbp(LISTS_DIR / "cbp_wro_findings.csv")
    orders = parse_cbp_orders(LISTS_DIR / "cbp_wro_findings.csv")
    assert orders.height == 5
    assert info.version == "2026-06-23"
    assert entries.filter(pl.col("entity_type") == "vessel").get_column("entity_id").n_unique() == 6
    assert set(entries.get_column("status").unique()) >= {
        "active",
        "revoked",
        "modified",
        "partially modified",
    }


def _broken(fixtures, tmp_path, old, new):
    text = (fixtures / "cbp_excerpt.csv").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "cbp.csv"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_change_event_without_its_order(fixtures, tmp_path):
    path = _broken(fixtures, tmp_path, ",WRO 2019-02-04,", ",WRO 2019-02-05,")
    with pytest.raises(
        ListError, match=r"^cbp\.csv line \d+: related_order 'WRO 2019-02-05' matches 0 orders"
    ):
        parse_cbp(path)


def test_unknown_type(fixtures, tmp_path):
    path = _broken(fixtures, tmp_path, "2020-08-18,WRO,", "2020-08-18,Order,")
    with pytest.raises(ListError, match=r"^cbp\.csv line \d+: type 'Order' is not one of WRO, Finding"):
        parse_cbp(path)


def test_cbp_publisher_layout(fixtures):
    path = fixtures / "cbp_publisher_layout.csv"
    entries, info = parse_cbp(path)
    orders = parse_cbp_orders(path)
    assert info.version == "2025-09-24"
    assert sorted(orders.get_column("country_code")) == ["CN", "TM", "ZW"]  # XUAR, Turkmenistan, Marange
    yunnan = _entity(entries, "yunnan-machinery")
    assert yunnan.get_column("name").to_list() == [
        "Yunnan Machinery",
        "Golden Horse (JinMa) Diesel Factory",
        "Yunnan 1st Prison",
    ]
    assert yunnan.get_column("program").unique().to_list() == ["WRO 1991-11-14; Finding 1992-03-18"]
    status = dict(entries.filter(~pl.col("is_alias")).select("name", "status").iter_rows())
    assert status["Kingtom Aluminio S.R.L."] == "inactive-pending litigation"
    assert status["Everest Carpet"] == "partially modified"
    assert _entity(entries, "zhen-fa-7").get_column("entity_type").to_list() == ["vessel"]


def test_cbp_publisher_layout_bad_date(fixtures, tmp_path):
    data = (fixtures / "cbp_publisher_layout.csv").read_bytes().replace(b"11/14/1991", b"14.11.1991", 1)
    path = tmp_path / "wro.csv"
    path.write_bytes(data)
    with pytest.raises(ListError, match=r"^wro\.csv line 2: Effective Date '14\.11\.1991' is not a date"):
        parse_cbp(path)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["A", "b", " ", ",", ";", ".", "(", ")", "&", ":", "and ", "Ltd.", "a/k/a ", "its subsidiaries"]
        ),
        max_size=30,
    ).map("".join)
)
def test_named_parties_never_loses_the_text(text):
    found = named_parties(text)
    assert found.entity_type in ("entity", "vessel")
    assert found.parties and all(isinstance(p, str) for p in found.parties)


def test_bundled_names_are_clean():
    entries, _ = parse_cbp(LISTS_DIR / "cbp_wro_findings.csv")
    names = entries.get_column("name")
    assert names.str.len_chars().min() >= 3
    assert not names.str.contains(r"^(and|its|a/k/a)\b|[,;]$").any()
    assert entries.filter(~pl.col("is_alias")).get_column("entity_id").is_unique().all()
