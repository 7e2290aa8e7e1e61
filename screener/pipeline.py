"""The library entry point: ``screen(...)`` runs every stage and returns a :class:`Screening`.

Stages do not reach into each other; this module wires them. The CLI only parses options and calls :func:`screen`.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from screener.contracts import InputInfo, ListSet, Screening
from screener.data import file_sha256, reference_provenance
from screener.errors import ScreenerError, option
from screener.indicators import RuleSet, evaluate_indicators, import_plug_ins, load_rules, plug_in_modules
from screener.indicators.file_columns import check_file_columns
from screener.io import ReadLimits, read_suppliers
from screener.lists import load_lists
from screener.lists.status import in_force
from screener.match import build_index, match_suppliers
from screener.match.classifier import model_provenance as matcher_provenance
from screener.match.engine import MatchIndex
from screener.match.evidence import add_list_evidence
from screener.normalize.countries import add_country_codes
from screener.normalize.identifier_checks import supplier_identifiers
from screener.normalize.spend import Rates, add_spend_values, check_currency, ecb_rates, load_rates_file
from screener.normalize.typed import add_audit_dates
from screener.quality import QualityInput, conform, data_quality, quality_counts
from screener.review import (
    apply_decisions,
    apply_supplier_decisions,
    counting_matches,
    load_decisions,
    mark_changes,
)
from screener.risk import rank_suppliers
from screener.risk.model import (
    SupplierRiskModel,
    default_model_path,
    load_model,
    model_paths,
    score_suppliers,
)
from screener.schema import COUNTRY_CODE, NAME, REASON, ROW_ID, SOURCE_FILE, SOURCE_ROW, SOURCE_SHEET, SPEND
from screener.version import __version__

Progress = Callable[[str], None]
REJECTED_SCHEMA = {
    ROW_ID: pl.Int64,
    SOURCE_FILE: pl.String,
    SOURCE_SHEET: pl.String,
    SOURCE_ROW: pl.Int64,
    REASON: pl.String,
}


class RowAccountingError(ScreenerError):
    """Rows in != rows ranked + rows rejected: a bug, never expected in a release."""


def check_rows_accounted(screening: Screening) -> None:
    """The invariant of the tool: every input row is ranked or rejected, exactly once."""
    ranked = set(screening.ranking.get_column(ROW_ID).to_list())
    supplied = set(screening.suppliers.get_column(ROW_ID).to_list())
    rejected = (
        set(screening.rejected.get_column(ROW_ID).to_list())
        if ROW_ID in screening.rejected.columns
        else set()
    )
    if ranked != supplied or ranked & rejected:
        raise RowAccountingError(
            f"internal error: {len(supplied)} screenable rows but {len(ranked)} ranked "
            f"({len(ranked & rejected)} both ranked and rejected).",
            hint="Please report this with the input file.",
        )


@dataclass
class RunContext:
    """What every run needs, loaded once before the first supplier is read: the rules, the lists, the match index
    over them, the stored reviewer decisions and the supplier risk model.

    :func:`screen` loads one per call; a batch job loads one and screens every batch with it (screener.batch),
    and worker processes get it pickled (the rules are loaded again there from the same files)."""

    rules: RuleSet
    lists: ListSet
    index: MatchIndex
    decisions: pl.DataFrame | None = None  # None: reviewer decisions are not applied
    model: SupplierRiskModel | None = None  # None: rules only
    model_info: dict | None = None  # what the run manifest says of the model
    rule_paths: list[str] | None = (
        None  # the rules files the context was loaded from (None: the bundled default)
    )

    def __getstate__(self) -> dict:
        """Ray, Spark and worker processes ship the context by pickling it; the validated rules are read-only
        mappings that cannot be pickled, so workers load them again from the same files (TOML, validated as
        always). A rule kind a plug-in module registered is registered there by importing that module first."""
        state = dict(self.__dict__)
        state["rules"] = None
        state["_plug_ins"] = plug_in_modules()
        return state

    def __setstate__(self, state: dict) -> None:
        import_plug_ins(state.pop("_plug_ins", ()))
        self.__dict__.update(state)
        self.rules = load_rules(self.rule_paths)

    @classmethod
    def load(
        cls,
        *,
        lists: Sequence[str | Path] = (),
        include_default_lists: bool = True,
        rules: Sequence[str | Path] | str | Path | None = None,
        store_dir: str | Path | None = None,
        apply_reviews: bool = True,
        model: str | Path | bool | None = True,
        progress: Progress | None = None,
        **extra,
    ) -> RunContext:
        """Load the rules, the lists (building the match index, or loading it from the cache), the stored
        decisions (unless ``apply_reviews`` is false) and the risk model (``model``: True for the bundled one when
        there is one, a path for another, False or None for rules only). ``extra`` goes to the fields of a
        subclass (screener.batch.BatchContext's ``column_map``)."""
        say = progress or (lambda _msg: None)
        ruleset = load_rules(rules)
        say("loading risk lists")
        listset = load_lists(lists, include_default=include_default_lists, store_dir=store_dir)
        index = build_index(listset.entries, cache_key=listset.versions_key())
        decisions = load_decisions(store_dir) if apply_reviews else None
        loaded, info = load_risk_model(model)
        paths = None
        if rules:
            paths = [str(rules)] if isinstance(rules, str | Path) else [str(path) for path in rules]
        return cls(ruleset, listset, index, decisions, loaded, info, paths, **extra)


def load_risk_model(model: str | Path | bool | None) -> tuple[SupplierRiskModel | None, dict | None]:
    """The supplier risk model chosen by ``model`` (True: the bundled one if there is one; a path; False or None:
    none) and what the run manifest says of it."""
    if model is False or model is None:
        return None, None
    path = default_model_path() if model is True else Path(model)
    if model is True and not path.exists():
        return None, None
    loaded = load_model(path)
    meta = loaded.metadata
    skops_path, json_path, _ = model_paths(path)
    summary = {
        "name": "supplier risk model",
        "path": str(path),
        "sha256": file_sha256(skops_path),
        "metadata_sha256": file_sha256(json_path),
        "estimator": meta.get("model", {}).get("estimator"),
        "created_at": meta.get("created_at"),
        "training_data": meta.get("data"),
        "cross_validation": {
            k: v for k, v in meta.get("cross_validation", {}).items() if not isinstance(v, list | dict)
        },
    }
    return loaded, summary


SCREEN_FRAME_COLUMNS = (ROW_ID, NAME, COUNTRY_CODE)  # what screen() adds to a table before screen_frame


def check_read_suppliers(suppliers: object) -> None:
    """screen_frame takes suppliers as screen() prepares them; a table with the user's own headers (polars or
    pandas) goes to screen(), which reads it as it reads a file. Say so instead of failing deep in a stage."""
    is_polars = isinstance(suppliers, pl.DataFrame)
    missing = [c for c in SCREEN_FRAME_COLUMNS if c not in suppliers.columns] if is_polars else []
    if is_polars and not missing:
        return
    what = (
        f"a polars DataFrame without the column(s) {', '.join(missing)}"
        if is_polars
        else f"a {type(suppliers).__module__.split('.')[0]} {type(suppliers).__name__}"
    )
    raise ScreenerError(
        f"screen_frame takes suppliers as screen() prepares them (a polars DataFrame with {', '.join(SCREEN_FRAME_COLUMNS)} "
        f"and the other screener.schema columns); it was given {what}.",
        hint="Pass a table with your own headers (a polars or pandas DataFrame) to screener.screen(table): it is "
        "read as a file holding it would be.",
    )


def screen_frame(
    suppliers: pl.DataFrame,
    ctx: RunContext,
    *,
    inputs: Sequence[InputInfo] = (),
    rejected: pl.DataFrame | None = None,
    progress: Progress | None = None,
) -> Screening:
    """Every stage after reading, over suppliers in the contract of screener.schema (country codes and typed
    values added): match, list evidence, reviewer decisions, indicators, the risk model, ranking.

    The one place the stage sequence is written: :func:`screen` runs it over the files it read, screener.batch
    over each batch. ``data_quality`` of the result holds what the stages found (supplier identifiers that fail
    their check); :func:`screen` adds the registered data-quality checks."""
    check_read_suppliers(suppliers)
    say = progress or (lambda _msg: None)
    rules = ctx.rules
    say(f"matching {suppliers.height} suppliers against {ctx.lists.entries.height} list names")
    matches = match_suppliers(suppliers, ctx.index, rules.match_settings)
    release_freed_memory()
    supplier_ids, invalid_ids = supplier_identifiers(suppliers, QualityInput(suppliers, inputs).header_of)
    matches = add_list_evidence(matches, suppliers, supplier_ids, ctx.lists, rules.match_settings)
    if ctx.decisions is not None:
        matches = apply_decisions(matches, suppliers, ctx.decisions)
    say("evaluating indicators")
    counting = counting_matches(matches)
    hits = evaluate_indicators(suppliers, counting, ctx.lists, rules)
    model_scores = None
    if ctx.model is not None:
        say("scoring with the supplier risk model")
        # the model sees only hits on entries in force: a revoked or lifted order is history (screener.lists.status)
        model_scores = score_suppliers(suppliers, in_force(counting, ctx.lists.entries), hits, ctx.model)
    ranking = rank_suppliers(suppliers, hits, rules, model_scores)
    if ctx.decisions is not None:
        ranking = apply_supplier_decisions(ranking, suppliers, ctx.decisions)
    return Screening(
        suppliers=suppliers,
        rejected=rejected if rejected is not None else pl.DataFrame(schema=REJECTED_SCHEMA),
        matches=matches,
        hits=hits,
        ranking=ranking,
        lists=ctx.lists,
        rules=rules,
        inputs=list(inputs),
        data_quality=conform(invalid_ids),
    )


def release_freed_memory() -> None:
    """Give the C heap's free pages back to the system (glibc's ``malloc_trim``): the match stage's pair and
    feature arrays are freed when it ends, but glibc keeps their pages, so every later stage and the report would
    pile on top of them (shared 100k workbook: resident memory after matching 1,003 -> 890 MB). Nothing happens
    where the C library has no malloc_trim (musl, macOS, Windows)."""
    try:
        trim = ctypes.CDLL(None).malloc_trim  # the symbols the process already has: the C library among them
    except (OSError, AttributeError, TypeError):
        return
    trim(0)


def screen(
    inputs: Sequence[str | Path | pl.DataFrame] | str | Path | pl.DataFrame,
    *,
    lists: Sequence[str | Path] = (),
    include_default_lists: bool = True,
    rules: Sequence[str | Path] | None = None,
    limits: ReadLimits | None = None,
    store_dir: str | Path | None = None,
    apply_reviews: bool = True,
    since: str | Path | None = None,
    model: str | Path | None | bool = True,
    progress: Progress | None = None,
    currency: str | None = None,
    spend_column: str | None = None,
    rates: str | Path | None = None,
) -> Screening:
    """Screen supplier files against the risk lists and rules; nothing is written (see screener.report).

    ``inputs`` are paths to supplier files, or supplier tables already in memory (a polars or pandas DataFrame
    with the headers a file would have), or one of either.

    Reviewer decisions stored by ``screener review import`` are applied unless ``apply_reviews`` is false: a hit
    cleared as a false positive stays in the matches, marked cleared, but no longer counts towards the score until
    its list entry changes. ``since`` marks what is new or changed against an earlier report. ``model`` is True
    for the bundled supplier risk model, a path for another one, or False for rules only. ``currency`` (default:
    the rules file's) is the reporting currency spend is converted to with the bundled ECB rates or the ``rates``
    file; ``spend_column`` (an input header) overrides the spend column the reader chose.
    """
    say = progress or (lambda _msg: None)
    started = time.perf_counter()
    ctx = RunContext.load(
        lists=lists,
        include_default_lists=include_default_lists,
        rules=rules,
        store_dir=store_dir,
        apply_reviews=apply_reviews,
        model=model,
        progress=say,
    )
    ruleset = ctx.rules
    reporting = check_currency(currency or ruleset.section("prioritisation").get("currency") or "EUR")
    rate_table = load_rates_file(rates) if rates is not None else ecb_rates()
    say("reading supplier files")
    read = read_suppliers(inputs, limits)
    if spend_column is None:  # --spend-column replaces the rules' leverage_column (checked in typed_values)
        check_file_columns(ruleset, read.suppliers.columns, [info.path for info in read.inputs])
    suppliers = add_country_codes(read.suppliers)
    suppliers, value_problems, spend_info = typed_values(
        suppliers, read.inputs, ruleset, reporting, spend_column, rate_table
    )
    screening = screen_frame(suppliers, ctx, inputs=read.inputs, rejected=read.rejected, progress=say)
    quality = QualityInput(suppliers, read.inputs)
    screening.data_quality = data_quality(quality, found=[screening.data_quality, value_problems])
    check_rows_accounted(screening)
    if since is not None:
        screening = mark_changes(screening, since)
    screening.manifest = {
        "tool": "screener",
        "version": __version__,
        "run_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - started, 3),
        "inputs": [vars(info) for info in read.inputs],
        "lists": ctx.lists.provenance(),
        "rules": ruleset.provenance(),
        "rows_in": screening.rows_in,
        "rows_ranked": screening.ranking.height,
        "rows_rejected": read.rejected.height,
        "model": ctx.model_info,
        "matcher": matcher_provenance(),
        "reference": reference_provenance(),
        "data_quality": quality_counts(screening.data_quality),
        "spend": spend_info,
    }
    return screening


def typed_values(
    suppliers: pl.DataFrame,
    inputs: Sequence[InputInfo],
    ruleset,
    currency: str,
    spend_column: str | None,
    rates: Rates,
) -> tuple[pl.DataFrame, pl.DataFrame, dict]:
    """Suppliers with spend parsed and converted to the reporting currency and audit dates typed, the value
    problems found, and what the manifest says of the spend (column, currency, rate source and date)."""
    column = spend_column or str(ruleset.section("prioritisation")["leverage_column"])
    if spend_column is not None and spend_column not in suppliers.columns:
        raise SpendColumnError(
            f"{option('spend_column')} {spend_column!r}: no such column in the supplier file(s).",
            hint="Give one of the input headers: " + ", ".join(repr(c) for c in _input_headers(inputs)),
        )
    headers = {(info.path, info.sheet): (info.column_map or {}).get(column, column) for info in inputs}
    spend = add_spend_values(suppliers, column, headers, currency, rates)
    spend.info["chosen"] = {
        f"{info.path}" + (f" [{info.sheet}]" if info.sheet else ""): info.column_choices[SPEND]
        for info in inputs
        if SPEND in (info.column_choices or {}) and column == SPEND
    }
    typed, date_problems = add_audit_dates(spend.suppliers, inputs)
    problems = pl.concat([spend.problems, date_problems], how="diagonal_relaxed").sort(ROW_ID, "check")
    return typed, problems, spend.info


class SpendColumnError(ScreenerError):
    """--spend-column names a column the supplier files do not have."""


def _input_headers(inputs: Sequence[InputInfo]) -> list[str]:
    return sorted({h for info in inputs for h in (info.column_map or {}).values()})
