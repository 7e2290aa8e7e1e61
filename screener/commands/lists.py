"""``screener lists``: show, import and update risk lists."""

from __future__ import annotations

import json

import click

from screener.errors import ListError
from screener.lists import ListInfo
from screener.lists.download import DownloadLimits, terminate_as_exit
from screener.lists.formats import format_ids, sniff_format
from screener.lists.store import (
    LATEST,
    UpdateResult,
    import_list,
    list_history,
    list_sources,
    parse_source,
    pinned_version,
    rollback_list,
    update_list,
    use_version,
    version_label,
)

CONTEXT = {"help_option_names": ["-h", "--help"]}
STORE_OPTION = click.option(
    "--store",
    "store",
    type=click.Path(file_okay=False),
    help="List store folder (default: $SCREENER_STORE or the user data folder).",
)


class ListFormatChoice(click.Choice):
    """The registered list formats (screener.lists.formats), read when click asks: a format registered after this
    module was imported is offered too."""

    def __init__(self) -> None:
        super().__init__(())

    @property
    def choices(self) -> tuple[str, ...]:  # type: ignore[override]
        return format_ids()

    @choices.setter
    def choices(self, _value: object) -> None:  # click.Choice.__init__ assigns the choices it was given
        pass


@click.group(context_settings=CONTEXT)
def lists() -> None:
    """Show, import, update, pin and roll back risk lists.

    \b
    Example:
      screener lists show
      screener lists import blocked.xlsx --format csv --id our-blocklist
      screener lists update ofac-sdn
      screener lists use ofac-sdn@2023-12-28
      screener lists rollback ofac-sdn
    """


def _row(info: ListInfo) -> dict[str, object]:
    """The facts an officer needs about one list, in the order they are shown."""
    return {
        "id": info.list_id,
        "title": info.title,
        "publisher": info.publisher,
        "version": info.version,
        "retrieved": info.retrieved,
        "entities": info.entity_count,
        "names": info.name_count,
        "other_entities": info.extra.get("other_entity_count", 0),
        "orders": info.extra.get("order_count", 0),
        "licence": info.licence,
        "source": info.source_url,
        "origin": info.extra.get("origin", ""),
        "sha256": info.sha256,
    }


@lists.command("show", context_settings=CONTEXT)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one object per list).")
@STORE_OPTION
def show(as_json: bool, store: str | None) -> None:
    """Show the lists in use: id, title, publisher, version, counts, licence and source.

    \b
    Example:
      screener lists show
      screener lists show --json
    """
    infos = [parse_source(source)[1] for source in list_sources(store)]
    rows = [
        {
            **_row(info),
            "pinned": pinned_version(info.list_id, store),
            "versions": list_history(info.list_id, store),
        }
        for info in infos
    ]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        click.echo(_describe(row))


def _describe(row: dict[str, object]) -> str:
    """A short block per list: readable in a terminal, complete enough for an auditor."""
    counts = f"{row['entities']:,} entities, {row['names']:,} names"
    if row["other_entities"]:
        counts += f" (+{row['other_entities']:,} individuals/aircraft, not matched)"
    if row["orders"]:
        counts += f"; {row['orders']} region/product orders"
    return "\n".join(
        [
            f"{row['id']}: {row['title']}",
            f"  publisher: {row['publisher'] or '-'}",
            f"  version:   {row['version'] or '-'} (retrieved {row['retrieved'] or '-'}; {row['origin']})"
            + (f"; pinned {row['pinned']['pinned_at']}" if row.get("pinned") else ""),
            f"  contents:  {counts}",
            f"  licence:   {row['licence'] or '-'}",
            f"  source:    {row['source'] or '-'}",
            f"  sha256:    {row['sha256']}",
            *_history_lines(row["versions"]),
            "",
        ]
    )


def _history_lines(versions: list[dict]) -> list[str]:
    """Stored versions before and after the one in use (after it only when the list is pinned)."""
    position = next((i for i, v in enumerate(versions) if v["current"]), len(versions))
    earlier, newer = versions[:position], versions[position + 1 :]
    lines = []
    for label, group in (("earlier", earlier), ("newer", newer)):
        if group:
            lines.append(f"  {label + ':':<10} " + "; ".join(_version_text(v) for v in group))
    return lines


def _version_text(version: dict) -> str:
    return (
        f"{version.get('version') or '-'} ({version.get('entity_count', 0):,} entities, "
        f"sha256 {version.get('sha256', '')[:12]})"
    )


@lists.command("import", context_settings=CONTEXT)
@click.argument("path", type=click.Path(exists=True))
@click.option(
    "--id", "list_id", required=True, help="List id, e.g. our-blocklist (an existing id is replaced)."
)
@click.option(
    "--format",
    "fmt",
    type=ListFormatChoice(),
    help="File format (default: recognised from the file). For ofac, PATH is a folder with sdn/alt/add.csv.",
)
@click.option("--title", default="", help="Title shown in reports.")
@click.option("--publisher", default="", help="Who publishes the list.")
@click.option("--licence", default="", help="Licence or terms of use of the list.")
@click.option("--url", "url", default="", help="Download address, used by `screener lists update`.")
@click.option("--version", "version", default="", help="The list's own version or publication date.")
@STORE_OPTION
def import_(
    path: str,
    list_id: str,
    fmt: str | None,
    title: str,
    publisher: str,
    licence: str,
    url: str,
    version: str,
    store: str | None,
) -> None:
    """Import a list file into the store (PATH: a file, or for OFAC a folder with sdn.csv, alt.csv, add.csv).

    \b
    Example:
      screener lists import ./ofac --format ofac --id ofac-sdn
      screener lists import blocked.xlsx --format csv --id our-blocklist --title "Our blocked suppliers"
    """
    info = import_list(
        path,
        fmt=fmt or sniff_format(path),
        list_id=list_id,
        title=title,
        publisher=publisher,
        licence=licence,
        source_url=url,
        version=version,
        download_urls=[url] if url else [],
        store_dir=store,
    )
    click.echo(
        f"Imported {info.list_id}: {info.entity_count:,} entities, {info.name_count:,} names "
        f"(version {info.version or '-'}, sha256 {info.sha256[:16]})."
    )
    _say_still_pinned(info)


def _say_still_pinned(info: ListInfo) -> None:
    """A version stored while the list is pinned is not used yet: say so, and how to use it."""
    pin = info.extra.get("pinned_to")
    if pin:
        click.echo(
            f"{info.list_id} stays pinned to version {pin.get('version') or '-'} (sha256 {pin.get('sha256', '')[:12]}); "
            f"`screener lists use {info.list_id}@latest` uses the new one."
        )


@lists.command("update", context_settings=CONTEXT)
@click.argument("list_id", required=False)
@click.option(
    "--url", default=None, help="Download from this address instead (for ofac: the sdn.csv address)."
)
@click.option(
    "--max-drop",
    type=click.FloatRange(0, 1),
    default=0.5,
    show_default=True,
    help="Refuse an update that loses more than this share of the entities.",
)
@click.option(
    "--min-kept",
    type=click.FloatRange(0, 1),
    default=0.5,
    show_default=True,
    help="Refuse an update that shares less than this share of names with the current version.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=60.0,
    show_default=True,
    help="Seconds to wait for the server.",
)
@click.option(
    "--deadline",
    type=click.FloatRange(min=1),
    default=900.0,
    show_default=True,
    help="Seconds all downloads of one list may take together.",
)
@click.option(
    "--max-mb", type=click.IntRange(min=1), default=500, show_default=True, help="Refuse a larger download."
)
@click.option("--sha256", default=None, help="The sha256 the publisher gives for the file (with a list id).")
@click.option("--allow-http", is_flag=True, help="Allow plain http addresses (https only by default).")
@STORE_OPTION
def update(
    list_id: str | None,
    url: str | None,
    max_drop: float,
    min_kept: float,
    timeout: float,
    deadline: float,
    max_mb: int,
    sha256: str | None,
    allow_http: bool,
    store: str | None,
) -> None:
    """Download a list (or every list with a download address) from its publisher and keep the old version.

    \b
    Example:
      screener lists update ofac-sdn
      screener lists update
    """
    if (url or sha256) and not list_id:
        raise click.UsageError("--url and --sha256 need a list id.")
    limits = DownloadLimits(
        timeout=timeout,
        deadline=deadline,
        max_bytes=max_mb * 1_000_000,
        allow_http=allow_http,
        sha256=sha256,
        min_kept=min_kept,
    )
    with terminate_as_exit():  # a SIGTERM still removes the download folder
        if list_id:
            _report_update(update_list(list_id, url=url, max_drop=max_drop, store_dir=store, limits=limits))
            return
        sources = [source for source in list_sources(store) if source.download_urls]
        if not sources:
            raise ListError(
                "no list has a download address.", hint="Use `screener lists update ID --url URL`."
            )
        for source in sources:
            _report_update(update_list(source.list_id, max_drop=max_drop, store_dir=store, limits=limits))
    skipped = [source.list_id for source in list_sources(store) if not source.download_urls]
    if skipped:
        click.echo(f"Not updated (no download address; import a new file instead): {', '.join(skipped)}.")


def _report_update(result: UpdateResult) -> None:
    before, after = result.before, result.after
    if not result.changed:
        click.echo(
            f"{result.list_id}: unchanged (version {before.version or '-'}, sha256 {before.sha256[:16]})."
        )
        return
    click.echo(
        f"{result.list_id}: updated to version {after.version or '-'}: {after.entity_count:,} entities, "
        f"{after.name_count:,} names (was version {before.version or '-'}: {before.entity_count:,} entities). "
        "The previous version is kept."
    )
    _say_still_pinned(after)


@lists.command("use", context_settings=CONTEXT)
@click.argument("list_version", metavar="ID@VERSION")
@STORE_OPTION
def use(list_version: str, store: str | None) -> None:
    """Pin a list to one stored version, for an audit re-run; ID@latest follows the newest version again.

    VERSION is the list's version as `screener lists show` prints it (e.g. 2023-12-28), a sha256 prefix of 6
    characters or more, or `bundled` for the copy shipped with screener. A pinned list stays at its version when
    `lists update` or `lists import` stores a newer one.

    \b
    Example:
      screener lists use ofac-sdn@2023-12-28
      screener lists use our-blocklist@3f9a1c2b7d4e
      screener lists use ofac-sdn@latest
    """
    list_id, at, version = list_version.partition("@")
    if not at or not list_id or not version:
        raise click.UsageError(
            f"{list_version!r}: give ID@VERSION, e.g. ofac-sdn@2023-12-28 or ofac-sdn@latest."
        )
    record = use_version(list_id, version, store_dir=store)
    if version.casefold() == LATEST:
        click.echo(
            f"{list_id}: uses the newest stored version, {version_label(record)}, and follows updates."
        )
        return
    click.echo(
        f"{list_id}: pinned to version {version_label(record)}, {record.get('entity_count', 0):,} entities. "
        f"Updates are stored but not used until `screener lists use {list_id}@latest`."
    )


@lists.command("rollback", context_settings=CONTEXT)
@click.argument("list_id")
@STORE_OPTION
def rollback(list_id: str, store: str | None) -> None:
    """Return a list to the version before the one in use (after a bad publisher file), and pin it there.

    \b
    Example:
      screener lists rollback ofac-sdn
    """
    before, after = rollback_list(list_id, store_dir=store)
    click.echo(
        f"{list_id}: rolled back from version {version_label(before)} to {version_label(after)}, "
        f"{after.get('entity_count', 0):,} entities; pinned there "
        f"(`screener lists use {list_id}@latest` follows updates again)."
    )
