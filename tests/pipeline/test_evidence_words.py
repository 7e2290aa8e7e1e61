"""The reasons an officer reads name the file's fields in words: 'audit_result is ...', 'audit_findings says ...',
'no value for grievance_mechanism, worker_organisation' and 'grievance_mechanism = ...' read as the tool's
internals (officer trial t16)."""

from __future__ import annotations

from tests.pipeline.officer import one_sheet_workbook, screened, suppliers_column

HEADER = ["Supplier name", "Country", "Audit result", "Audit findings", "Grievance mechanism"]
ROWS = [
    ["Bravo Textiles Ltd", "BD", "failed", "employer keeps passports of migrant workers", "no"],
    ["Acme Tools GmbH", "DE", "not audited", None, None],
]


def test_reasons_name_the_fields_in_words(tmp_path):
    _, out = screened(one_sheet_workbook(tmp_path / "audits.xlsx", HEADER, ROWS))
    reasons = {name: text.splitlines() for name, text in suppliers_column(out, "Reasons").items()}
    bravo = [line for line in reasons["Bravo Textiles Ltd"] if "audit" in line or "grievance" in line]
    acme = [line for line in reasons["Acme Tools GmbH"] if "audit" in line or "no value for" in line]
    assert bravo == [
        "ILO forced-labour indicator 'Retention of identity documents': audit findings: 'employer keeps passports'",
        "Failed social audit: audit result is 'failed'",
        "No grievance mechanism: grievance mechanism = 'no'",
    ]
    assert acme == [
        "Data gap: no audit: audit result is 'not audited'",
        "Data gap: worker voice: no value for grievance mechanism, worker organisation, recruitment fees",
    ]
