"""List hits: per list and band, weighted by the rules file, evidence naming list, entity, probability."""

import polars as pl

from screener.lists import ListInfo, ListSet
from tests.indicators.conftest import evidence, hits_for, rule_ids, suppliers


def _matches(*rows):
    columns = ["row_id", "list_id", "entity_id", "matched_name", "entity_name", "probability", "band", "explanation",
               "program", "listed_on", "source_url"]  # fmt: skip
    return pl.DataFrame(
        [dict(zip(columns, r, strict=True)) for r in rows], schema_overrides={"row_id": pl.Int64}
    )


def _listset():
    info = ListInfo("uflpa", "UFLPA Entity List", "DHS", "https://www.dhs.gov/uflpa-entity-list", "2026-07-09",
                    "2025-01-15", "0" * 64, "public domain", 144, 300)  # fmt: skip
    return ListSet(entries=pl.DataFrame(), lists=[info], orders=pl.DataFrame())


def test_match_on_uflpa_names_list_entity_probability_and_listing(default_rules):
    frame = suppliers({"name": "Hoshine Silicon"}, {"name": "Other"})
    matches = _matches(
        (1, "uflpa", "hoshine", "Hoshine Silicon Industry", "Hoshine Silicon Industry Co., Ltd.", 0.97, "match",
         "name", "2(d)(2)(B)(ii)", "2022-06-21", "https://www.dhs.gov/uflpa-entity-list"),
        (1, "uflpa", "other", "Hoshine Sil", "Some Other", 0.55, "review", "x", None, None, None),
    )  # fmt: skip
    hits = hits_for(frame, default_rules, matches, _listset())
    assert rule_ids(hits, 1) >= {"list.uflpa.match"}
    assert "list.uflpa.review" not in rule_ids(hits, 1)  # one hit per supplier and list: the best
    text = evidence(hits, "list.uflpa.match")
    for part in ("UFLPA Entity List", "Hoshine Silicon Industry", "0.97", "2(d)(2)(B)(ii)", "2022-06-21",
                 "1 other candidate"):  # fmt: skip
        assert part in text
    assert not {r for r in rule_ids(hits, 2) if r.startswith("list.")}


def test_review_band_and_unknown_list_use_custom_weights(default_rules):
    frame = suppliers({"name": "A"}, {"name": "B"})
    matches = _matches(
        (1, "ofac-sdn", "1", "A", "A", 0.6, "review", "", "SDGT", None, None),
        (2, "my-list", "9", "B", "B", 0.9, "match", "", None, None, None),
    )
    hits = hits_for(frame, default_rules, matches)
    row = hits.filter(pl.col("rule_id") == "list.ofac-sdn.review").row(0, named=True)
    assert row["points"] == default_rules.section("lists")["ofac-sdn"]["review"]["points"]
    custom = hits.filter(pl.col("rule_id") == "list.my-list.match").row(0, named=True)
    assert custom["points"] == default_rules.section("lists")["custom"]["match"]["points"]


def test_empty_matches_frame(default_rules):
    hits = hits_for(suppliers({"name": "A"}), default_rules, _matches())
    assert not {r for r in rule_ids(hits) if r.startswith("list.")}
