"""List entry status read by the rules, on the real bundled CBP data: a revoked, lifted, inactive or removed
entry is history (shown with its status and date, weighed by [list_status]), never a bar on its own; a partially
modified order that still names the party stays in force."""

import shutil
from pathlib import Path

import polars as pl
import pytest

from screener.data import LISTS_DIR
from screener.lists.cbp import parse_cbp
from screener.lists.schema import STATUS, STATUS_ON
from screener.lists.status import IN_FORCE, history_note, status_kind
from screener.pipeline import screen
from screener.schema import RECOMMENDED_ACTION, RULE_ID, SOURCE_ROW, TIER

CBP = LISTS_DIR / "cbp_wro_findings.csv"
ESCALATE = "Escalate"

# Every status wording in the bundled CBP data, and what it means for a supplier that matches it.
CBP_STATUS_KINDS = {
    "active": IN_FORCE,
    "partially modified": IN_FORCE,
    "modified": "modified",
    "inactive (modified)": "modified",
    "revoked": "revoked",
    "inactive-pending litigation": "inactive",
    "removed from the order on 1998-10-06": "removed",
    "removed from the order on 2021-07-23": "removed",
}


@pytest.fixture(scope="module")
def cbp_entries():
    entries, _ = parse_cbp(CBP)
    return entries.filter(~pl.col("is_alias"))


def test_every_status_in_the_bundled_cbp_data_has_a_documented_kind(cbp_entries):
    found = set(cbp_entries.get_column(STATUS).unique().to_list())
    assert found == set(CBP_STATUS_KINDS)
    assert {status: status_kind(status) for status in found} == CBP_STATUS_KINDS


def test_history_entries_carry_the_date_their_status_took_effect(cbp_entries):
    dated = dict(cbp_entries.filter(pl.col(STATUS) != "active").select("name", STATUS_ON).iter_rows())
    assert dated["WRP Asia Pacific Sdn. Bhd."] == "2020-03-23"
    assert dated["Top Glove Corporation Bhd"] == "2021-09-10"
    assert dated["Sime Darby Plantation Berhad"] == "2023-02-03"
    assert dated["Central Romana Corporation Limited"] == "2025-03-17"
    assert dated["Everest Carpet"] == "1998-10-06"
    assert dated["Kingtom Aluminio S.R.L."] is None  # CBP's row says inactive, no change event dates it


def test_entities_no_longer_in_force(cbp_entries):
    kinds = cbp_entries.with_columns(
        pl.col(STATUS).map_elements(status_kind, return_dtype=pl.String).alias("kind")
    )
    counts = dict(kinds.group_by("kind").len().iter_rows())
    assert counts == {IN_FORCE: 62, "modified": 19, "revoked": 2, "inactive": 1, "removed": 4}


def test_an_unknown_wording_stays_in_force():
    assert status_kind("suspended pending review") == IN_FORCE
    assert status_kind(None) == IN_FORCE


def test_history_notes_say_status_and_date():
    assert history_note("revoked", "2020-03-23", "revoked", "order") == "order revoked 2020-03-23"
    assert history_note("modified", "2021-09-10", "modified", "order") == (
        "order modified 2021-09-10 (lifted: goods admitted again)"
    )
    assert history_note("removed from the order on 1998-10-06", "1998-10-06", "removed", "order") == (
        "removed from the order on 1998-10-06"
    )
    assert history_note("inactive-pending litigation", None, "inactive", "order") == (
        "order inactive-pending litigation (date not published)"
    )


SUPPLIERS = (
    "Supplier ID,Supplier Name,Country,Goods\n"
    "1,WRP Asia Pacific Sdn. Bhd.,Malaysia,disposable gloves\n"
    "2,Top Glove Corporation Bhd,Malaysia,disposable gloves\n"
    "3,Sime Darby Plantation Berhad,Malaysia,palm oil\n"
    "4,Central Romana Corporation Limited,Dominican Republic,sugar\n"
    "5,Kingtom Aluminio S.R.L.,Dominican Republic,aluminium\n"
    "6,Kumar Carpet Pvt.,Nepal,carpets\n"
    "7,Everest Carpet,Nepal,carpets\n"
    "8,Hoshine Silicon Industry Co Ltd,China,silicon\n"
    "9,Tunago No. 61,Taiwan,tuna\n"
)
# source row -> (the CBP rule that fires, words the evidence must hold, whether the supplier stays in tier high)
EXPECTED = {
    2: ("list.cbp-wro.revoked", "order revoked 2020-03-23", False),
    3: ("list.cbp-wro.modified", "order modified 2021-09-10 (lifted: goods admitted again)", False),
    4: ("list.cbp-wro.modified", "order modified 2023-02-03 (lifted: goods admitted again)", False),
    5: (
        "list.cbp-wro.modified",
        "order inactive (modified) 2025-03-17 (lifted: goods admitted again)",
        False,
    ),
    6: ("list.cbp-wro.inactive", "order inactive-pending litigation (date not published)", False),
    7: ("list.cbp-wro.match", "order partially modified 2021-07-23 (lifted for other parties or goods", True),
    8: ("list.cbp-wro.removed", "removed from the order on 1998-10-06", False),
    9: ("list.cbp-wro.match", "matches 'Hoshine Silicon Industry Co. Ltd.'", True),
    10: ("list.cbp-wro.revoked", "order revoked 2020-04-01", False),
}


@pytest.fixture(scope="module")
def screened(tmp_path_factory) -> tuple:
    path = tmp_path_factory.mktemp("status") / "suppliers.csv"
    path.write_text(SUPPLIERS, encoding="utf-8")
    screening = screen([path])  # with the bundled risk model: it must not lift a history hit either
    return screening, screening.ranked_suppliers()


@pytest.mark.parametrize("row", sorted(EXPECTED))
def test_each_status_gives_its_outcome(screened, row):
    screening, ranked = screened
    rule_id, words, barred = EXPECTED[row]
    supplier = ranked.filter(pl.col(SOURCE_ROW) == row).row(0, named=True)
    hits = screening.hits.filter(pl.col("row_id") == supplier["row_id"])
    cbp = hits.filter(pl.col(RULE_ID).str.starts_with("list.cbp-wro."))
    assert cbp.get_column(RULE_ID).to_list() == [rule_id]
    assert words in cbp.get_column("evidence")[0]
    if barred:
        assert supplier[TIER] == "high"
        assert supplier[RECOMMENDED_ACTION].startswith(ESCALATE)
    else:
        assert supplier[TIER] != "high"
        assert not supplier[RECOMMENDED_ACTION].startswith(ESCALATE)
        assert hits.filter(pl.col(RULE_ID).str.ends_with(".match")).is_empty()


def test_history_points_come_from_the_rules_file(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text(
        'extends = "default.toml"\n[list_status]\nrevoked = { points = 42, severity = "high", likelihood = 0.5 }\n',
        encoding="utf-8",
    )
    path = tmp_path / "suppliers.csv"
    path.write_text(SUPPLIERS.split("2,Top Glove")[0], encoding="utf-8")
    screening = screen([path], rules=[rules], model=False)
    hit = screening.hits.filter(pl.col(RULE_ID) == "list.cbp-wro.revoked").row(0, named=True)
    assert (hit["points"], hit["severity"], hit["likelihood"]) == (42.0, "high", 0.5)


def test_an_entity_removed_from_the_uflpa_list_is_history(tmp_path):
    source = pl.read_csv(LISTS_DIR / "uflpa_entity_list.csv", infer_schema=False)
    hoshine = pl.col("entity_name").str.starts_with("Hoshine Silicon Industry (Shanshan)")
    assert source.filter(hoshine).height == 2  # listed under two sections: removed from both
    changed = source.with_columns(
        pl.when(hoshine).then(pl.lit("removed from the list")).otherwise(pl.col("status")).alias("status"),
        pl.when(hoshine).then(pl.lit("2026-01-05")).otherwise(pl.col("removed_on")).alias("removed_on"),
    )
    folder = tmp_path / "lists"
    folder.mkdir()
    changed.write_csv(folder / "uflpa_entity_list.csv")
    path = tmp_path / "suppliers.csv"
    path.write_text("Supplier,Country\nHoshine Silicon Industry (Shanshan) Co Ltd,China\n", encoding="utf-8")
    screening = screen([path], lists=[folder / "uflpa_entity_list.csv"], model=False)
    rules = set(screening.hits.get_column(RULE_ID).to_list())
    assert "list.uflpa-entity-list.removed" in rules
    evidence = screening.hits.filter(pl.col(RULE_ID) == "list.uflpa-entity-list.removed").get_column(
        "evidence"
    )[0]
    assert "removed from the list 2026-01-05" in evidence


def test_matches_sheet_shows_entry_status_and_date(tmp_path, screened):
    from screener.report.tables import match_table

    table = match_table(screened[0])
    revoked = table.filter(pl.col("supplier_name") == "WRP Asia Pacific Sdn. Bhd.")
    assert revoked.select("entry_status", "entry_status_on").row(0) == ("revoked", "2020-03-23")


def test_an_entity_delisted_between_two_stored_versions_is_history(tmp_path):
    from screener.lists.store import import_list

    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "lists" / "ofac_raw"
    import_list(fixtures, fmt="ofac", list_id="ofac-sdn", version="2023-12-28")
    newer = tmp_path / "ofac_newer"
    shutil.copytree(fixtures, newer)
    for name in ("sdn.csv", "alt.csv", "add.csv"):  # entity 306 (Banco Nacional de Cuba) delisted
        lines = (newer / name).read_bytes().splitlines(keepends=True)
        (newer / name).write_bytes(b"".join(line for line in lines if not line.startswith(b"306,")))
    import_list(newer, fmt="ofac", list_id="ofac-sdn", version="2024-01-15")
    path = tmp_path / "suppliers.csv"
    path.write_text("Supplier,Country\nBanco Nacional de Cuba,Cuba\n", encoding="utf-8")
    screening = screen([path], model=False)
    hit = screening.hits.filter(pl.col(RULE_ID).str.starts_with("list.ofac-sdn.")).row(0, named=True)
    assert hit[RULE_ID] == "list.ofac-sdn.removed"
    assert hit["evidence"].startswith(
        "OFAC Specially Designated Nationals (SDN) List (2024-01-15): removed entry, history (not in force): "
        "delisted: in version 2023-12-28, not "
        "in version 2024-01-15: 'Banco Nacional de Cuba' matches"
    )
    supplier = screening.ranked_suppliers().row(0, named=True)
    assert supplier[TIER] != "high"
    assert not supplier[RECOMMENDED_ACTION].startswith(ESCALATE)


def test_the_bundled_copy_is_not_a_version_to_delist_from():
    from screener.lists.store import import_list, load_lists

    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "lists" / "ofac_raw"
    import_list(fixtures, fmt="ofac", list_id="ofac-sdn", version="2023-12-28")
    entries = load_lists().entries.filter(pl.col("list_id") == "ofac-sdn")
    assert entries.get_column(STATUS).unique().to_list() == ["listed"]
