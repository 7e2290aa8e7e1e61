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
