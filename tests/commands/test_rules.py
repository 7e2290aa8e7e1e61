"""``screener rules check|list|goods|diff`` through Click's runner."""

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from screener.cli import cli
from screener.commands.rules import compare_screenings, render_changes
from screener.data import rules_dir
from screener.indicators import evaluate_indicators, load_rules
from screener.risk import rank_suppliers
from tests.indicators.conftest import RUN_DATE, suppliers


def _run(*args):
    return CliRunner().invoke(cli, list(args))


def test_check_ok_for_every_bundled_file():
    for name in ("default.toml", "uflpa.toml", "eu-flr.toml", "lksg.toml"):
        result = _run("rules", "check", str(rules_dir() / name))
        assert result.exit_code == 0, result.output
        assert result.output.startswith("OK: rule set")


def test_check_prints_every_problem_and_exits_2(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(
        'extends = "default.toml"\n[tiers]\nhigh = "x"\nfoo = 1\n[lists.nope]\nforce_high = true\n'
    )
    result = _run("rules", "check", str(path))
    assert result.exit_code == 2
    assert "3 problems" in result.output
    for part in ("tiers.high = 'x'", "tiers.foo: unknown key", "lists.nope"):
        assert part in result.output
    assert "Traceback" not in result.output


def test_check_reports_per_key_and_cross_key_problems_together(tmp_path):
    """A file with a mistyped currency and tiers out of order: both, each naming its key and what to do, in one
    run (the cross-key check used to show only once every per-key problem was mended); the 170 currency codes are
    not dumped on the officer; `extends = "default"` finds the bundled profile as `--rules default` does."""
    path = tmp_path / "mine.toml"
    path.write_text(
        'extends = "default"\n[tiers]\nmedium = 90\nhigh = 40\n[prioritisation]\ncurrency = "EURO"\n'
    )
    result = _run("rules", "check", str(path))
    assert result.exit_code == 2
    assert result.output == (
        f"Error: rules file {path} has 2 problems:\n"
        f'  - {path}: prioritisation.currency = \'EURO\': must be an ISO 4217 currency code, e.g. "EUR", "USD" '
        "(did you mean 'EUR'?)\n"
        f"  - {path}: tiers.medium = 90: must not exceed tiers.high = 40\n"
    )


def test_check_cross_key_problem_of_a_mistyped_table_is_left_to_its_key(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('extends = "default.toml"\n[tiers]\nmedium = "ninety"\n')
    result = _run("rules", "check", str(path))
    assert result.exit_code == 2
    assert result.output == (
        f"Error: rules file {path} has 1 problem:\n"
        f"  - {path}: tiers.medium = 'ninety': must be a number of at least 0\n"
    )


def test_list_shows_each_rule_with_weight_and_description():
    result = _run("rules", "list", str(rules_dir() / "uflpa.toml"))
    assert result.exit_code == 0
    line = next(line for line in result.output.splitlines() if line.startswith("xinjiang.presumption"))
    assert " 120 " in line and "critical" in line and "Uyghur Forced Labor Prevention Act" in line
    assert any(line.startswith("ilo.debt_bondage") for line in result.output.splitlines())


def test_list_json():
    rows = json.loads(_run("rules", "list", "--json").output)
    ids = {row["rule_id"] for row in rows}
    assert {"dol.forced_labour", "dol.child_labour", "order.cbp_region", "country.fcs.conflict",
            "voice.recruitment_fees", "gap.audit_outdated"} <= ids  # fmt: skip
    assert len(ids) == len(rows)


def test_goods_lists_the_dol_vocabulary():
    output = _run("rules", "goods").output.splitlines()
    assert "Thread/Yarn" in output and "Solar Modules" in output


def _screening(frame, rules_path):
    rules = load_rules(rules_path)
    hits = evaluate_indicators(frame, None, None, rules, run_date=RUN_DATE)
    return SimpleNamespace(suppliers=frame, hits=hits, ranking=rank_suppliers(frame, hits, rules))


def test_diff_core_explains_a_tier_change(tmp_path):
    lenient = tmp_path / "lenient.toml"
    lenient.write_text('extends = "default.toml"\n[xinjiang]\npresumption = { points = 0 }\n[orders]\n'
                       'region_order = { points = 0 }\n[tiers]\nhigh = 100\n')  # fmt: skip
    frame = suppliers(
        {"name": "Korla Cotton", "country": "China", "goods": "cotton", "city": "Korla"},
        {"name": "Bavaria Valves", "country": "Germany", "goods": "valves", "audit_result": "Pass"},
    )
    changes = compare_screenings(_screening(frame, lenient), _screening(frame, rules_dir() / "uflpa.toml"))
    assert changes.height == 1  # the German valve maker does not move
    row = changes.row(0, named=True)
    assert (row["name"], row["old_tier"], row["new_tier"], row["change"]) == (
        "Korla Cotton",
        "medium",
        "high",
        "up",
    )
    assert "xinjiang.presumption 0 -> 120" in row["why"]
    text = render_changes(changes, 2, lenient, rules_dir() / "uflpa.toml")
    assert text.startswith("1 of 2 suppliers change tier from lenient.toml to uflpa.toml (1 up, 0 down)")
    assert "Korla Cotton (row 1): medium -> high" in text and "why: " in text


@pytest.mark.slow
def test_diff_on_the_sample_workbook_lists_the_suppliers_that_move(tmp_path):
    """End to end through the pipeline (reader, lists, matcher, rules, ranking), twice."""
    sample = Path(__file__).resolve().parents[2] / "sample_data" / "suppliers.xlsx"
    result = _run(
        "rules", "diff", str(rules_dir() / "default.toml"), str(rules_dir() / "uflpa.toml"), str(sample)
    )
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert "suppliers change tier from default.toml to uflpa.toml" in first
    assert not first.startswith("0 of")
    assert "why: " in result.output


def test_check_checks_each_file_on_its_own_and_names_profiles(tmp_path):
    """Two files are two checks (not one merged rule set); a shipped profile can be named."""
    bad = tmp_path / "bad.toml"
    bad.write_text('extends = "default.toml"\n[tiers]\nhigh = "x"\n', encoding="utf-8")
    lksg, uflpa = rules_dir() / "lksg.toml", rules_dir() / "uflpa.toml"
    result = _run("rules", "check", "lksg", str(bad), "uflpa")
    assert result.exit_code == 2
    default = rules_dir() / "default.toml"
    assert result.stdout.splitlines() == [
        f"OK: rule set 'lksg' (69 rules; loaded {default} <- {lksg})",
        f"OK: rule set 'uflpa' (69 rules; loaded {default} <- {uflpa})",
    ]
    assert result.stderr.splitlines()[0] == f"Error: rules file {bad} has 1 problem:"
    assert "tiers.high = 'x'" in result.stderr.splitlines()[1]


def test_rules_option_names_a_shipped_profile():
    assert load_rules(["lksg"]).name == "lksg"
    assert load_rules(["eu_flr"]).name == "eu-flr"
    assert load_rules("uflpa.toml").name == "uflpa"


US_IMPORT_BAR = ("UFLPA", "Tariff Act", "import to the US", "CBP")
PROFILE_LAW = {"lksg": "LkSG", "eu-flr": "2024/3015", "uflpa": "UFLPA"}


@pytest.mark.parametrize("profile", sorted(PROFILE_LAW))
def test_every_profile_acts_under_its_own_law(profile):
    """The EU and German profiles never tell an officer that US import law bars the goods; each profile's high-tier
    and override actions cite its own law."""
    actions = load_rules([profile]).section("actions")
    cited = [actions["high"], *[override["action"] for override in actions["overrides"]]]
    assert all(PROFILE_LAW[profile] in text for text in cited), cited
    if profile != "uflpa":
        every = [
            actions["high"],
            actions["medium"],
            actions["low"],
            *[o["action"] for o in actions["overrides"]],
        ]
        assert not [text for text in every if any(us in text for us in US_IMPORT_BAR)]
