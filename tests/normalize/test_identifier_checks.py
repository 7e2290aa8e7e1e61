"""Supplier identifier columns: read by their headers from a real workbook, checked with python-stdnum."""

import openpyxl
import polars as pl
import pytest

from screener.io import read_suppliers
from screener.normalize.countries import add_country_codes
from screener.normalize.identifier_checks import supplier_identifiers
from screener.normalize.identifiers import parse_identifiers
from screener.quality import QualityInput

HEADER = [
    "Lieferant",
    "Land",
    "USt-IdNr.",
    "Steuernummer",
    "统一社会信用代码",
    "LEI",
    "D-U-N-S Number",
    "IMO",
    "Company Number",
]
ROWS = [
    [
        "Nordlicht Bürobedarf GmbH",
        "DE",
        "DE 136 695 976",
        "12/345/67890",
        None,
        "5299000J2N45DDNE4Y28",
        "150483782",
        None,
        "HRB 12345",
    ],
    ["Hebei Orchard Trading", "CN", None, "9113100033607322XK", None, None, None, None, None],
    [
        "Kaputt GmbH",
        "DE",
        "DE136695977",
        None,
        "9113100033607322XA",
        "5299000J2N45DDNE4Y29",
        "15048378",
        "IMO 9176188",
        None,
    ],
]


@pytest.fixture(scope="module")
def read(tmp_path_factory):
    path = tmp_path_factory.mktemp("ids") / "lieferanten.xlsx"
    book = openpyxl.Workbook()
    for row in [HEADER, *ROWS]:
        book.active.append(row)
    book.save(path)
    return read_suppliers([path])


def test_identifier_headers_map_to_their_fields(read):
    assert read.inputs[0].column_map == {
        "name": "Lieferant",
        "country": "Land",
        "vat_number": "USt-IdNr.",
        "tax_number": "Steuernummer",
        "uscc": "统一社会信用代码",
        "lei": "LEI",
        "duns": "D-U-N-S Number",
        "imo_number": "IMO",
        "registration_number": "Company Number",
    }


def test_valid_identifiers_are_compacted_and_typed(read):
    ids, _ = supplier_identifiers(
        add_country_codes(read.suppliers), QualityInput(read.suppliers, read.inputs).header_of
    )
    first = ids.filter(pl.col("row_id") == 1).select("id_type", "id_value", "id_country", "valid").rows()
    assert first == [
        ("vat", "136695976", "DE", True),
        ("tax_id", "1234567890", "DE", True),
        ("lei", "5299000J2N45DDNE4Y28", "DE", True),
        ("duns", "150483782", "DE", True),
        ("registration", "HRB12345", "DE", True),
    ]
    # a Chinese tax number that is a valid USCC is compared as one
    assert ids.filter(pl.col("row_id") == 2).select("field", "id_type", "id_value").rows() == [
        ("tax_number", "uscc", "9113100033607322XK")
    ]


def test_invalid_identifiers_are_reported_not_dropped(read):
    ids, problems = supplier_identifiers(
        add_country_codes(read.suppliers), QualityInput(read.suppliers, read.inputs).header_of
    )
    assert problems.columns == [
        "check",
        "source_file",
        "source_sheet",
        "source_row",
        "column",
        "value",
        "detail",
        "row_id",
    ]
    assert problems.drop("source_file", "row_id").rows() == [
        ("invalid_identifier", "Sheet", 4, "USt-IdNr.", "DE136695977",
         "not a valid VAT number for DE (the number's checksum or check digit is invalid)"),
        ("invalid_identifier", "Sheet", 4, "统一社会信用代码", "9113100033607322XA",
         "not a valid USCC (the number's checksum or check digit is invalid)"),
        ("invalid_identifier", "Sheet", 4, "LEI", "5299000J2N45DDNE4Y29",
         "not a valid LEI (the number's checksum or check digit is invalid)"),
        ("invalid_identifier", "Sheet", 4, "D-U-N-S Number", "15048378", "a DUNS number has 9 digits, this one 8 characters"),
        ("invalid_identifier", "Sheet", 4, "IMO", "IMO 9176188",
         "not a valid IMO number (the number's checksum or check digit is invalid)"),
    ]  # fmt: skip
    # still kept, for an exact match with a list that carries the same typo, but never to lower a name match
    assert ids.filter(pl.col("row_id") == 3)["valid"].to_list() == [False] * 5


def test_custom_list_identifier_cells():
    found = parse_identifiers("LEI: 5299000J2N45DDNE4Y28; USCC 9113100033607322XK | IMO9176187", "CN")
    assert [(i.type, i.value, i.country) for i in found] == [
        ("lei", "5299000J2N45DDNE4Y28", "CN"),
        ("uscc", "9113100033607322XK", "CN"),
        ("imo", "9176187", "CN"),
    ]
