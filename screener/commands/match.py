"""``screener match``: a one-off lookup of one name against the lists."""

from __future__ import annotations

import json
import re

import click
import polars as pl

from screener import schema as s

SHOWN_FEATURES = ("f_name_ratio", "f_fuzzy_supplier_coverage", "f_fuzzy_list_coverage", "f_country_agreement")


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("name")
@click.option("--country", help="Country of the name (name or ISO code).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option(
    "--rules",
    "rules",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Rules file(s) whose [matching] thresholds to use (default: the bundled rules).",
)
def match(name: str, country: str | None, as_json: bool, rules: tuple[str, ...]) -> None:
    """Look up one NAME against the risk lists.

    Shows every listed entity scored in the match or review band, best first, with the list entry, the
    probability and why.

    \b
    Example:
      screener match "XINJIANG DAQO NEW ENERGY CO LT" --country CN
    """
    matches = lookup(name, country, rules)
    if as_json:
        click.echo(_C1_CONTROL.sub(_escaped, json.dumps(_records(matches), indent=2, ensure_ascii=False)))
        return
    if matches.height == 0:
        from screener.report.console import printable

        click.echo(
            f"No listed entity matches '{printable(name)}' (nothing at or above the review threshold)."
        )
        return
    for row in matches.iter_rows(named=True):
        click.echo(_describe(row))


def lookup(name: str, country: str | None = None, rules: tuple[str, ...] = ()) -> pl.DataFrame:
    """Matches of one name against the bundled and imported lists, with the rules' thresholds."""
    from screener.indicators import load_rules
    from screener.lists import load_lists
    from screener.match import build_index, match_suppliers
    from screener.normalize.countries import country_code

    settings = load_rules(list(rules) or None).match_settings
    listset = load_lists()
    index = build_index(listset.entries, cache_key=listset.versions_key())
    code = country_code(country) if country else None
    supplier = pl.DataFrame(
        {s.ROW_ID: [1], s.NAME: [name], s.COUNTRY_CODE: [code]},
        schema={s.ROW_ID: pl.Int64, s.NAME: pl.String, s.COUNTRY_CODE: pl.String},
    )
    return match_suppliers(supplier, index, settings)


# json.dumps escapes C0 controls but, with ensure_ascii=False, writes C1 ones (0x9b starts a terminal escape) and
# the bidirectional overrides as they are: escaped here (the JSON still decodes to the same text)
_C1_CONTROL = re.compile("[\x80-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escaped(found: re.Match) -> str:
    return f"\\u{ord(found.group()):04x}"


def _describe(row: dict) -> str:
    """One match in a few lines; list data is shown through printable() (no control characters or escape
    sequences from a list file reach the terminal)."""
    from screener.report.console import printable

    row = {key: printable(value) if isinstance(value, str) else value for key, value in row.items()}
    listed = ", ".join(str(v) for v in (row[s.PROGRAM], row[s.LISTED_ON]) if v)
    lines = [
        f"{row[s.BAND].upper():6} {row[s.PROBABILITY]:.2f}  {row[s.MATCHED_NAME]}  [{row[s.LIST_ID]} {row[s.ENTITY_ID]}]",
        f"       entity: {row[s.ENTITY_NAME]}" + (f" ({listed})" if listed else ""),
        f"       why: {row[s.EXPLANATION]}",
    ]
    if row.get(s.SOURCE_URL):
        lines.append(f"       source: {row[s.SOURCE_URL]}")
    return "\n".join(lines)


def _records(matches: pl.DataFrame) -> list[dict]:
    keep = [c for c in matches.columns if c != "supplier_name"]
    return [
        {k: (round(v, 4) if isinstance(v, float) else v) for k, v in row.items()}
        for row in matches.select(keep)
        .with_columns(pl.col(pl.Date, pl.Datetime).cast(pl.String))
        .iter_rows(named=True)
    ]
