"""Supplier names written in Cyrillic or Han script, read with the list name's spelling of their words.

The normaliser romanises a native-script name one way (Концерн Калашников -> "kontsern kalashnikov", 大全 ->
"daquan"); a list writes the same words in another romanisation or in the company's English form ("KALASHNIKOV
CONCERN", "ROSTEC", "Daqo"). Before a candidate pair is scored, each word of such a supplier name that is a word
of the candidate list name in another romanisation (``cyrillic_fold``) or the English spelling of a pinyin brand
(``pinyin_brand_like``) is written as the list writes it, and the explanation says so. Pairs of Latin-script
supplier names are left as they are (the common case costs one column test).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import polars as pl

from screener.normalize.common_words import business_words
from screener.normalize.names import surface_tokens
from screener.normalize.pinyin import other_pinyin_name
from screener.normalize.places import city_words
from screener.normalize.romanise import (
    MIN_FOLDED,
    brand_key,
    brand_spelling_keys,
    cyrillic_fold,
    pinyin_brand_like,
    same_cyrillic_word,
    same_romanised_word,
    sound_keys,
)
from screener.normalize.scripts import read_reference_rows, to_ascii

NOTE = "_script_note"
# The supplier's words before screener.match.qualifiers set its qualifiers aside (null where it did not).
WITH_QUALIFIERS = "_q_tokens_with_qualifiers"
CYRILLIC, HAN = frozenset({"cyrillic", "mixed"}), frozenset({"han", "mixed"})


def read_as_listed(pairs: pl.DataFrame) -> pl.DataFrame:
    """``pairs`` with q_key and q_tokens rewritten where a supplier word is the list's word in another spelling
    (another romanisation, a pinyin brand's English form, a word cut short by an ERP field), and NOTE saying
    which (null where nothing was rewritten)."""
    empty = pl.lit(None, dtype=pl.String).alias(NOTE)
    if pairs.height == 0 or not {"q_script", "q_tokens", "e_tokens"} <= set(pairs.columns):
        return pairs.with_columns(empty)
    indexed = pairs.with_row_index("_pair")
    native = pairs["q_script"].is_in(sorted(CYRILLIC | HAN))
    parts = [_native_rewrites(indexed.filter(native)), _latin_rewrites(indexed.filter(~native))]
    return with_rewrites(indexed, pl.concat(parts)).drop("_pair")


def with_rewrites(indexed: pl.DataFrame, rewritten: pl.DataFrame) -> pl.DataFrame:
    """``indexed`` (with ``_pair``) with q_key / q_tokens replaced by ``rewritten``'s (_pair, _key, _tokens) and
    its NOTE added to NOTE (null where nothing was rewritten)."""
    if NOTE not in indexed.columns:
        indexed = indexed.with_columns(pl.lit(None, dtype=pl.String).alias(NOTE))
    if rewritten.height == 0:
        return indexed
    joined = indexed.join(rewritten.rename({NOTE: "_note"}), on="_pair", how="left", maintain_order="left")
    return joined.with_columns(
        pl.coalesce("_key", "q_key").alias("q_key"),
        pl.when(pl.col("_key").is_not_null())
        .then(pl.col("_tokens"))
        .otherwise(pl.col("q_tokens"))
        .alias("q_tokens"),
        pl.when(pl.col("_note").is_null())
        .then(pl.col(NOTE))
        .otherwise(pl.concat_str(pl.col(NOTE).fill_null(""), "_note"))
        .alias(NOTE),
    ).drop("_key", "_tokens", "_note")


_REWRITTEN_SCHEMA = {"_pair": pl.UInt32, "_key": pl.String, "_tokens": pl.List(pl.String), NOTE: pl.String}


def rewritten_frame(changed: dict[str, list]) -> pl.DataFrame:
    return pl.DataFrame(changed, schema=_REWRITTEN_SCHEMA)


def _native_rewrites(rows: pl.DataFrame) -> pl.DataFrame:
    """(_pair, _key, _tokens, NOTE) for the native-script pairs with a word written the list's way."""
    changed: dict[str, list] = {"_pair": [], "_key": [], "_tokens": [], NOTE: []}
    if rows.height == 0:
        return rewritten_frame(changed)
    rows = rows.filter(_may_be_read_natively(rows)).select(
        "_pair",
        "q_script",
        "q_tokens",
        "e_tokens",
        (pl.col("q_country").is_not_null() & pl.col("q_country").ne_missing(pl.col("e_country"))).alias(
            "_other"
        ),
    )
    for pair, script, q_tokens, e_tokens, other_country in rows.iter_rows():
        # A brand's English spelling is a guess worth making only for a list entry of the supplier's country.
        brands = not other_country
        tokens, notes = listed_spelling(script, list(q_tokens or ()), list(e_tokens or ()), brands=brands)
        if notes:
            changed["_pair"].append(pair)
            changed["_key"].append(" ".join(tokens))
            changed["_tokens"].append(tokens)
            changed[NOTE].append("; " + "; ".join(notes))
    return rewritten_frame(changed)


def _may_be_read_natively(rows: pl.DataFrame) -> pl.Series:
    """A cheap first test for listed_spelling, over whole word lists: the pairs that hold a supplier word and a
    different list word with the same Cyrillic fold (of MIN_FOLDED letters or more) or a brand key in common
    (romanise.brand_key). Only these can have a word written the list's way; the fold and keys are made once per
    distinct word, not per pair."""
    supplier_words = _word_keys(_vocabulary(rows["q_tokens"], 1), _native_keys)
    list_words = _word_keys(_vocabulary(rows["e_tokens"], 1), _listed_native_keys)
    return _meeting(rows, supplier_words, list_words)


def _native_keys(word: str) -> tuple[str, ...]:
    folded, brand = cyrillic_fold(word), brand_key(word)
    keys = (f"c:{folded}",) if len(folded) >= MIN_FOLDED else ()
    return (*keys, f"b:{brand}") if brand else keys


def _listed_native_keys(word: str) -> tuple[str, ...]:
    folded = cyrillic_fold(word)
    keys = (f"c:{folded}",) if len(folded) >= MIN_FOLDED else ()
    return (*keys, *(f"b:{key}" for key in brand_spelling_keys(word)))


# Latin words shorter than this are not re-read in another romanisation (pinyin "xin" for Wade-Giles "hsin" has three).
MIN_RESPELT_LETTERS = 3
# A cut last word of at least this many letters is read as the list word it begins (of a one-word name, at least
# MIN_CUT_ALONE letters).
MIN_CUT_LETTERS = 2
MIN_CUT_ALONE = 5
# Lengths of name fields in ERP systems: a supplier name of exactly this length was probably cut off (not 20:
# too many whole names are that long).
FIELD_LIMITS = frozenset({25, 30, 35, 40, 50, 60})


def _latin_rewrites(rows: pl.DataFrame) -> pl.DataFrame:
    """(_pair, _key, _tokens, NOTE) for the Latin-script pairs where a supplier word is a list word in another
    romanisation (Mohamed / Muhammad, Kuznetsov / Kuznecov, Hsin / Xin), or the supplier's last word, cut off at
    an ERP field limit, begins a list word ("ZHEJIANG HUAYOU COBALT INDUST" / "... Industrial").

    Vectorised down to the few pairs that can have such a word: each unshared word is given sound keys (its
    romanised fold without vowels, and those of its pinyin when it is Wade-Giles), and only the pairs whose two
    sides share a key, or whose supplier name is as long as an ERP field, are looked at word by word."""
    changed: dict[str, list] = {"_pair": [], "_key": [], "_tokens": [], NOTE: []}
    if rows.height == 0:
        return rewritten_frame(changed)
    rows = rows.filter(_may_be_respelt(rows))
    unshared = rows.select(
        "_pair",
        "q_tokens",
        pl.col("supplier_name")
        if "supplier_name" in rows.columns
        else pl.lit(None, pl.String).alias("supplier_name"),
        pl.col("q_tokens").list.set_difference("e_tokens").alias("q_only"),
        pl.col("e_tokens").list.set_difference("q_tokens").alias("e_only"),
        pl.col("supplier_name").str.strip_chars().str.len_chars().is_in(sorted(FIELD_LIMITS)).alias("_cut")
        if "supplier_name" in rows.columns
        else pl.lit(False).alias("_cut"),
        _chinese_pair(rows).alias("_chinese"),
    ).filter((pl.col("q_only").list.len() > 0) & (pl.col("e_only").list.len() > 0))
    if unshared.height == 0:
        return rewritten_frame(changed)
    q_words = _long_words(unshared, "q_only")
    e_words = _long_words(unshared, "e_only")
    distinct = pl.concat([q_words["word"], e_words["word"]]).unique()
    common = _common_words()
    keyed = pl.DataFrame(
        [(word, key) for word in distinct.to_list() if word not in common for key in sound_keys(word)],
        schema={"word": pl.String, "key": pl.String},
        orient="row",
    )
    people = sorted(personal_names())  # a supplier's English name is never re-read (Scott / SCOT)
    meeting = (
        q_words.filter(~pl.col("word").is_in(people))
        .join(keyed, on="word")
        .join(e_words.join(keyed, on="word"), on=["_pair", "key"])
        .filter(pl.col("word") != pl.col("word_right"))
        .select("_pair")
    )
    look = unshared.join(pl.concat([meeting, _cut_short(unshared)]).unique(), on="_pair", how="semi")
    names = (
        look["supplier_name"] if "supplier_name" in look.columns else pl.repeat(None, look.height, eager=True)
    )
    for (pair, q_tokens, e_only, cut, chinese), name in zip(
        look.select("_pair", "q_tokens", "e_only", "_cut", "_chinese").iter_rows(), names, strict=True
    ):
        written = _last_written_word(name) if cut else None
        tokens, notes = latin_listed_spelling(list(q_tokens), list(e_only), cut_word=written, chinese=chinese)
        if notes:
            changed["_pair"].append(pair)
            changed["_key"].append(" ".join(tokens))
            changed["_tokens"].append(tokens)
            changed[NOTE].append("; " + "; ".join(notes))
    return rewritten_frame(changed)


def _may_be_respelt(rows: pl.DataFrame) -> pl.Series:
    """A cheaper first test than the one in _latin_rewrites, over whole word lists: the pairs that hold a supplier
    word and a different list word sharing a sound key (each of MIN_RESPELT_LETTERS letters or more and no
    business word, the supplier's no personal name), or whose supplier name is as long as an ERP field and ends
    in the beginning of a list word. Only these can pass the test in _latin_rewrites (there over the unshared
    words only); the sound keys are looked up once per distinct word, not per pair."""
    common, shortest = _common_words(), MIN_RESPELT_LETTERS
    supplier_words = _word_keys(
        _vocabulary(rows["q_tokens"], shortest) - common - personal_names(), sound_keys
    )
    list_words = _word_keys(_vocabulary(rows["e_tokens"], shortest) - common, sound_keys)
    return _meeting(rows, supplier_words, list_words) | rows["_pair"].is_in(_cut_short_in(rows).implode())


def _meeting(rows: pl.DataFrame, supplier_words: pl.DataFrame, list_words: pl.DataFrame) -> pl.Series:
    """Whether each pair holds a supplier word and a different list word with a key in common, both given as
    (word, key) frames."""
    meeting = supplier_words.join(list_words, on="key").filter(pl.col("word") != pl.col("word_right"))
    return holds_any(rows["q_tokens"], meeting["word"].unique()) & holds_any(
        rows["e_tokens"], meeting["word_right"].unique()
    )


def _cut_short_in(rows: pl.DataFrame) -> pl.Series:
    """_pair of the pairs that _cut_short would find with all the list name's words taken as unshared."""
    if "supplier_name" not in rows.columns:
        return pl.Series("_pair", [], dtype=pl.UInt32)
    cut = pl.col("supplier_name").str.strip_chars().str.len_chars().is_in(sorted(FIELD_LIMITS))
    looked = rows.filter(cut).select("_pair", "q_tokens", "supplier_name", pl.col("e_tokens").alias("e_only"))
    return _cut_short(looked.with_columns(pl.lit(True).alias("_cut")))["_pair"]


def _vocabulary(tokens: pl.Series, shortest: int) -> set[str]:
    """The distinct words of ``shortest`` letters or more in a column of word lists."""
    words = tokens.explode().drop_nulls().unique()
    return set(words.filter(words.str.len_chars() >= shortest).to_list())


def _word_keys(words: set[str], keys: Callable[[str], tuple[str, ...]]) -> pl.DataFrame:
    """(word, key) for each of the ``keys`` of each word."""
    return pl.DataFrame(
        [(word, key) for word in words for key in keys(word)],
        schema={"word": pl.String, "key": pl.String},
        orient="row",
    )


def holds_any(tokens: pl.Series, words: pl.Series) -> pl.Series:
    """Whether each word list holds one of ``words`` (false for a null list)."""
    if words.len() == 0:
        return pl.repeat(False, tokens.len(), eager=True)
    return tokens.list.eval(pl.element().is_in(words.implode())).list.any().fill_null(False)


# Countries whose company names are romanised from Chinese (pinyin, Wade-Giles).
CHINESE_COUNTRIES = ("CN", "TW", "HK", "MO")


def _chinese_pair(rows: pl.DataFrame) -> pl.Expr:
    """Whether the supplier's or the list entry's country is one of CHINESE_COUNTRIES."""
    sides = [pl.col(c).is_in(CHINESE_COUNTRIES) for c in ("q_country", "e_country") if c in rows.columns]
    return pl.any_horizontal(*sides).fill_null(False) if sides else pl.lit(False)


def _cut_short(unshared: pl.DataFrame) -> pl.DataFrame:
    """(_pair) of the pairs whose supplier name is as long as an ERP field and whose last word (in the key or as
    written) begins an unshared list word: a cheap first test for the cut route of latin_listed_spelling."""
    cut = unshared.filter(pl.col("_cut"))
    if cut.height == 0:
        return cut.select("_pair")
    written = pl.col("supplier_name").str.to_lowercase().str.replace_all("[^a-z0-9]+", " ").str.strip_chars()
    words = cut.select(
        "_pair",
        pl.col("q_tokens").list.last().alias("_last"),
        written.str.split(" ").list.last().alias("_written"),
        pl.col("e_only").alias("word"),
    ).explode("word")
    begins = (pl.col("word").str.starts_with(pl.col("_last")) & (pl.col("word") != pl.col("_last"))) | (
        pl.col("word").str.starts_with(pl.col("_written")) & (pl.col("word") != pl.col("_written"))
    )
    return words.filter(begins.fill_null(False)).select("_pair")


def _long_words(frame: pl.DataFrame, column: str) -> pl.DataFrame:
    return (
        frame.select("_pair", pl.col(column).alias("word"))
        .explode("word")
        .filter(pl.col("word").str.len_chars() >= MIN_RESPELT_LETTERS)
    )


def latin_listed_spelling(
    q_tokens: list[str], e_only: list[str], *, cut_word: str | None = None, chinese: bool = False
) -> tuple[list[str], list[str]]:
    """The supplier's words with those the list name spells otherwise written its way, and a note per word:
    another romanisation of one name, and a last word cut short. ``cut_word``: the last word as the supplier
    wrote it, when the name is as long as an ERP field (the normaliser may have completed it as a business word:
    "INSTITU" -> institute, where the list has "institution"). ``chinese``: either side is of a Chinese-speaking
    country, where two pinyin names of other syllables are two names (Ruyuan / Ruiyuan), not two spellings of
    one (as Shaian / Shayan, Persian, are)."""
    listed_only = [word for word in e_only if word not in q_tokens]
    common, people = _common_words(), personal_names()
    tokens, notes = [], []
    for word in q_tokens:
        spelling = next(
            (
                listed
                for listed in listed_only
                if word not in common
                and listed not in common
                and word not in people
                and same_romanised_word(word, listed)
                and not (chinese and other_pinyin_name(word, listed))
            ),
            None,
        )
        if spelling is None:
            tokens.append(word)
            continue
        tokens.append(spelling)
        listed_only.remove(spelling)
        notes.append(f"'{word}' read as the list's '{spelling}' (the same name in another romanisation)")
    last = tokens[-1] if tokens else ""
    # A one-word name cut short must keep enough of its word to name it. The word as written must end the key
    # ("... METALS INC" ends in a whole legal form: the name was not cut).
    shortest = MIN_CUT_LETTERS if len(tokens) > 1 else MIN_CUT_ALONE
    if cut_word and last.startswith(cut_word) and len(cut_word) >= shortest and last not in e_only:
        cut = cut_word
        whole = [listed for listed in listed_only if listed.startswith(cut) and listed != last]
        if whole:
            tokens[-1] = whole[0]
            notes.append(
                f"'{cut}' read as the list's '{whole[0]}' (the name was cut short at its field length)"
            )
    return tokens, notes


def _last_written_word(name: str | None) -> str | None:
    """The last word of a supplier name as written, lower case ASCII letters and digits."""
    words = surface_tokens(to_ascii(name or "")[1])
    return words[-1] if words else None


@lru_cache(maxsize=1)
def personal_names() -> frozenset[str]:
    """Common family and given names (common_personal_names.csv): an English name's spelling (Scott / Scot) is
    no romanisation, and a city named like a family (McKinney, Rodriguez) is no qualifier."""
    return frozenset(row["name"] for row in read_reference_rows("common_personal_names.csv"))


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Business words (Trading, Pacific, Steel): never re-read as another word's romanisation."""
    return business_words()


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


def _brand_words(pinyin: str, listed: str) -> bool:
    """Whether a pinyin word and a list word may be one brand: a place (西宁 Xining) or a business word of the list
    (Sino, Trading) is no brand, whatever its sounds ('xining' is no spelling of SINO MACHINERY's 'sino')."""
    return pinyin not in city_words() and listed not in _common_words()


def _list_spelling(script: str, word: str, listed_only: list[str], brands: bool) -> str | None:
    for listed in listed_only:
        if script in CYRILLIC and same_cyrillic_word(word, listed):
            return listed
        if brands and script in HAN and _brand_words(word, listed) and pinyin_brand_like(word, listed):
            return listed
    return None
