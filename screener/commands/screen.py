"""``screener screen``: supplier files in, ranked risk report out."""

from __future__ import annotations

from pathlib import Path

import click

from screener.io import ReadLimits
from screener.report import FORMATS


def default_output(first_input: Path, fmt: str) -> Path:
    """``suppliers.xlsx`` -> ``out/suppliers-risk.xlsx`` beside the input (csv: a folder of tables)."""
    suffix = "" if fmt == "csv" else f".{fmt}"
    return first_input.parent / "out" / f"{first_input.stem}-risk{suffix}"


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Report path (default: out/NAME-risk.xlsx)."
)
@click.option(
    "--lists", "list_paths", multiple=True, type=click.Path(path_type=Path), help="Extra list file(s)."
)
@click.option("--no-default-lists", is_flag=True, help="Do not screen against the bundled lists.")
@click.option(
    "--rules", "rules_paths", multiple=True, type=click.Path(path_type=Path), help="Rules TOML file."
)
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default=None, help="Report format (default: by suffix)."
)
@click.option(
    "--since",
    type=click.Path(path_type=Path),
    help="An earlier report (xlsx, json or csv folder): mark what is new or changed since.",
)
@click.option("--no-reviews", is_flag=True, help="Ignore stored reviewer decisions.")
@click.option(
    "--model",
    "model_path",
    type=click.Path(path_type=Path),
    help="Supplier risk model (.skops) from `screener train` (default: the bundled model).",
)
@click.option("--no-model", is_flag=True, help="Rank by the rules alone, without the risk model.")
@click.option(
    "--store", type=click.Path(path_type=Path), help="List and decision store (default: user data dir)."
)
@click.option(
    "--max-rows",
    type=click.IntRange(min=1),
    default=ReadLimits.max_rows,
    show_default=True,
    help="Refuse input files with more rows (checked before loading).",
)
@click.option(
    "--max-file-mb",
    type=click.IntRange(min=1),
    default=ReadLimits.max_file_bytes // 1_000_000,
    show_default=True,
    help="Refuse input files larger than this.",
)
@click.option(
    "--max-unzipped-mb",
    type=click.IntRange(min=1),
    default=ReadLimits.max_uncompressed_bytes // 1_000_000,
    show_default=True,
    help="Refuse workbooks whose contents expand beyond this (decompression bombs).",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1_000),
    help="Stream one large csv in batches of this many rows (memory stays flat); writes csv or parquet tables.",
)
@click.option(
    "--workers", type=click.IntRange(min=1), default=1, show_default=True, help="With --batch-size."
)
@click.option("--force", is_flag=True, help="Overwrite an existing report.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def screen(
    inputs,
    output,
    list_paths,
    no_default_lists,
    rules_paths,
    fmt,
    since,
    no_reviews,
    model_path,
    no_model,
    store,
    max_rows,
    max_file_mb,
    max_unzipped_mb,
    batch_size,
    workers,
    force,
    quiet,
) -> None:
    """Screen supplier files (xlsx, csv) and write a ranked risk report.

    \b
    Example:
      screener screen suppliers.xlsx -o out/suppliers-risk.xlsx
      screener screen q1.xlsx q2.csv --lists our_blocklist.csv --format csv -o out/q1
      screener screen suppliers.xlsx --since out/last-quarter-risk.xlsx
      screener screen counterparties.csv --batch-size 100000 --format parquet -o out/counterparties
    """
    # What the stages need, the same for a whole-file run and a streamed one.
    stages = {
        "lists": list_paths,
        "include_default_lists": not no_default_lists,
        "rules": list(rules_paths) or None,
        "store_dir": store,
        "apply_reviews": not no_reviews,
        "model": False if no_model else (model_path or True),
    }
    if batch_size:
        _screen_streaming(inputs, output, fmt, batch_size, workers, stages, force, quiet)
        return
    from screener.pipeline import screen as run_screen
    from screener.report import write_report
    from screener.report.console import print_summary

    fmt = fmt or (output.suffix.lstrip(".") if output and output.suffix.lstrip(".") in FORMATS else "xlsx")
    output = output or default_output(inputs[0], fmt)
    progress = None if quiet else (lambda msg: click.echo(f"  {msg}...", err=True))
    screening = run_screen(
        inputs,
        **stages,
        since=since,
        limits=ReadLimits(
            max_rows=max_rows,
            max_file_bytes=max_file_mb * 1_000_000,
            max_uncompressed_bytes=max_unzipped_mb * 1_000_000,
        ),
        progress=progress,
    )
    written = write_report(screening, output, fmt, force=force, progress=progress)
    if not quiet:
        print_summary(screening, written)


def _screen_streaming(inputs, output, fmt, batch_size, workers, stages: dict, force, quiet) -> None:
    """One large csv, batch by batch (screener.batch): the same stages, tables written as csv or parquet parts."""
    from screener.batch import BatchContext, screen_csv_streaming

    if len(inputs) != 1 or fmt not in (None, "csv", "parquet"):
        raise click.UsageError("--batch-size takes one csv input and --format csv or parquet.")
    fmt = fmt or "parquet"
    output = output or inputs[0].parent / "out" / f"{inputs[0].stem}-risk"
    context = BatchContext.build(**stages)
    manifest = screen_csv_streaming(
        inputs[0], output, batch_size=batch_size, fmt=fmt, context=context, force=force, workers=workers
    )
    if not quiet:
        counts = {k: manifest.get(k) for k in ("batches", "suppliers", "rejected", "matches")}
        click.echo(f"Screened {counts}; report tables in {output}")
