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

from screener.io.number_formats import MAIN, _sheets


def uncalculated_formulas(path: Path, sheet: str, rows: Collection[int]) -> dict[int, tuple[str, str]]:
    """Excel row -> (cell reference, formula) of the first formula cell without a saved value in each of ``rows``
    that has one, e.g. {3: ('B3', '=B2')}; {} when none has or the file is not an xlsx package."""
    wanted = set(rows)
    if not wanted:
        return {}
    found: dict[int, tuple[str, str]] = {}
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
                            if row > max(wanted):
                                break
                        continue
                    if element.tag == f"{MAIN}c" and row in wanted and row not in found:
                        formula = element.find(f"{MAIN}f")
                        value = element.find(f"{MAIN}v")
                        if formula is not None and (value is None or not (value.text or "").strip()):
                            text = f"={formula.text}" if formula.text else "a shared formula"
                            found[row] = (element.get("r", f"row {row}"), text)
                    if element.tag == f"{MAIN}row":
                        element.clear()
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, ValueError):
        return {}
    return found
