"""An .ods written by a program whose text cells carry no office:value-type (odfpy's default): LibreOffice shows
them, calamine read them as empty and the file was "no data in any sheet". Written here as odfpy writes it (the
mimetype entry first and stored, content.xml, the manifest)."""

from __future__ import annotations

import hashlib
import zipfile

from click.testing import CliRunner

from screener.cli import cli
from screener.io import read_suppliers

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)


def cell(text: str) -> str:
    return f"<table:table-cell><text:p>{text}</text:p></table:table-cell>"


def write_ods(path, rows_xml: str, sheet: str = "Proveedores") -> None:
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS} office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{sheet}">{rows_xml}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", MANIFEST, zipfile.ZIP_DEFLATED)


ROWS = (
    "<table:table-row>" + cell("Proveedor") + cell("País") + cell("Importe (EUR)") + "</table:table-row>"
    # an empty row repeated, as spreadsheets write gaps
    '<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>'
    "<table:table-row>"
    + cell('Textiles<text:s text:c="2"/>Andinos SA')
    + cell("Perú")
    + cell("1.234,56")
    + "</table:table-row>"
    # a typed number beside untyped text; a cell repeated over two columns; the sheet's empty tail
    '<table:table-row><table:table-cell office:value-type="string"><text:p>Minera del Sur</text:p>'
    '</table:table-cell><table:table-cell table:number-columns-repeated="1">'
    "<text:p>Bolivia</text:p></table:table-cell>"
    '<table:table-cell office:value-type="float" office:value="99000"><text:p>99.000</text:p></table:table-cell>'
    '<table:table-cell table:number-columns-repeated="16000"/></table:table-row>'
    '<table:table-row table:number-rows-repeated="1048000"><table:table-cell/></table:table-row>'
)


def test_untyped_text_cells_are_read_as_libreoffice_shows_them(tmp_path):
    path = tmp_path / "proveedores.ods"
    write_ods(path, ROWS)
    read = read_suppliers([path])
    assert read.suppliers.select("source_row", "name", "country", "spend").rows() == [
        (4, "Textiles  Andinos SA", "Perú", "1.234,56"),
        (5, "Minera del Sur", "Bolivia", "99000"),
    ]
    (info,) = read.inputs
    assert (info.file_format, info.sheet, info.header_row, info.blank_rows) == (
        "ods",
        "Proveedores",
        1,
        [2, 3],
    )


def test_screen_an_untyped_ods_end_to_end_and_leave_it_unchanged(tmp_path):
    path = tmp_path / "proveedores.ods"
    write_ods(path, ROWS)
    before = hashlib.md5(path.read_bytes()).hexdigest()
    result = CliRunner().invoke(cli, ["screen", str(path), "-o", str(tmp_path / "r.json"), "--no-model"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "Rows read: 2 from 1 file; ranked 2, rejected 0",
        "Blank rows skipped (nothing in them to screen): 2, 'proveedores.ods' sheet 'Proveedores' rows 2-3",
    ]
    assert hashlib.md5(path.read_bytes()).hexdigest() == before
