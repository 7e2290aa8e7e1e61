"""Candidate generation (blocking): which list names are worth scoring for each supplier.

Two cheap searches, unioned, over the normalised comparison keys:

- character 3-gram TF-IDF cosine, top ``k`` list names per supplier (one sparse matrix product per block of
  suppliers). It tolerates typos, truncation, missing spaces and word order.
- a rare-token inverted index: every list name that shares a distinctive word (one used by few list names) with
  the supplier. It catches one-word names and short names inside long ones, where 3-gram cosine is low.

The index is plain arrays (a sparse matrix, a vocabulary, token postings) so it can be cached as npz/json.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import polars as pl
from scipy import sparse

NGRAM = 3
# A token is "rare" (worth a direct lookup) when at most this many list names contain it.
RARE_TOKEN_MAX_NAMES = 10
# A block of suppliers is scored against all list names at once; this bounds the dense block in memory.
BLOCK_ROWS = 512
# Blocks scored at once in threads (at most one per CPU).
MAX_THREADS = 4
# 3-grams found in more than this share of list names (and more than MIN_DROPPED_DF names) are dropped: they make
# the product slow and tell little. Small lists keep every gram.
MAX_NAME_SHARE = 0.05
MIN_DROPPED_DF = 100
# Names below this 3-gram cosine are not candidates unless they share a rare token.
MIN_COSINE = 0.15


@dataclass
class CandidateIndex:
    """Char 3-gram TF-IDF vectors of the list names and the postings of their rare tokens."""

    grams: list[str]  # the 3-gram vocabulary; a gram's position is its column
    idf: np.ndarray
    matrix_t: sparse.csr_matrix  # (n-grams x list names), columns L2-normalised
    token_postings: dict[str, np.ndarray]
    _vocabulary: pl.DataFrame | None = None
    _postings: pl.DataFrame | None = None

    def postings(self) -> pl.DataFrame:
        """The rare-token postings as a (token, entry) frame, built once."""
        if self._postings is None:
            tokens = list(self.token_postings)
            lengths = np.asarray([len(self.token_postings[t]) for t in tokens], dtype=np.int64)
            entries = [np.asarray(self.token_postings[t], dtype=np.int64) for t in tokens]
            self._postings = pl.DataFrame(
                {
                    "token": pl.Series(tokens, dtype=pl.String).gather(
                        np.repeat(np.arange(len(tokens)), lengths)
                    ),
                    "entry": np.concatenate(entries) if entries else np.zeros(0, np.int64),
                },
                schema={"token": pl.String, "entry": pl.Int64},
            )
        return self._postings

    @property
    def size(self) -> int:
        return self.matrix_t.shape[1]

    def vectors(self, keys: list[str]) -> sparse.csr_matrix:
        """L2-normalised TF-IDF 3-gram vectors of keys, over this index's vocabulary."""
        if self._vocabulary is None:
            self._vocabulary = pl.DataFrame(
                {"gram": self.grams, "col": np.arange(len(self.grams), dtype=np.int64)}
            )
        counts = gram_counts(keys).join(self._vocabulary, on="gram", how="inner")
        return _tfidf(counts, self.idf, len(keys), len(self.grams))


def gram_counts(keys: list[str]) -> pl.DataFrame:
    """(row, gram, count) for the 3-grams of each key's words, each word padded with a space on both sides
    (grams never cross a word boundary, like scikit-learn's ``char_wb``)."""
    words = (
        pl.DataFrame({"key": [k or "" for k in keys]}, schema={"key": pl.String})
        .with_row_index("row")
        .select("row", pl.col("key").str.split(" ").alias("word"))
        .explode("word")
        .filter(pl.col("word").str.len_chars() > 0)
        .select("row", (pl.lit(" ") + pl.col("word") + pl.lit(" ")).alias("word"))
    )
    starts = pl.int_ranges(0, pl.col("word").str.len_chars() - (NGRAM - 1)).alias("at")
    grams = words.with_columns(starts).explode("at")
    grams = grams.select("row", pl.col("word").str.slice(pl.col("at"), NGRAM).alias("gram"))
    return grams.group_by("row", "gram").agg(pl.len().alias("count"))


def _tfidf(counts: pl.DataFrame, idf: np.ndarray, rows: int, cols: int) -> sparse.csr_matrix:
    """Sublinear TF x IDF, rows L2-normalised."""
    row = counts["row"].to_numpy().astype(np.int64)
    col = counts["col"].to_numpy().astype(np.int64)
    values = (1.0 + np.log(counts["count"].to_numpy().astype(np.float64))) * idf[col]
    norms = np.sqrt(np.bincount(row, weights=values * values, minlength=rows))
    values = values / np.where(norms[row] > 0, norms[row], 1.0)
    return sparse.csr_matrix((values.astype(np.float32), (row, col)), shape=(rows, cols))


def build_candidate_index(keys: list[str], tokens: list[list[str]]) -> CandidateIndex:
    """3-gram TF-IDF over the list names' keys (grams in more than MAX_NAME_SHARE of the names dropped) and
    the postings of their rare tokens."""
    counts = gram_counts(keys)
    frequency = counts.group_by("gram").agg(pl.len().alias("df")).sort("gram")
    frequency = frequency.filter(pl.col("df") <= max(MIN_DROPPED_DF, MAX_NAME_SHARE * len(keys)))
    idf = np.log((1 + len(keys)) / (1 + frequency["df"].to_numpy().astype(np.float64))) + 1.0
    index = CandidateIndex(frequency["gram"].to_list(), idf, sparse.csr_matrix((0, 0)), {})
    vocabulary = pl.DataFrame(
        {"gram": index.grams, "col": np.arange(len(index.grams), dtype=np.int64)},
        schema={"gram": pl.String, "col": pl.Int64},
    )
    matrix = _tfidf(counts.join(vocabulary, on="gram", how="inner"), idf, len(keys), len(index.grams))
    index.matrix_t = matrix.T.tocsr()
    index.token_postings = rare_token_postings(tokens)
    return index


def rare_token_postings(tokens: list[list[str]]) -> dict[str, np.ndarray]:
    """For each token used by at most RARE_TOKEN_MAX_NAMES list names, the rows of those names."""
    frame = pl.DataFrame({"row": np.arange(len(tokens), dtype=np.int32), "token": tokens})
    postings = (
        frame.explode("token")
        .drop_nulls("token")
        .filter(pl.col("token").str.len_chars() >= 2)
        .unique(["token", "row"])
        .group_by("token")
        .agg(pl.col("row").sort())
        .filter(pl.col("row").list.len() <= RARE_TOKEN_MAX_NAMES)
    )
    return {
        token: np.asarray(rows, dtype=np.int32)
        for token, rows in zip(postings["token"], postings["row"], strict=True)
    }


def candidate_pairs(
    index: CandidateIndex, keys: list[str], tokens: list[list[str]], k: int = 10
) -> pl.DataFrame:
    """Pairs (query, entry, cosine) to score: each query's top-k names by 3-gram cosine plus its rare-token hits."""
    queries = index.vectors(keys)

    rare_rows, rare_cols = _rare_hits(index, tokens)  # sorted by query row

    def block_pairs(start: int) -> pl.DataFrame:
        block = queries[start : start + BLOCK_ROWS]
        first, end = np.searchsorted(rare_rows, [start, start + BLOCK_ROWS])
        rare = (rare_rows[first:end] - start, rare_cols[first:end])
        return _block_pairs(index, block, rare, start, k)

    starts = range(0, len(keys), BLOCK_ROWS)
    workers = min(len(starts), os.cpu_count() or 1, MAX_THREADS)
    if workers > 1:  # scipy's sparse product and numpy's sorts release the GIL: blocks run side by side
        with ThreadPoolExecutor(max_workers=workers) as pool:
            parts = list(pool.map(block_pairs, starts))
    else:
        parts = [block_pairs(start) for start in starts]
    if not parts:
        return pl.DataFrame(schema={"query": pl.Int32, "entry": pl.Int32, "cosine": pl.Float32})
    return pl.concat(parts)


def _block_pairs(
    index: CandidateIndex,
    block: sparse.csr_matrix,
    rare: tuple[np.ndarray, np.ndarray],
    offset: int,
    k: int,
) -> pl.DataFrame:
    scores = (block @ index.matrix_t).tocsr()
    width = np.int64(scores.shape[1])
    keep = np.flatnonzero(scores.data >= MIN_COSINE)
    rows = np.searchsorted(scores.indptr, keep, side="right") - 1
    # Each row's names by cosine, highest first, ties in product order: one stable sort on (row, -cosine) packed
    # into an int64 (a positive float32's bits order like its value).
    descending = np.uint32(0xFFFFFFFF) - scores.data[keep].astype(np.float32).view(np.uint32)
    order = np.argsort((rows.astype(np.int64) << 32) | descending.astype(np.int64), kind="stable")
    rows, keep = rows[order], keep[order]
    top = (np.arange(len(rows)) - np.searchsorted(rows, rows)) < k
    top_keys = rows[top] * width + scores.indices[keep[top]]
    top_cosine = scores.data[keep[top]]
    rare_rows, rare_cols = rare
    extra_keys = np.setdiff1d(rare_rows * width + rare_cols, top_keys)
    extra_cosine = _cosines(block, index.matrix_t, extra_keys // width, extra_keys % width)
    keys = np.concatenate([top_keys, extra_keys])
    return pl.DataFrame(
        {
            "query": (keys // width + offset).astype(np.int32),
            "entry": (keys % width).astype(np.int32),
            "cosine": np.concatenate([top_cosine, extra_cosine]).astype(np.float32),
        }
    )


def _cosines(
    block: sparse.csr_matrix, matrix_t: sparse.csr_matrix, rows: np.ndarray, cols: np.ndarray
) -> np.ndarray:
    """Cosine of (query row, list name column) pairs, for the few pairs outside the top-k."""
    if len(rows) == 0:
        return np.zeros(0, dtype=np.float32)
    names = matrix_t[:, np.unique(cols)].T.tocsr()
    position = np.searchsorted(np.unique(cols), cols)
    return np.asarray(block[rows].multiply(names[position]).sum(axis=1)).ravel()


def _rare_hits(index: CandidateIndex, tokens: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
    """(query row, list name row) for every rare token a query shares with a list name, sorted by query row."""
    queries = pl.DataFrame(
        {"row": np.arange(len(tokens), dtype=np.int64), "token": tokens},
        schema={"row": pl.Int64, "token": pl.List(pl.String)},
    )
    hits = (
        queries.explode("token")
        .drop_nulls("token")
        .unique(["row", "token"])
        .join(index.postings(), on="token", how="inner")
        .sort("row")
    )
    return hits["row"].to_numpy(), hits["entry"].to_numpy()
