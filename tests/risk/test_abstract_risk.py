"""Abstract vs concrete risk (LkSG guidance): country, commodity and sector risk alone puts a supplier at most in
tier medium ([tiers] abstract_risk_cap) with a request for information; tier high needs evidence about the
supplier itself."""

import polars as pl
import pytest

from screener.pipeline import screen
from screener.schema import REASONS, RECOMMENDED_ACTION, SCORE, SOURCE_ROW, TIER

SUPPLIERS = (
    "Supplier,Country,Goods,Audit result,Audit findings\n"
    "Shandong Weiqiao Textile Trading Co,China,cotton yarn,,\n"
    "Shandong Weiqiao Textile Trading Co,China,cotton yarn,fail,workers' passports kept by the employer\n"
)


@pytest.fixture(scope="module")
def ranked(tmp_path_factory):
    path = tmp_path_factory.mktemp("abstract") / "suppliers.csv"
    path.write_text(SUPPLIERS, encoding="utf-8")
    return screen([path]).ranked_suppliers()


def _row(ranked: pl.DataFrame, row: int) -> dict:
    return ranked.filter(pl.col(SOURCE_ROW) == row).row(0, named=True)


def test_country_and_commodity_risk_alone_is_not_tier_high(ranked):
    supplier = _row(ranked, 2)
    assert supplier[SCORE] >= 60  # the score alone would make it tier high
    assert supplier[TIER] == "medium"
    assert not supplier[RECOMMENDED_ACTION].startswith("Remediation plan")
    assert supplier[RECOMMENDED_ACTION].startswith(
        "Request information: ask the supplier for a self-assessment"
    )
    assert supplier[REASONS].startswith(
        f"Abstract risk only: the score {supplier[SCORE]:.1f} would be tier high, but only country, commodity or "
        "sector risk was found"
    )


def test_audit_findings_about_the_supplier_lift_the_cap(ranked):
    supplier = _row(ranked, 3)
    assert supplier[TIER] == "high"
    assert supplier[RECOMMENDED_ACTION].startswith("Remediation plan")


def test_the_cap_is_a_rules_file_setting(tmp_path):
    rules = tmp_path / "no-cap.toml"
    rules.write_text('extends = "default.toml"\n[tiers]\nabstract_risk_cap = "high"\n', encoding="utf-8")
    path = tmp_path / "suppliers.csv"
    path.write_text(SUPPLIERS, encoding="utf-8")
    supplier = _row(screen([path], rules=[rules]).ranked_suppliers(), 2)
    assert supplier[TIER] == "high"
    assert supplier[RECOMMENDED_ACTION].startswith("Remediation plan")


def test_the_method_sheet_explains_the_cap(tmp_path):
    import openpyxl

    from screener.report import write_report

    path = tmp_path / "suppliers.csv"
    path.write_text(SUPPLIERS, encoding="utf-8")
    (report,) = write_report(screen([path], model=False), tmp_path / "report.xlsx")
    rows = {
        r[0]: r[1]
        for r in openpyxl.load_workbook(report, read_only=True)["Method"].iter_rows(values_only=True)
    }
    assert rows["Abstract vs concrete risk"].startswith(
        "Country, commodity and sector risk alone (abstract risk, LkSG guidance) puts a supplier at most in tier "
        "medium, with the action: Request information"
    )
    assert "list.*.match" in rows["Abstract vs concrete risk"]
    assert rows["List entries no longer in force"].startswith("A match with a revoked, modified (lifted)")
