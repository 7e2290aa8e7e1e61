"""The matching engine: build the list index once, then score suppliers against it.

``build_index`` normalises the list names, fits candidate generation and the list-side word weights, and caches
the result on disk (parquet + npz + json, never pickle) under the lists' version key. ``match_suppliers``
normalises supplier names the same way, takes candidates, computes pair features, asks the classifier for a
calibrated probability, bands it, keeps each entity's best name, and explains every reported match.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import tempfile
import threading
import warnings
import zipfile
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl
from scipy import sparse

from screener import schema as s
from screener.contracts import MatchSettings
from screener.data import REFERENCE_DIR
from screener.errors import ScreenerError, ScreenerWarning
from screener.match import candidates
from screener.match.candidates import (
    BLOCK_ROWS,
    CandidateIndex,
    TypoKeys,
    build_candidate_index,
    candidate_pairs,
    search_matrix,
)
from screener.match.classifier import MatchModel, load_model
from screener.match.explain import explain_matches
from screener.match.features import (
    FEATURE_NAMES,
    Pairs,
    TokenWeights,
    compute_features,
    supplier_at_field_limit,
)
from screener.match.gate import GATED_PROBABILITY, gated_features
from screener.match.generic import (
    Background,
    common_word_check,
    hold_common_word_hits,
    supplier_background,
)
from screener.match.native import NOTE as SCRIPT_NOTE
from screener.match.native import read_as_listed
from screener.match.qualifiers import names_without_qualifiers, set_qualifiers_aside
from screener.normalize import legal_forms, names, scripts
from screener.store import cache_dir as default_cache_dir

INDEX_FORMAT = 4
# Most matches kept per supplier (each a different entity), best first.
MAX_MATCHES_PER_SUPPLIER = 5
ENTRY_CARRY = (
    s.LIST_ID,
    s.ENTITY_ID,
    s.ENTITY_NAME,
    s.IS_ALIAS,
    s.PROGRAM,
    s.LISTED_ON,
    s.SOURCE_URL,
    s.ADDRESS,
    s.LIST_VERSION,
    s.ENTITY_TYPE,
)
MATCH_COLUMNS = (
    s.ROW_ID,
    s.LIST_ID,
    s.ENTITY_ID,
    s.MATCHED_NAME,
    s.PROBABILITY,
    s.BAND,
    s.EXPLANATION,
)


def _normalizer():
    return names


@dataclass
class MatchIndex:
    """Normalised list entries, their candidate index and word weights, and the match model (loaded lazily)."""

    entries: pl.DataFrame  # list entries + name_key, name_tokens, legal_form
    candidates: CandidateIndex
    weights: TokenWeights
    model: MatchModel | None = field(default=None)

    def classifier(self) -> MatchModel:
        if self.model is None:
            self.model = load_model()
        return self.model


def build_index(
    entries: pl.DataFrame, *, cache_key: str | None = None, cache_dir: Path | None = None
) -> MatchIndex:
    """Build the index over the list entries, or load it from the cache when ``cache_key`` was seen before."""
    folder = _cache_folder(cache_key, cache_dir) if cache_key else None
    if folder is not None and folder.is_dir():
        try:
            return _load_cached(folder)
        except _BROKEN_CACHE as error:  # rebuilt below, and the cache written again
            warnings.warn(
                f"the cached match index {folder} could not be read ({type(error).__name__}: {error}); "
                "it is built again from the lists",
                ScreenerWarning,
                stacklevel=2,
            )
    index = _build(entries)
    if folder is not None:
        _save_cached(index, folder)
    return index


# What reading a damaged, truncated or foreign cache file raises (np.load refuses pickled data with ValueError).
_BROKEN_CACHE = (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile, pl.exceptions.PolarsError)


def _build(entries: pl.DataFrame) -> MatchIndex:
    named = entries.filter(pl.col(s.NAME).is_not_null() & (pl.col(s.NAME).str.strip_chars() != ""))
    normalised = pl.concat([named, _normalizer().normalize_names(named[s.NAME])], how="horizontal")
    normalised = _with_optional_columns(normalised)
    keys = normalised["name_key"].fill_null("").to_list()
    return MatchIndex(
        entries=normalised,
        candidates=build_candidate_index(normalised["name_key"], normalised["name_tokens"]),
        weights=_token_weights(keys, normalised["name_latin"]),
    )


def _with_optional_columns(frame: pl.DataFrame) -> pl.DataFrame:
    missing = [c for c in (*ENTRY_CARRY, s.COUNTRY_CODE) if c not in frame.columns]
    frame = frame.with_columns([pl.lit(None, dtype=pl.String).alias(c) for c in missing])
    return frame.with_columns(pl.col(s.IS_ALIAS).cast(pl.Boolean, strict=False).fill_null(False))


def _token_weights(keys: list[str], latin: pl.Series) -> TokenWeights:
    """Word weights from the keys; common words (legal-form words included) from the names before normalisation."""
    names = _normalizer()
    frequencies = names.token_frequencies(keys)
    common = names.token_frequencies(latin.fill_null("").to_list())
    return TokenWeights.from_frequencies(frequencies, len(keys), common)


def _code_fingerprint() -> str:
    """Changes when the normaliser or candidate code changes, so a stale cache is not reused."""
    # The blocking-key lookup stores polars string hashes, stable only within one polars version.
    digest = hashlib.sha256(f"{INDEX_FORMAT}|polars {pl.__version__}".encode())

    for module in (names, legal_forms, scripts, candidates):
        digest.update(Path(module.__file__).read_bytes())
    for table in sorted(REFERENCE_DIR.glob("*.csv")):  # the normaliser's word tables
        digest.update(table.read_bytes())
    return digest.hexdigest()[:16]


def _cache_folder(cache_key: str, cache_dir: Path | None) -> Path:
    digest = hashlib.sha256(f"{cache_key}|{_code_fingerprint()}".encode()).hexdigest()[:24]
    return Path(cache_dir or default_cache_dir()) / "match-index" / digest


def _save_cached(index: MatchIndex, folder: Path) -> None:
    """Write the index into a new folder beside ``folder`` and rename it into place, so a reader (another run at
    the same time) sees the whole cache or none of it; a broken cache already there is replaced."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    except OSError:
        return  # the cache is an optimisation; an unwritable cache folder must not stop a screening
    try:
        _write_index_files(index, temp)
        _replace_folder(temp, folder)
    except OSError:
        pass
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def _write_index_files(index: MatchIndex, folder: Path) -> None:
    """The index as parquet, npy/npz (no pickle) and JSON files; meta.json last."""
    index.entries.write_parquet(folder / "entries.parquet")
    sparse.save_npz(folder / "ngrams.npz", index.candidates.matrix_t, compressed=False)
    index.candidates.postings.write_parquet(folder / "postings.parquet")
    index.candidates.common_words.to_frame("word").write_parquet(folder / "common_words.parquet")
    key_hashes, key_entries = index.candidates.key_lookup()
    np.save(folder / "key_hashes.npy", key_hashes, allow_pickle=False)
    np.save(folder / "key_entries.npy", key_entries, allow_pickle=False)
    (folder / "grams.json").write_text(json.dumps(index.candidates.grams), encoding="utf-8")
    np.save(folder / "idf.npy", index.candidates.idf, allow_pickle=False)
    if (typo := index.candidates.typo_keys) is not None:
        typo.words.to_frame("word").write_parquet(folder / "typo_words.parquet")
        np.save(folder / "typo_key_hashes.npy", typo.hashes, allow_pickle=False)
        np.save(folder / "typo_key_words.npy", typo.word_ids, allow_pickle=False)
    (folder / "meta.json").write_text(json.dumps({"format": INDEX_FORMAT}), encoding="utf-8")


def _replace_folder(new: Path, folder: Path) -> None:
    """Rename ``new`` to ``folder``; a folder already there (a broken cache) is moved aside and deleted first.
    When another run puts its own complete cache there in between, that one is kept."""
    if folder.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".old", dir=folder.parent))
        try:
            os.replace(folder, old)
        except OSError:
            pass
        shutil.rmtree(old, ignore_errors=True)
    try:
        os.rename(new, folder)
    except OSError:
        pass  # another run's cache arrived first


def _load_cached(folder: Path) -> MatchIndex:
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    if not isinstance(meta, dict) or meta.get("format") != INDEX_FORMAT:
        raise ValueError(f"meta.json gives format {meta!r}, not {INDEX_FORMAT}")
    entries = pl.read_parquet(folder / "entries.parquet")
    matrix_t = sparse.load_npz(folder / "ngrams.npz").tocsr()
    search_t = search_matrix(matrix_t)
    candidates = CandidateIndex(
        grams=json.loads((folder / "grams.json").read_text(encoding="utf-8")),
        idf=np.load(folder / "idf.npy", allow_pickle=False),
        matrix_t=matrix_t,
        postings=pl.read_parquet(folder / "postings.parquet"),
        search_t=search_t,
        common_words=pl.read_parquet(folder / "common_words.parquet")["word"],
        typo_keys=None if search_t is not None else _load_typo_keys(folder),
    )
    candidates.set_key_lookup(
        np.load(folder / "key_hashes.npy", allow_pickle=False),
        np.load(folder / "key_entries.npy", allow_pickle=False),
    )
    if (
        not (len(candidates.grams) == len(candidates.idf) == matrix_t.shape[0])
        or candidates.size != entries.height
    ):
        raise ValueError(
            "the cached files do not fit each other (grams, idf, 3-gram matrix and list entries)"
        )
    keys = entries["name_key"].fill_null("").to_list()
    return MatchIndex(
        entries=entries, candidates=candidates, weights=_token_weights(keys, entries["name_latin"])
    )


def _load_typo_keys(folder: Path) -> TypoKeys:
    """The typo search's list side as _write_index_files wrote it (an index searched over every gram has one)."""
    return TypoKeys(
        pl.read_parquet(folder / "typo_words.parquet")["word"],
        np.load(folder / "typo_key_hashes.npy", allow_pickle=False),
        np.load(folder / "typo_key_words.npy", allow_pickle=False),
    )


def normalise_suppliers(suppliers: pl.DataFrame) -> pl.DataFrame:
    """row_id, supplier name and country code with the normalised name columns (q_ prefixed)."""
    return _normalised(_supplier_keys(suppliers))


def _supplier_keys(suppliers: pl.DataFrame) -> pl.DataFrame:
    """row_id, supplier name (null as "") and country code: what makes two supplier rows the same query. A blank
    code (a caller's frame with "" for no country) is no country, not a country that conflicts with every entry's."""
    names = suppliers[s.NAME].cast(pl.String).fill_null("")
    country = None
    if s.COUNTRY_CODE in suppliers.columns:
        code = suppliers[s.COUNTRY_CODE].cast(pl.String)
        country = (
            pl.select(pl.when(code.str.strip_chars() != "").then(code)).to_series().alias(s.COUNTRY_CODE)
        )
    return pl.DataFrame(
        {
            s.ROW_ID: suppliers[s.ROW_ID],
            "supplier_name": names,
            "q_country": country if country is not None else pl.Series([None] * names.len(), dtype=pl.String),
        }
    )


def _normalised(keys: pl.DataFrame) -> pl.DataFrame:
    """The supplier keys with the normalised name columns, in normalise_suppliers' column order."""
    normalised = _normalizer().normalize_names(keys["supplier_name"])
    return pl.DataFrame(
        {
            s.ROW_ID: keys[s.ROW_ID],
            "supplier_name": keys["supplier_name"],
            "q_key": normalised["name_key"].fill_null(""),
            "q_tokens": normalised["name_tokens"],
            "q_legal": normalised["legal_form"],
            "q_script": normalised["script"],
            "q_country": keys["q_country"],
        }
    )


# List-entry columns no pair feature reads (names, ids, programme, dates, links): the match stage gathers them only
# for the pairs kept after scoring (a few per hundred suppliers), not for the ~15 candidates of every supplier.
SHOWN_ENTRY_COLUMNS = tuple(c for c in (s.MATCHED_NAME, *ENTRY_CARRY) if c != s.IS_ALIAS)


def _entry_columns(index: MatchIndex) -> dict[str, pl.Expr]:
    """The list side of a pair, by output name, in candidate_frame's column order."""
    compared = {
        "e_key": pl.col("name_key").fill_null(""),
        "e_tokens": pl.col("name_tokens"),
        "e_legal": pl.col("legal_form"),
        "e_country": pl.col(s.COUNTRY_CODE),
    }
    return {s.MATCHED_NAME: pl.col(s.NAME), **compared, **{c: pl.col(c) for c in ENTRY_CARRY}}


def candidate_frame(
    queries: pl.DataFrame, index: MatchIndex, max_candidates: int, *, shown: bool = True
) -> pl.DataFrame:
    """One row per (supplier, list name) candidate with both sides' columns, ready for compute_features.

    ``shown=False`` leaves out SHOWN_ENTRY_COLUMNS, which :func:`with_shown_columns` adds to the pairs kept."""
    pairs = candidate_pairs(
        index.candidates,
        queries["q_key"],
        queries["q_tokens"],
        max_candidates,
        other_names=names_without_qualifiers(queries["q_tokens"]),
    )
    columns = _entry_columns(index)
    entries = index.entries.select(
        expression.alias(name)
        for name, expression in columns.items()
        if shown or name not in SHOWN_ENTRY_COLUMNS
    )
    return pl.concat(
        [
            queries[pairs["query"].to_numpy()],
            entries[pairs["entry"].to_numpy()],
            pairs.select("cosine", pl.col("entry").alias("entry_row")),
        ],
        how="horizontal",
    )


def as_compared(pairs: pl.DataFrame) -> pl.DataFrame:
    """Candidate pairs with the supplier's words as the classifier compares them: a word the list writes in another
    spelling read the list's way (read_as_listed), then places and branches the supplier adds to a list name it
    holds whole set aside (set_qualifiers_aside). Every pair is rewritten on its own, so masking or filtering
    pairs before or after gives the same result. The engine scores pairs through this function and the training
    pairs (scripts/build_match_training.py) are built through it, so the model learns what it is later shown."""
    return set_qualifiers_aside(read_as_listed(pairs))


def with_shown_columns(pairs: pl.DataFrame, index: MatchIndex) -> pl.DataFrame:
    """Pairs made with ``candidate_frame(..., shown=False)`` with the SHOWN_ENTRY_COLUMNS of their list entry."""
    columns = _entry_columns(index)
    shown = index.entries.select(columns[name].alias(name) for name in SHOWN_ENTRY_COLUMNS)
    return pl.concat([pairs, shown[pairs["entry_row"].to_numpy()]], how="horizontal")


def score_pairs(
    pairs: pl.DataFrame, index: MatchIndex, *, share: bool = True, gated: bool = False
) -> pl.DataFrame:
    """The pairs with their ``f_`` feature columns and the classifier's probability.

    Pairs that differ only in the supplier's raw spelling (same normalised name, legal form, script, country,
    list name and cosine, and the same answer to "is the name at an ERP field limit") get the same features,
    so each such group is scored once and the result copied to its pairs. ``share=False`` skips looking for
    such groups (the caller knows there are none: see repeated_queries).

    ``gated=True`` runs the scoring cascade (screener.match.gate) when the model has gates: a pair a gate stops
    gets probability GATED_PROBABILITY (0.0: not scored, shown far below the review band) and null for the
    features not computed; every other pair gets the same features and probability as without it."""
    representative = _same_features(pairs) if share else None
    scored = pairs if representative is None else pairs[representative["first"]]
    model = index.classifier()
    if gated and model.gate is not None:
        features, passed = gated_features(scored, index.weights, model.gate)
        probability = np.full(scored.height, GATED_PROBABILITY)
        probability[passed] = model.probability(features.filter(pl.Series(passed)))
    else:
        features = compute_features(scored, index.weights)
        probability = model.probability(features)
    if representative is not None:
        features = features[representative["group"]]
        probability = probability[representative["group"].to_numpy()]
    return pl.concat([pairs, features], how="horizontal").with_columns(
        pl.Series(s.PROBABILITY, probability, dtype=pl.Float64)
    )


# Columns a pair's features are computed from, besides the list side (given by entry_row) and supplier_name
# (only its length, through supplier_at_field_limit).
_FEATURE_INPUTS = ("q_key", "q_legal", "q_script", "q_country", "cosine", "entry_row")


def repeated_queries(queries: pl.DataFrame) -> bool:
    """Whether two of the normalised suppliers have the same feature inputs on the supplier side (normalised
    name, words, legal form, script, country, name at a field limit). When none do, no two of their candidate
    pairs can (a supplier's candidates are different list names), so _same_features would find nothing: looking
    at the few thousand suppliers is much cheaper than at their ~15 pairs each. (Only read_as_listed could make
    two such pairs alike, by rewriting two native-script spellings to the same list word; they are then scored
    twice, with the same result: sharing never changes a score.)"""
    if queries.height < 2:
        return False
    at_limit = supplier_at_field_limit(Pairs(queries.select("supplier_name"), None))
    sides = queries.select(
        "q_key",
        "q_legal",
        "q_script",
        "q_country",
        pl.col("q_tokens").list.join("\u241f").alias("_tokens"),
        pl.Series("_at_limit", at_limit),
    )
    return sides.unique().height < queries.height


def _same_features(pairs: pl.DataFrame) -> dict[str, pl.Series] | None:
    """For each pair, the group of pairs with the same feature inputs (group) and each group's first pair
    (first); None when there is nothing to share."""
    if pairs.height == 0 or not {*_FEATURE_INPUTS, "q_tokens", "supplier_name"} <= set(pairs.columns):
        return None
    keys = pairs.select(
        *_FEATURE_INPUTS,
        pl.col("q_tokens").list.join("\u241f").alias("_tokens"),
        pl.Series("_at_limit", supplier_at_field_limit(Pairs(pairs.select("supplier_name"), None))),
    ).with_row_index("_row")
    columns = [*_FEATURE_INPUTS, "_tokens", "_at_limit"]
    first = keys.unique(columns, keep="first", maintain_order=True).with_row_index("_group")
    if first.height > 0.9 * pairs.height:
        return None
    groups = keys.join(first.select(*columns, "_group"), on=columns, how="left", nulls_equal=True)
    groups = groups.sort("_row")
    return {"first": first["_row"], "group": groups["_group"]}


def band_expression(settings: MatchSettings) -> pl.Expr:
    """match at or above match_threshold, review at or above review_threshold, none below."""
    probability = pl.col(s.PROBABILITY)
    return (
        pl.when(probability >= settings.match_threshold)
        .then(pl.lit("match"))
        .when(probability >= settings.review_threshold)
        .then(pl.lit("review"))
        .otherwise(pl.lit("none"))
        .alias(s.BAND)
    )


def best_per_entity(scored: pl.DataFrame, per_supplier: int = MAX_MATCHES_PER_SUPPLIER) -> pl.DataFrame:
    """Each entity's best-scoring name per supplier (its primary name on a tie), then the supplier's best few
    entities."""
    # Names of one entity scored within a hundredth of each other are a tie: the primary name is shown. A tie on
    # every key goes to the list's own order (entry_row), so the name shown never depends on how the suppliers
    # were cut into chunks, parts or batches.
    ordered = scored.sort(
        [
            pl.col(s.ROW_ID),
            pl.col(s.PROBABILITY).round(2),
            pl.col(s.IS_ALIAS),
            pl.col(s.PROBABILITY),
            "entry_row",
        ],
        descending=[False, True, False, True, False],
        maintain_order=True,
    )
    best = ordered.unique([s.ROW_ID, s.ENTITY_ID], keep="first", maintain_order=True)
    return best.filter(pl.int_range(pl.len()).over(s.ROW_ID) < per_supplier)


def match_suppliers(
    suppliers: pl.DataFrame, index: MatchIndex, settings: MatchSettings | None = None
) -> pl.DataFrame:
    """Matches in band match or review: row_id, list_id, entity_id, matched_name, probability, band, features,
    explanation (schema names). Suppliers with no candidate above the review threshold have no row.

    Suppliers with the same name and country are scored once; large files are scored in chunks of
    CHUNK_SUPPLIERS distinct names so memory stays bounded, and in two processes when a core is spare (see
    _second_process_pays); the matches are the same either way.
    """
    settings = settings or MatchSettings()
    _refuse_while_a_worker_starts()
    queries = _supplier_keys(suppliers)  # names are normalised per chunk, once per distinct name and country
    distinct = queries.unique(["supplier_name", "q_country"], keep="first", maintain_order=True)
    background = supplier_background(distinct["supplier_name"])  # words common among the user's suppliers
    chunks = [
        distinct.slice(start, CHUNK_SUPPLIERS) for start in range(0, max(distinct.height, 1), CHUNK_SUPPLIERS)
    ]
    workers = min(os.cpu_count() or 1, PIPELINE_THREADS)
    if workers > 1 and _second_process_pays(distinct.height, index):
        chunk_parts = [_parts(chunk) for chunk in chunks]
        scored = iter(
            scored_parts_in_two_processes([p for ps in chunk_parts for p in ps], index, settings)[0]
        )
        parts = [_finish_chunk([next(scored) for _ in ps], index, settings, background) for ps in chunk_parts]
    elif workers > 1 and distinct.height > PIPELINE_SUPPLIERS:
        index.classifier()  # loaded once, before the threads need it
        # One pool for every chunk: the threads go on scoring the next chunk's parts while this thread finishes a
        # chunk (best per entity, explanations), and parts drift out of step, so one normalises (holding the GIL)
        # while the other is in the sparse product or the trees.
        with ThreadPoolExecutor(max_workers=workers) as pool:
            try:
                submitted = [_submit_parts(chunk, index, settings, pool.submit) for chunk in chunks]
                parts = [
                    _finish_chunk([part.result() for part in chunk], index, settings, background)
                    for chunk in submitted
                ]
            finally:
                pool.shutdown(cancel_futures=True)
    else:
        parts = [_match_chunk(chunk, index, settings, background) for chunk in chunks]
    matched = pl.concat(parts, how="vertical")
    if distinct.height < queries.height:  # give every duplicate row its own copy of the matches
        rows = queries.select(s.ROW_ID, "supplier_name", "q_country")
        first = distinct.select(pl.col(s.ROW_ID).alias("_first"), "supplier_name", "q_country")
        owners = rows.join(first, on=["supplier_name", "q_country"], how="left", nulls_equal=True)
        matched = (
            owners.select(s.ROW_ID, "_first")
            .join(matched.rename({s.ROW_ID: "_first"}), on="_first", how="inner")
            .drop("_first")
            .select(matched.columns)
        )
    return _contract(matched)


def _refuse_while_a_worker_starts() -> None:
    """A spawned worker process first imports the script that started it; a script without the
    ``if __name__ == "__main__":`` guard would screen its whole input again there, writing its report twice. The
    worker stops instead, and the process that started it scores on alone (and says why)."""
    if getattr(multiprocessing.current_process(), "_inheriting", False):
        raise ScreenerError(
            "screener was called while a worker process was starting (it imports the script that started it).",
            hint='Put the script\'s code under `if __name__ == "__main__":`.',
        )


# Distinct supplier names scored at once (bounds the memory of the pair frame: about 15 pairs per name).
CHUNK_SUPPLIERS = 20_000


# A chunk is scored in parts of this many names, PIPELINE_THREADS parts at a time (one pool for all chunks): the
# normaliser and the feature code hold the GIL while the sparse product, rapidfuzz and the trees release it, so two
# parts in flight keep both cores busy. A multiple of the candidate block size, so the pairs come out in the same order as from
# one call over the whole chunk (and the best matches are picked over the whole chunk, as before).
PIPELINE_SUPPLIERS = 10 * BLOCK_ROWS
PIPELINE_THREADS = 2


# A second process scores parts beside this one from this many distinct supplier names: starting it (imports, the
# index and model sent over, the Chinese word dictionary loaded) costs about 3 s of CPU, paid back when each
# process has several parts of about 1.5 s to score. Threads share one interpreter, and the normaliser and the
# feature code hold its lock about a third of the time; a process does not wait for it.
PROCESS_MIN_SUPPLIERS = 40_000
# Lists of more names than this keep to threads: the second process holds its own copy of the index.
PROCESS_MAX_LIST_NAMES = 100_000
# ... and only while the machine has a core to spare: the 1-minute load average (this run counts about 1) at most
# the number of CPUs less this. On a busy machine the second process only adds its start: on the shared 2-core
# machine at load 8-9 the 100k workbook's match stage took 10% longer in wall time and CPU with it (same run,
# alternating: 68.6/50.7 s against 61.6/45.2 s with threads).
SPARE_CORE_LOAD = 0.5


def _second_process_pays(suppliers: int, index: MatchIndex) -> bool:
    """Whether to score in a second process: enough suppliers, a list small enough to copy, a core to spare, and
    this process is not itself a worker (screener.batch's workers already use every core)."""
    return (
        suppliers >= PROCESS_MIN_SUPPLIERS
        and index.entries.height <= PROCESS_MAX_LIST_NAMES
        and multiprocessing.parent_process() is None
        and _spare_core()
    )


def _spare_core() -> bool:
    try:
        load = os.getloadavg()[0]
    except OSError:  # not known here: as on an idle machine
        return True
    return load <= (os.cpu_count() or 1) - SPARE_CORE_LOAD


def _parts(queries: pl.DataFrame) -> list[pl.DataFrame]:
    """The chunk cut into parts of PIPELINE_SUPPLIERS suppliers, in order."""
    starts = range(0, max(queries.height, 1), PIPELINE_SUPPLIERS)
    return [queries.slice(start, PIPELINE_SUPPLIERS) for start in starts]


def scored_parts_in_two_processes(
    parts: list[pl.DataFrame], index: MatchIndex, settings: MatchSettings
) -> tuple[list[pl.DataFrame], int]:
    """_scored_part of every part, in order, and how many of them the second process scored.

    A spawned process (polars does not survive a fork) gets the index once and takes parts from the front, one at
    a time; this process takes them from the back, so both stay busy until the parts run out, however long the
    other took to start. Each part is scored by the same code either way, so the result is the one process's.

    The names of every part are normalised here, never in the second process: it then scores without loading
    jieba, pypinyin and OpenCC and building the normaliser's tables (about 2 s of CPU and 100 MB on the shared
    100k workbook). The next part it will take is normalised while it scores the one before."""
    index.classifier()  # sent with the index: the worker scores with this process's model
    index.candidates.key_lookup()  # built once here rather than again in the worker
    index.candidates.name_vectors()
    results: list[pl.DataFrame | None] = [None] * len(parts)
    normalised = _NormalisedParts(parts)
    lock = threading.Lock()
    bounds = {"front": 0, "back": len(parts), "worker": 0}

    def take(end: str) -> int | None:
        with lock:
            if bounds["front"] >= bounds["back"]:
                return None
            if end == "front":
                bounds["front"] += 1
                return bounds["front"] - 1
            bounds["back"] -= 1
            return bounds["back"]

    def next_front() -> int | None:
        with lock:
            return bounds["front"] if bounds["front"] < bounds["back"] else None

    def feed(pool: ProcessPoolExecutor, at: int | None, future) -> None:
        while at is not None:
            if (ahead := next_front()) is not None:
                normalised.prepare(ahead)  # while the worker scores part `at`
            try:
                results[at] = future.result()
            except BrokenProcessPool as error:  # the worker died (killed, out of memory): go on here
                warnings.warn(
                    f"the second match process stopped ({error}); its parts are scored in this one. "
                    "A script that screens 40,000 suppliers or more must call screener under "
                    '`if __name__ == "__main__":` (the second process imports the script that started it)',
                    ScreenerWarning,
                    stacklevel=2,
                )
                return
            bounds["worker"] += 1
            if (at := take("front")) is not None:
                future = pool.submit(_worker_scored_part, normalised.take(at), settings)

    spawn = multiprocessing.get_context("spawn")
    with (
        ProcessPoolExecutor(1, mp_context=spawn, initializer=_start_worker, initargs=(index,)) as pool,
        ThreadPoolExecutor(1) as feeder,
    ):
        # The process is started (and the index pickled for it) before anything is normalised here, so it starts
        # while this thread normalises its first part; then the first part is sent from this thread, before this
        # thread scores and so fills the index's caches.
        pool.submit(_worker_ready)
        first = take("front")
        fed = feeder.submit(
            feed, pool, first, pool.submit(_worker_scored_part, normalised.take(first), settings)
        )
        try:
            while (at := take("back")) is not None:
                results[at] = _scored_part(normalised.take(at), index, settings)
        finally:
            with lock:  # on an error here, the worker gets no further part
                bounds["back"] = bounds["front"]
        fed.result()
    for at in range(len(parts)):  # what a worker that stopped did not score
        if results[at] is None:
            results[at] = _scored_part(normalised.take(at), index, settings)
    return results, bounds["worker"]


class _NormalisedParts:
    """Parts' supplier names normalised (_normalised) once each, on demand or ahead of time, by whichever thread
    asks first; a part is dropped once taken."""

    def __init__(self, parts: list[pl.DataFrame]) -> None:
        self._parts = parts
        self._ready: dict[int, pl.DataFrame] = {}
        self._locks = [threading.Lock() for _ in parts]

    def prepare(self, at: int) -> None:
        with self._locks[at]:
            if at not in self._ready:
                self._ready[at] = _normalised(self._parts[at])

    def take(self, at: int) -> pl.DataFrame:
        self.prepare(at)
        with self._locks[at]:
            return self._ready.pop(at)


_WORKER_INDEX: MatchIndex | None = None


def _start_worker(index: MatchIndex) -> None:
    global _WORKER_INDEX
    _WORKER_INDEX = index


def _worker_ready() -> None:
    """Nothing: submitted first, so the process starts at once."""


def _worker_scored_part(part: pl.DataFrame, settings: MatchSettings) -> pl.DataFrame:
    if _WORKER_INDEX is None:
        raise RuntimeError("the match worker was started without its index")
    return _scored_part(part, _WORKER_INDEX, settings)


def _scored_part(part: pl.DataFrame, index: MatchIndex, settings: MatchSettings) -> pl.DataFrame:
    """The pairs of ``part``'s suppliers at or above the review threshold, with the list columns shown. ``part``
    holds the supplier keys (_supplier_keys), or the keys already normalised (_normalised)."""
    normalised = part if "q_key" in part.columns else _normalised(part)
    pairs = candidate_frame(normalised, index, settings.max_candidates, shown=False)
    pairs = as_compared(pairs)
    scored = score_pairs(pairs, index, share=repeated_queries(normalised), gated=True)
    kept = scored.filter(pl.col(s.PROBABILITY) >= settings.review_threshold)
    return with_shown_columns(kept, index)


def _submit_parts(queries: pl.DataFrame, index: MatchIndex, settings: MatchSettings, submit) -> list:
    """One future per part of PIPELINE_SUPPLIERS suppliers of the chunk, in order."""
    starts = range(0, max(queries.height, 1), PIPELINE_SUPPLIERS)
    return [
        submit(_scored_part, queries.slice(start, PIPELINE_SUPPLIERS), index, settings) for start in starts
    ]


def _match_chunk(
    queries: pl.DataFrame, index: MatchIndex, settings: MatchSettings, background: Background
) -> pl.DataFrame:
    """A chunk scored part after part in this thread (one CPU, or a file of one part)."""
    starts = range(0, max(queries.height, 1), PIPELINE_SUPPLIERS)
    parts = [_scored_part(queries.slice(start, PIPELINE_SUPPLIERS), index, settings) for start in starts]
    return _finish_chunk(parts, index, settings, background)


def _finish_chunk(
    parts: list[pl.DataFrame], index: MatchIndex, settings: MatchSettings, background: Background
) -> pl.DataFrame:
    """The chunk's kept pairs: short names and common words held, each entity's best name, bands, explanations."""
    scored = hold_short_names_at_review(pl.concat(parts, how="vertical", rechunk=True), settings)
    scored = hold_common_word_hits(scored, index.weights, background, settings.match_threshold)
    kept = best_per_entity(scored).with_columns(band_expression(settings))
    explained = kept.with_columns(
        pl.Series(
            s.EXPLANATION,
            explain_matches(kept, index.weights, common_word_check(index.weights, background)),
            dtype=pl.String,
        )
    )
    return _with_held_notes(explained, settings)


def hold_short_names_at_review(scored: pl.DataFrame, settings: MatchSettings) -> pl.DataFrame:
    """Pairs whose list name is one word of at most settings.short_name_letters letters ("JI", "SHA", "FIAN":
    acronyms and short aliases) and whose supplier name has other words than places ("Fian Logistics") get at
    most a probability just under match_threshold, for a reviewer; the name alone, or with a legal form or a
    site, still matches. _model_probability keeps the model's own (null where nothing was held)."""
    ceiling = settings.match_threshold - 0.001
    held = (
        ~pl.col("e_key").str.contains(" ", literal=True)
        & (pl.col("e_key").str.len_chars() <= settings.short_name_letters)
        & (pl.col("q_key") != pl.col("e_key"))
        & (pl.col("f_rarest_unmatched_non_place_word") > 0)  # a place added ("AKSH (Changzhou)") is a site
        & (pl.col(s.PROBABILITY) > ceiling)
    )
    return scored.with_columns(
        pl.when(held).then(pl.col(s.PROBABILITY)).otherwise(None).alias("_model_probability"),
        pl.when(held).then(pl.lit(ceiling)).otherwise(pl.col(s.PROBABILITY)).alias(s.PROBABILITY),
    )


def _with_held_notes(explained: pl.DataFrame, settings: MatchSettings) -> pl.DataFrame:
    """The explanation of each pair hold_short_names_at_review held says so, with the model's own probability."""
    note = pl.format(
        "; held at review: the list name is one short word ({} letters at most) found beside other words, "
        "as acronyms and short aliases often are by chance (model probability {})",
        pl.lit(settings.short_name_letters),
        pl.col("_model_probability").round(3),
    )
    held = pl.col("_model_probability").is_not_null()
    explanation = pl.when(held).then(pl.col(s.EXPLANATION) + note).otherwise(pl.col(s.EXPLANATION))
    explanation = pl.concat_str(
        explanation, pl.col(SCRIPT_NOTE).fill_null(""), pl.col("_common_word_note").fill_null("")
    )
    return explained.with_columns(explanation.alias(s.EXPLANATION)).drop(
        "_model_probability", "_common_word_note", SCRIPT_NOTE
    )


def _contract(frame: pl.DataFrame) -> pl.DataFrame:
    """The matches contract: key columns, the list entry side by side, then every ``f_`` feature."""
    features = [f"f_{name}" for name in FEATURE_NAMES]
    side_by_side = [
        "supplier_name",
        s.ENTITY_NAME,
        s.IS_ALIAS,
        pl.col("e_country").alias(s.COUNTRY_CODE),
        s.PROGRAM,
        s.LISTED_ON,
        s.SOURCE_URL,
        s.LIST_VERSION,
        s.ENTITY_TYPE,
    ]
    return frame.select(*MATCH_COLUMNS, *side_by_side, *features).sort(
        [s.ROW_ID, s.PROBABILITY], descending=[False, True]
    )
