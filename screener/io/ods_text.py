"""OpenDocument sheets read from their content.xml, for the cells calamine does not see.

A cell of an .ods written by a program (odfpy's default, some ERP exports) may carry its text in ``<text:p>``
without ``office:value-type``; LibreOffice shows such a cell as text, calamine reads it as empty, and the file
looked like "no data in any sheet". This reader walks content.xml once (stdlib ``iterparse``: the zip sizes were
checked by screener.io.sniff before, and expat refuses entity expansion bombs) and gives every sheet's cells as
text: typed cells as calamine gives them (numbers as written in ``office:value``, dates as ``2024-03-01 00:00:00``),
untyped cells by their text. Repeated rows and columns are expanded only where a later cell holds something.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree.ElementTree import Element, iterparse

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
SHEET, ROW = f"{{{TABLE}}}table", f"{{{TABLE}}}table-row"
CELL, COVERED = f"{{{TABLE}}}table-cell", f"{{{TABLE}}}covered-table-cell"
PARAGRAPH = f"{{{TEXT}}}p"


HIDDEN = {"collapse": False, "filter": True}  # a row's table:visibility -> whether a filter hid it


def untyped_text_sheets(
    path: Path, hidden: dict[str, tuple[list[int], bool]] | None = None
) -> dict[str, list[list[str | None]]]:
    """Sheet name -> rows of cell text, for the sheets holding at least one text cell without a value type (the
    cells calamine reads as empty); {} when every cell is typed (calamine's reading stands). ``hidden``, when
    given, is filled with sheet name -> (the filled rows LibreOffice hides, as it numbers them; whether a filter
    hid any): calamine reads them like every row."""
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
        return _sheets(content, hidden if hidden is not None else {})


def _sheets(content, hidden: dict[str, tuple[list[int], bool]]) -> dict[str, list[list[str | None]]]:
    found: dict[str, list[list[str | None]]] = {}
    rows: list[list[str | None]] = []
    row: list[str | None] = []
    pending_rows = 0  # empty repeated rows not yet added (a sheet often ends with a million of them)
    untyped = False
    line = 0  # rows of the sheet so far, as LibreOffice numbers them
    hidden_rows: list[int] = []
    filtered = False
    for event, element in iterparse(content, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == SHEET:
                rows, pending_rows, untyped = [], 0, False
                line, hidden_rows, filtered = 0, [], False
            elif tag == ROW:
                row = []
            continue
        if tag in (CELL, COVERED):
            text, is_untyped = _cell_text(element) if tag == CELL else (None, False)
            untyped = untyped or is_untyped
            row.extend([text] * _repeat(element, "number-columns-repeated", text))
            element.clear()
        elif tag == ROW:
            while row and row[-1] is None:
                row.pop()
            repeat = int(element.get(f"{{{TABLE}}}number-rows-repeated", "1"))
            visibility = element.get(f"{{{TABLE}}}visibility")
            if row and visibility in HIDDEN:
                hidden_rows.extend(range(line + 1, line + repeat + 1))
                filtered = filtered or HIDDEN[visibility]
            line += repeat
            if not row:
                pending_rows += repeat
            else:
                rows.extend([] for _ in range(pending_rows))
                rows.extend(list(row) for _ in range(repeat))
                pending_rows = 0
            element.clear()
        elif tag == SHEET:
            name = element.get(f"{{{TABLE}}}name", f"Sheet{len(found) + 1}")
            if untyped:
                found[name] = rows
            if hidden_rows:
                hidden[name] = (hidden_rows, filtered)
            element.clear()
    return found


def _repeat(element: Element, attribute: str, text: str | None) -> int:
    """How many times a cell repeats; an empty cell repeated to the sheet's edge counts once (trimmed later)."""
    repeat = int(element.get(f"{{{TABLE}}}{attribute}", "1"))
    return repeat if text is not None else min(repeat, 1)


def _cell_text(cell: Element) -> tuple[str | None, bool]:
    """(the cell as text, whether it is a text cell without a value type)."""
    kind = cell.get(f"{{{OFFICE}}}value-type")
    if kind in ("float", "percentage", "currency"):
        return cell.get(f"{{{OFFICE}}}value"), False
    if kind == "date":
        value = cell.get(f"{{{OFFICE}}}date-value") or ""
        return (value.replace("T", " ") if "T" in value else f"{value} 00:00:00") or None, False
    if kind == "boolean":
        return cell.get(f"{{{OFFICE}}}boolean-value"), False
    paragraphs = ["".join(_text(p)) for p in cell if p.tag == PARAGRAPH]  # not a comment's paragraphs
    text = "\n".join(paragraphs) if paragraphs else None
    if text is not None and not text.strip():
        text = None
    return text, kind is None and text is not None


def _text(element: Element):
    """A paragraph's text with ODF's space, tab and line-break elements as the characters they stand for."""
    if element.text:
        yield element.text
    for child in element:
        name = child.tag.rsplit("}", 1)[-1]
        if name == "s":
            yield " " * int(child.get(f"{{{TEXT}}}c", "1"))
        elif name == "tab":
            yield "\t"
        elif name == "line-break":
            yield "\n"
        elif name != "annotation":  # a comment on the cell is not its value
            yield from _text(child)
        if child.tail:
            yield child.tail
