"""Header synonyms: which header means which field, in several languages, and which headers must not map."""

from __future__ import annotations

import pytest

from screener.io.columns import header_qualities, map_columns, normalize_header, synonym_table

# (header as found in real files, the field it must map to on its own; None = must not map to anything)
HEADER_CASES = [
    # name
    ("Supplier Name", "name"),
    ("Vendor Name", "name"),
    ("SUPPLIER_NAME", "name"),
    ("supplierName", "name"),
    ("Name1", "name"),
    ("NAME 1", "name"),
    ("Supplier Name (legal)", "name"),
    ("Supplier name [as registered]", "name"),
    ("Lieferantenname", "name"),
    ("Name des Lieferanten", "name"),
    ("Raison sociale", "name"),
    ("Nom du fournisseur", "name"),
    ("Razón social", "name"),
    ("Nombre del proveedor", "name"),
    ("Ragione sociale", "name"),
    ("Razão social", "name"),
    ("Nome do fornecedor", "name"),
    ("Leveranciersnaam", "name"),
    ("供应商名称", "name"),
    ("供应商名称（中文）", "name"),
    ("公司名称", "name"),
    ("Company", "name"),
    ("Factory name", "name"),
    # supplier_id
    ("Vendor ID", "supplier_id"),
    ("Supplier No.", "supplier_id"),
    ("Kreditor", "supplier_id"),
    ("Lieferantennummer", "supplier_id"),
    ("Lieferanten-Nr.", "supplier_id"),
    ("LIFNR", "supplier_id"),
    ("Code fournisseur", "supplier_id"),
    ("Código de proveedor", "supplier_id"),
    ("供应商编号", "supplier_id"),
    # country
    ("Country", "country"),
    ("Ctry", "country"),
    ("Country of origin", "country"),
    ("Land", "country"),
    ("Pays", "country"),
    ("País", "country"),
    ("Paese", "country"),
    ("国家", "country"),
    ("国家/地区", "country"),
    ("Supplier country", "country"),
    # goods
    ("Commodity", "goods"),
    ("Material group", "goods"),
    ("Warengruppe", "goods"),
    ("Produit", "goods"),
    ("Producto", "goods"),
    ("Categoria merceologica", "goods"),
    ("主要产品", "goods"),
    ("Product category", "goods"),
    # spend
    ("Spend", "spend"),
    ("Annual spend", "spend"),
    ("Annual Spend (EUR)", "spend"),
    ("Umsatz", "spend"),
    ("Einkaufsvolumen", "spend"),
    ("Montant annuel (€)", "spend"),
    ("年采购额", "spend"),
    # others
    ("HS code", "hs_code"),
    ("HTS", "hs_code"),
    ("Zolltarifnummer", "hs_code"),
    ("Commodity code", "hs_code"),
    ("Address", "address"),
    ("Street", "address"),
    ("Anschrift", "address"),
    ("Straße", "address"),
    ("Adresse", "address"),
    ("City", "city"),
    ("Ort", "city"),
    ("Ville", "city"),
    ("Province", "region"),
    ("State", "region"),
    ("Bundesland", "region"),
    ("Province/State", "region"),
    ("Audit date", "audit_date"),
    ("Last audit date", "audit_date"),
    ("Audit result", "audit_result"),
    ("Auditergebnis", "audit_result"),
    ("Audit findings", "audit_findings"),
    # worker voice
    ("Grievance mechanism", "grievance_mechanism"),
    ("Worker survey score", "worker_survey_result"),
    ("Worker committee / union", "worker_organisation"),
    ("Gewerkschaft", "worker_organisation"),
    ("Recruitment fees paid by workers", "recruitment_fees"),
    ("Migrant worker %", "migrant_worker_share"),
    ("Share of migrant workers (%)", "migrant_worker_share"),
    ("Agency workers", "agency_worker_share"),
    ("Female workers %", "female_worker_share"),
    ("Certifications", "certifications"),
    # vi, tr, pl
    ("Tên nhà cung cấp", "name"),
    ("Tedarikçi adı", "name"),
    ("Nazwa dostawcy", "name"),
    ("Quốc gia", "country"),
    ("Ülke", "country"),
    ("Địa chỉ", "address"),
    # a currency column of its own
    ("Currency", "currency"),
    ("Währung", "currency"),
    ("WAERS", "currency"),
    ("币种", "currency"),
    # must not map
    ("Contact name", None),
    ("Contact person", None),
    ("Name 2", None),
    ("E-mail address", None),
    ("Bank name", None),
    ("Notes", None),
    ("Exchange rate", None),
    ("Phone", None),
    ("Next audit date", None),
    ("Postal code", None),
]


@pytest.mark.parametrize(("header", "field"), HEADER_CASES, ids=[h for h, _ in HEADER_CASES])
def test_header_maps_to_field(header, field):
    mapping = map_columns([[header]])
    assert dict(mapping.columns) == ({field: 0} if field else {})


def test_normalize_header_ignores_case_accents_punctuation_and_camel_case():
    assert normalize_header("  Raison-Sociale ") == "raison sociale"
    assert normalize_header("supplierName") == "supplier name"
    assert normalize_header("HSCode") == "hs code"
    assert normalize_header("Name1") == "name 1"
    assert normalize_header("Straße") == "strasse"
    assert normalize_header("País\u00a0de origen") == "pais de origen"


def test_every_synonym_entry_is_already_normalised():
    """Entries are written normalised, so a reader of the TOML sees exactly what is compared."""
    import tomllib

    from screener.io.columns import SYNONYMS_FILE

    raw = tomllib.loads(SYNONYMS_FILE.read_text(encoding="utf-8"))
    for name, entry in raw.items():
        for key in ("specific", "common", "generic", "weak", "block"):
            for word in entry.get(key, []):
                assert normalize_header(word) == word, f"{name}.{key}: {word!r}"
    assert synonym_table().phrases  # loads


def test_name1_beats_vendor_which_becomes_the_id():
    mapping = map_columns([["Vendor"], ["Name 1"], ["Name 2"], ["Ctry"]])
    assert mapping.columns == {"name": 1, "supplier_id": 0, "country": 3}


def test_vendor_alone_is_the_name():
    assert map_columns([["Vendor"], ["Country"]]).columns == {"name": 0, "country": 1}


def test_one_column_never_feeds_two_fields_and_each_field_takes_its_best_column():
    mapping = map_columns([["Name"], ["Supplier Name"], ["Country"], ["Country of origin"]])
    assert mapping.columns["name"] == 1
    assert mapping.columns["country"] == 2
    assert len(set(mapping.columns.values())) == len(mapping.columns)


def test_partial_match_scores_lower_than_exact():
    assert header_qualities("Annual spend")["spend"] == 1.0
    assert 0.55 <= header_qualities("Annual spend 2024 in thousand EUR")["spend"] < 1.0
