"""Reading the two text formats ERPs save with an .xls extension: HTML tables and 'XML Spreadsheet 2003'.

SAP GUI's "Spreadsheet" export, Oracle and many web portals write an HTML page and call it .xls; older Office
integrations write Excel 2003's XML format. Excel opens both without a word, so an officer has no idea the file is
not a workbook: refusing it would send them to re-save a file that looks fine to them. Both become grids like every
other reader's, with ``__line`` the row Excel shows when it opens the file:

- HTML: every ``<tr>`` of the top-level tables is one row, in document order; text outside a table (a report
  title, a selection line) is one row per block, as Excel places it; ``colspan``/``rowspan`` take their cells as
  Excel's merged cells do (the value in the first, the others empty). One grid, no sheet name, like a csv.
- XML Spreadsheet 2003: one grid per ``Worksheet`` with its name; ``ss:Index`` on rows and cells skips rows and
  columns, ``ss:MergeAcross``/``ss:MergeDown`` take cells (a value merged down
  fills the rows it covers), ``ss:Hidden`` rows and ``SheetHidden`` sheets are
  known to be hidden. Typed values are given as calamine gives them for a workbook (dates ``2024-01-15 00:00:00``,
  booleans ``true``/``false``), so the typed-value parsers see one form whatever the file was.

Safety: the HTML parser is the standard library's, which loads nothing; an XML file with a DOCTYPE (the only way to
declare entities) is refused before parsing, and expat resolves no external entity.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError, XMLParser

from screener.contracts import ReadLimits
from screener.errors import InputFileError
from screener.io.grid import Grid, frame_of_rows
from screener.io.sniff import SAVE_AS_XLSX, too_many_columns, too_many_rows

SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
EXCEL = "{urn:schemas-microsoft-com:office:excel}"
_SPACES = re.compile(r"[ \t\r\n\f]+")

# Elements whose start or end closes a line of text outside a table (Excel puts each on its own row).
_BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 br li ul ol pre address blockquote center caption title hr dl dt dd".split()
)
_SKIPPED = frozenset(("script", "style", "head"))


def read_html_table(path: Path, shown: str, encoding: str, limits: ReadLimits) -> Grid:
    """An HTML page saved as .xls, as the one grid Excel shows."""
    text = path.read_text(encoding=encoding.replace("-sig", ""), errors="replace").lstrip("\ufeff")
    parser = _HtmlRows(shown, limits)
    parser.feed(text)
    parser.close()
    return Grid(frame_of_rows(parser.rows, shown, limits, None), sheet=None)


def read_xml_spreadsheet(path: Path, shown: str, encoding: str, limits: ReadLimits) -> list[Grid]:
    """An 'XML Spreadsheet 2003' file: one grid per worksheet, hidden rows and sheets known."""
    data = path.read_bytes()
    if re.search(rb"<!DOCTYPE", data[:65536], re.IGNORECASE):
        raise InputFileError(
            f"'{shown}' is an 'XML Spreadsheet 2003' file with a DOCTYPE (entity declarations), which screener "
            "does not read for safety.",
            hint=SAVE_AS_XLSX,
        )
    parser = XMLParser()
    try:
        parser.feed(data)
        root = parser.close()
    except ParseError as exc:
        raise InputFileError(
            f"'{shown}' could not be read as an 'XML Spreadsheet 2003' file: {exc}.",
            hint=f"The file may be damaged or cut short. {SAVE_AS_XLSX}",
        ) from exc
    grids = []
    for sheet in root.iter(f"{SS}Worksheet"):
        name = sheet.get(f"{SS}Name") or f"Sheet{len(grids) + 1}"
        rows, hidden = _sheet_rows(sheet, shown, name, limits)
        grid = Grid(frame_of_rows(rows, shown, limits, name), sheet=name, visible=_visible(sheet))
        grid.hidden_rows = hidden
        grid.hidden_by_filter = bool(hidden) and sheet.find(f"{EXCEL}AutoFilter") is not None
        grids.append(grid)
    if not grids:
        raise InputFileError(
            f"'{shown}' is an 'XML Spreadsheet 2003' file with no worksheet.", hint=SAVE_AS_XLSX
        )
    return grids


# --- XML Spreadsheet 2003 ------------------------------------------------------------------------------------------


def _sheet_rows(
    sheet: Element, shown: str, name: str, limits: ReadLimits
) -> tuple[list[list[str | None]], list[int]]:
    """The sheet's cells by Excel position, and the Excel numbers of the rows it hides."""
    rows: list[list[str | None]] = []
    hidden: list[int] = []
    taken: dict[
        tuple[int, int], str | None
    ] = {}  # cells covered by a MergeDown from above: the value it gives
    table = sheet.find(f"{SS}Table")
    for row in table.iter(f"{SS}Row") if table is not None else ():
        number = _index(row, len(rows) + 1, shown, name)
        if number > limits.max_rows:
            raise too_many_rows(shown, number, limits, name)
        rows.extend([] for _ in range(number - len(rows)))
        cells = rows[number - 1]
        if row.get(f"{SS}Hidden") == "1":
            hidden.append(number)
        column = 1
        for cell in row.iter(f"{SS}Cell"):
            column = _index(cell, column, shown, name)
            while (number, column) in taken:
                cells.extend([None] * (column - len(cells)))
                cells[column - 1] = taken[(number, column)]
                column += 1
            across = _count(cell.get(f"{SS}MergeAcross"))
            down = _count(cell.get(f"{SS}MergeDown"))
            if column + across > limits.max_columns:
                raise too_many_columns(shown, column + across, limits, name)
            cells.extend([None] * (column - len(cells)))
            cells[column - 1] = _cell_text(cell)
            for below in range(1, down + 1):
                for right in range(across + 1):
                    taken[(number + below, column + right)] = cells[column - 1] if right == 0 else None
            column += across + 1
        while (number, len(cells) + 1) in taken:  # trailing cells merged down from above
            cells.append(taken[(number, len(cells) + 1)])
    return rows, hidden


def _index(element: Element, default: int, shown: str, sheet: str) -> int:
    value = element.get(f"{SS}Index")
    if value is None:
        return default
    if not value.isdigit() or int(value) < default:
        raise InputFileError(
            f"'{shown}' sheet '{sheet}' has a row or cell position ss:Index=\"{value}\" that is not after the one "
            "before it: the file is damaged.",
            hint=SAVE_AS_XLSX,
        )
    return int(value)


def _count(value: str | None) -> int:
    return int(value) if value is not None and value.isdigit() else 0


def _cell_text(cell: Element) -> str | None:
    data = cell.find(f"{SS}Data")
    if data is None:
        return None
    text = "".join(data.itertext())  # rich text (ss:Data with html:Font runs) is its runs' text
    kind = data.get(f"{SS}Type")
    if kind == "DateTime":
        return _datetime_text(text)
    if kind == "Boolean":
        return {"1": "true", "0": "false"}.get(text.strip(), text)
    return text if text != "" else None


def _datetime_text(text: str) -> str:
    """``2024-01-15T00:00:00.000`` as calamine writes a workbook's date cell: ``2024-01-15 00:00:00``."""
    day, _, time = text.strip().partition("T")
    return f"{day} {(time or '00:00:00')[:8]}"


def _visible(sheet: Element) -> bool:
    options = sheet.find(f"{EXCEL}WorksheetOptions")
    shown = options.find(f"{EXCEL}Visible") if options is not None else None
    return shown is None or (shown.text or "").strip() not in ("SheetHidden", "SheetVeryHidden")


# --- HTML ----------------------------------------------------------------------------------------------------------


class _HtmlRows(HTMLParser):
    """Rows as Excel lays out an HTML page: table rows with their spans, other text one row per block."""

    def __init__(self, shown: str, limits: ReadLimits) -> None:
        super().__init__(convert_charrefs=True)
        self.shown = shown
        self.limits = limits
        self.rows: list[list[str | None]] = []
        self.depth = 0  # table nesting; only the outermost table makes rows
        self.skipping = 0
        self.cell: list[str] | None = None
        self.row: list[str | None] | None = None
        self.spans: dict[
            tuple[int, int], str | None
        ] = {}  # (row, column) covered by a rowspan: the value it gives
        self.span = (1, 1)
        self.loose: list[str] = []  # text outside any table, waiting for its block to end

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag == "table":
            self._end_loose()
            self.depth += 1
        elif self.depth == 1 and tag == "tr":
            self._end_row()
            self.row = []
        elif self.depth == 1 and tag in ("td", "th"):
            self._end_cell()
            if self.row is None:
                self.row = []
            spans = dict(attrs)
            self.span = (_span(spans.get("rowspan")), _span(spans.get("colspan")))
            self.cell = []
        elif tag == "br":
            if self.cell is not None:
                self.cell.append("\n")
            elif self.depth == 0:
                self._end_loose()
        elif self.depth == 0 and tag in _BLOCKS:
            self._end_loose()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(self.skipping - 1, 0)
        elif tag == "table":
            if self.depth == 1:
                self._end_row()
            self.depth = max(self.depth - 1, 0)
        elif self.depth == 1 and tag == "tr":
            self._end_row()
        elif self.depth == 1 and tag in ("td", "th"):
            self._end_cell()
        elif self.depth == 0 and tag in _BLOCKS:
            self._end_loose()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif self.depth == 0:
            self.loose.append(data)

    def close(self) -> None:
        super().close()
        self._end_row()
        self._end_loose()

    def _end_cell(self) -> None:
        if self.cell is None or self.row is None:
            return
        lines = [
            _SPACES.sub(" ", line).strip() for line in "".join(self.cell).replace("\xa0", " ").split("\n")
        ]
        text = "\n".join(line for line in lines if line) or None
        index = len(self.rows)
        column = len(self.row)
        while (index, column) in self.spans:
            self.row.append(self.spans[(index, column)])
            column += 1
        down, across = self.span
        self.row.append(text)
        self.row.extend([None] * (across - 1))
        for below in range(1, down):
            for right in range(across):
                self.spans[(index + below, column + right)] = text if right == 0 else None
        if len(self.row) > self.limits.max_columns:
            raise too_many_columns(self.shown, len(self.row), self.limits)
        self.cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self.row is None:
            return
        index = len(self.rows)
        while (index, len(self.row)) in self.spans:  # trailing cells taken by a rowspan from above
            self.row.append(self.spans[(index, len(self.row))])
        self._add(self.row)
        self.row = None

    def _end_loose(self) -> None:
        text = _SPACES.sub(" ", "".join(self.loose).replace("\xa0", " ")).strip()
        self.loose = []
        if text:
            self._add([text])

    def _add(self, row: list[str | None]) -> None:
        self.rows.append(row)
        if len(self.rows) > self.limits.max_rows:
            raise too_many_rows(self.shown, len(self.rows), self.limits)


def _span(value: str | None) -> int:
    return max(int(value), 1) if value is not None and value.strip().isdigit() else 1
