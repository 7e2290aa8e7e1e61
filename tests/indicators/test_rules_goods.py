"""DOL List of Goods rules on the real 2022 table."""

import polars as pl
import pytest

from tests.indicators.conftest import evidence, hits_for, rule_ids, suppliers


def test_china_cotton_yarn_fires_forced_labour_citing_2022_edition(default_rules):
    hits = hits_for(
        suppliers({"name": "Acme Spinning", "country": "China", "goods": "cotton yarn"}), default_rules
    )
    assert {"dol.forced_labour", "dol.child_labour", "dol.forced_child_labour"} <= rule_ids(hits)
    text = evidence(hits, "dol.forced_labour")
    assert "Cotton" in text and "Thread/Yarn" in text
    assert "2022 edition" in text
    assert "'cotton yarn'" in text


def test_child_labour_is_reported_apart_from_forced_labour(default_rules):
    # Ghana cocoa: DOL lists child labour (and not forced labour) for it
    hits = hits_for(suppliers({"country": "Ghana", "goods": "cocoa beans"}), default_rules)
    fired = rule_ids(hits)
    assert "dol.child_labour" in fired
    assert "dol.forced_labour" not in fired
    row = hits.filter(pl.col("rule_id") == "dol.child_labour").row(0, named=True)
    assert row["category"] == "child_labour"


def test_same_good_in_an_unlisted_country_does_not_fire(default_rules):
    hits = hits_for(suppliers({"country": "Germany", "goods": "cotton yarn"}), default_rules)
    assert not {r for r in rule_ids(hits) if r.startswith("dol.")}


@pytest.mark.parametrize(
    ("country", "goods", "expected"),
    [
        ("China", "Baumwolle", "Cotton"),
        ("China", "coton", "Cotton"),
        ("China", "Polysilicon", "Polysilicon"),
        ("Malaysia", "Nitrile gloves", "Rubber Gloves"),
        ("Thailand", "frozen shrimps", "Shrimp"),
        ("Côte d'Ivoire", "Cocoa Beans", "Cocoa"),
        ("China", "纯棉纱线", "Cotton"),
    ],
)
def test_goods_recognised_in_free_text_in_several_languages(default_rules, country, goods, expected):
    hits = hits_for(suppliers({"country": country, "goods": goods}), default_rules)
    dol = hits.filter(pl.col("rule_id").str.starts_with("dol."))
    assert dol.height, f"{goods!r} from {country} fired no DOL rule"
    assert any(expected in text for text in dol.get_column("evidence").to_list())


def test_goods_recognised_from_hs_code(default_rules):
    hits = hits_for(suppliers({"country": "Malaysia", "hs_code": "4015.19.0510"}), default_rules)
    text = evidence(hits, "dol.forced_labour")
    assert "Rubber Gloves" in text and "HS 401519" in text


def test_solar_modules_fire_the_derived_input_rule_naming_the_input(default_rules):
    hits = hits_for(suppliers({"country": "CN", "goods": "solar modules"}), default_rules)
    text = evidence(hits, "dol.derived_input")
    assert "Solar Modules made with Polysilicon from China" in text


def test_no_goods_no_dol_hit(default_rules):
    hits = hits_for(suppliers({"country": "China", "goods": None}), default_rules)
    assert not {r for r in rule_ids(hits) if r.startswith("dol.")}


def test_raw_frame_without_country_codes_is_resolved(default_rules):
    from screener.indicators import evaluate_indicators

    frame = pl.DataFrame({"row_id": [1], "name": ["Acme"], "country": ["P.R.C."], "goods": ["Baumwollgarn"]})
    hits = evaluate_indicators(frame, None, None, default_rules)
    assert "dol.forced_labour" in set(hits.get_column("rule_id"))
    assert hits.get_column("points").to_list() == sorted(hits.get_column("points").to_list(), reverse=True)


def test_goods_hit_names_goods_in_the_same_order_in_a_small_and_a_large_file():
    """The facts list the goods in the order they were read from the supplier's text, whether the supplier is alone
    or one of thousands (the join order used to depend on which side was larger)."""
    from tests.indicators.conftest import hits_for, suppliers

    target = {"name": "Ningbo Yarn", "country": "China", "goods": "cotton yarn; bed linen"}
    others = [{"name": f"Other {i}", "country": "Germany", "goods": "bed linen"} for i in range(3000)]
    alone = hits_for(suppliers(target))
    among = hits_for(suppliers(target, *others))
    facts = alone.filter(pl.col("rule_id") == "dol.forced_labour").get_column("evidence").item()
    in_large_file = among.filter((pl.col("row_id") == 1) & (pl.col("rule_id") == "dol.forced_labour"))
    assert facts == in_large_file.get_column("evidence").item()
    assert (
        facts.index("Thread/Yarn") < facts.index("Cotton") < facts.index("Textiles")
    )  # as read from the text
