"""``screener match``: a one-off lookup of one name against the lists."""

from __future__ import annotations

import click


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("name")
@click.option("--country", help="Country of the name (name or ISO code).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def match(name: str, country: str | None, as_json: bool) -> None:
    """Look up one NAME against the risk lists.

    \b
    Example:
      screener match "XINJIANG DAQO NEW ENERGY CO LT" --country CN
    """
    raise click.UsageError("not implemented yet")
