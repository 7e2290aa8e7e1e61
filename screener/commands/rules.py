"""``screener rules``: check, list and compare rule files."""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def rules() -> None:
    """Check, list and compare rule files.

    \b
    Example:
      screener rules check rules/default.toml
    """
