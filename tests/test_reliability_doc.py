"""docs/reliability.md's hostile-input table names its tests: each named test file exists and is collected."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_hostile_case_names_an_existing_test_file():
    doc = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    table = doc.split("<!-- hostile-table:start -->", 1)[1].split("<!-- hostile-table:end -->", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| attack")]
    rows = [row for row in rows if not row.startswith("| ---")]
    assert len(rows) >= 12
    for row in rows:
        named = re.findall(r"`(tests/[\w/]+\.py)`", row.rsplit("|", 2)[-2])
        assert named, row
        for path in named:
            assert (ROOT / path).is_file(), path
            assert "def test_" in (ROOT / path).read_text(encoding="utf-8"), path
