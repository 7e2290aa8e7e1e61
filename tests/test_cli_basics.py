from click.testing import CliRunner

from screener import __version__
from screener.cli import cli


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_every_command_has_an_example_in_help():
    runner = CliRunner()
    for name in cli.commands:
        result = runner.invoke(cli, [name, "-h"])
        assert result.exit_code == 0, name
        assert "Example" in result.output, name
