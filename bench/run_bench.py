"""`make bench`: end-to-end and per-stage timings, throughput, peak memory and a naive baseline from the same run.

    python -m bench.run_bench            # full scenarios (100k xlsx; 1M csv x 500k names): several minutes
    python -m bench.run_bench --quick    # small sizes, for development
    python -m bench.run_bench --render   # rebuild docs/performance.md from bench/results.json only

Each scenario runs in its own process (so peak RSS is that scenario's and no cache of one run warms another) with
a fresh match-index cache, so the first pass measures the cold list parse and index build; the warm load of the
same index is measured after it. The naive baseline (rapidfuzz ``process.extractOne`` over the same list names)
runs in its own process on a stratified sample of the same suppliers (every planted row up to a cap, plus as many
unplanted rows) and its time per supplier is extrapolated to the full file; the extrapolation is labelled as such.
Results go to bench/results.json; docs/performance.md is rendered from that file. Before they are written, each
scenario's times are divided by those of the previous committed results (git HEAD's bench/results.json) and
printed, so a slowdown shows in the run that causes it.

The scenario ``xlsx-100k-multilingual`` screens ../shared/bench/multilingual_suppliers_100k.xlsx (100,000 rows in 7
locales, Han and Cyrillic among them; not committed: ``SCREENER_BENCH_SHARED`` names another folder holding
``bench/``). It has no ground truth, so its naive baseline is timed but neither side's recall is measured; it is
skipped with a message where the file is absent.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import polars as pl

from bench import generate

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
RESULTS = ROOT / "bench" / "results.json"
DOC = ROOT / "docs" / "performance.md"
NAIVE_SCORE_CUTOFF = 90  # a typical hand-rolled screening threshold on WRatio (0-100)

SHARED_WORKBOOK = "bench/multilingual_suppliers_100k.xlsx"  # inside ../shared (not committed)
SCENARIOS = {
    "full": {
        "xlsx-100k-multilingual": {
            "rows": 100_000,
            "format": "xlsx",
            "list_names": 0,
            "report": ["xlsx"],
            "shared_file": SHARED_WORKBOOK,
            "name_column": "name",
        },
        "xlsx-100k-bundled": {"rows": 100_000, "format": "xlsx", "list_names": 0, "report": ["xlsx"]},
        "csv-1m-500k-names": {
            "rows": 1_000_000,
            "format": "csv",
            "list_names": 500_000,
            "report": ["parquet", "csv"],
            "streaming": True,
            # Every row is screened (set "measure_rows" to time only the file's first rows and extrapolate, as the
            # page then says). Streaming is timed on the first "stream_rows" rows.
            "stream_rows": 100_000,
            "stream_batch": 25_000,
        },
    },
    "quick": {
        "xlsx-100k-bundled": {"rows": 5_000, "format": "xlsx", "list_names": 0, "report": ["xlsx"]},
        "csv-1m-500k-names": {
            "rows": 20_000,
            "format": "csv",
            "list_names": 20_000,
            "report": ["parquet", "csv"],
            "streaming": True,
            "stream_batch": 5_000,
        },
    },
}
# (planted rows, unplanted rows) of the naive baseline's sample, per mode and scenario: extractOne over 500k names
# takes about a second per supplier here, so the big scenario gets a smaller sample.
NAIVE_SAMPLE = {
    "full": {
        "xlsx-100k-bundled": (300, 300),
        "csv-1m-500k-names": (100, 100),
        "xlsx-100k-multilingual": (0, 600),
    },
    "quick": {"xlsx-100k-bundled": (60, 60), "csv-1m-500k-names": (60, 60)},
}
# Issue #17's targets (2 cores): the 100k workbook in 10 s within 1 GB, a million suppliers against half a million
# names in 90 s within 4 GB, the match stage at 20,000 suppliers/s once the index is built and 100x the naive loop.
TARGETS = {
    "xlsx-100k-multilingual": {"end_to_end_seconds": 10.0, "peak_rss_gb": 1.0, "match_per_second": 20_000},
    "xlsx-100k-bundled": {"end_to_end_seconds": 10.0, "peak_rss_gb": 1.0, "match_per_second": 20_000},
    "csv-1m-500k-names": {"end_to_end_seconds": 90.0, "peak_rss_gb": 4.0},
}
SPEED_TARGET = 100.0
# A time this much above the previous committed results is flagged as a slowdown (the machine is shared: noise).
SLOWDOWN_FLAG = 1.2
# Which module does the work of each stage: the bottleneck table names them.
STAGE_OWNERS = {
    "country names (CLDR table, cold cache)": "screener/normalize/countries.py cldr_names (babel, pycountry)",
    "rules": "screener/indicators/config.py (load_rules)",
    "read": "screener/io (read_suppliers)",
    "countries": "screener/normalize/countries.py (add_country_codes)",
    "typed values (spend, dates)": "screener/pipeline.py typed_values (screener/normalize/spend.py, typed.py)",
    "list evidence": "screener/match/evidence.py add_list_evidence, screener/normalize/identifier_checks.py",
    "data quality": "screener/quality.py data_quality",
    "lists (cold parse)": "screener/lists (parsers; the custom-list parser for generated lists)",
    "index (cold build)": "screener/match/engine.py build_index, screener/match/candidates.py",
    "index (warm, disk cache)": "screener/match/engine.py _load_cached",
    "normalise suppliers": "screener/normalize/names.py normalize_names",
    "match (incl. normalise)": "screener/match (candidates, features, classifier, explain)",
    "review decisions": "screener/review apply_decisions",
    "indicators": "screener/indicators evaluate_indicators",
    "model": "screener/risk/model.py score_suppliers",
    "rank": "screener/risk/ranking.py rank_suppliers",
    "report (xlsx)": "screener/report/excel.py",
    "report (csv)": "screener/report/machine.py",
    "report (parquet)": "screener/report/machine.py",
}


# --- measuring ---------------------------------------------------------------------------------------------------


def rss_bytes(pid: int | str = "self") -> int:
    """Resident set size now of this process and every process it started that is still running (the match
    stage's worker process among them): the memory the run holds (Linux /proc; 0 elsewhere)."""
    try:
        with open(f"/proc/{pid}/statm") as handle:
            own = int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0
    return own + sum(rss_bytes(child) for child in child_pids(pid))


def child_pids(pid: int | str = "self") -> list[int]:
    children = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                children += [int(child) for child in handle.read().split()]
    except (OSError, ValueError):
        pass
    return children


def cpu_seconds() -> float:
    """CPU seconds of this process's threads and of its ended child processes (the match stage's worker is
    counted once the stage has shut it down)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def peak_rss_bytes() -> int:
    """Peak RSS of this process so far (ru_maxrss is in KiB on Linux), or of the largest ended child process
    when larger; RssSampler adds up processes running at once."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) * 1024


class RssSampler:
    """The largest resident set of this process and its child processes together, sampled every 20 ms in a
    thread: a worker process's memory counts while it runs beside this one."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, rss_bytes())

    def close(self) -> int:
        self._stop.set()
        self._thread.join()
        return max(self.peak, rss_bytes(), peak_rss_bytes())


class Stages:
    """Times stages (wall clock, and CPU seconds of every thread of the process and of the worker processes it
    started: on a shared machine the CPU time moves much less with the load than the wall time) and samples RSS
    (this process and its workers together) every 20 ms in a thread, so each stage gets its own peak."""

    def __init__(self) -> None:
        self.records: dict[str, dict] = {}
        self._peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            self._peak = max(self._peak, rss_bytes())

    @contextmanager
    def stage(self, name: str):
        self._peak = rss_bytes()
        started, cpu = time.perf_counter(), cpu_seconds()
        yield
        seconds, cpu_used = time.perf_counter() - started, cpu_seconds() - cpu
        self._peak = max(self._peak, rss_bytes())
        self.records[name] = {
            "seconds": round(seconds, 3),
            "cpu_seconds": round(cpu_used, 3),
            "peak_rss_mb": round(self._peak / 2**20),
        }

    def seconds(self, name: str) -> float:
        return self.records[name]["seconds"] if name in self.records else 0.0

    def close(self) -> None:
        self._stop.set()
        self._thread.join()


# --- data --------------------------------------------------------------------------------------------------------


def shared_folder() -> Path | None:
    """../shared (beside the checkout, or beside the folder of worktrees), or $SCREENER_BENCH_SHARED."""
    named = os.environ.get("SCREENER_BENCH_SHARED")
    candidates = [Path(named)] if named else [ROOT.parent / "shared", ROOT.parent.parent / "shared"]
    return next((folder for folder in candidates if folder.is_dir()), None)


def shared_file(spec: dict) -> Path | None:
    folder = shared_folder()
    path = folder / spec["shared_file"] if folder else None
    return path if path is not None and path.is_file() else None


def scenario_files(name: str, spec: dict) -> dict[str, Path]:
    """Generate (or reuse: the generator is deterministic) the supplier file, its truth and the extra list; or
    the workbook from ../shared, which has no truth file."""
    if "shared_file" in spec:
        path = shared_file(spec)
        if path is None:
            raise FileNotFoundError(f"../shared/{spec['shared_file']}")
        return {"suppliers": path, "measured": path}
    folder = WORK / f"{name}-{spec['rows']}-{spec['list_names']}"
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "suppliers": folder / f"suppliers.{spec['format']}",
        "truth": folder / "truth.csv",
    }
    if spec["list_names"]:
        files["list"] = folder / "generated-list.csv"
    if all(path.is_file() for path in files.values()):
        return with_measured_prefix(files, spec)
    started = time.perf_counter()
    if spec["list_names"]:
        listed = generate.generated_list(spec["list_names"])
        listed.write(files["list"])
        targets = generate.generated_targets(listed, "generated-list")
    else:
        from screener.lists import load_lists

        targets = generate.bundled_targets(load_lists().entries)
    suppliers, truth = generate.supplier_frame(spec["rows"], targets)
    generate.write_suppliers(suppliers, files["suppliers"])
    truth.write_csv(files["truth"])
    print(f"  generated {name} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return with_measured_prefix(files, spec)


def measured_rows(spec: dict) -> int:
    return spec.get("measure_rows") or spec["rows"]


def with_measured_prefix(files: dict[str, Path], spec: dict) -> dict[str, Path]:
    """When only the first rows are measured, a csv of those rows ("measured"); else the whole file."""
    rows = measured_rows(spec)
    if rows == spec["rows"]:
        return {**files, "measured": files["suppliers"]}
    prefix = files["suppliers"].with_name(f"suppliers-first-{rows}.csv")
    if not prefix.is_file():
        pl.read_csv(files["suppliers"], n_rows=rows, infer_schema=False).write_csv(prefix)
    return {**files, "measured": prefix}


def streamed_file(files: dict[str, Path], spec: dict) -> Path:
    """The csv the streaming run screens: the measured rows, or their first "stream_rows" rows."""
    rows = spec.get("stream_rows")
    if not rows or rows >= measured_rows(spec):
        return files["measured"]
    prefix = files["suppliers"].with_name(f"suppliers-first-{rows}.csv")
    if not prefix.is_file():
        pl.read_csv(files["suppliers"], n_rows=rows, infer_schema=False).write_csv(prefix)
    return prefix


def measured_truth(files: dict[str, Path], spec: dict) -> pl.DataFrame:
    """Ground truth of the measured rows (header on line 1, so data rows are lines 2..rows+1)."""
    if "truth" not in files:  # the shared workbook: no row is known to be listed
        return pl.DataFrame(schema={"source_row": pl.Int64, "entity_id": pl.String})
    truth = pl.read_csv(files["truth"])
    return truth.filter(pl.col("source_row") <= measured_rows(spec) + 1)


def naive_sample(truth: pl.DataFrame, rows: int, mode: str, scenario: str, seed: int = 5) -> list[int]:
    """Source rows of the baseline sample: planted rows up to a cap, plus unplanted rows."""
    planted_cap, unplanted = NAIVE_SAMPLE[mode][scenario]
    rng = random.Random(seed)
    planted = truth["source_row"].to_list()
    planted = rng.sample(planted, min(planted_cap, len(planted)))
    taken = set(truth["source_row"].to_list())
    others: list[int] = []
    while len(others) < unplanted:
        row = rng.randrange(2, rows + 2)
        if row not in taken:
            taken.add(row)
            others.append(row)
    return sorted(planted + others)


# --- scoring against the ground truth ----------------------------------------------------------------------------


def recall_of(found: pl.DataFrame, truth: pl.DataFrame, rows: list[int] | None = None) -> dict:
    """found: (source_row, entity_id) predicted; recall over planted rows and false-alarm rate over the others."""
    planted = truth.select("source_row", "entity_id")
    if rows is not None:
        planted = planted.filter(pl.col("source_row").is_in(rows))
        found = found.filter(pl.col("source_row").is_in(rows))
    hit = planted.join(found, on=["source_row", "entity_id"], how="semi").height
    unplanted_alarms = found.filter(~pl.col("source_row").is_in(truth["source_row"].implode()))
    return {
        "planted": planted.height,
        "found": hit,
        "recall": round(hit / planted.height, 4) if planted.height else None,
        "false_alarm_rows": unplanted_alarms["source_row"].n_unique(),
    }


# --- one scenario in its own process -----------------------------------------------------------------------------


def run_pipeline(name: str, spec: dict, files: dict[str, Path], mode: str, sample: list[int]) -> dict:
    """Every stage of screener.pipeline.screen, in its order, timed one by one (cold caches), then the warm index
    load."""
    from screener.contracts import Screening
    from screener.indicators import evaluate_indicators, load_rules
    from screener.io import read_suppliers
    from screener.lists import load_lists
    from screener.lists.status import in_force
    from screener.match import build_index, match_suppliers
    from screener.match.engine import normalise_suppliers
    from screener.match.evidence import add_list_evidence
    from screener.normalize import names as name_normaliser
    from screener.normalize.countries import add_country_codes, cldr_names
    from screener.normalize.identifier_checks import supplier_identifiers
    from screener.normalize.spend import ecb_rates
    from screener.pipeline import release_freed_memory, typed_values
    from screener.quality import QualityInput, conform, data_quality
    from screener.report import write_report
    from screener.review import apply_decisions, counting_matches, load_decisions
    from screener.risk import rank_suppliers

    stages = Stages()
    extra = [files["list"]] if "list" in files else []
    with stages.stage("country names (CLDR table, cold cache)"):
        cldr_names()  # built once per machine and babel version, then read from the cache (what `rules` showed)
    with stages.stage("rules"):
        rules = load_rules(None)
    with stages.stage("read"):
        read = read_suppliers([files["measured"]])
    with stages.stage("countries"):
        suppliers = add_country_codes(read.suppliers)
    with stages.stage("typed values (spend, dates)"):
        currency = rules.section("prioritisation").get("currency") or "EUR"
        suppliers, value_problems, _ = typed_values(
            suppliers, read.inputs, rules, currency, None, ecb_rates()
        )
    with stages.stage("lists (cold parse)"):
        listset = load_lists(extra)
    with stages.stage("index (cold build)"):
        index = build_index(listset.entries, cache_key=listset.versions_key())
    with stages.stage("normalise suppliers"):
        normalise_suppliers(suppliers)
    name_normaliser.normalize_name.cache_clear()  # the match stage below normalises again, from cold
    with stages.stage("match (incl. normalise)"):
        matches = match_suppliers(suppliers, index, rules.match_settings)
        release_freed_memory()  # as screen_frame does after the match stage
    with stages.stage("list evidence"):
        supplier_ids, invalid_ids = supplier_identifiers(
            suppliers, QualityInput(suppliers, read.inputs).header_of
        )
        matches = add_list_evidence(matches, suppliers, supplier_ids, listset, rules.match_settings)
    with stages.stage("review decisions"):
        matches = apply_decisions(matches, suppliers, load_decisions(None))
    with stages.stage("indicators"):
        hits = evaluate_indicators(suppliers, counting_matches(matches), listset, rules)
    from screener.risk.model import default_model_path, load_model, score_suppliers

    model_scores, model_note = None, "not run: no bundled supplier risk model"
    if default_model_path().exists():  # as screener.screen does: the bundled model when there is one
        model_note = "bundled supplier risk model (load + score)"
        with stages.stage("model"):
            loaded = load_model(default_model_path())
            model_scores = score_suppliers(
                suppliers, in_force(counting_matches(matches), listset.entries), hits, loaded
            )
    with stages.stage("rank"):
        ranking = rank_suppliers(suppliers, hits, rules, model_scores)
    with stages.stage("data quality"):
        found = [conform(invalid_ids), value_problems]
        quality_table = data_quality(QualityInput(suppliers, read.inputs), found=found)
    screening = Screening(
        suppliers,
        read.rejected,
        matches,
        hits,
        ranking,
        listset,
        rules,
        read.inputs,
        data_quality=quality_table,
    )
    screening.manifest = {"tool": "screener", "bench": name, "rows_in": screening.rows_in}
    out_dir = Path(tempfile.mkdtemp(prefix="bench-report-", dir=WORK))
    for fmt in spec["report"]:
        with stages.stage(f"report ({fmt})"):
            write_report(screening, report_path(out_dir, fmt), fmt, force=True)
    shutil.rmtree(out_dir, ignore_errors=True)
    with stages.stage("lists (warm, parse cache)"):
        listset = load_lists(extra)
    with stages.stage("index (warm, disk cache)"):
        build_index(listset.entries, cache_key=listset.versions_key())
    stages.close()

    found = matches.join(suppliers.select("row_id", "source_row"), on="row_id").select(
        "source_row", "entity_id", "band"
    )
    truth = measured_truth(files, spec)
    in_match = found.filter(pl.col("band") == "match")
    quality = {
        "match_band": recall_of(in_match, truth),
        "match_or_review": recall_of(found, truth),
        "sample_match_band": recall_of(in_match, truth, sample),
        "sample_match_or_review": recall_of(found, truth, sample),
    }
    return {
        "rows": read.suppliers.height + read.rejected.height,
        "suppliers": suppliers.height,
        "list_names": listset.entries.height,
        "matches": matches.height,
        "hits": hits.height,
        "model": model_note,
        "stages": stages.records,
        "quality": quality,
        "peak_rss_mb": max(
            round(peak_rss_bytes() / 2**20), *(r["peak_rss_mb"] for r in stages.records.values())
        ),
    }


def report_path(folder: Path, fmt: str) -> Path:
    """Where a report of ``fmt`` goes: csv and parquet reports are folders, named without a file suffix (the
    writer refuses 'x.parquet' for a folder)."""
    from screener.report.writer import FOLDER_FORMATS

    return folder / (f"suppliers-risk-{fmt}" if fmt in FOLDER_FORMATS else f"suppliers-risk.{fmt}")


def run_end_to_end(name: str, spec: dict, files: dict[str, Path]) -> dict:
    """screener.screen + write_report exactly as the CLI runs them (list parse and index caches warm)."""
    from screener.pipeline import screen
    from screener.report import write_report

    extra = [files["list"]] if "list" in files else []
    out_dir = Path(tempfile.mkdtemp(prefix="bench-e2e-", dir=WORK))
    fmt = spec["report"][0]
    sampler = RssSampler()
    started, cpu = time.perf_counter(), cpu_seconds()
    screening = screen([files["measured"]], lists=extra)
    screened = time.perf_counter() - started
    write_report(screening, report_path(out_dir, fmt), fmt, force=True)
    total = time.perf_counter() - started
    shutil.rmtree(out_dir, ignore_errors=True)
    return {
        "format": fmt,
        "screen_seconds": round(screened, 3),
        "report_seconds": round(total - screened, 3),
        "seconds": round(total, 3),
        "cpu_seconds": round(cpu_seconds() - cpu, 3),
        "suppliers_per_second": round(screening.suppliers.height / total),
        "peak_rss_mb": round(sampler.close() / 2**20),
    }


def run_streaming(name: str, spec: dict, files: dict[str, Path]) -> dict:
    """screener.batch.screen_csv_streaming (caches warm), in this process and then in two worker processes:
    time and peak memory (the workers' memory is theirs, not counted in this process's peak)."""
    from screener.batch import BatchContext, screen_csv_streaming

    extra = [files["list"]] if "list" in files else []
    started = time.perf_counter()
    context = BatchContext.build(lists=extra)
    prepared = time.perf_counter() - started
    batch = spec.get("stream_batch", 100_000)
    streamed = streamed_file(files, spec)
    result: dict = {"batch_size": batch, "context_seconds": round(prepared, 3)}
    for workers in (1, 2):
        out_dir = Path(tempfile.mkdtemp(prefix="bench-stream-", dir=WORK))
        started = time.perf_counter()
        manifest = screen_csv_streaming(
            streamed, out_dir, batch_size=batch, fmt="parquet", context=context, workers=workers
        )
        seconds = time.perf_counter() - started
        shutil.rmtree(out_dir, ignore_errors=True)
        key = "" if workers == 1 else f"_{workers}_workers"
        result.update(
            {
                "suppliers": manifest["suppliers"],
                "batches": manifest["batches"],
                f"seconds{key}": round(seconds + (prepared if workers == 1 else 0), 3),
                f"suppliers_per_second{key}": round(manifest["suppliers"] / seconds),
            }
        )
        if workers == 1:
            result["peak_rss_mb"] = round(peak_rss_bytes() / 2**20)
    return result


def run_naive(name: str, spec: dict, files: dict[str, Path], sample: list[int]) -> dict:
    """rapidfuzz process.extractOne (WRatio, default_process, cutoff 90) per supplier over every list name."""
    from rapidfuzz import fuzz, process, utils

    from screener.lists import load_lists

    extra = [files["list"]] if "list" in files else []
    entries = load_lists(extra).entries.select("name", "entity_id").drop_nulls("name")
    choices = [utils.default_process(n) for n in entries["name"].to_list()]  # processed once, to be fair
    owners = entries.group_by("name", maintain_order=True).agg("entity_id")
    by_name = dict(zip(owners["name"].to_list(), owners["entity_id"].to_list(), strict=True))
    names = entries["name"].to_list()
    if spec["format"] == "csv":
        frame = pl.read_csv(files["measured"], infer_schema=False)
    else:
        frame = pl.read_excel(files["suppliers"], engine="calamine", infer_schema_length=0)
    frame = frame.with_row_index("source_row", offset=2).filter(pl.col("source_row").is_in(sample))
    queries = frame.select(pl.col("source_row").cast(pl.Int64), spec.get("name_column", "Vendor Name")).rows()
    found = []
    started = time.perf_counter()
    for source_row, supplier_name in queries:
        best = process.extractOne(
            utils.default_process(supplier_name or ""),
            choices,
            scorer=fuzz.WRatio,
            processor=None,
            score_cutoff=NAIVE_SCORE_CUTOFF,
        )
        if best is not None:
            found.extend((source_row, entity) for entity in by_name[names[best[2]]])
    seconds = time.perf_counter() - started
    per_supplier = seconds / max(len(queries), 1)
    truth = measured_truth(files, spec)
    predicted = pl.DataFrame(found, schema={"source_row": pl.Int64, "entity_id": pl.String}, orient="row")
    return {
        "method": f"rapidfuzz process.extractOne, scorer WRatio, utils.default_process, score_cutoff "
        f"{NAIVE_SCORE_CUTOFF}, list names preprocessed once",
        "sample_suppliers": len(queries),
        "list_names": len(choices),
        "sample_seconds": round(seconds, 3),
        "seconds_per_supplier": per_supplier,
        "extrapolated_seconds_measured_rows": round(per_supplier * measured_rows(spec), 1),
        "extrapolated_seconds_full_file": round(per_supplier * spec["rows"], 1),
        "extrapolated": True,
        "quality": recall_of(predicted, truth, sample),
    }


BREAKDOWN_ROWS = 5_000


def warm_caches(files: dict[str, Path]) -> dict:
    """Parse the lists and build the match index once, so the breakdown measures a warm run."""
    from screener.lists import load_lists
    from screener.match import build_index

    started = time.perf_counter()
    listset = load_lists([files["list"]] if "list" in files else [])
    build_index(listset.entries, cache_key=listset.versions_key())
    return {"seconds": round(time.perf_counter() - started, 3)}


def run_breakdown(name: str, spec: dict, files: dict[str, Path]) -> dict:
    """The match stage cut into its steps (screener.match.engine, in match_suppliers' order) on the first
    BREAKDOWN_ROWS suppliers, index loaded from the warm cache: where matching spends its time."""
    from screener.indicators import load_rules
    from screener.io import read_suppliers
    from screener.lists import load_lists
    from screener.match import build_index, engine
    from screener.normalize import names as name_normaliser
    from screener.normalize.countries import add_country_codes

    extra = [files["list"]] if "list" in files else []
    settings = load_rules(None).match_settings
    suppliers = add_country_codes(read_suppliers([files["measured"]]).suppliers).head(BREAKDOWN_ROWS)
    listset = load_lists(extra)
    index = build_index(listset.entries, cache_key=listset.versions_key())
    index.classifier()  # loading the model is not a per-supplier cost
    name_normaliser.normalize_name.cache_clear()
    steps: dict[str, float] = {}

    def timed(step, function, *args):
        started = time.perf_counter()
        value = function(*args)
        steps[step] = round(time.perf_counter() - started, 3)
        return value

    def keep_and_band(scored):
        kept = engine.best_per_entity(scored.filter(pl.col("probability") >= settings.review_threshold))
        return kept.with_columns(engine.band_expression(settings))

    queries = timed("normalise supplier names", engine.normalise_suppliers, suppliers)
    pairs = timed(
        "candidates (3-gram TF-IDF top-k + rare tokens)", engine.candidate_frame, queries, index, 10
    )
    features = timed("pair features", engine.compute_features, pairs, index.weights)
    probability = timed("classifier", index.classifier().probability, features)
    scored = pl.concat([pairs, features], how="horizontal").with_columns(
        pl.Series("probability", probability)
    )
    kept = timed("best per entity + bands", keep_and_band, scored)
    timed("explanations", engine.explain_matches, kept, index.weights)
    return {
        "suppliers": suppliers.height,
        "list_names": listset.entries.height,
        "pairs": pairs.height,
        "steps_seconds": steps,
        "ms_per_supplier": {k: round(1000 * v / max(suppliers.height, 1), 3) for k, v in steps.items()},
    }


def child(args: argparse.Namespace) -> None:
    spec = SCENARIOS[args.mode][args.scenario]
    files = scenario_files(args.scenario, spec)
    sample = json.loads(Path(args.sample).read_text() or "[]") if args.sample else []
    if args.part == "pipeline":
        result = run_pipeline(args.scenario, spec, files, args.mode, sample)
    elif args.part == "end-to-end":
        result = run_end_to_end(args.scenario, spec, files)
    elif args.part == "streaming":
        result = run_streaming(args.scenario, spec, files)
    elif args.part == "pipeline-warmup":
        result = warm_caches(files)
    elif args.part == "breakdown":
        result = run_breakdown(args.scenario, spec, files)
    else:
        result = run_naive(args.scenario, spec, files, sample)
    Path(args.out).write_text(json.dumps(result, indent=2), encoding="utf-8")


def spawn(part: str, scenario: str, mode: str, sample_file: Path, cache: Path) -> dict:
    """Run one part in a fresh interpreter with the given cache folder and an empty store."""
    with tempfile.TemporaryDirectory(prefix="bench-store-") as store:
        out = Path(store) / "result.json"
        env = {**os.environ, "SCREENER_CACHE": str(cache), "SCREENER_STORE": store}
        command = [sys.executable, "-m", "bench.run_bench", "--child", part, "--scenario", scenario]
        command += ["--mode", mode, "--sample", str(sample_file), "--out", str(out)]
        print(f"  {scenario}: {part} ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        subprocess.run(command, check=True, env=env, cwd=ROOT)
        print(f"  {scenario}: {part} done in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        return json.loads(out.read_text(encoding="utf-8"))


# --- the parent: scenarios, ratios, targets ----------------------------------------------------------------------


def _shown(path: Path) -> str:
    with contextlib.suppress(ValueError):
        return str(path.relative_to(ROOT))
    return f"../shared/{path.relative_to(path.parents[1])}"


def run_scenario(scenario: str, mode: str) -> dict:
    spec = SCENARIOS[mode][scenario]
    files = scenario_files(scenario, spec)
    truth = measured_truth(files, spec)
    sample = naive_sample(truth, measured_rows(spec), mode, scenario)
    sample_file = WORK / f"{scenario}-{mode}-sample.json"
    sample_file.write_text(json.dumps(sample))
    cache = Path(tempfile.mkdtemp(prefix="bench-cache-", dir=WORK))  # cold: nothing parsed or indexed yet
    try:
        result: dict = {"spec": spec, "files": {k: _shown(v) for k, v in files.items()}}
        result["pipeline"] = spawn("pipeline", scenario, mode, sample_file, cache)
        if spec.get("end_to_end", True):
            result["end_to_end"] = spawn("end-to-end", scenario, mode, sample_file, cache)
        if spec.get("streaming"):
            result["streaming"] = spawn("streaming", scenario, mode, sample_file, cache)
        result["naive"] = spawn("naive", scenario, mode, sample_file, cache)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    if "end_to_end" not in result:
        result["end_to_end"] = extrapolated_end_to_end(result)
    result["comparison"] = compare(result)
    return result


def extrapolated_end_to_end(result: dict) -> dict:
    """A second run's time for all rows, from the measured stages: warm list and index loads once, plus every
    per-supplier stage scaled from the measured rows to all rows. Labelled as extrapolated."""
    spec, pipe = result["spec"], result["pipeline"]
    stages = pipe["stages"]
    fixed = ("rules", "lists (warm, parse cache)", "index (warm, disk cache)")
    per_row = [k for k in stages if k not in fixed and "cold" not in k and k != "normalise suppliers"]
    scale = spec["rows"] / measured_rows(spec)
    fixed_seconds = sum(stages[k]["seconds"] for k in fixed if k in stages)
    seconds = fixed_seconds + scale * sum(stages[k]["seconds"] for k in per_row)
    return {
        "format": "+".join(spec["report"]),
        "seconds": round(seconds, 1),
        "suppliers_per_second": round(spec["rows"] / seconds),
        "peak_rss_mb": pipe["peak_rss_mb"],
        "extrapolated": f"from the first {measured_rows(spec):,} rows: per-supplier stages x {scale:g}, plus the "
        "warm list and index loads once",
    }


def compare(result: dict) -> dict:
    """Speed and recall against the naive loop measured in the same run, on the same sample of suppliers."""
    stages = result["pipeline"]["stages"]
    rows = measured_rows(result["spec"])
    match_seconds = (
        stages["match (incl. normalise)"]["seconds"] + stages["index (warm, disk cache)"]["seconds"]
    )
    naive = result["naive"]
    ours = result["pipeline"]["quality"]
    return {
        "compared_rows": rows,
        "naive_seconds_extrapolated": naive["extrapolated_seconds_measured_rows"],
        "screener_match_seconds": round(match_seconds, 3),
        "speedup_match_stage": round(naive["extrapolated_seconds_measured_rows"] / match_seconds, 1),
        "speedup_end_to_end": round(
            naive["extrapolated_seconds_full_file"] / result["end_to_end"]["seconds"], 1
        ),
        "naive_recall_sample": naive["quality"]["recall"],
        "screener_recall_sample_match_band": ours["sample_match_band"]["recall"],
        "screener_recall_sample_match_or_review": ours["sample_match_or_review"]["recall"],
        "naive_false_alarm_rows_sample": naive["quality"]["false_alarm_rows"],
        "screener_false_alarm_rows_sample_match_band": ours["sample_match_band"]["false_alarm_rows"],
        "sample_suppliers": naive["sample_suppliers"],
        "suppliers_per_second_match_stage": round(rows / match_seconds),
    }


def check_targets(scenarios: dict) -> list[dict]:
    checks = []
    for name, result in scenarios.items():
        target = TARGETS.get(name, {})
        e2e = result["end_to_end"]["seconds"]
        if "end_to_end_seconds" in target:
            checks.append(
                {
                    "scenario": name,
                    "target": f"end to end <= {target['end_to_end_seconds']:.0f} s",
                    "measured": f"{e2e:.1f} s",
                    "met": e2e <= target["end_to_end_seconds"],
                }
            )
        if "peak_rss_gb" in target:
            peak = result["end_to_end"]["peak_rss_mb"] / 1024  # the run as the CLI does it
            checks.append(
                {
                    "scenario": name,
                    "target": f"peak RSS end to end <= {target['peak_rss_gb']:.0f} GB",
                    "measured": f"{peak:.2f} GB",
                    "met": peak <= target["peak_rss_gb"],
                }
            )
        comparison = result["comparison"]
        if "match_per_second" in target:
            per_second = comparison["suppliers_per_second_match_stage"]
            checks.append(
                {
                    "scenario": name,
                    "target": f"match stage >= {target['match_per_second']:,} suppliers/s (index built)",
                    "measured": f"{per_second:,} suppliers/s",
                    "met": per_second >= target["match_per_second"],
                }
            )
        fast = comparison["speedup_match_stage"] >= SPEED_TARGET
        recall_ok = (comparison["screener_recall_sample_match_or_review"] or 0) >= (
            comparison["naive_recall_sample"] or 0
        )
        checks.append(
            {
                "scenario": name,
                "target": f">= {SPEED_TARGET:.0f}x faster than naive extractOne at equal or better recall",
                "measured": f"{comparison['speedup_match_stage']}x (match stage), "
                + (
                    f"recall {comparison['screener_recall_sample_match_or_review']} vs "
                    f"{comparison['naive_recall_sample']}"
                    if comparison["naive_recall_sample"] is not None
                    else "no ground truth (recall not measured)"
                ),
                "met": fast and recall_ok,
            }
        )
    return checks


def git_commit() -> str | None:
    """The commit the benchmark ran on (with "+changes" when the work tree differs from it)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "screener"], cwd=ROOT, capture_output=True
        )
    except OSError:
        return None
    if head.returncode != 0:
        return None
    return head.stdout.strip() + ("+changes" if dirty.stdout.strip() else "")


def previous_results(output: Path) -> dict | None:
    """The results committed last (git HEAD's copy of ``output``), else the file as it was before this run."""
    try:
        relative = output.resolve().relative_to(ROOT)
        shown = subprocess.run(["git", "show", f"HEAD:{relative}"], cwd=ROOT, capture_output=True, text=True)
        if shown.returncode == 0:
            return json.loads(shown.stdout)
    except (OSError, ValueError):
        pass
    try:
        return json.loads(output.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


# (label, how to read it from a scenario's results, True when higher is better)
COMPARED_METRICS = (
    ("end to end seconds", lambda r: r["end_to_end"]["seconds"], False),
    ("end to end CPU seconds", lambda r: r["end_to_end"]["cpu_seconds"], False),
    ("end to end peak RSS MB", lambda r: r["end_to_end"]["peak_rss_mb"], False),
    ("match stage seconds", lambda r: r["pipeline"]["stages"]["match (incl. normalise)"]["seconds"], False),
    (
        "match stage CPU seconds",
        lambda r: r["pipeline"]["stages"]["match (incl. normalise)"]["cpu_seconds"],
        False,
    ),
    ("index cold build seconds", lambda r: r["pipeline"]["stages"]["index (cold build)"]["seconds"], False),
    ("indicators seconds", lambda r: r["pipeline"]["stages"]["indicators"]["seconds"], False),
    (
        "report seconds",
        lambda r: sum(v["seconds"] for k, v in r["pipeline"]["stages"].items() if k.startswith("report")),
        False,
    ),
    ("match speed-up over naive (same run)", lambda r: r["comparison"]["speedup_match_stage"], True),
)


def ratios_to_previous(results: dict, previous: dict, run: set[str] | None = None) -> dict:
    """Each scenario's main times now divided by the previous results' (a ratio above 1 is slower; for the
    speed-up over the naive loop, which is measured in the same run and so cancels most of the machine's load,
    above 1 is better). Only the scenarios in ``run`` (default: all) are compared; scenarios run at other sizes
    are not."""
    rows, stages = [], {}
    for name, result in results["scenarios"].items():
        if run is not None and name not in run:
            continue
        before = previous.get("scenarios", {}).get(name)
        if before is None or before.get("spec", {}).get("rows") != result["spec"]["rows"]:
            rows.append({"scenario": name, "metric": "-", "note": "no previous result at this size"})
            continue
        stages[name] = {"before": before["pipeline"]["stages"], "after": result["pipeline"]["stages"]}
        for label, read, higher_is_better in COMPARED_METRICS:
            try:
                old, new = read(before), read(result)
            except (KeyError, TypeError):
                continue
            if not old:
                continue
            ratio = new / old
            worse = ratio < 1 / SLOWDOWN_FLAG if higher_is_better else ratio > SLOWDOWN_FLAG
            rows.append(
                {
                    "scenario": name,
                    "metric": label,
                    "previous": old,
                    "now": new,
                    "ratio": round(ratio, 3),
                    "worse": worse,
                }
            )
    return {
        "generated_at": previous.get("generated_at"),
        "commit": previous.get("commit"),
        "rows": rows,
        "stages": stages,
    }


KEPT_SECTIONS = ("match_profile", "distributed")  # measured by --profile and --distributed, not by a run


def kept_from_previous(previous: dict) -> dict:
    """The previous results' sections a run does not measure (the match profile, the Ray and Spark tests), each
    with its own date and commit, so a new run's page still shows them rather than dropping them."""
    return {section: previous[section] for section in KEPT_SECTIONS if section in previous}


def previous_lines(previous: dict) -> list[str]:
    """The comparison as printed at the end of a run."""
    lines = [
        f"against the previous results ({previous['generated_at']}, commit {previous.get('commit') or '?'}):"
    ]
    for row in previous["rows"]:
        if "ratio" not in row:
            lines.append(f"  {row['scenario']}: {row['note']}")
            continue
        flag = "  <-- WORSE" if row["worse"] else ""
        lines.append(
            f"  {row['scenario']}: {row['metric']}: {row['previous']:,} -> {row['now']:,} ({row['ratio']:.2f}x){flag}"
        )
    return lines


def machine() -> dict:
    import rapidfuzz

    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "polars": pl.__version__,
        "rapidfuzz": rapidfuzz.__version__,
        "note": "shared machine: other processes were running, so absolute times are noisy; compare ratios.",
        "load_average_15_min": round(os.getloadavg()[2], 1) if hasattr(os, "getloadavg") else None,
    }


# --- docs/performance.md from results.json -----------------------------------------------------------------------


def _fmt_seconds(value: float) -> str:
    return f"{value:,.1f}" if value >= 1 else f"{value:.2f}"


def render_markdown(results: dict) -> str:
    """The README-ready performance page, made only from results.json."""
    lines = [
        "# Performance",
        "",
        f"Measured by `make bench` ({results['mode']} mode) on {results['generated_at']}: "
        f"{results['machine']['cpus']} cores, Python {results['machine']['python']}, polars "
        f"{results['machine']['polars']}, rapidfuzz {results['machine']['rapidfuzz']}. "
        f"{results['machine']['note']}"
        + (
            f" Load average over the 15 minutes before the run: {results['machine']['load_average_15_min']}."
            if results["machine"].get("load_average_15_min") is not None
            else ""
        )
        + " This page is generated from `bench/results.json` "
        "(`python -m bench.run_bench --render`); do not edit it by hand.",
        "",
        "## Targets",
        "",
        "| scenario | target | measured | met |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {c['scenario']} | {c['target']} | {c['measured']} | {'yes' if c['met'] else '**no**'} |"
        for c in results["targets"]
    ]
    for name, result in results["scenarios"].items():
        spec, pipe, e2e = result["spec"], result["pipeline"], result["end_to_end"]
        rows = measured_rows(spec)
        how = (
            f"**extrapolated** {e2e['extrapolated']}"
            if e2e.get("extrapolated")
            else f"`screener.screen` + `write_report` to {e2e['format']}, caches warm"
        )
        lines += [
            "",
            f"## {name}: {spec['rows']:,} supplier rows ({spec['format']}) x {pipe['list_names']:,} list names",
            "",
            *(
                [f"Measured earlier than the rest of this page, at {result['measured_at']}.", ""]
                if result.get("measured_at", results["generated_at"])[:13] != results["generated_at"][:13]
                else []
            ),
            f"End to end ({how}): **{_fmt_seconds(e2e['seconds'])} s**"
            + (f" ({_fmt_seconds(e2e['cpu_seconds'])} s of CPU)" if "cpu_seconds" in e2e else "")
            + f", {e2e['suppliers_per_second']:,} suppliers/s, peak RSS {e2e['peak_rss_mb']:,} MB.",
            "",
            f"| stage (cold caches, one process, {rows:,} rows) | seconds | CPU seconds | share | peak RSS MB |",
            "|---|---:|---:|---:|---:|",
        ]
        counted = {k: v for k, v in pipe["stages"].items() if k != "normalise suppliers" and "warm" not in k}
        total = sum(v["seconds"] for v in counted.values())
        for stage, record in pipe["stages"].items():
            share = f"{record['seconds'] / total:.0%}" if stage in counted and total else "-"
            cpu = _fmt_seconds(record["cpu_seconds"]) if "cpu_seconds" in record else "-"
            lines.append(
                f"| {stage} | {_fmt_seconds(record['seconds'])} | {cpu} | {share} | {record['peak_rss_mb']:,} |"
            )
        cpu_total = sum(v.get("cpu_seconds", 0.0) for v in counted.values())
        lines += [
            f"| **total of counted stages** | **{_fmt_seconds(total)}** | "
            f"{_fmt_seconds(cpu_total) if cpu_total else '-'} | | {pipe['peak_rss_mb']:,} (process) |",
            "",
            "`normalise suppliers` is measured on its own and again inside `match`; warm rows are a second run's "
            f"cost; neither is counted in the total. Model: {pipe['model']}.",
        ]
        if "streaming" in result:
            stream = result["streaming"]
            lines += [
                "",
                f"Streaming (`screener.batch.screen_csv_streaming` over {stream['suppliers']:,} suppliers in "
                f"batches of {stream['batch_size']:,}, parquet out, caches warm): {_fmt_seconds(stream['seconds'])} s, {stream['suppliers_per_second']:,} suppliers/s, "
                f"peak RSS {stream['peak_rss_mb']:,} MB."
                + (
                    f" In two worker processes (`workers=2`, batches screened while the next is read): "
                    f"{stream['suppliers_per_second_2_workers']:,} suppliers/s after the context is built."
                    if "suppliers_per_second_2_workers" in stream
                    else ""
                ),
            ]
        comp, naive = result["comparison"], result["naive"]
        quality = pipe["quality"]
        lines += [
            "",
            "| against the naive loop (same run) | naive extractOne | screener |",
            "|---|---:|---:|",
            f"| seconds for {rows:,} suppliers | {comp['naive_seconds_extrapolated']:,.0f} "
            f"(extrapolated from {naive['sample_suppliers']} suppliers) | {comp['screener_match_seconds']:,.1f} "
            "(index load + match) |",
            f"| speed-up | 1x | **{comp['speedup_match_stage']}x** match stage, {comp['speedup_end_to_end']}x end "
            "to end |",
        ]
        if quality["match_band"]["planted"] == 0:
            lines += [
                "",
                "No ground truth for this file (no row is known to be listed), so recall is not measured; "
                f"{pipe['matches']:,} matches or reviews were found. The naive loop is timed on "
                f"{naive['sample_suppliers']} random rows.",
                "",
                f"Naive baseline: {naive['method']}.",
            ]
            if "match_breakdown" in result:
                lines += breakdown_lines(result["match_breakdown"])
            continue
        lines += [
            f"| recall on the sample's planted rows | {comp['naive_recall_sample']} | "
            f"{comp['screener_recall_sample_match_band']} (match band), "
            f"{comp['screener_recall_sample_match_or_review']} (match or review) |",
            f"| unplanted sample rows flagged | {comp['naive_false_alarm_rows_sample']} | "
            f"{comp['screener_false_alarm_rows_sample_match_band']} (match band) |",
            f"| recall on all {quality['match_band']['planted']:,} planted rows | - | "
            f"{quality['match_band']['recall']} (match), {quality['match_or_review']['recall']} (match or review) |",
            "",
            f"Naive baseline: {naive['method']}.",
        ]
        if "match_breakdown" in result:
            lines += breakdown_lines(result["match_breakdown"])
    if "previous" in results:
        lines += previous_markdown(results["previous"])
    if "match_profile" in results:
        profile = results["match_profile"]
        lines += [
            "",
            f"## Profile of the match stage ({profile['file']}, measured {profile['measured_at']}, commit "
            f"{profile.get('commit') or '?'})",
            "",
            "`python -m bench.profile_match FILE` (py-spy, every Python thread, idle waits left out; `--svg` adds a flame "
            "graph). The first feature to ask for the shared word table (`weighted_overlap`) carries its cost for "
            "every overlap feature."
            + (
                f" Flame graph of the same match stage (a second run): [{profile['flame_graph']}]"
                f"({profile['flame_graph']})."
                if profile.get("flame_graph")
                else ""
            ),
            "",
            profile["output"],
        ]
    if "match_cascade" in results:
        lines += cascade_lines(results["match_cascade"])
    if "distributed" in results:
        run = results["distributed"]
        lines += [
            "",
            "## Ray and Spark (make slow)",
            "",
            f"{', '.join('`' + t.split('::')[1] + '`' for t in run['tests'])} (tests/test_batch.py, docs/distributed.md), "
            f"measured {run['measured_at']} at commit {run.get('commit') or '?'}: **{run['summary']}** "
            f"(exit code {run['exit_code']}). Each screens a file on a local Ray or Spark in three batches and checks "
            "the result against a single-process run.",
        ]
    lines += ["", "## Where the time goes", ""]
    lines += bottleneck_lines(results)
    lines += [
        "",
        "Stages at 10% or more of a scenario's counted time, largest first, and the module that does the work. "
        "An xlsx sheet holds 1,048,575 data rows: the report writer refuses a larger table with a message naming "
        "the table and suggesting csv or parquet, so the million-row scenario writes csv and parquet. For inputs "
        "that do not fit in memory, `screener.batch.screen_csv_streaming` screens a csv in batches "
        "(docs/distributed.md).",
    ]
    lines += [
        "",
        "## How the data is made",
        "",
        "`bench/generate.py` writes vendor-master style supplier files (vendor number, name, country written as codes "
        "or names, city, DOL goods or neutral goods, spend) and custom lists of generated company names. About 1% "
        "of supplier rows are list names spelt as an ERP holds them (upper case, legal form swapped or dropped, "
        "punctuation lost, a typo, truncation at 35 characters); their list entity is the ground truth. Supplier "
        "and list names are coined from disjoint syllables, so an unplanted supplier is truly not listed.",
        "",
    ]
    return "\n".join(lines)


def cascade_lines(cascade: dict) -> list[str]:
    """The scoring cascade (screener/match/gate.py) as bench/cascade_bench.py measured it."""
    full, gated = cascade["match_stage"]["full"], cascade["match_stage"]["gated"]
    shares = ", ".join(
        f"gate {n}: {passing:,} ({share:.1%})"
        for n, (passing, share) in enumerate(
            zip(cascade["passing"], cascade["share_passing"], strict=True), 1
        )
    )
    return [
        "",
        f"## Scoring cascade ({cascade['file']}, {cascade['suppliers']:,} suppliers, measured {cascade['measured_at']})",
        "",
        "`python -m bench.cascade_bench --write`. Before the word tables and the 200-tree classifier, candidate "
        "pairs pass two small gates fitted for the model in use (`screener/match/gate.py`, `scripts/fit_gate.py`; "
        "the model card gives how they were chosen): gate 1 reads only cheap features, gate 2 every feature. Each "
        "threshold passes every training and holdout pair to which the full model gives 0.3 or more (the review "
        "band starts at 0.5); a stopped pair gets probability 0.0 and is never reported. "
        f"Of {cascade['candidate_pairs']:,} candidate pairs of {cascade['distinct_suppliers']:,} distinct "
        f"suppliers, passing {shares}. The matches frame with the gates equals the one without "
        f"({'identical' if cascade['matches_identical'] else 'DIFFERENT'}, {cascade['match_stage']['matches']:,} "
        "matches); the same holds on the own dev set, the three independent sets and tests/fixtures/match_cases.csv "
        "(tests/match/test_gate.py checks the cases and the sample workbook).",
        "",
        "| match stage (same run, lower of two each) | CPU seconds | wall seconds | suppliers per CPU second |",
        "|---|---:|---:|---:|",
        f"| every pair scored in full | {full['cpu_seconds']:.1f} | {full['wall_seconds']:.1f} | "
        f"{full['suppliers_per_cpu_second']:,} |",
        f"| with the gates | {gated['cpu_seconds']:.1f} | {gated['wall_seconds']:.1f} | "
        f"{gated['suppliers_per_cpu_second']:,} |",
        f"| ratio | {gated['cpu_seconds'] / full['cpu_seconds']:.2f}x | "
        f"{gated['wall_seconds'] / full['wall_seconds']:.2f}x | |",
    ]


def previous_markdown(previous: dict) -> list[str]:
    lines = [
        "",
        f"## Against the previous results ({previous['generated_at']}, commit {previous.get('commit') or 'not recorded'})",
        "",
        *([previous["note"] + ".", ""] if previous.get("note") else []),
        "Ratio = now / previous: above 1 is slower, except the speed-up over the naive loop (measured in the same run, "
        f"so it cancels most of the machine's load), where above 1 is better. Times {SLOWDOWN_FLAG}x worse are flagged.",
        "",
        "| scenario | metric | previous | now | ratio |",
        "|---|---|---:|---:|---:|",
    ]
    for row in previous["rows"]:
        if "ratio" not in row:
            lines.append(f"| {row['scenario']} | {row['note']} | | | |")
            continue
        flag = " (**worse**)" if row["worse"] else ""
        lines.append(
            f"| {row['scenario']} | {row['metric']} | {row['previous']:,} | {row['now']:,} | {row['ratio']:.2f}x{flag} |"
        )
    for name, compared in previous.get("stages", {}).items():
        lines += stage_comparison_lines(name, compared["before"], compared["after"])
    return lines


def stage_comparison_lines(name: str, before: dict, after: dict) -> list[str]:
    """The stage table of the previous run beside this run's (wall and CPU seconds, CPU ratio)."""

    def cell(record: dict | None, key: str) -> str:
        return _fmt_seconds(record[key]) if record and key in record else "-"

    lines = [
        "",
        f"{name}, stage by stage (before = previous results, after = this page's run):",
        "",
        "| stage | before s | before CPU s | after s | after CPU s | CPU after / before |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for stage in [*before, *(s for s in after if s not in before)]:
        old, new = before.get(stage), after.get(stage)
        ratio = "-"
        if old and new and old.get("cpu_seconds") and "cpu_seconds" in new:
            ratio = f"{new['cpu_seconds'] / old['cpu_seconds']:.2f}x"
        lines.append(
            f"| {stage} | {cell(old, 'seconds')} | {cell(old, 'cpu_seconds')} | {cell(new, 'seconds')} | "
            f"{cell(new, 'cpu_seconds')} | {ratio} |"
        )
    return lines


def breakdown_lines(breakdown: dict) -> list[str]:
    lines = [
        "",
        f"Inside the match stage ({breakdown['suppliers']:,} suppliers x {breakdown['list_names']:,} list names, "
        f"{breakdown['pairs']:,} candidate pairs, caches warm, measured {breakdown['measured_at']}):",
        "",
        "| match step | seconds | ms per supplier |",
        "|---|---:|---:|",
    ]
    for step, seconds in breakdown["steps_seconds"].items():
        lines.append(f"| {step} | {_fmt_seconds(seconds)} | {breakdown['ms_per_supplier'][step]} |")
    return lines


def bottleneck_lines(results: dict, min_share: float = 0.1) -> list[str]:
    """Stages taking at least ``min_share`` of a scenario's counted time, largest first, with the module doing it."""
    lines = ["| scenario | stage | seconds | share | where |", "|---|---|---:|---:|---|"]
    for name, result in results["scenarios"].items():
        stages = result["pipeline"]["stages"]
        counted = {
            k: v["seconds"] for k, v in stages.items() if k != "normalise suppliers" and "warm" not in k
        }
        total = sum(counted.values()) or 1.0
        for stage, seconds in sorted(counted.items(), key=lambda item: -item[1]):
            if seconds / total >= min_share:
                owner = STAGE_OWNERS.get(stage, "")
                lines.append(
                    f"| {name} | {stage} | {_fmt_seconds(seconds)} | {seconds / total:.0%} | {owner} |"
                )
    return lines


def add_breakdown(output: Path) -> None:
    """Measure the match breakdown of every scenario in results.json and store it there, timestamped."""
    results = json.loads(output.read_text(encoding="utf-8"))
    mode = results["mode"]
    WORK.mkdir(parents=True, exist_ok=True)
    for scenario, result in results["scenarios"].items():
        cache = Path(tempfile.mkdtemp(prefix="bench-cache-", dir=WORK))
        try:
            spawn("pipeline-warmup", scenario, mode, Path(os.devnull), cache)
            result["match_breakdown"] = spawn("breakdown", scenario, mode, Path(os.devnull), cache)
        finally:
            shutil.rmtree(cache, ignore_errors=True)
        result["match_breakdown"]["measured_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    output.write_text(json.dumps(results, indent=2), encoding="utf-8")


def add_profile(output: Path) -> None:
    """Profile the match stage (bench/profile_match.py, py-spy) on the shared workbook into results.json."""
    path = shared_file({"shared_file": SHARED_WORKBOOK})
    if path is None:
        print(f"profile skipped: ../shared/{SHARED_WORKBOOK} is not there.")
        return
    command = [sys.executable, "-m", "bench.profile_match", str(path), "--svg", str(FLAME_GRAPH)]
    printed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    shown = "\n".join(line for line in printed.splitlines() if not line.startswith("py-spy>"))  # its progress
    results = json.loads(output.read_text(encoding="utf-8"))
    results["match_profile"] = {
        "file": _shown(path),
        "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "output": shown.strip(),
        "flame_graph": FLAME_GRAPH.name if FLAME_GRAPH.is_file() else None,
    }
    output.write_text(json.dumps(results, indent=2), encoding="utf-8")


# The flame graph of the match stage (a second py-spy run of the same match), linked from docs/performance.md.
FLAME_GRAPH = ROOT / "docs" / "match-profile.svg"

DISTRIBUTED_TESTS = (
    "tests/test_batch.py::test_screen_batch_runs_under_local_ray",
    "tests/test_batch.py::test_screen_batch_runs_under_local_spark_map_in_arrow",
)


def add_distributed(output: Path) -> None:
    """Run the Ray and Spark tests of `make slow` and keep pytest's summary line (passed, skipped, seconds)."""
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-m",
        "slow",
        "-p",
        "no:cacheprovider",
        *DISTRIBUTED_TESTS,
    ]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    lines = [line for line in run.stdout.splitlines() if line.strip()]
    results = json.loads(output.read_text(encoding="utf-8"))
    results["distributed"] = {
        "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "tests": list(DISTRIBUTED_TESTS),
        "summary": lines[-1] if lines else "no output",
        "exit_code": run.returncode,
    }
    output.write_text(json.dumps(results, indent=2), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="screener benchmarks")
    parser.add_argument("--quick", action="store_true", help="small sizes for development")
    parser.add_argument(
        "--render", action="store_true", help="only rebuild docs/performance.md from the json"
    )
    parser.add_argument(
        "--breakdown",
        action="store_true",
        help="add the match stage's step times (warm caches) to the existing results.json, then render",
    )
    parser.add_argument("--scenario", action="append", help="run only this scenario (repeatable)")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="add a py-spy profile of the match stage on the shared workbook to results.json, then render",
    )
    parser.add_argument(
        "--distributed",
        action="store_true",
        help="run the Ray and Spark tests (make slow's) and record their outcome in results.json, then render",
    )
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--note",
        help="what the previous results were (commit, what changed since, the machine's load): shown above the "
        "comparison",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--mode", default="full", help=argparse.SUPPRESS)
    parser.add_argument("--sample", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        args.part, args.scenario = args.child, args.scenario[0]
        child(args)
        return
    if args.breakdown:
        add_breakdown(args.output)
    if args.profile:
        add_profile(args.output)
    if args.distributed:
        add_distributed(args.output)
    if args.render or args.breakdown or args.profile or args.distributed:
        DOC.write_text(render_markdown(json.loads(args.output.read_text(encoding="utf-8"))), encoding="utf-8")
        return
    mode = "quick" if args.quick else "full"
    WORK.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault(
        "SCREENER_CACHE", str(WORK / "generator-cache")
    )  # only the generator loads lists here
    os.environ.setdefault("SCREENER_STORE", str(WORK / "generator-store"))
    names = args.scenario or list(SCENARIOS[mode])
    scenarios = {}
    for name in names:
        spec = SCENARIOS[mode][name]
        if "shared_file" in spec and shared_file(spec) is None:
            print(
                f"{name}: skipped: ../shared/{spec['shared_file']} is not there (CI and developers have it)."
            )
            continue
        scenarios[name] = run_scenario(name, mode)
        scenarios[name]["measured_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    previous = previous_results(args.output)
    if args.scenario and previous is not None and previous.get("mode") == mode:
        # scenarios not run this time keep their earlier results, each with the time it was measured
        for name, earlier in previous.get("scenarios", {}).items():
            if name not in scenarios:
                scenarios[name] = {
                    **earlier,
                    "measured_at": earlier.get("measured_at") or previous["generated_at"],
                }
        scenarios = {name: scenarios[name] for name in SCENARIOS[mode] if name in scenarios}
    results = {
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "mode": mode,
        "commit": git_commit(),
        "machine": machine(),
        "scenarios": scenarios,
        "targets": check_targets(scenarios),
    }
    if previous is not None:
        results["previous"] = ratios_to_previous(results, previous, set(names))
        if args.note:
            results["previous"]["note"] = args.note
        results.update(kept_from_previous(previous))
        for line in previous_lines(results["previous"]):
            print(line)
    args.output.write_text(json.dumps(results, indent=2), encoding="utf-8")
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(render_markdown(results), encoding="utf-8")
    for check in results["targets"]:
        print(
            f"{check['scenario']}: {check['target']}: {check['measured']} ({'met' if check['met'] else 'NOT met'})"
        )


if __name__ == "__main__":
    main()
