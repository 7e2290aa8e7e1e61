"""Candidate generation (blocking): which list names are worth scoring for each supplier.

Two cheap searches, unioned, over the normalised comparison keys:

- character 3-gram TF-IDF cosine, top ``k`` list names per supplier (one sparse matrix product per block of
  suppliers). It tolerates typos, truncation, missing spaces and word order.
- a rare-token inverted index: every list name that shares a distinctive word (one used by few list names) with
  the supplier. It catches one-word names and short names inside long ones, where 3-gram cosine is low.

The index is plain arrays (a sparse matrix, a vocabulary, token postings) so it can be cached as npz/json.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

NGRAM = 3
# A token is "rare" (worth a direct lookup) when at most this many list names contain it.
RARE_TOKEN_MAX_NAMES = 25
# A block of suppliers is scored against all list names at once; this bounds the dense block in memory.
BLOCK_ROWS = 512
# 3-grams found in more than this share of list names are dropped: they make the product slow and tell little.
MAX_NAME_SHARE = 0.05
# Names below this 3-gram cosine are not candidates unless they share a rare token.
MIN_COSINE = 0.15


@dataclass
class CandidateIndex:
    """Char 3-gram TF-IDF vectors of the list names and the postings of their rare tokens."""

    vocabulary: dict[str, int]
    idf: np.ndarray
    matrix_t: sparse.csr_matrix  # (n-grams x list names), columns L2-normalised
    token_postings: dict[str, np.ndarray]

    @property
    def size(self) -> int:
        return self.matrix_t.shape[1]

    def vectorizer(self) -> TfidfVectorizer:
        """The fitted vectoriser, rebuilt from the stored vocabulary and IDF weights."""
        vectorizer = _new_vectorizer(vocabulary=self.vocabulary)
        vectorizer.idf_ = self.idf
        return vectorizer


def _new_vectorizer(vocabulary: dict[str, int] | None = None) -> TfidfVectorizer:
    return TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=(NGRAM, NGRAM),
        lowercase=False,
        sublinear_tf=True,
        dtype=np.float32,
        vocabulary=vocabulary,
        max_df=1.0 if vocabulary else MAX_NAME_SHARE,
    )


def build_candidate_index(keys: list[str], tokens: list[list[str]]) -> CandidateIndex:
    """Fit the 3-gram TF-IDF over the list names' keys and collect the postings of their rare tokens."""
    vectorizer = _new_vectorizer()
    matrix = vectorizer.fit_transform([k or "" for k in keys])
    vocabulary = {gram: int(col) for gram, col in vectorizer.vocabulary_.items()}
    return CandidateIndex(
        vocabulary=vocabulary,
        idf=vectorizer.idf_.astype(np.float64),
        matrix_t=matrix.T.tocsr().astype(np.float32),
        token_postings=rare_token_postings(tokens),
    )


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
    queries = index.vectorizer().transform([q or "" for q in keys])
    parts = [
        _block_pairs(index, queries[start : start + BLOCK_ROWS], tokens[start : start + BLOCK_ROWS], start, k)
        for start in range(0, len(keys), BLOCK_ROWS)
    ]
    if not parts:
        return pl.DataFrame(schema={"query": pl.Int32, "entry": pl.Int32, "cosine": pl.Float32})
    return pl.concat(parts)


def _block_pairs(
    index: CandidateIndex, block: sparse.csr_matrix, tokens: list[list[str]], offset: int, k: int
) -> pl.DataFrame:
    scores = (block @ index.matrix_t).tocsr()
    rows = np.repeat(np.arange(scores.shape[0]), np.diff(scores.indptr))
    keep = scores.data >= MIN_COSINE
    rows, cols, values = rows[keep], scores.indices[keep], scores.data[keep]
    order = np.lexsort((-values, rows))
    rows, cols = rows[order], cols[order]
    rank = np.arange(len(rows)) - np.searchsorted(rows, rows)
    top = rank < k
    rare_rows, rare_cols = _rare_hits(index, tokens)
    rows = np.concatenate([rows[top], rare_rows])
    cols = np.concatenate([cols[top], rare_cols])
    pairs = np.unique(np.stack([rows, cols], axis=1), axis=0) if len(rows) else np.zeros((0, 2), np.int64)
    cosine = np.asarray(scores[pairs[:, 0], pairs[:, 1]]).ravel() if len(pairs) else np.zeros(0)
    return pl.DataFrame(
        {
            "query": (pairs[:, 0] + offset).astype(np.int32),
            "entry": pairs[:, 1].astype(np.int32),
            "cosine": cosine.astype(np.float32),
        }
    )


def _rare_hits(index: CandidateIndex, tokens: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    postings = index.token_postings
    for row, query_tokens in enumerate(tokens):
        for token in set(query_tokens or ()):
            hits = postings.get(token)
            if hits is not None:
                rows.append(np.full(len(hits), row, dtype=np.int64))
                cols.append(hits)
    if not rows:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(rows), np.concatenate(cols).astype(np.int64)
