"""The README quotes the generated tables as they are: the reliability corpus table (itself checked against the
corpus test cases), the matching bench and the performance targets. `make readme` refreshes them."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _update_readme_module():
    spec = importlib.util.spec_from_file_location("update_readme", ROOT / "scripts" / "update_readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_tables_are_the_generated_ones():
    module = _update_readme_module()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert module.fill(readme, module.sections()) == readme, "README tables are stale: run `make readme`"


def test_readme_opens_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme[: readme.index("## ")]
    assert "make demo" in head and "make test" in head
