"""The local list store: bundled lists, imported lists with their versions, and loading them all.

Layout under ``screener.store.store_dir()``::

    lists/<list_id>/manifest.json        id, format, title, publisher, licence, source and download URLs,
                                         the current version and every earlier one (never deleted)
    lists/<list_id>/<version folder>/    the raw files of one version, exactly as imported or downloaded

The bundled lists (each format's ``bundled``, screener.lists.formats) ship inside the package. A stored list with the same id
replaces the bundled one; other stored lists add to them. Parsed frames are cached as parquet in the cache folder,
keyed by the files' sha256, so loading is fast after the first run and always follows the content.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from screener.contracts import ListInfo, ListSet
from screener.errors import ListError, option
from screener.lists.common import sha256_of
from screener.lists.download import (
    Deadline,
    DownloadLimits,
    check_names_kept,
    check_sha256,
    fetch,
    update_folder,
)
from screener.lists.format import BundledList, ListFormat
from screener.lists.formats import (
    PARSER_VERSION,
    bundled_lists,
    check_list_file,
    format_of_list,
    get_format,
    list_files,
    sniff_format,
)
from screener.lists.schema import (
    ENTRY_SCHEMA,
    ORDER_SCHEMA,
    STATUS,
    STATUS_ON,
    empty_entries,
    empty_orders,
    slug,
    split_matched,
)
from screener.schema import ENTITY_ID
from screener.store import cache_dir, locked
from screener.store import store_dir as resolve_store_dir

MANIFEST = "manifest.json"


@dataclass
class ListSource:
    """Where one list comes from and what we know about it beyond its content."""

    list_id: str
    format: str
    path: Path  # the file, or for OFAC the sdn.csv file / folder
    origin: str  # bundled / store / file
    title: str = ""
    publisher: str = ""
    licence: str = ""
    source_url: str = ""
    retrieved: str = ""
    version: str = ""  # when the content carries no date of its own (OFAC)
    download_urls: list[str] = field(default_factory=list)
    pinned: bool = False  # a stored version an officer pinned (`screener lists use ID@VERSION`)


def bundled_sources() -> list[ListSource]:
    """The lists that ship inside the package (each format's ``bundled``), as sources."""
    return [_bundled_source(bundled) for bundled in bundled_lists()]


def _bundled_source(bundled: BundledList) -> ListSource:
    fmt = format_of_list(bundled.list_id)
    assert fmt is not None  # bundled_lists() only yields lists of registered formats
    return ListSource(
        list_id=bundled.list_id,
        format=fmt.id,
        path=bundled.path,
        origin="bundled",
        retrieved=bundled.retrieved,
        source_url=bundled.source_url,
        version=bundled.version,
        download_urls=list(bundled.download_urls),
    )


# --- loading ---------------------------------------------------------------------------------------------------


def load_lists(
    extra: Sequence[str | Path] = (),
    *,
    include_default: bool = True,
    store_dir: str | Path | None = None,
) -> ListSet:
    """The bundled lists (unless ``include_default`` is false), lists in the store, and ``extra`` list files.

    A stored list replaces the bundled list of the same id. With ``include_default`` false, stored updates of the
    bundled lists are left out too. ``extra`` files are read in their sniffed format under the id of their name.
    """
    sources = list_sources(store_dir, include_default=include_default)
    taken = {source.list_id for source in sources}
    for path in extra:
        source = file_source(path, taken)
        taken.add(source.list_id)
        sources.append(source)
    parsed = [_with_delisted(source, parse_source(source), store_dir) for source in sources]
    entries = pl.concat([p[0] for p in parsed], how="vertical") if parsed else empty_entries()
    matched, other = split_matched(entries)
    orders = pl.concat([p[2] for p in parsed], how="vertical") if parsed else empty_orders()
    return ListSet(entries=matched, lists=[p[1] for p in parsed], orders=orders, other_entries=other)


def _with_delisted(
    source: ListSource, parsed: tuple[pl.DataFrame, ListInfo, pl.DataFrame], store_dir: str | Path | None
) -> tuple[pl.DataFrame, ListInfo, pl.DataFrame]:
    """A stored list with the entities of its previous stored version that the current one no longer has, kept
    as history: status "delisted: in version A, not in version B" (screener.lists.status reads it as removed), so
    a supplier matching an entity OFAC (or any publisher) delisted is told so instead of silently not matching.
    Only between two versions in the store: the bundled copy is a baseline, not a version someone imported."""
    entries, info, orders = parsed
    previous = _previous_stored_source(source, store_dir)
    if previous is None:
        return parsed
    old_entries, old_info, _ = parse_source(previous)
    current_ids = entries.get_column(ENTITY_ID).unique().implode()
    gone = old_entries.filter(~pl.col(ENTITY_ID).is_in(current_ids))
    if gone.is_empty():
        return parsed
    old_label, new_label = old_info.version or previous.retrieved, info.version or source.retrieved
    gone = gone.with_columns(
        pl.lit(f"delisted: in version {old_label}, not in version {new_label}").alias(STATUS),
        pl.lit(new_label if re.fullmatch(r"\d{4}-\d{2}-\d{2}", new_label or "") else None, pl.String).alias(
            STATUS_ON
        ),
    )
    return pl.concat([entries, gone.select(entries.columns)], how="vertical"), info, orders


def _previous_stored_source(source: ListSource, store_dir: str | Path | None) -> ListSource | None:
    """The stored version before the one ``source`` is, when both are in the store."""
    if source.origin != "store":
        return None
    folder = lists_root(store_dir) / source.list_id
    if not (folder / MANIFEST).is_file():
        return None
    manifest = read_manifest(folder)
    folders = [record.get("folder") for record in manifest.get("versions", [])]
    current = source.path.parent.name
    if current not in folders:
        return None
    position = folders.index(current)
    if position == 0 or folders[position - 1] is None:
        return None
    return _manifest_source(folder, manifest, folders[position - 1])


def list_sources(store_dir: str | Path | None = None, *, include_default: bool = True) -> list[ListSource]:
    """Bundled lists (replaced by stored lists of the same id), then the other stored lists, by id."""
    stored = {source.list_id: source for source in stored_sources(store_dir)}
    sources = []
    bundled = bundled_sources()
    if include_default:
        sources = [stored.pop(source.list_id, None) or _bundled(source, store_dir) for source in bundled]
    else:
        for source in bundled:
            stored.pop(source.list_id, None)
    return sources + [stored[list_id] for list_id in sorted(stored)]


def _bundled(source: ListSource, store_dir: str | Path | None) -> ListSource:
    """A bundled list's source, marked pinned when an officer pinned the list to the copy in the package."""
    pin = pinned_version(source.list_id, store_dir)
    return dataclasses.replace(source, pinned=True) if pin and pin.get("folder") is None else source


def file_source(path: str | Path, taken: set[str] | None = None) -> ListSource:
    """A list file given on the command line: format sniffed, id from the file name (made unique)."""
    path = Path(path).expanduser()
    fmt = sniff_format(path)
    base = slug(path.stem) or "list"
    list_id, number = base, 2
    while taken and list_id in taken:
        list_id, number = f"{base}-{number}", number + 1
    return ListSource(list_id=list_id, format=fmt, path=path, origin="file", source_url=str(path.resolve()))


def parse_source(source: ListSource) -> tuple[pl.DataFrame, ListInfo, pl.DataFrame]:
    """(entries of every type, provenance, orders) of one list, through the parquet cache."""
    check_list_file(source.path)
    files = list_files(source.format, source.path)
    content_sha = sha256_of(files)
    key = hashlib.sha256(
        f"{PARSER_VERSION}|{source.format}|{source.list_id}|{source.version}|{content_sha}".encode()
    ).hexdigest()[:32]
    folder = cache_dir() / "lists"
    cached = _read_cache(folder, key)
    if cached is None:
        fmt = get_format(source.format)
        entries, info = fmt.parse(source.path, list_id=source.list_id, version=source.version)
        orders = fmt.orders(source.path, list_id=source.list_id) if fmt.orders else empty_orders()
        _write_cache(folder, key, entries, info, orders)
    else:
        entries, info, orders = cached
    return entries, _with_source(info, source), orders


def _with_source(info: ListInfo, source: ListSource) -> ListInfo:
    """The parser's provenance, completed with what the store knows (title, retrieved date, origin...)."""
    overrides = {
        name: getattr(source, name)
        for name in ("title", "publisher", "licence", "source_url", "retrieved")
        if getattr(source, name)
    }
    extra = {
        **info.extra,
        "format": source.format,
        "origin": source.origin,
        "path": str(source.path),
        "pinned": source.pinned,
    }
    return dataclasses.replace(info, **overrides, extra=extra)


def _read_cache(folder: Path, key: str) -> tuple[pl.DataFrame, ListInfo, pl.DataFrame] | None:
    try:
        info = ListInfo(**json.loads((folder / f"{key}.info.json").read_text()))
        entries = pl.read_parquet(folder / f"{key}.entries.parquet")
        orders = pl.read_parquet(folder / f"{key}.orders.parquet")
    except (OSError, ValueError, TypeError, pl.exceptions.PolarsError):
        return None
    if entries.schema != pl.Schema(ENTRY_SCHEMA) or orders.schema != pl.Schema(ORDER_SCHEMA):
        return None
    return entries, info, orders


def _write_cache(folder: Path, key: str, entries: pl.DataFrame, info: ListInfo, orders: pl.DataFrame) -> None:
    """Best effort: a read-only cache folder only makes the next load slower."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for frame, name in ((entries, f"{key}.entries.parquet"), (orders, f"{key}.orders.parquet")):
            temporary = folder / f"{name}.{os.getpid()}.tmp"
            frame.write_parquet(temporary)
            temporary.replace(folder / name)  # a concurrent run never reads half a file
        _write_json(folder / f"{key}.info.json", dataclasses.asdict(info))
    except OSError:
        pass


# --- the store -------------------------------------------------------------------------------------------------


def lists_root(store_dir: str | Path | None = None) -> Path:
    """The folder holding one sub-folder per stored list."""
    return resolve_store_dir(store_dir) / "lists"


def read_manifest(folder: Path) -> dict:
    """A stored list's manifest, or a ListError naming the broken file."""
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        manifest["current"], manifest["list_id"], manifest["format"]  # noqa: B018 - required keys
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ListError(
            f"{path}: the list store's manifest cannot be read ({error}).",
            hint=f"Delete the folder {folder} and import the list again.",
        ) from error
    return manifest


def list_history(list_id: str, store_dir: str | Path | None = None) -> list[dict]:
    """Every stored version of a list, oldest first (empty for a bundled list never updated)."""
    folder = lists_root(store_dir) / list_id
    if not (folder / MANIFEST).is_file():
        return []
    manifest = read_manifest(folder)
    return [{**v, "current": v.get("folder") == manifest["current"]} for v in manifest.get("versions", [])]


def stored_sources(store_dir: str | Path | None = None) -> list[ListSource]:
    """Every list in the store, at its current version."""
    root = lists_root(store_dir)
    if not root.is_dir():
        return []
    sources = []
    for folder in sorted(root.iterdir()):
        if folder.is_dir() and (folder / MANIFEST).is_file():
            manifest = read_manifest(folder)
            if manifest["current"]:
                sources.append(_manifest_source(folder, manifest))
    return sources


def _manifest_source(folder: Path, manifest: dict, version_folder: str | None = None) -> ListSource:
    """The source of the current version (or of ``version_folder``) of a stored list."""
    version_folder = version_folder or manifest["current"]
    current = next((v for v in manifest.get("versions", []) if v.get("folder") == version_folder), {})
    return ListSource(
        list_id=manifest["list_id"],
        format=manifest["format"],
        path=folder / version_folder / current.get("entry_file", ""),
        origin="store",
        title=manifest.get("title", ""),
        publisher=manifest.get("publisher", ""),
        licence=manifest.get("licence", ""),
        source_url=manifest.get("source_url", ""),
        retrieved=current.get("retrieved", ""),
        version=current.get("version_given", ""),
        download_urls=manifest.get("download_urls", []),
        pinned=bool(manifest.get("pinned")) and version_folder == manifest["current"],
    )


def import_list(
    path: str | Path,
    *,
    fmt: str,
    list_id: str,
    title: str = "",
    publisher: str = "",
    licence: str = "",
    source_url: str = "",
    version: str = "",
    download_urls: Sequence[str] = (),
    store_dir: str | Path | None = None,
) -> ListInfo:
    """Copy a list file (or OFAC folder) into the store as the new current version of ``list_id``.

    The file is parsed first: nothing is stored unless it parses. Earlier versions are kept.
    """
    get_format(fmt)  # an unknown format: the error names the known ones
    if not list_id or slug(list_id) != list_id.casefold() or "/" in list_id:
        raise ListError(
            f"list id {list_id!r} is not valid.", hint="Use lower-case letters, digits and '-', e.g. my-list."
        )
    source = ListSource(
        list_id=list_id, format=fmt, path=Path(path).expanduser(), origin="file", version=version
    )
    entries, info, _ = parse_source(source)
    retrieved = dt.date.today().isoformat()
    bundled = next((b for b in bundled_sources() if b.list_id == list_id), None)
    return _store_version(
        source,
        info,
        retrieved=retrieved,
        history=[_bundled_record(bundled, parse_source(bundled)[1])] if bundled else [],
        meta={
            "title": title or info.title,
            "publisher": publisher or info.publisher,
            "licence": licence or info.licence,
            "source_url": source_url or (download_urls[0] if download_urls else str(source.path.resolve())),
            "download_urls": list(download_urls),
        },
        store_dir=store_dir,
        origin="import",
    )


def _store_version(
    source: ListSource,
    info: ListInfo,
    *,
    retrieved: str,
    meta: dict,
    store_dir: str | Path | None,
    origin: str,
    history: Sequence[dict] = (),
) -> ListInfo:
    """Write the files of one parsed version into the store and make it current (earlier versions are kept)."""
    folder = lists_root(store_dir) / source.list_id
    with locked(folder / ".lock"):  # concurrent imports of one list: each version recorded, none lost
        return _store_version_locked(source, info, folder, retrieved, meta, origin, history)


def _store_version_locked(
    source: ListSource, info: ListInfo, folder: Path, retrieved: str, meta: dict, origin: str, history
) -> ListInfo:
    manifest = read_manifest(folder) if (folder / MANIFEST).is_file() else {"versions": list(history)}
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    version_folder = f"{stamp}-{info.sha256[:12]}"
    target = folder / version_folder
    target.mkdir(parents=True, exist_ok=True)
    files = list_files(source.format, source.path)
    names = list(get_format(source.format).stored_names) or [files[0].name]
    for file, name in zip(files, names, strict=True):
        shutil.copyfile(file, target / name)
    pinned = manifest.get("pinned")
    manifest.update(
        {
            "list_id": source.list_id,
            "format": source.format,
            "origin": manifest.get("origin", origin),
            **{k: v for k, v in meta.items() if v or k not in manifest},
            "current": manifest["current"] if pinned else version_folder,
        }
    )
    manifest["versions"].append(
        {
            "folder": version_folder,
            "entry_file": names[0],
            "files": names,
            "retrieved": retrieved,
            "version": info.version,
            "version_given": source.version,
            "sha256": info.sha256,
            "entity_count": info.entity_count,
            "name_count": info.name_count,
        }
    )
    _write_json(folder / MANIFEST, manifest)
    stored = _with_source(info, _manifest_source(folder, manifest, version_folder))
    if pinned:  # stored, but not used: the list stays at the version an officer pinned
        stored.extra["pinned_to"] = pinned
    return stored


def _write_json(path: Path, data: object) -> None:
    """Write through a temporary file and rename, so a crash never leaves half a file."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")  # one per writer
    try:
        temporary.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


# --- pinning a version, rolling back ---------------------------------------------------------------------------

LATEST = "latest"
BUNDLED_VERSION = "bundled"


def version_label(record: dict) -> str:
    """How a stored version is named to an officer: its own version (or retrieved date) and a sha256 prefix."""
    return (
        f"{record.get('version') or record.get('retrieved') or '-'} (sha256 {record.get('sha256', '')[:12]})"
    )


def use_version(list_id: str, version: str, store_dir: str | Path | None = None) -> dict:
    """Pin a list to one of its stored versions (``latest`` follows the newest again); returns that version.

    ``version`` is the list's own version (e.g. 2023-12-28), a sha256 prefix of at least 6 characters, the version
    folder, ``bundled`` (the copy inside the package) or ``latest``. A pinned list stays at that version when
    ``lists update`` or ``lists import`` stores a newer one, so a re-run reproduces an earlier screening.
    """
    folder, manifest = _stored_manifest(list_id, store_dir)
    versions = manifest.get("versions", [])
    if version.casefold() == LATEST:
        record = versions[-1]
        manifest.pop("pinned", None)
    else:
        record = _find_version(list_id, versions, version)
        manifest["pinned"] = _pin(record)
    manifest["current"] = record.get("folder")
    _write_json(folder / MANIFEST, manifest)
    return record


def rollback_list(list_id: str, store_dir: str | Path | None = None) -> tuple[dict, dict]:
    """Return a list to the version stored before the one in use, and pin it there; returns (from, to).

    Pinned, so the next ``lists update`` does not bring the rejected publication straight back.
    """
    folder, manifest = _stored_manifest(list_id, store_dir)
    versions = manifest.get("versions", [])
    position = next(
        (i for i, v in enumerate(versions) if v.get("folder") == manifest["current"]), len(versions) - 1
    )
    if position <= 0:
        raise ListError(
            f"list {list_id!r} has no version before {version_label(versions[position])}.",
            hint=f"See the stored versions with `screener lists show`; pin one with `screener lists use {list_id}@VERSION`.",
        )
    before, after = versions[position], versions[position - 1]
    manifest["current"] = after.get("folder")
    manifest["pinned"] = _pin(after)
    _write_json(folder / MANIFEST, manifest)
    return before, after


def _stored_manifest(list_id: str, store_dir: str | Path | None) -> tuple[Path, dict]:
    folder = lists_root(store_dir) / list_id
    if not (folder / MANIFEST).is_file():
        find_source(list_id, store_dir)  # an unknown id: the error names the known ones
        raise ListError(
            f"list {list_id!r} has only the version it shipped with: nothing to pin or roll back.",
            hint=f"Store another version with `screener lists update {list_id}` or `screener lists import`.",
        )
    manifest = read_manifest(folder)
    if not manifest.get("versions"):
        raise ListError(f"{folder / MANIFEST}: no versions recorded.", hint="Import the list again.")
    return folder, manifest


def _find_version(list_id: str, versions: list[dict], wanted: str) -> dict:
    """The one stored version ``wanted`` names, or a ListError listing the versions there are."""
    key = wanted.strip().casefold()

    def names(record: dict) -> bool:
        if key == BUNDLED_VERSION:
            return bool(record.get("bundled"))
        sha = str(record.get("sha256", "")).casefold()
        return key in (
            str(record.get("version", "")).casefold(),
            str(record.get("folder", "")).casefold(),
        ) or (len(key) >= 6 and sha.startswith(key))

    found = [record for record in versions if names(record)]
    if len(found) == 1:
        return found[0]
    stored = "; ".join(version_label(record) for record in versions)
    problem = "names several stored versions" if found else "is not a stored version"
    raise ListError(
        f"{wanted!r} {problem} of {list_id}. Stored: {stored}.",
        hint="Name the version by its sha256 prefix (6 characters or more), e.g. "
        f"`screener lists use {list_id}@{versions[-1].get('sha256', '')[:12]}`.",
    )


def _pin(record: dict) -> dict:
    """What the manifest records of a pin: which version, and when it was pinned."""
    return {
        "folder": record.get("folder"),
        "version": record.get("version"),
        "sha256": record.get("sha256"),
        "pinned_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


def pinned_version(list_id: str, store_dir: str | Path | None = None) -> dict | None:
    """The pin of a stored list (see use_version), or None when it follows the newest version."""
    folder = lists_root(store_dir) / list_id
    return read_manifest(folder).get("pinned") if (folder / MANIFEST).is_file() else None


# --- updating from the publisher -------------------------------------------------------------------------------

DEFAULT_MAX_DROP = 0.5  # refuse an update that loses more than half the entities


@dataclass
class UpdateResult:
    """What ``update_list`` did: the version before, the version after, and whether anything changed."""

    list_id: str
    before: ListInfo
    after: ListInfo
    changed: bool


def find_source(list_id: str, store_dir: str | Path | None = None) -> ListSource:
    """The current source of a list id (stored, else bundled), or a ListError naming the known ids."""
    sources = {source.list_id: source for source in list_sources(store_dir)}
    if list_id not in sources:
        known = ", ".join(sorted(sources)) or "none"
        raise ListError(
            f"no list with id {list_id!r}.", hint=f"Known lists: {known}. See `screener lists show`."
        )
    return sources[list_id]


def download_urls(source: ListSource, url: str | None = None) -> list[str]:
    """The URLs to download a list from: ``url`` (for OFAC the sdn.csv URL; alt/add are beside it) or the stored ones."""
    fmt = get_format(source.format)
    if url:
        return fmt.sibling_urls(url) if fmt.sibling_urls else [url]
    if source.download_urls:
        return list(source.download_urls)
    reason = fmt.no_download or "no download address is stored for it"
    raise ListError(
        f"list {source.list_id!r} cannot be updated automatically: {reason}.",
        hint=f"Give the address with --url, or import a new file with `screener lists import PATH --id {source.list_id}`.",
    )


def update_list(
    list_id: str,
    *,
    url: str | None = None,
    max_drop: float = DEFAULT_MAX_DROP,
    store_dir: str | Path | None = None,
    timeout: float = 60.0,
    limits: DownloadLimits | None = None,
) -> UpdateResult:
    """Download a list from its publisher, check it, and store it as the new current version.

    Nothing changes unless every file downloads within ``limits`` (screener.lists.download: https, size, total
    time, the publisher's sha256), parses, keeps at least ``1 - max_drop`` of the entities of the current version
    and shares at least ``limits.min_kept`` of its names. The previous version stays in the store (or in the
    package, for a bundled list).
    """
    limits = limits or DownloadLimits(timeout=timeout)
    deadline = Deadline(limits.deadline)
    source = find_source(list_id, store_dir)
    urls = download_urls(source, url)
    before_entries, before, _ = parse_source(source)
    fmt = get_format(source.format)
    with update_folder() as folder:
        names = list(fmt.stored_names) or [_download_name(fmt, urls[0])]
        modified = [
            fetch(address, Path(folder) / name, limits, deadline)
            for address, name in zip(urls, names, strict=True)
        ]
        if fmt.find_download and _is_html(Path(folder) / names[0]):
            csv_url = fmt.find_download(Path(folder) / names[0], urls[0])  # the page stays the stored address
            fetch(csv_url, Path(folder) / names[0], limits, deadline)
            check_sha256(Path(folder) / names[0], csv_url, limits.sha256)
        else:
            check_sha256(Path(folder) / names[0], urls[0], limits.sha256)
        version = modified[0] if fmt.dated_by_download else ""
        fresh = dataclasses.replace(
            source, path=Path(folder) / names[0], origin="file", version=version or ""
        )
        if fmt.dated_by_download and not version:
            fresh.version = dt.date.today().isoformat()
        if sha256_of(list_files(fresh.format, fresh.path)) == before.sha256:
            return UpdateResult(list_id, before, before, changed=False)
        after_entries, after, _ = parse_source(fresh)
        _check_counts(before, after, max_drop)
        check_names_kept(before_entries, after_entries, list_id, limits.min_kept)
        meta = {
            "title": source.title or after.title,
            "publisher": source.publisher or after.publisher,
            "licence": source.licence or after.licence,
            "source_url": source.source_url or urls[0],
            "download_urls": urls,
        }
        stored = _store_version(
            fresh,
            after,
            retrieved=dt.date.today().isoformat(),
            meta=meta,
            store_dir=store_dir,
            origin="update",
            history=[_bundled_record(source, before)] if source.origin == "bundled" else [],
        )
    return UpdateResult(list_id, before, stored, changed=True)


def _is_html(path: Path) -> bool:
    head = path.read_bytes()[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _download_name(fmt: ListFormat, url: str) -> str:
    name = url.rstrip("/").rpartition("/")[2].split("?")[0]
    return fmt.download_name or (name if "." in name else "list.csv")


def _check_counts(before: ListInfo, after: ListInfo, max_drop: float) -> None:
    """Refuse a download whose entity count collapsed (a truncated file, an error page, a changed layout)."""
    if before.entity_count and after.entity_count < before.entity_count * (1 - max_drop):
        raise ListError(
            f"the downloaded {before.list_id} list has {after.entity_count} entities, the current one "
            f"{before.entity_count}: a drop of more than {max_drop:.0%}. Nothing was changed.",
            hint=f"If the publisher really removed them, run again with {option('max_drop', '1')}.",
        )


def _bundled_record(source: ListSource, info: ListInfo) -> dict:
    """The history entry of a bundled list's version, kept when the list is first updated into the store."""
    return {
        "folder": None,
        "bundled": True,
        "retrieved": source.retrieved,
        "version": info.version,
        "sha256": info.sha256,
        "entity_count": info.entity_count,
        "name_count": info.name_count,
    }
