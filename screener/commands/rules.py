"""``screener rules``: check, list and compare rule files."""

from __future__ import annotations

import json
from pathlib import Path

import click

from screener.errors import ConfigError
from screener.schema import NAME, ROW_ID, SOURCE_FILE, SOURCE_ROW, SOURCE_SHEET

CONTEXT = {"help_option_names": ["-h", "--help"]}


@click.group(context_settings=CONTEXT)
def rules() -> None:
    """Check, list and compare rule files.

    \b
    Example:
      screener rules check rules/default.toml
      screener rules list rules/lksg.toml
      screener rules diff rules/default.toml rules/uflpa.toml suppliers.xlsx
    """


@rules.command("check", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def check(paths: tuple[Path, ...]) -> None:
    """Validate rules file(s), each on its own (with the files it extends): prints OK or every problem (file,
    key, value, what is allowed) per file; exit code 0 when all are valid, 2 when one is not. A shipped profile can
    be named instead of a path (default, uflpa, lksg, eu-flr).

    \b
    Example:
      screener rules check my-rules.toml
      screener rules check rules/lksg.toml rules/eu-flr.toml
    """
    from screener.indicators import describe_rules, load_rules

    failed = 0
    for path in paths:
        try:
            ruleset = load_rules([path])
        except ConfigError as error:
            failed += 1
            click.echo(f"Error: {error.render(cli=True)}", err=True)
            continue
        chain = " <- ".join(str(p) for p in ruleset.sources)
        click.echo(f"OK: rule set {ruleset.name!r} ({len(describe_rules(ruleset))} rules; loaded {chain})")
    if failed:
        click.get_current_context().exit(2)


@rules.command("list", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one object per rule).")
def list_rules(paths: tuple[Path, ...], as_json: bool) -> None:
    """List each rule of a rules file (default: the bundled default.toml): id, points, severity, likelihood,
    description.

    \b
    Example:
      screener rules list
      screener rules list rules/uflpa.toml --json
    """
    from screener.indicators import describe_rules, load_rules

    ruleset = load_rules(list(paths) or None)
    infos = describe_rules(ruleset)
    if as_json:
        rows = [
            {
                "rule_id": i.rule_id,
                "category": i.category,
                "points": i.weights.points,
                "severity": i.weights.severity,
                "likelihood": i.weights.likelihood,
                "enabled": i.weights.enabled,
                "title": i.title,
                "description": i.description,
            }
            for i in infos
        ]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    click.echo(f"Rule set {ruleset.name!r}: {ruleset.description}")
    width = max(len(i.rule_id) for i in infos)
    click.echo(f"{'rule':<{width}}  {'points':>6}  {'severity':<8}  {'lklh':>4}  description")
    for info in infos:
        weights = info.weights
        state = "" if weights.enabled else "  [disabled]"
        click.echo(
            f"{info.rule_id:<{width}}  {weights.points:>6g}  {weights.severity:<8}  {weights.likelihood:>4.2f}  "
            f"{info.description}{state}"
        )


@rules.command("goods", context_settings=CONTEXT)
def goods() -> None:
    """Print the goods of the DOL List of Goods (2022), as rules files must spell them."""
    from screener.normalize.goods import dol_vocabulary

    for good in dol_vocabulary():
        click.echo(good)


@rules.command("diff", context_settings=CONTEXT)
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.argument("suppliers", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--lists", "list_paths", multiple=True, type=click.Path(path_type=Path), help="Extra list file(s)."
)
@click.option("--no-default-lists", is_flag=True, help="Do not screen against the bundled lists.")
@click.option(
    "--json", "as_json", is_flag=True, help="Print JSON (one object per supplier that changes tier)."
)
def diff(old: Path, new: Path, suppliers, list_paths, no_default_lists: bool, as_json: bool) -> None:
    """What-if: screen SUPPLIERS under the OLD and the NEW rules and show which suppliers change tier, and why.

    \b
    Example:
      screener rules diff rules/default.toml my-rules.toml suppliers.xlsx
    """
    from screener.indicators import load_rules
    from screener.pipeline import screen

    load_rules([old]), load_rules([new])  # report bad rules before the long run
    options = {"lists": list_paths, "include_default_lists": not no_default_lists}
    before = screen(list(suppliers), rules=[old], **options)
    after = screen(list(suppliers), rules=[new], **options)
    changes = compare_screenings(before, after)
    if as_json:
        click.echo(json.dumps(changes.to_dicts(), indent=2, ensure_ascii=False, default=str))
        return
    click.echo(render_changes(changes, before.ranking.height, old, new))


def compare_screenings(before, after):
    """Suppliers whose tier differs between two screenings of the same files, with names and the why."""
    import polars as pl

    from screener.risk.ranking import explain_changes, hit_differences, tier_changes

    changes = explain_changes(
        tier_changes(before.ranking, after.ranking), hit_differences(before.hits, after.hits)
    )
    where = [c for c in (NAME, SOURCE_FILE, SOURCE_SHEET, SOURCE_ROW) if c in before.suppliers.columns]
    if where:
        side = before.suppliers.select(
            ROW_ID, *[pl.col(c).cast(pl.Int64 if c == SOURCE_ROW else pl.String) for c in where]
        )
        changes = changes.join(side, on=ROW_ID, how="left")
    return changes


def _place(row: dict, several_files: bool) -> str:
    """Where a supplier is, as the officer finds it: the row Excel shows (a csv's record number), with the file
    and sheet when the run read several; the run's row_id only when the source row is not known."""
    if row.get("source_row") is None:
        return f"row {row['row_id']}"
    sheet = f"sheet {row['source_sheet']} " if row.get("source_sheet") and several_files else ""
    file = f"{Path(row['source_file']).name} " if row.get("source_file") and several_files else ""
    return f"{file}{sheet}row {row['source_row']}"


def render_changes(changes, total: int, old: Path, new: Path) -> str:
    """The text report of ``rules diff``."""
    up = changes.filter(changes["change"] == "up").height
    lines = [
        f"{changes.height} of {total} suppliers change tier from {old.name} to {new.name} "
        f"({up} up, {changes.height - up} down)."
    ]
    several = (
        "source_file" in changes.columns and changes.select("source_file", "source_sheet").n_unique() > 1
    )
    for row in changes.iter_rows(named=True):
        name = row.get("name") or f"row {row['row_id']}"
        lines.append(
            f"  {name} ({_place(row, several)}): {row['old_tier']} -> {row['new_tier']} "
            f"(score {row['old_score']:g} -> {row['new_score']:g}, rank {row['old_rank']} -> {row['new_rank']})"
        )
        lines.append(f"      why: {row['why']}")
    return "\n".join(lines)
