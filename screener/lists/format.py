"""What a list format is: the one record a parser module fills in and registers (see screener.lists.formats).

Everything the rest of screener needs to know about a format lives here, next to nothing else: how to recognise
a file of it, parse it, which files it consists of, its region/product orders, its FollowTheMoney topic, how a
download of it is named and found, and the lists of it that ship inside the package. Other modules ask the
registry; none of them names a format or a list id.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import polars as pl

from screener.contracts import ListInfo

Parser = Callable[..., tuple[pl.DataFrame, ListInfo]]  # (path, *, list_id, version) -> (entries, provenance)
HEADER_BYTES = 1 << 16  # a header line longer than this is no list header screener knows
OrdersParser = Callable[
    ..., pl.DataFrame
]  # (path, *, list_id) -> orders (screener.lists.schema.ORDER_SCHEMA)


@dataclass(frozen=True)
class ListFile:
    """A list file (or folder) being recognised: its name, suffix and, read once on demand, its header names."""

    path: Path

    @property
    def name(self) -> str:
        return self.path.name.casefold()

    @property
    def suffix(self) -> str:
        return self.path.suffix.casefold()

    @cached_property
    def header(self) -> frozenset[str]:
        """The names of the first line split at commas, stripped of quotes and a BOM, case-folded.

        Only the first line is read (at most HEADER_BYTES), so sniffing a 2 GB export or a workbook costs nothing."""
        if not self.path.is_file():
            return frozenset()  # a folder (OFAC's three files)
        with self.path.open("rb") as file:
            first = file.readline(HEADER_BYTES)
        if first.startswith(codecs.BOM_UTF8):
            first = first[len(codecs.BOM_UTF8) :]
        try:
            text = first.decode("utf-8")
        except UnicodeDecodeError:
            text = first.decode("cp1252", errors="replace")
        text = text.rstrip("\r\n")
        return frozenset(name.strip().strip('"').strip("\ufeff").casefold() for name in text.split(","))


@dataclass(frozen=True)
class BundledList:
    """A list of this format that ships inside the package (screener/data/lists), used unless the store has a
    newer version of the same id."""

    list_id: str
    path: Path  # the file inside the package (for OFAC the sdn.csv beside alt.csv and add.csv)
    title: str  # how a rule reason names the list when no list set is at hand
    retrieved: str  # ISO date the bundled copy was obtained
    source_url: str
    version: str = ""  # when the content carries no date of its own (OFAC)
    download_urls: tuple[str, ...] = ()  # where `screener lists update` fetches a new version
    # The words the risk model's feature "<words> match probability" names this list with; empty: no feature. The
    # bundled model is trained on these features, so adding one means retraining it (`screener train`).
    risk_feature: str = ""


@dataclass(frozen=True)
class ListFormat:
    """One list format: registered once (``screener.lists.formats.register``), read by every other module."""

    id: str  # the name given with `screener lists import --format` and recorded in the store's manifest
    title: str  # what the format is, in a few words
    parse: Parser
    sniff: Callable[
        [ListFile], bool
    ]  # does this file look like one of this format? (tried in registration order)
    fallback: bool = (
        False  # the format of a file no other format recognises (exactly one: the custom CSV/xlsx)
    )
    files: Callable[[Path], list[Path]] | None = (
        None  # the files one list consists of (default: the path itself)
    )
    stored_names: tuple[
        str, ...
    ] = ()  # names the files get in the store and in a download (default: their own)
    orders: OrdersParser | None = (
        None  # region/product orders the list carries (CBP), read beside the entries
    )
    topic: str | None = (
        None  # FollowTheMoney topic of its entities in the FtM report (forced.labor, sanction)
    )
    download_name: str = ""  # the name a single-file download is stored under (default: from the URL)
    no_download: str = ""  # why a list of this format cannot be downloaded, when it cannot
    sibling_urls: Callable[[str], list[str]] | None = (
        None  # all files' URLs from the one given (OFAC's sdn.csv)
    )
    find_download: Callable[[Path, str], str] | None = None  # a downloaded HTML page -> the file's URL on it
    dated_by_download: bool = (
        False  # the content carries no date: the version is the download's Last-Modified
    )
    bundled: tuple[BundledList, ...] = ()

    def list_files(self, path: Path) -> list[Path]:
        """The files a list of this format at ``path`` consists of."""
        return list(self.files(path)) if self.files else [path]
