"""Formula cells an xlsx holds without a saved value.

calamine reads a formula cell's cached value: what Excel computed when it last saved the file. A workbook written
by a program (openpyxl, a report generator, some ERP exports) holds formulas that were never computed, so their
cells read as empty although Excel shows a value when it opens the file. The reader asks here only about rows it
would otherwise reject as having no name, so the officer is told why and what to do; a large sheet is read no
further than the last such row.
"""

from __future__ import annotations

import zipfile
from collections.abc import Collection
from pathlib import Path
from xml.etree import ElementTree

from screener.io.number_formats import MAIN, _cell_position, _sheets


def uncalculated_formulas(
    path: Path, sheet: str, rows: Collection[int], column: int
) -> dict[int, tuple[str, str]]:
    """Excel row -> (cell reference, formula), e.g. {3: ('B3', '=B2')}, for each of ``rows`` whose cell in
    ``column`` (0-based from the sheet's first used column, as calamine counts) is a formula without a saved value;
    {} when none is or the file is not an xlsx package."""
    wanted = set(rows)
    if not wanted:
        return {}
    last_row = max(wanted)
    first_column: int | None = None
    candidates: dict[int, tuple[int, str, str]] = {}
    try:
        with zipfile.ZipFile(path) as package:
            entry = dict(_sheets(package)).get(sheet)
            if entry is None:
                return {}
            with package.open(entry) as stream:
                row = 0
                for event, element in ElementTree.iterparse(stream, events=("start", "end")):
                    if event == "start":
                        if element.tag == f"{MAIN}row":
                            row = int(element.get("r", "0") or 0)
                            if row > last_row:
                                break
                        continue
                    if element.tag == f"{MAIN}c":
                        reference = element.get("r", "")
                        col = _cell_position(reference)[1]
                        formula = element.find(f"{MAIN}f")
                        value = element.find(f"{MAIN}v")
                        if value is not None or element.find(f"{MAIN}is") is not None:
                            first_column = col if first_column is None else min(first_column, col)
                        if (
                            row in wanted
                            and formula is not None
                            and (value is None or not (value.text or ""))
                        ):
                            text = f"={formula.text}" if formula.text else "a shared formula"
                            candidates.setdefault(row, (col, reference, text))
                    elif element.tag == f"{MAIN}row":
                        element.clear()
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, ValueError):
        return {}
    absolute = column + (first_column or 0)
    return {row: (ref, text) for row, (col, ref, text) in candidates.items() if col == absolute}
