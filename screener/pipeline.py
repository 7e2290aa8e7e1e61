"""The library entry point: ``screen(...)`` runs every stage and returns a :class:`Screening`.

Stages do not reach into each other; this module wires them. The CLI only parses options and calls :func:`screen`.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import polars as pl

from screener.contracts import InputInfo, Screening
from screener.data import file_sha256, reference_provenance
from screener.errors import ScreenerError
from screener.indicators import evaluate_indicators, load_rules
from screener.io import ReadLimits, read_suppliers
from screener.lists import load_lists
from screener.match import build_index, match_suppliers
from screener.match.classifier import model_provenance as matcher_provenance
from screener.match.evidence import add_list_evidence
from screener.normalize.countries import add_country_codes
from screener.normalize.identifier_checks import supplier_identifiers
from screener.normalize.spend import Rates, add_spend_values, check_currency, ecb_rates, load_rates_file
from screener.normalize.typed import add_audit_dates
from screener.quality import QualityInput, data_quality, quality_counts
from screener.review import (
    apply_decisions,
    apply_supplier_decisions,
    counting_matches,
    load_decisions,
    mark_changes,
)
from screener.risk import rank_suppliers
from screener.risk.model import default_model_path, load_model, model_paths, score_suppliers
from screener.schema import ROW_ID, SPEND
from screener.version import __version__

Progress = Callable[[str], None]


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


def score_with_model(
    model, suppliers, matches, hits, say: Progress
) -> tuple[pl.DataFrame | None, dict | None]:
    """The supplier risk model's probability and reasons per supplier, and what the manifest says of the model."""
    if model is False or model is None:
        return None, None
    path = default_model_path() if model is True else Path(model)
    if model is True and not path.exists():
        return None, None
    say("scoring with the supplier risk model")
    loaded = load_model(path)
    scores = score_suppliers(suppliers, counting_matches(matches), hits, loaded)
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
    return scores, summary


def screen(
    inputs: Sequence[str | Path],
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

    Reviewer decisions stored by ``screener review import`` are applied unless ``apply_reviews`` is false: a hit
    cleared as a false positive stays in the matches, marked cleared, but no longer counts towards the score until
    its list entry changes. ``since`` marks what is new or changed against an earlier report. ``model`` is True
    for the bundled supplier risk model, a path for another one, or False for rules only. ``currency`` (default:
    the rules file's) is the reporting currency spend is converted to with the bundled ECB rates or the ``rates``
    file; ``spend_column`` (an input header) overrides the spend column the reader chose.
    """
    say = progress or (lambda _msg: None)
    started = time.perf_counter()
    ruleset = load_rules(rules)
    reporting = check_currency(currency or ruleset.section("prioritisation").get("currency") or "EUR")
    rate_table = load_rates_file(rates) if rates is not None else ecb_rates()
    say("reading supplier files")
    read = read_suppliers(inputs, limits)
    suppliers = add_country_codes(read.suppliers)
    suppliers, value_problems, spend_info = typed_values(
        suppliers, read.inputs, ruleset, reporting, spend_column, rate_table
    )
    say("loading risk lists")
    listset = load_lists(lists, include_default=include_default_lists, store_dir=store_dir)
    say(f"matching {suppliers.height} suppliers against {listset.entries.height} list names")
    index = build_index(listset.entries, cache_key=listset.versions_key())
    matches = match_suppliers(suppliers, index, ruleset.match_settings)
    quality = QualityInput(suppliers, read.inputs)
    supplier_ids, invalid_ids = supplier_identifiers(suppliers, quality.header_of)
    matches = add_list_evidence(matches, suppliers, supplier_ids, listset, ruleset.match_settings)
    decisions = load_decisions(store_dir) if apply_reviews else None
    if decisions is not None:
        matches = apply_decisions(matches, suppliers, decisions)
    say("evaluating indicators")
    hits = evaluate_indicators(suppliers, counting_matches(matches), listset, ruleset)
    model_scores, model_info = score_with_model(model, suppliers, matches, hits, say)
    ranking = rank_suppliers(suppliers, hits, ruleset, model_scores)
    if decisions is not None:
        ranking = apply_supplier_decisions(ranking, suppliers, decisions)
    screening = Screening(
        suppliers=suppliers,
        rejected=read.rejected,
        matches=matches,
        hits=hits,
        ranking=ranking,
        lists=listset,
        rules=ruleset,
        inputs=read.inputs,
        data_quality=data_quality(quality, found=[invalid_ids, value_problems]),
    )
    check_rows_accounted(screening)
    if since is not None:
        screening = mark_changes(screening, since)
    screening.manifest = {
        "tool": "screener",
        "version": __version__,
        "run_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - started, 3),
        "inputs": [vars(info) for info in read.inputs],
        "lists": listset.provenance(),
        "rules": ruleset.provenance(),
        "rows_in": screening.rows_in,
        "rows_ranked": ranking.height,
        "rows_rejected": read.rejected.height,
        "model": model_info,
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
            f"--spend-column {spend_column!r}: no such column in the supplier file(s).",
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
