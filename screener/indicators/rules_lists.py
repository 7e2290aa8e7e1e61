"""List hits: a supplier matched (band match) or possibly matched (band review) an entry of a risk list.

Points, severity and likelihood come per list and band from ``[lists.<list_id>]``; lists without a table of their
own are weighed by ``[lists.custom]``. One hit per supplier and list: the best candidate, naming how many others
were found.

An entry no longer in force (an order CBP modified, revoked or set inactive, a party removed from an order, an
entity removed from a list: screener.lists.status) is history: its hit is the rule ``list.<list_id>.<kind>``
weighed by ``[list_status.<kind>]``, never ``list.<list_id>.match``, so it neither bars (force_high) nor triggers
the escalation override on its own. A supplier may have both a hit in force and a history hit on one list.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

import polars as pl

from screener.indicators.base import LIST, LIST_HISTORY, RuleInfo, Weights, empty_hits, hits_frame
from screener.indicators.context import Context
from screener.indicators.kinds import RuleIds, RuleKind, register
from screener.indicators.ruleset import CUSTOM_LIST, CUSTOM_LIST_TITLE
from screener.indicators.settings import weights
from screener.indicators.validate import Flag, MapOf, Setting, table
from screener.lists.formats import bundled_list_ids, bundled_lists
from screener.lists.status import (
    ENTRY_STATUS,
    ENTRY_STATUS_ON,
    HISTORY_KINDS,
    IN_FORCE,
    STATUS_KIND,
    history_note,
    with_entry_status,
)
from screener.match.identifiers import identifier_sentence
from screener.schema import BAND, ENTITY_ID, EXPLANATION, LIST_ID, MATCHED_NAME, NAME, PROBABILITY, ROW_ID

BAND_WORDS = {"match": "match", "review": "possible match, to review"}
HISTORY_WORDS = {kind: f"{kind} entry, history (not in force)" for kind in HISTORY_KINDS}

# Entries no longer in force (screener.lists.status): history, never a bar. Used when a rules file that does not
# extend default.toml has no [list_status] table.
DEFAULT_LIST_STATUS = {
    "modified": {"points": 10, "severity": "medium", "likelihood": 0.2},
    "revoked": {"points": 5, "severity": "low", "likelihood": 0.1},
    "inactive": {"points": 20, "severity": "high", "likelihood": 0.4},
    "removed": {"points": 5, "severity": "low", "likelihood": 0.1},
}
HISTORY_DESCRIPTIONS = {
    "modified": "CBP modified the order: imports are admitted again",
    "revoked": "CBP revoked the order: withdrawn",
    "inactive": "CBP set the order inactive (e.g. pending litigation): not enforced now, not withdrawn",
    "removed": "the party was taken off an order, or the entity off a list (removal, delisting)",
}


def _list_id_problem(list_id: str, table: Any) -> str | None:
    bundled = bundled_list_ids()
    if list_id in bundled or list_id == CUSTOM_LIST:
        return None
    if isinstance(table, dict) and table.get("optional") is True:
        return None
    close = difflib.get_close_matches(list_id, [*bundled, CUSTOM_LIST], n=1, cutoff=0.5)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return (
        f"unknown list id {list_id!r}: {hint}bundled lists are {', '.join(bundled)} "
        f"(and {CUSTOM_LIST!r} for any other list); for a list you import yourself add optional = true to this table"
    )


def _custom_list_present(lists: Mapping[str, Any]) -> list[str]:
    if CUSTOM_LIST not in lists:
        return [f"lists.{CUSTOM_LIST}: missing; it weighs lists that have no table of their own"]
    return []


SETTINGS = (
    Setting(
        "lists",
        MapOf(
            table(
                Setting(
                    "match", weights(), "weights of a confirmed match (band match) with an entry in force"
                ),
                Setting("review", weights(), "weights of a possible match to check by hand (band review)"),
                Setting(
                    "force_high", Flag(), "true: a confirmed match always puts the supplier in tier high"
                ),
                Setting(
                    "optional",
                    Flag(required=False, default=False),
                    "true for a list you import yourself (its id is only known once imported)",
                ),
            ),
            key_check=_list_id_problem,
            key_label="list id",
        ),
        "Risk lists: weights per list and band. Bundled list ids: "
        f"{', '.join(bundled_list_ids())}; `{CUSTOM_LIST}` weighs any other list (imported with `screener lists "
        "import`), and a list table that leaves keys out takes them from it.",
        check=_custom_list_present,
    ),
    Setting(
        "list_status",
        table(
            *(Setting(kind, weights(), HISTORY_DESCRIPTIONS[kind]) for kind in HISTORY_KINDS),
            required=False,
            default=DEFAULT_LIST_STATUS,
        ),
        "A hit on a list entry no longer in force is history, not a finding: it never bars (force_high does not "
        "apply) and counts with these weights instead of the list's own.",
    ),
)


def list_title(lists, list_id: str) -> str:
    """The list's own title (and version) when the list set knows it, else its id."""
    for info in getattr(lists, "lists", None) or ():
        if info.list_id == list_id:
            return f"{info.title} ({info.version})" if info.version else info.title
    bundled = next((b for b in bundled_lists() if b.list_id == list_id), None)
    if bundled is not None:
        return bundled.title
    return CUSTOM_LIST_TITLE if list_id == CUSTOM_LIST else list_id


def list_rule(rules, lists, list_id: str, band: str) -> RuleInfo:
    """The rule for one list and band."""
    weights = Weights.from_config(rules.list_weights(list_id)[band])
    title = list_title(lists, list_id)
    return RuleInfo(
        rule_id=f"list.{list_id}.{band}",
        category=LIST,
        title=f"{title}: {BAND_WORDS[band]}",
        description=f"The supplier's name matches an entry of {title} (band {band}).",
        weights=weights,
    )


def history_rule(rules, lists, list_id: str, kind: str) -> RuleInfo:
    """The rule for a hit on an entry of one list that is no longer in force (``kind``: modified, revoked...)."""
    title = list_title(lists, list_id)
    return RuleInfo(
        rule_id=f"list.{list_id}.{kind}",
        category=LIST_HISTORY,
        title=f"{title}: {HISTORY_WORDS[kind]}",
        description=(
            f"The supplier's name matches an entry of {title} that is no longer in force ({kind}): shown as "
            "history, never a bar on its own ([list_status])."
        ),
        weights=Weights.from_config(rules.section("list_status")[kind]),
    )


def describe(rules, lists=None) -> list[RuleInfo]:
    """Every list rule configured in ``rules`` (custom covers lists without a table), in force and history."""
    in_force = [
        list_rule(rules, lists, list_id, band) for list_id in rules.section("lists") for band in BAND_WORDS
    ]
    history = [
        history_rule(rules, lists, list_id, kind)
        for list_id in rules.section("lists")
        for kind in HISTORY_KINDS
    ]
    return in_force + history


def evaluate(ctx: Context) -> pl.DataFrame:
    matches = ctx.matches
    if matches is None or matches.height == 0 or BAND not in matches.columns:
        return empty_hits(ctx.row_id_dtype)
    matches = matches.filter(pl.col(BAND).is_in(list(BAND_WORDS)))
    if matches.height == 0:
        return empty_hits(ctx.row_id_dtype)
    matches = with_entry_status(matches, getattr(ctx.lists, "entries", None))
    per = [ROW_ID, LIST_ID, "_history"]
    best = (
        matches.with_columns(
            pl.col(BAND).replace_strict({"match": 0, "review": 1}, return_dtype=pl.Int8).alias("_b"),
            (pl.col(STATUS_KIND) != IN_FORCE).alias("_history"),
        )
        .sort([ROW_ID, LIST_ID, "_history", "_b", PROBABILITY], descending=[False, False, False, False, True])
        .with_columns(pl.len().over(per).alias("_n"))
        .unique(subset=per, keep="first", maintain_order=True)
    )
    names = ctx.suppliers.select(pl.col(ROW_ID).cast(best.schema[ROW_ID], strict=False)).with_columns(
        ctx.column(NAME).alias("_supplier_name")
    )
    best = best.join(names.unique(subset=[ROW_ID], keep="last"), on=ROW_ID, how="left", maintain_order="left")
    rules_cache: dict[tuple[str, str], RuleInfo] = {}
    rows = []
    for match in best.iter_rows(named=True):
        kind = match[STATUS_KIND]
        key = (match[LIST_ID], match[BAND] if kind == IN_FORCE else kind)
        if key not in rules_cache:
            make = list_rule if kind == IN_FORCE else history_rule
            rules_cache[key] = make(ctx.rules, ctx.lists, *key)
        rows.append((match[ROW_ID], rules_cache[key], _facts(match, match["_supplier_name"]), _source(match)))
    return hits_frame(rows, ctx.row_id_dtype)


def _facts(match: dict, supplier_name: str | None) -> str:
    matched = match.get(MATCHED_NAME) or match.get("entity_name") or "?"
    parts = [f"{supplier_name!r} matches {matched!r}" if supplier_name else f"matches {matched!r}"]
    entity = match.get("entity_name")
    if entity and entity != matched:
        parts.append(f"listed entity {entity!r}")
    probability = match.get(PROBABILITY)
    if probability is not None:
        parts.append(f"probability {float(probability):.2f}")
    identifier = identifier_sentence(match.get(EXPLANATION))
    if identifier:
        parts.append(f"on an identifier: {identifier}")
    for column, label in (
        ("program", "programme"),
        ("listed_on", "listed"),
        ("list_version", "list version"),
    ):
        if match.get(column):
            parts.append(f"{label} {match[column]}")
    others = int(match.get("_n") or 1) - 1
    if others:
        parts.append(f"{others} other candidate{'s' if others > 1 else ''} on this list")
    facts = ", ".join(parts)
    kind = match.get(STATUS_KIND) or IN_FORCE
    if kind != IN_FORCE:
        band = "" if match.get(BAND) == "match" else f" ({BAND_WORDS.get(match.get(BAND), match.get(BAND))})"
        note = history_note(match.get(ENTRY_STATUS), match.get(ENTRY_STATUS_ON), kind, _noun(match))
        return f"{note}{band}: {facts}"
    status = match.get(ENTRY_STATUS)
    if status and status.casefold().startswith("partially modified"):
        facts += "; " + history_note(status, match.get(ENTRY_STATUS_ON), kind, _noun(match))
    return facts


def _noun(match: dict) -> str:
    """ "order" for a CBP WRO or Finding, else "listing"."""
    program = str(match.get("program") or "")
    return "order" if program.startswith(("WRO", "Finding")) else "listing"


def _source(match: dict) -> str:
    source = f"{match[LIST_ID]}:{match.get(ENTITY_ID) or '?'}"
    return f"{source} {match['source_url']}" if match.get("source_url") else source


KIND = register(
    RuleKind(
        name="lists",
        order=10,
        settings=SETTINGS,
        describe=describe,
        evaluate=evaluate,
        rule_ids=(
            RuleIds(
                "`list.<list>.match` / `.review`",
                "list",
                "the supplier's name matches a list entry in force (weights per list and band)",
            ),
            RuleIds(
                "`list.<list>.modified` / `.revoked` / `.inactive` / `.removed`",
                "list_history",
                "the name matches an entry no longer in force: a CBP order lifted, revoked or inactive, a party "
                "removed from an order, an entity removed from a list or delisted between two stored versions; "
                "shown as history with its date, weighed by `[list_status]`, never a bar",
            ),
        ),
    )
)
