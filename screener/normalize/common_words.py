"""The shipped table of generic business words (generic_company_words.csv), by kind.

Words common in company names at large (Handels, Deutschland, Pacific, Steel, Trading, Biotechnology...): the
matcher does not take a pair of names sharing only such words for one company (screener/match/generic.py), and
the gazetteer does not take a city named like one for a place (screener/normalize/places.py).
"""

from __future__ import annotations

from functools import lru_cache

import polars as pl

from screener.normalize.names import normalize_names
from screener.normalize.scripts import read_reference_rows


@lru_cache(maxsize=1)
def table_words() -> dict[str, frozenset[str]]:
    """The shipped generic business words by kind, each in its written and its normalised form."""
    kinds: dict[str, set[str]] = {}
    for row in read_reference_rows("generic_company_words.csv"):
        kinds.setdefault(row["kind"], set()).add(row["word"])
    table = {}
    for kind, words in kinds.items():
        tokens = (
            normalize_names(pl.Series(sorted(words), dtype=pl.String))["name_tokens"].explode().drop_nulls()
        )
        table[kind] = frozenset(tokens.to_list()) | frozenset(words)
    return table


def business_words() -> frozenset[str]:
    """Every word of the generic business table, written and normalised."""
    return frozenset().union(*table_words().values())


def industry_words() -> frozenset[str]:
    """The generic words that name an industry (textile, food, electronics...)."""
    return table_words().get("industry", frozenset())
