"""Places and branches as qualifiers: a supplier name that is a list name plus a place or a branch is compared
as the list name.

"St. Petersburg <name>", "<name> Limited, Nicosia Branch", "<name> Corporation Zhuhai Plant", "Guadalajara
<name> S.A. de C.V.", "<name>上海分公司": the words the supplier adds name which office of the company is meant, not
which company. Features set such words aside in some comparisons (screener.match.features core_*), but the
classifier, trained mostly on whole names, stays under-confident; so when a candidate list name is held whole in
the supplier name and the supplier adds only qualifiers, the supplier's key is written without them before the
pair is scored, and the explanation says what was set aside. The common-word check still judges the words as the
supplier wrote them (WITH_QUALIFIERS).
"""

from __future__ import annotations

from functools import lru_cache

import polars as pl

from screener.match.explain import set_aside_text
from screener.match.features import qualifier_fillers
from screener.match.generic import generic_words, legal_form_words
from screener.match.native import NOTE, WITH_QUALIFIERS, personal_names, rewritten_frame, with_rewrites
from screener.normalize.names import normalize_names
from screener.normalize.places import branch_words, cities, city_words
from screener.normalize.scripts import read_reference_rows, remembering_segments

# Words that name a site of a company, set aside with the place that goes with them ("Zhuhai Plant", "Aksu
# Factory"); alone they are part of many names (Minsk Mechanical Plant).
_SITE_WORDS = frozenset("plant factory works mill warehouse site depot".split())
# Ordinary words of place names (Road Town, New Taipei City, Lop County).
_PLACE_NAME_WORDS = frozenset("city town district county province region zone free new".split())


@lru_cache(maxsize=1)
def _qualifier_vocabulary() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(places and branch words, words that may stand beside them, words that name nobody): the places are the
    qualifier places, the GeoNames cities and the branch phrases (country names are not: "Samsung Vietnam" is a
    company of its own); beside them stand the joining words, legal-form words and ordinary words of place
    names; a name made only of generic business words, common personal names and places names nobody."""
    with remembering_segments():
        rows = read_reference_rows("qualifier_places.csv")
        listed = normalize_names(pl.Series([row["place"] for row in rows], dtype=pl.String))["name_tokens"]
        places = frozenset(word for words in listed.to_list() if words for word in words if len(word) >= 4)
        qualifiers = places | (city_words() - personal_names()) | branch_words()
        beside = qualifier_fillers() | legal_form_words() | _PLACE_NAME_WORDS | _SITE_WORDS
        return qualifiers, beside, generic_words()


@lru_cache(maxsize=1)
def _place_phrases() -> tuple[frozenset[tuple[str, ...]], frozenset[str]]:
    """(the qualifier cities' names of two or more words, normalised, that hold a qualifier word: "jebel ali", "abu
    dhabi", "rostov on don"; every word of them). Their short or common words (Ali, Al, On) are no qualifiers
    alone, but are part of the place when the whole name is there: "Petropars International FZE (Jebel Ali)"."""
    qualifiers = _qualifier_vocabulary()[0]
    with remembering_segments():
        named = normalize_names(cities()["name"].unique())["name_tokens"].drop_nulls().to_list()
    phrases = frozenset(
        tuple(words) for words in named if len(words) > 1 and not qualifiers.isdisjoint(words)
    )
    return phrases, frozenset(word for phrase in phrases for word in phrase)


def _in_place_phrases(words: list[str]) -> set[str]:
    """The words of ``words`` that are part of a whole qualifier city name of several words written in order."""
    phrases, _ = _place_phrases()
    found: set[str] = set()
    for length in {len(phrase) for phrase in phrases}:
        for start in range(len(words) - length + 1):
            if tuple(words[start : start + length]) in phrases:
                found.update(words[start : start + length])
    return found


def set_qualifiers_aside(pairs: pl.DataFrame) -> pl.DataFrame:
    """``pairs`` with the supplier's qualifiers dropped from q_key / q_tokens where the names
    differ only by them: the supplier adds places or branch words (with the words that join them, a legal form
    left before them, a site word: "Ninestar Corporation Zhuhai Plant", "Sberbank Limited, Nicosia Branch",
    "Guadalajara Ninestar") to a list name it holds whole. The classifier then compares the name itself; NOTE
    says what was set aside and WITH_QUALIFIERS keeps the words before (the common-word check judges those).

    Not when what is left names nobody in particular (only generic words, common personal names or places:
    "Moscow Trading House" / TRADING HOUSE), nor for a list entry of another country unless the supplier names a
    branch ("Sberbank Limited, Nicosia Branch"); cities named like common family names (McKinney, Rodriguez) are
    no qualifiers."""
    qualifiers, beside, generic = _qualifier_vocabulary()
    phrase_words = _place_phrases()[1]
    none = pl.lit(None, dtype=pl.List(pl.String)).alias(WITH_QUALIFIERS)
    if pairs.height == 0 or not {"q_tokens", "e_tokens"} <= set(pairs.columns):
        return pairs.with_columns(none)
    pairs = pairs.with_row_index("_pair")
    candidates = pairs.filter(_may_set_aside(pairs, qualifiers, beside))
    q_only = pl.col("q_tokens").list.set_difference("e_tokens")
    e_only = pl.col("e_tokens").list.set_difference("q_tokens")
    looked = candidates.select(
        "_pair",
        "q_tokens",
        pl.col("supplier_name") if "supplier_name" in pairs.columns else pl.lit("").alias("supplier_name"),
        q_only.alias("_q_only"),
        (
            (q_only.list.len() > 0)
            & (q_only.list.len() < pl.col("q_tokens").list.len())
            & q_only.list.eval(pl.element().is_in(sorted(qualifiers))).list.any()
            & q_only.list.eval(pl.element().is_in(sorted(qualifiers | beside | phrase_words))).list.all()
            & e_only.list.eval(pl.element().is_in(sorted(beside))).list.all()
        ).alias("_aside"),
        _country_conflict(pairs).alias("_conflict"),
    ).filter(pl.col("_aside"))
    changed: dict[str, list] = {"_pair": [], "_key": [], "_tokens": [], NOTE: []}
    branches = branch_words()
    for pair, q_tokens, name, dropped, _, conflict in looked.iter_rows():
        core = [word for word in q_tokens if word not in dropped]
        if all(word in generic or len(word) < 3 or word.isdigit() for word in core):
            continue
        if not set(dropped) - qualifiers - beside <= _in_place_phrases(q_tokens):
            continue  # a word that is a place only as part of a whole place name ("Ali" of "Jebel Ali") alone
        if conflict and branches.isdisjoint(dropped):
            continue  # a list entry of another country: only a branch of it says it is the same company
        changed["_pair"].append(pair)
        changed["_key"].append(" ".join(core))
        changed["_tokens"].append(core)
        named = [
            w for w in q_tokens if w in dropped and (w not in beside or w in _SITE_WORDS or w in phrase_words)
        ]
        said = set_aside_text(name or "", set(named)) or f"qualifiers '{' '.join(named)}' set aside"
        changed[NOTE].append(f"; {said} (the list name holds the rest whole)")
    if not changed["_pair"]:
        return pairs.with_columns(none).drop("_pair")
    rewritten = rewritten_frame(changed)
    before = pairs.select("_pair", pl.col("q_tokens").alias(WITH_QUALIFIERS))
    marked = before.join(rewritten.select("_pair"), on="_pair", how="semi")
    joined = with_rewrites(pairs, rewritten).join(marked, on="_pair", how="left", maintain_order="left")
    return joined.drop("_pair")


def _may_set_aside(pairs: pl.DataFrame, qualifiers: frozenset[str], beside: frozenset[str]) -> pl.Series:
    """A cheaper first test than the one in set_qualifiers_aside, without set differences: the supplier's words
    hold a qualifier, and the first of the list name's words that may not stand beside one is among them (or the
    list name has no such word). Only these pairs can pass the test there."""
    listed = (
        pl.col("e_tokens").list.eval(pl.element().filter(~pl.element().is_in(sorted(beside)))).list.first()
    )
    return pairs.select(
        pl.col("q_tokens").list.eval(pl.element().is_in(sorted(qualifiers))).list.any().fill_null(False)
        & (listed.is_null() | pl.col("q_tokens").list.contains(listed).fill_null(True))
    ).to_series()


def _country_conflict(pairs: pl.DataFrame) -> pl.Expr:
    if not {"q_country", "e_country"} <= set(pairs.columns):
        return pl.lit(False)
    both = pl.col("q_country").is_not_null() & pl.col("e_country").is_not_null()
    return (both & (pl.col("q_country") != pl.col("e_country"))).fill_null(False)


def names_without_qualifiers(tokens: pl.Series) -> pl.Series:
    """Each supplier's normalised name with its places and branch words (and the words beside them) left out,
    null where it has none or nothing distinctive would be left: a second whole name to look up among the list
    names (screener.match.candidates). Over the whole column at once."""
    qualifiers, beside, generic = _qualifier_vocabulary()
    word = pl.element()
    core = pl.col("words").list.eval(word.filter(~word.is_in(sorted(qualifiers | beside))))
    plain = word.is_in(sorted(generic)) | (word.str.len_chars() < 3) | word.str.contains(r"^[0-9]+$")
    named = pl.col("words").list.eval(word.is_in(sorted(qualifiers))).list.any().fill_null(False)
    distinctive = core.list.eval(~plain).list.any().fill_null(False)
    other = pl.when(named & distinctive).then(core.list.join(" ")).otherwise(pl.lit(None, dtype=pl.String))
    return tokens.to_frame("words").select(other.alias("other_name")).to_series()
