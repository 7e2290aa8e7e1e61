"""Issue 19, finding 11: a table holding a 200 MB cell made polars' json writer abort the process (a Rust panic,
no exception) and left an empty file. Rows now go to the writer in pieces of bounded size, and a row too large for
one piece is encoded by Python's json module; the document is the same JSON either way."""

from __future__ import annotations

import io
import json

import polars as pl

from screener.report import machine, write_report
from tests.report.conftest import make_screening, supplier_frame


def frame() -> pl.DataFrame:
    return supplier_frame().with_columns(pl.lit("x" * 5_000).alias("Long note"))


def test_rows_in_pieces_are_the_same_json(monkeypatch):
    whole = io.StringIO()
    machine.write_json_rows(frame(), whole)
    monkeypatch.setattr(machine, "JSON_CHUNK_BYTES", 6_000)  # about one row a piece
    pieces = io.StringIO()
    machine.write_json_rows(frame(), pieces)
    assert json.loads(pieces.getvalue()) == json.loads(whole.getvalue())
    monkeypatch.setattr(machine, "JSON_ROW_ALONE_BYTES", 1_000)  # every row through Python's json module
    alone = io.StringIO()
    machine.write_json_rows(frame(), alone)
    assert json.loads(alone.getvalue()) == json.loads(whole.getvalue())


def test_a_report_written_in_pieces_reads_back(tmp_path, monkeypatch):
    monkeypatch.setattr(machine, "JSON_CHUNK_BYTES", 6_000)
    (path,) = write_report(make_screening(suppliers=frame()), tmp_path / "report.json")
    document = json.loads(path.read_text(encoding="utf-8"))
    assert [row["Long note"] for row in document["suppliers"]] == ["x" * 5_000] * 4
    empty = io.StringIO()
    machine.write_json_rows(pl.DataFrame({"a": []}, schema={"a": pl.String}), empty)
    assert json.loads(empty.getvalue()) == []
