"""read_suppliers on small files written in the test: mapping, row numbers, rejected rows, the invariant."""

from __future__ import annotations

import openpyxl
import polars as pl
import pytest
import xlsxwriter

from screener.errors import InputFileError
from screener.io import ReadLimits, read_suppliers
from screener.schema import CORE_SUPPLIER_FIELDS, REJECTED_COLUMNS


def write_xlsx(path, rows, sheet="Suppliers"):
    workbook = xlsxwriter.Workbook(str(path))
    worksheet = workbook.add_worksheet(sheet)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                worksheet.write_string(r, c, value) if isinstance(value, str) else worksheet.write(
                    r, c, value
                )
    workbook.close()
    return path


def test_csv_maps_synonyms_and_keeps_text(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("Vendor No,Vendor Name,Ctry,Spend\n000123,Acme Ltd ,CN,1200\n", encoding="utf-8")
    read = read_suppliers([path])
    row = read.suppliers.row(0, named=True)
    assert row["supplier_id"] == "000123"
    assert row["name"] == "Acme Ltd"  # canonical stripped
    assert row["Vendor Name"] == "Acme Ltd "  # input column unchanged
    assert row["source_row"] == 2 and row["source_sheet"] is None and row["source_file"] == str(path)
    assert read.inputs[0].column_map == {
        "supplier_id": "Vendor No",
        "name": "Vendor Name",
        "country": "Ctry",
        "spend": "Spend",
    }
    assert all(
        read.suppliers.schema[c] == pl.String
        for c in read.suppliers.columns
        if c not in ("row_id", "source_row")
    )


def test_xlsx_title_block_blank_rows_and_rejects(tmp_path):
    rows = [
        ["Lieferantenliste 2024"],
        ["Export: 30.06.2024"],
        [],
        ["Lieferant", "Land", "Warengruppe", "Umsatz"],
        ["Müller GmbH", "Deutschland", "Stahl", 1200.5],
        [],
        ["#N/A", "China", "Textil", 10],
        ["Summe", None, None, 1210.5],
    ]
    read = read_suppliers([write_xlsx(tmp_path / "de.xlsx", rows)])
    assert read.suppliers.get_column("source_row").to_list() == [5]
    assert read.suppliers.get_column("spend").to_list() == ["1200.5"]
    assert read.rejected.columns == list(REJECTED_COLUMNS)
    assert read.rejected.rows() == [
        (
            2,
            str(tmp_path / "de.xlsx"),
            "Suppliers",
            7,
            "no supplier name in column 'Lieferant' (found '#N/A')",
        ),
        (3, str(tmp_path / "de.xlsx"), "Suppliers", 8, "totals row"),
    ]
    info = read.inputs[0]
    assert (info.header_row, info.empty_rows, info.rows_read, info.rows_rejected) == (4, 1, 3, 2)
    assert info.blank_rows == [6]  # the row Excel shows, for the report to name


def test_core_fields_present_even_when_absent(tmp_path):
    path = tmp_path / "names.csv"
    path.write_text("Supplier\nAcme\n", encoding="utf-8")
    read = read_suppliers([path])
    for name in CORE_SUPPLIER_FIELDS:
        assert name in read.suppliers.columns
    assert read.suppliers.get_column("country").dtype == pl.String


def test_row_ids_run_across_files(tmp_path):
    first = tmp_path / "a.csv"
    first.write_text("Name;Country\nA1;CN\n-;DE\n", encoding="utf-8")
    second = write_xlsx(tmp_path / "b.xlsx", [["Supplier Name", "City"], ["B1", "Hanoi"], ["B2", "Hue"]])
    read = read_suppliers([first, second])
    assert read.suppliers.get_column("row_id").to_list() == [1, 3, 4]
    assert read.rejected.get_column("row_id").to_list() == [2]
    assert read.suppliers.get_column("city").to_list() == [None, "Hanoi", "Hue"]


def test_header_named_like_a_canonical_column_is_prefixed(tmp_path):
    path = tmp_path / "n.csv"
    path.write_text("name,Name 2,country,score,tier\nAcme,Acme Trading,CN,5,A\n", encoding="utf-8")
    read = read_suppliers([path])
    assert {"input_name", "Name 2", "input_country", "input_score", "input_tier"} <= set(
        read.suppliers.columns
    )
    assert read.suppliers.get_column("name").to_list() == ["Acme"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"%PDF-1.7\n...", "is a PDF document"),
        (b"Country,City\nCN,Shanghai\n", "No column .* looks like the supplier name.*'Country', 'City'"),
        (b"Supplier Name,Country\n", "has a header \\(row 1\\) but no supplier rows"),
        (b"\n\n  \n", "holds no data"),
    ],
)
def test_bad_csv_raises_one_input_file_error(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(InputFileError, match=message):
        read_suppliers([path])


def test_too_many_rows_checked_before_loading(tmp_path):
    path = tmp_path / "many.csv"
    path.write_text("Name\n" + "Acme\n" * 50, encoding="utf-8")
    with pytest.raises(InputFileError, match="more than the limit of 10"):
        read_suppliers([path], ReadLimits(max_rows=10))


def test_leading_blank_rows_do_not_use_up_the_header_search(tmp_path):
    path = tmp_path / "late.csv"
    path.write_text("\n" * 35 + "Supplier Name,Country\nAcme,CN\n", encoding="utf-8")
    read = read_suppliers([path])
    assert read.inputs[0].header_row == 36
    assert read.suppliers.select("source_row", "name").rows() == [(37, "Acme")]


def test_input_info_is_json_ready(tmp_path):
    import dataclasses
    import json

    path = write_xlsx(tmp_path / "a.xlsx", [["Supplier Name"], ["Acme"]])
    info = read_suppliers([path]).inputs[0]
    assert json.loads(json.dumps(dataclasses.asdict(info)))["column_map"] == {"name": "Supplier Name"}
    assert info.file_format == "xlsx" and len(info.sha256) == 64


def test_fallback_parser_keeps_line_breaks_and_record_numbers(tmp_path):
    """A record longer than any early one sends the file to Python's csv module: same values, and the same row
    numbers as the fast reader (the record number, header = 1: the line break inside quotes shifts nothing)."""
    path = tmp_path / "ragged.csv"
    body = (
        'Supplier Name,Address\r\n"Multi Line Ltd","Street 1\r\nBuilding 2"\r\n' + "Filler Ltd,Road\r\n" * 60
    )
    path.write_bytes((body + "Wide Ltd,Road,extra\r\n").encode("utf-8"))
    read = read_suppliers([path])
    first, last = read.suppliers.row(0, named=True), read.suppliers.row(-1, named=True)
    assert first["address"] == "Street 1\r\nBuilding 2"
    assert (last["name"], last["source_row"], last["unnamed_3"]) == ("Wide Ltd", 63, "extra")
    assert read.suppliers["source_row"].to_list()[:3] == [2, 3, 4]


def test_name_column_of_numbers_gives_way_to_a_column_of_names(tmp_path):
    """'Vendor' and 'Supplier' are equally good headers; the one holding numbers is the ID, not the name."""
    path = tmp_path / "vs.csv"
    path.write_text(
        "Vendor,Supplier,Country\n0001,Acme Ltd,CN\n0002,Beta GmbH,DE\n0003,Gamma SA,FR\n", encoding="utf-8"
    )
    read = read_suppliers([path])
    assert read.inputs[0].column_map == {"name": "Supplier", "supplier_id": "Vendor", "country": "Country"}
    assert read.rejected.height == 0


def test_name_column_kept_when_no_other_candidate(tmp_path):
    path = tmp_path / "numbers.csv"
    path.write_text("Supplier Name,Country\n1001,CN\n1002,DE\n1003,FR\n", encoding="utf-8")
    read = read_suppliers([path])
    assert read.suppliers.height == 0
    assert read.rejected["reason"].to_list()[0] == "no supplier name in column 'Supplier Name' (found '1001')"


def test_supplier_like_sheet_of_another_layout_is_skipped_with_reason(tmp_path):
    path = tmp_path / "two.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    main = workbook.add_worksheet("Tier 1")
    main.write_row(0, 0, ["Supplier Name", "Country", "Commodity", "Spend"])
    main.write_row(1, 0, ["Alpha Ltd", "CN", "Toys", 10])
    contacts = workbook.add_worksheet("Contacts")
    contacts.write_row(0, 0, ["Name", "Country"])
    contacts.write_row(1, 0, ["Ann Lee", "CN"])
    workbook.close()
    read = read_suppliers([path])
    assert read.suppliers["name"].to_list() == ["Alpha Ltd"]
    assert read.inputs[0].skipped_sheets == {
        "Contacts": "a different layout from sheet 'Tier 1' (maps country, name) whose name column 'Name' does not "
        "say supplier: taken for a list of people"
    }


def test_supplier_sheets_of_different_layouts_are_each_read_by_their_own_header(tmp_path):
    """A German SAP-style sheet (header on row 4 under a title) and a regional sheet with other columns in one
    workbook: both are supplier lists, so both are read, each row at the row Excel shows."""
    book = openpyxl.Workbook()
    germany = book.active
    germany.title = "Lieferanten DE"
    germany["A1"] = "Lieferantenstammdaten Einkauf"
    germany.merge_cells("A1:D1")
    germany.append([])
    germany.append([])
    germany.append(["Kreditor", "Lieferantenname", "Land", "Umsatz 2025"])
    germany.append(["0000700101", "Müller Textil GmbH", "Deutschland", "1.234,56 €"])
    asia = book.create_sheet("Suppliers Asia")
    asia.append(["Supplier", "Country", "Buyer"])  # only name and place, but 'Supplier' says whose name it is
    asia.append(["Hetian Taida Apparel Co Ltd", "China", "J. Doe"])
    apac = book.create_sheet("APAC")
    apac.append(["Name", "Vendor No", "Category"])  # a bare 'Name', but a vendor number: a supplier list
    apac.append(["Bangkok Fishing Co", "A-2", "Seafood"])
    path = tmp_path / "two_layouts.xlsx"
    book.save(path)

    read = read_suppliers([path])

    assert read.suppliers.select("source_sheet", "source_row", "name", "country").rows() == [
        ("Lieferanten DE", 5, "Müller Textil GmbH", "Deutschland"),
        ("Suppliers Asia", 2, "Hetian Taida Apparel Co Ltd", "China"),
        ("APAC", 2, "Bangkok Fishing Co", None),
    ]
    assert [i.column_map for i in read.inputs] == [
        {"supplier_id": "Kreditor", "name": "Lieferantenname", "country": "Land", "spend": "Umsatz 2025"},
        {"name": "Supplier", "country": "Country"},
        {"name": "Name", "supplier_id": "Vendor No", "goods": "Category"},
    ]
    assert read.inputs[0].skipped_sheets == {}


def test_a_sheet_whose_suppliers_are_all_on_the_main_sheet_is_a_view_not_read_twice(tmp_path):
    """A 'Top suppliers' sheet (another layout: Supplier, Spend) naming only suppliers of the main sheet, plus an
    Excel pivot's '(blank)' row: its suppliers are screened once, from the main sheet."""
    book = openpyxl.Workbook()
    main = book.active
    main.title = "Vendor master"
    main.append(["Vendor No", "Vendor Name", "Country", "Category"])
    main.append(["100", "Nantong Textile Co", "CN", "yarn"])
    main.append(["101", "Dhaka Knit Ltd", "BD", "knitwear"])
    top = book.create_sheet("Top suppliers")
    top.append(["Supplier", "Spend 2025"])
    top.append(["DHAKA KNIT LTD ", 90000])
    top.append(["(blank)", 10])
    path = tmp_path / "with_view.xlsx"
    book.save(path)

    read = read_suppliers([path])

    assert read.suppliers["name"].to_list() == ["Nantong Textile Co", "Dhaka Knit Ltd"]
    assert read.inputs[0].skipped_sheets == {
        "Top suppliers": "every supplier name on it is on sheet 'Vendor master' or one of its layout (a view of them)"
    }


def test_a_totals_row_whose_sums_have_no_saved_value_is_rejected_not_screened(tmp_path):
    """A workbook a program wrote (openpyxl): the 'Total' row's SUM formulas have no saved value, so they read
    empty; the row was screened as a supplier called 'Total'. A totals label alone on its row is a totals row;
    a company called 'Total' with its country is still a supplier."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Supplier", "Country", "Spend"])
    sheet.append(["Müller GmbH", "DE", 1200])
    sheet.append(["Total", "FR", None])
    sheet.append(["Total", None, "=SUM(C2:C3)"])
    path = tmp_path / "written.xlsx"
    book.save(path)
    read = read_suppliers([path])
    assert read.suppliers.select("source_row", "name", "country").rows() == [
        (2, "Müller GmbH", "DE"),
        (3, "Total", "FR"),
    ]
    assert read.rejected.select("source_row", "reason").rows() == [(4, "totals row")]


def test_notes_under_the_table_are_rejected_with_their_text_not_screened(tmp_path):
    """'Source: SAP export', 'Prepared by', '* excl. VAT' under the totals row were four suppliers in the report.
    A line of one cell after the last row of several, under a blank or totals row, is a note; a supplier whose
    only cell is its name between other suppliers is still screened."""
    rows = [
        ["Supplier", "Country", "Spend (EUR)"],
        ["Müller GmbH", "DE", 1200],
        ["Weber KG", None, None],
        ["Acme Widgets Ltd", "GB", 300],
        [],
        ["Total", None, 1500],
        ["Source: SAP export 07.12.2026"],
        [],
        ["* Spend excludes VAT"],
    ]
    read = read_suppliers([write_xlsx(tmp_path / "notes.xlsx", rows)])
    assert read.suppliers.get_column("name").to_list() == ["Müller GmbH", "Weber KG", "Acme Widgets Ltd"]
    assert read.rejected.select("source_row", "reason").rows() == [
        (6, "totals row"),
        (
            7,
            "note below the table (found 'Source: SAP export 07.12.2026'): one cell filled, after the last "
            "supplier and a blank or totals row",
        ),
        (
            9,
            "note below the table (found '* Spend excludes VAT'): one cell filled, after the last supplier and a "
            "blank or totals row",
        ),
    ]


def test_a_list_of_names_alone_has_no_notes(tmp_path):
    rows = [["Supplier"], ["Müller GmbH"], [], ["Weber KG"]]
    read = read_suppliers([write_xlsx(tmp_path / "names.xlsx", rows)])
    assert read.suppliers.get_column("name").to_list() == ["Müller GmbH", "Weber KG"]
