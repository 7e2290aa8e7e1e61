"""Errors name what the caller can change: a library caller's arguments, the CLI user's flags."""

import pytest
from click.testing import CliRunner

from screener.cli import cli
from screener.errors import OutputError, option
from screener.review.compare import read_previous


def test_an_argument_reads_as_the_argument_for_a_library_caller_and_as_the_flag_on_the_cli():
    error = OutputError(
        "x.xlsx already exists.",
        hint=f"Use {option('force', 'True')} to overwrite it, or choose another path with {option('output')}.",
    )
    assert (
        str(error)
        == "x.xlsx already exists. Use force=True to overwrite it, or choose another path with the output argument."
    )
    assert (
        error.render(cli=True)
        == "x.xlsx already exists. Use --force to overwrite it, or choose another path with -o."
    )
    assert OutputError(f"{option('spend_column')} 'Umsatz': no such column.").render(cli=True) == (
        "--spend-column 'Umsatz': no such column."
    )


def test_library_error_names_the_argument_and_the_cli_the_flag(tmp_path):
    missing = tmp_path / "last-quarter.xlsx"
    with pytest.raises(Exception, match="Pass the earlier report to the since argument") as raised:
        read_previous(missing)
    assert "--since" not in str(raised.value)
    supplier_file = tmp_path / "suppliers.csv"
    supplier_file.write_text("Supplier name,Country\nAcme Textiles Ltd,GB\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["screen", str(supplier_file), "-q", "-o", str(tmp_path / "r.xlsx"), "--since", str(missing)]
    )
    assert result.exit_code == 2
    assert (
        result.output.splitlines()[0]
        == f"Error: {missing}: --since: file not found. Pass the earlier report to --since."
    )
