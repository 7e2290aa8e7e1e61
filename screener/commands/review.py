"""``screener review``: bring reviewer decisions back from a reviewed workbook."""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def review() -> None:
    """Read reviewer decisions back from a reviewed report.

    \b
    Example:
      screener review import out/suppliers-risk.xlsx
    """
