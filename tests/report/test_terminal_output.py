"""Issue 19, finding 11: what reaches the terminal. printable() re-measured the whole text per character cut
(58 s for a 40,000-character name), and `screener match` printed escape sequences from list data as they were."""

from __future__ import annotations

import time

from click.testing import CliRunner

from screener.cli import cli
from screener.lists.store import import_list
from screener.report.console import display_width, printable

ESCAPES = "\x1b[2J\x1b]0;pwned\x07\x9b31m\u202e"


def test_printable_cuts_a_long_name_in_one_pass():
    name = "新疆" * 20_000 + "Acme" * 5_000
    started = time.perf_counter()
    shown = printable(name, 40)
    assert time.perf_counter() - started < 0.5
    assert shown == "新疆" * 9 + "新…" and display_width(shown) == 39
    assert printable("Acme Textiles", 40) == "Acme Textiles"
    assert printable("Acme" + ESCAPES + "Textiles") == "Acme [2J ]0;pwned  31m Textiles"


def test_match_prints_no_escape_sequences_from_list_data(tmp_path):
    listed = tmp_path / "ours.csv"
    listed.write_text(f"name,country\nEvil{ESCAPES} Trading Co,China\n", encoding="utf-8")
    import_list(listed, fmt="csv", list_id="ours")
    for extra in ([], ["--json"]):
        result = CliRunner().invoke(cli, ["match", f"Evil{ESCAPES} Trading Co", *extra])
        assert result.exit_code == 0, result.output
        assert "Trading Co" in result.output and "No listed entity" not in result.output
        assert "ours" in result.output
        for control in ("\x1b", "\x07", "\x9b", "\u202e"):
            assert control not in result.output, (extra, repr(control))
