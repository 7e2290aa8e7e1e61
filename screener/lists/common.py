"""Helpers shared by the list parsers: reading files with line numbers, checksums, provenance."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections.abc import Iterator, Sequence
from pathlib import Path

import polars as pl

from screener.contracts import ListInfo
from screener.errors import ListError
from screener.lists.schema import split_matched


def sha256_of(paths: Sequence[Path]) -> str:
    """Content checksum: of the file itself, or of the files' checksums in order for a multi-file list."""
    digests = [hashlib.sha256(Path(path).read_bytes()).hexdigest() for path in paths]
    if len(digests) == 1:
        return digests[0]
    return hashlib.sha256("".join(digests).encode()).hexdigest()


def decode_text(path: Path) -> str:
    """The file's text: UTF-8 (with or without BOM) or else cp1252, the encoding of OFAC's legacy files.

    A trailing DOS end-of-file byte (0x1A), as OFAC still writes, is dropped.
    """
    data = require_file(path).read_bytes()
    if data.startswith(codecs.BOM_UTF8):  # some cp1252 files (CBP's) still begin with a UTF-8 byte-order mark
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return text.rstrip("\x1a\r\n \t")


def require_file(path: Path) -> Path:
    """The path, or a ListError saying which file is missing."""
    if not Path(path).is_file():
        raise ListError(f"{path}: list file not found.", hint="Check the path, or the folder's file names.")
    return Path(path)


def csv_records(path: Path, text: str | None = None) -> Iterator[tuple[int, list[str]]]:
    """(line number where the record starts, fields) for every non-blank record of a CSV file."""
    text = decode_text(path) if text is None else text
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 1
    try:
        for fields in reader:
            if any(field.strip() for field in fields):
                yield line, fields
            line = reader.line_num + 1
    except csv.Error as error:
        raise ListError(f"{Path(path).name} line {line}: not valid CSV ({error}).") from error


def csv_dicts(path: Path, required: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row as a dict) of a CSV with a header row holding at least ``required``."""
    records = csv_records(path)
    first = next(records, None)
    if first is None:
        raise ListError(f"{Path(path).name}: the file is empty.")
    header = [name.strip() for name in first[1]]
    missing = [name for name in required if name not in header]
    if missing:
        raise ListError(
            f"{Path(path).name} line 1: missing column(s) {', '.join(missing)}.",
            hint=f"Expected a header with {', '.join(required)}.",
        )
    for line, fields in records:
        if len(fields) != len(header):
            raise ListError(
                f"{Path(path).name} line {line}: {len(fields)} fields, the header has {len(header)}."
            )
        yield line, {name: value.strip() for name, value in zip(header, fields, strict=True)}


def make_info(
    entries: pl.DataFrame,
    *,
    list_id: str,
    title: str,
    publisher: str,
    source_url: str,
    version: str,
    sha256: str,
    licence: str,
    retrieved: str = "",
    **extra: object,
) -> ListInfo:
    """Provenance with the counts: entities and names that are matched, the others in ``extra``."""
    matched, other = split_matched(entries)
    return ListInfo(
        list_id=list_id,
        title=title,
        publisher=publisher,
        source_url=source_url,
        retrieved=retrieved,
        version=version,
        sha256=sha256,
        licence=licence,
        entity_count=matched.get_column("entity_id").n_unique(),
        name_count=matched.height,
        extra={
            "other_entity_count": other.get_column("entity_id").n_unique(),
            "other_name_count": other.height,
            **extra,
        },
    )
