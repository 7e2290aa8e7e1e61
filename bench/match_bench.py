"""``make bench-match``: the matching engine against two baselines on a development set built from the real lists.

    python -m bench.match_bench [--quick]

The development set (bench/match_data.py) holds supplier-style names made from *holdout* entities, which the
classifier never saw: variants that should match their entity, and names that should match nothing (variants of
entities withheld from the index, a distinctive word swapped for a made-up one, a number changed, generic words
only, made-up brands). Every system makes one decision per supplier name (its best entity, if scored at or above
its threshold) and is scored by precision, recall and F1 per case type.

Baselines, measured in the same run on the same names and list:
- rapidfuzz ``process.extractOne`` with ``WRatio`` over every list name (rapidfuzz's default processor); the
  threshold reported is the best one for F1 on this very set (optimistic for the baseline).
- nomenklatura's ``logic-v2`` (OpenSanctions' matcher) comparing the supplier with each candidate entity (all
  its names, its country), on the candidates of our blocking; its default threshold 0.7 and its best threshold.
  Installed by the ``bench`` extra only; when it cannot be imported the results say so.

Writes bench/results_match.json and the table between the BENCH markers of docs/matching.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

import polars as pl

from bench import independent_bench as ib
from bench import match_data as md
from screener import schema as s
from screener.lists import load_lists
from screener.match import MatchSettings, build_index, match_suppliers
from screener.match.engine import candidate_frame, normalise_suppliers
from screener.normalize.names import normalize_name

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results_match.json"
DOCS = ROOT / "docs" / "matching.md"
THROUGHPUT_SUPPLIERS = 20_000


def key_of(name: str) -> str:
    return normalize_name(name).key


def decisions_from_scores(
    queries: pl.DataFrame, best: pl.DataFrame, clusters: dict[str, str], threshold: float
):
    """Top-1 decisions (query_id, flagged, correct) from each query's best entity and its score."""
    frame = best.join(queries.select("query_id", "cluster"), on="query_id", how="left")
    entity_cluster = pl.col(s.ENTITY_ID).replace_strict(clusters, default=None)
    correct = (entity_cluster == pl.col("cluster")).fill_null(False)
    return frame.select(
        "query_id",
        (pl.col("score") >= threshold).alias("flagged"),
        ((pl.col("score") >= threshold) & correct).alias("correct"),
    )


def summary(table: pl.DataFrame) -> dict:
    row = table.filter(pl.col("case_type") == "ALL").row(0, named=True)
    return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in row.items() if k != "should_match"}


def best_threshold(queries, best, clusters, thresholds) -> tuple[float, pl.DataFrame]:
    """The threshold with the best overall F1 on this set, and its per-case table."""
    scored = [
        (t, md.score_decisions(queries, decisions_from_scores(queries, best, clusters, t)))
        for t in thresholds
    ]
    return max(scored, key=lambda item: (summary(item[1])["f1"] or 0.0, -item[0]))


# --- screener -----------------------------------------------------------------------------------------------------
def run_screener(index, queries: pl.DataFrame, clusters: dict[str, str], settings: MatchSettings) -> dict:
    suppliers = queries.select(pl.col("query_id").alias(s.ROW_ID), s.NAME, s.COUNTRY_CODE)
    started, cpu = time.perf_counter(), time.process_time()
    matches = match_suppliers(suppliers, index, settings)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    best = (
        matches.sort([s.ROW_ID, s.PROBABILITY], descending=[False, True])
        .unique(s.ROW_ID, keep="first")
        .select(pl.col(s.ROW_ID).alias("query_id"), s.ENTITY_ID, pl.col(s.PROBABILITY).alias("score"))
    )
    tables = {
        band: md.score_decisions(queries, decisions_from_scores(queries, best, clusters, threshold))
        for band, threshold in (("match", settings.match_threshold), ("review", settings.review_threshold))
    }
    return {"tables": tables, "seconds": seconds, "cpu_seconds": cpu_seconds}


def candidate_recall(index, queries: pl.DataFrame, clusters: dict[str, str], k: int) -> dict:
    """Share of the names that should match whose entity is among their candidates (blocking recall)."""
    positives = queries.filter(pl.col("cluster").is_not_null())
    suppliers = positives.select(pl.col("query_id").alias(s.ROW_ID), s.NAME, s.COUNTRY_CODE)
    pairs = candidate_frame(normalise_suppliers(suppliers), index, k)
    pairs = pairs.with_columns(
        pl.col(s.ENTITY_ID).replace_strict(clusters, default=None).alias("entity_cluster")
    )
    truth = positives.select(pl.col("query_id").alias(s.ROW_ID), "cluster", "case_type")
    hits = pairs.join(truth, on=s.ROW_ID).filter(pl.col("entity_cluster") == pl.col("cluster"))
    found = truth.with_columns(pl.col(s.ROW_ID).is_in(hits[s.ROW_ID].implode()).alias("found"))
    per_case = found.group_by("case_type").agg(pl.col("found").mean().round(4)).sort("case_type")
    return {
        "recall": round(float(found["found"].mean()), 4),
        "names": found.height,
        "pairs_per_name": round(pairs.height / max(1, suppliers.height), 2),
        "by_case_type": dict(per_case.iter_rows()),
    }


def throughput(index, queries: pl.DataFrame, settings: MatchSettings, count: int) -> dict:
    """Suppliers per second on ``count`` names (the dev names repeated with a numeric suffix so none repeats)."""
    names = queries[s.NAME].to_list()
    countries = queries[s.COUNTRY_CODE].to_list()
    rows = [(names[i % len(names)], countries[i % len(names)], i // len(names)) for i in range(count)]
    suppliers = pl.DataFrame(
        {
            s.ROW_ID: list(range(1, count + 1)),
            s.NAME: [n if r == 0 else f"{n} {'.' * r}" for n, _, r in rows],
            s.COUNTRY_CODE: [c for _, c, _ in rows],
        }
    )
    started, cpu = time.perf_counter(), time.process_time()
    match_suppliers(suppliers, index, settings)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    return {
        "suppliers": count,
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu_seconds, 3),
        "suppliers_per_second": round(count / seconds, 1),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


# --- baselines ----------------------------------------------------------------------------------------------------
def run_wratio(entries: pl.DataFrame, queries: pl.DataFrame, clusters: dict[str, str]) -> dict:
    """rapidfuzz extractOne(WRatio, default_process) over every list name; best threshold on this set."""
    from rapidfuzz import fuzz, process, utils

    choices = entries[s.NAME].to_list()
    entity = entries[s.ENTITY_ID].to_list()
    started = time.perf_counter()
    best_rows = []
    for query_id, name in zip(queries["query_id"].to_list(), queries[s.NAME].to_list(), strict=True):
        hit = process.extractOne(name, choices, scorer=fuzz.WRatio, processor=utils.default_process)
        if hit is not None:
            best_rows.append((query_id, entity[hit[2]], hit[1] / 100.0))
    seconds = time.perf_counter() - started
    best = pl.DataFrame(best_rows, schema=["query_id", s.ENTITY_ID, "score"], orient="row")
    threshold, table = best_threshold(queries, best, clusters, [t / 100 for t in range(50, 101)])
    return {"threshold": threshold, "table": table, "seconds": seconds}


def run_logic_v2(
    index, entries: pl.DataFrame, queries: pl.DataFrame, clusters: dict[str, str], k: int
) -> dict:
    """nomenklatura logic-v2 on our candidates (each candidate entity with all its names and its country)."""
    try:
        from followthemoney import model
        from nomenklatura.matching import LogicV2
        from nomenklatura.matching.types import ScoringConfig
    except ImportError as error:
        return {"error": f"nomenklatura is not installed ({error}); run `pip install -e .[bench]`"}
    config = ScoringConfig.defaults()
    entities = {}
    for (entity_id,), group in entries.group_by([s.ENTITY_ID]):
        properties = {"name": group[s.NAME].unique().to_list()}
        countries = group[s.COUNTRY_CODE].drop_nulls().unique().to_list()
        if countries:
            properties["country"] = [c.lower() for c in countries]
        schema = "Vessel" if group[s.ENTITY_TYPE][0] == "vessel" else "Company"
        entities[entity_id] = model.get_proxy({"id": entity_id, "schema": schema, "properties": properties})
    suppliers = queries.select(pl.col("query_id").alias(s.ROW_ID), s.NAME, s.COUNTRY_CODE)
    pairs = candidate_frame(normalise_suppliers(suppliers), index, k).select(s.ROW_ID, s.ENTITY_ID).unique()
    names = dict(zip(queries["query_id"].to_list(), queries[s.NAME].to_list(), strict=True))
    countries = dict(zip(queries["query_id"].to_list(), queries[s.COUNTRY_CODE].to_list(), strict=True))
    started = time.perf_counter()
    rows = []
    for query_id, entity_id in pairs.iter_rows():
        properties = {"name": [names[query_id]]}
        if countries[query_id]:
            properties["country"] = [countries[query_id].lower()]
        query = model.get_proxy({"id": f"q{query_id}", "schema": "Company", "properties": properties})
        rows.append((query_id, entity_id, float(LogicV2.compare(query, entities[entity_id], config).score)))
    seconds = time.perf_counter() - started
    scored = pl.DataFrame(rows, schema=["query_id", s.ENTITY_ID, "score"], orient="row")
    best = scored.sort(["query_id", "score"], descending=[False, True]).unique("query_id", keep="first")
    default = md.score_decisions(queries, decisions_from_scores(queries, best, clusters, 0.7))
    threshold, table = best_threshold(queries, best, clusters, [t / 100 for t in range(40, 101)])
    return {
        "threshold": threshold,
        "table": table,
        "default_table": default,
        "seconds": seconds,
        "pairs": len(rows),
    }


# --- report -------------------------------------------------------------------------------------------------------
def _cell(table: pl.DataFrame, case: str) -> str:
    row = table.filter(pl.col("case_type") == case)
    if row.height == 0:
        return ""
    r = row.row(0, named=True)
    if r["should_match"] is False:
        return f"{r['fp']} FP"
    return f"{r['recall']:.3f}"


def markdown(results: dict, tables: dict[str, pl.DataFrame]) -> str:
    systems = list(tables)
    header = "| case type | n | " + " | ".join(systems) + " |\n|---|---|" + "---|" * len(systems) + "\n"
    reference = tables[systems[0]]
    lines = []
    for case, n, should in reference.select("case_type", "n", "should_match").iter_rows():
        if case == "ALL":
            continue
        kind = "recall" if should else "false hits"
        lines.append(
            f"| {case} ({kind}) | {n} | " + " | ".join(_cell(tables[x], case) for x in systems) + " |"
        )
    for metric in ("precision", "recall", "f1"):
        values = [summary(tables[x])[metric] for x in systems]
        lines.append(f"| **{metric}** | | " + " | ".join(f"**{v:.3f}**" for v in values) + " |")
    perf = results["screener"]["throughput"]
    cand = results["screener"]["candidate_recall"]
    notes = [
        "",
        f"Candidate recall (blocking): {cand['recall']:.4f} on {cand['names']} names that should match "
        f"({cand['pairs_per_name']} candidate pairs per name).",
        f"Throughput: {perf['suppliers_per_second']:.0f} suppliers/s ({perf['suppliers']} names, index built, "
        f"{perf['seconds']}s wall, {perf['cpu_seconds']}s CPU, 1-min load average {perf['load_average_1min']} "
        f"on {results['machine']['cpus']} CPUs).",
    ]
    return header + "\n".join(lines) + "\n" + "\n".join(notes) + "\n"


def independent_markdown(tables: dict[str, pl.DataFrame]) -> str:
    """The independent set (bench/independent) per kind of damage: screener at the match and the review
    threshold, and the baselines at their best thresholds on this set."""
    systems = list(tables)
    header = (
        "\nIndependent set (`bench/independent/devset.csv`, written without reading our generator; evaluation "
        "only), matched against all bundled lists:\n\n"
        "| kind | n | " + " | ".join(systems) + " |\n|---|---|" + "---|" * len(systems) + "\n"
    )
    reference = tables[systems[0]]
    lines = []
    for case, n, _ in reference.select("case_type", "n", "should_match").iter_rows():
        if case == "ALL":
            continue
        lines.append(f"| {case} | {n} | " + " | ".join(_cell(tables[x], case) for x in systems) + " |")
    for metric in ("precision", "recall", "f1"):
        values = [summary(tables[x])[metric] for x in systems]
        lines.append(f"| **{metric}** | | " + " | ".join(f"**{v:.3f}**" for v in values) + " |")
    return header + "\n".join(lines) + "\n"


# The independent sets written after the first, each by another author who read neither our generator nor the
# earlier sets; nothing is chosen on them (bench/independent2/README.md, ...3, ...4). The fourth draws from the
# whole lists (not the holdout entities), so each of its entities is its own cluster.
LATER_SETS = {
    "second": ROOT / "bench" / "independent2" / "devset.csv",
    "third": ROOT / "bench" / "independent3" / "devset.csv",
    "fourth": ROOT / "bench" / "independent4" / "devset.csv",
}


def later_independent_sets(index, clusters: dict[str, str], settings: MatchSettings) -> dict:
    """Screener at the match and the review threshold on each later independent set, per kind."""
    found = {}
    for name, path in LATER_SETS.items():
        tables = ib.evaluate(index, ib.independent_queries(path), clusters, settings)["tables"]
        found[name] = {
            "path": str(path.relative_to(ROOT)),
            "at_match_threshold": summary(tables["match"]),
            "at_review_threshold": summary(tables["review"]),
            "by_case_type": tables["match"].to_dicts(),
            "by_case_type_review": tables["review"].to_dicts(),
        }
    return found


def later_sets_markdown(later: dict, settings: MatchSettings) -> str:
    """One table: recall per kind (false hits for the kinds that should match nothing) on each later set."""
    columns = [(name, band) for name in later for band in ("match", "review")]
    threshold = {"match": settings.match_threshold, "review": settings.review_threshold}
    header = (
        "\nLater independent sets (" + ", ".join(f"{n}: `{v['path']}`" for n, v in later.items()) + "; each "
        "written by another author from a plain description of the damage, nothing chosen on them), screener at "
        "each band:\n\n| kind | "
        + " | ".join(f"{n} (p >= {threshold[b]})" for n, b in columns)
        + " |\n|---|"
        + "---|" * len(columns)
        + "\n"
    )
    tables = {
        (name, band): pl.DataFrame(later[name]["by_case_type" if band == "match" else "by_case_type_review"])
        for name, band in columns
    }
    kinds = sorted({k for table in tables.values() for k in table["case_type"].to_list() if k != "ALL"})
    lines = [f"| {kind} | " + " | ".join(_cell(tables[c], kind) for c in columns) + " |" for kind in kinds]
    for metric in ("precision", "recall", "f1"):
        values = [
            later[name]["at_match_threshold" if band == "match" else "at_review_threshold"][metric]
            for name, band in columns
        ]
        lines.append(f"| **{metric}** | " + " | ".join(f"**{v:.3f}**" for v in values) + " |")
    return header + "\n".join(lines) + "\n"


def write_docs(table_md: str, results: dict) -> None:
    start, end = "<!-- BENCH:START -->", "<!-- BENCH:END -->"
    text = DOCS.read_text(encoding="utf-8") if DOCS.exists() else f"# Matching\n\n{start}\n{end}\n"
    if start not in text:
        text += f"\n{start}\n{end}\n"
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    stamp = f"Measured {results['run_at']} by `make bench-match` (bench/results_match.json).\n\n"
    DOCS.parent.mkdir(parents=True, exist_ok=True)
    DOCS.write_text(head + start + "\n" + stamp + table_md + end + tail, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the nomenklatura baseline and the big run")
    args = parser.parse_args()
    settings = MatchSettings()
    listset = load_lists()
    full = build_index(listset.entries)
    keys = full.entries["name_key"]
    bench_entries, queries, clusters = md.build_dev_set(full.entries, keys, key_of)
    list_entries = bench_entries.select(listset.entries.columns)
    started = time.perf_counter()
    index = build_index(list_entries)
    build_seconds = time.perf_counter() - started
    ours = run_screener(index, queries, clusters, settings)
    results = {
        "run_at": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "dev_set": {
            "names": queries.height,
            "should_match": int(queries["cluster"].is_not_null().sum()),
            "list_names_in_index": list_entries.height,
            "by_case_type": dict(queries.group_by("case_type").len().sort("case_type").iter_rows()),
        },
        "screener": {
            "thresholds": {"match": settings.match_threshold, "review": settings.review_threshold},
            "index_build_seconds": round(build_seconds, 3),
            "at_match_threshold": summary(ours["tables"]["match"]),
            "at_review_threshold": summary(ours["tables"]["review"]),
            "by_case_type": ours["tables"]["match"].to_dicts(),
            "candidate_recall": candidate_recall(index, queries, clusters, settings.max_candidates),
            "throughput": throughput(index, queries, settings, 2000 if args.quick else THROUGHPUT_SUPPLIERS),
        },
    }
    wratio = run_wratio(list_entries, queries, clusters)
    results["rapidfuzz_wratio"] = {
        "best_threshold": wratio["threshold"],
        "at_best_threshold": summary(wratio["table"]),
        "by_case_type": wratio["table"].to_dicts(),
        "seconds": round(wratio["seconds"], 2),
    }
    tables = {
        f"screener (p >= {settings.match_threshold})": ours["tables"]["match"],
        f"WRatio (best, {wratio['threshold']:.2f})": wratio["table"],
    }
    if not args.quick:
        logic = run_logic_v2(index, list_entries, queries, clusters, settings.max_candidates)
        if "error" in logic:
            results["nomenklatura_logic_v2"] = {"error": logic["error"]}
        else:
            results["nomenklatura_logic_v2"] = {
                "best_threshold": logic["threshold"],
                "at_best_threshold": summary(logic["table"]),
                "at_default_threshold_0.7": summary(logic["default_table"]),
                "by_case_type": logic["table"].to_dicts(),
                "pairs_compared": logic["pairs"],
                "seconds": round(logic["seconds"], 2),
            }
            tables[f"logic-v2 (best, {logic['threshold']:.2f})"] = logic["table"]
    baselines = [v["at_best_threshold"]["f1"] for k, v in results.items() if "at_best_threshold" in v]
    results["f1_margin_over_best_baseline"] = round(
        results["screener"]["at_match_threshold"]["f1"] - max(baselines), 4
    )
    independent_queries = ib.independent_queries()
    independent_clusters = ib.entity_clusters(full.entries)
    independent = ib.evaluate(full, independent_queries, independent_clusters, settings)
    results["independent"] = {
        "at_match_threshold": summary(independent["tables"]["match"]),
        "at_review_threshold": summary(independent["tables"]["review"]),
        "by_case_type": independent["tables"]["match"].to_dicts(),
        "by_case_type_review": independent["tables"]["review"].to_dicts(),
    }
    independent_tables = {
        f"screener (p >= {settings.match_threshold})": independent["tables"]["match"],
        f"screener (p >= {settings.review_threshold})": independent["tables"]["review"],
    }
    # The baselines on the independent set, each at its best threshold on this very set (flattering them).
    wratio_ind = run_wratio(listset.entries, independent_queries, independent_clusters)
    results["independent"]["rapidfuzz_wratio"] = {
        "best_threshold": wratio_ind["threshold"],
        "at_best_threshold": summary(wratio_ind["table"]),
        "by_case_type": wratio_ind["table"].to_dicts(),
    }
    independent_tables[f"WRatio (best, {wratio_ind['threshold']:.2f})"] = wratio_ind["table"]
    if not args.quick:
        logic_ind = run_logic_v2(
            full, listset.entries, independent_queries, independent_clusters, settings.max_candidates
        )
        if "error" not in logic_ind:
            results["independent"]["nomenklatura_logic_v2"] = {
                "best_threshold": logic_ind["threshold"],
                "at_best_threshold": summary(logic_ind["table"]),
                "at_default_threshold_0.7": summary(logic_ind["default_table"]),
                "by_case_type": logic_ind["table"].to_dicts(),
            }
            independent_tables[f"logic-v2 (best, {logic_ind['threshold']:.2f})"] = logic_ind["table"]
    results["f1_gap_dev_minus_independent"] = round(
        results["screener"]["at_match_threshold"]["f1"] - results["independent"]["at_match_threshold"]["f1"],
        4,
    )
    later = later_independent_sets(full, independent_clusters, settings)
    results["later_independent_sets"] = later
    table_md = (
        markdown(results, tables)
        + independent_markdown(independent_tables)
        + later_sets_markdown(later, settings)
    )
    RESULTS.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    write_docs(table_md, results)
    print(table_md)
    print(
        json.dumps(
            {k: results["screener"][k] for k in ("at_match_threshold", "at_review_threshold")}, indent=1
        )
    )
    print("F1 margin over the best baseline:", results["f1_margin_over_best_baseline"])
    print("Independent set:", json.dumps(results["independent"]["at_match_threshold"]))
    for name, found in results["later_independent_sets"].items():
        print(f"Independent set ({name}):", json.dumps(found["at_match_threshold"]))


if __name__ == "__main__":
    main()
