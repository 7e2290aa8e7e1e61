"""Issue 19, finding 8: csv injection through ';'. ``Acme Textiles;=cmd|' /C calc'!A0;x`` was written unquoted,
so an Excel that splits on ';' (many European locales) saw a cell ``=cmd|...``. Every text cell is quoted now;
the file still reads back as the same values."""

from __future__ import annotations

import csv
import io

import polars as pl

from screener.report import write_report
from tests.report.conftest import make_screening, supplier_frame

PAYLOADS = [
    "Acme Textiles;=cmd|' /C calc'!A0;x",
    'Nordic\t=HYPERLINK("http://evil.example")',
    "Pipe|@SUM(1+1)|x",
    "comma,+1+2,x",
]
FORMULA_START = ("=", "+", "-", "@")


def test_no_split_of_any_line_starts_a_cell_with_a_formula(tmp_path):
    suppliers = supplier_frame().with_columns(pl.Series("name", PAYLOADS), pl.Series("Buyer notes", PAYLOADS))
    (folder,) = write_report(make_screening(suppliers=suppliers), tmp_path / "tables", "csv")
    text = (folder / "suppliers.csv").read_text(encoding="utf-8")
    for delimiter in (",", ";", "\t", "|"):
        for record in csv.reader(io.StringIO(text), delimiter=delimiter):
            starts = [cell for cell in record if cell.lstrip('" ').startswith(FORMULA_START)]
            assert starts == [], (delimiter, starts)
    read = pl.read_csv(folder / "suppliers.csv", infer_schema=False)
    escaped = [
        "Acme Textiles;'=cmd|' /C calc'!A0;x",
        'Nordic\t\'=HYPERLINK("http://evil.example")',
        "Pipe|'@SUM(1+1)|x",
        "comma,'+1+2,x",
    ]
    assert read.get_column("name").to_list() == escaped
    assert read.get_column("Buyer notes").to_list() == escaped
    # numbers stay numbers (unquoted): a spreadsheet still sums them
    assert text.startswith('"rank","tier",') and '\n1,"high",' in text
