"""Identifiers as match evidence: a join of the suppliers' identifiers to the listed entities' identifiers.

- The same number in the same family (screener.normalize.identifiers.IDENTIFIER_TYPES) on both sides is a match
  on its own, explained ("tax ID 9113100033607322XK is the listed entity's USCC"), and shown even when the names
  share nothing (a renamed company, a trading name).
- The same type with a different value (a supplier's LEI that is not the listed entity's LEI) holds a name match
  at review and says so: two legal entities can share a name, never an LEI.
- No identifier on one side changes nothing.
"""

from __future__ import annotations

import polars as pl

from screener import schema as s
from screener.contracts import MatchSettings
from screener.normalize.identifier_checks import SUPPLIER_TYPES
from screener.normalize.identifiers import IDENTIFIER_TYPES, SHORT_NATIONAL

# The probability a match on an identifier alone is given (the name model's own stays in the explanation).
IDENTIFIER_PROBABILITY = 0.99
# How an explanation of a match made by an identifier continues after the identifier sentence(s).
ON_ITS_OWN = ", a match on its own"
_PAIR = [s.ROW_ID, s.ENTITY_ID]


def _type_label(column: str) -> pl.Expr:
    labels = {id_type: name for id_type, (name, _) in IDENTIFIER_TYPES.items()}
    return pl.col(column).replace_strict(labels, default=pl.col(column), return_dtype=pl.String)


def _field_label() -> pl.Expr:
    labels = {field: name for field, (_, name) in SUPPLIER_TYPES.items()}
    return pl.col("field").replace_strict(labels, default=pl.col("field"), return_dtype=pl.String)


def _countries_agree() -> pl.Expr:
    """Either side without a country, or the same country."""
    return (
        pl.col("id_country").is_null()
        | pl.col("id_country_list").is_null()
        | (pl.col("id_country") == pl.col("id_country_list"))
    )


def identifier_hits(supplier_ids: pl.DataFrame, list_ids: pl.DataFrame) -> pl.DataFrame:
    """(row_id, entity_id, identifier_evidence) for every supplier and listed entity sharing an identifier.

    A national number shorter than SHORT_NATIONAL characters counts only when both sides name the same country.
    """
    pairs = supplier_ids.join(list_ids, on=["family", "id_value"], suffix="_list")
    long_enough = (
        (pl.col("family") != "national")
        | (pl.col("id_value").str.len_chars() >= SHORT_NATIONAL)
        | (pl.col("id_country") == pl.col("id_country_list"))
    )
    sentence = pl.format(
        "{} {} is the listed entity's {}", _field_label(), pl.col("id_value"), _type_label("id_type_list")
    )
    return (
        pairs.filter(_countries_agree() & long_enough)
        .group_by(_PAIR, maintain_order=True)
        .agg(sentence.unique(maintain_order=True).str.join("; ").alias("identifier_evidence"))
    )


def identifier_conflicts(
    pairs: pl.DataFrame, supplier_ids: pl.DataFrame, list_ids: pl.DataFrame, hits: pl.DataFrame
) -> pl.DataFrame:
    """(row_id, entity_id, identifier_conflict) where the supplier's valid identifier and the entity's of the same
    type and country differ, and no identifier of the pair agrees."""
    joined = (
        pairs.select(_PAIR)
        .join(supplier_ids.filter(pl.col("valid")), on=s.ROW_ID)
        .join(list_ids, on=[s.ENTITY_ID, "id_type"], suffix="_list")
        .filter(_countries_agree() & (pl.col("id_value") != pl.col("id_value_list")))
        .join(hits.select(_PAIR), on=_PAIR, how="anti")
    )
    sentence = pl.format(
        "{} differs: the supplier's {} is not the listed entity's {}",
        _type_label("id_type"),
        pl.col("id_value"),
        pl.col("id_value_list"),
    )
    return joined.group_by(_PAIR, maintain_order=True).agg(sentence.first().alias("identifier_conflict"))


def apply_identifier_evidence(
    matches: pl.DataFrame,
    suppliers: pl.DataFrame,
    supplier_ids: pl.DataFrame,
    list_ids: pl.DataFrame,
    entities: pl.DataFrame,
    settings: MatchSettings,
) -> pl.DataFrame:
    """The matches with identifier evidence: agreeing identifiers make a match (adding pairs the names missed),
    a conflicting identifier of the same type holds a name match at review; both are said in the explanation.

    ``entities`` holds one row per listed entity (its primary name) for the pairs the names did not find.
    """
    if supplier_ids.height == 0 or list_ids.height == 0:
        return matches
    hits = identifier_hits(supplier_ids, list_ids)
    conflicts = identifier_conflicts(matches, supplier_ids, list_ids, hits)
    found = matches.join(hits, on=_PAIR, how="left").join(conflicts, on=_PAIR, how="left")
    agreed, conflicting = (
        pl.col("identifier_evidence").is_not_null(),
        pl.col("identifier_conflict").is_not_null(),
    )
    ceiling = settings.match_threshold - 0.001
    updated = found.with_columns(
        pl.when(agreed)
        .then(
            pl.format(
                "{}" + ON_ITS_OWN + " (name model probability {}); {}",
                "identifier_evidence",
                pl.col(s.PROBABILITY).round(3),
                s.EXPLANATION,
            )
        )
        .when(conflicting)
        .then(pl.format("{}; {}: held at review", s.EXPLANATION, "identifier_conflict"))
        .otherwise(pl.col(s.EXPLANATION))
        .alias(s.EXPLANATION),
        pl.when(agreed)
        .then(pl.max_horizontal(s.PROBABILITY, pl.lit(IDENTIFIER_PROBABILITY)))
        .when(conflicting)
        .then(pl.min_horizontal(s.PROBABILITY, pl.lit(ceiling)))
        .otherwise(pl.col(s.PROBABILITY))
        .alias(s.PROBABILITY),
        pl.when(agreed)
        .then(pl.lit("match"))
        .when(conflicting & (pl.col(s.BAND) == "match"))
        .then(pl.lit("review"))
        .otherwise(pl.col(s.BAND))
        .alias(s.BAND),
    ).drop("identifier_evidence", "identifier_conflict")
    added = _identifier_only(
        hits.join(matches.select(_PAIR), on=_PAIR, how="anti"), suppliers, entities, matches
    )
    return (
        pl.concat([updated, added], how="diagonal_relaxed")
        .select(matches.columns)
        .sort([s.ROW_ID, s.PROBABILITY], descending=[False, True])
    )


def _identifier_only(
    hits: pl.DataFrame, suppliers: pl.DataFrame, entities: pl.DataFrame, like: pl.DataFrame
) -> pl.DataFrame:
    """Match rows for pairs found by an identifier alone, the listed entity side by side as the names' are."""
    rows = hits.join(suppliers.select(s.ROW_ID, pl.col(s.NAME).alias("supplier_name")), on=s.ROW_ID).join(
        entities, on=s.ENTITY_ID
    )
    rows = rows.with_columns(
        pl.col(s.ENTITY_NAME).alias(s.MATCHED_NAME),
        pl.lit(IDENTIFIER_PROBABILITY).alias(s.PROBABILITY),
        pl.lit("match").alias(s.BAND),
        pl.lit(False).alias(s.IS_ALIAS),
        pl.format(
            "{}"
            + ON_ITS_OWN
            + " although the names differ (supplier '{}', listed '{}'): a renamed company or "
            "another trading name",
            "identifier_evidence",
            "supplier_name",
            s.ENTITY_NAME,
        ).alias(s.EXPLANATION),
    )
    return rows.select([c for c in like.columns if c in rows.columns])


def identifier_sentence(explanation: str | None) -> str | None:
    """The identifier evidence an explanation opens with ("tax ID ... is the listed entity's USCC"), else None."""
    if not explanation or ON_ITS_OWN not in explanation:
        return None
    head = explanation.split(ON_ITS_OWN, 1)[0]
    return head if " is the listed entity's " in head else None
