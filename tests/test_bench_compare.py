"""`make bench` compares its results with the previous committed ones, so a slowdown shows in the run."""

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # bench/ lives at the top of the source tree
    sys.path.insert(0, str(ROOT))

from bench import run_bench  # noqa: E402


def committed() -> dict:
    return json.loads((ROOT / "bench" / "results.json").read_text(encoding="utf-8"))


def test_a_slower_match_stage_is_flagged_and_printed():
    previous = committed()
    name = next(iter(previous["scenarios"]))
    now = copy.deepcopy(previous)
    match = now["scenarios"][name]["pipeline"]["stages"]["match (incl. normalise)"]
    before = match["seconds"]
    match["seconds"] = round(before * 1.5, 3)
    match["cpu_seconds"] = 2 * previous["scenarios"][name]["pipeline"]["stages"][
        "match (incl. normalise)"
    ].get("cpu_seconds", 1.0)
    now["scenarios"][name]["comparison"]["speedup_match_stage"] /= 2  # the naive ratio fell too

    compared = run_bench.ratios_to_previous(now, previous, {name})
    rows = {row["metric"]: row for row in compared["rows"]}
    assert rows["match stage seconds"]["ratio"] == 1.5 and rows["match stage seconds"]["worse"]
    assert rows["match speed-up over naive (same run)"]["ratio"] == 0.5
    assert rows["match speed-up over naive (same run)"]["worse"]
    assert rows["end to end seconds"] == {**rows["end to end seconds"], "ratio": 1.0, "worse": False}
    assert {row["scenario"] for row in compared["rows"]} == {name}  # scenarios not run are not compared
    printed = run_bench.previous_lines(compared)
    assert (
        f"  {name}: match stage seconds: {before:,} -> {round(before * 1.5, 3):,} (1.50x)  <-- WORSE"
        in printed
    )
    page = run_bench.previous_markdown(compared)
    assert "| match stage seconds |" in "\n".join(page)
    stage_row = next(line for line in page if line.startswith("| match (incl. normalise) |"))
    assert stage_row.endswith(" | 2.00x |")  # the stage table before and after, CPU ratio last


def test_a_scenario_at_another_size_is_not_compared():
    previous = committed()
    name = next(iter(previous["scenarios"]))
    now = copy.deepcopy(previous)
    now["scenarios"][name]["spec"] = {**now["scenarios"][name]["spec"], "rows": 5_000}
    rows = run_bench.ratios_to_previous(now, previous, {name})["rows"]
    assert rows == [{"scenario": name, "metric": "-", "note": "no previous result at this size"}]


def test_a_new_run_keeps_the_profile_and_the_ray_and_spark_outcome_with_their_dates():
    previous = committed()
    previous["match_profile"] = {"file": "f.xlsx", "measured_at": "2026-12-01T10:00:00+00:00", "output": "x"}
    previous["distributed"] = {**previous["distributed"], "measured_at": "2026-12-01T11:00:00+00:00"}
    kept = run_bench.kept_from_previous(previous)
    assert kept == {"match_profile": previous["match_profile"], "distributed": previous["distributed"]}
    page = run_bench.render_markdown({**previous, **kept})
    assert "measured 2026-12-01T10:00:00+00:00" in page and "measured 2026-12-01T11:00:00+00:00" in page
    assert run_bench.kept_from_previous({"scenarios": {}}) == {}


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="process tree read from Linux /proc")
def test_memory_of_a_running_worker_process_counts():
    """The match stage may run part of its work in a worker process: the bench's resident memory is that of
    the whole process tree, not of the parent alone."""
    alone = run_bench.rss_bytes()
    worker = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; x = b'x' * (150 * 2**20); print('ready', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert worker.stdout.readline().strip() == "ready"
        assert worker.pid in run_bench.child_pids()
        # 150 MiB written in the worker; the margin is for the parent's own pages moving while the machine is busy
        assert run_bench.rss_bytes() - alone > 100 * 2**20
    finally:
        worker.communicate("")
