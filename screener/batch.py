"""Batched and streaming screening: memory bounded by the batch, not by the number of suppliers.

The list index, the rules and the loaded lists are built once into a :class:`BatchContext`; :func:`screen_batch`
is then a pure function of one batch of suppliers, so the same code runs in a loop here, under Ray Data
``map_batches`` or Spark ``mapInArrow`` (see docs/distributed.md). :func:`screen_csv_streaming` cuts a large csv
into record-aligned chunks, reads each chunk with the normal supplier reader (same header mapping and rejected
rows as an unbatched run), screens it and writes parquet parts, then ranks all suppliers in one pass over the
parts.

Everything a supplier's score depends on (its matches, its indicator hits, its tier) is computed within its batch
and equals the unbatched result. Two things are population-wide and are finished after the last batch: the
supplier's share of total spend (``leverage``, one of the ranking keys) and the ``rank`` itself.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from screener.atomic import write_atomically
from screener.errors import InputFileError, OutputError, option
from screener.indicators.base import LIKELIHOOD, SEVERITY_RANK
from screener.indicators.file_columns import check_file_columns
from screener.io import ReadLimits, read_suppliers
from screener.io.sniff import FileKind, sniff
from screener.io.table import RESERVED
from screener.normalize.countries import add_country_codes
from screener.normalize.spend import Rates, add_spend_values, check_currency, ecb_rates, load_rates_file
from screener.pipeline import RunContext, SpendColumnError, screen_frame
from screener.report.machine import CSV_QUOTE_STYLE, escape_formula_text
from screener.risk.ranking import LEVERAGE, sort_by_priority
from screener.schema import (
    BAND,
    COUNTRY_CODE,
    ENTITY_ID,
    LIST_ID,
    MATCHED_NAME,
    NAME,
    PROBABILITY,
    RANK,
    ROW_ID,
    SCORE,
    SEVERITY,
    SOURCE_FILE,
    SOURCE_ROW,
    SOURCE_SHEET,
    SPEND_CONVERTED,
    SPEND_CURRENCY,
    SPEND_VALUE,
    TIER,
)

BEST_MATCH_COLUMNS = ("best_list_id", "best_entity_id", "best_matched_name", "best_probability", "best_band")
DEFAULT_BATCH_SIZE = 100_000
HEADER_SEARCH_LINES = 50  # extra lines in the first chunk, where the reader looks for the header


@dataclass
class BatchContext(RunContext):
    """What every batch needs, loaded once (screener.pipeline.RunContext), and how to read a batch that still has
    the input's own headers."""

    # canonical field -> input header, for batches that still have the input's own headers
    column_map: dict[str, str] = field(default_factory=dict)
    currency: str | None = None  # the reporting currency (None: the rules file's, else EUR)
    rates: Rates | None = None  # exchange rates (None: the bundled ECB rates)
    spend_column: str | None = None  # the spend column leverage uses (None: the rules' leverage_column)

    @classmethod
    def build(
        cls,
        *,
        lists: Sequence[str | Path] = (),
        include_default_lists: bool = True,
        rules: Sequence[str | Path] | None = None,
        store_dir: str | Path | None = None,
        apply_reviews: bool = True,
        column_map: dict[str, str] | None = None,
        model: str | Path | bool | None = True,
        currency: str | None = None,
        rates: str | Path | None = None,
        spend_column: str | None = None,
    ) -> BatchContext:
        """Load rules, lists, the risk model and build (or load from the cache) the match index, as
        screener.screen does (``model``: True for the bundled model when present, a path, or False;
        ``currency``, ``rates`` (a rates file) and ``spend_column`` as screener.screen takes them)."""
        return cls.load(
            lists=lists,
            include_default_lists=include_default_lists,
            rules=rules,
            store_dir=store_dir,
            apply_reviews=apply_reviews,
            model=model,
            column_map=dict(column_map or {}),
            currency=check_currency(currency) if currency else None,
            rates=load_rates_file(rates) if rates is not None else None,
            spend_column=spend_column,
        )

    def spend_settings(self) -> tuple[str, str, Rates]:
        """(spend column, reporting currency, rates) of this run: the ones given, else the rules'
        leverage_column and currency (EUR when it names none) and the bundled ECB rates."""
        prioritisation = self.rules.section("prioritisation")
        return (
            self.spend_column or str(prioritisation["leverage_column"]),
            self.currency or str(prioritisation.get("currency") or "EUR"),
            self.rates or ecb_rates(),
        )


@dataclass
class BatchResult:
    """One batch screened: suppliers with their ranking columns and best match, the matches, the hits."""

    suppliers: pl.DataFrame
    matches: pl.DataFrame
    hits: pl.DataFrame


def as_polars(batch) -> pl.DataFrame:
    """A polars frame from a polars frame, a pyarrow Table/RecordBatch or anything polars.from_arrow takes."""
    if isinstance(batch, pl.DataFrame):
        return batch
    frame = pl.from_arrow(batch)
    return frame if isinstance(frame, pl.DataFrame) else frame.to_frame()


def canonical_suppliers(batch: pl.DataFrame, column_map: dict[str, str]) -> pl.DataFrame:
    """Rename input headers to the canonical fields (name, country, ...) when the batch still has raw headers.

    The original columns are kept, as the reader keeps them. A batch without ``row_id`` cannot be tied back to
    its input rows, so it is refused."""
    renamed = {
        header: canonical
        for canonical, header in column_map.items()
        if header in batch.columns and canonical not in batch.columns
    }
    frame = batch.with_columns(pl.col(h).alias(c) for h, c in renamed.items()) if renamed else batch
    missing = [c for c in (ROW_ID, NAME) if c not in frame.columns]
    if missing:
        raise InputFileError(
            f"a batch of suppliers has no {' and no '.join(missing)} column (columns: {', '.join(batch.columns)}).",
            hint="Give every row a unique row_id and map the name column (BatchContext.column_map).",
        )
    return frame


def screen_batch_result(batch, context: BatchContext) -> BatchResult:
    """Screen one batch of suppliers (canonical columns, or raw headers mapped by ``context.column_map``)."""
    suppliers = canonical_suppliers(as_polars(batch), context.column_map)
    if COUNTRY_CODE not in suppliers.columns:
        suppliers = add_country_codes(suppliers)
    if SPEND_CONVERTED not in suppliers.columns:
        suppliers = converted_spend(suppliers, context)
    screened = screen_frame(
        suppliers, context
    )  # identifiers failing their check: the batch caller's own data
    ranked = suppliers.join(screened.ranking, on=ROW_ID, how="left").join(
        best_matches(screened.matches), on=ROW_ID, how="left"
    )
    return BatchResult(ranked, screened.matches, screened.hits)


def screen_batch(batch, context: BatchContext):
    """One row per supplier of the batch: its columns, score, tier, reasons, action and best list match.

    Returns the kind of frame it was given: a polars DataFrame for a polars DataFrame, else a pyarrow Table, so
    it plugs straight into ``ray.data.Dataset.map_batches(screen_batch, fn_kwargs={"context": context},
    batch_format="pyarrow")`` or Spark ``mapInArrow``. ``rank`` and ``leverage`` in the result are within the
    batch; :func:`global_ranking` makes them population-wide."""
    screened = screen_batch_result(batch, context).suppliers
    return screened if isinstance(batch, pl.DataFrame) else screened.to_arrow()


def best_matches(matches: pl.DataFrame) -> pl.DataFrame:
    """Each supplier's most probable list match (matches come sorted by row_id, probability descending)."""
    return (
        matches.sort([ROW_ID, PROBABILITY], descending=[False, True])
        .unique(ROW_ID, keep="first", maintain_order=True)
        .select(
            ROW_ID,
            pl.col(LIST_ID).alias("best_list_id"),
            pl.col(ENTITY_ID).alias("best_entity_id"),
            pl.col(MATCHED_NAME).alias("best_matched_name"),
            pl.col(PROBABILITY).alias("best_probability"),
            pl.col(BAND).alias("best_band"),
        )
    )


def converted_spend(suppliers: pl.DataFrame, context: BatchContext) -> pl.DataFrame:
    """spend_value, spend_currency and spend_converted as screener.pipeline adds them (the context's currency,
    rates and spend column, else the rules' currency, the bundled ECB rates and the rules' leverage_column):
    spend_converted is the numerator of leverage, here and in global_ranking."""
    if context.spend_column is not None and context.spend_column not in suppliers.columns:
        raise SpendColumnError(
            f"{option('spend_column')} {context.spend_column!r}: no such column in the supplier file.",
            hint="Give one of its headers: "
            + ", ".join(repr(c) for c in suppliers.columns if c not in RESERVED),
        )
    if context.spend_column is None:
        files = (
            suppliers.get_column(SOURCE_FILE).unique().to_list() if SOURCE_FILE in suppliers.columns else []
        )
        check_file_columns(
            context.rules, suppliers.columns, [f for f in files if f] or ["the supplier table"]
        )
    meta = [
        pl.lit(None, pl.String).alias(c) for c in (SOURCE_FILE, SOURCE_SHEET) if c not in suppliers.columns
    ]
    if SOURCE_ROW not in suppliers.columns:
        meta.append(pl.lit(None, pl.Int64).alias(SOURCE_ROW))
    framed = suppliers.with_columns(meta) if meta else suppliers
    column, currency, rates = context.spend_settings()
    header = context.column_map.get(column, column)
    headers = {key: header for key in framed.select(SOURCE_FILE, SOURCE_SHEET).unique().rows()}
    spend = add_spend_values(framed, column, headers, currency, rates)
    return spend.suppliers.select(*suppliers.columns, SPEND_VALUE, SPEND_CURRENCY, SPEND_CONVERTED)


def global_ranking(ranked: pl.LazyFrame | pl.DataFrame, rules) -> pl.DataFrame:
    """row_id, leverage and rank over all suppliers, ordered as screener.risk ranks them (tier, then the
    rules' prioritisation order, ties by row_id)."""
    spend = pl.col(SPEND_CONVERTED).clip(lower_bound=0.0).fill_null(0.0).fill_nan(0.0)
    slim = ranked.lazy().select(ROW_ID, TIER, SEVERITY, LIKELIHOOD, SCORE, spend).collect()
    total = slim[SPEND_CONVERTED].sum()
    slim = slim.with_columns(
        (pl.col(SPEND_CONVERTED) / total if total else pl.lit(0.0)).alias(LEVERAGE),
        pl.col(SEVERITY).replace_strict(SEVERITY_RANK, default=0, return_dtype=pl.Int64).alias("_severity"),
    )
    ordered = sort_by_priority(slim, rules)
    return ordered.select(ROW_ID, LEVERAGE, pl.int_range(1, pl.len() + 1, dtype=pl.Int64).alias(RANK))


# --- streaming a large csv ---------------------------------------------------------------------------------------


@dataclass
class CsvChunk:
    """Consecutive complete records of a csv: raw bytes, the file line and the record number (the row Excel
    shows) of the first, whether it holds the header."""

    data: bytes
    first_line: int
    has_header: bool
    first_record: int = 1


def csv_chunks(path: Path, records: int, header_lines: int | None = None) -> Iterator[CsvChunk]:
    """Cut a csv into chunks of about ``records`` lines, only where no quoted cell is open (an even number of
    ``"`` so far), so a line break inside a quoted cell never splits a record. The first chunk starts at line 1
    (title rows and header included) and is at least ``header_lines`` long when given."""
    lines: list[bytes] = []
    first_line, number, open_quote = 1, 0, False
    first_record, record = 1, 0
    with path.open("rb") as handle:
        for line in handle:
            number += 1
            lines.append(line)
            open_quote ^= line.count(b'"') % 2 == 1
            record += not open_quote
            minimum = records + (header_lines or 0) if first_line == 1 else records
            if not open_quote and len(lines) >= minimum:
                yield CsvChunk(b"".join(lines), first_line, first_line == 1, first_record)
                lines, first_line, first_record = [], number + 1, record + 1
    if lines:
        yield CsvChunk(b"".join(lines), first_line, first_line == 1, first_record)


def _header_prefix(path: Path, header_row: int, header_rows: int) -> bytes:
    """The header record(s) as bytes: records ``header_row`` .. ``header_row + header_rows - 1`` (record numbers,
    so a quoted line break above the header does not move it)."""
    kept, record, open_quote = [], 1, False
    with path.open("rb") as handle:
        for line in handle:
            if header_row <= record < header_row + header_rows:
                kept.append(line)
            open_quote ^= line.count(b'"') % 2 == 1
            record += not open_quote
            if record >= header_row + header_rows:
                break
    text = b"".join(kept)
    return text if text.endswith(b"\n") else text + b"\n"


def _read_chunk(data: bytes, folder: Path, suffix: str, encoding: str | None = None):
    """One chunk read by the normal reader; with ``encoding`` (decided for the whole file), the chunk is first
    decoded in it, stray bytes as U+FFFD, so no chunk is re-read in another encoding on its own evidence."""
    if encoding is not None:
        data = data.decode(encoding, errors="replace").encode("utf-8")
    chunk_path = folder / f"chunk{suffix}"
    chunk_path.write_bytes(data)
    return read_suppliers([chunk_path])


def _whole_file_kind(path: Path) -> FileKind:
    """The kind and encoding the reader decides for the whole file (screener.io.sniff), for the chunks to share."""
    kind = sniff(path, str(path), ReadLimits(max_file_bytes=1 << 62))
    if kind.kind == "csv" and kind.encoding is not None and kind.encoding.startswith("utf-16"):
        raise InputFileError(
            f"{path}: UTF-16 csv files cannot be streamed in chunks.",
            hint="Save the file as UTF-8 csv, or screen it without streaming.",
        )
    return kind


def read_csv_in_batches(
    path: str | Path, batch_size: int = DEFAULT_BATCH_SIZE, *, header_search_lines: int = HEADER_SEARCH_LINES
) -> Iterator[tuple[object, ...]]:
    """(suppliers, rejected, info) per chunk of a csv (a workbook, or a web page or XML saved as .xls, is one
    chunk: cutting it by lines would break it), with row_id, source_file and source_row as an unbatched
    read of the whole file gives them. The header is found in the first chunk (``header_search_lines`` longer
    than the others, so title rows above the header fit in it) by the normal reader."""
    path = Path(path)
    if not path.is_file():
        raise InputFileError(f"{path}: no such file.", hint="Check the path.")
    rows_before, prefix, info0 = 0, b"", None
    kind = _whole_file_kind(path)
    if (
        kind.kind != "csv"
    ):  # a workbook, or a web page or XML saved as .xls: read whole (cutting it by lines breaks it)
        read = read_suppliers([path])
        yield read.suppliers, read.rejected, read.inputs[0]
        return
    encoding = kind.encoding
    with tempfile.TemporaryDirectory(prefix="screener-stream-") as tmp:
        folder = Path(tmp)
        for chunk in csv_chunks(path, batch_size, header_lines=header_search_lines):
            if chunk.has_header:
                read = _read_chunk(chunk.data, folder, path.suffix or ".csv", encoding)
                info0 = read.inputs[0]
                prefix = _header_prefix(path, info0.header_row or 1, info0.header_rows)
                line_shift = 0
            else:
                read = _read_chunk(prefix + chunk.data, folder, path.suffix or ".csv", encoding)
                line_shift = chunk.first_record - 1 - info0.header_rows
            info = read.inputs[0]
            fix = [
                pl.col(ROW_ID) + rows_before,
                pl.col(SOURCE_ROW) + line_shift,
                pl.lit(str(path), dtype=pl.String).alias(SOURCE_FILE),
            ]
            suppliers = read.suppliers.with_columns(fix)
            rejected = read.rejected.with_columns(fix) if read.rejected.height else read.rejected
            rows_before += info.rows_read
            yield suppliers, rejected, info


def screen_csv_streaming(
    path: str | Path,
    out_dir: str | Path,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    fmt: str = "parquet",
    context: BatchContext | None = None,
    force: bool = False,
    header_search_lines: int = HEADER_SEARCH_LINES,
    workers: int = 1,
) -> dict:
    """Screen a large csv batch by batch into ``out_dir``: suppliers-risk.<fmt> (every supplier, riskiest
    first), matches.<fmt>, rejected.<fmt> and manifest.json. Returns the manifest (counts, seconds, files).

    With ``workers`` > 1, batches are screened in that many processes (each gets the context once); this
    process keeps reading, and at most ``workers + 1`` batches are in memory at a time. Workers are spawned
    processes, so a script that calls this with ``workers`` > 1 needs the usual ``if __name__ == "__main__":``
    guard."""
    if fmt not in ("parquet", "csv"):
        raise OutputError(f"streaming output format {fmt!r} is not supported.", hint="Use parquet or csv.")
    started = time.perf_counter()
    out = Path(out_dir)
    target = out / f"suppliers-risk.{fmt}"
    if target.exists() and not force:
        raise OutputError(f"{target} exists.", hint=f"Use {option('force', 'True')} or another folder.")
    parts = out / "parts"
    out_existed = out.exists()
    parts.mkdir(parents=True, exist_ok=True)
    for old in parts.glob("*.parquet"):
        old.unlink()
    context = context or BatchContext.build()
    counts = {"batches": 0, "suppliers": 0, "rejected": 0, "matches": 0}
    batches = read_csv_in_batches(path, batch_size, header_search_lines=header_search_lines)
    try:
        for screened, matched in _screen_parts(batches, parts, context, workers, counts):
            counts["suppliers"] += screened
            counts["matches"] += matched
    except BaseException:  # nothing half-written is left behind: the scratch parts, and the folder if ours
        shutil.rmtree(parts, ignore_errors=True)
        if not out_existed and out.is_dir() and not any(out.iterdir()):
            out.rmdir()
        raise
    files = _finish(parts, out, fmt, context.rules)
    manifest = {**counts, "seconds": round(time.perf_counter() - started, 3), "batch_size": batch_size}
    manifest["workers"] = workers
    manifest["files"] = [str(f) for f in files]
    manifest["lists"] = context.lists.provenance() if hasattr(context.lists, "provenance") else []
    column, currency, rates = context.spend_settings()
    manifest["spend"] = {"column": column, "reporting_currency": currency, "rates": rates.describe()}
    write_atomically(out / "manifest.json", json.dumps(manifest, indent=2, default=str).encode("utf-8"))
    shutil.rmtree(parts, ignore_errors=True)  # scratch parts; the report is the files above
    return manifest


_WORKER_CONTEXT: BatchContext | None = None


def _start_worker(context: BatchContext) -> None:
    global _WORKER_CONTEXT
    _WORKER_CONTEXT = context


def _screen_part(parts: Path, number: int, suppliers: pl.DataFrame, context: BatchContext | None = None):
    """Screen one batch and write its parts; (suppliers, matches) counted."""
    result = screen_batch_result(suppliers, context or _WORKER_CONTEXT)
    result.suppliers.drop(RANK).write_parquet(parts / f"suppliers-{number:05d}.parquet")
    result.matches.write_parquet(parts / f"matches-{number:05d}.parquet")
    return result.suppliers.height, result.matches.height


def _screen_parts(batches, parts: Path, context: BatchContext, workers: int, counts: dict):
    """(suppliers, matches) per batch, screened here or in worker processes; rejected rows written here."""
    numbered = enumerate(batches, start=1)
    if workers <= 1:
        for number, (suppliers, rejected, _info) in numbered:
            _write_rejected(parts, number, rejected, counts)
            yield _screen_part(parts, number, suppliers, context)
        return
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    # spawn, not fork: polars' thread pool does not survive a fork
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=spawn, initializer=_start_worker, initargs=(context,)
    ) as pool:
        pending = set()
        for number, (suppliers, rejected, _info) in numbered:
            _write_rejected(parts, number, rejected, counts)
            pending.add(pool.submit(_screen_part, parts, number, suppliers))
            if len(pending) > workers:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (future.result() for future in done)
        yield from (future.result() for future in pending)


def _write_rejected(parts: Path, number: int, rejected: pl.DataFrame, counts: dict) -> None:
    rejected.write_parquet(parts / f"rejected-{number:05d}.parquet")
    counts["batches"] += 1
    counts["rejected"] += rejected.height


def _finish(parts: Path, out: Path, fmt: str, rules) -> list[Path]:
    """Global leverage and rank over all parts, then the sorted report files (polars streams the sort)."""
    ranked = pl.scan_parquet(parts / "suppliers-*.parquet")
    ranking = global_ranking(ranked, rules)
    ranking.write_parquet(parts / "ranking.parquet")
    final = (
        ranked.drop(LEVERAGE)
        .join(pl.scan_parquet(parts / "ranking.parquet"), on=ROW_ID, how="left")
        .sort(RANK)
        .select(RANK, pl.all().exclude(RANK))
    )
    written = []
    for name, frame in (
        ("suppliers-risk", final),
        ("matches", pl.scan_parquet(parts / "matches-*.parquet")),
        ("rejected", pl.scan_parquet(parts / "rejected-*.parquet")),
    ):
        target = out / f"{name}.{fmt}"
        partial = target.with_name(target.name + ".partial")
        if fmt == "parquet":
            frame.sink_parquet(partial)
        else:
            escape_formula_text(frame.collect()).write_csv(partial, quote_style=CSV_QUOTE_STYLE)
        partial.replace(target)
        written.append(target)
    return written
