"""Goods as suppliers write them (free text, HS codes) -> the vocabulary of the DOL List of Goods.

Two shipped tables do the work (see ``screener/data/provenance.json``):

* ``goods_synonyms.csv``: phrases in English, German, French, Spanish, Portuguese and Chinese -> DOL goods
  ("cotton yarn" -> Thread/Yarn and Cotton, "Baumwolle" -> Cotton, "光伏组件" -> Solar Modules). Every DOL good's
  own name is added automatically ("Bricks (clay)" is found by "bricks").
* ``hs_dol_goods.csv``: HS 2022 chapters (2 digits), headings (4) and subheadings (6) -> DOL goods. The most
  specific code wins: 8541.43 is Solar Modules although heading 8541 is Electronics.

A phrase is matched on whole words after case folding, accent stripping and plural stripping, so "coton",
"Cocoa Beans" and "GLOVES" are all recognised; Chinese phrases are matched as substrings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import polars as pl

from screener.data import reference_path
from screener.normalize.phrases import PhraseIndex
from screener.schema import GOODS, HS_CODE, ROW_ID

DOL_GOODS_FILE = "dol_ilab_tvpra_goods_2022.csv"
SYNONYMS_FILE = "goods_synonyms.csv"
HS_FILE = "hs_dol_goods.csv"
DERIVED_INPUTS_FILE = "dol_derived_inputs.csv"

# Columns of the frame returned by recognise_goods.
GOOD = "good"
VIA = "via"  # "text" or "hs"
MATCHED = "matched"  # the quoted words or the HS code that led to the good
RECOGNISED_COLUMNS = (ROW_ID, GOOD, VIA, MATCHED)


@dataclass(frozen=True)
class GoodMatch:
    """One DOL good recognised in a supplier's goods text or HS code, with what it was read from."""

    good: str
    via: str
    matched: str


@lru_cache(maxsize=1)
def dol_goods_table() -> pl.DataFrame:
    """The DOL List of Goods (2022 edition) as shipped: one row per country x good."""
    return pl.read_csv(reference_path(DOL_GOODS_FILE), infer_schema=False)


@lru_cache(maxsize=1)
def derived_inputs_table() -> pl.DataFrame:
    """For each DOL 'produced with listed inputs' good: the listed input and where it comes from."""
    return pl.read_csv(reference_path(DERIVED_INPUTS_FILE), infer_schema=False)


def dol_vocabulary() -> tuple[str, ...]:
    """Every good name of the DOL List of Goods, as DOL writes it."""
    return tuple(sorted(dol_goods_table().get_column("good").unique().to_list()))


def _own_name_phrases(good: str) -> list[str]:
    """Phrases that name a DOL good by itself: 'Bricks (clay)' -> 'bricks'; 'Brazil Nuts/Chestnuts' -> both."""
    base = re.sub(r"\s*\(.*?\)\s*", " ", good).strip()
    return [good, base, *[part.strip() for part in base.split("/") if part.strip()]]


@lru_cache(maxsize=8)
def _index(extra: tuple[tuple[str, str], ...]) -> PhraseIndex:
    synonyms = pl.read_csv(reference_path(SYNONYMS_FILE), infer_schema=False)
    entries: list[tuple[str, str]] = []
    for phrase, goods in synonyms.select("phrase", "dol_goods").iter_rows():
        entries.extend((phrase, good) for good in (goods or "").split(";") if good)
    vocabulary = dol_vocabulary()
    base_of = {good: _own_name_phrases(good)[1] for good in vocabulary}
    for good in vocabulary:
        entries.extend((phrase, good) for phrase in _own_name_phrases(good))
        # "Bricks (clay)" also names plain "Bricks": a country may be listed for either spelling
        entries.extend((good, other) for other in vocabulary if base_of[other] == base_of[good])
    entries.extend(extra)
    return PhraseIndex(entries)


def goods_index(extra_synonyms: Mapping[str, Iterable[str]] | None = None) -> PhraseIndex:
    """The phrase index over shipped synonyms, DOL names and ``extra_synonyms`` (phrase -> DOL goods)."""
    extra = tuple(sorted((p, g) for p, goods in (extra_synonyms or {}).items() for g in goods))
    return _index(extra)


def goods_from_text(
    text: str | None, extra_synonyms: Mapping[str, Iterable[str]] | None = None
) -> list[GoodMatch]:
    """DOL goods named in free text, each with the words that named it; a good appears once."""
    found: dict[str, GoodMatch] = {}
    for hit in goods_index(extra_synonyms).find(text):
        for good in hit.values:
            found.setdefault(good, GoodMatch(good, "text", hit.quote))
    return list(found.values())


@lru_cache(maxsize=1)
def _hs_table() -> dict[str, tuple[tuple[str, ...], str]]:
    table = pl.read_csv(reference_path(HS_FILE), infer_schema=False)
    return {
        code: (tuple(goods.split(";")), description)
        for code, goods, description in table.select("hs_code", "dol_goods", "hs_description").iter_rows()
    }


def hs_digits(code: str | None) -> str | None:
    """The digits of an HS / HTS / CN code as people write it ('5205.12', '6109 10 00', '52.05'); None if none.

    A 5-digit or 7-digit code is taken to have lost its leading zero (spreadsheets drop it: 30617 = 0306.17)."""
    if code is None:
        return None
    text = str(code).strip()
    if re.fullmatch(r"\d+\.0", text):  # a number cell read as float
        text = text[:-2]
    digits = re.sub(r"[\s.\-]", "", text)
    if not digits.isdigit() or len(digits) < 2:
        return None
    if len(digits) in (3, 5, 7, 9):
        digits = "0" + digits
    return digits


def goods_from_hs(code: str | None) -> list[GoodMatch]:
    """DOL goods for an HS code: the most specific of subheading (6 digits), heading (4) or chapter (2)."""
    digits = hs_digits(code)
    if digits is None:
        return []
    table = _hs_table()
    for length in (6, 4, 2):
        if len(digits) >= length and digits[:length] in table:
            goods, description = table[digits[:length]]
            shown = f"HS {digits[:length]} ({description})"
            return [GoodMatch(good, "hs", shown) for good in goods]
    return []


def hs_codes_in(text: str | None) -> list[str]:
    """Several codes in one cell ('5205.12; 6109.10') -> each code."""
    if not text:
        return []
    return [part for part in re.split(r"[,;/|\n]+", str(text)) if part.strip()]


def recognise_goods(
    suppliers: pl.DataFrame,
    *,
    use_text: bool = True,
    use_hs: bool = True,
    extra_synonyms: Mapping[str, Iterable[str]] | None = None,
) -> pl.DataFrame:
    """Long frame of DOL goods per supplier: row_id, good, via ('text'/'hs'), matched (quote or HS code).

    Each distinct goods text and HS code is looked up once."""
    rows: list[tuple[object, str, str, str]] = []
    if use_text and GOODS in suppliers.columns:
        rows += _lookup(suppliers, GOODS, lambda text: goods_from_text(text, extra_synonyms))
    if use_hs and HS_CODE in suppliers.columns:
        rows += _lookup(
            suppliers, HS_CODE, lambda text: [m for c in hs_codes_in(text) for m in goods_from_hs(c)]
        )
    frame = pl.DataFrame(
        rows,
        schema={
            ROW_ID: suppliers.schema.get(ROW_ID, pl.Int64),
            GOOD: pl.String,
            VIA: pl.String,
            MATCHED: pl.String,
        },
        orient="row",
    )
    return frame.unique(subset=[ROW_ID, GOOD], keep="first", maintain_order=True)


def _lookup(suppliers: pl.DataFrame, column: str, find) -> list[tuple[object, str, str, str]]:
    cache: dict[str, list[GoodMatch]] = {}
    rows = []
    for row_id, value in suppliers.select(ROW_ID, pl.col(column).cast(pl.String)).iter_rows():
        if value is None or not value.strip():
            continue
        if value not in cache:
            cache[value] = find(value)
        rows.extend((row_id, m.good, m.via, m.matched) for m in cache[value])
    return rows
