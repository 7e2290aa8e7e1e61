"""The fast sheet writer (screener.report.sheet_xml) against xlsxwriter's own cells for the same frame: same XML
rows, same values read by openpyxl and calamine, same styles, filter and dropdown over the full range, and the
review import reads the same decisions."""

from __future__ import annotations

import re
import zipfile

import openpyxl
import polars as pl
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from screener.report import excel, write_report
from screener.report import sheet_xml as sheet_xml_module
from screener.report.excel import (
    WORKBOOK_OPTIONS,
    XLSX_MAX_CELL_CHARS,
    Styles,
    write_fast_table_sheet,
    write_table_sheet,
)
from screener.report.sheet_xml import column_letter, sheet_entries, splice_sheets
from screener.review.workbook import read_workbook_decisions
from tests.report.conftest import make_screening, ranking_frame, supplier_frame

NASTY_TEXTS = [
    'Tom & Jerry <b>"bold"</b> > less',
    '=HYPERLINK("http://x","y")',
    "+44 20 7946 0000",
    "-minus",
    "@risk",
    "\tleading tab",
    "carriage\r\nreturn and line\nfeed",
    "trailing CR\r",
    "bell\x07 nul\x00 vt\x0b ff\x0c us\x1f del\x7f",
    "literal _x000D_ and _x41_ and _xABCD_ escapes",
    "non-characters \ufffe and \uffff",
    "  leading and trailing spaces  ",
    "nbsp at end\u00a0",
    "Xinjiang 新疆 Üñíçødé emoji 🧵 RTL مرحبا",
    "",
    None,
    "x" * 40_000,
    "line one | line two | line three",
]


def nasty_frame(rows: int = 3_000) -> pl.DataFrame:
    texts = [NASTY_TEXTS[i % len(NASTY_TEXTS)] for i in range(rows)]
    return pl.DataFrame(
        {
            "rank": list(range(1, rows + 1)),
            "tier": [["high", "Medium", "low", None, "unknown"][i % 5] for i in range(rows)],
            "score": [
                [97.5, 0.1 + 0.2, float("nan"), float("inf"), None, 1e20, -1e-7][i % 7] for i in range(rows)
            ],
            "model_probability": [i / rows for i in range(rows)],
            "reasons": [texts[(i + 3) % rows] for i in range(rows)],
            "name": texts,
            "decision": [["confirmed", "", None, "false positive"][i % 4] for i in range(rows)],
            "decision_note": [texts[(i + 7) % rows] for i in range(rows)],
            "flag": [[True, False, None][i % 3] for i in range(rows)],
            "Annual spend": pl.Series([None, "12.50", "3400"] * (rows // 3) + [None] * (rows % 3)).cast(
                pl.Decimal(12, 2)
            ),
            "supplier_fingerprint": [f"fp-{i:05d}" for i in range(rows)],
        }
    )


def write_both(tmp_path, frame: pl.DataFrame, title: str = "Suppliers"):
    """The frame written cell by cell by xlsxwriter, and by the fast path; the two paths."""
    slow, fast = tmp_path / "slow.xlsx", tmp_path / "fast.xlsx"
    book = xlsxwriter.Workbook(str(slow), WORKBOOK_OPTIONS)
    write_table_sheet(book.add_worksheet(title), frame, Styles(book))
    book.close()
    book = xlsxwriter.Workbook(str(fast), WORKBOOK_OPTIONS)
    rows = write_fast_table_sheet(book.add_worksheet(title), frame, Styles(book))
    book.close()
    assert rows is not None
    splice_sheets(fast, {title: rows})
    return slow, fast


def sheet_xml(path, title: str = "Suppliers") -> str:
    with zipfile.ZipFile(path) as package:
        return package.read(sheet_entries(package)[title]).decode()


def normalised(xml: str) -> str:
    """Numbers to Excel's 15 significant digits (xlsxwriter writes 16, polars the shortest round trip),
    style indices left out (numbered in order of first use: the styles themselves are compared by openpyxl)."""
    xml = re.sub(r' s="\d+"', "", xml)
    return re.sub(r"<v>([^<]*)</v>", lambda m: f"<v>{float(m.group(1)):.15g}</v>", xml)


def look(cell) -> tuple:
    """What a reader sees of a cell's format."""
    fill, font, align = cell.fill, cell.font, cell.alignment
    return (
        cell.number_format,
        fill.patternType,
        fill.fgColor.rgb,
        font.b,
        font.i,
        font.u,
        font.color.rgb if font.color is not None else None,
        align.wrap_text,
        align.vertical,
        cell.protection.locked,
    )


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    return write_both(tmp_path_factory.mktemp("both"), nasty_frame())


def test_rows_are_the_cells_xlsxwriter_writes(both):
    slow, fast = both
    slow_xml, fast_xml = sheet_xml(slow), sheet_xml(fast)
    assert 'xml:space="preserve"' in fast_xml and "_x005F_x000D_" in fast_xml and "&amp;" in fast_xml
    assert normalised(fast_xml) == normalised(slow_xml)


def test_same_values_read_by_calamine(both):
    slow, fast = both
    read = [pl.read_excel(p, sheet_name="Suppliers", engine="calamine", has_header=False) for p in both]
    assert read[0].height == 3_001
    assert_frame_equal(read[0], read[1], check_exact=False, rel_tol=1e-14)


def test_same_values_and_styles_read_by_openpyxl(both):
    slow, fast = (openpyxl.load_workbook(p)["Suppliers"] for p in both)
    assert slow.max_row == fast.max_row == 3_001 and fast.max_column == 11
    for slow_row, fast_row in zip(slow.iter_rows(), fast.iter_rows(), strict=True):
        for a, b in zip(slow_row, fast_row, strict=True):
            assert a.data_type == b.data_type, a.coordinate
            if isinstance(a.value, float):
                assert a.value == pytest.approx(b.value, rel=1e-14), a.coordinate
            else:
                assert a.value == b.value, a.coordinate
            assert look(a) == look(b), a.coordinate
    # reasons of 40,000 characters (cut to Excel's 32,767): as tall as Excel's tallest row of 15-point lines
    assert fast.row_dimensions[15].height == 405
    for row in range(1, 3_002):
        assert slow.row_dimensions[row].height == fast.row_dimensions[row].height
    # what the data needs survived: text never a formula, a cut long text, colours, numbers, booleans
    texts = [c.value for c in fast["F"]]
    assert texts[2] == NASTY_TEXTS[1] and fast["F3"].data_type == "s"
    assert texts[12] == NASTY_TEXTS[11] and texts[7].endswith("return and line\nfeed")
    assert len(texts[17]) == XLSX_MAX_CELL_CHARS and texts[17].endswith("see the csv or json report]")
    assert fast["B2"].fill.fgColor.rgb.endswith("F4B6B6") and fast["B2"].font.b
    assert fast["B3"].fill.fgColor.rgb.endswith("FFE699")  # "Medium" coloured as medium
    assert fast["D3"].number_format == "0.00" and fast["C2"].number_format == "0.0"
    assert fast["G2"].protection.locked is False and fast["I2"].value is True and fast["I3"].value is False
    assert fast["C4"].value is None and fast["C5"].value is None  # NaN, infinity
    assert fast["J3"].value == 12.5


def test_filter_dropdown_and_frozen_header_cover_every_row(both):
    _slow, fast = both
    sheet = openpyxl.load_workbook(fast)["Suppliers"]
    assert sheet.auto_filter.ref == "A1:K3001"
    assert sheet.freeze_panes == "A2"
    (validation,) = sheet.data_validations.dataValidation
    assert str(validation.sqref) == "G2:G3001"
    assert sheet.calculate_dimension() == "A1:K3001"
    assert "A1:K3001" in sheet_xml(fast)


def test_review_import_reads_the_same_decisions(tmp_path):
    frame = nasty_frame(600).select(
        "rank",
        pl.col("name"),
        pl.col("decision"),
        pl.col("decision_note"),
        pl.lit("Ana").alias("decision_reviewer"),
        pl.lit("2025-02-03").alias("decision_date"),
        "supplier_fingerprint",
    )
    slow, fast = write_both(tmp_path, frame)
    slow_decisions, slow_notes = read_workbook_decisions(slow)
    fast_decisions, fast_notes = read_workbook_decisions(fast)
    assert slow_decisions.height == 300 and fast_notes == slow_notes
    assert_frame_equal(
        slow_decisions.drop("imported_at", "source"), fast_decisions.drop("imported_at", "source")
    )


def test_report_uses_the_fast_path_for_large_sheets_only(tmp_path, monkeypatch):
    rows = 2_000
    suppliers = pl.concat([supplier_frame()] * (rows // 4)).with_columns(
        row_id=pl.int_range(1, rows + 1), supplier_id=pl.format("S-{}", pl.int_range(rows))
    )
    ranking = pl.concat([ranking_frame()] * (rows // 4)).with_columns(
        row_id=pl.int_range(1, rows + 1), rank=pl.int_range(1, rows + 1)
    )
    screening = make_screening(suppliers=suppliers, ranking=ranking)
    (slow,) = write_report(screening, tmp_path / "slow.xlsx")
    spliced = []
    monkeypatch.setattr(excel, "FAST_SHEET_MIN_ROWS", 1_000)
    monkeypatch.setattr(
        excel,
        "splice_sheets",
        lambda path, sheets: spliced.append(list(sheets)) or splice_sheets(path, sheets),
    )
    (fast,) = write_report(screening, tmp_path / "fast.xlsx")
    assert spliced == [["Suppliers"]]  # the small sheets stay with xlsxwriter
    for title in ("Summary", "Suppliers", "Matches", "Indicators", "Method"):
        a = pl.read_excel(slow, sheet_name=title, engine="calamine", has_header=False)
        b = pl.read_excel(fast, sheet_name=title, engine="calamine", has_header=False)
        assert_frame_equal(a, b, check_exact=False, rel_tol=1e-14)
    with zipfile.ZipFile(slow) as a, zipfile.ZipFile(fast) as b:
        assert [i.filename for i in a.infolist()] == [i.filename for i in b.infolist()]
        assert b.infolist()[0].filename == "[Content_Types].xml"


def test_column_letters():
    assert [column_letter(i) for i in (0, 25, 26, 51, 52, 701, 702, 16_383)] == [
        "A",
        "Z",
        "AA",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
        "XFD",
    ]


def test_sheet_with_links_is_left_to_xlsxwriter(tmp_path):
    book = xlsxwriter.Workbook(str(tmp_path / "l.xlsx"), WORKBOOK_OPTIONS)
    frame = pl.DataFrame({"source_url": ["https://example.org/a"], "name": ["x"]})
    assert write_fast_table_sheet(book.add_worksheet("Matches"), frame, Styles(book)) is None
    book.close()


def test_dates_are_the_cells_xlsxwriter_writes(tmp_path):
    """Date and datetime columns go as serial numbers in a date format, as write_datetime makes them (1900's
    phantom 29 February included), so the fast path keeps dates as dates."""
    import datetime as dt

    days = [dt.date(1900, 1, 1), dt.date(1900, 2, 28), dt.date(1900, 3, 1), dt.date(2024, 11, 5), None]
    frame = pl.DataFrame(
        {
            "name": ["a", "b", "c", "d", "e"],
            "audit_date_value": pl.Series(days, dtype=pl.Date),
            "seen": pl.Series(
                [dt.datetime(2024, 1, 2, 13, 30), None, None, None, dt.datetime(1999, 12, 31, 6)]
            ),
        }
    )
    slow, fast = write_both(tmp_path, frame)
    assert normalised(sheet_xml(fast)) == normalised(sheet_xml(slow))
    read = openpyxl.load_workbook(fast)["Suppliers"]
    assert read["B5"].value == dt.datetime(2024, 11, 5) and read["B5"].number_format == "yyyy-mm-dd"
    assert read["C2"].value == dt.datetime(2024, 1, 2, 13, 30)


def test_failed_splice_leaves_the_written_package_and_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "w.xlsx"
    book = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    rows = write_fast_table_sheet(book.add_worksheet("Suppliers"), nasty_frame(300), Styles(book))
    book.close()
    before = path.read_bytes()

    def failing_chunks(sheet, styles, chunk_rows=100):
        yield b"<row/>"
        raise OSError("disk full")

    monkeypatch.setattr("screener.report.sheet_xml.rows_xml_chunks", failing_chunks)
    with pytest.raises(OSError, match="disk full"):
        splice_sheets(path, {"Suppliers": rows})
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.xlsx"]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    texts=st.lists(
        st.one_of(st.none(), st.text(st.characters(codec="utf-8"), max_size=30)), min_size=1, max_size=40
    )
)
def test_any_text_reads_back_as_xlsxwriter_writes_it(tmp_path, texts):
    frame = pl.DataFrame(
        {"name": texts, "reasons": list(reversed(texts))}, schema={"name": pl.String, "reasons": pl.String}
    )
    slow, fast = write_both(tmp_path, frame)
    # the dimension differs when the last rows are empty (the fast path declares every row of the frame)
    assert (
        normalised(sheet_xml(fast)).split("<sheetData>")[1]
        == normalised(sheet_xml(slow)).split("<sheetData>")[1]
    )
    read = [
        pl.read_excel(p, sheet_name="Suppliers", engine="calamine", has_header=False) for p in (slow, fast)
    ]
    assert_frame_equal(read[0], read[1])


def test_spliced_sheets_are_deflated_by_isal_and_read_back_whole(tmp_path):
    """The large sheets' entries go through ISA-L's deflate (zipfile's writer still takes its compressor on this
    Python; if it stops, this fails instead of the report silently taking zlib's seconds), and the entry is a
    standard deflate member: zipfile's CRC check passes and the rows read back."""
    path = tmp_path / "w.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        with package.open("a.xml", "w") as entry:
            assert sheet_xml_module.deflate_with_isal(entry)
            assert type(entry._compressor).__module__.startswith("isal")
            entry.write(b"<row>" * 100_000)
    with zipfile.ZipFile(path) as package:
        assert package.getinfo("a.xml").compress_type == zipfile.ZIP_DEFLATED
        assert package.read("a.xml") == b"<row>" * 100_000
    _, fast = write_both(tmp_path, nasty_frame(300))
    with zipfile.ZipFile(fast) as package:
        assert package.testzip() is None
