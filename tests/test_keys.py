"""The review keys: supplier fingerprints that survive re-formatting, entry fingerprints that see a changed entry."""

import datetime as dt

import polars as pl

from screener.keys import entry_fingerprint, supplier_fingerprint


def fingerprints(names, countries=None, ids=None) -> list[str]:
    frame = pl.DataFrame(
        {
            "name": names,
            "country_code": countries or [None] * len(names),
            "supplier_id": ids or [None] * len(names),
        }
    )
    return frame.select(supplier_fingerprint(frame)).to_series().to_list()


def test_supplier_fingerprint_ignores_case_punctuation_spacing_and_width():
    same = fingerprints(
        ["ACME Co., Ltd.", "acme co ltd", "  Acme   CO-LTD ", "ＡＣＭＥ Co Ltd"], ["CN"] * 4, ["7"] * 4
    )
    assert set(same) == {"acme co ltd|CN|7"}


def test_supplier_fingerprint_separates_country_and_id():
    assert len(set(fingerprints(["Acme"] * 3, ["CN", "VN", "CN"], ["1", "1", "2"]))) == 3
    assert fingerprints([None], None, None) == ["||"]


def test_supplier_fingerprint_without_optional_columns():
    frame = pl.DataFrame({"name": ["Acme"]})
    assert frame.select(supplier_fingerprint(frame)).item() == "acme||"


def entries(**changes) -> pl.DataFrame:
    base = {
        "entity_name": ["Xinjiang Zhongtai Chemical Co., Ltd."],
        "program": ["UFLPA Entity List"],
        "listed_on": [dt.date(2023, 6, 9)],
        "country_code": ["CN"],
        "matched_name": ["XINJIANG ZHONGTAI"],
        "list_version": ["2024-12-16"],
    }
    return pl.DataFrame(base | changes)


def test_entry_fingerprint_changes_with_what_the_reviewer_judged():
    original = entry_fingerprint(entries()).item()
    assert len(original) == 16
    assert entry_fingerprint(entries(program=["UFLPA Entity List; WRO"])).item() != original
    assert entry_fingerprint(entries(listed_on=[dt.date(2024, 1, 1)])).item() != original
    assert entry_fingerprint(entries(entity_name=["Other Co"])).item() != original
    assert entry_fingerprint(entries(country_code=["HK"])).item() != original


def test_entry_fingerprint_stable_across_versions_aliases_and_spelling():
    original = entry_fingerprint(entries()).item()
    assert entry_fingerprint(entries(list_version=["2025-06-01"])).item() == original
    assert entry_fingerprint(entries(matched_name=["another alias"])).item() == original
    assert entry_fingerprint(entries(entity_name=["XINJIANG ZHONGTAI CHEMICAL CO LTD"])).item() == original


def test_entry_fingerprint_column_given_by_the_list_stage_wins():
    frame = entries().with_columns(pl.lit("abc").alias("entry_fingerprint"))
    assert entry_fingerprint(frame).item() == "abc"
