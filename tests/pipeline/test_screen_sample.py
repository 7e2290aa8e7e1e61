"""End to end on the demo workbook: the planted listed suppliers rank at the top, decoys are not list hits,
every input row is accounted for."""

from pathlib import Path

import polars as pl
import pytest

from screener.pipeline import screen
from screener.schema import LIST_ID, RANK, ROW_ID, SOURCE_ROW, TIER

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data"


@pytest.fixture(scope="module")
def screening():
    return screen([SAMPLE / "suppliers.xlsx"])


@pytest.fixture(scope="module")
def planted():
    return pl.read_csv(SAMPLE / "planted_hits.csv", infer_schema=False)


def _row_ids(screening, source_rows):
    wanted = [int(r) for r in source_rows]
    return (
        screening.suppliers.filter(pl.col(SOURCE_ROW).cast(pl.Int64).is_in(wanted))
        .get_column(ROW_ID)
        .to_list()
    )


def test_rows_in_equal_rows_ranked_plus_rejected(screening):
    assert screening.rows_in == screening.ranking.height + screening.rejected.height
    assert screening.ranking.get_column(ROW_ID).n_unique() == screening.ranking.height
    assert sorted(screening.ranking.get_column(RANK).to_list()) == list(
        range(1, screening.ranking.height + 1)
    )


def test_planted_rejections_are_listed_with_reasons(screening, planted):
    expected = (
        planted.filter(pl.col("expected") == "rejected").get_column(SOURCE_ROW).cast(pl.Int64).to_list()
    )
    rejected = screening.rejected.get_column(SOURCE_ROW).cast(pl.Int64).to_list()
    assert sorted(rejected) == sorted(expected)
    assert screening.rejected.get_column("reason").str.len_chars().min() > 5


def test_planted_listed_suppliers_are_matched_to_their_list(screening, planted):
    expected = planted.filter(pl.col("expected") == "match")
    missed = []
    for source_row, list_id in expected.select(SOURCE_ROW, LIST_ID).iter_rows():
        (row_id,) = _row_ids(screening, [source_row])
        hits = screening.matches.filter((pl.col(ROW_ID) == row_id) & (pl.col("band") == "match"))
        if list_id not in hits.get_column(LIST_ID).to_list():
            missed.append((source_row, list_id))
    assert not missed, f"planted list entries not matched: {missed}"


def test_planted_listed_suppliers_rank_at_the_top_in_tier_high(screening, planted):
    row_ids = _row_ids(screening, planted.filter(pl.col("expected") == "match").get_column(SOURCE_ROW))
    ranks = screening.ranking.filter(pl.col(ROW_ID).is_in(row_ids))
    assert set(ranks.get_column(TIER).to_list()) == {"high"}
    # They are the riskiest suppliers in the file: none ranks below the number of high-tier suppliers.
    high = screening.ranking.filter(pl.col(TIER) == "high").height
    assert ranks.get_column(RANK).max() <= high


def test_decoys_are_not_list_matches(screening, planted):
    row_ids = _row_ids(screening, planted.filter(pl.col("expected") == "no_match").get_column(SOURCE_ROW))
    false_hits = screening.matches.filter(pl.col(ROW_ID).is_in(row_ids) & (pl.col("band") == "match"))
    assert false_hits.is_empty(), false_hits.select(ROW_ID, "supplier_name", "matched_name").to_dicts()


def test_every_list_hit_carries_its_evidence(screening):
    hits = screening.matches.filter(pl.col("band") == "match")
    assert hits.height > 0
    for column in ("list_id", "entity_id", "matched_name", "probability", "explanation", "source_url"):
        assert hits.get_column(column).null_count() == 0, column


def test_manifest_records_lists_and_inputs(screening):
    manifest = screening.manifest
    assert {entry["list_id"] for entry in manifest["lists"]} >= {"uflpa", "cbp-wro", "ofac-sdn"}
    assert all(len(entry["sha256"]) == 64 for entry in manifest["lists"])
    assert manifest["inputs"][0]["sha256"]
    assert manifest["rows_in"] == manifest["rows_ranked"] + manifest["rows_rejected"]
