"""Supplier names written in Cyrillic or Han script, read with the list name's spelling of their words.

The normaliser romanises a native-script name one way (Концерн Калашников -> "kontsern kalashnikov", 大全 ->
"daquan"); a list writes the same words in another romanisation or in the company's English form ("KALASHNIKOV
CONCERN", "ROSTEC", "Daqo"). Before a candidate pair is scored, each word of such a supplier name that is a word
of the candidate list name in another romanisation (``cyrillic_fold``) or the English spelling of a pinyin brand
(``pinyin_brand_like``) is written as the list writes it, and the explanation says so. Pairs of Latin-script
supplier names are left as they are (the common case costs one column test).
"""

from __future__ import annotations

import polars as pl

from screener.normalize.romanise import pinyin_brand_like, same_cyrillic_word

NOTE = "_script_note"
CYRILLIC, HAN = frozenset({"cyrillic", "mixed"}), frozenset({"han", "mixed"})


def read_as_listed(pairs: pl.DataFrame) -> pl.DataFrame:
    """``pairs`` with q_key and q_tokens rewritten where a native-script supplier word is the list's word in
    another spelling, and NOTE saying which (null where nothing was rewritten)."""
    empty = pl.lit(None, dtype=pl.String).alias(NOTE)
    if pairs.height == 0 or "q_script" not in pairs.columns:
        return pairs.with_columns(empty)
    native = pairs["q_script"].is_in(sorted(CYRILLIC | HAN))
    if not native.any():
        return pairs.with_columns(empty)
    rows = pairs.with_row_index("_pair").filter(native)
    rows = rows.select(
        "_pair",
        "q_script",
        "q_tokens",
        "e_tokens",
        (pl.col("q_country").is_not_null() & pl.col("q_country").ne_missing(pl.col("e_country"))).alias(
            "_other"
        ),
    )
    changed: dict[str, list] = {"_pair": [], "_key": [], "_tokens": [], NOTE: []}
    for pair, script, q_tokens, e_tokens, other_country in rows.iter_rows():
        # A brand's English spelling is a guess worth making only for a list entry of the supplier's country.
        brands = not other_country
        tokens, notes = listed_spelling(script, list(q_tokens or ()), list(e_tokens or ()), brands=brands)
        if notes:
            changed["_pair"].append(pair)
            changed["_key"].append(" ".join(tokens))
            changed["_tokens"].append(tokens)
            changed[NOTE].append("; " + "; ".join(notes))
    if not changed["_pair"]:
        return pairs.with_columns(empty)
    rewritten = pl.DataFrame(
        changed,
        schema={"_pair": pl.UInt32, "_key": pl.String, "_tokens": pl.List(pl.String), NOTE: pl.String},
    )
    joined = pairs.with_row_index("_pair").join(rewritten, on="_pair", how="left", maintain_order="left")
    return joined.with_columns(
        pl.coalesce("_key", "q_key").alias("q_key"),
        pl.when(pl.col("_key").is_not_null())
        .then(pl.col("_tokens"))
        .otherwise(pl.col("q_tokens"))
        .alias("q_tokens"),
    ).drop("_pair", "_key", "_tokens")


def listed_spelling(
    script: str, q_tokens: list[str], e_tokens: list[str], *, brands: bool = True
) -> tuple[list[str], list[str]]:
    """The supplier's words with those the list name spells otherwise written its way, and a note per word;
    pinyin brands only when ``brands``."""
    listed_only = [word for word in e_tokens if word not in q_tokens]
    tokens, notes = [], []
    for word in q_tokens:
        spelling = None if word in e_tokens else _list_spelling(script, word, listed_only, brands)
        if spelling is None:
            tokens.append(word)
            continue
        tokens.append(spelling)
        listed_only.remove(spelling)
        how = (
            "the same word in another romanisation"
            if script in CYRILLIC and same_cyrillic_word(word, spelling)
            else "the English spelling of the pinyin brand"
        )
        notes.append(f"'{word}' read as the list's '{spelling}' ({how})")
    return tokens, notes


def _list_spelling(script: str, word: str, listed_only: list[str], brands: bool) -> str | None:
    for listed in listed_only:
        if script in CYRILLIC and same_cyrillic_word(word, listed):
            return listed
        if brands and script in HAN and pinyin_brand_like(word, listed):
            return listed
    return None
