"""A company's own list in CSV or xlsx, written by real Excel writers."""

import openpyxl
import polars as pl
import pytest
import xlsxwriter

from screener.errors import ListError
from screener.lists.custom import parse_custom

ROWS = [
    (
        "BL-001",
        "Hetian Taida Apparel Co., Ltd.",
        "Hetian Taida; Hotan Taida Apparel",
        "China",
        "CBP WRO 2019-09-30",
    ),
    ("BL-002", "Giant Manufacturing Co., Ltd.", "", "Taiwan", "Internal audit 2025: recruitment fees"),
    ("BL-002", "Giant Mfg", "", "TW", ""),
]


def test_csv_with_synonym_headers(tmp_path):
    path = tmp_path / "blocked.csv"
    lines = ["Reference,Supplier,AKA,Country,Reason"]
    lines += [",".join(f'"{cell}"' for cell in row) for row in ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    entries, info = parse_custom(path, list_id="our-list")
    assert info.entity_count == 2  # rows sharing an id are names of one entity
    taida = entries.filter(pl.col("entity_id") == "our-list:bl-001")
    assert taida.get_column("name").to_list() == [
        "Hetian Taida Apparel Co., Ltd.",
        "Hetian Taida",
        "Hotan Taida Apparel",
    ]
    assert taida.get_column("country_code").unique().to_list() == ["CN"]
    assert taida.get_column("program").unique().to_list() == ["CBP WRO 2019-09-30"]
    giant = entries.filter(pl.col("entity_id") == "our-list:bl-002")
    assert giant.filter(pl.col("is_alias")).get_column("name").to_list() == ["Giant Mfg"]


def _openpyxl(path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Blocked suppliers - internal"])
    sheet.append([])
    sheet.append(["ID", "Company name", "Aliases", "Country", "Notes"])
    for row in ROWS:
        sheet.append(list(row))
    workbook.save(path)


def _xlsxwriter(path):
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("List")
    sheet.write_row(0, 0, ["Entity", "Also known as", "Jurisdiction", "Ref", "Programme"])
    for index, (ref, name, aliases, country, notes) in enumerate(ROWS, start=1):
        sheet.write_row(index, 0, [name, aliases, country, ref, notes])
    workbook.close()


@pytest.mark.parametrize("writer", [_openpyxl, _xlsxwriter])
def test_xlsx_from_real_writers(tmp_path, writer):
    path = tmp_path / "blocked.xlsx"
    writer(path)
    entries, info = parse_custom(path, list_id="xl")
    assert info.entity_count == 2
    assert info.name_count == 5
    assert set(entries.get_column("country_code")) == {"CN", "TW"}


def test_empty_name_names_the_row(tmp_path):
    path = tmp_path / "blocked.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["Name", "Country"])
    workbook.active.append(["Hero Vast Group", "China"])
    workbook.active.append([None, "China"])
    workbook.save(path)
    with pytest.raises(ListError, match=r"^blocked\.xlsx row 3: the name is empty\."):
        parse_custom(path)


def test_no_name_column(tmp_path):
    path = tmp_path / "blocked.csv"
    path.write_text("Country,Spend\nChina,100\n", encoding="utf-8")
    with pytest.raises(ListError, match=r"blocked\.csv: no name column"):
        parse_custom(path)


def test_list_laid_out_like_a_supplier_file_in_german(tmp_path):
    path = tmp_path / "sperrliste.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Gesperrte Lieferanten, Stand 2026"])
    sheet.append([])
    sheet.append(["Lieferanten-Nr", "Lieferantenname", "Land", "Bemerkung"])
    sheet.append(["70001", "Hero Vast Group", "China", "CBP WRO 2020-08-11"])
    sheet.append(["70002", "Asli Maydi", "Somalia", "CBP WRO 2024-11-01"])
    workbook.save(path)
    entries, info = parse_custom(path, list_id="sperr")
    assert info.entity_count == 2
    assert info.extra["header_row"] == 3
    assert entries.select("entity_id", "name", "country_code").rows() == [
        ("sperr:70001", "Hero Vast Group", "CN"),
        ("sperr:70002", "Asli Maydi", "SO"),
    ]
