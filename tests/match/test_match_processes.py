"""The match stage in two processes gives exactly the frame one process gives, on a real workbook."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from screener.errors import ScreenerError
from screener.indicators import load_rules
from screener.io import read_suppliers
from screener.match import engine, match_suppliers
from screener.normalize.countries import add_country_codes

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "suppliers.xlsx"


def test_second_process_gives_the_frame_of_one_process(bundled_index, monkeypatch):
    suppliers = add_country_codes(read_suppliers([SAMPLE]).suppliers)
    settings = load_rules(None).match_settings
    monkeypatch.setattr(engine, "PIPELINE_SUPPLIERS", 48)  # the 294 suppliers in 7 parts
    monkeypatch.setattr(engine, "PIPELINE_THREADS", 1)
    alone = match_suppliers(suppliers, bundled_index, settings)

    scored_by_worker = []
    in_two = engine.scored_parts_in_two_processes

    def counted(parts, index, settings):
        results, by_worker = in_two(parts, index, settings)
        scored_by_worker.append(by_worker)
        return results, by_worker

    monkeypatch.setattr(engine, "scored_parts_in_two_processes", counted)
    sent = []  # for each part sent to the second process: were its names normalised already?

    class Recording(ProcessPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):
            if args and isinstance(args[0], pl.DataFrame):
                sent.append("q_key" in args[0].columns)
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(engine, "ProcessPoolExecutor", Recording)
    monkeypatch.setattr(engine, "PIPELINE_THREADS", 2)
    monkeypatch.setattr(engine.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(engine, "PROCESS_MIN_SUPPLIERS", 100)
    monkeypatch.setattr(engine.os, "getloadavg", lambda: (0.9, 0.9, 0.9))  # a core to spare
    both = match_suppliers(suppliers, bundled_index, settings)
    assert_frame_equal(both, alone)
    assert alone.filter(pl.col("band") == "match").height >= 10  # the sample's planted listed suppliers
    assert len(scored_by_worker) == 1 and 1 <= scored_by_worker[0] <= 7  # the worker scored some of the parts
    # names are normalised in this process only: the worker never loads jieba, pypinyin or the normaliser's tables
    assert len(sent) == scored_by_worker[0] and all(sent)


def test_small_files_large_lists_busy_machines_and_workers_stay_in_one_process(bundled_index, monkeypatch):
    monkeypatch.setattr(engine.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(engine.os, "getloadavg", lambda: (1.2, 3.0, 3.0))  # this run, and a core to spare
    assert engine._second_process_pays(engine.PROCESS_MIN_SUPPLIERS, bundled_index)
    monkeypatch.setattr(engine.os, "getloadavg", lambda: (1.6, 0.5, 0.5))  # another job on the second core
    assert not engine._second_process_pays(engine.PROCESS_MIN_SUPPLIERS, bundled_index)
    monkeypatch.setattr(engine.os, "getloadavg", lambda: (1.2, 3.0, 3.0))
    assert not engine._second_process_pays(engine.PROCESS_MIN_SUPPLIERS - 1, bundled_index)
    monkeypatch.setattr(engine, "PROCESS_MAX_LIST_NAMES", bundled_index.entries.height - 1)
    assert not engine._second_process_pays(engine.PROCESS_MIN_SUPPLIERS, bundled_index)
    monkeypatch.setattr(engine, "PROCESS_MAX_LIST_NAMES", bundled_index.entries.height)
    monkeypatch.setattr(engine.multiprocessing, "parent_process", lambda: object())  # a batch worker
    assert not engine._second_process_pays(engine.PROCESS_MIN_SUPPLIERS, bundled_index)


def test_a_worker_importing_an_unguarded_script_stops_with_the_fix(bundled_index, monkeypatch):
    """A spawned worker imports the script that started it: a script calling screener at its top level must not
    screen its input a second time there."""
    monkeypatch.setattr(multiprocessing.current_process(), "_inheriting", True, raising=False)
    suppliers = pl.DataFrame(
        {"row_id": [1], "name": ["Hoshine Silicon Industry Co., Ltd."], "country_code": ["CN"]}
    )
    with pytest.raises(
        ScreenerError, match=r'while a worker process was starting.*if __name__ == "__main__":'
    ):
        match_suppliers(suppliers, bundled_index)
