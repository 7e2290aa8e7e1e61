"""Pair features: how a supplier name compares with one list name, as small documented functions.

Each feature is a function over a frame of candidate pairs that returns one number per pair (vectorised: rapidfuzz
``cpdist`` over whole columns, polars list operations, numpy). Its docstring is the explanation a user reads in the
report next to the ``f_<name>`` column. The classifier is trained on exactly :data:`FEATURE_NAMES`, in this order;
a model trained on another list is refused when loaded.

The pair frame holds, for each candidate pair: ``q_key``/``e_key`` (normalised comparison keys of the supplier
and of the list name, legal forms removed), ``q_tokens``/``e_tokens`` (their words), ``q_legal``/``e_legal`` (legal
form class or null), ``q_country``/``e_country`` (ISO code or null), ``is_alias``, ``q_script`` and ``cosine``
(the 3-gram TF-IDF cosine from candidate generation).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np
import polars as pl
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, JaroWinkler, Postfix, Prefix
from rapidfuzz.process import cdist, cpdist

from screener.data import reference_path
from screener.normalize.names import normalize_names
from screener.normalize.places import branch_words, city_words
from screener.normalize.romanise import MIN_ROMANISED, romanised_fold, same_romanised_word

FeatureFunction = Callable[["Pairs"], np.ndarray]
FEATURES: dict[str, FeatureFunction] = {}

# Words ignored when building initials ("Banco Nacional de Cuba" -> "bnc").
_INITIALS_SKIP = frozenset({"de", "del", "la", "le", "of", "the", "and", "for", "y", "et", "di", "da", "do"})
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class TokenWeights:
    """How distinctive each word is on the list side: IDF over the list names' keys.

    A word used by many list names (Trading, Industrial, Xinjiang, Group, Co) weighs little; a word no list name
    uses weighs the most (``unseen``), unless it is a misspelling of a common word ("Lmited", "Tradng",
    "Corportion"), which weighs what that word weighs.
    """

    frame: pl.DataFrame  # token, weight
    unseen: float = 1.0
    common: dict[str, float] = field(
        default_factory=dict
    )  # common words (legal-form words included) -> weight
    _resolved: dict[str, float] = field(default_factory=dict)
    _by_token: dict[str, pl.Series] = field(default_factory=dict)  # the frame sorted by token, made once

    def known_weights(self, tokens: pl.Series) -> pl.Series:
        """Each token's weight from ``frame`` (null for a word no list name uses): a binary search in the
        frame sorted once by token, much cheaper than joining the whole frame for a few thousand words."""
        if not self._by_token:
            ordered = self.frame.select("token", "weight").drop_nulls("token").sort("token")
            self._by_token.update(token=ordered["token"], weight=ordered["weight"].cast(pl.Float64))
        known, weight = self._by_token["token"], self._by_token["weight"]
        if known.len() == 0:
            return pl.Series("weight", [None] * tokens.len(), dtype=pl.Float64)
        at = known.search_sorted(tokens).clip(upper_bound=known.len() - 1)
        found = (known.gather(at) == tokens).fill_null(False)
        return weight.gather(at).zip_with(found, pl.Series([None], dtype=pl.Float64)).alias("weight")

    @classmethod
    def from_frequencies(
        cls, frequencies: dict[str, int], names: int, common_words: dict[str, int] | None = None
    ) -> TokenWeights:
        """IDF ``log((1 + names) / (1 + df))``, scaled so an unseen word weighs 1. ``common_words`` (word -> number
        of list names using it, counted on the names before legal forms are removed) are the words whose
        misspellings are recognised."""
        unseen = math.log(1 + names)
        weights = {t: math.log((1 + names) / (1 + n)) / unseen for t, n in frequencies.items()}
        frame = pl.DataFrame(
            {"token": list(weights), "weight": list(weights.values())},
            schema={"token": pl.String, "weight": pl.Float64},
        )
        floor = max(COMMON_WORD_MIN_NAMES, COMMON_WORD_MIN_SHARE * names)
        common = {
            w: weights.get(w, 0.0)
            for w, n in (common_words or {}).items()
            if n >= floor and len(w) >= MISSPELT_MIN_LENGTH and w.isalpha()
        }
        return cls(frame=frame, unseen=1.0, common=common)

    def unseen_weights(self, tokens: list[str]) -> dict[str, float]:
        """Weight of words no list name uses: a common word's weight when the word is a near-certain misspelling
        of it (similarity >= MISSPELT_MIN), else ``unseen``. Remembered between calls."""
        todo = [t for t in set(tokens) if t not in self._resolved]
        if todo and self.common:
            common = list(self.common)
            scores = cdist(
                todo, common, scorer=fuzz.ratio, score_cutoff=MISSPELT_MIN * 100, dtype=np.uint8, workers=-1
            )
            best = scores.argmax(axis=1)
            for token, column, score in zip(todo, best, scores[np.arange(len(todo)), best], strict=True):
                near = score > 0 and len(token) >= MISSPELT_MIN_LENGTH
                self._resolved[token] = self.common[common[column]] if near else self.unseen
        for token in todo:
            self._resolved.setdefault(token, self.unseen)
        return {t: self._resolved[t] for t in tokens}


# A word used by at least this many list names (and this share of them) is "common": its misspellings are known.
COMMON_WORD_MIN_NAMES = 20
COMMON_WORD_MIN_SHARE = 0.001
# An unknown word this similar to a common word (and at least this long) is taken as its misspelling.
MISSPELT_MIN = 0.85
MISSPELT_MIN_LENGTH = 5


class Pairs:
    """Candidate pairs with the list-side word weights; derived tables are computed once and shared."""

    def __init__(self, frame: pl.DataFrame, weights: TokenWeights) -> None:
        self.frame = frame
        self.weights = weights

    @cached_property
    def overlap(self) -> pl.DataFrame:
        return token_weight_table(self.frame, self.weights)

    @cached_property
    def keys(self) -> tuple[list[str], list[str]]:
        """The supplier's and the list name's comparison keys as Python lists (for rapidfuzz)."""
        return self.frame["q_key"].to_list(), self.frame["e_key"].to_list()

    def rewritten_keys(self, rewrite: Callable[[str], str]) -> tuple[list[str | None], list[str | None]]:
        """Both keys of every pair rewritten, each distinct key once (a few thousand keys make 100k pairs)."""
        supplier, listed = self.keys
        done = {key: rewrite(key) for key in {*supplier, *listed} if key is not None}
        return [done.get(key) for key in supplier], [done.get(key) for key in listed]

    @cached_property
    def all_keys_ascii(self) -> bool:
        supplier, listed = self.keys
        return all(key is None or key.isascii() for key in {*supplier, *listed})


def feature(function: FeatureFunction) -> FeatureFunction:
    """Register a pair feature under its function name; the docstring is its user-facing explanation."""
    FEATURES[function.__name__] = function
    return function


def _similarity(frame: pl.DataFrame | Pairs, scorer, left: str = "q_key", right: str = "e_key") -> np.ndarray:
    if isinstance(frame, Pairs):  # the two keys, converted to Python strings once for all features
        left_names, right_names = frame.keys
    else:
        left_names, right_names = frame[left].to_list(), frame[right].to_list()
    scores = cpdist(left_names, right_names, scorer=scorer, workers=-1, dtype=np.float32)
    return np.asarray(scores, dtype=np.float64) / (
        1.0 if scorer is JaroWinkler.normalized_similarity else 100.0
    )


@feature
def name_ratio(pairs: Pairs) -> np.ndarray:
    """Character similarity of the two normalised names (1 = identical after normalisation)."""
    return _similarity(pairs, fuzz.ratio)


@feature
def token_sort_ratio(pairs: Pairs) -> np.ndarray:
    """Character similarity with the words of each name sorted, so word order does not matter."""
    if not pairs.all_keys_ascii:
        return _similarity(pairs, fuzz.token_sort_ratio)
    # What fuzz.token_sort_ratio does, with each distinct key sorted once instead of once per pair (for ASCII
    # keys Python's split and sort are rapidfuzz's).
    supplier, listed = pairs.rewritten_keys(_sorted_words)
    scores = cpdist(supplier, listed, scorer=fuzz.ratio, workers=-1, dtype=np.float32)
    return np.asarray(scores, dtype=np.float64) / 100.0


def _sorted_words(key: str) -> str:
    return " ".join(sorted(key.split()))


@feature
def token_set_ratio(pairs: Pairs) -> np.ndarray:
    """Similarity of the shared words against each name's rest: high when one name's words are all in the other."""
    return _similarity(pairs, fuzz.token_set_ratio)


@feature
def partial_ratio(pairs: Pairs) -> np.ndarray:
    """Best similarity of the shorter name against any same-length part of the longer one."""
    return _similarity(pairs, fuzz.partial_ratio)


@feature
def jaro_winkler(pairs: Pairs) -> np.ndarray:
    """Jaro-Winkler similarity: forgiving of typos, rewards names that begin the same way."""
    return _similarity(pairs, JaroWinkler.normalized_similarity)


@feature
def prefix_ratio(pairs: Pairs) -> np.ndarray:
    """Similarity of the supplier name with the start of the list name: a name cut short by an ERP field."""
    supplier, listed = pairs.keys
    # The list name cut to the supplier name's length (the whole list name when the supplier has no key).
    prefixes = [e if q is None or e is None else e[: len(q)] for q, e in zip(supplier, listed, strict=True)]
    scores = cpdist(supplier, prefixes, scorer=fuzz.ratio, workers=-1, dtype=np.float32)
    return np.asarray(scores, dtype=np.float64) / 100.0


# Lengths of name fields in common ERP systems (SAP NAME1 is 35 characters, many others 40): a name of exactly
# this length was probably cut off.
FIELD_LIMITS = (30, 35, 40, 50, 60)


@feature
def supplier_at_field_limit(pairs: Pairs) -> np.ndarray:
    """1 when the supplier name is exactly as long as a common ERP name field (30, 35, 40, 50 or 60 characters):
    its end was probably cut off, so a list name that merely continues it is no evidence against a match."""
    name = pairs.frame["supplier_name"].fill_null("")
    at_limit = name.str.len_chars().is_in(FIELD_LIMITS) | name.str.strip_chars_end().str.len_chars().is_in(
        FIELD_LIMITS
    )
    return at_limit.cast(pl.Float64).to_numpy()


@feature
def compact_ratio(pairs: Pairs) -> np.ndarray:
    """Character similarity with spaces removed: romanised names split differently (Tian Hong / Tianhong)."""
    supplier, listed = pairs.rewritten_keys(_without_spaces)
    scores = cpdist(supplier, listed, scorer=fuzz.ratio, workers=-1, dtype=np.float32)
    return np.asarray(scores, dtype=np.float64) / 100.0


def _without_spaces(key: str) -> str:
    return key.replace(" ", "")


@feature
def ngram_cosine(pairs: Pairs) -> np.ndarray:
    """Cosine of the names' character 3-gram TF-IDF vectors (common 3-grams count little)."""
    return pairs.frame["cosine"].cast(pl.Float64).to_numpy()


# Two different words count as the same word misspelt when their character similarity reaches this.
FUZZY_WORD_MIN = 0.75
# A word of at least this many letters that begins another word counts as that word cut short, this similar.
ABBREVIATION_MIN_LENGTH = 3
CUT_WORD_SIMILARITY = 0.85


def _word_weights(tokens: pl.Series, weights: TokenWeights) -> np.ndarray:
    """Each token's list-side weight; words no list name uses get TokenWeights.unseen_weights (a misspelt common
    word the common word's weight)."""
    known = weights.known_weights(tokens)
    weight = known.fill_null(np.nan).to_numpy().astype(np.float64)
    missing = known.is_null().to_numpy()
    if missing.any():
        unseen = tokens.filter(known.is_null()).to_list()
        resolved = weights.unseen_weights(unseen)
        weight[missing] = [resolved[token] for token in unseen]
    return weight


@dataclass
class _Words:
    """The distinct words of one side of each pair as sorted (pair, word id) arrays, with each word's weight."""

    pair: np.ndarray
    word: np.ndarray
    weight: np.ndarray
    place: np.ndarray

    def select(self, mask: np.ndarray) -> _Words:
        return _Words(self.pair[mask], self.word[mask], self.weight[mask], self.place[mask])


def _vocabulary(pairs: pl.DataFrame, weights: TokenWeights) -> tuple[list[_SideWords], pl.DataFrame]:
    """Each side's (pair, word id) for every word of each pair, and the vocabulary (token, weight, place) with
    ids in sorted token order."""
    sides = []
    for column in ("q_tokens", "e_tokens"):
        exploded = (
            pairs.select(pl.int_range(pl.len(), dtype=pl.Int64).alias("pair"), pl.col(column).alias("token"))
            .explode("token")
            .drop_nulls("token")
        )
        sides.append(exploded)
    tokens = pl.concat([side["token"] for side in sides]).unique().sort()
    vocabulary = pl.DataFrame({"token": tokens, "weight": _word_weights(tokens, weights)}).with_columns(
        pl.col("token").is_in(sorted(place_words())).alias("place")
    )
    vocabulary = vocabulary.with_columns(
        (pl.col("place") | pl.col("token").is_in(sorted(qualifier_fillers()))).alias("qualifier")
    )
    ids = pl.Enum(tokens)  # a word's id is its place in the sorted vocabulary
    words = [
        _SideWords(side["pair"].to_numpy(), side["token"].cast(ids).to_physical().to_numpy().astype(np.int64))
        for side in sides
    ]
    return words, vocabulary


@dataclass
class _SideWords:
    """(pair, word id) of every word on one side, in pair order."""

    pair: np.ndarray
    word: np.ndarray


def _side_words(words: _SideWords, size: int, weight: np.ndarray, place: np.ndarray) -> _Words:
    keys = np.sort(words.pair * size + words.word)  # pair order, then word id
    keys = keys[np.concatenate([[True], keys[1:] != keys[:-1]])] if len(keys) else keys  # distinct
    pair, word = keys // size, keys % size
    return _Words(pair, word, weight[word], place[word])


def _contains(words: _Words, other: _Words, size: int) -> np.ndarray:
    """Which of ``words`` the other side of the same pair also has (both sides sorted by pair, word)."""
    keys, other_keys = words.pair * size + words.word, other.pair * size + other.word
    if len(other_keys) == 0:
        return np.zeros(len(keys), dtype=bool)
    at = np.minimum(np.searchsorted(other_keys, keys), len(other_keys) - 1)
    return other_keys[at] == keys


def _group_max(groups: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    """Largest value per group, 0 for a group without values."""
    best = np.full(size, -np.inf)
    np.maximum.at(best, groups, values)
    return np.where(np.isneginf(best), 0.0, best)


# Character classes for the word-similarity bound: the letters dealt round-robin in order of frequency, so the
# classes are about equally common, and digits and anything else spread the same way. Eight classes of one byte
# make one 64-bit number per word: a looser bound than one class per letter, but much cheaper to gather.
_CHAR_CLASSES = 8
_CLASS_ORDER = b"eaionrtslcuhdgmpybkfwvzxjq0123456789"
_NO_BOUND = np.uint64(2**64 - 1)  # every class 255: a non-ASCII word, or 255+ characters of one class


@dataclass
class _Spellings:
    """What the word-similarity bound needs to know of each vocabulary word, by word id."""

    tokens: list[str]
    length: np.ndarray  # characters
    start: np.ndarray  # number of the first ABBREVIATION_MIN_LENGTH characters, -1 for a shorter word
    counts: np.ndarray  # characters per class, one byte each, packed in one uint64 per word; _NO_BOUND
    first: np.ndarray  # code point of the first character (-1 for an empty word)
    respelling: np.ndarray  # number of the word's romanisation key (_respelling_key), -1 for none

    @classmethod
    def of(cls, tokens: pl.Series) -> _Spellings:
        words = tokens.to_list()
        length = tokens.str.len_chars().to_numpy().astype(np.int32)
        ascii = tokens.str.len_bytes().to_numpy() == length
        data = np.frombuffer("".join(w for w, a in zip(words, ascii, strict=True) if a).encode(), np.uint8)
        owner = np.repeat(np.arange(len(words)), np.where(ascii, length, 0))
        classes = np.arange(256, dtype=np.intp) % _CHAR_CLASSES
        classes[np.frombuffer(_CLASS_ORDER, np.uint8)] = np.arange(len(_CLASS_ORDER)) % _CHAR_CLASSES
        cells = np.bincount(owner * _CHAR_CLASSES + classes[data], minlength=len(words) * _CHAR_CLASSES)
        cells = cells.reshape(len(words), _CHAR_CLASSES)
        counts = np.ascontiguousarray(np.minimum(cells, 255).astype(np.uint8)).view(np.uint64).ravel()
        counts[~ascii | (cells >= 255).any(axis=1)] = _NO_BOUND
        # Words with the same first ABBREVIATION_MIN_LENGTH characters get the same number.
        start = tokens.str.slice(0, ABBREVIATION_MIN_LENGTH).rank("dense").to_numpy().astype(np.int32)
        start[length < ABBREVIATION_MIN_LENGTH] = -1
        first = tokens.str.slice(0, 1).rank("dense").fill_null(-1).to_numpy().astype(np.int32)
        keys = pl.Series([_respelling_key(word) for word in words], dtype=pl.String)
        respelling = keys.rank("dense").fill_null(0).to_numpy().astype(np.int64) - 1
        return cls(words, length, start, counts, first, respelling)


# Vowels romanisations of one name disagree on, written alike in the respelling key (Mohamed / Muhammad).
_RESPELT_VOWELS = str.maketrans({"o": "u", "e": "a"})


@lru_cache(maxsize=65_536)
def _respelling_key(word: str) -> str | None:
    """A key two words share whenever they may be one name in two romanisations (kh/h, ts/c, zh/j, iy/y, ou/u,
    doubled letters, o/u and a/e: screener.normalize.romanise.romanised_fold); None for a word too short or not
    made of letters. Equal keys are only a first test: same_romanised_word decides."""
    if len(word) < MIN_ROMANISED or not word.isalpha():
        return None
    folded = romanised_fold(word)
    return folded.translate(_RESPELT_VOWELS) if len(folded) >= MIN_ROMANISED else None


def _respelt(q_ids: np.ndarray, e_ids: np.ndarray, spellings: _Spellings) -> np.ndarray:
    """Which word pairs are one name in two romanisations (Kuznetsov / Kuznecov, Khabarovsk / Habarovsk, Zhukov /
    Jukov, Dmitriy / Dmitrii; never two pinyin names: Yasheng / Fasheng): equal respelling keys, then
    same_romanised_word for the few that have them."""
    key = spellings.respelling[q_ids]
    maybe = np.flatnonzero((key >= 0) & (key == spellings.respelling[e_ids]) & (q_ids != e_ids))
    found = np.zeros(len(q_ids), dtype=bool)
    tokens = spellings.tokens
    found[maybe] = [
        same_romanised_word(tokens[q], tokens[e])
        for q, e in zip(q_ids[maybe].tolist(), e_ids[maybe].tolist(), strict=True)
    ]
    return found


def _could_be_near(spellings: _Spellings, q: np.ndarray, e: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(near, starts alike) for word pairs: near is False where fuzz.ratio is surely below FUZZY_WORD_MIN, the
    words cannot be two letters apart (_typo_like) and neither word can begin the other; starts alike is True where both begin with the same
    ABBREVIATION_MIN_LENGTH characters (only then can one be the other cut short).

    The ratio is 2 x (longest common subsequence) / (both lengths); the subsequence is at most the shorter
    length and at most the characters the two words have in common (counted by character class), so a pair
    whose bound is below the threshold need not be compared."""
    q_length, e_length = spellings.length[q], spellings.length[e]
    total = q_length + e_length
    # ratio >= FUZZY_WORD_MIN (0.75) needs 2 x common >= 0.75 x total, that is 8 x common >= 3 x total.
    check = np.flatnonzero(8 * np.minimum(q_length, e_length) >= 3 * total)
    q_counts, e_counts = spellings.counts[q[check]], spellings.counts[e[check]]
    per_class = np.minimum(q_counts.view(np.uint8), e_counts.view(np.uint8)).reshape(-1, _CHAR_CLASSES)
    common = per_class.sum(axis=1, dtype=np.int32)
    possible = np.zeros(len(q), dtype=bool)
    possible[check] = (8 * common >= 3 * total[check]) | (q_counts == _NO_BOUND) | (e_counts == _NO_BOUND)
    # Two letters mistyped in a long word (a typo _typo_like accepts) may fall below FUZZY_WORD_MIN: kept too.
    longer = np.maximum(q_length, e_length)[check]
    possible[check] |= (longer >= TYPO_TWO_EDITS_LENGTH) & (common >= longer - 2)
    starts = spellings.start[q]
    alike = (starts == spellings.start[e]) & (starts != -1)
    return possible | alike, alike


def _word_similarity(q_only: _Words, e_only: _Words, spellings: _Spellings, pairs: int) -> tuple:
    """Each unshared word's best similarity with an unshared word of the other name of its pair, where that
    similarity can reach FUZZY_WORD_MIN (below it the value is not used: 0 is given instead), and whether it is
    aligned with one (the same word with a typing slip, or cut short)."""
    # Every (supplier word, list word) of the same pair: each supplier word repeated once per list word of its
    # pair (cross_q), against those list words in turn (cross_e, positions in e_only).
    per_pair = np.bincount(e_only.pair, minlength=pairs)
    e_start = np.cumsum(per_pair) - per_pair
    repeats = per_pair[q_only.pair]
    first = np.cumsum(repeats) - repeats  # where each supplier word's run starts
    cross_q = np.repeat(np.arange(len(q_only.pair)), repeats)
    cross_e = np.arange(int(repeats.sum())) - np.repeat(first - e_start[q_only.pair], repeats)
    # One name in two romanisations is aligned, like a typing slip, however unlike its letters look.
    respelt = _respelt(np.repeat(q_only.word, repeats), e_only.word[cross_e], spellings)
    q_respelt, e_respelt = np.zeros(len(q_only.pair), dtype=bool), np.zeros(len(e_only.pair), dtype=bool)
    q_respelt[cross_q[respelt]] = True
    e_respelt[cross_e[respelt]] = True
    near, alike = _could_be_near(spellings, np.repeat(q_only.word, repeats), e_only.word[cross_e])
    near = np.flatnonzero(near)
    cross_q, cross_e, alike = cross_q[near], cross_e[near], np.flatnonzero(alike[near])
    tokens = spellings.tokens
    q_words = [tokens[w] for w in q_only.word[cross_q].tolist()]
    e_words = [tokens[w] for w in e_only.word[cross_e].tolist()]
    similarity = cpdist(q_words, e_words, scorer=fuzz.ratio, workers=-1)
    similarity = np.asarray(similarity, dtype=np.float64) / 100.0
    # A word cut short ("Bus" for Business, "Tech", "Prod") counts as a near match of the word it starts.
    cut = np.zeros(len(near), dtype=bool)
    cut[alike] = [
        e.startswith(q) or q.startswith(e)
        for q, e in zip(
            map(q_words.__getitem__, alike.tolist()), map(e_words.__getitem__, alike.tolist()), strict=True
        )
    ]
    similarity = np.where(cut, np.maximum(similarity, CUT_WORD_SIMILARITY), similarity)
    q_best, e_best = np.zeros(len(q_only.pair)), np.zeros(len(e_only.pair))
    np.maximum.at(q_best, cross_q, similarity)
    np.maximum.at(e_best, cross_e, similarity)
    # Aligned: the same word with a typist's slip (a few letter edits for its length, transpositions counting
    # one, the first letter kept) or cut short; a syllable replaced ("Hongfeng" / "Hongsheng") or another first
    # letter ("Fasheng" / "Yasheng", "Knit" / "Unit") is not.
    aligned = cut | _typo_like(q_words, e_words, q_only.word[cross_q], e_only.word[cross_e], spellings)
    q_aligned, e_aligned = q_respelt, e_respelt
    q_aligned[cross_q[aligned]] = True
    e_aligned[cross_e[aligned]] = True
    return q_best, e_best, q_aligned, e_aligned


# A word of at least TYPO_MIN_LENGTH letters differs from its typo by one edit (OSA: a letter dropped, added or
# changed, or two neighbours swapped); from TYPO_TWO_EDITS_LENGTH letters on by two edits apart from each other
# (two edits side by side are a syllable replaced: Hongfeng / Hongsheng).
TYPO_MIN_LENGTH = 4
TYPO_TWO_EDITS_LENGTH = 7


def _typo_like(
    q_words: list[str], e_words: list[str], q_ids: np.ndarray, e_ids: np.ndarray, spellings: _Spellings
) -> np.ndarray:
    """Which word pairs differ only as typing slips do: few edits for the words' length, the first letter kept
    (or swapped with the second)."""
    if not q_words:
        return np.zeros(0, dtype=bool)
    edits = np.asarray(cpdist(q_words, e_words, scorer=OSA.distance, workers=-1), dtype=np.int64)
    shorter = np.minimum(spellings.length[q_ids], spellings.length[e_ids])
    longer = np.maximum(spellings.length[q_ids], spellings.length[e_ids])
    same_first = spellings.first[q_ids] == spellings.first[e_ids]
    long_enough = (longer >= TYPO_MIN_LENGTH) & (shorter >= TYPO_MIN_LENGTH - 1)
    # The first two letters swapped (Riaq / Iraq, Ombarakeh / Mobarakeh) is one slip, though the first letter
    # changes; any other change of the first letter is another name (Fasheng / Yasheng, Knit / Unit).
    swapped = np.flatnonzero(~same_first & long_enough & (edits == 1))
    same_first = same_first.copy()
    same_first[swapped] = [
        q[1::-1] == e[:2] and q[2:] == e[2:] for q, e in ((q_words[i], e_words[i]) for i in swapped.tolist())
    ]
    possible = same_first & long_enough & (edits <= 2)
    two = np.flatnonzero(possible & (edits == 2))
    apart = np.zeros(len(q_words), dtype=bool)
    if len(two):
        q_two, e_two = [q_words[i] for i in two.tolist()], [e_words[i] for i in two.tolist()]
        kept = np.asarray(cpdist(q_two, e_two, scorer=Prefix.similarity, workers=-1), dtype=np.int64)
        kept += np.asarray(cpdist(q_two, e_two, scorer=Postfix.similarity, workers=-1), dtype=np.int64)
        changed = longer[two] - np.minimum(kept, shorter[two])  # letters between the same start and end
        apart[two] = (longer[two] >= TYPO_TWO_EDITS_LENGTH) & (changed >= 3)
    return possible & ((edits <= 1) | apart)


def aligned_word_pairs(first: list[str], second: list[str]) -> np.ndarray:
    """For each word pair (first[i], second[i]): whether aligned_core_coverage aligns the two as one word, the
    same word with a typing slip, in another romanisation or cut short (the common-word check of generic.py asks
    the same question)."""
    if not first:
        return np.zeros(0, dtype=bool)
    vocabulary = sorted({*first, *second})
    spellings = _Spellings.of(pl.Series(vocabulary, dtype=pl.String))
    ids = {word: i for i, word in enumerate(vocabulary)}
    q_ids = np.array([ids[w] for w in first], dtype=np.int64)
    e_ids = np.array([ids[w] for w in second], dtype=np.int64)
    cut = np.array(
        [
            min(len(a), len(b)) >= ABBREVIATION_MIN_LENGTH and (a.startswith(b) or b.startswith(a))
            for a, b in zip(first, second, strict=True)
        ]
    )
    return cut | _typo_like(first, second, q_ids, e_ids, spellings) | _respelt(q_ids, e_ids, spellings)


def token_weight_table(pairs: pl.DataFrame, weights: TokenWeights) -> pl.DataFrame:
    """Weighted word overlap of each pair, in pair order: weight of the supplier's words (q), the list name's
    words (e), the shared words (common, common_max), the largest unshared word (only_max), the credit for
    unshared words that nearly match a word of the other name (q_fuzzy, e_fuzzy: weight x similarity when the
    similarity >= FUZZY_WORD_MIN), and the largest word with no equal or near-equal (unmatched_max), also
    ignoring place names (non_place_max).

    Computed over integer word ids with numpy (each pair's distinct words, sorted by pair)."""
    n = pairs.height
    words, vocabulary = _vocabulary(pairs, weights)
    size = max(vocabulary.height, 1)
    weight = vocabulary["weight"].to_numpy().astype(np.float64)
    place = vocabulary["place"].to_numpy().astype(bool)
    q_words, e_words = (_side_words(side, size, weight, place) for side in words)
    q_shared, e_shared = _contains(q_words, e_words, size), _contains(e_words, q_words, size)
    common = q_words.select(q_shared)
    q_only, e_only = q_words.select(~q_shared), e_words.select(~e_shared)
    spellings = _Spellings.of(vocabulary["token"])
    q_best, e_best, q_aligned, e_aligned = _word_similarity(q_only, e_only, spellings, n)
    tokens = vocabulary["token"]
    q_aligned |= _inside_other(pairs["e_tokens"], q_only, q_aligned, tokens, spellings.length)
    e_aligned |= _inside_other(pairs["q_tokens"], e_only, e_aligned, tokens, spellings.length)
    columns = {
        "pair": np.arange(n, dtype=np.uint32),
        "q": np.bincount(q_words.pair, q_words.weight, minlength=n),
        "e": np.bincount(e_words.pair, e_words.weight, minlength=n),
        "common": np.bincount(common.pair, common.weight, minlength=n),
        "common_max": _group_max(common.pair, common.weight, n),
    }
    only_pair = np.concatenate([q_only.pair, e_only.pair])
    only_weight = np.concatenate([q_only.weight, e_only.weight])
    only_place = np.concatenate([q_only.place, e_only.place])
    best = np.concatenate([q_best, e_best])
    matched = best >= FUZZY_WORD_MIN
    credit = np.where(matched, only_weight * best, 0.0)
    unmatched = np.where(matched, 0.0, only_weight)
    on_q = np.arange(len(only_pair)) < len(q_only.pair)
    place_unmatched = only_place & (unmatched > 0)
    place_q = np.bincount(only_pair[place_unmatched & on_q], minlength=n) > 0
    place_e = np.bincount(only_pair[place_unmatched & ~on_q], minlength=n) > 0
    columns |= {
        "only_max": _group_max(only_pair, only_weight, n),
        "q_fuzzy": np.bincount(only_pair[on_q], credit[on_q], minlength=n),
        "e_fuzzy": np.bincount(only_pair[~on_q], credit[~on_q], minlength=n),
        "unmatched_max": _group_max(only_pair, unmatched, n),
        "non_place_max": _group_max(only_pair[~only_place], unmatched[~only_place], n),
        "place_conflict": (place_q & place_e).astype(np.float64),
    }
    # The same sums over the core words only: qualifiers (places, branch words and the words that join them to
    # a name) set aside on both sides.
    qualifier = vocabulary["qualifier"].to_numpy().astype(bool)
    q_core, e_core = ~qualifier[q_words.word], ~qualifier[e_words.word]
    common_core = ~qualifier[common.word]
    only_core = ~qualifier[np.concatenate([q_only.word, e_only.word])]
    columns |= {
        "q_core": np.bincount(q_words.pair[q_core], q_words.weight[q_core], minlength=n),
        "e_core": np.bincount(e_words.pair[e_core], e_words.weight[e_core], minlength=n),
        "common_core": np.bincount(common.pair[common_core], common.weight[common_core], minlength=n),
        "q_fuzzy_core": np.bincount(only_pair[on_q & only_core], credit[on_q & only_core], minlength=n),
        "e_fuzzy_core": np.bincount(only_pair[~on_q & only_core], credit[~on_q & only_core], minlength=n),
        "q_qualifiers": np.bincount(only_pair[on_q & ~only_core], minlength=n).astype(np.float64),
        "e_qualifiers": np.bincount(only_pair[~on_q & ~only_core], minlength=n).astype(np.float64),
        "core_unmatched": np.bincount(only_pair[only_core & (unmatched > 0)], minlength=n).astype(np.float64),
    }
    # Strict alignment of the core words: shared, or aligned with a word of the other name (a slip, a cut, or
    # inside the other name written without spaces).
    aligned = np.concatenate([q_aligned, e_aligned])
    unaligned = only_core & ~aligned
    columns |= {
        "q_aligned_core": columns["common_core"]
        + np.bincount(
            only_pair[on_q & only_core & aligned], only_weight[on_q & only_core & aligned], minlength=n
        ),
        "e_aligned_core": columns["common_core"]
        + np.bincount(
            only_pair[~on_q & only_core & aligned], only_weight[~on_q & only_core & aligned], minlength=n
        ),
        "unaligned_core_max": _group_max(only_pair[unaligned], only_weight[unaligned], n),
    }
    return pl.DataFrame(columns).cast(pl.Float64)


# A word of at least this many letters found inside the other name written without spaces is aligned with it:
# romanised syllables split or joined differently ("Sberb Ank" / "Sberbank", "FIRSTocean" / "First Ocean").
INSIDE_MIN_LENGTH = 3


def _inside_other(
    other_words: pl.Series, only: _Words, aligned: np.ndarray, tokens: pl.Series, length: np.ndarray
) -> np.ndarray:
    """Which unshared words, not yet aligned, occur inside the other name of their pair, its words joined without
    spaces (``tokens``/``length``: the vocabulary's words and their lengths, by word id)."""
    check = np.flatnonzero(~aligned & (length[only.word] >= INSIDE_MIN_LENGTH))
    found = np.zeros(len(only.pair), dtype=bool)
    if len(check) == 0:
        return found
    words = tokens.gather(only.word[check])
    compact = other_words.gather(only.pair[check]).list.join("")
    inside = pl.DataFrame({"t": words, "c": compact}).select(
        pl.col("c").str.contains(pl.col("t"), literal=True).fill_null(False)
    )
    found[check] = inside.to_series().to_numpy()
    return found


# Words that join a qualifier to a name ("X Limited, Nicosia Branch", "Filial X v Kazan", "Sucursal en Lima",
# "St. Petersburg X"): a legal form left before a branch phrase, prepositions and the abbreviations of Saint.
# Set aside with the places and branch words when the core of two names is compared (other short words are
# kept: initials such as the C and I of "C and I Semiconductor" are what tells two names apart).
_QUALIFIER_FILLERS = frozenset(
    "limited ltd llc inc incorporated company corp corporation gmbh jsc ojsc pjsc ooo plc"
    " in of en v w di de da do du des del von st ste".split()
)


@lru_cache(maxsize=1)
def qualifier_fillers() -> frozenset[str]:
    """_QUALIFIER_FILLERS: words set aside with places and branch words."""
    return _QUALIFIER_FILLERS


def core_words(tokens: tuple[str, ...] | list[str]) -> list[str]:
    """The words of a name that are not qualifiers: places, branch words and the words joining them to the
    name set aside."""
    places, fillers = place_words(), qualifier_fillers()
    return [w for w in tokens if w not in places and w not in fillers]


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Normalised words of place names used as qualifiers in company names (qualifier_places.csv), of every
    country name (iso3166_1_countries.csv) and of the qualifier cities (screener.normalize.places: GeoNames cities
    of 100,000 people or more), and the words of branch phrases (branch, filiale, sucursal, representative
    office...): a name that differs from another only by such words names the same company or its branch."""
    import csv

    with reference_path("qualifier_places.csv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        places = [row["place"] for row in rows]
    with reference_path("iso3166_1_countries.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            places += [row[c] for c in ("name", "common_name") if row.get(c)]
    tokens = normalize_names(pl.Series(places, dtype=pl.String))["name_tokens"].explode().drop_nulls()
    listed = frozenset(t for t in tokens.to_list() if len(t) >= 2 and t not in _NOT_PLACE_WORDS)
    return listed | city_words() | branch_words()


# Words of multi-word country names that are not places by themselves ("New" Zealand, "United" Kingdom).
_NOT_PLACE_WORDS = frozenset(
    "and of the new united republic islands island saint sint south north east west democratic people peoples "
    "federation federal state states kingdom plurinational bolivarian territory territories outlying minor "
    "federated province islamic arab socialist union great holy see mainland special administrative region "
    "central american virgin british french dutch part da de del do du la le das des city".split()
)


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    return np.divide(numerator, denominator, out=np.zeros_like(numerator), where=denominator > 0)


@feature
def weighted_overlap(pairs: Pairs) -> np.ndarray:
    """Share of the two names' distinctive words they have in common (generic words like Trading count little)."""
    table = pairs.overlap
    common = table["common"].to_numpy()
    union = table["q"].to_numpy() + table["e"].to_numpy() - common
    return _ratio(common, union)


@feature
def supplier_coverage(pairs: Pairs) -> np.ndarray:
    """Share of the supplier name's distinctive words found in the list name."""
    table = pairs.overlap
    return _ratio(table["common"].to_numpy(), table["q"].to_numpy())


@feature
def list_coverage(pairs: Pairs) -> np.ndarray:
    """Share of the list name's distinctive words found in the supplier name."""
    table = pairs.overlap
    return _ratio(table["common"].to_numpy(), table["e"].to_numpy())


@feature
def rarest_shared_word(pairs: Pairs) -> np.ndarray:
    """How distinctive the most distinctive shared word is (1 = a word no other list name uses)."""
    return pairs.overlap["common_max"].to_numpy()


@feature
def rarest_unmatched_non_place_word(pairs: Pairs) -> np.ndarray:
    """Like rarest_unmatched_word, but ignoring place names (Xinjiang, Shanshan, HK, country names): a name that
    differs from a listed one only by a place qualifier scores 0 here."""
    return pairs.overlap["non_place_max"].to_numpy()


@feature
def fuzzy_supplier_coverage(pairs: Pairs) -> np.ndarray:
    """Share of the supplier name's distinctive words found in the list name, counting near-identical spellings
    (a typo or a word cut short) as found."""
    table = pairs.overlap
    return np.minimum(
        1.0, _ratio(table["common"].to_numpy() + table["q_fuzzy"].to_numpy(), table["q"].to_numpy())
    )


@feature
def fuzzy_list_coverage(pairs: Pairs) -> np.ndarray:
    """Share of the list name's distinctive words found in the supplier name, near-identical spellings counted."""
    table = pairs.overlap
    return np.minimum(
        1.0, _ratio(table["common"].to_numpy() + table["e_fuzzy"].to_numpy(), table["e"].to_numpy())
    )


@feature
def rarest_unmatched_word(pairs: Pairs) -> np.ndarray:
    """How distinctive the most distinctive word is that has no equal or near-equal in the other name."""
    return pairs.overlap["unmatched_max"].to_numpy()


@feature
def place_conflict(pairs: Pairs) -> np.ndarray:
    """1 when each name has a place the other lacks (Hami Gold Mine vs Karamay Gold Mine): usually two branches
    or subsidiaries, not one company."""
    return pairs.overlap["place_conflict"].to_numpy()


@feature
def core_token_sort_ratio(pairs: Pairs) -> np.ndarray:
    """Character similarity of the two names, words sorted, with places, branch words and what joins them set
    aside on both sides ("St. Petersburg X" / "X", "X Limited, Nicosia Branch" / "X Limited"); the whole names
    when nothing else is left."""
    supplier, listed = pairs.rewritten_keys(_core_key)
    scores = cpdist(supplier, listed, scorer=fuzz.ratio, workers=-1, dtype=np.float32)
    return np.asarray(scores, dtype=np.float64) / 100.0


def _core_key(key: str) -> str:
    words = key.split()
    return " ".join(sorted(core_words(words) or words))


@feature
def core_coverage(pairs: Pairs) -> np.ndarray:
    """The smaller of the two names' shares of distinctive words found in the other, near-identical spellings
    counted, with places, branch words and what joins them set aside on both sides."""
    table = pairs.overlap
    supplier = _ratio(
        table["common_core"].to_numpy() + table["q_fuzzy_core"].to_numpy(), table["q_core"].to_numpy()
    )
    listed = _ratio(
        table["common_core"].to_numpy() + table["e_fuzzy_core"].to_numpy(), table["e_core"].to_numpy()
    )
    return np.minimum(1.0, np.minimum(supplier, listed))


@feature
def aligned_core_coverage(pairs: Pairs) -> np.ndarray:
    """The smaller of the two names' shares of distinctive words aligned with a word of the other: the same word,
    the same word with a typing slip (one or two letters dropped, doubled, swapped or mistyped, the first letter
    kept or swapped with the second) or in another romanisation (kh/h, ts/c, zh/j, iy/y, ou/u, doubled letters: Kuznetsov / Kouznetzov), cut
    short, or found inside the other name written without spaces (split or joined words); places, branch words and
    what joins them set aside. A syllable replaced (Hongfeng / Hongsheng) is not aligned."""
    table = pairs.overlap
    supplier = _ratio(table["q_aligned_core"].to_numpy(), table["q_core"].to_numpy())
    listed = _ratio(table["e_aligned_core"].to_numpy(), table["e_core"].to_numpy())
    return np.minimum(1.0, np.minimum(supplier, listed))


@feature
def rarest_unaligned_word(pairs: Pairs) -> np.ndarray:
    """How distinctive the most distinctive word of either name is that is not aligned with a word of the other
    (see aligned_core_coverage; places and branch words set aside): a near spelling that is neither a typing slip
    nor another romanisation (Linde / Jincao, Fasheng / Yasheng) counts here."""
    return pairs.overlap["unaligned_core_max"].to_numpy()


@feature
def only_qualifiers_differ(pairs: Pairs) -> np.ndarray:
    """1 when the names differ only by qualifiers one of them adds (a place, a branch: "X, Moscow" / "X"): every
    other word has its equal or a near-equal spelling in the other name, and not both names add their own."""
    table = pairs.overlap
    q_adds, e_adds = table["q_qualifiers"].to_numpy() > 0, table["e_qualifiers"].to_numpy() > 0
    has_core = (table["q_core"].to_numpy() > 0) & (table["e_core"].to_numpy() > 0)
    same_core = table["core_unmatched"].to_numpy() == 0
    return (has_core & same_core & (q_adds ^ e_adds)).astype(np.float64)


@feature
def legal_form_agreement(pairs: Pairs) -> np.ndarray:
    """+1 when both names have the same legal-form class (e.g. Co., Ltd. and Company Limited), -1 when the classes
    differ (Ltd vs GmbH), 0 when either has none."""
    return _agreement(pairs.frame, "q_legal", "e_legal")


@feature
def country_agreement(pairs: Pairs) -> np.ndarray:
    """+1 when the supplier's country is the list entry's, -1 when they differ, 0 when either is unknown."""
    return _agreement(pairs.frame, "q_country", "e_country")


def _agreement(pairs: pl.DataFrame, left: str, right: str) -> np.ndarray:
    known = pl.col(left).is_not_null() & pl.col(right).is_not_null()
    value = pl.when(~known).then(0.0).when(pl.col(left) == pl.col(right)).then(1.0).otherwise(-1.0)
    return pairs.select(value.alias("v"))["v"].to_numpy()


@feature
def number_mismatch(pairs: Pairs) -> np.ndarray:
    """1 when both names contain numbers and the numbers differ (No. 1 Factory vs No. 2 Factory), else 0."""
    both_have_digits = pl.col("q_key").str.contains(r"\d") & pl.col("e_key").str.contains(r"\d")
    return _where_possible(pairs.frame.select("q_key", "e_key"), both_have_digits, _numbers_differ)


def _where_possible(
    frame: pl.DataFrame, possible: pl.Expr, compute: Callable[[pl.DataFrame], np.ndarray]
) -> np.ndarray:
    """``compute`` on the rows where a cheap test says a non-zero value is possible (or cannot tell), 0 elsewhere."""
    rows = np.flatnonzero(frame.select(possible.fill_null(True).alias("p"))["p"].to_numpy())
    values = np.zeros(frame.height)
    if len(rows):
        values[rows] = compute(frame[rows])
    return values


def _numbers_differ(frame: pl.DataFrame) -> np.ndarray:
    numbers = frame.select(
        pl.col("q_key").str.extract_all(_DIGITS.pattern).list.sort().alias("q"),
        pl.col("e_key").str.extract_all(_DIGITS.pattern).list.sort().alias("e"),
    )
    both = (numbers["q"].list.len() > 0) & (numbers["e"].list.len() > 0)
    differ = numbers.select((pl.col("q") != pl.col("e")).alias("d"))["d"]
    return (both & differ).cast(pl.Float64).to_numpy()


@feature
def is_alias(pairs: Pairs) -> np.ndarray:
    """1 when the list name is an alias or former name of the entity rather than its primary name."""
    return pairs.frame["is_alias"].fill_null(False).cast(pl.Float64).to_numpy()


@feature
def non_latin_supplier(pairs: Pairs) -> np.ndarray:
    """1 when the supplier name was written in a non-Latin script and compared through its transliteration."""
    script = pairs.frame["q_script"].fill_null("latin").str.to_lowercase()
    return (~script.is_in(["latin", "common", "unknown", ""])).cast(pl.Float64).to_numpy()


@feature
def length_ratio(pairs: Pairs) -> np.ndarray:
    """Length of the shorter normalised name over the longer one (a short name inside a long one scores low)."""
    lengths = pairs.frame.select(
        pl.col("q_key").str.len_chars().cast(pl.Float64).alias("q"),
        pl.col("e_key").str.len_chars().cast(pl.Float64).alias("e"),
    )
    shorter = np.minimum(lengths["q"].to_numpy(), lengths["e"].to_numpy())
    longer = np.maximum(lengths["q"].to_numpy(), lengths["e"].to_numpy())
    return _ratio(shorter, longer)


@feature
def acronym_match(pairs: Pairs) -> np.ndarray:
    """1 when one name is the initials of the other (BNC and Banco Nacional de Cuba), else 0."""
    # Initials have at most one letter per word of the other name: only such pairs need the full test.
    possible = (_one_word("q_key") & (pl.col("q_key").str.len_chars() <= pl.col("e_tokens").list.len())) | (
        _one_word("e_key") & (pl.col("e_key").str.len_chars() <= pl.col("q_tokens").list.len())
    )
    return _where_possible(pairs.frame.select("q_key", "e_key", "q_tokens", "e_tokens"), possible, _acronym)


def _one_word(key: str) -> pl.Expr:
    return (pl.col(key).str.len_chars() >= 2) & ~pl.col(key).str.contains(" ")


def _acronym(pairs: pl.DataFrame) -> np.ndarray:
    frame = pairs.select(
        pl.col("q_key"),
        pl.col("e_key"),
        pl.col("q_tokens").list.eval(_first_letters()).list.join("").alias("q_initials"),
        pl.col("e_tokens").list.eval(_first_letters()).list.join("").alias("e_initials"),
    )
    short = _one_word
    hit = (
        short("q_key")
        & (pl.col("q_key") == pl.col("e_initials"))
        & (pl.col("e_initials").str.len_chars() >= 2)
    ) | (
        short("e_key")
        & (pl.col("e_key") == pl.col("q_initials"))
        & (pl.col("q_initials").str.len_chars() >= 2)
    )
    return frame.select(hit.cast(pl.Float64).alias("v"))["v"].to_numpy()


def _first_letters() -> pl.Expr:
    word = pl.element()
    return word.filter(~word.is_in(list(_INITIALS_SKIP))).str.slice(0, 1)


FEATURE_NAMES: tuple[str, ...] = tuple(FEATURES)


def feature_description(name: str) -> str:
    """The user-facing one-paragraph explanation of a feature (its docstring, whitespace collapsed)."""
    return " ".join((FEATURES[name].__doc__ or "").split())


def compute_features(frame: pl.DataFrame, weights: TokenWeights) -> pl.DataFrame:
    """All features for the pairs, one ``f_<name>`` Float64 column each, in :data:`FEATURE_NAMES` order."""
    if frame.height == 0:
        return pl.DataFrame(schema={f"f_{name}": pl.Float64 for name in FEATURE_NAMES})
    pairs = Pairs(frame, weights)
    return pl.DataFrame({f"f_{name}": function(pairs) for name, function in FEATURES.items()}).cast(
        pl.Float64
    )
