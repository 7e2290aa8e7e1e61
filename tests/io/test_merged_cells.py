"""A supplier's name merged down over the rows of its plants (a hand-kept German 'Werke' list): Excel shows the
name on every row, calamine gives it to the top row only. Every plant is screened under the name, at its own row;
nothing else is filled (a cell merged across columns stays in its first column)."""

from __future__ import annotations

import re
import zipfile

import openpyxl

from screener.io import read_suppliers


def test_a_name_merged_down_over_plants_is_on_every_plants_row(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Werke"
    sheet["B1"] = (
        "Lieferantenliste Werke"  # title above, table from column B: columns counted from the used range
    )
    sheet.append([])
    sheet.append([None, "Lieferant", "Werk", "Land", "Umsatz 2025 (EUR)"])
    sheet.append([None, "Hoshine Silicon Industry Co Ltd", "Shanshan", "CN", 1000])
    sheet.append([None, None, "Jiaxing", None, 2000])
    sheet.append([None, None, "Luzhou", None, 500])
    sheet.merge_cells("B4:B6")
    sheet.merge_cells("D4:D6")
    sheet.append([None, "Bergmann Stahl AG", "Duisburg", "DE", 300])
    sheet.append([None, None, "Essen", "DE", 10])  # an empty name not merged: still rejected
    path = tmp_path / "werke.xlsx"
    book.save(path)
    before = path.read_bytes()

    read = read_suppliers([path])

    assert read.suppliers.select("source_row", "name", "Werk", "country").rows() == [
        (4, "Hoshine Silicon Industry Co Ltd", "Shanshan", "CN"),
        (5, "Hoshine Silicon Industry Co Ltd", "Jiaxing", "CN"),
        (6, "Hoshine Silicon Industry Co Ltd", "Luzhou", "CN"),
        (7, "Bergmann Stahl AG", "Duisburg", "DE"),
    ]
    assert read.rejected.select("source_row", "reason").rows() == [
        (8, "no supplier name in column 'Lieferant'")
    ]
    assert path.read_bytes() == before


def test_a_formula_saved_with_its_value_is_read_as_the_value(tmp_path):
    """What Excel writes when it saves a formula: the formula and its value. Only a formula without one is an
    error; this one is a name like any."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Supplier Name", "Country"])
    sheet.append(["Nantong Textile Co", "CN"])
    sheet.append(["=A2", "CN"])
    written = tmp_path / "written.xlsx"
    book.save(written)
    saved = tmp_path / "saved.xlsx"
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(saved, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                # openpyxl writes the empty value as <v /> or, with lxml installed, <v/> or <v></v>
                data = re.sub(
                    rb'<c r="A3"><f>A2</f><v ?/>(?:</v>)?</c>|<c r="A3"><f>A2</f><v></v></c>',
                    b'<c r="A3" t="str"><f>A2</f><v>Nantong Textile Co</v></c>',
                    data,
                )
                assert b"Nantong Textile Co</v>" in data
            target.writestr(item, data)

    read = read_suppliers([saved])

    assert read.suppliers.select("source_row", "name").rows() == [
        (2, "Nantong Textile Co"),
        (3, "Nantong Textile Co"),
    ]
    assert read.rejected.height == 0
