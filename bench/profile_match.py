"""Where the match stage spends its time: py-spy samples every Python thread of a match run, grouped by step.

    pip install py-spy                       # a sampling profiler; not a dependency of screener
    python -m bench.profile_match ../shared/bench/multilingual_suppliers_100k.xlsx --svg docs/match-profile.svg

The file is read and the list index built (or loaded from the cache) first; only samples taken while
``match_suppliers`` runs (its own thread, the worker threads it starts and the second process it spawns for a
large file on a machine with a core to spare) are counted. A sample is given to the first step of STEPS found in its stack, so a worker thread of
the candidate search counts as candidates. Prints a markdown table of steps, pair features and the busiest
functions (share of busy samples; idle waits are left out).
"""

from __future__ import annotations

import argparse
import collections
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# (text found in a sampled stack, step it belongs to), first match wins
STEPS = (
    ("screener/match/explain.py", "explanations"),
    ("screener/match/classifier.py", "classifier (one batched predict per part, threads)"),
    ("screener/normalize/", "normalise supplier names"),
    ("screener/match/candidates.py", "candidates (3-gram TF-IDF top-k + word keys)"),
    ("screener/match/features.py", "pair features"),
    ("screener/match/gate.py", "scoring gates (their small models)"),
    ("_same_features", "sharing features between equal pairs"),
    ("best_per_entity", "best per entity, bands, held short names"),
    ("hold_short_names_at_review", "best per entity, bands, held short names"),
    ("screener/match/evidence", "identifier and address evidence"),
    ("spawn_main", "second process: start (imports, index received)"),
)
IDLE = ("Condition.wait", "Thread.start", "lock")
FEATURE = re.compile(r"([\w.<>]+) \(screener/match/features\.py")


def run_match(path: str, rows: int) -> None:
    """The child: read, index, then the match stage (the part the parent counts)."""
    from screener.indicators import load_rules
    from screener.io import read_suppliers
    from screener.lists import load_lists
    from screener.match import build_index, match_suppliers
    from screener.normalize.countries import add_country_codes

    settings = load_rules(None).match_settings
    suppliers = add_country_codes(read_suppliers([path]).suppliers)
    suppliers = suppliers.head(rows) if rows else suppliers
    listset = load_lists([])
    index = build_index(listset.entries, cache_key=listset.versions_key())
    index.classifier()
    started, cpu, worker_cpu = time.perf_counter(), time.process_time(), _children_cpu()
    matches = match_suppliers(suppliers, index, settings)
    seconds = time.perf_counter() - started
    print(
        f"match stage: {suppliers.height:,} suppliers in {seconds:.2f} s wall, "
        f"{time.process_time() - cpu:.2f} s CPU here + {_children_cpu() - worker_cpu:.2f} s in the second "
        f"process ({suppliers.height / seconds:,.0f} suppliers/s), {matches.height:,} matches"
    )


def _children_cpu() -> float:
    """CPU seconds of the finished child processes (the match stage's second process, once it has ended)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def in_match_stage(frames: list[str]) -> bool:
    """Samples of match_suppliers' thread, of the threads it starts, and of its second process."""
    if any("spawn_main" in frame for frame in frames):
        return True
    main_thread = frames[0].startswith("<module>") or frames[0].startswith("_run_module_as_main")
    return not main_thread or any("match_suppliers" in frame for frame in frames)


def summarise(folded: Path, top: int = 12) -> str:
    """The markdown tables from py-spy's raw (folded) output."""
    steps, features, leaves = collections.Counter(), collections.Counter(), collections.Counter()
    total = 0
    for line in folded.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        frames = [frame.strip() for frame in stack.split(";")]
        if frames and frames[0].startswith("process "):  # --subprocesses puts the process first
            frames = frames[1:]
        if not frames or any(word in frames[-1] for word in IDLE) or not in_match_stage(frames):
            continue
        samples = int(count)
        total += samples
        step = next((name for key, name in STEPS if key in stack), "other (polars frames, joins, concat)")
        steps[step] += samples
        named = [m.group(1) for m in map(FEATURE.match, frames) if m]
        named = [name for name in named if not name.startswith("compute_features")]
        if named and step == "pair features":
            features[named[0]] += samples
        leaves[frames[-1]] += samples
    if not total:
        return "no samples of the match stage"
    lines = ["| match step | share of busy samples |", "|---|---:|"]
    lines += [f"| {name} | {count / total:.0%} |" for name, count in steps.most_common()]
    lines += ["", "| pair feature (inside pair features) | share |", "|---|---:|"]
    lines += [f"| `{name}` | {count / total:.1%} |" for name, count in features.most_common(top)]
    lines += ["", "| busiest function (where the sample was taken) | share |", "|---|---:|"]
    lines += [f"| `{name}` | {count / total:.1%} |" for name, count in leaves.most_common(top) if name]
    lines.append("")
    lines.append(f"{total:,} busy samples.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="supplier workbook or csv")
    parser.add_argument("--rows", type=int, default=0, help="only the first rows (0: all)")
    parser.add_argument("--rate", type=int, default=40, help="py-spy samples per second")
    parser.add_argument("--svg", type=Path, help="also write a flame graph (a second, identical run)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        run_match(args.file, args.rows)
        return
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(spy).exists():
        sys.exit("py-spy is not installed: pip install py-spy")
    child = [sys.executable, "-m", "bench.profile_match", args.file, "--rows", str(args.rows), "--child"]
    with tempfile.TemporaryDirectory(prefix="profile-match-") as folder:
        folded = Path(folder) / "match.folded"
        subprocess.run(_record(spy, args.rate, "raw", folded) + child, check=True)
        print(summarise(folded))
    if args.svg:
        subprocess.run(_record(spy, args.rate, "flamegraph", Path(args.svg)) + child, check=True)


def _record(spy: str, rate: int, output_format: str, out: Path) -> list[str]:
    """The py-spy command that samples the child and its worker processes into ``out`` (then ``--`` and the child)."""
    return [
        spy,
        "record",
        "--subprocesses",
        "--rate",
        str(rate),
        "--format",
        output_format,
        "-o",
        str(out),
        "--",
    ]


if __name__ == "__main__":
    main()
