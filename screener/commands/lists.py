"""``screener lists``: show, import and update risk lists."""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def lists() -> None:
    """Show, import and update risk lists.

    \b
    Example:
      screener lists show
    """
