"""The registry of list formats: each parser module's ``ListFormat`` record, registered once, here.

Every other module derives what it knows of formats and bundled lists from this registry (the store, the CLI's
``--format`` choice, the rules' list tables, the risk model's list features, the FtM report's topics). To add a
format, write its parser module with a ``FORMAT = ListFormat(...)`` and add it to ``_SHIPPED`` (or call
:func:`register` from your own code); see docs/architecture.md.
"""

from __future__ import annotations

from pathlib import Path

from screener.errors import ListError, option
from screener.lists import cbp, custom, ofac, opensanctions, uflpa
from screener.lists.format import BundledList, ListFile, ListFormat

# Bump when a parser's output changes, so cached parsed frames are rebuilt.
PARSER_VERSION = "3"  # 2: identifiers, linked_to, addresses; 3: status_on (the date a status took effect)

# In this order sniffing asks the formats (a format registered later is asked after them; a file none of them
# recognises is read in the fallback format, the custom CSV/xlsx), and the bundled lists are loaded and reported.
_SHIPPED = (
    uflpa.FORMAT,
    cbp.FORMAT,
    ofac.FORMAT,
    opensanctions.FORMAT,
    opensanctions.FTM_FORMAT,
    custom.FORMAT,
)
_REGISTRY: dict[str, ListFormat] = {}


def register(fmt: ListFormat) -> ListFormat:
    """Make a format known to every part of screener (sniffing, parsing, the store, the CLI, the reports)."""
    if fmt.id in _REGISTRY:
        raise ValueError(f"list format {fmt.id!r} is registered already")
    if fmt.fallback and any(other.fallback for other in _REGISTRY.values()):
        raise ValueError(f"list format {fmt.id!r}: only one format can be the fallback")
    taken = {bundled.list_id for other in _REGISTRY.values() for bundled in other.bundled}
    clash = [bundled.list_id for bundled in fmt.bundled if bundled.list_id in taken]
    if clash:
        raise ValueError(f"list format {fmt.id!r}: bundled list id {clash[0]!r} is taken already")
    _REGISTRY[fmt.id] = fmt
    return fmt


def unregister(format_id: str) -> None:
    """Forget a format registered with :func:`register` (for tests and plug-ins that registered one)."""
    _REGISTRY.pop(format_id, None)


for _fmt in _SHIPPED:
    register(_fmt)


def format_ids() -> tuple[str, ...]:
    """The names of every registered format, in registration order."""
    return tuple(_REGISTRY)


def get_format(format_id: str) -> ListFormat:
    """The format of a name, or a ListError naming the known ones."""
    try:
        return _REGISTRY[format_id]
    except KeyError:
        raise ListError(
            f"unknown list format {format_id!r}.", hint=f"Use one of: {', '.join(_REGISTRY)}."
        ) from None


def bundled_lists() -> tuple[BundledList, ...]:
    """The lists that ship inside the package, in format registration order."""
    return tuple(bundled for fmt in _REGISTRY.values() for bundled in fmt.bundled)


def bundled_list_ids() -> tuple[str, ...]:
    return tuple(bundled.list_id for bundled in bundled_lists())


def format_of_list(list_id: str) -> ListFormat | None:
    """The format of a bundled list id (None for any other id)."""
    return next((fmt for fmt in _REGISTRY.values() for b in fmt.bundled if b.list_id == list_id), None)


def list_files(fmt: str, path: Path) -> list[Path]:
    """The files a list of this format consists of (OFAC: sdn, alt, add)."""
    return get_format(fmt).list_files(path)


MAX_LIST_BYTES = 2_000_000_000  # the largest real list (OpenSanctions' full export) is well under this


def check_list_file(path: Path) -> None:
    """A list is a regular file (or an OFAC folder) of bounded size: /dev/zero was read until memory ran out."""
    if path.is_dir() or not path.exists():
        return
    if not path.is_file():
        raise ListError(
            f"{path}: not a regular file (a device, pipe or socket).", hint="Save the list as a file first."
        )
    size = path.stat().st_size
    if size > MAX_LIST_BYTES:
        raise ListError(
            f"{path}: {size:,} bytes, more than the {MAX_LIST_BYTES:,} a list may have.",
            hint="Check that this is the list file; split it if it really is that large.",
        )


def sniff_format(path: str | Path) -> str:
    """The format of a list file or folder: the first registered format that recognises it, else the fallback."""
    path = Path(path)
    if not path.exists():
        raise ListError(f"{path}: list file not found.", hint=f"Check the path given with {option('lists')}.")
    check_list_file(path)
    probe = ListFile(path)
    found = next((fmt for fmt in _REGISTRY.values() if fmt.sniff(probe)), None)
    if found is None:
        found = next(fmt for fmt in _REGISTRY.values() if fmt.fallback)
    return found.id


def find_format(format_id: object) -> ListFormat | None:
    """The format of a name, or None (a report reading a list's recorded format that is no longer registered)."""
    return _REGISTRY.get(format_id) if isinstance(format_id, str) else None
