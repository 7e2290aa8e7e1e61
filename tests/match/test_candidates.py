"""Candidate generation: recall on real list names with supplier-style damage, rare-token hits, the disk cache."""

from __future__ import annotations

import random
import warnings

import numpy as np
import polars as pl
import pytest

from bench import match_data as md
from screener.errors import ScreenerWarning
from screener.match import build_index, candidates
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
    assert stored == [
        "common_words.parquet",
        "entries.parquet",
        "grams.json",
        "idf.npy",
        "key_entries.npy",
        "key_hashes.npy",
        "meta.json",
        "ngrams.npz",
        "postings.parquet",
        "typo_key_hashes.npy",
        "typo_key_words.npy",
        "typo_words.parquet",
    ]
    second = build_index(
        entries.head(1), cache_key="lists-v1", cache_dir=tmp_path
    )  # same key: from the cache
    assert second.entries.height == first.entries.height == 2
    assert (second.candidates.matrix_t != first.candidates.matrix_t).nnz == 0
    assert second.candidates.postings.equals(first.candidates.postings)
    for cached, built in zip(second.candidates.key_lookup(), first.candidates.key_lookup(), strict=True):
        assert (cached == built).all()
    cached_typo, built_typo = second.candidates.typo_keys, first.candidates.typo_keys
    assert cached_typo.words.equals(built_typo.words) and built_typo.words.to_list() == [
        "daqo",
        "energy",
        "hoshine",
        "industry",
        "silicon",
    ]
    assert (cached_typo.hashes == built_typo.hashes).all() and (
        cached_typo.word_ids == built_typo.word_ids
    ).all()
    other = build_index(entries.head(1), cache_key="lists-v2", cache_dir=tmp_path)
    assert other.entries.height == 1


def test_a_broken_cache_is_rebuilt_with_a_warning_and_written_again(tmp_path):
    entries = entries_frame(
        [("e1", "Hoshine Silicon Industry Co., Ltd.", False, "CN"), ("e2", "Daqo New Energy", False, "CN")]
    )
    built = build_index(entries, cache_key="k", cache_dir=tmp_path)
    folder = _cache_folder("k", tmp_path)
    (folder / "ngrams.npz").write_bytes(b"garbage")
    with pytest.warns(ScreenerWarning, match=r"cached match index .* could not be read .* built again"):
        index = build_index(entries, cache_key="k", cache_dir=tmp_path)
    assert index.entries.equals(built.entries)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the cache was written again: the next run reads it without a word
        again = build_index(entries.head(1), cache_key="k", cache_dir=tmp_path)
    assert again.entries.height == 2
    assert (again.candidates.matrix_t != built.candidates.matrix_t).nnz == 0
    assert [p.name for p in tmp_path.joinpath("match-index").iterdir()] == [
        folder.name
    ]  # no temp folder left


def test_cache_files_that_do_not_fit_each_other_are_not_used(tmp_path):
    """A cache whose list entries are another index's (a half-copied or hand-edited folder) is rebuilt."""
    two = entries_frame([("e1", "Hoshine Silicon", False, "CN"), ("e2", "Daqo New Energy", False, "CN")])
    build_index(two, cache_key="k", cache_dir=tmp_path)
    folder = _cache_folder("k", tmp_path)
    two.head(1).write_parquet(folder / "entries.parquet")
    with pytest.warns(ScreenerWarning, match="do not fit each other"):
        index = build_index(two, cache_key="k", cache_dir=tmp_path)
    assert index.entries.height == 2


class _Unpickled:
    """Records being unpickled: a cache file must never be."""

    calls: list[str] = []

    def __reduce__(self):
        return (_Unpickled.calls.append, ("unpickled",))


def test_a_pickle_in_the_cache_is_never_loaded(tmp_path):
    entries = entries_frame([("e1", "Hoshine Silicon Industry Co., Ltd.", False, "CN")])
    build_index(entries, cache_key="k", cache_dir=tmp_path)
    folder = _cache_folder("k", tmp_path)
    np.save(folder / "key_entries.npy", np.array([_Unpickled()], dtype=object), allow_pickle=True)
    with pytest.warns(ScreenerWarning, match="could not be read"):
        index = build_index(entries, cache_key="k", cache_dir=tmp_path)
    assert _Unpickled.calls == []
    assert index.entries.height == 1


def test_changed_lists_get_their_own_cache(tmp_path):
    """The cache key is the lists' content hash (ListSet.versions_key): changed lists never read the old cache."""
    one = entries_frame([("e1", "Hoshine Silicon Industry Co., Ltd.", False, "CN")])
    two = entries_frame(
        [("e1", "Hoshine Silicon Industry Co., Ltd.", False, "CN"), ("e2", "Daqo", False, "CN")]
    )
    build_index(one, cache_key="uflpa:aaaa", cache_dir=tmp_path)
    changed = build_index(two, cache_key="uflpa:bbbb", cache_dir=tmp_path)
    assert changed.entries.height == 2
    assert _cache_folder("uflpa:aaaa", tmp_path) != _cache_folder("uflpa:bbbb", tmp_path)
    assert build_index(one, cache_key="uflpa:aaaa", cache_dir=tmp_path).entries.height == 1


def _common_word_list(count: int) -> list[str]:
    """A list where every name is short coined words plus common trade words, so that every 3-gram and every
    word is shared by many names: the shape of a very large list, at a size a test can build. "Lun" starts many
    names, but only one pairs it with "Electronics"."""
    rng = random.Random(11)
    syllables = ["lun", "tor", "bai", "kel", "mar", "sun", "dao", "rin", "fen", "gal"]
    trades = ["electronics", "seafood supply", "textile", "solar products", "garment works"]
    coined = [f"{rng.choice(syllables)}{rng.choice(syllables)} {rng.choice(trades)}" for _ in range(count)]
    lun = [f"lun {rng.choice(syllables)} {rng.choice(trades[1:])}" for _ in range(40)]
    return [name.title() for name in coined + lun] + ["Lun Electronics"]


def test_a_pruned_search_still_finds_a_name_of_common_words_by_its_word_pair(monkeypatch):
    """When the top-k search skips common 3-grams (as against a list of hundreds of thousands of names), a name
    made only of common grams and common words is still a candidate through its word pair and whole name, with
    its cosine over every gram."""
    names = _common_word_list(400)
    entries = entries_frame([(f"e{i}", name, False, "CN") for i, name in enumerate(names)])
    full = build_index(entries)
    monkeypatch.setattr(candidates, "SEARCH_MAX_NAMES", 5)
    pruned = build_index(entries)
    assert full.candidates.search_t is None and pruned.candidates.search_t is not None
    target = names.index("Lun Electronics")
    assert pruned.candidates.search_t[:, target].nnz == 0  # the pruned search alone cannot reach it

    from screener.normalize.names import normalize_names

    queries = normalize_names(pl.Series(["LUN ELECTRONICS CO., LTD.", "Electronics Lun"]))
    keys, tokens = queries["name_key"].to_list(), queries["name_tokens"].to_list()
    exact = candidate_pairs(full.candidates, keys, tokens).sort("query", "entry")
    approximate = candidate_pairs(pruned.candidates, keys, tokens).sort("query", "entry")
    for pairs in (exact, approximate):
        assert pairs.filter(pl.col("entry") == target)["query"].to_list() == [0, 1]
    both = exact.join(approximate, on=["query", "entry"], suffix="_pruned")
    assert both.filter(pl.col("entry") == target).height == 2
    assert (
        both["cosine"] - both["cosine_pruned"]
    ).abs().max() < 1e-5  # same cosine: computed over every gram


def test_a_blocking_key_shared_by_too_many_names_is_not_kept():
    keys = ["lun electronics"] * (candidates.WHOLE_NAME_MAX_NAMES + 1) + ["kelmar electronics"]
    tokens = [k.split() for k in keys]
    postings = candidates.blocking_postings(keys, tokens)
    assert postings.filter(pl.col("key") == "n:lun electronics").height == 0  # the whole name: too common
    assert postings.filter(pl.col("key") == "p:electronics lun").height == 0  # the pair: too common
    assert postings.filter(pl.col("key") == "w:kelmar")["entry"].to_list() == [len(keys) - 1]
    assert postings.filter(pl.col("key") == "p:electronics kelmar")["entry"].to_list() == [len(keys) - 1]


def test_words_one_typo_apart_share_a_typo_key():
    def typo_keys(word: str) -> set[str]:
        frame = candidates.blocking_keys([word], [[word]])
        return {k for k in frame["key"].to_list() if k.startswith("d:")}

    listed = typo_keys("daonggaol")
    for typo in ("daonggoal", "daongaol", "daonggaoll", "daongxaol", "adonggaol"):  # swap, drop, add, change
        assert typo_keys(typo) & listed, typo
    assert not typo_keys("daonxxaol") & listed  # two letters changed: not one typo
    assert not typo_keys("dao") and not typo_keys("daon")  # short words: too many neighbours to be useful


def test_a_pruned_search_finds_a_typo_in_the_distinctive_word_by_its_typo_key(monkeypatch):
    names = _common_word_list(400) + ["Daolun Garment Works"]
    entries = entries_frame([(f"e{i}", name, False, "CN") for i, name in enumerate(names)])
    monkeypatch.setattr(candidates, "SEARCH_MAX_NAMES", 5)

    from screener.normalize.names import normalize_names

    queries = normalize_names(pl.Series(["DOALUN GARMENT WORKS LTD"]))  # every 3-gram common
    found = {}
    for typo_keys in (candidates.TYPO_KEY_MAX_NAMES, 0):  # every other kind of key switched off
        monkeypatch.setattr(candidates, "_MAX_NAMES", {"w": 10, "d": typo_keys, "p": 0, "h": 0, "n": 0})
        pairs = candidate_pairs(build_index(entries).candidates, queries["name_key"], queries["name_tokens"])
        found[typo_keys] = len(names) - 1 in pairs["entry"].to_list()
    assert found == {candidates.TYPO_KEY_MAX_NAMES: True, 0: False}


def test_words_one_or_two_slips_apart_with_the_same_first_letter_share_a_deletion_key():
    def keys(word: str) -> set[str]:
        return set(candidates.deletion_keys(pl.Series([word]))["key"].to_list())

    assert keys("mara") == {"mara", "mra", "maa", "mar"}  # the first letter kept, keys of 3+ letters
    assert keys("mraa") & keys("mara")  # two letters swapped
    assert keys("oplot") & keys("opoolt") and keys("shellest") & keys("sheklset")  # two slips
    assert keys("sabetta") & keys("santeta")
    assert not keys("knit") & keys("unit")  # another first letter: another word
    assert not keys("shellest") & keys("shkkkset")  # three slips


def _typo_found(index, names: list[str]) -> list[set[str]]:
    """For each supplier name, the list names the typo search alone gives it."""
    from screener.normalize.names import normalize_names

    rows, entries = candidates.typo_hits(index.candidates, normalize_names(pl.Series(names))["name_tokens"])
    listed = index.entries["name"].to_list()
    found = [set() for _ in names]
    for row, entry in zip(rows.tolist(), entries.tolist(), strict=True):
        found[row].add(listed[entry])
    return found


def test_a_short_word_with_a_slip_finds_its_listed_name_by_the_typo_search(bundled_index, monkeypatch):
    """Real list names whose rare word has a slip: no 3-gram of 'mraa' is one of 'mara', and the other words
    ('jsc', 'fze', 'company') are common, so only the typo search makes the listed name a candidate."""
    names = ["MRAA", "JSC RIET", "TTEIS GOLBAL FZE", "OPOOLT", "Liability Limited Company Diris"]
    listed = ["MARA", "JSC RIRT", "TETIS GLOBAL FZE", "OPLOT", "LIMITED LIABILITY COMPANY DORIS"]
    found = _typo_found(bundled_index, names)
    assert [name in names_found for name, names_found in zip(listed, found, strict=True)] == [True] * 5
    assert (
        max(len(f) for f in found) <= 2 * candidates.TYPO_SEARCH_MAX_NAMES
    )  # the fan-out cap: 2 words at most
    from screener.normalize.names import normalize_names

    queries = normalize_names(pl.Series(names))
    with_search = candidate_pairs(bundled_index.candidates, queries["name_key"], queries["name_tokens"])
    monkeypatch.setattr(candidates, "TYPO_SEARCH_MIN_LETTERS", 99)  # the typo search switched off
    without = candidate_pairs(bundled_index.candidates, queries["name_key"], queries["name_tokens"])
    listed_names = bundled_index.entries["name"]
    for pairs, expected in ((with_search, True), (without, False)):
        hits = set(zip(pairs["query"].to_list(), listed_names.gather(pairs["entry"]).to_list(), strict=True))
        assert ((0, "MARA") in hits, (3, "OPLOT") in hits) == (expected, expected)


def test_the_typo_search_keeps_the_nearest_rare_words_of_words_no_list_name_uses():
    names = [
        "Dorix Trading",
        "Doris Mining",
        "Dorit Mining",
        "Doric Mining",
        "Dorian Mining",
        "Dorisk Mining",
    ]
    index = build_index(entries_frame([(f"e{i}", name, False, "RU") for i, name in enumerate(names)]))
    found = _typo_found(index, ["Dorim", "Doris", "Dorixan", "Dorixpq", "Dorqqqx"])
    # One slip before two, at most TYPO_SEARCH_MAX_WORDS words (in word order): dorian and dorisk are two away.
    assert found[0] == {"Doric Mining", "Doris Mining", "Dorit Mining"}
    assert found[1] == set()  # a word the list uses: its own key finds it
    assert found[2] == {"Dorian Mining"}  # one slip (x added); dorix is two away
    assert found[3] == {"Dorix Trading"}  # two slips, the nearest there is
    assert found[4] == set()


def test_the_typo_search_leaves_cities_personal_names_business_words_and_pinyin_names_alone():
    """Foshan is a city, not FORQAN misspelt; Martin a name, not MARLIN; Yashen a pinyin name, another than
    YASHENG; Apparel a business word, not APPAREIL. A word of none of these kinds is looked up (Forqen)."""
    names = ["Forqan Trading", "Marlin Shipping", "Yasheng Trade", "Appareil Group"]
    index = build_index(entries_frame([(f"e{i}", name, False, "CN") for i, name in enumerate(names)]))
    found = _typo_found(
        index, ["Foshan Trading", "Martin Shipping", "Yashen Trade", "Apparel Group", "Forqen"]
    )
    assert found == [set(), set(), set(), set(), {"Forqan Trading"}]


def test_the_top_k_floors_keep_the_same_candidates_in_the_same_order(bundled_index, monkeypatch):
    """_may_be_top drops only names that cannot be among a row's k best: the pairs, their order (ties between
    names with one key included) and their cosines are those of the whole rows, for several k."""
    rng = random.Random(11)
    names = bundled_index.entries["name"].drop_nulls().to_list()
    damaged = [
        md.corrupt(name, rng.choice(sorted(md.CORRUPTIONS)), rng) or name for name in rng.sample(names, 600)
    ]
    from screener.normalize.names import normalize_names

    normalised = normalize_names(pl.Series([*damaged, "trading", "china international trading"]))
    keys, tokens = normalised["name_key"].to_list(), normalised["name_tokens"].to_list()
    for k in (1, 3, 10, 40):
        floored = candidate_pairs(bundled_index.candidates, keys, tokens, k)
        with monkeypatch.context() as patched:
            patched.setattr(candidates, "TOP_FLOORS", ())
            whole = candidate_pairs(bundled_index.candidates, keys, tokens, k)
        assert floored.height > len(keys)
        assert floored.equals(whole)


def test_the_search_product_is_scipys_product_to_the_bit(bundled_index):
    """sparse_product (scipy's kernel without its counting pass) gives the arrays of the ``@`` operator: the same
    entries in the same order with the same float32 values, for blocks with empty rows too."""
    from screener.normalize.names import normalize_names

    rng = random.Random(3)
    names = [*rng.sample(bundled_index.entries["name"].drop_nulls().to_list(), 300), "", "trading", ""]
    index = bundled_index.candidates
    queries = index.vectors(normalize_names(pl.Series(names))["name_key"])
    for start in (0, 100, 250):
        block = queries[start : start + 128]
        expected = (block @ index.search_matrix()).tocsr()
        product = candidates.sparse_product(block, index.search_matrix())
        assert product.nnz == expected.nnz > 0
        assert np.array_equal(product.indptr, expected.indptr)
        assert np.array_equal(product.indices, expected.indices)
        assert np.array_equal(product.data.view(np.uint32), expected.data.view(np.uint32))
    assert queries[300].nnz == queries[302].nnz == 0  # an empty row inside the last block and at its end
    empty = candidates.sparse_product(queries[300:301], index.search_matrix())
    assert empty.shape == (1, index.size) and empty.nnz == 0


def test_the_product_bound_counts_every_row_empty_ones_included():
    """The output of sparse_product is sized by product_row_bounds: each row's bound is at least its entries, for
    a row before a last empty row too (a bound too small would let scipy's kernel write past the arrays)."""
    from scipy import sparse

    right = sparse.csr_matrix(
        np.array([[1, 1, 0, 0, 0], [0, 0, 1, 1, 1], [0, 1, 0, 0, 0]], dtype=np.float32)
    )  # 3 grams x 5 names
    left = sparse.csr_matrix(np.array([[0, 0, 0], [1, 1, 0], [1, 0, 1], [0, 0, 0]], dtype=np.float32))
    expected = (left @ right).tocsr()
    assert candidates.product_row_bounds(left, right).tolist() == [0, 5, 3, 0]
    assert np.diff(expected.indptr).tolist() == [0, 5, 2, 0]
    product = candidates.sparse_product(left, right)
    assert np.array_equal(product.toarray(), expected.toarray())
    assert np.array_equal(product.indices, expected.indices)


def test_key_lookup_finds_every_value_of_every_key_and_nothing_else():
    """_looked_up searches the second bound only for keys whose hash is there: the pairs are those of a plain
    scan, with keys found once, many times, not at all, and below or above every hash."""
    rng = np.random.default_rng(7)
    words = [f"w{i}" for i in range(40)]
    posted = pl.Series([words[i] for i in rng.integers(0, 30, 200)])  # w30..w39 never posted
    hashes = posted.hash(seed=candidates.KEY_HASH_SEED).to_numpy()
    order = np.argsort(hashes, kind="stable")
    hashes, values = hashes[order], np.arange(200)[order]
    asked = pl.Series([words[i] for i in rng.integers(0, 40, 300)])
    plain = posted.to_list()
    rows, found = candidates._looked_up(hashes, values, asked, np.arange(300))
    expected = sorted(
        (row, value) for row, word in enumerate(asked) for value in range(200) if plain[value] == word
    )
    assert sorted(zip(rows.tolist(), found.tolist(), strict=True)) == expected
    assert candidates._looked_up(hashes[:0], values[:0], asked, np.arange(300))[0].size == 0
