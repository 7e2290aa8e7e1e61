"""Which kind of file this is, told by its content (magic bytes), and whether it is safe to load.

The extension is only a hint: a csv renamed to .xlsx is read as csv, an HTML page saved as .xls is refused with a
way out. Limits (file size, zip directory sizes and compression ratio, sheet dimensions, csv line count) are checked
here, before anything is loaded, so a hostile or huge file cannot exhaust the machine.
"""

from __future__ import annotations

import codecs
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from screener.contracts import ReadLimits
from screener.errors import InputFileError, option

CHUNK = 1 << 20
HEAD_BYTES = 1 << 16

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
# Content that is plainly not a spreadsheet: magic bytes -> what to call it in the message.
OTHER_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive",
    b"Rar!": "a RAR archive",
    b"{\\rtf": "an RTF document",
    b"SQLite format 3": "a SQLite database",
    b"PAR1": "a Parquet file",
}
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
# OLE2 directory entries are UTF-16LE names: an encrypted OOXML workbook is an OLE2 file with these streams.
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
XLS_STREAMS = ("Workbook".encode("utf-16-le"), "Book\x00".encode("utf-16-le"))
# What Python's zipfile raises on damaged archives: bad directory, bad deflate stream, unsupported method, encrypted.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    KeyError,
    NotImplementedError,
    RuntimeError,
)
SAVE_AS_XLSX = "Open it in Excel (or LibreOffice) and save it as .xlsx or .csv, then run again."


@dataclass(frozen=True)
class FileKind:
    """What a supplier file is: ``xlsx`` (also xlsm/xlsb), ``xls``, ``ods``, ``csv``, or one of the text formats
    ERPs save as .xls: ``html`` (a web page's tables) and ``xmlss`` (XML Spreadsheet 2003). Text kinds carry their
    encoding; csv, for a UTF-8 file holding a few bytes that are not UTF-8, how many (each read as U+FFFD) and the line of the
    first."""

    kind: str
    encoding: str | None = None
    invalid_bytes: int = 0
    first_invalid_line: int | None = None


@dataclass(frozen=True)
class Utf8Evidence:
    """How much of a file's non-ASCII content is UTF-8: multi-byte characters that decode, bytes that do not."""

    characters: int
    invalid_bytes: int
    first_invalid_line: int | None

    @property
    def mostly_utf8(self) -> bool:
        """UTF-8 with a few stray bytes (a cp1252 name pasted into a UTF-8 export), not a single-byte code page.
        A cp1252 or GBK file has almost no valid multi-byte UTF-8 sequence (one needs a lead byte followed by
        exactly the right number of continuation bytes), so at least twice as many decoded characters as
        invalid bytes is the evidence asked for."""
        return self.characters > 0 and self.characters >= 2 * self.invalid_bytes


def check_path(path: Path, shown: str, limits: ReadLimits) -> int:
    """Fail early, with the fix, when a path is not a readable, non-empty file within the size limit."""
    if not path.exists():
        raise InputFileError(
            f"Supplier file '{shown}' does not exist.", hint="Check the path and the file name."
        )
    if path.is_dir():
        raise InputFileError(
            f"'{shown}' is a folder, not a supplier file.",
            hint="Pass the spreadsheet files inside it instead.",
        )
    if not path.is_file():  # /dev/zero has size 0 and never ends; a pipe has no size either
        raise InputFileError(
            f"'{shown}' is not a regular file (a device, pipe or socket).",
            hint="Save the supplier list as a file and pass its path.",
        )
    if path.name.startswith("~$") or (path.name.startswith(".~lock.") and path.name.endswith("#")):
        raise InputFileError(
            f"'{shown}' is the lock file Excel (or LibreOffice) keeps beside a workbook while it is open, not a "
            "supplier list.",
            hint="Leave it out and pass the workbook itself (closing the workbook removes the lock file).",
        )
    size = path.stat().st_size
    if size == 0:
        raise InputFileError(
            f"Supplier file '{shown}' is empty (0 bytes).", hint="Export the supplier list again."
        )
    if size > limits.max_file_bytes:
        raise InputFileError(
            f"Supplier file '{shown}' is {size:,} bytes, more than the limit of {limits.max_file_bytes:,}.",
            hint=f"Split the file, or raise the limit with {option('max_file_bytes')}.",
        )
    return size


def sniff(path: Path, shown: str, limits: ReadLimits) -> FileKind:
    """Tell the file's kind by content and run the pre-load limit checks for that kind."""
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    if head.startswith(ZIP_MAGIC):
        return FileKind(_zip_kind(path, shown, limits))
    if head.startswith(OLE2_MAGIC):
        return FileKind(_ole2_kind(path, shown))
    for magic, what in OTHER_MAGIC.items():
        if head.startswith(magic):
            raise _unsupported(shown, what)
    encoding = _text_encoding(path, head, shown)
    markup = _markup_kind(head, encoding, shown)
    if markup is not None:
        return FileKind(markup, encoding)
    if encoding == "utf-8" and not _is_utf8(path):
        evidence = utf8_evidence(path)
        return FileKind("csv", encoding, evidence.invalid_bytes, evidence.first_invalid_line)
    return FileKind("csv", encoding)


def _unsupported(shown: str, what: str) -> InputFileError:
    return InputFileError(
        f"'{shown}' is {what}, not a supplier spreadsheet.",
        hint="Supported: .xlsx/.xlsm, .xls, .ods, and .csv/.tsv/.txt text tables. Export the supplier list to one.",
    )


# --- zip-based: xlsx, ods ------------------------------------------------------------------------------------------


def _zip_kind(path: Path, shown: str, limits: ReadLimits) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            kind = _zip_content_kind(archive, names, shown)
            check_zip_limits(archive, shown, limits)
            if kind == "xlsx" and "xl/workbook.xml" in names:
                check_sheet_dimensions(archive, shown, limits)
            return kind
    except ZIP_ERRORS as exc:
        raise InputFileError(
            f"'{shown}' is a damaged or truncated zip/xlsx file ({exc}).",
            hint="Download or export it again; if it opens in Excel, save it again as .xlsx.",
        ) from exc


def _zip_content_kind(archive: zipfile.ZipFile, names: set[str], shown: str) -> str:
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return "xlsx"
    if "mimetype" in names and archive.read("mimetype").strip() == ODS_MIMETYPE:
        return "ods"
    if "word/document.xml" in names:
        raise _unsupported(shown, "a Word document")
    if "ppt/presentation.xml" in names:
        raise _unsupported(shown, "a PowerPoint presentation")
    if "mimetype" in names:
        raise _unsupported(shown, "an OpenDocument file that is not a spreadsheet")
    if _is_iwork(names):
        raise InputFileError(
            f"'{shown}' is an Apple Numbers (iWork) document, not a supplier spreadsheet.",
            hint="Open it in Numbers, choose File > Export To > Excel (or CSV), and pass the exported file.",
        )
    if "[Content_Types].xml" in names:
        raise InputFileError(
            f"'{shown}' is an Office file with no workbook in it (xl/workbook.xml is missing): damaged, or not an"
            " Excel workbook.",
            hint="Open it in Excel and save it again as .xlsx, or export the supplier list again.",
        )
    raise _unsupported(shown, "a zip archive (unzip it and pass the spreadsheet inside)")


def _is_iwork(names: set[str]) -> bool:
    """A Numbers (Pages, Keynote) package: Index/*.iwa since iWork 2013 (Index.zip inside some), index.xml(.gz)
    before; renamed .xlsx it is a zip, and unzipping it gives no spreadsheet."""
    return (
        "Index.zip" in names
        or any(name.startswith("Index/") and name.endswith(".iwa") for name in names)
        or bool({"index.xml", "index.xml.gz"} & names)
        and any(name.startswith(("QuickLook/", "Metadata/")) for name in names)
    )


def check_zip_limits(archive: zipfile.ZipFile, shown: str, limits: ReadLimits) -> None:
    """Refuse a decompression bomb from the zip directory alone: total size and per-member compression ratio."""
    total = 0
    for member in archive.infolist():
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > limits.min_ratio_checked_bytes and ratio > limits.max_compression_ratio:
            raise _bomb(shown, f"'{member.filename}' expands {ratio:,.0f} times ({member.file_size:,} bytes)")
    if total > limits.max_uncompressed_bytes:
        raise _bomb(
            shown, f"its contents expand to {total:,} bytes (limit {limits.max_uncompressed_bytes:,})"
        )


def _bomb(shown: str, detail: str) -> InputFileError:
    return InputFileError(
        f"'{shown}' looks like a decompression bomb: {detail}. It was not opened.",
        hint=f"If this is a genuine supplier list, re-save it from Excel, split it, or raise the limit with {option('max_uncompressed_bytes')}.",
    )


_SHEET_TAG = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_ATTR = re.compile(rb'([\w:]+)="([^"]*)"')
_REL_TAG = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="\$?([A-Z]*)\$?(\d+)(?::\$?([A-Z]*)\$?(\d+))?"')


def xlsx_sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> worksheet part path, from xl/workbook.xml and its relationships (small files)."""
    sheets = [dict(_ATTR.findall(tag)) for tag in _SHEET_TAG.findall(archive.read("xl/workbook.xml"))]
    rels_path = "xl/_rels/workbook.xml.rels"
    rels_xml = archive.read(rels_path) if rels_path in archive.namelist() else b""
    targets = {
        attrs.get(b"Id"): attrs.get(b"Target", b"")
        for attrs in map(dict, map(_ATTR.findall, _REL_TAG.findall(rels_xml)))
    }
    parts = {}
    for attrs in sheets:
        rel_id = next((value for key, value in attrs.items() if key.endswith(b":id")), None)
        target = targets.get(rel_id, b"").decode("utf-8", "replace")
        if target:
            parts[attrs.get(b"name", b"?").decode("utf-8", "replace")] = (
                target.lstrip("/") if target.startswith("/") else "xl/" + target
            )
    return parts


def check_sheet_dimensions(archive: zipfile.ZipFile, shown: str, limits: ReadLimits) -> None:
    """Refuse a sheet whose declared dimension (``<dimension ref="A1:K100001"/>``) exceeds the row or column
    limit."""
    for sheet, part in xlsx_sheet_parts(archive).items():
        if part not in archive.namelist():
            continue
        with archive.open(part) as stream:
            head = stream.read(4096)
        found = _DIMENSION.search(head)
        if not found:
            continue
        rows = int(found.group(4) or found.group(2))
        if rows > limits.max_rows:
            raise too_many_rows(shown, rows, limits, sheet)
        columns = column_number((found.group(3) or found.group(1)).decode("ascii"))
        if columns > limits.max_columns:
            raise too_many_columns(shown, columns, limits, sheet)


def column_number(letters: str) -> int:
    """Excel's column letters as a 1-based number (A -> 1, XFD -> 16384)."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def too_many_rows(shown: str, rows: int, limits: ReadLimits, sheet: str | None = None) -> InputFileError:
    where = f"'{shown}'" + (f" sheet '{sheet}'" if sheet else "")
    return InputFileError(
        f"{where} has {rows:,} rows, more than the limit of {limits.max_rows:,}.",
        hint=f"Split the supplier list into smaller files, or raise the limit with {option('max_rows')}.",
    )


def too_many_columns(
    shown: str, columns: int, limits: ReadLimits, sheet: str | None = None
) -> InputFileError:
    where = f"'{shown}'" + (f" sheet '{sheet}'" if sheet else "")
    return InputFileError(
        f"{where} has {columns:,} columns, more than the limit of {limits.max_columns:,}.",
        hint="Keep the columns screening needs (name, country, address, goods, audit...) or raise the limit with "
        f"{option('max_columns')}.",
    )


# --- OLE2: legacy xls, encrypted OOXML ------------------------------------------------------------------------------


def _ole2_kind(path: Path, shown: str) -> str:
    if _file_contains(path, ENCRYPTED_PACKAGE):
        raise InputFileError(
            f"'{shown}' is a password-protected (encrypted) workbook, which cannot be read.",
            hint="Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password: "
            "clear it) and save again, then run again.",
        )
    if any(_file_contains(path, stream) for stream in XLS_STREAMS):
        return "xls"
    raise _unsupported(shown, "a legacy Office file that is not a spreadsheet (a Word .doc or Outlook .msg?)")


def _file_contains(path: Path, needle: bytes) -> bool:
    """Whether the bytes occur anywhere in the file, read in chunks (the OLE2 directory can sit anywhere)."""
    tail = b""
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            if needle in tail + chunk:
                return True
            tail = chunk[-len(needle) :]
    return False


# --- text: csv, tsv, txt -------------------------------------------------------------------------------------------


def _text_encoding(path: Path, head: bytes, shown: str) -> str:
    """The text encoding, decided for the whole file: a BOM wins, then UTF-16 without BOM (NUL pattern), then UTF-8
    if valid or mostly valid (Utf8Evidence: its stray bytes are replaced and counted, never a reason to re-read
    the whole file in another encoding), then GBK, else cp1252."""
    declared = next((encoding for bom, encoding in BOMS if head.startswith(bom)), None)
    if declared is None and b"\x00" in head:
        declared = _utf16_without_bom(head, shown)
    if declared is not None:
        if not _decodes(path, declared):
            raise InputFileError(
                f"'{shown}' looks like {declared.upper().replace('-SIG', '')} text but has bytes that are not valid "
                "in that encoding (a damaged file, or files in different encodings joined together).",
                hint="Export the supplier list again, as 'CSV UTF-8' or .xlsx.",
            )
        return declared
    if _is_utf8(path) or utf8_evidence(path).mostly_utf8:
        return "utf-8"
    if _looks_like_gbk(head) and _decodes(path, "gb18030"):
        return "gb18030"
    return "cp1252" if _decodes(path, "cp1252") else "latin-1"


def _looks_like_gbk(head: bytes) -> bool:
    """Chinese Excel and WPS save csv in GBK: its hanzi are byte pairs in the GB2312 area (both bytes 0xA1-0xFE).

    Western single-byte text (cp1252) has its accented letters mostly alone between ASCII letters ("Müller"), so
    requiring nearly all non-ASCII bytes to come in such pairs keeps German or French files on cp1252.
    """
    paired = alone = 0
    i = 0
    while i < len(head):
        byte = head[i]
        if byte < 0x80:
            i += 1
        elif 0xA1 <= byte <= 0xF7 and i + 1 < len(head) and 0xA1 <= head[i + 1] <= 0xFE:
            paired += 2
            i += 2
        else:
            alone += 1
            i += 1
    return paired >= 4 and alone <= 0.05 * (paired + alone)


def _utf16_without_bom(head: bytes, shown: str) -> str:
    sample = head[: len(head) // 2 * 2]
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_zeros > 0.3 * half and even_zeros < 0.05 * half:
        return "utf-16-le"
    if even_zeros > 0.3 * half and odd_zeros < 0.05 * half:
        return "utf-16-be"
    raise _unsupported(shown, "a binary file")


def _is_utf8(path: Path) -> bool:
    return _decodes(path, "utf-8")


INVALID_BYTE = re.compile("[\udc80-\udcff]")  # what surrogateescape makes of a byte that is not UTF-8
MULTI_BYTE_CHARACTER = re.compile("[^\x00-\x7f\udc80-\udcff]")


def utf8_evidence(path: Path) -> Utf8Evidence:
    """Count, over the whole file, the characters that decode as multi-byte UTF-8 and the bytes that do not."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
    characters = invalid = lines = 0
    first_line = None
    with path.open("rb") as handle:
        while True:
            chunk = handle.read(CHUNK)
            text = decoder.decode(chunk, final=not chunk)
            found = len(INVALID_BYTE.findall(text))
            if found and first_line is None:
                first = INVALID_BYTE.search(text)
                first_line = lines + text.count("\n", 0, first.start()) + 1
            invalid += found
            characters += len(MULTI_BYTE_CHARACTER.findall(text))
            lines += text.count("\n")
            if not chunk:
                break
    return Utf8Evidence(characters, invalid, first_line)


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _markup_kind(head: bytes, encoding: str, shown: str) -> str | None:
    """``html`` or ``xmlss`` for the web pages and 'XML Spreadsheet 2003' files that ERPs save as .xls (read as
    tables); other XML is refused; None for a plain text table."""
    text = head.decode(encoding.replace("-sig", ""), errors="replace").lstrip("\ufeff \t\r\n").lower()
    if not text.startswith("<"):
        return None
    if "urn:schemas-microsoft-com:office:spreadsheet" in text:
        return "xmlss"
    if "<html" in text or "<table" in text or "<!doctype html" in text:
        return "html"
    raise InputFileError(f"'{shown}' is an XML or HTML document, not a supplier table.", hint=SAVE_AS_XLSX)


def count_lines(path: Path) -> tuple[int, bool]:
    """Line count (an upper bound for UTF-16) and whether any double quote occurs: one cheap pass in chunks."""
    lines = 0
    quoted = False
    last = b""
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            lines += chunk.count(b"\n")
            quoted = quoted or b'"' in chunk
            last = chunk
    return lines + (0 if last.endswith(b"\n") or last.endswith(b"\n\x00") else 1), quoted
