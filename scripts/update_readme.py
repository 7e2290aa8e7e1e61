"""Copy the generated tables into README.md between their markers, so the README quotes measurements, never
hand-typed numbers.

- RELIABILITY: the corpus table of docs/reliability.md (itself checked against tests/io/corpus_cases.toml),
- HOSTILE: the hostile-input table of docs/reliability.md (each row names the test that builds the attack),
- MATCHING: the bench table of docs/matching.md (made by `make bench-match` from bench/results_match.json),
- PERFORMANCE: the "Targets" table of docs/performance.md (made by `make bench` from bench/results.json).

and into rules/README.md the reference written from the rule kinds' own declarations (screener.indicators.reference):

- RULE-IDS: the rule ids each rule kind emits,
- SETTINGS: every key a rules file may set, what it does, what it allows, its value in default.toml.
"""

from __future__ import annotations

import re
from pathlib import Path

from screener.indicators import load_rules
from screener.indicators.reference import rule_ids_table, settings_reference

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


def rules_sections() -> dict[str, str]:
    return {"RULE-IDS": rule_ids_table(), "SETTINGS": settings_reference(load_rules(None).config)}


def fill(readme: str, parts: dict[str, str]) -> str:
    for name, body in parts.items():
        pattern = re.compile(rf"(<!-- {name}:START -->\n).*?(<!-- {name}:END -->)", re.S)
        readme = pattern.sub(lambda m, body=body: f"{m.group(1)}{body}\n{m.group(2)}", readme)
    return readme


def main() -> None:
    for path, parts in ((ROOT / "README.md", sections()), (ROOT / "rules" / "README.md", rules_sections())):
        path.write_text(fill(path.read_text(encoding="utf-8"), parts), encoding="utf-8")


if __name__ == "__main__":
    main()
