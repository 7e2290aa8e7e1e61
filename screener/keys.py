"""The keys that tie a reviewer's decision to a supplier and a list entry across runs.

A supplier fingerprint is readable on purpose (``normalised name|country code|supplier id``): an auditor can see why
two rows share a decision. It uses its own small, frozen normalisation (Unicode NFKC, lower case, punctuation to
spaces) rather than the matcher's name key, so that improving the matcher never silently orphans or merges stored
decisions; a supplier whose spelling changes is shown again (fail safe), never cleared by accident.

A list entry fingerprint is a short hash of what a reviewer judged: the entity's primary name, programme, listing
date and country. When the list publisher changes any of these, a cleared hit expires and comes back for review.
"""

from __future__ import annotations

import hashlib

import polars as pl

from screener.schema import COUNTRY_CODE, ENTITY_NAME, LISTED_ON, NAME, PROGRAM, SUPPLIER_ID

SUPPLIER_FINGERPRINT = "supplier_fingerprint"
ENTRY_FINGERPRINT = "entry_fingerprint"
ENTRY_COUNTRY_CODE = "entry_country_code"

# What a reviewer saw of the list entry; the column names in a matches frame (the entry's own country is
# COUNTRY_CODE there, or ENTRY_COUNTRY_CODE once joined beside the supplier's).
ENTRY_FINGERPRINT_FIELDS = (ENTITY_NAME, PROGRAM, LISTED_ON)


def normalised_text(expr: pl.Expr) -> pl.Expr:
    """NFKC, lower case, every run of non-letters/digits to one space, trimmed; null stays null."""
    return (
        expr.cast(pl.String)
        .str.normalize("NFKC")
        .str.to_lowercase()
        .str.replace_all(r"[^\p{L}\p{N}]+", " ")
        .str.strip_chars()
    )


def _text_or_empty(frame: pl.DataFrame, column: str, transform=None) -> pl.Expr:
    if column not in frame.columns:
        return pl.lit("")
    expr = pl.col(column).cast(pl.String)
    if transform is not None:
        expr = transform(expr)
    return expr.fill_null("")


# An xlsx cell holds 32,767 characters: a longer fingerprint would be cut in the report and its decision would
# never apply again. Such a fingerprint keeps its first characters and a hash of the whole (shorter ones unchanged).
MAX_READABLE_FINGERPRINT = 32_000
KEPT_CHARACTERS = 1_000


def supplier_fingerprint(frame: pl.DataFrame) -> pl.Expr:
    """``name|CC|supplier_id`` for every row of a suppliers frame (missing parts are empty); past
    MAX_READABLE_FINGERPRINT characters, its start and a sha256 of the whole."""
    readable = pl.concat_str(
        [
            _text_or_empty(frame, NAME, normalised_text),
            _text_or_empty(frame, COUNTRY_CODE, lambda e: e.str.to_uppercase()),
            _text_or_empty(frame, SUPPLIER_ID, lambda e: e.str.strip_chars()),
        ],
        separator="|",
    )
    return readable.map_batches(_hash_long_fingerprints, return_dtype=pl.String).alias(SUPPLIER_FINGERPRINT)


def _hash_long_fingerprints(fingerprints: pl.Series) -> pl.Series:
    if not (fingerprints.str.len_chars() > MAX_READABLE_FINGERPRINT).any():
        return fingerprints
    return pl.Series(
        fingerprints.name,
        [
            text
            if text is None or len(text) <= MAX_READABLE_FINGERPRINT
            else f"{text[:KEPT_CHARACTERS]}…sha256:{hashlib.sha256(text.encode('utf-8')).hexdigest()}"
            for text in fingerprints.to_list()
        ],
        dtype=pl.String,
    )


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def entry_fingerprint(matches: pl.DataFrame, country_column: str = COUNTRY_CODE) -> pl.Series:
    """A 16-hex-digit hash of the matched entry's primary name, programme, listing date and country.

    An ``entry_fingerprint`` column already on ``matches`` (e.g. computed from all of an entity's names by the list
    stage) is used as it is."""
    if ENTRY_FINGERPRINT in matches.columns:
        return matches.get_column(ENTRY_FINGERPRINT).cast(pl.String)
    parts = [_text_or_empty(matches, column, normalised_text) for column in ENTRY_FINGERPRINT_FIELDS]
    parts.append(_text_or_empty(matches, country_column, lambda e: e.str.to_uppercase()))
    joined = matches.select(pl.concat_str(parts, separator="\x1f").alias("entry")).get_column("entry")
    return joined.map_elements(_short_hash, return_dtype=pl.String).alias(ENTRY_FINGERPRINT)
