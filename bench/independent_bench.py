"""The matcher on the independent evaluation set (bench/independent/devset.csv), per kind of damage.

    python -m bench.independent_bench
    python -m bench.independent_bench --set bench/independent2/devset.csv   # the second independent set

The set was written from a plain description of ERP name damage by someone who had not read the project's own
generator or training code (bench/independent/README.md); it is used for evaluation only, never for training.
Every query is matched against all the bundled lists (the held-out entities are among them); the best entity
counts as correct when it belongs to the expected cluster. Also called by ``make bench-match``
(bench/match_bench.py), which reports it beside the project's own dev set.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import polars as pl

from bench import match_data as md
from screener import schema as s
from screener.lists import load_lists
from screener.match import MatchSettings, build_index, match_suppliers

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT / "bench" / "independent" / "devset.csv"
HOLDOUT = ROOT / "bench" / "independent" / "holdout_entities.csv"


def independent_queries(path: Path = DEVSET) -> pl.DataFrame:
    """query_id (an integer), name, country_code, cluster (null for a query that should match nothing), case_type."""
    raw = pl.read_csv(path, infer_schema=False)
    return raw.select(
        pl.int_range(1, pl.len() + 1, dtype=pl.Int64).alias("query_id"),
        pl.col("query_name").alias(s.NAME),
        pl.col("query_country").alias(s.COUNTRY_CODE),
        pl.when(pl.col("expected_cluster") == "")
        .then(None)
        .otherwise(pl.col("expected_cluster"))
        .alias("cluster"),
        pl.col("kind").alias("case_type"),
    )


def entity_clusters(entries: pl.DataFrame, path: Path = HOLDOUT) -> dict[str, str]:
    """Entity id -> the set's cluster id (entities of one cluster carry the same name); an entity the set does not
    name is its own cluster."""
    holdout = pl.read_csv(path, infer_schema=False).select("entity_id", "cluster").unique("entity_id")
    clusters = {e: e for e in entries[s.ENTITY_ID].unique().to_list()}
    clusters.update(dict(holdout.iter_rows()))
    return clusters


def evaluate(index, queries: pl.DataFrame, clusters: dict[str, str], settings: MatchSettings) -> dict:
    """Per-kind tables at the match and the review threshold, and the time taken."""
    suppliers = queries.select(pl.col("query_id").alias(s.ROW_ID), s.NAME, s.COUNTRY_CODE)
    started = time.perf_counter()
    matches = match_suppliers(suppliers, index, settings)
    seconds = time.perf_counter() - started
    best = (
        matches.sort([s.ROW_ID, s.PROBABILITY], descending=[False, True])
        .unique(s.ROW_ID, keep="first")
        .select(pl.col(s.ROW_ID).alias("query_id"), s.ENTITY_ID, pl.col(s.PROBABILITY).alias("score"))
    )
    frame = best.join(queries.select("query_id", "cluster"), on="query_id", how="left")
    correct = (pl.col(s.ENTITY_ID).replace_strict(clusters, default=None) == pl.col("cluster")).fill_null(
        False
    )
    tables = {}
    for band, threshold in (("match", settings.match_threshold), ("review", settings.review_threshold)):
        decisions = frame.select(
            "query_id",
            (pl.col("score") >= threshold).alias("flagged"),
            ((pl.col("score") >= threshold) & correct).alias("correct"),
        )
        tables[band] = md.score_decisions(queries, decisions)
    return {"tables": tables, "seconds": seconds, "best": frame.with_columns(correct.alias("correct"))}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description="Score the matcher on an independent evaluation set, per kind."
    )
    parser.add_argument(
        "--set",
        type=Path,
        default=DEVSET,
        help="a set with the columns of bench/independent/devset.csv (default: that set); "
        "e.g. bench/independent2/devset.csv",
    )
    args = parser.parse_args([] if argv is None else argv)
    settings = MatchSettings()
    listset = load_lists()
    index = build_index(listset.entries, cache_key=listset.versions_key())
    queries = independent_queries(args.set)
    result = evaluate(index, queries, entity_clusters(index.entries), settings)
    with pl.Config(tbl_rows=40):
        for band, table in result["tables"].items():
            print(f"at the {band} threshold")
            print(table)
    summary = {
        band: table.filter(pl.col("case_type") == "ALL").to_dicts()[0]
        for band, table in result["tables"].items()
    }
    print(json.dumps(summary, default=str))


if __name__ == "__main__":
    main(sys.argv[1:])
