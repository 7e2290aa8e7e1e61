"""The scoring cascade (screener/match/gate.py) on a supplier file: what the gates stop, what it saves, and that
the matches are the same.

    python -m bench.cascade_bench [path/to/multilingual_suppliers_100k.xlsx] [--rows N] [--write]

The match stage is run with the gates and without (every pair scored in full), alternately, twice each, in one
process; CPU seconds are compared (the machine is shared: wall seconds move with its load). The two matches
frames must be equal. The candidate pairs are then counted at each gate. ``--write`` keeps the numbers in
bench/results.json (``match_cascade``), from which docs/performance.md is rendered.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import resource
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl

from bench.false_hits_100k import WORKBOOK
from screener.indicators import load_rules
from screener.io import read_suppliers
from screener.lists import load_lists
from screener.match import build_index, match_suppliers
from screener.match import engine as e
from screener.match.gate import gated_features
from screener.match.native import read_as_listed
from screener.match.qualifiers import set_qualifiers_aside
from screener.normalize.countries import add_country_codes

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results.json"


def cpu_seconds() -> float:
    """CPU of this process (all its threads) and of its finished children (the match stage's second process)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed_runs(suppliers: pl.DataFrame, index, settings) -> tuple[dict, bool]:
    """(CPU and wall seconds of the match stage with and without the gates, the lower of two runs each; whether
    the matches frames were equal every time)."""
    model = index.classifier()
    variants = {
        "gated": index,
        "full": dataclasses.replace(index, model=dataclasses.replace(model, gate=None)),
    }
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
    results: dict[str, pl.DataFrame] = {}
    for _ in range(2):
        for name, variant in variants.items():
            started, cpu = time.perf_counter(), cpu_seconds()
            results[name] = match_suppliers(suppliers, variant, settings)
            runs[name].append((cpu_seconds() - cpu, time.perf_counter() - started))
        same = results["gated"].equals(results["full"])
        if not same:
            return {}, False
    best = {name: min(values) for name, values in runs.items()}
    return {
        name: {
            "cpu_seconds": round(cpu, 2),
            "wall_seconds": round(wall, 2),
            "suppliers_per_cpu_second": round(suppliers.height / cpu),
        }
        for name, (cpu, wall) in best.items()
    } | {"matches": results["gated"].height}, True


def pairs_at_each_gate(suppliers: pl.DataFrame, index, settings) -> dict:
    """Candidate pairs of the distinct suppliers (as the match stage makes them), and how many pass each gate."""
    gate = index.classifier().gate
    queries = e._supplier_keys(suppliers).unique(["supplier_name", "q_country"], maintain_order=True)
    counts = np.zeros(len(gate.stages) + 1, dtype=np.int64)
    for start in range(0, queries.height, e.PIPELINE_SUPPLIERS):
        normalised = e._normalised(queries.slice(start, e.PIPELINE_SUPPLIERS))
        pairs = e.candidate_frame(normalised, index, settings.max_candidates, shown=False)
        pairs = set_qualifiers_aside(read_as_listed(pairs))
        counts[0] += pairs.height
        alive = np.ones(pairs.height, dtype=bool)
        features, _ = gated_features(pairs, index.weights, gate)
        values = {name: features[name].to_numpy() for name in features.columns}
        for number, stage in enumerate(gate.stages, start=1):
            known = {name: column[alive] for name, column in values.items()}
            alive[np.flatnonzero(alive)] = stage.passes(known)
            counts[number] += int(alive.sum())
    return {
        "distinct_suppliers": queries.height,
        "candidate_pairs": int(counts[0]),
        "passing": [int(c) for c in counts[1:]],
        "share_passing": [round(float(c) / max(int(counts[0]), 1), 4) for c in counts[1:]],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=WORKBOOK)
    parser.add_argument("--rows", type=int, default=0, help="only the first N rows")
    parser.add_argument("--write", action="store_true", help="keep the numbers in bench/results.json")
    args = parser.parse_args()
    if not args.path.is_file():
        print(f"skipped: {args.path} is not there (it lives in ../shared, outside the repository).")
        return
    settings = load_rules(None).match_settings
    suppliers = add_country_codes(read_suppliers([args.path]).suppliers)
    suppliers = suppliers.head(args.rows) if args.rows else suppliers
    listset = load_lists([])
    index = build_index(listset.entries, cache_key=listset.versions_key())
    if index.classifier().gate is None:
        sys.exit("the match model has no gates fitted for it: run `python scripts/fit_gate.py`.")
    timing, same = timed_runs(suppliers, index, settings)
    if not same:
        sys.exit("the matches differ with and without the gates")
    result = {
        "file": args.path.name,
        "suppliers": suppliers.height,
        "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "match_stage": timing,
        "matches_identical": same,
        **pairs_at_each_gate(suppliers, index, settings),
    }
    print(json.dumps(result, indent=2))
    if args.write:
        results = json.loads(RESULTS.read_text(encoding="utf-8"))
        results["match_cascade"] = result
        RESULTS.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
