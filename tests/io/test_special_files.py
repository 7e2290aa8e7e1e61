"""Issue 19, finding 11: a device given as the supplier file said "empty (0 bytes)" (/dev/zero never ends), and a
rules file nested thousands deep was an internal error."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from screener.cli import cli
from screener.errors import ConfigError, InputFileError
from screener.indicators import load_rules
from screener.io import read_suppliers


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_not_a_supplier_file():
    with pytest.raises(InputFileError) as caught:
        read_suppliers(["/dev/zero"])
    assert str(caught.value) == (
        "'/dev/zero' is not a regular file (a device, pipe or socket). Save the supplier list as a file and pass "
        "its path."
    )


def test_a_rules_file_nested_too_deeply_is_one_problem(tmp_path):
    path = tmp_path / "deep.toml"
    path.write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_rules(path)
    assert caught.value.problems == [f"{path}: values nested too deeply to be a rules file"]
    result = CliRunner().invoke(cli, ["rules", "check", str(path)])
    assert result.exit_code == 2 and "internal error" not in result.output


def test_a_locked_or_unreadable_file_is_one_clear_error_not_an_internal_one(tmp_path, monkeypatch):
    """Excel on a shared drive holds the file open and locked (Windows: PermissionError on open): the officer was
    told 'internal error ... Please report it'."""
    from pathlib import Path

    from click.testing import CliRunner

    from screener.cli import cli

    path = tmp_path / "vendors.csv"
    path.write_text("Vendor Name,Country\nNordlicht GmbH,DE\n", encoding="utf-8")
    real_open = Path.open

    def locked(self, *args, **kwargs):
        if self.name == "vendors.csv":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", locked)
    result = CliRunner().invoke(cli, ["screen", str(path), "-o", str(tmp_path / "r.xlsx"), "-q"])
    assert (result.exit_code, result.output) == (
        2,
        f"Error: Supplier file '{path}' cannot be read (Permission denied). If another program has it open and "
        "locked, close it there; check that you may read it (copy it to a local folder), then run again.\n",
    )
    assert not (tmp_path / "r.xlsx").exists()
