"""A supplier file whose country column names the region (a 'Country/Region' column: 'Xinjiang', '新疆', 'Xinjiang
Uygur Autonomous Region') is under the UFLPA presumption: such a supplier was tier low with only 'country not
recognised' (found as an officer screening a list of countries in several languages)."""

from __future__ import annotations

import openpyxl

from screener.pipeline import screen


def test_the_presumption_reads_a_country_column_that_names_xinjiang(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Supplier Name", "Country/Region", "Category"])
    sheet.append(["Golden Field Trading Co", "Xinjiang", "cotton yarn"])
    sheet.append(["Morning Star Textiles Ltd", "新疆维吾尔自治区", "garments"])
    sheet.append(["Rheinland Verpackung GmbH", "Deutschland", "boxes"])
    path = tmp_path / "suppliers.xlsx"
    book.save(path)

    screening = screen([path], model=False)

    table = screening.ranking.join(screening.suppliers, on="row_id").sort("source_row")
    evidence = [
        [reason for reason in reasons if reason.startswith("UFLPA Xinjiang presumption")]
        for reasons in (text.split(" | ") for text in table.get_column("reasons").to_list())
    ]
    assert evidence == [
        ["UFLPA Xinjiang presumption: country mentions 'Xinjiang' (Xinjiang)"],
        ["UFLPA Xinjiang presumption: country mentions '新疆维吾尔自治区' (Xinjiang)"],
        [],
    ]
    assert table.get_column("tier").to_list()[:2] == ["high", "high"]


def test_an_unrecognised_country_says_which_rules_it_stops(tmp_path):
    """'Xinjiang' is no country: the finding says the rules by country are not applied, not that the Xinjiang
    presumption is (it is: the place name is read in the country column)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Supplier Name", "Country/Region"])
    sheet.append(["Golden Field Trading Co", "Xinjiang"])
    path = tmp_path / "suppliers.xlsx"
    book.save(path)

    screening = screen([path], model=False)

    assert screening.data_quality.select("check", "source_row", "value", "detail").rows() == [
        (
            "unrecognised_country",
            2,
            "Xinjiang",
            "country not recognised: rules by country (TIP tier, DOL List of Goods, fragile states, watch list) not "
            "applied, nor ambiguous Xinjiang place names (Aksu, Hami); write it as an ISO code or its English name",
        )
    ]
    assert "UFLPA Xinjiang presumption" in screening.ranking.get_column("reasons").to_list()[0]
