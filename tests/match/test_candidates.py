"""Candidate generation: recall on real list names with supplier-style damage, rare-token hits, the disk cache."""

from __future__ import annotations

import random

import polars as pl

from bench import match_data as md
from screener.match import build_index
from screener.match.candidates import candidate_pairs
from screener.match.engine import _cache_folder

from .conftest import entries_frame


def test_candidate_recall_on_damaged_real_names(bundled_entries, bundled_index):
    """UFLPA and CBP names, each damaged by one supplier-style corruption, find their entity among the top 10."""
    rng = random.Random(5)
    rows = bundled_index.entries.with_row_index("row").filter(pl.col("list_id").is_in(["uflpa", "cbp-wro"]))
    names, truth = [], []
    for row in rows.iter_rows(named=True):
        kind = rng.choice(sorted(md.CORRUPTIONS))
        variant = md.corrupt(row["name"], kind, rng)
        if variant:
            names.append(variant)
            truth.append(row["entity_id"])
    from screener.normalize.names import normalize_names

    normalised = normalize_names(pl.Series(names))
    pairs = candidate_pairs(
        bundled_index.candidates, normalised["name_key"].to_list(), normalised["name_tokens"].to_list()
    )
    entity = bundled_index.entries["entity_id"].to_list()
    found = {
        q
        for q, e in zip(pairs["query"].to_list(), pairs["entry"].to_list(), strict=True)
        if entity[e] == truth[q]
    }
    assert len(names) > 200
    assert len(found) / len(names) >= 0.98


def test_one_word_name_inside_a_long_name_is_found_by_its_rare_word(bundled_index):
    keys, tokens = ["daqo"], [["daqo"]]
    pairs = candidate_pairs(bundled_index.candidates, keys, tokens)
    names = bundled_index.entries["name"].gather(pairs["entry"]).to_list()
    assert any("Daqo" in n for n in names)


def test_no_candidates_for_an_empty_name(bundled_index):
    pairs = candidate_pairs(bundled_index.candidates, [""], [[]])
    assert pairs.height == 0


def test_index_is_cached_on_disk_and_reused(tmp_path):
    entries = entries_frame(
        [("e1", "Hoshine Silicon Industry Co., Ltd.", False, "CN"), ("e2", "Daqo New Energy", False, "CN")]
    )
    first = build_index(entries, cache_key="lists-v1", cache_dir=tmp_path)
    folder = _cache_folder("lists-v1", tmp_path)
    stored = sorted(p.name for p in folder.iterdir())
    assert stored == ["entries.parquet", "grams.json", "idf.npy", "meta.json", "ngrams.npz"]
    second = build_index(
        entries.head(1), cache_key="lists-v1", cache_dir=tmp_path
    )  # same key: from the cache
    assert second.entries.height == first.entries.height == 2
    assert (second.candidates.matrix_t != first.candidates.matrix_t).nnz == 0
    other = build_index(entries.head(1), cache_key="lists-v2", cache_dir=tmp_path)
    assert other.entries.height == 1


def test_a_broken_cache_is_rebuilt(tmp_path):
    entries = entries_frame([("e1", "Hoshine Silicon Industry Co., Ltd.", False, "CN")])
    build_index(entries, cache_key="k", cache_dir=tmp_path)
    (_cache_folder("k", tmp_path) / "ngrams.npz").write_bytes(b"garbage")
    index = build_index(entries, cache_key="k", cache_dir=tmp_path)
    assert index.entries.height == 1
