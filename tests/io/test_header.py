"""Header-row detection and the text-table sniffers, on rows as they come out of real files."""

from __future__ import annotations

import zipfile

import pytest
import xlsxwriter

from screener.errors import InputFileError
from screener.io import ReadLimits
from screener.io.header import detect_header
from screener.io.sniff import check_sheet_dimensions, xlsx_sheet_parts
from screener.io.text import sniff_delimiter


def test_header_below_title_block_is_found():
    rows = [
        ["ACME Procurement", None, None],
        ["Supplier list", None, None],
        ["Exported 2024-01-02", None, None],
        [None, None, None],
        ["Supplier Name", "Country", "Commodity"],
        ["Alpha Ltd", "China", "Toys"],
    ]
    header = detect_header(rows)
    assert (header.start, header.rows, header.data_start) == (4, 1, 5)
    assert header.mapping.columns == {"name": 0, "country": 1, "goods": 2}


def test_title_directly_above_header_is_not_a_group_row():
    rows = [["Approved suppliers 2024", None], ["Name", "Country"], ["Alpha Ltd", "China"]]
    header = detect_header(rows)
    assert (header.start, header.rows) == (1, 1)
    assert header.labels == ["Name", "Country"]


def test_data_row_below_a_one_cell_header_is_not_merged_into_it():
    rows = [[None, None, None], ["Lieferant", None, None], ["Müller GmbH", "000123", "123"]]
    header = detect_header(rows)
    assert (header.start, header.rows) == (1, 1)


def test_two_row_header_with_vertical_and_horizontal_merges():
    rows = [
        ["Vendor ID", "Supplier", None, "Contact", None],
        [None, "Name", "Country", "Name", "E-mail"],
        ["V-1", "Alpha Ltd", "China", "Ann Lee", "ann@example.com"],
    ]
    header = detect_header(rows)
    assert (header.start, header.rows) == (0, 2)
    assert header.labels == [
        "Vendor ID",
        "Supplier Name",
        "Supplier Country",
        "Contact Name",
        "Contact E-mail",
    ]
    assert header.mapping.columns == {"supplier_id": 0, "name": 1, "country": 2}


def test_no_row_with_a_name_still_returns_the_best_guess():
    header = detect_header([["Country", "City"], ["China", "Shanghai"]])
    assert not header.mapping.has_name
    assert header.labels == ["Country", "City"]


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("Name,Country\nA,CN\nB,DE\n", ","),
        ("Name;Country;Spend\nA;CN;1,5\nB;DE;2,5\n", ";"),
        ("Name\tCountry\nA, Inc.\tCN\n", "\t"),
        ("|Vendor|Name 1|\n|1|A|\n", "|"),
        ("sep=;\nName;Country\nA;CN\n", ";"),
        ("Title only\n\nName,Country\nA,CN\n", ","),
    ],
)
def test_sniff_delimiter(text, delimiter):
    assert sniff_delimiter(text) == delimiter


def test_sheet_dimension_checked_from_the_zip_before_loading(tmp_path):
    path = tmp_path / "wide.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    workbook.add_worksheet("Cover").write(0, 0, "cover")
    sheet = workbook.add_worksheet("Suppliers")
    sheet.write(0, 0, "Supplier Name")
    sheet.write(499, 0, "Last Ltd")
    workbook.close()
    with zipfile.ZipFile(path) as archive:
        assert xlsx_sheet_parts(archive) == {
            "Cover": "xl/worksheets/sheet1.xml",
            "Suppliers": "xl/worksheets/sheet2.xml",
        }
        check_sheet_dimensions(archive, "wide.xlsx", ReadLimits(max_rows=500))
        with pytest.raises(
            InputFileError, match="sheet 'Suppliers' has 500 rows, more than the limit of 499"
        ):
            check_sheet_dimensions(archive, "wide.xlsx", ReadLimits(max_rows=499))
