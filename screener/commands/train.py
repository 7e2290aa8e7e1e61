"""``screener train``: train the supplier risk model on labelled outcomes."""

from __future__ import annotations

from pathlib import Path

import click


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("labels", type=click.Path(path_type=Path))
@click.option(
    "--label-column",
    required=True,
    help="Column holding the outcome: yes/no, 1/0, true/false, confirmed/false positive. Blank rows are skipped.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="Model folder (gets model.skops, model.json, MODEL_CARD.md) or a .skops file path.",
)
@click.option(
    "--rules", "rules_paths", multiple=True, type=click.Path(path_type=Path), help="Rules TOML file."
)
@click.option(
    "--lists", "list_paths", multiple=True, type=click.Path(path_type=Path), help="Extra list file(s)."
)
@click.option(
    "--folds", type=click.IntRange(2, 20), default=5, show_default=True, help="Cross-validation folds."
)
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed (folds, boosting).")
@click.option("--force", is_flag=True, help="Overwrite an existing model.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def train(labels, label_column, output, rules_paths, list_paths, folds, seed, force, quiet) -> None:
    """Train the supplier risk model on LABELS (xlsx or csv with an outcome column).

    The file is screened like any supplier file (lists, rules), the model learns the outcome from the screening's
    features, and a model card with cross-validated metrics is printed and written beside the model. A reviewed
    report works too: use its Suppliers sheet with --label-column Decision (confirmed = 1, false positive = 0).

    \b
    Example:
      screener train outcomes.xlsx --label-column confirmed -o models/my-model
      screener train out/suppliers-risk.xlsx --label-column Decision -o models/reviewed
    """
    from screener.workflows import train_from_file

    report = train_from_file(
        labels,
        label_column=label_column,
        output=output,
        rules=list(rules_paths) or None,
        lists=list_paths,
        folds=folds,
        seed=seed,
        force=force,
        progress=None if quiet else (lambda msg: click.echo(f"  {msg}...", err=True)),
    )
    if not quiet:
        click.echo(report.card)
        click.echo(f"Model written to {report.model_path} (card: {report.card_path})")
        click.echo(f"Use it: screener screen SUPPLIERS.xlsx --model {report.model_path}")
