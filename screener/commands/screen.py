"""``screener screen``: supplier files in, ranked risk report out."""

from __future__ import annotations

from pathlib import Path

import click

from screener.errors import InputFileError, ListError
from screener.io import ReadLimits, decoding_warnings
from screener.lists.store import file_source, parse_source
from screener.report import FORMATS, write_report
from screener.report.writer import (
    FOLDER_FORMATS,
    SUFFIX_FORMATS,
    check_not_an_input,
    check_target,
    check_writable,
    choose_format,
    resolve_output,
)

SINCE_SUFFIXES = (".xlsx", ".xlsm", ".json")


def default_output(first_input: Path, fmt: str) -> Path:
    """``suppliers.xlsx`` -> ``out/suppliers-risk.xlsx`` beside the input (csv: a folder of tables)."""
    suffix = "" if fmt == "csv" else f".{fmt}"
    return first_input.parent / "out" / f"{first_input.stem}-risk{suffix}"


def into_folder(output: Path, first_input: Path, fmt: str | None) -> Path:
    """``-o`` naming a folder that exists, for a one-file report: the report goes into it under its default name
    (``-o reports/`` -> ``reports/suppliers-risk.xlsx``), as ``cp`` puts a file into a folder; it was written
    beside the folder as ``reports.xlsx``. A folder named like a report (``r.xlsx/``) and the csv and parquet
    reports (a folder themselves) are left to the checks that follow."""
    fmt = choose_format(output, fmt)
    if fmt in FOLDER_FORMATS or not output.is_dir() or output.suffix.lower() in SUFFIX_FORMATS:
        return output
    return output / default_output(first_input, fmt).name


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Report path, or a folder to write it into (default: out/NAME-risk.xlsx).",
)
@click.option(
    "--lists", "list_paths", multiple=True, type=click.Path(path_type=Path), help="Extra list file(s)."
)
@click.option("--no-default-lists", is_flag=True, help="Do not screen against the bundled lists.")
@click.option(
    "--rules",
    "rules_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Rules TOML file, or a shipped profile by name: default, uflpa, lksg, eu-flr.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Report format (default: by the suffix of -o, else xlsx). csv and parquet write a folder of tables.",
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
    "--max-columns",
    type=click.IntRange(min=1),
    default=ReadLimits.max_columns,
    show_default=True,
    help="Refuse input files with more columns (checked before loading).",
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
@click.option(
    "--currency",
    help="Reporting currency (ISO 4217) that spend is converted to for leverage (default: the rules file's, EUR).",
)
@click.option(
    "--spend-column",
    help="Input header of the spend column to use (default: the one mapped as spend; of several, the latest year).",
)
@click.option(
    "--rates",
    "rates_path",
    type=click.Path(path_type=Path),
    help="Your own exchange rates (.toml or .csv) instead of the bundled ECB euro reference rates.",
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
    max_columns,
    max_file_mb,
    max_unzipped_mb,
    batch_size,
    workers,
    currency,
    spend_column,
    rates_path,
    force,
    quiet,
) -> None:
    """Screen supplier files (xlsx, csv) and write a ranked risk report.

    Every option is checked before any supplier file is read: an existing report without --force, the --since
    report, --model, --rules, --lists, and whether the -o name fits the format. Exit code 0 when the report is
    written, 2 on a usage or input error.

    \b
    Example:
      screener screen suppliers.xlsx -o out/suppliers-risk.xlsx
      screener screen q1.xlsx q2.csv --lists our_blocklist.csv --format csv -o out/q1
      screener screen suppliers.xlsx --since out/last-quarter-risk.xlsx
      screener screen suppliers.xlsx --currency USD --spend-column "Spend 2024"
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
        spend = {"currency": currency, "rates": rates_path, "spend_column": spend_column}
        _screen_streaming(inputs, output, fmt, batch_size, workers, stages, spend, force, quiet)
        return
    from screener.pipeline import screen as run_screen
    from screener.report.console import print_summary

    if output is None:
        fmt = fmt or "xlsx"
        output = default_output(inputs[0], fmt)
    output = into_folder(output, inputs[0], fmt)
    output, fmt = check_before_reading(
        inputs,
        output,
        fmt,
        force=force,
        since=since,
        model=stages["model"],
        rules=rules_paths,
        lists=list_paths,
        currency=currency,
        rates=rates_path,
    )
    progress = None if quiet else (lambda msg: click.echo(f"  {msg}...", err=True))
    screening = run_screen(
        inputs,
        **stages,
        since=since,
        limits=ReadLimits(
            max_rows=max_rows,
            max_columns=max_columns,
            max_file_bytes=max_file_mb * 1_000_000,
            max_uncompressed_bytes=max_unzipped_mb * 1_000_000,
        ),
        progress=progress,
        currency=currency,
        spend_column=spend_column,
        rates=rates_path,
    )
    for warning in decoding_warnings(screening.inputs):
        click.echo(f"Warning: {warning}", err=True)  # even with --quiet: what could not be read is said
    written = write_report(screening, output, fmt, force=force, progress=progress)
    if not quiet:
        print_summary(screening, written)


def check_before_reading(
    inputs,
    output: Path,
    fmt: str | None,
    *,
    force: bool,
    since,
    model,
    rules,
    lists,
    currency=None,
    rates=None,
) -> tuple[Path, str]:
    """Everything that can be wrong with the options, found before the first supplier row is read (a mistake
    in the last option must not cost a 100k-row run): the report's name and format and whether it exists, the
    rules, the --since report, the model, the extra lists, the currency and rates file, that every input is
    there. Returns (report path, format)."""
    from screener.indicators import load_rules

    target, fmt = resolve_output(output, fmt)
    check_not_an_input(target, [*inputs, *([since] if since else []), *lists, *rules])
    check_target(target, fmt, force)
    if target.parent.exists() and not target.parent.is_dir():
        raise click.UsageError(f"-o {output}: {target.parent} is a file, not a folder.")
    check_writable(target)
    load_rules(list(rules) or None)
    if since is not None:
        check_since_report(Path(since))
    if model not in (True, False, None):
        from screener.risk.model import check_model_file

        check_model_file(model)
    check_list_files(lists)
    if currency is not None:
        from screener.normalize.spend import check_currency

        check_currency(currency)
    if rates is not None:
        from screener.normalize.spend import load_rates_file

        load_rates_file(rates)
    for path in inputs:
        if not Path(path).exists():
            raise InputFileError(f"{path}: file not found.", hint="Check the path.")
    return target, fmt


def check_since_report(path: Path) -> None:
    """The --since report is there and in a form it can be read in (xlsx, json, a csv or parquet folder)."""
    if path.is_dir():
        if not any((path / f"suppliers.{kind}").is_file() for kind in ("csv", "parquet")):
            raise InputFileError(
                f"{path}: --since: not a screener report folder (no suppliers.csv or suppliers.parquet).",
                hint="Pass a report written by `screener screen` (xlsx, json, or a csv/parquet folder).",
            )
        return
    if not path.is_file():
        raise InputFileError(f"{path}: --since: file not found.", hint="Pass the earlier report to --since.")
    if path.suffix.lower() not in SINCE_SUFFIXES:
        raise InputFileError(
            f"{path}: --since reads an earlier report as .xlsx, .json or a csv/parquet folder.",
            hint="Pass the earlier report in one of those forms.",
        )


def check_list_files(paths) -> None:
    """Each --lists file is there and parses as a list (parsed once and cached: the run reuses it)."""
    taken: set[str] = set()
    for path in paths:
        source = file_source(path, taken)
        taken.add(source.list_id)
        try:
            entries, _, _ = parse_source(source)
        except ListError:
            raise
        except (OSError, ValueError) as error:
            raise ListError(
                f"{path}: --lists: cannot be read as a list ({error}).",
                hint="Pass a csv or xlsx list with a name column, an OFAC, UFLPA, CBP or OpenSanctions file.",
            ) from error
        if entries.height == 0:
            raise ListError(
                f"{path}: --lists: no list entries found.", hint="Check that it is a list of names."
            )


def _screen_streaming(
    inputs, output, fmt, batch_size, workers, stages: dict, spend: dict, force, quiet
) -> None:
    """One large csv, batch by batch (screener.batch): the same stages, tables written as csv or parquet parts."""
    from screener.batch import BatchContext, screen_csv_streaming

    if len(inputs) != 1 or fmt not in (None, "csv", "parquet"):
        raise click.UsageError("--batch-size takes one csv input and --format csv or parquet.")
    fmt = fmt or "parquet"
    output = output or inputs[0].parent / "out" / f"{inputs[0].stem}-risk"
    output, fmt = check_before_reading(
        inputs,
        output,
        fmt,
        force=force,
        since=None,
        model=stages["model"],
        rules=stages["rules"] or (),
        lists=stages["lists"],
        currency=spend["currency"],
        rates=spend["rates"],
    )
    context = BatchContext.build(**stages, **spend)
    manifest = screen_csv_streaming(
        inputs[0], output, batch_size=batch_size, fmt=fmt, context=context, force=force, workers=workers
    )
    if not quiet:
        counts = {k: manifest.get(k) for k in ("batches", "suppliers", "rejected", "matches")}
        click.echo(f"Screened {counts}; report tables in {output}")
