"""`screener screen` says once what it could not read or found twice: exact console lines (sqlite-utils style)."""

from click.testing import CliRunner

from screener.cli import cli

VENDORS = (
    "Vendor No,Vendor Name,Country,Commodity\n"
    "00017,Acme Textiles Ltd,China,cotton yarn\n"
    "00018,Nordlicht Bürobedarf GmbH,DE,office supplies\n"
    "00017,Acme Textiles Co. Ltd,CN,cotton yarn\n"
    "00020,ACME TEXTILES LIMITED,China,cotton\n"
    "00021,Bolt & Nut Trading,Atlantis,bolts\n"
)


def _block(output: str, first: str) -> list[str]:
    lines = output.splitlines()
    start = lines.index(first)
    end = next(n for n in range(start + 1, len(lines)) if not lines[n].startswith("  "))
    return lines[start:end]


def test_duplicates_and_unknown_countries_are_said_once(tmp_path):
    source = tmp_path / "vendors.csv"
    source.write_text(VENDORS, encoding="utf-8")
    out = tmp_path / "vendors-risk.xlsx"
    result = CliRunner().invoke(cli, ["screen", str(source), "-o", str(out), "--no-model"])
    assert result.exit_code == 0, result.output
    assert "Rows read: 5 from 1 file; ranked 5, rejected 0" in result.output.splitlines()
    assert _block(result.output, "Data quality (see the Data quality sheet):") == [
        "Data quality (see the Data quality sheet):",
        "  duplicate_id: 1 row, e.g. '00017' (row 4)",
        "  duplicate_name_country: 1 row, e.g. 'ACME TEXTILES LIMITED' (row 5)",
        "  unrecognised_country: 1 row, e.g. 'Atlantis' (row 6)",
    ]


def test_a_clean_file_prints_no_data_quality_block(tmp_path):
    source = tmp_path / "vendors.csv"
    source.write_text(VENDORS.split("00017,Acme Textiles Co")[0], encoding="utf-8")
    result = CliRunner().invoke(cli, ["screen", str(source), "-o", str(tmp_path / "r.xlsx"), "--no-model"])
    assert result.exit_code == 0, result.output
    assert not any(line.startswith("Data quality") for line in result.output.splitlines())
