"""The list formats screener reads: one parser per format, and sniffing a file's format from its content."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl

from screener.contracts import ListInfo
from screener.errors import ListError, option
from screener.lists.common import decode_text
from screener.lists.schema import empty_orders

Parser = Callable[..., tuple[pl.DataFrame, ListInfo]]

FORMATS = ("ofac", "uflpa", "cbp-wro", "opensanctions", "ftm", "csv")
# Bump when a parser's output changes, so cached parsed frames are rebuilt.
PARSER_VERSION = "3"  # 2: identifiers, linked_to, addresses; 3: status_on (the date a status took effect)


def parser_for(fmt: str) -> Parser:
    """The parse function of a format name (see FORMATS)."""
    if fmt == "ofac":
        from screener.lists.ofac import parse_ofac

        return parse_ofac
    if fmt == "uflpa":
        from screener.lists.uflpa import parse_uflpa

        return parse_uflpa
    if fmt == "cbp-wro":
        from screener.lists.cbp import parse_cbp

        return parse_cbp
    if fmt == "opensanctions":
        from screener.lists.opensanctions import parse_targets_simple

        return parse_targets_simple
    if fmt == "ftm":
        from screener.lists.opensanctions import parse_ftm

        return parse_ftm
    if fmt == "csv":
        from screener.lists.custom import parse_custom

        return parse_custom
    raise ListError(f"unknown list format {fmt!r}.", hint=f"Use one of: {', '.join(FORMATS)}.")


def orders_for(fmt: str, path: Path, list_id: str) -> pl.DataFrame:
    """Region/product orders a list carries (only CBP's do)."""
    if fmt == "cbp-wro":
        from screener.lists.cbp import parse_cbp_orders

        return parse_cbp_orders(path, list_id=list_id)
    return empty_orders()


def list_files(fmt: str, path: Path) -> list[Path]:
    """The files a list of this format consists of (OFAC: sdn, alt, add)."""
    if fmt == "ofac":
        from screener.lists.ofac import ofac_paths

        return list(ofac_paths(path))
    return [path]


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
    """The format of a list file or folder, from its name and first line."""
    path = Path(path)
    if not path.exists():
        raise ListError(f"{path}: list file not found.", hint=f"Check the path given with {option('lists')}.")
    check_list_file(path)
    if path.is_dir() or "sdn" in path.name.casefold():
        return "ofac"
    suffix = path.suffix.casefold()
    if suffix in (".json", ".jsonl", ".ndjson", ".ftm"):
        return "ftm"
    if suffix in (".xlsx", ".xlsm", ".xls"):
        return "csv"
    header = {
        name.strip().strip('"').strip("\ufeff").casefold()
        for name in decode_text(path).split("\n", 1)[0].split(",")
    }
    if {"entity_key", "list_section", "date_added"} <= header:
        return "uflpa"
    if {"is_entity", "related_order", "merchandise"} <= header or {"wro/finding", "entity"} <= header:
        return "cbp-wro"
    if {"id", "schema", "name", "aliases", "sanctions"} <= header:
        return "opensanctions"
    return "csv"
