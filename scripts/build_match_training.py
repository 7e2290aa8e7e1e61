"""Build the match classifier's training pairs from the real bundled lists (deterministic: fixed seed).

    python scripts/build_match_training.py [--out build/match_training/pairs.parquet] [--seed 20260415]

Queries are supplier-style names made from the list names (see bench/match_data.py): variants that should match
their entity, real alias pairs (OFAC a.k.a./f.k.a., UFLPA aliases and former names, CBP a/k/a), and negatives:
variants of entities withheld from the index, names with their distinctive word swapped or number changed, names
made of generic words only, and two names mixed. Each query goes through the real engine's candidate generation;
every candidate pair gets the engine's features and a label (1 when the candidate belongs to the query's entity
cluster). Entities are split train/holdout by cluster, so the holdout pairs come from entities never trained on.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import match_data as md  # noqa: E402
from screener import schema as s  # noqa: E402
from screener.lists import load_lists  # noqa: E402
from screener.match.engine import (  # noqa: E402
    MatchIndex,
    as_compared,
    build_index,
    candidate_frame,
    normalise_suppliers,
)
from screener.match.features import compute_features  # noqa: E402
from screener.normalize.names import normalize_name  # noqa: E402

SEED = 20260415
# Share of the places added to training names that the qualifier gazetteer does not know (bench/match_data.py
# UNKNOWN_PLACE_SHARE; the dev set keeps 0).
UNKNOWN_PLACE_SHARE = 0.4
CANDIDATES = 12  # a little above the engine's default, because masked rows take some of the slots
WITHHELD_SHARE = 0.15


def key_of(name: str) -> str:
    return normalize_name(name).key


def build_queries(index: MatchIndex, entities: set[str], clusters: dict[str, str], rng: random.Random):
    """All labelled queries for one side of the split (train or holdout)."""
    entries = index.entries
    known_keys = set(entries["name_key"].drop_nulls().to_list())
    vocabulary = md.list_vocabulary(entries["name_key"])
    ordered = sorted(entities)
    withheld = set(rng.sample(ordered, k=int(len(ordered) * WITHHELD_SHARE)))
    listed = entities - withheld
    swapped = set(rng.sample(sorted(listed), k=len(listed) // 3))
    queries = [
        *md.positive_queries(entries, clusters, listed, rng, per_entity=3),
        *md.withheld_queries(entries, clusters, withheld, rng),
        *md.token_swap_queries(entries, entries["name_key"], swapped, rng, known_keys),
        *md.number_queries(entries, listed, rng, known_keys, key_of),
        *md.sibling_queries(
            entries,
            entries["name_key"],
            set(rng.sample(sorted(listed), k=len(listed) // 3)),
            rng,
            known_keys,
            key_of,
        ),
        *md.generic_remainder_queries(
            entries, set(rng.sample(sorted(listed), k=len(listed) // 4)), rng, known_keys, key_of
        ),
        *md.brand_word_dropped_queries(
            entries, set(rng.sample(sorted(listed), k=len(listed) // 3)), rng, known_keys, key_of
        ),
        *md.generic_queries(rng, max(50, len(entities) // 20), known_keys, key_of),
        *md.unlisted_brand_queries(rng, max(100, len(entities) // 10), known_keys, key_of, vocabulary),
    ]
    return md.queries_frame(queries)


def label_pairs(queries: pl.DataFrame, index: MatchIndex, clusters: dict[str, str], k: int) -> pl.DataFrame:
    """Candidate pairs of the queries with features and labels; masked list rows removed. The features are
    computed on the pairs as the engine scores them (engine.as_compared: a word read in the list's spelling,
    places and branches set aside), so training and scoring see the same features."""
    suppliers = queries.select(pl.col("query_id").alias(s.ROW_ID), s.NAME, s.COUNTRY_CODE)
    pairs = candidate_frame(normalise_suppliers(suppliers), index, k)
    masks = queries.select(
        pl.col("query_id").alias(s.ROW_ID), pl.col("masked_rows").alias("entry_row")
    ).explode("entry_row")
    pairs = pairs.join(masks.drop_nulls(), on=[s.ROW_ID, "entry_row"], how="anti", maintain_order="left")
    pairs = pairs.join(
        queries.select(pl.col("query_id").alias(s.ROW_ID), "case_type", "cluster"), on=s.ROW_ID, how="left"
    )
    entity_cluster = pl.col(s.ENTITY_ID).replace_strict(clusters, default=None)
    pairs = pairs.with_columns(
        (entity_cluster == pl.col("cluster")).fill_null(False).cast(pl.Int8).alias("label")
    )
    pairs = as_compared(pairs)  # the supplier's words as the engine compares them before scoring
    features = compute_features(pairs, index.weights)
    keep = [s.ROW_ID, "case_type", "label", "supplier_name", s.MATCHED_NAME, s.ENTITY_ID, "cluster"]
    return pl.concat([pairs.select(keep), features], how="horizontal").rename({s.ROW_ID: "query_id"})


# Entities of the independent evaluation set (bench/independent/README.md): never the entity of a training
# query (they are all in held-out clusters; checked and counted when the pairs are built).
INDEPENDENT_HOLDOUT = ROOT / "bench" / "independent" / "holdout_entities.csv"


def independent_entities() -> set[str]:
    """Entity ids of bench/independent/holdout_entities.csv (only the ids are read: they are kept out)."""
    return set(
        pl.read_csv(INDEPENDENT_HOLDOUT, columns=["entity_id"], infer_schema=False)["entity_id"].to_list()
    )


def build(seed: int = SEED) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(pairs, queries) for both splits; ``split`` is train or holdout."""
    md.UNKNOWN_PLACE_SHARE = UNKNOWN_PLACE_SHARE
    index = build_index(load_lists().entries)
    clusters = md.entity_clusters(index.entries, index.entries["name_key"])
    independent = independent_entities()
    kept_out = {c for e, c in clusters.items() if e in independent}
    holdout = {e for e, c in clusters.items() if md.is_holdout(c) or c in kept_out}
    train = set(clusters) - holdout
    print(
        f"independent-set entities: {len(independent)}; in the training split: {len(independent & train)}; "
        f"clusters kept out beyond the hash split: {sum(1 for c in kept_out if not md.is_holdout(c))}"
    )
    frames, all_queries = [], []
    for offset, (split, entities) in enumerate((("train", train), ("holdout", holdout))):
        rng = random.Random(seed + offset)
        queries = build_queries(index, entities, clusters, rng)
        queries = queries.with_columns(pl.col("query_id") + offset * 1_000_000, pl.lit(split).alias("split"))
        pairs = label_pairs(queries, index, clusters, CANDIDATES).with_columns(pl.lit(split).alias("split"))
        if split == "train":  # never a query's own entity (above); the wrong candidate of some, labelled 0
            wrong = pairs.filter(pl.col(s.ENTITY_ID).is_in(sorted(independent)))
            print(f"train pairs with an independent-set entity as the wrong candidate: {wrong.height}")
            assert wrong["label"].sum() == 0
        frames.append(pairs)
        all_queries.append(queries)
    return pl.concat(frames), pl.concat(all_queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "match_training" / "pairs.parquet")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    started = time.perf_counter()
    pairs, queries = build(args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    pairs.write_parquet(args.out)
    queries.drop("masked_rows").write_parquet(args.out.with_name("queries.parquet"))
    summary = pairs.group_by("split", "case_type").agg(
        pl.col("query_id").n_unique().alias("queries"),
        pl.len().alias("pairs"),
        pl.col("label").sum().alias("positive"),
    )
    print(summary.sort("split", "case_type"))
    print(f"wrote {pairs.height} pairs to {args.out} in {time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()
