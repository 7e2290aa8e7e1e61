"""Every corpus case of tests/io/corpus_cases.toml: read with N suppliers and M rejected, or one InputFileError.

The same case list is the table in docs/reliability.md; the last tests keep the two, and the fixture folders, in step.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from pathlib import Path

import pytest

from screener.errors import InputFileError
from screener.io import ReadLimits, read_suppliers

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures"
ROOT = HERE.parents[1]
CASES = tomllib.loads((HERE / "corpus_cases.toml").read_text(encoding="utf-8"))["case"]


def sha256(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_corpus_case(case):
    path = FIXTURES / case["file"]
    if case.get("optional") and not path.exists():
        pytest.skip(f"{case['file']} is made only when its writer is installed")
    limits = ReadLimits(**case.get("limits", {}))
    before = sha256(path)
    if case["expect"] == "error":
        with pytest.raises(InputFileError, match=case["error"]) as raised:
            read_suppliers([str(path)], limits)
        assert str(path) in str(raised.value), "the message names the file"
    else:
        read = read_suppliers([str(path)], limits)
        assert (read.suppliers.height, read.rejected.height) == (case["suppliers"], case["rejected"])
        assert_rows_accounted(read)
    assert sha256(path) == before, "the input file is never modified"


def assert_rows_accounted(read):
    """Rows in = suppliers + rejected, row_id 1..N exactly once, and InputInfo agrees."""
    ids = read.suppliers.get_column("row_id").to_list() + read.rejected.get_column("row_id").to_list()
    assert sorted(ids) == list(range(1, len(ids) + 1))
    assert sum(info.rows_read for info in read.inputs) == len(ids)
    assert sum(info.rows_rejected for info in read.inputs) == read.rejected.height
    assert read.rejected.get_column("reason").null_count() == 0


def test_every_fixture_file_has_a_case():
    covered = {c["file"] for c in CASES}
    present = {
        str(p.relative_to(FIXTURES))
        for folder in ("layouts", "bad")
        for p in (FIXTURES / folder).iterdir()
        if p.name != ".gitkeep"
    }
    assert present - covered == set()


def test_reliability_doc_lists_every_case():
    doc = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    table = doc.split("<!-- corpus-table:start -->")[1].split("<!-- corpus-table:end -->")[0]
    rows = [line for line in table.splitlines() if line.startswith("| ") and "`tests/fixtures/" in line]
    assert len(rows) == len(CASES)
    for case, row in zip(CASES, rows, strict=True):
        assert row == f"| {case['case']} | `tests/fixtures/{case['file']}` | {case['does']} |"


def test_error_regexes_are_valid():
    for case in CASES:
        if case["expect"] == "error":
            re.compile(case["error"])
