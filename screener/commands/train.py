"""``screener train``: train the supplier risk model on labelled outcomes."""

from __future__ import annotations

import click


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("labels", type=click.Path())
def train(labels: str) -> None:
    """Train the supplier risk model on LABELS (xlsx or csv with an outcome column).

    \b
    Example:
      screener train outcomes.xlsx --label-column confirmed -o models/my-model
    """
    raise click.UsageError("not implemented yet")
