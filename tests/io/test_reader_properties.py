"""Property tests for the reader: what is written is read back exactly; bad bytes give InputFileError, nothing else."""

from __future__ import annotations

import csv
import io
import tempfile
import unicodedata
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screener.errors import InputFileError
from screener.io import read_suppliers
from screener.io.table import NOT_A_NAME

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Any text a cell can hold: no NUL or other C0 controls except tab and line breaks (XML 1.0 cannot carry them).
cell_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cn"), blacklist_characters="\x00\x0b\x0c\ufffe\uffff"
    ),
    max_size=40,
).filter(lambda s: all(ch >= " " or ch in "\t\r\n" for ch in s))
# A name a supplier could have: something with a letter, no surrounding whitespace.
name_text = cell_text.map(str.strip).filter(lambda s: any(ch.isalpha() for ch in s))


def written_csv(rows: list[list[str]], delimiter: str = ",") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path = Path(tempfile.mkdtemp()) / "suppliers.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    return path


def written_xlsx(rows: list[list[str]]) -> Path:
    path = Path(tempfile.mkdtemp()) / "suppliers.xlsx"
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    sheet = workbook.add_worksheet("Suppliers")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value:
                sheet.write_string(r, c, value)
    workbook.close()
    return path


def visible(text: str) -> str:
    """A cell as the name field reads it: format characters (Unicode Cf: zero-width space, byte-order mark, soft
    hyphen) left out, other control characters than tab and line breaks as a space, then stripped."""
    kept = (" " if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" else ch for ch in text)
    return "".join(ch for ch in kept if unicodedata.category(ch) != "Cf").strip()


def check_read_back(path: Path, names: list[str], countries: list[str]) -> None:
    """Every row is a supplier or rejected; kept rows come back exactly, in order, with their line numbers."""
    read = read_suppliers([path])
    assert read.suppliers.height + read.rejected.height == len(names)
    kept = read.suppliers
    by_row = dict(zip(kept["source_row"].to_list(), kept["Supplier Name"].to_list(), strict=True))
    for row_number, name in by_row.items():
        assert name == names[row_number - 2]
    assert kept["name"].to_list() == [visible(by_row[r]) for r in kept["source_row"].to_list()]
    assert kept["Country"].to_list() == [countries[r - 2] or None for r in kept["source_row"].to_list()]


@SETTINGS
@given(
    names=st.lists(name_text.filter(lambda s: "\r" not in s and "\n" not in s), min_size=1, max_size=12),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_csv_names_read_back_exactly(names, delimiter):
    countries = ["CN" if i % 2 else "Viet Nam" for i in range(len(names))]
    path = written_csv(
        [["Supplier Name", "Country"], *map(list, zip(names, countries, strict=True))], delimiter
    )
    check_read_back(path, names, countries)
    shown = [visible(n) for n in names]
    expected = [
        n
        for n in shown
        if n.lower() not in NOT_A_NAME and n.lower() != "supplier name" and any(c.isalpha() for c in n)
    ]
    assert read_suppliers([path]).suppliers["name"].to_list() == expected


@SETTINGS
@given(
    names=st.lists(name_text, min_size=1, max_size=12),
    countries=st.lists(cell_text, min_size=12, max_size=12),
)
def test_xlsx_names_read_back_exactly(names, countries):
    countries = [c.strip() for c in countries[: len(names)]]
    path = written_xlsx([["Supplier Name", "Country"], *map(list, zip(names, countries, strict=True))])
    check_read_back(path, names, countries)


@SETTINGS
@given(ids=st.lists(st.from_regex(r"\A0[0-9]{1,9}\Z"), min_size=1, max_size=8))
def test_ids_with_leading_zeros_stay_text(ids):
    rows = [["Vendor No", "Vendor Name"], *[[i, f"Supplier {n}"] for n, i in enumerate(ids)]]
    for path in (written_csv(rows), written_xlsx(rows)):
        assert read_suppliers([path]).suppliers["supplier_id"].to_list() == ids


@SETTINGS
@given(
    content=st.binary(max_size=2048),
    suffix=st.sampled_from([".xlsx", ".xls", ".csv", ".txt", ".ods", ""]),
)
def test_arbitrary_bytes_give_input_file_error_or_a_read(content, suffix):
    path = Path(tempfile.mkdtemp()) / f"input{suffix}"
    path.write_bytes(content)
    try:
        read = read_suppliers([path])
    except InputFileError as error:
        assert str(path) in str(error)
    else:
        assert read.suppliers.height + read.rejected.height >= 1


VALID_XLSX = (FIXTURES / "layouts" / "regional_tabs.xlsx").read_bytes()


@SETTINGS
@given(data=st.data())
def test_damaged_xlsx_gives_input_file_error_or_a_read(data):
    """Flip, cut or overwrite bytes of a real workbook: the reader must never raise anything but InputFileError."""
    content = bytearray(VALID_XLSX)
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(content) - 1))
        content[position] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        content = content[: data.draw(st.integers(1, len(content)))]
    path = Path(tempfile.mkdtemp()) / "damaged.xlsx"
    path.write_bytes(bytes(content))
    try:
        read_suppliers([path])
    except InputFileError:
        pass


@pytest.mark.parametrize(
    "name",
    [
        "Total",
        "Grand Total",
        "Summe",
        "Gesamt",
        "Total général",
        "Subtotal Asia",
        "Gesamtergebnis",
        "Ergebnis",
    ],
)
def test_totals_labels_with_a_number_are_rejected(name):
    path = written_csv([["Supplier Name", "Spend"], ["Real Ltd", "5"], [name, "1.234,00"]])
    read = read_suppliers([path])
    assert read.rejected["reason"].to_list() == ["totals row"]
