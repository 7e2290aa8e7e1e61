"""Issue 19, finding 5: an import adds all its decisions or none. With the disk full a plain append had written 2
of 17 decisions and half a line, after which every `screen` and `review import` failed until the file was edited by
hand. The file is now rewritten beside itself and renamed; a torn last line left by an older writer is skipped
with a warning and kept aside."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest
from click.testing import CliRunner

from screener.cli import cli
from screener.errors import ScreenerWarning
from screener.review import load_decisions
from screener.review.decisions import TORN_FILE, decisions_path
from tests.review.test_review_import import reviewed_report

MATCHES = [("uflpa-12", "false positive"), ("ofac-9001", "confirmed"), ("uflpa-77", "needs information")]


def decide(tmp_path, name, decisions):
    edits = [
        ("entity_id (key)", entity, {"Decision": decision, "Notes": "n" * 200})
        for entity, decision in decisions
    ]
    return reviewed_report(tmp_path, {"Matches": edits}, name=name)


def import_limited(path, max_file_bytes: int) -> subprocess.CompletedProcess:
    """`review import` in a child process that cannot write files past ``max_file_bytes`` (a full disk)."""
    code = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({max_file_bytes}, {max_file_bytes}))\n"
        "from screener.cli import cli\n"
        "cli(sys.argv[1:])\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, "review", "import", str(path)],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
    )


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_full_disk_leaves_the_decisions_file_as_it_was(tmp_path):
    first = decide(tmp_path, "first.xlsx", MATCHES[:1])
    assert CliRunner().invoke(cli, ["review", "import", str(first)]).exit_code == 0
    store_file = decisions_path()
    before = store_file.read_bytes()

    second = decide(tmp_path, "second.xlsx", MATCHES[1:])
    result = import_limited(second, len(before) + 300)  # room for part of one more decision, not two
    assert result.returncode == 2, result.stderr
    assert "cannot save the decisions" in result.stderr
    assert "nothing was imported, the file is as it was" in result.stderr
    assert store_file.read_bytes() == before
    assert sorted(p.name for p in store_file.parent.iterdir()) == ["decisions.jsonl", "decisions.jsonl.lock"]

    again = CliRunner().invoke(cli, ["review", "import", str(second)])
    assert again.exit_code == 0, again.output
    assert load_decisions().get_column("entity_id").to_list() == [entity for entity, _ in MATCHES]


def test_a_torn_last_line_is_skipped_with_a_warning_and_kept_aside(tmp_path):
    first = decide(tmp_path, "first.xlsx", MATCHES[:2])
    assert CliRunner().invoke(cli, ["review", "import", str(first)]).exit_code == 0
    store_file = decisions_path()
    whole = store_file.read_bytes()
    torn = b'{"supplier_fingerprint": "abc", "list_id": "uf'
    store_file.write_bytes(whole + torn)

    with pytest.warns(ScreenerWarning, match=r"the last line is cut off \(46 bytes"):
        assert load_decisions().height == 2

    third = decide(tmp_path, "third.xlsx", MATCHES[2:])
    result = CliRunner().invoke(cli, ["review", "import", str(third)])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 2  # read once, written once
    assert all("the last line is cut off (46 bytes, an interrupted write)" in w for w in warnings)
    assert store_file.read_bytes().startswith(whole)
    assert load_decisions().height == 3  # no warning now: the torn text is gone from the file
    assert (store_file.parent / TORN_FILE).read_bytes() == torn + b"\n"


def test_a_last_record_without_its_line_break_is_kept(tmp_path):
    first = decide(tmp_path, "first.xlsx", MATCHES[:2])
    assert CliRunner().invoke(cli, ["review", "import", str(first)]).exit_code == 0
    store_file = decisions_path()
    store_file.write_bytes(store_file.read_bytes().rstrip(b"\n"))  # e.g. saved by an editor
    assert load_decisions().height == 2
    third = decide(tmp_path, "third.xlsx", MATCHES[2:])
    assert CliRunner().invoke(cli, ["review", "import", str(third)]).exit_code == 0
    assert load_decisions().height == 3


def test_the_decisions_file_gets_the_usual_permissions(tmp_path):
    first = decide(tmp_path, "first.xlsx", MATCHES[:1])
    previous = os.umask(0o022)
    try:
        assert CliRunner().invoke(cli, ["review", "import", str(first)]).exit_code == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE(decisions_path().stat().st_mode) == 0o644


def test_a_narrowed_mode_is_kept_and_a_killed_import_leaves_nothing_behind(tmp_path):
    """The decisions file is written by screener.atomic like every other file: an officer's chmod 600 survives an
    import, and the temporary file an import killed half way left (named by its process id) goes at the next."""
    first = decide(tmp_path, "first.xlsx", MATCHES[:1])
    assert CliRunner().invoke(cli, ["review", "import", str(first)]).exit_code == 0
    store_file = decisions_path()
    store_file.chmod(0o600)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    left = store_file.with_name(f".{store_file.name}.{int(dead.stdout)}.k1ll3d.tmp")
    left.write_bytes(b'{"half": "a line')

    second = decide(tmp_path, "second.xlsx", MATCHES[1:])
    assert CliRunner().invoke(cli, ["review", "import", str(second)]).exit_code == 0
    assert stat.S_IMODE(store_file.stat().st_mode) == 0o600
    assert sorted(p.name for p in store_file.parent.iterdir()) == ["decisions.jsonl", "decisions.jsonl.lock"]
    assert load_decisions().height == 3
