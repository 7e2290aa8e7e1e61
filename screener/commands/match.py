"""``screener match``: a one-off lookup of one name against the lists."""

from __future__ import annotations

import json
import re

import click
import polars as pl

from screener import schema as s
from screener.errors import ScreenerError
from screener.lists import load_lists
from screener.normalize.countries import country_code
from screener.normalize.identifiers import parse_remark

SHOWN_FEATURES = ("f_name_ratio", "f_fuzzy_supplier_coverage", "f_fuzzy_list_coverage", "f_country_agreement")


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("name")
@click.option("--country", help="Country of the name (name or ISO code).")
@click.option("--city", help="City of the name, compared with the listed addresses.")
@click.option(
    "--id",
    "identifiers",
    multiple=True,
    help='An identifier of the name, its type first: "USCC 9113100033607322XK", "LEI ...", "VAT DE...", '
    '"tax ID ...", "DUNS ...", "IMO ...", "registration number ..." (repeatable).',
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option(
    "--rules",
    "rules",
    multiple=True,
    help="Rules file(s) or a shipped profile (default, uflpa, lksg, eu-flr) whose [matching] thresholds to use.",
)
@click.pass_context
def match(
    ctx: click.Context,
    name: str,
    country: str | None,
    city: str | None,
    identifiers: tuple[str, ...],
    as_json: bool,
    rules: tuple[str, ...],
) -> None:
    """Look up one NAME against the risk lists.

    Shows every listed entity scored in the match or review band, best first, with the list entry, the
    probability and why. An identifier equal to a listed entity's is a match on its own; one that differs from
    the listed entity's of the same type holds a name match at review.

    Exit code (as grep): 0 when a listed entity is shown (match or review band), 1 when none is, 2 on an error
    (an empty name, a country screener does not know, a bad rules file).

    \b
    Example:
      screener match "XINJIANG DAQO NEW ENERGY CO LT" --country CN
      screener match "Hebei Orchard Trading" --country CN --id "tax ID 9113100033607322XK"
      screener match "Hoshine Silicon" --json
    """
    if not name.strip():
        raise click.BadParameter("the name is empty: give the name to look up.", param_hint="NAME")
    code = _country_code(country)
    matches = lookup(name, code, rules, identifiers=identifiers, city=city)
    if as_json:
        click.echo(_C1_CONTROL.sub(_escaped, json.dumps(_records(matches), indent=2, ensure_ascii=False)))
    elif matches.height == 0:
        from screener.report.console import printable

        click.echo(
            f"No listed entity matches '{printable(name)}' (nothing at or above the review threshold)."
        )
    else:
        for row in matches.iter_rows(named=True):
            click.echo(_describe(row))
    ctx.exit(0 if matches.height else 1)


def _country_code(country: str | None) -> str | None:
    """The ISO code of --country; a name screener does not know is refused rather than ignored."""
    if country is None:
        return None
    from screener.report.console import printable

    code = country_code(country) if country.strip() else None
    if code is None:
        raise click.BadParameter(
            f"{printable(country)!r} is not a country screener knows: give an ISO code (CN) or a country name "
            "(China, Volksrepublik China).",
            param_hint="'--country'",
        )
    return code


# identifier type -> the supplier field it is given in
ID_FIELDS = {
    "tax_id": s.TAX_NUMBER,
    "vat": s.VAT_NUMBER,
    "uscc": s.USCC,
    "lei": s.LEI,
    "duns": s.DUNS,
    "imo": s.IMO_NUMBER,
}


def lookup(
    name: str,
    country: str | None = None,
    rules: tuple[str, ...] = (),
    *,
    identifiers: tuple[str, ...] = (),
    city: str | None = None,
) -> pl.DataFrame:
    """Matches of one name (with its identifiers and city) against the bundled and imported lists, as a
    screening finds them, with the rules' thresholds."""
    from screener.indicators import load_rules
    from screener.match import build_index, match_suppliers
    from screener.match.evidence import add_list_evidence
    from screener.normalize.identifier_checks import supplier_identifiers

    settings = load_rules(list(rules) or None).match_settings
    listset = load_lists()
    index = build_index(listset.entries, cache_key=listset.versions_key())
    code = country_code(country) if country else None
    columns = {
        s.ROW_ID: 1,
        s.NAME: name,
        s.COUNTRY_CODE: code,
        s.CITY: city,
        **_identifier_fields(identifiers, code),
    }
    supplier = pl.DataFrame([columns], schema={k: pl.Int64 if k == s.ROW_ID else pl.String for k in columns})
    matches = match_suppliers(supplier, index, settings)
    supplier_ids, _ = supplier_identifiers(supplier)
    return add_list_evidence(matches, supplier, supplier_ids, listset, settings)


def _identifier_fields(texts: tuple[str, ...], country: str | None) -> dict[str, str]:
    """The supplier fields of ``--id`` values ("USCC 9113...", "LEI ..."); a value without a known type is an
    error naming the types."""
    fields: dict[str, str] = {}
    for text in texts:
        found = parse_remark(text)
        if found is None:
            raise ScreenerError(
                f"--id {text!r}: no identifier type before the value.",
                hint='Write the type first: "USCC 9113100033607322XK", "LEI 5299...", "VAT DE136695976", '
                '"tax ID ...", "DUNS ...", "IMO ...", "registration number ...".',
            )
        value = found.value if found.type != "vat" or not found.country else found.country + found.value
        fields[ID_FIELDS.get(found.type, s.REGISTRATION_NUMBER)] = value
    return fields


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
