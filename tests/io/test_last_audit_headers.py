"""'Last audit' as French, Spanish, German and Chinese lists write it without the word 'date' is the audit date:
a supplier audited last year was reported 'Data gap: no audit' (found as an officer on a cp1252 French export)."""

from __future__ import annotations

import datetime

import openpyxl

from screener.io import read_suppliers
from tests.pipeline.officer import screened_export

HEADERS = ["Date dernier audit", "Fecha última auditoría", "Letzte Prüfung", "最近审核"]


def test_last_audit_headers_map_to_the_audit_date(tmp_path):
    path = tmp_path / "achats.csv"
    path.write_bytes(
        "Export fournisseurs - Achats France;;;\r\n"
        "Raison sociale;Pays;Montant annuel;Date dernier audit\r\n"
        "Société Générale de Textiles;France;1.234,56 €;12/03/2024\r\n"
        "Usine Côte d'Ivoire SARL;Côte d’Ivoire;12 345,67 €;\r\n".encode("cp1252")
    )
    read = read_suppliers([path])
    assert read.inputs[0].column_map["audit_date"] == "Date dernier audit"
    for header in HEADERS[1:]:
        single = tmp_path / "one.xlsx"
        book = openpyxl.Workbook()
        book.active.append(["Supplier Name", header])
        book.active.append(["Textiles Andinos SA", datetime.date(2024, 3, 15)])
        book.save(single)
        assert read_suppliers([single]).inputs[0].column_map["audit_date"] == header


def test_a_supplier_with_a_last_audit_date_has_no_audit_data_gap(tmp_path):
    screening = screened_export(
        tmp_path,
        "achats.csv",
        "Raison sociale;Pays;Date dernier audit\r\nSociété Générale de Textiles;France;25/03/2024\r\n",
        "cp1252",
    )
    reasons = screening.ranking.get_column("reasons").to_list()[0]
    assert not any("no audit" in reason for reason in reasons)
    assert screening.suppliers.get_column("audit_date_value").to_list() == [datetime.date(2024, 3, 25)]
