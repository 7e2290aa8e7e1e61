"""Candidate generation (blocking): which list names are worth scoring for each supplier.

Cheap searches, unioned, over the normalised comparison keys:

- character 3-gram TF-IDF cosine, top ``k`` list names per supplier (one sparse matrix product per block of
  suppliers). It tolerates typos, truncation, missing spaces and word order.
- word blocking keys: every list name that shares with the supplier a distinctive word (one used by few list
  names), a distinctive pair of words, or its whole normalised name. Rare words catch one-word names and short
  names inside long ones, where 3-gram cosine is low; word pairs and whole names catch names built from common
  words ("Lun Electronics") that the pruned 3-gram search of a very large list can miss.
- a typo search (lists searched over every gram): each supplier word of 4+ letters that no list name uses is looked
  up among the rare list words one or two typing slips away (symmetric deletion keys, as in SymSpell, the first
  letter kept), and the names using the nearest such words are candidates. A short word with a slip shares no
  3-gram with the listed word ("mraa" / "mara", "riet" / "rirt") and the other words of the name are common, so
  neither search above finds it.

Against a large list the 3-gram product is the cost: a gram shared by many list names touches all of them for every
supplier. So the product searches over the grams used by at most SEARCH_MAX_NAMES list names, and the cosine of
each chosen pair is then computed over every gram. Lists of up to SEARCH_MAX_NAMES / MAX_NAME_SHARE names (40k,
the bundled lists among them) are searched over every gram, as before.

The index is plain arrays and frames (sparse matrices, a vocabulary, postings) so it can be cached as npz/parquet.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import polars as pl
from rapidfuzz.distance import OSA
from rapidfuzz.process import cpdist
from scipy import sparse

from screener.normalize.common_words import business_words
from screener.normalize.pinyin import pinyin_syllables
from screener.normalize.places import city_words
from screener.normalize.scripts import read_reference_rows

try:  # scipy's own kernel for a CSR x CSR product, called without its first pass (see sparse_product)
    from scipy.sparse._sparsetools import csr_matmat
except ImportError:  # another scipy layout: the product through the public operator
    csr_matmat = None

NGRAM = 3
# A word is a blocking key when at most this many list names contain it.
RARE_TOKEN_MAX_NAMES = 10
# Words of at least this many letters are also looked up one typo away; a typo key is kept when at most this many
# list names have it (a common word's neighbours are as common as the word and drop out).
TYPO_MIN_LENGTH = 5
TYPO_KEY_MAX_NAMES = 10
# A pair of words (in any order) is a blocking key when at most this many list names contain both.
WORD_PAIR_MAX_NAMES = 20
# A word with the first HEAD_LETTERS letters of another word of the name is a key like a pair (a typo after
# those letters, or a truncated last word, still meets it).
HEAD_LETTERS = 3
# A whole normalised name is a blocking key when at most this many list names have it.
WHOLE_NAME_MAX_NAMES = 50
# Words of a name that form pairs (the first ones: a truncated name keeps its head).
PAIR_WORDS = 6
# A block of suppliers is scored against all list names at once; this bounds the dense block in memory.
BLOCK_ROWS = 512
# Blocks scored at once in threads (at most one per CPU).
MAX_THREADS = 4
# 3-grams found in more than this share of list names (and more than MIN_DROPPED_DF names) are dropped from the
# vectors: they make the product slow and tell little. Small lists keep every gram.
MAX_NAME_SHARE = 0.05
MIN_DROPPED_DF = 100
# The top-k search uses only grams found in at most this many list names (see the module docstring).
SEARCH_MAX_NAMES = 2_000
# Names below this 3-gram cosine are not candidates unless they share a blocking key.
MIN_COSINE = 0.15

# The typo search (lists searched over every gram): supplier words of at least TYPO_SEARCH_MIN_LETTERS letters that
# no list name uses meet the rare list words (in at most RARE_TOKEN_MAX_NAMES names) at most TYPO_SEARCH_MAX_EDITS
# slips away (OSA distance: a letter dropped, added or changed, two neighbours swapped), one slip only when the
# shorter word has at most TYPO_ONE_EDIT_MAX_LETTERS; the first letter kept. Each supplier word keeps its nearest
# list words (one slip before two), at most TYPO_SEARCH_MAX_WORDS of them, and at most TYPO_SEARCH_MAX_NAMES of the
# names using them (the fan-out cap). Deletion keys shorter than TYPO_KEY_MIN_LETTERS are not made (two letters
# meet too many words). Cities, personal names, business words and pinyin names are not looked up (see typo_hits).
TYPO_SEARCH_MIN_LETTERS = 4
TYPO_SEARCH_MAX_EDITS = 2
TYPO_ONE_EDIT_MAX_LETTERS = 4
TYPO_SEARCH_MAX_WORDS = 3
TYPO_SEARCH_MAX_NAMES = 3
TYPO_KEY_MIN_LETTERS = 3

# Kinds of word blocking key (see _kinds): every index uses WORD_KINDS, an index with a pruned search all of them.
WORD_KINDS = ("w", "p", "n")
KEY_HASH_SEED = 20_275
ALL_KINDS = ("w", "d", "p", "h", "n")


@dataclass
class TypoKeys:
    """The rare list words of TYPO_SEARCH_MIN_LETTERS+ letters, and their deletion keys' hashes sorted, each with
    the word it came from: a supplier word's keys are found by binary search (built with the index, cached)."""

    words: pl.Series
    hashes: np.ndarray  # uint64, sorted
    word_ids: np.ndarray  # int32: positions in words

    @classmethod
    def of(cls, words: pl.Series) -> TypoKeys:
        words = words.filter(words.str.len_chars() >= TYPO_SEARCH_MIN_LETTERS).unique().sort().alias("word")
        keys = deletion_keys(words)
        hashes = keys["key"].hash(seed=KEY_HASH_SEED).to_numpy()
        order = np.argsort(hashes, kind="stable")
        return cls(words, hashes[order], keys["word"].to_numpy().astype(np.int32)[order])


@dataclass
class CandidateIndex:
    """Char 3-gram TF-IDF vectors of the list names and the postings of their word blocking keys."""

    grams: list[str]  # the 3-gram vocabulary; a gram's position is its column
    idf: np.ndarray
    matrix_t: sparse.csr_matrix  # (n-grams x list names), columns L2-normalised
    postings: pl.DataFrame  # (key, entry): the word blocking keys of each list name
    search_t: sparse.csr_matrix | None = None  # matrix_t without its common grams; None when nothing is cut
    # Words of TYPO_SEARCH_MIN_LETTERS+ letters in more than TYPO_KEY_MAX_NAMES list names: no typo keys for them
    # (on either side), and no typo search for a supplier word that is one of them.
    common_words: pl.Series = field(default_factory=lambda: pl.Series("word", [], dtype=pl.String))
    # The typo search's list side: rare list words and, sorted by hash, their deletion keys (see TypoKeys).
    typo_keys: TypoKeys | None = None
    _vocabulary: pl.DataFrame | None = None
    _name_vectors: sparse.csr_matrix | None = None
    _key_lookup: tuple[np.ndarray, np.ndarray] | None = None

    def key_lookup(self) -> tuple[np.ndarray, np.ndarray]:
        """The postings as (key hash, entry) arrays sorted by hash, built once per process: a query's keys are
        found by binary search instead of a join that would scan millions of postings per block of suppliers.
        The hash is polars' (stable within one polars version: the disk cache is keyed by that version); two keys
        sharing a 64-bit hash would only add a candidate for the classifier to score."""
        if self._key_lookup is None:
            hashes = self.postings["key"].hash(seed=KEY_HASH_SEED).to_numpy()
            order = np.argsort(hashes, kind="stable")
            self._key_lookup = (hashes[order], self.postings["entry"].to_numpy().astype(np.int64)[order])
        return self._key_lookup

    def set_key_lookup(self, hashes: np.ndarray, entries: np.ndarray) -> None:
        """The lookup as key_lookup built it, read back from the disk cache."""
        if len(hashes) != len(entries) or len(hashes) != self.postings.height:
            raise ValueError("the cached blocking-key lookup does not fit the postings")
        self._key_lookup = (hashes, entries)

    def name_vectors(self) -> sparse.csr_matrix:
        """(list names x n-grams): each name's vector as a row, for cosines of chosen pairs."""
        if self._name_vectors is None:
            self._name_vectors = self.matrix_t.T.tocsr()
        return self._name_vectors

    @property
    def size(self) -> int:
        return self.matrix_t.shape[1]

    def search_matrix(self) -> sparse.csr_matrix:
        return self.matrix_t if self.search_t is None else self.search_t

    def vectors(self, keys: Sequence[str | None] | pl.Series) -> sparse.csr_matrix:
        """L2-normalised TF-IDF 3-gram vectors of keys, over this index's vocabulary."""
        if self._vocabulary is None:
            self._vocabulary = pl.DataFrame(
                {"gram": self.grams, "col": np.arange(len(self.grams), dtype=np.int64)}
            )
        counts = gram_counts(keys).join(self._vocabulary, on="gram", how="inner")
        return _tfidf(counts, self.idf, len(keys), len(self.grams))


def _keys_series(keys: Sequence[str | None] | pl.Series) -> pl.Series:
    """Keys as a String series, null as "" (a Series passes through without a copy into Python)."""
    series = keys if isinstance(keys, pl.Series) else pl.Series(keys, dtype=pl.String)
    return series.cast(pl.String).fill_null("").alias("key")


def _tokens_series(tokens: Sequence[list[str] | None] | pl.Series) -> pl.Series:
    """Token lists as a List(String) series."""
    series = tokens if isinstance(tokens, pl.Series) else pl.Series(tokens, dtype=pl.List(pl.String))
    return series.alias("word")


def gram_counts(keys: Sequence[str | None] | pl.Series) -> pl.DataFrame:
    """(row, gram, count) for the 3-grams of each key's words, each word padded with a space on both sides
    (grams never cross a word boundary, like scikit-learn's ``char_wb``)."""
    words = (
        _keys_series(keys)
        .to_frame()
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


def build_candidate_index(
    keys: Sequence[str | None] | pl.Series, tokens: Sequence[list[str] | None] | pl.Series
) -> CandidateIndex:
    """3-gram TF-IDF over the list names' keys (grams in more than MAX_NAME_SHARE of the names dropped), the
    search matrix for large lists, and the postings of the names' word blocking keys."""
    counts = gram_counts(keys)
    frequency = counts.group_by("gram").agg(pl.len().alias("df")).sort("gram")
    frequency = frequency.filter(pl.col("df") <= max(MIN_DROPPED_DF, MAX_NAME_SHARE * len(keys)))
    document_frequency = frequency["df"].to_numpy().astype(np.float64)
    idf = np.log((1 + len(keys)) / (1 + document_frequency)) + 1.0
    vocabulary = pl.DataFrame(
        {"gram": frequency["gram"], "col": np.arange(frequency.height, dtype=np.int64)},
        schema={"gram": pl.String, "col": pl.Int64},
    )
    matrix = _tfidf(counts.join(vocabulary, on="gram", how="inner"), idf, len(keys), frequency.height)
    matrix_t = matrix.T.tocsr()
    search_t = search_matrix(matrix_t)
    common = common_words(tokens)
    postings = blocking_postings(keys, tokens, key_kinds(search_t), common)
    return CandidateIndex(
        grams=frequency["gram"].to_list(),
        idf=idf,
        matrix_t=matrix_t,
        postings=postings,
        search_t=search_t,
        common_words=common,
        typo_keys=TypoKeys.of(rare_words(postings)) if search_t is None else None,
    )


def rare_words(postings: pl.DataFrame) -> pl.Series:
    """The words that are blocking keys (in at most RARE_TOKEN_MAX_NAMES list names)."""
    words = postings.filter(pl.col("key").str.starts_with("w:"))["key"].unique()
    return words.str.slice(2).alias("word")


def deletion_keys(words: pl.Series, distinct: bool = True) -> pl.DataFrame:
    """(word, key): each word (by position in ``words``) as it is and with one or two letters after its first left
    out, keys of TYPO_KEY_MIN_LETTERS+ letters. Two words at most two slips apart with the same first letter share a
    key (symmetric deletion: leave out the changed, added or swapped letters on either side). ``distinct=False``
    keeps a word's repeated keys ("aab" less either a): for a search whose hits are made unique anyway, which
    saves sorting millions of keys."""
    text = pl.col("text")
    whole = words.alias("text").to_frame().with_row_index("word").with_columns(pl.col("word").cast(pl.Int32))
    one = (
        whole.with_columns(pl.int_ranges(1, text.str.len_chars()).alias("at"))
        .explode("at")
        .drop_nulls("at")
        .select(
            "word", "at", (text.str.slice(0, pl.col("at")) + text.str.slice(pl.col("at") + 1)).alias("text")
        )
    )
    # The second letter left out at or after the first one's place (in the shorter word): each pair once.
    two = (
        one.filter(pl.col("text").str.len_chars() > TYPO_KEY_MIN_LETTERS)
        .with_columns(pl.int_ranges(pl.col("at"), text.str.len_chars()).alias("at"))
        .explode("at")
        .drop_nulls("at")
        .select("word", (text.str.slice(0, pl.col("at")) + text.str.slice(pl.col("at") + 1)).alias("text"))
    )
    keys = pl.concat([whole, one.drop("at"), two]).filter(text.str.len_chars() >= TYPO_KEY_MIN_LETTERS)
    return (keys.unique(maintain_order=True) if distinct else keys).rename({"text": "key"})


def common_words(tokens: Sequence[list[str] | None] | pl.Series) -> pl.Series:
    """Words of TYPO_SEARCH_MIN_LETTERS letters or more found in more than TYPO_KEY_MAX_NAMES names, sorted."""
    words = _tokens_series(tokens).to_frame().with_row_index("row").explode("word").unique(["row", "word"])
    shortest = min(TYPO_MIN_LENGTH, TYPO_SEARCH_MIN_LETTERS)
    counted = words.filter(pl.col("word").str.len_chars() >= shortest).group_by("word").len()
    return counted.filter(pl.col("len") > TYPO_KEY_MAX_NAMES)["word"].sort()


def key_kinds(search_t: sparse.csr_matrix | None) -> tuple[str, ...]:
    """The kinds of blocking key an index uses: typo and word-head keys only when the 3-gram search is pruned
    (they stand in for the common grams it skips; a full search finds those names itself)."""
    return ALL_KINDS if search_t is not None else WORD_KINDS


def search_matrix(matrix_t: sparse.csr_matrix) -> sparse.csr_matrix | None:
    """matrix_t with the rows of grams found in more than SEARCH_MAX_NAMES list names emptied; None when no
    gram is that common."""
    names_per_gram = np.diff(matrix_t.indptr)
    common = names_per_gram > SEARCH_MAX_NAMES
    if not common.any():
        return None
    searched = matrix_t.copy()
    searched.data[np.repeat(common, names_per_gram)] = 0
    searched.eliminate_zeros()
    return searched


def blocking_keys(
    keys: Sequence[str | None] | pl.Series,
    tokens: Sequence[list[str] | None] | pl.Series,
    kinds: tuple[str, ...] = ALL_KINDS,
    common: pl.Series | None = None,
) -> pl.DataFrame:
    """(row, key) for every blocking key of each name, its kind before a colon (see _kinds)."""
    return pl.concat(
        [
            frame.select("row", (pl.lit(f"{kind}:") + pl.col("key")).alias("key"))
            for kind, frame in _kinds(keys, tokens, kinds, common)
        ]
    )


def blocking_postings(
    keys: Sequence[str | None] | pl.Series,
    tokens: Sequence[list[str] | None] | pl.Series,
    kinds: tuple[str, ...] = ALL_KINDS,
    common: pl.Series | None = None,
) -> pl.DataFrame:
    """(key, entry) for the blocking keys that few enough list names share (see the *_MAX_NAMES limits).

    One kind at a time, so a list of hundreds of thousands of names never holds all its keys at once."""
    postings = []
    for kind, frame in _kinds(keys, tokens, kinds, common):
        found = frame.unique(["key", "row"])
        distinctive = (
            found.group_by("key").agg(pl.len().alias("names")).filter(pl.col("names") <= _MAX_NAMES[kind])
        )
        postings.append(
            found.join(distinctive.select("key"), on="key", how="semi").select(
                (pl.lit(f"{kind}:") + pl.col("key")).alias("key"), pl.col("row").alias("entry")
            )
        )
    return pl.concat(postings).sort("key", "entry")


def _kinds(
    keys: Sequence[str | None] | pl.Series,
    tokens: Sequence[list[str] | None] | pl.Series,
    kinds: tuple[str, ...],
    common: pl.Series | None = None,
) -> Iterator[tuple[str, pl.DataFrame]]:
    """(kind, frame of row and key) for each kind of blocking key, one kind at a time:

    - "w": each word of two letters or more;
    - "d": each word of TYPO_MIN_LENGTH letters or more, as it is and without each one of its letters. Two words
      one typo apart (a letter changed, added or dropped, or two letters swapped) always share one: dropping the
      changed letter, the added letter, or one of the swapped pair gives the same string;
    - "p": each pair of the first PAIR_WORDS distinct words, in sorted order;
    - "h": each of those words with the first HEAD_LETTERS letters of another (a typo further on, or a cut);
    - "n": the whole normalised name.

    Only the kinds in ``kinds``; no "d" keys for the ``common`` words (a common word's one-typo neighbours are
    other common words, or rare words it would pull in as candidates for every supplier that uses it)."""
    words = (
        _tokens_series(tokens)
        .to_frame()
        .with_row_index("row")
        .with_columns(pl.col("row").cast(pl.Int32))
        .explode("word")
        .drop_nulls("word")
        .filter(pl.col("word").str.len_chars() >= 2)
        .unique(["row", "word"], maintain_order=True)
        .with_columns(pl.int_range(pl.len()).over("row").alias("at"))
    )
    if "w" in kinds:
        yield "w", words.select("row", pl.col("word").alias("key"))
    if "d" in kinds:
        yield "d", _typo_keys(words, common)
    if "p" in kinds or "h" in kinds:
        heads = words.filter(pl.col("at") < PAIR_WORDS).select("row", "word")
        ordered = heads.join(heads, on="row", suffix="_2").filter(pl.col("word") != pl.col("word_2"))
        if "p" in kinds:
            pairs = ordered.filter(pl.col("word") < pl.col("word_2"))
            yield "p", pairs.select("row", pl.concat_str("word", "word_2", separator=" ").alias("key"))
        if "h" in kinds:
            head = pl.col("word_2").str.head(HEAD_LETTERS)
            with_head = ordered.filter(pl.col("word_2").str.len_chars() > HEAD_LETTERS)
            yield "h", with_head.select("row", pl.concat_str("word", head, separator=" ").alias("key"))
        del ordered
    if "n" in kinds:
        whole = _keys_series(keys).to_frame().with_row_index("row").filter(pl.col("key") != "")
        yield "n", whole.select(pl.col("row").cast(pl.Int32), "key")


def _typo_keys(words: pl.DataFrame, common: pl.Series | None) -> pl.DataFrame:
    """(row, key): each long word that is not common, as it is and without each one of its letters."""
    long_words = words.filter(pl.col("word").str.len_chars() >= TYPO_MIN_LENGTH).select("row", "word")
    if common is not None and common.len():
        long_words = long_words.filter(~pl.col("word").is_in(common.implode()))
    one_letter_less = (
        long_words.with_columns(pl.int_ranges(0, pl.col("word").str.len_chars()).alias("at"))
        .explode("at")
        .select(
            "row",
            (pl.col("word").str.slice(0, pl.col("at")) + pl.col("word").str.slice(pl.col("at") + 1)).alias(
                "key"
            ),
        )
    )
    return pl.concat([long_words.rename({"word": "key"}), one_letter_less])


_MAX_NAMES = {
    "w": RARE_TOKEN_MAX_NAMES,
    "d": TYPO_KEY_MAX_NAMES,
    "p": WORD_PAIR_MAX_NAMES,
    "h": WORD_PAIR_MAX_NAMES,
    "n": WHOLE_NAME_MAX_NAMES,
}


def candidate_pairs(
    index: CandidateIndex,
    keys: Sequence[str | None] | pl.Series,
    tokens: Sequence[list[str] | None] | pl.Series,
    k: int = 10,
    other_names: Sequence[str | None] | pl.Series | None = None,
) -> pl.DataFrame:
    """Pairs (query, entry, cosine) to score: each query's top-k names by 3-gram cosine plus the names it shares a
    blocking key with. ``other_names``: a second normalised name per query (null for none: the name with its
    places and branches set aside), looked up as a whole name ("St. Petersburg Sberbank" finds SBERBANK, which
    the 3-gram search ranks below St. Petersburg's other companies)."""
    queries = index.vectors(keys)
    blocked_rows, blocked_cols = _blocked_hits(index, keys, tokens, other_names)  # sorted by query row

    def block_pairs(start: int) -> pl.DataFrame:
        block = queries[start : start + BLOCK_ROWS]
        first, end = np.searchsorted(blocked_rows, [start, start + BLOCK_ROWS])
        blocked = (blocked_rows[first:end] - start, blocked_cols[first:end])
        return _block_pairs(index, block, blocked, start, k)

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
    blocked: tuple[np.ndarray, np.ndarray],
    offset: int,
    k: int,
) -> pl.DataFrame:
    scores = sparse_product(block, index.search_matrix())
    width = np.int64(scores.shape[1])
    keep = np.flatnonzero(scores.data >= MIN_COSINE)
    rows = np.searchsorted(scores.indptr, keep, side="right") - 1
    keep, rows = _may_be_top(scores.data, keep, rows, block.shape[0], k)
    # Each row's names by cosine, highest first, ties in product order: one stable sort on (row, -cosine) packed
    # into an int64 (a positive float32's bits order like its value).
    descending = np.uint32(0xFFFFFFFF) - scores.data[keep].astype(np.float32).view(np.uint32)
    order = np.argsort((rows.astype(np.int64) << 32) | descending.astype(np.int64), kind="stable")
    rows, keep = rows[order], keep[order]
    top = (np.arange(len(rows)) - np.searchsorted(rows, rows)) < k
    top_keys = rows[top] * width + scores.indices[keep[top]]
    top_cosine = scores.data[keep[top]]
    if index.search_t is not None:  # the search saw only the rarer grams: the cosine is over all of them
        top_cosine = _cosines(block, index.name_vectors(), top_keys // width, top_keys % width)
    blocked_rows, blocked_cols = blocked
    extra_keys = np.setdiff1d(blocked_rows * width + blocked_cols, top_keys)
    extra_cosine = _cosines(block, index.name_vectors(), extra_keys // width, extra_keys % width)
    keys = np.concatenate([top_keys, extra_keys])
    return pl.DataFrame(
        {
            "query": (keys // width + offset).astype(np.int32),
            "entry": (keys % width).astype(np.int32),
            "cosine": np.concatenate([top_cosine, extra_cosine]).astype(np.float32),
        }
    )


def sparse_product(left: sparse.csr_matrix, right: sparse.csr_matrix) -> sparse.csr_matrix:
    """``left @ right`` for the float32 int32-indexed matrices of a 3-gram search, the same arrays (values, their
    order) as scipy's operator gives. The operator runs scipy's kernel twice, first to count the product's
    entries; here the output is sized by a bound instead (each row has at most as many entries as the rows of
    ``right`` its grams meet, and at most a column each), which saves that pass: about a fifth of the search's
    product. Falls back on the operator for other types."""
    rows, columns = left.shape[0], right.shape[1]
    kinds = {array.dtype for m in (left, right) for array in (m.data, m.indices, m.indptr)}
    if csr_matmat is None or kinds != {np.dtype(np.float32), np.dtype(np.int32)} or left.nnz == 0:
        return (left @ right).tocsr()
    bound = int(product_row_bounds(left, right).sum())
    if bound >= np.iinfo(np.int32).max:
        return (left @ right).tocsr()
    indptr = np.empty(rows + 1, dtype=np.int32)
    indices = np.empty(bound, dtype=np.int32)
    data = np.empty(bound, dtype=np.float32)
    csr_matmat(
        rows, columns, left.indptr, left.indices, left.data, right.indptr, right.indices, right.data,
        indptr, indices, data,
    )  # fmt: skip
    found = int(indptr[-1])
    return sparse.csr_matrix((data[:found], indices[:found], indptr), shape=(rows, columns))


def product_row_bounds(left: sparse.csr_matrix, right: sparse.csr_matrix) -> np.ndarray:
    """For each row of ``left @ right``, at least its number of entries: the rows of ``right`` its entries meet,
    counted with repeats, and at most one a column."""
    met = np.concatenate([[0], np.cumsum(np.diff(right.indptr).astype(np.int64)[left.indices])])
    return np.minimum(met[left.indptr[1:]] - met[left.indptr[:-1]], right.shape[1])


# Cosines that often hold a row's k best: a row with k names at or above one of them keeps only those (its top k
# are among them) before the sort, instead of every name above MIN_COSINE (about 170 a row on the bundled lists).
TOP_FLOORS = (0.3, 0.45, 0.6)


def _may_be_top(
    data: np.ndarray, keep: np.ndarray, rows: np.ndarray, height: int, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """``keep`` (positions in ``data``, by row) and their ``rows`` without the names that cannot be among their
    row's k best: for each row the highest of TOP_FLOORS that k of its names reach, and the names below it left
    out. The k best, and their order on ties, are the same as from the whole row."""
    values = data[keep]
    floor = np.zeros(height, dtype=values.dtype)
    for cosine in TOP_FLOORS:
        reached = np.bincount(rows[values >= cosine], minlength=height) >= k
        floor[reached] = cosine
    kept = values >= floor[rows]
    return keep[kept], rows[kept]


def _cosines(
    block: sparse.csr_matrix, name_vectors: sparse.csr_matrix, rows: np.ndarray, names: np.ndarray
) -> np.ndarray:
    """Cosine of each (query row, list name row) pair."""
    if len(rows) == 0:
        return np.zeros(0, dtype=np.float32)
    return np.asarray(block[rows].multiply(name_vectors[names]).sum(axis=1)).ravel()


def _blocked_hits(
    index: CandidateIndex,
    keys: Sequence[str | None] | pl.Series,
    tokens: Sequence[list[str] | None] | pl.Series,
    other_names: Sequence[str | None] | pl.Series | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(query row, list name row) for every blocking key a query shares with a list name, sorted by query row."""
    hashes, entries = index.key_lookup()
    kinds = key_kinds(index.search_t)
    queries = blocking_keys(keys, tokens, kinds, index.common_words)
    if other_names is not None:
        other = _keys_series(other_names).to_frame().with_row_index("row").filter(pl.col("key") != "")
        whole = other.select(
            pl.col("row").cast(queries["row"].dtype), (pl.lit("n:") + pl.col("key")).alias("key")
        )
        queries = pl.concat([queries, whole])
    queries = queries.unique(["row", "key"])
    rows, names = _looked_up(hashes, entries, queries["key"], queries["row"].to_numpy())
    if index.typo_keys is not None:
        typo_rows, typo_names = typo_hits(index, tokens)
        rows, names = np.concatenate([rows, typo_rows]), np.concatenate([names, typo_names])
    pairs = np.unique(rows * np.int64(max(index.size, 1)) + names)  # sorted by row, then entry; no repeats
    return pairs // max(index.size, 1), pairs % max(index.size, 1)


def _looked_up(
    hashes: np.ndarray, values: np.ndarray, keys: pl.Series, rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(row, value) for every key found among the sorted ``hashes`` (each key's row repeated per value)."""
    key_hashes = keys.hash(seed=KEY_HASH_SEED).to_numpy()
    first = np.searchsorted(hashes, key_hashes, side="left")
    # Most keys of a search are found nowhere: the second search only for those whose hash is there.
    found = np.zeros(len(first), dtype=np.int64)
    if len(hashes) == 0:
        return np.zeros(0, dtype=np.int64), values[:0].astype(np.int64)
    there = np.flatnonzero(hashes[np.minimum(first, len(hashes) - 1)] == key_hashes)
    found[there] = np.searchsorted(hashes, key_hashes[there], side="right") - first[there]
    # Positions first[i], first[i] + 1, ..., first[i] + found[i] - 1 for every key i, in one pass.
    starts = np.repeat(first - np.cumsum(found) + found, found)
    return np.repeat(rows.astype(np.int64), found), values[starts + np.arange(len(starts))].astype(np.int64)


def typo_hits(
    index: CandidateIndex, tokens: Sequence[list[str] | None] | pl.Series
) -> tuple[np.ndarray, np.ndarray]:
    """(query row, list name row) for the typo search: each distinct supplier word no list name uses, its nearest
    rare list words a slip or two away (see TYPO_SEARCH_*), and the names that use them."""
    typo = index.typo_keys
    words = _tokens_series(tokens).to_frame().with_row_index("row").explode("word").drop_nulls("word")
    words = words.filter(
        (pl.col("word").str.len_chars() >= TYPO_SEARCH_MIN_LETTERS)
        & ~pl.col("word").is_in(index.common_words.implode())
        & ~pl.col("word").is_in(typo.words.implode())
        & ~pl.col("word").is_in(_words_of_their_own())
        & ~pl.col("word").str.contains(_pinyin_name())
    )
    distinct = words["word"].unique().sort()
    keys = deletion_keys(distinct, distinct=False)  # the (typed, listed) pairs are made unique just below
    typed, listed = _looked_up(typo.hashes, typo.word_ids, keys["key"], keys["word"].to_numpy())
    near = np.unique(typed * np.int64(typo.words.len()) + listed)
    typed, listed = near // typo.words.len(), near % typo.words.len()
    nearest = _nearest_words(typed, distinct.gather(typed), typo.words.gather(listed))
    typed, listed = typed[nearest], listed[nearest]
    # The names using each list word kept (its "w:" postings), then the supplier rows using each supplier word.
    hashes, entries = index.key_lookup()
    word_keys = ("w:" + typo.words.gather(listed)).alias("key")
    pair_ids, names = _looked_up(hashes, entries, word_keys, np.arange(len(typed)))
    # At most TYPO_SEARCH_MAX_NAMES names a supplier word, those of its nearest list words first.
    group = typed[pair_ids]
    kept = (np.arange(len(group)) - np.searchsorted(group, group)) < TYPO_SEARCH_MAX_NAMES
    by_word = pl.DataFrame({"word": distinct.gather(group[kept]), "entry": names[kept]})
    hits = words.join(by_word, on="word")
    return hits["row"].to_numpy().astype(np.int64), hits["entry"].to_numpy().astype(np.int64)


@lru_cache(maxsize=1)
def _words_of_their_own() -> pl.Series:
    """Words the typo search never takes for a misspelt list word: cities (Foshan is not FORQAN), common family and
    given names (Martin is not MARLIN) and generic business words (Apparel is not APPAREIL): in real supplier
    names they are far more often themselves than a slip."""
    people = {row["name"] for row in read_reference_rows("common_personal_names.csv")}
    return pl.Series("word", sorted(city_words() | business_words() | people), dtype=pl.String).implode()


@lru_cache(maxsize=1)
def _pinyin_name() -> str:
    """A pattern matching a word made of pinyin syllables only (screener.normalize.pinyin.split_pinyin is not None):
    such a supplier word is not looked up, since a pinyin name a slip or two from another is another name
    (Yasheng / Fasheng: the common-word check drops the pair), and Chinese supplier files are full of them."""
    syllables = sorted(pinyin_syllables(), key=lambda syllable: (-len(syllable), syllable))
    return "^(?:" + "|".join(syllables) + ")+$"


def _nearest_words(group: np.ndarray, typed: pl.Series, listed: pl.Series) -> np.ndarray:
    """Positions of the (supplier word, list word) pairs, sorted by ``group`` (the supplier word's id), that are
    typing slips apart (TYPO_SEARCH_MAX_EDITS, one only for short words) and among the supplier word's
    TYPO_SEARCH_MAX_WORDS nearest."""
    if typed.len() == 0:
        return np.zeros(0, dtype=np.int64)
    edits = np.asarray(cpdist(typed.to_list(), listed.to_list(), scorer=OSA.distance), dtype=np.int64)
    shorter = np.minimum(typed.str.len_chars().to_numpy(), listed.str.len_chars().to_numpy())
    allowed = np.where(shorter <= TYPO_ONE_EDIT_MAX_LETTERS, 1, TYPO_SEARCH_MAX_EDITS)
    kept = np.flatnonzero(edits <= allowed)
    # Within each supplier word, the nearest only (one slip before two), in list word order (as the pairs come).
    group = group[kept]
    order = np.lexsort((kept, edits[kept], group))
    kept, group = kept[order], group[order]
    first = np.searchsorted(group, group)
    nearest = edits[kept] == edits[kept[first]]
    rank = np.arange(len(kept)) - first
    return kept[nearest & (rank < TYPO_SEARCH_MAX_WORDS)]
