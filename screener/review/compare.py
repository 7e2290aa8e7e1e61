"""What is new or changed since a previous screening (``screener screen ... --since PREVIOUS``).

The previous screening is a report this tool wrote: an xlsx workbook, a json document, or a csv/parquet folder.
Suppliers and hits are matched across runs by the same keys the review loop uses (supplier fingerprint; list id and
entity id; the entry fingerprint to see a changed list entry), so re-ordered or re-numbered input rows do not
show as changes.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import polars as pl

from screener.errors import InputFileError, option
from screener.keys import ENTRY_FINGERPRINT, SUPPLIER_FINGERPRINT
from screener.report.labels import KEY_LABELS, LABELS
from screener.report.tables import CHANGE, enriched_matches, with_supplier_fingerprint
from screener.review.sheets import read_labelled_columns, sheet_names
from screener.schema import COUNTRY_CODE, ENTITY_ID, LIST_ID, NAME, ROW_ID, SUPPLIER_ID, TIER, TIERS

TIER_ORDER = {tier: position for position, tier in enumerate(reversed(TIERS))}  # low 0 < medium 1 < high 2
PREVIOUS_SUPPLIER_COLUMNS = (SUPPLIER_FINGERPRINT, TIER)
PREVIOUS_MATCH_COLUMNS = (SUPPLIER_FINGERPRINT, LIST_ID, ENTITY_ID, ENTRY_FINGERPRINT)
PREVIOUS_SUPPLIER_EXTRA = (SUPPLIER_ID, NAME)  # read when there, to name a supplier no longer in the file
NEW_SUPPLIER = "new supplier"
NEW_HIT = "new list hit"
ENTRY_CHANGED = "list entry changed"
HIT_GONE = "list hit no longer found"
REMOVED = "not in this screening"
TIER_BEFORE = "tier_before"


def _empty(columns) -> pl.DataFrame:
    return pl.DataFrame(schema=dict.fromkeys(columns, pl.String))


def _not_a_report(path: Path, missing: str) -> InputFileError:
    return InputFileError(
        f"{path}: not a screener report ({missing}).",
        hint=f"Pass a report written by `screener screen` (xlsx, json, or a csv/parquet folder) to {option('since')}.",
    )


def _sheet_frame(
    path: Path, names: list[str], title: str, labels: dict[str, str], optional: dict[str, str] | None = None
) -> pl.DataFrame:
    """Columns ``labels`` (name -> header label) of one sheet, and those of ``optional`` that are there, as
    text."""
    if title not in names:
        raise _not_a_report(path, f"no {title} sheet")
    wanted = {**labels, **(optional or {})}
    found = read_labelled_columns(path, title, labels[SUPPLIER_FINGERPRINT], list(wanted.values()))
    missing = [label for label in labels.values() if found is None or label not in found.positions]
    if missing:
        raise _not_a_report(path, f"no {missing[0]!r} column in the {title} sheet")
    present = {name: label for name, label in wanted.items() if label in found.positions}
    frame = found.frame.rename({label: name for name, label in present.items()}).select(list(present))
    frame = frame.with_columns(pl.col(name).cast(pl.String) for name in present if name not in labels)
    return frame.filter(pl.any_horizontal(pl.col(list(labels)).is_not_null()))


def _from_xlsx(path: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    names = sheet_names(path)
    suppliers = _sheet_frame(
        path,
        names,
        "Suppliers",
        {SUPPLIER_FINGERPRINT: KEY_LABELS[SUPPLIER_FINGERPRINT], TIER: LABELS[TIER]},
        {name: LABELS[name] for name in PREVIOUS_SUPPLIER_EXTRA},
    )
    matches = _sheet_frame(
        path,
        names,
        "Matches",
        {
            SUPPLIER_FINGERPRINT: KEY_LABELS[SUPPLIER_FINGERPRINT],
            LIST_ID: LABELS[LIST_ID],
            ENTITY_ID: KEY_LABELS[ENTITY_ID],
            ENTRY_FINGERPRINT: KEY_LABELS[ENTRY_FINGERPRINT],
        },
    )
    return suppliers, matches


def _select_text(frame: pl.DataFrame, columns, path: Path, table: str, optional=()) -> pl.DataFrame:
    missing = [c for c in columns if c not in frame.columns]
    if missing and frame.height:
        raise _not_a_report(path, f"no {', '.join(missing)} in its {table} table")
    if missing:
        return _empty(columns)
    extra = [c for c in optional if c in frame.columns]
    return frame.select(pl.col(c).cast(pl.String) for c in (*columns, *extra))


def _from_json(path: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputFileError(
            f"{path}: cannot be read as JSON ({error}).", hint="Pass the json report."
        ) from error
    if not isinstance(document, dict) or "suppliers" not in document or "matches" not in document:
        raise _not_a_report(path, "no suppliers and matches tables")
    tables = []
    for name, columns in (("suppliers", PREVIOUS_SUPPLIER_COLUMNS), ("matches", PREVIOUS_MATCH_COLUMNS)):
        rows = [row for row in document[name] if isinstance(row, dict)]
        if rows and any(column not in rows[0] for column in columns):
            missing = next(column for column in columns if column not in rows[0])
            raise _not_a_report(path, f"no {missing} in its {name} table")
        if name == "suppliers":
            columns = (*columns, *[c for c in PREVIOUS_SUPPLIER_EXTRA if rows and c in rows[0]])
        values = [{c: None if row.get(c) is None else str(row[c]) for c in columns} for row in rows]
        tables.append(pl.DataFrame(values, schema=dict.fromkeys(columns, pl.String), orient="row"))
    return tables[0], tables[1]


def _from_folder(path: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    tables = []
    for name in ("suppliers", "matches"):
        if (path / f"{name}.parquet").exists():
            frame = pl.read_parquet(path / f"{name}.parquet")
        elif (path / f"{name}.csv").exists():
            frame = pl.read_csv(path / f"{name}.csv", infer_schema=False)
        else:
            raise _not_a_report(path, f"no {name}.csv or {name}.parquet")
        columns = PREVIOUS_SUPPLIER_COLUMNS if name == "suppliers" else PREVIOUS_MATCH_COLUMNS
        optional = PREVIOUS_SUPPLIER_EXTRA if name == "suppliers" else ()
        tables.append(_select_text(frame, columns, path, name, optional))
    return tables[0], tables[1]


def read_previous(previous_path: str | Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(suppliers: supplier_fingerprint, tier; matches: supplier_fingerprint, list_id, entity_id,
    entry_fingerprint) of an earlier report."""
    path = Path(previous_path)
    if path.is_dir():
        return _from_folder(path)
    if not path.is_file():
        raise InputFileError(
            f"{path}: file not found.", hint=f"Pass the earlier report to {option('since')}."
        )
    if path.suffix.lower() == ".json":
        return _from_json(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _from_xlsx(path)
    raise InputFileError(
        f"{path}: {option('since')} reads an earlier report as .xlsx, .json or a csv/parquet folder.",
        hint="Pass the earlier report in one of those forms.",
    )


def _tier_change(before: pl.Expr, now: pl.Expr) -> pl.Expr:
    rank_before = before.replace_strict(TIER_ORDER, default=None, return_dtype=pl.Int8)
    rank_now = now.replace_strict(TIER_ORDER, default=None, return_dtype=pl.Int8)
    direction = pl.when(rank_now > rank_before).then(pl.lit("tier up: ")).otherwise(pl.lit("tier down: "))
    return pl.when(before.is_not_null() & now.is_not_null() & (before != now)).then(
        pl.concat_str(direction, before, pl.lit(" → "), now)
    )


def _fingerprint_parts(frame: pl.DataFrame) -> pl.DataFrame:
    """The fingerprint's parts (``name|CC|supplier id``, screener.review.keys) as _name, _country, _id."""
    parts = pl.col(SUPPLIER_FINGERPRINT).str.split("|")
    return frame.with_columns(
        parts.list.get(0, null_on_oob=True).fill_null("").alias("_name"),
        parts.list.get(1, null_on_oob=True).fill_null("").alias("_country"),
        parts.list.slice(2).list.join("|").fill_null("").alias("_id"),
    )


def _pair_once(now: pl.DataFrame, before: pl.DataFrame, key: str) -> pl.DataFrame:
    """(row_id, _before) pairs of suppliers not yet paired whose ``key`` is not empty and occurs once on each
    side: an ambiguous key pairs nothing (shown as new and removed rather than guessed)."""
    unique_now = now.filter(pl.col(key) != "").filter(pl.len().over(key) == 1)
    unique_before = before.filter(pl.col(key) != "").filter(pl.len().over(key) == 1)
    return unique_now.join(
        unique_before.select(key, pl.col(SUPPLIER_FINGERPRINT).alias("_before")), on=key, how="inner"
    ).select(ROW_ID, "_before")


def pair_suppliers(now: pl.DataFrame, before: pl.DataFrame) -> pl.DataFrame:
    """Each current supplier (row_id, supplier_fingerprint) with the previous report's supplier it is
    (``_before``: that supplier's fingerprint, null for a new one): the same fingerprint, else the same supplier id,
    else the same name, each only where it is unambiguous. A supplier whose country or name changed is the same
    supplier, changed, not a new one."""
    now = _fingerprint_parts(now)
    before = _fingerprint_parts(before.unique(SUPPLIER_FINGERPRINT, keep="last"))
    pairs = now.join(
        before.select(SUPPLIER_FINGERPRINT, pl.col(SUPPLIER_FINGERPRINT).alias("_before")),
        on=SUPPLIER_FINGERPRINT,
        how="inner",
    ).select(ROW_ID, "_before")
    for key in ("_id", "_name"):
        rest_now = now.join(pairs, on=ROW_ID, how="anti")
        rest_before = before.filter(
            ~pl.col(SUPPLIER_FINGERPRINT).is_in(pairs.get_column("_before").implode())
        )
        pairs = pl.concat([pairs, _pair_once(rest_now, rest_before, key)])
    return now.select(ROW_ID, SUPPLIER_FINGERPRINT).join(pairs, on=ROW_ID, how="left")


def _identity_change(before: pl.Expr, now: pl.Expr, what: str) -> pl.Expr:
    text = pl.concat_str(
        pl.lit(f"{what}: "), before.replace("", "(none)"), pl.lit(" → "), now.replace("", "(none)")
    )
    return pl.when(before.is_not_null() & (before != now)).then(text)


def compare_with_previous(screening, previous_path: str | Path) -> dict[str, pl.DataFrame]:
    """``{"suppliers": row_id, change}``, ``{"matches": row_id, list_id, entity_id, change}`` and ``{"removed":
    the previous report's suppliers not in this screening}`` against an earlier report; ``change`` is null when
    nothing changed. Suppliers are paired by fingerprint, then supplier id, then name (:func:`pair_suppliers`).
    Supplier changes: new supplier, tier up/down, country, name or supplier id changed, new list hit, list entry
    changed, list hit no longer found (joined with '; ')."""
    before_suppliers, before_matches = read_previous(previous_path)
    suppliers = with_supplier_fingerprint(screening.suppliers).select(
        pl.col(ROW_ID).cast(pl.Int64), SUPPLIER_FINGERPRINT
    )
    suppliers = pair_suppliers(suppliers, before_suppliers.select(SUPPLIER_FINGERPRINT)).join(
        screening.ranking.select(pl.col(ROW_ID).cast(pl.Int64), pl.col(TIER).cast(pl.String)),
        on=ROW_ID,
        how="left",
    )
    matches = enriched_matches(screening).select(
        ROW_ID, pl.col(LIST_ID).cast(pl.String), pl.col(ENTITY_ID).cast(pl.String), ENTRY_FINGERPRINT
    )
    # a current hit is keyed by the previous fingerprint of its supplier, so a changed supplier keeps its hits
    matches = matches.join(
        suppliers.select(ROW_ID, pl.coalesce("_before", SUPPLIER_FINGERPRINT).alias("_key")),
        on=ROW_ID,
        how="left",
    )
    match_key = ["_key", LIST_ID, ENTITY_ID]
    before_hits = (
        before_matches.rename({SUPPLIER_FINGERPRINT: "_key"})
        .unique(match_key)
        .rename({ENTRY_FINGERPRINT: "_entry_before"})
    )
    compared = matches.join(before_hits.with_columns(pl.lit(True).alias("_seen")), on=match_key, how="left")
    match_change = (
        pl.when(pl.col("_seen").is_null())
        .then(pl.lit(NEW_HIT))
        .when(pl.col("_entry_before").ne_missing(pl.col(ENTRY_FINGERPRINT)))
        .then(pl.lit(ENTRY_CHANGED))
        .alias(CHANGE)
    )
    match_changes = compared.with_columns(match_change)

    per_supplier = match_changes.group_by(ROW_ID).agg(
        (pl.col(CHANGE) == NEW_HIT).any().alias("_new_hit"),
        (pl.col(CHANGE) == ENTRY_CHANGED).any().alias("_changed"),
    )
    gone = (
        before_hits.join(matches.select(match_key), on=match_key, how="anti")
        .group_by("_key")
        .len("_gone")
        .rename({"_key": "_before"})
    )
    before_tiers = _fingerprint_parts(
        before_suppliers.unique(SUPPLIER_FINGERPRINT, keep="last").rename({TIER: "_tier_before"})
    ).rename(
        {
            SUPPLIER_FINGERPRINT: "_before",
            "_name": "_name_before",
            "_country": "_country_before",
            "_id": "_id_before",
        }
    )
    table = (
        _fingerprint_parts(suppliers)
        .join(before_tiers, on="_before", how="left")
        .join(per_supplier, on=ROW_ID, how="left")
        .join(gone, on="_before", how="left")
    )
    parts = [
        pl.when(pl.col("_before").is_null()).then(pl.lit(NEW_SUPPLIER)),
        _tier_change(pl.col("_tier_before"), pl.col(TIER)),
        _identity_change(pl.col("_country_before"), pl.col("_country"), "country"),
        _identity_change(pl.col("_name_before"), pl.col("_name"), "name"),
        _identity_change(pl.col("_id_before"), pl.col("_id"), "supplier id"),
        pl.when(pl.col("_before").is_not_null() & pl.col("_new_hit").fill_null(False)).then(pl.lit(NEW_HIT)),
        pl.when(pl.col("_changed").fill_null(False)).then(pl.lit(ENTRY_CHANGED)),
        pl.when(pl.col("_gone").fill_null(0) > 0).then(pl.lit(HIT_GONE)),
    ]
    supplier_changes = table.select(
        ROW_ID,
        pl.concat_str(parts, separator="; ", ignore_nulls=True).replace("", None).alias(CHANGE),
    )
    return {
        "suppliers": supplier_changes,
        "matches": match_changes.select(ROW_ID, LIST_ID, ENTITY_ID, CHANGE),
        "removed": removed_suppliers(before_suppliers, suppliers),
    }


def removed_suppliers(before: pl.DataFrame, paired: pl.DataFrame) -> pl.DataFrame:
    """The previous report's suppliers that no current supplier was paired with: supplier id, name (as the
    earlier report shows it, else its fingerprint's), country code, tier before, change."""
    kept = paired.get_column("_before").drop_nulls().implode()
    gone = _fingerprint_parts(before.unique(SUPPLIER_FINGERPRINT, keep="first", maintain_order=True)).filter(
        ~pl.col(SUPPLIER_FINGERPRINT).is_in(kept)
    )
    shown_name = pl.col(NAME).cast(pl.String) if NAME in gone.columns else pl.lit(None, pl.String)
    shown_id = pl.col(SUPPLIER_ID).cast(pl.String) if SUPPLIER_ID in gone.columns else pl.lit(None, pl.String)
    return gone.select(
        pl.coalesce(shown_id, pl.col("_id").replace("", None)).alias(SUPPLIER_ID),
        pl.coalesce(shown_name, pl.col("_name")).alias(NAME),
        pl.col("_country").replace("", None).alias(COUNTRY_CODE),
        pl.col(TIER).cast(pl.String).alias(TIER_BEFORE),
        pl.lit(REMOVED).alias(CHANGE),
        pl.col(SUPPLIER_FINGERPRINT),
    )


def mark_changes(screening, previous_path: str | Path):
    """A copy of ``screening`` whose ranking and matches carry a ``change`` column (shown as "Change" in the
    report), from :func:`compare_with_previous`."""
    changes = compare_with_previous(screening, previous_path)
    ranking = screening.ranking.drop(CHANGE, strict=False).with_columns(pl.col(ROW_ID).cast(pl.Int64))
    ranking = ranking.join(changes["suppliers"], on=ROW_ID, how="left", maintain_order="left")
    matches = screening.matches.drop(CHANGE, strict=False)
    if ROW_ID in matches.columns:
        matches = matches.with_columns(
            pl.col(ROW_ID).cast(pl.Int64), pl.col(LIST_ID).cast(pl.String), pl.col(ENTITY_ID).cast(pl.String)
        )
        keyed = changes["matches"].unique([ROW_ID, LIST_ID, ENTITY_ID], keep="first")
        matches = matches.join(keyed, on=[ROW_ID, LIST_ID, ENTITY_ID], how="left", maintain_order="left")
    return dataclasses.replace(screening, ranking=ranking, matches=matches, removed=changes["removed"])
