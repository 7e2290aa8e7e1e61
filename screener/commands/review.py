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


@review.command("list", context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store", type=click.Path(path_type=Path), help="Store folder (default: SCREENER_STORE or user data)."
)
@click.option(
    "--all", "show_all", is_flag=True, help="Every decision ever imported, not only those that hold."
)
def list_decisions(store: Path | None, show_all: bool) -> None:
    """Show the stored reviewer decisions: by default the one that holds per supplier and list entry.

    \b
    Example:
      screener review list
      screener review list --all
    """
    from screener.report.console import pad, printable
    from screener.review import load_decisions
    from screener.review.decisions import decisions_path, latest_decisions

    decisions = load_decisions(store)
    if decisions.is_empty():
        click.echo(f"No decisions stored yet ({decisions_path(store)}).")
        return
    shown = decisions if show_all else latest_decisions(decisions).sort("decided_on", "supplier_fingerprint")
    click.echo(f"{shown.height} decision(s) in {decisions_path(store)}:")
    for row in shown.iter_rows(named=True):
        supplier = row["supplier_name"] or row["supplier_fingerprint"]
        hit = f"{row['list_id']}:{row['entity_id']}" if row["entity_id"] else "(supplier)"
        click.echo(
            f"  {row['decided_on'] or '':<10}  {pad(printable(row['decision']), 17)}  "
            f"{pad(printable(row['reviewer'] or '-', 16), 16)}  {pad(printable(supplier, 36), 36)}  "
            f"{printable(hit, 50)}" + (f"  ({printable(row['note'], 60)})" if row["note"] else "")
        )
