"""Copy the generated tables into README.md between their markers, so the README quotes measurements, never
hand-typed numbers.

- RELIABILITY: the corpus table of docs/reliability.md (itself checked against tests/io/corpus_cases.toml),
- HOSTILE: the hostile-input table of docs/reliability.md (each row names the test that builds the attack),
- MATCHING: the bench table of docs/matching.md (made by `make bench-match` from bench/results_match.json),
- PERFORMANCE: the "Targets" table of docs/performance.md (made by `make bench` from bench/results.json).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def first_table_after(text: str, heading: str) -> str:
    """The first markdown table after the line starting with ``heading``."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    table: list[str] = []
    for line in lines[start + 1 :]:
        if line.startswith("|"):
            table.append(line)
        elif table:
            break
    return "\n".join(table)


def between(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0].strip()


def sections() -> dict[str, str]:
    docs = ROOT / "docs"
    reliability = (docs / "reliability.md").read_text(encoding="utf-8")
    matching = (docs / "matching.md").read_text(encoding="utf-8")
    performance = (docs / "performance.md").read_text(encoding="utf-8")
    return {
        "RELIABILITY": first_table_after(reliability, "## The corpus"),
        "HOSTILE": between(reliability, "<!-- hostile-table:start -->", "<!-- hostile-table:end -->"),
        "MATCHING": between(matching, "<!-- BENCH:START -->", "<!-- BENCH:END -->"),
        "PERFORMANCE": first_table_after(performance, "## Targets"),
    }


def fill(readme: str, parts: dict[str, str]) -> str:
    for name, body in parts.items():
        pattern = re.compile(rf"(<!-- {name}:START -->\n).*?(<!-- {name}:END -->)", re.S)
        readme = pattern.sub(lambda m, body=body: f"{m.group(1)}{body}\n{m.group(2)}", readme)
    return readme


def main() -> None:
    path = ROOT / "README.md"
    path.write_text(fill(path.read_text(encoding="utf-8"), sections()), encoding="utf-8")


if __name__ == "__main__":
    main()
