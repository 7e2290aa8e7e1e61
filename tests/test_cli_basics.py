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


def test_a_file_the_system_will_not_open_is_said_plainly_for_every_command(tmp_path, monkeypatch):
    """A --lists file locked by the program holding it: 'cannot open' with the fix, exit 2, not 'internal error,
    please report it' (the supplier files have their own sentence; this is every other file)."""
    from pathlib import Path

    suppliers = tmp_path / "vendors.csv"
    suppliers.write_text("Vendor Name,Country\nNordlicht GmbH,DE\n", encoding="utf-8")
    blocklist = tmp_path / "blocklist.csv"
    blocklist.write_text("name;country\nNippon Fishing;JP\n", encoding="utf-8")
    real = {name: getattr(Path, name) for name in ("open", "read_bytes", "read_text")}

    def locking(name):
        def method(self, *args, **kwargs):
            if self.name == "blocklist.csv":
                raise PermissionError(13, "Permission denied", str(self))
            return real[name](self, *args, **kwargs)

        return method

    for name in real:
        monkeypatch.setattr(Path, name, locking(name))
    args = ["screen", str(suppliers), "--lists", str(blocklist), "-o", str(tmp_path / "r.xlsx"), "-q"]
    result = CliRunner().invoke(cli, args)
    assert (result.exit_code, result.output) == (
        2,
        f"Error: cannot open '{blocklist}' (Permission denied). If another program has it open and locked, close "
        "it there; check that you may read (or write) it, then run again.\n",
    )
