"""Column names shared between pipeline stages: the data contracts (docs/architecture.md), in one place.

Column names are part of the library's API. A stage reads and writes these names and nothing else of another
stage's frames.
"""

from __future__ import annotations

# --- suppliers (screener.io) -----------------------------------------------------------------------------------
ROW_ID = "row_id"  # 1-based, stable across the whole run (all input files, in order)
SOURCE_FILE = "source_file"
SOURCE_SHEET = "source_sheet"  # null for csv
SOURCE_ROW = "source_row"  # the row number a person sees in Excel (for a csv: its record number, header = 1)

# Canonical supplier fields a file's columns are mapped to (by synonyms, in several languages). Every input column
# is also carried through under its own header.
SUPPLIER_ID = "supplier_id"
NAME = "name"
COUNTRY = "country"  # as given
COUNTRY_CODE = "country_code"  # ISO 3166-1 alpha-2 or null, added by screener.normalize.countries
ADDRESS = "address"
CITY = "city"
REGION = "region"  # province / state
GOODS = "goods"  # free text as given
HS_CODE = "hs_code"
SPEND = "spend"
CURRENCY = "currency"  # the spend's currency when a column of its own gives it (SAP WAERS, "Währung")
AUDIT_DATE = "audit_date"
AUDIT_RESULT = "audit_result"
AUDIT_FINDINGS = "audit_findings"
# Company identifiers as given (screener.normalize.identifiers checks and compacts them for matching).
VAT_NUMBER = "vat_number"  # VAT / USt-IdNr. / TVA / NIF / P.IVA
TAX_NUMBER = "tax_number"  # national tax number (Steuernummer, INN, EIN...)
USCC = "uscc"  # China's Unified Social Credit Code (统一社会信用代码)
LEI = "lei"
DUNS = "duns"
IMO_NUMBER = "imo_number"
REGISTRATION_NUMBER = "registration_number"  # company / commercial register number
IDENTIFIER_FIELDS = (VAT_NUMBER, TAX_NUMBER, USCC, LEI, DUNS, IMO_NUMBER, REGISTRATION_NUMBER)


def field_words(field: str) -> str:
    """A canonical field as an officer's message names it ('supplier name', 'supplier number', 'audit date')."""
    return {NAME: "supplier name", SUPPLIER_ID: "supplier number"}.get(field, field.replace("_", " "))


CANONICAL_SUPPLIER_FIELDS = (
    SUPPLIER_ID,
    NAME,
    COUNTRY,
    ADDRESS,
    CITY,
    REGION,
    GOODS,
    HS_CODE,
    SPEND,
    CURRENCY,
    AUDIT_DATE,
    AUDIT_RESULT,
    AUDIT_FINDINGS,
    *IDENTIFIER_FIELDS,
)

# Typed values added by screener.normalize (spend, typed) beside the input's own text.
SPEND_VALUE = "spend_value"  # the spend as written (sign and magnitude applied), in its own currency
SPEND_CURRENCY = "spend_currency"  # ISO 4217 code of that amount, null when it cannot be told
SPEND_CONVERTED = "spend_converted"  # the spend in the reporting currency; null without a currency or a rate
AUDIT_DATE_VALUE = "audit_date_value"  # the audit date as a date (null when empty, unreadable or ambiguous)
TYPED_VALUE_COLUMNS = (SPEND_VALUE, SPEND_CURRENCY, SPEND_CONVERTED, AUDIT_DATE_VALUE)

# Worker-voice and workforce fields, mapped by screener.io like the canonical ones (when a file has them), for
# indicator rules. Values are text as given (e.g. "yes", "none", "35%").
GRIEVANCE_MECHANISM = "grievance_mechanism"
WORKER_SURVEY_RESULT = "worker_survey_result"
WORKER_ORGANISATION = "worker_organisation"  # union / worker committee
RECRUITMENT_FEES = "recruitment_fees"  # recruitment fees paid by workers
MIGRANT_WORKER_SHARE = "migrant_worker_share"
AGENCY_WORKER_SHARE = "agency_worker_share"
FEMALE_WORKER_SHARE = "female_worker_share"
CERTIFICATIONS = "certifications"
WORKER_VOICE_FIELDS = (
    GRIEVANCE_MECHANISM,
    WORKER_SURVEY_RESULT,
    WORKER_ORGANISATION,
    RECRUITMENT_FEES,
    MIGRANT_WORKER_SHARE,
    AGENCY_WORKER_SHARE,
    FEMALE_WORKER_SHARE,
    CERTIFICATIONS,
)
# Canonical columns the reader always outputs (null when the file has no such column).
CORE_SUPPLIER_FIELDS = (SUPPLIER_ID, NAME, COUNTRY, ADDRESS, GOODS)

# --- rejected rows ------------------------------------------------------------------------------------------------
REASON = "reason"
REJECTED_COLUMNS = (ROW_ID, SOURCE_FILE, SOURCE_SHEET, SOURCE_ROW, REASON)

# --- list entries (screener.lists): one row per name or alias ---------------------------------------------------
LIST_ID = "list_id"
ENTITY_ID = "entity_id"
IS_ALIAS = "is_alias"
PROGRAM = "program"
LISTED_ON = "listed_on"
SOURCE_URL = "source_url"
LIST_VERSION = "list_version"
ENTITY_NAME = "entity_name"  # the entity's primary name, repeated on its alias rows
ENTITY_TYPE = "entity_type"  # entity / vessel / individual / aircraft
LIST_ENTRY_COLUMNS = (
    LIST_ID,
    ENTITY_ID,
    NAME,
    IS_ALIAS,
    ENTITY_NAME,
    ENTITY_TYPE,
    COUNTRY_CODE,
    ADDRESS,
    PROGRAM,
    LISTED_ON,
    SOURCE_URL,
    LIST_VERSION,
)

# --- matches (screener.match) -------------------------------------------------------------------------------------
MATCHED_NAME = "matched_name"
PROBABILITY = "probability"
BAND = "band"  # match / review / none
EXPLANATION = "explanation"
BANDS = ("match", "review", "none")

# --- indicator hits (screener.indicators) --------------------------------------------------------------------------
RULE_ID = "rule_id"
CATEGORY = "category"
POINTS = "points"
SEVERITY = "severity"
EVIDENCE = "evidence"
INDICATOR_HIT_COLUMNS = (ROW_ID, RULE_ID, CATEGORY, POINTS, SEVERITY, EVIDENCE)

# --- ranking (screener.risk) --------------------------------------------------------------------------------------
SCORE = "score"
TIER = "tier"  # high / medium / low
RANK = "rank"
MODEL_PROBABILITY = "model_probability"
REASONS = "reasons"
RECOMMENDED_ACTION = "recommended_action"
TIERS = ("high", "medium", "low")

# --- data quality (screener.quality): what the tool noticed about the input ----------------------------------------
CHECK = "check"  # short id of the check that found it: duplicate_id, unrecognised_country...
COLUMN = "column"  # the input's own header of the column concerned
VALUE = "value"  # the value found, as text
DETAIL = "detail"  # what it means and what to do, in words
DATA_QUALITY_COLUMNS = (CHECK, SOURCE_FILE, SOURCE_SHEET, SOURCE_ROW, COLUMN, VALUE, DETAIL, ROW_ID)
DUPLICATE_OF = "duplicate_of"  # on the Suppliers table: "Duplicate of row 5 (same supplier id)"
