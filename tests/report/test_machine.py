"""Machine formats: csv folder (formula-escaped), json document, parquet folder, each with the manifest."""

from __future__ import annotations

import json

import polars as pl

from screener.report import write_report
from screener.report.machine import escape_formula_text


def files_in(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_escape_formula_text_only_touches_text_that_starts_like_a_formula():
    frame = pl.DataFrame(
        {"a": ["=1+1", "+1", "-x", "@x", "\tx", "\rx", "a=b", None, "ok"], "n": list(range(9))}
    )
    escaped = escape_formula_text(frame)
    assert escaped.get_column("a").to_list() == [
        "'=1+1",
        "'+1",
        "'-x",
        "'@x",
        "'\tx",
        "'\rx",
        "a=b",
        None,
        "ok",
    ]
    assert escaped.get_column("n").to_list() == list(range(9))
    assert escape_formula_text(pl.DataFrame({"=cmd": [1]})).columns == ["'=cmd"]


def test_csv_tables_escaped_against_formula_injection(tmp_path, screening):
    (folder,) = write_report(screening, tmp_path / "tables", "csv")
    assert files_in(folder) == [
        "data_quality.csv",
        "indicators.csv",
        "manifest.json",
        "matches.csv",
        "rejected.csv",
        "suppliers.csv",
    ]
    suppliers = pl.read_csv(folder / "suppliers.csv", infer_schema=False)
    for column in ("row_id", "supplier_id", "name", "score", "tier"):
        assert column in suppliers.columns
    assert suppliers.get_column("name").to_list()[1] == "'" + '=HYPERLINK("http://x","y")'
    assert suppliers.get_column("Buyer notes").to_list() == [
        "'+44 20 7946 0000",
        "'@risk",
        "'-",
        "'\tindented",
    ]
    assert suppliers.get_column("supplier_id").to_list()[2] == "0042"
    matches = pl.read_csv(folder / "matches.csv", infer_schema=False)
    for column in ("row_id", "list_id", "entity_id", "matched_name", "probability"):
        assert column in matches.columns
    manifest = json.loads((folder / "manifest.json").read_text())
    assert "single quote" in manifest["report"]["text_escaping"]
    assert manifest["report"]["tables"] == {
        "suppliers": 4,
        "matches": 3,
        "indicators": 4,
        "rejected": 1,
        "data_quality": 0,
    }
    assert manifest["rows_in"] == 5


def test_json_document_has_every_table_and_manifest(tmp_path, screening):
    (path,) = write_report(screening, tmp_path / "report.json")
    document = json.loads(path.read_text())
    assert list(document) == ["manifest", "suppliers", "matches", "indicators", "rejected", "data_quality"]
    first = document["suppliers"][0]
    assert (first["row_id"], first["supplier_id"], first["tier"], first["score"]) == (
        1,
        "S-001",
        "high",
        97.5,
    )
    assert document["suppliers"][1]["name"] == '=HYPERLINK("http://x","y")'  # json is data, not a spreadsheet
    assert document["matches"][0]["listed_on"] == "2023-06-09"
    assert document["manifest"]["lists"][0]["sha256"] == "a" * 64


def test_parquet_folder_keeps_types(tmp_path, screening):
    (folder,) = write_report(screening, tmp_path / "tables", "parquet")
    assert "manifest.json" in files_in(folder)
    matches = pl.read_parquet(folder / "matches.parquet")
    assert matches.schema["probability"] == pl.Float64
    assert matches.schema["listed_on"] == pl.Date
    suppliers = pl.read_parquet(folder / "suppliers.parquet")
    assert suppliers.get_column("name").to_list()[1] == '=HYPERLINK("http://x","y")'
    assert suppliers.height == 4
