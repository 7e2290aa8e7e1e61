"""`screener screen` through the CLI: the report is written once, bad input is one Error line with exit code 2
and leaves nothing behind."""

import hashlib
import json
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from click.testing import CliRunner

from screener.cli import cli

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "suppliers.xlsx"


def _csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def small_csv(tmp_path):
    return _csv(
        tmp_path / "vendors.csv",
        "Vendor No,Vendor Name,Country,Commodity\n"
        "00017,XINJIANG DAQO NEW ENERGY CO LT,CN,polysilicon\n"
        "00018,Nordlicht Bürobedarf GmbH,DE,office supplies\n"
        "00019,,CN,cotton\n",
    )


def test_screen_writes_xlsx_with_every_row_accounted(tmp_path, small_csv):
    out = tmp_path / "out" / "vendors-risk.xlsx"
    result = CliRunner().invoke(cli, ["screen", str(small_csv), "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out, read_only=True)
    assert {"Suppliers", "Matches", "Rejected"} <= set(book.sheetnames)
    suppliers = list(book["Suppliers"].iter_rows(values_only=True))
    header = suppliers[0]
    names = [row[header.index("Supplier name")] for row in suppliers[1:]]
    assert names[0] == "XINJIANG DAQO NEW ENERGY CO LT"  # the listed supplier ranks first
    assert len(suppliers) - 1 == 2
    assert len(list(book["Rejected"].iter_rows(values_only=True))) - 1 == 1
    assert "Rows read: 3 " in result.output


def test_existing_report_is_not_overwritten_without_force(tmp_path, small_csv):
    out = tmp_path / "r.xlsx"
    runner = CliRunner()
    assert runner.invoke(cli, ["screen", str(small_csv), "-o", str(out), "-q"]).exit_code == 0
    before = hashlib.sha256(out.read_bytes()).hexdigest()
    again = runner.invoke(cli, ["screen", str(small_csv), "-o", str(out), "-q"])
    assert again.exit_code == 2
    assert "Error:" in again.output and "--force" in again.output
    assert hashlib.sha256(out.read_bytes()).hexdigest() == before
    assert runner.invoke(cli, ["screen", str(small_csv), "-o", str(out), "-q", "--force"]).exit_code == 0


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_machine_formats(tmp_path, small_csv, fmt):
    out = tmp_path / f"report-{fmt}"
    result = CliRunner().invoke(cli, ["screen", str(small_csv), "-o", str(out), "--format", fmt, "-q"])
    assert result.exit_code == 0, result.output
    assert out.exists() or out.with_suffix(f".{fmt}").exists()


def _bad_cases(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    pdf = tmp_path / "suppliers.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n")
    no_name = _csv(tmp_path / "no_name.csv", "Country,Spend\nCN,100\nDE,200\n")
    empty = _csv(tmp_path / "empty.csv", "")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(SAMPLE.read_bytes()[:4000])
    return {
        "missing file": (tmp_path / "nope.xlsx", "nope.xlsx"),
        "unsupported type": (pdf, "suppliers.pdf"),
        "no name column": (no_name, "no_name.csv"),
        "empty file": (empty, "empty.csv"),
        "truncated workbook": (broken, "broken.xlsx"),
    }


@pytest.mark.parametrize(
    "case", ["missing file", "unsupported type", "no name column", "empty file", "truncated workbook"]
)
def test_bad_input_is_one_error_line_exit_2_and_no_output(tmp_path, case):
    path, file_name = _bad_cases(tmp_path)[case]
    out = tmp_path / "out" / "report.xlsx"
    result = CliRunner().invoke(cli, ["screen", str(path), "-o", str(out), "-q"])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines[0].startswith("Error:") and file_name in lines[0]
    assert "Traceback" not in result.output
    assert not out.exists()
    assert not list(tmp_path.glob("out/*"))


def test_bad_rules_file_is_reported_before_reading(tmp_path, small_csv):
    rules = tmp_path / "bad.toml"
    rules.write_text("[matching]\nmatch_threshold = 'high'\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["screen", str(small_csv), "--rules", str(rules), "-o", str(tmp_path / "r.xlsx")]
    )
    assert result.exit_code == 2
    assert "bad.toml" in result.output and "match_threshold" in result.output
    assert not (tmp_path / "r.xlsx").exists()


def test_input_file_is_never_modified(tmp_path, small_csv):
    before = hashlib.sha256(small_csv.read_bytes()).hexdigest()
    CliRunner().invoke(cli, ["screen", str(small_csv), "-o", str(tmp_path / "r.xlsx"), "-q"])
    assert hashlib.sha256(small_csv.read_bytes()).hexdigest() == before


def test_row_limit_is_checked_before_loading_and_names_its_option(tmp_path, small_csv):
    out = tmp_path / "r.xlsx"
    result = CliRunner().invoke(cli, ["screen", str(small_csv), "--max-rows", "2", "-o", str(out), "-q"])
    assert result.exit_code == 2
    assert "vendors.csv" in result.output and "--max-rows" in result.output
    assert not out.exists()


def test_batch_size_streams_a_csv_into_tables_with_every_row_accounted(tmp_path):
    lines = ["Vendor Name,Country,Commodity"] + [
        f"Nordlicht Supplier {i} GmbH,DE,office supplies" for i in range(2500)
    ]
    lines[1200] = "XINJIANG DAQO NEW ENERGY CO LT,CN,polysilicon"
    lines[1300] = ",CN,cotton"
    source = tmp_path / "big.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["screen", str(source), "--batch-size", "1000", "--format", "csv", "-o", str(out), "-q"]
    )
    assert result.exit_code == 0, result.output
    suppliers = pl.read_csv(out / "suppliers-risk.csv", infer_schema=False)
    rejected = pl.read_csv(out / "rejected.csv", infer_schema=False)
    assert suppliers.height + rejected.height == 2500
    assert suppliers.get_column("name")[0] == "XINJIANG DAQO NEW ENERGY CO LT"
    assert suppliers.get_column("tier")[0] == "high"
    assert not (out / "parts").exists()  # scratch batches are cleaned up


def test_batch_size_takes_currency_rates_and_spend_column(tmp_path):
    """--currency, --rates and --spend-column stream as they screen in one piece; a spend column the file does not
    have is one error naming the headers it has, and no half-made report folder is left."""
    source = tmp_path / "spend.csv"
    source.write_text(
        "Supplier Name,Country,Spend 2023,Spend 2024\n"
        "Rheinland Verpackung GmbH,DE,1,EUR 400000\n"
        "Ohio Fasteners Inc,US,1,USD 1200000\n"
        "Ningbo Plastics Co Ltd,CN,1,CNY 12000000\n",
        encoding="utf-8",
    )
    rates = tmp_path / "rates.toml"
    rates.write_text(
        'base = "EUR"\ndate = 2024-12-31\n[rates]\nUSD = 1.0389\nCNY = 7.5833\n', encoding="utf-8"
    )
    out = tmp_path / "out"
    args = ["screen", str(source), "--batch-size", "1000", "--format", "csv", "--no-model", "-q"]
    result = CliRunner().invoke(
        cli,
        [*args, "-o", str(out), "--currency", "USD", "--rates", str(rates), "--spend-column", "Spend 2024"],
    )
    assert result.exit_code == 0, result.output
    suppliers = pl.read_csv(out / "suppliers-risk.csv").sort("name")
    assert suppliers.select("name", "spend_currency").rows() == [
        ("Ningbo Plastics Co Ltd", "CNY"),
        ("Ohio Fasteners Inc", "USD"),
        ("Rheinland Verpackung GmbH", "EUR"),
    ]
    assert suppliers.get_column("spend_converted").to_list() == pytest.approx(
        [12_000_000 / 7.5833 * 1.0389, 1_200_000, 400_000 * 1.0389]
    )
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["spend"] == {
        "column": "Spend 2024",
        "reporting_currency": "USD",
        "rates": {"source": "rates file rates.toml", "date": "2024-12-31", "base": "EUR"},
    }

    missing = tmp_path / "missing"
    result = CliRunner().invoke(cli, [*args, "-o", str(missing), "--spend-column", "Spend 2025"])
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "Error: --spend-column 'Spend 2025': no such column in the supplier file. Give one of its headers: "
        "'Supplier Name', 'Country', 'Spend 2023', 'Spend 2024'"
    ]
    assert not missing.exists()
