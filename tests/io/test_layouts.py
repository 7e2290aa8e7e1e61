"""Real-world layouts: which columns are mapped, and specific values (leading zeros, Excel row numbers, text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.io import read_suppliers

LAYOUTS = Path(__file__).resolve().parents[1] / "fixtures" / "layouts"
BAD = Path(__file__).resolve().parents[1] / "fixtures" / "bad"


def read(name: str, folder: Path = LAYOUTS):
    return read_suppliers([str(folder / name)])


def by_name(read_result) -> dict[str, dict]:
    return {row["name"]: row for row in read_result.suppliers.iter_rows(named=True)}


def test_sap_export_name1_is_the_name_and_vendor_numbers_keep_zeros():
    result = read("sap_vendor_export.xlsx")
    info = result.inputs[0]
    assert info.header_row == 4
    assert info.column_map["name"] == "Name 1"
    assert info.column_map["supplier_id"] == "Vendor"
    assert info.column_map["country"] == "Ctry"
    assert info.column_map["region"] == "Rg"
    assert "Name 2" not in info.column_map.values()
    row = by_name(result)["Shenzhen Minghua Electronics Co., Ltd."]
    assert row["supplier_id"] == "0000100234"
    assert row["source_row"] == 5  # Excel row: header on 4, first vendor on 5
    assert row["Name 2"] == "Factory 3"
    assert row["Created on"].startswith("2019-")  # an Excel date, as text
    rejected = result.rejected.row(0, named=True)
    assert rejected["source_row"] == 8
    assert rejected["reason"] == "no supplier name in column 'Name 1'"


def test_sap_list_output_pipes_rulers_and_repeated_page_header():
    result = read("sap_list_output.txt")
    info = result.inputs[0]
    assert info.delimiter == "pipe"
    assert info.empty_rows == 6  # ruler and blank lines
    row = by_name(result)["Xinjiang Golden Cotton Trading Co., Ltd."]
    assert row["supplier_id"] == "0000100251"
    assert row["source_row"] == 17
    assert row["Name 1"].endswith("   ")  # input columns as given, canonical ones stripped
    reasons = dict(zip(result.rejected["source_row"], result.rejected["reason"], strict=True))
    assert reasons[15] == "header row repeated ('Name 1')"
    assert reasons[13].startswith("no supplier name in column 'Name 1'")


def test_german_title_block_maps_german_headers():
    result = read("german_title_block.xlsx")
    info = result.inputs[0]
    assert info.header_row == 5
    assert info.column_map == {
        "supplier_id": "Lieferanten-Nr.",
        "name": "Lieferant",
        "country": "Land",
        "address": "Straße",
        "city": "Ort",
        "goods": "Warengruppe",
        "spend": "Umsatz 2023 (EUR)",
        "audit_date": "Letztes Audit",
        "audit_result": "Auditergebnis",
    }
    first = result.suppliers.row(0, named=True)
    assert (first["name"], first["source_row"], first["supplier_id"]) == (
        "Böhm Präzisionsteile GmbH",
        6,
        "70001",
    )
    assert first["spend"] == "184250.4"
    assert first["PLZ"] == "73430"
    assert result.rejected.row(0, named=True)["reason"] == "totals row"


def test_french_cp1252_semicolons():
    result = read("french_semicolon_cp1252.csv")
    info = result.inputs[0]
    assert (info.encoding, info.delimiter, info.header_row) == ("cp1252", "semicolon", 3)
    assert info.column_map["spend"] == "Montant annuel (€)"
    assert info.column_map["goods"] == "Famille d'achat"
    row = by_name(result)["Câblerie Néré & Fils"]
    assert (row["city"], row["spend"], row["source_row"]) == ("Bordeaux", "8 900,00", 5)
    assert result.rejected.rows() == [(7, info.path, None, 10, "totals row")]


def test_cover_and_lookup_sheets_are_skipped_with_reasons():
    result = read("cover_supplier_lookup.xlsx")
    assert result.suppliers["source_sheet"].unique().to_list() == ["Supplier list"]
    skipped = result.inputs[0].skipped_sheets
    assert set(skipped) == {"Cover", "Lookups", "Archive 2019"}
    assert skipped["Archive 2019"] == "hidden sheet"
    assert "no supplier-name column" in skipped["Lookups"]


def test_merged_two_row_header_takes_the_supplier_name_not_the_contact():
    result = read("merged_two_row_header.xlsx")
    info = result.inputs[0]
    assert (info.header_row, info.header_rows) == (3, 2)
    assert info.column_map == {
        "supplier_id": "Vendor ID",
        "name": "Supplier Name",
        "country": "Supplier Country",
        "goods": "Sourcing Commodity",
        "spend": "Sourcing Annual spend",
    }
    assert "Contact Name" in result.suppliers.columns
    first = result.suppliers.row(0, named=True)
    assert (first["name"], first["Contact Name"], first["source_row"]) == (
        "Tiruppur Knitwear Exports",
        "Anita Raman",
        5,
    )


def test_utf16_tab_export_with_chinese_headers():
    result = read("utf16_tab_export.txt")
    info = result.inputs[0]
    assert (info.encoding, info.delimiter) == ("utf-16", "tab")
    assert info.column_map["name"] == "供应商名称"
    assert info.column_map["spend"] == "年采购额"
    row = by_name(result)["新疆棉纺织有限公司"]
    assert (row["supplier_id"], row["country"], row["city"]) == ("000881", "中国", "乌鲁木齐")
    assert result.rejected["reason"].to_list() == ["no supplier name in column '供应商名称'"]


def test_bom_csv_multiline_field_and_line_numbers():
    result = read("bom_utf8_spanish.csv")
    info = result.inputs[0]
    assert info.encoding == "utf-8-sig"
    assert list(info.column_map.values())[0] == "Razón social"
    assert "Nº proveedor" in result.suppliers.columns  # BOM not glued to the first header
    # record numbers, header = 1: the row Excel shows; the line break inside the quoted address shifts nothing
    assert result.suppliers["source_row"].to_list() == [2, 3, 4]
    assert result.suppliers["address"][0] == "Km 12 Carretera Sur\r\nNave 4"


def test_regional_tabs_all_read():
    result = read("regional_tabs.xlsx")
    assert result.suppliers["source_sheet"].to_list() == [
        "China",
        "China",
        "Viet Nam",
        "Viet Nam",
        "Viet Nam",
    ]
    assert result.suppliers["row_id"].to_list() == [1, 2, 3, 4, 5]
    assert [i.sheet for i in result.inputs] == ["China", "Viet Nam"]
    assert set(result.inputs[0].skipped_sheets) == {"Notes", "Summary"}


def test_legacy_xls_and_ods_read_by_calamine():
    xls = read("legacy_italian.xls")
    assert xls.inputs[0].file_format == "xls"
    assert xls.suppliers["supplier_id"].to_list() == ["000451", "000452", "000460"]
    assert xls.suppliers["source_row"].to_list() == [4, 5, 6]
    ods = read("dutch.ods")
    assert ods.inputs[0].file_format == "ods"
    assert by_name(ods)["Antwerpse Diamant NV"]["country"] == "België"


def test_formula_cells_give_cached_values_and_text_stays_text():
    result = read("formula_cells.xlsx", BAD)
    names = result.suppliers["name"].to_list()
    assert names == ["ACME TEXTILES LTD", '=HYPERLINK("http://example.com","Click")', "+49 Trading GmbH"]
    assert result.suppliers["spend"].to_list() == ["2500", "30", None]


def test_huge_cell_read_in_full():
    result = read("huge_cell.xlsx", BAD)
    assert result.suppliers["name"].str.len_chars().to_list()[0] == 32767
    assert result.suppliers["Notes"].str.len_chars().to_list()[0] == 32767


def test_duplicate_headers_deduplicated():
    result = read("duplicate_headers.csv", BAD)
    assert result.suppliers.columns[-5:] == ["Name", "Name (2nd)", "Country", "Country (2nd)", "Supplier ID"]
    assert result.inputs[0].column_map == {"supplier_id": "Supplier ID", "name": "Name", "country": "Country"}
    assert result.suppliers["Name (2nd)"].to_list() == ["Acme Trading", None]
    assert result.inputs[0].repeated_headers == {
        "Name": "2 columns are headed 'Name': the 1st is read as the supplier name; all are kept in the report, as "
        "'Name', 'Name (2nd)'. If another of them holds what should be read, give each its own header and run again",
        "Country": "2 columns are headed 'Country': the 1st is read as the country; all are kept in the report, as "
        "'Country', 'Country (2nd)'. If another of them holds what should be read, give each its own header and run "
        "again",
    }


def test_totals_rows_rejected_but_total_sa_kept():
    result = read("totals_rows.xlsx", BAD)
    assert "Total SA" in result.suppliers["name"].to_list()
    assert result.rejected["source_row"].to_list() == [4, 7, 8]
    assert set(result.rejected["reason"]) == {"totals row"}
    assert result.inputs[0].empty_rows == 1


@pytest.mark.parametrize(
    ("source_row", "found"),
    [(3, "n/a"), (4, "#N/A"), (5, "???"), (6, "-"), (7, "12345"), (8, None), (9, None)],
)
def test_placeholder_names_rejected_with_value(source_row, found):
    result = read("placeholder_names.csv", BAD)
    reasons = dict(zip(result.rejected["source_row"], result.rejected["reason"], strict=True))
    expected = "no supplier name in column 'Vendor Name'" + (f" (found '{found}')" if found else "")
    assert reasons[source_row] == expected


def test_ragged_rows_keep_extra_fields():
    result = read("ragged_rows.csv", BAD)
    last = result.suppliers.row(-1, named=True)
    assert (last["name"], last["unnamed_3"], last["unnamed_4"]) == ("Long Row Ltd", "extra", "more")
    assert result.suppliers.row(0, named=True)["country"] is None


def test_chinese_gbk_csv_is_not_read_as_cp1252():
    result = read("chinese_gbk.csv")
    info = result.inputs[0]
    assert info.encoding == "gb18030"
    assert info.column_map["region"] == "省份"
    assert result.suppliers["name"].to_list()[0] == "喀什棉业有限公司"
    assert result.rejected["reason"].to_list() == ["totals row"]


def test_german_cp1252_is_not_mistaken_for_gbk(tmp_path):
    path = tmp_path / "de.csv"
    path.write_bytes("Lieferant;Land\nMüller GmbH;Österreich\nGrößenwerk AG;Deutschland\n".encode("cp1252"))
    result = read_suppliers([path])
    assert result.inputs[0].encoding == "cp1252"
    assert result.suppliers["name"].to_list() == ["Müller GmbH", "Größenwerk AG"]
