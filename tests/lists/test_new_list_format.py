"""A list format screener has never seen, added with ONE registration, reaches every part of the tool.

``textile_watch.csv`` (tests/fixtures/lists) is a made-up CSV layout: ``watch_ref, company, also_known_as,
country_iso, flagged_on, concern``. The parser below is the whole of the new format's code; ``register(WATCH)``
is its only registration. The tests then show the file sniffed, parsed, stored, matched, weighed by the rules,
reported (xlsx, FtM) and shown and imported by `screener lists`, none of which would happen if any of those places
still named the formats or list ids it knows.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

import screener
from screener.cli import cli
from screener.contracts import ListInfo
from screener.indicators import load_rules
from screener.lists import load_lists
from screener.lists.common import csv_dicts, make_info, sha256_of
from screener.lists.format import BundledList, ListFile, ListFormat
from screener.lists.formats import bundled_list_ids, format_ids, register, sniff_format, unregister
from screener.lists.schema import entries_frame, name_rows
from screener.lists.store import import_list, list_history
from screener.report import write_report
from screener.risk.features import FEATURE_NAMES

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lists"
WATCH_FILE = FIXTURES / "textile_watch.csv"
COLUMNS = ("watch_ref", "company", "also_known_as", "country_iso", "flagged_on", "concern")


def parse_watch(
    path: str | Path, *, list_id: str = "watch", version: str = ""
) -> tuple[pl.DataFrame, ListInfo]:
    path = Path(path)
    records = [row for _, row in csv_dicts(path, COLUMNS)]
    version = version or max(row["flagged_on"] for row in records)
    rows = []
    for row in records:
        base = {
            "list_id": list_id,
            "entity_id": f"{list_id}:{row['watch_ref']}",
            "entity_type": "entity",
            "country_code": row["country_iso"],
            "program": f"Textile Watch: {row['concern']}",
            "listed_on": row["flagged_on"],
            "list_version": version,
            "status": "listed",
        }
        aliases = [(alias, "aka") for alias in row["also_known_as"].split(";")]
        rows.extend(name_rows(base, row["company"], aliases))
    entries = entries_frame(rows)
    info = make_info(
        entries,
        list_id=list_id,
        title="Textile Transparency Watch",
        publisher="Textile Transparency Watch (made up for this test)",
        source_url="https://example.org/textile-watch",
        version=version,
        sha256=sha256_of([path]),
        licence="CC0",
    )
    return entries, info


WATCH = ListFormat(
    id="textile-watch-csv",
    title="Textile Transparency Watch CSV (made up for this test)",
    parse=parse_watch,
    sniff=lambda file: {"watch_ref", "flagged_on", "concern"} <= file.header,
    topic="forced.labor",
    bundled=(
        BundledList(
            list_id="textile-watch",
            path=WATCH_FILE,
            title="Textile Transparency Watch",
            retrieved="2026-07-01",
            source_url="https://example.org/textile-watch",
        ),
    ),
)


@pytest.fixture
def watch_format():
    register(WATCH)  # the one registration
    yield WATCH
    unregister(WATCH.id)


@pytest.fixture
def suppliers(tmp_path) -> Path:
    path = tmp_path / "suppliers.csv"
    path.write_text(
        "Supplier ID,Supplier Name,Country\n"
        "S1,Kestrel Bay Garment Manufacturing Co. Ltd.,China\n"
        "S2,Rivermist Cashmere,China\n"
        "S3,Harbourside Stationery Ltd,United Kingdom\n",
        encoding="utf-8",
    )
    return path


def test_without_the_registration_the_file_is_only_a_company_list():
    assert sniff_format(WATCH_FILE) == "csv"
    assert "textile-watch-csv" not in format_ids()
    assert "textile-watch" not in bundled_list_ids()


def test_sniffed_and_parsed(watch_format):
    assert sniff_format(WATCH_FILE) == "textile-watch-csv"
    assert ListFile(WATCH_FILE).header == frozenset(COLUMNS)
    # the shipped formats are still recognised, the fallback still catches the rest
    assert sniff_format(FIXTURES / "uflpa_excerpt.csv") == "uflpa"
    assert sniff_format(FIXTURES / "ofac_raw") == "ofac"


def test_bundled_list_is_loaded_and_weighed_by_the_rules(watch_format, tmp_path):
    lists = load_lists()
    assert [info.list_id for info in lists.lists] == ["uflpa", "cbp-wro", "ofac-sdn", "textile-watch"]
    watch = lists.lists[-1]
    assert (watch.entity_count, watch.name_count, watch.version) == (3, 6, "2026-06-30")
    assert watch.extra["format"] == "textile-watch-csv" and watch.extra["origin"] == "bundled"
    names = lists.entries.filter(pl.col("list_id") == "textile-watch").get_column("name").to_list()
    assert "Rivermist Cashmere" in names
    # a rules table for the new bundled list needs no "optional = true": the rules know the bundled ids
    rules_file = tmp_path / "rules.toml"
    rules_file.write_text(
        'extends = "default.toml"\n[lists.textile-watch]\nmatch = { points = 33, severity = "high", likelihood = 0.4 }\n',
        encoding="utf-8",
    )
    rules = load_rules([rules_file])
    assert rules.list_weights("textile-watch")["match"]["points"] == 33
    # no risk-model feature unless the format asks for one (the bundled model is trained on a fixed set)
    assert not any("textile" in name for name in FEATURE_NAMES)


def test_stored_by_import_and_by_the_cli(watch_format, tmp_path):
    info = import_list(WATCH_FILE, fmt="textile-watch-csv", list_id="watch-mine")
    assert info.entity_count == 3
    assert [v["entity_count"] for v in list_history("watch-mine")] == [3]
    assert "watch-mine" in [i.list_id for i in load_lists().lists]

    store = tmp_path / "cli-store"
    runner = CliRunner()
    sniffed = runner.invoke(
        cli, ["lists", "import", str(WATCH_FILE), "--id", "watch-a", "--store", str(store)]
    )
    assert sniffed.exit_code == 0, sniffed.output
    assert sniffed.output.startswith("Imported watch-a: 3 entities, 6 names (version 2026-06-30, sha256 ")
    named = runner.invoke(
        cli,
        [
            "lists",
            "import",
            str(WATCH_FILE),
            "--format",
            "textile-watch-csv",
            "--id",
            "watch-b",
            "--store",
            str(store),
        ],
    )
    assert named.exit_code == 0, named.output
    manifest = json.loads((store / "lists" / "watch-b" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == "textile-watch-csv"

    shown = runner.invoke(cli, ["lists", "show", "--store", str(store)])
    assert shown.exit_code == 0, shown.output
    block = shown.output.split("textile-watch: ", 1)[1].split("\n\n", 1)[0].splitlines()
    assert block == [
        "Textile Transparency Watch",
        "  publisher: Textile Transparency Watch (made up for this test)",
        "  version:   2026-06-30 (retrieved 2026-07-01; bundled)",
        "  contents:  3 entities, 6 names",
        "  licence:   CC0",
        "  source:    https://example.org/textile-watch",
        f"  sha256:    {sha256_of([WATCH_FILE])}",
    ]
    assert "watch-a: Textile Transparency Watch" in shown.output
    assert "[uflpa|cbp-wro|ofac|opensanctions|ftm|csv|textile-watch-csv]" in runner.invoke(
        cli, ["lists", "import", "--help"]
    ).output.replace("\n", "").replace(" ", "")


def test_matched_and_reported(watch_format, suppliers, tmp_path):
    screening = screener.screen(suppliers, model=False)
    hits = screening.matches.filter(pl.col("list_id") == "textile-watch")
    assert sorted(hits.get_column("entity_id").to_list()) == ["textile-watch:TW-001", "textile-watch:TW-003"]
    assert set(hits.get_column("band")) == {"match"}
    assert "textile-watch" in [record["list_id"] for record in screening.lists.provenance()]

    (workbook,) = write_report(screening, tmp_path / "report.xlsx", "xlsx")
    sheets = load_workbook(workbook, read_only=True)
    cells = {str(c) for sheet in sheets.worksheets for row in sheet.iter_rows(values_only=True) for c in row}
    assert "textile-watch" in cells
    assert any(str(c).startswith("Textile Transparency Watch") for c in cells)

    (ftm,) = write_report(screening, tmp_path / "report", "ftm")
    entities = [json.loads(line) for line in ftm.read_text(encoding="utf-8").splitlines()]
    watched = [
        e
        for e in entities
        if e["schema"] == "Organization" and e["properties"]["name"][0].startswith(("Kestrel", "Qinghe"))
    ]
    assert len(watched) == 2
    assert all(e["properties"]["topics"] == ["forced.labor"] for e in watched)


def test_matched_from_the_cli_with_a_sniffed_list_file(watch_format, suppliers, tmp_path):
    out = tmp_path / "out" / "suppliers-risk.json"
    result = CliRunner().invoke(
        cli,
        [
            "screen",
            str(suppliers),
            "--no-default-lists",
            "--lists",
            str(WATCH_FILE),
            "--no-model",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[5:12] == [
        "Rows read: 3 from 1 file; ranked 3, rejected 0",
        "List hits: 2 suppliers (textile-watch 2)",
        "Tiers: high 2, medium 0, low 1",
        "Top 3 by rank: tier, then severity, likelihood, leverage, score (not by score alone):",
        "  rank  tier    score  supplier                                  reason",
        "     1  high     85.0  Kestrel Bay Garment Manufacturing Co. L…  Textile Transparency Watch (2026-06-30): "
        "match: 'Kestrel Bay Garment …",
        "     2  high     85.0  Rivermist Cashmere                        Textile Transparency Watch (2026-06-30): "
        "match: 'Rivermist Cashmere' …",
    ]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert sorted((m["supplier_name"], m["list_id"], m["band"]) for m in report["matches"]) == [
        ("Kestrel Bay Garment Manufacturing Co. Ltd.", "textile-watch", "match"),
        ("Rivermist Cashmere", "textile-watch", "match"),
    ]
    assert [(entry["list_id"], entry["entities"]) for entry in report["manifest"]["lists"]] == [
        ("textile-watch", 3)
    ]
