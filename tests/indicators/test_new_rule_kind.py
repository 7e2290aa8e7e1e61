"""A new rule kind takes one module and one registration (tests/indicators/name_words_kind.py): its settings are
then checked in a rules file like any shipped key (a bad value named by its key), it fires in a screening, its
evidence reaches the report's reasons, and once it is unregistered no trace of it is left."""

from __future__ import annotations

import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from click.testing import CliRunner

import screener
from screener.batch import BatchContext, screen_batch
from screener.cli import cli
from screener.data import rules_dir
from screener.errors import ConfigError
from screener.indicators import describe_rules, load_rules, plug_in_modules
from screener.indicators.kinds import register, rule_kinds, unregister
from tests.indicators.name_words_kind import KIND

DEFAULT = rules_dir() / "default.toml"
RULES = """extends = "default.toml"
[name_words]
words = ["Bonded", "Prison"]
listed = { points = 35, severity = "high", likelihood = 0.4 }
"""


@pytest.fixture
def name_words():
    register(KIND)  # the one registration
    try:
        yield KIND
    finally:
        unregister(KIND.name)


def _rules_file(tmp_path: Path, text: str = RULES) -> Path:
    path = tmp_path / "my-rules.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_its_settings_are_accepted_and_its_rule_listed(name_words, tmp_path):
    path = _rules_file(tmp_path)
    rules = load_rules(path)
    assert rules.section("name_words")["words"] == ("Bonded", "Prison")
    assert [info.rule_id for info in describe_rules(rules)][-1] == "name.word"
    assert rule_kinds()[-1] is KIND
    result = CliRunner().invoke(cli, ["rules", "check", str(path)])
    assert result.exit_code == 0
    assert result.output == f"OK: rule set 'default' (70 rules; loaded {DEFAULT} <- {path})\n"
    # a file that leaves the kind's table out gets its declared default (the rule weighs nothing)
    assert load_rules(None).section("name_words")["words"] == ()


def test_a_bad_value_is_named_by_its_key(name_words, tmp_path):
    path = _rules_file(
        tmp_path,
        'extends = "default.toml"\n[name_words]\nwords = "Bonded"\n'
        'listed = { points = 5000, severity = "hgih", likelihood = 0.4 }\nword = ["x"]\n',
    )
    result = CliRunner().invoke(cli, ["rules", "check", str(path)])
    assert result.exit_code == 2
    assert result.output == (
        f"Error: rules file {path} has 4 problems:\n"
        f"  - {path}: name_words.words = 'Bonded': must be a list of text\n"
        f"  - {path}: name_words.listed.points = 5000: out of range: must be a number from -1000 to 1000\n"
        f"  - {path}: name_words.listed.severity = 'hgih': must be one of 'critical', 'high', 'medium', 'low', "
        "'info' (did you mean 'high'?)\n"
        f"  - {path}: name_words.word: unknown key; did you mean 'words'?\n"
    )


def _workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Suppliers"
    sheet.append(["Supplier name", "Country", "Goods"])
    sheet.append(["Acme Tools GmbH", "DE", "hand tools"])
    sheet.append(["Bonded Knitwear Trading Co", "BD", "knitted jumpers"])
    sheet.append(["Prison Industries Supply Ltd", "US", "office furniture"])
    book.save(path)
    return path


def test_it_fires_in_a_screening_and_its_evidence_reaches_the_reasons(name_words, tmp_path):
    suppliers = _workbook(tmp_path / "suppliers.xlsx")
    with_kind = screener.screen([suppliers], rules=[_rules_file(tmp_path)], model=False)
    hits = with_kind.hits.filter(with_kind.hits["rule_id"] == "name.word")
    assert hits.select("category", "points", "severity", "evidence").rows() == [
        (
            "name_word",
            35.0,
            "high",
            "Flagged word in the supplier's name: 'Bonded Knitwear Trading Co' contains 'Bonded'",
        ),
        (
            "name_word",
            35.0,
            "high",
            "Flagged word in the supplier's name: 'Prison Industries Supply Ltd' contains 'Prison'",
        ),
    ]
    without = screener.screen([suppliers], rules=[DEFAULT], model=False)
    score = {row["name"]: row["score"] for row in without.ranked_suppliers().iter_rows(named=True)}
    for row in with_kind.ranked_suppliers().iter_rows(named=True):
        added = 35.0 if row["name"] != "Acme Tools GmbH" else 0.0
        assert row["score"] == pytest.approx(score[row["name"]] + added), row["name"]

    (report,) = screener.write_report(with_kind, tmp_path / "out" / "suppliers-risk.xlsx")
    sheet = openpyxl.load_workbook(report)["Suppliers"]
    head = [cell.value for cell in sheet[1]]
    reasons = {
        row[head.index("Supplier name")]: (row[head.index("Reasons")] or "").splitlines()
        for row in sheet.iter_rows(min_row=2, values_only=True)
    }
    assert (
        "Flagged word in the supplier's name: 'Bonded Knitwear Trading Co' contains 'Bonded'"
        in (reasons["Bonded Knitwear Trading Co"])
    )
    assert (
        "Flagged word in the supplier's name: 'Prison Industries Supply Ltd' contains 'Prison'"
        in (reasons["Prison Industries Supply Ltd"])
    )
    assert not any("Flagged word" in line for line in reasons["Acme Tools GmbH"])


@pytest.mark.slow  # a spawned process loads screener and unpickles the whole match index
def test_a_plug_in_kind_is_registered_in_worker_processes(tmp_path):
    """Workers (the streaming pool, Ray, Spark) get the run context pickled and read the rules file again: the
    plug-in's module is imported there first, so its table is known and its rule fires."""
    import tests.indicators.plug_in_kind as plug_in  # registers the kind, as a plug-in's import does

    try:
        assert plug_in_modules() == ("tests.indicators.plug_in_kind",)
        context = BatchContext.build(rules=[_rules_file(tmp_path)], model=False)
        suppliers = pl.DataFrame(
            {
                "row_id": [1, 2],
                "name": ["Bonded Knitwear Trading Co", "Acme Tools GmbH"],
                "country": ["CN", "DE"],
            }
        )
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
            screened = pool.submit(screen_batch, suppliers, context).result()
        reasons = dict(zip(screened["name"], screened["reasons"], strict=True))
        assert "'Bonded Knitwear Trading Co' contains 'Bonded'" in reasons["Bonded Knitwear Trading Co"]
        assert "Flagged word" not in reasons["Acme Tools GmbH"]
    finally:
        unregister(plug_in.KIND.name)
        sys.modules.pop(plug_in.__name__, None)
    assert plug_in_modules() == ()


def test_unregistering_leaves_no_trace(tmp_path):
    path = _rules_file(tmp_path)
    names = [kind.name for kind in rule_kinds()]
    register(KIND)
    try:
        assert load_rules(path).section("name_words")["words"] == ("Bonded", "Prison")
        with pytest.raises(ValueError, match="registered twice"):
            register(KIND)
    finally:
        unregister(KIND.name)
    assert [kind.name for kind in rule_kinds()] == names
    assert "name.word" not in [info.rule_id for info in describe_rules(load_rules(None))]
    with pytest.raises(ConfigError) as raised:
        load_rules(path)
    (problem,) = raised.value.problems
    assert problem.startswith(f"{path}: name_words: unknown key; known keys: actions, audit, country_table,")
