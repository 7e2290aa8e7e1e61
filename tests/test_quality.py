"""Data-quality checks (screener.quality): duplicates and unrecognised countries are listed with the row Excel
shows and the input's own header; nothing is dropped; a new check is one registered function."""

from pathlib import Path

import openpyxl
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screener.io import read_suppliers
from screener.normalize.countries import add_country_codes
from screener.pipeline import screen
from screener.quality import (
    CHECKS,
    QualityInput,
    data_quality,
    issue_rows,
    quality_check,
    quality_summary,
)
from screener.report import write_report
from screener.report.tables import supplier_table
from screener.schema import CHECK, COLUMN, DETAIL, DUPLICATE_OF, NAME, ROW_ID, SOURCE_ROW, VALUE

ROWS = [
    ("Supplier No", "Supplier Name", "Country", "Goods"),
    ("S-1", "Acme Textiles Ltd", "China", "cotton yarn"),
    ("S-2", "ACME TEXTILES LIMITED", "CN", "cotton yarn"),
    ("s-1", "Nordlicht Bürobedarf GmbH", "Germany", "office supplies"),
    ("S-4", "Acme Textiles Ltd", "Viet Nam", "cotton yarn"),
    ("S-5", "Bolt & Nut Trading", "Atlantis", "bolts"),
    ("S-6", "Acme Textiles Ltd", "China", "cotton"),
]


def _workbook(path: Path, rows=ROWS, title_rows: int = 2) -> Path:
    """An xlsx made by openpyxl with a title block above the header, as ERP exports have."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Vendors"
    sheet.append(["Vendor master export"])
    for _ in range(title_rows - 1):
        sheet.append([])
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def _quality(paths) -> pl.DataFrame:
    read = read_suppliers(paths)
    return data_quality(QualityInput(add_country_codes(read.suppliers), read.inputs))


def test_duplicates_and_unknown_countries_are_listed_with_excel_rows(tmp_path):
    table = _quality([_workbook(tmp_path / "vendors.xlsx")])
    # header on Excel row 3: the first supplier is row 4
    assert table.select(CHECK, SOURCE_ROW, COLUMN, VALUE).rows() == [
        ("duplicate_id", 6, "Supplier No", "s-1"),
        ("duplicate_name_country", 5, "Supplier Name", "ACME TEXTILES LIMITED"),
        ("duplicate_name_country", 9, "Supplier Name", "Acme Textiles Ltd"),
        ("unrecognised_country", 8, "Country", "Atlantis"),
    ]
    assert table.get_column(DETAIL).to_list()[:2] == [
        "same supplier id as row 4; both rows are screened and ranked",
        "same name and country as row 4 (compared without legal form, case and accents); both rows are "
        "screened and ranked",
    ]


def test_same_name_in_another_country_is_not_a_duplicate(tmp_path):
    table = _quality([_workbook(tmp_path / "vendors.xlsx")])
    viet_nam_row = 7
    assert viet_nam_row not in table.get_column(SOURCE_ROW).to_list()


def test_a_row_repeating_id_and_name_is_listed_once_as_duplicate_id(tmp_path):
    rows = [
        ROWS[0],
        ("S-1", "Acme Textiles Ltd", "China", "yarn"),
        ("S-1", "Acme Textiles Ltd.", "CN", "yarn"),
    ]
    table = _quality([_workbook(tmp_path / "vendors.xlsx", rows)])
    assert table.select(CHECK, SOURCE_ROW).rows() == [("duplicate_id", 5)]


def test_duplicates_across_files_name_file_and_sheet_and_each_files_header(tmp_path):
    first = _workbook(tmp_path / "q1.xlsx")
    second = tmp_path / "q2.csv"
    second.write_text("Lieferantennr,Lieferant,Land\nS-9,Acme Textiles Limited,CHN\n", encoding="utf-8")
    table = _quality([first, second]).filter(pl.col(SOURCE_ROW) == 2)
    assert table.select(CHECK, COLUMN).rows()[0] == ("duplicate_name_country", "Lieferant")
    assert table.get_column(DETAIL)[0].startswith(f"same name and country as {first} [Vendors] row 4")


def test_no_findings_gives_an_empty_table_in_the_contract(tmp_path):
    rows = [ROWS[0], ("S-1", "Acme Textiles Ltd", "China", "yarn"), ("S-2", "Nordlicht GmbH", "DE", "paper")]
    table = _quality([_workbook(tmp_path / "vendors.xlsx", rows)])
    assert table.is_empty()
    assert table.columns == [
        "check",
        "source_file",
        "source_sheet",
        "source_row",
        "column",
        "value",
        "detail",
        "row_id",
    ]


def test_a_new_check_is_one_registered_function(tmp_path, monkeypatch):
    monkeypatch.setattr("screener.quality.CHECKS", list(CHECKS))

    @quality_check
    def name_in_capitals(data: QualityInput) -> pl.DataFrame:
        rows = data.suppliers.filter(pl.col(NAME) == pl.col(NAME).str.to_uppercase())
        return issue_rows(rows, "name_in_capitals", NAME, data, "written in capitals")

    from screener import quality

    assert quality.CHECKS[-1] is name_in_capitals
    table = _quality([_workbook(tmp_path / "vendors.xlsx")])
    assert table.filter(pl.col(CHECK) == "name_in_capitals").select(SOURCE_ROW, VALUE).rows() == [
        (5, "ACME TEXTILES LIMITED")
    ]


def test_rows_found_by_a_stage_join_the_table_in_the_contract():
    found = pl.DataFrame(
        {"check": ["invalid_bytes"], "source_file": ["a.csv"], "source_row": [7], "detail": ["x"]}
    )
    table = data_quality(QualityInput(pl.DataFrame(schema={ROW_ID: pl.Int64, NAME: pl.String})), [found])
    assert table.rows() == [("invalid_bytes", "a.csv", None, 7, None, None, "x", None)]


def test_summary_counts_rows_and_shows_distinct_examples(tmp_path):
    summary = quality_summary(_quality([_workbook(tmp_path / "vendors.xlsx")]))
    assert summary.rows() == [
        ("duplicate_id", 1, "'s-1' (row 6)"),
        ("duplicate_name_country", 2, "'ACME TEXTILES LIMITED' (row 5), 'Acme Textiles Ltd' (row 9)"),
        ("unrecognised_country", 1, "'Atlantis' (row 8)"),
    ]


@pytest.fixture(scope="module")
def screened(tmp_path_factory):
    path = _workbook(tmp_path_factory.mktemp("dq") / "vendors.xlsx")
    return screen([path], model=False)


def test_duplicates_are_screened_ranked_and_marked(screened):
    assert screened.ranking.height == len(ROWS) - 1
    table = supplier_table(screened)
    marks = dict(table.select(SOURCE_ROW, DUPLICATE_OF).rows())
    assert marks == {
        4: None,
        5: "Duplicate of row 4 (same name and country)",
        6: "Duplicate of row 4 (same supplier id)",
        7: None,
        8: None,
        9: "Duplicate of row 4 (same name and country)",
    }
    assert screened.manifest["data_quality"] == {
        "duplicate_id": 1,
        "duplicate_name_country": 2,
        "unrecognised_country": 1,
    }


def test_workbook_has_the_data_quality_sheet_and_summary(tmp_path, screened):
    (path,) = write_report(screened, tmp_path / "report.xlsx")
    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book["Data quality"].iter_rows(values_only=True))
    assert rows[0][:7] == ("Check", "Source file", "Source sheet", "Source row", "Column", "Value", "Detail")
    assert [(r[0], r[3], r[5]) for r in rows[1:]] == [
        ("duplicate_id", 6, "s-1"),
        ("duplicate_name_country", 5, "ACME TEXTILES LIMITED"),
        ("duplicate_name_country", 9, "Acme Textiles Ltd"),
        ("unrecognised_country", 8, "Atlantis"),
    ]
    suppliers = list(book["Suppliers"].iter_rows(values_only=True))
    header = suppliers[0]
    marked = {r[header.index("Source row")]: r[header.index("Duplicate of")] for r in suppliers[1:]}
    assert marked[6] == "Duplicate of row 4 (same supplier id)"
    summary = [r[:3] for r in book["Summary"].iter_rows(values_only=True)]
    start = summary.index(("Data quality (rows; each one on the Data quality sheet)", "Rows", "Examples"))
    assert summary[start + 3] == ("  unrecognised_country", 1, "'Atlantis' (row 8)")


def test_workbook_without_duplicates_has_no_duplicate_column(tmp_path):
    rows = [ROWS[0], ("S-1", "Acme Textiles Ltd", "China", "yarn"), ("S-2", "Nordlicht GmbH", "DE", "paper")]
    screening = screen([_workbook(tmp_path / "vendors.xlsx", rows)], model=False)
    (path,) = write_report(screening, tmp_path / "report.xlsx")
    book = openpyxl.load_workbook(path, read_only=True)
    header = next(book["Suppliers"].iter_rows(values_only=True))
    assert "Duplicate of" not in header
    assert list(book["Data quality"].iter_rows(values_only=True))[1:] == []


@pytest.mark.parametrize("fmt", ["csv", "parquet", "json"])
def test_machine_formats_carry_the_table(tmp_path, screened, fmt):
    (path,) = write_report(screened, tmp_path / f"report-{fmt}", fmt)
    if fmt == "csv":
        table = pl.read_csv(path / "data_quality.csv")
    elif fmt == "parquet":
        table = pl.read_parquet(path / "data_quality.parquet")
    else:
        import json

        table = pl.DataFrame(json.loads(path.read_text())["data_quality"])
    assert table.select(CHECK, SOURCE_ROW).rows() == [
        ("duplicate_id", 6),
        ("duplicate_name_country", 5),
        ("duplicate_name_country", 9),
        ("unrecognised_country", 8),
    ]


# Names that differ only by what the name key leaves out: legal forms (at the end, the start, inside, with a typo),
# a leading "the", a trailing "and", an ERP note, a lone last letter, dotted initials, case, accents, punctuation;
# and names that look alike but are not the same supplier. Each group is the same name in one country.
SPELLINGS = [
    (
        "Acme Textiles Ltd",
        "ACME TEXTILES LIMITED",
        "Acme Textiles Limted",
        "acme textiles, ltd.",
        "Acme-Textiles",
    ),
    ("The Boltwerk Company", "Boltwerk Co.", "BOLTWERK AND", "Boltwerk S.A.", "Boltwerk S. A.", "boltwerk s"),
    ("Nordlicht Bürobedarf GmbH", "NORDLICHT BUROBEDARF", "Nordlicht Bürobedarf G.m.b.H."),
    ("OOO Severstal Trade", "Severstal Trade LLC", "Северсталь Трейд"),
    ("上海纺织有限公司", "上海纺织"),
    ("Kim's 3D Print Co", "Kims 3 D Print", "KIM`S 3D-PRINT CO LTD"),
    ("Rivera & Sons Trading S.A. de C.V.", "Rivera and Sons Trading SA de CV", "RIVERA & SONS TRADING"),
    ("Delta Steel Works (DO NOT USE)", "Delta Steel Works", "DELTA STEEL WORKS - DO NOT USE"),
    ("L.L.C. Orion Freight", "Orion Freight LLC", "Orion Freight"),
    ("A B C Trading", "ABC Trading", "A.B.C. Trading Ltd"),
]


def test_duplicate_names_are_found_as_by_the_exact_key_of_every_row(tmp_path):
    """duplicate_name_country computes the name key only for rows whose rough key (the words no legal form can
    take) and country another row shares: it must find exactly the duplicates the key of every row finds."""
    from screener.quality import _country_key, _duplicates_by, _exact_name_key, _name_key

    names = [name for group in SPELLINGS for name in group]
    names += [
        "Acme Textile Ltd",
        "Acme Trading Ltd",
        "Boltwerk Holding",
        "Severstal",
        "Limited",
        "Co Ltd",
        "A",
    ]
    rows = [(f"S-{n}", name, country, "goods") for n, name in enumerate(names) for country in ("CN", "DE")]
    rows += [("S-x", names[0], "Atlantis", "goods"), ("S-y", None, "CN", "goods")]
    read = read_suppliers([_workbook(tmp_path / "vendors.xlsx", [ROWS[0], *rows])])
    suppliers = add_country_codes(read.suppliers)
    exact = suppliers.get_column(NAME).map_elements(_exact_name_key, return_dtype=pl.String)
    found = {}
    for how, keys in (("exact", exact), ("rough first", _name_key(suppliers, _country_key()))):
        dups = _duplicates_by(suppliers.with_columns(keys.alias("_key")), [pl.col("_key"), _country_key()])
        found[how] = dups.select(ROW_ID, "_first").rows()
    assert found["rough first"] == found["exact"]
    assert len(found["exact"]) >= 2 * sum(len(group) - 1 for group in SPELLINGS[:3])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_plain_ascii_names_get_the_surface_tokens_of_the_name_key(text):
    """The rough key tokenises plain ASCII names in polars: the same tokens surface_tokens makes."""
    from screener.normalize.names import surface_tokens
    from screener.quality import _DOTTED_INITIALS, _ascii_tokens

    frame = pl.DataFrame({"name": [text]})
    if frame.select(pl.col("name").str.contains(_DOTTED_INITIALS)).item():
        return
    assert tuple(frame.select(_ascii_tokens(pl.col("name"))).item()) == surface_tokens(text)
