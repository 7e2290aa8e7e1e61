"""Identifiers, links and addresses of list entries, measured on the real bundled OFAC SDN file."""

import json

import polars as pl
import pytest

from screener.lists import load_lists
from screener.lists.custom import parse_custom
from screener.lists.opensanctions import parse_ftm
from screener.normalize.identifiers import Identifier, identifier_frame, parse_remark


@pytest.fixture(scope="module")
def ofac() -> pl.DataFrame:
    return load_lists().entries.filter(pl.col("list_id") == "ofac-sdn")


def test_every_identifier_type_of_the_bundled_ofac_organisations_with_its_count(ofac):
    organisations = identifier_frame(ofac.filter(pl.col("entity_type") == "entity"))
    counts = dict(organisations.group_by("id_type").len().rows())
    assert (
        counts
        == {
            "registration": 3154,  # Registration Number/ID, Commercial Registry, Chamber of Commerce, Folio Mercantil...
            "tax_id": 2195,  # Tax ID No., NIT #, RUC #, RIF #...
            "gazette": 300,  # Government Gazette Number (Russia's OKPO)
            "business_registration": 233,
            "company_number": 125,
            "imo": 122,  # Identification Number IMO / Company Number IMO of ship owners and managers
            "vat": 108,
            "lei": 71,  # "Legal Entity Number" in OFAC's words
            "uscc": 59,
            "duns": 35,
        }
    )
    vessels = identifier_frame(ofac.filter(pl.col("entity_type") == "vessel"))
    assert dict(vessels.group_by("id_type").len().rows()) == {"imo": 757}


def test_a_uscc_is_typed_with_its_country(ofac):
    raybeam = ofac.filter(pl.col("name") == "RAYBEAM OPTRONICS CO. LTD.")
    assert raybeam["identifiers"].item() == "registration:131082000061293:CN; uscc:9113100033607322XK:CN"


def test_links_and_addresses_of_the_ofac_organisations(ofac):
    entities = ofac.unique("entity_id")
    links = entities["linked_to"].drop_nulls().str.split("; ").explode()
    assert links.len() == 3399
    assert (links == "NATIONAL IRANIAN TANKER COMPANY").sum() == 126
    assert entities["addresses"].drop_nulls().str.split(" | ").explode().len() == 9227


@pytest.mark.parametrize(
    ("remark", "expected"),
    [
        ("Tax ID No. 100036386 (Serbia)", Identifier("tax_id", "100036386", "RS")),
        ("alt. V.A.T. Number BG 121024920 (Bulgaria)", Identifier("vat", "121024920", "BG")),
        (
            "Legal Entity Number 253400V1H6ART1UQ0N98 (Russia)",
            Identifier("lei", "253400V1H6ART1UQ0N98", "RU"),
        ),
        ("Identification Number IMO 5342883.", Identifier("imo", "5342883")),
        (
            "Business Registration Number 1037739709138 (Russia).",
            Identifier("business_registration", "1037739709138", "RU"),
        ),
        (
            "Folio Mercantil No. 343997 (Mexico) issued 14 Dec 2005.",
            Identifier("registration", "343997", "MX"),
        ),
        ("Tax ID No. 32071216470 (Texas) (United States)", Identifier("tax_id", "32071216470", "US")),
        ("D-U-N-S Number 542957624", Identifier("duns", "542957624")),
        ("Organization Established Date 1969.", None),
        ("Innovation Holding", None),
    ],
)
def test_remarks(remark, expected):
    assert parse_remark(remark) == expected


def test_custom_list_identifiers_column(tmp_path):
    path = tmp_path / "blocked.csv"
    path.write_text(
        "name,country,identifiers\n"
        'Redstone Cotton Co Ltd,CN,"USCC 91650100MA77X0Y85U; LEI: 5299000J2N45DDNE4Y28"\n'
        "Blue Harbor Trading,DE,DE136695976\n",
        encoding="utf-8",
    )
    entries, _ = parse_custom(path, list_id="blocked")
    assert entries.unique("entity_id", maintain_order=True)["identifiers"].to_list() == [
        "uscc:91650100MA77X0Y85U:CN; lei:5299000J2N45DDNE4Y28:CN",
        "registration:DE136695976:DE",
    ]


def test_ftm_identifier_properties(tmp_path):
    path = tmp_path / "entities.ftm.json"
    record = {
        "id": "x1",
        "schema": "Company",
        "caption": "Rosmorport",
        "properties": {
            "name": ["Rosmorport"],
            "country": ["ru"],
            "innCode": ["7702352454"],
            "ogrnCode": ["1037702023831"],
            "leiCode": ["2534008X2ZB4QJ5N1H49"],
            "imoNumber": ["IMO 1234567"],
        },
    }
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    entries, _ = parse_ftm(path)
    assert entries["identifiers"].item() == (
        "lei:2534008X2ZB4QJ5N1H49:RU; tax_id:7702352454:RU; business_registration:1037702023831:RU; imo:1234567:RU"
    )
