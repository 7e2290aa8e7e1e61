"""A file whose headers are the tool's own words ('name', 'country', 'spend') has them carried as input_name,
input_country, input_spend inside the tool: the Data quality sheet said 'input_name', a header the officer's file
does not have. Every row names the file's own header."""

from __future__ import annotations

import openpyxl

from tests.pipeline.officer import screened


def test_data_quality_rows_name_the_files_own_headers(tmp_path):
    path = tmp_path / "suppliers.csv"
    path.write_text(
        "name,country,spend,last audit\n"
        "Acme\u200b Tools GmbH,Germany,abc,not yet\n"
        "Bravo Parts AG,Narnia,1000,2024-01-01\n",
        encoding="utf-8",
    )
    _, out = screened(path)
    sheet = openpyxl.load_workbook(out)["Data quality"]
    header = [cell.value for cell in sheet[1]]
    rows = [
        (row[header.index("Check")], row[header.index("Column")], row[header.index("Value")])
        for row in sheet.iter_rows(min_row=2, values_only=True)
    ]
    assert rows == [
        ("unrecognised_country", "country", "Narnia"),
        ("invisible_characters", "name", "Acme<U+200B> Tools GmbH"),
        ("unparseable_date", "last audit", "not yet"),
        ("unparseable_spend", "spend", "abc"),
        ("currency_assumed", "spend", "1000"),
    ]
    details = " ".join(
        str(row[header.index("Detail")]) for row in sheet.iter_rows(min_row=2, values_only=True)
    )
    assert "input_" not in details
