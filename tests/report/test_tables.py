"""The workbook views of the report tables: a hit every supplier has is one row; copied columns go once."""

from __future__ import annotations

import polars as pl

from screener.report.tables import ALL_SUPPLIERS, collapse_universal_hits, without_copied_columns


def indicator_rows(hits: list[tuple[int, str, str]]) -> pl.DataFrame:
    """Indicator-table rows (as screener.report.tables.indicator_table lays them out) from (row_id, rule, evidence)."""
    names = {1: "Acme", 2: "Bolt", 3: "Crane"}
    return pl.DataFrame(
        {
            "rank": [row for row, _, _ in hits],
            "tier": ["low"] * len(hits),
            "name": [names[row] for row, _, _ in hits],
            "country": ["China"] * len(hits),
            "rule_id": [rule for _, rule, _ in hits],
            "points": [5.0] * len(hits),
            "evidence": [evidence for _, _, evidence in hits],
            "supplier_id": [f"S-{row}" for row, _, _ in hits],
            "row_id": [row for row, _, _ in hits],
        }
    )


def test_hit_every_supplier_has_with_the_same_evidence_is_one_row_first():
    hits = indicator_rows(
        [
            (1, "dol.forced_labour", "DOL: gloves, Malaysia"),
            (1, "gap.no_audit", "no audit date given"),
            (2, "gap.no_audit", "no audit date given"),
            (3, "gap.no_audit", "no audit date given"),
            (1, "voice.missing", "no grievance channel"),
            (2, "voice.missing", "no grievance channel"),
        ]
    )
    shown = collapse_universal_hits(hits, screened=3)
    assert shown.columns == hits.columns
    assert shown.height == 4  # 3 gap rows became 1; voice.missing (2 of 3 suppliers) keeps its rows
    first = shown.row(0, named=True)
    assert first["rule_id"] == "gap.no_audit"
    assert first["name"] == ALL_SUPPLIERS.format(n=3) == "(all 3 screened suppliers)"
    assert first["evidence"] == "no audit date given" and first["points"] == 5.0
    assert first["rank"] is None and first["supplier_id"] is None and first["row_id"] is None
    rest = shown.slice(1)
    assert sorted(rest.get_column("rule_id").to_list()) == [
        "dol.forced_labour",
        "voice.missing",
        "voice.missing",
    ]
    assert rest.get_column("row_id").null_count() == 0


def test_same_rule_for_everyone_but_different_evidence_keeps_every_row():
    hits = indicator_rows(
        [
            (1, "country.tip", "China: Tier 3"),
            (2, "country.tip", "China: Tier 3"),
            (3, "country.tip", "Laos: Tier 3"),
        ]
    )
    assert collapse_universal_hits(hits, screened=3).equals(hits)


def test_one_supplier_or_no_hits_is_left_as_it_is():
    single = indicator_rows([(1, "gap.no_audit", "no audit date given")])
    assert collapse_universal_hits(single, screened=1).equals(single)
    empty = single.clear()
    assert collapse_universal_hits(empty, screened=3).equals(empty)


def supplier_rows() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "rank": [1, 2, 3],
            "supplier_id": ["0042", "S-2", "S-3"],
            "name": ["Acme", "Bolt", "Crane"],
            "country": ["PRC", "Malaysia", None],
            "goods": ["gloves", "PVC", "timber"],
            "source_file": ["vendors.xlsx"] * 3,
            "source_sheet": ["Vendors", "Vendors", "Old"],
            "source_row": [2, 3, 4],
            "Vendor No": ["0042", "S-2", "S-3"],
            "Vendor Name": ["Acme", "Bolt", "Crane"],
            "Ctry": ["PRC", "Malaysia", None],
            "Material": ["gloves", "PVC ", "timber"],
            "row_id": [1, 2, 3],
        }
    )


def test_canonical_copy_of_an_input_column_gives_way_to_it_in_its_place():
    column_map = {
        "supplier_id": "Vendor No",
        "name": "Vendor Name",
        "country": "Ctry",
        "goods": "Material",
    }
    shown = without_copied_columns(supplier_rows(), [column_map])
    assert shown.columns == [
        "rank",
        "supplier_id",  # read back by the review import: stays, and Vendor No, holding the same, goes
        "name",  # the same: Vendor Name goes
        "Ctry",  # the officer's own column, moved to where the copy of it was
        "goods",  # not an exact copy of Material ("PVC " has a space): both stay
        "source_sheet",  # two sheets: stays
        "source_row",
        "Material",
        "row_id",
    ]
    assert shown.get_column("Ctry").to_list() == ["PRC", "Malaysia", None]


def test_without_a_column_map_only_constant_source_columns_go():
    shown = without_copied_columns(supplier_rows(), [])
    assert "country" in shown.columns and "Ctry" in shown.columns
    assert "source_file" not in shown.columns and "source_sheet" in shown.columns
    one = supplier_rows().head(1)  # one supplier: one file and sheet fill every row too
    assert without_copied_columns(one, []).equals(one.drop("source_file", "source_sheet"))
    assert without_copied_columns(one.clear(), []).equals(one.clear())


def test_an_input_column_copying_supplier_id_or_name_goes_and_a_differing_one_stays():
    """The tool's Supplier ID and name (read back by the review import) beside the file's own 'Vendor No' and
    'Vendor Name' holding the same values showed each twice; the input's copy goes (spaces around a value do not
    count: the tool's copy is stripped), one differing more stays, the cells as the file has them."""
    rows = supplier_rows().with_columns(pl.Series("Vendor Name", [" Acme", "Bolt ", "Crane"]))
    column_map = {"supplier_id": "Vendor No", "name": "Vendor Name"}
    shown = without_copied_columns(rows, [column_map])
    assert [c for c in shown.columns if c in ("supplier_id", "Vendor No", "name", "Vendor Name")] == [
        "supplier_id",
        "name",
    ]
    differing = rows.with_columns(pl.Series("Vendor No", ["0042", "S-2", "S-9"]))
    shown = without_copied_columns(differing, [column_map])
    assert [c for c in shown.columns if c in ("supplier_id", "Vendor No")] == ["supplier_id", "Vendor No"]


def test_a_canonical_column_the_file_gave_nothing_for_goes():
    """No address column in the file: the tool's empty 'Address' column is not shown (it read as data lost)."""
    rows = supplier_rows().with_columns(pl.lit(None, pl.String).alias("address"))
    assert "address" not in without_copied_columns(rows, [{"name": "Vendor Name"}]).columns
    assert "address" in without_copied_columns(rows, [{"name": "Vendor Name", "address": "Street"}]).columns


def test_a_number_column_headed_as_the_tools_own_keeps_its_numbers():
    """A file headed 'spend' (carried as input_spend, its cells typed as numbers) showed its spend as text under
    the tool's 'spend' copy: the copy's place now holds the input's numbers."""
    rows = supplier_rows().with_columns(
        pl.Series("spend", ["300", "200", "100"]), pl.Series("input_spend", [300, 200, 100])
    )
    shown = without_copied_columns(rows, [{"spend": "input_spend"}])
    assert "input_spend" not in shown.columns
    assert shown.get_column("spend").to_list() == [300, 200, 100]
