"""``screener review``: bring reviewer decisions back from a reviewed workbook."""

from __future__ import annotations

from pathlib import Path

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def review() -> None:
    """Read reviewer decisions back from a reviewed report.

    \b
    Example:
      screener review import out/suppliers-risk.xlsx
    """


@review.command("import", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("workbook", type=click.Path(path_type=Path))
@click.option(
    "--store", type=click.Path(path_type=Path), help="Store folder (default: SCREENER_STORE or user data)."
)
@click.option("--reviewer", help="Reviewer name for decisions whose Reviewer cell is empty.")
def import_decisions(workbook: Path, store: Path | None, reviewer: str | None) -> None:
    """Import the Decision, Notes and Reviewer columns of a reviewed report.

    A hit marked "false positive" stays cleared on later screenings for that supplier and list entry until the
    list entry changes; "confirmed" stays confirmed. Importing the same workbook twice adds nothing.

    \b
    Example:
      screener review import out/suppliers-risk.xlsx --reviewer "A. Officer"
    """
    from screener.review import import_reviewed_workbook

    result = import_reviewed_workbook(workbook, store_dir=store, reviewer=reviewer)
    click.echo(
        f"Read {result.read} decision(s) from {workbook}: {result.added} new or changed, "
        f"{result.unchanged} already stored."
    )
    if result.decisions_file:
        click.echo(f"Decisions file: {result.decisions_file}")
    if result.notes_without_decision:
        cells = ", ".join(result.notes_without_decision[:10])
        more = len(result.notes_without_decision) - 10
        click.echo(
            f"Not imported: {len(result.notes_without_decision)} note(s) without a decision ({cells}"
            + (f" and {more} more" if more > 0 else "")
            + "). Choose a Decision for them and import again.",
            err=True,
        )
