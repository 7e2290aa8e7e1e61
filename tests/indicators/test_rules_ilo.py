"""ILO forced-labour indicators from audit text, in several languages; negated findings do not fire."""

import pytest

from screener.indicators import load_rules
from screener.indicators.base import ILO_INDICATORS
from screener.indicators.rules_ilo import find_indicators
from tests.indicators.conftest import evidence, hits_for, rule_ids, suppliers


@pytest.mark.parametrize(
    "finding",
    [
        "Passports held by employer",
        "Retención de pasaportes de los trabajadores migrantes",
        "护照被扣",
        "Passeports confisqués par la direction",
        "Employer keeps the passports for safekeeping",
        "Finding No. 3: passports are held by HR",
    ],
)
def test_retention_of_identity_documents(default_rules, finding):
    hits = hits_for(suppliers({"audit_findings": finding}), default_rules)
    assert "ilo.retention_of_identity_documents" in rule_ids(hits)
    text = evidence(hits, "ilo.retention_of_identity_documents")
    assert "Retention of identity documents" in text
    assert "audit findings: " in text


@pytest.mark.parametrize(
    "finding",
    [
        "No evidence of passport retention.",
        "未发现扣押护照",
        "Debt bondage: none found",
        "Overtime within legal limits; workers free to resign.",
    ],
)
def test_negated_or_clean_findings_do_not_fire(default_rules, finding):
    hits = hits_for(suppliers({"audit_findings": finding}), default_rules)
    assert not {r for r in rule_ids(hits) if r.startswith("ilo.")}


def test_several_indicators_each_fire_once_quoting_the_words(default_rules):
    finding = "Workers not allowed to leave the dormitory; wages withheld for 3 months; 强制加班; debt bondage to brokers"
    hits = hits_for(suppliers({"audit_findings": finding}), default_rules)
    assert {r for r in rule_ids(hits) if r.startswith("ilo.")} == {
        "ilo.restriction_of_movement",
        "ilo.withholding_of_wages",
        "ilo.excessive_overtime",
        "ilo.debt_bondage",
    }
    assert "'强制加班'" in evidence(hits, "ilo.excessive_overtime")


def test_every_indicator_has_english_spanish_french_and_chinese_phrases():
    import polars as pl

    from screener.data import reference_path

    table = pl.read_csv(reference_path("ilo_indicator_phrases.csv"))
    for indicator in ILO_INDICATORS:
        languages = set(table.filter(pl.col("indicator") == indicator).get_column("language"))
        assert {"en", "es", "fr", "zh"} <= languages, indicator
        for phrase in table.filter(pl.col("indicator") == indicator).get_column("phrase"):
            assert indicator in find_indicators(phrase), (indicator, phrase)


def test_per_indicator_weights_and_extra_phrases(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text(
        'extends = "default.toml"\n[ilo]\nextra_phrases = { debt_bondage = ["loan from the broker"] }\n'
        "[ilo.indicators.debt_bondage]\npoints = 70\n",
        encoding="utf-8",
    )
    rules = load_rules(path)
    hits = hits_for(suppliers({"audit_findings": "Workers repay a loan from the broker"}), rules)
    row = hits.filter(hits["rule_id"] == "ilo.debt_bondage").row(0, named=True)
    assert row["points"] == 70
    assert row["severity"] == rules.section("ilo")["default"]["severity"]  # the rest from the default


def test_yes_no_audit_columns_fire_their_indicator(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text(
        'extends = "default.toml"\n[ilo]\nflag_columns = { retention_of_identity_documents = ["Passports retained"] }\n',
        encoding="utf-8",
    )
    frame = suppliers(
        {"Passports retained": "Ja"}, {"Passports retained": "nein"}, {"name": "no column value"}
    )
    hits = hits_for(frame, load_rules(path))
    assert "column 'Passports retained' is yes" in evidence(hits, "ilo.retention_of_identity_documents", 1)
    assert "ilo.retention_of_identity_documents" not in rule_ids(hits, 2) | rule_ids(hits, 3)


def test_unknown_indicator_in_flag_columns_is_a_config_error(tmp_path):
    from screener.errors import ConfigError

    path = tmp_path / "r.toml"
    path.write_text(
        'extends = "default.toml"\n[ilo]\nflag_columns = { debt_bondge = ["x"] }\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError, match="did you mean 'debt_bondage'"):
        load_rules(path)


@pytest.mark.parametrize(
    "finding",
    [
        "Passport copies kept in personnel files",
        "Chemical storage isolated from production area",
        "Document retention period for payroll records is 3 years",
        "护照复印件由人事部保管",
    ],
)
def test_ordinary_audit_wording_does_not_fire(default_rules, finding):
    hits = hits_for(suppliers({"audit_findings": finding}), default_rules)
    assert not {r for r in rule_ids(hits) if r.startswith("ilo.")}


@pytest.mark.parametrize(
    "finding", ["Paspot pekerja ditahan oleh majikan", "Công ty giữ hộ chiếu của công nhân"]
)
def test_malay_and_vietnamese_document_retention(default_rules, finding):
    hits = hits_for(suppliers({"audit_findings": finding}), default_rules)
    assert "ilo.retention_of_identity_documents" in rule_ids(hits)


def _cases():
    import csv
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "fixtures" / "ilo_cases.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return [(row["finding"], row["expected"] or "") for row in csv.DictReader(handle)]


@pytest.mark.parametrize(("finding", "expected"), _cases())
def test_labelled_audit_findings(finding, expected):
    """tests/fixtures/ilo_cases.csv: findings as audits word them, with the indicators they report (none for the
    ordinary health-and-safety and paperwork findings that must not raise a forced-labour flag)."""
    assert set(find_indicators(finding)) == set(filter(None, expected.split(";")))
