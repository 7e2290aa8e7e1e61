"""Goods as suppliers write them -> DOL goods."""

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from screener.normalize.goods import (
    dol_vocabulary,
    goods_from_hs,
    goods_from_text,
    hs_digits,
    recognise_goods,
)


def _goods(text):
    return {m.good for m in goods_from_text(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cotton yarn", {"Cotton", "Thread/Yarn"}),
        ("Baumwolle", {"Cotton"}),
        ("coton", {"Cotton"}),
        ("Algodón", {"Cotton"}),
        ("polysilicon", {"Polysilicon"}),
        ("Solar Modules 450W", {"Solar Modules"}),
        ("gloves", {"Gloves"}),
        ("SHRIMPS, frozen", {"Shrimp", "Shellfish"}),
        ("cocoa beans", {"Cocoa"}),
        ("Bricks (clay)", {"Bricks", "Bricks (clay)"}),
        ("光伏组件", {"Solar Modules"}),
        ("tomato paste", {"Tomato Products"}),
    ],
)
def test_free_text(text, expected):
    assert expected <= _goods(text)


def test_longest_phrase_wins_over_its_parts():
    # "rubber gloves" is Rubber Gloves (and Gloves), not the raw material Rubber
    assert _goods("rubber gloves") == {"Rubber Gloves", "Gloves"}


def test_unrelated_text_names_no_good():
    assert _goods("consulting services and software licences") == set()
    assert _goods("The Orange Company") == {
        "Citrus Fruits"
    }  # words are words: the reason quotes what matched


def test_quote_is_the_original_text():
    (match,) = [m for m in goods_from_text("Frozen SHRIMPS") if m.good == "Shrimp"]
    assert match.matched == "SHRIMPS"


def test_extra_synonyms():
    assert "Garments" in {m.good for m in goods_from_text("hoodies", {"hoodies": ["Garments"]})}


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("5205.12", {"Thread/Yarn", "Cotton"}),
        ("520512", {"Thread/Yarn", "Cotton"}),
        ("6109.10.0010", {"Garments"}),
        ("854143", {"Solar Modules"}),
        ("8541.10", {"Electronics"}),  # heading when the subheading is not in the table
        ("30617", {"Shrimp", "Shellfish"}),  # leading zero lost by a spreadsheet
        ("1801.00", {"Cocoa"}),
        ("9999", set()),
        ("abc", set()),
    ],
)
def test_hs_codes(code, expected):
    assert {m.good for m in goods_from_hs(code)} == expected


def test_every_table_good_is_a_dol_good():
    vocabulary = set(dol_vocabulary())
    from screener.data import reference_path

    for name in ("hs_dol_goods.csv", "goods_synonyms.csv"):
        table = pl.read_csv(reference_path(name), infer_schema=False)
        for goods in table.get_column("dol_goods").drop_nulls():
            assert set(goods.split(";")) <= vocabulary, (name, goods)


def test_recognise_goods_frame():
    frame = pl.DataFrame(
        {"row_id": [1, 2, 3], "goods": ["cotton yarn", None, "laptops"], "hs_code": [None, "0901", "8471"]}
    )
    found = recognise_goods(frame)
    assert set(found.filter(pl.col("row_id") == 1).get_column("good")) == {"Cotton", "Thread/Yarn"}
    assert found.filter(pl.col("row_id") == 2).get_column("via").to_list() == ["hs"]
    assert found.filter(pl.col("row_id") == 3).height == 1  # Electronics once, from text and HS


@given(st.text(max_size=60))
def test_never_crashes_on_any_text(text):
    goods_from_text(text)
    hs_digits(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Dried raisins", {"Grapes"}), ("Fresh apples", {"Fruit (Pome and Stone)"}), ("Frozen pollock fillets", {"Fish"}),
     ("Bed linen (cotton)", {"Textiles", "Cotton"}), ("Coat hangers", set()), ("Cleaning services", set())],
)  # fmt: skip
def test_sample_workbook_goods(text, expected):
    assert _goods(text) == expected
