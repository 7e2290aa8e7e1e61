"""Evidence beside the names: identifiers, addresses and links of the listed entity, added to the matches.

Run after the name matcher (screener.match.engine) as one more stage over frames; the model's features are not
changed (addresses are evidence in the explanation, not a pair feature: the matcher is trained without them).
"""

from __future__ import annotations

import re

import polars as pl
from anyascii import anyascii

from screener import schema as s
from screener.contracts import MatchSettings
from screener.lists import ListSet
from screener.lists.schema import ADDRESSES, COUNTRIES, IDENTIFIERS, LINKED_TO, LISTED_AS
from screener.match.identifiers import apply_identifier_evidence
from screener.normalize.identifiers import identifier_frame
from screener.normalize.names import normalize_names

ENTITY_COLUMNS = (
    s.LIST_ID,
    s.ENTITY_ID,
    s.ENTITY_NAME,
    s.COUNTRY_CODE,
    s.PROGRAM,
    s.LISTED_ON,
    s.SOURCE_URL,
    s.LIST_VERSION,
    s.ENTITY_TYPE,
)
# A listing that covers an entity's subsidiaries says so in the publisher's own words.
SUBSIDIARIES_PATTERN = r"(?i)\bsubsidiar"
SUBSIDIARIES = re.compile(SUBSIDIARIES_PATTERN)


def add_list_evidence(
    matches: pl.DataFrame,
    suppliers: pl.DataFrame,
    supplier_ids: pl.DataFrame,
    lists: ListSet,
    settings: MatchSettings,
) -> pl.DataFrame:
    """The matches with identifier evidence applied (screener.match.identifiers) and subsidiaries held for review,
    then each explanation completed with the address comparison and the links the list gives (a link may name a
    listed individual: those are looked up among the list's other entries)."""
    entries = lists.entries
    all_entries = entries if lists.other_entries is None else pl.concat([entries, lists.other_entries])
    entities = entries.filter(~pl.col(s.IS_ALIAS)).unique(s.ENTITY_ID, keep="first", maintain_order=True)
    list_ids = identifier_frame(entities, IDENTIFIERS, keys=(s.ENTITY_ID,))
    matches = apply_identifier_evidence(
        matches, suppliers, supplier_ids, list_ids, entities.select(ENTITY_COLUMNS), settings
    )
    matches = hold_subsidiaries(matches, suppliers, entries, settings)
    if matches.height == 0:
        return matches
    notes = _context_notes(matches, suppliers, entities, all_entries)
    explanation = pl.when(pl.col("_notes") != "").then(pl.col(s.EXPLANATION) + "; " + pl.col("_notes"))
    return (
        matches.with_columns(pl.Series("_notes", notes, dtype=pl.String))
        .with_columns(explanation.otherwise(pl.col(s.EXPLANATION)).alias(s.EXPLANATION))
        .drop("_notes")
    )


def _context_notes(
    matches: pl.DataFrame, suppliers: pl.DataFrame, entities: pl.DataFrame, all_entries: pl.DataFrame
) -> list[str]:
    """One note per match row: address agreement, links to other listed parties, subsidiaries covered."""
    place = [c for c in (s.CITY, s.REGION, s.COUNTRY_CODE) if c in suppliers.columns]
    listed = entities.select(
        s.ENTITY_ID,
        pl.col(ADDRESSES).alias("_addresses"),
        pl.col(COUNTRIES).alias("_countries"),
        pl.col(LINKED_TO).alias("_linked"),
        pl.col(LISTED_AS).alias("_listed_as"),
        pl.col(s.ENTITY_NAME).str.to_lowercase().alias("_name_key"),
    )
    rows = (
        matches.select(s.ROW_ID, s.ENTITY_ID, s.LIST_ID, pl.col(s.EXPLANATION).alias("_explanation"))
        .join(
            suppliers.select(s.ROW_ID, *[pl.col(c).cast(pl.String).alias(f"_s_{c}") for c in place]),
            on=s.ROW_ID,
            how="left",
            maintain_order="left",
        )
        .join(listed, on=s.ENTITY_ID, how="left", maintain_order="left")
    )
    linked = _linked_ids(rows, all_entries)
    linking = _linking_counts(all_entries)
    return [
        "; ".join(
            note
            for note in (
                _address_note(row),
                _link_note(row, linked),
                _linked_from_note(row, linking),
                _subsidiary_note(row),
            )
            if note
        )
        for row in rows.iter_rows(named=True)
    ]


def _fold(text: str | None) -> str:
    """Compare form of a place: ascii, lower case, words only, padded with spaces for whole-word search."""
    return " " + re.sub(r"[^a-z0-9]+", " ", anyascii(text or "").casefold()).strip() + " "


def _address_note(row: dict) -> str | None:
    """City / region agreement of the supplier with any listed address (only where the list gives addresses)."""
    addresses = [a for a in (row.get("_addresses") or "").split(" | ") if a]
    if not addresses:
        return None
    folded = [_fold(address) for address in addresses]
    for level in ("city", "region"):
        given = row.get(f"_s_{level}")
        if given and _fold(given).strip():
            hit = next((a for a, f in zip(addresses, folded, strict=True) if _fold(given) in f), None)
            if hit:
                return f"address: {level} agrees ({given.strip()}; listed at '{hit}')"
    city = row.get("_s_city")
    if city and city.strip():
        shown = "; ".join(f"'{a}'" for a in addresses[:2]) + (
            f" and {len(addresses) - 2} more" if len(addresses) > 2 else ""
        )
        return f"address: the supplier's city {city.strip()} is in none of the listed addresses ({shown})"
    return None


def _linked_ids(rows: pl.DataFrame, all_entries: pl.DataFrame) -> dict[tuple[str, str], str]:
    """(list id, linked name casefolded) -> entity id, for the names the matched entities are linked to."""
    names = (
        rows.select(s.LIST_ID, pl.col("_linked").str.split("; ").alias("_name")).explode("_name").drop_nulls()
    )
    if names.height == 0:
        return {}
    wanted = names.with_columns(pl.col("_name").str.to_lowercase().alias("_key")).unique()
    found = wanted.join(
        all_entries.select(s.LIST_ID, s.ENTITY_ID, pl.col(s.NAME).str.to_lowercase().alias("_key")),
        on=[s.LIST_ID, "_key"],
    ).unique([s.LIST_ID, "_key"], keep="first")
    return {(lid, key): eid for lid, key, eid in found.select(s.LIST_ID, "_key", s.ENTITY_ID).iter_rows()}


def _link_note(row: dict, linked: dict[tuple[str, str], str]) -> str | None:
    names = [n for n in (row.get("_linked") or "").split("; ") if n]
    if not names:
        return None
    parts = [
        f"{name} ({linked[(row[s.LIST_ID], name.lower())]})"
        if (row[s.LIST_ID], name.lower()) in linked
        else name
        for name in names[:3]
    ]
    more = f" and {len(names) - 3} more" if len(names) > 3 else ""
    return "the list links this entity to " + ", ".join(parts) + more


def _linking_counts(all_entries: pl.DataFrame) -> dict[tuple[str, str], int]:
    """(list id, name casefolded) -> how many listed parties the list links to that name."""
    links = (
        all_entries.unique(s.ENTITY_ID)
        .select(s.LIST_ID, pl.col(LINKED_TO).str.split("; ").alias("_name"))
        .explode("_name")
        .drop_nulls("_name")
        .group_by(s.LIST_ID, pl.col("_name").str.to_lowercase())
        .len()
    )
    return {(lid, name): count for lid, name, count in links.iter_rows()}


def _linked_from_note(row: dict, linking: dict[tuple[str, str], int]) -> str | None:
    count = linking.get((row[s.LIST_ID], row.get("_name_key") or ""), 0)
    if not count:
        return None
    return f"{count} other listed part{'ies are' if count > 1 else 'y is'} linked to this entity"


def _subsidiary_note(row: dict) -> str | None:
    listed_as = row.get("_listed_as") or ""
    if SUBSIDIARIES.search(listed_as) and listed_as not in (row.get("_explanation") or ""):
        return f"the listing covers subsidiaries ('{listed_as}')"
    return None


# Words that name a parent as a group ("Tangshan Sanyou Group"), in the normaliser's canonical spelling: left out
# of the parent's distinctive name, which a subsidiary's name repeats ("Tangshan Sanyou Chemical Fiber").
PARENT_WORDS = frozenset({"group", "holding", "company", "corporation", "enterprise"})
MIN_DISTINCTIVE_LETTERS = 5  # a one-word parent name shorter than this ("FGV") is found inside too many names


def parent_names(entries: pl.DataFrame) -> pl.DataFrame:
    """(entity_id, distinctive, listed_as) for every name of an entity listed with its subsidiaries; distinctive
    is the normalised name without the words that name a group."""
    parents = entries.filter(pl.col(LISTED_AS).str.contains(SUBSIDIARIES_PATTERN))
    if parents.height == 0:
        return pl.DataFrame(schema={s.ENTITY_ID: pl.String, "distinctive": pl.String, LISTED_AS: pl.String})
    tokens = normalize_names(parents[s.NAME])["name_tokens"].to_list()
    distinctive = []
    for words in tokens:
        words = list(words or [])
        while words and words[-1] in PARENT_WORDS:
            words.pop()
        key = " ".join(words)
        distinctive.append(key if len(words) > 1 or len(key) >= MIN_DISTINCTIVE_LETTERS else None)
    return (
        parents.select(s.ENTITY_ID, LISTED_AS)
        .with_columns(pl.Series("distinctive", distinctive, dtype=pl.String))
        .drop_nulls("distinctive")
        .unique([s.ENTITY_ID, "distinctive"], maintain_order=True)
    )


def hold_subsidiaries(
    matches: pl.DataFrame, suppliers: pl.DataFrame, entries: pl.DataFrame, settings: MatchSettings
) -> pl.DataFrame:
    """A supplier whose name is the distinctive name of a parent listed "and its subsidiaries" plus other words
    ("Tangshan Sanyou Chemical Fiber Co." beside "Tangshan Sanyou Group and its Subsidiaries") is held for review
    with that reason, unless its name already matches the entity."""
    parents = parent_names(entries)
    if parents.height == 0 or suppliers.height == 0:
        return matches
    firsts = parents["distinctive"].str.split(" ").list.first().unique().to_list()
    names = suppliers.select(s.ROW_ID, pl.col(s.NAME).cast(pl.String).alias("supplier_name")).filter(
        pl.col("supplier_name").str.to_lowercase().str.contains_any(firsts)
    )
    if names.height == 0:
        return matches
    keys = names.with_columns(normalize_names(names["supplier_name"])["name_key"].fill_null("").alias("_key"))
    pairs = keys.join(parents, how="cross").filter(
        (pl.lit(" ") + pl.col("_key") + pl.lit(" ")).str.contains(
            pl.lit(" ") + pl.col("distinctive") + pl.lit(" "), literal=True
        )
        & (pl.col("_key") != pl.col("distinctive"))
    )
    pairs = pairs.unique([s.ROW_ID, s.ENTITY_ID], keep="first", maintain_order=True)
    matched = matches.filter(pl.col(s.BAND) == "match").select(s.ROW_ID, s.ENTITY_ID)
    pairs = pairs.join(matched, on=[s.ROW_ID, s.ENTITY_ID], how="anti")
    if pairs.height == 0:
        return matches
    reason = pl.format(
        "the list names '{}'; the supplier's name is the listed parent's distinctive name '{}' and more: "
        "possibly a subsidiary, held for review",
        LISTED_AS,
        "distinctive",
    ).alias("_reason")
    pairs = pairs.select(s.ROW_ID, s.ENTITY_ID, "supplier_name", reason)
    existing = matches.join(
        pairs.select(s.ROW_ID, s.ENTITY_ID, "_reason"), on=[s.ROW_ID, s.ENTITY_ID], how="left"
    )
    updated = existing.with_columns(
        pl.when(pl.col("_reason").is_not_null())
        .then(pl.col(s.EXPLANATION) + "; " + pl.col("_reason"))
        .otherwise(pl.col(s.EXPLANATION))
        .alias(s.EXPLANATION),
        pl.when(pl.col("_reason").is_not_null() & (pl.col(s.BAND) == "none"))
        .then(pl.lit("review"))
        .otherwise(pl.col(s.BAND))
        .alias(s.BAND),
    ).drop("_reason")
    entities = entries.filter(~pl.col(s.IS_ALIAS)).unique(s.ENTITY_ID, keep="first").select(ENTITY_COLUMNS)
    added = (
        pairs.join(matches.select(s.ROW_ID, s.ENTITY_ID), on=[s.ROW_ID, s.ENTITY_ID], how="anti")
        .join(entities, on=s.ENTITY_ID)
        .with_columns(
            pl.col(s.ENTITY_NAME).alias(s.MATCHED_NAME),
            pl.lit(settings.review_threshold).alias(s.PROBABILITY),
            pl.lit("review").alias(s.BAND),
            pl.lit(False).alias(s.IS_ALIAS),
            pl.col("_reason").alias(s.EXPLANATION),
        )
    )
    added = added.select([c for c in matches.columns if c in added.columns])
    return (
        pl.concat([updated, added], how="diagonal_relaxed")
        .select(matches.columns)
        .sort([s.ROW_ID, s.PROBABILITY], descending=[False, True])
    )
