"""HTML tables and 'XML Spreadsheet 2003' files saved as .xls are read as Excel opens them (screener/io/markup.py).

The two layout fixtures are made by tests/fixtures/make_io_fixtures.py; the small cases here are written inline so
each shows one rule of the layout (rows as Excel numbers them, spans, hidden rows, refusals).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.contracts import ReadLimits
from screener.errors import InputFileError
from screener.io import read_suppliers
from screener.io.markup import read_html_table, read_xml_spreadsheet

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LIMITS = ReadLimits()


def cells(grid) -> list[list[str | None]]:
    return [list(row) for row in grid.frame.drop("__line").iter_rows()]


def test_sap_html_export_rows_are_the_rows_excel_shows():
    read = read_suppliers([str(FIXTURES / "layouts" / "sap_html_export.xls")])
    rows = read.suppliers.select("source_row", "supplier_id", "name", "country", "Umsatz (EUR)").rows()
    assert rows == [
        (4, "0000100234", "Böhm Präzisionsteile GmbH", "DE", "184.250,40"),
        (5, "0000100235", "Guangzhou Huaxin Textiles Co., Ltd.", "CN", "1.234.567,00"),
        (
            6,
            "0000100236",
            "Ningbo Seaport\nLogistics Co., Ltd.",
            "CN",
            "98.000,00",
        ),  # rowspan: CN on both rows
        (8, "0000100238", "Anatolia Tekstil San. ve Tic. A.Ş.", "TR", "310.000,00"),
        (9, "0000100239", "Société Lyonnaise d'Emballage S.A.S.", "FR", "45.120,75"),
    ]
    assert read.rejected.select("source_row", "reason").rows() == [
        (7, "no supplier name in column 'Name 1'"),
        (10, "totals row"),
    ]
    info = read.inputs[0]
    assert (info.file_format, info.encoding, info.header_row, info.sheet) == ("html", "cp1252", 3, None)


def test_xml_spreadsheet_reads_the_supplier_sheet_with_types_merges_and_hidden_rows():
    read = read_suppliers([str(FIXTURES / "layouts" / "xml_spreadsheet_2003.xls")])
    rows = read.suppliers.select(
        "source_sheet", "source_row", "name", "country", "Annual Spend", "Last Audit"
    )
    assert rows.rows() == [
        (
            "Suppliers",
            4,
            "Shenzhen Brightway Electronics Co., Ltd.",
            "China",
            "250000.5",
            "2023-06-01 00:00:00",
        ),
        ("Suppliers", 5, "Dongguan Everlast Toys Factory", "China", "88000", "2022-11-15 00:00:00"),
        ("Suppliers", 6, "Hanoi Garment Export JSC", "Viet Nam", "143250", None),
        ("Suppliers", 7, "Chittagong Knit Composite Ltd", "Bangladesh", "61000", "2024-02-29 00:00:00"),
        ("Suppliers", 8, "Monterrey Aceros S.A. de C.V.", "Mexico", "402000", "2021-09-30 00:00:00"),
    ]
    info = read.inputs[0]
    assert (info.file_format, info.header_row, info.hidden_rows, info.hidden_by_filter) == (
        "xmlss",
        3,
        [8],
        True,
    )
    assert info.skipped_sheets == {"Cover": "no supplier-name column (cover, notes or lookup sheet)"}


def test_html_spans_text_outside_tables_and_markup_that_is_not_data(tmp_path):
    page = tmp_path / "portal.xls"
    page.write_text(
        "<html><head><title>Export</title><script>var x = '<td>no</td>';</script></head><body>"
        "<h1>Vendors</h1>Run 2024-01-15<br>User: KLEIN"
        "<table><tr><th rowspan=2>Name</th><th colspan=2>Location</th></tr><tr><th>Country</th><th>City</th></tr>"
        "<tr><td>Alpha&nbsp;Tools   Ltd</td><td rowspan=2>India</td><td>Pune</td></tr>"
        "<tr><td>Beta <b>Castings</b></td><td>Rajkot</td></tr>"
        "<tr><td>Gamma <table><tr><td>inner</td></tr></table> Forge</td><td></td><td>Chennai</td></tr>"
        "</table><p>End of list</p></body></html>",
        encoding="utf-8",
    )
    grid = read_html_table(page, "portal.xls", "utf-8", LIMITS)
    assert cells(grid) == [
        ["Vendors", None, None],
        ["Run 2024-01-15", None, None],
        ["User: KLEIN", None, None],
        ["Name", "Location", None],
        ["Name", "Country", "City"],
        ["Alpha Tools Ltd", "India", "Pune"],
        ["Beta Castings", "India", "Rajkot"],
        ["Gamma inner Forge", None, "Chennai"],
        ["End of list", None, None],
    ]
    assert grid.frame.get_column("__line").to_list() == list(range(1, 10))


def test_xml_spreadsheet_positions_hidden_sheet_and_rich_text(tmp_path):
    path = tmp_path / "export.xls"
    ss = 'xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"'
    path.write_text(
        f'<?xml version="1.0"?>\n<Workbook {ss} xmlns:x="urn:schemas-microsoft-com:office:excel">'
        '<Worksheet ss:Name="Old"><Table><Row><Cell><Data ss:Type="String">x</Data></Cell></Row></Table>'
        '<WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible>'
        "</WorksheetOptions></Worksheet>"
        '<Worksheet ss:Name="Data"><Table>'
        '<Row ss:Index="2"><Cell ss:Index="2"><Data ss:Type="String">Name</Data></Cell>'
        '<Cell><Data ss:Type="Boolean">1</Data></Cell></Row>'
        '<Row ss:Hidden="1"><Cell ss:Index="2" ss:MergeAcross="1"><Data ss:Type="String">A</Data></Cell>'
        '<Cell><Data ss:Type="Number">-1.5</Data></Cell></Row>'
        "</Table></Worksheet></Workbook>",
        encoding="utf-8",
    )
    old, data = read_xml_spreadsheet(path, "export.xls", "utf-8", LIMITS)
    assert (old.sheet, old.visible, data.sheet, data.visible) == ("Old", False, "Data", True)
    assert cells(data) == [[None, None, None, None], [None, "Name", "true", None], [None, "A", None, "-1.5"]]
    assert (data.hidden_rows, data.hidden_by_filter) == ([3], False)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            '<Row ss:Index="3"><Cell><Data ss:Type="String">a</Data></Cell></Row>'
            '<Row ss:Index="2"><Cell><Data ss:Type="String">b</Data></Cell></Row>',
            "sheet 'S' has a row or cell position ss:Index=\"2\" that is not after the one before it",
        ),
        ('<Row ss:Index="9"><Cell><Data ss:Type="String">a</Data></Cell></Row>', "more than the limit"),
    ],
)
def test_xml_spreadsheet_damage_is_one_clear_error(tmp_path, body, message):
    path = tmp_path / "bad.xls"
    ss = 'xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"'
    path.write_text(f'<Workbook {ss}><Worksheet ss:Name="S"><Table>{body}</Table></Worksheet></Workbook>')
    with pytest.raises(InputFileError, match=message) as raised:
        read_xml_spreadsheet(path, "bad.xls", "utf-8", ReadLimits(max_rows=5))
    assert "bad.xls" in str(raised.value)


def test_other_xml_is_refused(tmp_path):
    path = tmp_path / "feed.xls"
    path.write_text(
        '<?xml version="1.0"?><rss><channel><title>News</title></channel></rss>', encoding="utf-8"
    )
    with pytest.raises(
        InputFileError, match=r"'.*feed.xls' is an XML or HTML document, not a supplier table"
    ):
        read_suppliers([str(path)])
