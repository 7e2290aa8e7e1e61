"""A command whose reader stops early (`screener rules list | head -1`) ends quietly, as Unix tools do."""

import subprocess
import sys


def test_output_cut_short_by_the_reader_is_not_an_error():
    code = "from screener.cli import main; main()"
    process = subprocess.Popen(
        [sys.executable, "-c", code, "rules", "list"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    first = process.stdout.readline()
    process.stdout.close()  # as `head -1` does after its line
    stderr = process.stderr.read().decode()
    process.stderr.close()
    assert first.startswith(b"Rule set 'default'")
    assert process.wait(timeout=60) == 0
    assert "internal error" not in stderr and "Traceback" not in stderr
